"""The training plan in a real browser: HR finds it in the menu, saves it as Excel and as the PDF the
director signs (Dutch euro amounts, the signature block); Marco, a manager, finds his team's plan
without amounts."""

from pathlib import Path

import pytest

from tests.browser.conftest import settle, sign_in
from tests.builders import flat, text_of

pytestmark = pytest.mark.browser


def open_plan(page, url: str, username: str) -> None:
    sign_in(page, url, username)
    page.locator("[data-testid='stSidebar'] [data-testid='stPageLink']", has_text="Opleidingsplan").click()
    page.locator("h1", has_text="Opleidingsplan").wait_for()
    settle(page)


def test_hr_saves_the_plan_as_excel_and_as_the_pdf_to_sign(browser, server):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        open_plan(page, server["url"], "hr")
        with page.expect_download() as excel:
            page.locator(".st-key-plan_xlsx button").click()
        assert excel.value.suggested_filename.endswith(".xlsx")
        assert Path(excel.value.path()).read_bytes().startswith(b"PK")

        page.locator(".st-key-plan_pdf_make button").click()
        page.locator(".st-key-plan_pdf_download button").wait_for()
        settle(page)
        with page.expect_download() as pdf:
            page.locator(".st-key-plan_pdf_download button").click()
        text = flat(text_of(Path(pdf.value.path()).read_bytes()))
        assert "Opleidingsplan" in text and "€ 1.150,00" in text and "Directeur" in text and "Plaats" in text
    finally:
        context.close()


def test_a_manager_finds_his_teams_plan_without_amounts(page, server):
    open_plan(page, server["url"], "manager")
    page.get_by_text("Zonder bedragen").wait_for()
    assert page.locator(".st-key-plan_team").count() == 0  # his own team, no other to choose
