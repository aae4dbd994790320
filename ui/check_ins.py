"""Check-ins on other pages: the way in from the start page, with the half-year reminder, and HR's
half-year check-in and check-in list on the rounds page."""

from __future__ import annotations

import streamlit as st

from devtalk.domain.models import Person, Round
from devtalk.presentation.formatting import format_date
from devtalk.questionnaire import InvalidQuestionnaire
from devtalk.services import check_in_reminders, check_ins, completion
from ui import callbacks, navigation, session, widgets
from ui.session import tr
from ui.text import escape_markdown

SCHEDULE = "check_in_schedule"  # the slot of HR's changes, shown in their own section
LIST_PROBLEMS = "check_in_list_problems"


def start_page_notice(person: Person) -> check_ins.StartPage:
    """At the top of the start page, a line when a half-year check-in is due (the person's own, or
    team members'): a reminder, never a deadline, so no red and no count of days."""
    found = session.or_stop(check_ins.start_page, session.database(), person)
    lang = session.language()
    if found.own_due:
        st.info(tr("check_ins.due_own", date=format_date(found.own_due, lang)), icon=":material/event_available:")
    if found.team_due:
        names = ", ".join(escape_markdown(member.name) for member, _ in found.team_due)
        st.info(tr("check_ins.due_team", count=len(found.team_due), names=names), icon=":material/event_available:")
    return found


def start_page_entry(person: Person, found: check_ins.StartPage) -> None:
    """Below the conversations: the way into the own check-ins and (for a manager) each team member's."""
    with st.container(border=True, key="check_in_entry"):
        st.markdown(f"**{tr('check_ins.heading')}**")
        st.caption(tr("check_ins.explained"))
        st.page_link(navigation.CHECK_IN, label=tr("check_ins.open_own"), icon=":material/arrow_forward:",
                     query_params={"employee": person.id})
        if found.team:
            with st.expander(tr("check_ins.with_team", count=len(found.team))):
                for member in found.team:
                    st.page_link(navigation.CHECK_IN, label=escape_markdown(member.name), icon=":material/arrow_forward:",
                                 query_params={"employee": member.id})


@callbacks.signed_in(SCHEDULE)
def _set_schedule(person: Person, round_id: int, key: str) -> None:
    check_ins.set_schedule(session.database(), person, round_id, st.session_state.get(key))
    session.say(SCHEDULE, "check_ins.schedule_saved")


@callbacks.signed_in(SCHEDULE)
def _clear_schedule(person: Person, round_id: int, key: str) -> None:
    check_ins.set_schedule(session.database(), person, round_id, None)
    st.session_state[key] = None
    session.say(SCHEDULE, "check_ins.schedule_cleared")


@callbacks.signed_in(SCHEDULE)
def _mail_reminders(person: Person) -> None:
    sent = check_in_reminders.send_reminders(session.database(), person)
    session.say(SCHEDULE, "check_ins.mails_sent", count=sent)


@callbacks.signed_in(SCHEDULE)
def _store_list(person: Person) -> None:
    st.session_state.pop(LIST_PROBLEMS, None)
    try:
        check_ins.store_list(session.database(), person, st.session_state.get("check_in_list_yaml", ""), "check-in.yaml")
    except InvalidQuestionnaire as error:
        st.session_state[LIST_PROBLEMS] = [problem.render(session.language()) for problem in error.problems]
        raise
    session.say(SCHEDULE, "check_ins.list_saved")


def schedule_section(person: Person, chosen: Round) -> None:
    """HR, on the rounds page: the round's half-year check-in (a date from which the start pages
    remind, no deadline) and the check-in list new check-ins use, as YAML with the checker's lines."""
    db = session.database()
    st.header(tr("check_ins.schedule_heading"))
    st.caption(tr("check_ins.schedule_explained"))
    session.show(SCHEDULE)
    key = f"check_in_schedule_{chosen.id}"
    session.seed(key, session.or_stop(check_ins.schedules, db, person).get(chosen.id))
    st.date_input(tr("check_ins.schedule_date"), key=key, format=widgets.DATE_FORMAT,
                  min_value=chosen.created_at.date(), on_change=_set_schedule, args=(chosen.id, key))
    if st.session_state.get(key) is not None:
        st.button(tr("check_ins.schedule_clear"), key="check_in_schedule_clear", on_click=_clear_schedule,
                  args=(chosen.id, key))
    if completion.mail_is_on():
        st.button(tr("check_ins.send_reminders"), key="check_in_reminders_send", on_click=_mail_reminders)
    with st.expander(tr("check_ins.list_heading")):
        st.caption(tr("check_ins.list_explained"))
        session.seed("check_in_list_yaml", session.or_stop(check_ins.current_list, db, person))
        st.text_area(tr("check_ins.list_yaml"), key="check_in_list_yaml", height=300, max_chars=100_000)
        for problem in st.session_state.get(LIST_PROBLEMS, ()):
            st.error(escape_markdown(problem))
        st.button(tr("check_ins.list_save"), key="check_in_list_save", on_click=_store_list)
