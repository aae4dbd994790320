"""Control characters never reach the database, and neither they nor bidirectional overrides reach
an export or a printed page: what a reader sees is what the text holds."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from db.people import get_person, update_person
from devtalk.services import people, people_files
from devtalk.services.printing import conversation_report_pdf
from tests.builders import flat, make_firm, reported_firm, text_of

HIDDEN_FORMULA = "\x00=HYPERLINK(\"http://evil\")"
OVERRIDDEN = "factuur\u202efdp.exe\u2066x\u2069"


def test_control_characters_are_dropped_before_text_is_stored(fresh_db):
    firm = make_firm(fresh_db)
    added = people.add_person(fresh_db, firm.hr, name="Piet\x07 \x1b[31mJansen\x00", username="pjansen")
    update_person(fresh_db, firm.employee.id, name="Daan\x00\x0b Smit\tjr.\nII")
    assert get_person(fresh_db, added.id).name == "Piet [31mJansen"
    assert get_person(fresh_db, firm.employee.id).name == "Daan Smit\tjr.\nII"


@pytest.mark.sqlite_only("text with control characters was stored only by older devtalks, all on SQLite")
def test_a_control_character_does_not_hide_a_formula_from_the_export(fresh_db):
    firm = make_firm(fresh_db)
    # Past the connection's clean-up (a cursor of its own), as an older devtalk stored text.
    fresh_db.conn.cursor().execute("UPDATE people SET name = ? WHERE id = ?", [HIDDEN_FORMULA, firm.employee.id])
    assert get_person(fresh_db, firm.employee.id).name == HIDDEN_FORMULA
    rows = list(csv.reader(io.StringIO(people_files.export_people(fresh_db, firm.hr, "csv").decode("utf-8-sig")),
                           delimiter=";"))
    sheet = openpyxl.load_workbook(io.BytesIO(people_files.export_people(fresh_db, firm.hr, "xlsx"))).active
    assert "'=HYPERLINK(\"http://evil\")" in [row[0] for row in rows]
    assert "'=HYPERLINK(\"http://evil\")" in [row[0].value for row in sheet.iter_rows()]


def test_bidirectional_overrides_are_left_out_of_exports_and_printed_reports(fresh_db):
    firm = reported_firm(fresh_db, summary=f"Zie {OVERRIDDEN} hier.")
    update_person(fresh_db, firm.employee.id, name=f"Daan {OVERRIDDEN}")
    exported = people_files.export_people(fresh_db, firm.hr, "csv").decode("utf-8-sig")
    printed = flat(text_of(conversation_report_pdf(fresh_db, firm.hr, firm.conversation_id)))
    assert "Daan factuurfdp.exex" in exported and "Zie factuurfdp.exex hier." in printed
    assert not any(character in exported + printed for character in "\u202e\u2066\u2069")
