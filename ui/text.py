"""Showing text a user (or HR, in a questionnaire) typed, without ever interpreting it."""

from __future__ import annotations

import re

import streamlit as st

from devtalk.plain_text import readable

# Everything Streamlit's markdown gives meaning to: CommonMark punctuation, HTML brackets,
# `$` for LaTeX and `:` for emoji shortcodes and colour directives.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")
# GitHub's autolinks ignore those escapes: "www.", "://" and "@" would still turn a bare address
# into a link. An invisible word joiner (U+2060) inside each breaks the pattern, not the reading.
_AUTOLINK = re.compile(r"(?i)(?<=www)(?=\\\.)|(?<=\\:)(?=//)|(?<=@)")
WORD_JOINER = "\u2060"


def clean(text: str | None) -> str:
    """Drop control characters and bidirectional overrides, which have no business on a screen
    (keep tabs and newlines)."""
    return readable(text)


def escape_markdown(text: str | None) -> str:
    """Text that Streamlit's markdown renders literally, character for character (and no bare
    address becomes a link)."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", clean(text)).replace("\n", "  \n")
    return _AUTOLINK.sub(WORD_JOINER, escaped)


def user_text(text: str | None, *, empty: str = "—") -> None:
    """A block of user text, shown literally (never as markdown or HTML)."""
    st.text(clean(text) or empty)


def bold(text: str | None) -> None:
    st.markdown(f"**{escape_markdown(text)}**")
