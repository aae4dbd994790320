"""Dated notes on an employee between conversations."""

from __future__ import annotations

import sqlite_utils

from db._rows import now, to_datetime
from devtalk.domain.models import DossierNote


def add_dossier_note(
    db: sqlite_utils.Database, employee_id: int, author_id: int, note: str, private: bool, created_at: str | None = None
) -> DossierNote:
    row_id = db["dossier_notes"].insert(
        {
            "employee_id": employee_id,
            "author_id": author_id,
            "note": note,
            "private": int(private),
            "created_at": created_at or now(),
        }
    ).last_pk
    return dossier_notes_of(db, employee_id, note_id=row_id)[0]


def dossier_notes_of(db: sqlite_utils.Database, employee_id: int, note_id: int | None = None) -> list[DossierNote]:
    sql = "SELECT * FROM dossier_notes WHERE employee_id = ?"
    params: list = [employee_id]
    if note_id is not None:
        sql += " AND id = ?"
        params.append(note_id)
    rows = db.query(sql + " ORDER BY created_at DESC", params)
    return [
        DossierNote(r["id"], r["employee_id"], r["author_id"], r["note"], bool(r["private"]), to_datetime(r["created_at"]))
        for r in rows
    ]
