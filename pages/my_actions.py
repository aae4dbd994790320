"""Follow-up actions through the year: status and dated progress notes."""

import streamlit as st

from devtalk.errors import DevtalkError
from devtalk.formatting import format_date
from devtalk.models import ACTION_STATUSES
from devtalk.services import actions
from devtalk.services.actions import ActionRow
from ui import session
from ui.session import tr
from ui.text import escape_markdown, user_text

person = session.require_person()
lang = session.language()
db = session.database()
own, team = actions.my_actions(db, person)


def attempt(operation, *args) -> None:
    try:
        operation(db, person, *args)
    except DevtalkError as error:
        st.session_state["actions_error"] = error.render(lang)


def change_status(action_id: int) -> None:
    attempt(actions.set_status, action_id, st.session_state[f"status_{action_id}"])


def add_note(action_id: int) -> None:
    key = f"note_{action_id}"
    attempt(actions.add_note, action_id, st.session_state.get(key, ""))
    if "actions_error" not in st.session_state:
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
session.show_pending("actions_error")

st.subheader(tr("actions.own"))
if not own:
    st.info(tr("actions.none"))
for row in own:
    show(row, with_employee=False)

if team:
    st.subheader(tr("actions.team"))
    for row in team:
        show(row, with_employee=True)
