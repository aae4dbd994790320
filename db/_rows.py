"""Conversions between SQLite's text columns and Python values."""

from __future__ import annotations

from datetime import date, datetime, timezone


def now() -> str:
    """The current moment as stored: ISO 8601 in UTC, to the microsecond so order is stable."""
    return datetime.now(timezone.utc).isoformat()


def to_datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def to_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def from_date(value: date | None) -> str | None:
    return value.isoformat() if value else None
