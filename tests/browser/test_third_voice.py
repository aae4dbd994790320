"""A colleague gives input on a 390 x 844 phone in Dutch, as the demo's work mentor (sign-in
``collega``) does for Daan: taps the skills, types the open answer without leaving the field, finds
everything again after a reload, and hands it in."""


import pytest
from playwright.sync_api import expect

import db as storage
from db.people import person_by_username
from db.third_voice import answers_of, voices_of_colleague
from devtalk.domain.third_voice import OPEN_ITEM
from tests.browser.conftest import (
    current_conversation,
    phone,
    settle,
    sign_in,
    typed_just_before_a_kill,
)

pytestmark = pytest.mark.browser

SKILL_BLOCKS = "[class*='st-key-third_voice_item_']:has(button[role='radio'])"
OPEN_BLOCK = ".st-key-third_voice_item_open"
TYPED = "Daan werkt netjes en kan nog leren eerder om hulp te vragen."


def stored_open_answer(db_path) -> str | None:
    database = storage.open_db(db_path)
    [voice] = voices_of_colleague(database, person_by_username(database, "collega").id)
    answer = answers_of(database, voice.id).get(OPEN_ITEM)
    return answer.text if answer else None


def open_the_form(page) -> None:
    page.get_by_role("button", name="Inbreng geven").click()
    page.locator(SKILL_BLOCKS).first.wait_for()
    settle(page)


def test_a_colleague_fills_in_on_a_phone_reloads_finds_the_answers_and_hands_them_in(browser, own_server):
    # A server of its own: another test takes Daan's conversation on the shared one through to the report.
    server = {"url": own_server.url, "db": own_server.env["DEVTALK_DB"]}
    context, page = phone(browser)
    sign_in(page, server["url"], "collega")
    # The start page says who asked, and leads there: the page is in nobody's menu.
    page.get_by_text("Je bent gevraagd om inbreng voor: Daan Smit").wait_for()
    settle(page)
    page.get_by_role("link", name="Inbreng voor een collega").tap()
    page.get_by_text("Daan Smit").first.wait_for()
    open_the_form(page)
    expect(page.locator("h1")).to_have_text("Inbreng voor een collega")

    blocks = page.locator(SKILL_BLOCKS)
    for index in range(blocks.count()):
        block = blocks.nth(index)
        block.locator("button[role='radio']").nth(2).tap()
        block.get_by_text("Opgeslagen").wait_for()
        settle(page)

    box = page.locator(OPEN_BLOCK).locator("textarea")
    box.click()
    box.press_sequentially(TYPED, delay=20)
    page.locator(OPEN_BLOCK).get_by_text("Opgeslagen").wait_for()
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"  # never left the field
    assert stored_open_answer(server["db"]) == TYPED
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing scrolls sideways

    page.reload()
    page.locator(SKILL_BLOCKS).first.wait_for()
    settle(page)
    expect(page.locator(OPEN_BLOCK).locator("textarea")).to_have_value(TYPED)
    for index in range(blocks.count()):
        expect(blocks.nth(index).locator("button[role='radio']").nth(2)).to_have_attribute("aria-checked", "true")

    page.locator(".st-key-third_voice_confirm label").tap()
    settle(page)
    page.locator(".st-key-third_voice_submit button").tap()
    page.get_by_text("Ingeleverd op").first.wait_for()
    expect(page.locator(OPEN_BLOCK).locator("textarea")).to_be_disabled()
    context.close()


def test_on_a_phone_the_comparison_shows_the_colleagues_column_in_view_and_their_words_without_names(browser, server):
    context, page = phone(browser)
    sign_in(page, server["url"], "manager")
    piotr = current_conversation(server["db"], "pnowak")
    page.goto(f"{server['url']}/comparison?conversation={piotr.id}")
    table = page.locator("[data-testid='stMain'] [data-testid='stTable']", has_text="Collega's (gem.)")
    table.wait_for()
    settle(page)
    headers = [header.strip() for header in table.locator("th").all_inner_texts()]
    assert headers == ["Vraag", "Medewerker", "Leidinggevende", "Collega's (gem.)"]
    assert page.evaluate("""() => [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stTable'] th")]
        .filter(cell => cell.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5
                        || cell.scrollWidth > cell.clientWidth + 1).map(cell => cell.innerText)""") == []
    page.get_by_text("Wat collega's zeggen").wait_for()
    expect(page.get_by_text("Helpt nieuwe mensen graag op weg aan de kantbank.")).to_be_visible()
    for name in ("Bram de Boer", "Kees Mulder", "Jan Hendriks"):
        expect(page.get_by_text(name)).to_have_count(0)
    context.close()


def test_text_typed_just_before_the_server_is_killed_is_stored_once_the_phone_reconnects(browser, own_server):
    context, page = phone(browser)
    sign_in(page, own_server.url, "collega")
    page.goto(f"{own_server.url}/third_voice")
    open_the_form(page)
    box = page.locator(OPEN_BLOCK).locator("textarea")
    typed_just_before_a_kill(own_server, box, "Net voor de crash")
    page.locator(OPEN_BLOCK).get_by_text("Opgeslagen").wait_for(timeout=90_000)
    assert stored_open_answer(own_server.env["DEVTALK_DB"]) == "Net voor de crash"
    expect(box).to_have_value("Net voor de crash")
    context.close()
