"""Rounds: a yearly series of conversations, one per employee, with their current manager. HR starts
one and runs it: its figures, late joiners, a new manager, a reopened side, closing it; each of its
conversations says which of those corrections HR may make in it now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlite_utils

from db import audit, conversations, people, rounds
from db.connection import transaction
from devtalk.domain import access
from devtalk.domain.models import SIDES, Conversation, Person, Round
from devtalk.domain.status import STATUSES, reopenable_sides
from devtalk.errors import InvalidInput, NotAllowed, NotFound
from devtalk.services import conversations as conversation_service
from devtalk.services.library import get_version

# Once the meeting is held the conversation belongs to the manager who held it.
REASSIGNABLE = ("open", "employee_submitted", "manager_submitted", "ready")


@dataclass(frozen=True)
class RoundCreated:
    round: Round
    conversations: int
    without_manager: list[Person]


def create_round(
    db: sqlite_utils.Database,
    actor: Person,
    name: str,
    questionnaire_version_id: int,
    fill_deadline: date | None = None,
    meeting_deadline: date | None = None,
    employee_ids: list[int] | None = None,
) -> RoundCreated:
    """Start a round for the given active people (all by default), all at once or not at all."""
    access.require_hr(actor)
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
        audit.record_event(db, access.recorded_id(actor), "round.create", "round", new_round.id, detail=name)
    with_manager = [p for p in chosen if p.manager_id is not None]
    return RoundCreated(new_round, len(with_manager), [p for p in chosen if p.manager_id is None])


@dataclass(frozen=True)
class RoundRow:
    round: Round
    counts: dict[str, int]  # per status, every status present

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class RoundConversation:
    """One conversation of the round, with what HR may correct in it now (each correction checks again)."""

    conversation: Conversation
    employee: Person
    manager: Person
    reopenable: tuple[str, ...]  # the submitted sides HR may reopen, in SIDES order
    reassignable: bool  # HR may give it another manager


@dataclass(frozen=True)
class JoinersAdded:
    added: int
    without_manager: list[Person]


def _round(db, actor: Person, round_id: int) -> Round:
    access.require_hr(actor)
    found = rounds.get_round(db, round_id)
    if found is None:
        raise NotFound()
    return found


def _open_round(db, actor: Person, round_id: int) -> Round:
    found = _round(db, actor, round_id)
    if found.closed_at is not None:
        raise InvalidInput("round.round_closed")
    return found


def list_rounds(db: sqlite_utils.Database, actor: Person) -> list[RoundRow]:
    """Every round, newest first, with how many conversations are in each status."""
    access.require_hr(actor)
    counts = conversations.status_counts_per_round(db)
    return [
        RoundRow(found, {status: counts.get(found.id, {}).get(status, 0) for status in STATUSES})
        for found in rounds.list_rounds(db)
    ]


def round_conversations(db: sqlite_utils.Database, actor: Person, round_id: int) -> list[RoundConversation]:
    """The round's conversations with both people, by employee name."""
    _round(db, actor, round_id)
    found = conversations.conversations_in_round(db, round_id)
    persons = people.people_by_id(db, [c.employee_id for c in found] + [c.manager_id for c in found])
    rows = [RoundConversation(c, persons[c.employee_id], persons[c.manager_id], *_corrections(actor, c)) for c in found]
    return sorted(rows, key=lambda row: row.employee.name.casefold())


def _corrections(actor: Person, conversation: Conversation) -> tuple[tuple[str, ...], bool]:
    """Which sides HR may reopen and whether they may reassign: never in a conversation of their own."""
    if not access.acts_as_hr(actor, conversation):
        return (), False
    sides = reopenable_sides(conversation.status)
    return tuple(side for side in SIDES if side in sides), conversation.status in REASSIGNABLE


def late_joiner_candidates(db: sqlite_utils.Database, actor: Person, round_id: int) -> list[Person]:
    """Active people without a conversation in this round yet."""
    _round(db, actor, round_id)
    return people.people_without_conversation(db, round_id)


def add_late_joiners(db: sqlite_utils.Database, actor: Person, round_id: int, employee_ids: list[int]) -> JoinersAdded:
    """A conversation with their current manager for each chosen person still without one."""
    found = _open_round(db, actor, round_id)
    with transaction(db):
        chosen = [p for p in people.people_without_conversation(db, round_id) if p.id in set(employee_ids)]
        joining = [p for p in chosen if p.manager_id is not None]
        for person in joining:
            conversations.add_conversation(db, round_id, person.id, person.manager_id, found.questionnaire_version_id)
        if joining:
            detail = {"people": [person.id for person in joining]}
            audit.record_event(db, access.recorded_id(actor), "round.add_people", "round", round_id, detail=detail)
    return JoinersAdded(len(joining), [p for p in chosen if p.manager_id is None])


def reassign_manager(db: sqlite_utils.Database, actor: Person, conversation_id: int, manager_id: int) -> Conversation:
    """Another manager leads this conversation (e.g. the first one left), until the meeting is held.

    A side the old manager already submitted stays submitted; HR can reopen it for the new one.
    """
    access.require_hr(actor)
    with transaction(db):
        conversation = conversation_service.get_conversation(db, actor, conversation_id)
        # Choosing who reads one's own answers would undo the blind rule from the HR side.
        if not access.acts_as_hr(actor, conversation):
            raise NotAllowed()
        manager = people.get_person(db, manager_id)
        if conversation.status not in REASSIGNABLE:
            raise InvalidInput("round.not_reassignable")
        if manager is None or not manager.active or manager.id == conversation.employee_id:
            raise InvalidInput("round.manager_invalid")
        updated = conversations.update_conversation(db, conversation_id, manager_id=manager_id)
        detail = {"from": conversation.manager_id, "to": manager_id}
        audit.record_event(db, access.recorded_id(actor), "conversation.reassign", "conversation", conversation_id, detail=detail)
    return updated


def reopen_side(db: sqlite_utils.Database, actor: Person, conversation_id: int, side: str, reason: str) -> Conversation:
    """Let one submitted side change its answers again; the reason goes into the audit log."""
    return conversation_service.reopen_side(db, actor, conversation_id, side, reason)


def close_round(db: sqlite_utils.Database, actor: Person, round_id: int) -> Round:
    """No late joiners or reminders any more; the conversations themselves go on as they are."""
    found = _open_round(db, actor, round_id)
    with transaction(db):
        closed = rounds.close_round(db, found.id)
        audit.record_event(db, access.recorded_id(actor), "round.close", "round", round_id)
    return closed
