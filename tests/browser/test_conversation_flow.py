"""The whole conversation in a real browser: both sides fill in, submit, compare, report."""

import re

import pytest

from tests.browser.conftest import ARTIFACTS, SCALE_BLOCKS, current_conversation, settle, sign_in

pytestmark = pytest.mark.browser


def fill_in_everything(page, url, conversation_id) -> int:
    """Choose the third point of every scale question, waiting for each answer to register;
    returns how many there were."""
    page.goto(f"{url}/fill_in?conversation={conversation_id}")
    page.get_by_text("Vragenlijst invullen").first.wait_for()
    page.locator(SCALE_BLOCKS).first.wait_for()
    settle(page)
    count = page.locator(SCALE_BLOCKS).count()
    assert count >= 20
    for index in range(count):
        block = page.locator(SCALE_BLOCKS).nth(index)
        block.locator("button[role='radio']").nth(2).click()
        # The saved mark appears once the server has stored the answer and the rerun is done.
        page.locator(SCALE_BLOCKS).nth(index).get_by_text("Opgeslagen").wait_for()
        settle(page)
    page.locator(".st-key-confirm_submit label").click()
    page.locator(".st-key-submit button").click()
    page.get_by_text(re.compile("Ingeleverd op")).first.wait_for()
    return count


def test_employee_and_manager_fill_in_compare_and_write_a_report(browser, server):
    url, db_path = server["url"], server["db"]
    conversation = current_conversation(db_path)
    employee_page = browser.new_page()
    sign_in(employee_page, url, "employee")
    fill_in_everything(employee_page, url, conversation.id)

    manager_page = browser.new_page()
    sign_in(manager_page, url, "manager")
    scale_questions = fill_in_everything(manager_page, url, conversation.id)

    manager_page.goto(f"{url}/comparison?conversation={conversation.id}")
    manager_page.get_by_text("Vergelijking").first.wait_for()
    manager_page.get_by_text("Voorstel agenda").first.wait_for()
    manager_page.locator("[data-testid='stTable']").first.wait_for()
    settle(manager_page)
    manager_page.screenshot(path=str(ARTIFACTS / "comparison.png"), full_page=True)
    manager_page.get_by_role("tab", name="Grafiek").click()
    manager_page.locator("[data-testid='stVegaLiteChart'] g.role-axis[aria-label^='Y-axis']").wait_for()
    # Every line in the chart is named: Vega hides none of the labels (opacity 0) to make room.
    shown_labels = manager_page.evaluate("""() => [...document.querySelectorAll(
        "[data-testid='stVegaLiteChart'] g.role-axis[aria-label^='Y-axis'] .role-axis-label text")]
        .filter(label => label.getAttribute('opacity') !== '0').length""")
    assert shown_labels == scale_questions

    manager_page.goto(f"{url}/report?conversation={conversation.id}")
    manager_page.locator(".st-key-mark_held button").click()
    manager_page.locator(".st-key-report_summary textarea").fill("Goed gesprek over de kantbank.")
    manager_page.locator(".st-key-report_agreements textarea").click()  # leaving the summary saves it
    settle(manager_page)
    manager_page.locator(".st-key-confirm_finalise label").click()
    manager_page.locator(".st-key-finalise button").click()
    manager_page.get_by_text(re.compile("Definitief sinds")).wait_for()

    employee_page.goto(f"{url}/report?conversation={conversation.id}")
    employee_page.get_by_text("Goed gesprek over de kantbank.").wait_for()
    employee_page.locator(".st-key-acknowledge button").click()
    employee_page.get_by_text(re.compile("Gelezen door de medewerker")).wait_for()
    assert current_conversation(db_path).status == "acknowledged"
