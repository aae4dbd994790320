"""A check-in between two yearly talks, made for a phone: the employee's check-ins (``?employee=``)
with a button to start one, or one check-in (``?check_in=``): its few questions, answers saved while
typing, the open actions with their status, and finishing it.

Nothing typed is dropped without a word: each answer is stored expecting the text this tab last
read or saved, so a change by the other person meanwhile is shown beside the box, never
overwritten; a text the browser brings that no callback stored (typed while the server restarted)
is stored on the next run if this tab had seen what is stored.
"""

import streamlit as st

from devtalk.domain.models import ACTION_STATUSES
from devtalk.presentation.formatting import format_date, format_datetime
from devtalk.questionnaire import Item, localized
from devtalk.services import actions, check_ins
from devtalk.services.check_ins import CheckInChangedElsewhere
from ui import callbacks, navigation, seen, session
from ui.session import tr
from ui.text import escape_markdown, user_text

person = session.require_person()
lang = session.language()
db = session.database()
SLOT = "check_in"

# On a phone Streamlit's room above the page and its large title push the first question down.
# Our own fixed style, no user text in it.
st.html("<style>@media (max-width: 640px) {"
        ".stMainBlockContainer {padding-top: 3.5rem} .stMainBlockContainer h1 {font-size: 2rem}"
        " .stMainBlockContainer h3 {font-size: 1.3rem}}</style>")


@callbacks.signed_in(SLOT)
def start(person, employee_id: int) -> None:
    st.query_params["check_in"] = str(check_ins.start(db, person, employee_id).id)


def show_list(employee_id: int) -> None:
    found = session.or_stop(check_ins.check_ins_of, db, person, employee_id)
    own = found.employee.id == person.id
    st.title(tr("check_ins.title_own") if own else escape_markdown(tr("check_ins.title_with", name=found.employee.name)))
    st.caption(tr("check_ins.explained"))
    session.show(SLOT)
    if found.can_open:
        # Starting while one is open opens that one (services.check_ins.start): the button says so.
        still_open = any(check_in.status == "open" for check_in in found.check_ins)
        st.button(tr("check_ins.continue" if still_open else "check_ins.start"), key="check_in_start", type="primary",
                  width="stretch", on_click=start, args=(found.employee.id,))
    if not found.check_ins:
        st.info(tr("check_ins.none"))
    for check_in in found.check_ins:
        with st.container(border=True):
            st.markdown(f"**{tr('check_ins.of_date', date=format_date(check_in.started_at, lang))}**")
            starter = found.starters.get(check_in.started_by)
            st.caption(escape_markdown(tr("check_ins.list_line", status=tr(f"check_ins.status_{check_in.status}"),
                                          name=starter.name if starter else "—")))
            if found.can_open:
                st.page_link(navigation.CHECK_IN, label=tr("check_ins.open"), icon=":material/arrow_forward:",
                             query_params={"check_in": check_in.id})


def widget_key(item: Item) -> str:
    # "answer_" puts the box under the save-while-typing script (ui/save_while_typing.py), like the form's answers.
    return f"answer_check_in_{view.check_in.id}_{item.id}"


@callbacks.signed_in(SLOT)
def save(person, item: Item) -> None:
    key = widget_key(item)
    try:
        check_ins.save_answer(db, person, view.check_in.id, item.id, st.session_state[key] or "",
                              expected=st.session_state.get(f"known_{key}"))
    except CheckInChangedElsewhere as conflict:
        st.session_state[f"elsewhere_{key}"] = st.session_state[f"known_{key}"] = conflict.stored
        return
    st.session_state[f"known_{key}"] = st.session_state[key] or ""
    st.session_state.pop(f"elsewhere_{key}", None)


@callbacks.signed_in(SLOT)
def change_status(person, action_id: int, shown: str) -> None:
    """Store the tapped status through the action's own update, so it is the action's status
    everywhere; a second tap on the chosen one (which clears pills) keeps it."""
    key = f"check_in_action_{action_id}"
    if st.session_state[key] is None:
        st.session_state[key] = shown
        return
    actions.set_status(db, person, action_id, st.session_state[key])


@callbacks.signed_in(SLOT)
def finish(person) -> None:
    check_ins.finish(db, person, view.check_in.id)


def answer_box(item: Item) -> None:
    """One question and its answer. Drawn for the first time in this session, the box starts from
    the stored text unless the browser brings one of its own (see the module's docstring)."""
    key, stored = widget_key(item), view.answers.get(item.id, "")
    wording = escape_markdown(localized(item.text, lang))
    st.markdown(f"**{wording}**")
    if not view.can_edit:
        user_text(stored)
        return
    fresh = key not in st.session_state
    value = st.text_area(wording, value=stored if fresh else None, key=key, on_change=save, args=(item,),
                         max_chars=check_ins.MAX_TEXT, label_visibility="collapsed", placeholder=tr("check_ins.placeholder"))
    if fresh:
        st.session_state.pop(f"elsewhere_{key}", None)
        st.session_state[f"known_{key}"] = stored
        if (value or "") != stored:
            if in_step:
                recovered.append(item)
            else:  # this tab may be an old copy: its text is shown as not stored, beside what is
                st.session_state[f"elsewhere_{key}"] = stored
    if f"elsewhere_{key}" in st.session_state:
        st.warning(tr("check_ins.changed_elsewhere"))
        user_text(st.session_state[f"elsewhere_{key}"])
    elif (st.session_state.get(f"known_{key}") or "").strip():
        st.caption(tr("fill.saved"))


def show_actions() -> None:
    st.subheader(tr("check_ins.actions_heading"))
    if not view.actions:
        st.caption(tr("check_ins.no_actions"))
    for action in view.actions:
        with st.container(border=True, key=f"check_in_listed_{action.id}"):
            st.markdown(escape_markdown(action.what))
            if action.due_date:
                st.caption(tr("actions.due", date=format_date(action.due_date, lang)))
            # Taps, not a drop-down: four choices fit a phone's width and take one thumb.
            session.seed(f"check_in_action_{action.id}", action.status)
            st.pills(tr("actions.status"), ACTION_STATUSES, key=f"check_in_action_{action.id}",
                     format_func=lambda status: tr(f"action.status_{status}"), on_change=change_status,
                     args=(action.id, action.status), disabled=not view.can_edit)


def show_check_in() -> None:
    st.title(tr("check_ins.title"))
    started = format_date(view.check_in.started_at, lang)
    st.caption(escape_markdown(tr("check_ins.started", name=view.employee.name, date=started,
                                  by=view.started_by.name if view.started_by else "—")))
    session.show(SLOT)
    if view.can_edit:
        # The employee reads "you and your manager"; the manager, the employee's name.
        own = view.employee.id == person.id
        st.info(tr("check_ins.who_sees") if own else escape_markdown(tr("check_ins.who_sees_manager", name=view.employee.name)))
    else:
        st.success(tr("check_ins.done_on", date=format_datetime(view.check_in.done_at, lang)))
    for item in view.questions:
        with st.container(key=f"check_in_question_{item.id}"):
            answer_box(item)
    show_actions()
    if view.can_edit:
        st.divider()
        st.caption(tr("check_ins.finish_explained"))
        st.button(tr("check_ins.finish"), key="check_in_finish", type="primary", width="stretch", on_click=finish)
    st.page_link(navigation.CHECK_IN, label=tr("check_ins.all_of", name=escape_markdown(view.employee.name)),
                 icon=":material/arrow_back:", query_params={"employee": view.employee.id})


check_in_id = session.query_int("check_in")
if check_in_id is None:
    show_list(session.query_int("employee") or person.id)
    st.stop()
view = session.or_stop(check_ins.view, db, person, check_in_id)
stored_texts = [(item.id, view.answers.get(item.id, "")) for item in view.questions]
# This tab saw what is stored now: any other text its browser brings is its own unsaved edit.
in_step = seen.tab_saw(stored_texts)
recovered: list[Item] = []
show_check_in()
seen.remember([(item.id, st.session_state.get(f"known_{widget_key(item)}", "")) for item in view.questions])
if recovered:
    for item in recovered:
        save(item)
    st.rerun()
