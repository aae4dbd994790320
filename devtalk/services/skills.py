"""Skills against what a job function requires: HR's requirements and team minimums, the level a
report agrees per skill item, and each person's latest level for the skills matrix."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import sqlite_utils

from db import audit, matrix, people, reports
from db import questionnaires as versions
from db import skills as store
from db.connection import transaction
from devtalk.domain import access
from devtalk.domain.models import Answer, Person
from devtalk.domain.skills import LatestLevel, Requirement, TeamMinimum
from devtalk.errors import InvalidInput, NotAllowed, NotFound
from devtalk.questionnaire import Item, Questionnaire, Scale
from devtalk.services import certificates
from devtalk.services.conversations import (
    ComparisonView,
    comparison_view,
    get_conversation,
)
from devtalk.services.library import parsed


def latest_questionnaire(db: sqlite_utils.Database, questionnaire_id: str) -> Questionnaire:
    """The newest stored version of a questionnaire: requirements are set on the items it holds now."""
    found = [version for version in versions.list_versions(db) if version.questionnaire_id == questionnaire_id]
    if not found:
        raise NotFound()
    return parsed(max(found, key=lambda version: version.version))


def requirements(db: sqlite_utils.Database, actor: Person, questionnaire_id: str,
                 function_id: str | None = None) -> list[Requirement]:
    access.require_hr(actor)
    return store.requirements(db, questionnaire_id, function_id)


def set_requirement(db: sqlite_utils.Database, actor: Person, function_id: str, questionnaire_id: str, item_id: str,
                    level: int | None, critical: bool = False) -> None:
    """HR sets the level a job function requires of one skill item, and whether it is critical;
    no level and not critical removes the requirement."""
    access.require_hr(actor)
    if people.get_function(db, function_id) is None:
        raise NotFound()
    questionnaire = latest_questionnaire(db, questionnaire_id)
    item = next((item for item in questionnaire.skill_items(function_id) if item.id == item_id), None)
    if item is None:
        raise InvalidInput("skills.not_a_skill_of_function")
    if level is not None and level not in questionnaire.scale_of(item).points:
        raise InvalidInput("skills.level_off_scale")
    with transaction(db):
        store.set_requirement(db, Requirement(function_id, questionnaire_id, item_id, level, bool(critical)))
        audit.record_event(db, access.recorded_id(actor), "skills.requirement", "job_function", function_id,
                           {"item": item_id, "level": "-" if level is None else level, "critical": bool(critical)})


@dataclass(frozen=True)
class RequirementRow:
    """One skill item of a job function on HR's form, with its scale and what is required now."""

    item: Item
    scale: Scale
    requirement: Requirement | None


def requirement_rows(db: sqlite_utils.Database, actor: Person, questionnaire_id: str,
                     function_id: str) -> list[RequirementRow]:
    """The skill items HR can set a required level on for this job function, in questionnaire order."""
    access.require_hr(actor)
    questionnaire = latest_questionnaire(db, questionnaire_id)
    set_now = {r.item_id: r for r in store.requirements(db, questionnaire_id, function_id)}
    return [RequirementRow(item, questionnaire.scale_of(item), set_now.get(item.id))
            for item in questionnaire.skill_items(function_id)]


def critical_items(db: sqlite_utils.Database, actor: Person, questionnaire_id: str) -> list[RequirementRow]:
    """The skill items some job function marks critical: the ones a team minimum can be set on."""
    access.require_hr(actor)
    questionnaire = latest_questionnaire(db, questionnaire_id)
    critical = {r.item_id for r in store.requirements(db, questionnaire_id) if r.critical}
    return [RequirementRow(item, questionnaire.scale_of(item), None)
            for item in questionnaire.all_items() if item.id in critical]


def teams(db: sqlite_utils.Database, actor: Person) -> list[Person]:
    """The managers who lead someone now, by name: the teams a minimum can be set for."""
    access.require_hr(actor)
    everyone = people.list_people(db, active_only=True)
    leaders = {person.manager_id for person in everyone if person.manager_id}
    return sorted((person for person in everyone if person.id in leaders), key=lambda person: person.name.casefold())


def team_minimums(db: sqlite_utils.Database, actor: Person, questionnaire_id: str,
                  manager_id: int | None = None) -> list[TeamMinimum]:
    """HR reads every team's minimums; a manager their own team's."""
    if not access.sees_every_conversation(actor):
        if not access.may_act(actor) or actor.restricted or manager_id not in (None, actor.id):
            raise NotAllowed()
        manager_id = actor.id
    return store.team_minimums(db, questionnaire_id, manager_id)


def set_team_minimum(db: sqlite_utils.Database, actor: Person, manager_id: int, questionnaire_id: str, item_id: str,
                     people_needed: int, level: int) -> None:
    """HR sets how many of a manager's team must master a critical skill at ``level`` or higher;
    0 people removes the minimum."""
    access.require_hr(actor)
    if people.get_person(db, manager_id) is None:
        raise NotFound()
    if people_needed < 0:
        raise InvalidInput("skills.people_negative")
    critical = {r.item_id for r in store.requirements(db, questionnaire_id) if r.critical}
    if people_needed and item_id not in critical:
        raise InvalidInput("skills.minimum_not_critical")
    questionnaire = latest_questionnaire(db, questionnaire_id)
    if people_needed and level not in questionnaire.scale_of(questionnaire.item(item_id)).points:
        raise InvalidInput("skills.level_off_scale")
    with transaction(db):
        store.set_team_minimum(db, TeamMinimum(manager_id, questionnaire_id, item_id, people_needed, level))
        audit.record_event(db, access.recorded_id(actor), "skills.team_minimum", "person", manager_id,
                           {"item": item_id, "needed": people_needed, "level": level})



def levelled_view(db: sqlite_utils.Database, actor: Person, conversation_id: int) -> ComparisonView:
    """The comparison with each skill item's required level for the employee's job function and,
    for whoever may read the report as it stands, the level it agreed (a draft's stays the manager's)."""
    view = comparison_view(db, actor, conversation_id)
    required = {r.item_id: r for r in store.requirements(db, view.questionnaire.id, view.employee.function_id)}
    report = reports.get_report(db, conversation_id)
    readable = report is not None and access.can_read_report(actor, view.conversation, finalised=bool(report.finalised_at))
    agreed = store.agreed_levels(db, conversation_id) if readable else {}
    return replace(view, comparison=view.comparison.with_levels(required, agreed))


def agreed_levels(db: sqlite_utils.Database, actor: Person, conversation_id: int) -> dict[str, Answer]:
    """The levels the report agreed, by item id, for whoever may read the report as it stands
    (none yet for the employee while it is a draft)."""
    return {row.item.id: row.agreed for row in levelled_view(db, actor, conversation_id).comparison.likert if row.agreed}


def set_agreed_level(db: sqlite_utils.Database, actor: Person, conversation_id: int, item_id: str,
                     value: int | None, not_applicable: bool = False) -> Answer:
    """The conversation's manager records the level agreed on one skill item while the report is a
    draft; it is final with the report."""
    with transaction(db):
        conversation = get_conversation(db, actor, conversation_id)
        if not access.can_write_report(actor, conversation):
            raise NotAllowed()
        if conversation.status != "held" or reports.get_report(db, conversation_id) is None:
            raise InvalidInput("report.not_editable")
        view = comparison_view(db, actor, conversation_id)
        row = view.comparison.likert_row(item_id)
        if row is None or row.item not in view.questionnaire.skill_items(view.employee.function_id):
            raise InvalidInput("skills.not_a_skill_of_function")
        if not_applicable and not row.scale.not_applicable:
            raise InvalidInput("skills.level_off_scale")
        if not not_applicable and value not in row.scale.points:
            raise InvalidInput("skills.level_off_scale")
        level = Answer(item_id, None if not_applicable else value, bool(not_applicable))
        store.set_agreed_level(db, conversation_id, level)
    return level


# Conversations are yearly: a certificate that runs out within a year runs out before the next one.
UNTIL_NEXT_ROUND = timedelta(days=365)


def certificate_gaps(db: sqlite_utils.Database, actor: Person, person_id: int, today: date | None = None) -> list[str]:
    """The names of the certificates the person's job function requires that are missing or run
    out before the next round, for the agenda."""
    today = today or date.today()
    return [row.type.name for row in certificates.gaps(db, actor, person_id, before=today + UNTIL_NEXT_ROUND, today=today)]


def agreed_or_prefilled(view: ComparisonView) -> dict[str, Answer]:
    """Per skill item the level the report shows as agreed: the recorded one, else the manager's
    own answer, which the report starts from."""
    skill_ids = {item.id for item in view.questionnaire.skill_items(view.employee.function_id)}
    return {row.item.id: row.agreed or row.manager for row in view.comparison.likert
            if row.item.id in skill_ids and (row.agreed or row.manager)}


def keep_prefilled_levels(db: sqlite_utils.Database, actor: Person, conversation_id: int) -> None:
    """On finalising: every skill level the manager left as prefilled is agreed as shown."""
    view = levelled_view(db, actor, conversation_id)
    for item_id, level in agreed_or_prefilled(view).items():
        if view.comparison.likert_row(item_id).agreed is None and (level.value is not None or level.not_applicable):
            store.set_agreed_level(db, conversation_id, Answer(item_id, level.value, level.not_applicable))


def latest_levels(db: sqlite_utils.Database, actor: Person, person_ids: list[int]) -> list[LatestLevel]:
    """Per person and item their latest level: the agreed level of their latest held conversation's
    final report, else (marked not agreed) the manager's answer in it. HR may ask for anyone, a
    manager for their own team, an employee for themself."""
    if not access.sees_every_conversation(actor):
        found = people.people_by_id(db, person_ids)
        if any(person_id not in found or not (person_id == actor.id or access.leads(actor, found[person_id]))
               for person_id in person_ids) or not access.may_act(actor):
            raise NotAllowed()
    return [LatestLevel(person_id, item_id, value, bool(not_applicable), bool(agreed))
            for person_id, item_id, value, not_applicable, agreed in matrix.latest_levels(db, list(person_ids))]
