"""Invitation codes (stored only as hashes) and the sign-in attempts that rate-limit them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from db._rows import now, to_datetime


@dataclass(frozen=True)
class Invitation:
    id: int
    person_id: int
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None


def _invitation(row: dict) -> Invitation:
    return Invitation(row["id"], row["person_id"], to_datetime(row["created_at"]), to_datetime(row["expires_at"]),
                      to_datetime(row["revoked_at"]), to_datetime(row["last_used_at"]))


def add_invitation(db: sqlite_utils.Database, person_id: int, code_hash: str, expires_at: datetime, created_by: int | None) -> None:
    db["invitations"].insert({"person_id": person_id, "code_hash": code_hash, "created_at": now(),
                              "created_by": created_by, "expires_at": expires_at.isoformat()})


def revoke_invitations(db: sqlite_utils.Database, person_id: int) -> None:
    db.execute("UPDATE invitations SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL", [now(), person_id])


def invitation_by_hash(db: sqlite_utils.Database, code_hash: str) -> Invitation | None:
    rows = list(db.query("SELECT * FROM invitations WHERE code_hash = ?", [code_hash]))
    return _invitation(rows[0]) if rows else None


def invitations_of(db: sqlite_utils.Database, person_id: int) -> list[Invitation]:
    rows = db.query("SELECT * FROM invitations WHERE person_id = ? ORDER BY created_at DESC", [person_id])
    return [_invitation(row) for row in rows]


def mark_used(db: sqlite_utils.Database, invitation_id: int) -> None:
    db.execute("UPDATE invitations SET last_used_at = ? WHERE id = ?", [now(), invitation_id])


def record_attempt(db: sqlite_utils.Database, client: str) -> None:
    db["sign_in_attempts"].insert({"client": client, "at": now()})


def attempts_since(db: sqlite_utils.Database, client: str, since: datetime) -> int:
    return db.execute(
        "SELECT count(*) FROM sign_in_attempts WHERE client = ? AND at >= ?", [client, since.isoformat()]
    ).fetchone()[0]
