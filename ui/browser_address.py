"""The address this browser reached devtalk at, for the cards' address when none is set."""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

BASE_PATH = "server.baseUrlPath"  # set when devtalk is served under a path, e.g. /devtalk


def seen_address() -> str | None:
    """Scheme, host and port from the browser's address bar, with Streamlit's base path; not the
    page's own path (``st.context.url`` keeps it: ``.../hr_invitations``). None when unknown."""
    parts = urlsplit(st.context.url or "")
    if not parts.scheme or not parts.netloc:
        return None
    base = (st.get_option(BASE_PATH) or "").strip("/")
    return f"{parts.scheme}://{parts.netloc}" + (f"/{base}" if base else "")
