"""The questionnaire builder's drafts: one per HR person and questionnaire, rewritten at every change."""

from __future__ import annotations

import sqlite_utils

from db._rows import now, to_datetime
from devtalk.domain.models import QuestionnaireDraft


def _draft(row: dict) -> QuestionnaireDraft:
    return QuestionnaireDraft(
        id=row["id"],
        owner_id=row["owner_id"],
        questionnaire_id=row["questionnaire_id"],
        base_version_id=row["base_version_id"],
        content=row["content"],
        revision=row["revision"],
        created_at=to_datetime(row["created_at"]),
        updated_at=to_datetime(row["updated_at"]),
        yaml_text=row["yaml_text"],
    )


def get_draft(db: sqlite_utils.Database, draft_id: int) -> QuestionnaireDraft | None:
    rows = list(db.query("SELECT * FROM questionnaire_drafts WHERE id = ?", [draft_id]))
    return _draft(rows[0]) if rows else None


def draft_of(db: sqlite_utils.Database, owner_id: int, questionnaire_id: str) -> QuestionnaireDraft | None:
    rows = list(db.query("SELECT * FROM questionnaire_drafts WHERE owner_id = ? AND questionnaire_id = ?",
                         [owner_id, questionnaire_id]))
    return _draft(rows[0]) if rows else None


def drafts_of(db: sqlite_utils.Database, owner_id: int) -> list[QuestionnaireDraft]:
    """An HR person's drafts, the one changed last first."""
    rows = db.query("SELECT * FROM questionnaire_drafts WHERE owner_id = ? ORDER BY updated_at DESC", [owner_id])
    return [_draft(row) for row in rows]


def others_drafting(db: sqlite_utils.Database, questionnaire_id: str, owner_id: int) -> list[QuestionnaireDraft]:
    """The drafts other HR people keep of the same questionnaire, the one changed last first."""
    rows = db.query("SELECT * FROM questionnaire_drafts WHERE questionnaire_id = ? AND owner_id != ? "
                    "ORDER BY updated_at DESC", [questionnaire_id, owner_id])
    return [_draft(row) for row in rows]


def add_draft(db: sqlite_utils.Database, owner_id: int, questionnaire_id: str, base_version_id: int | None,
              content: str) -> QuestionnaireDraft:
    at = now()
    row_id = db["questionnaire_drafts"].insert({
        "owner_id": owner_id, "questionnaire_id": questionnaire_id, "base_version_id": base_version_id,
        "content": content, "revision": 1, "created_at": at, "updated_at": at,
    }).last_pk
    return get_draft(db, row_id)


def write_draft(db: sqlite_utils.Database, draft_id: int, questionnaire_id: str, content: str,
                base_version_id: int | None, yaml_text: str | None = None) -> QuestionnaireDraft:
    """The draft's new content as its next revision; text typed in the YAML view waits beside it
    only when given (the new content is what the view shows otherwise)."""
    db.execute("UPDATE questionnaire_drafts SET questionnaire_id = ?, content = ?, base_version_id = ?, "
               "yaml_text = ?, revision = revision + 1, updated_at = ? WHERE id = ?",
               [questionnaire_id, content, base_version_id, yaml_text, now(), draft_id])
    return get_draft(db, draft_id)


def write_yaml_text(db: sqlite_utils.Database, draft_id: int, yaml_text: str) -> QuestionnaireDraft:
    """Text typed in the YAML view that does not read as a draft, as the draft's next revision
    (its content stays as it was)."""
    db.execute("UPDATE questionnaire_drafts SET yaml_text = ?, revision = revision + 1, updated_at = ? WHERE id = ?",
               [yaml_text, now(), draft_id])
    return get_draft(db, draft_id)


def delete_draft(db: sqlite_utils.Database, draft_id: int) -> None:
    db.execute("DELETE FROM questionnaire_drafts WHERE id = ?", [draft_id])


def stored_by(db: sqlite_utils.Database, version_id: int) -> int | None:
    """Who stored a version (its record leaves that out): the builder names them when their version is newer."""
    row = db.execute("SELECT created_by FROM questionnaire_versions WHERE id = ?", [version_id]).fetchone()
    return row[0] if row else None
