"""Signing in and out, server-side sessions with an idle timeout, account lockout."""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import sqlite_utils

from db import accounts, people
from devtalk.errors import DevtalkError, InvalidInput, NotAllowed
from devtalk.models import Person
from devtalk.passwords import DUMMY_HASH, hash_password, verify_password

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8
CODE_SCOPE = "code"
# Writing last_seen on every rerun would turn each click into a write; once a minute keeps
# the idle timeout accurate enough.
TOUCH_EVERY = timedelta(minutes=1)


class SignInFailed(DevtalkError):
    """One message for every failure, so it never tells which usernames exist."""

    key = "auth.sign_in_failed"


def idle_timeout() -> timedelta:
    return timedelta(minutes=int(os.environ.get("DEVTALK_IDLE_MINUTES", "60")))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def sign_in(db: sqlite_utils.Database, username: str, password: str) -> str:
    """A new session token for this person, or SignInFailed."""
    person = people.person_by_username(db, username or "")
    account = accounts.get_account(db, person.id) if person else None
    if person is None or account is None or not person.active:
        verify_password(DUMMY_HASH, password)
        raise SignInFailed()
    if account.locked_until and account.locked_until > _utcnow():
        raise SignInFailed()
    if not verify_password(account.password_hash, password):
        locks = account.failed_attempts + 1 >= MAX_FAILED_ATTEMPTS
        accounts.record_failed_attempt(db, person.id, _utcnow() + LOCKOUT if locks else None)
        raise SignInFailed()
    accounts.record_sign_in(db, person.id)
    return start_session(db, person.id)


def start_session(db: sqlite_utils.Database, person_id: int, scope: str = "full") -> str:
    """A new random session token; only its hash is stored."""
    token = secrets.token_urlsafe(32)
    accounts.add_session(db, _token_hash(token), person_id, scope)
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
    return replace(person, roles=("employee",), restricted=True) if scope == CODE_SCOPE else person


def sign_out(db: sqlite_utils.Database, token: str | None) -> None:
    if token:
        accounts.delete_session(db, _token_hash(token))


def set_password(db: sqlite_utils.Database, actor: Person, person_id: int, password: str) -> None:
    """A person sets their own password; HR may set anyone's (e.g. for someone who forgot it)."""
    if actor.id != person_id and not actor.is_hr:
        raise NotAllowed()
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput("auth.password_too_short", minimum=MIN_PASSWORD_LENGTH)
    accounts.set_password_hash(db, person_id, hash_password(password))
