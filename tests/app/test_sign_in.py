from tests.app.conftest import labels, open_page, reload, sign_in, start_app, submit_sign_in, texts

# What a signed-out visitor reads: the sign-in form and, beside it, the field for a card's code.
SIGN_IN_FIELDS = ["Gebruikersnaam", "Wachtwoord", "Code"]


def test_signed_out_visitor_sees_only_the_sign_in_form(firm_db):
    app = start_app()
    assert not app.exception
    assert labels(app.text_input) == SIGN_IN_FIELDS
    assert "Welkom bij devtalk" in texts(app)


def test_wrong_password_shows_a_generic_message_and_no_pages(firm_db):
    app = submit_sign_in("employee", "fout")
    assert "Aanmelden lukt niet" in texts(app)
    assert labels(app.text_input) == SIGN_IN_FIELDS


def test_signed_in_employee_lands_on_my_conversations(firm_db):
    app = sign_in("employee")
    assert "Mijn gesprekken" in texts(app)
    assert "Gesprek met Marco Manager" in texts(app)


def test_tampered_session_token_does_not_sign_anyone_in(firm_db):
    app = start_app()
    app.session_state["session_token"] = "guessed-token"
    app.run()
    assert labels(app.text_input) == SIGN_IN_FIELDS
    assert "Mijn gesprekken" not in texts(app)


def test_sign_out_clears_the_session(firm_db):
    app = sign_in("employee")
    open_page(app, "pages/account.py")
    app.button(key="sign_out").click().run()
    reload(app)
    assert not app.exception
    assert labels(app.text_input) == SIGN_IN_FIELDS
    assert "session_token" not in app.session_state


def test_switching_language_changes_the_texts(firm_db):
    app = sign_in("employee")
    open_page(app, "pages/account.py")
    app.radio(key="account_language").set_value("en").run()
    open_page(app, "pages/my_conversations.py")
    assert "My conversations" in texts(app)


def test_changing_the_password_on_the_account_page_asks_for_the_current_one(firm_db):
    app = open_page(sign_in("employee"), "pages/account.py")
    app.text_input(key="account_current_password").input("fout")
    app.text_input(key="account_password").input("nieuwwachtwoord")
    app.button(key="account_save_password").click().run()
    assert "Je huidige wachtwoord klopt niet" in texts(app)
    app.text_input(key="account_current_password").input("geheim123")
    app.text_input(key="account_password").input("nieuwwachtwoord")
    app.button(key="account_save_password").click().run()
    assert not app.exception
    assert "Je wachtwoord is gewijzigd" in texts(app)
    assert "Mijn gesprekken" in texts(sign_in("employee", "nieuwwachtwoord"))
