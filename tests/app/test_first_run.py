"""An empty database leads HR through setting up the firm, then a checklist of what is left."""

import pytest
from streamlit.testing.v1 import AppTest

from devtalk.services import address
from devtalk.services.setup import AlreadySetUp, create_firm
from tests.app.conftest import ROOT, open_page, reload, texts


@pytest.fixture
def empty_db(fresh_db, app_opens):
    app_opens(fresh_db)
    return fresh_db


def test_first_run_creates_the_firm_and_signs_hr_in(empty_db):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert "devtalk inrichten" in texts(app)
    app.text_input(key="setup_firm").input("Metaalbouw Jansen")
    app.text_input(key="setup_name").input("Petra de Wit")
    app.text_input(key="setup_username").input("petra")
    app.text_input(key="setup_password").input("geheim12345")
    app.button(key="setup_submit").click().run()
    reload(app)
    assert not app.exception
    assert "Aangemeld als Petra de Wit" in [c.value for c in app.sidebar.caption][0].replace("\\", "")
    open_page(app, "pages/hr_start.py")
    shown = texts(app)
    assert "Functies beschrijven" in shown and "Een gespreksronde starten" in shown
    app.button(key="start_use_techniek-carrosserie").click().run()
    assert "De vragenlijst staat in de bibliotheek" in texts(app)
    assert "✓ klaar" in texts(app)


def fill_in_setup(app: AppTest) -> AppTest:
    app.text_input(key="setup_firm").input("Metaalbouw Jansen")
    app.text_input(key="setup_name").input("Petra de Wit")
    app.text_input(key="setup_username").input("petra")
    app.text_input(key="setup_password").input("geheim12345")
    return app


def test_after_setup_hr_lands_on_the_checklist(empty_db):
    app = fill_in_setup(AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run())
    app.button(key="setup_submit").click().run()
    reload(app)  # as the browser goes on after the click: app.py with the new session
    assert not app.exception
    assert [title.value for title in app.title] == ["Aan de slag"]


def test_setup_asks_for_the_address_colleagues_reach_and_stores_it(empty_db, monkeypatch):
    monkeypatch.delenv("DEVTALK_PUBLIC_URL", raising=False)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert app.text_input(key="setup_address").value == "http://localhost:8501"  # AppTest has no browser address
    assert "werkt alleen op deze computer" in texts(app)
    fill_in_setup(app).text_input(key="setup_address").input("devtalk.jansen.nl")
    app.button(key="setup_submit").click().run()
    assert not app.exception
    assert address.public_address(empty_db).url == "http://devtalk.jansen.nl"


def test_setup_with_a_typo_in_the_address_says_so_and_creates_nothing(empty_db):
    app = fill_in_setup(AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run())
    app.text_input(key="setup_address").input("http://devtalk jansen")
    app.button(key="setup_submit").click().run()
    assert "is geen webadres" in texts(app) and empty_db["people"].count == 0


def test_setup_with_a_short_password_keeps_what_was_typed(empty_db):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    app.text_input(key="setup_firm").input("Metaalbouw Jansen")
    app.text_input(key="setup_name").input("Petra de Wit")
    app.text_input(key="setup_username").input("petra")
    app.text_input(key="setup_password").input("kort")
    app.button(key="setup_submit").click().run()
    assert "minstens 8 tekens" in texts(app)
    assert app.text_input(key="setup_firm").value == "Metaalbouw Jansen"


def test_setup_is_refused_once_people_exist(empty_db):
    create_firm(empty_db, firm_name="A", language="nl", name="B", username="b", password="geheim12345")
    with pytest.raises(AlreadySetUp):
        create_firm(empty_db, firm_name="X", language="nl", name="Y", username="y", password="geheim12345")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert "Welkom bij devtalk" in texts(app)
