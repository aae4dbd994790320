"""Code that runs after its page was drawn asks again who is signed in, and leaves what came of
it for the next run.

Widget callbacks run at the start of the next run, before the page script and its
``require_person``; a deferred download runs when it is clicked. By then the Person the page
was drawn for may have been deactivated, timed out, signed out or lost a role. So each of them
looks the person up afresh from the session token and hands that Person to the services, which
decide with it.

A callback cannot draw: what comes of it (a refusal, a warning, that it worked) waits in a
*slot*, a name the page picked, until the page shows that slot (``session.say``, ``session.show``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from devtalk.domain.models import Person
from devtalk.services import auth
from ui import session

Data = TypeVar("Data", bytes, str)


class SignedOut(Exception):
    """A deferred download clicked after its session ended: no file is made."""


def signed_in_now() -> Person | None:
    """Who is signed in as a callback runs; nobody, and the next run says they were signed out."""
    person = session.current_person()
    if person is None:
        session.say(session.SIGNED_OUT, "app.signed_out", kind=session.WARNING)
    return person


def run(slot: str, callback: Callable[..., Any], *args: Any, fields: tuple[str, ...] = (), **kwargs: Any) -> Any:
    """``callback(person, *args, **kwargs)`` for whoever is signed in now: the one way a page acts
    on a click (``on_click=callbacks.run, args=(slot, callback, ...)``, or ``signed_in``).

    Signed out by now: it does not run, and the next run says so. A service's refusal is kept in
    ``slot`` for the page to show, beside its field when that is one of ``fields``. Returns the
    callback's result, None when it did not run or was refused.
    """
    person = signed_in_now()
    if person is None:
        return None
    with session.refusal_kept(slot, fields):
        return callback(person, *args, **kwargs)
    return None


def rerun_fragments(*keys: str) -> None:
    """End a callback of a widget drawn inside an ``st.fragment``: the whole app reruns when the
    callback found nobody signed in, so that app.py says so and shows the sign-in page; otherwise
    the fragments with these keys, or with none the widget's own fragment (Streamlit's default).
    Naming any costs a run of its own after the callback's: name them only when they change."""
    if session.slot_key(session.SIGNED_OUT) in st.session_state:
        st.rerun()
    if keys:
        st.rerun(list(keys))


def signed_in(slot: str, *, fields: tuple[str, ...] = ()) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``run`` as a decorator: ``callback(person, *args)`` becomes a widget callback ``callback(*args)``."""

    def decorate(callback: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(callback)
        def for_whoever_is_signed_in(*args: Any, **kwargs: Any) -> Any:
            return run(slot, callback, *args, fields=fields, **kwargs)

        return for_whoever_is_signed_in

    return decorate


def deferred(build: Callable[[Person], Data]) -> Callable[[], Data]:
    """``data`` for ``st.download_button`` that ``build(person)`` makes at the click, for whoever
    holds this session then.

    Streamlit calls it on a worker thread of its own, outside any script run: there is no
    ``st.session_state`` (a stand-in that is empty) and no cookie. So the token and the connection
    are taken now, while the page is drawn, and the person is looked up from them at the click.
    Signed out by then: it raises, so no file is made, and the browser says the download failed.
    """
    database, token = session.database(), session.session_token()

    def build_for_whoever_is_signed_in() -> Data:
        person = auth.current_person(database, token)
        if person is None:
            raise SignedOut()
        return build(person)

    return build_for_whoever_is_signed_in


def download_button(label: str, build: Callable[[Person], Data], *, where: Any = st, **options: Any) -> None:
    """A download whose file ``build(person)`` makes at the click, for whoever is signed in then
    (``deferred``); ``where`` is the container (a column), ``options`` go to st.download_button.
    The click reruns the page, so someone signed out meanwhile sees the sign-in page say so."""
    where.download_button(label, deferred(build), on_click=signed_in_now, **options)
