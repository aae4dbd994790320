"""A page left open keeps no old identity: its callbacks run at the start of the next run and its
deferred downloads at the click, both after the page was drawn. Once its person is deactivated,
timed out or no longer HR, they do nothing for that person and the page says they are signed out."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from db import audit, conversations
from db import people as people_db
from devtalk.errors import NotAllowed
from devtalk.i18n import t
from devtalk.services import dossier, people, reports
from tests.app.conftest import ROOT, download, open_page, page_run_directly, sign_in, texts
from tests.builders import submit_both
from ui import callbacks, session

SIGNED_OUT = "Je bent niet (meer) aangemeld"


def exports_by(database, person_id: int) -> list[str]:
    return [event.action for event in audit.list_events(database)
            if event.actor_id == person_id and event.action in ("people.export", "privacy.export")]


def test_an_open_fill_in_page_stores_no_answer_once_the_employee_is_deactivated(firm_db):
    database, firm = firm_db
    app = open_page(sign_in("employee"), "pages/fill_in.py", conversation=firm.conversation_id)
    people.set_active(database, firm.hr, firm.employee.id, False)
    app.pills(key=f"answer_{firm.conversation_id}_tekening-lezen").set_value(4).run()
    assert not app.exception
    assert conversations.answers_of(database, firm.conversation_id, "employee") == {}
    assert SIGNED_OUT in texts(app)


def test_an_open_report_saves_nothing_once_the_managers_session_timed_out(firm_db, monkeypatch):
    database, firm = firm_db
    submit_both(database, firm)
    reports.mark_held(database, firm.manager, firm.conversation_id)
    app = open_page(sign_in("manager"), "pages/report.py", conversation=firm.conversation_id)
    monkeypatch.setenv("DEVTALK_IDLE_MINUTES", "0")
    app.text_area(key="report_summary").input("Geschreven na de time-out").run()
    assert not app.exception
    assert reports.report_view(database, firm.manager, firm.conversation_id).report.summary == ""
    assert SIGNED_OUT in texts(app)


def test_an_open_hr_page_changes_nobody_once_hr_is_deactivated(firm_db):
    database, firm = firm_db
    app = page_run_directly("hr", "pages/hr_people.py")
    app.selectbox(key="people_selected").set_value(firm.outsider.id).run()
    people_db.update_person(database, firm.hr.id, active=False)
    app.button(key="person_deactivate").click().run()
    assert not app.exception
    assert people_db.get_person(database, firm.outsider.id).active
    assert SIGNED_OUT in texts(app)


def test_an_hr_callback_is_refused_once_the_hr_role_is_taken_away(firm_db):
    database, firm = firm_db
    app = page_run_directly("hr", "pages/hr_people.py")
    app.selectbox(key="people_selected").set_value(firm.outsider.id).run()
    people_db.update_person(database, firm.hr.id, roles=("employee",))
    app.button(key="person_deactivate").click().run()
    assert not app.exception
    assert people_db.get_person(database, firm.outsider.id).active


def test_the_people_csv_comes_while_hr_is_signed_in_and_not_after_deactivation(firm_db, deferred_downloads):
    database, firm = firm_db
    app = page_run_directly("hr", "pages/hr_people.py")
    assert "Otto Buiten" in download(app, "export_csv", deferred_downloads).decode("utf-8")
    people_db.update_person(database, firm.hr.id, active=False)
    with pytest.raises(callbacks.SignedOut):
        download(app, "export_csv", deferred_downloads)
    assert exports_by(database, firm.hr.id) == ["people.export"]  # the one made while signed in
    app.download_button(key="export_csv").click().run()
    assert SIGNED_OUT in texts(app)


def test_a_privacy_json_is_not_made_after_the_hr_session_timed_out(firm_db, deferred_downloads, monkeypatch):
    database, firm = firm_db
    app = open_page(sign_in("hr"), "pages/hr_privacy.py")
    app.selectbox(key="privacy_person").set_value(firm.outsider.id).run()
    monkeypatch.setenv("DEVTALK_IDLE_MINUTES", "0")
    with pytest.raises(callbacks.SignedOut):
        download(app, "privacy_json", deferred_downloads)
    assert exports_by(database, firm.hr.id) == []


def test_a_privacy_json_is_refused_once_the_hr_role_is_taken_away(firm_db, deferred_downloads):
    database, firm = firm_db
    app = open_page(sign_in("hr"), "pages/hr_privacy.py")
    app.selectbox(key="privacy_person").set_value(firm.outsider.id).run()
    people_db.update_person(database, firm.hr.id, roles=("employee",))
    with pytest.raises(NotAllowed):
        download(app, "privacy_json", deferred_downloads)
    assert exports_by(database, firm.hr.id) == []


def test_the_sign_in_page_says_why_a_click_did_nothing(firm_db):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    # As a callback leaves it (session.say).
    app.session_state[session.slot_key(session.SIGNED_OUT)] = [(session.WARNING, None, t("app.signed_out", "nl"))]
    app.run()
    assert SIGNED_OUT in texts(app) and app.text_input(key="login_username")
    assert session.slot_key(session.SIGNED_OUT) not in app.session_state  # said once


def test_an_open_dossier_makes_no_pdf_once_the_manager_is_deactivated(firm_db):
    database, firm = firm_db
    app = open_page(sign_in("manager"), "pages/dossier.py", person=firm.employee.id)
    people_db.update_person(database, firm.manager.id, active=False)
    app.button(key=f"dossier_{firm.employee.id}_make").click().run()
    assert not app.exception
    assert f"dossier_{firm.employee.id}_pdf" not in app.session_state
    assert SIGNED_OUT in texts(app)


def test_an_open_dossier_adds_no_note_once_the_managers_session_timed_out(firm_db, monkeypatch):
    database, firm = firm_db
    app = open_page(sign_in("manager"), "pages/dossier.py", person=firm.employee.id)
    app.text_area(key="dossier_note").input("Na de time-out geschreven")
    monkeypatch.setenv("DEVTALK_IDLE_MINUTES", "0")
    app.button(key="dossier_add_note").click().run()
    assert not app.exception
    assert dossier.overview(database, firm.hr, firm.employee.id)[0].notes == []
    assert SIGNED_OUT in texts(app)
