"""HR: what each job function requires of each skill (a level, critical or not), and per team how
many people must master a critical skill. Every change is stored at once."""

import streamlit as st

from devtalk.services import library, skills
from ui import callbacks, session
from ui.session import tr
from ui.text import escape_markdown

person = session.require_hr()
db = session.database()
lang = session.language()
SLOT = "requirements"


@callbacks.signed_in(SLOT)
def save_requirement(person, questionnaire_id: str, function_id: str, item_id: str) -> None:
    key = f"req_{questionnaire_id}_{function_id}_{item_id}"
    skills.set_requirement(db, person, function_id, questionnaire_id, item_id,
                           st.session_state[f"{key}_level"], st.session_state[f"{key}_critical"])


@callbacks.signed_in(SLOT)
def save_minimum(person, questionnaire_id: str, manager_id: int, item_id: str) -> None:
    key = f"min_{questionnaire_id}_{manager_id}_{item_id}"
    skills.set_team_minimum(db, person, manager_id, questionnaire_id, item_id,
                            int(st.session_state[f"{key}_people"]), st.session_state[f"{key}_level"])


st.title(tr("skills.page_title"))
st.caption(tr("skills.page_intro"))
session.show(SLOT)

entries = library.library(db, person)
if not entries:
    st.info(tr("skills.no_questionnaires"))
    st.stop()
titles = {entry.questionnaire_id: entry.title(lang) for entry in entries}
questionnaire_id = st.selectbox(tr("skills.questionnaire"), list(titles), format_func=titles.get, key="req_questionnaire")
functions = {function.id: function.name for function in library.job_functions(db, person)}
function_id = st.selectbox(tr("skills.function"), list(functions), format_func=functions.get, key="req_function")

rows = skills.requirement_rows(db, person, questionnaire_id, function_id) if function_id else []
if not rows:
    st.info(tr("skills.no_skills"))
for row in rows:
    key = f"req_{questionnaire_id}_{function_id}_{row.item.id}"
    session.seed(f"{key}_level", row.requirement.level if row.requirement else None)
    session.seed(f"{key}_critical", bool(row.requirement and row.requirement.critical))
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(row.item.wording('manager', lang))}**")
        st.pills(tr("skills.level"), list(row.scale.points), key=f"{key}_level",
                 format_func=lambda point, scale=row.scale: f"{point} {scale.label(point, lang)}".strip(),
                 on_change=save_requirement, args=(questionnaire_id, function_id, row.item.id))
        st.checkbox(tr("skills.mark_critical"), key=f"{key}_critical",
                    on_change=save_requirement, args=(questionnaire_id, function_id, row.item.id))

st.header(tr("skills.team_heading"))
critical = skills.critical_items(db, person, questionnaire_id)
teams = {manager.id: manager.name for manager in skills.teams(db, person)}
if not critical or not teams:
    st.info(tr("skills.no_critical"))
    st.stop()
manager_id = st.selectbox(tr("skills.team"), list(teams), format_func=teams.get, key="req_team")
minimums = {m.item_id: m for m in skills.team_minimums(db, person, questionnaire_id, manager_id)}
for row in critical:
    key = f"min_{questionnaire_id}_{manager_id}_{row.item.id}"
    minimum = minimums.get(row.item.id)
    session.seed(f"{key}_people", minimum.people if minimum else 0)
    session.seed(f"{key}_level", minimum.level if minimum else row.scale.points[-1])
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(row.item.wording('manager', lang))}**")
        people_column, level_column = st.columns(2)
        people_column.number_input(tr("skills.people_needed"), min_value=0, max_value=50, step=1, key=f"{key}_people",
                                   on_change=save_minimum, args=(questionnaire_id, manager_id, row.item.id))
        level_column.selectbox(tr("skills.at_level"), list(row.scale.points), key=f"{key}_level",
                               on_change=save_minimum, args=(questionnaire_id, manager_id, row.item.id))
