"""Both backends build the same firm schema, step for step: db/schema/NNN_*.sql for SQLite and
db/schema/postgresql/NNN_*.sql for PostgreSQL. A repository runs one SQL string on both, so a column,
key, unique or foreign key that one side lacks is a query that works on one backend only, and a
CHECK value one side lacks is a status one backend refuses.

Each side is read from its own catalogue (SQLite's pragmas, PostgreSQL's pg_catalog) into one shape;
column types compare by family, since INTEGER becomes BIGINT for ids and REAL DOUBLE PRECISION."""

from __future__ import annotations

import re
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

import db as storage

SQLITE_STEPS = sorted((Path(storage.__file__).parent / "schema").glob("*.sql"))
POSTGRES_STEPS = sorted((Path(storage.__file__).parent / "schema" / "postgresql").glob("*.sql"))

SQLITE_FAMILIES = {"INTEGER": "integer", "TEXT": "text", "REAL": "real", "BLOB": "blob"}
POSTGRES_FAMILIES = {"smallint": "integer", "integer": "integer", "bigint": "integer", "text": "text",
                     "double precision": "real", "bytea": "blob"}
ON_DELETE = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}
# An id the database hands out: SQLite's rowid alias, PostgreSQL's one sequence for all firms.
NEW_ID = "a new id"
# SQLite's guard that an INTEGER column holds no REAL (cents): a BIGINT column cannot, so
# PostgreSQL's check is the rest of the expression.
SQLITE_TYPE_GUARD = re.compile(r"typeof\(\w+\)\s*(?:IN\s*\([^)]*\)|=\s*'\w+')\s*AND\s*", re.IGNORECASE)


def test_postgresql_has_one_step_for_every_sqlite_step_with_the_same_number_and_name():
    assert [path.name for path in POSTGRES_STEPS] == [path.name for path in SQLITE_STEPS]


@pytest.mark.parametrize("step", range(1, len(SQLITE_STEPS) + 1), ids=[path.stem for path in SQLITE_STEPS])
def test_both_backends_have_the_same_schema_after_each_step(step, pg_url):
    sqlite_schema = sqlite_tables(sqlite_at(step))
    with postgres_at(pg_url, step) as (conn, schema):
        postgres_schema = postgres_tables(conn, schema)
    assert sorted(postgres_schema) == sorted(sqlite_schema)
    for table, shape in sqlite_schema.items():
        assert postgres_schema[table] == shape, table


def test_a_stored_questionnaire_version_cannot_be_changed_on_postgresql_either(pg_url):
    with postgres_at(pg_url, len(POSTGRES_STEPS)) as (conn, _schema):
        conn.execute("INSERT INTO questionnaire_versions (questionnaire_id, version, content_hash, yaml, created_at)"
                     " VALUES ('q', 1, 'hash', 'yaml', '2026-01-01')")
        with pytest.raises(psycopg.errors.RaiseException, match="immutable"):
            conn.execute("UPDATE questionnaire_versions SET yaml = 'changed'")


def test_usernames_are_unique_ignoring_case_on_postgresql_as_on_sqlite(pg_url):
    with postgres_at(pg_url, len(POSTGRES_STEPS)) as (conn, _schema):
        insert = "INSERT INTO people (name, username, created_at, updated_at) VALUES ('Daan', %s, '', '')"
        conn.execute(insert, ["daan"])
        with pytest.raises(psycopg.errors.UniqueViolation):
            conn.execute(insert, ["Daan"])


def sqlite_at(step: int):
    database = storage.open_db(None)
    storage.migrate(database, target=step)
    return database


@contextmanager
def postgres_at(url: str, step: int):
    """A scratch schema in the test server built by the PostgreSQL steps up to ``step``, owned (as
    every firm schema is) by devtalk_owner, dropped afterwards; yields the connection with its
    search_path on the schema, in autocommit so a refused statement leaves the next one usable."""
    schema = f"parity_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET ROLE devtalk_owner")
        conn.execute(f"CREATE SCHEMA {schema}")
        try:
            conn.execute(f"SET search_path TO {schema}")
            for path in POSTGRES_STEPS[:step]:
                with conn.transaction():
                    conn.execute(path.read_text(encoding="utf-8"))
            yield conn, schema
        finally:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def sqlite_tables(database) -> dict[str, dict]:
    names = [row[0] for row in database.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {table: sqlite_table(database, table) for table in names}


def sqlite_table(database, table: str) -> dict:
    columns = list(database.execute(f"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{table}')"))
    primary_key = tuple(name for name, *_rest, pk in sorted(columns, key=lambda column: column[4]) if pk)
    foreign_keys = {}
    for key_id, _seq, parent, child_column, parent_column, _on_update, on_delete in database.execute(
            f"SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list('{table}')"
            " ORDER BY id, seq"):
        children, parents, _parent, _on_delete = foreign_keys.get(key_id, ((), (), parent, on_delete))
        foreign_keys[key_id] = (children + (child_column,), parents + (parent_column,), parent, on_delete)
    referencing = {column for children, *_rest in foreign_keys.values() for column in children}
    uniques, indexes = set(), set()
    for index, unique, origin, partial in database.execute(
            f"SELECT name, \"unique\", origin, partial FROM pragma_index_list('{table}')"):
        # The coll of each key column: a NOCASE one is unique ignoring case.
        keys = tuple((name, coll == "NOCASE") for name, coll in database.execute(
            f"SELECT name, coll FROM pragma_index_xinfo('{index}') WHERE key = 1 ORDER BY seqno"))
        if unique and origin != "pk":
            uniques.add((keys, bool(partial)))
        elif not unique:
            indexes.add((index, tuple(name for name, _nocase in keys)))
    # An INTEGER PRIMARY KEY is SQLite's rowid: a new id when none is given, unless it is a foreign
    # key (accounts.person_id), whose value always comes from the row it names.
    new_id = {name for name, kind, *_rest, pk in columns
              if primary_key == (name,) and kind == "INTEGER" and name not in referencing}
    return {
        # A primary key column never holds NULL (SQLite allows it in a rowid table, a quirk nobody relies on).
        "columns": [(name, SQLITE_FAMILIES[kind], bool(notnull) or name in primary_key,
                     NEW_ID if name in new_id else default) for name, kind, notnull, default, _pk in columns],
        "primary key": primary_key,
        "uniques": uniques,
        "foreign keys": set(foreign_keys.values()),
        "indexes": indexes,
        "triggers": {row[0] for row in database.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", [table])},
        "checks": check_shapes(sqlite_checks(database, table), [column[0] for column in columns]),
    }


def sqlite_checks(database, table: str) -> list[str]:
    """The CHECK expressions in the table's CREATE TABLE text (SQLite keeps no catalogue of them;
    a column added later is written into that text too)."""
    text = database.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()[0]
    checks = []
    for found in re.finditer(r"\bCHECK\s*\(", text, re.IGNORECASE):
        depth, end = 1, found.end()
        while depth:
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
        checks.append(SQLITE_TYPE_GUARD.sub("", text[found.end():end - 1]))
    return checks


def check_shapes(checks: list[str], columns: list[str]) -> list[tuple]:
    """Each CHECK as what it names: its columns, its quoted values in order, its numbers. The two
    catalogues spell one check differently (``x IN ('a', 'b')`` is ``x = ANY (ARRAY['a'::text, ...])``),
    but a value or bound one side lacks shows here."""
    shapes = []
    for check in checks:
        quoted = r"'((?:[^']|'')*)'"
        rest = re.sub(r"::\w+", "", re.sub(quoted, "", check))  # PostgreSQL's casts name types, not columns
        shapes.append((tuple(sorted(set(re.findall(r"\w+", rest)) & set(columns))), tuple(re.findall(quoted, check)),
                       tuple(sorted(int(number) for number in re.findall(r"\b\d+\b", rest)))))
    return sorted(shapes)


def postgres_tables(conn, schema: str) -> dict[str, dict]:
    names = [row[0] for row in conn.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = %s AND c.relkind = 'r'", [schema])]
    return {table: postgres_table(conn, f"{schema}.{table}") for table in names}


def postgres_table(conn, table: str) -> dict:
    columns = list(conn.execute(
        """SELECT a.attname, format_type(a.atttypid, NULL), a.attnotnull, pg_get_expr(d.adbin, d.adrelid)
             FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""", [table]))
    primary_key = ()
    uniques, indexes = set(), set()
    for index, unique, primary, partial, keys in conn.execute(
            """SELECT i.indexrelid::regclass::text, i.indisunique, i.indisprimary, i.indpred IS NOT NULL,
                      array(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k)
                 FROM pg_index i WHERE i.indrelid = %s::regclass""", [table]):
        # lower(name) in a unique index is PostgreSQL's way to SQLite's UNIQUE ... COLLATE NOCASE.
        keys = tuple((key[len("lower("):-1], True) if key.startswith("lower(") else (key, False) for key in keys)
        if primary:
            primary_key = tuple(name for name, _nocase in keys)
        elif unique:
            uniques.add((keys, partial))
        else:
            indexes.add((index.rsplit(".", 1)[-1], tuple(name for name, _nocase in keys)))
    foreign_keys = list(conn.execute(
        """SELECT array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(num, pos)
                          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num ORDER BY k.pos),
                  array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(num, pos)
                          JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num ORDER BY k.pos),
                  (SELECT relname FROM pg_class WHERE oid = c.confrelid), c.confdeltype
             FROM pg_constraint c WHERE c.conrelid = %s::regclass AND c.contype = 'f'""", [table]))
    return {
        "columns": [(name, POSTGRES_FAMILIES[kind], notnull, postgres_default(default))
                    for name, kind, notnull, default in columns],
        "primary key": primary_key,
        "uniques": uniques,
        "foreign keys": {(tuple(children), tuple(parents), parent, ON_DELETE[on_delete])
                         for children, parents, parent, on_delete in foreign_keys},
        "indexes": indexes,
        "triggers": {row[0] for row in conn.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal", [table])},
        "checks": check_shapes([row[0] for row in conn.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'c'", [table])],
            [column[0] for column in columns]),
    }


def postgres_default(default: str | None) -> str | None:
    """The default as SQLite writes it: ``'nl'::text`` reads ``'nl'``; the id sequence is a new id."""
    if default is None:
        return None
    if default == "nextval('devtalk_ids'::regclass)" or default == "nextval('public.devtalk_ids'::regclass)":
        return NEW_ID
    return default.split("::", 1)[0]
