"""One server, many firms (issue 20): in a real browser each host name opens its own firm
(acme.localhost), an address naming none says no firm lives there, and the fund portal lists the
firms. PostgreSQL only: on SQLite a server holds one firm."""

from __future__ import annotations

import signal
from itertools import count

import pytest

from db import tenants
from db.accounts import set_password_hash
from db.people import add_person
from devtalk.domain.access import OPERATOR
from devtalk.domain.passwords import hash_password
from devtalk.services import fund
from tests.browser.conftest import Server, _free_port

pytestmark = pytest.mark.browser
NUMBERS = count(1)


@pytest.fixture(scope="module")
def firms(pg_url):
    """Two firms whose HR person (username hr, password demo) has the firm's own name, and the fund
    portal with its administrator (fenna, whose password is returned): (slugs, fund slug, password)."""
    number = next(NUMBERS)
    made = []
    for letter, name in (("a", "Anna Aalbers"), ("b", "Bram Bakker")):
        firm = tenants.create_firm(pg_url, f"adres-{letter}-{number}", f"Firma {letter.upper()}", "metaal")
        made.append(firm)
        database = tenants.firm_database(pg_url, firm)
        hr = add_person(database, name=name, username="hr", roles=("employee", "hr_admin"))
        set_password_hash(database, hr.id, hash_password("demo"))
    portal = tenants.create_firm(pg_url, f"adres-fonds-{number}", "Fonds", kind="fund")
    _, password = fund.add_fund_admin(tenants.firm_database(pg_url, portal), OPERATOR, name="Fenna Fonds", username="fenna")
    yield [firm.slug for firm in made], portal.slug, password
    for firm in [*made, portal]:
        tenants.drop_firm(pg_url, firm)


@pytest.fixture(scope="module")
def multi_firm_server(pg_url, firms, tmp_path_factory):
    """devtalk on PostgreSQL with no DEVTALK_FIRM: only the address says which firm."""
    running = Server(tmp_path_factory.mktemp("unused") / "unused.db", _free_port())
    running.env.pop("DEVTALK_FIRM", None)
    running.env["DEVTALK_DATABASE_URL"] = pg_url
    running.start()
    yield running
    running.stop(signal.SIGTERM)


def address(server: Server, slug: str) -> str:
    return f"http://{slug}.localhost:{server.port}"


def sign_in(page, url: str, username: str, password: str) -> None:
    page.goto(url)
    page.locator(".st-key-login_username input").fill(username)
    page.locator(".st-key-login_password input").fill(password)
    page.locator(".st-key-login_submit button").click()


def test_each_host_name_opens_its_own_firm(page, multi_firm_server, firms):
    (firm_a, firm_b), _, _ = firms
    sign_in(page, address(multi_firm_server, firm_a), "hr", "demo")
    page.get_by_text("Aangemeld als Anna Aalbers").wait_for()
    # The same browser at the other firm's address: not signed in there, and its own hr is someone else.
    page.goto(address(multi_firm_server, firm_b))
    page.locator(".st-key-login_username input").wait_for()
    sign_in(page, address(multi_firm_server, firm_b), "hr", "demo")
    page.get_by_text("Aangemeld als Bram Bakker").wait_for()
    page.goto(address(multi_firm_server, firm_a))  # back at A: still Anna, by A's own cookie
    page.get_by_text("Aangemeld als Anna Aalbers").wait_for()


def test_an_address_naming_no_firm_says_so_and_offers_no_sign_in(page, multi_firm_server):
    page.goto(multi_firm_server.url)  # 127.0.0.1 names no firm, and no DEVTALK_FIRM stands in
    page.locator("h1", has_text="Geen bedrijf op dit adres").wait_for()
    assert page.locator(".st-key-login_username").count() == 0
    page.goto(address(multi_firm_server, "niemand"))
    page.locator("h1", has_text="Geen bedrijf op dit adres").wait_for()


def test_the_fund_portal_lists_the_firms_and_no_firm_page(page, multi_firm_server, firms):
    _, portal, password = firms
    sign_in(page, address(multi_firm_server, portal), "fenna", password)
    page.locator("h1", has_text="Aangesloten bedrijven").wait_for()
    menu = page.locator("[data-testid='stSidebar'] [data-testid='stPageLink']")
    menu.first.wait_for()
    # Each link's text ends with its label (an icon's name comes before it).
    assert [text.splitlines()[-1] for text in menu.all_inner_texts()] == ["Bedrijven", "Cijfers per sector", "Mijn account"]
