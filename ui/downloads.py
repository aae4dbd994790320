"""PDF downloads that are built only when asked for, not on every rerun of the page."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from devtalk.models import Person
from ui import callbacks
from ui.session import tr
from ui.text import escape_markdown


def pdf_download(key: str, label: str, build: Callable[[Person], bytes], file_name: str) -> None:
    """A button that builds the PDF as ``build(person)`` for whoever is signed in when it is
    pressed (the service applies the access rules) and then offers it for download."""

    @callbacks.signed_in(f"{key}_error")
    def make(person: Person) -> None:
        st.session_state[f"{key}_pdf"] = build(person)

    if f"{key}_pdf" in st.session_state:
        st.download_button(tr("download.save", what=label), st.session_state[f"{key}_pdf"], file_name=file_name,
                           mime="application/pdf", key=f"{key}_download", icon=":material/download:")
    else:
        st.button(label, key=f"{key}_make", on_click=make, icon=":material/picture_as_pdf:")
    if f"{key}_error" in st.session_state:
        st.error(escape_markdown(st.session_state.pop(f"{key}_error")))
