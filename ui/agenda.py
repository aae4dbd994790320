"""Showing one agenda point: what it is about, in words a person reads."""

from __future__ import annotations

import streamlit as st

from devtalk.agenda import agenda_title
from devtalk.i18n import t
from devtalk.models import Action, AgendaPoint
from devtalk.questionnaire import Questionnaire
from ui.text import escape_markdown


def show_agenda_point(point: AgendaPoint, questionnaire: Questionnaire, actions: dict[int, Action], lang: str) -> None:
    title = escape_markdown(agenda_title(point, questionnaire, actions, lang))
    st.markdown(f"**{t(f'agenda.kind_{point.kind}', lang)}** · {title}")
