"""A PDF made on one page is that page's PDF: two conversations' reports made in one session each
hold their own employee, and a made PDF is not offered again once the page moved on."""

from __future__ import annotations

from devtalk.services import conversations, reports
from tests.app.conftest import download, open_page, sign_in
from tests.builders import fill_all, flat, text_of


def report_written(database, employee, manager, conversation_id, summary: str) -> None:
    for person in (employee, manager):
        fill_all(database, person, conversation_id)
        conversations.submit(database, person, conversation_id)
    reports.mark_held(database, manager, conversation_id)
    reports.save_draft(database, manager, conversation_id, summary=summary)
    reports.finalise(database, manager, conversation_id)


def outsiders_conversation(database, firm) -> int:
    return database.execute("SELECT id FROM conversations WHERE employee_id = ?", [firm.outsider.id]).fetchone()[0]


def made_pdf(app, deferred_downloads, conversation_id: int) -> bytes:
    open_page(app, "pages/report.py", conversation=conversation_id)
    assert not app.download_button, "a PDF made before is offered again"
    app.button(key="report_make").click().run()
    assert not app.exception
    return download(app, "report_download", deferred_downloads)


def test_two_reports_made_in_one_session_each_hold_their_own_conversation(firm_db, deferred_downloads):
    database, firm = firm_db
    other = outsiders_conversation(database, firm)
    report_written(database, firm.employee, firm.manager, firm.conversation_id, "Verslag over Daan")
    report_written(database, firm.outsider, firm.other_manager, other, "Verslag over Otto")
    app = sign_in("hr")
    first = flat(text_of(made_pdf(app, deferred_downloads, firm.conversation_id)))
    second = flat(text_of(made_pdf(app, deferred_downloads, other)))
    assert "Daan Medewerker" in first and "Verslag over Daan" in first and "Otto Buiten" not in first
    assert "Otto Buiten" in second and "Verslag over Otto" in second and "Daan Medewerker" not in second


def test_a_made_pdf_is_offered_in_the_next_run_only(firm_db, deferred_downloads):
    database, firm = firm_db
    report_written(database, firm.employee, firm.manager, firm.conversation_id, "Eerste versie")
    app = open_page(sign_in("manager"), "pages/report.py", conversation=firm.conversation_id)
    app.button(key="report_make").click().run()
    assert [button.key for button in app.download_button] == ["report_download"]
    app.run()
    assert not app.exception
    assert not app.download_button and "report_make" in {button.key for button in app.button}
