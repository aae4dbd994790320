"""Streamlit AppTest harness: the real app.py against a fresh database of the small test firm."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from streamlit.components.v2 import manifest_scanner
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.state.safe_session_state import SafeSessionState
from streamlit.runtime.state.session_state import SessionState
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.app_test import TESTING_KEY, _AppTestSessionState

from ui import session

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session", autouse=True)
def components_scanned_once():
    """Every new AppTest reads the metadata of every installed package, looking for Streamlit
    components: seconds a test on a busy machine, most of a page test's time. No package is
    installed during a session, so the first scan's answer serves every app."""
    found = manifest_scanner.scan_component_manifests()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest_scanner, "scan_component_manifests", lambda max_workers=None: found)
        yield


@pytest.fixture
def firm_db(fresh_db, firm, app_opens):
    """The small test firm in the database the app opens (on each backend)."""
    app_opens(fresh_db)
    return fresh_db, firm


@pytest.fixture
def demo_db(own_demo_db, app_opens):
    """The demo firm (every status in the current round, two earlier years, the bundled questionnaire)
    in a database of this test's own that the app opens (on each backend)."""
    app_opens(own_demo_db)
    return own_demo_db


@pytest.fixture
def deferred_downloads(monkeypatch):
    """The callable of every deferred download drawn, by the file id its button carries."""
    registered = {}
    add_deferred = MediaFileManager.add_deferred

    def keep(self, data_callable, *args, **kwargs):
        file_id = add_deferred(self, data_callable, *args, **kwargs)
        registered[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", keep)
    return registered


def download(app, key: str, registered: dict):
    """What a click on the download button gets, made as Streamlit makes it: the callable runs on a
    worker thread outside any script run (DeferredFileHandler: asyncio.to_thread)."""
    build = registered[app.download_button(key=key).proto.deferred_file_id]
    with ThreadPoolExecutor(1) as worker:
        return worker.submit(build).result()


def start_app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()


def submit_sign_in(username: str, password: str) -> AppTest:
    """The sign-in form filled in and submitted, as the run right after shows it."""
    app = start_app()
    app.text_input(key="login_username").input(username)
    app.text_input(key="login_password").input(password)
    return app.button(key="login_submit").click().run()


def reload(app: AppTest) -> AppTest:
    """Run app.py again, as a browser reload does."""
    return app.switch_page("app.py").run()


def sign_in(username: str, password: str = "geheim123") -> AppTest:
    """The app after signing in through the real sign-in form."""
    app = submit_sign_in(username, password)
    # AppTest keeps running the page it finished on (here pages/sign_in.py) as a script of its
    # own; going back to app.py runs the navigation like a browser reload would.
    reload(app)
    assert not app.exception
    return app


def open_page(app: AppTest, page: str, **params) -> AppTest:
    """Go to a page as a link with query parameters would. AppTest runs the page file itself,
    without app.py: so every page test also proves the page checks who is asking on its own."""
    app.query_params.clear()
    app.query_params.update({name: str(value) for name, value in params.items()})
    app.switch_page(page).run()
    return app


def texts(app: AppTest) -> str:
    """Everything the page shows as text, joined, for 'does the user see X' assertions."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "error", "success"):
        parts.extend(_unescaped(str(element.value)) for element in getattr(app, kind))
    parts.extend(element.text for element in app.progress)
    return "\n".join(parts)


def labels(widgets) -> list[str]:
    """The labels a person reads on these widgets (``app.text_input``, ``app.button``), in page order."""
    return [widget.label for widget in widgets]


def _unescaped(markdown: str) -> str:
    """Markdown source as the reader sees it: without the backslashes that keep user text literal
    and the invisible word joiners that keep an address from becoming a link."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def page_run_directly(username: str, page: str, **params) -> AppTest:
    """A page script run on its own as ``username``: what someone gets who reaches a page that is
    not in their navigation (a hand-made URL, a stale link). The page must refuse by itself."""
    signed_in = sign_in(username)
    app = AppTest.from_file(str(ROOT / page), default_timeout=30)
    app.session_state["session_token"] = signed_in.session_state["session_token"]
    for name, value in params.items():
        app.query_params[name] = str(value)
    return app.run()


def after_a_server_restart(app):
    """The tab's next run goes to a new server process: a new session without the old one's state
    or callbacks, to which the browser brings its sign-in and the values its widgets hold now."""
    browser_values = app._tree.get_widget_states()
    fresh = SessionState()
    for key in (TESTING_KEY, session.TOKEN, "lang"):
        fresh[key] = app.session_state[key]
    app._session_state = SafeSessionState(fresh, lambda: None)
    app.session_state = _AppTestSessionState(app._session_state)
    return app._run(browser_values)
