"""User text with HTML, script and markdown shows up literally in a real browser; nothing runs."""

import pytest

import db as storage
from db.conversations import conversations_of_employee
from db.people import person_by_username
from devtalk.services import conversations
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_conversation_flow import sign_in

pytestmark = pytest.mark.browser

HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> **vet** [klik](javascript:alert(1)) :red[rood]'


def both_submitted_with(db_path, text):
    database = storage.open_db(db_path)
    employee, manager = person_by_username(database, "felamrani"), person_by_username(database, "svisser")
    conversation_id = conversations_of_employee(database, employee.id)[0].id
    for person in (employee, manager):
        form = conversations.open_form(database, person, conversation_id)
        for item in form.items:
            if item.type == "likert":
                conversations.save_answer(database, person, conversation_id, item.id, value=3)
            else:
                conversations.save_answer(database, person, conversation_id, item.id, text=text)
        conversations.submit(database, person, conversation_id)
    return conversation_id


def test_hostile_answer_text_is_shown_literally_and_runs_nothing(browser, server):
    conversation_id = both_submitted_with(server["db"], HOSTILE)
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, server["url"], "svisser")
    page.goto(f"{server['url']}/comparison?conversation={conversation_id}")
    page.get_by_text("Kunnen en willen").click()
    page.get_by_text(HOSTILE).first.wait_for()
    page.screenshot(path=str(ARTIFACTS / "injection.png"), full_page=True)
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.locator("img[src='x']").count() == 0
