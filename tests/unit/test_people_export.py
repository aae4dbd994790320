"""Writing people and the template: the import's columns, and cells Excel will not run as formulas."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from devtalk.domain.models import JobFunction, Person
from devtalk.domain.plain_text import readable
from devtalk.spreadsheets.cells import restore_cell, safe_cell
from devtalk.spreadsheets.people_export import people_csv, people_xlsx, template_xlsx

FORMULAS = ["=HYPERLINK(\"http://evil\")", "+31 6 1234", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def make_people() -> list[Person]:
    return [
        Person(1, "Marco Baas", "mbaas", roles=("manager", "employee")),
        Person(2, "Jürgen Müller", "jmuller", email="j@firma.nl", function_id="lasser", manager_id=1, language="en"),
    ]


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def sheet_rows(data: bytes, index: int = 0) -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(data)).worksheets[index].iter_rows(values_only=True))


@pytest.mark.parametrize("value", FORMULAS, ids=["equals", "plus", "minus", "at", "tab", "carriage-return"])
def test_text_that_could_start_a_formula_gets_a_leading_quote(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Piet", "", "piet-jansen", "a=b", 42, None], ids=str)
def test_harmless_values_are_left_as_they_are(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("value", ["\x00=HYPERLINK(\"http://evil\")", "\x1b\x7f+31", "\u202e=1+1", "\u2066@SUM(A1)"],
                         ids=["nul", "escape-and-delete", "right-to-left-override", "isolate"])
def test_a_hidden_character_before_a_formula_is_dropped_and_the_formula_still_quoted(value):
    assert safe_cell(value) == "'" + readable(value)


@given(st.text(max_size=20))
def test_restoring_a_safe_cell_gives_back_the_readable_text(text):
    assert restore_cell(safe_cell(text)) == readable(text)


def test_csv_has_dutch_headers_semicolons_and_a_bom_so_dutch_excel_opens_it_with_accents():
    data = people_csv(make_people())
    assert data.startswith("\ufeff".encode())
    assert csv_rows(data) == [
        ["naam", "gebruikersnaam", "e-mail", "functie", "leidinggevende", "rollen", "taal"],
        ["Marco Baas", "mbaas", "", "", "", "employee,manager", "nl"],
        ["Jürgen Müller", "jmuller", "j@firma.nl", "lasser", "mbaas", "employee", "en"],
    ]


def test_english_exports_have_english_headers():
    assert sheet_rows(people_xlsx(make_people(), "en"))[0] == (
        "name", "username", "email", "function", "manager", "roles", "language")


@pytest.mark.parametrize("name", FORMULAS, ids=["equals", "plus", "minus", "at", "tab", "carriage-return"])
def test_formula_names_are_neutralised_in_csv_and_xlsx(name):
    person = [Person(1, name, "piet")]
    assert csv_rows(people_csv(person))[1][0] == "'" + name
    cell = openpyxl.load_workbook(io.BytesIO(people_xlsx(person))).active["A2"]
    # XML turns a stored carriage return into a line feed, so compare the quote and the text type only.
    assert (cell.value[0], cell.data_type) == ("'", "s")


def test_control_characters_do_not_break_the_xlsx_export():
    assert sheet_rows(people_xlsx([Person(1, "Piet\x01 Jansen", "piet")]))[1][0] == "Piet Jansen"


@pytest.mark.parametrize("lang, sheets, first_header", [("nl", ["Medewerkers", "Uitleg"], "naam"),
                                                        ("en", ["People", "Instructions"], "name")])
def test_template_has_a_header_row_and_instructions_in_the_language(lang, sheets, first_header):
    data = template_xlsx(lang, [JobFunction("lasser", "Lasser")])
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert (book.sheetnames, sheet_rows(data)[0][0], len(sheet_rows(data))) == (sheets, first_header, 1)


def test_template_instructions_list_the_valid_roles_languages_and_functions():
    values = {cell for row in sheet_rows(template_xlsx("nl", [JobFunction("lasser", "Lasser")]), 1) for cell in row}
    assert {"employee", "manager", "hr_admin", "medewerker", "nl", "en", "lasser", "Lasser"} <= values


def test_template_without_functions_says_to_leave_the_function_empty():
    texts = [row[0] for row in sheet_rows(template_xlsx("en"), 1)]
    assert texts[-1] == "No job functions have been set up yet; leave the function column empty for now."
