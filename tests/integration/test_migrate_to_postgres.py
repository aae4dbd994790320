"""`devtalk migrate-to-postgres`: one firm's SQLite file moved into a new firm on PostgreSQL, all or nothing."""

from __future__ import annotations

import sqlite3

import psycopg
import pytest

import db as storage
from db import copy, tenants
from db.postgres import PostgresTable
from db.private_files import write_private
from devtalk.services import auth, conversations
from devtalk.services.demo_firm import FIRM_NAME
from devtalk.services.migration_to_postgres import CountsDiffer, migrate_to_postgres


@pytest.fixture
def demo_sqlite(tmp_path, demo_file):
    """A SQLite file holding the demo firm, as a firm running devtalk on one computer has it."""
    path = tmp_path / "devtalk.db"
    write_private(path, demo_file)
    return path


@pytest.fixture
def moved_firms(pg_url):
    """The slugs a test moves firms into; the firms are dropped after, so the next test starts clean."""
    slugs = []
    yield slugs
    for slug in slugs:
        if (firm := tenants.firm_by_slug(pg_url, slug)) is not None:
            tenants.drop_firm(pg_url, firm)


def _counts(database, tables) -> dict[str, int]:
    return {table.name: database[table.name].count for table in tables}


def _traces(pg_url) -> tuple:
    """What a firm leaves on the server: its registry row, its schema, its role."""
    with psycopg.connect(pg_url) as conn:
        return (conn.execute("SELECT count(*) FROM public.firms").fetchone()[0],
                conn.execute("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'firm\\_%'").fetchone()[0],
                conn.execute("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'devtalk\\_firm\\_%'").fetchone()[0])


def test_the_demo_firm_moves_over_with_every_table_and_row(pg_url, demo_sqlite, moved_firms):
    moved_firms.append("moved-demo")
    moved = migrate_to_postgres(demo_sqlite, pg_url, "moved-demo", sector="carrosserie")
    source = storage.open_db(demo_sqlite)
    tables = copy.tables_in_dependency_order(source)
    target = tenants.firm_database(pg_url, moved.firm)
    assert moved.rows == _counts(source, tables) == _counts(target, tables)
    assert moved.rows["answers"] > 1000 and len(moved.rows) == len(source.table_names())
    assert (moved.firm.name, moved.firm.sector) == (FIRM_NAME, "carrosserie")
    assert storage.schema_version(target) == storage.SCHEMA_VERSION


def test_every_row_reads_back_the_same_on_postgresql(pg_url, demo_sqlite, moved_firms):
    moved_firms.append("moved-rows")
    target = tenants.firm_database(pg_url, migrate_to_postgres(demo_sqlite, pg_url, "moved-rows").firm)
    source = storage.open_db(demo_sqlite)
    for table in copy.tables_in_dependency_order(source):
        columns = ", ".join(table.columns)
        rows = {database: sorted(map(repr, database.execute(f"SELECT {columns} FROM {table.name}").fetchall()))
                for database in (source, target)}
        assert rows[target] == rows[source], table.name


def test_a_person_signs_in_to_the_moved_firm_with_their_old_password(pg_url, demo_sqlite, moved_firms):
    moved_firms.append("moved-sign-in")
    target = tenants.firm_database(pg_url, migrate_to_postgres(demo_sqlite, pg_url, "moved-sign-in").firm)
    assert auth.current_person(target, auth.sign_in(target, "manager", "demo")).username == "manager"


def test_a_comparison_reads_the_same_after_the_move(pg_url, demo_sqlite, moved_firms):
    moved_firms.append("moved-compare")
    source = storage.open_db(demo_sqlite)
    target = tenants.firm_database(pg_url, migrate_to_postgres(demo_sqlite, pg_url, "moved-compare").firm)
    hr = auth.current_person(source, auth.sign_in(source, "hr", "demo"))
    reported = [row[0] for row in source.execute("SELECT conversation_id FROM reports ORDER BY conversation_id")]
    assert reported
    for conversation_id in reported:
        assert conversations.comparison_view(target, hr, conversation_id) == \
            conversations.comparison_view(source, hr, conversation_id)


def test_rows_added_after_the_move_take_ids_past_every_id_the_file_brought(pg_url, demo_sqlite, moved_firms):
    from devtalk.services import people

    moved_firms.append("moved-ids")
    target = tenants.firm_database(pg_url, migrate_to_postgres(demo_sqlite, pg_url, "moved-ids").firm)
    source = storage.open_db(demo_sqlite)
    highest = copy.highest_id(source, copy.tables_in_dependency_order(source))
    hr = auth.current_person(target, auth.sign_in(target, "hr", "demo"))
    assert people.add_person(target, hr, name="Nieuw", username="nieuw").id > highest


def test_the_file_is_only_read_and_an_older_schema_is_brought_up_to_date_in_the_copy(pg_url, tmp_path, moved_firms):
    old = tmp_path / "old.db"
    database = storage.open_db(old)
    storage.migrate(database, target=5)
    database.conn.close()
    before = old.read_bytes()
    moved_firms.append("moved-old")
    moved = migrate_to_postgres(old, pg_url, "moved-old", name="Oud bedrijf")
    assert old.read_bytes() == before
    assert storage.schema_version(storage.open_db(old)) == 5
    assert storage.schema_version(tenants.firm_database(pg_url, moved.firm)) == storage.SCHEMA_VERSION
    assert "check_ins" in moved.rows  # a table of a later step, empty


def test_a_row_postgresql_refuses_halfway_leaves_no_firm_schema_or_row(pg_url, demo_sqlite, moved_firms):
    conn = sqlite3.connect(demo_sqlite)  # SQLite let an answer to a deleted conversation in (keys off)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO answers (conversation_id, side, item_id, updated_at) VALUES (999999, 'employee', 'x', '')")
    conn.commit()
    conn.close()
    before = _traces(pg_url)
    moved_firms.append("moved-broken")
    with pytest.raises(copy.RowsRefused) as refused:
        migrate_to_postgres(demo_sqlite, pg_url, "moved-broken")
    assert "answers" in refused.value.render("en") and "rolled back" in refused.value.render("en")
    assert tenants.firm_by_slug(pg_url, "moved-broken") is None
    assert _traces(pg_url) == before


def test_a_fraction_sqlite_kept_in_a_whole_number_column_is_refused_not_rounded(pg_url, demo_sqlite, moved_firms):
    conn = sqlite3.connect(demo_sqlite)
    conn.execute("UPDATE answers SET value = 2.5 WHERE (conversation_id, side, item_id) ="
                 " (SELECT conversation_id, side, item_id FROM answers WHERE value = 2 LIMIT 1)")
    conn.commit()
    conn.close()
    before = _traces(pg_url)
    moved_firms.append("moved-fraction")
    with pytest.raises(copy.FractionInWholeNumbers) as refused:
        migrate_to_postgres(demo_sqlite, pg_url, "moved-fraction")
    assert refused.value.render("en").startswith("Table answers, column value: 2.5 is not a whole number")
    assert _traces(pg_url) == before


def test_a_count_that_differs_after_the_copy_rolls_everything_back(pg_url, demo_sqlite, moved_firms, monkeypatch):
    def one_row_short(table):
        found = counted.fget(table)
        return found - 1 if table.name == "actions" else found

    counted = PostgresTable.count
    monkeypatch.setattr(PostgresTable, "count", property(one_row_short))
    before = _traces(pg_url)
    moved_firms.append("moved-short")
    with pytest.raises(CountsDiffer) as differs:
        migrate_to_postgres(demo_sqlite, pg_url, "moved-short")
    assert "Table actions: 59 rows in the file but 58 after the copy" in differs.value.render("en")
    assert _traces(pg_url) == before


def test_an_error_after_some_tables_are_copied_leaves_nothing(pg_url, demo_sqlite, moved_firms, monkeypatch):
    copied = []

    def copy_until_conversations(source, target, table):
        if table.name == "conversations":
            raise RuntimeError("the server went away")
        copied.append(table.name)
        copy_table(source, target, table)

    copy_table = copy.copy_table
    monkeypatch.setattr(copy, "copy_table", copy_until_conversations)
    before = _traces(pg_url)
    moved_firms.append("moved-halfway")
    with pytest.raises(RuntimeError):
        migrate_to_postgres(demo_sqlite, pg_url, "moved-halfway")
    assert "people" in copied
    assert _traces(pg_url) == before


def test_nobody_sees_the_firm_before_it_is_there_with_every_row(pg_url, demo_sqlite, moved_firms, monkeypatch):
    """A firm half filled is never visible, so a process killed halfway leaves nothing to clean up."""
    seen = []

    def copy_and_look(source, target, table):
        copy_table(source, target, table)
        seen.append(tenants.firm_by_slug(pg_url, "moved-unseen"))  # as another server asks, on its own connection

    copy_table = copy.copy_table
    monkeypatch.setattr(copy, "copy_table", copy_and_look)
    moved_firms.append("moved-unseen")
    migrate_to_postgres(demo_sqlite, pg_url, "moved-unseen")
    assert seen and set(seen) == {None}
    assert tenants.firm_by_slug(pg_url, "moved-unseen") is not None


def test_a_slug_in_use_is_refused_before_anything_is_copied(pg_url, demo_sqlite, moved_firms):
    moved_firms.append("moved-taken")
    tenants.create_firm(pg_url, "moved-taken", "Een andere firma")
    with pytest.raises(tenants.FirmExists):
        migrate_to_postgres(demo_sqlite, pg_url, "moved-taken")
    firm = tenants.firm_by_slug(pg_url, "moved-taken")
    assert firm.name == "Een andere firma"
    assert tenants.firm_database(pg_url, firm).execute("SELECT count(*) FROM people").fetchone()[0] == 0


@pytest.mark.parametrize("content", [b"naam;e-mail\nAnna;anna@example.nl\n", b""], ids=["a-csv-file", "an-empty-file"])
def test_a_file_that_is_no_devtalk_database_is_refused(pg_url, tmp_path, content):
    path = tmp_path / "mensen.db"
    path.write_bytes(content)
    before = _traces(pg_url)
    with pytest.raises(copy.NotADevtalkDatabase):
        migrate_to_postgres(path, pg_url, "moved-nothing")
    assert _traces(pg_url) == before


def test_a_file_of_a_newer_devtalk_is_refused_and_left_alone(pg_url, demo_sqlite):
    conn = sqlite3.connect(demo_sqlite)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    before, traces = demo_sqlite.read_bytes(), _traces(pg_url)
    with pytest.raises(storage.DatabaseTooNew):
        migrate_to_postgres(demo_sqlite, pg_url, "moved-newer")
    assert demo_sqlite.read_bytes() == before and _traces(pg_url) == traces


def test_tables_are_ordered_by_their_foreign_keys():
    database = storage.open_db(None)
    storage.migrate(database)
    order = [table.name for table in copy.tables_in_dependency_order(database)]
    for table in order:
        for key in database[table].foreign_keys:
            assert key.other_table == table or order.index(key.other_table) < order.index(table), (table, key)
