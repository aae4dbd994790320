"""The third voice on a conversation's own pages: who is asked for input (and, for the manager,
asking, consenting, withdrawing and a card for a colleague without a password); and the
colleagues' column beside both answers on the comparison. What may be done comes from the service, which checks again."""

from __future__ import annotations

import streamlit as st

from devtalk.domain.comparison import Comparison
from devtalk.domain.third_voice import ThirdColumn, ThirdVoice
from devtalk.presentation.comparison_frames import third_voice_frame
from devtalk.services import third_voice
from devtalk.services.third_voice import InvitePanel
from ui import callbacks, navigation, session
from ui.browser_address import seen_address
from ui.downloads import pdf_download
from ui.session import tr
from ui.text import escape_markdown, plain_table, user_text

SLOT = "third_voice"


def start_page_notice(person) -> None:
    """On *Mijn gesprekken*: who asked this person for input that is still to give, and the way
    to it; the page is in nobody's menu, since most people are never asked."""
    waiting = [request for request in session.or_stop(third_voice.my_requests, session.database(), person) if request.open]
    if waiting:
        names = ", ".join(escape_markdown(request.employee.name) for request in waiting)
        st.info(tr("third_voice.asked_notice", names=names), icon=":material/record_voice_over:")
        st.page_link(navigation.THIRD_VOICE, label=tr("third_voice.nav"), icon=":material/arrow_forward:")


def invite_section(conversation_id: int) -> None:
    """The part of a conversation's page about the third voice, for its employee and manager."""
    panel = session.or_stop(third_voice.invitations_of, session.database(), session.require_person(), conversation_id)
    if not (panel.voices or panel.can_invite):
        return
    st.divider()
    st.subheader(tr("third_voice.section_heading"))
    st.caption(tr("third_voice.section_explained"))
    session.show(SLOT)
    for voice, colleague in panel.voices:
        show_voice(panel, voice, colleague.name)
    if panel.can_invite:
        invite_form(panel)


def show_voice(panel: InvitePanel, voice: ThirdVoice, name: str) -> None:
    with st.container(border=True, key=f"third_voice_{voice.id}"):
        kind = tr(f"third_voice.kind_{voice.kind}")
        st.markdown(f"**{escape_markdown(name)}** · {kind}")
        st.caption(tr(state_key(voice)))
        if not panel.can_decide:
            return
        if voice.awaits_consent:
            st.button(tr("third_voice.consent"), key=f"third_voice_consent_{voice.id}", type="primary",
                      on_click=callbacks.run, args=(SLOT, act, third_voice.consent, voice.id))
        if voice.submitted_at is None:
            st.button(tr("third_voice.withdraw"), key=f"third_voice_withdraw_{voice.id}",
                      on_click=callbacks.run, args=(SLOT, act, third_voice.withdraw, voice.id))
        if voice.is_live and voice.submitted_at is None:
            address, lang = seen_address(), session.language()
            pdf_download(f"third_voice_card_{voice.id}", tr("third_voice.card"),
                         lambda person: third_voice.input_card_pdf(session.database(), person, voice.id, lang, address),
                         f"inlogkaartje-inbreng-{voice.id}.pdf")
            st.caption(tr("third_voice.card_explained"))
        if voice.id in panel.carded:
            st.button(tr("third_voice.revoke_card"), key=f"third_voice_revoke_{voice.id}",
                      on_click=callbacks.run, args=(SLOT, act, third_voice.revoke_input_card, voice.id))


def state_key(voice: ThirdVoice) -> str:
    if voice.awaits_consent:
        return "third_voice.state_proposed"
    return "third_voice.state_given" if voice.submitted_at else "third_voice.state_asked"


def act(person, service, third_voice_id: int) -> None:
    service(session.database(), person, third_voice_id)


def invite_form(panel: InvitePanel) -> None:
    """Ask one more: the manager at once, the employee as a proposal to the manager. The list of
    colleagues is the firm's: it is made only once the person chooses to ask, not on every run of
    the fill-in page."""
    by_manager = panel.can_decide
    if not st.toggle(tr("third_voice.ask_toggle" if by_manager else "third_voice.propose_toggle"),
                     key=f"third_voice_asking_{panel.conversation.id}"):
        return
    found = session.or_stop(third_voice.candidates, session.database(), session.require_person(), panel.conversation.id)
    names = {person.id: person.name for person in found}
    kinds = ["colleague"] if panel.has_mentor else ["colleague", "mentor"]
    # Keys of this conversation's own: a choice made on another conversation's page stays there.
    who, kind = invite_keys(panel.conversation.id)
    with st.form(key=f"third_voice_invite_{panel.conversation.id}", border=False):
        st.selectbox(tr("third_voice.who"), list(names), key=who, index=None,
                     format_func=lambda person_id: escape_markdown(names[person_id]))
        st.radio(tr("third_voice.as"), kinds, key=kind, horizontal=True,
                 format_func=lambda kind: tr(f"third_voice.kind_{kind}"))
        st.form_submit_button(tr("third_voice.invite" if by_manager else "third_voice.propose"),
                              key="third_voice_invite_submit", width="stretch",
                              on_click=callbacks.run, args=(SLOT, invite, panel.conversation.id))
    if not by_manager:
        st.caption(tr("third_voice.propose_explained"))


def invite_keys(conversation_id: int) -> tuple[str, str]:
    """The widget keys of whom to ask, and as what, on this conversation's invite form."""
    return f"third_voice_who_{conversation_id}", f"third_voice_kind_{conversation_id}"


def invite(person, conversation_id: int) -> None:
    who, kind = invite_keys(conversation_id)
    colleague_id = st.session_state.get(who)
    if colleague_id is None:
        session.say(SLOT, "third_voice.choose_someone", kind=session.WARNING)
        return
    third_voice.invite(session.database(), person, conversation_id, colleague_id,
                       st.session_state.get(kind) or "colleague")
    session.say(SLOT, "third_voice.invited")


def comparison_section(column: ThirdColumn | None, comparison: Comparison, lang: str) -> None:
    """Below the comparison: the colleagues' column beside both answers (or why it is not shown)
    and their open answers, without names unless it is the work mentor who agreed to be named."""
    if column is None:
        return
    st.subheader(tr("third_voice.section_heading"))
    if not column.shown:
        st.caption(tr("third_voice.hidden", count=column.answered))
        return
    if column.named:
        st.caption(tr("third_voice.column_named", name=escape_markdown(column.named)))
    else:
        st.caption(tr("third_voice.column_group", count=column.answered))
    if column.values:  # a job function without skill items asks the open question only
        plain_table(third_voice_frame(comparison, column, lang))
    if column.open_answers:
        st.markdown(f"**{tr('third_voice.open_heading')}**")
        if not column.named:
            st.caption(tr("third_voice.open_anonymous"))
        for text in column.open_answers:
            user_text(text)
