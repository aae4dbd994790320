"""An employee's dossier: every conversation across the years, newest first, with notes between."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import sqlite_utils

from db import actions as action_repo
from db import audit, conversations, dossier, people, reports, rounds
from db.connection import transaction
from devtalk.domain import access
from devtalk.domain.comparison import Comparison, large_gap_threshold
from devtalk.domain.models import Action, Conversation, DossierNote, Person, Report, Round
from devtalk.domain.plain_text import required_text
from devtalk.domain.status import is_reported, is_revealed
from devtalk.errors import NotAllowed
from devtalk.questionnaire import Questionnaire
from devtalk.services import check_ins
from devtalk.services.check_ins import CheckIns
from devtalk.services.conversations import comparison_view
from devtalk.services.library import get_version, parsed

MAX_NOTE = 5000


@dataclass(frozen=True)
class DossierEntry:
    conversation: Conversation
    round: Round
    manager: Person
    comparison: Comparison | None
    report: Report | None
    actions: list[Action]


@dataclass(frozen=True)
class Dossier:
    employee: Person
    entries: list[DossierEntry]
    notes: list[DossierNote]
    can_add_note: bool  # the employee's manager now or HR, never on themselves (add_note checks again)
    check_ins: CheckIns | None = None  # HR learns only that they took place


def _employee(db, actor: Person, employee_id: int) -> Person:
    employee = people.get_person(db, employee_id)
    if employee is None or not access.can_view_dossier(actor, employee):
        raise NotAllowed()
    return employee


def dossier_of(db: sqlite_utils.Database, actor: Person, employee_id: int, *, drafts: bool = True) -> Dossier:
    """Everything of the employee's conversations this person may see; ``drafts=False`` leaves out
    draft reports and their actions even for those who may read them (for a file handed to the employee)."""
    employee = _employee(db, actor, employee_id)
    found = conversations.conversations_of_employee(db, employee_id)
    round_of = rounds.rounds_by_id(db, [c.round_id for c in found])
    managers = people.people_by_id(db, [c.manager_id for c in found])
    entries = [
        DossierEntry(
            conversation=c,
            round=round_of[c.round_id],
            manager=managers[c.manager_id],
            comparison=comparison_view(db, actor, c.id).comparison if _may_compare(actor, c) else None,
            report=_readable(actor, employee, c, reports.get_report(db, c.id), drafts),
            actions=_visible(actor, employee, c, action_repo.actions_of_conversation(db, c.id), drafts),
        )
        for c in found
    ]
    return _dossier(db, actor, employee, entries)


@dataclass(frozen=True)
class YearFigures:
    """One conversation's numbers for the overview across the years."""

    employee_average: float | None
    manager_average: float | None
    large_gaps: int


def overview(db: sqlite_utils.Database, actor: Person, employee_id: int) -> tuple[Dossier, dict[int, YearFigures]]:
    """The dossier without comparisons, and per revealed conversation its averages and large
    gaps from one query: the page shows one year in detail, so it need not build all twelve."""
    employee = _employee(db, actor, employee_id)
    found = conversations.conversations_of_employee(db, employee_id)
    round_of = rounds.rounds_by_id(db, [c.round_id for c in found])
    managers = people.people_by_id(db, [c.manager_id for c in found])
    ids = [c.id for c in found]
    report_of = reports.reports_for(db, ids)
    actions_of = action_repo.actions_of_conversations(db, ids)
    entries = [
        DossierEntry(c, round_of[c.round_id], managers[c.manager_id], None,
                     _readable(actor, employee, c, report_of.get(c.id)), _visible(actor, employee, c, actions_of[c.id]))
        for c in found
    ]
    revealed = {c.id: c for c in found if _may_compare(actor, c)}
    return _dossier(db, actor, employee, entries), _figures(db, revealed)


def _figures(db, revealed: dict[int, Conversation]) -> dict[int, YearFigures]:
    by_version: dict[int, list[int]] = {}
    for conversation in revealed.values():
        by_version.setdefault(conversation.questionnaire_version_id, []).append(conversation.id)
    # A revealed conversation without a single pair of values (all open questions, say) still counts.
    figures = {conversation_id: YearFigures(None, None, 0) for conversation_id in revealed}
    for version_id, ids in by_version.items():
        thresholds = _gap_thresholds(parsed(get_version(db, version_id)))
        for conversation_id, employee_average, manager_average, large_gaps in conversations.year_figures(db, ids, thresholds):
            figures[conversation_id] = YearFigures(round(employee_average, 1), round(manager_average, 1), large_gaps)
    return figures


@lru_cache(maxsize=64)
def _gap_thresholds(questionnaire: Questionnaire) -> dict[str, int]:
    """Per Likert item both sides answer, from which difference on a gap counts as large (once per
    version); the employee-only learning climate never enters a per-person figure."""
    return {item.id: large_gap_threshold(questionnaire.scale_of(item)) for item in questionnaire.all_items()
            if item.scale and not questionnaire.employee_only(item.id)}


def _dossier(db, actor: Person, employee: Person, entries: list[DossierEntry]) -> Dossier:
    """The entries with the notes this person may read and whether they may add one."""
    notes = [note for note in dossier.dossier_notes_of(db, employee.id) if access.can_read_dossier_note(actor, employee, note)]
    return Dossier(employee, entries, notes, access.can_write_dossier_note(actor, employee),
                   check_ins.check_ins_of(db, actor, employee.id))


def _may_compare(actor: Person, conversation: Conversation) -> bool:
    return is_revealed(conversation.status) and access.can_view_conversation(actor, conversation)


def _readable(actor: Person, employee: Person, conversation: Conversation, report: Report | None,
              drafts: bool = True) -> Report | None:
    """The report, if this person may read it: a draft is the manager's own work; a final one the
    employee's manager now reads too, also of a conversation held with someone before them."""
    if report is None or not (drafts or report.finalised_at):
        return None
    if access.can_read_report(actor, conversation, bool(report.finalised_at)):
        return report
    return report if access.can_read_history(actor, employee, conversation) else None


def _visible(actor: Person, employee: Person, conversation: Conversation, found: list[Action],
             drafts: bool = True) -> list[Action]:
    """The actions this person may see: draft ones go with the draft report."""
    if not (drafts or is_reported(conversation.status)):
        return []
    return [action for action in found if access.can_follow_up_action(actor, action, conversation, employee)]


def add_note(db: sqlite_utils.Database, actor: Person, employee_id: int, note: str, private: bool = False) -> DossierNote:
    """A dated note by the manager or HR; a private one stays out of the employee's view."""
    employee = _employee(db, actor, employee_id)
    if not access.can_write_dossier_note(actor, employee):
        raise NotAllowed()
    note = required_text(note, MAX_NOTE, "dossier.note_required", "dossier.note_too_long")
    with transaction(db):
        saved = dossier.add_dossier_note(db, employee_id, actor.id, note, private)
        audit.record_event(db, access.recorded_id(actor), "dossier.note", "person", employee_id)
    return saved


def viewable_people(db: sqlite_utils.Database, actor: Person) -> list[Person]:
    """Whose dossier this person may open: their own, their team's, or (HR) everyone's."""
    if not access.may_act(actor):
        raise NotAllowed()
    if actor.restricted:
        return [actor]
    if actor.is_hr:
        return people.list_people(db)
    return [actor] + people.direct_reports(db, actor.id)
