import pytest

from db import questionnaires as stored_versions
from devtalk.errors import NotAllowed
from devtalk.services import builder, printing
from tests.app.conftest import (
    download,
    open_page,
    page_run_directly,
    reload,
    sign_in,
    texts,
)
from tests.builders import flat, text_of
from ui import navigation

PAGE = "pages/hr_library.py"


def library_page():
    return page_run_directly("hr", PAGE)


def test_hr_sees_the_library_and_previews_a_function_as_the_manager(firm_db):
    app = library_page()
    assert "Klein gesprek" in texts(app)
    app.selectbox(key="lib_preview_function").set_value("lasser").run()
    app.segmented_control(key="lib_preview_side").set_value("manager").run()
    shown = texts(app)
    assert "De medewerker kan een werktekening lezen" in shown and "Lassen" in shown
    assert "lib_download" in {button.key for button in app.download_button}
    assert not app.exception


def test_changing_a_version_opens_it_in_the_builder_as_yaml_at_the_drafts_address(firm_db):
    database, firm = firm_db
    app = open_page(sign_in("hr"), navigation.HR_LIBRARY)
    # No text box to type YAML into here (the preview's are disabled): the builder's code editor is the one.
    assert all(box.disabled for box in app.text_area)
    app.button(key="lib_change").click().run()
    reload(app)  # app.py opens the builder, as the click asked
    (listed,) = builder.my_drafts(database, firm.hr)
    assert listed.record.base_version_id == firm.version_id
    assert "Vragenlijst samenstellen" in texts(app)
    assert app.query_params["draft"] == str(listed.record.id)  # a reload comes back to it
    assert app.session_state["bld_yaml_seed"][1].startswith("id: klein")  # on the YAML tab
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
