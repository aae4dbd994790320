"""The skills matrix: people x skills against what each job function requires, per skill how many
master it against the team's minimum, the single points of failure (critical skills and
certificates held by fewer people than the minimum), and each person's gaps.

HR sees everyone; a manager sees their own team (their current direct reports); anyone else is
refused, on every call. The skills are those of the newest round's questionnaire (the one people
are being asked now), its sections that apply to the people shown. The minimums count the whole
team, whichever filter is on: someone of another job function who masters a skill still counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlite_utils

from db import audit, people, rounds, settings
from db.connection import transaction
from db.matrix import latest_levels
from db.skills import requirements as stored_requirements
from db.skills import team_minimums
from devtalk.domain import access
from devtalk.domain.matrix import (
    DEFAULT_MINIMUM,
    MET,
    NOT_ASKED,
    Cell,
    Level,
    Matrix,
    Minimum,
    SinglePoint,
    Skill,
    SkillCount,
    cell,
    gaps_of,
    masters,
    short_teams,
)
from devtalk.domain.models import JobFunction, Person
from devtalk.domain.skills import Requirement, required_on
from devtalk.errors import NotAllowed
from devtalk.presentation.pdf.skills_matrix import matrix_document
from devtalk.questionnaire import Questionnaire, Section
from devtalk.services import certificates
from devtalk.services.library import get_version, parsed
from devtalk.spreadsheets.matrix_export import matrix_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Filters:
    teams: list[Person]  # HR: everyone who leads someone now; a manager: themselves
    functions: list[JobFunction]
    sections: tuple[Section, ...]  # the questionnaire's sections that hold skills


def filter_options(db: sqlite_utils.Database, actor: Person) -> Filters:
    """What the matrix can be filtered by, for this person."""
    everyone = _visible(db, actor, None)
    questionnaire = _questionnaire(db)
    if access.sees_every_conversation(actor):
        teams = list(people.people_by_id(db, {p.manager_id for p in everyone if p.manager_id}).values())
    else:
        teams = [actor]
    used = {person.function_id for person in everyone}
    functions = [function for function in people.list_functions(db) if function.id in used]
    sections = () if questionnaire is None else tuple(
        section for section in questionnaire.sections if _skills_of(questionnaire, section, None))
    return Filters(sorted(teams, key=lambda p: p.name.casefold()), functions, sections)


def matrix(
    db: sqlite_utils.Database, actor: Person, team_id: int | None = None, function_id: str | None = None,
    section_id: str | None = None, today: date | None = None,
) -> Matrix:
    """The matrix for the people this person may see, narrowed by team, job function and section."""
    today = today or date.today()
    team = _visible(db, actor, team_id)
    shown = tuple(person for person in team if function_id is None or person.function_id == function_id)
    questionnaire = _questionnaire(db)
    managers = people.people_by_id(db, {person.manager_id for person in team if person.manager_id})
    if questionnaire is None or not shown:
        return Matrix(shown, (), tuple(() for _ in shown), (), (), {}, today)
    skills = _columns(questionnaire, {person.function_id for person in shown}, section_id)
    requirements = {(found.function_id, found.item_id): found for found in stored_requirements(db, questionnaire.id)}
    levels: dict[tuple[int, str], Level] = {
        (row[0], row[1]): row[2:] for row in latest_levels(db, [person.id for person in team])}

    # Per job function once, what each column asks of it (not asked, or the required level on the
    # skill's scale): twelve thousand cells then only look up their level.
    columns = {function: [(skill.item.id, skill.asked_of(function), required_on(skill.scale, found.level)
                           if (found := requirements.get((function, skill.item.id))) else None) for skill in skills]
               for function in {person.function_id for person in team}}

    asked_level = {(function, item_id): level for function, column in columns.items() for item_id, _, level in column}

    def required(person: Person, skill: Skill) -> int | None:
        return asked_level[(person.function_id, skill.item.id)]

    rows = tuple(tuple(cell(levels.get((person.id, item_id)), level) if asked else NOT_ASKED
                       for item_id, asked, level in columns[person.function_id])
                 for person in shown)
    critical: dict[str | None, set[str]] = {}
    for (function, item), found in requirements.items():
        if found.critical:
            critical.setdefault(function, set()).add(item)
    minimums = _minimums(db, questionnaire, team, requirements)
    holders = [_holders(skill, team, minimums, levels, required) for skill in skills]
    counts = tuple(_count(skill, [row[index] for row in rows], shown, minimums, holders[index])
                   for index, skill in enumerate(skills))
    points = (*(point for skill, held in zip(skills, holders) for point in _skill_points(skill, held, minimums, managers)),
              *_certificate_points(db, actor, team_id, team, managers, today))
    gaps = {person.id: found for person, row in zip(shown, rows)
            if (found := gaps_of(row, skills, critical.get(person.function_id, set())))}
    return Matrix(shown, skills, rows, counts, tuple(points), gaps, today)


def matrix_xlsx(db: sqlite_utils.Database, actor: Person, lang: str, **filters) -> bytes:
    """The matrix as an Excel workbook (values and colours), recorded in the audit log."""
    found = matrix(db, actor, **filters)
    data = matrix_workbook(found, lang)
    _record_export(db, actor, "xlsx", len(found.people))
    return data


def matrix_pdf(db: sqlite_utils.Database, actor: Person, lang: str, **filters) -> bytes:
    """The matrix as a printable PDF (A3 landscape) for the workshop wall, recorded in the audit log."""
    found = matrix(db, actor, **filters)
    data = matrix_document(found, lang, settings.get_setting(db, "firm_name", "") or "")
    _record_export(db, actor, "pdf", len(found.people))
    return data


def _record_export(db: sqlite_utils.Database, actor: Person, fmt: str, rows: int) -> None:
    with transaction(db):
        audit.record_event(db, access.recorded_id(actor), "export.matrix", "export", "matrix",
                           detail={"format": fmt, "rows": rows})


def _visible(db: sqlite_utils.Database, actor: Person, team_id: int | None) -> tuple[Person, ...]:
    """The active people this person may see in the matrix: HR everyone (or one team), a manager
    their own team; anyone else is refused."""
    if access.sees_every_conversation(actor):
        found = people.list_people(db, active_only=True) if team_id is None else people.direct_reports(db, team_id)
        return tuple(person for person in found if person.active)
    if team_id not in (None, actor.id):
        raise NotAllowed()
    team = tuple(person for person in people.direct_reports(db, actor.id) if person.active and access.leads(actor, person))
    if not team:
        raise NotAllowed("matrix.no_team")
    return team


def _questionnaire(db: sqlite_utils.Database) -> Questionnaire | None:
    newest = next(iter(rounds.list_rounds(db)), None)
    return None if newest is None else parsed(get_version(db, newest.questionnaire_version_id))


def _skills_of(questionnaire: Questionnaire, section: Section, functions: set[str | None] | None) -> tuple[Skill, ...]:
    """The section's skill items (not satisfaction, attitude or the learning climate, whose answers
    are only ever shown for a group) when it applies to one of ``functions`` (None: any)."""
    if section.employee_only or (functions is not None and not any(section.applies_to(f) for f in functions)):
        return ()
    return tuple(Skill(item, section.id, questionnaire.scale_of(item), section.functions)
                 for item in section.items if item.is_skill)


def _columns(questionnaire: Questionnaire, functions: set[str | None], section_id: str | None) -> tuple[Skill, ...]:
    return tuple(skill for section in questionnaire.sections if section_id in (None, section.id)
                 for skill in _skills_of(questionnaire, section, functions))


def _minimums(db, questionnaire: Questionnaire, team: tuple[Person, ...],
              requirements: dict[tuple, Requirement]) -> dict[tuple[int, str], Minimum]:
    """(team, item) -> the team's minimum: the one HR set, else DEFAULT_MINIMUM at each person's
    required level for a skill critical to one of the team's job functions."""
    found = {(minimum.manager_id, minimum.item_id): Minimum(minimum.people, minimum.level)
             for minimum in team_minimums(db, questionnaire.id)}
    for person in team:
        for (function, item), requirement in requirements.items():
            if requirement.critical and function == person.function_id and person.manager_id:
                found.setdefault((person.manager_id, item), Minimum(DEFAULT_MINIMUM, None))
    return found


def _holders(skill: Skill, team: tuple[Person, ...], minimums, levels, required) -> dict[int, list[str]]:
    """Per team with a minimum on the skill, the names of who reach it."""
    holders: dict[int, list[str]] = {}
    for person in team:
        minimum = minimums.get((person.manager_id, skill.item.id))
        if minimum is None:
            continue
        threshold = minimum.level if minimum.level is not None else required(person, skill)
        names = holders.setdefault(person.manager_id, [])
        if masters(levels.get((person.id, skill.item.id)), threshold):
            names.append(person.name)
    return holders


def _count(skill: Skill, cells: list[Cell], shown: tuple[Person, ...], minimums, holders: dict[int, list[str]]) -> SkillCount:
    wanted = {person.manager_id: minimums[(person.manager_id, skill.item.id)].people for person in shown
              if (person.manager_id, skill.item.id) in minimums}
    return SkillCount(
        skill, sum(state == MET for *_, state in cells), sum(cell[2] is not None for cell in cells),
        sum(wanted.values()) if wanted else None, sum(len(holders.get(manager, ())) for manager in wanted),
        any(len(holders.get(manager, ())) < people for manager, people in wanted.items()))


def _skill_points(skill: Skill, holders: dict[int, list[str]], minimums, managers: dict[int, Person]) -> list[SinglePoint]:
    wanted = {manager: minimum.people for (manager, item), minimum in minimums.items() if item == skill.item.id}
    return short_teams(holders, wanted, managers, skill=skill)


def _certificate_points(db, actor: Person, team_id: int | None, team: tuple[Person, ...], managers: dict[int, Person],
                        today: date) -> list[SinglePoint]:
    """Each team's certificate types held validly (not expired today) by fewer of its people than
    the minimum HR set."""
    held = certificates.holders(db, actor, team_id, today)
    names = {person.id: person.name for person in team}
    types = {kind.id: kind for kind in certificates.list_types(db, actor) if kind.active}
    wanted = sorted(((manager, type_id, people) for (manager, type_id), people in certificates.all_minimums(db, actor).items()
                     if type_id in types and manager in managers),
                    key=lambda entry: (types[entry[1]].name.casefold(), managers[entry[0]].name.casefold()))
    points = []
    for manager, type_id, minimum in wanted:
        holders = sorted(names[person_id] for person_id in held.get(manager, {}).get(type_id, ()) if person_id in names)
        points += short_teams({manager: holders}, {manager: minimum}, managers, certificate=types[type_id].name)
    return points
