"""Shared resources for every test layer: a fresh database. Builders live in the test files."""

from __future__ import annotations

import pytest

import db as storage


@pytest.fixture
def fresh_db(tmp_path):
    """An empty, migrated database file of its own."""
    database = storage.open_db(tmp_path / "devtalk.db")
    storage.migrate(database)
    yield database
    database.conn.close()
