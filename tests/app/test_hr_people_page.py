"""The HR people page: people, job functions and the import with preview, as HR uses them."""

from __future__ import annotations

import csv
import io

import pytest

from db import audit, people
from devtalk.services import auth
from tests.app.conftest import open_page, page_run_directly, sign_in, texts
from tests.builders import who_signs_in

PAGE = "pages/hr_people.py"
HEADER = ["naam", "gebruikersnaam", "functie", "leidinggevende"]


def csv_file(*rows) -> tuple[str, bytes, str]:
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows([HEADER, *rows])
    return "mensen.csv", out.getvalue().encode("utf-8"), "text/csv"


def table(app, column: str):
    """The table that has this column: AppTest does not carry a dataframe's key, its headers it does."""
    return next(frame.value for frame in app.dataframe if column in frame.value.columns)


def hr_page():
    return page_run_directly("hr", PAGE)


def test_hr_sees_everyone_and_finds_people_by_search(firm_db):
    app = hr_page()
    assert not app.exception
    everyone = table(app, "Rollen")
    assert len(everyone) == 5 and "Marco Manager" in set(everyone["Naam"])
    app.text_input(key="people_search").input("otto").run()
    assert list(table(app, "Rollen")["Naam"]) == ["Otto Buiten"]
    assert not app.exception


def test_hr_adds_a_person_through_the_form(firm_db):
    database, firm = firm_db
    app = hr_page()
    app.text_input(key="new_name").input("Nina Nieuw")
    app.text_input(key="new_username").input("nnieuw")
    app.selectbox(key="new_function").set_value("lasser")
    app.selectbox(key="new_manager").set_value(firm.manager.id)
    app.button(key="person_add").click().run()
    assert not app.exception
    nina = people.person_by_username(database, "nnieuw")
    assert (nina.name, nina.function_id, nina.manager_id) == ("Nina Nieuw", "lasser", firm.manager.id)
    assert "Toegevoegd" in texts(app)


def test_a_wrong_field_is_shown_and_nothing_is_added(firm_db):
    database, _ = firm_db
    app = hr_page()
    app.text_input(key="new_name").input("Nina")
    app.text_input(key="new_username").input("nina nieuw")
    app.button(key="person_add").click().run()
    assert not app.exception
    assert "'nina nieuw' kan geen gebruikersnaam zijn" in texts(app)
    assert people.count_people(database) == 5


def test_hr_edits_a_person_and_changes_their_manager(firm_db):
    database, firm = firm_db
    app = hr_page()
    app.selectbox(key="people_selected").set_value(firm.employee.id).run()
    app.text_input(key=f"person_{firm.employee.id}_name").input("Daan de Vries")
    app.button(key="person_save").click().run()
    app.selectbox(key=f"person_manager_{firm.employee.id}").set_value(firm.other_manager.id)
    app.button(key="person_change_manager").click().run()
    assert not app.exception
    stored = people.get_person(database, firm.employee.id)
    assert (stored.name, stored.manager_id) == ("Daan de Vries", firm.other_manager.id)


def test_hr_deactivates_a_person_who_then_cannot_sign_in(firm_db):
    database, firm = firm_db
    app = hr_page()
    app.selectbox(key="people_selected").set_value(firm.employee.id).run()
    app.button(key="person_deactivate").click().run()
    assert not app.exception
    assert "Gesprekken en dossier blijven bewaard" in texts(app)
    assert not people.get_person(database, firm.employee.id).active
    assert "person_reactivate" in {button.key for button in app.button}


def test_hr_resets_a_password_and_sees_it_once(firm_db):
    database, firm = firm_db
    app = hr_page()
    app.selectbox(key="people_selected").set_value(firm.employee.id).run()
    app.button(key="person_reset_password").click().run()
    assert not app.exception
    [shown] = [code.value for code in app.code]
    assert who_signs_in(database, "employee", shown) == "employee"
    app.run()
    assert not app.code


def test_hr_describes_a_new_job_function(firm_db):
    database, _ = firm_db
    app = hr_page()
    app.text_input(key="function_new_id").input("spuiter")
    app.text_input(key="function_new_name").input("Spuiter")
    app.text_area(key="function_new_description").input("Spuit grond- en aflak")
    app.button(key="function_add").click().run()
    assert not app.exception
    assert people.get_function(database, "spuiter").description == "Spuit grond- en aflak"
    assert "Spuit grond- en aflak" in set(table(app, "Code")["Omschrijving"])


def test_the_functions_table_shows_which_sections_each_function_gets(firm_db):
    app = hr_page()
    functions = table(app, "Code")
    sections = dict(zip(functions["Code"], functions["Eigen onderdelen in de vragenlijst"]))
    assert sections == {"lasser": "Lassen", "plaatwerker": "—"}
    assert "Voor iedereen, welke functie ook: Vakmanschap, Willen" in texts(app)
    assert not app.exception


def test_an_import_is_previewed_and_written_only_after_confirming(firm_db):
    database, firm = firm_db
    app = hr_page()
    app.file_uploader(key="import_file").set_value(csv_file(["Nina Nieuw", "nnieuw", "lasser", "manager"],
                                                            ["Daan Smit", "employee", "plaatwerker", "manager"])).run()
    assert not app.exception
    assert "1 nieuw, 1 gewijzigd, 0 ongewijzigd" in texts(app)
    changes = table(app, "Oud → nieuw")
    assert list(changes.iloc[0]) == [3, "employee", "Naam", "Daan Medewerker → Daan Smit"]
    assert people.person_by_username(database, "nnieuw") is None
    app.button(key="import_confirm").click().run()
    assert not app.exception
    assert people.person_by_username(database, "nnieuw").manager_id == firm.manager.id
    assert people.get_person(database, firm.employee.id).name == "Daan Smit"


def test_a_file_with_an_error_shows_row_and_column_and_writes_nothing(firm_db):
    database, _ = firm_db
    before = (people.count_people(database), len(audit.list_events(database)))
    app = hr_page()
    app.file_uploader(key="import_file").set_value(csv_file(["Nina Nieuw", "nnieuw", "lasser", "manager"],
                                                            ["Piet Fout", "piet fout", "kapper", ""])).run()
    assert not app.exception
    problems = table(app, "Wat er niet klopt")
    assert [tuple(row[:2]) for row in problems.values.tolist()] == [(3, "gebruikersnaam"), (3, "functie")]
    assert "import_confirm" not in {button.key for button in app.button}
    assert (people.count_people(database), len(audit.list_events(database))) == before


@pytest.mark.parametrize("tab, label", [("functions", "Functies"), ("import", "Inlezen en uitvoeren"), ("people", "Mensen")],
                         ids=["functions", "import", "people"])
def test_a_link_with_a_tab_opens_the_people_page_on_that_tab(firm_db, tab, label):
    app = page_run_directly("hr", PAGE, tab=tab)
    assert not app.exception
    assert app.session_state["hr_people_tab"] == label
    assert "tab" not in app.query_params  # used once: the person's own tab clicks count after that


def test_a_tab_parameter_that_names_no_tab_is_ignored(firm_db):
    app = page_run_directly("hr", PAGE, tab="<script>")
    assert not app.exception
    assert app.session_state["hr_people_tab"] == "Mensen"


def test_the_checklist_links_describing_functions_to_the_functions_tab(firm_db):
    app = open_page(sign_in("hr"), "pages/hr_start.py")
    assert not app.exception
    links = {link.proto.label: link.proto.query_string for link in app.get("page_link")}
    assert links["Functies beschrijven"] == "tab=functions"
    assert links["Mensen invoeren (Excel-sjabloon of met de hand)"] == "tab=people"


def add_form(app, label: str):
    return next(expander for expander in app.expander if expander.label == label)


def right_after(form, key: str):
    """The element drawn right after the widget with this key, inside the form."""
    children = list(form.children.values())
    [index] = [i for i, child in enumerate(children) if getattr(child, "key", None) == key]
    return children[index + 1]


def test_a_function_without_code_is_refused_beside_the_code_and_the_form_stays_open(firm_db):
    database, _ = firm_db
    app = hr_page()
    app.text_input(key="function_new_name").input("Spuiter")
    app.button(key="function_add").click().run()
    assert not app.exception
    form = add_form(app, "Functie toevoegen")
    assert right_after(form, "function_new_id").value.startswith("Vul een code in")
    assert app.session_state["function_new_open"] is True
    assert app.text_input(key="function_new_name").value == "Spuiter"
    assert [error.value for error in app.error] == [error.value for error in form.error]  # none at the top
    assert people.get_function(database, "spuiter") is None


def test_a_function_code_typed_with_a_capital_is_added_in_lower_case_and_hr_sees_it(firm_db):
    database, _ = firm_db
    app = hr_page()
    app.text_input(key="function_new_id").input("Spuiter")
    app.text_input(key="function_new_name").input("Spuiter").run()
    assert "De code wordt: spuiter" in texts(app)
    app.button(key="function_add").click().run()
    assert not app.exception
    assert people.get_function(database, "spuiter").name == "Spuiter"
    assert "Functie toegevoegd met de code spuiter." in texts(app)
    assert any("spuiter" in success.value for success in add_form(app, "Functie toevoegen").success)


def test_a_wrong_username_is_shown_beside_it_in_the_open_form(firm_db):
    app = hr_page()
    app.text_input(key="new_name").input("Nina")
    app.text_input(key="new_username").input("nina nieuw")
    app.button(key="person_add").click().run()
    assert not app.exception
    form = add_form(app, "Iemand toevoegen")
    assert "'nina nieuw' kan geen gebruikersnaam zijn" in right_after(form, "new_username").value
    assert app.session_state["new_open"] is True
    assert app.text_input(key="new_name").value == "Nina"
    assert [error.value for error in app.error] == [error.value for error in form.error]


def test_the_import_preview_shows_each_new_persons_roles_and_who_becomes_manager_or_hr(firm_db):
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows([[*HEADER, "rollen"], ["Nina Nieuw", "nnieuw", "lasser", "manager", "medewerker, hr"],
                                              ["Bas Baas", "bbaas", "lasser", "", "leidinggevende"]])
    app = hr_page()
    app.file_uploader(key="import_file").set_value(("mensen.csv", out.getvalue().encode("utf-8"), "text/csv")).run()
    assert not app.exception
    added = table(app, "Rij")
    assert list(added["Rollen"]) == ["Medewerker, HR", "Leidinggevende"]
    assert "Worden HR: nnieuw." in texts(app) and "Worden leidinggevende: bbaas." in texts(app)


def test_a_name_excel_saved_in_the_wrong_encoding_is_warned_about_but_may_still_be_imported(firm_db):
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows([HEADER, ["Ömer Ayd?n", "oaydin", "lasser", "manager"]])
    app = hr_page()
    # What Dutch Excel's plain "CSV" writes: Windows-1252, where the Turkish ı has no place and becomes "?".
    app.file_uploader(key="import_file").set_value(("mensen.csv", out.getvalue().encode("cp1252"), "text/csv")).run()
    assert not app.exception
    assert "waarschijnlijk in de verkeerde tekenset opgeslagen: in 1 cel" in texts(app)
    assert "CSV UTF-8" in texts(app) and "Excel-werkmap (.xlsx)" in texts(app)
    assert list(table(app, "Wat er niet klopt")["Rij"]) == [2]
    assert not app.button(key="import_confirm").disabled
