from devtalk.services import invitations
from tests.app.conftest import open_page, sign_in, texts
from tests.builders import sign_in_by_card


def cards_page():
    return open_page(sign_in("hr"), "pages/hr_invitations.py")


def pick(app, *people):
    """Tick these people one by one, as HR does under 'Zelf mensen aanvinken'."""
    app.radio(key="cards_scope").set_value("pick").run()
    for someone in people:
        app.checkbox(key=f"cards_pick_{someone.id}").check()
    return app.run()


def live_cards(database) -> int:
    return database.execute("SELECT count(*) FROM invitations WHERE revoked_at IS NULL").fetchone()[0]


def test_hr_makes_cards_for_chosen_people(firm_db):
    _, firm = firm_db
    app = pick(cards_page(), firm.employee)
    app.button(key="cards_make").click().run()
    assert not app.exception
    assert "De kaartjes zijn klaar" in texts(app)


def test_choosing_a_team_makes_cards_for_the_whole_team_in_one_click(firm_db):
    database, firm = firm_db
    app = cards_page()
    assert any(option.startswith("Team van Marco Manager") for option in app.radio(key="cards_scope").options)
    app.radio(key="cards_scope").set_value(firm.manager.id).run()
    assert "Gekozen: 1" in texts(app)
    app.button(key="cards_make").click().run()
    assert not app.exception and "De kaartjes zijn klaar" in texts(app)
    assert [row["person_id"] for row in database["invitations"].rows] == [firm.employee.id]


def test_everyone_is_one_choice(firm_db):
    database, _ = firm_db
    app = cards_page()
    app.radio(key="cards_scope").set_value("everyone").run()
    app.button(key="cards_make").click().run()
    assert "De kaartjes zijn klaar" in texts(app) and live_cards(database) == 5


def test_making_cards_for_nobody_says_why_nothing_was_made(firm_db):
    database, _ = firm_db
    app = cards_page()
    app.button(key="cards_make").click().run()
    assert not app.exception
    assert "Kies eerst voor wie je kaartjes wilt maken" in texts(app) and live_cards(database) == 0


def test_replacing_cards_that_still_work_asks_first_and_says_how_many(firm_db):
    database, firm = firm_db
    invitations.issue_code(database, firm.hr, firm.employee.id)
    app = cards_page()
    app.radio(key="cards_scope").set_value("everyone").run()
    app.button(key="cards_make").click().run()
    assert "Kaartjes die nog werken: 1 van de 5 gekozen mensen" in texts(app)
    assert "De kaartjes zijn klaar" not in texts(app) and live_cards(database) == 1
    app.button(key="cards_keep").click().run()
    assert "Kaartjes die nog werken" not in texts(app) and live_cards(database) == 1
    app.button(key="cards_make").click().run()
    app.button(key="cards_replace").click().run()
    assert not app.exception and "De kaartjes zijn klaar" in texts(app) and live_cards(database) == 5


def test_cards_page_warns_before_printing_when_the_cards_would_point_at_localhost(firm_db, monkeypatch):
    monkeypatch.delenv("DEVTALK_PUBLIC_URL", raising=False)
    app = cards_page()  # AppTest has no browser address: the cards would carry localhost
    assert "print nog niet" in texts(app) and "http://localhost:8501" in texts(app)
    app.text_input(key="cards_address").input("devtalk.metaal.nl")
    app.button(key="cards_address_save").click().run()
    assert not app.exception and "Het adres is bewaard" in texts(app)
    assert "print nog niet" not in texts(app) and "De QR-code opent https://devtalk.metaal.nl" not in texts(app)
    assert "De QR-code opent http://devtalk.metaal.nl" in texts(app)


def test_a_typo_in_the_address_is_refused_and_changes_nothing(firm_db, monkeypatch):
    monkeypatch.delenv("DEVTALK_PUBLIC_URL", raising=False)
    database, _ = firm_db
    app = cards_page()
    app.text_input(key="cards_address").input("https://devtalk metaal.nl")
    app.button(key="cards_address_save").click().run()
    assert not app.exception and "is geen webadres" in texts(app)
    assert database.execute("SELECT count(*) FROM settings WHERE key = 'public_url'").fetchone()[0] == 0


def test_an_address_set_on_the_server_is_shown_and_not_editable(firm_db, monkeypatch):
    monkeypatch.setenv("DEVTALK_PUBLIC_URL", "https://devtalk.example.nl")
    app = cards_page()
    assert "De QR-code opent https://devtalk.example.nl" in texts(app) and "DEVTALK_PUBLIC_URL" in texts(app)
    assert "print nog niet" not in texts(app) and not [w for w in app.text_input if w.key == "cards_address"]


def test_hr_clears_a_pin_and_switches_the_pin_off(firm_db):
    database, firm = firm_db
    sign_in_by_card(database, invitations.issue_code(database, firm.hr, firm.employee.id))
    app = pick(cards_page(), firm.employee)
    app.button(key="cards_pin_reset").click().run()
    assert not app.exception
    assert "De pincode is gewist" in texts(app)
    assert database.execute("SELECT pin_hash FROM accounts WHERE person_id = ?", [firm.employee.id]).fetchone()[0] is None
    assert "Kaartjes vragen om een pincode: aan." in texts(app)
    app.button(key="cards_pin_switch").click().run()
    assert not app.exception and not invitations.pin_required(database)
    assert "Kaartjes vragen om een pincode: uit." in texts(app)


def test_the_pin_setting_moves_only_when_hr_presses_its_button(firm_db):
    """The setting is no widget value: runs of the page and other buttons never switch it."""
    database, firm = firm_db
    app = pick(cards_page(), firm.employee)
    app.button(key="cards_make").click().run()
    app.run()
    assert not app.exception and invitations.pin_required(database)
    app.button(key="cards_pin_switch").click().run()
    app.button(key="cards_pin_switch").click().run()
    assert not app.exception and invitations.pin_required(database)
