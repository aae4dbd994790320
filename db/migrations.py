"""Numbered schema migrations, applied in order; ``PRAGMA user_version`` records the last one
(on PostgreSQL: the firm's ``public.firms.schema_version``, db/schema/postgresql holding the same steps).

Add a new numbered file to db/schema to change the schema; never edit one that has shipped,
because databases out there were built from it.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from db.connection import DatabaseTooNew
from db.postgres import PostgresDatabase


def _steps(folder: Path) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.sql")))


# One file per step in db/schema, numbered; the file name's number is its place in the order.
MIGRATIONS: tuple[str, ...] = _steps(Path(__file__).parent / "schema")
SCHEMA_VERSION = len(MIGRATIONS)
# The same steps for a firm's schema on PostgreSQL, and the registry's own (db/tenants.py).
POSTGRES_MIGRATIONS: tuple[str, ...] = _steps(Path(__file__).parent / "schema" / "postgresql")
REGISTRY_MIGRATIONS: tuple[str, ...] = _steps(Path(__file__).parent / "schema" / "postgresql" / "public")


def schema_version(db: sqlite_utils.Database | PostgresDatabase) -> int:
    if isinstance(db, PostgresDatabase):
        return db.owner_database().execute("SELECT schema_version FROM public.firms WHERE id = ?",
                                           [db.firm_id]).fetchone()[0]
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite_utils.Database | PostgresDatabase, target: int | None = None) -> int:
    """Bring the schema up to ``target`` (default: the newest), each step in its own transaction;
    returns the version reached."""
    if isinstance(db, PostgresDatabase):
        return _migrate_firm(db.owner_database(), target)
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


def _migrate_firm(owner: PostgresDatabase, target: int | None) -> int:
    """A firm's missing steps, run as the tables' owner; the firm's registry row is locked while a
    step runs, so two servers starting at once never run one step twice."""
    newest = len(POSTGRES_MIGRATIONS)
    current = schema_version(owner)
    if current > newest:
        raise DatabaseTooNew(found=current, supported=newest)
    for number in range(current + 1, (newest if target is None else target) + 1):
        with owner.transaction():
            if owner.execute("SELECT schema_version FROM public.firms WHERE id = ? FOR UPDATE",
                             [owner.firm_id]).fetchone()[0] >= number:
                continue  # another server ran this step meanwhile
            owner.executescript(POSTGRES_MIGRATIONS[number - 1])
            owner.execute("UPDATE public.firms SET schema_version = ? WHERE id = ?", [number, owner.firm_id])
    return schema_version(owner)
