import threading

import db as storage
from db.backup import backup_to
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
