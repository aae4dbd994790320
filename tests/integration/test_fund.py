"""The fund portal's services (issue 20): firms made with their first HR account, the firm list,
and the learning climate per sector, numbers only, shown for 3 firms or more. PostgreSQL only:
the fund is a firm among the firms of one PostgreSQL registry."""

from dataclasses import asdict, replace
from itertools import count

import pytest

from db import tenants
from db.people import add_person
from devtalk.domain.access import OPERATOR
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.services import auth, conversations, fund, setup
from devtalk.services.library import bundled_templates, store_bundled
from devtalk.services.rounds import create_round
from tests.builders import fill_all

NUMBERS = count(1)
LEERKLIMAAT = next(path for path in bundled_templates() if path.name == "leerklimaat.yaml")


def slug(prefix: str) -> str:
    return f"{prefix}-{next(NUMBERS)}"


@pytest.fixture(scope="module")
def fund_db(pg_url, made_firms):
    firm = tenants.create_firm(pg_url, slug("fonds-c"), "Opleidingsfonds Metaal", kind="fund")
    made_firms.append(firm)
    return tenants.firm_database(pg_url, firm)


@pytest.fixture(scope="module")
def admin(fund_db):
    person, _ = fund.add_fund_admin(fund_db, OPERATOR, name="Fenna Fonds", username=slug("fenna"))
    return person


def firm_with_climate(url, made_firms, sector: str, values: list[int]) -> tenants.Firm:
    """A firm in ``sector`` whose employees each answered every learning-climate question with their
    value of ``values`` and submitted (the bundled leerklimaat questionnaire)."""
    firm = tenants.create_firm(url, slug("klimaat"), f"Bedrijf {len(made_firms)}", sector)
    made_firms.append(firm)
    db = tenants.firm_database(url, firm)
    hr = add_person(db, name="Ingrid HR", username="hr", roles=("employee", "hr_admin"))
    manager = add_person(db, name="Marco Manager", username="manager", roles=("employee", "manager"))
    employees = [add_person(db, name=f"Medewerker {n}", username=f"m{n}", manager_id=manager.id) for n in range(len(values))]
    version = store_bundled(db, hr, LEERKLIMAAT)
    create_round(db, hr, "Ronde 2026", version.id, employee_ids=[employee.id for employee in employees])
    for employee, value in zip(employees, values):
        conversation_id = conversations.my_conversations(db, employee)[0][0].conversation.id
        fill_all(db, employee, conversation_id, value)
        conversations.submit(db, employee, conversation_id)
    return firm


def test_a_new_firm_gets_its_first_hr_account_who_signs_in_with_the_one_time_password(pg_url, made_firms, fund_db, admin):
    new = fund.create_firm(fund_db, admin, slug=slug("carrosserie"), name="Carrosserie Jansen", sector="carrosserie",
                           hr_name="Hanna de Vries", hr_username="hanna", public_address="https://carrosserie.devtalk.example")
    made_firms.append(new.firm)
    firm_db = tenants.firm_database(pg_url, new.firm)
    signed_in = auth.current_person(firm_db, auth.sign_in(firm_db, "hanna", new.password))
    assert (signed_in.name, signed_in.is_hr) == ("Hanna de Vries", True)
    assert not setup.needs_setup(firm_db)  # nobody reaching the firm's address can set it up again
    assert (new.firm.kind, new.firm.sector) == ("firm", "carrosserie")
    with pytest.raises(auth.SignInFailed):
        auth.sign_in(fund_db, "hanna", new.password)  # an account of the firm, not of the fund


def test_a_firm_whose_setup_fails_is_not_left_behind(pg_url, fund_db, admin, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(setup, "create_firm", broken)
    taken = slug("half")
    with pytest.raises(RuntimeError):
        fund.create_firm(fund_db, admin, slug=taken, name="Half BV", hr_name="Hanna", hr_username="hanna")
    assert tenants.firm_by_slug(pg_url, taken) is None


def test_a_new_firm_needs_its_name_and_hr_person(pg_url, fund_db, admin):
    taken = slug("leeg")
    with pytest.raises(InvalidInput):
        fund.create_firm(fund_db, admin, slug=taken, name="Leeg BV", hr_name="", hr_username="hanna")
    assert tenants.firm_by_slug(pg_url, taken) is None


def test_a_new_firm_in_a_language_devtalk_does_not_speak_is_refused_and_not_made(pg_url, fund_db, admin):
    taken = slug("taal")
    with pytest.raises(InvalidInput) as refused:
        fund.create_firm(fund_db, admin, slug=taken, name="Taal BV", hr_name="Hanna", hr_username="hanna", language="fr")
    assert refused.value.message.key == "account.unknown_language"
    assert tenants.firm_by_slug(pg_url, taken) is None


def test_the_firm_list_counts_people_and_rounds_of_each_firm(pg_url, made_firms, fund_db, admin):
    firm = firm_with_climate(pg_url, made_firms, "lijst", [3, 3])
    listed = {summary.firm.slug: summary for summary in fund.firm_list(fund_db, admin)}
    assert (listed[firm.slug].people, listed[firm.slug].rounds) == (4, 1)
    assert all(summary.firm.kind == "firm" for summary in listed.values())  # the fund is not its own member


def test_the_climate_per_sector_shows_a_sector_of_three_firms_and_hides_one_of_two(pg_url, made_firms, fund_db, admin):
    sector_of_three, sector_of_two = slug("metaal"), slug("hout")
    for values in ([5, 5, 5], [2, 2, 2], [2, 2, 2, 2]):
        firm_with_climate(pg_url, made_firms, sector_of_three, values)
    firm_with_climate(pg_url, made_firms, sector_of_three, [1, 1])  # two people: their firm's figure would be theirs
    for values in ([4, 4, 4], [4, 4, 4]):
        firm_with_climate(pg_url, made_firms, sector_of_two, values)
    figures = {figure.sector: figure for figure in fund.climate_per_sector(fund_db, admin)}
    # Every answer weighs the same: (15 + 6 + 8) / 10 people, each answering the same questions.
    assert figures[sector_of_three] == fund.SectorClimate(sector_of_three, 3, pytest.approx(2.9))
    assert figures[sector_of_two] == fund.SectorClimate(sector_of_two, 2, None)


def test_the_figures_hold_numbers_and_sectors_only(pg_url, made_firms, fund_db, admin):
    firm_with_climate(pg_url, made_firms, slug("bouw"), [3, 3, 3])
    for figure in fund.climate_per_sector(fund_db, admin):
        assert [type(value) for value in asdict(figure).values()][1:] in ([int, float], [int, type(None)])
        assert "Medewerker" not in repr(figure) and "Marco" not in repr(figure)


def fund_calls(fund_db):
    return [lambda p: fund.firm_list(fund_db, p), lambda p: fund.climate_per_sector(fund_db, p),
            lambda p: fund.create_firm(fund_db, p, slug=slug("nee"), name="Nee", hr_name="N", hr_username="n"),
            lambda p: fund.add_fund_admin(fund_db, p, name="Nee", username=slug("nee"))]


@pytest.mark.parametrize("call", range(4), ids=["firm list", "climate", "create a firm", "add a fund admin"])
@pytest.mark.parametrize("who", ["deactivated fund admin", "fund admin by code", "HR", "nobody"])
def test_only_an_active_fund_admin_signed_in_with_a_password_uses_the_fund(fund_db, admin, call, who):
    actor = {"deactivated fund admin": replace(admin, active=False),
             "fund admin by code": replace(admin, roles=("employee",), restricted=True),
             "HR": replace(admin, roles=("employee", "hr_admin")), "nobody": None}[who]
    with pytest.raises(NotAllowed):
        fund_calls(fund_db)[call](actor)


@pytest.mark.parametrize("call", range(4), ids=["firm list", "climate", "create a firm", "add a fund admin"])
def test_a_fund_admin_role_counts_only_on_the_funds_own_database(pg_url, made_firms, admin, call):
    member = tenants.create_firm(pg_url, slug("lid"), "Lid BV")
    made_firms.append(member)
    with pytest.raises(NotAllowed):
        fund_calls(tenants.firm_database(pg_url, member))[call](admin)


def test_a_fund_admin_role_counts_for_nothing_on_sqlite(tmp_path, admin):
    import db as storage

    database = storage.open_db(tmp_path / "devtalk.db")
    storage.migrate(database)
    for call in fund_calls(database):
        with pytest.raises(NotAllowed):
            call(admin)
    database.conn.close()
