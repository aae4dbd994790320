"""HR: team pictures for development, not judgement. Skills per person (heatmap), the skills only
one person masters, the learning climate (only for groups of at least three), trends across the
years and how follow-up actions fare."""

import streamlit as st

from devtalk.domain.models import ACTION_KINDS, ACTION_STATUSES
from devtalk.presentation.formatting import LATE_STYLE, format_number
from devtalk.presentation.team_frames import (
    actions_frame,
    heatmap_chart,
    heatmap_frame,
    ratings_frame,
    single_points_frame,
    trend_chart,
    trend_frame,
)
from devtalk.services import team
from ui import session, widgets
from ui.session import tr

TREND_ITEMS = 5  # lines shown at first; more make the chart unreadable

person = session.require_hr()
db = session.database()
lang = session.language()


def show_filters(options: team.Filters) -> tuple[int, str | None, int | None, str]:
    round_names = {r.id: r.name for r in options.rounds}
    function_names = {f.id: f.name for f in options.functions}
    team_names = {p.id: p.name for p in options.teams}
    left, middle, right = st.columns(3)
    round_id = left.selectbox(tr("hr_team.round"), list(round_names), key="team_round", format_func=round_names.get)
    function_id = middle.selectbox(tr("hr_team.function"), list(function_names), key="team_function",
                                   format_func=function_names.get)
    team_id = right.selectbox(tr("hr_team.team"), [None, *team_names], key="team_team",
                              format_func=lambda p: team_names[p] if p else tr("hr_team.whole_firm"))
    session.seed("team_view", "average")
    view = st.segmented_control(tr("hr_team.view"), team.VIEWS, key="team_view",
                                format_func=lambda v: tr(f"hr_team.view_{v}")) or "average"
    return round_id, function_id, team_id, view


def show_heatmap(round_id: int, function_id: str | None, team_id: int | None, view: str) -> None:
    st.header(tr("hr_team.heatmap_heading"))
    st.caption(tr("hr_team.heatmap_explained"))
    if function_id is None:
        st.info(tr("hr_team.no_functions"))
        return
    found = team.heatmap(db, person, round_id, function_id, team_id)
    if not found.people or not found.items:
        st.info(tr("hr_team.nobody_here"))
        return
    # Every column keeps room for its whole label: a wide heatmap scrolls sideways in its own frame.
    st.html("<style>.st-key-team_heatmap_frame { overflow-x: auto; }</style>")
    with st.container(key="team_heatmap_frame"):
        st.altair_chart(heatmap_chart(heatmap_frame(found, view, lang), found.scale, lang), key="team_heatmap",
                        width="content")
    st.subheader(tr("hr_team.single_heading"))
    st.caption(tr("hr_team.single_explained", threshold=team.MASTERY))
    points = team.single_points_of_failure(db, person, round_id, function_id, team_id)
    if points:
        st.dataframe(single_points_frame(points, lang), hide_index=True, width="stretch", key="team_single")
    else:
        st.success(tr("hr_team.no_single"))


def show_climate(round_id: int, team_id: int | None) -> None:
    st.header(tr("hr_team.climate_heading"))
    st.caption(tr("hr_team.climate_explained", minimum=team.MIN_RESPONDENTS))
    figures = team.learning_climate(db, person, round_id, team_id)
    if not figures:
        st.info(tr("hr_team.no_climate"))
        return
    for column, figure in zip(st.columns(len(figures)), figures):
        label = tr(f"hr_team.condition_{figure.condition}")
        if figure.too_few:
            column.metric(label, "—")
            column.caption(tr("hr_team.too_few", minimum=team.MIN_RESPONDENTS))
        else:
            column.metric(label, format_number(figure.average, lang))


def show_trends(function_id: str | None, team_id: int | None, view: str) -> None:
    st.header(tr("hr_team.trends_heading"))
    st.caption(tr("hr_team.trends_explained"))
    found = team.trends(db, person, function_id, team_id, view)
    if len(found.rounds) < 2:
        st.info(tr("hr_team.no_trends"))
        return
    labels = {item_id: item.wording("employee", lang) for item_id, item in found.items.items()}
    key = f"team_trend_items_{function_id}"
    session.seed(key, list(labels)[:TREND_ITEMS])
    chosen = st.multiselect(tr("hr_team.trend_items"), list(labels), key=key, format_func=labels.get)
    if chosen:
        st.altair_chart(trend_chart(trend_frame(found, chosen, lang), lang), key="team_trends")


def show_actions(team_id: int | None) -> None:
    st.header(tr("hr_team.actions_heading"))
    left, right = st.columns(2)
    kind = left.selectbox(tr("hr_team.kind"), [None, *ACTION_KINDS], key="team_action_kind",
                          format_func=lambda k: tr(f"action.kind_{k}") if k else tr("hr_team.all"))
    status = right.selectbox(tr("hr_team.status"), [None, *ACTION_STATUSES], key="team_action_status",
                             format_func=lambda s: tr(f"action.status_{s}") if s else tr("hr_team.all"))
    overview = team.actions_overview(db, person, kind, status, team_id)
    if overview.lines:
        overdue = sum(line.overdue for line in overview.lines)
        if overdue:
            st.warning(tr("hr_team.overdue_count", count=overdue))
        frame = actions_frame(overview.lines, lang)
        column = tr("hr_team.col_overdue")
        st.dataframe(frame.style.map(lambda value: LATE_STYLE if value else "", subset=[column]),
                     hide_index=True, width="stretch", key="team_actions")
    else:
        st.info(tr("hr_team.no_actions"))
    st.subheader(tr("hr_team.ratings_heading"))
    st.caption(tr("hr_team.ratings_explained"))
    if overview.ratings:
        st.dataframe(ratings_frame(overview.ratings, lang), hide_index=True, width="stretch", key="team_ratings")
    else:
        st.info(tr("hr_team.no_ratings"))


st.title(tr("nav.hr_team"))
st.caption(tr("hr_team.intro"))
options = team.filter_options(db, person)
widgets.stop_when_empty(options.rounds, "hr_team.no_rounds")
chosen_round, chosen_function, chosen_team, chosen_view = show_filters(options)
show_heatmap(chosen_round, chosen_function, chosen_team, chosen_view)
show_climate(chosen_round, chosen_team)
show_trends(chosen_function, chosen_team, chosen_view)
show_actions(chosen_team)
st.caption(tr("hr_team.teams_are_current"))
