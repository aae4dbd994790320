"""A download with personal data cannot be fetched again by its address once HR signed out: the
sign-in cards carry working codes in plain text, and /media addresses ask for no session."""

import pytest

from tests.browser.conftest import settle, sign_in

pytestmark = pytest.mark.browser


def cards_download(page, url: str):
    """HR makes the cards for Wim (whom no other browser test uses) and saves the PDF."""
    page.goto(f"{url}/hr_invitations")
    page.get_by_text("Zelf mensen aanvinken").click()
    settle(page)
    page.locator("[data-testid='stCheckbox']", has_text="Wim van Dijk").click()
    settle(page)
    page.locator(".st-key-cards_make button").click()
    page.get_by_text("De kaartjes zijn klaar").wait_for()
    settle(page)
    with page.expect_download() as started:
        page.locator(".st-key-cards_download button").click()
    return started.value


def test_the_cards_pdf_address_is_gone_once_hr_signed_out(browser, server):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    sign_in(page, server["url"], "hr")
    download = cards_download(page, server["url"])
    assert "/media/" in download.url
    assert open(download.path(), "rb").read().startswith(b"%PDF")

    page.goto(f"{server['url']}/account")
    page.locator(".st-key-sign_out button").click()
    page.locator(".st-key-login_username input").wait_for()
    settle(page)

    stranger = browser.new_context()
    try:
        assert stranger.request.get(download.url).status == 404
    finally:
        stranger.close()
        context.close()
