"""The "did it help?" check at the next conversation: beside an earlier action that was a learning
request, what the employee said it brought and the skill's level then and now."""

from __future__ import annotations

import streamlit as st

from devtalk.domain.models import AgendaPoint
from devtalk.errors import NotAllowed
from devtalk.presentation.learning_words import helped_words, satisfaction_words
from devtalk.services import learning_skills
from ui import session
from ui.session import tr
from ui.text import escape_markdown, user_text


def checks_by_action(person, employee_id: int, conversation_id: int) -> dict:
    """The employee's evaluated learning requests by the action they came from, with the levels at
    this conversation; none for whoever may not read them (the service decides)."""
    try:
        checks = learning_skills.help_checks(session.database(), person, employee_id, conversation_id)
    except NotAllowed:
        return {}
    return {check.request.action_id: check for check in checks if check.request.action_id is not None}


def beside_point(point: AgendaPoint, checks: dict) -> None:
    """Under an agenda point that reviews an earlier action: what its learning brought, if it was evaluated."""
    check = checks.get(int(point.ref)) if point.kind == "action_review" and point.ref.isdigit() else None
    if check is None:
        return
    lang, evaluation = session.language(), check.evaluation
    st.caption(escape_markdown(tr("learning_pages.help_answers", helped=helped_words(evaluation.helped, lang),
                                  satisfaction=satisfaction_words(evaluation.satisfaction, lang))))
    user_text(evaluation.learned)
    if check.item is not None:
        st.caption(escape_markdown(tr("learning_pages.help_levels", skill=check.item.wording("employee", lang),
                                      then=check.level_then or "—", now=check.level_now or "—")))
