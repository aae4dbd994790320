"""Storage for devtalk: one SQLite file, or one firm's schema on PostgreSQL (db/postgres.py,
db/tenants.py), opened and migrated here, read and written by the repository modules beside this
one. Nothing outside this package writes SQL."""

from db.connection import DatabaseTooNew, analyse, open_db, transaction
from db.migrations import SCHEMA_VERSION, migrate, schema_version
from db.tenants import open_database

__all__ = ["DatabaseTooNew", "SCHEMA_VERSION", "analyse", "migrate", "open_database", "open_db", "schema_version",
           "transaction"]
