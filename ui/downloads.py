"""Downloads with personal data: made when asked for, offered once, served briefly.

A PDF is built by a button's callback (so a refusal is shown translated, and no rerun builds it
again) and offered in the very next run only: whatever happens next on the page, or on another
page, it is gone. So a download never carries another conversation's content, nor an older
version of this one. The file itself exists on the server only from the click until this
session's next run or sign-out (``ui.served_files``).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from devtalk.domain.models import Person
from ui import callbacks, served_files, session
from ui.session import tr


def pdf_download(key: str, label: str, build: Callable[[Person], bytes], file_name: str) -> None:
    """A button that makes the PDF with ``build(person)`` (the page's service, for whoever is
    signed in then), then a button that saves it."""
    made = st.session_state.pop(f"{key}_pdf", None)
    if made is None:
        st.button(label, key=f"{key}_make", on_click=_make, args=(key, build), icon=":material/picture_as_pdf:")
    else:
        offer_once(tr("download.save", what=label), made, file_name=file_name, mime="application/pdf",
                   key=f"{key}_download", icon=":material/download:")
    session.show(f"{key}_download")


def _make(key: str, build: Callable[[Person], bytes]) -> None:
    pdf = callbacks.run(f"{key}_download", build)
    if pdf is not None:
        st.session_state[f"{key}_pdf"] = pdf


def offer_once(label: str, data: bytes, *, file_name: str, mime: str, key: str, icon: str | None = None) -> None:
    """A download of ``data`` made in this session, for this run's page only; the file is made at the
    click, for whoever is still signed in, and no rerun follows (that rerun could remove the file
    before the browser fetched it)."""
    st.download_button(label, served_files.noted(callbacks.deferred(lambda person: data)), file_name=file_name,
                       mime=mime, key=key, icon=icon, on_click="ignore")


def attachment_download(label: str, build: Callable[[Person], bytes], *, file_name: str, key: str) -> None:
    """A stored file (a certificate's scan) to save, never to open in the browser: served as plain
    bytes, so not even a PDF that carries JavaScript is rendered inline. ``build(person)`` reads it at
    the click, for whoever is signed in then (the service checks they may)."""
    callbacks.download_button(label, build, file_name=file_name, mime="application/octet-stream", key=key,
                              icon=":material/download:")
