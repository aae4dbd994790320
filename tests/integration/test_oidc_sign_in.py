"""Signing in with an office account: whom the provider's identity (st.user) lets in, and whom not."""

from datetime import datetime, timedelta, timezone

import pytest

from db import audit
from db.people import update_person
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.services import auth, exports, oidc_sign_in, people
from devtalk.services.oidc_sign_in import EmailNotVerified, NoPersonWithEmail

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def identity(email="daan@smit-metaal.nl", verified=True, provider="kantoor", signed_in=NOW, **claims):
    """What st.user holds right after the provider sent the person back."""
    return {"is_logged_in": True, "provider": provider, "email": email, "email_verified": verified,
            "iat": int(signed_in.timestamp()), "sub": "abc123", **claims}


@pytest.fixture
def offering(fresh_db, firm):
    """The small firm, offering the provider section "kantoor"; Daan has an e-mail address."""
    oidc_sign_in.set_offered_provider(fresh_db, firm.hr, "kantoor")
    update_person(fresh_db, firm.employee.id, email="Daan@Smit-Metaal.nl")
    return fresh_db, firm


def sessions(db) -> int:
    return db.execute("SELECT count(*) FROM sessions").fetchone()[0]


def test_a_verified_address_signs_in_the_one_person_who_has_it_whatever_its_capitals(offering):
    db, firm = offering
    token = oidc_sign_in.sign_in(db, identity("DAAN@smit-metaal.nl"), now=NOW)
    assert auth.current_person(db, token).username == firm.employee.username


def test_the_session_is_an_ordinary_one_with_every_right_of_a_password_session(offering):
    db, _ = offering
    signed_in = auth.current_person(db, oidc_sign_in.sign_in(db, identity(), now=NOW))
    by_password = auth.current_person(db, auth.sign_in(db, "employee", "geheim123"))
    assert signed_in == by_password and not signed_in.restricted


def test_the_sign_in_and_hrs_choice_are_in_the_audit_log_in_words(offering):
    db, firm = offering
    oidc_sign_in.sign_in(db, identity(), now=NOW)
    lines = exports.audit_log(db, firm.hr, limit=2)
    assert [(line.actor.name, line.what("nl"), line.record("nl"), line.detail("nl")) for line in lines] == [
        ("Daan Medewerker", "Aangemeld met kantooraccount", "Daan Medewerker", "via kantoor"),
        ("Ingrid HR", "Aanmelden met kantooraccount aangezet", "aanmelden met kantooraccount", "via kantoor"),
    ]


@pytest.mark.parametrize("verified", [False, None, "true"], ids=["false", "missing", "a-string"])
def test_an_address_the_provider_has_not_verified_lets_nobody_in(offering, verified):
    db, _ = offering
    before = sessions(db)
    with pytest.raises(EmailNotVerified):
        oidc_sign_in.sign_in(db, identity(verified=verified), now=NOW)
    assert sessions(db) == before


def test_an_identity_without_an_address_lets_nobody_in(offering):
    db, _ = offering
    with pytest.raises(EmailNotVerified):
        oidc_sign_in.sign_in(db, identity(email=None), now=NOW)


def test_an_address_nobody_here_has_lets_nobody_in(offering):
    db, _ = offering
    before = sessions(db)
    with pytest.raises(NoPersonWithEmail):
        oidc_sign_in.sign_in(db, identity("iemand@elders.nl"), now=NOW)
    assert sessions(db) == before


def test_an_address_two_people_share_lets_neither_in(offering):
    db, firm = offering
    update_person(db, firm.manager.id, email="daan@smit-metaal.nl")
    before = sessions(db)
    with pytest.raises(oidc_sign_in.SeveralPeopleWithEmail):
        oidc_sign_in.sign_in(db, identity(), now=NOW)
    assert sessions(db) == before


def test_a_deactivated_person_is_refused_and_a_colleague_with_the_old_address_is_not_confused(offering):
    db, firm = offering
    people.set_active(db, firm.hr, firm.employee.id, False)
    with pytest.raises(NoPersonWithEmail):
        oidc_sign_in.sign_in(db, identity(), now=NOW)
    # The address passed on to a successor: only the active one of the two is meant.
    update_person(db, firm.outsider.id, email="daan@smit-metaal.nl")
    assert auth.current_person(db, oidc_sign_in.sign_in(db, identity(), now=NOW)).id == firm.outsider.id


def test_someone_deactivated_after_signing_in_is_refused_on_the_next_run(offering):
    db, firm = offering
    token = oidc_sign_in.sign_in(db, identity(), now=NOW)
    people.set_active(db, firm.hr, firm.employee.id, False)
    assert auth.current_person(db, token) is None


@pytest.mark.parametrize("seen", [
    {"is_logged_in": False},
    {},
    {"email": "test@example.com"},
], ids=["signed-out", "empty", "no-sign-in-at-all"])
def test_nobody_signed_in_at_the_provider_starts_nothing_and_hears_nothing(offering, seen):
    db, _ = offering
    assert oidc_sign_in.sign_in(db, seen, now=NOW) is None


def test_another_providers_identity_starts_nothing(offering):
    db, _ = offering
    assert oidc_sign_in.sign_in(db, identity(provider="ander"), now=NOW) is None


def test_a_firm_that_offers_no_office_accounts_starts_nothing(offering):
    db, firm = offering
    oidc_sign_in.set_offered_provider(db, firm.hr, None)
    assert oidc_sign_in.offered_provider(db) is None
    assert oidc_sign_in.sign_in(db, identity(), now=NOW) is None


def test_a_sign_in_at_the_provider_longer_ago_than_a_few_minutes_starts_nothing(offering):
    """Streamlit's identity cookie lasts 30 days: after devtalk's idle timeout the person signs in
    at the provider again rather than being let straight back in."""
    db, _ = offering
    assert oidc_sign_in.sign_in(db, identity(signed_in=NOW - oidc_sign_in.FRESH - timedelta(seconds=1)), now=NOW) is None
    assert oidc_sign_in.sign_in(db, identity(signed_in=NOW - oidc_sign_in.FRESH), now=NOW) is not None
    assert oidc_sign_in.sign_in(db, {**identity(), "iat": None}, now=NOW) is None


def test_only_hr_chooses_the_provider_and_the_choice_is_audited(fresh_db, firm):
    with pytest.raises(NotAllowed):
        oidc_sign_in.set_offered_provider(fresh_db, firm.manager, "kantoor")
    oidc_sign_in.set_offered_provider(fresh_db, firm.hr, "kantoor")
    oidc_sign_in.set_offered_provider(fresh_db, firm.hr, None)
    assert [(e.action, e.detail) for e in audit.list_events(fresh_db, limit=2)] == [
        ("settings.oidc_off", ""), ("settings.oidc_on", '{"provider": "kantoor"}')]


@pytest.mark.parametrize("name", ["", "met_underscore", "x" * 41, "met spatie"])
def test_a_provider_name_no_secrets_section_can_have_is_refused(fresh_db, firm, name):
    with pytest.raises(InvalidInput):
        oidc_sign_in.set_offered_provider(fresh_db, firm.hr, name)
    assert oidc_sign_in.offered_provider(fresh_db) is None
