"""Shared resources for every test layer: a fresh database, the small firm, the demo firm. Builders
live in tests/builders.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher

import db as storage
from db.private_files import write_private
from devtalk.domain import passwords
from devtalk.services.demo import load_demo
from tests.builders import make_firm


@pytest.fixture(scope="session", autouse=True)
def production_hasher():
    """Tests hash with Argon2id's cheapest parameters: RFC 9106's cost 64 MiB and about 50 ms a hash
    (far more on a busy machine), in every sign-in of every test. Each hash stores its parameters, so a hash made here verifies just as
    cheaply anywhere, a browser test's server included. Yields the product's own hasher, which one
    test checks."""
    product = passwords._hasher
    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    yield product
    passwords._hasher = product


@pytest.fixture(scope="session")
def migrated_file(tmp_path_factory) -> bytes:
    """An empty database with every migration, as bytes to copy."""
    return _built(tmp_path_factory.mktemp("migrated") / "devtalk.db")


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory) -> bytes:
    """The demo firm, built once per session, as bytes to copy."""
    return _built(tmp_path_factory.mktemp("demo-file") / "demo.db", demo=True)


def _built(path: Path, demo: bool = False) -> bytes:
    """The bytes of a migrated database file (with the demo firm): a test's copy of them costs a
    file write instead of the migrations and the demo again."""
    database = storage.open_db(path)
    storage.migrate(database)
    if demo:
        assert load_demo(database) is True
    # Closing the last connection checkpoints the WAL into the file, so the file alone is the database.
    database.conn.close()
    return path.read_bytes()


def copy_of(data: bytes, path: Path):
    """A database opened on a private copy of ``data``."""
    write_private(path, data)
    return storage.open_db(path)


@pytest.fixture
def db_file(tmp_path) -> Path:
    """Where this test's own database file lives (fresh_db or own_demo_db)."""
    return tmp_path / "devtalk.db"


@pytest.fixture
def fresh_db(db_file, migrated_file):
    """An empty, migrated database file of its own."""
    database = copy_of(migrated_file, db_file)
    yield database
    database.conn.close()


@pytest.fixture
def firm(fresh_db):
    """The small firm of tests/builders.make_firm in the fresh database."""
    return make_firm(fresh_db)


@pytest.fixture
def own_demo_db(db_file, demo_file):
    """The demo firm in this test's own database file, for a test that changes what others read."""
    database = copy_of(demo_file, db_file)
    yield database
    database.conn.close()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, demo_file):
    """The demo firm in a database of its own, shared by one module's tests: they read it, or add
    only what no other test of the module looks at."""
    database = copy_of(demo_file, tmp_path_factory.mktemp("demo") / "demo.db")
    yield database
    database.conn.close()
