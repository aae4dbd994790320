"""Conversions between the stored text columns and Python values, and the pieces of SQL that both
backends (SQLite and PostgreSQL) read the same way."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timezone

import sqlite_utils


def now() -> str:
    """The current moment as stored: ISO 8601 in UTC, to the microsecond so order is stable."""
    return datetime.now(timezone.utc).isoformat()


def to_datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def to_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def from_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def rows_where_in(db: sqlite_utils.Database, table: str, column: str, values: Iterable) -> list[dict]:
    """The rows of ``table`` whose ``column`` is one of ``values``, in one query (none for no values);
    ``table`` and ``column`` are the caller's own names, never user input."""
    values = list(set(values))
    if not values:
        return []
    marks = ",".join("?" * len(values))
    return list(db.query(f"SELECT * FROM {table} WHERE {column} IN ({marks})", values))


def in_list(name: str, values: Iterable) -> tuple[str, dict]:
    """``(:name_0, :name_1, ...)`` and its parameters, for ``column IN`` in a query with named
    parameters; ``(NULL)``, which matches nothing, for no values (an empty ``IN ()`` is SQLite's alone)."""
    params = {f"{name}_{i}": value for i, value in enumerate(values)}
    return "(" + (", ".join(f":{key}" for key in params) or "NULL") + ")", params


def values_table(name: str, rows: Sequence[Sequence]) -> tuple[str, dict]:
    """``rows`` (at least one) as a table to join, ``(VALUES (:name_0_0, :name_0_1), ...)``, whose
    columns both backends call column1, column2, ...; and its parameters. The portable stand-in for
    joining SQLite's json_each over a parameter."""
    params = {f"{name}_{i}_{j}": value for i, row in enumerate(rows) for j, value in enumerate(row)}
    marks = ", ".join("(" + ", ".join(f":{name}_{i}_{j}" for j in range(len(row))) + ")" for i, row in enumerate(rows))
    return f"(VALUES {marks})", params
