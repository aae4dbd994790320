"""Rounds: a yearly series of conversations, one per employee, with their current manager."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlite_utils

from db import audit, conversations, people, rounds
from db.connection import transaction
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.models import Person, Round
from devtalk.services.questionnaires import get_version


@dataclass(frozen=True)
class RoundCreated:
    round: Round
    conversations: int
    without_manager: list[Person]


def create_round(
    db: sqlite_utils.Database,
    actor: Person | None,
    name: str,
    questionnaire_version_id: int,
    fill_deadline: date | None = None,
    meeting_deadline: date | None = None,
    employee_ids: list[int] | None = None,
) -> RoundCreated:
    """Start a round for the given active people (all by default), all at once or not at all."""
    if actor is not None and not actor.is_hr:
        raise NotAllowed()
    name = (name or "").strip()
    if not name:
        raise InvalidInput("round.name_required")
    if fill_deadline and meeting_deadline and meeting_deadline < fill_deadline:
        raise InvalidInput("round.meeting_before_fill_deadline")
    version = get_version(db, questionnaire_version_id)
    chosen = [p for p in people.list_people(db, active_only=True) if employee_ids is None or p.id in employee_ids]
    with transaction(db):
        new_round = rounds.add_round(db, name, version.id, fill_deadline, meeting_deadline)
        for person in chosen:
            if person.manager_id is not None:
                conversations.add_conversation(db, new_round.id, person.id, person.manager_id, version.id)
        audit.record_event(db, actor.id if actor else None, "round.create", "round", new_round.id, detail=name)
    with_manager = [p for p in chosen if p.manager_id is not None]
    return RoundCreated(new_round, len(with_manager), [p for p in chosen if p.manager_id is None])
