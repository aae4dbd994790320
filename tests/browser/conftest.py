"""A real devtalk server on a free local port, and Debian's chromium driven by Playwright.

A browser test never skips: if chromium is missing the test fails and says how to install it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import db as storage
from db.conversations import conversations_of_employee
from db.people import person_by_username
from db.private_files import write_private
from tests.builders import CARD_PIN

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
ARTIFACTS.mkdir(exist_ok=True)
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _chromium() -> str:
    path = os.environ.get("DEVTALK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(f"chromium not found at {path}: run `make test` (it installs Debian's chromium) or apt-get install chromium")
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """devtalk served by a streamlit process that a test may kill and start again on its port."""

    def __init__(self, db_path, port: int):
        self.env, self.port, self.process = {**os.environ, "DEVTALK_DB": str(db_path)}, port, None
        self.url = f"http://127.0.0.1:{port}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1)
                return
            except OSError:
                time.sleep(0.3)
        pytest.fail(f"streamlit did not start on port {self.port}")

    def stop(self, how: signal.Signals) -> None:
        self.process.send_signal(how)
        self.process.wait(timeout=20)


@pytest.fixture(scope="session")
def write_demo(demo_file):
    """``write_demo(path)`` makes a new database file with the demo firm: a copy of the one
    tests/conftest.py builds once per session, whose cheap password hashes the server verifies
    cheaply too."""
    def write(db_path: Path) -> Path:
        write_private(db_path, demo_file)
        return db_path
    return write


@pytest.fixture(scope="session")
def server(tmp_path_factory, write_demo):
    """devtalk with the demo firm, served by streamlit on 127.0.0.1."""
    db_path = write_demo(tmp_path_factory.mktemp("browser") / "demo.db")
    running = Server(db_path, _free_port())
    running.start()
    yield {"url": running.url, "db": db_path}
    running.stop(signal.SIGTERM)


@pytest.fixture
def own_server(tmp_path, write_demo):
    """A demo server of this test's own, which it may kill and start again on the same port."""
    running = Server(write_demo(tmp_path / "demo.db"), _free_port())
    running.start()
    yield running
    if running.process.poll() is None:
        running.stop(signal.SIGTERM)


def typed_just_before_a_kill(server: Server, box, text: str) -> None:
    """Type ``text`` into ``box`` without leaving it, kill the server within a second of the last
    keystroke (the box has sent nothing yet), start it again, and wait until the tab talks to the
    new process (Streamlit disables every widget while it has no server); the person does nothing."""
    from playwright.sync_api import expect

    box.click()
    box.press_sequentially(text, delay=10)
    server.stop(signal.SIGKILL)
    expect(box).to_be_disabled()
    server.start()
    expect(box).to_be_enabled(timeout=90_000)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=_chromium(), headless=True, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser context per test; a screenshot lands in test-artifacts/ when the test fails."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    opened = context.new_page()
    opened.set_default_timeout(30_000)
    yield opened
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        opened.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def settle(page) -> None:
    """Wait until Streamlit has finished its current run, so a click lands on the final page
    and not on an element that the run is about to replace."""
    page.wait_for_timeout(200)
    page.locator("[data-testid='stStatusWidget']").wait_for(state="detached", timeout=60_000)


# Steps and places the browser tests share.

SCALE_BLOCKS = "[class*='st-key-item_']:has(button[role='radio'])"
PHONE = {"width": 390, "height": 844}


def sign_in(page, url, username):
    """Sign in through the form with the demo password, as far as the first page and its cookie."""
    page.goto(url)
    page.locator(".st-key-login_username input").fill(username)
    page.locator(".st-key-login_password input").fill("demo")
    page.locator(".st-key-login_submit button").click()
    page.locator("h1", has_text="Mijn gesprekken").wait_for()  # the page's title: a phone folds the menu away
    # The session cookie is what a reload or a typed address signs in with.
    page.wait_for_function("document.cookie.includes('devtalk_session=')")


def current_conversation(db_path, username="employee"):
    """The demo person's conversation of the current round, read from the server's database."""
    database = storage.open_db(db_path)
    employee = person_by_username(database, username)
    return conversations_of_employee(database, employee.id)[0]


def phone(browser):
    """A touch phone's browser context and its page (close the context when done)."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return context, page


def choose_pin(page, pin: str = CARD_PIN) -> None:
    """The first sign-in with a card: the person chooses their PIN, typing it twice."""
    page.get_by_text("Kies je pincode").wait_for()
    settle(page)
    page.locator(".st-key-login_pin input").fill(pin)
    page.locator(".st-key-login_pin_again input").fill(pin)
    page.get_by_role("button", name="Verder").click()
