"""The builder's hold on the draft a tab shows (pages/hr_builder.py and its forms).

The tab remembers the draft's revision it last drew. Every change names that revision, so a
change made meanwhile in another tab (or on another device) is told, not overwritten. A text box
stores its text as it is typed (``ui/save_while_typing``: its key starts with ``builder_``) and
keeps what it shows; any other change draws the forms anew from the stored draft, under keys of
a new *generation*, so no widget holds on to a value from before.
"""

from __future__ import annotations

from contextlib import suppress

import streamlit as st

from devtalk.errors import DevtalkError
from devtalk.presentation.formatting import format_datetime
from devtalk.questionnaire import builder as ops
from devtalk.services import builder
from ui import callbacks, navigation, session
from ui.session import tr

BUILDER = "builder"  # the slot where a click's outcome waits, at the top of the page
SEEN = "bld_seen"  # (draft id, revision, content, text waiting in the YAML view) as this tab last drew or stored it
FORMS, YAML = "bld_forms", "bld_yaml"  # the generations of the forms' and the code editor's keys
CONFLICT = "bld_conflict"  # when the draft was changed elsewhere, while that is not resolved
NEWER = "bld_newer"  # (version, by whom) stored since the draft started, when a save found it
OPEN = "bld_open_items"  # the questions whose editor is open
RESTART = "bld_restart"  # (start, its arguments) when a start resumed a draft: beginning anew is one click
ARRIVING = "bld_arriving"  # a draft another page opened: the builder gives it its address on its next run
TAB = "bld_tab"  # the builder's open tab (its label)


def open_record(record) -> None:
    """Show this draft (at its address, so a reload comes back to it), drawn from what is stored."""
    st.query_params["draft"] = str(record.id)
    for key in (CONFLICT, NEWER):
        st.session_state.pop(key, None)
    remember(record)
    new_generation(FORMS, YAML)


def started(start: builder.Started, how, args: tuple) -> None:
    """Show the draft a start (``how(db, person, *args)``) gave; one the person already had of the
    same questionnaire is opened as it was, with beginning anew one click away."""
    open_record(start.record)
    if start.resumed:
        session.say(BUILDER, "builder.resumed", kind=session.WARNING,
                    at=format_datetime(start.record.updated_at, session.language()))
        st.session_state[RESTART] = (how, args)


def open_in_builder(person, how, *args, tab: str = "builder.tab_compose") -> None:
    """From another page's callback (the library's): start a draft and open the builder on it, on
    ``tab`` (its label's key). A page switch clears the address: the builder's next run gives it back."""
    started(how(session.database(), person, *args), how, args)
    st.session_state.update({ARRIVING: st.session_state[SEEN][0], TAB: tr(tab), session.LAND_ON: navigation.HR_BUILDER})


def arrive() -> None:
    """On the builder's page: a draft another page opened gets its address, so a reload comes back to it."""
    if (draft_id := st.session_state.pop(ARRIVING, None)) is not None:
        st.query_params["draft"] = str(draft_id)


def close() -> None:
    st.query_params.pop("draft", None)
    for key in (SEEN, CONFLICT, NEWER, OPEN):
        st.session_state.pop(key, None)


def note_seen(record) -> None:
    """On every run: a draft this tab has not drawn yet is taken as stored; one that changed since
    this tab drew it (another tab, another device) is a conflict to resolve first."""
    seen = st.session_state.get(SEEN)
    if seen is None or seen[0] != record.id:
        remember(record)
        new_generation(FORMS, YAML)
    elif seen[1] != record.revision and CONFLICT not in st.session_state:
        st.session_state[CONFLICT] = record.updated_at


def seen_draft() -> int | None:
    """The draft this tab last drew, if any."""
    return st.session_state.get(SEEN, (None,))[0]


def seen_revision() -> int:
    return st.session_state[SEEN][1]


@callbacks.signed_in(BUILDER)
def keep_mine(person) -> None:
    """After a conflict: the draft as this tab showed it is stored over the newer one."""
    draft_id, _, content, yaml_text = st.session_state[SEEN]
    open_record(builder.keep_mine(session.database(), person, draft_id, content, yaml_text))


def remember(record) -> None:
    st.session_state[SEEN] = (record.id, record.revision, record.content, record.yaml_text)


def new_generation(*names: str) -> None:
    for name in names:
        st.session_state[name] = st.session_state.get(name, 0) + 1


def generation(name: str = FORMS) -> int:
    return st.session_state.get(name, 0)


def changed(person, operation, *args) -> bool:
    """``operation(draft, *args)`` stored from the revision this tab saw; False when the draft changed
    elsewhere meanwhile (the page then says so and asks which version to keep)."""
    draft_id, revision, content, _ = st.session_state[SEEN]
    try:
        remember(builder.change(session.database(), person, draft_id, revision, operation, *args))
    except builder.DraftChanged as elsewhere:
        st.session_state[CONFLICT] = elsewhere.changed_at
        # "Keep mine" then keeps this tab's draft with this change in it (the words just typed).
        with suppress(DevtalkError):
            st.session_state[SEEN] = (draft_id, revision, ops.to_json(operation(ops.from_json(content), *args)), None)
        return False
    return True


@callbacks.signed_in(BUILDER)
def apply(person, operation, *args) -> bool:
    """A click or a choice: the forms are drawn anew from the changed draft. Returns whether it was
    stored (None: refused, or nobody signed in)."""
    if changed(person, operation, *args):
        new_generation(FORMS, YAML)
        return True
    return False


def chosen(key: str, operation, *args) -> None:
    """on_change of a choice: ``operation(draft, *args, value)``."""
    apply(operation, *args, st.session_state.get(key))


def typed(key: str, operation, *args) -> None:
    """on_change of a text box: stored as typed; the box keeps what it shows."""
    if callbacks.run(BUILDER, changed, operation, *args, st.session_state.get(key) or ""):
        new_generation(YAML)
