"""An employee's dossier across the years: conversations, reports, actions and notes."""

import streamlit as st

from devtalk.presentation.comparison_frames import likert_frame, open_frame
from devtalk.presentation.dossier_frames import check_ins_frame, overview_frame
from devtalk.presentation.formatting import format_date
from devtalk.services import dossier, printing
from devtalk.services.conversations import comparison_view
from ui import callbacks, certificate_lists, navigation, session
from ui.downloads import pdf_download
from ui.session import tr
from ui.text import escape_markdown, user_text

person = session.require_person()
lang = session.language()
db = session.database()

choices = dossier.viewable_people(db, person)
asked = session.query_int("person")
ids = [p.id for p in choices]
names = {p.id: p.name for p in choices}
if len(choices) > 1:
    chosen = st.selectbox(tr("dossier.choose"), ids, index=ids.index(asked) if asked in ids else 0,
                          format_func=names.get, key="dossier_person")
else:
    chosen = asked if asked is not None else person.id
found, figures = session.or_stop(dossier.overview, db, person, chosen)


@callbacks.signed_in("dossier")
def add_note(person) -> None:
    dossier.add_note(db, person, found.employee.id, st.session_state.get("dossier_note", ""),
                     private=st.session_state.get("dossier_note_private", False))
    st.session_state["dossier_note"] = ""


st.title(escape_markdown(tr("dossier.title", name=found.employee.name)))
pdf_download(f"dossier_{found.employee.id}", tr("download.dossier"),
             lambda person: printing.dossier_pdf(db, person, found.employee.id, lang), f"dossier-{found.employee.id}.pdf")
if person.id == found.employee.id:
    st.caption(tr("dossier.who_sees"))
if not found.entries:
    st.info(tr("dossier.empty"))
else:
    st.subheader(tr("dossier.overview"))
    st.dataframe(overview_frame(found.entries, figures, lang), hide_index=True, width="stretch")
    # One conversation in detail at a time: readable on a phone, and the page stays as fast
    # after twelve years as after one.
    labels = {index: entry.round.name for index, entry in enumerate(found.entries)}
    shown = st.selectbox(tr("dossier.choose_round"), list(labels), format_func=labels.get, key="dossier_round")
    entry = found.entries[shown or 0]
    st.subheader(escape_markdown(f"{entry.round.name} · {tr(f'status.{entry.conversation.status}')}"))
    st.caption(escape_markdown(tr("dossier.with_manager", name=entry.manager.name)))
    if entry.conversation.id in figures:
        comparison = comparison_view(db, person, entry.conversation.id).comparison
        st.dataframe(likert_frame(comparison, lang), hide_index=True, width="stretch")
        opens = open_frame(comparison, lang)
        if not opens.empty:
            st.dataframe(opens, hide_index=True, width="stretch")
    else:
        st.caption(tr("dossier.no_comparison"))
    if entry.report is not None:
        for label, text in ((tr("report.summary"), entry.report.summary), (tr("report.agreements"), entry.report.agreements),
                            (tr("report.comment") if person.id == found.employee.id
                             else escape_markdown(tr("report.comment_of", name=found.employee.name)),
                             entry.report.employee_comment)):
            if text:
                st.markdown(f"**{label}**")
                user_text(text)
    for action in entry.actions:
        helped = f" · {tr('report.did_it_help')} {tr(f'report.helped_{action.helped}')}" if action.helped else ""
        st.markdown(f"- {escape_markdown(action.what)} · {tr(f'action.status_{action.status}')}{escape_markdown(helped)}")

if found.check_ins.check_ins:
    st.header(tr("check_ins.dossier_heading"))
    st.dataframe(check_ins_frame(found.check_ins, lang), hide_index=True, width="stretch", key="dossier_check_ins")
    if found.check_ins.can_open:
        st.page_link(navigation.CHECK_IN, label=escape_markdown(tr("check_ins.all_of", name=found.employee.name)),
                     icon=":material/arrow_forward:", query_params={"employee": found.employee.id})
certificate_lists.history_section(person, found.employee.id)
st.header(tr("dossier.notes"))
for note in found.notes:
    st.caption(format_date(note.created_at, lang) + (f" · {tr('dossier.private')}" if note.private else ""))
    user_text(note.note)
if found.can_add_note:
    session.show("dossier")
    st.text_area(tr("dossier.new_note"), key="dossier_note", max_chars=dossier.MAX_NOTE)
    st.checkbox(tr("dossier.note_private"), key="dossier_note_private")
    st.button(tr("dossier.add_note"), key="dossier_add_note", on_click=add_note)
