import re

from devtalk.services import actions, reports
from tests.app.conftest import ROOT, open_page, sign_in, texts
from tests.builders import submit_both


def held_with_action(database, firm):
    submit_both(database, firm)
    reports.mark_held(database, firm.manager, firm.conversation_id)
    action = actions.add_action(database, firm.manager, firm.conversation_id, what="Meelopen met Jan", kind="walk_along")
    reports.save_draft(database, firm.manager, firm.conversation_id, summary="Goed gesprek")
    reports.finalise(database, firm.manager, firm.conversation_id)
    return action


def test_employee_updates_status_and_adds_a_progress_note(firm_db):
    database, firm = firm_db
    action = held_with_action(database, firm)
    app = open_page(sign_in("employee"), "pages/my_actions.py")
    assert "Meelopen met Jan" in texts(app)
    app.selectbox(key=f"status_{action.id}").set_value("in_progress").run()
    app.text_area(key=f"note_{action.id}").input("Eerste dag gedaan").run()
    app.button(key=f"add_note_{action.id}").click().run()
    assert not app.exception
    own, _ = actions.my_actions(database, firm.employee)
    assert own[0].action.status == "in_progress"
    assert [n.note for n in own[0].action.notes] == ["Eerste dag gedaan"]


def test_manager_sees_team_actions(firm_db):
    database, firm = firm_db
    held_with_action(database, firm)
    app = open_page(sign_in("manager"), "pages/my_actions.py")
    assert "Acties van mijn team" in texts(app) and "Meelopen met Jan" in texts(app)


def test_employee_sees_own_dossier_with_report(firm_db):
    database, firm = firm_db
    held_with_action(database, firm)
    app = open_page(sign_in("employee"), "pages/dossier.py")
    assert not app.exception
    assert "Dossier van Daan Medewerker" in texts(app) and "Goed gesprek" in texts(app)


def test_employee_cannot_open_another_persons_dossier_by_url(firm_db):
    database, firm = firm_db
    app = open_page(sign_in("employee"), "pages/dossier.py", person=firm.manager.id)
    assert not app.exception
    assert "Dit mag je niet bekijken of wijzigen" in texts(app)


def test_manager_adds_a_private_note_the_employee_does_not_see(firm_db):
    database, firm = firm_db
    app = open_page(sign_in("manager"), "pages/dossier.py", person=firm.employee.id)
    app.selectbox(key="dossier_person").set_value(firm.employee.id).run()
    app.text_area(key="dossier_note").input("Alleen voor HR").run()
    app.checkbox(key="dossier_note_private").check().run()
    app.button(key="dossier_add_note").click().run()
    assert "Alleen voor HR" in texts(app)
    employee_view = open_page(sign_in("employee"), "pages/dossier.py")
    assert "Alleen voor HR" not in texts(employee_view)


def test_my_conversations_shows_team_for_manager(firm_db):
    app = sign_in("manager")
    assert "Gesprekken met mijn team" in texts(app) and "Daan Medewerker" in texts(app)


def test_the_employee_sees_no_draft_action_until_the_report_is_final(firm_db):
    database, firm = firm_db
    submit_both(database, firm)
    reports.mark_held(database, firm.manager, firm.conversation_id)
    actions.add_action(database, firm.manager, firm.conversation_id, what="Concept-actie", kind="course")
    for page in ("pages/my_actions.py", "pages/dossier.py"):
        app = open_page(sign_in("employee"), page)
        assert not app.exception
        assert "Concept-actie" not in texts(app)
    assert "Concept-actie" in texts(open_page(sign_in("manager"), "pages/my_actions.py"))


def test_the_employee_reads_on_their_dossier_who_sees_what_of_it(firm_db):
    database, firm = firm_db
    own = open_page(sign_in("employee"), "pages/dossier.py")
    assert not own.exception and "Wie ziet wat van dit dossier?" in texts(own)
    managers_view = open_page(sign_in("manager"), "pages/dossier.py", person=firm.employee.id)
    assert not managers_view.exception and "Wie ziet wat van dit dossier?" not in texts(managers_view)


def test_no_download_is_named_after_a_username():
    """A file name travels (mail, shared folders, a browser's download list); a username is a
    sign-in half and stays out of it."""
    named = re.compile(r"""f["'][^"']*\{[^}]*username[^}]*\}[^"']*\.(pdf|json|csv|xlsx|yaml)["']""")
    for source in sorted((ROOT / "pages").glob("*.py")) + sorted((ROOT / "ui").glob("*.py")):
        assert not named.search(source.read_text(encoding="utf-8")), source.name
