"""Signing in with an office account in a real browser: the person clicks the button, the provider
asks who they are, and they land in devtalk as the person with that e-mail address; signing out
leaves the provider too. The provider is oidc-provider-mock, served by this test process on this
machine: never an outside service. The server gets a secrets.toml of the test's own, never the
repository's .streamlit."""

from __future__ import annotations

import secrets
import signal

import pytest
from oidc_provider_mock import User, run_server_in_thread
from playwright.sync_api import expect

import db as storage
from db.people import person_by_username, update_person
from devtalk.services import oidc_sign_in
from tests.browser.conftest import ARTIFACTS, Server, _free_port, settle

pytestmark = pytest.mark.browser

DAAN = "daan@smit-metaal.nl"


@pytest.fixture(scope="module")
def provider():
    """An OpenID provider that knows Daan and a visitor devtalk does not know (both addresses
    verified), on a free port of this machine."""
    known = [User(sub="daan", claims={"email": DAAN, "email_verified": True}),
             User(sub="bezoeker", claims={"email": "bezoeker@elders.nl", "email_verified": True})]
    with run_server_in_thread(user_claims=known) as running:
        yield f"http://localhost:{running.server_port}"


@pytest.fixture(scope="module")
def office_server(tmp_path_factory, write_demo, provider):
    """The demo firm, Daan's address on file, served with the provider section "kantoor" in a
    secrets file of this module's own."""
    folder = tmp_path_factory.mktemp("oidc")
    db_path = write_demo(folder / "demo.db")
    database = storage.open_db(db_path)
    update_person(database, person_by_username(database, "employee").id, email=DAAN.upper())
    database.conn.close()
    port = _free_port()
    (folder / "secrets.toml").write_text(f"""
[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "{secrets.token_urlsafe(32)}"

[auth.kantoor]
client_id = "devtalk"
client_secret = "{secrets.token_urlsafe(16)}"
server_metadata_url = "{provider}/.well-known/openid-configuration"
""", encoding="utf-8")
    running = Server(db_path, port)
    running.env["STREAMLIT_SECRETS_FILES"] = str(folder / "secrets.toml")
    running.start()
    yield running, db_path
    running.stop(signal.SIGTERM)


def offer(db_path, provider: str | None) -> None:
    """HR's choice on the cards page, made through the same service."""
    database = storage.open_db(db_path)
    oidc_sign_in.set_offered_provider(database, person_by_username(database, "hr"), provider)
    database.conn.close()


def sign_in_at_the_provider(page, server, db_path, subject: str) -> None:
    """The firm offers the provider; the person taps the button, and the provider's own page asks who
    is signing in."""
    offer(db_path, "kantoor")
    page.goto(server.url)
    page.get_by_role("button", name="Aanmelden met je kantooraccount").click()
    page.locator("input[name='sub']").fill(subject)
    page.get_by_role("button", name="Authorize").click()


def test_a_firm_that_does_not_offer_office_accounts_shows_no_button(page, office_server):
    server, db_path = office_server
    offer(db_path, None)
    page.goto(server.url)
    page.locator(".st-key-login_username input").wait_for()
    settle(page)
    expect(page.get_by_role("button", name="Aanmelden met je kantooraccount")).to_have_count(0)


def test_the_person_signs_in_at_the_provider_and_lands_in_devtalk_as_themselves(page, office_server):
    server, db_path = office_server
    sign_in_at_the_provider(page, server, db_path, "daan")

    page.locator("h1", has_text="Mijn gesprekken").wait_for()
    expect(page.get_by_text("Aangemeld als Daan Smit")).to_be_visible()
    page.wait_for_function("document.cookie.includes('devtalk_session=')")

    # Signing out leaves the provider too: back on the sign-in page, nobody is let straight back in.
    page.goto(f"{server.url}/account")
    page.locator(".st-key-sign_out button").click()
    page.get_by_role("button", name="End session").click()  # the provider's page confirming it
    page.get_by_role("button", name="Aanmelden met je kantooraccount").wait_for()
    settle(page)
    expect(page.locator("h1", has_text="Mijn gesprekken")).to_have_count(0)
    expect(page.locator(".st-key-login_username input")).to_be_visible()


def test_an_office_account_nobody_here_has_is_told_so_and_may_choose_another(page, office_server):
    server, db_path = office_server
    sign_in_at_the_provider(page, server, db_path, "bezoeker")

    page.get_by_text("Er is hier niemand actief met het e-mailadres van je kantooraccount").wait_for()
    expect(page.locator("h1", has_text="Welkom bij devtalk")).to_be_visible()
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "oidc-refused.png"))
    page.get_by_role("button", name="Een ander kantooraccount gebruiken").click()
    page.get_by_role("button", name="End session").click()
    page.get_by_role("button", name="Aanmelden met je kantooraccount").wait_for()
