"""What is waiting for me: my own conversations, and as a manager those of my team."""

import streamlit as st

from devtalk.presentation.formatting import format_date
from devtalk.services import conversations
from devtalk.services.conversations import ConversationSummary
from ui import certificate_lists, check_ins, navigation, session, third_voice
from ui.session import tr
from ui.text import escape_markdown

person = session.require_person()
st.title(tr("my.title"))
st.caption(tr("my.not_an_assessment"))
own, led = conversations.my_conversations(session.database(), person)


def next_step(summary: ConversationSummary) -> tuple[str, str] | None:
    """The page this person should go to now, with the button text for it."""
    status, side = summary.conversation.status, summary.my_side
    if status in ("open", "employee_submitted", "manager_submitted"):
        if summary.conversation.submitted_at(side) is None:
            return navigation.FILL_IN, "my.fill_in"
        return navigation.FILL_IN, "my.view_answers"
    if status == "ready":
        return navigation.COMPARISON, "my.see_comparison"
    if side == "manager" or status in ("reported", "acknowledged"):
        return navigation.REPORT, "my.open_report"
    return navigation.COMPARISON, "my.see_comparison"


def card(summary: ConversationSummary, heading: str) -> None:
    conversation = summary.conversation
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(heading)}**")
        st.caption(escape_markdown(summary.round.name))
        st.write(tr("my.status", status=tr(f"status.{conversation.status}")))
        if summary.to_fill_in and summary.round.fill_deadline:
            st.caption(tr("my.deadline", date=format_date(summary.round.fill_deadline, session.language())))
        step = next_step(summary)
        if step:
            page, label = step
            st.page_link(page, label=tr(label), icon=":material/arrow_forward:", query_params={"conversation": conversation.id})


def own_card(summary: ConversationSummary) -> None:
    card(summary, tr("my.with_manager", name=summary.manager.name))


def team_card(summary: ConversationSummary) -> None:
    card(summary, summary.employee.name)


def cards(summaries: list[ConversationSummary], show) -> None:
    """This round's cards, earlier years' folded away."""
    for summary in summaries:
        if summary.current:
            show(summary)
    earlier = [summary for summary in summaries if not summary.current]
    if earlier:
        with st.expander(tr("my.earlier", count=len(earlier))):
            for summary in earlier:
                show(summary)


def overdue_notices() -> None:
    """What this person is late with, above everything else."""
    lang = session.language()
    for summary in own:
        if summary.overdue:
            st.warning(tr("my.overdue_own", date=format_date(summary.round.fill_deadline, lang),
                          manager=escape_markdown(summary.manager.name)), icon=":material/schedule:")
    late_team = [summary.employee.name for summary in led if summary.overdue]
    if late_team:
        names = ", ".join(escape_markdown(name) for name in late_team)
        st.warning(tr("my.overdue_team", count=len(late_team), names=names), icon=":material/schedule:")


overdue_notices()
third_voice.start_page_notice(person)
check_in_notice = check_ins.start_page_notice(person)
team_certificates = certificate_lists.team_notice(person)
st.subheader(tr("my.own"))
if not own:
    st.info(tr("my.none_own"))
cards(own, own_card)

if led:
    st.subheader(tr("my.team"))
    cards(led, team_card)
check_ins.start_page_entry(person, check_in_notice)
# A manager looks here first (it is where they land): their team's certificates that need doing.
certificate_lists.team_section(team_certificates)
