"""The agreed level per skill on a 390 px phone: the manager takes the employee's value with one tap,
it is stored at once (a reload shows it), and the page does not scroll sideways.

Bram de Boer's held conversation of the demo firm (manager: Marco), which no other browser test uses.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import current_conversation, phone, settle, sign_in

pytestmark = pytest.mark.browser
LEVELS = "[class*='st-key-agreed_']:has(button[role='radio'])"


def open_report(page, url, conversation_id):
    page.goto(f"{url}/report?conversation={conversation_id}")
    page.locator(LEVELS).first.wait_for(timeout=90_000)  # the whole agenda first, on a busy test machine
    settle(page)
    return page.locator(LEVELS).first


def test_the_manager_takes_the_employees_level_with_one_tap_and_it_stays(browser, server):
    conversation = current_conversation(server["db"], "bdeboer")
    context, page = phone(browser)
    sign_in(page, server["url"], "manager")
    block = open_report(page, server["url"], conversation.id)
    # The employee's level ("· M"); where both gave it, it is chosen already: take the first level then.
    choice = block.locator("button[role='radio']", has_text="· M").first
    if choice.get_attribute("aria-checked") == "true":
        choice = block.locator("button[role='radio'][aria-checked='false']").first
    chosen = choice.inner_text()
    choice.tap()
    expect(block.locator("button[role='radio'][aria-checked='true']")).to_have_text(chosen)
    settle(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.reload()
    again = open_report(page, server["url"], conversation.id)
    expect(again.locator("button[role='radio'][aria-checked='true']")).to_have_text(chosen)
    context.close()
