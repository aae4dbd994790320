import sqlite3
from pathlib import Path

import psycopg
import pytest

import db as storage
from db import check_ins, learning, migrations, questionnaire_drafts
from db import third_voice as third_voices
from db.people import add_person, get_person
from devtalk.domain.models import Answer
from devtalk.questionnaire import content_hash
from devtalk.services import conversations, reports
from devtalk.services.check_ins import BUNDLED_LIST as BUNDLED_CHECK_IN_LIST
from tests.builders import make_firm, submit_both, who_signs_in, write_report


def test_an_empty_file_is_migrated_to_the_current_schema(tmp_path):
    database = storage.open_db(tmp_path / "new.db")
    assert storage.migrate(database) == storage.SCHEMA_VERSION
    assert {"people", "conversations", "answers", "reports", "actions", "audit_events"} <= set(database.table_names())
    assert database.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_migrating_twice_changes_nothing(tmp_path):
    database = storage.open_db(tmp_path / "twice.db")
    storage.migrate(database)
    add_person(database, name="Daan", username="daan")
    assert storage.migrate(database) == storage.SCHEMA_VERSION
    assert get_person(database, 1).name == "Daan"


def every_row(database) -> dict[str, dict[tuple, dict]]:
    """Every row of every table by its primary key (its rowid if it has none), as column -> value."""
    found = {}
    for table in database.table_names():
        keys = database[table].pks
        cursor = database.execute(f"SELECT {', '.join(keys)}, * FROM [{table}]")
        columns = [column[0] for column in cursor.description][len(keys):]
        found[table] = {row[:len(keys)]: dict(zip(columns, row[len(keys):])) for row in cursor}
    return found


def a_working_firm(database, version: int):
    """What a firm has written by the time its database is at ``version``: people with passwords,
    a round, both sides' answers, a final report with an action, sessions, and from version 2 on a
    card with a sign-in attempt.

    Today's services also read and write tables of later versions (a report's agreed levels, the
    certificates on its agenda), so the firm is written on the newest schema and then copied, table
    by table and column by column, into a file at ``version``: what that version can hold."""
    scratch = storage.open_db(database.conn.execute("PRAGMA database_list").fetchone()[2] + ".newest")
    storage.migrate(scratch)
    firm = written_firm(scratch, version)
    with database.conn:
        database.conn.execute("PRAGMA defer_foreign_keys = ON")
        for table in database.table_names():
            columns = ", ".join(column for column in database[table].columns_dict
                                if column in scratch[table].columns_dict)
            database.conn.executemany(
                f"INSERT INTO [{table}] ({columns}) VALUES ({', '.join('?' * len(columns.split(', ')))})",
                scratch.execute(f"SELECT {columns} FROM [{table}]").fetchall())
    return firm


def written_firm(database, version: int):
    firm = make_firm(database)
    submit_both(database, firm)
    write_report(database, firm, summary="Goed gesprek", comment="Eens")
    database.execute("INSERT INTO sessions (token_hash, person_id, created_at, last_seen_at)"
                     " VALUES ('h', ?, '2026-01-01', '2026-01-01')", [firm.employee.id])
    if version >= 2:
        database["invitations"].insert({"person_id": firm.employee.id, "code_hash": "c", "created_at": "2026-01-01",
                                        "expires_at": "2099-01-01"})
        database["sign_in_attempts"].insert({"client": "phone", "at": "2026-01-01"})
    if version >= 5:  # the course the report agreed, in the coordinator's queue, and the year's budget
        learning.add_request(database, employee_id=firm.employee.id, action_id=1, conversation_id=firm.conversation_id,
                             kind="course", what="Cursus tekening lezen bij het ROC", year=2026, estimated_cents=45_050)
        learning.set_budget(database, 2026, None, 1_000_000)
    if version >= 6:  # HR composing the next version of the questionnaire in the builder
        questionnaire_drafts.add_draft(database, firm.hr.id, "klein", firm.version_id, '{"id": "klein"}')
    if version >= 7:  # a colleague asked for input on the conversation, with one answer given
        voice = third_voices.add_voice(database, firm.conversation_id, firm.outsider.id, "colleague", firm.manager.id,
                                       firm.manager.id)
        third_voices.save_answer(database, voice.id, Answer("tekening-lezen", value=4))
    if version >= 8:  # a check-in on the bundled list with one answer, listing the report's open action
        text = BUNDLED_CHECK_IN_LIST.read_text(encoding="utf-8")
        check_in = check_ins.add_check_in(database, firm.employee.id, firm.employee.id,
                                          check_ins.add_list(database, text, content_hash(text), None), [1])
        check_ins.save_answer(database, check_in.id, "nodig", "Een cursus TIG", firm.employee.id)
    return firm


@pytest.mark.parametrize("start", range(1, storage.SCHEMA_VERSION + 1), ids=lambda v: f"from-v{v}")
def test_a_working_database_of_every_version_keeps_all_its_data_when_migrated_to_the_newest(tmp_path, start):
    """Version 0 is an empty file (the test above); every later version holds a working firm."""
    database = storage.open_db(tmp_path / f"v{start}.db")
    storage.migrate(database, target=start)
    assert storage.schema_version(database) == start
    firm = a_working_firm(database, start)
    before = every_row(database)
    assert storage.migrate(database) == storage.SCHEMA_VERSION
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    assert database.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    after = every_row(database)
    # Every row is still there with every value it had; columns a later version added come on top.
    assert {table: {key: {column: row[column] for column in before[table][key]}
                    for key, row in after[table].items()} for table in before} == before
    # And the firm reads back as its people see it.
    form = conversations.open_form(database, firm.employee, firm.conversation_id)
    assert {item_id: answer.value for item_id, answer in form.answers.items() if answer.value} == {
        "tekening-lezen": 5, "veilig-werken": 5}
    assert form.answers["energie"].text == "tekst van employee"
    view = reports.report_view(database, firm.manager, firm.conversation_id)
    assert (view.report.summary, view.report.employee_comment, view.conversation.status) == ("Goed gesprek", "Eens", "acknowledged")
    assert [action.what for action in view.actions] == ["Cursus tekening lezen bij het ROC"]
    assert who_signs_in(database, "manager", "geheim123") == "manager"


def test_a_database_newer_than_the_code_is_refused_untouched(tmp_path):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {storage.SCHEMA_VERSION + 1}")
    conn.close()
    database = storage.open_db(path)
    with pytest.raises(storage.DatabaseTooNew) as raised:
        storage.migrate(database)
    assert "nieuwere versie" in raised.value.render("nl")
    assert database.table_names() == []


def test_a_failing_migration_leaves_the_previous_version_intact(tmp_path, monkeypatch):
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + ("CREATE TABLE people (x);",))
    database = storage.open_db(tmp_path / "broken.db")
    with pytest.raises(sqlite3.OperationalError):
        migrations.migrate(database)
    assert storage.schema_version(database) == storage.SCHEMA_VERSION
    assert database.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_connections_use_wal_and_foreign_keys(tmp_path):
    database = storage.open_db(tmp_path / "pragmas.db")
    assert database.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert database.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_stored_questionnaire_versions_cannot_be_changed(fresh_db):
    fresh_db["questionnaire_versions"].insert(
        {"questionnaire_id": "q", "version": 1, "content_hash": "abc", "yaml": "x", "created_at": "2026-01-01"}
    )
    # SQLite's trigger aborts with a constraint error, PostgreSQL's raises an exception of its own.
    with pytest.raises((sqlite3.IntegrityError, psycopg.errors.RaiseException)):
        fresh_db.execute("UPDATE questionnaire_versions SET yaml = 'y'")
    assert fresh_db.execute("SELECT yaml FROM questionnaire_versions").fetchall() == [("x",)]


def test_card_trust_step_ends_code_sessions_it_cannot_tie_to_a_card_and_keeps_the_rest(tmp_path):
    database = storage.open_db(tmp_path / "v2.db")
    storage.migrate(database, target=2)
    firm = make_firm(database)
    database["invitations"].insert({"person_id": firm.employee.id, "code_hash": "c", "created_at": "2026-01-01",
                                    "expires_at": "2099-01-01"})
    database["sessions"].insert_all([
        {"token_hash": "full", "person_id": firm.employee.id, "created_at": "2026-01-01", "last_seen_at": "2026-01-01",
         "scope": "full"},
        {"token_hash": "card", "person_id": firm.employee.id, "created_at": "2026-01-01", "last_seen_at": "2026-01-01",
         "scope": "code"},
    ])
    database["sign_in_attempts"].insert({"client": "phone", "at": "2026-01-01"})
    storage.migrate(database, target=3)
    assert [row[0] for row in database.execute("SELECT token_hash FROM sessions")] == ["full"]
    assert database.execute("SELECT invitation_id FROM sessions").fetchone()[0] is None
    assert database.execute("SELECT failed_pins FROM invitations").fetchone()[0] == 0
    assert database.execute("SELECT count(*) FROM accounts WHERE pin_hash IS NULL").fetchone()[0] == 5
    assert database.execute("SELECT count(*) FROM sign_in_attempts").fetchone()[0] == 1


def test_schema_steps_are_numbered_one_after_another_without_a_gap():
    numbers = [int(path.name.split("_", 1)[0]) for path in sorted(Path(migrations.__file__).parent.joinpath("schema").glob("*.sql"))]
    assert numbers == list(range(1, storage.SCHEMA_VERSION + 1))
