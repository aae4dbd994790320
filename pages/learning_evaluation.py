"""What the learning brought, per year and team, for the training coordinator and HR (the firm or a
team, with costs) and a manager (their own team): the kinds of learning used with satisfaction,
impact and cost, internal against external, and the skills that rose. Groups of fewer than three
people are not shown, and the page says so."""

import streamlit as st

from devtalk.domain.learning_evaluation import MIN_GROUP
from devtalk.presentation.learning_evaluation_frames import (
    cost_chart,
    helped_chart,
    kind_label,
    kinds_frame,
    satisfaction_chart,
    skills_chart,
    skills_frame,
    way_label,
    ways_frame,
)
from devtalk.services import learning_evaluation, training_plan
from ui import session
from ui.session import tr

person = session.require_person()
db = session.database()
lang = session.language()


def show_filters(options: training_plan.PlanFilters) -> tuple[int, int | None]:
    left, right = st.columns(2)
    year = left.selectbox(tr("training_plan.year"), options.years, index=options.years.index(options.this_year),
                          key="evaluation_year")
    if not options.whole_firm:
        return year, None  # a manager's own team, the only one the service gives them
    names = {team.id: team.name for team in options.teams}
    team_id = right.selectbox(tr("training_plan.team"), [None, *names], key="evaluation_team",
                              format_func=lambda team: names[team] if team else tr("training_plan.whole_firm"))
    return year, team_id


def show_charts(*charts) -> None:
    """One under the other, each the page's width: side by side the kinds' names would crowd the bars."""
    for chart in charts:
        if chart is not None:
            st.altair_chart(chart, width="stretch")


def show_groups(heading_key: str, frame, figures, label, group_key: str, shows_costs: bool) -> None:
    st.header(tr(heading_key))
    if not figures:
        st.info(tr("learning_evaluation.no_group_shown", minimum=MIN_GROUP))
        return
    st.dataframe(frame, hide_index=True, width="stretch")
    group = tr(group_key)
    show_charts(satisfaction_chart(figures, label, group, lang), helped_chart(figures, label, group, lang),
                cost_chart(figures, label, group, lang) if shows_costs else None)


st.title(tr("learning_evaluation.nav"))
st.caption(tr("learning_evaluation.intro"))
st.info(tr("learning_evaluation.threshold", minimum=MIN_GROUP))
options = session.or_stop(training_plan.filter_options, db, person)
year, team_id = show_filters(options)
found = session.or_stop(learning_evaluation.evaluation, db, person, year, team_id)
if found.people < MIN_GROUP:
    st.info(tr("learning_evaluation.too_few_people", count=found.people, minimum=MIN_GROUP))
    st.stop()
if found.hidden:
    st.caption(tr("learning_evaluation.hidden", count=found.hidden, minimum=MIN_GROUP))
show_groups("learning_evaluation.kinds_heading", kinds_frame(found, lang), found.kinds, kind_label,
            "learning_evaluation.col_kind", found.shows_costs)
show_groups("learning_evaluation.ways_heading", ways_frame(found, lang), found.ways, way_label,
            "learning_evaluation.col_way", found.shows_costs)
st.header(tr("learning_evaluation.skills_heading"))
st.caption(tr("learning_evaluation.skills_explained"))
if found.skills:
    st.dataframe(skills_frame(found, lang), hide_index=True, width="stretch")
    st.altair_chart(skills_chart(found, lang), width="stretch")
else:
    st.info(tr("learning_evaluation.no_group_shown", minimum=MIN_GROUP))
