from datetime import datetime, timedelta, timezone

import pytest

from db import accounts
from db.people import add_person, update_person
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.passwords import hash_password
from devtalk.services import auth
from devtalk.services.auth import SignInFailed


def make_person(db, username="daan", password="geheim123", **fields):
    person = add_person(db, name=username.title(), username=username, **fields)
    accounts.set_password_hash(db, person.id, hash_password(password))
    return person


def test_right_password_gives_a_session_for_that_person(fresh_db):
    daan = make_person(fresh_db)
    token = auth.sign_in(fresh_db, "daan", "geheim123")
    assert auth.current_person(fresh_db, token) == daan


def test_passwords_are_stored_as_argon2_hashes(fresh_db):
    daan = make_person(fresh_db)
    stored = accounts.get_account(fresh_db, daan.id).password_hash
    assert stored.startswith("$argon2id$") and "geheim123" not in stored


def test_wrong_password_and_unknown_user_get_the_same_message(fresh_db):
    make_person(fresh_db)
    with pytest.raises(SignInFailed) as wrong:
        auth.sign_in(fresh_db, "daan", "fout")
    with pytest.raises(SignInFailed) as unknown:
        auth.sign_in(fresh_db, "niemand", "fout")
    assert wrong.value.render("nl") == unknown.value.render("nl")


def test_five_failures_lock_the_account_even_for_the_right_password(fresh_db):
    make_person(fresh_db)
    for _ in range(auth.MAX_FAILED_ATTEMPTS):
        with pytest.raises(SignInFailed):
            auth.sign_in(fresh_db, "daan", "fout")
    with pytest.raises(SignInFailed):
        auth.sign_in(fresh_db, "daan", "geheim123")


def test_lock_ends_after_fifteen_minutes(fresh_db):
    daan = make_person(fresh_db)
    accounts.record_failed_attempt(fresh_db, daan.id, datetime.now(timezone.utc) - timedelta(seconds=1))
    assert auth.sign_in(fresh_db, "daan", "geheim123")


def test_a_session_idle_too_long_expires(fresh_db, monkeypatch):
    make_person(fresh_db)
    token = auth.sign_in(fresh_db, "daan", "geheim123")
    monkeypatch.setenv("DEVTALK_IDLE_MINUTES", "0")
    assert auth.current_person(fresh_db, token) is None
    monkeypatch.setenv("DEVTALK_IDLE_MINUTES", "60")
    assert auth.current_person(fresh_db, token) is None


def test_sign_out_ends_the_session(fresh_db):
    make_person(fresh_db)
    token = auth.sign_in(fresh_db, "daan", "geheim123")
    auth.sign_out(fresh_db, token)
    assert auth.current_person(fresh_db, token) is None


def test_a_made_up_token_is_nobody(fresh_db):
    make_person(fresh_db)
    assert auth.current_person(fresh_db, "made-up") is None


def test_a_deactivated_person_cannot_sign_in_or_keep_a_session(fresh_db):
    daan = make_person(fresh_db)
    token = auth.sign_in(fresh_db, "daan", "geheim123")
    update_person(fresh_db, daan.id, active=False)
    assert auth.current_person(fresh_db, token) is None
    with pytest.raises(SignInFailed):
        auth.sign_in(fresh_db, "daan", "geheim123")


def test_username_is_matched_without_regard_to_case(fresh_db):
    make_person(fresh_db)
    assert auth.sign_in(fresh_db, "Daan", "geheim123")


def test_person_sets_own_password_but_not_someone_elses(fresh_db):
    daan = make_person(fresh_db)
    kees = make_person(fresh_db, "kees")
    auth.set_password(fresh_db, daan, daan.id, "nieuwwachtwoord")
    assert auth.sign_in(fresh_db, "daan", "nieuwwachtwoord")
    with pytest.raises(NotAllowed):
        auth.set_password(fresh_db, daan, kees.id, "nieuwwachtwoord")
    with pytest.raises(InvalidInput):
        auth.set_password(fresh_db, daan, daan.id, "kort")
