"""The sign-in page with an office account: the button where the firm offers it, the person the
provider sent back signed in, a refusal told, HR's switch. The browser test walks the real provider."""

import time

import pytest
from streamlit.testing.v1 import AppTest

from db.people import update_person
from devtalk.services import oidc_sign_in
from tests.app.conftest import ROOT, labels, open_page, reload, sign_in, texts

SECRETS = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                    "kantoor": {"client_id": "devtalk", "client_secret": "geheim",
                                "server_metadata_url": "http://localhost:9/.well-known/openid-configuration"}}}


def office_account(email: str = "daan@smit-metaal.nl", **claims) -> dict:
    """st.user right after the provider sent the person back to devtalk."""
    return {"is_logged_in": True, "provider": "kantoor", "email": email, "email_verified": True,
            "iat": int(time.time()), **claims}


def sign_in_page(user: dict | None = None) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    app.secrets = {**SECRETS}
    app.user = user if user is not None else {"is_logged_in": False}
    return app.run()


@pytest.fixture
def offering(firm_db):
    database, firm = firm_db
    oidc_sign_in.set_offered_provider(database, firm.hr, "kantoor")
    update_person(database, firm.employee.id, email="Daan@Smit-Metaal.nl")
    return database, firm


def test_a_firm_that_offers_office_accounts_shows_the_button_above_the_other_ways(offering):
    app = sign_in_page()
    assert not app.exception
    assert labels(app.button)[0] == "Aanmelden met je kantooraccount"
    assert labels(app.text_input) == ["Gebruikersnaam", "Wachtwoord", "Code"]


def test_passwords_keep_working_beside_the_button(offering):
    app = sign_in_page()
    app.text_input(key="login_username").input("employee")
    app.text_input(key="login_password").input("geheim123")
    app = reload(app.button(key="login_submit").click().run())
    assert "Gesprek met Marco Manager" in texts(app)


def test_a_firm_that_does_not_offer_them_shows_no_button(firm_db):
    assert "oidc_sign_in" not in [button.key for button in sign_in_page().button]


def test_a_firm_naming_a_provider_the_server_lacks_shows_no_button(offering):
    database, firm = offering
    oidc_sign_in.set_offered_provider(database, firm.hr, "elders")
    assert "oidc_sign_in" not in [button.key for button in sign_in_page().button]


def test_the_person_the_provider_sent_back_is_signed_in_as_themselves(offering):
    app = sign_in_page(office_account("DAAN@smit-metaal.nl"))
    assert not app.exception
    assert "Mijn gesprekken" in texts(app) and "Gesprek met Marco Manager" in texts(app)


def test_an_office_account_that_names_nobody_here_is_told_why_and_may_try_another(offering):
    app = sign_in_page(office_account("iemand@elders.nl"))
    assert "Er is hier niemand actief met het e-mailadres van je kantooraccount" in texts(app)
    assert "Een ander kantooraccount gebruiken" in labels(app.button)
    assert "session_token" not in app.session_state
    assert labels(app.text_input) == ["Gebruikersnaam", "Wachtwoord", "Code"]


def test_hr_switches_office_accounts_on_and_off_on_the_cards_page(firm_db):
    database, _ = firm_db
    app = sign_in("hr")
    app.secrets = {**SECRETS}
    open_page(app, "pages/hr_invitations.py")
    assert "Aanmelden met een kantooraccount: uit." in texts(app)
    app.button(key="oidc_switch_on_kantoor").click().run()
    assert "Aanmelden met een kantooraccount: aan, via **kantoor**." in texts(app)
    assert oidc_sign_in.offered_provider(database) == "kantoor"
    app.button(key="oidc_switch_off").click().run()
    assert oidc_sign_in.offered_provider(database) is None


def test_signing_out_ends_the_devtalk_session_and_the_office_accounts_sign_in_with_streamlit(offering):
    """Else the sign-in page would let the person straight back in. The browser test follows the
    redirect through the provider's sign-out."""
    database, firm = offering
    app = open_page(sign_in_page(office_account()), "pages/account.py")
    app.button(key="sign_out").click().run()
    assert app.user == {"is_logged_in": False}
    assert database.execute("SELECT count(*) FROM sessions WHERE person_id = ?", [firm.employee.id]).fetchone()[0] == 0
