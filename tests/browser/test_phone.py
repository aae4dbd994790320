"""On a phone: sign in with the code from an invitation card and its PIN, fill in everything, submit.

390 x 844 is a common phone screen. Screenshots of each step land in test-artifacts/phone-*.png.
"""

import pytest

import db as storage
from db.conversations import answers_of, conversations_of_employee
from db.people import person_by_username
from devtalk.domain.access import OPERATOR
from devtalk.services import invitations
from tests.browser.conftest import ARTIFACTS, SCALE_BLOCKS, choose_pin, phone, settle
from tests.builders import CARD_PIN

pytestmark = pytest.mark.browser
OPEN_BLOCKS = "[class*='st-key-item_']:has(textarea)"


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")


def test_code_sign_in_and_fill_in_on_a_phone_sized_screen(browser, server):
    database = storage.open_db(server["db"])
    # Sandra leads a team, but a code opens only her own conversation; the other browser
    # tests use other people, so the order of the tests does not matter.
    sandra = person_by_username(database, "svisser")
    code = invitations.issue_code(database, OPERATOR, sandra.id)
    conversation_id = conversations_of_employee(database, sandra.id)[0].id
    context, page = phone(browser)

    page.goto(f"{server['url']}/?code={code}")
    choose_pin(page)
    page.get_by_role("heading", name="Mijn gesprekken").wait_for()
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "phone-1-signed-in.png"))
    assert no_horizontal_scroll(page)

    page.get_by_text("Vragenlijst invullen").first.click()
    page.locator(SCALE_BLOCKS).first.wait_for()
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "phone-2-fill-in.png"))
    assert no_horizontal_scroll(page)
    count = page.locator(SCALE_BLOCKS).count()
    for index in range(count):
        block = page.locator(SCALE_BLOCKS).nth(index)
        block.locator("button[role='radio']").nth(index % 5).click()
        block.get_by_text("Opgeslagen").wait_for()
        settle(page)
    open_count = page.locator(OPEN_BLOCKS).count()
    for index in range(open_count):
        block = page.locator(OPEN_BLOCKS).nth(index)
        block.locator("textarea").fill(f"Antwoord {index} vanaf de telefoon")
        block.locator("textarea").press("Control+Enter")
        block.get_by_text("Opgeslagen").wait_for()
        settle(page)
    assert count + open_count >= 40
    page.screenshot(path=str(ARTIFACTS / "phone-3-answered.png"))
    assert no_horizontal_scroll(page)

    page.locator(".st-key-confirm_submit label").click()
    settle(page)
    page.locator(".st-key-submit button").click()
    page.get_by_text("Ingeleverd op").first.wait_for()
    page.screenshot(path=str(ARTIFACTS / "phone-4-submitted.png"))
    stored = answers_of(database, conversation_id, "employee")
    assert sum(1 for answer in stored.values() if answer.value is not None) == count
    assert sum(1 for answer in stored.values() if answer.text) == open_count
    context.close()


def test_a_scanned_card_chooses_a_pin_stays_signed_in_and_asks_the_pin_next_time(browser, server):
    database = storage.open_db(server["db"])
    # Another person than the other browser tests use, so their order does not matter.
    person = person_by_username(database, "tkuipers")
    code = invitations.issue_code(database, OPERATOR, person.id)
    context, page = phone(browser)
    page.goto(f"{server['url']}/?code={code}")
    choose_pin(page)
    page.get_by_role("heading", name="Mijn gesprekken").wait_for()
    assert "code=" not in page.url
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "phone-pin-1-chosen.png"))

    page.reload()
    page.get_by_role("heading", name="Mijn gesprekken").wait_for()
    second_tab = context.new_page()
    second_tab.goto(server["url"])
    second_tab.get_by_role("heading", name="Mijn gesprekken").wait_for()
    assert second_tab.get_by_text("Kies je pincode").count() == 0
    context.close()

    later, page = phone(browser)  # another day, the cookie gone: the card again
    page.goto(f"{server['url']}/?code={code}")
    page.get_by_text("Je pincode").first.wait_for()
    settle(page)
    assert page.locator(".st-key-login_pin_again input").count() == 0
    page.locator(".st-key-login_pin input").fill("1111")
    page.get_by_role("button", name="Verder").click()
    page.get_by_text("Deze pincode klopt niet").wait_for()
    settle(page)
    page.locator(".st-key-login_pin input").fill(CARD_PIN)
    page.get_by_role("button", name="Verder").click()
    page.get_by_role("heading", name="Mijn gesprekken").wait_for()
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(ARTIFACTS / "phone-pin-2-asked-again.png"))
    later.close()
