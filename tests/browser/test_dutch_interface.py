"""No English of Streamlit's own shows through in the Dutch interface, even in a browser set to
American English: placeholders, the dropdowns' "No results" and "Select all", the file uploader's
instructions and refusal, the "Press Enter" hints (none on a phone), the date fields and the calendar
(ui/widgets.py). Screenshots of a failure land in test-artifacts/.
"""

from __future__ import annotations

import re

import pytest

import db as storage
from db.conversations import conversations_of_employee
from db.people import add_person, person_by_username
from devtalk.domain.access import OPERATOR
from devtalk.services import invitations, rounds
from tests.browser.conftest import ARTIFACTS, PHONE, choose_pin, current_conversation, settle

pytestmark = pytest.mark.browser

# What Streamlit 1.67 says in English, in the words that give it away.
ENGLISH = (
    "Choose an option", "Choose options", "No options to select", "Select all", "Select \\d+ matches",
    "No results", "Drag and drop", "Upload", "per file", "Error:", "files are not allowed", "Press Enter",
    "Ctrl\\+Enter to", "⌘\\+Enter", "Failed to generate file", "Download failed", "yyyy", "Choose date",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Sunday", "Monday",
)
SHOWN = """() => document.body.innerText + "\\n" +
  [...document.querySelectorAll("[placeholder]")].map((element) => element.placeholder).join("\\n")"""
HR_PAGES = ("", "my_actions", "dossier", "account", "hr_start", "hr_people", "hr_rounds", "hr_invitations",
            "hr_library", "hr_builder", "hr_team", "hr_exports", "hr_privacy", "hr_certificates", "my_certificates",
            "hr_requirements", "skills_matrix", "my_learning", "training_queue", "training_plan",
            "learning_evaluation", "third_voice")


def english_shown(page) -> list[str]:
    shown = page.evaluate(SHOWN)
    return [words for words in ENGLISH if re.search(rf"(?<!\w){words}(?!\w)", shown)]


def assert_dutch(page, where: str) -> None:
    # ui/widgets' script sets the lang once Streamlit has drawn it; until then it is Streamlit's "en".
    page.wait_for_function("document.documentElement.lang === 'nl'")
    found = english_shown(page)
    if found:
        name = re.sub(r"\W+", "-", where)
        page.screenshot(path=str(ARTIFACTS / f"dutch-interface-{name}.png"), full_page=True)
    assert found == [], f"English on {where}"


def open_page(page, url: str, path: str) -> None:
    page.goto(f"{url}/{path}")
    page.locator("[data-testid='stSidebar'] [data-testid='stPageLink']").first.wait_for()
    settle(page)


def american(browser, **options):
    context = browser.new_context(locale="en-US", **options)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return context, page


def sign_in_as_hr(page, url: str) -> None:
    page.goto(url)
    page.locator(".st-key-login_username input").fill("hr")
    assert_dutch(page, "sign-in")  # signed out: the lang and the form's own hint are Dutch too
    page.locator(".st-key-login_password input").fill("demo")
    page.locator(".st-key-login_submit button").click()
    page.get_by_text("Mijn gesprekken").first.wait_for()
    page.wait_for_function("document.cookie.includes('devtalk_session=')")


def join_the_current_round(database, name: str, username: str):
    """Someone of their own in Daan's team with an open conversation: what they type changes
    nothing the other browser tests look at."""
    daan, hr = person_by_username(database, "employee"), person_by_username(database, "hr")
    newcomer = add_person(database, name=name, username=username, function_id=daan.function_id,
                          manager_id=daan.manager_id)
    rounds.add_late_joiners(database, hr, rounds.list_rounds(database, hr)[0].round.id, [newcomer.id])
    return newcomer


def test_every_page_is_dutch_for_dutch_hr_in_an_american_browser(browser, server):
    url = server["url"]
    context, page = american(browser, viewport={"width": 1280, "height": 900})
    sign_in_as_hr(page, url)
    conversation = current_conversation(server["db"], "hr")
    own = (f"{name}?conversation={conversation.id}" for name in ("fill_in", "comparison", "report"))
    for path in (*HR_PAGES, *own):
        open_page(page, url, path)
        assert_dutch(page, path or "home")
    context.close()


def test_the_hr_widgets_speak_dutch_when_opened(browser, server):
    url = server["url"]
    context, page = american(browser, viewport={"width": 1280, "height": 900})
    sign_in_as_hr(page, url)

    open_page(page, url, "hr_rounds")
    page.get_by_text("Nieuwe ronde").first.click()
    # The dropdown opens on a page that is done drawing: a run still under way would redraw it shut.
    page.locator(".st-key-round_version [data-testid='stSelectbox']").wait_for()
    settle(page)
    page.locator(".st-key-round_version [data-testid='stSelectbox']").click()
    page.get_by_role("option").first.wait_for()
    assert_dutch(page, "the questionnaire dropdown")
    page.keyboard.type("zzzz")  # key by key, as a person types and as the multiselect below is searched
    page.get_by_text("Niets gevonden").wait_for()
    assert_dutch(page, "a dropdown with nothing found")
    page.keyboard.press("Escape")
    page.locator(".st-key-round_everyone label").first.click()
    settle(page)
    page.locator(".st-key-round_people [data-testid='stMultiSelect']").click()
    page.get_by_text("Alles kiezen").wait_for()
    assert_dutch(page, "the people multiselect")
    page.keyboard.type("zzzz")
    page.get_by_text("Niets gevonden").wait_for()
    assert_dutch(page, "a multiselect with nothing found")
    page.keyboard.press("Escape")
    page.locator(".st-key-round_fill_deadline").get_by_text("jjjj").wait_for()
    page.locator(".st-key-round_fill_deadline [data-testid='stDateInputFieldsScroller']").click()
    page.get_by_role("grid").wait_for()
    # The calendar follows the person, not the browser: its month list says "januari".
    page.wait_for_function("[...document.querySelectorAll('option')].some((o) => o.textContent === 'januari')")
    assert_dutch(page, "the calendar")
    page.keyboard.press("Escape")

    open_page(page, url, "hr_people")
    page.get_by_role("tab", name="Inlezen en uitvoeren").click()
    uploader = page.locator(".st-key-import_file")
    uploader.get_by_text("Bestand kiezen").wait_for()
    assert_dutch(page, "the people import")
    uploader.locator("input[type='file']").set_input_files(
        files=[{"name": "mensen.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}])
    uploader.get_by_text("Dit soort bestand kan hier niet.").wait_for()
    assert_dutch(page, "a refused upload")

    page.get_by_role("tab", name="Mensen").first.click()
    page.locator(".st-key-people_search input").fill("Daan")
    page.get_by_text("Enter om over te nemen").wait_for()
    assert_dutch(page, "a text field being typed in")

    context.close()


def test_a_phone_shows_no_ctrl_enter_hint_while_typing_an_answer(browser, server):
    database = storage.open_db(server["db"])
    newcomer = join_the_current_round(database, "Noor Nieuw", "nnieuw")
    code = invitations.issue_code(database, OPERATOR, newcomer.id)
    conversation_id = conversations_of_employee(database, newcomer.id)[0].id
    context, page = american(browser, viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page.goto(f"{server['url']}/?code={code}")
    choose_pin(page)
    page.get_by_role("heading", name="Mijn gesprekken").wait_for()
    page.goto(f"{server['url']}/fill_in?conversation={conversation_id}")
    answer = page.locator("[class*='st-key-answer_'] textarea").first
    answer.wait_for()
    settle(page)
    answer.tap()
    page.keyboard.type("Ik leer graag van collega's")
    settle(page)
    assert "Enter" not in page.evaluate("document.body.innerText")
    assert_dutch(page, "an answer typed on a phone")
    context.close()
