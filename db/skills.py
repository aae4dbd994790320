"""Skill requirements per job function, team minimums for critical skills, and the agreed levels a
report records: one row each, written a row at a time by the skills service."""

from __future__ import annotations

import sqlite_utils

from db._rows import now
from devtalk.domain.models import Answer
from devtalk.domain.skills import Requirement, TeamMinimum


def requirements(db: sqlite_utils.Database, questionnaire_id: str, function_id: str | None = None) -> list[Requirement]:
    """Every requirement on the questionnaire's items, or one job function's."""
    where, params = "questionnaire_id = ?", [questionnaire_id]
    if function_id is not None:
        where, params = where + " AND function_id = ?", params + [function_id]
    return [Requirement(row["function_id"], row["questionnaire_id"], row["item_id"], row["level"], bool(row["critical"]))
            for row in db["skill_requirements"].rows_where(where, params, order_by="function_id, item_id")]


def set_requirement(db: sqlite_utils.Database, requirement: Requirement) -> None:
    """Store one requirement; one with no level that is not critical asks nothing and is removed."""
    keys = {"function_id": requirement.function_id, "questionnaire_id": requirement.questionnaire_id,
            "item_id": requirement.item_id}
    if requirement.level is None and not requirement.critical:
        db.execute("DELETE FROM skill_requirements WHERE function_id = :function_id"
                   " AND questionnaire_id = :questionnaire_id AND item_id = :item_id", keys)
        return
    db["skill_requirements"].upsert(
        keys | {"level": requirement.level, "critical": int(requirement.critical), "updated_at": now()},
        pk=("function_id", "questionnaire_id", "item_id"))


def team_minimums(db: sqlite_utils.Database, questionnaire_id: str, manager_id: int | None = None) -> list[TeamMinimum]:
    """Every team minimum on the questionnaire's items, or one team's (by its manager)."""
    where, params = "questionnaire_id = ?", [questionnaire_id]
    if manager_id is not None:
        where, params = where + " AND manager_id = ?", params + [manager_id]
    return [TeamMinimum(row["manager_id"], row["questionnaire_id"], row["item_id"], row["people"], row["level"])
            for row in db["team_minimums"].rows_where(where, params, order_by="manager_id, item_id")]


def set_team_minimum(db: sqlite_utils.Database, minimum: TeamMinimum) -> None:
    """Store one team minimum; a minimum of no people is removed."""
    keys = {"manager_id": minimum.manager_id, "questionnaire_id": minimum.questionnaire_id, "item_id": minimum.item_id}
    if minimum.people < 1:
        db.execute("DELETE FROM team_minimums WHERE manager_id = :manager_id"
                   " AND questionnaire_id = :questionnaire_id AND item_id = :item_id", keys)
        return
    db["team_minimums"].upsert(keys | {"people": minimum.people, "level": minimum.level, "updated_at": now()},
                               pk=("manager_id", "questionnaire_id", "item_id"))


def agreed_levels(db: sqlite_utils.Database, conversation_id: int) -> dict[str, Answer]:
    """The levels a conversation's report agreed, by item id."""
    return {row["item_id"]: Answer(row["item_id"], row["value"], bool(row["not_applicable"]))
            for row in db["agreed_levels"].rows_where("conversation_id = ?", [conversation_id])}


def set_agreed_level(db: sqlite_utils.Database, conversation_id: int, level: Answer) -> None:
    db["agreed_levels"].upsert(
        {"conversation_id": conversation_id, "item_id": level.item_id, "value": None if level.not_applicable else level.value,
         "not_applicable": int(level.not_applicable), "updated_at": now()},
        pk=("conversation_id", "item_id"))

