"""Storage for devtalk: one SQLite file, opened and migrated here, read and written by the
repository modules beside this one. Nothing outside this package writes SQL."""

from db.connection import DatabaseTooNew, analyse, open_db, transaction
from db.migrations import SCHEMA_VERSION, migrate, schema_version

__all__ = ["DatabaseTooNew", "SCHEMA_VERSION", "analyse", "migrate", "open_db", "schema_version", "transaction"]
