"""Copying one firm's rows from its SQLite file into its PostgreSQL schema (`devtalk migrate-to-postgres`).

Table and column names come from the SQLite file's own schema, never from user input; both
backends' schemas carry the same tables and columns (db/schema and db/schema/postgresql).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from graphlib import TopologicalSorter
from pathlib import Path
from tempfile import TemporaryDirectory

import psycopg
import sqlite_utils

from db.backup import restore_from
from db.connection import open_db
from db.migrations import migrate, schema_version
from db.postgres import quoted
from devtalk.errors import DevtalkError

BATCH = 500


class NotADevtalkDatabase(DevtalkError):
    """The file is no SQLite database, or one without devtalk's tables: there is no firm to move."""

    key = "migration.not_devtalk"


class RowsRefused(DevtalkError):
    """PostgreSQL refused a row of the file (a broken foreign key, a value of the wrong type):
    SQLite let it in, the stricter copy may not."""

    key = "migration.rows_refused"


class FractionInWholeNumbers(DevtalkError):
    """SQLite keeps 2.5 in an INTEGER column; PostgreSQL would round it without a word, so it is refused."""

    key = "migration.fraction"


@contextmanager
def migrated_copy(original: Path) -> Iterator[sqlite_utils.Database]:
    """A copy of ``original`` in a temporary folder (SQLite's backup API: consistent even while the
    app writes), brought to the newest schema, removed after; the original is only read.
    DatabaseTooNew for a file of a newer devtalk."""
    with TemporaryDirectory(prefix="devtalk-migration-") as folder:
        try:
            restore_from(original, Path(folder) / "devtalk.db")
            database = open_db(Path(folder) / "devtalk.db")
            is_devtalk = schema_version(database) >= 1 and "people" in database.table_names()
        except sqlite3.DatabaseError as error:
            raise NotADevtalkDatabase(path=str(original)) from error
        try:
            if not is_devtalk:
                raise NotADevtalkDatabase(path=str(original))
            migrate(database)
            yield database
        finally:
            database.conn.close()


@dataclass(frozen=True)
class Table:
    """A table to copy: its columns in the file's order, its key, and the columns that name a row
    of the same table (people.manager_id), which are filled in once every row is there."""

    name: str
    columns: tuple[str, ...]
    pks: tuple[str, ...]
    self_references: tuple[str, ...]
    numbered: bool  # its key is an integer id drawn from the id sequence
    whole_numbers: tuple[str, ...]  # the INTEGER columns


def tables_in_dependency_order(db: sqlite_utils.Database) -> list[Table]:
    """Every table of the file, each after every table its foreign keys name, so the rows can be
    inserted in this order with each constraint checked as it goes (the order is the schema's, so a
    new migration's table needs no list to be kept up to date)."""
    tables = {name: db[name] for name in sorted(db.table_names()) if not name.startswith("sqlite_")}
    parents = {name: sorted({key.other_table for key in table.foreign_keys} - {name}) for name, table in tables.items()}
    return [_table(tables[name]) for name in TopologicalSorter(parents).static_order()]


def _table(table: sqlite_utils.db.Table) -> Table:
    columns = table.columns_dict
    return Table(table.name, tuple(columns), tuple(table.pks),
                 tuple(sorted(key.column for key in table.foreign_keys if key.other_table == table.name)),
                 table.pks == ["id"] and columns["id"] is int,
                 tuple(name for name, kind in columns.items() if kind is int))


def _rows(db: sqlite_utils.Database, table: Table) -> Iterator[tuple]:
    columns = ", ".join(map(quoted, table.columns))
    yield from db.execute(f"SELECT {columns} FROM {quoted(table.name)}")


def copy_table(source: sqlite_utils.Database, target, table: Table) -> None:
    """Insert every row of ``table`` into ``target`` with its ids kept; a column naming a row of the
    same table is set afterwards, so the order of the rows never breaks its foreign key. RowsRefused
    names the table and PostgreSQL's reason when a row does not fit."""
    try:
        _copy_rows(source, target, table)
    except psycopg.Error as error:
        raise RowsRefused(table=table.name, reason=str(error).splitlines()[0]) from error


def _copy_rows(source: sqlite_utils.Database, target, table: Table) -> None:
    columns = ", ".join(map(quoted, table.columns))
    marks = ", ".join("?" * len(table.columns))
    insert = f"INSERT INTO {quoted(table.name)} ({columns}) VALUES ({marks})"
    later = [table.columns.index(column) for column in table.self_references]
    whole = [table.columns.index(column) for column in table.whole_numbers]
    batch, references = [], []
    for row in _rows(source, table):
        for index in whole:
            if isinstance(row[index], float):
                raise FractionInWholeNumbers(table=table.name, column=table.columns[index], value=row[index])
        if later:
            references.append(row)
            row = tuple(None if index in later else value for index, value in enumerate(row))
        batch.append(row)
        if len(batch) == BATCH:
            target.executemany(insert, batch)
            batch = []
    if batch:
        target.executemany(insert, batch)
    if references:
        _set_self_references(target, table, references)


def _set_self_references(target, table: Table, originals: list[tuple]) -> None:
    keys = [table.columns.index(pk) for pk in table.pks]
    sets = ", ".join(f"{quoted(column)} = ?" for column in table.self_references)
    where = " AND ".join(f"{quoted(pk)} = ?" for pk in table.pks)
    values = [table.columns.index(column) for column in table.self_references]
    target.executemany(
        f"UPDATE {quoted(table.name)} SET {sets} WHERE {where}",
        [[row[i] for i in values] + [row[i] for i in keys]
         for row in originals if any(row[i] is not None for i in values)],
    )


def highest_id(db: sqlite_utils.Database, tables: list[Table]) -> int:
    """The highest value of any integer ``id`` key in the file: the shared id sequence must start past it."""
    highest = [db.execute(f"SELECT max(id) FROM {quoted(table.name)}").fetchone()[0] or 0
               for table in tables if table.numbered]
    return max(highest, default=0)


def move_ids_past(owner, highest: int) -> None:
    """Let the id sequence all firms share hand out only ids above ``highest``, so a row added later
    to the moved firm never takes an id it brought along. Needs the owner's role; a sequence is never
    moved back, and setval is not undone by a rollback, which only leaves a gap of unused ids."""
    owner.execute("SELECT setval('public.devtalk_ids', ?) FROM public.devtalk_ids WHERE last_value < ?",
                  [highest, highest])
