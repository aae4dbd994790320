"""The command line with DEVTALK_DATABASE_URL set: each command acts on the firm --firm (or DEVTALK_FIRM) names,
and the commands that manage firms, the fund's administrators and the move from SQLite."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import db as storage
from db import tenants
from db.private_files import write_private
from devtalk.cli import cli
from devtalk.services import auth


@pytest.fixture
def run(pg_url, monkeypatch):
    """``run(*args)``: the command line on this worker's PostgreSQL server, as an operator has it set up."""
    monkeypatch.setenv("DEVTALK_DATABASE_URL", pg_url)
    monkeypatch.setenv("DEVTALK_FUND", "cli-fonds")  # a fund portal of these tests' own
    for name in ("DEVTALK_FIRM", "DEVTALK_PUBLIC_URL"):
        monkeypatch.delenv(name, raising=False)
    runner = CliRunner()
    yield lambda *args: runner.invoke(cli, list(args))
    for firm in tenants.firms(pg_url, kind=None):
        if firm.slug.startswith("cli-"):
            tenants.drop_firm(pg_url, firm)


def _firm(pg_url, slug):
    return tenants.firm_database(pg_url, tenants.firm_by_slug(pg_url, slug))


def test_setup_postgres_makes_the_roles_and_registry_and_prints_the_url_to_set(run, pg_server, pg_url):
    from tests.conftest import APP_PASSWORD

    result = run("setup-postgres", pg_server.superuser_url, "--password", APP_PASSWORD, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.output.endswith(f"DEVTALK_DATABASE_URL={pg_url}\n")
    assert run("setup-postgres", "data/devtalk.db").exit_code == 2


def test_firm_add_creates_an_empty_firm_and_prints_its_address(run, pg_url, monkeypatch):
    monkeypatch.setenv("DEVTALK_PUBLIC_URL", "https://cli-fonds.devtalk.example")
    result = run("firm", "add", "cli-acme", "--name", "Acme Metaal", "--sector", "metaal", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.output == "firm cli-acme created: https://cli-acme.devtalk.example\n"
    firm = tenants.firm_by_slug(pg_url, "cli-acme")
    assert (firm.name, firm.sector, firm.kind) == ("Acme Metaal", "metaal", "firm")
    assert storage.schema_version(_firm(pg_url, "cli-acme")) == storage.SCHEMA_VERSION


def test_firm_add_without_a_public_address_prints_the_address_on_this_machine(run):
    assert run("firm", "add", "cli-lokaal", "--name", "Lokaal").output == "firma cli-lokaal aangemaakt: http://cli-lokaal.localhost:8501\n"


@pytest.mark.parametrize("slug, says", [("cli-acme", "already exists"), ("Acme BV", "cannot be a firm's address")],
                         ids=["in-use", "not-an-address"])
def test_firm_add_refuses_a_slug_in_use_or_one_that_is_no_address(run, slug, says):
    run("firm", "add", "cli-acme", "--name", "Acme Metaal")
    result = run("firm", "add", slug, "--name", "Een ander", "--lang", "en")
    assert result.exit_code == 1 and says in result.output


def test_firm_list_shows_every_firm_and_the_fund_portal(run):
    run("firm", "add", "cli-acme", "--name", "Acme Metaal", "--sector", "metaal")
    run("fund-admin", "add", "fonds-beheer", "--name", "Fien Fonds")
    lines = run("firm", "list", "--lang", "en").output.splitlines()
    assert any(line.startswith("cli-acme  Acme Metaal  sector metaal  since 20") for line in lines)
    assert any(line.startswith("cli-fonds  cli-fonds  (fund portal)") for line in lines)


def test_demo_with_a_firm_loads_the_demo_firm_into_a_new_firm_schema(run, pg_url):
    result = run("demo", "--firm", "cli-demo")
    assert result.exit_code == 0, result.output
    assert result.output == "demofirma aangemaakt\n"
    demo_db = _firm(pg_url, "cli-demo")
    assert auth.current_person(demo_db, auth.sign_in(demo_db, "hr", "demo")).username == "hr"
    assert run("demo", "--firm", "cli-demo").output == "demofirma was er al\n"


def test_demo_refuses_the_fund_portal(run, pg_url):
    run("fund-admin", "add", "fien", "--name", "Fien Fonds")
    result = run("demo", "--firm", "cli-fonds", "--lang", "en")
    assert result.exit_code == 1 and "cli-fonds is the fund's portal" in result.output
    assert _firm(pg_url, "cli-fonds").execute("SELECT count(*) FROM people").fetchone()[0] == 1


def test_commands_act_on_the_firm_named_by_firm_or_devtalk_firm(run, monkeypatch, tmp_path):
    run("demo", "--firm", "cli-demo")
    run("firm", "add", "cli-leeg", "--name", "Leeg")
    assert "Bram de Boer" in run("export-people", "-", "--firm", "cli-demo").output
    assert "Bram de Boer" not in run("export-people", "-", "--firm", "cli-leeg").output
    monkeypatch.setenv("DEVTALK_FIRM", "cli-demo")
    assert "Bram de Boer" in run("export-people", "-").output
    plan = tmp_path / "plan.xlsx"
    assert run("training-plan", "--year", "2026", "--out", str(plan)).exit_code == 0
    assert plan.read_bytes().startswith(b"PK\x03\x04")
    assert run("init", "--lang", "en").output == f"schema {storage.SCHEMA_VERSION}: firm cli-demo on PostgreSQL\n"


def test_the_report_the_paper_form_and_the_people_import_act_on_the_firm(run, pg_url, tmp_path):
    run("demo", "--firm", "cli-demo")
    demo_db = _firm(pg_url, "cli-demo")
    reported = demo_db.execute("SELECT id FROM conversations WHERE status = 'acknowledged' ORDER BY id").fetchone()[0]
    version = demo_db.execute("SELECT id FROM questionnaire_versions").fetchone()[0]
    assert run("report", str(reported), "--out", str(tmp_path / "verslag.pdf"), "--firm", "cli-demo").exit_code == 0
    assert run("paper-form", str(version), str(tmp_path / "formulier.pdf"), "--firm", "cli-demo").exit_code == 0
    assert (tmp_path / "verslag.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "formulier.pdf").read_bytes().startswith(b"%PDF")
    people = tmp_path / "mensen.csv"
    people.write_bytes(b"naam;gebruikersnaam;functie;leidinggevende;rollen\nNina Nieuw;nnieuw;;;medewerker\n")
    result = run("import-people", str(people), "--firm", "cli-demo")
    assert result.exit_code == 0 and "1 toegevoegd" in result.output, result.output
    assert demo_db.execute("SELECT name FROM people WHERE username = 'nnieuw'").fetchone()[0] == "Nina Nieuw"


def test_init_without_a_firm_prepares_the_registry_and_says_how_to_add_one(run):
    result = run("init", "--lang", "en")
    assert result.exit_code == 0 and "devtalk firm add SLUG --name NAME" in result.output


def test_a_command_without_a_firm_asks_which_one(run):
    result = run("export-people", "-", "--lang", "en")
    assert result.exit_code == 1 and "Which firm? Name it with --firm SLUG or DEVTALK_FIRM" in result.output


def test_a_firm_that_does_not_exist_is_named_in_the_refusal(run):
    result = run("export-people", "-", "--firm", "cli-nergens", "--lang", "en")
    assert result.exit_code == 1
    assert result.output == "There is no firm cli-nergens on PostgreSQL: devtalk firm list shows the firms, devtalk firm add makes one.\n"


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_backup_and_restore_on_postgresql_point_to_pg_dump_and_write_nothing(run, tmp_path, command):
    file = tmp_path / "devtalk.db"
    if command == "restore":
        write_private(file, b"")
    result = run(command, str(file), "--lang", "en")
    assert result.exit_code == 1
    assert "pg_dump" in result.output and "pg_restore" in result.output and "Nothing was done" in result.output
    assert command == "restore" or not file.exists()


def test_db_names_a_sqlite_file_even_with_a_database_url_set(run, tmp_path):
    path = tmp_path / "eigen.db"
    assert run("init", "--db", str(path)).output == f"schema {storage.SCHEMA_VERSION}: {path}\n"
    assert storage.schema_version(storage.open_db(path)) == storage.SCHEMA_VERSION


def test_a_firm_named_for_a_sqlite_file_is_refused(run, tmp_path, monkeypatch):
    monkeypatch.delenv("DEVTALK_DATABASE_URL")
    result = run("export-people", "-", "--db", str(tmp_path / "x.db"), "--firm", "cli-demo", "--lang", "en")
    assert result.exit_code == 1 and "DEVTALK_DATABASE_URL is not set" in result.output
    assert not (tmp_path / "x.db").exists()


def test_the_firm_commands_need_a_database_url(run, monkeypatch):
    monkeypatch.delenv("DEVTALK_DATABASE_URL")
    for args in (("firm", "list"), ("firm", "add", "cli-x", "--name", "X"), ("fund-admin", "add", "f", "--name", "F")):
        result = run(*args, "--lang", "en")
        assert result.exit_code == 1 and "set DEVTALK_DATABASE_URL" in result.output


def test_fund_admin_add_makes_the_fund_portal_and_an_administrator_who_signs_in_once_with_the_printed_password(run, pg_url):
    result = run("fund-admin", "add", "fien", "--name", "Fien Fonds", "--fund-name", "Opleidingsfonds Metaal", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "fund administrator fien created at http://cli-fonds.localhost:8501" in result.output
    password = result.output.rsplit(": ", 1)[1].strip()
    portal = tenants.firm_by_slug(pg_url, "cli-fonds")
    assert (portal.kind, portal.name) == ("fund", "Opleidingsfonds Metaal")
    fund_db = _firm(pg_url, "cli-fonds")
    admin = auth.current_person(fund_db, auth.sign_in(fund_db, "fien", password))
    assert admin.is_fund_admin and admin.name == "Fien Fonds"
    assert run("fund-admin", "add", "fien", "--name", "Fien Fonds").exit_code == 1  # the username is taken


def test_fund_admin_add_refuses_when_the_fund_address_is_a_firms(run, pg_url):
    run("firm", "add", "cli-fonds", "--name", "Gewone firma")
    result = run("fund-admin", "add", "fien", "--name", "Fien Fonds", "--lang", "en")
    assert result.exit_code == 1 and "is the address of a firm, not of the fund portal" in result.output
    assert _firm(pg_url, "cli-fonds").execute("SELECT count(*) FROM people").fetchone()[0] == 0


def test_migrate_to_postgres_moves_the_file_and_prints_each_table_and_the_total(run, pg_url, tmp_path, demo_file):
    path = tmp_path / "devtalk.db"
    write_private(path, demo_file)
    result = run("migrate-to-postgres", str(path), pg_url, "--firm", "cli-verhuisd", "--sector", "carrosserie",
                 "--lang", "en")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "people: 16" in lines and "answers: 0" not in lines
    assert lines[-1].startswith(f"firm cli-verhuisd created on PostgreSQL: {len(lines) - 1} tables, ")
    assert lines[-1].endswith(" rows, counts checked. Address: http://cli-verhuisd.localhost:8501")
    moved = _firm(pg_url, "cli-verhuisd")
    assert auth.current_person(moved, auth.sign_in(moved, "employee", "demo")).username == "employee"


def test_migrate_to_postgres_refuses_a_slug_in_use_with_a_clear_message(run, pg_url, tmp_path, demo_file):
    path = tmp_path / "devtalk.db"
    write_private(path, demo_file)
    run("firm", "add", "cli-bezet", "--name", "Bezet")
    result = run("migrate-to-postgres", str(path), pg_url, "--firm", "cli-bezet")
    assert result.exit_code == 1
    assert result.output == "Er is al een bedrijf met het adres 'cli-bezet'. Kies een ander adres.\n"


def test_migrate_to_postgres_refuses_a_database_url_that_is_none(run, tmp_path, demo_file):
    path = tmp_path / "devtalk.db"
    write_private(path, demo_file)
    result = run("migrate-to-postgres", str(path), str(tmp_path / "kopie.db"), "--firm", "cli-verkeerd", "--lang", "en")
    assert result.exit_code == 2 and "is not a PostgreSQL address (postgresql://" in result.output
