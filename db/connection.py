"""Opening the database and running write transactions that survive a busy neighbour."""

from __future__ import annotations

import random
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from db.private_files import private_file
from devtalk.domain.plain_text import without_controls
from devtalk.errors import DevtalkError

BUSY_TIMEOUT_MS = 10_000
RETRIES = 8


class DatabaseTooNew(DevtalkError):
    """The file was written by a newer devtalk; opening it with this code could damage it."""

    key = "db.too_new"


def open_db(path: str | Path | None = None) -> sqlite_utils.Database:
    """A connection with WAL, foreign keys and a busy timeout; ``None`` (or SQLite's own
    ``":memory:"``) opens an in-memory database, which leaves no file behind.

    Autocommit mode (isolation_level=None) so that every write goes through ``transaction``,
    which takes the write lock up front instead of upgrading a read lock halfway (the upgrade is
    what makes SQLite answer "database is locked" without waiting).
    """
    if path is None or str(path) == ":memory:":
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False, factory=PlainTextConnection)
    else:
        private_file(Path(path))
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000,
                               factory=PlainTextConnection)
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    return sqlite_utils.Database(conn)


class PlainTextConnection(sqlite3.Connection):
    """Every statement's text parameters lose their control characters on the way in.

    This is the one door all stored text passes (sqlite-utils and the repositories run every
    statement through ``execute`` or ``executemany``), so no page, import, CLI command or future
    write path can store a NUL or an escape sequence that hides what follows from a check or a reader.
    """

    def execute(self, sql, parameters=(), /):
        return super().execute(sql, _without_controls(parameters))

    def executemany(self, sql, seq_of_parameters, /):
        return super().executemany(sql, map(_without_controls, seq_of_parameters))


def _without_controls(parameters):
    if isinstance(parameters, dict):
        return {name: _value(value) for name, value in parameters.items()}
    return [_value(value) for value in parameters]


def _value(value):
    return without_controls(value) if isinstance(value, str) else value


@contextmanager
def transaction(db: sqlite_utils.Database):
    """One short write transaction (BEGIN IMMEDIATE), retried while another writer holds the lock.

    Nested use joins the outer transaction, so a service can compose repository calls that
    each ask for a transaction of their own. A PostgreSQL firm (db/postgres.py) runs its own.
    """
    if not isinstance(db, sqlite_utils.Database):
        with db.transaction():
            yield db
        return
    conn = db.conn
    if conn.in_transaction:
        yield db
        return
    _begin_immediate(conn)
    try:
        yield db
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _begin_immediate(conn: sqlite3.Connection) -> None:
    for attempt in range(RETRIES):
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            if attempt == RETRIES - 1:
                raise
            time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))


def analyse(db: sqlite_utils.Database) -> None:
    """Refresh SQLite's table statistics, so the query planner chooses by the data a bulk load
    (the benchmark's synthetic firm) just wrote. A PostgreSQL firm's tables are analysed by their owner."""
    if not isinstance(db, sqlite_utils.Database):
        db.analyse()
        return
    db.execute("ANALYZE")
