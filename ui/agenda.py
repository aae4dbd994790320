"""Showing one agenda point: what it is about, in words a person reads."""

from __future__ import annotations

import streamlit as st

from devtalk.i18n import t
from devtalk.models import Action, AgendaPoint
from devtalk.questionnaire import Questionnaire
from ui.text import escape_markdown


def agenda_title(point: AgendaPoint, questionnaire: Questionnaire, actions: dict[int, Action], lang: str) -> str:
    """The point's subject as plain text (not yet escaped)."""
    if point.kind == "custom":
        return point.ref
    if point.kind == "action_review":
        action = actions.get(int(point.ref))
        return action.what if action else "?"
    try:
        return questionnaire.item(point.ref).wording("employee", lang)
    except KeyError:
        return point.ref


def show_agenda_point(point: AgendaPoint, questionnaire: Questionnaire, actions: dict[int, Action], lang: str) -> None:
    title = escape_markdown(agenda_title(point, questionnaire, actions, lang))
    st.markdown(f"**{t(f'agenda.kind_{point.kind}', lang)}** · {title}")
