import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest
from argon2 import extract_parameters
from argon2.profiles import RFC_9106_LOW_MEMORY

from db import accounts
from db.people import add_person, update_person
from devtalk.domain.passwords import DUMMY_HASH, hash_password
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.services import auth
from devtalk.services.auth import SignInFailed
from tests.backends import another_connection
from tests.builders import who_signs_in


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


def test_the_product_hashes_with_the_parameters_rfc_9106_recommends(production_hasher):
    # The tests themselves hash cheaply (tests/conftest.py); the product must not.
    assert extract_parameters(production_hasher.hash("geheim123")) == RFC_9106_LOW_MEMORY


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
    ended = (datetime.now(timezone.utc) - timedelta(seconds=1)).isoformat()
    fresh_db["accounts"].update(daan.id, {"failed_attempts": auth.MAX_FAILED_ATTEMPTS, "locked_until": ended})
    assert who_signs_in(fresh_db, "daan", "geheim123") == "daan"


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
    assert who_signs_in(fresh_db, "Daan", "geheim123") == "daan"


def test_person_changes_own_password_with_the_current_one_but_not_someone_elses(fresh_db):
    daan = make_person(fresh_db)
    kees = make_person(fresh_db, "kees")
    token = auth.sign_in(fresh_db, "daan", "geheim123")
    auth.change_password(fresh_db, token, "geheim123", "nieuwwachtwoord")
    assert who_signs_in(fresh_db, "daan", "nieuwwachtwoord") == "daan"
    with pytest.raises(NotAllowed):
        auth.set_password(fresh_db, daan, kees.id, "nieuwwachtwoord")
    with pytest.raises(InvalidInput):
        auth.change_password(fresh_db, token, "nieuwwachtwoord", "kort")


def test_changing_own_password_asks_for_the_current_one(fresh_db):
    daan = make_person(fresh_db)
    token = auth.sign_in(fresh_db, "daan", "geheim123")
    before = accounts.get_account(fresh_db, daan.id).password_hash
    for wrong in ("", "fout"):
        with pytest.raises(InvalidInput) as refused:
            auth.change_password(fresh_db, token, wrong, "nieuwwachtwoord")
        assert refused.value.message.key == "auth.current_password_wrong"
    assert accounts.get_account(fresh_db, daan.id).password_hash == before


def test_own_password_is_not_set_without_the_current_one_even_by_hr(fresh_db):
    hr = make_person(fresh_db, "ingrid", roles=("employee", "hr_admin"))
    with pytest.raises(InvalidInput):
        auth.set_password(fresh_db, hr, hr.id, "nieuwwachtwoord")
    assert who_signs_in(fresh_db, "ingrid", "geheim123") == "ingrid"


def test_changing_a_password_ends_the_persons_other_sessions_but_not_this_one(fresh_db):
    make_person(fresh_db)
    here, elsewhere = auth.sign_in(fresh_db, "daan", "geheim123"), auth.sign_in(fresh_db, "daan", "geheim123")
    auth.change_password(fresh_db, here, "geheim123", "nieuwwachtwoord")
    assert auth.current_person(fresh_db, here) is not None
    assert auth.current_person(fresh_db, elsewhere) is None


def test_hr_setting_a_password_ends_every_session_of_that_person(fresh_db):
    hr = make_person(fresh_db, "ingrid", roles=("employee", "hr_admin"))
    make_person(fresh_db)
    sessions = [auth.sign_in(fresh_db, "daan", "geheim123") for _ in range(2)]
    auth.set_password(fresh_db, hr, people_id(fresh_db, "daan"), "nieuwwachtwoord")
    assert [auth.current_person(fresh_db, token) for token in sessions] == [None, None]


def people_id(db, username: str) -> int:
    return db.execute("SELECT id FROM people WHERE username = ?", [username]).fetchone()[0]


# Timing (item 12): every refusal does the work of a real password check, so how long an answer
# takes does not tell which usernames exist, are locked, deactivated or have no password.

def counting_verifications(monkeypatch) -> list[str]:
    """The hashes checked: "dummy", "real", or "none" for a check that does no work."""
    checked = []
    real = auth.verify_password

    def verify(password_hash, password):
        checked.append("dummy" if password_hash == DUMMY_HASH else "real" if password_hash else "none")
        return real(password_hash, password)

    monkeypatch.setattr(auth, "verify_password", verify)
    return checked


def unknown(db):
    return "niemand"


def deactivated(db):
    update_person(db, make_person(db).id, active=False)
    return "daan"


def without_account(db):
    add_person(db, name="Kaartje", username="kaartje")
    return "kaartje"


def with_only_a_pin(db):
    kaartje = add_person(db, name="Kaartje", username="kaartje")
    accounts.choose_pin_hash(db, kaartje.id, hash_password("2468"))
    return "kaartje"


def locked(db):
    daan = make_person(db)
    later = (datetime.now(timezone.utc) + timedelta(minutes=10)).isoformat()
    db["accounts"].update(daan.id, {"failed_attempts": auth.MAX_FAILED_ATTEMPTS, "locked_until": later})
    return "daan"


def wrong_password(db):
    make_person(db, password="anders123")
    return "daan"


@pytest.mark.parametrize("who,check", [
    (unknown, "dummy"), (deactivated, "dummy"), (without_account, "dummy"), (with_only_a_pin, "dummy"),
    (locked, "dummy"), (wrong_password, "real"),
], ids=lambda value: getattr(value, "__name__", value))
def test_every_failed_sign_in_does_one_full_password_check(fresh_db, monkeypatch, who, check):
    username = who(fresh_db)
    checked = counting_verifications(monkeypatch)
    with pytest.raises(SignInFailed):
        auth.sign_in(fresh_db, username, "geheim123")
    assert checked == [check]


def test_a_right_password_does_one_password_check_too(fresh_db, monkeypatch):
    make_person(fresh_db)
    checked = counting_verifications(monkeypatch)
    auth.sign_in(fresh_db, "daan", "geheim123")
    assert checked == ["real"]


# Parallel sign-ins (item 5): each thread its own connection to one database file, as each
# browser tab is; the slow check is slowed down further so all of them overlap.

def slow_verifications(monkeypatch) -> list[str]:
    checked = []
    real = auth.verify_password

    def verify(password_hash, password):
        checked.append("dummy" if password_hash == DUMMY_HASH else "real")
        time.sleep(0.3)
        return real(password_hash, password)

    monkeypatch.setattr(auth, "verify_password", verify)
    return checked


def sign_in_at_once(database, passwords: list[str]) -> list[bool]:
    """Every password tried on its own connection and thread, all released together."""
    start = threading.Barrier(len(passwords))

    def attempt(password: str) -> bool:
        db = another_connection(database)
        start.wait()
        try:
            return bool(auth.sign_in(db, "daan", password))
        except SignInFailed:
            return False
        finally:
            db.conn.close()

    with ThreadPoolExecutor(len(passwords)) as pool:
        return list(pool.map(attempt, passwords))


def test_ten_parallel_wrong_passwords_lock_the_account_and_keep_the_right_one_out(fresh_db, monkeypatch):
    db = fresh_db
    daan = make_person(db)
    checked = slow_verifications(monkeypatch)
    assert sign_in_at_once(db, ["fout"] * 10) == [False] * 10
    assert checked.count("real") == auth.MAX_FAILED_ATTEMPTS
    assert accounts.get_account(db, daan.id).locked_until > datetime.now(timezone.utc)
    with pytest.raises(SignInFailed):
        auth.sign_in(db, "daan", "geheim123")


def test_at_most_five_parallel_guesses_are_checked_with_the_right_password_among_them(fresh_db, monkeypatch):
    db = fresh_db
    daan = make_person(db)
    checked = slow_verifications(monkeypatch)
    results = sign_in_at_once(db, ["fout"] * 10 + ["geheim123"])
    assert checked.count("real") == auth.MAX_FAILED_ATTEMPTS and results[:10] == [False] * 10
    if not results[10]:  # the right one came after five others: it is kept out by the lock
        assert accounts.get_account(db, daan.id).locked_until > datetime.now(timezone.utc)
