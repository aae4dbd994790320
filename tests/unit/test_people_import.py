"""Reading and checking a people file: headers, encodings, delimiters and every kind of problem."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devtalk.domain.models import JobFunction, Person
from devtalk.errors import InvalidInput
from devtalk.spreadsheets.people_import import FieldChange, ImportFailed, plan_people, read_file

HEADER = ["naam", "gebruikersnaam", "e-mail", "functie", "leidinggevende", "rollen", "taal"]
FUNCTIONS = [JobFunction("lasser", "Lasser"), JobFunction("plaatwerker", "Plaatwerker MIG")]


def person_row(name="Piet Jansen", username="pjansen", email="", function="lasser", manager="", roles="", language=""):
    return [name, username, email, function, manager, roles, language]


def csv_bytes(rows, header=HEADER, delimiter=";", encoding="utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows([header, *rows])
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows, header=HEADER) -> bytes:
    book = openpyxl.Workbook()
    for row in [header, *rows]:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def stored_person(person_id, username, manager_id=None, **fields) -> Person:
    return Person(id=person_id, name=username.title(), username=username, manager_id=manager_id, **fields)


def plan(data: bytes, filename="mensen.csv", stored=()):
    return plan_people(read_file(data, filename), stored, FUNCTIONS)


def failure(data: bytes, filename="mensen.csv", stored=()) -> ImportFailed:
    with pytest.raises(ImportFailed) as caught:
        plan(data, filename, stored)
    return caught.value


def located(error: ImportFailed) -> list[tuple]:
    return [(problem.row, problem.column, problem.message.key) for problem in error.problems]


# Stored: anna reports to bert; used by the cycle that runs through people already in the database.
ANNA_AND_BERT = (stored_person(1, "anna", manager_id=2), stored_person(2, "bert"))
HEADER_WITHOUT_FUNCTION = ["naam", "gebruikersnaam"]

ERRORS = [
    pytest.param(csv_bytes([["Piet", "piet"]], header=HEADER_WITHOUT_FUNCTION), (), (1, None, "people.column_missing"),
                 id="required-column-missing"),
    pytest.param(csv_bytes([person_row()], header=[*HEADER[:1], "Gebruikersnam", *HEADER[2:]]), (),
                 (1, "Gebruikersnam", "people.column_unknown_suggestion"), id="misspelt-column-gets-suggestion"),
    pytest.param(csv_bytes([[*person_row(), "44"]], header=[*HEADER, "schoenmaat"]), (),
                 (1, "schoenmaat", "people.column_unknown"), id="unknown-column"),
    pytest.param(csv_bytes([[*person_row(), "x"]], header=[*HEADER, "Name"]), (), (1, "Name", "people.column_twice"),
                 id="column-twice-in-two-languages"),
    pytest.param(csv_bytes([person_row(name="")]), (), (2, "naam", "people.name_empty"), id="empty-name"),
    pytest.param(csv_bytes([person_row(username="")]), (), (2, "gebruikersnaam", "people.username_empty"),
                 id="empty-username"),
    pytest.param(csv_bytes([person_row(username="piet jansen")]), (), (2, "gebruikersnaam", "people.username_invalid"),
                 id="username-with-space"),
    pytest.param(csv_bytes([person_row(username="piet@firma")]), (), (2, "gebruikersnaam", "people.username_invalid"),
                 id="username-with-invalid-character"),
    pytest.param(csv_bytes([person_row(), person_row(username="PJansen")]), (),
                 (3, "gebruikersnaam", "people.username_duplicate"), id="duplicate-username-ignoring-case"),
    pytest.param(csv_bytes([person_row(function="kraanmachinist")]), (), (2, "functie", "people.function_unknown"),
                 id="unknown-function"),
    pytest.param(csv_bytes([person_row(manager="jdevries")]), (), (2, "leidinggevende", "people.manager_unknown"),
                 id="unknown-manager"),
    pytest.param(csv_bytes([person_row(manager="bert")]), (stored_person(2, "bert", active=False),),
                 (2, "leidinggevende", "people.manager_inactive"), id="deactivated-manager"),
    pytest.param(csv_bytes([person_row(manager="PJANSEN")]), (), (2, "leidinggevende", "people.manager_self"),
                 id="own-manager"),
    pytest.param(csv_bytes([person_row(username="a", manager="b"), person_row(username="b", manager="a")]), (),
                 (2, "leidinggevende", "people.manager_cycle"), id="manager-cycle-in-file"),
    pytest.param(csv_bytes([person_row(username="bert", manager="anna")]), ANNA_AND_BERT,
                 (2, "leidinggevende", "people.manager_cycle"), id="manager-cycle-through-stored-people"),
    pytest.param(csv_bytes([person_row(roles="medewerker, baas")]), (), (2, "rollen", "people.role_unknown"),
                 id="unknown-role"),
    pytest.param(csv_bytes([person_row(language="de")]), (), (2, "taal", "people.language_unknown"),
                 id="unknown-language"),
    pytest.param(csv_bytes([person_row(email="piet.firma.nl")]), (), (2, "e-mail", "people.email_invalid"),
                 id="invalid-email"),
    pytest.param(csv_bytes([person_row(name="x" * 201)]), (), (2, "naam", "people.too_long"), id="name-too-long"),
    pytest.param(csv_bytes([person_row(email="p@" + "x" * 200 + ".nl")]), (), (2, "e-mail", "people.too_long"),
                 id="email-too-long"),
    pytest.param(csv_bytes([]), (), (None, None, "people.file_no_rows"), id="only-a-header"),
]

UNREADABLE = [
    pytest.param(b"", "mensen.csv", "people.file_empty", id="empty-file"),
    pytest.param(b";;;\r\n ; \r\n", "mensen.csv", "people.file_empty", id="only-empty-cells"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "mensen.csv", "people.file_not_text", id="binary-garbage"),
    pytest.param(b"naam;gebruikersnaam\r\n\x81\x8d", "mensen.csv", "people.file_not_text", id="neither-utf8-nor-cp1252"),
    pytest.param(b"naam;gebruikersnaam;functie\n\"" + b"x" * 200_000, "mensen.csv", "people.file_not_csv",
                 id="quote-never-closed"),
    pytest.param(b"this is no zip file", "mensen.xlsx", "people.file_not_xlsx", id="xlsx-that-is-no-zip"),
    pytest.param(b"PK\x03\x04 broken zip", "mensen.csv", "people.file_not_xlsx", id="broken-zip-named-csv"),
    pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "mensen.xls", "people.file_old_excel", id="old-excel-xls"),
    pytest.param(b"%PDF-1.4", "mensen.pdf", "people.file_unsupported", id="pdf"),
]


@pytest.mark.parametrize("data, stored, expected", ERRORS)
def test_each_problem_is_reported_alone_with_its_row_and_column(data, stored, expected):
    assert located(failure(data, stored=stored)) == [expected]


@pytest.mark.parametrize("data, filename, key", UNREADABLE)
def test_a_file_that_cannot_be_read_gets_one_clear_message(data, filename, key):
    assert located(failure(data, filename)) == [(None, None, key)]


def test_unknown_manager_is_reported_with_row_and_column_as_excel_shows_them():
    rows = [person_row(username=f"p{number}") for number in range(5)] + [person_row(username="p5", manager="jdevries")]
    [problem] = failure(csv_bytes(rows)).problems
    assert problem.render("nl") == "Rij 7, kolom 'leidinggevende': 'jdevries' is niet bekend (niet in het bestand en niet opgeslagen)."
    assert problem.render("en") == "Row 7, column 'leidinggevende': 'jdevries' is not known (not in the file and not stored)."


def test_every_problem_in_the_file_is_reported_at_once_in_row_order():
    rows = [person_row(username="a", language="fr"), person_row(name="", username="b b"), person_row(username="c")]
    error = failure(csv_bytes(rows))
    assert [(problem.row, problem.column) for problem in error.problems] == [(2, "taal"), (3, "naam"), (3, "gebruikersnaam")]


def test_import_failed_is_invalid_input_that_counts_the_problems():
    error = failure(csv_bytes([person_row(name="", username="")]))
    assert isinstance(error, InvalidInput)
    assert error.render("en").startswith("Nothing was saved: the file contains 2 error(s).")


def test_the_header_row_counts_even_with_empty_rows_above_it():
    data = b"\r\n;;\r\n" + csv_bytes([person_row(name="")])
    assert located(failure(data)) == [(4, "naam", "people.name_empty")]


def test_row_numbers_skip_nothing_when_the_sheet_has_an_empty_row_in_the_middle():
    data = xlsx_bytes([person_row(username="a"), [], person_row(username="b", language="fr")])
    assert located(failure(data, "mensen.xlsx")) == [(4, "taal", "people.language_unknown")]


@pytest.mark.parametrize("header", [
    HEADER,
    ["name", "username", "email", "function", "manager", "roles", "language"],
    [" NAAM ", "Gebruikers naam", "E-Mail", "FUNCTIE", "Leidinggevende", "Rollen", "Taal"],
    ["Name", "User_Name", "e mail", "Function", "MANAGER", "Roles", "Language"],
], ids=["dutch", "english", "dutch-any-case-and-spacing", "english-any-case-and-spacing"])
def test_headers_are_recognised_in_dutch_or_english_in_any_case_and_spacing(header):
    assert plan(csv_bytes([person_row(email="piet@firma.nl")], header=header)).added[0].email == "piet@firma.nl"


def test_optional_columns_may_be_left_out_and_get_their_defaults():
    [added] = plan(csv_bytes([["Piet", "piet", "lasser"]], header=["naam", "gebruikersnaam", "functie"])).added
    assert (added.email, added.manager, added.roles, added.language) == (None, None, ("employee",), "nl")


def test_columns_without_a_header_are_ignored():
    data = csv_bytes([[*person_row(), "", ""]], header=[*HEADER, "", ""])
    assert len(plan(data).added) == 1


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_accented_names_are_read_from_utf8_with_or_without_bom_and_from_windows_1252(encoding):
    rows = [person_row(name="Jürgen Müller", username="jm"), person_row(name="Sébastien € Coördinator", username="sb")]
    assert [person.name for person in plan(csv_bytes(rows, encoding=encoding)).added] == [
        "Jürgen Müller", "Sébastien € Coördinator"]


@pytest.mark.parametrize("delimiter", [";", ","], ids=["semicolon", "comma"])
def test_the_delimiter_is_detected_and_quoted_cells_may_hold_it(delimiter):
    data = csv_bytes([person_row(name="Jansen, Piet", roles="employee, manager")], delimiter=delimiter)
    [added] = plan(data).added
    assert (added.name, added.roles) == ("Jansen, Piet", ("employee", "manager"))


def test_xlsx_first_sheet_is_read_with_numbers_as_text_and_trailing_empty_rows_ignored():
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(["Piet", 1234, None, "lasser", None, None, None])
    book.active.append(["Kees", 56.0, None, "lasser", 1234, None, None])
    book.active["A40"] = ""
    book.create_sheet("Andere").append(["niet", "lezen"])
    out = io.BytesIO()
    book.save(out)
    added = plan(out.getvalue(), "mensen.xlsx").added
    assert [(person.username, person.manager) for person in added] == [("1234", None), ("56", "1234")]


def test_a_function_may_be_given_by_its_name_in_any_case():
    assert plan(csv_bytes([person_row(function="plaatwerker mig")])).added[0].function == "plaatwerker"


@pytest.mark.parametrize("cell, roles", [
    ("", ("employee",)),
    ("hr_admin, employee", ("employee", "hr_admin")),
    ("Medewerker, Leidinggevende, HR", ("employee", "manager", "hr_admin")),
    ("manager;hr-admin", ("manager", "hr_admin")),
    ("Medewerker, Opleidingscoördinator", ("employee", "training_coordinator")),
    ("opleidingscoordinator/coordinator", ("training_coordinator",)),
], ids=["empty-is-employee", "canonical-order", "dutch-aliases", "semicolons-and-hyphens", "training-coordinator",
        "coordinator-without-diaeresis"])
def test_roles_are_read_with_dutch_aliases(cell, roles):
    assert plan(csv_bytes([person_row(roles=cell)])).added[0].roles == roles


def test_the_plan_names_who_the_file_makes_manager_or_hr():
    stored = (stored_person(1, "piet", function_id="lasser"), stored_person(2, "kees", function_id="lasser", roles=("manager",)))
    data = csv_bytes([person_row(username="piet", name="Piet", roles="medewerker, hr"),
                      person_row(username="kees", name="Kees", roles="leidinggevende, hr"),
                      person_row(username="nina", roles="leidinggevende"), person_row(username="otto")])
    result = plan(data, stored=stored)
    assert result.gaining("hr_admin") == ("piet", "kees")
    assert result.gaining("manager") == ("nina",)  # kees already leads


def test_language_is_read_ignoring_case():
    assert plan(csv_bytes([person_row(language="EN")])).added[0].language == "en"


def test_a_manager_may_stand_further_down_the_same_file():
    data = csv_bytes([person_row(username="piet", manager="baas"), person_row(username="baas")])
    assert [person.manager for person in plan(data).added] == ["baas", None]


def test_a_stored_person_is_updated_by_username_ignoring_case_with_each_change_listed():
    stored = (stored_person(1, "PJansen", manager_id=2, function_id="lasser"), stored_person(2, "baas"),
              stored_person(3, "nieuwebaas"))
    data = csv_bytes([person_row(name="Piet Jansen", username="pjansen", manager="nieuwebaas", roles="employee")])
    result = plan(data, stored=stored)
    [change] = result.changed
    assert (change.person_id, change.username, result.added, result.unchanged) == (1, "PJansen", (), 0)
    assert change.changes == (FieldChange("name", "Pjansen", "Piet Jansen"), FieldChange("manager", "baas", "nieuwebaas"))


def test_a_person_the_file_describes_as_stored_counts_as_unchanged():
    stored = (stored_person(1, "piet", manager_id=2, function_id="lasser", roles=("hr_admin", "employee")),
              stored_person(2, "baas"))
    data = csv_bytes([person_row(name="Piet", username="PIET", manager="BAAS", roles="hr, medewerker")])
    result = plan(data, stored=stored)
    assert (result.added, result.changed, result.unchanged) == ((), (), 1)


def test_columns_left_out_of_the_file_leave_stored_values_alone():
    stored = (stored_person(1, "piet", email="piet@firma.nl", language="en", manager_id=2, function_id="lasser"),
              stored_person(2, "baas"))
    data = csv_bytes([["Piet", "piet", "lasser"]], header=["naam", "gebruikersnaam", "functie"])
    assert plan(data, stored=stored).unchanged == 1


def test_an_exported_quote_before_a_formula_character_is_undone():
    assert plan(csv_bytes([person_row(name="'=Jansen")])).added[0].name == "=Jansen"


def mostly(*valid: str) -> st.SearchStrategy[str]:
    """Mostly sensible values, sometimes any text: so random files sometimes pass, and often not."""
    any_text = st.text(alphabet=st.characters(codec="cp1252", exclude_categories=("Cc",)), max_size=12)
    # None stands for "any text", drawn about as often as each valid value.
    return st.sampled_from([*valid * 3, None]).flatmap(lambda value: any_text if value is None else st.just(value))


random_rows = st.lists(st.tuples(
    mostly("Piet", "=1+1"), mostly("piet", "kees", "bert"), mostly("", "x@y.nl"),
    mostly("lasser", "Plaatwerker MIG", ""), mostly("", "", "piet", "anna"), mostly("", "hr"), mostly("", "EN"),
), max_size=4, unique_by=lambda row: row[1].casefold())
headers = st.one_of(st.just(HEADER), st.lists(st.sampled_from([*HEADER, "name", "foo", ""]), max_size=8))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=headers, rows=random_rows,
       delimiter=st.sampled_from([";", ","]), encoding=st.sampled_from(["utf-8", "cp1252", "utf-8-sig"]))
def test_random_cells_give_a_plan_or_import_failed_and_nothing_else(header, rows, delimiter, encoding):
    try:
        plan(csv_bytes(rows, header=header, delimiter=delimiter, encoding=encoding), stored=ANNA_AND_BERT)
    except ImportFailed as error:
        assert error.problems and all(problem.render("nl") for problem in error.problems)


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=300), filename=st.sampled_from(["a.csv", "a.xlsx", "a.txt", "a", "a.xls", "a.ods"]))
def test_random_bytes_give_a_plan_or_import_failed_and_nothing_else(data, filename):
    try:
        plan(data, filename)
    except ImportFailed as error:
        assert error.problems


WITH_RETIRED = [*FUNCTIONS, JobFunction("knipper", "Knipper", active=False)]


def test_nobody_is_newly_placed_in_a_deactivated_function():
    data = csv_bytes([person_row(username="nieuw", function="knipper"), person_row(username="anna", function="Knipper")])
    with pytest.raises(ImportFailed) as caught:
        plan_people(read_file(data, "mensen.csv"), ANNA_AND_BERT, WITH_RETIRED)
    assert located(caught.value) == [(2, "functie", "people.function_inactive"), (3, "functie", "people.function_inactive")]
    assert "Knipper" in caught.value.problems[0].message.render("nl")


def test_someone_already_in_a_deactivated_function_reads_back_in_unchanged():
    stored = (stored_person(1, "anna", function_id="knipper"),)
    data = csv_bytes([person_row(name="Anna", username="anna", function="knipper")])
    planned = plan_people(read_file(data, "mensen.csv"), stored, WITH_RETIRED)
    assert (planned.added, planned.changed, planned.unchanged) == ((), (), 1)


def test_someone_already_under_a_deactivated_manager_reads_back_in_unchanged():
    stored = (stored_person(1, "anna", manager_id=2), stored_person(2, "bert", active=False))
    found = plan(csv_bytes([person_row(name="Anna", username="anna", manager="bert")]), stored=stored)
    assert found.added == () and [change.field for change in found.changed[0].changes] == ["function"]


@pytest.mark.parametrize("name", ["Ömer Ayd?n", "?ahin Y?lmaz", "Ömer Ayd\ufffdn"], ids=["excel-question-mark", "at-word-start", "replacement-character"])
def test_a_letter_lost_to_a_wrong_encoding_is_a_warning_with_row_and_column_not_a_refusal(name):
    result = plan(csv_bytes([person_row(), person_row(name=name, username="oaydin")], encoding="utf-8"))
    assert [record.name for record in result.added] == ["Piet Jansen", name]
    assert [(cell.row, cell.column, cell.message.key) for cell in result.wrong_encoding] == [(3, "naam", "people.cell_wrong_encoding")]


def test_a_question_mark_that_replaced_a_letter_in_a_refused_file_is_still_pointed_out():
    refused = failure(csv_bytes([person_row(name="Ömer Ayd?n", username="ayd?n")]))
    assert [(cell.row, cell.column) for cell in refused.wrong_encoding] == [(2, "naam"), (2, "gebruikersnaam")]


def test_accents_and_a_question_mark_away_from_letters_give_no_encoding_warning():
    assert plan(csv_bytes([person_row(name="Zoë d'Ancona-Çelik (?)", email="x@y.nl")])).wrong_encoding == ()
