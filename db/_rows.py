"""Conversions between SQLite's text columns and Python values."""

from __future__ import annotations

from collections.abc import Iterable
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
