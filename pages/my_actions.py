"""Follow-up actions through the year: status and dated progress notes."""

import streamlit as st

from devtalk.domain.models import ACTION_STATUSES
from devtalk.presentation.formatting import format_date
from devtalk.services import actions
from devtalk.services.actions import ActionRow
from ui import callbacks, session
from ui.session import tr
from ui.text import escape_markdown, user_text

person = session.require_person()
lang = session.language()
db = session.database()
own, team = actions.my_actions(db, person)


@callbacks.signed_in("actions")
def change_status(person, action_id: int) -> None:
    actions.set_status(db, person, action_id, st.session_state[f"status_{action_id}"])


@callbacks.signed_in("actions")
def add_note(person, action_id: int) -> None:
    key = f"note_{action_id}"
    actions.add_note(db, person, action_id, st.session_state.get(key, ""))
    st.session_state[key] = ""


def show(row: ActionRow, with_employee: bool) -> None:
    action = row.action
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(action.what)}**")
        details = [tr(f"action.kind_{action.kind}")]
        if with_employee:
            details.insert(0, row.employee.name)
        if action.due_date:
            details.append(tr("actions.due", date=format_date(action.due_date, lang)))
        st.caption(escape_markdown(" · ".join(details)))
        if row.overdue:
            st.warning(tr("actions.overdue"))
        session.seed(f"status_{action.id}", action.status)
        st.selectbox(tr("actions.status"), ACTION_STATUSES, key=f"status_{action.id}",
                     format_func=lambda s: tr(f"action.status_{s}"), on_change=change_status, args=(action.id,))
        for note in action.notes:
            st.caption(format_date(note.created_at, lang))
            user_text(note.note)
        st.text_area(tr("actions.new_note"), key=f"note_{action.id}", max_chars=actions.MAX_NOTE, height=80)
        st.button(tr("actions.add_note"), key=f"add_note_{action.id}", on_click=add_note, args=(action.id,))


st.title(tr("actions.title"))
st.caption(tr("actions.intro"))
session.show("actions")

st.subheader(tr("actions.own"))
if not own:
    st.info(tr("actions.none"))
for row in own:
    show(row, with_employee=False)

def team_filter(rows: list[ActionRow]) -> list[ActionRow]:
    """The team's actions of one person and/or in one status, as the manager picks (all by default)."""
    names = {row.employee.id: row.employee.name for row in rows}
    who_column, status_column = st.columns(2)
    who = who_column.selectbox(tr("actions.filter_person"), [None, *sorted(names, key=lambda i: names[i].casefold())],
                               key="team_actions_person", format_func=lambda i: tr("actions.everyone") if i is None else names[i])
    status = status_column.selectbox(tr("actions.status"), [None, *ACTION_STATUSES], key="team_actions_status",
                                     format_func=lambda s: tr("actions.every_status") if s is None else tr(f"action.status_{s}"))
    return [row for row in rows if who in (None, row.employee.id) and status in (None, row.action.status)]


if team:
    st.subheader(tr("actions.team"))
    shown = team_filter(team)
    st.caption(tr("actions.shown", shown=len(shown), count=len(team)))
    for row in shown:
        show(row, with_employee=True)
