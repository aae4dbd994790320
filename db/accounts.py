"""Password hashes, failed sign-in counts and server-side sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from db._rows import now, to_datetime


@dataclass(frozen=True)
class Account:
    person_id: int
    password_hash: str | None
    failed_attempts: int
    locked_until: datetime | None


def get_account(db: sqlite_utils.Database, person_id: int) -> Account | None:
    rows = list(db.query("SELECT * FROM accounts WHERE person_id = ?", [person_id]))
    if not rows:
        return None
    row = rows[0]
    return Account(row["person_id"], row["password_hash"], row["failed_attempts"], to_datetime(row["locked_until"]))


def set_password_hash(db: sqlite_utils.Database, person_id: int, password_hash: str) -> None:
    db["accounts"].upsert(
        {"person_id": person_id, "password_hash": password_hash, "failed_attempts": 0, "locked_until": None},
        pk="person_id",
    )


def record_failed_attempt(db: sqlite_utils.Database, person_id: int, locked_until: datetime | None) -> None:
    db.execute(
        "UPDATE accounts SET failed_attempts = failed_attempts + 1, locked_until = ? WHERE person_id = ?",
        [locked_until.isoformat() if locked_until else None, person_id],
    )


def record_sign_in(db: sqlite_utils.Database, person_id: int) -> None:
    db.execute(
        "UPDATE accounts SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = ? WHERE person_id = ?",
        [now(), person_id],
    )


def add_session(db: sqlite_utils.Database, token_hash: str, person_id: int, scope: str = "full") -> None:
    stamp = now()
    db["sessions"].insert(
        {"token_hash": token_hash, "person_id": person_id, "created_at": stamp, "last_seen_at": stamp, "scope": scope}
    )


def get_session(db: sqlite_utils.Database, token_hash: str) -> tuple[int, datetime, str] | None:
    """(person id, last seen, scope) of a session."""
    row = db.execute("SELECT person_id, last_seen_at, scope FROM sessions WHERE token_hash = ?", [token_hash]).fetchone()
    return (row[0], to_datetime(row[1]), row[2]) if row else None


def touch_session(db: sqlite_utils.Database, token_hash: str) -> None:
    db.execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", [now(), token_hash])


def delete_session(db: sqlite_utils.Database, token_hash: str) -> None:
    db.execute("DELETE FROM sessions WHERE token_hash = ?", [token_hash])


def delete_sessions_of(db: sqlite_utils.Database, person_id: int) -> None:
    """Sign a person out everywhere, e.g. after HR set a new password for them."""
    db.execute("DELETE FROM sessions WHERE person_id = ?", [person_id])
