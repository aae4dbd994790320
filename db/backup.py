"""Consistent copies of a live database, through SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils


def backup_to(db: sqlite_utils.Database, dest: Path) -> None:
    """Copy page by page; the API restarts by itself if a writer changes the source meanwhile."""
    Path(dest).parent.mkdir(parents=True, exist_ok=True)
    target = sqlite3.connect(str(dest))
    try:
        db.conn.backup(target, pages=256)
    finally:
        target.close()
