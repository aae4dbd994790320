from tests.app.conftest import open_page, page_run_directly, sign_in, texts


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
