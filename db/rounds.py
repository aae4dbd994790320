"""Rounds (gespreksrondes): one yearly series of conversations on one questionnaire version."""

from __future__ import annotations

from datetime import date

import sqlite_utils

from db._rows import from_date, now, rows_where_in, to_date, to_datetime
from devtalk.domain.models import Round


def _round(row: dict) -> Round:
    return Round(
        id=row["id"],
        name=row["name"],
        questionnaire_version_id=row["questionnaire_version_id"],
        fill_deadline=to_date(row["fill_deadline"]),
        meeting_deadline=to_date(row["meeting_deadline"]),
        created_at=to_datetime(row["created_at"]),
        closed_at=to_datetime(row["closed_at"]),
    )


def add_round(
    db: sqlite_utils.Database,
    name: str,
    questionnaire_version_id: int,
    fill_deadline: date | None = None,
    meeting_deadline: date | None = None,
    created_at: str | None = None,
) -> Round:
    row_id = db["rounds"].insert(
        {
            "name": name,
            "questionnaire_version_id": questionnaire_version_id,
            "fill_deadline": from_date(fill_deadline),
            "meeting_deadline": from_date(meeting_deadline),
            "created_at": created_at or now(),
        }
    ).last_pk
    return get_round(db, row_id)


def get_round(db: sqlite_utils.Database, round_id: int) -> Round | None:
    rows = list(db.query("SELECT * FROM rounds WHERE id = ?", [round_id]))
    return _round(rows[0]) if rows else None


def list_rounds(db: sqlite_utils.Database) -> list[Round]:
    return [_round(row) for row in db.query("SELECT * FROM rounds ORDER BY created_at DESC, id DESC")]


def rounds_by_id(db: sqlite_utils.Database, ids) -> dict[int, Round]:
    return {row["id"]: _round(row) for row in rows_where_in(db, "rounds", "id", ids)}


def close_round(db: sqlite_utils.Database, round_id: int) -> Round:
    db["rounds"].update(round_id, {"closed_at": now()})
    return get_round(db, round_id)
