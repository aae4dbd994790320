"""The skills matrix for HR (everyone) and managers (their own team): people x skills coloured by
level against what the job function requires, per skill how many master it against the team's
minimum, the single points of failure, each person's gaps; as Excel and as an A3 PDF."""

import streamlit as st

from devtalk.domain.matrix import DEFAULT_MINIMUM
from devtalk.presentation.matrix_frames import (
    counts_frame,
    gaps_frame,
    heatmap_chart,
    heatmap_frame,
    single_points_frame,
)
from devtalk.questionnaire import localized
from devtalk.services import matrix
from ui import callbacks, session, widgets
from ui.downloads import pdf_download
from ui.session import tr
from ui.text import plain_table

person = session.require_person()
db = session.database()
lang = session.language()


def show_filters(options: matrix.Filters) -> dict:
    team_names = {p.id: p.name for p in options.teams}
    function_names = {f.id: f.name for f in options.functions}
    section_names = {s.id: localized(s.title, lang) for s in options.sections}
    left, middle, right = st.columns(3)
    team_id = None
    if len(team_names) > 1 or person.id not in team_names:
        team_id = left.selectbox(tr("matrix.team"), [None, *team_names], key="matrix_team",
                                 format_func=lambda p: team_names[p] if p else tr("matrix.whole_firm"))
    function_id = middle.selectbox(tr("matrix.function"), [None, *function_names], key="matrix_function",
                                   format_func=lambda f: function_names[f] if f else tr("matrix.all"))
    section_id = right.selectbox(tr("matrix.section"), [None, *section_names], key="matrix_section",
                                 format_func=lambda s: section_names[s] if s else tr("matrix.all"))
    return {"team_id": team_id, "function_id": function_id, "section_id": section_id}


def show_downloads(filters: dict) -> None:
    name = tr("matrix.file_name")
    left, right = st.columns(2)
    callbacks.download_button(tr("matrix.download_xlsx"), lambda signed_in: matrix.matrix_xlsx(db, signed_in, lang, **filters),
                              where=left, file_name=f"{name}.xlsx", mime=matrix.XLSX, key="matrix_xlsx",
                              icon=":material/table_view:")
    with right:
        pdf_download("matrix_pdf", tr("matrix.download_pdf"), lambda signed_in: matrix.matrix_pdf(db, signed_in, lang, **filters),
                     f"{name}.pdf")


st.title(tr("nav.skills_matrix"))
st.caption(tr("matrix.intro"))
options = session.or_stop(matrix.filter_options, db, person)
widgets.stop_when_empty(options.sections, "matrix.no_rounds")
chosen = show_filters(options)
found = session.or_stop(matrix.matrix, db, person, **chosen)
widgets.stop_when_empty(found.people and found.skills, "matrix.nobody_here")

st.header(tr("matrix.heatmap_heading"))
st.caption(tr("matrix.heatmap_explained"))
# Every column keeps the width its upright skill name needs: a wide matrix scrolls sideways in its
# own frame instead of running off the page. Our own fixed rule, no user text in it.
st.html("<style>.st-key-matrix_frame { overflow-x: auto; }</style>")
with st.container(key="matrix_frame"):
    st.altair_chart(heatmap_chart(heatmap_frame(found, lang), lang), key="matrix_heatmap", width="content")
show_downloads(chosen)

st.header(tr("matrix.single_heading"))
st.caption(tr("matrix.single_explained"))
if found.single_points:
    plain_table(single_points_frame(found.single_points, lang))
else:
    st.success(tr("matrix.no_single"))

st.header(tr("matrix.counts_heading"))
st.caption(tr("matrix.counts_explained", minimum=DEFAULT_MINIMUM))
widgets.table_or_nothing(counts_frame(found.counts, lang), hide_index=True, width="stretch", key="matrix_counts")

st.header(tr("matrix.gaps_heading"))
st.caption(tr("matrix.gaps_explained"))
if found.gaps:
    st.dataframe(gaps_frame(found, lang), hide_index=True, width="stretch", key="matrix_gaps")
else:
    st.success(tr("matrix.no_gaps"))
