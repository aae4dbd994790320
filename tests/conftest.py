"""Shared resources for every test layer: a fresh database, the small firm, the demo firm. Builders
live in tests/builders.py."""

from __future__ import annotations

import pytest

import db as storage
from devtalk.services.demo import load_demo
from tests.builders import make_firm


@pytest.fixture
def fresh_db(tmp_path):
    """An empty, migrated database file of its own."""
    database = storage.open_db(tmp_path / "devtalk.db")
    storage.migrate(database)
    yield database
    database.conn.close()


@pytest.fixture
def firm(fresh_db):
    """The small firm of tests/builders.make_firm in the fresh database."""
    return make_firm(fresh_db)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """The demo firm in a database of its own, shared by one module's tests: they read it, or add
    only what no other test of the module looks at."""
    database = storage.open_db(tmp_path_factory.mktemp("demo") / "demo.db")
    storage.migrate(database)
    assert load_demo(database) is True
    yield database
    database.conn.close()
