"""Numbered schema migrations, applied in order; ``PRAGMA user_version`` records the last one.

Add a new numbered file to db/schema to change the schema; never edit one that has shipped,
because databases out there were built from it.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from db.connection import DatabaseTooNew

# One file per step in db/schema, numbered; the file name's number is its place in the order.
MIGRATIONS: tuple[str, ...] = tuple(
    path.read_text(encoding="utf-8") for path in sorted((Path(__file__).parent / "schema").glob("*.sql"))
)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite_utils.Database, target: int | None = None) -> int:
    """Bring the schema up to ``target`` (default: the newest), each step in its own transaction;
    returns the version reached."""
    newest = len(MIGRATIONS)
    current = schema_version(db)
    if current > newest:
        raise DatabaseTooNew(found=current, supported=newest)
    for number in range(current + 1, (newest if target is None else target) + 1):
        script = MIGRATIONS[number - 1]
        try:
            db.conn.executescript(f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
    return schema_version(db)
