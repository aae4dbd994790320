"""Both sides next to each other, once both are in: where you agree, where you differ, what to discuss."""

import streamlit as st

from devtalk.presentation.comparison_frames import dumbbell_spec, section_frames
from devtalk.questionnaire import localized
from devtalk.services import printing, reports, skills, third_voice
from ui import learning_help, navigation, session
from ui import third_voice as third_voice_ui
from ui.agenda import show_agenda_point
from ui.downloads import pdf_download
from ui.session import tr
from ui.text import escape_markdown, plain_table, user_text

person = session.require_person()
lang = session.language()
db = session.database()
view = session.or_stop(skills.levelled_view, db, person, session.query_int("conversation") or 0)
comparison = view.comparison
third = session.or_stop(third_voice.comparison_column, db, person, view.conversation.id)

st.title(tr("compare.title"))
st.caption(escape_markdown(tr("compare.subtitle", employee=view.employee.name, manager=view.manager.name, round=view.round.name)))
st.info(tr("compare.how_to_read"))

gaps = comparison.largest_gaps()
agree = sum(1 for row in comparison.likert if row.gap == 0)
col1, col2 = st.columns(2)
col1.metric(tr("compare.metric_agree"), agree)
col2.metric(tr("compare.metric_large_gaps"), len(gaps))

table_tab, chart_tab, can_want_tab, agenda_tab = st.tabs(
    [tr("compare.tab_table"), tr("compare.tab_chart"), tr("compare.tab_can_want"), tr("compare.tab_agenda")]
)

with table_tab:
    for section, likert, opens in section_frames(comparison, lang):
        st.subheader(escape_markdown(localized(section.title, lang)))
        for frame in (likert, opens):
            if frame is not None:
                plain_table(frame)
    if comparison.has_requirements:
        st.caption(tr("skills.critical_legend"))

with chart_tab:
    st.caption(tr("compare.chart_explained"))
    st.vega_lite_chart(spec=dumbbell_spec(comparison, lang), width="stretch")

with can_want_tab:
    can, want = st.columns(2)
    with can:
        st.subheader(tr("compare.can"))
        st.caption(tr("compare.can_explained"))
        for row in comparison.by_gap()[:8]:
            st.markdown(f"**{escape_markdown(row.item.wording('employee', lang))}**")
            st.caption(tr("compare.both_values", employee=row.employee.value if row.employee and row.employee.value else "—",
                          manager=row.manager.value if row.manager and row.manager.value else "—"))
    with want:
        st.subheader(tr("compare.want"))
        st.caption(tr("compare.want_explained"))
        for row in comparison.open:
            st.markdown(f"**{escape_markdown(row.item.wording('employee', lang))}**")
            user_text(row.employee_text)

with agenda_tab:
    earlier = reports.earlier_actions(db, view.conversation)
    learned = learning_help.checks_by_action(person, view.employee.id, view.conversation.id)
    for point in reports.proposed_agenda(db, person, view, earlier):
        show_agenda_point(point, view.questionnaire, comparison, {a.id: a for a in earlier}, lang)
        learning_help.beside_point(point, learned)

third_voice_ui.comparison_section(third, comparison, lang)

if view.conversation.status in printing.PREPARATION_STATUSES:
    pdf_download("preparation", tr("download.preparation"),
                 lambda person: printing.preparation_sheet_pdf(db, person, view.conversation.id, lang),
                 f"voorbereiding-{view.conversation.id}.pdf")
if view.conversation.side_of(person.id) == "manager" or view.conversation.status != "ready":
    st.page_link(navigation.REPORT, label=tr("compare.to_report"), icon=":material/description:",
                 query_params={"conversation": view.conversation.id})
