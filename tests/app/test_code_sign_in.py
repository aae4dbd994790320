import pytest
from streamlit.testing.v1 import AppTest

from devtalk.services import invitations
from tests.app.conftest import ROOT, labels, open_page, reload, start_app, texts
from tests.builders import CARD_PIN, sign_in_by_card


def opened_from_qr(code: str) -> AppTest:
    """The app as the link on an invitation card opens it: /?code=..."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    app.query_params["code"] = code
    return app.run()


def typed_code(code: str) -> AppTest:
    app = start_app()
    app.text_input(key="login_code").input(code)
    return app.button(key="login_code_submit").click().run()


def asks_pin_twice(app: AppTest) -> bool:
    return any(widget.key == "login_pin_again" for widget in app.text_input)


def enter_pin(app: AppTest, pin: str) -> AppTest:
    """Type the PIN (twice when it is being chosen) and go on, as the page asks."""
    app.text_input(key="login_pin").input(pin)
    if asks_pin_twice(app):
        app.text_input(key="login_pin_again").input(pin)
    return app.button(key="login_pin_submit").click().run()


def give_pin(app: AppTest, pin: str = CARD_PIN) -> AppTest:
    """The right PIN, and the app as the next run shows it."""
    return reload(enter_pin(app, pin))


def test_typed_code_opens_the_persons_own_conversations_after_choosing_a_pin(firm_db):
    database, firm = firm_db
    app = typed_code(invitations.issue_code(database, firm.hr, firm.employee.id).lower())
    assert "Kies je pincode" in texts(app)
    give_pin(app)
    assert not app.exception
    assert "Gesprek met Marco Manager" in texts(app)


def test_an_hr_persons_card_session_is_refused_the_hr_pages_with_a_message(firm_db):
    """A card session is for one's own conversations (auth gives it the employee role only): the
    HR services refuse it, so the menu leaves the HR pages out and a hand-made link says so."""
    database, firm = firm_db
    app = give_pin(typed_code(invitations.issue_code(database, firm.hr, firm.hr.id)))
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # not in the menu
        open_page(app, "pages/hr_rounds.py")
    page = AppTest.from_file(str(ROOT / "pages/hr_rounds.py"), default_timeout=30)  # a hand-made link
    page.session_state["session_token"] = app.session_state["session_token"]
    page.run()
    assert not page.exception
    assert "Dit mag je niet bekijken of wijzigen." in texts(page)


def test_first_sign_in_from_the_qr_link_chooses_a_pin_before_any_session(firm_db):
    database, firm = firm_db
    app = opened_from_qr(invitations.issue_code(database, firm.hr, firm.employee.id))
    assert not app.exception
    assert "Kies je pincode" in texts(app) and "Mijn gesprekken" not in texts(app)
    assert "code" not in app.query_params
    assert "session_token" not in app.session_state and database["sessions"].count == 0
    give_pin(app)
    assert "Mijn gesprekken" in texts(app)


def test_later_sign_in_with_the_card_asks_for_the_chosen_pin(firm_db):
    database, firm = firm_db
    code = invitations.issue_code(database, firm.hr, firm.employee.id)
    sign_in_by_card(database, code)
    app = opened_from_qr(code)
    assert "Je pincode" in texts(app)
    assert not asks_pin_twice(app)
    give_pin(app)
    assert "Mijn gesprekken" in texts(app)


def test_a_wrong_pin_is_refused_and_five_stop_the_card(firm_db):
    database, firm = firm_db
    code = invitations.issue_code(database, firm.hr, firm.employee.id)
    sign_in_by_card(database, code)
    app = opened_from_qr(code)
    enter_pin(app, "0000")
    assert "Deze pincode klopt niet. Nog 4 pogingen" in texts(app)
    for _ in range(4):
        enter_pin(app, "0000")
    assert "dit kaartje werkt niet meer" in texts(app)
    assert "Code" in labels(app.text_input) and "Mijn gesprekken" not in texts(app)
    assert "Deze code werkt niet" in texts(opened_from_qr(code))


def test_a_mistyped_pin_to_choose_says_so_and_asks_again(firm_db):
    database, firm = firm_db
    app = opened_from_qr(invitations.issue_code(database, firm.hr, firm.employee.id))
    app.text_input(key="login_pin").input("2468")
    app.text_input(key="login_pin_again").input("2469")
    app.button(key="login_pin_submit").click().run()
    assert "niet gelijk" in texts(app) and "Kies je pincode" in texts(app)
    assert database["sessions"].count == 0


def test_wrong_code_gets_a_clear_message(firm_db):
    app = typed_code("ABCD-EFGH")
    assert "Deze code werkt niet" in texts(app)


def test_code_session_of_a_manager_cannot_open_the_team_conversation(firm_db):
    database, firm = firm_db
    app = give_pin(opened_from_qr(invitations.issue_code(database, firm.hr, firm.manager.id)))
    open_page(app, "pages/fill_in.py", conversation=firm.conversation_id)
    assert not app.exception
    assert "Dit mag je niet bekijken of wijzigen" in texts(app)


def test_code_session_sees_no_password_fields_on_the_account_page(firm_db):
    database, firm = firm_db
    app = give_pin(opened_from_qr(invitations.issue_code(database, firm.hr, firm.employee.id)))
    open_page(app, "pages/account.py")
    assert not app.exception
    assert "aangemeld met een inlogkaartje" in texts(app)
    assert not any(widget.key in ("account_password", "account_current_password") for widget in app.text_input)
    app.radio(key="account_language").set_value("en").run()
    assert not app.exception and "My account" in texts(app)
    assert database.execute("SELECT language FROM people WHERE id = ?", [firm.employee.id]).fetchone()[0] == "nl"


def test_a_revoked_card_signs_its_open_session_out_at_the_next_reload(firm_db):
    database, firm = firm_db
    app = give_pin(opened_from_qr(invitations.issue_code(database, firm.hr, firm.employee.id)))
    assert "Mijn gesprekken" in texts(app)
    invitations.revoke_codes(database, firm.hr, firm.employee.id)
    app.run()
    assert not app.exception
    assert "Code" in labels(app.text_input) and "Mijn gesprekken" not in texts(app)


def test_a_wrong_qr_code_says_so_at_the_top_and_to_ask_hr_for_a_new_card(firm_db):
    app = opened_from_qr("ABCDEFGH")
    assert not app.exception
    shown = [element.type for element in app.main if element.type in ("title", "error", "markdown", "form")]
    assert shown[:3] == ["title", "error", "markdown"]  # right under the title, above the sign-in forms
    assert "Vraag HR om een nieuw kaartje" in texts(app)
    assert len(app.error) == 1  # not again beside the code form further down
