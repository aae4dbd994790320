"""Files Streamlit serves at ``/media/<id>``: whoever has the address gets the file, no cookie or
session is asked. So a download with personal data (sign-in codes, reports) exists only from the
click (deferred data) until this session's next run, or its sign-out, whichever comes first.

Streamlit itself removes a download no page shows in two steps: marked at the end of one run and
deleted at the end of the next (of any session), so on a quiet server it can stay for hours.
``remove_unshown`` runs that collection twice, to completion.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from streamlit import runtime

Data = TypeVar("Data", bytes, str)
_MADE = "_served_files_made"


def noted(build: Callable[[], Data]) -> Callable[[], Data]:
    """``build`` for deferred download data, noting in this session that it made a file."""
    # Taken now: the click runs the build on a worker thread, outside any script run.
    made = st.session_state.setdefault(_MADE, [])

    def build_and_note() -> Data:
        data = build()
        made.append(True)
        return data

    return build_and_note


def remove_fetched() -> None:
    """At the end of a run: the files this session's downloads made before it are deleted."""
    made = st.session_state.get(_MADE)
    if made:
        made.clear()
        remove_unshown()


def remove_unshown() -> None:
    """Delete every download file that no session's page shows now (at sign-out, all of this one's)."""
    if runtime.exists():
        files = runtime.get_instance().media_file_mgr
        files.remove_orphaned_files()
        files.remove_orphaned_files()
