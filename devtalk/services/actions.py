"""Follow-up actions: agreed in the report, followed up through the year, rated at the next talk."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

import sqlite_utils

from db import actions as action_repo
from db import audit, conversations, people
from db.connection import transaction
from devtalk.domain import access
from devtalk.domain.models import ACTION_KINDS, ACTION_STATUSES, HELPED, Action, Conversation, Person, ProgressNote
from devtalk.domain.plain_text import required_text
from devtalk.domain.status import is_reported
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.services.conversations import get_conversation

MAX_WHAT = 500
MAX_NOTE = 5000


@dataclass(frozen=True)
class ActionRow:
    action: Action
    employee: Person
    owner: Person | None

    @property
    def overdue(self) -> bool:
        due = self.action.due_date
        return bool(due and due < date.today() and self.action.status in ("open", "in_progress"))


def _checked_fields(db, what: str, kind: str, owner_id: int | None, due_date: date | None) -> dict:
    what = required_text(what, MAX_WHAT, "action.what_required", "action.what_too_long")
    if kind not in ACTION_KINDS:
        raise InvalidInput("action.unknown_kind", kind=kind)
    if owner_id is not None and people.get_person(db, owner_id) is None:
        raise InvalidInput("action.unknown_owner")
    if due_date is not None and due_date < date.today():
        raise InvalidInput("action.due_in_past")
    return {"what": what, "kind": kind, "owner_id": owner_id, "due_date": due_date}


def _editable_conversation(db, actor: Person, conversation_id: int) -> Conversation:
    """Actions are agreed while the report is being written, by the manager of the conversation."""
    conversation = get_conversation(db, actor, conversation_id)
    if not access.can_write_report(actor, conversation) or conversation.status != "held":
        raise NotAllowed("action.not_editable")
    return conversation


def add_action(
    db: sqlite_utils.Database, actor: Person, conversation_id: int, *, what: str, kind: str,
    owner_id: int | None = None, due_date: date | None = None,
) -> Action:
    conversation = _editable_conversation(db, actor, conversation_id)
    fields = _checked_fields(db, what, kind, owner_id, due_date)
    with transaction(db):
        action = action_repo.add_action(db, conversation_id, conversation.employee_id, **fields)
        audit.record_event(db, access.recorded_id(actor), "action.add", "action", action.id)
    return action


def remove_action(db: sqlite_utils.Database, actor: Person, action_id: int) -> None:
    action = _action(db, actor, action_id)
    _editable_conversation(db, actor, action.conversation_id)
    with transaction(db):
        action_repo.delete_action(db, action_id)
        audit.record_event(db, access.recorded_id(actor), "action.remove", "action", action_id)


def _action(db, actor: Person, action_id: int) -> Action:
    action = action_repo.get_action(db, action_id)
    if action is None:
        raise NotAllowed()
    conversation = conversations.get_conversation(db, action.conversation_id)
    if not access.can_follow_up_action(actor, action, conversation, people.get_person(db, action.employee_id)):
        raise NotAllowed()
    return action


def set_status(db: sqlite_utils.Database, actor: Person, action_id: int, status: str) -> Action:
    _action(db, actor, action_id)
    if status not in ACTION_STATUSES:
        raise InvalidInput("action.unknown_status", status=status)
    with transaction(db):
        updated = action_repo.update_action(db, action_id, status=status)
        audit.record_event(db, access.recorded_id(actor), "action.status", "action", action_id, detail={"status": status})
    return updated


def add_note(db: sqlite_utils.Database, actor: Person, action_id: int, note: str) -> ProgressNote:
    """A dated line on how the action is going."""
    _action(db, actor, action_id)
    note = required_text(note, MAX_NOTE, "action.note_required", "action.note_too_long")
    with transaction(db):
        return action_repo.add_progress_note(db, action_id, actor.id, note)


def rate(db: sqlite_utils.Database, actor: Person, action_id: int, helped: str) -> Action:
    """"Did it help?", asked at the next conversation: the loop that shows which ways of learning work."""
    _action(db, actor, action_id)
    if helped not in HELPED:
        raise InvalidInput("action.unknown_rating", rating=helped)
    with transaction(db):
        return action_repo.update_action(db, action_id, helped=helped)


def my_actions(db: sqlite_utils.Database, actor: Person) -> tuple[list[ActionRow], list[ActionRow]]:
    """My own agreed actions, and (as a manager) those of the conversations I lead, drafts included."""
    if not access.may_act(actor):
        raise NotAllowed()
    own = visible_actions(db, actor, actor, action_repo.actions_of_employee(db, actor.id))
    led_conversations = [] if actor.restricted else conversations.conversations_led_by(db, actor.id)
    employees = people.people_by_id(db, [c.employee_id for c in led_conversations])
    led = [
        action
        for conversation in led_conversations
        for action in action_repo.actions_of_conversation(db, conversation.id)
        if access.can_follow_up_action(actor, action, conversation, employees[conversation.employee_id])
    ]
    return _rows(db, own), _rows(db, led)


def visible_actions(db: sqlite_utils.Database, actor: Person, employee: Person, found: list[Action]) -> list[Action]:
    """Of ``found`` (actions of this employee), those this person may see: a draft action stays
    with its draft report until that is final, whichever list, page or file asks."""
    conversation_of = {c.id: c for c in conversations.conversations_of_employee(db, employee.id)} if found else {}
    return [a for a in found if access.can_follow_up_action(actor, a, conversation_of[a.conversation_id], employee)]


def without_hidden_drafts(db: sqlite_utils.Database, actor: Person, rows: Iterable[dict]) -> Iterator[dict]:
    """Rows of HR's actions overview (``conversation_id`` in each) without the draft actions of
    conversations the reader takes part in as the employee: HR reads drafts, but not their own."""
    own = {c.id: c for c in conversations.conversations_of_employee(db, actor.id) + conversations.conversations_led_by(db, actor.id)}
    for row in rows:
        conversation = own.get(row["conversation_id"])
        if conversation is None or access.can_read_report(actor, conversation, is_reported(conversation.status)):
            yield row


def _rows(db, found: list[Action]) -> list[ActionRow]:
    persons = people.people_by_id(db, [a.employee_id for a in found] + [a.owner_id for a in found if a.owner_id])
    rows = [ActionRow(a, persons[a.employee_id], persons.get(a.owner_id)) for a in found]
    return sorted(rows, key=lambda row: (not row.overdue, row.action.status in ("done", "dropped"), str(row.action.due_date)))


