"""An answer given and the tab closed is there when the person signs in again."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import settle
from tests.browser.test_conversation_flow import SCALE_BLOCKS, current_conversation, sign_in

pytestmark = pytest.mark.browser


def test_answer_survives_closing_the_tab_and_signing_in_again(browser, server):
    first = browser.new_context()
    page = first.new_page()
    sign_in(page, server["url"], "hr")
    page.goto(f"{server['url']}/fill_in?conversation={current_conversation(server['db'], 'hr').id}")
    page.locator(SCALE_BLOCKS).first.wait_for()
    settle(page)
    choice = page.locator(SCALE_BLOCKS).nth(1).locator("button[role='radio']").nth(3)
    choice.click()
    page.locator(SCALE_BLOCKS).nth(1).get_by_text("Opgeslagen").wait_for()
    first.close()

    second = browser.new_context()
    again = second.new_page()
    sign_in(again, server["url"], "hr")
    again.goto(f"{server['url']}/fill_in?conversation={current_conversation(server['db'], 'hr').id}")
    again.locator(SCALE_BLOCKS).first.wait_for()
    expect(again.locator(SCALE_BLOCKS).nth(1).locator("button[role='radio']").nth(3)).to_have_attribute("aria-checked", "true")
    second.close()
