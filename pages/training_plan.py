"""The yearly training plan for the training coordinator and HR (the firm, one team or one person,
with its costs) and for a manager (their own team or one of its people, without amounts): the
table, the totals per team, and the plan as Excel and as the PDF the director signs."""

import streamlit as st

from devtalk.presentation.training_plan_frames import plan_frame, totals_frame
from devtalk.services import training_plan
from ui import callbacks, session, widgets
from ui.downloads import pdf_download
from ui.session import tr

person = session.require_person()
db = session.database()
lang = session.language()


def show_filters(options: training_plan.PlanFilters, where) -> tuple[int, int | None]:
    year = where[0].selectbox(tr("training_plan.year"), options.years, index=options.years.index(options.this_year),
                              key="plan_year")
    if not options.whole_firm:
        return year, options.teams[0].id
    names = {team.id: team.name for team in options.teams}
    team_id = where[1].selectbox(tr("training_plan.team"), [None, *names], key="plan_team",
                                 format_func=lambda team: names[team] if team else tr("training_plan.whole_firm"))
    return year, team_id


def choose_person(found, where) -> int | None:
    """One person's plan, or everyone's in the selection."""
    names = {line.employee_id: line.employee for line in found.lines}
    return where.selectbox(tr("training_plan.person"), [None, *names], key="plan_person",
                           format_func=lambda person: names[person] if person else tr("training_plan.everyone"))


def show_downloads(year: int, team_id: int | None, employee_id: int | None) -> None:
    name = tr("training_plan.file_name", year=year)
    left, right = st.columns(2)
    callbacks.download_button(
        tr("training_plan.download_xlsx"),
        lambda signed_in: training_plan.plan_xlsx(db, signed_in, year, lang, team_id, employee_id),
        where=left, file_name=f"{name}.xlsx", mime=training_plan.XLSX, key="plan_xlsx", icon=":material/table_view:")
    with right:
        pdf_download("plan_pdf", tr("training_plan.download_pdf"),
                     lambda signed_in: training_plan.plan_pdf(db, signed_in, year, lang, team_id, employee_id), f"{name}.pdf")


st.title(tr("training_plan.nav"))
st.caption(tr("training_plan.intro"))
options = session.or_stop(training_plan.filter_options, db, person)
widgets.stop_when_empty(options.whole_firm or options.teams, "training_plan.not_yours")
filters = st.columns(3 if options.whole_firm else 2)
year, team_id = show_filters(options, filters)
found = session.or_stop(training_plan.plan, db, person, year, team_id)
if not found.shows_costs:
    st.caption(tr("training_plan.no_costs_note"))
if not found.lines:
    st.info(tr("training_plan.empty"))
    st.stop()
employee_id = choose_person(found, filters[-1])
if employee_id is not None:
    found = session.or_stop(training_plan.plan, db, person, year, team_id, employee_id)
show_downloads(year, team_id, employee_id)
st.dataframe(plan_frame(found, lang), hide_index=True, width="stretch", key="plan_table")
st.header(tr("training_plan.totals_heading"))
st.dataframe(totals_frame(found, lang), hide_index=True, width="stretch", key="plan_totals")
