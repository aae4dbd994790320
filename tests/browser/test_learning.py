"""A learning request from the coordinator's desk to the employee's phone: HR (the coordinator)
opens a certificate's renewal, decides on an external course and approves it with the budget and
what approving does to it in view; Daan, signed in on a 390 px phone in Dutch, reads the decision,
types the question behind the question without leaving the box, reloads, and finds it there. After
another course is done he answers its three questions with his thumb. What he types just before
the server is killed is stored once his phone reconnects.
Screenshots: test-artifacts/learning-queue.png, test-artifacts/phone-learning.png,
test-artifacts/phone-learning-evaluation.png."""

import signal
import time
from datetime import date

import pytest
from playwright.sync_api import expect

import db as storage
from db.people import person_by_username
from devtalk.domain.access import OPERATOR
from devtalk.services import certificates, learning
from tests.browser.conftest import ARTIFACTS, Server, _free_port, phone, settle, sign_in, typed_just_before_a_kill

pytestmark = pytest.mark.browser
YEAR = date.today().year
COURSE = "Steigerbouw en valbeveiliging"
DONE = "Hijsen en aanslaan"
QUESTION = "Ik moet volgende maand de steiger aan de hal opbouwen en weet niet meer hoe de leuning vast moet."


@pytest.fixture(scope="module")
def learning_server(tmp_path_factory, write_demo):
    """A demo firm of its own where Daan's certificate of a type of this test's own expires this
    year: its renewal is a request in the queue, whatever else the demo has."""
    db_path = write_demo(tmp_path_factory.mktemp("learning") / "demo.db")
    database = storage.open_db(db_path)
    daan = person_by_username(database, "employee")
    kind = certificates.add_type(database, OPERATOR, name=COURSE, validity_months=36, warn_days=60)
    certificates.add_certificate(database, OPERATOR, daan.id, type_id=kind.id, number="STB-1",
                                 issued_on=date(YEAR - 3, 12, 31), expires_on=date(YEAR, 12, 31))
    done_kind = certificates.add_type(database, OPERATOR, name=DONE, validity_months=12, warn_days=30)
    certificates.add_certificate(database, OPERATOR, daan.id, type_id=done_kind.id, number="HJ-1",
                                 issued_on=date(YEAR - 1, 12, 31), expires_on=date(YEAR, 12, 31))
    queued = {view.request.what: view.request.id for view in learning.queue(database, OPERATOR, YEAR)}
    learning.decide(database, OPERATOR, queued[DONE], decision="external", provider="Hijsschool")
    learning.approve(database, OPERATOR, queued[DONE])
    learning.plan(database, OPERATOR, queued[DONE], date(YEAR, 1, 5))
    learning.mark_done(database, OPERATOR, queued[DONE])
    database.conn.close()
    running = Server(db_path, _free_port())
    running.start()
    yield running.url, db_path, queued[COURSE], queued[DONE]
    running.stop(signal.SIGTERM)


def stored_question(db_path, request_id: int) -> str:
    database = storage.open_db(db_path)
    try:
        return learning.get_request(database, OPERATOR, request_id).request.question
    finally:
        database.conn.close()


def wait_until_stored(db_path, request_id: int, text: str) -> None:
    """The script saves about a second after the last keystroke: wait for the database to hold it."""
    deadline = time.monotonic() + 30
    while stored_question(db_path, request_id) != text:
        assert time.monotonic() < deadline, f"never stored: {text!r}"
        time.sleep(0.2)


def test_the_coordinator_approves_with_the_budget_in_view_and_the_employee_reads_it_on_a_phone(browser, page, learning_server):
    url, db_path, request_id, _ = learning_server
    sign_in(page, url, "hr")
    page.goto(f"{url}/training_queue")
    page.locator("h1", has_text="Leervragen").wait_for()
    page.get_by_text(f"Budget {YEAR}").wait_for()
    settle(page)
    page.locator(".st-key-queue_request [data-testid='stSelectbox']").click()
    page.keyboard.type(COURSE)
    page.get_by_role("option", name=f"Daan Smit · {COURSE} · Aangevraagd").click()
    opened = page.locator(f".st-key-queue_open_{request_id}")
    opened.get_by_text("Het certificaat verloopt in").wait_for()
    settle(page)

    prefix = f"queue_{request_id}_"
    opened.get_by_text("Extern", exact=True).click()
    settle(page)
    opened.locator(f".st-key-{prefix}provider input").fill("Opleidingscentrum Oost")
    opened.locator(f".st-key-{prefix}estimated input").fill("1.250,00")
    opened.locator(f".st-key-{prefix}estimated input").press("Tab")
    settle(page)
    opened.get_by_text("Sla eerst je wijzigingen op").wait_for()
    expect(opened.locator(f".st-key-{prefix}step_approve button")).to_be_disabled()
    opened.locator(f".st-key-{prefix}save button").click()
    effect = page.locator(f".st-key-queue_effect_{request_id}")
    effect.get_by_text("Goedkeuren legt € 1.250,00 vast.").wait_for()
    expect(effect.get_by_text("Het hele bedrijf:")).to_be_visible()
    expect(page.locator("[data-testid='stTable']", has_text="Vastgelegd")).to_be_visible()  # the year's budget, above
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "learning-queue.png"), full_page=True)
    opened.locator(f".st-key-{prefix}step_approve button").click()
    page.get_by_text("Goedgekeurd.", exact=True).wait_for()

    context, phone_page = phone(browser)
    sign_in(phone_page, url, "employee")
    phone_page.goto(f"{url}/my_learning")
    card = phone_page.locator(f".st-key-learning_card_{request_id}")
    card.get_by_text("Goedgekeurd. Bij Opleidingscentrum Oost.").wait_for()
    expect(card.get_by_text("€")).to_have_count(0)  # the price is the coordinator's business
    settle(phone_page)
    box = card.locator("textarea")
    box.click()
    box.press_sequentially(QUESTION)  # typed, and the box never left
    wait_until_stored(db_path, request_id, QUESTION)
    expect(box).to_be_focused()
    phone_page.screenshot(path=str(ARTIFACTS / "phone-learning.png"), full_page=True)
    assert phone_page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")

    phone_page.reload()
    expect(phone_page.locator(f".st-key-learning_card_{request_id} textarea")).to_have_value(QUESTION)
    context.close()


def test_after_a_course_the_employee_answers_the_three_questions_on_a_phone(browser, learning_server):
    url, _, _, request_id = learning_server
    context, page = phone(browser)
    sign_in(page, url, "employee")
    page.goto(f"{url}/my_learning")
    card = page.locator(f".st-key-learning_card_{request_id}")
    card.get_by_text("Wat bracht het je?").wait_for()
    settle(page)
    card.locator(f".st-key-learning_text_learned_{request_id} textarea").fill("Hoe ik een last veilig aansla.")
    card.get_by_role("radio", name="Tevreden", exact=True).click()
    settle(page)
    card.get_by_role("radio", name="Een beetje", exact=True).click()
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "phone-learning-evaluation.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
    card.get_by_role("button", name="Klaar, verstuur mijn antwoorden").click()
    page.get_by_text("Dank je, je antwoorden zijn opgeslagen.").wait_for()
    expect(card.get_by_text("Hoe ik een last veilig aansla.")).to_be_visible()
    expect(card.get_by_text("Geëvalueerd", exact=True)).to_be_visible()
    context.close()


@pytest.fixture
def own_server(tmp_path, write_demo):
    """A demo server of this test's own, to kill and start again on its port, with Daan's renewal queued."""
    db_path = write_demo(tmp_path / "demo.db")
    database = storage.open_db(db_path)
    daan = person_by_username(database, "employee")
    kind = certificates.add_type(database, OPERATOR, name=COURSE, validity_months=36, warn_days=60)
    certificates.add_certificate(database, OPERATOR, daan.id, type_id=kind.id, number="STB-2",
                                 issued_on=date(YEAR - 3, 12, 31), expires_on=date(YEAR, 12, 31))
    request_id = next(view.request.id for view in learning.queue(database, OPERATOR, YEAR) if view.request.what == COURSE)
    database.conn.close()
    running = Server(db_path, _free_port())
    running.start()
    yield running, db_path, request_id
    if running.process.poll() is None:
        running.stop(signal.SIGTERM)


def test_a_question_typed_just_before_the_server_dies_is_stored_when_the_phone_reconnects(browser, own_server):
    server, db_path, request_id = own_server
    context, page = phone(browser)
    sign_in(page, server.url, "employee")
    page.goto(f"{server.url}/my_learning")
    box = page.locator(f".st-key-learning_text_question_{request_id} textarea")
    box.wait_for()
    settle(page)
    typed_just_before_a_kill(server, box, "Hoe zet ik de leuning vast?")
    wait_until_stored(db_path, request_id, "Hoe zet ik de leuning vast?")
    expect(box).to_have_value("Hoe zet ik de leuning vast?")
    context.close()
