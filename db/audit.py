"""The audit log: who did what to which record. Never holds answer texts."""

from __future__ import annotations

import sqlite_utils

from db._rows import now, to_datetime
from devtalk.models import AuditEvent


def record_event(
    db: sqlite_utils.Database, actor_id: int | None, action: str, record_type: str, record_id, detail: str = ""
) -> None:
    db["audit_events"].insert(
        {
            "at": now(),
            "actor_id": actor_id,
            "action": action,
            "record_type": record_type,
            "record_id": str(record_id),
            "detail": detail,
        }
    )


def list_events(db: sqlite_utils.Database, limit: int = 500) -> list[AuditEvent]:
    rows = db.query("SELECT * FROM audit_events ORDER BY at DESC, id DESC LIMIT ?", [limit])
    return [
        AuditEvent(r["id"], to_datetime(r["at"]), r["actor_id"], r["action"], r["record_type"], r["record_id"], r["detail"])
        for r in rows
    ]
