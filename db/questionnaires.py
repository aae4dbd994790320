"""Stored questionnaire versions: immutable, one row per distinct text."""

from __future__ import annotations

import sqlite_utils

from db._rows import now, to_datetime
from devtalk.domain.models import QuestionnaireVersion


def _version(row: dict) -> QuestionnaireVersion:
    return QuestionnaireVersion(
        id=row["id"],
        questionnaire_id=row["questionnaire_id"],
        version=row["version"],
        content_hash=row["content_hash"],
        yaml=row["yaml"],
        created_at=to_datetime(row["created_at"]),
    )


def version_by_hash(db: sqlite_utils.Database, content_hash: str) -> QuestionnaireVersion | None:
    rows = list(db.query("SELECT * FROM questionnaire_versions WHERE content_hash = ?", [content_hash]))
    return _version(rows[0]) if rows else None


def add_version(
    db: sqlite_utils.Database, questionnaire_id: str, text: str, content_hash: str, created_by: int | None
) -> QuestionnaireVersion:
    """Store a new version numbered after the last one of the same questionnaire."""
    last = db.execute(
        "SELECT coalesce(max(version), 0) FROM questionnaire_versions WHERE questionnaire_id = ?", [questionnaire_id]
    ).fetchone()[0]
    row_id = db["questionnaire_versions"].insert(
        {
            "questionnaire_id": questionnaire_id,
            "version": last + 1,
            "content_hash": content_hash,
            "yaml": text,
            "created_at": now(),
            "created_by": created_by,
        }
    ).last_pk
    return get_version(db, row_id)


def get_version(db: sqlite_utils.Database, version_id: int) -> QuestionnaireVersion | None:
    rows = list(db.query("SELECT * FROM questionnaire_versions WHERE id = ?", [version_id]))
    return _version(rows[0]) if rows else None


def list_versions(db: sqlite_utils.Database) -> list[QuestionnaireVersion]:
    rows = db.query("SELECT * FROM questionnaire_versions ORDER BY questionnaire_id, version DESC")
    return [_version(row) for row in rows]
