"""The intro of the fill-in page on the bundled questionnaire (the demo firm's): one intro for the
employee, and the manager's form in the manager's own words."""

from db.conversations import conversations_of_employee
from db.people import person_by_username
from tests.app.conftest import open_page, sign_in, texts

QUESTIONNAIRE_INTRO = "Jij en je leidinggevende vullen dezelfde lijst apart in"


def daans_form(database, username: str):
    daan = person_by_username(database, "employee")
    conversation_id = conversations_of_employee(database, daan.id)[0].id
    return open_page(sign_in(username, "demo"), "pages/fill_in.py", conversation=conversation_id)


def test_the_employee_reads_one_intro_the_questionnaires_own(demo_db):
    app = daans_form(demo_db, "employee")
    assert not app.exception
    shown = texts(app)
    assert len(app.info) == 1 and shown.count("geen beoordeling") == 1
    assert QUESTIONNAIRE_INTRO in shown and "pas als jullie allebei klaar zijn" in shown


def test_the_managers_form_speaks_to_the_manager_not_to_the_employee(demo_db):
    app = daans_form(demo_db, "manager")
    assert not app.exception
    shown = texts(app)
    assert "Je vult de lijst in over Daan Smit" in shown
    assert QUESTIONNAIRE_INTRO not in shown
    assert "bij jou" not in shown and "jouw werk" not in shown
