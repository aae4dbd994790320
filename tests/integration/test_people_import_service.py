"""Importing and exporting people through the services, against a real database: all or nothing."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import db as storage
from db import audit
from db.people import add_person, list_people, person_by_username, save_function
from devtalk.domain.access import OPERATOR
from devtalk.domain.models import JobFunction
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.presentation.audit_words import details
from devtalk.services import people, people_files
from devtalk.spreadsheets.people_import import ImportFailed

HEADER = ["naam", "gebruikersnaam", "e-mail", "functie", "leidinggevende", "rollen", "taal"]


def csv_bytes(rows, header=HEADER, delimiter=";", encoding="cp1252") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows([header, *rows])
    return out.getvalue().encode(encoding)


def firm_file(*more_rows) -> bytes:
    """A small firm as Dutch Excel saves it: a manager below her reports, accents in Windows-1252."""
    return csv_bytes([
        ["Jürgen Müller", "jmuller", "", "lasser", "sbaas", "", ""],
        ["Sébastien Faure", "sfaure", "s.faure@firma.nl", "Plaatwerker", "sbaas", "medewerker", "en"],
        ["Sandra Baas", "sbaas", "sandra@firma.nl", "lasser", "", "leidinggevende, medewerker", "nl"],
        *more_rows,
    ])


def make_hr(database):
    for function_id in ("lasser", "plaatwerker"):
        save_function(database, JobFunction(function_id, function_id.title()))
    return add_person(database, name="Ingrid HR", username="hr", roles=("employee", "hr_admin"))


def snapshot(database) -> tuple:
    """Everything an import could touch, to show that a failed one touched nothing."""
    return tuple(list_people(database)), len(audit.list_events(database))


def test_import_adds_everyone_with_their_managers_and_records_one_audit_event(fresh_db):
    hr = make_hr(fresh_db)
    plan = people_files.import_people(fresh_db, hr, firm_file(), "mensen.csv")
    jurgen, boss = person_by_username(fresh_db, "jmuller"), person_by_username(fresh_db, "sbaas")
    assert (len(plan.added), len(plan.changed), plan.unchanged) == (3, 0, 0)
    assert (jurgen.name, jurgen.manager_id, jurgen.function_id, boss.roles) == ("Jürgen Müller", boss.id, "lasser", ("employee", "manager"))
    [event] = audit.list_events(fresh_db)
    assert (event.actor_id, event.action, event.record_type, event.record_id, details(event)) == (
        hr.id, "people.import", "people", "*", {"added": 3, "changed": 0})


def test_nothing_is_written_when_any_row_is_wrong(fresh_db):
    hr = make_hr(fresh_db)
    before = snapshot(fresh_db)
    data = firm_file(["Kees", "kees", "", "lasser", "jdevries", "", ""])
    with pytest.raises(ImportFailed) as caught:
        people_files.import_people(fresh_db, hr, data, "mensen.csv")
    assert [(problem.row, problem.column) for problem in caught.value.problems] == [(5, "leidinggevende")]
    assert snapshot(fresh_db) == before


def test_the_import_refuses_a_deactivated_manager_as_change_manager_does(fresh_db):
    hr = make_hr(fresh_db)
    people_files.import_people(fresh_db, hr, firm_file(), "mensen.csv")
    boss, jurgen = person_by_username(fresh_db, "sbaas"), person_by_username(fresh_db, "jmuller")
    people.set_active(fresh_db, hr, boss.id, False)
    people.change_manager(fresh_db, hr, jurgen.id, None)
    before = snapshot(fresh_db)
    with pytest.raises(InvalidInput, match="manager_unknown"):
        people.change_manager(fresh_db, hr, jurgen.id, boss.id)
    with pytest.raises(ImportFailed) as caught:
        people_files.import_people(fresh_db, hr, csv_bytes([["Jürgen Müller", "jmuller", "", "lasser", "sbaas", "", ""]]),
                                     "mensen.csv")
    assert [problem.message.key for problem in caught.value.problems] == ["people.manager_inactive"]
    assert snapshot(fresh_db) == before


def test_a_failure_halfway_through_writing_leaves_nothing_behind(fresh_db, monkeypatch):
    hr = make_hr(fresh_db)
    before = snapshot(fresh_db)

    def disk_full(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(people_files.people, "update_person", disk_full)
    with pytest.raises(OSError):
        people_files.import_people(fresh_db, hr, firm_file(), "mensen.csv")
    assert snapshot(fresh_db) == before


def test_planning_an_import_writes_nothing(fresh_db):
    hr = make_hr(fresh_db)
    before = snapshot(fresh_db)
    assert len(people_files.plan_import(fresh_db, hr, firm_file(), "mensen.csv").added) == 3
    assert snapshot(fresh_db) == before


def test_importing_the_same_file_again_adds_and_changes_nothing(fresh_db):
    hr = make_hr(fresh_db)
    people_files.import_people(fresh_db, hr, firm_file(), "mensen.csv")
    again = people_files.import_people(fresh_db, hr, firm_file(), "mensen.csv")
    assert (len(again.added), len(again.changed), again.unchanged) == (0, 0, 3)


def test_reimport_updates_people_by_username_ignoring_case_and_leaves_the_rest_alone(fresh_db):
    hr = make_hr(fresh_db)
    people_files.import_people(fresh_db, hr, firm_file(), "mensen.csv")
    update = csv_bytes([["Jürgen Müller-Smit", "JMULLER", "jurgen@firma.nl", "plaatwerker", "", "", "en"]])
    plan = people_files.import_people(fresh_db, hr, update, "wijziging.csv")
    jurgen = person_by_username(fresh_db, "jmuller")
    assert [change.field for change in plan.changed[0].changes] == ["name", "email", "function", "manager", "language"]
    assert (jurgen.name, jurgen.email, jurgen.function_id, jurgen.manager_id, jurgen.language) == (
        "Jürgen Müller-Smit", "jurgen@firma.nl", "plaatwerker", None, "en")
    assert [person.username for person in list_people(fresh_db, active_only=True)] == ["hr", "jmuller", "sbaas", "sfaure"]


@pytest.mark.parametrize("fmt, filename", [("csv", "export.csv"), ("xlsx", "export.xlsx")], ids=["csv", "xlsx"])
def test_an_export_imports_back_without_changes(fresh_db, fmt, filename):
    hr = make_hr(fresh_db)
    people_files.import_people(fresh_db, hr, firm_file(["=1+1", "formule", "", "", "", "hr", ""]), "mensen.csv")
    plan = people_files.import_people(fresh_db, hr, people_files.export_people(fresh_db, hr, fmt), filename)
    assert (len(plan.added), len(plan.changed), plan.unchanged) == (0, 0, 5)


def test_formula_cells_are_neutralised_when_exports_are_opened_back(fresh_db):
    hr = make_hr(fresh_db)
    add_person(fresh_db, name="=HYPERLINK(\"http://evil\")", username="evil", email="@x")
    rows = list(csv.reader(io.StringIO(people_files.export_people(fresh_db, hr, "csv").decode("utf-8-sig")), delimiter=";"))
    sheet = openpyxl.load_workbook(io.BytesIO(people_files.export_people(fresh_db, hr, "xlsx"))).active
    assert (rows[1][0], rows[1][2]) == ("'=HYPERLINK(\"http://evil\")", "'@x")
    assert (sheet["A2"].value, sheet["A2"].data_type, sheet["C2"].value) == ("'=HYPERLINK(\"http://evil\")", "s", "'@x")


def test_the_template_lists_the_stored_job_functions(fresh_db):
    make_hr(fresh_db)
    sheet = openpyxl.load_workbook(io.BytesIO(people_files.people_template_xlsx("nl", fresh_db))).worksheets[1]
    assert ("lasser", "Lasser") in list(sheet.iter_rows(values_only=True))


@pytest.mark.parametrize("call", [
    lambda database, actor: people_files.plan_import(database, actor, firm_file(), "mensen.csv"),
    lambda database, actor: people_files.import_people(database, actor, firm_file(), "mensen.csv"),
    lambda database, actor: people_files.export_people(database, actor, "csv"),
], ids=["plan", "import", "export"])
def test_only_hr_may_import_or_export_people(fresh_db, call):
    make_hr(fresh_db)
    employee = add_person(fresh_db, name="Daan", username="daan")
    before = snapshot(fresh_db)
    with pytest.raises(NotAllowed):
        call(fresh_db, employee)
    assert snapshot(fresh_db) == before


def test_the_command_line_imports_without_an_acting_person(fresh_db):
    make_hr(fresh_db)
    people_files.import_people(fresh_db, OPERATOR, firm_file(), "mensen.csv")
    assert audit.list_events(fresh_db)[0].actor_id is None


def mostly(*valid: str) -> st.SearchStrategy[str]:
    """Mostly sensible values, sometimes any text: so random files sometimes import, and often not."""
    any_text = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), max_size=12)
    # None stands for "any text", drawn about as often as each valid value.
    return st.sampled_from([*valid * 3, None]).flatmap(lambda value: any_text if value is None else st.just(value))


random_rows = st.lists(st.tuples(
    mostly("Piet", "Kees Jansen", "=1+1"),
    mostly("piet", "kees", "sbaas", "HR"),
    mostly("", "piet@firma.nl"),
    mostly("lasser", "Plaatwerker", ""),
    mostly("", "", "hr", "piet"),
    mostly("", "hr", "manager, employee"),
    mostly("", "nl", "EN"),
), min_size=1, max_size=4, unique_by=lambda row: row[1].casefold())


@settings(max_examples=40, deadline=None)
@given(rows=random_rows, as_xlsx=st.booleans())
def test_random_rows_either_import_or_fail_without_writing_anything(rows, as_xlsx):
    database = storage.open_db(None)
    storage.migrate(database)
    hr = make_hr(database)
    before = snapshot(database)
    data, filename = _random_file(rows, as_xlsx)
    try:
        plan = people_files.import_people(database, hr, data, filename)
    except ImportFailed:
        assert snapshot(database) == before
    else:
        assert len(list_people(database)) == len(before[0]) + len(plan.added)
    finally:
        database.conn.close()


def _random_file(rows, as_xlsx: bool) -> tuple[bytes, str]:
    if not as_xlsx:
        return csv_bytes(rows, encoding="utf-8"), "mensen.csv"
    book = openpyxl.Workbook()
    for row in [HEADER, *rows]:
        book.active.append([openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), "mensen.xlsx"


def test_every_people_export_is_in_the_audit_log_with_who_and_how_many(fresh_db):
    hr = make_hr(fresh_db)
    people_files.export_people(fresh_db, hr, "xlsx")
    people_files.export_people(fresh_db, OPERATOR, "csv")  # the command line
    events = fresh_db.execute("SELECT actor_id, action, detail FROM audit_events WHERE action = 'people.export' ORDER BY id").fetchall()
    assert [(actor, action, json.loads(detail)) for actor, action, detail in events] == [
        (hr.id, "people.export", {"format": "xlsx", "rows": 1}), (None, "people.export", {"format": "csv", "rows": 1})]
