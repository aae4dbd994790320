"""A questionnaire as one side fills it in, drawn read-only: the library's preview of a stored
version and the builder's live preview of a draft."""

from __future__ import annotations

import streamlit as st

from devtalk.domain.models import NOT_APPLICABLE
from devtalk.services.library import Preview, PreviewItem
from ui.session import tr
from ui.text import escape_markdown


def show(shown: Preview, key_prefix: str) -> None:
    """Every section and item of ``shown``; each answer widget's key starts with ``key_prefix``."""
    st.subheader(escape_markdown(shown.title))
    if shown.intro:
        st.write(escape_markdown(shown.intro))
    for section in shown.sections:
        st.markdown(f"#### {escape_markdown(section.title)}")
        if section.intro:
            st.caption(escape_markdown(section.intro))
        for item in section.items:
            show_item(item, key_prefix)


def show_item(item: PreviewItem, key_prefix: str) -> None:
    with st.container(border=True):
        wording = escape_markdown(item.wording)
        st.markdown(f"**{wording}**" + ("" if item.required else f" · _{tr('fill.optional')}_"))
        if item.help:
            st.caption(escape_markdown(item.help))
        if item.type == "likert":
            labels = dict(item.options)
            options = list(labels) + ([NOT_APPLICABLE] if item.not_applicable else [])
            st.pills(wording, options, key=f"{key_prefix}{item.id}", disabled=True, label_visibility="collapsed",
                     format_func=lambda o: tr("fill.not_applicable") if o == NOT_APPLICABLE
                     else (f"{o} · {escape_markdown(labels[o])}" if labels[o] else str(o)))
        else:
            st.text_area(wording, key=f"{key_prefix}{item.id}", disabled=True, label_visibility="collapsed",
                         placeholder=tr("fill.open_placeholder"))
