"""Two app servers behind HAProxy (ops/cluster.py, as `make cluster` starts them): the server a
person's phone is on stops in the middle of filling in, and the tab goes on on the other one. On
both backends: a firm on PostgreSQL reached by its host name (test-1.localhost), and one firm's
SQLite file that both servers share.

The balancer's SERVERID cookie names the server that holds the tab's Streamlit session; that one is
killed while the person is still typing in an open question. The tab reconnects through the balancer
to the other server, devtalk's own session cookie signs it in again there, and what the person had
chosen and typed is stored once.
"""

from __future__ import annotations

import os
import signal
import time

import pytest
from playwright.sync_api import expect

from db.conversations import conversations_of_employee
from db.people import person_by_username
from ops.cluster import Cluster
from tests.browser.conftest import SCALE_BLOCKS, phone, settle, sign_in

pytestmark = pytest.mark.browser
OPEN_BLOCKS = "[class*='st-key-item_']:has(textarea)"
UNANSWERED = ":not(:has-text('Opgeslagen')):not(:has-text('niet verplicht'))"
TAPS = 3  # scale answers chosen before the server stops


@pytest.fixture
def cluster(tmp_path, own_demo_db, app_opens):
    app_opens(own_demo_db)
    with Cluster({}, tmp_path, count=2) as running:
        yield running


def firm_url(cluster: Cluster) -> str:
    """The balancer's address of the firm under test: its host name on PostgreSQL."""
    slug = os.environ.get("DEVTALK_FIRM")
    return f"http://{slug}.localhost:{cluster.port}" if slug else cluster.url


def stored_answers(database, conversation_id: int) -> dict[str, list[tuple]]:
    """Every stored row of the employee's answers in this conversation, by item: one row per item
    or an answer was stored twice."""
    rows = database.execute(
        "SELECT item_id, value, not_applicable, text FROM answers WHERE conversation_id = ? AND side = 'employee'",
        [conversation_id]).fetchall()
    stored: dict[str, list[tuple]] = {}
    for item_id, *answer in rows:
        stored.setdefault(item_id, []).append(tuple(answer))
    return stored


def item_of(block) -> str:
    return block.get_attribute("class").split("st-key-item_")[1].split()[0]


def session_server(context) -> str:
    """The app server the balancer's cookie ties this browser to."""
    return next(cookie["value"] for cookie in context.cookies() if cookie["name"] == "SERVERID")


def warm_up(browser, cluster: Cluster) -> None:
    """Each server draws its first page once, as a running cluster's servers have long done: a new
    process imports the app on its first run, which would count as the time the move takes."""
    context = browser.new_context()
    page = context.new_page()
    for server in cluster.servers:
        page.goto(server.url)
        page.locator(".st-key-login_username input").wait_for(timeout=90_000)
    context.close()


def test_answers_given_before_the_server_stops_are_all_there_once_after_the_tab_moves_to_another(
        browser, cluster, own_demo_db, backend):
    conversation = conversations_of_employee(own_demo_db, person_by_username(own_demo_db, "employee").id)[0]
    url = firm_url(cluster)
    warm_up(browser, cluster)
    context, page = phone(browser)
    sign_in(page, url, "employee")
    page.goto(f"{url}/fill_in?conversation={conversation.id}")
    page.locator(SCALE_BLOCKS).first.wait_for(timeout=90_000)
    settle(page)
    before = stored_answers(own_demo_db, conversation.id)

    chosen = {}
    for _ in range(TAPS):
        block = page.locator(SCALE_BLOCKS + UNANSWERED).first
        item_id = item_of(block)
        block.locator("button[role='radio']").nth(1).tap()
        page.locator(f".st-key-item_{item_id}").get_by_text("Opgeslagen").wait_for()
        chosen[item_id] = (2, 0, None)  # the second button of the demo's 1-5 scale
        settle(page)
    open_item = next(item for item in map(item_of, page.locator(OPEN_BLOCKS).all()) if item not in before)
    box = page.locator(f".st-key-item_{open_item} textarea")
    box.click()
    box.press_sequentially("Getypt op de telefoon toen de server stopte", delay=10)  # no blur: nothing sent yet

    holder = session_server(context)
    started = time.monotonic()
    cluster.server(holder).stop(signal.SIGKILL)
    expect(box).to_be_disabled()  # Streamlit disables every widget while it has no server
    expect(box).to_be_enabled(timeout=90_000)
    reconnect = time.monotonic() - started
    print(f"\n[{backend}] reconnect after {holder} was killed: {reconnect:.1f} s (until the tab's widgets work again)")

    expected = {**before, **{item_id: [answer] for item_id, answer in chosen.items()},
                open_item: [(None, 0, "Getypt op de telefoon toen de server stopte")]}
    deadline = time.monotonic() + 60
    while (stored := stored_answers(own_demo_db, conversation.id)) != expected:
        assert time.monotonic() < deadline, f"stored {stored}, expected {expected}"
        time.sleep(0.2)
    stored_at = time.monotonic() - started
    print(f"[{backend}] the answer typed at the kill was stored {stored_at:.1f} s after it")
    assert session_server(context) != holder
    page.locator(f".st-key-item_{open_item}").get_by_text("Opgeslagen").wait_for()
    for item_id in chosen:
        expect(page.locator(f".st-key-item_{item_id} button[role='radio']").nth(1)).to_have_attribute(
            "aria-checked", "true")
    context.close()
