"""The fund portal's pages and the firm an address opens (issue 20), on PostgreSQL: each firm at its
own address (DEVTALK_FIRM stands in for the Host header, which AppTest does not send), the fund's
pages only in the fund portal, and an address where no firm lives."""

from itertools import count

import pytest
from streamlit.testing.v1 import AppTest

from db import tenants
from db.accounts import set_password_hash
from db.people import add_person
from devtalk.domain.access import OPERATOR
from devtalk.domain.passwords import hash_password
from devtalk.services import auth, fund
from tests.app.conftest import ROOT, open_page, reload, submit_sign_in, texts

NUMBERS = count(1)
NOT_ALLOWED = "Dit mag je niet bekijken of wijzigen."


def start_app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()


def sign_in(username: str, password: str) -> AppTest:
    app = submit_sign_in(username, password)
    reload(app)
    assert not app.exception
    return app


def run_directly(signed_in: AppTest, page: str) -> AppTest:
    """A page the menu does not offer, reached by a hand-made link in the same session."""
    app = AppTest.from_file(str(ROOT / page), default_timeout=30)
    app.session_state["session_token"] = signed_in.session_state["session_token"]
    return app.run()


def menu(app: AppTest) -> list[str]:
    return [link.label for link in app.sidebar.get("page_link")]


@pytest.fixture(scope="module")
def portal(pg_url, made_firms):
    """The fund portal with one administrator: (its slug, the admin's username, password)."""
    firm = tenants.create_firm(pg_url, f"fonds-app-{next(NUMBERS)}", "Opleidingsfonds", kind="fund")
    made_firms.append(firm)
    admin, password = fund.add_fund_admin(tenants.firm_database(pg_url, firm), OPERATOR, name="Fenna Fonds", username="fenna")
    return firm.slug, admin.username, password


@pytest.fixture(scope="module")
def member(pg_url, made_firms):
    """A member firm with its HR person (password geheim123): its slug."""
    firm = tenants.create_firm(pg_url, f"lid-app-{next(NUMBERS)}", "Lid BV", "metaal")
    made_firms.append(firm)
    database = tenants.firm_database(pg_url, firm)
    hr = add_person(database, name="Ingrid HR", username="hr", roles=("employee", "hr_admin"))
    set_password_hash(database, hr.id, hash_password("geheim123"))
    return firm.slug


@pytest.fixture
def at(monkeypatch, pg_url):
    """``at(slug)``: the app opens the firm at that address from now on."""
    monkeypatch.setenv("DEVTALK_DATABASE_URL", pg_url)

    def address(slug: str) -> None:
        monkeypatch.setenv("DEVTALK_FIRM", slug)
    return address


def test_a_fund_admin_sees_the_funds_pages_and_no_firms(portal, at):
    slug, username, password = portal
    at(slug)
    app = sign_in(username, password)
    assert menu(app) == ["Bedrijven", "Cijfers per sector", "Mijn account"]
    assert [title.value for title in app.title] == ["Aangesloten bedrijven"]


def test_the_fund_creates_a_firm_whose_hr_person_signs_in_there_with_the_password_shown_once(pg_url, made_firms, portal, at):
    slug, username, password = portal
    at(slug)
    app = sign_in(username, password)
    new_slug = f"nieuw-app-{next(NUMBERS)}"
    for key, value in (("fund_name", "Carrosserie Jansen"), ("fund_slug", new_slug), ("fund_sector", "carrosserie"),
                       ("fund_hr_name", "Hanna de Vries"), ("fund_hr_username", "hanna")):
        app.text_input(key=key).input(value)
    app.button(key="fund_new_submit").click().run()
    assert not app.exception
    made_firms.append(firm := tenants.firm_by_slug(pg_url, new_slug))
    assert "Carrosserie Jansen is aangemaakt. hanna logt in met dit eenmalige wachtwoord:" in texts(app)
    one_time = app.code[0].value
    assert "Carrosserie Jansen" in [row for row in app.dataframe[0].value.iloc[:, 0]]
    app.run()
    assert one_time not in [block.value for block in app.code]  # shown once only
    hr = auth.current_person(tenants.firm_database(pg_url, firm), auth.sign_in(tenants.firm_database(pg_url, firm), "hanna", one_time))
    assert hr.is_hr


def test_a_refused_new_firm_keeps_everything_typed_and_says_why(pg_url, portal, member, at):
    slug, username, password = portal
    at(slug)
    app = sign_in(username, password)
    typed = {"fund_name": "Tweede Lid BV", "fund_slug": member, "fund_sector": "metaal",
             "fund_hr_name": "Hanna de Vries", "fund_hr_username": "hanna"}
    for key, value in typed.items():
        app.text_input(key=key).input(value)
    app.button(key="fund_new_submit").click().run()
    assert not app.exception
    assert f"Er is al een bedrijf met het adres '{member}'. Kies een ander adres." in texts(app)
    assert {key: app.text_input(key=key).value for key in typed} == typed
    assert not app.code  # no password: no account was made


def test_the_figures_page_hides_a_sector_of_too_few_firms(portal, member, at):
    slug, username, password = portal
    at(slug)
    app = open_page(sign_in(username, password), "pages/fund_figures.py")
    assert not app.exception
    assert "Leerklimaat per sector" in texts(app)
    rows = app.dataframe[0].value
    assert list(rows[rows.iloc[:, 0] == "metaal"].iloc[0])[1:] == [0, "te weinig bedrijven"]


def test_a_firm_shows_no_fund_page_even_to_someone_holding_the_role(pg_url, member, at):
    at(member)
    database = tenants.firm_database(pg_url, tenants.firm_by_slug(pg_url, member))
    database.execute("UPDATE people SET roles = 'employee,hr_admin,fund_admin' WHERE username = 'hr'")
    app = sign_in("hr", "geheim123")
    assert "Bedrijven" not in menu(app) and "Mensen en functies" in menu(app)
    app = run_directly(app, "pages/fund_firms.py")  # a hand-made link
    assert NOT_ALLOWED in texts(app)
    assert not app.dataframe


def test_the_fund_portal_offers_no_firm_page(portal, at):
    slug, username, password = portal
    at(slug)
    app = run_directly(sign_in(username, password), "pages/hr_people.py")  # a hand-made link
    assert NOT_ALLOWED in texts(app)
    assert not app.dataframe


def test_an_empty_fund_portal_offers_no_setup_but_the_sign_in(pg_url, made_firms, at):
    empty = tenants.create_firm(pg_url, f"leeg-fonds-{next(NUMBERS)}", "Leeg fonds", kind="fund")
    made_firms.append(empty)
    at(empty.slug)
    app = start_app()
    assert "devtalk inrichten" not in texts(app)
    assert app.text_input(key="login_username")  # its administrators come from the command line


def test_an_address_where_no_firm_lives_says_so_and_offers_no_sign_in(at):
    at("niemand-woont-hier")
    app = start_app()
    assert not app.exception
    assert [title.value for title in app.title] == ["Geen bedrijf op dit adres"]
    assert not app.text_input


def test_a_session_started_at_one_firm_never_acts_on_another(portal, member, at):
    at(member)
    app = sign_in("hr", "geheim123")
    assert "Mensen en functies" in menu(app)
    slug, _, _ = portal
    at(slug)  # the same browser session, now at the fund's address
    app.run()
    assert not app.exception
    assert app.text_input(key="login_username")  # signed out: sign in again, at this firm
    assert "Aangemeld als" not in " ".join(caption.value for caption in app.sidebar.caption)
