"""Which reminders went out to whom, so that none is sent twice (reminders_sent)."""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from db._rows import now


def claim_reminders(db: sqlite_utils.Database, claims: Iterable[tuple[str, int]], channel: str) -> list[tuple[str, int]]:
    """Record each (subject, recipient) as sent on ``channel``; returns those not recorded before,
    the only ones to send (one statement per claim, so two senders at once never both win one)."""
    stamp, won = now(), []
    for subject, recipient_id in claims:
        cursor = db.execute("INSERT INTO reminders_sent (subject, recipient_id, channel, sent_at) VALUES (?, ?, ?, ?)"
                            " ON CONFLICT DO NOTHING", [subject, recipient_id, channel, stamp])
        if cursor.rowcount:
            won.append((subject, recipient_id))
    return won


def release_reminders(db: sqlite_utils.Database, claims: Iterable[tuple[str, int]], channel: str) -> None:
    """Forget claims whose mail did not go out, so the next run sends them."""
    db.conn.executemany("DELETE FROM reminders_sent WHERE subject = ? AND recipient_id = ? AND channel = ?",
                        [(subject, recipient_id, channel) for subject, recipient_id in claims])
