"""The fill-in page on a 390 x 844 phone, as a thumb uses it: what the first screen shows, a second
tap on a chosen answer, and the list of what is still missing.

hr's own open conversation, signed in with the password: the other browser tests that use it
only answer its second scale question and its open ones, and never submit it.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, SCALE_BLOCKS, current_conversation, phone, settle, sign_in

pytestmark = pytest.mark.browser


def fill_in_on_a_phone(browser, server):
    """hr's fill-in page on a phone, drawn and settled."""
    context, page = phone(browser)
    sign_in(page, server["url"], "hr")
    page.goto(f"{server['url']}/fill_in?conversation={current_conversation(server['db'], 'hr').id}")
    page.locator(SCALE_BLOCKS).first.wait_for(timeout=90_000)  # sixty items, on a busy test machine
    settle(page)
    return context, page


def progress_text(page) -> str:
    return page.get_by_text("verplichte vragen beantwoord").inner_text()


def test_tapping_the_chosen_answer_again_keeps_it(browser, server):
    context, page = fill_in_on_a_phone(browser, server)
    block = page.locator(SCALE_BLOCKS).nth(3)
    choice = block.locator("button[role='radio']").nth(1)
    choice.tap()
    block.get_by_text("Opgeslagen").wait_for()
    settle(page)
    answered = progress_text(page)
    choice.tap()  # the same value again, as a thumb does by accident
    settle(page)
    expect(choice).to_have_attribute("aria-checked", "true")
    expect(block.get_by_text("Opgeslagen")).to_be_visible()
    assert progress_text(page) == answered

    page.reload()
    page.locator(SCALE_BLOCKS).first.wait_for()
    settle(page)
    expect(page.locator(SCALE_BLOCKS).nth(3).locator("button[role='radio']").nth(1)).to_have_attribute("aria-checked", "true")
    context.close()


def answered_count(page) -> int:
    return int(re.match(r"(\d+) van", progress_text(page)).group(1))


def test_a_tap_counts_and_saves_without_drawing_the_other_questions_again(browser, server):
    context, page = fill_in_on_a_phone(browser, server)
    blocks = page.locator(SCALE_BLOCKS)
    # A required question nobody answered yet (the other tests answer the second and the fourth).
    tapped = next(blocks.nth(index) for index in range(5, blocks.count())
                  if not blocks.nth(index).get_by_text(re.compile("Opgeslagen|niet verplicht")).count())
    other = blocks.first
    before = answered_count(page)
    # Any change Streamlit makes to the other question while the tap's run draws (marking it stale,
    # replacing it) is counted; a node drawn anew loses the mark.
    other.evaluate("""(block) => {
        block.devtalkMark = true;
        window.devtalkChanges = 0;
        new MutationObserver((changes) => { window.devtalkChanges += changes.length; })
            .observe(block, {subtree: true, childList: true, attributes: true, characterData: true});
    }""")
    tapped.locator("button[role='radio']").nth(2).tap()
    tapped.get_by_text("Opgeslagen").wait_for()
    expect(page.get_by_text("verplichte vragen beantwoord")).to_contain_text(f"{before + 1} van")
    settle(page)
    assert other.evaluate("(block) => block.devtalkMark === true"), "the other question was drawn anew"
    assert page.evaluate("window.devtalkChanges") == 0, "the other question changed while the tap was saved"
    context.close()


def test_the_first_screen_shows_one_intro_and_the_first_question(browser, server):
    context, page = fill_in_on_a_phone(browser, server)
    assert page.locator("[data-testid='stAlertContentInfo']").count() == 1
    assert page.get_by_text("Dit is geen beoordeling").count() == 1
    first = page.locator(SCALE_BLOCKS).first
    for part in (first.locator("p").first, first.locator("button[role='radio']").first):
        box = part.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], "not on the first screen"
    context.close()


def test_each_missing_answer_after_submit_is_a_link_that_jumps_to_its_question(browser, server):
    context, page = fill_in_on_a_phone(browser, server)
    page.locator(".st-key-confirm_submit label").tap()
    settle(page)
    page.locator(".st-key-submit button").tap()
    warning = page.get_by_text(re.compile(r"Nog \d+ verplichte vragen open:"))
    warning.wait_for()
    settle(page)
    links = page.locator("[data-testid='stMarkdownContainer'] li a[href^='#vraag-']")
    assert links.count() == int(re.search(r"\d+", warning.inner_text()).group())
    last = links.last
    target = page.locator(f"[id='{last.get_attribute('href')[1:]}']")
    question = last.inner_text()
    last.tap()
    expect(target).to_be_in_viewport()
    assert len(context.pages) == 1  # the same page, not a new tab
    wording = page.locator("[class*='st-key-item_']").filter(has=target).locator("strong").first
    expect(wording).to_have_text(question)
    expect(wording).to_be_in_viewport()
    context.close()


def test_on_a_touch_phone_the_saved_mark_follows_typing_without_leaving_the_box(browser, server):
    context, page = fill_in_on_a_phone(browser, server)
    block = page.locator("[class*='st-key-item_']:has(textarea)").last
    expect(block.get_by_text("Opgeslagen")).to_have_count(0)
    block.locator("textarea").tap()
    block.locator("textarea").press_sequentially("Met de duim getypt", delay=30)
    block.get_by_text("Opgeslagen").wait_for()  # without the box left, only the typing can have saved it
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"  # never left the box
    expect(block.locator("textarea")).to_have_value("Met de duim getypt")
    context.close()
