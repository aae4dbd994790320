"""Showing text a user (or HR, in a questionnaire) typed, without ever interpreting it."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from devtalk.domain.plain_text import readable

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


# A long word (Dutch compounds: "veiligheidsvoorschriften") in a cell would widen its column past a
# phone's screen: cells may break inside a word, headers not, so each column is at least as wide
# as its header and the table no wider than the screen. Our own fixed rule, no user text in it.
# (The markdown inside each cell sets its own overflow-wrap, hence `td *` and !important.)
# Long words in a plain_table's cells wrap instead of widening the table past a phone's screen.
_STYLE = "<style>[data-testid='stTable'] td * { overflow-wrap: anywhere !important; }</style>"


def install_style() -> None:
    """The page-wide style of the helpers here: app.py puts it on every run, once, rather than each
    table carrying its own copy."""
    st.html(_STYLE)


def plain_table(frame: pd.DataFrame) -> None:
    """A table whose cells wrap and show literally. st.dataframe cuts every cell to one line and a
    wide table to the screen; st.table wraps, but reads every cell (and header) as markdown."""
    st.table(frame.rename(columns=escape_markdown).map(escape_markdown), hide_index=True)
