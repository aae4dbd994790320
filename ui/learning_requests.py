"""Learning requests shown the same wherever they appear: the status as a coloured word, the
decision in plain words (what, with whom, when), and euro amounts in a text field."""

from __future__ import annotations

import streamlit as st

from devtalk.domain.learning import format_euros
from devtalk.presentation.formatting import format_date
from devtalk.presentation.learning_words import status_words
from ui.session import tr
from ui.text import escape_markdown

STATUS_BADGES = {"requested": "blue", "approved": "green", "planned": "violet", "done": "green",
                 "evaluated": "gray", "declined": "red"}


def heading(view, lang: str, *, with_employee: bool = False) -> None:
    """What the request is about in bold, its status as a coloured word and what kind of learning it is."""
    request = view.request
    what = f"{view.employee.name} · {request.what}" if with_employee else request.what
    st.markdown(f"**{escape_markdown(what)}**")
    st.badge(status_words(request.status, lang), color=STATUS_BADGES[request.status])
    st.caption(escape_markdown(tr("learning_pages.kind_and_year", kind=tr(f"action.kind_{request.kind}"),
                                  year=request.year)))


def decision_words(view, lang: str, *, own: bool = True) -> str:
    """Where the request stands in plain words: who decides, with whom or where, when; said to the
    employee (``own``) or about them, to their manager."""
    request = view.request
    lines = [tr(f"learning_pages.plain_{request.status}") if own else tr(f"learning_pages.team_{request.status}")]
    if request.status not in ("requested", "declined"):
        if request.decision == "internal" and view.colleague is not None:
            lines.append(tr("learning_pages.with_colleague" if own else "learning_pages.team_with_colleague",
                            name=view.colleague.name))
        elif request.decision == "external" and request.provider:
            lines.append(tr("learning_pages.with_provider", provider=request.provider))
        if request.planned_start:
            start = format_date(request.planned_start, lang)
            lines.append(tr("learning_pages.planned_from_to", start=start, end=format_date(request.planned_end, lang))
                         if request.planned_end and request.planned_end != request.planned_start
                         else tr("learning_pages.planned_on", start=start))
    return " ".join(lines)


def euro_text(cents: int | None) -> str:
    """An amount as a euro field holds it, the Dutch way ("1.234,56"), whatever the reader's language:
    what the field shows reads back as the same cents (devtalk.domain.learning.parse_euros)."""
    return "" if cents is None else format_euros(cents, "nl").removeprefix("€ ")
