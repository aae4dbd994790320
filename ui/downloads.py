"""PDF downloads that are built only when asked for, not on every rerun of the page."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from devtalk.errors import DevtalkError
from ui.session import language, tr
from ui.text import escape_markdown


def pdf_download(key: str, label: str, build: Callable[[], bytes], file_name: str) -> None:
    """A button that builds the PDF (with the page's access rules, through the service) and then
    offers it for download."""

    def make() -> None:
        try:
            st.session_state[f"{key}_pdf"] = build()
        except DevtalkError as error:
            st.session_state[f"{key}_error"] = error.render(language())

    if f"{key}_pdf" in st.session_state:
        st.download_button(tr("download.save", what=label), st.session_state[f"{key}_pdf"], file_name=file_name,
                           mime="application/pdf", key=f"{key}_download", icon=":material/download:")
    else:
        st.button(label, key=f"{key}_make", on_click=make, icon=":material/picture_as_pdf:")
    if f"{key}_error" in st.session_state:
        st.error(escape_markdown(st.session_state.pop(f"{key}_error")))
