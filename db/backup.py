"""Consistent copies of a live database, through SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from db.private_files import private_file
from devtalk.errors import DevtalkError


def backup_to(db: sqlite_utils.Database, dest: Path) -> None:
    """Copy page by page; the API restarts by itself if a writer changes the source meanwhile."""
    private_file(Path(dest))
    target = sqlite3.connect(str(dest))
    try:
        db.conn.backup(target, pages=256)
    finally:
        target.close()


class RestoreRefused(DevtalkError):
    """Restoring over a database that already holds data would destroy it."""

    key = "db.restore_refused"


def restore_from(source: Path, dest: Path) -> None:
    """Copy a backup into a new or empty database file, with the same backup API."""
    private_file(Path(dest))
    target = sqlite3.connect(str(dest))
    try:
        if target.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise RestoreRefused(dest=str(dest))
        backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            backup.backup(target)
        finally:
            backup.close()
    finally:
        target.close()
