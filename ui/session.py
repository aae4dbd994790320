"""Per-browser-session state: the database connection, the signed-in person, the language.

The session holds only an opaque token; who you are is looked up server-side on every run,
so editing session state by hand cannot make you someone else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import sqlite_utils
import streamlit as st

from db import migrate, open_db, tenants
from devtalk import config
from devtalk.domain.client_address import client_address
from devtalk.domain.firm_address import slug_from_host
from devtalk.domain.models import Person
from devtalk.errors import DevtalkError
from devtalk.i18n import normalise_language, t
from devtalk.services import auth, invitations
from ui import served_files
from ui.text import escape_markdown

TOKEN = "session_token"
COOKIE = "devtalk_session"
PENDING_CARD = "pending_card"  # (code, PIN step) of a card waiting for its PIN
LAND_ON = "land_on"  # a page a callback wants the next run to open (app.py switches to it)
# What a callback has to say waits in a slot for the next run to show (``say``, ``show``).
ERROR, WARNING, SUCCESS = "error", "warning", "success"
SIGNED_OUT = "signed_out"  # a callback found its session gone; app.py shows it
CODE = "code"  # why a card's code or PIN did not sign in, under its form
LINK_ERROR = "link"  # why a card's QR link did not sign in; the sign-in page shows it on top
FIRM_KIND = "_db_firm_kind"  # on PostgreSQL, the kind of the session's firm ("firm" or "fund")


def database() -> sqlite_utils.Database:
    """One connection per browser session; each tab runs in its own thread, so none are shared.
    On PostgreSQL, the database of the firm this session is bound to (``firm_database``)."""
    url = config.database_url()
    if url is not None:
        return firm_database(url)
    path = str(config.database_path())
    if st.session_state.get("_db_path") != path:
        database = open_db(path)
        migrate(database)
        st.session_state["_db"] = database
        st.session_state["_db_path"] = path
    return st.session_state["_db"]


def firm_database(url: str) -> sqlite_utils.Database:
    """The database of the firm this address names (the Host header's first label, else DEVTALK_FIRM),
    bound to the browser session: a later run that names another firm starts a fresh session, signed
    out, so nothing of one firm (a token, a waiting card, a form) is ever used on another's database.
    No firm at this address: a page that says so, and nothing else."""
    slug = slug_from_host(st.context.headers.get("Host")) or config.firm_slug()
    if st.session_state.get("_db_path") != (url, slug):
        if "_db_path" in st.session_state:  # bound to another firm: start over there, signed out
            st.session_state.clear()
        firm = tenants.firm_by_slug(url, slug) if slug else None
        if firm is None:
            st.title(tr("firm_address.none_title"))
            st.write(tr("firm_address.none_text"))
            st.stop()
        database = tenants.firm_database(url, firm)
        migrate(database)
        st.session_state.update({"_db": database, "_db_path": (url, slug), FIRM_KIND: firm.kind})
    return st.session_state["_db"]


def fund_portal() -> bool:
    """Whether this session is on the fund portal (PostgreSQL, the firm of kind "fund")."""
    database()
    return st.session_state.get(FIRM_KIND) == "fund"


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
        forget(SIGNED_OUT)  # said right here; not again after the next sign-in
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
    # Whoever scanned a card is looking at the top of the page, not at the code form further down.
    sign_in_with_card(code, slot=LINK_ERROR)


def sign_in_with_card(code: str, pin: str | None = None, pin_again: str | None = None, *, slot: str = CODE) -> None:
    """Sign in with a card's code, or keep the card for the PIN step it still needs.

    The waiting card lives in session state only, which stays on the server, and no session
    exists before the PIN is right; a refusal waits in ``slot`` for the next run.
    """
    with refusal_kept(slot):
        try:
            outcome = invitations.sign_in_with_code(database(), code, client(), pin=pin, pin_again=pin_again)
        except invitations.CodeRefused:
            st.session_state.pop(PENDING_CARD, None)  # a refused card starts again from its code
            raise
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


def or_stop(operation: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """What a service gives the page as it is drawn, or its refusal shown and the page stopped
    (a callback's refusal waits for the next run instead: ``ui.callbacks``)."""
    try:
        return operation(*args, **kwargs)
    except DevtalkError as error:
        st.error(escape_markdown(error.render(language())))
        st.stop()


@contextmanager
def refusal_kept(slot: str, fields: tuple[str, ...] = ()) -> Iterator[None]:
    """A refusal inside keeps its text in ``slot`` instead of raising, beside its field when it is
    an ``InvalidInput`` about one of ``fields``. On its own only where nobody is signed in yet
    (signing in, the first run); everything else goes through ``ui.callbacks.run``."""
    try:
        yield
    except DevtalkError as error:
        field = getattr(error, "field", None)
        keep(slot, error.render(language()), ERROR, field if field in fields else None)


def say(slot: str, key: str, *, kind: str = SUCCESS, **params: object) -> None:
    """Keep a catalogue text in ``slot`` for the next run: what a callback did, or a warning."""
    keep(slot, tr(key, **params), kind)


def keep(slot: str, text: str, kind: str, field: str | None = None) -> None:
    notes = st.session_state.setdefault(slot_key(slot), [])
    if (kind, field, text) not in notes:  # two callbacks of one run may say the same
        notes.append((kind, field, text))


def kept(slot: str, field: str | None = None) -> list[str]:
    """The refusals waiting in ``slot`` (at ``field``), left there: for a page that words them
    itself and shows them until the thing is tried again."""
    return [text for kind, at, text in st.session_state.get(slot_key(slot), ()) if kind == ERROR and at == field]


def forget(slot: str) -> None:
    """What ``slot`` held is moot now: shown already, or the thing it was about is tried again."""
    st.session_state.pop(slot_key(slot), None)


def show(slot: str, field: str | None = None) -> None:
    """Draw what waits in ``slot`` (at ``field``), literally, errors first; then it is forgotten."""
    notes = st.session_state.get(slot_key(slot), [])
    if rest := [note for note in notes if note[1] != field]:
        st.session_state[slot_key(slot)] = rest
    else:
        forget(slot)
    for kind, draw in ((ERROR, st.error), (WARNING, st.warning), (SUCCESS, st.success)):
        for text in [text for of_kind, at, text in notes if of_kind == kind and at == field]:
            draw(escape_markdown(text))


def slot_key(slot: str) -> str:
    """The session-state key ``slot``'s notes live under: apart from every widget's key."""
    return f"kept_{slot}"


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
        if key not in ("_db", "_db_path", FIRM_KIND):
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
