"""Team pictures for HR: development, not judgement.

Skills per person and item (skill items only: satisfaction, attitude and climate are no level
someone masters, see Item.is_skill), the skills only one person masters, the learning climate per
condition, trends across rounds and how follow-up actions fare. Every figure comes from one SQL
aggregate; only submitted sides count, since a draft may still change. A team is a manager's
current direct reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlite_utils

from db import actions, conversations, people, rounds
from db._rows import to_date
from devtalk.domain import access
from devtalk.domain.models import ACTION_KINDS, HELPED, JobFunction, Person, Round
from devtalk.domain.team import VIEWS, ActionLine, ActionsOverview, ClimateFigure, Heatmap, SinglePoint, Trends
from devtalk.errors import InvalidInput, NotFound
from devtalk.questionnaire import CONDITIONS, Item, Questionnaire
from devtalk.services.actions import without_hidden_drafts
from devtalk.services.library import get_version, parsed

MASTERY = 4  # from this value on someone masters a skill well enough to pass it on
MIN_RESPONDENTS = 3  # smaller groups are not shown: nobody may be recognisable in a climate figure


@dataclass(frozen=True)
class Filters:
    rounds: list[Round]  # newest first
    functions: list[JobFunction]
    teams: list[Person]  # everyone who leads someone now


def filter_options(db: sqlite_utils.Database, actor: Person) -> Filters:
    access.require_hr(actor)
    everyone = people.list_people(db)
    leading = {person.manager_id for person in everyone}
    return Filters(rounds.list_rounds(db), people.list_functions(db), [p for p in everyone if p.id in leading])


def _round_questionnaire(db: sqlite_utils.Database, round_id: int) -> tuple[Round, Questionnaire]:
    found = rounds.get_round(db, round_id)
    if found is None:
        raise NotFound()
    return found, parsed(get_version(db, found.questionnaire_version_id))


def heatmap(db: sqlite_utils.Database, actor: Person, round_id: int, function_id: str, team_id: int | None = None) -> Heatmap:
    """People (rows) x skill items (columns) of one function in one round, every view at once."""
    access.require_hr(actor)
    found, questionnaire = _round_questionnaire(db, round_id)
    items = questionnaire.skill_items(function_id)
    asked = {item.id for item in items}
    rows = tuple(conversations.heatmap_people(db, round_id, function_id, team_id))
    cells = {(person_id, item_id): (employee, manager, average) for person_id, item_id, employee, manager, average
             in conversations.heatmap_cells(db, round_id, function_id, team_id) if item_id in asked}
    points = [point for item in items for point in questionnaire.scale_of(item).points] or [1, 5]
    return Heatmap(found, items, rows, cells, (min(points), max(points)))


def single_points_of_failure(
    db: sqlite_utils.Database, actor: Person, round_id: int, function_id: str, team_id: int | None = None
) -> list[SinglePoint]:
    """The function's skills that at most one person masters (a value of 4 or more on either side)."""
    access.require_hr(actor)
    _, questionnaire = _round_questionnaire(db, round_id)
    masters = {item_id: (count, first) for item_id, count, first in
               conversations.masters_per_item(db, round_id, function_id, team_id, MASTERY)}
    few = [(item, *masters.get(item.id, (0, None))) for item in questionnaire.skill_items(function_id)]
    few = [(item, count, first) for item, count, first in few if count <= 1]
    named = people.people_by_id(db, [first for _, _, first in few if first is not None])
    return [SinglePoint(item, count, named.get(first)) for item, count, first in few]


def learning_climate(db: sqlite_utils.Database, actor: Person, round_id: int, team_id: int | None = None) -> list[ClimateFigure]:
    """The team's average employee answer per learning-climate condition of the round's questionnaire;
    only for groups of at least MIN_RESPONDENTS people."""
    access.require_hr(actor)
    _, questionnaire = _round_questionnaire(db, round_id)
    conditions = {item.id: section.condition for section in questionnaire.sections if section.condition
                  for item in section.items if item.type == "likert"}
    shown = {condition: average for condition, _, average in
             conversations.climate_averages(db, round_id, team_id, conditions, MIN_RESPONDENTS)}
    present = set(conditions.values())
    return [ClimateFigure(condition, shown.get(condition)) for condition in CONDITIONS if condition in present]


def trends(
    db: sqlite_utils.Database, actor: Person, function_id: str | None, team_id: int | None = None, view: str = "average"
) -> Trends:
    """Per skill item id the average per round, oldest round first; items match across questionnaire
    versions by id, and the newest version that asks an item says whether it is a skill."""
    access.require_hr(actor)
    if view not in VIEWS:
        raise InvalidInput()
    side = None if view == "average" else view
    averages = {(round_id, item_id): (average, respondents) for round_id, item_id, average, respondents in
                conversations.item_averages_per_round(db, function_id, team_id, side)}
    held = sorted(rounds.rounds_by_id(db, {round_id for round_id, _ in averages}).values(), key=lambda r: (r.created_at, r.id))
    asked: dict[str, Item] = {}
    for found in held:
        asked.update({item.id: item for item in parsed(get_version(db, found.questionnaire_version_id)).items_for(function_id, "manager")})
    items = {item_id: item for item_id, item in asked.items() if item.is_skill}
    return Trends(held, items, {key: value for key, value in averages.items() if key[1] in items})


def actions_overview(
    db: sqlite_utils.Database, actor: Person, kind: str | None = None, status: str | None = None,
    team_id: int | None = None, today: date | None = None,
) -> ActionsOverview:
    """Every follow-up action, overdue first, and per kind how often earlier ones helped."""
    access.require_hr(actor)
    today = today or date.today()
    lines = [
        ActionLine(row["id"], row["what"], row["kind"], row["status"], to_date(row["due_date"]), row["helped"],
                   row["employee"], row["team"], row["owner"], row["round"], bool(row["overdue"]))
        for row in without_hidden_drafts(db, actor, actions.actions_overview(db, today.isoformat(), kind, status, team_id))
    ]
    ratings: dict[str, dict[str, int]] = {}
    for rated_kind, helped, count in actions.ratings_per_kind(db, team_id):
        ratings.setdefault(rated_kind, dict.fromkeys(HELPED, 0))[helped] = count
    order = {kind: index for index, kind in enumerate(ACTION_KINDS)}
    return ActionsOverview(lines, dict(sorted(ratings.items(), key=lambda entry: order.get(entry[0], len(order)))))
