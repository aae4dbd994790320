"""An answer given and the tab closed is there when the person signs in again; two tabs of one
person never overwrite each other's text without saying so; a reply to a report is kept as it is typed."""

import time

import pytest
from playwright.sync_api import expect

import db as storage
from db.conversations import answer_of
from db.reports import get_comment_draft
from tests.browser.conftest import SCALE_BLOCKS, current_conversation, phone, settle, sign_in

pytestmark = pytest.mark.browser
OPEN_BLOCKS = "[class*='st-key-item_']:has(textarea)"


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


def stored_text(db_path, conversation_id: int, item_id: str) -> str | None:
    database = storage.open_db(db_path)
    try:
        answer = answer_of(database, conversation_id, "employee", item_id)
    finally:
        database.conn.close()
    return answer.text if answer else None


def wait_until_stored(db_path, conversation_id: int, item_id: str, text: str) -> None:
    deadline = time.monotonic() + 30
    while stored_text(db_path, conversation_id, item_id) != text:
        assert time.monotonic() < deadline, f"never stored: {text!r}, but {stored_text(db_path, conversation_id, item_id)!r}"
        time.sleep(0.2)


def test_two_tabs_of_one_person_never_overwrite_each_other_silently(browser, server):
    context = browser.new_context()
    first, second = context.new_page(), context.new_page()
    sign_in(first, server["url"], "hr")
    conversation_id = current_conversation(server["db"], "hr").id
    for tab in (first, second):
        tab.goto(f"{server['url']}/fill_in?conversation={conversation_id}")
        tab.locator(OPEN_BLOCKS).first.wait_for()
        settle(tab)
    item_id = first.locator(OPEN_BLOCKS).first.get_attribute("class").split("st-key-item_")[1].split()[0]
    blocks = [tab.locator(f".st-key-item_{item_id}") for tab in (first, second)]

    blocks[0].locator("textarea").fill("Geschreven in het eerste tabblad")
    first.locator("h1").first.click()
    wait_until_stored(server["db"], conversation_id, item_id, "Geschreven in het eerste tabblad")
    blocks[1].locator("textarea").fill("Geschreven in het tweede tabblad")
    second.locator("h1").first.click()
    blocks[1].get_by_text("ergens anders gewijzigd").wait_for()
    expect(blocks[1].locator("textarea")).to_have_value("Geschreven in het tweede tabblad")
    expect(blocks[1].get_by_text("Geschreven in het eerste tabblad")).to_be_visible()
    assert stored_text(server["db"], conversation_id, item_id) == "Geschreven in het eerste tabblad"

    settle(second)  # the warning is drawn while the run goes on; the button may still be replaced
    blocks[1].get_by_role("button", name="Bewaar mijn antwoord").click()
    wait_until_stored(server["db"], conversation_id, item_id, "Geschreven in het tweede tabblad")
    expect(blocks[1].get_by_text("ergens anders gewijzigd")).to_have_count(0)
    context.close()


def open_item(page, server, nth: int):
    """hr's own fill-in page (hr signed in) and the id and block of its nth open question."""
    conversation_id = current_conversation(server["db"], "hr").id
    page.goto(f"{server['url']}/fill_in?conversation={conversation_id}")
    page.locator(OPEN_BLOCKS).first.wait_for()
    settle(page)
    item_id = page.locator(OPEN_BLOCKS).nth(nth).get_attribute("class").split("st-key-item_")[1].split()[0]
    return conversation_id, item_id, page.locator(f".st-key-item_{item_id}")


def test_text_typed_without_leaving_the_field_is_stored_within_seconds_and_survives_closing_the_tab(browser, server):
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, server["url"], "hr")
    page.set_viewport_size({"width": 390, "height": 844})  # on a phone, from here on
    conversation_id, item_id, block = open_item(page, server, 1)
    box = block.locator("textarea")
    box.click()
    box.press_sequentially("Getypt op de telefoon", delay=20)
    typed = time.monotonic()
    while stored_text(server["db"], conversation_id, item_id) != "Getypt op de telefoon":
        assert time.monotonic() - typed < 2.5, "not stored within about 2 seconds of the last keystroke"
        time.sleep(0.1)
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"  # never left the field
    block.get_by_text("Opgeslagen").wait_for()
    context.close()

    again = browser.new_context().new_page()
    sign_in(again, server["url"], "hr")
    _, _, block = open_item(again, server, 1)
    expect(block.locator("textarea")).to_have_value("Getypt op de telefoon")
    again.context.close()


def test_typing_on_while_the_text_is_being_saved_keeps_the_focus_and_every_letter(page, server):
    sign_in(page, server["url"], "hr")
    conversation_id, item_id, block = open_item(page, server, 2)
    box = block.locator("textarea")
    box.click()
    box.press_sequentially("Eerst een begin", delay=50)
    # The begin is committed: the page reruns while typing goes on.
    wait_until_stored(server["db"], conversation_id, item_id, "Eerst een begin")
    rest = ", en dan typ ik gewoon verder terwijl de pagina het begin opslaat, zonder het veld te verlaten."
    box.press_sequentially(rest, delay=50)
    wait_until_stored(server["db"], conversation_id, item_id, "Eerst een begin" + rest)
    expect(box).to_have_value("Eerst een begin" + rest)
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"


def test_a_reply_to_the_report_typed_on_a_phone_without_leaving_the_field_is_there_after_closing_the_tab(browser, server):
    """jhendriks's report is final and waits for the acknowledgement: the reply is kept before it is given."""
    conversation_id = current_conversation(server["db"], "jhendriks").id
    context, page = phone(browser)
    sign_in(page, server["url"], "jhendriks")
    page.goto(f"{server['url']}/report?conversation={conversation_id}")
    box = page.locator(f".st-key-ack_comment_{conversation_id} textarea")
    box.click()
    box.press_sequentially("Eens, al wil ik de cursus eerder", delay=20)
    deadline = time.monotonic() + 30
    while reply_typed(server["db"], conversation_id) != "Eens, al wil ik de cursus eerder":
        assert time.monotonic() < deadline, "the reply typed was never stored"
        time.sleep(0.2)
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"  # never left the field
    context.close()

    context, again = phone(browser)
    sign_in(again, server["url"], "jhendriks")
    again.goto(f"{server['url']}/report?conversation={conversation_id}")
    expect(again.locator(f".st-key-ack_comment_{conversation_id} textarea")).to_have_value("Eens, al wil ik de cursus eerder")
    context.close()


def reply_typed(db_path, conversation_id: int) -> str:
    database = storage.open_db(db_path)
    try:
        return get_comment_draft(database, conversation_id)
    finally:
        database.conn.close()
