"""Learning requests: the training coordinator's queue, decisions and budget, the employee's own
requests and evaluation, a manager's view of the team's.

Who sees what (checked on every call, devtalk.domain.access):
- the training coordinator (the role, or HR, who has its rights; never in a sign-in-code session)
  sees every request, the budget and the costs, and decides: approve, plan, done, decline;
- an employee sees their own requests and decisions (a card session too), answers the question
  behind the question and, once a request is done, the three evaluation questions;
- a manager sees the requests of their team (their direct reports now).
Costs (estimate, actual cost, budget, subsidy) are shown to the coordinator and HR only: what a
course costs is the firm's purchasing, and an employee or manager needs what, when, with whom
and the decision, not the price. A coordinator does not decide on their own requests.

Where requests come from: every agreed action of a learning kind (domain.learning.LEARNING_KINDS)
once its report is final (a draft's actions are not agreed yet) and while it is still open or in
progress (its plan year: the due date's, else the year its report was finalised, and never a
year gone by), and every certificate that expires in the plan year (a renewal request, one per
certificate and year). They are added when someone who may see them looks (the queue, the
employee's or the team's list), so a report finalised or a year turned needs no extra step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import sqlite_utils

from db import audit, conversations, people
from db import learning as store
from db import questionnaires as versions
from db._rows import now, to_datetime
from db.connection import transaction
from devtalk.domain import access
from devtalk.domain.learning import (
    DECISIONS,
    LEARNING_KINDS,
    MAX_CENTS,
    SATISFACTION,
    SUBSIDY_STATUSES,
    Budget,
    BudgetState,
    Evaluation,
    IllegalMove,
    LearningRequest,
    StatusChange,
    Subsidy,
    euros,
    next_status,
    parse_hours,
    with_approval,
)
from devtalk.domain.models import HELPED, Person
from devtalk.domain.plain_text import required_text
from devtalk.errors import ChangedElsewhere, InvalidInput, NotAllowed, NotFound
from devtalk.questionnaire import Questionnaire
from devtalk.services.library import parsed

MAX_TEXT = 5000
MAX_SHORT = 200
EDITABLE = ("requested", "approved", "planned")  # the coordinator may still change the details
FIRST_YEAR, LAST_YEAR = 2000, 2100


class TextChangedElsewhere(ChangedElsewhere):
    key = "learning.changed_elsewhere"


@dataclass(frozen=True)
class RequestView:
    """A request as one person may see it, with what they may do with it now."""

    request: LearningRequest  # without costs unless shows_costs
    employee: Person
    team: Person | None  # the employee's manager now
    colleague: Person | None  # internal: who teaches, mentors or takes them along
    subsidy: Subsidy | None  # None also when costs are not shown
    evaluation: Evaluation | None
    shows_costs: bool
    may_decide: bool  # the coordinator, not on their own request
    may_edit_question: bool  # the employee, until it is done or declined
    may_evaluate: bool  # the employee, once it is done


@dataclass(frozen=True)
class ApprovalEffect:
    """The budget before and after approving one request: the firm's, and its team's."""

    request: LearningRequest
    firm_before: BudgetState
    firm_after: BudgetState
    team_before: BudgetState | None  # None: the employee has no manager
    team_after: BudgetState | None


# --- access ----------------------------------------------------------------------------------

def require_coordinator(actor: Person) -> None:
    """The queue, budget and decisions: the training coordinator or HR, else NotAllowed."""
    if not access.coordinates_learning(actor):
        raise NotAllowed()


def visible_request(db, actor: Person, request_id: int) -> tuple[LearningRequest, Person]:
    """The request and its employee, if the actor may see it; an unknown id is refused like a
    colleague's (to the coordinator it may say so)."""
    request = store.get_request(db, request_id)
    if request is None:
        raise NotFound() if access.coordinates_learning(actor) else NotAllowed()
    employee = people.get_person(db, request.employee_id)
    if not access.can_view_learning_request(actor, employee):
        raise NotAllowed()
    return request, employee


def decidable_request(db, actor: Person, request_id: int) -> tuple[LearningRequest, Person]:
    """The request and its employee for the coordinator to decide on: never their own."""
    require_coordinator(actor)
    request, employee = visible_request(db, actor, request_id)
    if employee.id == actor.id:
        raise NotAllowed("learning.not_your_own")
    return request, employee


def _views(db, actor: Person, requests: list[LearningRequest]) -> list[RequestView]:
    costs = access.coordinates_learning(actor)
    persons = people.people_by_id(db, {r.employee_id for r in requests} | {r.colleague_id for r in requests if r.colleague_id})
    teams = people.people_by_id(db, {p.manager_id for p in persons.values() if p.manager_id})
    ids = [r.id for r in requests]
    subsidies = store.subsidies(db, ids) if costs else {}
    evaluations = store.evaluations(db, ids)
    views = []
    for request in requests:
        employee = persons[request.employee_id]
        own = actor.id == employee.id
        views.append(RequestView(
            request=request if costs else request.without_costs(),
            employee=employee,
            team=teams.get(employee.manager_id),
            colleague=persons.get(request.colleague_id),
            subsidy=subsidies.get(request.id),
            evaluation=evaluations.get(request.id),
            shows_costs=costs,
            may_decide=costs and not own,
            may_edit_question=own and request.status in EDITABLE,
            may_evaluate=own and request.status == "done",
        ))
    return views


def _view(db, actor: Person, request_id: int) -> RequestView:
    return _views(db, actor, [store.get_request(db, request_id)])[0]


def questionnaire_of(db, request: LearningRequest) -> Questionnaire | None:
    """The questionnaire the request's conversation was held on, else the employee's latest one."""
    conversation = conversations.get_conversation(db, request.conversation_id) if request.conversation_id else None
    if conversation is None:
        held = conversations.conversations_of_employee(db, request.employee_id)
        conversation = max(held, key=lambda c: c.id) if held else None
    if conversation is None:
        return None
    return parsed(versions.get_version(db, conversation.questionnaire_version_id))


def _skill_ids(db, request: LearningRequest, employee: Person) -> set[str]:
    questionnaire = questionnaire_of(db, request)
    return set() if questionnaire is None else {item.id for item in questionnaire.skill_items(employee.function_id)}


# --- where requests come from ----------------------------------------------------------------

def _catch_up(db, year: int | None, employee_ids: Iterable[int] | None = None) -> None:
    """Add the requests that are due and missing: agreed learning actions (in this year's plan or
    a later one), and renewals of the certificates that expire in ``year`` unless it is gone by:
    opening a past year's plan shows it as it was. Reads first, writes only when something is
    missing; the unique indexes keep two callers at once from adding one twice."""
    employee_ids = None if employee_ids is None else list(employee_ids)
    this_year = date.today().year
    actions = store.agreed_actions_without_request(db, LEARNING_KINDS, employee_ids)
    renewals = ([] if year is None or year < this_year
                else store.certificates_expiring_without_request(db, year, employee_ids))
    if not actions and not renewals:
        return
    with transaction(db):
        for row in actions:
            # An action still to do whose date has passed is for this year's plan, not a past one.
            store.add_request(db, employee_id=row["employee_id"], action_id=row["action_id"],
                              conversation_id=row["conversation_id"], kind=row["kind"], what=row["what"],
                              year=max(row["year"], this_year))
        for row in renewals:
            store.add_request(db, employee_id=row["employee_id"], certificate_id=row["certificate_id"],
                              kind="certificate_renewal", what=row["type_name"], year=year)


def _check_cents(cents: int | None, field: str) -> int | None:
    """An amount as the services take it: whole cents (an int, not a bool or a float), 0 or more."""
    if cents is None:
        return None
    if isinstance(cents, bool) or not isinstance(cents, int) or cents < 0:
        raise InvalidInput("learning.amount_invalid", field=field, value=cents)
    if cents > MAX_CENTS:
        raise InvalidInput("learning.amount_too_large", field=field, value=cents)
    return cents


def _check_hours(hours: Decimal | int | None) -> Decimal | None:
    """Hours as the page parses them (domain.learning.parse_hours): finite, 0 or more, at most two decimals."""
    if hours is None:
        return None
    if isinstance(hours, bool) or not isinstance(hours, (int, float, Decimal)):
        raise InvalidInput("learning.hours_invalid", field="hours", value=hours)
    try:
        return parse_hours(str(hours))
    except InvalidInput:
        raise InvalidInput("learning.hours_invalid", field="hours", value=hours) from None


def _check_year(year: int) -> int:
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput("learning.year_invalid", field="year", first=FIRST_YEAR, last=LAST_YEAR)
    return year


# --- lists -----------------------------------------------------------------------------------

def queue(db: sqlite_utils.Database, actor: Person, year: int, status: str | None = None,
          team_id: int | None = None) -> list[RequestView]:
    """The coordinator's queue of a plan year, of one status and one team (the employee's manager now) or all."""
    require_coordinator(actor)
    _catch_up(db, _check_year(year))
    return _views(db, actor, store.requests_of_year(db, year, status, team_id))


def my_requests(db: sqlite_utils.Database, actor: Person, today: date | None = None) -> list[RequestView]:
    """The actor's own requests and the decisions on them, the latest year first."""
    if not access.may_act(actor):
        raise NotAllowed()
    _catch_up(db, (today or date.today()).year, [actor.id])
    return _views(db, actor, store.requests_of_employees(db, [actor.id]))


def team_requests(db: sqlite_utils.Database, actor: Person, year: int | None = None,
                  today: date | None = None) -> list[RequestView]:
    """The requests of the actor's team (their direct reports now); none for someone who leads nobody."""
    if not access.may_act(actor):
        raise NotAllowed()
    team = [] if actor.restricted else [p.id for p in people.direct_reports(db, actor.id) if access.leads(actor, p)]
    if not team:
        return []
    _catch_up(db, (today or date.today()).year, team)
    found = store.requests_of_employees(db, team)
    return _views(db, actor, [r for r in found if year is None or r.year == year])


def plan_requests(db: sqlite_utils.Database, actor: Person, year: int, team_id: int | None = None,
                  employee_id: int | None = None) -> list[RequestView]:
    """The year's training plan: every request not declined. The coordinator and HR: the firm's
    (or a team's, or a person's); a manager: their team's; anyone else: their own. Costs as in _views."""
    if not access.may_act(actor):
        raise NotAllowed()
    _check_year(year)
    if access.coordinates_learning(actor):
        _catch_up(db, year)
        found = store.requests_of_year(db, year, team_id=team_id)
    elif team_id not in (None, actor.id):
        raise NotAllowed()
    else:
        found = [view.request for view in team_requests(db, actor, year)]
        if team_id is None:
            found += [view.request for view in my_requests(db, actor) if view.request.year == year]
    chosen = [r for r in found if r.status != "declined" and employee_id in (None, r.employee_id)]
    return _views(db, actor, sorted(chosen, key=lambda r: r.id))


def get_request(db: sqlite_utils.Database, actor: Person, request_id: int) -> RequestView:
    visible_request(db, actor, request_id)
    return _view(db, actor, request_id)


def history(db: sqlite_utils.Database, actor: Person, request_id: int) -> list[StatusChange]:
    """Every status a request went through, who moved it and why."""
    require_coordinator(actor)
    visible_request(db, actor, request_id)
    return store.changes(db, request_id)


def teams(db: sqlite_utils.Database, actor: Person) -> list[Person]:
    """The managers who lead someone now, by name: the queue's team filter and the team budgets."""
    require_coordinator(actor)
    everyone = people.list_people(db, active_only=True)
    leaders = {person.manager_id for person in everyone if person.manager_id}
    return [person for person in everyone if person.id in leaders]


def colleague_choices(db: sqlite_utils.Database, actor: Person, request_id: int) -> list[Person]:
    """Everyone active but the employee, by name: who an internal decision may name (a colleague
    who teaches, mentors or takes them along, with or without a skill chosen; the page lists
    learning_skills.suggestions first)."""
    _, employee = decidable_request(db, actor, request_id)
    return [p for p in people.list_people(db, active_only=True) if p.id != employee.id]


# --- budget ----------------------------------------------------------------------------------

def _state(db, year: int, team_id: int | None, budgets: dict[int | None, int]) -> BudgetState:
    committed, spent = store.spending(db, year, team_id)
    return BudgetState(year, team_id, budgets.get(team_id), committed, spent)


def _budgets(db, year: int) -> dict[int | None, int]:
    return {budget.manager_id: budget.cents for budget in store.budgets(db, year)}


def budget(db: sqlite_utils.Database, actor: Person, year: int, team_id: int | None = None) -> BudgetState:
    """The year's budget (the firm's, or one team's) with what is committed, spent and left."""
    require_coordinator(actor)
    return _state(db, _check_year(year), team_id, _budgets(db, year))


def budgets(db: sqlite_utils.Database, actor: Person, year: int) -> list[BudgetState]:
    """The firm's budget of the year first, then each team that has one of its own."""
    require_coordinator(actor)
    set_now = _budgets(db, _check_year(year))
    per_team = store.spending_per_team(db, year)
    committed, spent = sum(c for c, _ in per_team.values()), sum(s for _, s in per_team.values())
    return [BudgetState(year, None, set_now.get(None), committed, spent)] + [
        BudgetState(year, team, cents, *per_team.get(team, (0, 0))) for team, cents in set_now.items() if team is not None]


def set_budget(db: sqlite_utils.Database, actor: Person, year: int, cents: int | None,
               team_id: int | None = None) -> Budget | None:
    """Set the year's budget (the firm's, or a team's by its manager); None removes it."""
    require_coordinator(actor)
    _check_year(year)
    if team_id is not None and people.get_person(db, team_id) is None:
        raise NotFound()
    _check_cents(cents, "budget")
    with transaction(db):
        store.set_budget(db, year, team_id, cents)
        # A team's budget is about its manager (the log names them); the firm's about the year.
        audit.record_event(db, access.recorded_id(actor), "learning.budget", "person" if team_id else "learning_budget",
                           team_id or year, {"year": year, "euros": "-" if cents is None else str(euros(cents))})
    return None if cents is None else Budget(year, cents, team_id)


def approval_effect(db: sqlite_utils.Database, actor: Person, request_id: int) -> ApprovalEffect:
    """What approving the request would do to the firm's budget and its team's, shown before approving."""
    request, employee = decidable_request(db, actor, request_id)
    set_now = _budgets(db, request.year)
    firm = _state(db, request.year, None, set_now)
    team = _state(db, request.year, employee.manager_id, set_now) if employee.manager_id else None
    return ApprovalEffect(request, firm, with_approval(firm, request), team, team and with_approval(team, request))


# --- the coordinator's decisions ---------------------------------------------------------------

def decide(
    db: sqlite_utils.Database, actor: Person, request_id: int, *, decision: str | None, colleague_id: int | None = None,
    provider: str = "", planned_start: date | None = None, planned_end: date | None = None,
    estimated_cents: int | None = None, hours: Decimal | None = None, item_id: str | None = None,
) -> RequestView:
    """The coordinator's details of a request not yet done: internal (with the colleague) or
    external (with the provider), dates, estimate, hours and the skill it is about. The status is
    read inside the write transaction: a request another coordinator just marked done or declined
    is refused, not changed after the fact."""
    with transaction(db):
        request, employee = decidable_request(db, actor, request_id)
        if request.status not in EDITABLE:
            raise InvalidInput("learning.not_editable")
        if decision is not None and decision not in DECISIONS:
            raise InvalidInput("learning.decision_unknown", field="decision", decision=decision)
        if decision == "internal":
            colleague = people.get_person(db, colleague_id) if colleague_id is not None else None
            if colleague is None or not colleague.active or colleague.id == employee.id:
                raise InvalidInput("learning.colleague_required", field="colleague")
        else:
            colleague_id = None
        provider = (provider or "").strip()
        if len(provider) > MAX_SHORT:
            raise InvalidInput("learning.text_too_long", field="provider", maximum=MAX_SHORT)
        if planned_start and planned_end and planned_end < planned_start:
            raise InvalidInput("learning.end_before_start", field="planned_end")
        _check_cents(estimated_cents, "estimated")
        hours = _check_hours(hours)
        if item_id is not None and item_id not in _skill_ids(db, request, employee):
            raise InvalidInput("learning.not_a_skill", field="item")
        store.update_request(db, request_id, decision=decision, colleague_id=colleague_id, provider=provider,
                             planned_start=planned_start, planned_end=planned_end, estimated_cents=estimated_cents,
                             hours=hours, item_id=item_id)
        audit.record_event(db, access.recorded_id(actor), "learning.decide", "person", employee.id,
                           {"request": request_id, "decision": decision or "-"})
    return _view(db, actor, request_id)


def _move(db, actor: Person, request_id: int, move: str, reason: str = "", **fields) -> RequestView:
    """One step of the status machine, inside one write transaction: of two coordinators taking
    the same step at once, the second is told the request moved already (and nothing counts twice)."""
    with transaction(db):
        request, employee = decidable_request(db, actor, request_id)
        target = next_status(request.status, move)
        if move == "approve" and request.decision is None:
            raise InvalidInput("learning.decision_required", field="decision")
        if not store.move(db, request_id, request.status, target, access.recorded_id(actor), reason, **fields):
            raise IllegalMove(status=request.status, move=move)
        audit.record_event(db, access.recorded_id(actor), f"learning.{move}", "person", employee.id,
                           {"request": request_id})
    return _view(db, actor, request_id)


def approve(db: sqlite_utils.Database, actor: Person, request_id: int) -> RequestView:
    """Approve a request the coordinator has decided on (internal or external): its estimate is committed."""
    return _move(db, actor, request_id, "approve")


def plan(db: sqlite_utils.Database, actor: Person, request_id: int, planned_start: date,
         planned_end: date | None = None) -> RequestView:
    """An approved request gets its dates."""
    decidable_request(db, actor, request_id)
    if planned_start is None:
        raise InvalidInput("learning.start_required", field="planned_start")
    if planned_end is not None and planned_end < planned_start:
        raise InvalidInput("learning.end_before_start", field="planned_end")
    return _move(db, actor, request_id, "plan", planned_start=planned_start, planned_end=planned_end)


def mark_done(db: sqlite_utils.Database, actor: Person, request_id: int, actual_cents: int | None = None) -> RequestView:
    """The learning took place; the actual cost, when known, replaces the estimate in what is spent."""
    decidable_request(db, actor, request_id)
    _check_cents(actual_cents, "actual")
    fields = {} if actual_cents is None else {"actual_cents": actual_cents}
    return _move(db, actor, request_id, "done", **fields)


def decline(db: sqlite_utils.Database, actor: Person, request_id: int, reason: str) -> RequestView:
    """Decline with a reason the employee reads."""
    decidable_request(db, actor, request_id)
    reason = required_text(reason, MAX_TEXT, "learning.reason_required", "learning.text_too_long")
    return _move(db, actor, request_id, "decline", reason, decline_reason=reason)


def set_actual_cost(db: sqlite_utils.Database, actor: Person, request_id: int, actual_cents: int | None) -> RequestView:
    """The invoice came later: the actual cost of a done (or evaluated) request (its status read
    inside the write transaction, as in decide)."""
    with transaction(db):
        request, employee = decidable_request(db, actor, request_id)
        if request.status not in ("done", "evaluated"):
            raise InvalidInput("learning.not_done_yet")
        _check_cents(actual_cents, "actual")
        store.update_request(db, request_id, actual_cents=actual_cents)
        audit.record_event(db, access.recorded_id(actor), "learning.actual_cost", "person", employee.id,
                           {"request": request_id})
    return _view(db, actor, request_id)


def set_subsidy(db: sqlite_utils.Database, actor: Person, request_id: int, *, fund: str, scheme: str = "",
                expected_cents: int | None = None, status: str = "to_apply") -> Subsidy | None:
    """What the coordinator expects from a training fund for this request; an empty fund removes it."""
    _, employee = decidable_request(db, actor, request_id)
    fund, scheme = (fund or "").strip(), (scheme or "").strip()
    if len(fund) > MAX_SHORT or len(scheme) > MAX_SHORT:
        raise InvalidInput("learning.text_too_long", field="fund" if len(fund) > MAX_SHORT else "scheme", maximum=MAX_SHORT)
    if status not in SUBSIDY_STATUSES:
        raise InvalidInput("learning.subsidy_status_unknown", field="subsidy_status", status=status)
    _check_cents(expected_cents, "expected")
    subsidy = Subsidy(request_id, fund, scheme, expected_cents, status) if fund else None
    with transaction(db):
        store.set_subsidy(db, subsidy, request_id)
        audit.record_event(db, access.recorded_id(actor), "learning.subsidy", "person", employee.id,
                           {"request": request_id, "status": status if fund else "-"})
    return subsidy


# --- the employee's answers --------------------------------------------------------------------

def _own(db, actor: Person, request_id: int) -> LearningRequest:
    request, employee = visible_request(db, actor, request_id)
    if employee.id != actor.id:
        raise NotAllowed()
    return request


def save_question(db: sqlite_utils.Database, actor: Person, request_id: int, text: str,
                  expected: str | None = None) -> str:
    """Autosave of the question behind the question, in the employee's words, while they type.
    ``expected`` is the text as the caller last read or saved it: a text changed elsewhere since
    is refused with TextChangedElsewhere instead of overwritten."""
    text = text or ""
    with transaction(db):
        request = _own(db, actor, request_id)
        if len(text) > MAX_TEXT:
            raise InvalidInput("learning.text_too_long", field="question", maximum=MAX_TEXT)
        if request.status not in EDITABLE:
            raise InvalidInput("learning.not_editable")
        TextChangedElsewhere.check(request.question, expected, text)
        store.update_request(db, request_id, question=text)
    return text


def save_evaluation(db: sqlite_utils.Database, actor: Person, request_id: int, *, learned: str | None = None,
                    satisfaction: int | None = None, helped: str | None = None,
                    expected: str | None = None) -> Evaluation:
    """Autosave of the three evaluation answers once the request is done (each as it is given;
    ``expected`` guards the text as in save_question)."""
    with transaction(db):
        request = _own(db, actor, request_id)
        if learned is not None and len(learned) > MAX_TEXT:
            raise InvalidInput("learning.text_too_long", field="learned", maximum=MAX_TEXT)
        if satisfaction is not None and satisfaction not in SATISFACTION:
            raise InvalidInput("learning.satisfaction_invalid", field="satisfaction")
        if helped is not None and helped not in HELPED:
            raise InvalidInput("learning.helped_invalid", field="helped")
        if request.status != "done":
            raise InvalidInput("learning.not_done_yet")
        stored = store.evaluations(db, [request_id]).get(request_id) or Evaluation(request_id)
        if learned is not None:
            TextChangedElsewhere.check(stored.learned, expected, learned)
        evaluation = Evaluation(
            request_id,
            stored.learned if learned is None else learned,
            stored.satisfaction if satisfaction is None else satisfaction,
            stored.helped if helped is None else helped,
        )
        store.save_evaluation(db, evaluation)
    return evaluation


def finish_evaluation(db: sqlite_utils.Database, actor: Person, request_id: int) -> RequestView:
    """With all three answers given, the request is evaluated (and its answers final)."""
    with transaction(db):
        request = _own(db, actor, request_id)
        target = next_status(request.status, "evaluate")
        stored = store.evaluations(db, [request_id]).get(request_id)
        if stored is None or not stored.complete:
            raise InvalidInput("learning.evaluation_incomplete")
        if not store.move(db, request_id, request.status, target, actor.id):
            raise IllegalMove(status=request.status, move="evaluate")
        store.save_evaluation(db, Evaluation(request_id, stored.learned, stored.satisfaction, stored.helped,
                                             to_datetime(now())))
        audit.record_event(db, access.recorded_id(actor), "learning.evaluate", "person", actor.id, {"request": request_id})
    return _view(db, actor, request_id)
