import pytest

from db import questionnaires as stored_versions
from devtalk.errors import NotAllowed
from devtalk.services import printing
from tests.app.conftest import download, page_run_directly, texts
from tests.builders import SMALL_QUESTIONNAIRE, flat, text_of

PAGE = "pages/hr_library.py"


def library_page():
    return page_run_directly("hr", PAGE)


def test_hr_sees_the_library_and_previews_a_function_as_the_manager(firm_db):
    _, firm = firm_db
    app = library_page()
    assert "Klein gesprek" in texts(app)
    app.selectbox(key="lib_preview_function").set_value("lasser").run()
    app.segmented_control(key="lib_preview_side").set_value("manager").run()
    shown = texts(app)
    assert "De medewerker kan een werktekening lezen" in shown and "Lassen" in shown
    assert "lib_download" in {button.key for button in app.download_button}
    assert not app.exception


def test_invalid_yaml_in_the_editor_shows_the_messages_keeps_the_text_and_saves_nothing(firm_db):
    database, firm = firm_db
    app = library_page()
    broken = SMALL_QUESTIONNAIRE.replace("scale: beheersing\n        text: {nl: Ik werk", "scale: beheersin\n        text: {nl: Ik werk")
    editor = f"lib_editor_{firm.version_id}"
    app.text_area(key=editor).input(broken).run()
    line = broken.splitlines().index("        scale: beheersin") + 1
    assert f"klein.yaml:{line}: sections[0].items[1].scale: Onbekende schaal 'beheersin'" in texts(app)
    app.button(key="lib_save").click().run()
    assert "er is niets opgeslagen" in texts(app)
    assert app.text_area(key=editor).value == broken
    assert len(stored_versions.list_versions(database)) == 1
    assert not app.exception


def test_a_valid_edit_is_stored_as_version_2_and_shown(firm_db):
    database, firm = firm_db
    app = library_page()
    app.text_area(key=f"lib_editor_{firm.version_id}").input(SMALL_QUESTIONNAIRE.replace("Ik werk veilig", "Ik werk altijd veilig")).run()
    app.button(key="lib_save").click().run()
    assert "Opgeslagen als versie 2" in texts(app)
    newest = stored_versions.list_versions(database)[0]
    assert newest.version == 2 and app.selectbox(key="lib_version_klein").value == newest.id
    assert "Ik werk altijd veilig" in texts(app)
    assert not app.exception


def test_hr_copies_a_bundled_template_into_the_library(firm_db):
    database, _ = firm_db
    app = library_page()
    app.selectbox(key="lib_template").set_value("leerklimaat.yaml").run()
    app.button(key="lib_copy").click().run()
    assert "Opgeslagen als versie 1 van 'leerklimaat'" in texts(app)
    assert {v.questionnaire_id for v in stored_versions.list_versions(database)} == {"klein", "leerklimaat"}
    assert not app.exception


def test_hr_downloads_the_paper_form_of_the_previewed_function_and_side_in_the_language_chosen(firm_db,
                                                                                             deferred_downloads):
    app = library_page()
    app.selectbox(key="lib_preview_function").set_value("lasser").run()
    app.segmented_control(key="lib_preview_side").set_value("manager").run()
    app.selectbox(key="lib_paper_language").set_value("en").run()
    app.button(key="paper_form_make").click().run()
    assert not app.exception
    form = flat(text_of(download(app, "paper_form_download", deferred_downloads)))
    assert "To be filled in by the manager" in form and "Lasser" in form
    assert "The employee can read a drawing" in form and "I can TIG weld" in form  # the welders' section


@pytest.mark.parametrize("username", ["employee", "manager"])
def test_employee_and_manager_get_no_paper_form(firm_db, username):
    database, firm = firm_db
    app = page_run_directly(username, PAGE)
    assert "paper_form_make" not in {button.key for button in app.button}
    assert not app.exception
    with pytest.raises(NotAllowed):
        printing.paper_form_pdf(database, getattr(firm, username), firm.version_id, None, "nl")
