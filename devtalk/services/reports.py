"""After the answers are in: the meeting, the agenda, the report and the employee's reply."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

import sqlite_utils

from db import actions as action_repo
from db import audit, conversations, reports
from db.connection import transaction
from devtalk.domain import access, agenda
from devtalk.domain.models import Action, AgendaPoint, Conversation, Person, Report
from devtalk.domain.status import is_reported, next_status
from devtalk.errors import ChangedElsewhere, InvalidInput, NotAllowed
from devtalk.services import check_ins, skills
from devtalk.services.conversations import ComparisonView, get_conversation

MAX_REPORT_TEXT = 20_000


@dataclass(frozen=True)
class ReportView:
    """The report as one person may see it, with what they may do with it now (each call checks again)."""

    conversation: Conversation
    report: Report | None
    actions: list[Action]
    earlier_actions: list[Action]
    can_hold: bool  # the manager may record that the meeting took place
    can_edit: bool  # the manager may write the draft: agenda, texts, actions, finalising
    can_acknowledge: bool  # the employee may say they read the final report

    @property
    def finalised(self) -> bool:
        return bool(self.report and self.report.finalised_at)


def earlier_actions(db: sqlite_utils.Database, conversation: Conversation) -> list[Action]:
    """Actions agreed in the employee's previous conversations, to look back on in this one (a report
    left in draft agreed nothing yet)."""
    agreed = {c.id for c in conversations.conversations_of_employee(db, conversation.employee_id)
              if c.id < conversation.id and is_reported(c.status)}
    return [a for a in action_repo.actions_of_employee(db, conversation.employee_id) if a.conversation_id in agreed]


def proposed_agenda(db: sqlite_utils.Database, actor: Person, view: ComparisonView,
                    earlier: list[Action]) -> tuple[AgendaPoint, ...]:
    """What to talk about: the comparison with its requirements (skills.levelled_view), the
    required certificates missing or running out, what the check-ins since left open, and the
    actions agreed last time. What a check-in left open is the employee's and their manager's
    (devtalk.domain.check_ins): HR outside the conversation gets the agenda without it."""
    gaps = skills.certificate_gaps(db, actor, view.employee.id)
    carried = check_ins.carried_into(db, view.conversation, earlier) if access.takes_part(actor, view.conversation) else ()
    return agenda.propose_agenda(view.comparison, earlier, gaps, carried)


def report_view(db: sqlite_utils.Database, actor: Person, conversation_id: int) -> ReportView:
    conversation = get_conversation(db, actor, conversation_id)
    report = reports.get_report(db, conversation_id)
    if not access.can_read_report(actor, conversation, finalised=bool(report and report.finalised_at)):
        raise NotAllowed("report.not_final_yet")
    writes = access.can_write_report(actor, conversation)
    return ReportView(
        conversation=conversation,
        report=report,
        actions=action_repo.actions_of_conversation(db, conversation_id),
        earlier_actions=earlier_actions(db, conversation),
        can_hold=writes and conversation.status == "ready",
        can_edit=writes and _editable(conversation, report),
        can_acknowledge=access.can_acknowledge_report(actor, conversation) and conversation.status == "reported",
    )


def _editable(conversation: Conversation, report: Report | None) -> bool:
    """A report is written between the meeting and finalising."""
    return conversation.status == "held" and report is not None


def _manager_conversation(db: sqlite_utils.Database, actor: Person, conversation_id: int) -> Conversation:
    conversation = get_conversation(db, actor, conversation_id)
    if not access.can_write_report(actor, conversation):
        raise NotAllowed()
    return conversation


def mark_held(db: sqlite_utils.Database, actor: Person, conversation_id: int) -> Report:
    """Record that the meeting took place and start the report with the proposed agenda."""
    view = skills.levelled_view(db, actor, conversation_id)
    conversation = _manager_conversation(db, actor, conversation_id)
    proposed = proposed_agenda(db, actor, view, earlier_actions(db, conversation))
    with transaction(db):
        status = next_status(conversation.status, "hold")
        conversations.update_conversation(db, conversation_id, status=status, held_at=_utcnow().isoformat())
        report = reports.get_report(db, conversation_id) or Report(conversation_id, agenda=proposed)
        saved = reports.save_report(db, report)
        audit.record_event(db, access.recorded_id(actor), "conversation.hold", "conversation", conversation_id)
    return saved


def _draft(db: sqlite_utils.Database, actor: Person, conversation_id: int) -> Report:
    conversation = _manager_conversation(db, actor, conversation_id)
    report = reports.get_report(db, conversation_id)
    if not _editable(conversation, report):
        raise InvalidInput("report.not_editable")
    return report


class ReportChangedElsewhere(ChangedElsewhere):
    key = "report.changed_elsewhere"


def save_draft(db: sqlite_utils.Database, actor: Person, conversation_id: int,
               expected: dict[str, str] | None = None, **changes) -> Report:
    """Autosave of the report while the manager writes: agenda, agreements and summary.

    ``expected`` names, per text field, the text as the caller last read or saved it; a field
    changed elsewhere since is refused with ReportChangedElsewhere instead of overwritten.
    """
    unknown = set(changes) - {"agenda", "agreements", "summary"}
    if unknown:
        raise TypeError(f"not report fields: {sorted(unknown)}")
    for field in ("agreements", "summary"):
        if len(changes.get(field) or "") > MAX_REPORT_TEXT:
            raise InvalidInput("report.text_too_long", maximum=MAX_REPORT_TEXT)
    with transaction(db):
        report = _draft(db, actor, conversation_id)
        for field, known in (expected or {}).items():
            ReportChangedElsewhere.check(getattr(report, field) or "", known, changes.get(field, ""))
        return reports.save_report(db, replace(report, **changes))


def save_note(db: sqlite_utils.Database, actor: Person, conversation_id: int, point_key: str, note: str,
              expected: str | None = None) -> Report:
    """Autosave of one agenda point's note, on the stored agenda (so a reorder or another note
    saved elsewhere meanwhile stays); ``expected`` as in save_draft."""
    if len(note or "") > MAX_REPORT_TEXT:
        raise InvalidInput("report.text_too_long", maximum=MAX_REPORT_TEXT)
    with transaction(db):
        report = _draft(db, actor, conversation_id)
        point = next((point for point in report.agenda if point.key == point_key), None)
        if point is None:
            raise InvalidInput("report.point_gone")
        ReportChangedElsewhere.check(point.note or "", expected, note or "")
        return reports.save_report(db, replace(report, agenda=agenda.with_note(report.agenda, point_key, note)))


def finalise(db: sqlite_utils.Database, actor: Person, conversation_id: int) -> Report:
    """Make the report final and read-only; the employee can then read and acknowledge it."""
    with transaction(db):
        report = _draft(db, actor, conversation_id)
        if not report.summary.strip():
            raise InvalidInput("report.summary_required")
        conversation = conversations.get_conversation(db, conversation_id)
        skills.keep_prefilled_levels(db, actor, conversation_id)
        conversations.update_conversation(db, conversation_id, status=next_status(conversation.status, "finalise"))
        saved = reports.save_report(db, replace(report, finalised_at=_utcnow()))
        audit.record_event(db, access.recorded_id(actor), "report.finalise", "conversation", conversation_id)
    return saved


def _to_acknowledge(db: sqlite_utils.Database, actor: Person, conversation_id: int, comment: str) -> str:
    """The conversation's next status once ``actor`` acknowledges its report with ``comment``; refused
    for anyone but its employee, and before the report is final or after it was acknowledged."""
    conversation = get_conversation(db, actor, conversation_id)
    if not access.can_acknowledge_report(actor, conversation):
        raise NotAllowed()
    if len(comment or "") > MAX_REPORT_TEXT:
        raise InvalidInput("report.text_too_long", maximum=MAX_REPORT_TEXT)
    return next_status(conversation.status, "acknowledge")


def comment_draft(db: sqlite_utils.Database, actor: Person, conversation_id: int) -> str:
    """The reply the employee has typed so far and not yet given with the acknowledgement: theirs alone."""
    _to_acknowledge(db, actor, conversation_id, "")
    return reports.get_comment_draft(db, conversation_id)


def save_comment_draft(db: sqlite_utils.Database, actor: Person, conversation_id: int, comment: str,
                       expected: str | None = None) -> str:
    """Autosave of the employee's reply while they type it; ``expected`` as in save_draft. Returns
    the reply as stored."""
    with transaction(db):
        _to_acknowledge(db, actor, conversation_id, comment)
        ReportChangedElsewhere.check(reports.get_comment_draft(db, conversation_id), expected, comment or "")
        reports.save_comment_draft(db, conversation_id, comment or "")
    return comment or ""


def acknowledge(db: sqlite_utils.Database, actor: Person, conversation_id: int, comment: str = "") -> Report:
    """The employee has read the report, optionally with a comment of their own."""
    with transaction(db):
        status = _to_acknowledge(db, actor, conversation_id, comment)
        report = reports.get_report(db, conversation_id)
        conversations.update_conversation(db, conversation_id, status=status)
        saved = reports.save_report(
            db, replace(report, employee_comment=(comment or "").strip(), acknowledged_at=_utcnow())
        )
        reports.save_comment_draft(db, conversation_id, "")
        audit.record_event(db, access.recorded_id(actor), "report.acknowledge", "conversation", conversation_id)
    return saved


def _utcnow() -> datetime:
    return datetime.now(UTC)
