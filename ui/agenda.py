"""Showing one agenda point: what it is about, in words a person reads."""

from __future__ import annotations

import streamlit as st

from devtalk.domain.agenda import agenda_scores, agenda_title
from devtalk.domain.comparison import Comparison
from devtalk.domain.models import Action, AgendaPoint
from devtalk.i18n import t
from devtalk.questionnaire import Questionnaire
from ui.text import escape_markdown


def show_agenda_point(point: AgendaPoint, questionnaire: Questionnaire, comparison: Comparison,
                      actions: dict[int, Action], lang: str) -> None:
    """Its kind and subject, and for a point about a scale item both sides' answers: whoever
    writes the note should not have to look them up in another tab."""
    title = escape_markdown(agenda_title(point, questionnaire, actions, lang))
    st.markdown(f"**{t(f'agenda.kind_{point.kind}', lang)}** · {title}")
    scores = agenda_scores(point, comparison, lang)
    if scores:
        st.caption(escape_markdown(scores))
