"""Invitation codes (stored only as hashes), their wrong PINs, and the wrong code guesses that
limit guessing."""

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
    failed_pins: int = 0
    third_voice_id: int | None = None  # a card for that third-voice input alone (services.third_voice)

    def is_live(self, at: datetime) -> bool:
        return self.revoked_at is None and self.expires_at > at


def _invitation(row: dict) -> Invitation:
    return Invitation(row["id"], row["person_id"], to_datetime(row["created_at"]), to_datetime(row["expires_at"]),
                      to_datetime(row["revoked_at"]), to_datetime(row["last_used_at"]), row["failed_pins"],
                      row.get("third_voice_id"))


def add_invitation(db: sqlite_utils.Database, person_id: int, code_hash: str, expires_at: datetime, created_by: int | None,
                   third_voice_id: int | None = None) -> None:
    db["invitations"].insert({"person_id": person_id, "code_hash": code_hash, "created_at": now(),
                              "created_by": created_by, "expires_at": expires_at.isoformat(),
                              "third_voice_id": third_voice_id})


def revoke_invitations(db: sqlite_utils.Database, person_id: int, input_cards_too: bool = False) -> None:
    """Every card of the person for their own conversations; with ``input_cards_too`` also their
    cards for a third-voice input (services.invitations: a new own card leaves those alone)."""
    db.execute("UPDATE invitations SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL"
               " AND (? = 1 OR third_voice_id IS NULL)", [now(), person_id, int(input_cards_too)])


def end_own_card_sessions(db: sqlite_utils.Database, person_id: int) -> None:
    """Sign out the sessions the person's cards for their own conversations started (not those of
    a card for a third-voice input)."""
    db.execute("DELETE FROM sessions WHERE person_id = ? AND invitation_id IN"
               " (SELECT id FROM invitations WHERE person_id = ? AND third_voice_id IS NULL)", [person_id, person_id])


def revoke_third_voice_cards(db: sqlite_utils.Database, third_voice_id: int) -> None:
    db.execute("UPDATE invitations SET revoked_at = ? WHERE third_voice_id = ? AND revoked_at IS NULL",
               [now(), third_voice_id])


def revoke_invitation(db: sqlite_utils.Database, invitation_id: int) -> None:
    db.execute("UPDATE invitations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", [now(), invitation_id])


def get_invitation(db: sqlite_utils.Database, invitation_id: int) -> Invitation | None:
    rows = list(db.query("SELECT * FROM invitations WHERE id = ?", [invitation_id]))
    return _invitation(rows[0]) if rows else None


def invitation_by_hash(db: sqlite_utils.Database, code_hash: str) -> Invitation | None:
    rows = list(db.query("SELECT * FROM invitations WHERE code_hash = ?", [code_hash]))
    return _invitation(rows[0]) if rows else None


def any_invitations(db: sqlite_utils.Database) -> bool:
    """Whether a sign-in card was ever made, live or not (the setup checklist's last step)."""
    return db.execute("SELECT EXISTS (SELECT 1 FROM invitations)").fetchone()[0] == 1


def mark_used(db: sqlite_utils.Database, invitation_id: int) -> None:
    db.execute("UPDATE invitations SET last_used_at = ? WHERE id = ?", [now(), invitation_id])


def reserve_pin_attempt(db: sqlite_utils.Database, invitation_id: int, most: int) -> int | None:
    """Count a PIN attempt on a card before its slow check, in one statement: the number this
    attempt got, or None when the card is revoked or has had its ``most`` attempts."""
    rows = db.execute(
        "UPDATE invitations SET failed_pins = failed_pins + 1"
        " WHERE id = ? AND revoked_at IS NULL AND failed_pins < ? RETURNING failed_pins",
        [invitation_id, most],
    ).fetchall()  # all of it, so the statement ends and its write lock goes at once
    return rows[0][0] if rows else None


def clear_failed_pins(db: sqlite_utils.Database, invitation_id: int) -> bool:
    """After a right PIN; False if the card was revoked meanwhile."""
    cursor = db.execute("UPDATE invitations SET failed_pins = 0 WHERE id = ? AND revoked_at IS NULL", [invitation_id])
    return cursor.rowcount == 1


def record_wrong_guess(db: sqlite_utils.Database, client: str, forget_before: datetime) -> None:
    """One wrong code from this client; guesses older than ``forget_before`` count no more and go."""
    db.execute("DELETE FROM sign_in_attempts WHERE at < ?", [forget_before.isoformat()])
    db["sign_in_attempts"].insert({"client": client, "at": now()})


def wrong_guesses_since(db: sqlite_utils.Database, since: datetime, client: str | None = None) -> int:
    """Wrong codes since then, from one client or (``client=None``) from everyone."""
    if client is None:
        return db.execute("SELECT count(*) FROM sign_in_attempts WHERE at >= ?", [since.isoformat()]).fetchone()[0]
    return db.execute(
        "SELECT count(*) FROM sign_in_attempts WHERE client = ? AND at >= ?", [client, since.isoformat()]
    ).fetchone()[0]


def count_live_among(db: sqlite_utils.Database, person_ids: list[int], at: datetime) -> int:
    """How many of these people have a card that still works at that moment."""
    if not person_ids:
        return 0
    marks = ",".join("?" * len(person_ids))
    return db.execute(
        f"SELECT count(DISTINCT person_id) FROM invitations WHERE person_id IN ({marks})"
        " AND revoked_at IS NULL AND third_voice_id IS NULL AND expires_at > ?", [*person_ids, at.isoformat()],
    ).fetchone()[0]
