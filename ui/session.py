"""Per-browser-session state: the database connection, the signed-in person, the language.

The session holds only an opaque token; who you are is looked up server-side on every run,
so editing session state by hand cannot make you someone else.
"""

from __future__ import annotations

import sqlite_utils
import streamlit as st

import db as storage
from devtalk import config
from devtalk.domain.client_address import client_address
from devtalk.domain.models import Person
from devtalk.errors import DevtalkError
from devtalk.i18n import normalise_language, t
from devtalk.services import auth, invitations
from ui import served_files
from ui.text import escape_markdown

TOKEN = "session_token"
COOKIE = "devtalk_session"
PENDING_CARD = "pending_card"  # (code, PIN step) of a card waiting for its PIN
SIGNED_OUT = "signed_out_notice"  # left by a callback that found its session gone; app.py shows it
LAND_ON = "land_on"  # a page a callback wants the next run to open (app.py switches to it)
LINK_ERROR = "link_error"  # why a card's QR link did not sign in; the sign-in page shows it on top


def database() -> sqlite_utils.Database:
    """One connection per browser session; each tab runs in its own thread, so none are shared."""
    path = str(config.database_path())
    if st.session_state.get("_db_path") != path:
        database = storage.open_db(path)
        storage.migrate(database)
        st.session_state["_db"] = database
        st.session_state["_db_path"] = path
    return st.session_state["_db"]


def session_token() -> str | None:
    """This browser session's token; a reload or a new tab picks it up from the cookie."""
    return st.session_state.get(TOKEN) or st.context.cookies.get(COOKIE)


def current_person() -> Person | None:
    """Who is signed in, looked up from the token on every call."""
    token = session_token()
    person = auth.current_person(database(), token)
    if person is None:
        st.session_state.pop(TOKEN, None)
    elif TOKEN not in st.session_state:
        st.session_state[TOKEN] = token
        st.session_state["lang"] = person.language
    return person


def language() -> str:
    """Set from the person's preference at sign-in, switchable any time; Dutch before that."""
    return normalise_language(st.session_state.get("lang"))


def tr(key: str, **params: object) -> str:
    """A catalogue text in the current person's language."""
    return t(key, language(), **params)


def require_person() -> Person:
    """The signed-in person, or stop the page (app.py shows the sign-in page instead)."""
    person = current_person()
    if person is None:
        st.session_state.pop(SIGNED_OUT, None)  # said right here; not again after the next sign-in
        st.warning(tr("app.signed_out"))
        st.stop()
    return person


def client() -> str:
    """Who is knocking, for the code-guessing limits: the connection's address, or behind a
    trusted proxy the client it forwarded for (devtalk.domain.client_address says why and how)."""
    # Streamlit gives None for a connection from this machine itself (the usual proxy's place);
    # AppTest's stand-in runtime gives no strings at all.
    peer = st.context.ip_address if isinstance(st.context.ip_address, str) else "127.0.0.1"
    forwarded = [header for header in st.context.headers.get_all("X-Forwarded-For") if isinstance(header, str)]
    return client_address(peer, forwarded, config.trusted_proxies())


def sign_in_from_link() -> None:
    """A QR code on an invitation card opens ``/?code=...``: sign in with it, then drop the code
    from the address bar so it does not linger in the browser's history."""
    code = st.query_params.get("code")
    if not code:
        return
    del st.query_params["code"]
    sign_in_with_card(code)
    # Whoever scanned a card is looking at the top of the page, not at the code form further down.
    if "code_error" in st.session_state:
        st.session_state[LINK_ERROR] = st.session_state.pop("code_error")


def sign_in_with_card(code: str, pin: str | None = None, pin_again: str | None = None) -> None:
    """Sign in with a card's code, or keep the card for the PIN step it still needs.

    The waiting card lives in session state only, which stays on the server, and no session
    exists before the PIN is right; a refusal is left under ``code_error`` for the next run.
    """
    try:
        outcome = invitations.sign_in_with_code(database(), code, client(), pin=pin, pin_again=pin_again)
    except invitations.CodeRefused as error:
        st.session_state.pop(PENDING_CARD, None)
        st.session_state["code_error"] = error.render(language())
    except DevtalkError as error:
        st.session_state["code_error"] = error.render(language())
    else:
        if outcome.token is None:
            st.session_state[PENDING_CARD] = (invitations.normalise(code), outcome.pin_step)
        else:
            st.session_state.pop(PENDING_CARD, None)
            start(outcome.token)


def require_hr() -> Person:
    """The signed-in HR person; anyone else gets "not allowed" and the page stops. The services
    refuse them too: this only spares them a page of errors."""
    person = require_person()
    if not person.is_hr:
        st.error(tr("error.not_allowed"))
        st.stop()
    return person


def show_error(error: DevtalkError) -> None:
    st.error(escape_markdown(error.render(language())))


def show_pending(key: str, show=st.error) -> None:
    """A message a callback left under ``key`` for the next run (callbacks run before the page
    draws, so they cannot show it themselves): shown once, literally, then forgotten."""
    if key in st.session_state:
        show(escape_markdown(st.session_state.pop(key)))


def query_int(name: str) -> int | None:
    """A whole number from the URL, or None when it is missing or not a number."""
    value = st.query_params.get(name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def start(token: str) -> None:
    """Remember the new session (here and in a cookie) and take over the person's language."""
    st.session_state[TOKEN] = token
    st.session_state["_cookie"] = token
    person = current_person()
    st.session_state["lang"] = person.language if person else "nl"


def end() -> None:
    """Sign out: the server forgets the session, the browser forgets the cookie, and no file this
    session downloaded can still be fetched."""
    auth.sign_out(database(), session_token())
    served_files.remove_unshown()
    for key in list(st.session_state.keys()):
        if key not in ("_db", "_db_path"):
            del st.session_state[key]
    st.session_state["_cookie"] = ""


def write_cookie() -> None:
    """Hand a pending session cookie to the browser; called by app.py on every run.

    The token is ours (URL-safe base64), never user input, so it is safe inside the script.
    """
    token = st.session_state.pop("_cookie", None)
    if token is None:
        return
    lifetime = "" if token else "; max-age=0"
    st.html(
        f"<script>document.cookie = '{COOKIE}={token}; path=/; SameSite=Strict{lifetime}'"
        " + (location.protocol === 'https:' ? '; Secure' : '');</script>",
        unsafe_allow_javascript=True,
        width="content",
    )


def seed(key: str, value: object) -> None:
    """Give a widget its stored value once; after that the widget owns it, so a rerun never
    feeds back a stale copy (the "updates every other time" trap, streamlit #1557)."""
    if key not in st.session_state:
        st.session_state[key] = value
