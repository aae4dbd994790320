"""db/tenants.py: firms made all or nothing, each reachable through its own role alone."""

from __future__ import annotations

import threading
import time

import psycopg
import pytest

from db import SCHEMA_VERSION, migrate, migrations, open_database, schema_version, tenants
from db.postgres import PostgresDatabase


def _leftovers(pg_url) -> tuple[set, set]:
    registry = PostgresDatabase(pg_url)
    schemas = {name for (name,) in registry.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'firm%'")}
    roles = {name for (name,) in registry.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE 'devtalk_firm%'")}
    return schemas, roles


@pytest.fixture(scope="module")
def two_firms(pg_url):
    """Two firms of one sector, made once for the module's tests (each firm costs its migrations)."""
    made = [tenants.create_firm(pg_url, "iso-a", "A BV", sector="metaal"),
            tenants.create_firm(pg_url, "iso-b", "B BV", sector="metaal")]
    yield made
    for firm in made:
        tenants.drop_firm(pg_url, firm)


def test_a_new_firm_is_registered_migrated_and_found_by_its_address(pg_url, two_firms):
    first, second = two_firms
    assert tenants.firm_by_slug(pg_url, "iso-a") == first
    assert tenants.firm_by_slug(pg_url, "nobody") is None
    assert {"iso-a", "iso-b"} <= {firm.slug for firm in tenants.firms(pg_url)}
    database = open_database(pg_url, "iso-b")
    assert database.firm_id == second.id
    assert schema_version(database) == SCHEMA_VERSION
    assert migrate(database) == SCHEMA_VERSION


def test_a_firm_that_fails_to_migrate_leaves_no_schema_role_or_registry_row(pg_url, monkeypatch):
    before = _leftovers(pg_url)
    monkeypatch.setattr(migrations, "POSTGRES_MIGRATIONS", (*migrations.POSTGRES_MIGRATIONS, "SELECT 1 / 0"))
    with pytest.raises(psycopg.errors.DivisionByZero):
        tenants.create_firm(pg_url, "half-made", "Half BV")
    assert tenants.firm_by_slug(pg_url, "half-made") is None
    assert _leftovers(pg_url) == before


def test_two_servers_migrating_one_firm_at_once_run_each_step_once(pg_url, monkeypatch):
    every_step = migrations.POSTGRES_MIGRATIONS
    monkeypatch.setattr(migrations, "POSTGRES_MIGRATIONS", every_step[:-1])
    firm = tenants.create_firm(pg_url, "behind", "Achter BV")  # made by the last release: one step behind
    # The new step waits for the test's go, so both servers have read "one step behind" before it is done.
    monkeypatch.setattr(migrations, "POSTGRES_MIGRATIONS", (*every_step[:-1], f"SELECT pg_advisory_xact_lock({GO});"
                                                            + every_step[-1]))
    go = psycopg.connect(pg_url, autocommit=True)
    go.execute(f"SELECT pg_advisory_lock({GO})")
    errors = []

    def start_a_server():
        try:
            migrate(tenants.firm_database(pg_url, firm))
        except psycopg.Error as error:  # a step run twice fails on its ALTER TABLE
            errors.append(error)

    servers = [threading.Thread(target=start_a_server) for _ in range(2)]
    try:
        for server in servers:
            server.start()
        waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        while any(server.is_alive() for server in servers) and go.execute(waiting).fetchone()[0] < 2:
            time.sleep(0.01)  # one server in the step, the other waiting for the firm's lock
        go.execute(f"SELECT pg_advisory_unlock({GO})")
        for server in servers:
            server.join()
        assert errors == []
        assert schema_version(tenants.firm_database(pg_url, firm)) == SCHEMA_VERSION
    finally:
        go.close()
        tenants.drop_firm(pg_url, firm)


GO = "7, 7"  # an advisory lock of the test's own (the two-number form: no firm's)


def test_an_address_taken_or_malformed_is_refused_and_nothing_is_made(pg_url, two_firms):
    before = _leftovers(pg_url)
    with pytest.raises(tenants.FirmExists):
        tenants.create_firm(pg_url, "iso-a", "Another A")
    for slug in ("A", "x", "1abc", "with space", "a" * 41):
        with pytest.raises(tenants.InvalidSlug):
            tenants.create_firm(pg_url, slug, "Bad")
    assert _leftovers(pg_url) == before
    with pytest.raises(tenants.UnknownFirm):
        open_database(pg_url, "nobody")


def test_firm_a_cannot_read_firm_b_and_ids_never_collide(pg_url, two_firms):
    first, second = (tenants.firm_database(pg_url, firm) for firm in two_firms)
    ids_a = {_person(first, f"a{number}") for number in range(3)}
    ids_b = {_person(second, f"b{number}") for number in range(3)}
    assert not ids_a & ids_b
    assert first.execute("SELECT count(*) FROM people WHERE id = ?", [max(ids_b)]).fetchone()[0] == 0
    # A raw query naming the other firm's table is refused by the database, whatever the code asks.
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        first.execute(f"SELECT * FROM firm_{two_firms[1].id}.people")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        first.execute(f"UPDATE firm_{two_firms[1].id}.people SET name = 'taken'")
    # So is the app's own login without a firm's role: it holds no table privilege of its own.
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        PostgresDatabase(pg_url).execute(f"SELECT * FROM firm_{two_firms[0].id}.people")
    assert [row["username"] for row in second.query("SELECT username FROM people ORDER BY id")] == ["b0", "b1", "b2"]


def _person(database, username: str) -> int:
    return database["people"].insert({"name": username, "username": username, "created_at": "2026-12-01",
                                      "updated_at": "2026-12-01"}).last_pk


def test_a_dropped_firm_leaves_no_schema_role_or_row(pg_url):
    before = _leftovers(pg_url)
    firm = tenants.create_firm(pg_url, "short-lived", "Kort BV", kind="fund")
    assert firm in tenants.firms(pg_url, kind="fund") and firm in tenants.firms(pg_url, kind=None)
    assert firm not in tenants.firms(pg_url)
    tenants.drop_firm(pg_url, firm)
    tenants.drop_firm(pg_url, firm)  # a cleanup that runs twice
    assert tenants.firm_by_slug(pg_url, "short-lived") is None
    assert _leftovers(pg_url) == before


def test_bootstrap_and_prepare_run_again_change_nothing(pg_server, pg_url, two_firms):
    from tests.conftest import APP_PASSWORD

    assert tenants.bootstrap(pg_server.superuser_url, APP_PASSWORD) == pg_url
    tenants.prepare(pg_url)
    assert tenants.firm_by_slug(pg_url, "iso-a") == two_firms[0]


def test_open_database_opens_a_sqlite_file_for_a_path(tmp_path):
    database = open_database(tmp_path / "devtalk.db")
    assert migrate(database) == SCHEMA_VERSION
    database.conn.close()
