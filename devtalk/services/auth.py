"""Signing in and out, server-side sessions with an idle timeout, account lockout, passwords."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import sqlite_utils

from db import accounts, people
from db.connection import transaction
from devtalk import config
from devtalk.domain import access
from devtalk.domain.models import Person
from devtalk.domain.passwords import DUMMY_HASH, hash_password, verify_password
from devtalk.errors import DevtalkError, InvalidInput, NotAllowed, NotFound

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8
CODE_SCOPE = "code"
# A card for one third-voice input alone: its sessions' scope is this prefix and the invitation's id.
THIRD_VOICE_SCOPE = "third_voice:"
# Writing last_seen on every rerun would turn each click into a write; once a minute keeps
# the idle timeout accurate enough.
TOUCH_EVERY = timedelta(minutes=1)


class SignInFailed(DevtalkError):
    """One message for every failure, so it never tells which usernames exist."""

    key = "auth.sign_in_failed"


def idle_timeout() -> timedelta:
    return timedelta(minutes=config.idle_minutes())


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def sign_in(db: sqlite_utils.Database, username: str, password: str) -> str:
    """A new session token for this person, or SignInFailed."""
    person = people.person_by_username(db, username or "")
    active = person is not None and person.active
    if not check_password(db, person.id if active else None, password):
        raise SignInFailed()
    return start_session(db, person.id)


def check_password(db: sqlite_utils.Database, person_id: int | None, password: str) -> bool:
    """Whether this is the person's password, counted against the lockout.

    The attempt is counted before the slow hash check, so at most MAX_FAILED_ATTEMPTS guesses per
    lockout can be in flight at once, however many arrive together. Every way of failing (nobody,
    no password yet, locked) verifies against a dummy hash, so it takes as long as a real check
    and timing does not tell which usernames exist or are locked.
    """
    account = accounts.get_account(db, person_id) if person_id is not None else None
    now = _utcnow()
    counted = account is not None and account.password_hash is not None and accounts.reserve_attempt(
        db, person_id, now, MAX_FAILED_ATTEMPTS, now + LOCKOUT)
    if not counted or counted > MAX_FAILED_ATTEMPTS:
        verify_password(DUMMY_HASH, password)
        return False
    return verify_password(account.password_hash, password) and accounts.record_sign_in(
        db, person_id, account.password_hash)


def start_session(db: sqlite_utils.Database, person_id: int, scope: str = "full",
                  invitation_id: int | None = None) -> str:
    """A new random session token; only its hash is stored."""
    token = secrets.token_urlsafe(32)
    accounts.add_session(db, _token_hash(token), person_id, scope, invitation_id)
    return token


def current_person(db: sqlite_utils.Database, token: str | None) -> Person | None:
    """The signed-in person behind a token, or None when unknown, expired or deactivated."""
    if not isinstance(token, str) or not token:
        return None
    found = accounts.get_session(db, _token_hash(token))
    if found is None:
        return None
    person_id, last_seen, scope = found
    if _utcnow() - last_seen > idle_timeout():
        accounts.delete_session(db, _token_hash(token))
        return None
    person = people.get_person(db, person_id)
    if person is None or not person.active:
        return None
    if _utcnow() - last_seen > TOUCH_EVERY:
        accounts.touch_session(db, _token_hash(token))
    if scope.startswith(THIRD_VOICE_SCOPE):
        return replace(person, roles=(), restricted=True, only_third_voice=int(scope.removeprefix(THIRD_VOICE_SCOPE)))
    return replace(person, roles=("employee",), restricted=True) if scope == CODE_SCOPE else person


def sign_out(db: sqlite_utils.Database, token: str | None) -> None:
    if token:
        accounts.delete_session(db, _token_hash(token))


def change_password(db: sqlite_utils.Database, token: str | None, current: str, new: str) -> None:
    """A person changes their own password, proving the current one; their other sessions end.

    Only a session signed in with a password may: a card's session (whoever holds the card) can
    neither create a password, for someone with only cards, nor change one.
    """
    person = current_person(db, token)
    if person is None or person.restricted:
        raise NotAllowed()
    _check_new_password(new)
    if not check_password(db, person.id, current):
        raise InvalidInput("auth.current_password_wrong", attempts=MAX_FAILED_ATTEMPTS)
    with transaction(db):
        accounts.set_password_hash(db, person.id, hash_password(new))
        accounts.delete_sessions_of(db, person.id, keep_token_hash=_token_hash(token))


def set_password(db: sqlite_utils.Database, actor: Person, person_id: int, password: str) -> None:
    """HR sets someone else's password (e.g. for someone who forgot it); all their sessions end.
    One's own password changes with the current one, through ``change_password``."""
    access.require_hr(actor)
    if actor.id == person_id:
        raise InvalidInput("auth.own_password_on_account_page")
    if people.get_person(db, person_id) is None:
        raise NotFound()
    _check_new_password(password)
    with transaction(db):
        accounts.set_password_hash(db, person_id, hash_password(password))
        accounts.delete_sessions_of(db, person_id)


def _check_new_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise InvalidInput("auth.password_too_short", minimum=MIN_PASSWORD_LENGTH)
