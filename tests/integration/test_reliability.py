"""Nothing is lost: concurrent writers, a kill halfway an import, backup and restore."""

import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import db as storage
from db.people import person_by_username
from devtalk.cli import cli
from devtalk.services import dossier
from tests.builders import make_firm

ROOT = Path(__file__).resolve().parents[2]
WRITERS, NOTES_EACH = 8, 1000


def write_notes(path: str, writer: int, errors) -> None:
    database = storage.open_db(path)
    hr = person_by_username(database, "hr")
    employee = person_by_username(database, "employee")
    for number in range(NOTES_EACH):
        try:
            dossier.add_note(database, hr, employee.id, f"schrijver {writer} notitie {number}")
        except Exception as error:  # any error that would reach a user counts
            errors.put(repr(error))


@pytest.mark.slow
def test_eight_processes_writing_at_once_lose_nothing_and_never_see_locked(tmp_path):
    path = str(tmp_path / "busy.db")
    database = storage.open_db(path)
    storage.migrate(database)
    make_firm(database)
    errors = multiprocessing.Queue()
    processes = [multiprocessing.Process(target=write_notes, args=(path, n, errors)) for n in range(WRITERS)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=300)
    reported = []
    while not errors.empty():
        reported.append(errors.get())
    assert reported == []
    assert database.execute("SELECT count(*) FROM dossier_notes").fetchone()[0] == WRITERS * NOTES_EACH
    assert database.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def big_people_csv(path: Path, rows: int) -> None:
    lines = ["naam;gebruikersnaam;functie;leidinggevende"]
    lines += [f"Medewerker {n};m{n};plaatwerker;" for n in range(rows)]
    path.write_text("\n".join(lines), encoding="utf-8")


# `devtalk import-people` as the command line runs it, except that once it has written its
# DEVTALK_WAIT_AFTER-th person (inside the import's transaction) it says what its own connection
# sees and waits to be killed.
KILLED_MID_IMPORT = """
import os, sys, time
from db import people
from devtalk.cli import cli

written, add_person = [], people.add_person

def add_person_then_wait(db, *args, **fields):
    added = add_person(db, *args, **fields)
    written.append(added.id)
    if len(written) == int(os.environ["DEVTALK_WAIT_AFTER"]):
        seen = db.execute("SELECT count(*) FROM people").fetchone()[0]
        print("written", seen, db.conn.in_transaction, flush=True)
        time.sleep(600)
    return added

people.add_person = add_person_then_wait
cli.main(sys.argv[1:])
"""


@pytest.mark.slow
@pytest.mark.parametrize("wait_after", [1, 4000, 8000], ids=["first-person", "halfway", "last-person"])
def test_an_import_killed_halfway_leaves_nothing_of_it(tmp_path, wait_after):
    path = tmp_path / "killed.db"
    database = storage.open_db(path)
    storage.migrate(database)
    make_firm(database)
    before = database.execute("SELECT count(*) FROM people").fetchone()[0]
    csv = tmp_path / "people.csv"
    big_people_csv(csv, 8000)
    child = subprocess.Popen([sys.executable, "-c", KILLED_MID_IMPORT, "import-people", str(csv), "--db", str(path)],
                             cwd=ROOT, env={**os.environ, "DEVTALK_WAIT_AFTER": str(wait_after)},
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    said = child.stdout.readline()  # the child has written inside its open transaction, and waits
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    assert said.split() == ["written", str(before + wait_after), "True"]
    assert child.returncode == -signal.SIGKILL
    after = storage.open_db(path)
    assert after.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert after.execute("SELECT count(*) FROM people").fetchone()[0] == before
    assert after.execute("SELECT count(*) FROM people WHERE username GLOB 'm[0-9]*'").fetchone()[0] == 0


def test_backup_then_restore_into_a_fresh_file_keeps_every_row(tmp_path):
    from devtalk.services.demo import load_demo

    source = tmp_path / "live.db"
    database = storage.open_db(source)
    storage.migrate(database)
    load_demo(database)
    runner = CliRunner()
    assert runner.invoke(cli, ["backup", str(tmp_path / "copy.db"), "--db", str(source)]).exit_code == 0
    assert runner.invoke(cli, ["restore", str(tmp_path / "copy.db"), "--db", str(tmp_path / "restored.db")]).exit_code == 0
    restored = storage.open_db(tmp_path / "restored.db")
    for table in database.table_names():
        original = database.execute(f"SELECT * FROM [{table}] ORDER BY 1, 2").fetchall()
        assert restored.execute(f"SELECT * FROM [{table}] ORDER BY 1, 2").fetchall() == original, table


def test_restore_refuses_to_overwrite_a_database_with_data(tmp_path):
    target = tmp_path / "busy.db"
    database = storage.open_db(target)
    storage.migrate(database)
    make_firm(database)
    storage.open_db(tmp_path / "other.db")
    result = CliRunner().invoke(cli, ["restore", str(target), "--db", str(target)])
    assert result.exit_code == 1 and "bevat al gegevens" in result.output



def test_opening_another_connection_leaves_the_first_ones_locks_alone(tmp_path):
    """The server opens a connection per browser session in one process. Making the file private
    must not open and close it: closing any descriptor of the file drops the process's locks, so
    a connection another process closes thinks it is the last, removes the WAL under the server's
    connections, and they fail with "disk I/O error"."""
    path = tmp_path / "devtalk.db"
    first = storage.open_db(path)
    storage.migrate(first)
    make_firm(first)
    storage.open_db(path)  # a second browser session of the same server process
    subprocess.run([sys.executable, "-c", f"import db; db.open_db({str(path)!r}).conn.close()"],
                   cwd=Path(__file__).resolve().parents[2], check=True)
    assert (tmp_path / "devtalk.db-wal").exists()
    assert first.execute("SELECT count(*) FROM people").fetchone()[0] > 0
    first["settings"].insert({"key": "still", "value": "writing"})
