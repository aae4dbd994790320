"""Password and PIN hashes, failed sign-in counts and server-side sessions."""

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
    pin_hash: str | None = None


def get_account(db: sqlite_utils.Database, person_id: int) -> Account | None:
    rows = list(db.query("SELECT * FROM accounts WHERE person_id = ?", [person_id]))
    if not rows:
        return None
    row = rows[0]
    return Account(row["person_id"], row["password_hash"], row["failed_attempts"], to_datetime(row["locked_until"]),
                   row["pin_hash"])


def set_password_hash(db: sqlite_utils.Database, person_id: int, password_hash: str) -> None:
    db["accounts"].upsert(
        {"person_id": person_id, "password_hash": password_hash, "failed_attempts": 0, "locked_until": None},
        pk="person_id",
    )


def reserve_attempt(db: sqlite_utils.Database, person_id: int, at: datetime, most: int,
                    locked_until: datetime) -> int | None:
    """Count a sign-in attempt before its slow check, in one statement, so parallel attempts
    cannot all read the same old count: the number this attempt got, or None while locked.

    The attempt that reaches ``most`` locks the account in the same statement; once a lock has
    passed, counting starts again from one.
    """
    rows = db.execute(
        """UPDATE accounts SET
               failed_attempts = CASE WHEN locked_until IS NULL THEN failed_attempts + 1 ELSE 1 END,
               locked_until = CASE WHEN (CASE WHEN locked_until IS NULL THEN failed_attempts + 1 ELSE 1 END) >= ?
                                   THEN ? END
           WHERE person_id = ? AND (locked_until IS NULL OR locked_until <= ?)
           RETURNING failed_attempts""",
        [most, locked_until.isoformat(), person_id, at.isoformat()],
    ).fetchall()  # all of it, so the statement ends and its write lock goes at once
    return rows[0][0] if rows else None


def record_sign_in(db: sqlite_utils.Database, person_id: int, password_hash: str) -> bool:
    """Clear the count after a right password; False if the password changed meanwhile (e.g. HR
    reset it during the check), so the old one must not get in."""
    cursor = db.execute(
        "UPDATE accounts SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = ?"
        " WHERE person_id = ? AND password_hash = ?",
        [now(), person_id, password_hash],
    )
    return cursor.rowcount == 1


def choose_pin_hash(db: sqlite_utils.Database, person_id: int, pin_hash: str) -> bool:
    """Store a first PIN; False if one was chosen meanwhile (it is never overwritten this way)."""
    db.execute("INSERT INTO accounts (person_id) VALUES (?) ON CONFLICT DO NOTHING", [person_id])
    cursor = db.execute("UPDATE accounts SET pin_hash = ? WHERE person_id = ? AND pin_hash IS NULL",
                        [pin_hash, person_id])
    return cursor.rowcount == 1


def clear_pin_hash(db: sqlite_utils.Database, person_id: int) -> None:
    db.execute("UPDATE accounts SET pin_hash = NULL WHERE person_id = ?", [person_id])


def add_session(db: sqlite_utils.Database, token_hash: str, person_id: int, scope: str = "full",
                invitation_id: int | None = None) -> None:
    """A session; one started with a card's code names that card, so revoking it ends the session."""
    stamp = now()
    db["sessions"].insert({"token_hash": token_hash, "person_id": person_id, "created_at": stamp,
                           "last_seen_at": stamp, "scope": scope, "invitation_id": invitation_id})


def get_session(db: sqlite_utils.Database, token_hash: str) -> tuple[int, datetime, str] | None:
    """(person id, last seen, scope) of a session."""
    row = db.execute("SELECT person_id, last_seen_at, scope FROM sessions WHERE token_hash = ?", [token_hash]).fetchone()
    return (row[0], to_datetime(row[1]), row[2]) if row else None


def touch_session(db: sqlite_utils.Database, token_hash: str) -> None:
    db.execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", [now(), token_hash])


def delete_session(db: sqlite_utils.Database, token_hash: str) -> None:
    db.execute("DELETE FROM sessions WHERE token_hash = ?", [token_hash])


def delete_sessions_of(db: sqlite_utils.Database, person_id: int, keep_token_hash: str | None = None) -> None:
    """Sign a person out everywhere (but in the session ``keep_token_hash``, when given), e.g.
    after a new password."""
    db.execute("DELETE FROM sessions WHERE person_id = ? AND token_hash IS DISTINCT FROM ?", [person_id, keep_token_hash])


def delete_card_sessions_of(db: sqlite_utils.Database, person_id: int) -> None:
    """End every session a card of this person started."""
    db.execute("DELETE FROM sessions WHERE person_id = ? AND invitation_id IS NOT NULL", [person_id])


def delete_sessions_of_card(db: sqlite_utils.Database, invitation_id: int) -> None:
    db.execute("DELETE FROM sessions WHERE invitation_id = ?", [invitation_id])
