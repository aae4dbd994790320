"""What a tab last read or saved, kept as a short digest in its address bar (``?seen=``).

The address outlives a server restart, session state does not: after a reconnect the new
session can tell whether this tab had seen exactly what is stored, and so whether a different
value its browser brings is the person's own unsaved edit or an old copy of a change made
elsewhere. Used by the pages that autosave text (fill-in, report).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import streamlit as st

PARAMETER = "seen"


def digest(values: Iterable) -> str:
    """64 bits of SHA-256 over the values in a stable order: tells them apart, reveals none."""
    return hashlib.sha256(repr(sorted(values)).encode()).hexdigest()[:16]


def tab_saw(values: Iterable) -> bool:
    """Whether the address says this tab last saw exactly these values."""
    return st.query_params.get(PARAMETER) == digest(values)


def remember(values: Iterable) -> None:
    """Put what this tab now knows stored into its address (only when it changed: each change of
    the query parameters is a message to the browser)."""
    seen = digest(values)
    if st.query_params.get(PARAMETER) != seen:
        st.query_params[PARAMETER] = seen
