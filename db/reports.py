"""Conversation reports: agenda with notes, agreements, summary, and the employee's reply."""

from __future__ import annotations

import json

import sqlite_utils

from db._rows import now, rows_where_in, to_datetime
from devtalk.domain.models import AgendaPoint, Report


def _report(row: dict) -> Report:
    return Report(
        conversation_id=row["conversation_id"],
        agenda=tuple(AgendaPoint(**point) for point in json.loads(row["agenda"])),
        agreements=row["agreements"],
        summary=row["summary"],
        employee_comment=row["employee_comment"],
        finalised_at=to_datetime(row["finalised_at"]),
        acknowledged_at=to_datetime(row["acknowledged_at"]),
    )


def get_report(db: sqlite_utils.Database, conversation_id: int) -> Report | None:
    rows = list(db.query("SELECT * FROM reports WHERE conversation_id = ?", [conversation_id]))
    return _report(rows[0]) if rows else None


def save_report(db: sqlite_utils.Database, report: Report) -> Report:
    db["reports"].upsert(
        {
            "conversation_id": report.conversation_id,
            "agenda": json.dumps([point.__dict__ for point in report.agenda], ensure_ascii=False),
            "agreements": report.agreements,
            "summary": report.summary,
            "employee_comment": report.employee_comment,
            "finalised_at": report.finalised_at.isoformat() if report.finalised_at else None,
            "acknowledged_at": report.acknowledged_at.isoformat() if report.acknowledged_at else None,
            "updated_at": now(),
        },
        pk="conversation_id",
    )
    return get_report(db, report.conversation_id)


def get_comment_draft(db: sqlite_utils.Database, conversation_id: int) -> str:
    rows = list(db.query("SELECT comment_draft FROM reports WHERE conversation_id = ?", [conversation_id]))
    return rows[0]["comment_draft"] if rows else ""


def save_comment_draft(db: sqlite_utils.Database, conversation_id: int, comment: str) -> None:
    db.execute("UPDATE reports SET comment_draft = ?, updated_at = ? WHERE conversation_id = ?",
               [comment, now(), conversation_id])


def reports_for(db: sqlite_utils.Database, conversation_ids: list[int]) -> dict[int, Report]:
    """The reports of many conversations in one query, by conversation id."""
    return {row["conversation_id"]: _report(row) for row in rows_where_in(db, "reports", "conversation_id", conversation_ids)}
