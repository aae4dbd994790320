"""Invitation codes: signing in without e-mail, with a card HR hands out on the shop floor.

A code is eight characters from an alphabet without look-alikes (no 0/O, 1/I/L), stored only
as a hash, valid for one person, for a limited time, and only for that person's own
conversations. Guessing is stopped by a limit on attempts per client.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from datetime import datetime, timedelta, timezone

import sqlite_utils

from db import audit, invitations, people, settings
from db.connection import transaction
from devtalk.errors import DevtalkError, InvalidInput, NotAllowed, NotFound
from devtalk.models import Person
from devtalk.pdf.invitation_cards import Card, invitation_cards
from devtalk.services.auth import CODE_SCOPE, start_session

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8
DEFAULT_DAYS = 30
MAX_ATTEMPTS = 10
ATTEMPT_WINDOW = timedelta(minutes=15)


class CodeRefused(DevtalkError):
    """One message for an unknown, expired or revoked code, and for too many attempts."""

    key = "invitation.refused"


def _hash(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def normalise(code: str) -> str:
    """What people type: any case, with spaces or dashes, as printed in two groups of four."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def issue_code(db: sqlite_utils.Database, actor: Person | None, person_id: int, days: int = DEFAULT_DAYS) -> str:
    """A fresh code for one person; earlier codes of that person stop working."""
    if actor is not None and not actor.is_hr:
        raise NotAllowed()
    if people.get_person(db, person_id) is None:
        raise NotFound()
    code = new_code()
    expires = datetime.now(timezone.utc) + timedelta(days=days)
    with transaction(db):
        invitations.revoke_invitations(db, person_id)
        invitations.add_invitation(db, person_id, _hash(code), expires, actor.id if actor else None)
        audit.record_event(db, actor.id if actor else None, "invitation.issue", "person", person_id)
    return code


def public_address() -> str:
    """Where people reach devtalk, printed on the cards (the QR link starts with it)."""
    return os.environ.get("DEVTALK_PUBLIC_URL", "http://localhost:8501").rstrip("/")


def invitation_cards_pdf(db: sqlite_utils.Database, actor: Person, person_ids: list[int], lang: str,
                         days: int = DEFAULT_DAYS) -> bytes:
    """New codes for these people, printed on cards; the codes exist only on the cards afterwards."""
    if not actor.is_hr:
        raise NotAllowed()
    chosen = [person for person in people.list_people(db, active_only=True) if person.id in set(person_ids)]
    if not chosen:
        raise InvalidInput("invitation.nobody_chosen")
    address = public_address()
    valid_until = (datetime.now(timezone.utc) + timedelta(days=days)).date()
    cards = []
    for person in chosen:
        code = issue_code(db, actor, person.id, days)
        cards.append(Card(person.name, code, f"{address}/?code={code}", valid_until))
    return invitation_cards(settings.get_setting(db, "firm_name", "") or "", cards, address, lang)


def revoke_codes(db: sqlite_utils.Database, actor: Person, person_id: int) -> None:
    if not actor.is_hr:
        raise NotAllowed()
    with transaction(db):
        invitations.revoke_invitations(db, person_id)
        audit.record_event(db, actor.id, "invitation.revoke", "person", person_id)


def sign_in_with_code(db: sqlite_utils.Database, code: str, client: str) -> str:
    """A session limited to the code's person and their own conversations, or CodeRefused."""
    now = datetime.now(timezone.utc)
    with transaction(db):
        if invitations.attempts_since(db, client, now - ATTEMPT_WINDOW) >= MAX_ATTEMPTS:
            raise CodeRefused()
        invitations.record_attempt(db, client)
    invitation = invitations.invitation_by_hash(db, _hash(code))
    if invitation is None or invitation.revoked_at or invitation.expires_at <= now:
        raise CodeRefused()
    person = people.get_person(db, invitation.person_id)
    if person is None or not person.active:
        raise CodeRefused()
    invitations.mark_used(db, invitation.id)
    return start_session(db, person.id, CODE_SCOPE)
