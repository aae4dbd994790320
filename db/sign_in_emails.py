"""Who an e-mail address names, for signing in with an office account (OpenID Connect)."""

from __future__ import annotations

import sqlite_utils

from db.people import people_by_id
from devtalk.domain.models import Person


def active_people_with_email(db: sqlite_utils.Database, email: str) -> list[Person]:
    """The active people whose e-mail address is ``email``, whatever its capitals, in id order.

    lower() folds ASCII letters alike on both engines, and e-mail addresses are ASCII in practice; the
    caller wants them all, so that two people sharing an address can be told apart from one.
    """
    rows = db.execute("SELECT id FROM people WHERE active = 1 AND lower(email) = lower(?) ORDER BY id",
                      [email.strip()]).fetchall()
    found = people_by_id(db, [row[0] for row in rows])
    return [found[row[0]] for row in rows]
