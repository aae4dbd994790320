"""What a test needs to say the same thing on either storage backend."""

from __future__ import annotations

import sqlite_utils

import db as storage
from db.postgres import PostgresDatabase


def another_connection(database):
    """A connection of its own to the same database, as another tab, server or process has."""
    if isinstance(database, sqlite_utils.Database):
        return storage.open_db(database.execute("PRAGMA database_list").fetchone()[2])
    return PostgresDatabase(database.url, database.firm_id)
