"""HR's checklist link opens the functions tab, and the add form keeps itself and its message in view."""

import pytest

import db as storage
from db.people import get_function
from tests.browser.conftest import settle, sign_in

pytestmark = pytest.mark.browser


def test_describing_functions_from_the_checklist_adds_a_function_with_its_message_beside_the_code(server, page):
    url = server["url"]
    sign_in(page, url, "hr")
    page.goto(f"{url}/hr_start")
    page.get_by_role("link", name="Functies beschrijven").click()
    settle(page)
    assert page.get_by_role("tab", name="Functies").get_attribute("aria-selected") == "true"

    form = page.locator(".st-key-function_new_open")
    form.get_by_text("Functie toevoegen").click()
    form.locator(".st-key-function_new_name input").fill("Poetser")
    form.locator(".st-key-function_new_name input").press("Tab")
    settle(page)
    form.locator(".st-key-function_add button").click()
    settle(page)
    form.get_by_text("Vul een code in").wait_for()  # inside the form, which is still open
    assert form.locator(".st-key-function_new_name input").input_value() == "Poetser"

    form.locator(".st-key-function_new_id input").fill("Poetser")
    form.locator(".st-key-function_new_id input").press("Tab")
    form.get_by_text("De code wordt: poetser").wait_for()
    form.locator(".st-key-function_add button").click()
    form.get_by_text("Functie toegevoegd met de code poetser").wait_for()
    assert get_function(storage.open_db(server["db"]), "poetser").name == "Poetser"
