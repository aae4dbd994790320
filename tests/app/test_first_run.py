"""An empty database leads HR through setting up the firm, then a checklist of what is left."""

import pytest
from streamlit.testing.v1 import AppTest

import db as storage
from devtalk.services.setup import AlreadySetUp, create_firm
from tests.app.conftest import ROOT, open_page, reload, texts


@pytest.fixture
def empty_db(tmp_path, monkeypatch):
    path = tmp_path / "empty.db"
    monkeypatch.setenv("DEVTALK_DB", str(path))
    database = storage.open_db(path)
    storage.migrate(database)
    yield database
    database.conn.close()


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
