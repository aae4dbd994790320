"""The training coordinator's queue of learning requests (HR has the coordinator's rights): the
year's budget first, then the requests by status and team, and one request opened to decide on.

Internal first: a request shows the question behind the question and the colleagues who master
its skill before the form asks internal or external. What approving does to the budget is shown
above the approve button, and only for what is stored: with changes not saved yet, the steps wait
until they are.
"""

from datetime import date

import pandas as pd
import streamlit as st

from devtalk.domain import access
from devtalk.domain.learning import (
    DECISIONS,
    STATUSES,
    SUBSIDY_STATUSES,
    format_euros,
    parse_euros,
    parse_hours,
)
from devtalk.errors import InvalidInput
from devtalk.presentation.formatting import format_datetime
from devtalk.presentation.learning_words import (
    decision_words,
    helped_words,
    satisfaction_words,
    status_words,
    subsidy_status_words,
)
from devtalk.services import learning, learning_skills
from ui import callbacks, learning_requests, navigation, session, widgets
from ui.learning_requests import euro_text
from ui.session import tr
from ui.text import escape_markdown, plain_table, user_text

person = session.require_person()
db = session.database()
lang = session.language()
teams = {leader.id: leader for leader in session.or_stop(learning.teams, db, person)}
BUDGET = "queue_budget"  # the budget form's slot
DECISION_FIELDS = ("decision", "colleague", "provider", "planned_start", "planned_end", "estimated", "hours", "item")
MOVE_FIELDS = ("actual",)
SUBSIDY_FIELDS = ("fund", "scheme", "expected", "subsidy_status")


def team_name(team_id: int | None) -> str:
    return tr("learning_pages.whole_firm") if team_id is None else tr("learning_pages.team_of", name=teams[team_id].name)


def euros(cents: int | None) -> str:
    return format_euros(cents, lang)


# The budget: the firm's, each team's that has one, and the form that sets them.


def show_budget(year: int) -> None:
    """The firm's budget of the year and each team's that has one: set, committed, spent, remaining."""
    states = session.or_stop(learning.budgets, db, person, year)
    st.header(tr("learning_pages.budget_heading", year=year))
    if states[0].budget_cents is None:
        st.caption(tr("learning_pages.budget_none", year=year))
    plain_table(pd.DataFrame([{
        tr("learning_pages.budget_for"): budget_name(state.manager_id),
        tr("learning_pages.col_budget"): euros(state.budget_cents),
        tr("learning_pages.col_committed"): euros(state.committed_cents),
        tr("learning_pages.col_spent"): euros(state.spent_cents),
        tr("learning_pages.col_remaining"): euros(state.remaining_cents),
    } for state in states]))
    for state in states:
        if state.overspent:
            st.error(escape_markdown(tr("learning_pages.overspent", budget=budget_name(state.manager_id),
                                        amount=euros(-state.remaining_cents))))
    with st.expander(tr("learning_pages.set_budget_heading")):
        budget_form(year, {state.manager_id: state.budget_cents for state in states})


def budget_name(team_id: int | None) -> str:
    """The firm, or the team of a manager who leads someone now (a budget may outlive the team)."""
    return team_name(team_id) if team_id is None or team_id in teams else "—"


def save_budget(person, year: int, team_id: int | None, key: str) -> None:
    learning.set_budget(db, person, year, parse_euros(st.session_state.get(key), field="budget"), team_id)
    session.say(BUDGET, "learning_pages.budget_saved")


def budget_form(year: int, set_now: dict) -> None:
    team_id = st.selectbox(tr("learning_pages.budget_for"), [None, *teams], key="queue_budget_team", format_func=team_name)
    key = f"queue_budget_amount_{year}_{team_id}"
    session.seed(key, euro_text(set_now.get(team_id)))
    st.text_input(tr("learning_pages.amount"), key=key, max_chars=20, help=tr("learning_pages.budget_help"))
    session.show(BUDGET, "budget")
    st.button(tr("learning_pages.save_budget"), key="queue_budget_save", on_click=callbacks.run,
              args=(BUDGET, save_budget, year, team_id, key), kwargs={"fields": ("budget",)})
    session.show(BUDGET)


# The queue: a table of every request that fits the filters, and one of them opened.


def queue_table(views) -> None:
    widgets.table_or_nothing([{
        tr("learning_pages.col_employee"): view.employee.name,
        tr("learning_pages.col_what"): view.request.what,
        tr("learning_pages.col_kind"): tr(f"action.kind_{view.request.kind}"),
        tr("learning_pages.col_status"): status_words(view.request.status, lang),
        tr("learning_pages.col_decision"): decision_words(view.request.decision, lang),
        tr("learning_pages.col_cost"): euros(view.request.cost_cents),
        tr("learning_pages.col_team"): view.team.name if view.team else "—",
    } for view in views], hide_index=True, width="stretch", key="queue_table")


def request_label(view) -> str:
    return tr("learning_pages.request_label", employee=view.employee.name, what=view.request.what,
              status=status_words(view.request.status, lang))


# One request: where it came from, the question behind it, internal first, the decision, the steps.


def prefix_of(request) -> str:
    return f"queue_{request.id}_"


def hours_text(hours) -> str:
    return "" if hours is None else f"{hours.normalize():f}".replace(".", ",")


def seed_form(view) -> None:
    request, prefix = view.request, prefix_of(view.request)
    for field, value in (("decision", request.decision), ("colleague", request.colleague_id), ("provider", request.provider),
                         ("planned_start", request.planned_start), ("planned_end", request.planned_end),
                         ("estimated", euro_text(request.estimated_cents)), ("hours", hours_text(request.hours)),
                         ("item", request.item_id), ("actual", euro_text(request.actual_cents))):
        session.seed(prefix + field, value)
    subsidy = view.subsidy
    for field, value in (("fund", subsidy.fund if subsidy else ""), ("scheme", subsidy.scheme if subsidy else ""),
                         ("expected", euro_text(subsidy.expected_cents) if subsidy else ""),
                         ("subsidy_status", subsidy.status if subsidy else SUBSIDY_STATUSES[0])):
        session.seed(prefix + field, value)


def typed_decision(prefix: str) -> dict:
    """The decision form as typed, as ``learning.decide`` takes it (InvalidInput on a bad amount or hours)."""
    state = st.session_state
    decision = state.get(prefix + "decision")
    return {"decision": decision, "colleague_id": state.get(prefix + "colleague") if decision == "internal" else None,
            "provider": (state.get(prefix + "provider") or "").strip(),
            "planned_start": state.get(prefix + "planned_start"), "planned_end": state.get(prefix + "planned_end"),
            "estimated_cents": parse_euros(state.get(prefix + "estimated"), field="estimated"),
            "hours": parse_hours(state.get(prefix + "hours"), field="hours"), "item_id": state.get(prefix + "item")}


def unsaved(request) -> bool:
    """Whether the decision form holds anything that is not stored (a bad amount counts as a change)."""
    try:
        typed = typed_decision(prefix_of(request))
    except InvalidInput:
        return True
    stored = {"decision": request.decision, "colleague_id": request.colleague_id, "provider": request.provider,
              "planned_start": request.planned_start, "planned_end": request.planned_end,
              "estimated_cents": request.estimated_cents, "hours": request.hours, "item_id": request.item_id}
    return typed != stored


def slot_of(request) -> str:
    return f"queue_{request.id}"


def save_decision(person, request_id: int, prefix: str) -> None:
    learning.decide(db, person, request_id, **typed_decision(prefix))
    session.say(f"queue_{request_id}", "learning_pages.saved")


def save_subsidy(person, request_id: int, prefix: str) -> None:
    state = st.session_state
    learning.set_subsidy(db, person, request_id, fund=state.get(prefix + "fund", ""), scheme=state.get(prefix + "scheme", ""),
                         expected_cents=parse_euros(state.get(prefix + "expected"), field="expected"),
                         status=state.get(prefix + "subsidy_status"))
    session.say(f"queue_{request_id}", "learning_pages.subsidy_saved")


def move(person, request_id: int, step: str, prefix: str) -> None:
    """One step of the request: approve, plan (with the stored dates), done (with the actual cost), decline."""
    state = st.session_state
    if step == "approve":
        learning.approve(db, person, request_id)
    elif step == "plan":
        stored = learning.get_request(db, person, request_id).request
        learning.plan(db, person, request_id, stored.planned_start, stored.planned_end)
    elif step == "done":
        learning.mark_done(db, person, request_id, parse_euros(state.get(prefix + "actual"), field="actual"))
    elif step == "actual":
        learning.set_actual_cost(db, person, request_id, parse_euros(state.get(prefix + "actual"), field="actual"))
    else:
        learning.decline(db, person, request_id, state.get(prefix + "reason", ""))
    session.say(f"queue_{request_id}", f"learning_pages.did_{step}")


def act_button(request, step: str, *, disabled: bool = False, primary: bool = False) -> None:
    st.button(tr(f"learning_pages.step_{step}"), key=f"{prefix_of(request)}step_{step}", disabled=disabled,
              type="primary" if primary else "secondary", on_click=callbacks.run,
              args=(slot_of(request), move, request.id, step, prefix_of(request)), kwargs={"fields": MOVE_FIELDS})


def origin(view) -> None:
    request = view.request
    if request.certificate_id is not None:
        st.write(tr("learning_pages.from_certificate", year=request.year))
    elif request.conversation_id is not None:
        st.write(tr("learning_pages.from_conversation"))
        # Only HR may read the report; a coordinator sees the request, not the conversation's answers.
        if access.sees_every_conversation(person):
            st.page_link(navigation.REPORT, label=tr("learning_pages.open_report"), icon=":material/description:",
                         query_params={"conversation": request.conversation_id})
    st.subheader(tr("learning_pages.question_heading"))
    if request.question:
        user_text(request.question)
    else:
        st.caption(tr("learning_pages.question_missing"))


def skill_and_suggestions(view, prefix: str) -> list:
    """The skill the request is about and the colleagues who master it, best first; the suggestions."""
    request = view.request
    st.subheader(tr("learning_pages.suggestions_heading"))
    items = {item.id: item for item in session.or_stop(learning_skills.skill_choices, db, person, request.id)}
    if request.item_id and request.item_id not in items:
        items[request.item_id] = None  # a skill no longer in the questionnaire stays choosable as it was
    st.selectbox(tr("learning_pages.skill"), [None, *items], key=prefix + "item",
                 format_func=lambda i: tr("learning_pages.no_skill") if i is None else
                 (items[i].wording("employee", lang) if items[i] else i))
    chosen = st.session_state.get(prefix + "item")
    if chosen is None:
        st.caption(tr("learning_pages.suggestions_without_skill"))
        return []
    found = session.or_stop(learning_skills.suggestions, db, person, request.id, chosen)
    if not found:
        st.caption(tr("learning_pages.suggestions_none"))
    for suggestion in found:
        st.markdown(escape_markdown(suggestion_label(suggestion)))
    return found


def suggestion_label(suggestion) -> str:
    where = tr("learning_pages.level_agreed" if suggestion.agreed else "learning_pages.level_answered")
    label = tr("learning_pages.suggestion", name=suggestion.person.name, level=suggestion.level, where=where)
    return f"{label} · {tr('learning_pages.same_team')}" if suggestion.same_team else label


def decision_form(view, suggestions: list) -> None:
    request, prefix = view.request, prefix_of(view.request)
    st.subheader(tr("learning_pages.decision_heading"))
    st.radio(tr("learning_pages.decision"), DECISIONS, key=prefix + "decision", horizontal=True,
             format_func=lambda d: decision_words(d, lang))
    session.show(slot_of(request), "decision")
    # Those who master the chosen skill first, marked with their level; then anyone else active,
    # so an internal decision never waits on a skill being chosen or on the skills picture.
    colleagues = {s.person.id: tr("learning_pages.colleague_suggested", label=suggestion_label(s)) for s in suggestions}
    for colleague in session.or_stop(learning.colleague_choices, db, person, request.id):
        colleagues.setdefault(colleague.id, colleague.name)
    if view.colleague is not None and view.colleague.id not in colleagues:
        colleagues[view.colleague.id] = view.colleague.name
    if st.session_state.get(prefix + "colleague") not in colleagues:
        st.session_state[prefix + "colleague"] = None  # the one chosen left the firm meanwhile
    st.selectbox(tr("learning_pages.colleague"), [None, *colleagues], key=prefix + "colleague",
                 format_func=lambda c: tr("learning_pages.no_colleague") if c is None else colleagues[c],
                 help=tr("learning_pages.colleague_help"))
    session.show(slot_of(request), "colleague")
    st.text_input(tr("learning_pages.provider"), key=prefix + "provider", max_chars=learning.MAX_SHORT)
    session.show(slot_of(request), "provider")
    start, end = st.columns(2)
    start.date_input(tr("learning_pages.planned_start"), key=prefix + "planned_start", format=widgets.DATE_FORMAT)
    end.date_input(tr("learning_pages.planned_end"), key=prefix + "planned_end", format=widgets.DATE_FORMAT)
    session.show(slot_of(request), "planned_end")
    cost, hours = st.columns(2)
    cost.text_input(tr("learning_pages.estimated"), key=prefix + "estimated", max_chars=20, help=tr("learning_pages.amount_help"))
    hours.text_input(tr("learning_pages.hours"), key=prefix + "hours", max_chars=10, help=tr("learning_pages.hours_help"))
    session.show(slot_of(request), "estimated")
    session.show(slot_of(request), "hours")
    session.show(slot_of(request), "item")
    st.button(tr("learning_pages.save"), key=prefix + "save", on_click=callbacks.run,
              args=(slot_of(request), save_decision, request.id, prefix), kwargs={"fields": DECISION_FIELDS})


def decision_summary(view) -> None:
    """The decision as it stands, for a request past deciding (or the coordinator's own)."""
    request = view.request
    st.subheader(tr("learning_pages.decision_heading"))
    st.markdown(escape_markdown(learning_requests.decision_words(view, lang)))
    details = [tr("learning_pages.estimated_is", amount=euros(request.estimated_cents)),
               tr("learning_pages.actual_is", amount=euros(request.actual_cents))]
    if request.hours is not None:
        details.append(tr("learning_pages.hours_are", hours=hours_text(request.hours)))
    st.caption(escape_markdown(" · ".join(details)))
    if request.status == "declined":
        st.caption(tr("learning_pages.decline_reason"))
        user_text(request.decline_reason)


def subsidy_form(view) -> None:
    request, prefix = view.request, prefix_of(view.request)
    with st.expander(tr("learning_pages.subsidy_heading"), expanded=view.subsidy is not None):
        st.text_input(tr("learning_pages.fund"), key=prefix + "fund", max_chars=learning.MAX_SHORT,
                      help=tr("learning_pages.fund_help"))
        session.show(slot_of(request), "fund")
        st.text_input(tr("learning_pages.scheme"), key=prefix + "scheme", max_chars=learning.MAX_SHORT)
        session.show(slot_of(request), "scheme")
        left, right = st.columns(2)
        left.text_input(tr("learning_pages.expected"), key=prefix + "expected", max_chars=20, help=tr("learning_pages.amount_help"))
        right.selectbox(tr("learning_pages.subsidy_status"), SUBSIDY_STATUSES, key=prefix + "subsidy_status",
                        format_func=lambda s: subsidy_status_words(s, lang))
        session.show(slot_of(request), "expected")
        st.button(tr("learning_pages.save_subsidy"), key=prefix + "save_subsidy", on_click=callbacks.run,
                  args=(slot_of(request), save_subsidy, request.id, prefix), kwargs={"fields": SUBSIDY_FIELDS})


def budget_effect(view) -> None:
    """What approving does to the firm's budget and the team's, before the approve button."""
    effect = session.or_stop(learning.approval_effect, db, person, view.request.id)
    with st.container(border=True, key=f"queue_effect_{view.request.id}"):
        st.markdown(f"**{escape_markdown(tr('learning_pages.effect_heading'))}**")
        amount = effect.request.estimated_cents
        st.write(tr("learning_pages.effect_commits", amount=euros(amount)) if amount else tr("learning_pages.effect_no_estimate"))
        team_label = tr("learning_pages.team_of", name=view.team.name) if view.team else ""
        for label, before, after in ((tr("learning_pages.whole_firm"), effect.firm_before, effect.firm_after),
                                     (team_label, effect.team_before, effect.team_after)):
            if before is None or (before.budget_cents is None and label == team_label):
                continue  # a team without a budget of its own counts in the firm's only
            # The team's name is a person's: shown literally.
            if before.budget_cents is None:
                st.markdown(escape_markdown(tr("learning_pages.effect_no_budget", budget=label)))
            elif after.overspent:
                st.warning(escape_markdown(tr("learning_pages.effect_overspends", budget=label,
                                              before=euros(before.remaining_cents), after=euros(after.remaining_cents))))
            else:
                st.markdown(escape_markdown(tr("learning_pages.effect_line", budget=label, before=euros(before.remaining_cents),
                                               after=euros(after.remaining_cents))))


def steps(view) -> None:
    """The steps this request can take now; none while the decision form holds unsaved changes."""
    request, prefix = view.request, prefix_of(view.request)
    status, waiting = request.status, unsaved(request)
    if waiting and status in learning.EDITABLE:
        st.info(tr("learning_pages.unsaved"))
    if status == "requested":
        budget_effect(view)
        act_button(request, "approve", disabled=waiting, primary=True)
    elif status == "approved":
        st.caption(tr("learning_pages.plan_explained"))
        act_button(request, "plan", disabled=waiting, primary=True)
    if status in ("planned", "done", "evaluated"):
        st.text_input(tr("learning_pages.actual"), key=prefix + "actual", max_chars=20, help=tr("learning_pages.actual_help"))
        session.show(slot_of(request), "actual")
        act_button(request, "done" if status == "planned" else "actual", disabled=waiting, primary=status == "planned")
    if status in learning.EDITABLE:
        with st.expander(tr("learning_pages.step_decline")):
            st.text_area(tr("learning_pages.decline_reason"), key=prefix + "reason", max_chars=learning.MAX_TEXT)
            act_button(request, "decline")


def evaluation(view) -> None:
    answers = view.evaluation
    if answers is None or not answers.complete:
        return
    st.subheader(tr("learning_pages.evaluation_of_employee"))
    user_text(answers.learned)
    st.caption(escape_markdown(" · ".join((satisfaction_words(answers.satisfaction, lang), helped_words(answers.helped, lang)))))


def history(view) -> None:
    changes = session.or_stop(learning.history, db, person, view.request.id)
    if not changes:
        return
    with st.expander(tr("learning_pages.history_heading")):
        for change in changes:
            st.caption(escape_markdown(tr("learning_pages.history_line", at=format_datetime(change.at, lang),
                                          to=status_words(change.to_status, lang))))
            if change.reason:
                user_text(change.reason)


def show_request(view) -> None:
    request = view.request
    seed_form(view)
    with st.container(border=True, key=f"queue_open_{request.id}"):
        learning_requests.heading(view, lang, with_employee=True)
        origin(view)
        if not view.may_decide:
            st.info(tr("learning.not_your_own"))
            decision_summary(view)
            return
        if request.status in learning.EDITABLE:
            decision_form(view, skill_and_suggestions(view, prefix_of(request)))
        else:
            decision_summary(view)
        if request.status != "declined":
            subsidy_form(view)
        steps(view)
        session.show(slot_of(request))
        evaluation(view)
        history(view)


st.title(tr("learning_pages.queue_title"))
st.caption(tr("learning_pages.queue_intro"))
session.seed("queue_year", date.today().year)
year_column, status_column, team_column = st.columns(3)
year = int(year_column.number_input(tr("learning_pages.filter_year"), min_value=learning.FIRST_YEAR,
                                    max_value=learning.LAST_YEAR, step=1, key="queue_year"))
status = status_column.selectbox(tr("learning_pages.filter_status"), [None, *STATUSES], key="queue_status",
                                 format_func=lambda s: tr("learning_pages.every_status") if s is None else status_words(s, lang))
team_id = team_column.selectbox(tr("learning_pages.filter_team"), [None, *teams], key="queue_team",
                                format_func=lambda t: tr("learning_pages.every_team") if t is None else team_name(t))
show_budget(year)

# What waits for the coordinator first: new requests, then those to plan, then those to mark done.
views = {view.request.id: view for view in sorted(session.or_stop(learning.queue, db, person, year, status, team_id),
                                                  key=lambda view: (STATUSES.index(view.request.status), view.request.id))}
st.header(tr("learning_pages.queue_heading"))
st.caption(tr("learning_pages.queue_count", count=len(views)))
queue_table(list(views.values()))
left_out = st.session_state.get("queue_request")
if left_out is not None and left_out not in views:
    # The filters leave the opened request out (its step moved it to another status): what the step did still shows.
    session.show(f"queue_{left_out}")
    st.session_state["queue_request"] = None
if views:
    chosen = st.selectbox(tr("learning_pages.choose_request"), [None, *views], key="queue_request",
                          format_func=lambda r: tr("learning_pages.choose") if r is None else request_label(views[r]))
    if chosen is not None:
        show_request(views[chosen])
