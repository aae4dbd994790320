"""The comparison's tables in a real browser: open answers wrap, and every column is in view on a
1280 px screen and on a 390 px phone."""

import signal

import pytest

import db as storage
from db.conversations import conversations_of_employee
from db.people import person_by_username
from devtalk.services import conversations
from tests.browser.conftest import ARTIFACTS, Server, _free_port, settle

pytestmark = pytest.mark.browser

LONG_ANSWER = ("Ik zie Kees graag de komende maanden meer TIG-lassen op rvs, eerst naast Jan en daarna zelfstandig, "
               "zodat hij in het voorjaar de dunne plaat van de koelwagens alleen kan doen; **niet vet**, "
               "en het laatste woord van dit antwoord is slotwoord.")
HEADERS = ["Vraag", "Medewerker", "Leidinggevende", "Vereist", "Verschil"]  # the demo requires levels of Kees


@pytest.fixture(scope="module")
def compared(tmp_path_factory, write_demo):
    """A demo firm of its own, where Marco answers Kees's open questions at length and submits,
    so both sides of Kees's conversation are in (the shared demo server keeps Kees half done)."""
    db_path = tmp_path_factory.mktemp("comparison") / "demo.db"
    write_demo(db_path)
    database = storage.open_db(db_path)
    marco, kees = person_by_username(database, "manager"), person_by_username(database, "kmulder")
    conversation_id = conversations_of_employee(database, kees.id)[0].id
    for item in conversations.open_form(database, marco, conversation_id).items:
        if item.type == "likert":
            conversations.save_answer(database, marco, conversation_id, item.id, value=3)
        else:
            conversations.save_answer(database, marco, conversation_id, item.id, text=LONG_ANSWER)
    conversations.submit(database, marco, conversation_id)
    running = Server(db_path, _free_port())
    running.start()
    yield running.url, conversation_id
    running.stop(signal.SIGTERM)


def comparison_page(browser, url, conversation_id, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL",
                                  is_mobile=width < 500, has_touch=width < 500)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    page.locator(".st-key-login_username input").fill("manager")
    page.locator(".st-key-login_password input").fill("demo")
    page.locator(".st-key-login_submit button").click()
    page.get_by_role("heading", name="Mijn gesprekken").wait_for()
    page.goto(f"{url}/comparison?conversation={conversation_id}")
    # Sixty items' tables on a shared machine may take a while.
    page.locator("[data-testid='stTable']").first.wait_for(timeout=90_000)
    settle(page)
    return context, page


def out_of_view(page, selector: str) -> list[str]:
    """The texts of the elements that reach beyond the screen's left or right edge, or are cut
    off inside their own box."""
    return page.evaluate("""selector => [...document.querySelectorAll(selector)].filter(element => {
        const box = element.getBoundingClientRect();
        return box.left < 0 || box.right > document.documentElement.clientWidth + 0.5
            || element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1;
      }).map(element => element.innerText)""", selector)


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_every_comparison_column_is_in_view_and_open_answers_wrap(browser, compared, width, height):
    url, conversation_id = compared
    context, page = comparison_page(browser, url, conversation_id, width, height)
    try:
        page.screenshot(path=str(ARTIFACTS / f"comparison-tables-{width}.png"), full_page=True)
        tables = page.locator("[data-testid='stMain'] [data-testid='stTable']")
        headers = tables.first.locator("th").all_inner_texts()
        assert [header.strip() for header in headers] == HEADERS
        assert out_of_view(page, "[data-testid='stMain'] [data-testid='stTable'] th") == []
        answer = page.locator("[data-testid='stTable'] td", has_text="slotwoord").first
        answer.scroll_into_view_if_needed()
        assert answer.inner_text().strip() == LONG_ANSWER
        assert out_of_view(page, "[data-testid='stMain'] [data-testid='stTable'] td") == []
        box = answer.bounding_box()
        assert box["height"] > 40, "the long answer wraps onto several lines"
        assert page.locator("[data-testid='stTable'] strong").count() == 0
    finally:
        context.close()
