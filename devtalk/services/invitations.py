"""Invitation codes: signing in without e-mail, with a card HR hands out on the shop floor.

A code is eight characters from an alphabet without look-alikes (no 0/O, 1/I/L), stored only
as a hash, valid for one person, until a while after the open rounds end (card_valid_until),
and only for that person's own conversations. A card proves only "has the card"; unless the
firm switched it off, a PIN the person chooses at the first sign-in proves "is the person",
and a card stops working after MAX_WRONG_PINS wrong ones. Guessing codes is bounded as
devtalk.domain.code_guessing explains. Revoking or replacing a card ends the sessions it started.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

import sqlite_utils

from db import accounts, audit, invitations, people, rounds, settings
from db.connection import transaction
from devtalk.domain import access, code_guessing
from devtalk.domain.code_guessing import MAX_WRONG_PINS
from devtalk.domain.models import Person
from devtalk.domain.passwords import hash_password, verify_password
from devtalk.errors import DevtalkError, InvalidInput, NotFound
from devtalk.presentation.formatting import TIMEZONE
from devtalk.presentation.pdf.invitation_cards import Card, invitation_cards
from devtalk.services.address import public_address
from devtalk.services.auth import CODE_SCOPE, THIRD_VOICE_SCOPE, start_session

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8
DEFAULT_DAYS = 30
# A card is needed until the end: after a round's last deadline (the meeting) the manager writes
# the report and the employee reads and acknowledges it, with the same card. Sixty days gives a
# month for the report and a month to acknowledge it; a card made before that runs out.
ACKNOWLEDGE_DAYS = 60
PIN = re.compile(r"[0-9]{4,6}")
PIN_SETTING = "card_pin"
CHOOSE_PIN = "choose"
ENTER_PIN = "enter"


class CodeRefused(DevtalkError):
    """One message for an unknown, expired or revoked code, and for too many attempts."""

    key = "invitation.refused"


class ReplacesValidCards(DevtalkError):
    """New codes for people whose printed cards still work would stop those cards: HR confirms first."""

    key = "invitation.replaces_valid_cards"


class PinRefused(DevtalkError):
    """A wrong PIN for a right card; the card stops working after MAX_WRONG_PINS of them."""

    key = "invitation.pin_wrong"


@dataclass(frozen=True)
class CardGroup:
    """People HR can choose in one go: one manager's current team, or (manager None) everyone."""

    manager: Person | None
    people: tuple[Person, ...]


@dataclass(frozen=True)
class CardSignIn:
    """Where a card's code got: a session, or the PIN step still between the card and one."""

    token: str | None = None
    pin_step: str | None = None  # CHOOSE_PIN or ENTER_PIN


def _hash(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def normalise(code: str) -> str:
    """What people type: any case, with spaces or dashes, as printed in two groups of four."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def card_valid_until(db: sqlite_utils.Database, today: date | None = None) -> date:
    """The last day a card made today works: DEFAULT_DAYS from now, and at least ACKNOWLEDGE_DAYS
    past the last deadline of any round still open."""
    today = today or datetime.now(TIMEZONE).date()
    deadlines = [deadline for found in rounds.list_rounds(db) if found.closed_at is None
                 for deadline in (found.fill_deadline, found.meeting_deadline) if deadline]
    at_least = today + timedelta(days=DEFAULT_DAYS)
    return max(at_least, max(deadlines) + timedelta(days=ACKNOWLEDGE_DAYS)) if deadlines else at_least


def _end_of(day: date) -> datetime:
    """The moment the printed day ends in the firm's time zone: the card works all of that day."""
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=TIMEZONE).astimezone(timezone.utc)


def issue_code(db: sqlite_utils.Database, actor: Person, person_id: int,
               valid_until: date | None = None) -> str:
    """A fresh code for one person, working through ``valid_until`` (default: card_valid_until);
    earlier codes of that person for their own conversations stop working and sign out. A card
    for a third-voice input is another matter (the manager hands it out for that input): it keeps
    working, and so does the session it started."""
    access.require_hr(actor)
    if people.get_person(db, person_id) is None:
        raise NotFound()
    code = new_code()
    expires = _end_of(valid_until or card_valid_until(db))
    with transaction(db):
        invitations.revoke_invitations(db, person_id)
        invitations.end_own_card_sessions(db, person_id)
        invitations.add_invitation(db, person_id, _hash(code), expires, access.recorded_id(actor))
        audit.record_event(db, access.recorded_id(actor), "invitation.issue", "person", person_id)
    return code


def card_groups(db: sqlite_utils.Database, actor: Person) -> list[CardGroup]:
    """Everyone active first, then each manager's active team by the manager's name."""
    access.require_hr(actor)
    everyone = people.list_people(db, active_only=True)
    by_id = {person.id: person for person in everyone}
    teams: dict[int, list[Person]] = {}
    for person in everyone:
        if person.manager_id in by_id:
            teams.setdefault(person.manager_id, []).append(person)
    ordered = sorted(teams, key=lambda manager_id: by_id[manager_id].name.casefold())
    return [CardGroup(None, tuple(everyone))] + [CardGroup(by_id[m], tuple(teams[m])) for m in ordered]


def invitation_cards_pdf(db: sqlite_utils.Database, actor: Person, person_ids: list[int], lang: str,
                         seen_address: str | None = None, replace_valid: bool = False) -> bytes:
    """New codes for these people, printed on cards; the codes exist only on the cards afterwards.

    ``seen_address`` is the address HR's browser uses (see devtalk.services.address). Cards that
    still work stop working with new ones, so unless ``replace_valid`` that is ReplacesValidCards.
    """
    access.require_hr(actor)
    chosen = [person for person in people.list_people(db, active_only=True) if person.id in set(person_ids)]
    if not chosen:
        raise InvalidInput("invitation.nobody_chosen")
    still_valid = invitations.count_live_among(db, [person.id for person in chosen], datetime.now(timezone.utc))
    if still_valid and not replace_valid:
        raise ReplacesValidCards(count=still_valid, people=len(chosen))
    address = public_address(db, seen_address).url
    valid_until = card_valid_until(db)
    cards = []
    for person in chosen:
        code = issue_code(db, actor, person.id, valid_until)
        cards.append(Card(person.name, code, card_link(address, code), valid_until))
    return invitation_cards(settings.get_setting(db, "firm_name", "") or "", cards, address, lang)


def card_link(address: str, code: str) -> str:
    """What a card's QR code opens: devtalk at ``address``, signing in with ``code``."""
    return f"{address}/?code={code}"


def revoke_codes(db: sqlite_utils.Database, actor: Person, person_id: int) -> None:
    """Every card of this person stops working, their cards for a third-voice input too, and every
    session a card of theirs started ends."""
    access.require_hr(actor)
    with transaction(db):
        invitations.revoke_invitations(db, person_id, input_cards_too=True)
        accounts.delete_card_sessions_of(db, person_id)
        audit.record_event(db, access.recorded_id(actor), "invitation.revoke", "person", person_id)


def pin_required(db: sqlite_utils.Database) -> bool:
    """The firm's setting: cards ask for the person's PIN (on unless HR switched it off)."""
    return settings.get_setting(db, PIN_SETTING, "1") == "1"


def set_pin_required(db: sqlite_utils.Database, actor: Person, required: bool) -> None:
    access.require_hr(actor)
    with transaction(db):
        settings.set_setting(db, PIN_SETTING, "1" if required else "0")
        audit.record_event(db, access.recorded_id(actor), "settings.card_pin", "setting", PIN_SETTING, detail={"on": bool(required)})


def reset_pin(db: sqlite_utils.Database, actor: Person, person_id: int) -> None:
    """The person chooses a new PIN at their next card sign-in; sessions their cards started end."""
    access.require_hr(actor)
    if people.get_person(db, person_id) is None:
        raise NotFound()
    with transaction(db):
        accounts.clear_pin_hash(db, person_id)
        accounts.delete_card_sessions_of(db, person_id)
        audit.record_event(db, access.recorded_id(actor), "invitation.pin_reset", "person", person_id)


def sign_in_with_code(db: sqlite_utils.Database, code: str, client: str, pin: str | None = None,
                      pin_again: str | None = None) -> CardSignIn:
    """A session limited to the code's person and their own conversations, once the PIN is right
    or chosen (``pin`` twice, as ``pin_again``); without ``pin``, the PIN step it needs."""
    invitation, pin_hash = _open_card(db, code, client)
    if not pin_required(db):
        return CardSignIn(token=_start(db, invitation))
    if pin_hash is None:
        return _choose_pin(db, invitation, pin, pin_again)
    return _enter_pin(db, invitation, pin_hash, pin)


def _open_card(db, code: str, client: str) -> tuple[invitations.Invitation, str | None]:
    """The live card behind a code and its person's PIN hash, or CodeRefused; only wrong codes
    count as guesses, and whether a right one may open is code_guessing's to say."""
    now = datetime.now(timezone.utc)
    since = now - code_guessing.WINDOW
    invitation = invitations.invitation_by_hash(db, _hash(code))
    person = people.get_person(db, invitation.person_id) if invitation else None
    if invitation is None or not invitation.is_live(now) or person is None or not person.active:
        with transaction(db):
            invitations.record_wrong_guess(db, client, forget_before=since)
        raise CodeRefused()
    account = accounts.get_account(db, person.id)
    pin_hash = account.pin_hash if account else None
    has_pin = pin_hash is not None and pin_required(db)
    if not code_guessing.card_may_open(has_pin, invitations.wrong_guesses_since(db, since, client),
                                       invitations.wrong_guesses_since(db, since)):
        raise CodeRefused()
    return invitation, pin_hash


def _choose_pin(db, invitation: invitations.Invitation, pin: str | None, pin_again: str | None) -> CardSignIn:
    if pin is None:
        return CardSignIn(pin_step=CHOOSE_PIN)
    if not PIN.fullmatch(pin):
        raise InvalidInput("invitation.pin_format")
    if pin != pin_again:
        raise InvalidInput("invitation.pin_mismatch")
    pin_hash = hash_password(pin)
    with transaction(db):
        if not accounts.choose_pin_hash(db, invitation.person_id, pin_hash):
            return CardSignIn(pin_step=ENTER_PIN)  # chosen meanwhile, elsewhere: that one counts
        return CardSignIn(token=_start(db, invitation))


def _enter_pin(db, invitation: invitations.Invitation, pin_hash: str, pin: str | None) -> CardSignIn:
    if pin is None:
        return CardSignIn(pin_step=ENTER_PIN)
    if not PIN.fullmatch(pin):
        raise InvalidInput("invitation.pin_format")
    # Counted before the slow check, so parallel tries cannot exceed the card's limit.
    attempt = invitations.reserve_pin_attempt(db, invitation.id, MAX_WRONG_PINS)
    if attempt is None:
        raise CodeRefused()
    if verify_password(pin_hash, pin):
        with transaction(db):
            if not invitations.clear_failed_pins(db, invitation.id):
                raise CodeRefused()
            return CardSignIn(token=_start(db, invitation))
    if attempt < MAX_WRONG_PINS:
        raise PinRefused(left=MAX_WRONG_PINS - attempt)
    with transaction(db):
        invitations.revoke_invitation(db, invitation.id)
        accounts.delete_sessions_of_card(db, invitation.id)
        audit.record_event(db, None, "invitation.pin_limit", "person", invitation.person_id)
    raise CodeRefused("invitation.pin_card_stopped")


def _start(db, invitation: invitations.Invitation) -> str:
    """A session for the card's person, tied to the card; checked and started in one transaction,
    so a revocation at the same moment cannot leave a session of a revoked card behind."""
    with transaction(db):
        current = invitations.get_invitation(db, invitation.id)
        if current is None or not current.is_live(datetime.now(timezone.utc)):
            raise CodeRefused()
        invitations.mark_used(db, invitation.id)
        scope = CODE_SCOPE if current.third_voice_id is None else f"{THIRD_VOICE_SCOPE}{current.third_voice_id}"
        return start_session(db, invitation.person_id, scope, invitation.id)


def third_voice_card_pdf(db: sqlite_utils.Database, actor: Person, person: Person, third_voice_id: int, lang: str,
                         seen_address: str | None = None) -> bytes:
    """A card for one third-voice input alone, printed like the others; its earlier card stops
    working. The caller (services.third_voice) has checked that ``actor`` may hand it out."""
    code = new_code()
    valid_until = card_valid_until(db)
    with transaction(db):
        invitations.revoke_third_voice_cards(db, third_voice_id)
        invitations.add_invitation(db, person.id, _hash(code), _end_of(valid_until), access.recorded_id(actor),
                                   third_voice_id=third_voice_id)
        audit.record_event(db, access.recorded_id(actor), "invitation.issue", "person", person.id)
    address = public_address(db, seen_address).url
    card = Card(person.name, code, card_link(address, code), valid_until)
    return invitation_cards(settings.get_setting(db, "firm_name", "") or "", [card], address, lang)
