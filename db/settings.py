"""Firm-wide settings as key/value pairs (firm name, language, demo marker, public address)."""

from __future__ import annotations

import sqlite_utils


def get_setting(db: sqlite_utils.Database, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_setting(db: sqlite_utils.Database, key: str, value: str) -> None:
    db["settings"].upsert({"key": key, "value": value}, pk="key")


def delete_setting(db: sqlite_utils.Database, key: str) -> None:
    db.execute("DELETE FROM settings WHERE key = ?", [key])
