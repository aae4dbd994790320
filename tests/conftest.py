"""Shared resources for every test layer: a fresh database, the small firm, the demo firm, on both
storage backends (the ``backend`` parameter: SQLite files and PostgreSQL firms). Builders live in
tests/builders.py."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlite_utils
from argon2 import PasswordHasher
from psycopg.conninfo import make_conninfo

import db as storage
from db import tenants
from db.private_files import write_private
from devtalk.domain import passwords
from devtalk.services.demo import load_demo
from ops import postgres
from tests.builders import make_firm
from tests.pg_firms import FirmPool

BACKENDS = ("sqlite", "postgresql")
APP_PASSWORD = "devtalk-test"  # the throwaway server signs in by trust; the app's role still has one


def pytest_collection_modifyitems(config, items):
    """A test marked sqlite_only (about SQLite's files themselves) runs on the SQLite backend alone;
    the mark says why."""
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None and not marker.args:
            raise pytest.UsageError(f"{item.nodeid}: sqlite_only needs its reason")
    postgres_only_copies = [item for item in items if item.get_closest_marker("sqlite_only")
                            and getattr(item, "callspec", None) and item.callspec.params.get("backend") == "postgresql"]
    if postgres_only_copies:
        config.hook.pytest_deselected(items=postgres_only_copies)
        items[:] = [item for item in items if item not in postgres_only_copies]


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


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request) -> str:
    """Where the test's database lives: each test that takes one runs once on each backend."""
    return request.param


@pytest.fixture(scope="session")
def pg_server():
    """This worker's throwaway PostgreSQL server (ops/postgres.py); its superuser_url reaches it as
    superuser. A missing PostgreSQL is an error here, never a skip."""
    server = postgres.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_url(pg_server) -> str:
    """The app's URL on this worker's server: roles, database and firm registry made (db.tenants)."""
    url = tenants.bootstrap(pg_server.superuser_url, APP_PASSWORD)
    tenants.prepare(url)
    return url


@pytest.fixture(scope="module")
def made_firms(pg_url):
    """The firms a module makes with tenants.create_firm, dropped after it (other tests of the worker
    list firms too)."""
    firms = []
    yield firms
    for firm in firms:
        tenants.drop_firm(pg_url, firm)


@pytest.fixture(scope="session")
def pg_firms(pg_url, pg_server):
    """This worker's test firms on PostgreSQL, each handed out reset to a template (tests/pg_firms.py)."""
    return FirmPool(pg_url, make_conninfo(pg_url, user=postgres.SUPERUSER, password=""))


def _demo(database) -> None:
    assert load_demo(database) is True


@contextmanager
def _database(request, backend: str, template: str, path: Path):
    """A database of the test's own holding the template's rows: ``migrated`` (empty) or ``demo``."""
    if backend == "sqlite":
        database = copy_of(request.getfixturevalue(f"{template}_file"), path)
        yield database
        database.conn.close()
        return
    firms = request.getfixturevalue("pg_firms")
    with firms.firm(firms.template(template, _demo if template == "demo" else None)) as firm:
        database = tenants.firm_database(firms.url, firm)
        yield database
        database.close()


@pytest.fixture
def fresh_db(request, backend, db_file):
    """An empty, migrated database of its own."""
    with _database(request, backend, "migrated", db_file) as database:
        yield database


@pytest.fixture
def firm(fresh_db):
    """The small firm of tests/builders.make_firm in the fresh database."""
    return make_firm(fresh_db)


@pytest.fixture
def own_demo_db(request, backend, db_file):
    """The demo firm in this test's own database, for a test that changes what others read."""
    with _database(request, backend, "demo", db_file) as database:
        yield database


@pytest.fixture(scope="module")
def demo_db(request, backend, tmp_path_factory):
    """The demo firm in a database of its own, shared by one module's tests: they read it, or add
    only what no other test of the module looks at."""
    with _database(request, backend, "demo", tmp_path_factory.mktemp("demo") / "demo.db") as database:
        yield database


@pytest.fixture
def app_opens(request, monkeypatch):
    """``app_opens(database)``: the app (and the CLI) started in this test open that database: a
    SQLite file by DEVTALK_DB, a PostgreSQL firm by DEVTALK_DATABASE_URL and DEVTALK_FIRM."""
    def point_at(database) -> None:
        if not isinstance(database, sqlite_utils.Database):
            firms = request.getfixturevalue("pg_firms")
            monkeypatch.setenv("DEVTALK_DATABASE_URL", firms.url)
            monkeypatch.setenv("DEVTALK_FIRM", firms.slug(database.firm_id))
        else:
            monkeypatch.delenv("DEVTALK_DATABASE_URL", raising=False)
            monkeypatch.delenv("DEVTALK_FIRM", raising=False)
            monkeypatch.setenv("DEVTALK_DB", database.execute("PRAGMA database_list").fetchone()[2])
    return point_at
