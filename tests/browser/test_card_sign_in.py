"""On a phone, a card whose QR code no longer works says so where the person is looking."""

import pytest

from tests.browser.conftest import ARTIFACTS, phone, settle

pytestmark = pytest.mark.browser


def test_a_wrong_qr_code_shows_what_to_do_without_scrolling_on_a_phone(browser, server):
    context, page = phone(browser)
    try:
        page.goto(f"{server['url']}/?code=ABCDEFGH")
        message = page.locator("[data-testid='stAlertContentError']", has_text="Vraag HR om een nieuw kaartje")
        message.wait_for()
        settle(page)
        page.screenshot(path=str(ARTIFACTS / "phone-wrong-card.png"))
        box = message.bounding_box()
        assert page.evaluate("window.scrollY") == 0
        assert box["y"] >= 0 and box["y"] + box["height"] <= 844, box
    finally:
        context.close()
