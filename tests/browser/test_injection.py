"""User text with HTML, script and markdown shows up literally in a real browser; nothing runs."""

import http.server
import threading

import pytest

import db as storage
from db.conversations import conversations_of_employee
from db.people import person_by_username
from devtalk.services import conversations
from devtalk.services.library import store_questionnaire
from devtalk.services.rounds import create_round
from tests.browser.conftest import ARTIFACTS, settle, sign_in

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


class RecordingServer:
    """A web server on 127.0.0.1 that answers every request with 404 and remembers its paths:
    a page that loads a user's image reference shows up here (never a remote address)."""

    def __init__(self):
        requests = self.requests = []

        class Recorder(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the standard library's name)
                requests.append(self.path)
                self.send_error(404)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def recorder():
    started = RecordingServer()
    yield started
    started.close()


def labelled_questionnaire(image_url: str) -> str:
    labels = ["**vet**", ":red[rood]", "$x^2$", f"![img]({image_url}/x.png)"]
    return f"""\
id: opmaak-in-labels
title: {{nl: Opmaak in labels, en: Markup in labels}}
languages: [nl, en]
scales:
  opmaak:
    points: [1, 2, 3, 4]
    labels: {{{", ".join(f'{point}: {{nl: "{label}", en: "{label}"}}' for point, label in enumerate(labels, 1))}}}
sections:
  - id: vak
    title: {{nl: Vak, en: Craft}}
    items:
      - id: adres
        type: likert
        scale: opmaak
        text: {{nl: "Kijk op www.voorbeeld.example of https://voorbeeld.example/pad", en: "See www.voorbeeld.example"}}
"""


def fill_in_with_labels(db_path, image_url: str) -> int:
    """Ruud (whom no other browser test uses) gets a round on a questionnaire with markup in its
    scale labels, and an address in its name."""
    database = storage.open_db(db_path)
    hr, ruud = person_by_username(database, "hr"), person_by_username(database, "rbos")
    version = store_questionnaire(database, hr, labelled_questionnaire(image_url), "opmaak.yaml")
    create_round(database, hr, "Ronde www.ronde.example, https://ronde.example en hr@ronde.example", version.id,
                 employee_ids=[ruud.id])
    return conversations_of_employee(database, ruud.id)[0].id


def test_markup_and_addresses_in_questionnaire_texts_show_literally(browser, server, recorder):
    conversation_id = fill_in_with_labels(server["db"], recorder.url)
    page = browser.new_page()
    sign_in(page, server["url"], "rbos")
    page.goto(f"{server['url']}/fill_in?conversation={conversation_id}")
    block = page.locator("[class*='st-key-item_adres']")
    block.locator("button[role='radio']").first.wait_for()
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "injection-labels.png"), full_page=True)
    pills = [text.replace("\u2060", "") for text in block.locator("button[role='radio']").all_inner_texts()]
    assert pills == ["1 · **vet**", "2 · :red[rood]", "3 · $x^2$", f"4 · ![img]({recorder.url}/x.png)"]
    main = page.locator("[data-testid='stMain']")
    reads = main.inner_text().replace("\u2060", "")
    assert "Kijk op www.voorbeeld.example of https://voorbeeld.example/pad" in reads
    assert "Ronde www.ronde.example, https://ronde.example en hr@ronde.example" in reads
    assert main.locator("a[href*='example']").count() == 0
    assert main.locator("strong:has-text('vet'), .katex, img[src*='x.png']").count() == 0
    assert recorder.requests == []
