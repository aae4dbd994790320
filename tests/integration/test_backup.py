import os
import sqlite3
import stat
import threading

import pytest

import db as storage
from db.backup import backup_to, restore_from
from db.people import add_person


def test_backup_while_another_connection_writes_is_consistent(tmp_path):
    source_path = tmp_path / "live.db"
    live = storage.open_db(source_path)
    storage.migrate(live)
    writer = storage.open_db(source_path)
    stop = threading.Event()

    def keep_writing():
        number = 0
        while not stop.is_set():
            number += 1
            with storage.transaction(writer):
                add_person(writer, name=f"Person {number}", username=f"p{number}")

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        for _ in range(5):
            backup_to(live, tmp_path / "copy.db")
    finally:
        stop.set()
        thread.join()

    copy = storage.open_db(tmp_path / "copy.db")
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copied = copy.execute("SELECT count(*) FROM people").fetchone()[0]
    written = live.execute("SELECT count(*) FROM people").fetchone()[0]
    assert 0 < copied <= written
    assert storage.schema_version(copy) == storage.SCHEMA_VERSION


@pytest.fixture
def loose_umask():
    """The common default, under which new files come out world-readable (0644)."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_database_its_wal_and_its_folder_are_readable_by_their_owner_only(tmp_path, loose_umask):
    path = tmp_path / "data" / "devtalk.db"
    database = storage.open_db(path)
    storage.migrate(database)
    with storage.transaction(database):
        add_person(database, name="Piet", username="piet")
    companions = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    assert all(companion.exists() for companion in companions)
    assert [mode(file) for file in (path, *companions)] == [0o600, 0o600, 0o600]
    assert mode(path.parent) == 0o700


def test_backups_and_restored_databases_are_readable_by_their_owner_only(tmp_path, loose_umask):
    live = storage.open_db(tmp_path / "live.db")
    storage.migrate(live)
    backup_to(live, tmp_path / "backups" / "copy.db")
    restore_from(tmp_path / "backups" / "copy.db", tmp_path / "restored" / "devtalk.db")
    assert mode(tmp_path / "backups" / "copy.db") == mode(tmp_path / "restored" / "devtalk.db") == 0o600
    assert mode(tmp_path / "backups") == mode(tmp_path / "restored") == 0o700


def test_a_world_readable_database_of_an_older_devtalk_is_made_private_when_opened(tmp_path):
    path = tmp_path / "old.db"
    sqlite3.connect(path).close()
    os.chmod(path, 0o644)
    storage.open_db(path)
    assert mode(path) == 0o600
