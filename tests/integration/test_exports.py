"""Exports opened back as Excel and CSV would: formula cells neutralised, ';' and a BOM, audit logged."""

import csv
import io
from datetime import date, timedelta

import openpyxl
import pytest

from db import actions as action_repo
from db.people import update_person
from devtalk.errors import NotAllowed
from devtalk.services import conversations, exports

HOSTILE_NAME = '=HYPERLINK("x")'


@pytest.fixture(autouse=True)
def hostile_answers_and_an_overdue_action(fresh_db, firm):
    """A hostile employee name, answers on both sides and one overdue action in the small firm."""
    update_person(fresh_db, firm.employee.id, name=HOSTILE_NAME)
    for actor, values in ((firm.employee, {"tekening-lezen": 4, "veilig-werken": None}), (firm.manager, {"tekening-lezen": 3})):
        for item_id, value in values.items():
            conversations.save_answer(fresh_db, actor, firm.conversation_id, item_id, value=value, not_applicable=value is None)
    conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, "energie", text="+31 6 12345678 bellen")
    action_repo.add_action(fresh_db, firm.conversation_id, firm.employee.id, what="@cursus TIG", kind="course",
                           owner_id=firm.manager.id, due_date=date.today() - timedelta(days=1))


def xlsx_rows(data: bytes) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return [tuple("" if value is None else value for value in row) for row in sheet.iter_rows(values_only=True)]


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_the_answers_export_is_long_format_with_item_texts_per_side(fresh_db, firm):
    rows = xlsx_rows(exports.export(fresh_db, firm.hr, "answers", "xlsx").data)
    assert rows[0] == ("Ronde", "Medewerker", "Leidinggevende", "Kant", "Vraag-id", "Vraag", "Waarde", "N.v.t.", "Tekst")
    body = {(row[3], row[4]): row for row in rows[1:]}
    assert body[("Medewerker", "tekening-lezen")][5:8] == ("Ik kan een werktekening lezen", 4, "")
    assert body[("Leidinggevende", "tekening-lezen")][5:7] == ("De medewerker kan een werktekening lezen", 3)
    assert body[("Medewerker", "veilig-werken")][6:8] == ("", "ja")
    assert body[("Medewerker", "energie")][8] == "'+31 6 12345678 bellen"


def test_a_hostile_name_arrives_neutralised_in_xlsx_and_csv(fresh_db, firm):
    for what in ("people", "rounds", "answers", "actions"):
        sheet = xlsx_rows(exports.export(fresh_db, firm.hr, what, "xlsx").data)
        table = csv_rows(exports.export(fresh_db, firm.hr, what, "csv").data)
        for rows in (sheet, table):
            cells = [cell for row in rows for cell in row]
            assert "'" + HOSTILE_NAME in cells, what
            assert HOSTILE_NAME not in cells, what
            assert not any(isinstance(cell, str) and cell.startswith(("=", "+", "-", "@")) for cell in cells), what


def test_the_xlsx_holds_no_formula_cells(fresh_db, firm):
    book = openpyxl.load_workbook(io.BytesIO(exports.export(fresh_db, firm.hr, "people", "xlsx").data))
    assert all(cell.data_type != "f" for row in book.worksheets[0].iter_rows() for cell in row)


def test_the_csv_uses_semicolons_and_a_bom(fresh_db, firm):
    made = exports.export(fresh_db, firm.hr, "rounds", "csv", "en")
    assert made.data.startswith(b"\xef\xbb\xbf") and made.mime == "text/csv"
    header = made.data.decode("utf-8-sig").splitlines()[0]
    assert header.split(";")[:3] == ["Round", "Fill in by", "Meeting by"]
    rows = csv_rows(made.data)
    assert {row[4] for row in rows[1:]} == {"'" + HOSTILE_NAME, "Otto Buiten"}
    assert {row[6] for row in rows[1:]} == {"Open"}


def test_the_actions_export_marks_the_overdue_ones(fresh_db, firm):
    rows = csv_rows(exports.export(fresh_db, firm.hr, "actions", "csv").data)
    assert rows[1][3] == "'@cursus TIG" and rows[1][-1] == "ja" and rows[1][1] == firm.manager.name


def test_each_export_is_audit_logged_without_its_content(fresh_db, firm):
    made = exports.export(fresh_db, firm.hr, "answers", "csv")
    assert made.file_name.startswith("devtalk-answers-") and made.file_name.endswith(".csv")
    event = exports.audit_log(fresh_db, firm.hr)[0]
    assert (event.event.action, event.actor.id, event.event.record_id) == ("export.answers", firm.hr.id, "answers")
    assert (event.detail("nl"), event.detail("en")) == ("CSV, 4 rijen", "CSV, 4 rows")
    assert (event.record("nl"), event.record("en")) == ("export van antwoorden", "export of answers")
    assert "bellen" not in event.event.detail and "HYPERLINK" not in event.event.detail


@pytest.mark.parametrize("who", ["employee", "manager"])
def test_only_hr_exports_or_reads_the_audit_log(fresh_db, firm, who):
    actor = getattr(firm, who)
    with pytest.raises(NotAllowed):
        exports.export(fresh_db, actor, "answers", "xlsx")
    with pytest.raises(NotAllowed):
        exports.audit_log(fresh_db, actor)
    assert not any(line.event.action.startswith("export.") for line in exports.audit_log(fresh_db, firm.hr))
