from devtalk.services import conversations
from tests.app.conftest import open_page, sign_in, texts


def two_tabs(firm):
    """The employee's fill-in page open in two tabs (two sessions of one sign-in each)."""
    return [open_page(sign_in("employee"), "pages/fill_in.py", conversation=firm.conversation_id) for _ in range(2)]


def test_employee_fills_in_and_each_answer_is_saved_at_once(firm_db):
    database, firm = firm_db
    app = open_page(sign_in("employee"), "pages/fill_in.py", conversation=firm.conversation_id)
    assert not app.exception
    app.pills(key=f"answer_{firm.conversation_id}_tekening-lezen").set_value(4).run()
    assert not app.exception
    stored = conversations.open_form(database, firm.employee, firm.conversation_id).answers
    assert stored["tekening-lezen"].value == 4
    assert "1 van 2 verplichte vragen beantwoord" in texts(app)


def test_tapping_the_chosen_value_again_keeps_the_answer(firm_db):
    database, firm = firm_db
    app = open_page(sign_in("employee"), "pages/fill_in.py", conversation=firm.conversation_id)
    app.pills(key=answer_key(firm, "tekening-lezen")).set_value(4).run()
    app.pills(key=answer_key(firm, "tekening-lezen")).set_value(None).run()  # what a second tap sends
    assert not app.exception
    assert app.pills(key=answer_key(firm, "tekening-lezen")).value == 4
    assert conversations.open_form(database, firm.employee, firm.conversation_id).answers["tekening-lezen"].value == 4
    assert "1 van 2 verplichte vragen beantwoord" in texts(app) and "Opgeslagen" in texts(app)


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


def answer(app, firm, item_id: str, value):
    """Tap an answer. Its run draws only the item's block and the counts, and the browser keeps the
    rest of the page; AppTest keeps only what the last run drew, so a run of the whole page follows."""
    app.pills(key=answer_key(firm, item_id)).set_value(value).run()
    return app.run()


def test_a_tap_redraws_only_its_own_block_and_the_counts(firm_db):
    _, firm = firm_db
    app = open_page(sign_in("employee"), "pages/fill_in.py", conversation=firm.conversation_id)
    app.pills(key=answer_key(firm, "tekening-lezen")).set_value(4).run()
    assert not app.exception
    drawn = texts(app)
    assert "Ik kan een werktekening lezen" in drawn and "Opgeslagen" in drawn
    assert "1 van 2 verplichte vragen beantwoord" in drawn
    assert "Ik werk veilig" not in drawn and "Vragenlijst invullen" not in drawn  # the rest stays as it was


def test_submit_with_missing_items_lists_what_is_missing(firm_db):
    _, firm = firm_db
    app = open_page(sign_in("employee"), "pages/fill_in.py", conversation=firm.conversation_id)
    answer(app, firm, "tekening-lezen", 3)
    app.checkbox(key="confirm_submit").check().run()
    app.button(key="submit").click().run()
    assert "Nog 1 verplichte vraag open" in texts(app)
    assert "Ik werk veilig" in texts(app)


def test_answering_a_missing_item_after_submit_takes_it_off_the_list_at_once(firm_db):
    _, firm = firm_db
    app = open_page(sign_in("employee"), "pages/fill_in.py", conversation=firm.conversation_id)
    app.checkbox(key="confirm_submit").check().run()
    app.button(key="submit").click().run()
    assert "Nog 2 verplichte vragen open" in texts(app)
    app.pills(key=answer_key(firm, "veilig-werken")).set_value(4).run()
    assert not app.exception
    assert "Nog 1 verplichte vraag open" in texts(app) and "1 van 2 verplichte vragen beantwoord" in texts(app)


def test_submit_freezes_the_side(firm_db):
    database, firm = firm_db
    app = open_page(sign_in("employee"), "pages/fill_in.py", conversation=firm.conversation_id)
    for item_id in ("tekening-lezen", "veilig-werken"):
        answer(app, firm, item_id, 3)
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


def answer_key(firm, item_id: str) -> str:
    return f"answer_{firm.conversation_id}_{item_id}"


def test_a_second_tab_overwriting_the_first_is_told_and_keeps_its_text(firm_db):
    database, firm = firm_db
    first, second = two_tabs(firm)
    first.text_area(key=answer_key(firm, "energie")).input("Van het eerste tabblad").run()
    second.text_area(key=answer_key(firm, "energie")).input("Van het tweede tabblad").run()
    assert not second.exception
    assert "ergens anders gewijzigd" in texts(second)
    assert "Van het eerste tabblad" in [element.value for element in second.text]
    assert second.text_area(key=answer_key(firm, "energie")).value == "Van het tweede tabblad"
    stored = conversations.open_form(database, firm.employee, firm.conversation_id).answers
    assert stored["energie"].text == "Van het eerste tabblad"


def test_keeping_mine_after_a_conflict_stores_this_tabs_text(firm_db):
    database, firm = firm_db
    first, second = two_tabs(firm)
    first.text_area(key=answer_key(firm, "energie")).input("Van het eerste tabblad").run()
    second.text_area(key=answer_key(firm, "energie")).input("Van het tweede tabblad").run()
    second.button(key=f"keep_mine_{answer_key(firm, 'energie')}").click().run()
    assert not second.exception
    assert "ergens anders gewijzigd" not in texts(second) and "Opgeslagen" in texts(second)
    stored = conversations.open_form(database, firm.employee, firm.conversation_id).answers
    assert stored["energie"].text == "Van het tweede tabblad"


def test_using_the_stored_answer_after_a_conflict_puts_it_in_the_box(firm_db):
    database, firm = firm_db
    first, second = two_tabs(firm)
    first.pills(key=answer_key(firm, "tekening-lezen")).set_value(2).run()
    second.pills(key=answer_key(firm, "tekening-lezen")).set_value(5).run()
    assert "ergens anders gewijzigd" in texts(second)
    second.button(key=f"use_stored_{answer_key(firm, 'tekening-lezen')}").click().run()
    assert not second.exception
    assert second.pills(key=answer_key(firm, "tekening-lezen")).value == 2
    assert "ergens anders gewijzigd" not in texts(second)
    # The tab now knows what is stored: its next change goes through.
    second.pills(key=answer_key(firm, "tekening-lezen")).set_value(4).run()
    assert conversations.open_form(database, firm.employee, firm.conversation_id).answers["tekening-lezen"].value == 4
