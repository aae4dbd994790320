"""HR prints sign-in cards at 1280 px: a whole team is one choice, the first click on 'Codes maken'
gives the cards, and the cards carry the address HR's browser uses."""

import re
import signal
from io import BytesIO

import pytest
import zxingcpp
from pypdf import PdfReader

import db as storage
from db.people import person_by_username
from tests.browser.conftest import Server, _free_port, settle, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def own_server(tmp_path_factory, write_demo):
    """A demo firm of its own: no other test has made cards for Marco's team here."""
    db_path = tmp_path_factory.mktemp("cards") / "demo.db"
    write_demo(db_path)
    running = Server(db_path, _free_port())
    running.env["DEVTALK_PUBLIC_URL"] = ""  # unset: the cards take the browser's address
    running.start()
    yield running
    running.stop(signal.SIGTERM)


def test_a_team_is_one_choice_and_the_first_click_makes_its_cards(browser, own_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    sign_in(page, own_server.url, "hr")
    page.goto(f"{own_server.url}/hr_invitations")
    team = page.get_by_text(re.compile(r"^Team van Marco Jansen"))
    team.wait_for()
    settle(page)
    # Only this server's own address: on a phone 127.0.0.1 would be the phone, so HR is warned.
    assert page.get_by_text("print nog niet").is_visible()
    team.click()
    settle(page)
    page.locator(".st-key-cards_make button").click()  # once
    page.get_by_text("De kaartjes zijn klaar").wait_for(timeout=15_000)
    with page.expect_download() as started:
        page.locator(".st-key-cards_download button").click()
    pdf = open(started.value.path(), "rb").read()
    links = [result.text for sheet in PdfReader(BytesIO(pdf)).pages for image in sheet.images
             for result in zxingcpp.read_barcodes(image.image)]
    database = storage.open_db(own_server.env["DEVTALK_DB"])
    marco = person_by_username(database, "manager")
    team_size = database.execute("SELECT count(*) FROM people WHERE manager_id = ? AND active", [marco.id]).fetchone()[0]
    assert len(links) == team_size > 1
    assert all(link.startswith(f"{own_server.url}/?code=") for link in links), links
    context.close()
