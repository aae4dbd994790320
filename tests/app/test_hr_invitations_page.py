from devtalk.services import invitations
from tests.app.conftest import open_page, page_run_directly, sign_in, texts
from tests.builders import sign_in_by_card


def test_hr_makes_cards_for_chosen_people(firm_db):
    _, firm = firm_db
    app = open_page(sign_in("hr"), "pages/hr_invitations.py")
    app.multiselect(key="cards_people").set_value([firm.employee.id]).run()
    app.button(key="cards_make").click().run()
    assert not app.exception
    assert "De kaartjes zijn klaar" in texts(app)


def test_employee_and_manager_are_refused(firm_db):
    for username in ("employee", "manager"):
        app = page_run_directly(username, "pages/hr_invitations.py")
        assert not app.exception
        assert "Dit mag je niet bekijken of wijzigen" in texts(app) and not app.multiselect


def test_hr_clears_a_pin_and_switches_the_pin_off(firm_db):
    database, firm = firm_db
    sign_in_by_card(database, invitations.issue_code(database, firm.hr, firm.employee.id))
    app = open_page(sign_in("hr"), "pages/hr_invitations.py")
    app.multiselect(key="cards_people").set_value([firm.employee.id]).run()
    app.button(key="cards_pin_reset").click().run()
    assert not app.exception
    assert "De pincode is gewist" in texts(app)
    assert database.execute("SELECT pin_hash FROM accounts WHERE person_id = ?", [firm.employee.id]).fetchone()[0] is None
    assert app.toggle(key="cards_pin_required").value is True
    app.toggle(key="cards_pin_required").set_value(False).run()
    assert not app.exception and not invitations.pin_required(database)
