"""db/postgres.py: what a repository relies on of sqlite-utils, on one firm's PostgreSQL schema."""

from __future__ import annotations

import threading
import time

import psycopg
import pytest
from sqlite_utils.db import NotFoundError

from db import tenants, transaction
from db.postgres import PostgresDatabase, pool, translate


@pytest.fixture(scope="module")
def firm(pg_url):
    firm = tenants.create_firm(pg_url, "adapter", "Adapter BV")
    owner = tenants.firm_database(pg_url, firm).owner_database()
    # A table of the test's own for the value kinds, made by the tables' owner as a migration would.
    owner.executescript("CREATE TABLE kinds (id BIGINT PRIMARY KEY DEFAULT nextval('public.devtalk_ids'),"
                        " flag INTEGER, ratio DOUBLE PRECISION, content BYTEA, note TEXT, n BIGINT);"
                        " CREATE TABLE pairs (a TEXT, b TEXT, v TEXT, PRIMARY KEY (a, b))")
    yield firm
    tenants.drop_firm(pg_url, firm)


@pytest.fixture
def database(pg_url, firm):
    database = tenants.firm_database(pg_url, firm)
    yield database
    database.owner_database().executescript("DELETE FROM kinds; DELETE FROM pairs; DELETE FROM settings")


def test_insert_gives_the_new_rows_id_and_get_reads_it_back(database):
    first = database["kinds"].insert({"note": "a"}).last_pk
    second = database["kinds"].insert({"note": "b"}).last_pk
    assert second > first
    assert database["kinds"].get(second)["note"] == "b"
    with pytest.raises(NotFoundError):
        database["kinds"].get(second + 1000)


def test_upsert_inserts_then_changes_only_the_given_columns(database):
    database["settings"].upsert({"key": "colour", "value": "blue"}, pk="key")
    database["settings"].upsert({"key": "colour", "value": "green"}, pk="key")
    database["pairs"].upsert({"a": "x", "b": "y", "v": "1"}, pk=("a", "b"))
    database["pairs"].upsert({"a": "x", "b": "y", "v": "2"})  # the table's own key when none is named
    assert list(database.query("SELECT * FROM settings")) == [{"key": "colour", "value": "green"}]
    assert list(database["pairs"].rows) == [{"a": "x", "b": "y", "v": "2"}]


def test_update_changes_one_row_and_refuses_a_missing_one(database):
    kept = database["kinds"].insert({"note": "kept"}).last_pk
    changed = database["kinds"].insert({"note": "old"}).last_pk
    database["kinds"].update(changed, {"note": "new"})
    assert [row["note"] for row in database["kinds"].rows_where(order_by="id")] == ["kept", "new"]
    assert database["kinds"].get(kept)["note"] == "kept"
    with pytest.raises(NotFoundError):
        database["kinds"].update(changed + 1000, {"note": "nobody"})


def test_rows_where_filters_orders_and_limits(database):
    database["kinds"].insert_all([{"note": note, "n": n} for n, note in enumerate("cab")])
    rows = database["kinds"].rows_where("n >= ?", [1], order_by="note DESC", limit=1)
    assert [row["note"] for row in rows] == ["b"]
    assert database["kinds"].count == 3


def test_a_nested_transaction_joins_the_outer_one_and_an_error_undoes_both(database):
    with pytest.raises(RuntimeError), transaction(database):
        database["kinds"].insert({"note": "outer"})
        with transaction(database):
            database["kinds"].insert({"note": "inner"})
        assert database["kinds"].count == 2
        raise RuntimeError("the service refuses halfway")
    assert database["kinds"].count == 0
    with transaction(database):
        database["kinds"].insert({"note": "kept"})
    assert [row["note"] for row in database["kinds"].rows] == ["kept"]


def test_another_thread_sees_a_transaction_only_once_it_is_committed(database):
    seen = []
    with transaction(database):
        database["kinds"].insert({"note": "pending"})
        reader = threading.Thread(target=lambda: seen.append(database["kinds"].count))
        reader.start()
        reader.join()
    assert seen == [0]
    assert database["kinds"].count == 1


def test_a_write_transaction_waits_for_another_of_the_same_firm_as_on_sqlite(database, pg_url):
    """Read-then-write in two overlapping transactions: the second starts only once the first has
    committed, so neither update is lost (SQLite's BEGIN IMMEDIATE gives the same)."""
    database["settings"].insert({"key": "n", "value": "0"})
    registry = PostgresDatabase(pg_url)

    def bump():
        with transaction(database):
            value = int(database.execute("SELECT value FROM settings WHERE key = 'n'").fetchone()[0])
            yield
            database.execute("UPDATE settings SET value = ? WHERE key = 'n'", [str(value + 1)])

    first = bump()
    next(first)
    second = threading.Thread(target=lambda: list(bump()))
    second.start()
    waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
    while second.is_alive() and not registry.execute(waiting).fetchone()[0]:
        time.sleep(0.01)  # until the second transaction is seen waiting for the first (or, wrongly, done)
    list(first)
    second.join()
    assert database.execute("SELECT value FROM settings WHERE key = 'n'").fetchone()[0] == "2"


def test_values_come_back_as_sqlite_gives_them(database):
    row_id = database["kinds"].insert({"flag": True, "ratio": 0.25, "content": b"\x00\xffscan", "n": 7}).last_pk
    database["kinds"].insert({"flag": False, "ratio": 0.75, "n": 8})
    assert database["kinds"].get(row_id) == {"id": row_id, "flag": 1, "ratio": 0.25, "content": b"\x00\xffscan",
                                             "note": None, "n": 7}
    average, total = database.execute("SELECT avg(n), sum(n) FROM kinds").fetchone()
    assert (average, type(average)) == (7.5, float)
    assert (total, type(total)) == (15, int)
    assert database.execute("SELECT count(*) FROM kinds WHERE flag = ?", [True]).fetchone()[0] == 1


def test_stored_text_loses_its_control_characters(database):
    row_id = database["kinds"].insert({"note": "Ann\x00\x1b[2J Jansen\tok\n"}).last_pk
    database.execute("UPDATE kinds SET note = note || :tail WHERE id = :id", {"tail": "\x07!", "id": row_id})
    assert database["kinds"].get(row_id)["note"] == "Ann[2J Jansen\tok\n!"


def test_question_marks_and_percent_signs_in_quoted_text_are_left_alone(database):
    assert database.execute("SELECT 'why?', ?, '50%' LIKE ?, '1'::integer", ["x", "50%"]).fetchone() == (
        "why?", "x", True, 1)
    assert translate("SELECT ':not?', \"odd?\", '5%', :name, ?") == "SELECT ':not?', \"odd?\", '5%%', %(name)s, %s"


def test_a_pooled_connection_carries_no_firm_to_the_next_one(pg_url, firm):
    # A pool of its own, used one statement at a time, hands out its one connection each time.
    url = pg_url + "?application_name=carry-over"
    pool(url).wait()  # its first connection open, so no statement waits and makes it grow
    other = tenants.create_firm(pg_url, "adapter-other", "Other BV")
    try:
        who = "SELECT pg_backend_pid(), current_user, current_setting('search_path')"
        first = PostgresDatabase(url, firm.id).execute(who).fetchone()
        second = PostgresDatabase(url, other.id).execute(who).fetchone()
        registry = PostgresDatabase(url).execute(who).fetchone()
        assert first[0] == second[0] == registry[0]
        assert first[1:] == (f"devtalk_firm_{firm.id}", f"firm_{firm.id}")
        assert second[1:] == (f"devtalk_firm_{other.id}", f"firm_{other.id}")
        assert registry[1] == "devtalk"
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            PostgresDatabase(url).execute(f"SELECT count(*) FROM firm_{firm.id}.settings")
        # The same statement, often enough for psycopg to prepare it on the connection, reads each
        # firm's own table every time: a prepared statement follows the transaction's search_path.
        for database, name in ((PostgresDatabase(url, firm.id), "adapter"), (PostgresDatabase(url, other.id), "other")):
            database["settings"].insert({"key": "who", "value": name})
        answers = [PostgresDatabase(url, firm_id).execute("SELECT value FROM settings WHERE key = 'who'").fetchone()[0]
                   for firm_id in (firm.id, other.id) * 6]
        assert answers == ["adapter", "other"] * 6
    finally:
        tenants.drop_firm(pg_url, other)
        PostgresDatabase(pg_url, firm.id).execute("DELETE FROM settings")


def test_table_names_are_the_firms_own_tables(database):
    names = database.table_names()
    assert {"people", "conversations", "kinds"} <= set(names)
    assert "firms" not in names
    assert database["kinds"].exists() and not database["firms"].exists()


@pytest.mark.usefixtures("database")  # which empties the tables afterwards
def test_statements_and_transactions_after_the_server_dropped_a_pooled_connection_still_run(pg_url, pg_server, firm):
    database = PostgresDatabase(pg_url + "?application_name=dropped", firm.id)
    before = database.execute("SELECT pg_backend_pid()").fetchone()[0]
    superuser = psycopg.connect(pg_server.superuser_url, autocommit=True)
    superuser.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'dropped'")
    assert database.execute("SELECT pg_backend_pid()").fetchone()[0] != before
    superuser.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'dropped'")
    with transaction(database):
        database["settings"].insert({"key": "after", "value": "restart"})
    assert database["settings"].get("after")["value"] == "restart"
    superuser.close()


def test_a_wrong_address_is_told_at_once_in_the_servers_words(pg_url):
    wrong = pg_url.rsplit("/", 1)[0] + "/no-such-database"
    with pytest.raises(psycopg.OperationalError, match="no-such-database"):
        PostgresDatabase(wrong).execute("SELECT 1")
