"""A check-in on a 390 px phone in Dutch, as Daan does it between two talks: he starts one from his
start page, types an answer without leaving the field, reloads and finds it, marks his open course
done in the same screen, and finishes; and what he typed just before the server was killed is
stored once his phone reconnects. Screenshot: test-artifacts/phone-check-in.png."""

import time

import pytest
from playwright.sync_api import expect

import db as storage
from db import actions, check_ins
from db.people import person_by_username
from devtalk.services import check_ins as check_in_service
from tests.browser.conftest import ARTIFACTS, phone, settle, sign_in, typed_just_before_a_kill

pytestmark = pytest.mark.browser
ENERGY = "[class*='st-key-check_in_question_energie']"
ANSWER = "Het aluminium laswerk, daar wil ik meer van."


def stored(db_path, read):
    """``read(database, daan)`` on the server's database, as it is now."""
    database = storage.open_db(db_path)
    try:
        return read(database, person_by_username(database, "employee"))
    finally:
        database.conn.close()


def newest_check_in(database, daan):
    found = check_ins.check_ins_of(database, daan.id)
    return found[0] if found else None


def test_the_employee_does_a_check_in_on_a_phone(browser, server):
    before = stored(server["db"], newest_check_in)
    context, page = phone(browser)
    sign_in(page, server["url"], "employee")
    page.locator(".st-key-check_in_entry").screenshot(path=str(ARTIFACTS / "phone-check-in-entry.png"))
    page.get_by_role("link", name="Mijn check-ins").click()
    page.get_by_role("heading", name="Mijn check-ins").wait_for()
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "phone-check-ins.png"))
    page.get_by_role("button", name="Start een check-in").click()
    page.get_by_text("Waar krijg je nu energie van?").wait_for()
    settle(page)
    started = stored(server["db"], newest_check_in)
    assert started is not None and started != before

    # Typed without leaving the field: the page saves it on its own after a pause.
    box = page.locator(f"{ENERGY} textarea")
    box.click()
    box.press_sequentially(ANSWER)
    page.locator(ENERGY).get_by_text("Opgeslagen").wait_for()
    page.reload()
    expect(page.locator(f"{ENERGY} textarea")).to_have_value(ANSWER)
    settle(page)

    course = page.locator("[class*='st-key-check_in_listed_']", has_text="Cursus 3D-tekeningen")
    done = course.get_by_role("radio", name="Klaar")
    done.tap()
    expect(done).to_have_attribute("aria-checked", "true")
    settle(page)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
    page.screenshot(path=str(ARTIFACTS / "phone-check-in.png"), full_page=True)

    page.get_by_role("button", name="Check-in afronden").click()
    page.get_by_text("Afgerond op").wait_for()
    assert page.locator("textarea").count() == 0  # finished, the answers read as text
    expect(page.get_by_text(ANSWER)).to_be_visible()
    context.close()

    assert stored(server["db"], lambda database, daan: check_ins.answers_of(database, [started.id])[started.id]) == {
        "energie": ANSWER}
    statuses = stored(server["db"], lambda database, daan: {a.what: a.status for a in actions.actions_of_employee(database, daan.id)})
    assert statuses["Cursus 3D-tekeningen lezen (2 dagen, opleidingsfonds)"] == "done"
    assert stored(server["db"], newest_check_in).status == "done"


def test_an_answer_typed_just_before_the_server_dies_is_stored_when_the_phone_reconnects(browser, own_server):
    db_path = own_server.env["DEVTALK_DB"]
    started = stored(db_path, lambda database, daan: check_in_service.start(database, daan, daan.id))
    context, page = phone(browser)
    sign_in(page, own_server.url, "employee")
    page.goto(f"{own_server.url}/check_in?check_in={started.id}")
    box = page.locator("[class*='st-key-check_in_question_nodig'] textarea")
    box.wait_for()
    settle(page)
    typed_just_before_a_kill(own_server, box, "Een dag met de werkvoorbereiding")
    deadline = time.monotonic() + 30
    while stored(db_path, lambda database, daan: check_ins.answers_of(database, [started.id])) != {
            started.id: {"nodig": "Een dag met de werkvoorbereiding"}}:
        assert time.monotonic() < deadline, "the text typed before the kill was never stored"
        time.sleep(0.2)
    page.locator("[class*='st-key-check_in_question_nodig']").get_by_text("Opgeslagen").wait_for()
    expect(box).to_have_value("Een dag met de werkvoorbereiding")
    context.close()
