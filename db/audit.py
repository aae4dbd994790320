"""The audit log: who did what to which record. Never holds answer texts."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

import sqlite_utils

from db._rows import now, to_datetime
from devtalk.domain.models import AuditEvent

# The records whose subject is a person the record itself does not name: (record type, table).
_ABOUT_A_PERSON = (("conversation", "conversations"), ("action", "actions"))


def record_event(
    db: sqlite_utils.Database, actor_id: int | None, action: str, record_type: str, record_id,
    detail: Mapping[str, object] | str = "",
) -> None:
    """One line in the log. Details are plain values (ids, counts, codes), stored as JSON and put
    into the reader's words when the log is read (devtalk.presentation.audit_words); a text is stored as given."""
    db["audit_events"].insert(
        {
            "at": now(),
            "actor_id": actor_id,
            "action": action,
            "record_type": record_type,
            "record_id": str(record_id),
            "detail": json.dumps(dict(detail), ensure_ascii=False, sort_keys=True) if isinstance(detail, Mapping) else detail,
        }
    )


def list_events(db: sqlite_utils.Database, limit: int = 500) -> list[AuditEvent]:
    rows = db.query("SELECT * FROM audit_events ORDER BY at DESC, id DESC LIMIT ?", [limit])
    return [
        AuditEvent(r["id"], to_datetime(r["at"]), r["actor_id"], r["action"], r["record_type"], r["record_id"], r["detail"])
        for r in rows
    ]


def record_subjects(db: sqlite_utils.Database, events: Iterable[AuditEvent]) -> dict[tuple[str, str], int]:
    """Whom each conversation or action record of ``events`` is about: (type, id) -> person id; one
    query per kind of record, and nothing for a record since removed."""
    events = list(events)
    subjects: dict[tuple[str, str], int] = {}
    for record_type, table in _ABOUT_A_PERSON:
        ids = sorted({int(e.record_id) for e in events if e.record_type == record_type and e.record_id.isdigit()})
        if ids:
            marks = ",".join("?" * len(ids))
            for row in db.execute(f"SELECT id, employee_id FROM {table} WHERE id IN ({marks})", ids):
                subjects[(record_type, str(row[0]))] = row[1]
    return subjects
