"""Exports for HR (people, rounds with status, answers in long format, actions) as XLSX or CSV,
and the audit log that records each of them.

CSV uses ``;`` and a UTF-8 BOM, so Dutch Excel opens it with accents intact. Every cell goes
through ``safe_cell``: a name like ``=HYPERLINK(...)`` must stay text on HR's machine. The audit
log records who exported what and when, never what was in it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

import openpyxl
import sqlite_utils
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from db import actions, audit, conversations, people, questionnaires, rounds
from db._rows import to_datetime
from db.connection import transaction
from devtalk.domain import access
from devtalk.domain.models import AuditEvent, Person
from devtalk.errors import InvalidInput
from devtalk.i18n import catalogue, t
from devtalk.presentation import audit_words
from devtalk.presentation.formatting import TIMEZONE
from devtalk.questionnaire import Questionnaire
from devtalk.services.actions import without_hidden_drafts
from devtalk.services.library import get_version, parsed
from devtalk.spreadsheets.cells import safe_cell
from devtalk.spreadsheets.people_export import people_table

EXPORTS = ("people", "rounds", "answers", "actions")
FORMATS = ("xlsx", "csv")
MIME = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv": "text/csv"}
ROUND_COLUMNS = ("round", "fill_deadline", "meeting_deadline", "closed", "employee", "manager", "status",
                 "employee_submitted", "manager_submitted", "held")
ANSWER_COLUMNS = ("round", "employee", "manager", "side", "item_id", "item_text", "value", "not_applicable", "text")
ACTION_COLUMNS = ("employee", "team", "round", "what", "kind", "owner", "due_date", "status", "helped", "overdue")

Table = tuple[list[str], Iterable[list]]  # the header and the rows


@dataclass(frozen=True)
class ExportFile:
    file_name: str
    mime: str
    data: bytes


@dataclass(frozen=True)
class AuditLine:
    event: AuditEvent
    actor: Person | None  # None: the command line, or someone since removed
    names: audit_words.Names

    def what(self, lang: str) -> str:
        """What happened, in words; an action an older version recorded under a name this
        version no longer knows shows as it was recorded."""
        key = f"audit.{self.event.action}"
        return t(key, lang) if key in catalogue() else self.event.action

    def record(self, lang: str) -> str:
        """What it happened to: a person's name, "gesprek van ...", "export van acties"."""
        return audit_words.record_words(self.event, self.names, lang)

    def detail(self, lang: str) -> str:
        return audit_words.detail_words(self.event, self.names, lang)


def export(db: sqlite_utils.Database, actor: Person, what: str, fmt: str, lang: str = "nl") -> ExportFile:
    """One export as a file, recorded in the audit log as ``export.<what>``."""
    access.require_hr(actor)
    if what not in EXPORTS or fmt not in FORMATS:
        raise InvalidInput()
    header, rows = _TABLES[what](db, actor, lang)
    counted = _Counted(rows)
    data = _xlsx(t(f"hr_exports.sheet_{what}", lang), header, counted) if fmt == "xlsx" else _csv(header, counted)
    with transaction(db):
        audit.record_event(db, access.recorded_id(actor), f"export.{what}", "export", what, detail={"format": fmt, "rows": counted.count})
    return ExportFile(f"devtalk-{what}-{date.today().isoformat()}.{fmt}", MIME[fmt], data)


def audit_log(db: sqlite_utils.Database, actor: Person, limit: int = 500) -> list[AuditLine]:
    """The newest events first: who did what to which record, and when."""
    access.require_hr(actor)
    events = audit.list_events(db, limit)
    names = _audit_names(db, events)
    named = people.people_by_id(db, [event.actor_id for event in events if event.actor_id is not None])
    return [AuditLine(event, named.get(event.actor_id), names) for event in events]


def _audit_names(db: sqlite_utils.Database, events: list[AuditEvent]) -> audit_words.Names:
    """What the ids in these events stand for now: a few batched look-ups for the whole page."""
    subjects = audit.record_subjects(db, events)
    person_ids = set(subjects.values())
    for event in events:
        person_ids.add(event.actor_id)
        if event.record_type == "person" and event.record_id.isdigit():
            person_ids.add(int(event.record_id))
        values = audit_words.details(event) or {}
        person_ids.update(value for name in ("from", "to") if isinstance(value := values.get(name), int))
        if isinstance(values.get("people"), list):
            person_ids.update(value for value in values["people"] if isinstance(value, int))

    def ids_of(kind: str) -> set[int]:
        return {int(e.record_id) for e in events if e.record_type == kind and e.record_id.isdigit()}

    # A library holds a handful of versions; each is looked up on its own.
    versions = (questionnaires.get_version(db, version_id) for version_id in ids_of("questionnaire"))
    return audit_words.Names(
        people={p.id: p.name for p in people.people_by_id(db, person_ids - {None}).values()},
        rounds={r.id: r.name for r in rounds.rounds_by_id(db, ids_of("round")).values()},
        functions={f.id: f.name for f in people.list_functions(db)},
        questionnaires={v.id: (v.questionnaire_id, v.version) for v in versions if v is not None},
        subjects=subjects,
    )


def _headers(columns: tuple[str, ...], lang: str) -> list[str]:
    return [t(f"hr_exports.col_{column}", lang) for column in columns]


def _people(db: sqlite_utils.Database, actor: Person, lang: str) -> Table:
    header, *rows = people_table(people.list_people(db), lang)
    return header, rows


def _rounds(db: sqlite_utils.Database, actor: Person, lang: str) -> Table:
    rows = (
        [row["round"], row["fill_deadline"], row["meeting_deadline"], _moment(row["closed_at"]), row["employee"],
         row["manager"], t(f"status.{row['status']}", lang), _moment(row["employee_submitted_at"]),
         _moment(row["manager_submitted_at"]), _moment(row["held_at"])]
        for row in conversations.export_conversations(db)
    )
    return _headers(ROUND_COLUMNS, lang), rows


def _answers(db: sqlite_utils.Database, actor: Person, lang: str) -> Table:
    """Every answer per person, under the blind rule for the reader's own conversations, and without
    the learning climate: per person that is the employee's alone (the team view shows groups)."""
    versions: dict[int, Questionnaire] = {}

    def questionnaire(version_id: int) -> Questionnaire:
        if version_id not in versions:
            versions[version_id] = parsed(get_version(db, version_id))
        return versions[version_id]

    def wording(version_id: int, item_id: str, side: str) -> str:
        try:
            return questionnaire(version_id).item(item_id).wording(side, lang)
        except KeyError:  # an answer to an item its version no longer has cannot occur, but must not break an export
            return ""

    own = {c.id: c for c in conversations.conversations_of_employee(db, actor.id) + conversations.conversations_led_by(db, actor.id)}

    def shown(conversation_id: int, side: str, version_id: int, item_id: str) -> bool:
        if questionnaire(version_id).employee_only(item_id):
            return False
        return conversation_id not in own or access.can_read_side(actor, own[conversation_id], side)

    yes = t("hr_exports.yes", lang)
    rows = (
        [round_name, employee, manager, t(f"hr_exports.side_{side}", lang), item_id, wording(version_id, item_id, side),
         value, yes if not_applicable else "", text or ""]
        for round_name, employee, manager, side, item_id, version_id, value, not_applicable, text, conversation_id
        in conversations.export_answers(db)
        if shown(conversation_id, side, version_id, item_id)
    )
    return _headers(ANSWER_COLUMNS, lang), rows


def _actions(db: sqlite_utils.Database, actor: Person, lang: str) -> Table:
    yes = t("hr_exports.yes", lang)
    rows = (
        [row["employee"], row["team"] or "", row["round"], row["what"], t(f"action.kind_{row['kind']}", lang),
         row["owner"] or "", row["due_date"] or "", t(f"action.status_{row['status']}", lang),
         t(f"report.helped_{row['helped']}", lang) if row["helped"] else "", yes if row["overdue"] else ""]
        for row in without_hidden_drafts(db, actor, actions.actions_overview(db, date.today().isoformat()))
    )
    return _headers(ACTION_COLUMNS, lang), rows


_TABLES: dict[str, Callable[[sqlite_utils.Database, Person, str], Table]] = {
    "people": _people, "rounds": _rounds, "answers": _answers, "actions": _actions,
}


def _moment(stored: str | None) -> str:
    """A stored UTC moment as the firm's local date and time, sortable as text."""
    moment = to_datetime(stored)
    return moment.astimezone(TIMEZONE).strftime("%Y-%m-%d %H:%M") if moment else ""


class _Counted:
    """Rows passed through while counted, so a large export is streamed, not held twice."""

    def __init__(self, rows: Iterable[list]):
        self.rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[list]:
        for row in self.rows:
            self.count += 1
            yield row


def _csv(header: list[str], rows: Iterable[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(value) for value in header])
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def _xlsx(title: str, header: list[str], rows: Iterable[list]) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_header_cell(sheet, value, bold) for value in header])
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _header_cell(sheet, value: str, font: Font) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=safe_cell(value))
    cell.font = font
    return cell
