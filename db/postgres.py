"""PostgreSQL behind the part of sqlite_utils.Database the repositories use, so one set of plain
SQL (``?`` placeholders, the portable subset in docs/architecture.md) runs on both backends.

A PostgresDatabase is one firm's view of the server: every transaction it runs starts by taking
the firm's role and schema (``SET LOCAL``), so the database itself refuses every other firm's
tables, and a pooled connection goes back to the pool with neither (both end with the transaction).
"""

from __future__ import annotations

import random
import re
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache

import psycopg
import psycopg_pool
from psycopg.adapt import Dumper, Loader
from sqlite_utils.db import NotFoundError

from db.connection import BUSY_TIMEOUT_MS, RETRIES, _without_controls

POOL_MIN = 1
POOL_MAX = 10
OWNER_ROLE = "devtalk_owner"

_pools: dict[str, psycopg_pool.ConnectionPool] = {}
_pools_lock = threading.Lock()
# Each thread's open transactions, one per (url, role, schema): every PostgresDatabase of the same firm
# joins it, so a service's nested calls share one transaction whichever object they were handed.
_transactions = threading.local()
_primary_keys: dict[tuple[bool, str], list[str]] = {}


def is_postgres_url(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("postgresql://", "postgres://"))


def firm_role(firm_id: int) -> str:
    return f"devtalk_firm_{int(firm_id)}"


def firm_schema(firm_id: int) -> str:
    return f"firm_{int(firm_id)}"


def pool(url: str) -> psycopg_pool.ConnectionPool:
    """The process's pool for ``url``, opened on first use; every PostgresDatabase on that URL,
    whatever its firm, borrows from it."""
    with _pools_lock:
        found = _pools.get(url)
        if found is None:
            # One connection made here first, so a wrong address or password is told at once in the
            # server's words, instead of as the pool's timeout half a minute later.
            psycopg.connect(url).close()
            found = psycopg_pool.ConnectionPool(url, min_size=POOL_MIN, max_size=POOL_MAX, configure=_configure,
                                                name="devtalk", open=True)
            _pools[url] = found
        return found


class _BoolAsInteger(Dumper):
    """Booleans are stored as INTEGER 0/1 on both backends (SQLite has no other kind)."""

    oid = psycopg.postgres.types["int4"].oid

    def dump(self, obj: bool) -> bytes:
        return b"1" if obj else b"0"


class _NumericAsNumber(Loader):
    """NUMERIC comes back as SQLite would give it: a float (AVG, ROUND(x, n)), or an int when it has
    no fraction digits (SUM over BIGINT), never a Decimal the pages do not expect."""

    def load(self, data) -> int | float:
        text = bytes(data)
        return int(text) if text.lstrip(b"-").isdigit() else float(text)


def _configure(conn: psycopg.Connection) -> None:
    conn.adapters.register_dumper(bool, _BoolAsInteger)
    conn.adapters.register_loader("numeric", _NumericAsNumber)


_TOKEN = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|::|\?|:[A-Za-z_]\w*|%""")


@lru_cache(maxsize=2048)
def translate(sql: str) -> str:
    """SQLite's ``?`` and ``:name`` placeholders in psycopg's spelling and every ``%`` doubled (psycopg
    reads one even inside quotes); quoted text and ``::`` casts are otherwise left as they are."""

    def replace(match: re.Match) -> str:
        token = match.group()
        if token == "?":
            return "%s"
        if token.startswith(":") and token != "::":
            return f"%({token[1:]})s"
        return token.replace("%", "%%")

    return _TOKEN.sub(replace, sql)


def quoted(name: str) -> str:
    """A table or column name as an SQL identifier, the same on both backends."""
    return '"' + name.replace('"', '""') + '"'


class Result:
    """A statement's outcome with its rows already fetched (the connection may be back in the pool):
    what the repositories use of a sqlite3 cursor."""

    def __init__(self, cursor: psycopg.Cursor):
        self.rowcount = cursor.rowcount
        self.description = (tuple((column.name, column.type_code, None, None, None, None, None)
                                  for column in cursor.description) if cursor.description else None)
        self._rows = cursor.fetchall() if cursor.description else []
        self._next = 0

    def fetchone(self) -> tuple | None:
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    def fetchall(self) -> list[tuple]:
        rest, self._next = self._rows[self._next:], len(self._rows)
        return rest

    def __iter__(self) -> Iterator[tuple]:
        return iter(self.fetchall())

    def dicts(self) -> list[dict]:
        names = [column[0] for column in self.description or ()]
        return [dict(zip(names, row)) for row in self.fetchall()]


class PostgresDatabase:
    """One firm's schema (``firm_id``) or, with no firm, the public registry; ``owner`` runs as the
    role that owns the tables (migrations only)."""

    def __init__(self, url: str, firm_id: int | None = None, *, owner: bool = False):
        self.url = url
        self.firm_id = firm_id
        self.owner = owner
        self._role = OWNER_ROLE if owner else (firm_role(firm_id) if firm_id is not None else None)
        self._path = firm_schema(firm_id) if firm_id is not None else "public"
        self._transaction_key = (url, self._role, self._path)

    def __repr__(self) -> str:
        return f"<PostgresDatabase firm={self.firm_id}{' owner' if self.owner else ''}>"

    @property
    def _pool(self) -> psycopg_pool.ConnectionPool:
        return pool(self.url)

    def owner_database(self) -> PostgresDatabase:
        return self if self.owner else PostgresDatabase(self.url, self.firm_id, owner=True)

    def _begin(self, conn: psycopg.Connection, write: bool) -> None:
        """The firm's role and schema for this transaction alone (is_local: the connection goes back to
        the pool with neither). A write transaction also takes the firm's writer lock first, as SQLite's
        BEGIN IMMEDIATE takes the file's: a service's check and the write it allows are never split by
        another transaction of the same firm (another tab's submit), and wait as long as SQLite's."""
        if self._role is None:
            return
        if write and self.firm_id is not None:
            conn.execute("SELECT set_config('role', %s, true), set_config('search_path', %s, true),"
                         " set_config('lock_timeout', %s, true), pg_advisory_xact_lock(%s)",
                         [self._role, self._path, f"{BUSY_TIMEOUT_MS}ms", self.firm_id])
        else:
            conn.execute("SELECT set_config('role', %s, true), set_config('search_path', %s, true)",
                         [self._role, self._path])

    def _pinned(self) -> psycopg.Connection | None:
        return getattr(_transactions, "open", {}).get(self._transaction_key)

    @contextmanager
    def transaction(self) -> Iterator[PostgresDatabase]:
        """One write transaction on one connection pinned to this thread, holding the firm's writer
        lock; nested use joins the outer one, an exception rolls it all back."""
        if self._pinned() is not None:
            yield self
            return
        for attempt in range(RETRIES):
            with self._pool.connection() as conn:  # commits on leaving, rolls back on an exception
                try:
                    self._begin(conn, write=True)
                except psycopg.OperationalError:
                    if not conn.broken or attempt == RETRIES - 1:
                        raise
                    continue  # the server closed this pooled connection meanwhile: the pool drops it
                pinned = _transactions.__dict__.setdefault("open", {})
                pinned[self._transaction_key] = conn
                try:
                    yield self
                finally:
                    del pinned[self._transaction_key]
                return

    def _run(self, work):
        """``work(cursor)`` inside the thread's transaction, or alone in a short one of its own,
        retried when the server chose it as a deadlock's or serialization's victim."""
        pinned = self._pinned()
        if pinned is not None:
            with pinned.cursor() as cursor:
                return work(cursor)
        for attempt in range(RETRIES):
            conn = None
            try:
                with self._pool.connection() as conn:
                    self._begin(conn, write=False)
                    with conn.cursor() as cursor:
                        return work(cursor)
            except psycopg.OperationalError as error:
                # A victim of a deadlock, or a pooled connection the server closed meanwhile (a restart):
                # the pool drops a broken one, so the next attempt gets a live connection.
                retry = isinstance(error, (psycopg.errors.SerializationFailure, psycopg.errors.DeadlockDetected)) or (
                    conn is not None and conn.broken)
                if not retry or attempt == RETRIES - 1:
                    raise
                time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))
        raise AssertionError("unreachable")

    def execute(self, sql: str, params: Sequence | dict | None = ()) -> Result:
        plain = _without_controls(params or ())

        def work(cursor):
            cursor.execute(translate(sql), plain)
            return Result(cursor)

        return self._run(work)

    def executemany(self, sql: str, rows: Iterable[Sequence | dict]) -> None:
        plain = [_without_controls(row) for row in rows]
        if plain:
            self._run(lambda cursor: cursor.executemany(translate(sql), plain))

    def executescript(self, script: str) -> None:
        """Several statements at once, sent as they are (no parameters, no placeholder translation)."""
        self._run(lambda cursor: cursor.execute(script))

    def query(self, sql: str, params: Sequence | dict | None = ()) -> Iterator[dict]:
        return iter(self.execute(sql, params).dicts())

    def __getitem__(self, table: str) -> PostgresTable:
        return PostgresTable(self, table)

    def table_names(self) -> list[str]:
        """This schema's tables in the order they were made, as sqlite_master lists them."""
        return [name for (name,) in self.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') ORDER BY c.oid", [self._path])]

    def primary_key(self, table: str) -> list[str]:
        """The table's key columns, looked up once per process: every firm's schema is the same."""
        keys = _primary_keys.get((self.firm_id is None, table))
        if keys is None:
            keys = [name for (name,) in self.execute(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                " AND a.attnum = ANY (i.indkey) WHERE i.indrelid = ?::regclass AND i.indisprimary"
                " ORDER BY array_position(i.indkey, a.attnum)", [f"{self._path}.{quoted(table)}"])]
            _primary_keys[(self.firm_id is None, table)] = keys
        return keys

    def analyse(self) -> None:
        """Fresh planner statistics for this firm's tables; only their owner may take them."""
        owner = self.owner_database()
        owner.executescript("; ".join(f"ANALYZE {quoted(name)}" for name in owner.table_names()))

    @property
    def conn(self) -> _Connection:
        return _Connection(self)

    def close(self) -> None:
        """Nothing to close: the connections belong to the process's pool."""


class _Connection:
    """What callers reach through ``db.conn`` on SQLite: whether a transaction is open, statements,
    and a close that leaves the pool alone."""

    def __init__(self, db: PostgresDatabase):
        self._db = db

    @property
    def in_transaction(self) -> bool:
        return self._db._pinned() is not None

    def execute(self, sql, params=()):
        return self._db.execute(sql, params)

    def executemany(self, sql, rows):
        return self._db.executemany(sql, rows)

    def close(self) -> None:
        self._db.close()


_PYTHON_TYPES = {"smallint": int, "integer": int, "bigint": int, "text": str, "character varying": str,
                 "double precision": float, "real": float, "numeric": float, "bytea": bytes}


class PostgresTable:
    """sqlite_utils.Table's writing and reading helpers that the repositories and tests use."""

    def __init__(self, db: PostgresDatabase, name: str):
        self.db = db
        self.name = name
        self.last_pk = None

    @property
    def pks(self) -> list[str]:
        return self.db.primary_key(self.name)

    @property
    def columns_dict(self) -> dict[str, type]:
        return {name: _PYTHON_TYPES.get(kind, str) for name, kind in self.db.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
            " ORDER BY ordinal_position", [self.db._path, self.name])}

    def _key(self, pk) -> list[str]:
        if pk is None:
            return self.pks
        return [pk] if isinstance(pk, str) else list(pk)

    def _conflict(self, keys: list[str], columns: list[str], update: bool) -> str:
        changing = [column for column in columns if column not in keys]
        if not update or not changing:
            return f" ON CONFLICT ({', '.join(map(quoted, keys))}) DO NOTHING" if keys else " ON CONFLICT DO NOTHING"
        sets = ", ".join(f"{quoted(column)} = EXCLUDED.{quoted(column)}" for column in changing)
        return f" ON CONFLICT ({', '.join(map(quoted, keys))}) DO UPDATE SET {sets}"

    def _insert_sql(self, columns: list[str], keys: list[str], replace: bool, ignore: bool, upsert: bool) -> str:
        sql = (f"INSERT INTO {quoted(self.name)} ({', '.join(map(quoted, columns))})"
               f" VALUES ({', '.join('?' * len(columns))})") if columns else f"INSERT INTO {quoted(self.name)} DEFAULT VALUES"
        if replace or upsert:
            sql += self._conflict(keys, columns, update=True)
        elif ignore:
            sql += self._conflict(keys, columns, update=False)
        return sql

    def _last_pk(self, keys: list[str], row: dict, returned: tuple | None):
        values = returned if returned is not None else tuple(row.get(key) for key in keys)
        if not keys:
            return None
        return values[0] if len(keys) == 1 else tuple(values)

    def insert(self, row: dict, pk=None, replace: bool = False, ignore: bool = False) -> PostgresTable:
        keys = self._key(pk)
        columns = list(row)
        sql = self._insert_sql(columns, keys, replace, ignore, upsert=False)
        if keys:
            sql += f" RETURNING {', '.join(map(quoted, keys))}"
        self.last_pk = self._last_pk(keys, row, self.db.execute(sql, list(row.values())).fetchone())
        return self

    def upsert(self, row: dict, pk=None) -> PostgresTable:
        keys = self._key(pk)
        columns = list(row)
        self.db.execute(self._insert_sql(columns, keys, False, False, upsert=True), list(row.values()))
        self.last_pk = self._last_pk(keys, row, None)
        return self

    def insert_all(self, rows: Iterable[dict], batch_size: int = 100) -> PostgresTable:
        rows = list(rows)
        if not rows:
            return self
        columns = list(dict.fromkeys(column for row in rows for column in row))
        sql = self._insert_sql(columns, [], replace=False, ignore=False, upsert=False)
        with self.db.transaction():
            for start in range(0, len(rows), batch_size):
                self.db.executemany(sql, [[row.get(column) for column in columns]
                                          for row in rows[start:start + batch_size]])
        return self

    def _where_key(self, pk_value) -> tuple[str, list]:
        keys = self.pks
        values = list(pk_value) if isinstance(pk_value, (list, tuple)) else [pk_value]
        if len(values) != len(keys):
            raise NotFoundError(f"{self.name}: {pk_value!r} does not match the key {keys}")
        return " AND ".join(f"{quoted(key)} = ?" for key in keys), values

    def update(self, pk_value, updates: dict | None = None) -> PostgresTable:
        """The given columns of one row changed; sqlite-utils's NotFoundError when there is no such row."""
        where, values = self._where_key(pk_value)
        if updates:
            sets = ", ".join(f"{quoted(column)} = ?" for column in updates)
            result = self.db.execute(f"UPDATE {quoted(self.name)} SET {sets} WHERE {where}",
                                     [*updates.values(), *values])
            if result.rowcount == 0:
                raise NotFoundError(f"{self.name}: {pk_value!r}")
        self.last_pk = pk_value
        return self

    def get(self, pk_value) -> dict:
        where, values = self._where_key(pk_value)
        rows = list(self.db.query(f"SELECT * FROM {quoted(self.name)} WHERE {where}", values))
        if not rows:
            raise NotFoundError(f"{self.name}: {pk_value!r}")
        return rows[0]

    def rows_where(self, where: str | None = None, where_args: Sequence | dict | None = None,
                   order_by: str | None = None, select: str = "*", limit: int | None = None,
                   offset: int | None = None) -> Iterator[dict]:
        sql = f"SELECT {select} FROM {quoted(self.name)}"
        if where is not None:
            sql += f" WHERE {where}"
        if order_by is not None:
            sql += f" ORDER BY {order_by}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        if offset is not None:
            sql += f" OFFSET {int(offset)}"
        return self.db.query(sql, where_args or ())

    @property
    def rows(self) -> Iterator[dict]:
        return self.rows_where()

    @property
    def count(self) -> int:
        return self.db.execute(f"SELECT count(*) FROM {quoted(self.name)}").fetchone()[0]

    def exists(self) -> bool:
        return self.name in self.db.table_names()
