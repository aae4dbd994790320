"""Reminder mails that go out once: what each recipient is owed and has not had yet.

The certificate reminders and the half-year check-in share it. A claim is stored before the mail
is sent, so two senders at once (a button and a cron job) never both send one; a mail server that
fails releases the claims, so the next run sends them.
"""

from __future__ import annotations

from collections.abc import Callable
from email.message import EmailMessage
from typing import TypeVar

import sqlite_utils

from db import audit
from db import reminders as storage
from db.connection import transaction
from devtalk import mail
from devtalk.config import SmtpSettings
from devtalk.domain import access
from devtalk.domain.models import Person
from devtalk.services.address import public_address

About = TypeVar("About")
CHANNEL = "email"


def send_once(db: sqlite_utils.Database, actor: Person, settings: SmtpSettings, wanted: dict[tuple[str, int], About],
              everyone: dict[int, Person], message: Callable[[Person, list[About], str | None], EmailMessage],
              event: str, record_type: str) -> int:
    """Mail each recipient the ``wanted`` reminders ((subject, recipient id) -> what it is about)
    not sent before, in one mail per recipient made by ``message(recipient, about, link)``; the
    link is devtalk's address unless that is a local one. Returns the number of mails sent."""
    with transaction(db):
        won = storage.claim_reminders(db, wanted, CHANNEL)
    per_recipient: dict[int, list[About]] = {}
    for claim in won:
        per_recipient.setdefault(claim[1], []).append(wanted[claim])
    address = public_address(db)
    link = None if address.local else f"{address.url}/"
    try:
        if per_recipient:
            mail.send(settings, [message(everyone[recipient_id], about, link) for recipient_id, about in per_recipient.items()])
    except mail.MailFailed:
        with transaction(db):
            storage.release_reminders(db, won, CHANNEL)
        raise
    with transaction(db):
        audit.record_event(db, access.recorded_id(actor), event, record_type, "*", detail={"sent": len(per_recipient)})
    return len(per_recipient)
