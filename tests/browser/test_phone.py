"""On a phone: sign in with the code from an invitation card, fill in everything, submit.

390 x 844 is a common phone screen. Screenshots of each step land in test-artifacts/phone-*.png.
"""

import pytest

import db as storage
from db.conversations import answers_of, conversations_of_employee
from db.people import person_by_username
from devtalk.services import invitations
from tests.browser.conftest import ARTIFACTS, settle
from tests.browser.test_conversation_flow import SCALE_BLOCKS

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
OPEN_BLOCKS = "[class*='st-key-item_']:has(textarea)"


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")


def test_code_sign_in_and_fill_in_on_a_phone_sized_screen(browser, server):
    database = storage.open_db(server["db"])
    # Sandra leads a team, but a code opens only her own conversation; the other browser
    # tests use other people, so the order of the tests does not matter.
    sandra = person_by_username(database, "svisser")
    code = invitations.issue_code(database, None, sandra.id)
    conversation_id = conversations_of_employee(database, sandra.id)[0].id
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(30_000)

    page.goto(f"{server['url']}/?code={code}")
    page.get_by_text("Mijn gesprekken").first.wait_for()
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
