"""The conversation report: the manager writes it with agenda notes and follow-up actions;
the employee reads it, may reply, and acknowledges it."""

from datetime import date

import streamlit as st

from devtalk import agenda
from devtalk.errors import DevtalkError
from devtalk.formatting import format_date, format_datetime
from devtalk.models import ACTION_KINDS, HELPED
from devtalk.services import actions, printing, reports
from devtalk.services.conversations import comparison_view
from ui import callbacks, session
from ui.agenda import show_agenda_point
from ui.downloads import pdf_download
from ui.session import tr
from ui.text import escape_markdown, user_text

person = session.require_person()
lang = session.language()
db = session.database()
conversation_id = session.query_int("conversation") or 0
try:
    view = reports.report_view(db, person, conversation_id)
    compared = comparison_view(db, person, conversation_id)
except DevtalkError as error:
    session.show_error(error)
    st.stop()
conversation, report = view.conversation, view.report
is_manager = person.id == conversation.manager_id
earlier = {action.id: action for action in view.earlier_actions}


def save_field(field: str) -> None:
    callbacks.attempt("report_error", reports.save_draft, conversation_id, **{field: st.session_state[f"report_{field}"]})


def save_agenda(points) -> None:
    callbacks.attempt("report_error", reports.save_draft, conversation_id, agenda=points)


def save_note(key: str) -> None:
    save_agenda(agenda.with_note(view.report.agenda, key, st.session_state[f"agenda_note_{key}"]))


def add_point() -> None:
    text = st.session_state.get("agenda_new", "").strip()
    if text:
        save_agenda(agenda.add_custom(report.agenda, text))
        st.session_state["agenda_new"] = ""


@callbacks.signed_in("action_error")
def add_action(person) -> None:
    due = st.session_state.get("action_due")
    actions.add_action(
        db, person, conversation_id, what=st.session_state.get("action_what", ""),
        kind=st.session_state.get("action_kind"), owner_id=st.session_state.get("action_owner"), due_date=due,
    )
    st.session_state["action_what"] = ""


def rate(action_id: int) -> None:
    callbacks.attempt("report_error", actions.rate, action_id, st.session_state[f"helped_{action_id}"])


st.title(tr("report.title"))
st.caption(escape_markdown(tr("compare.subtitle", employee=compared.employee.name, manager=compared.manager.name,
                              round=compared.round.name)))
session.show_pending("report_error")

if conversation.status == "ready":
    if is_manager:
        st.info(tr("report.hold_explained"))
        st.button(tr("report.mark_held"), key="mark_held", type="primary",
                  on_click=callbacks.attempt, args=("report_error", reports.mark_held, conversation_id))
    else:
        st.info(tr("report.waiting_for_meeting"))
    st.stop()

editing = is_manager and conversation.status == "held"
pdf_download("report", tr("download.report"),
             lambda person: printing.conversation_report_pdf(db, person, conversation_id, lang),
             f"verslag-{conversation_id}.pdf")
st.write(tr(f"status.{conversation.status}"))
if conversation.held_at:
    st.caption(tr("report.held_on", date=format_date(conversation.held_at, lang)))

st.header(tr("report.agenda"))
for index, point in enumerate(report.agenda):
    with st.container(border=True):
        show_agenda_point(point, compared.questionnaire, earlier, lang)
        if editing:
            session.seed(f"agenda_note_{point.key}", point.note)
            st.text_area(tr("report.point_note"), key=f"agenda_note_{point.key}",
                         on_change=save_note, args=(point.key,), max_chars=reports.MAX_REPORT_TEXT)
            up, down, drop = st.columns(3)
            up.button("↑", key=f"agenda_up_{point.key}", help=tr("report.move_up"), disabled=index == 0,
                      on_click=save_agenda, args=(agenda.move(report.agenda, point.key, -1),))
            down.button("↓", key=f"agenda_down_{point.key}", help=tr("report.move_down"),
                        disabled=index == len(report.agenda) - 1,
                        on_click=save_agenda, args=(agenda.move(report.agenda, point.key, 1),))
            drop.button("✕", key=f"agenda_remove_{point.key}", help=tr("report.remove_point"),
                        on_click=save_agenda, args=(agenda.remove(report.agenda, point.key),))
            if point.kind == "action_review" and int(point.ref) in earlier:
                current = earlier[int(point.ref)].helped
                session.seed(f"helped_{point.ref}", current)
                st.pills(tr("report.did_it_help"), HELPED, key=f"helped_{point.ref}",
                         format_func=lambda h: tr(f"report.helped_{h}"), on_change=rate, args=(int(point.ref),))
        elif point.note:
            user_text(point.note)
if editing:
    st.text_input(tr("report.new_point"), key="agenda_new", max_chars=300)
    st.button(tr("report.add_point"), key="agenda_add", on_click=add_point)

for field in ("agreements", "summary"):
    st.header(tr(f"report.{field}"))
    if editing:
        session.seed(f"report_{field}", getattr(report, field))
        st.text_area(tr(f"report.{field}"), key=f"report_{field}", label_visibility="collapsed",
                     on_change=save_field, args=(field,), max_chars=reports.MAX_REPORT_TEXT)
    else:
        user_text(getattr(report, field))

st.header(tr("report.actions"))
people_here = {compared.employee.id: compared.employee.name, compared.manager.id: compared.manager.name}
for action in view.actions:
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(action.what)}**")
        st.caption(escape_markdown(" · ".join(filter(None, [
            tr(f"action.kind_{action.kind}"),
            people_here.get(action.owner_id, ""),
            format_date(action.due_date, lang),
            tr(f"action.status_{action.status}"),
        ]))))
        if editing:
            st.button(tr("report.remove_action"), key=f"action_remove_{action.id}",
                      on_click=callbacks.attempt, args=("report_error", actions.remove_action, action.id))
if editing:
    with st.container(border=True):
        st.subheader(tr("report.new_action"))
        st.text_input(tr("report.action_what"), key="action_what", max_chars=actions.MAX_WHAT)
        st.selectbox(tr("report.action_kind"), ACTION_KINDS, key="action_kind", format_func=lambda k: tr(f"action.kind_{k}"))
        st.selectbox(tr("report.action_owner"), list(people_here), key="action_owner", format_func=people_here.get)
        st.date_input(tr("report.action_due"), key="action_due", value=None, min_value=date.today(), format="DD-MM-YYYY")
        session.show_pending("action_error")
        st.button(tr("report.add_action"), key="action_add", on_click=add_action)

if editing:
    st.divider()
    st.write(tr("report.finalise_explained"))
    sure = st.checkbox(tr("report.finalise_confirm"), key="confirm_finalise")
    st.button(tr("report.finalise"), key="finalise", type="primary", disabled=not sure,
              on_click=callbacks.attempt, args=("report_error", reports.finalise, conversation_id), width="stretch")
elif report.finalised_at:
    st.caption(tr("report.finalised_on", date=format_datetime(report.finalised_at, lang)))

if conversation.status == "reported" and person.id == conversation.employee_id:
    st.divider()
    st.subheader(tr("report.acknowledge_heading"))
    st.write(tr("report.acknowledge_explained"))
    st.text_area(tr("report.comment"), key="ack_comment", max_chars=reports.MAX_REPORT_TEXT)
    st.button(tr("report.acknowledge"), key="acknowledge", type="primary", width="stretch",
              on_click=lambda: callbacks.attempt("report_error", reports.acknowledge, conversation_id,
                                                 st.session_state.get("ack_comment", "")))
elif report.acknowledged_at:
    st.success(tr("report.acknowledged_on", date=format_datetime(report.acknowledged_at, lang)))
    if report.employee_comment:
        st.subheader(tr("report.comment"))
        user_text(report.employee_comment)
