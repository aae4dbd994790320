from devtalk.services import conversations
from tests.app.conftest import open_page, sign_in, texts


def test_employee_fills_in_and_each_answer_is_saved_at_once(firm_db):
    database, firm = firm_db
    app = open_page(sign_in("employee"), "pages/fill_in.py", conversation=firm.conversation_id)
    assert not app.exception
    app.pills(key=f"answer_{firm.conversation_id}_tekening-lezen").set_value(4).run()
    assert not app.exception
    stored = conversations.open_form(database, firm.employee, firm.conversation_id).answers
    assert stored["tekening-lezen"].value == 4
    assert "1 van 2 verplichte vragen beantwoord" in texts(app)


def test_answers_survive_a_new_session(firm_db):
    database, firm = firm_db
    app = open_page(sign_in("employee"), "pages/fill_in.py", conversation=firm.conversation_id)
    app.text_area(key=f"answer_{firm.conversation_id}_energie").input("Lastige klussen").run()
    again = open_page(sign_in("employee"), "pages/fill_in.py", conversation=firm.conversation_id)
    assert again.text_area(key=f"answer_{firm.conversation_id}_energie").value == "Lastige klussen"


def test_fill_in_shows_only_the_employees_function_sections(firm_db):
    _, firm = firm_db
    app = open_page(sign_in("employee"), "pages/fill_in.py", conversation=firm.conversation_id)
    shown = texts(app)
    assert "Vakmanschap" in shown and "Lassen" not in shown


def test_page_says_it_is_not_an_assessment(firm_db):
    _, firm = firm_db
    app = open_page(sign_in("employee"), "pages/fill_in.py", conversation=firm.conversation_id)
    assert "geen beoordeling" in texts(app)


def test_submit_with_missing_items_lists_what_is_missing(firm_db):
    _, firm = firm_db
    app = open_page(sign_in("employee"), "pages/fill_in.py", conversation=firm.conversation_id)
    app.pills(key=f"answer_{firm.conversation_id}_tekening-lezen").set_value(3).run()
    app.checkbox(key="confirm_submit").check().run()
    app.button(key="submit").click().run()
    assert "Nog 1 verplichte vraag/vragen open" in texts(app)
    assert "Ik werk veilig" in texts(app)


def test_submit_freezes_the_side(firm_db):
    database, firm = firm_db
    app = open_page(sign_in("employee"), "pages/fill_in.py", conversation=firm.conversation_id)
    for item_id in ("tekening-lezen", "veilig-werken"):
        app.pills(key=f"answer_{firm.conversation_id}_{item_id}").set_value(3).run()
    app.checkbox(key="confirm_submit").check().run()
    app.button(key="submit").click().run()
    assert not app.exception
    assert "Ingeleverd op" in texts(app)
    assert app.pills(key=f"answer_{firm.conversation_id}_tekening-lezen").disabled
    assert conversations.get_conversation(database, firm.employee, firm.conversation_id).status == "employee_submitted"


def test_manager_of_another_team_opening_by_url_gets_not_allowed(firm_db):
    _, firm = firm_db
    app = open_page(sign_in("other"), "pages/fill_in.py", conversation=firm.conversation_id)
    assert not app.exception
    assert "Dit mag je niet bekijken of wijzigen" in texts(app)
    assert "Ik kan een werktekening lezen" not in texts(app)


def test_a_non_numeric_conversation_parameter_is_refused_cleanly(firm_db):
    app = open_page(sign_in("employee"), "pages/fill_in.py", conversation="1 OR 1=1")
    assert not app.exception
    assert "Dit mag je niet bekijken of wijzigen" in texts(app)
