from streamlit.testing.v1 import AppTest

from devtalk.services import invitations
from tests.app.conftest import ROOT, open_page, reload, start_app, texts


def opened_from_qr(code: str) -> AppTest:
    """The app as the link on an invitation card opens it: /?code=..."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    app.query_params["code"] = code
    return app.run()


def test_typed_code_opens_the_persons_own_conversations(firm_db):
    database, firm = firm_db
    code = invitations.issue_code(database, firm.hr, firm.employee.id)
    app = start_app()
    app.text_input(key="login_code").input(code.lower())
    app.button(key="login_code_submit").click().run()
    reload(app)
    assert not app.exception
    assert "Gesprek met Marco Manager" in texts(app)


def test_qr_link_with_code_signs_in_and_leaves_the_address(firm_db):
    database, firm = firm_db
    code = invitations.issue_code(database, firm.hr, firm.employee.id)
    app = opened_from_qr(code)
    assert not app.exception
    assert "Mijn gesprekken" in texts(app)
    assert "code" not in app.query_params


def test_wrong_code_gets_a_clear_message(firm_db):
    app = start_app()
    app.text_input(key="login_code").input("ABCD-EFGH")
    app.button(key="login_code_submit").click().run()
    assert "Deze code werkt niet" in texts(app)


def test_code_session_of_a_manager_cannot_open_the_team_conversation(firm_db):
    database, firm = firm_db
    code = invitations.issue_code(database, firm.hr, firm.manager.id)
    app = opened_from_qr(code)
    open_page(app, "pages/fill_in.py", conversation=firm.conversation_id)
    assert not app.exception
    assert "Dit mag je niet bekijken of wijzigen" in texts(app)
