"""A server restart while people are filling in: nothing they typed is dropped without a word,
and nobody sees the list of page files while the browser reconnects.

Each test starts a devtalk server of its own and kills or stops it, then starts a new one on
the same port, so the open browser tab reconnects to a new process as it would in production.
"""

from __future__ import annotations

import re
import signal
import time

import pytest
from playwright.sync_api import expect

import db as storage
from db.conversations import answer_of
from db.reports import get_report
from tests.browser.conftest import (
    current_conversation,
    settle,
    sign_in,
    typed_just_before_a_kill,
)

pytestmark = pytest.mark.browser
OPEN_BLOCKS = "[class*='st-key-item_']:has(textarea)"
HR_PAGE_WORDS = ("hr ", "hr_", "Mensen en functies", "Gespreksrondes", "Vragenlijsten", "Inlogkaartjes", "Teambeeld",
                 "Exports", "Privacy", "Aan de slag", "setup", "sign in")
# Every link that ever appears in the sidebar or a menu, collected as the page changes.
COLLECT_LINKS = """() => { window.linksSeen = new Set();
  const collect = () => document.querySelectorAll(
      "[data-testid='stSidebar'] a, [data-testid='stSidebarNav'] a, [data-testid='stTopNavLink']")
    .forEach(link => window.linksSeen.add(link.innerText.replace(/\\s+/g, ' ').trim()));
  new MutationObserver(collect).observe(document.body, {subtree: true, childList: true, characterData: true});
  collect(); }"""


@pytest.fixture
def server(own_server):
    """Each restart test kills and starts its own server."""
    return own_server


def open_question(page, server):
    """The employee's fill-in page and its first open question without an answer yet."""
    conversation = current_conversation(server.env["DEVTALK_DB"])
    sign_in(page, server.url, "employee")
    page.goto(f"{server.url}/fill_in?conversation={conversation.id}")
    block = page.locator(OPEN_BLOCKS).first
    block.wait_for()
    settle(page)
    item_id = block.get_attribute("class").split("st-key-item_")[1].split()[0]
    assert stored_text(server, conversation.id, item_id) is None
    return conversation.id, item_id, page.locator(f".st-key-item_{item_id}")


def stored_text(server, conversation_id: int, item_id: str) -> str | None:
    database = storage.open_db(server.env["DEVTALK_DB"])
    try:
        answer = answer_of(database, conversation_id, "employee", item_id)
    finally:
        database.conn.close()
    return answer.text if answer else None


def reconnected(box) -> None:
    """The tab talks to the new process: Streamlit disables every widget while it has no server."""
    expect(box).to_be_enabled(timeout=90_000)


def leave_the_field(page) -> None:
    page.locator("h1").first.click()


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["killed", "stopped"])
def test_text_typed_across_a_server_restart_is_stored_and_stays_in_the_box(page, server, how):
    conversation_id, item_id, block = open_question(page, server)
    box = block.locator("textarea")
    box.click()
    box.press_sequentially("Voor de herstart", delay=10)  # still in the field: nothing sent yet
    server.stop(how)
    expect(box).to_be_disabled()
    server.start()
    reconnected(box)
    assert box.input_value() == "Voor de herstart"
    box.click()
    box.press("End")
    box.press_sequentially(", en erna.", delay=10)
    leave_the_field(page)
    block.get_by_text("Opgeslagen").wait_for(timeout=90_000)
    assert stored_text(server, conversation_id, item_id) == "Voor de herstart, en erna."
    settle(page)  # a late rerun must not put the old value back
    assert box.input_value() == "Voor de herstart, en erna."


def test_text_typed_just_before_a_kill_is_stored_after_reconnect_without_typing_again(page, server):
    conversation_id, item_id, block = open_question(page, server)
    box = block.locator("textarea")
    typed_just_before_a_kill(server, box, "Net voor de crash")
    deadline = time.monotonic() + 30
    while stored_text(server, conversation_id, item_id) != "Net voor de crash":
        assert time.monotonic() < deadline, "the text typed before the kill was never stored"
        time.sleep(0.2)
    block.get_by_text("Opgeslagen").wait_for()
    settle(page)  # a late rerun must not put the old value back
    assert box.input_value() == "Net voor de crash"


def test_the_first_edit_after_a_clean_restart_is_stored_and_not_reverted(page, server):
    conversation_id, item_id, block = open_question(page, server)
    server.stop(signal.SIGTERM)
    server.start()
    box = block.locator("textarea")
    reconnected(box)
    box.fill("Eerste wijziging na de herstart")
    leave_the_field(page)
    block.get_by_text("Opgeslagen").wait_for(timeout=90_000)
    assert stored_text(server, conversation_id, item_id) == "Eerste wijziging na de herstart"
    settle(page)  # a late rerun must not put the old value back
    assert box.input_value() == "Eerste wijziging na de herstart"



def stored_summary(server, conversation_id: int) -> str:
    database = storage.open_db(server.env["DEVTALK_DB"])
    try:
        return get_report(database, conversation_id).summary
    finally:
        database.conn.close()


def test_a_report_summary_typed_across_a_server_restart_is_stored_and_stays_in_the_box(page, server):
    # In the demo, Bram de Boer's conversation with his manager was held: its report is a draft.
    conversation_id = current_conversation(server.env["DEVTALK_DB"], "bdeboer").id
    sign_in(page, server.url, "manager")
    page.goto(f"{server.url}/report?conversation={conversation_id}")
    box = page.locator(".st-key-report_summary textarea")
    box.wait_for()
    settle(page)
    assert stored_summary(server, conversation_id) == ""
    box.click()
    box.press_sequentially("Getypt voor de herstart", delay=10)  # still in the field: nothing sent yet
    server.stop(signal.SIGKILL)
    expect(box).to_be_disabled()
    server.start()
    reconnected(box)
    # The browser keeps the text but no longer counts it as changed: the person goes on typing.
    box.click()
    box.press("End")
    box.press_sequentially(", en erna.", delay=10)
    box.press("Tab")  # leaving the field sends its text, now to the new process's first run
    deadline = time.monotonic() + 90
    while stored_summary(server, conversation_id) != "Getypt voor de herstart, en erna." and time.monotonic() < deadline:
        time.sleep(0.3)
    assert stored_summary(server, conversation_id) == "Getypt voor de herstart, en erna."
    settle(page)  # a late rerun must not put the old text back
    assert box.input_value() == "Getypt voor de herstart, en erna."
    page.reload()
    box.wait_for()
    expect(box).to_have_value("Getypt voor de herstart, en erna.")


def test_nobody_sees_the_page_files_while_reconnecting_after_a_restart(browser, server):
    signed_out = browser.new_context().new_page()
    signed_out.goto(server.url)
    signed_out.locator(".st-key-login_username input").wait_for()
    employee = browser.new_context().new_page()
    conversation_id, _, block = open_question(employee, server)
    for tab in (signed_out, employee):
        tab.evaluate(COLLECT_LINKS)
    server.stop(signal.SIGKILL)
    server.start()
    # The new process's first run: a visitor without a session opens a link to a page.
    visitor = browser.new_context().new_page()
    visitor.add_init_script(f"({COLLECT_LINKS})()".replace("document.body", "document"))
    visitor.goto(f"{server.url}/fill_in?conversation={conversation_id}")
    visitor.get_by_text(re.compile("niet \\(meer\\) aangemeld|Aanmelden")).first.wait_for(timeout=60_000)
    settle(visitor)
    assert visitor.evaluate("[...window.linksSeen]") == []
    reconnected(signed_out.locator(".st-key-login_username input"))
    signed_out.locator(".st-key-login_username input").fill("iemand")
    signed_out.locator(".st-key-login_username input").press("Tab")
    reconnected(block.locator("textarea"))
    block.locator("textarea").fill("Na de herstart")
    leave_the_field(employee)
    block.get_by_text("Opgeslagen").wait_for(timeout=90_000)
    settle(signed_out)
    assert signed_out.evaluate("[...window.linksSeen]") == []
    seen_by_employee = employee.evaluate("[...window.linksSeen]")
    assert seen_by_employee and not [link for link in seen_by_employee if any(word in link for word in HR_PAGE_WORDS)]
