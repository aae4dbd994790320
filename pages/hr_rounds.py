"""HR: rounds. Create one, follow its completion per status, manager and team, remind the late,
and put things right: late joiners, another manager, a reopened side, closing the round."""

import pandas as pd
import streamlit as st

from devtalk.presentation.formatting import LATE_STYLE, format_date
from devtalk.services import completion, library, people, rounds
from ui import callbacks, check_ins, session, widgets
from ui.browser_address import seen_address
from ui.session import tr
from ui.text import escape_markdown

person = session.require_hr()
db = session.database()
lang = session.language()
ROUNDS = "rounds"  # the slot where a click's outcome waits, at the top

@callbacks.signed_in(ROUNDS)
def create_round(person) -> None:
    state = st.session_state
    chosen = None if state.get("round_everyone", True) else list(state.get("round_people", []))
    created = rounds.create_round(db, person, state.get("round_name", ""), state.get("round_version"),
                                  state.get("round_fill_deadline"), state.get("round_meeting_deadline"), chosen)
    session.say(ROUNDS, "hr_rounds.created", name=created.round.name, count=created.conversations)
    note_without_manager(created.without_manager)
    state["round_selected"] = created.round.id
    state["round_name"] = ""


def note_without_manager(people) -> None:
    if people:
        session.say(ROUNDS, "hr_rounds.without_manager", kind=session.WARNING, names=", ".join(p.name for p in people))


@callbacks.signed_in(ROUNDS)
def add_joiners(person, round_id: int) -> None:
    added = rounds.add_late_joiners(db, person, round_id, list(st.session_state.get("joiners_people", [])))
    session.say(ROUNDS, "hr_rounds.joiners_added", count=added.added)
    note_without_manager(added.without_manager)
    st.session_state["joiners_people"] = []


@callbacks.signed_in(ROUNDS)
def reopen(person) -> None:
    state = st.session_state
    rounds.reopen_side(db, person, state.get("reopen_conversation"), state.get("reopen_side"),
                            state.get("reopen_reason", ""))
    session.say(ROUNDS, "hr_rounds.reopened")
    state["reopen_reason"] = ""


@callbacks.signed_in(ROUNDS)
def reassign(person) -> None:
    state = st.session_state
    rounds.reassign_manager(db, person, state.get("reassign_conversation"), state.get("reassign_manager"))
    session.say(ROUNDS, "hr_rounds.reassigned")


@callbacks.signed_in(ROUNDS)
def close(person, round_id: int) -> None:
    rounds.close_round(db, person, round_id)
    session.say(ROUNDS, "hr_rounds.closed")


@callbacks.signed_in(ROUNDS)
def send_reminders(person, round_id: int) -> None:
    sent = completion.send_reminders(db, person, round_id, seen_address=seen_address())
    session.say(ROUNDS, "hr_rounds.reminders_sent", count=len(sent.sent))
    if sent.without_email:
        session.say(ROUNDS, "hr_rounds.reminders_without_email", kind=session.WARNING,
                    names=", ".join(p.name for p in sent.without_email))


def show_create_form() -> None:
    versions = {v.id: v for v in library.list_versions(db, person)}
    active = {p.id: p.name for p in people.list_people(db, person, active_only=True)}
    with st.expander(tr("hr_rounds.create_heading"), expanded=not listed):
        st.text_input(tr("hr_rounds.name"), key="round_name", max_chars=200, placeholder=tr("hr_rounds.name_example"))
        st.selectbox(tr("hr_rounds.version"), list(versions), key="round_version",
                     format_func=lambda v: library.version_label(versions[v], lang))
        st.date_input(tr("hr_rounds.fill_deadline"), key="round_fill_deadline", value=None, format=widgets.DATE_FORMAT)
        st.date_input(tr("hr_rounds.meeting_deadline"), key="round_meeting_deadline", value=None, format=widgets.DATE_FORMAT)
        everyone = st.toggle(tr("hr_rounds.everyone"), key="round_everyone", value=True)
        if not everyone:
            st.multiselect(tr("hr_rounds.people"), list(active), key="round_people", format_func=active.get,
                           placeholder=tr("hr_rounds.choose_people"))
        st.button(tr("hr_rounds.create"), key="round_create", type="primary", on_click=create_round,
                  disabled=not versions)


def show_round_list() -> None:
    st.dataframe(pd.DataFrame([{
        tr("hr_rounds.col_round"): row.round.name,
        tr("hr_rounds.fill_deadline"): format_date(row.round.fill_deadline, lang),
        tr("hr_rounds.meeting_deadline"): format_date(row.round.meeting_deadline, lang),
        **{tr(f"status.{status}"): count for status, count in row.counts.items()},
        tr("hr_rounds.col_total"): row.total,
        tr("hr_rounds.col_closed"): format_date(row.round.closed_at, lang),
    } for row in listed]), hide_index=True, width="stretch", key="rounds_table")


def group_frame(groups, column: str) -> pd.DataFrame:
    """One row per manager or team, a column per status group, the late count highlighted."""
    late = tr("hr_rounds.col_late")
    frame = pd.DataFrame([{
        column: group.manager.name if group.manager else tr("hr_rounds.no_manager"),
        **{tr(f"completion.group_{name}"): count for name, count in group.figures.counts.items()},
        tr("hr_rounds.col_total"): group.figures.total, late: group.figures.late,
    } for group in groups])
    return frame.style.map(lambda value: LATE_STYLE if value else "", subset=[late]) if not frame.empty else frame


def show_dashboard(found) -> None:
    report = completion.completion(db, person, found.id)
    st.caption(escape_markdown(tr("hr_rounds.deadlines", fill=format_date(found.fill_deadline, lang) or "—",
                                  meeting=format_date(found.meeting_deadline, lang) or "—")))
    # Two rows of three: six figures side by side cut their labels short on a laptop, let alone a phone.
    for column, (name, count) in zip([*st.columns(3), *st.columns(3)], report.totals.counts.items()):
        column.metric(tr(f"completion.group_{name}"), count)
    st.subheader(tr("hr_rounds.per_manager"))
    st.dataframe(group_frame(report.per_manager, tr("hr_rounds.col_manager")), hide_index=True, width="stretch",
                 key="completion_per_manager")
    st.subheader(tr("hr_rounds.per_team"))
    st.caption(tr("hr_rounds.team_explained"))
    st.dataframe(group_frame(report.per_team, tr("hr_rounds.col_team")), hide_index=True, width="stretch",
                 key="completion_per_team")
    st.subheader(tr("hr_rounds.late_heading"))
    if not report.late:
        st.success(tr("hr_rounds.nobody_late"))
        return
    st.warning(tr("hr_rounds.late_count", count=len(report.late)))
    st.dataframe(pd.DataFrame([{
        tr("hr_rounds.col_who"): entry.person.name,
        tr("hr_rounds.col_task"): completion.task_text(entry, found, lang),
    } for entry in report.late]).style.map(lambda _: LATE_STYLE), hide_index=True, width="stretch", key="completion_late")
    st.caption(tr("hr_rounds.reminder_explained"))
    st.code(completion.reminder_text(report, lang), language=None, wrap_lines=True)
    if completion.mail_is_on():
        st.button(tr("hr_rounds.send_reminders"), key="reminders_send", on_click=send_reminders, args=(found.id,))


def show_corrections(found) -> None:
    rows = rounds.round_conversations(db, person, found.id)
    labels = {row.conversation.id: f"{row.employee.name} · {row.manager.name} · {tr(f'status.{row.conversation.status}')}"
              for row in rows}
    with st.expander(tr("hr_rounds.reopen_heading")):
        reopenable = {r.conversation.id: r.reopenable for r in rows if r.reopenable}
        picked = st.selectbox(tr("hr_rounds.conversation"), list(reopenable), key="reopen_conversation",
                              format_func=labels.get)
        st.selectbox(tr("hr_rounds.side"), reopenable.get(picked, ()), key="reopen_side",
                     format_func=lambda side: tr(f"hr_rounds.side_{side}"))
        st.text_input(tr("hr_rounds.reason"), key="reopen_reason", max_chars=500)
        st.button(tr("hr_rounds.reopen"), key="reopen_submit", on_click=reopen, disabled=not reopenable)
    with st.expander(tr("hr_rounds.reassign_heading")):
        movable = [r.conversation.id for r in rows if r.reassignable]
        managers = {p.id: p.name for p in people.list_people(db, person, active_only=True)}
        st.selectbox(tr("hr_rounds.conversation"), movable, key="reassign_conversation", format_func=labels.get)
        st.selectbox(tr("hr_rounds.new_manager"), list(managers), key="reassign_manager", format_func=managers.get)
        st.button(tr("hr_rounds.reassign"), key="reassign_submit", on_click=reassign, disabled=not movable)
    if found.closed_at:
        return
    with st.expander(tr("hr_rounds.joiners_heading")):
        waiting = {p.id: p.name for p in rounds.late_joiner_candidates(db, person, found.id)}
        st.multiselect(tr("hr_rounds.people"), list(waiting), key="joiners_people", format_func=waiting.get,
                       placeholder=tr("hr_rounds.choose_people"))
        st.button(tr("hr_rounds.add_joiners"), key="joiners_add", on_click=add_joiners, args=(found.id,), disabled=not waiting)
    with st.expander(tr("hr_rounds.close_heading")):
        st.caption(tr("hr_rounds.close_explained"))
        sure = st.checkbox(tr("hr_rounds.close_confirm"), key="close_confirm")
        st.button(tr("hr_rounds.close"), key="close_submit", disabled=not sure, on_click=close, args=(found.id,))


st.title(tr("nav.hr_rounds"))
session.show(ROUNDS)
listed = rounds.list_rounds(db, person)
show_create_form()
widgets.stop_when_empty(listed, "hr_rounds.no_rounds")
st.header(tr("hr_rounds.rounds_heading"))
show_round_list()
names = {row.round.id: row.round.name for row in listed}
session.seed("round_selected", listed[0].round.id)
chosen_id = st.selectbox(tr("hr_rounds.choose"), list(names), key="round_selected", format_func=names.get)
chosen = next(row.round for row in listed if row.round.id == chosen_id)
st.header(escape_markdown(chosen.name))
show_dashboard(chosen)
st.header(tr("hr_rounds.corrections_heading"))
show_corrections(chosen)
check_ins.schedule_section(person, chosen)
