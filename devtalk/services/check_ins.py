"""Check-ins between two yearly talks: the employee (on the phone) or their manager starts one on
HR's check-in list, both answer it while it is open and follow the open actions up on the way, and
what it leaves open goes on the next conversation's proposed agenda. HR composes the list, knows
that check-ins took place (never what was said) and may put a half-year check-in on a round: a
reminder on the start pages, no deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import sqlite_utils

from db import actions as action_repo
from db import audit, conversations, people, rounds
from db import check_ins as repo
from db.connection import transaction
from devtalk.domain import access
from devtalk.domain.check_ins import (
    STILL_OPEN,
    Asked,
    CarriedPoint,
    carried_points,
    knows_of,
    takes_part,
)
from devtalk.domain.models import Action, CheckIn, Conversation, Person
from devtalk.domain.status import is_reported
from devtalk.errors import ChangedElsewhere, InvalidInput, NotAllowed
from devtalk.questionnaire import Item, Questionnaire, content_hash
from devtalk.questionnaire.check_in_lists import parse_check_in_list
from devtalk.services.actions import visible_actions

BUNDLED_LIST = Path(__file__).resolve().parents[2] / "questionnaires" / "check_ins" / "standaard.yaml"
MAX_TEXT = 5000


@lru_cache(maxsize=16)
def _parsed(text: str) -> Questionnaire:
    """A stored list, parsed once per process: versions never change."""
    return parse_check_in_list(text, "check-in.yaml")


# -- who -------------------------------------------------------------------------------------

def _employee(db, actor: Person, employee_id: int, rule=takes_part) -> Person:
    employee = people.get_person(db, employee_id)
    if employee is None or not rule(actor, employee):
        raise NotAllowed()
    return employee


def _check_in(db, actor: Person, check_in_id: int) -> tuple[CheckIn, Person]:
    """The check-in and its employee, for someone who takes part in it; NotAllowed for anyone else
    and for an unknown id alike, so probing ids tells nothing."""
    check_in = repo.get_check_in(db, check_in_id)
    if check_in is None:
        raise NotAllowed()
    return check_in, _employee(db, actor, check_in.employee_id)


# -- the check-in list -----------------------------------------------------------------------

def _current_list(db) -> tuple[int, Questionnaire]:
    """The newest list HR stored; before HR stored any, the bundled one (stored now, so each
    check-in keeps the version it began on)."""
    newest = repo.newest_list(db)
    if newest is None:
        text = BUNDLED_LIST.read_text(encoding="utf-8")
        newest = (repo.add_list(db, text, content_hash(text), None), text)
    return newest[0], _parsed(newest[1])


def current_list(db: sqlite_utils.Database, actor: Person) -> str:
    """The YAML of the list new check-ins use, for HR to download or edit."""
    access.require_hr(actor)
    newest = repo.newest_list(db)
    return newest[1] if newest else BUNDLED_LIST.read_text(encoding="utf-8")


def store_list(db: sqlite_utils.Database, actor: Person, text: str, filename: str = "<tekst>") -> Questionnaire:
    """Check ``text`` as a check-in list and store it as the version new check-ins use; raises
    InvalidQuestionnaire with every problem (line-numbered) and stores nothing while it is invalid."""
    access.require_hr(actor)
    questionnaire = parse_check_in_list(text, filename)
    with transaction(db):
        list_id = repo.add_list(db, text, content_hash(text), access.recorded_id(actor))
        audit.record_event(db, access.recorded_id(actor), "check_in.list", "check_in_list", list_id)
    return questionnaire


# -- check-ins -------------------------------------------------------------------------------

@dataclass(frozen=True)
class CheckInView:
    """One check-in as someone in it sees it, with what they may do now (each call checks again)."""

    check_in: CheckIn
    employee: Person
    started_by: Person
    questions: tuple[Item, ...]
    answers: dict[str, str]
    actions: list[Action]  # the actions it listed as open when it started, as they stand now
    can_edit: bool


class CheckInChangedElsewhere(ChangedElsewhere):
    """The other person, or another tab, changed the answer meanwhile."""

    key = "check_ins.changed_elsewhere"


def _open_actions(db, actor: Person, employee: Person) -> list[Action]:
    """The employee's agreed actions still open or in progress that this person follows up (a
    draft report's actions are not agreed yet, even to the manager writing it)."""
    reported = {c.id for c in conversations.conversations_of_employee(db, employee.id) if is_reported(c.status)}
    found = [a for a in action_repo.actions_of_employee(db, employee.id) if a.conversation_id in reported and a.status in STILL_OPEN]
    return visible_actions(db, actor, employee, found)


def start(db: sqlite_utils.Database, actor: Person, employee_id: int) -> CheckIn:
    """A new check-in with the employee, on the current list, listing their open actions; the one
    still open, if there is one (a second tap, or the other person started it already)."""
    employee = _employee(db, actor, employee_id)
    with transaction(db):
        still_open = next((c for c in repo.check_ins_of(db, employee.id) if c.status == "open"), None)
        if still_open is not None:
            return still_open
        list_id, _ = _current_list(db)
        listed = [action.id for action in _open_actions(db, actor, employee)]
        check_in = repo.add_check_in(db, employee.id, actor.id, list_id, listed)
        audit.record_event(db, access.recorded_id(actor), "check_in.start", "person", employee.id)
    return check_in


def view(db: sqlite_utils.Database, actor: Person, check_in_id: int) -> CheckInView:
    """The check-in with its questions, answers and listed actions, for the employee or their manager now."""
    check_in, employee = _check_in(db, actor, check_in_id)
    questionnaire = _parsed(repo.list_text(db, check_in.list_id))
    listed = set(repo.listed_actions(db, [check_in.id]).get(check_in.id, ()))
    found = [a for a in action_repo.actions_of_employee(db, employee.id) if a.id in listed]
    return CheckInView(
        check_in=check_in,
        employee=employee,
        started_by=people.get_person(db, check_in.started_by),
        questions=questionnaire.all_items(),
        answers=repo.answers_of(db, [check_in.id]).get(check_in.id, {}),
        actions=visible_actions(db, actor, employee, found),
        can_edit=check_in.status == "open",
    )


def save_answer(db: sqlite_utils.Database, actor: Person, check_in_id: int, item_id: str, text: str,
                expected: str | None = None) -> str:
    """Autosave of one answer while either person types it; ``expected`` is the text as the caller
    last read or saved it: an answer changed elsewhere since is refused with CheckInChangedElsewhere
    instead of overwritten. Returns the answer as stored."""
    text = text or ""
    if len(text) > MAX_TEXT:
        raise InvalidInput("check_ins.text_too_long", maximum=MAX_TEXT)
    with transaction(db):
        check_in, _ = _check_in(db, actor, check_in_id)
        if check_in.status != "open":
            raise InvalidInput("check_ins.already_done")
        if item_id not in {item.id for item in _parsed(repo.list_text(db, check_in.list_id)).all_items()}:
            raise InvalidInput("check_ins.unknown_question")
        stored = repo.answers_of(db, [check_in_id]).get(check_in_id, {}).get(item_id, "")
        CheckInChangedElsewhere.check(stored, expected, text)
        repo.save_answer(db, check_in_id, item_id, text, actor.id)
    return text


def finish(db: sqlite_utils.Database, actor: Person, check_in_id: int) -> CheckIn:
    """Close the check-in: its answers are final; what it left empty goes on the next agenda."""
    with transaction(db):
        check_in, employee = _check_in(db, actor, check_in_id)
        if check_in.status != "open":
            raise InvalidInput("check_ins.already_done")
        done = repo.finish(db, check_in_id)
        audit.record_event(db, access.recorded_id(actor), "check_in.finish", "person", employee.id)
    return done


@dataclass(frozen=True)
class CheckIns:
    """An employee's check-ins, newest first, and whether this person may open them and start one
    (the employee and their manager now) or only knows that they took place (HR)."""

    employee: Person
    check_ins: list[CheckIn]
    can_open: bool
    starters: dict[int, Person]  # who started them, by id


def check_ins_of(db: sqlite_utils.Database, actor: Person, employee_id: int) -> CheckIns:
    """The employee's check-ins for those who take part in them, and for HR to know of (see CheckIns)."""
    employee = _employee(db, actor, employee_id, knows_of)
    found = repo.check_ins_of(db, employee.id)
    starters = people.people_by_id(db, [check_in.started_by for check_in in found])
    return CheckIns(employee, found, takes_part(actor, employee), starters)


# -- the next agenda -------------------------------------------------------------------------

def carried_into(db: sqlite_utils.Database, conversation: Conversation, earlier: list[Action]) -> tuple[CarriedPoint, ...]:
    """What the check-ins since the employee's previous talk left open, for this conversation's
    proposed agenda: those started after the last earlier meeting and (once this one was held)
    before it. ``earlier`` are the actions agreed in earlier conversations, as the agenda has them.
    Called by services.reports for a conversation the caller has already been allowed to see."""
    held = [c.held_at for c in conversations.conversations_of_employee(db, conversation.employee_id)
            if c.id < conversation.id and c.held_at]
    since, until = max(held, default=None), conversation.held_at
    found = [c for c in repo.check_ins_of(db, conversation.employee_id)
             if (since is None or c.started_at > since) and (until is None or c.started_at < until)]
    ids = [c.id for c in found]
    answers, listed = repo.answers_of(db, ids), repo.listed_actions(db, ids)
    asked = [Asked(c, _parsed(repo.list_text(db, c.list_id)).all_items(), answers.get(c.id, {}),
                   tuple(listed.get(c.id, ()))) for c in found]
    return carried_points(asked, {action.id: action for action in earlier})


# -- HR's half-year check-in -----------------------------------------------------------------

def schedules(db: sqlite_utils.Database, actor: Person) -> dict[int, date]:
    """Per round the date HR set for its half-year check-in."""
    access.require_hr(actor)
    return repo.schedules(db)


def set_schedule(db: sqlite_utils.Database, actor: Person, round_id: int, remind_on: date | None) -> None:
    """Put a half-year check-in on a round (None takes it off): from ``remind_on`` on, the start
    pages of the round's employees and managers say it is time, until one is held. No deadline."""
    access.require_hr(actor)
    found = rounds.get_round(db, round_id)
    if found is None:
        raise InvalidInput("check_ins.unknown_round")
    if remind_on is not None and remind_on < found.created_at.date():
        raise InvalidInput("check_ins.reminder_before_round")
    with transaction(db):
        repo.set_schedule(db, round_id, remind_on, access.recorded_id(actor))
        audit.record_event(db, access.recorded_id(actor), "check_in.schedule", "round", round_id)


@dataclass(frozen=True)
class StartPage:
    """What the start page says of check-ins: since when this person's half-year check-in is due
    (None: not due), whom else they may start one with (their team), and the team members whose
    half-year check-in is due, with its date."""

    own_due: date | None
    team: list[Person]
    team_due: list[tuple[Person, date]]


def start_page(db: sqlite_utils.Database, actor: Person, today: date | None = None) -> StartPage:
    """The check-ins part of this person's start page (see StartPage)."""
    if not access.may_act(actor):
        raise NotAllowed()
    due = due_schedules(db, today)
    team = [] if actor.restricted else [person for person in people.direct_reports(db, actor.id) if person.active]
    return StartPage(due_since(db, actor, due), team, [(person, on) for person in team if (on := due_since(db, person, due))])


def due_schedules(db: sqlite_utils.Database, today: date | None = None) -> dict[int, date]:
    """The rounds whose half-year check-in date has come, with that date."""
    today = today or date.today()
    return {round_id: on for round_id, on in repo.schedules(db).items() if on <= today}


def due_since(db: sqlite_utils.Database, person: Person, due: dict[int, date]) -> date | None:
    """Since when the person's half-year check-in is due: a round of theirs in ``due``
    (due_schedules) has reached its date, and no check-in with them started on or after it."""
    if not due:  # the usual case: no reads for each member of a team on every start page
        return None
    since = max((due[c.round_id] for c in conversations.conversations_of_employee(db, person.id) if c.round_id in due),
                default=None)
    if since is None or any(c.started_at.date() >= since for c in repo.check_ins_of(db, person.id)):
        return None
    return since
