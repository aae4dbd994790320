from datetime import date, timedelta

from devtalk.services import conversations, reports
from tests.app.conftest import (
    after_a_server_restart,
    download,
    open_page,
    sign_in,
    texts,
)
from tests.builders import final_report, submit_both


def manager_on_the_held_report(database, firm):
    """The manager's report page of a conversation both sides submitted and the manager held."""
    submit_both(database, firm)
    reports.mark_held(database, firm.manager, firm.conversation_id)
    return open_page(sign_in("manager"), "pages/report.py", conversation=firm.conversation_id)


def test_manager_records_the_meeting_writes_the_report_and_finalises(firm_db):
    database, firm = firm_db
    submit_both(database, firm)
    app = open_page(sign_in("manager"), "pages/report.py", conversation=firm.conversation_id)
    app.button(key="mark_held").click().run()
    assert not app.exception
    app.text_area(key="report_summary").input("Open gesprek over lassen").run()
    app.text_area(key="report_agreements").input("Cursus TIG").run()
    app.text_input(key="action_what").input("Cursus TIG-lassen").run()
    app.selectbox(key="action_kind").set_value("course").run()
    app.date_input(key="action_due").set_value(date.today() + timedelta(days=60)).run()
    app.button(key="action_add").click().run()
    assert "Cursus TIG-lassen" in texts(app)
    app.checkbox(key="confirm_finalise").check().run()
    app.button(key="finalise").click().run()
    assert not app.exception
    view = reports.report_view(database, firm.employee, firm.conversation_id)
    assert view.report.summary == "Open gesprek over lassen"
    assert [a.what for a in view.actions] == ["Cursus TIG-lassen"]
    assert view.conversation.status == "reported"


def test_an_action_due_in_the_past_is_refused_and_the_text_kept(firm_db):
    database, firm = firm_db
    app = manager_on_the_held_report(database, firm)
    app.text_input(key="action_what").input("   ").run()
    app.button(key="action_add").click().run()
    assert "Beschrijf wat de actie is" in texts(app)


def test_employee_reads_and_acknowledges_the_final_report(firm_db):
    database, firm = firm_db
    final_report(database, firm, "Samen besproken")
    app = open_page(sign_in("employee"), "pages/report.py", conversation=firm.conversation_id)
    assert "Samen besproken" in texts(app)
    app.text_area(key=f"ack_comment_{firm.conversation_id}").input("Helder verslag").run()
    app.button(key="acknowledge").click().run()
    assert not app.exception
    assert "Gelezen door de medewerker" in texts(app)
    assert conversations.get_conversation(database, firm.employee, firm.conversation_id).status == "acknowledged"


def test_the_employees_reply_is_stored_as_typed_and_is_back_in_the_box_on_the_next_visit(firm_db):
    database, firm = firm_db
    final_report(database, firm, "Goed gesprek")
    app = open_page(sign_in("employee"), "pages/report.py", conversation=firm.conversation_id)
    app.text_area(key=f"ack_comment_{firm.conversation_id}").input("Ik mis de cursus").run()
    assert reports.comment_draft(database, firm.employee, firm.conversation_id) == "Ik mis de cursus"
    again = open_page(sign_in("employee"), "pages/report.py", conversation=firm.conversation_id)
    assert again.text_area(key=f"ack_comment_{firm.conversation_id}").value == "Ik mis de cursus"
    assert conversations.get_conversation(database, firm.employee, firm.conversation_id).status == "reported"


def test_employee_cannot_open_the_draft_report(firm_db):
    database, firm = firm_db
    submit_both(database, firm)
    reports.mark_held(database, firm.manager, firm.conversation_id)
    reports.save_draft(database, firm.manager, firm.conversation_id, summary="geheim concept")
    app = open_page(sign_in("employee"), "pages/report.py", conversation=firm.conversation_id)
    assert not app.exception
    assert "nog niet klaar" in texts(app)
    assert "geheim concept" not in texts(app)


def test_manager_reorders_and_removes_agenda_points(firm_db):
    database, firm = firm_db
    app = manager_on_the_held_report(database, firm)
    app.button(key="agenda_down_gap:tekening-lezen").click().run()
    keys = [p.key for p in reports.report_view(database, firm.manager, firm.conversation_id).report.agenda]
    assert keys == ["gap:veilig-werken", "gap:tekening-lezen", "energy:energie"]
    app.button(key="agenda_remove_energy:energie").click().run()
    keys = [p.key for p in reports.report_view(database, firm.manager, firm.conversation_id).report.agenda]
    assert keys == ["gap:veilig-werken", "gap:tekening-lezen"]


def test_final_report_can_be_downloaded_as_pdf(firm_db, deferred_downloads):
    database, firm = firm_db
    final_report(database, firm, "Samen besproken")
    app = open_page(sign_in("employee"), "pages/report.py", conversation=firm.conversation_id)
    app.button(key="report_make").click().run()
    assert not app.exception
    assert download(app, "report_download", deferred_downloads).startswith(b"%PDF")


def test_a_summary_typed_while_the_server_restarted_is_stored_and_stays_in_the_box(firm_db):
    database, firm = firm_db
    app = manager_on_the_held_report(database, firm)
    app.text_area(key="report_summary").set_value("Getypt tijdens de herstart")
    after_a_server_restart(app)
    assert not app.exception
    assert reports.report_view(database, firm.manager, firm.conversation_id).report.summary == "Getypt tijdens de herstart"
    assert app.text_area(key="report_summary").value == "Getypt tijdens de herstart"
    assert "Niet opgeslagen" not in texts(app)


def test_a_stale_tabs_text_after_a_server_restart_is_shown_as_not_stored(firm_db):
    database, firm = firm_db
    app = manager_on_the_held_report(database, firm)
    app.text_area(key="report_summary").set_value("Oude kopie van dit tabblad")
    reports.save_draft(database, firm.manager, firm.conversation_id, summary="Uit een ander tabblad")
    after_a_server_restart(app)
    assert not app.exception
    assert reports.report_view(database, firm.manager, firm.conversation_id).report.summary == "Uit een ander tabblad"
    assert app.text_area(key="report_summary").value == "Oude kopie van dit tabblad"
    assert "Niet opgeslagen" in texts(app) and "Uit een ander tabblad" in [element.value for element in app.text]


def test_a_final_report_stores_nothing_the_browser_brings_after_a_server_restart(firm_db):
    database, firm = firm_db
    submit_both(database, firm)
    reports.mark_held(database, firm.manager, firm.conversation_id)
    reports.save_draft(database, firm.manager, firm.conversation_id, summary="Samen besproken")
    app = open_page(sign_in("manager"), "pages/report.py", conversation=firm.conversation_id)
    app.text_area(key="report_agreements").set_value("Na het afronden getypt")
    reports.finalise(database, firm.manager, firm.conversation_id)
    after_a_server_restart(app)
    assert not app.exception
    assert reports.report_view(database, firm.manager, firm.conversation_id).report.agreements == ""


def test_a_second_tab_overwriting_the_summary_is_told_and_keeps_its_text(firm_db):
    database, firm = firm_db
    submit_both(database, firm)
    reports.mark_held(database, firm.manager, firm.conversation_id)
    first = open_page(sign_in("manager"), "pages/report.py", conversation=firm.conversation_id)
    second = open_page(sign_in("manager"), "pages/report.py", conversation=firm.conversation_id)
    first.text_area(key="report_summary").input("Geschreven in het eerste tabblad").run()
    second.text_area(key="report_summary").input("Geschreven in het tweede tabblad").run()
    assert not second.exception
    assert reports.report_view(database, firm.manager, firm.conversation_id).report.summary == "Geschreven in het eerste tabblad"
    assert second.text_area(key="report_summary").value == "Geschreven in het tweede tabblad"
    assert "Niet opgeslagen" in texts(second) and "Geschreven in het eerste tabblad" in [e.value for e in second.text]

    second.text_area(key="report_summary").input("Geschreven in het tweede tabblad, bewust").run()
    assert reports.report_view(database, firm.manager, firm.conversation_id).report.summary == (
        "Geschreven in het tweede tabblad, bewust")
    assert "Niet opgeslagen" not in texts(second)


def test_a_conflict_notice_is_gone_once_the_report_is_opened_again(firm_db):
    database, firm = firm_db
    app = manager_on_the_held_report(database, firm)
    reports.save_draft(database, firm.manager, firm.conversation_id, summary="Uit een ander tabblad")
    app.text_area(key="report_summary").input("Van dit tabblad").run()
    assert "Niet opgeslagen" in texts(app)
    open_page(app, "pages/my_conversations.py")
    open_page(app, "pages/report.py", conversation=firm.conversation_id)
    assert not app.exception
    assert "Niet opgeslagen" not in texts(app)
    assert app.text_area(key="report_summary").value == "Uit een ander tabblad"


def test_the_manager_reads_the_employees_comment_under_the_employees_name(firm_db):
    """"Mijn reactie" above Daan's words told Marco they were his own."""
    database, firm = firm_db
    final_report(database, firm, "Samen besproken")
    reports.acknowledge(database, firm.employee, firm.conversation_id, "Ik mis de cursus")
    for page, params in (("pages/report.py", {"conversation": firm.conversation_id}),
                         ("pages/dossier.py", {"person": firm.employee.id})):
        managers = open_page(sign_in("manager"), page, **params)
        assert not managers.exception
        assert "Reactie van Daan Medewerker" in texts(managers) and "Mijn reactie" not in texts(managers)
        own = open_page(sign_in("employee"), page, **params)
        assert "Mijn reactie" in texts(own) and "Reactie van" not in texts(own)


def test_the_agenda_editor_shows_both_answers_beside_each_point_about_a_scale_item(firm_db):
    database, firm = firm_db
    app = manager_on_the_held_report(database, firm)
    assert not app.exception
    captions = [caption.value for caption in app.caption]
    # Two large gaps, each with both sides' answers; the energy point has no scale answers.
    assert captions.count("Medewerker 5 · leidinggevende 2") == 2


def test_the_final_report_shows_only_the_agenda_points_with_a_note(firm_db):
    database, firm = firm_db
    submit_both(database, firm)
    reports.mark_held(database, firm.manager, firm.conversation_id)
    reports.save_draft(database, firm.manager, firm.conversation_id, summary="Samen besproken")
    reports.save_note(database, firm.manager, firm.conversation_id, "gap:veilig-werken", "VCA samen doorlopen")
    reports.finalise(database, firm.manager, firm.conversation_id)
    app = open_page(sign_in("employee"), "pages/report.py", conversation=firm.conversation_id)
    assert not app.exception
    assert "Ik werk veilig" in texts(app) and "VCA samen doorlopen" in texts(app)
    assert "Ik kan een werktekening lezen" not in texts(app)
