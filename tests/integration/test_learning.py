"""Learning requests end to end on a real database: where they come from, the coordinator's
decisions and budget, what the employee and the manager see, and the evaluation."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

import db as storage
from db import certificates as certificate_store
from db import learning as learning_store
from db import people as people_store
from db.people import add_person
from devtalk.domain.learning import IllegalMove
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.services import actions, learning, reports
from tests.backends import another_connection
from tests.builders import make_firm, reported_firm, submit_both
from tests.certificate_builders import certificate_type, certify

# write_report agrees the course due in 60 days: its plan year is the due date's.
YEAR = (date.today() + timedelta(days=60)).year


def with_coordinator(db, firm):
    firm.coordinator = add_person(db, name="Carla Coördinator", username="carla",
                                  roles=("employee", "training_coordinator"))
    return firm


def requested(db, **report):
    """The small firm with a final report agreeing one course for Daan, and a coordinator."""
    return with_coordinator(db, reported_firm(db, **report))


def the_request(db, firm):
    (view,) = learning.queue(db, firm.coordinator, YEAR)
    return view.request


def approved(db, firm, cents=45_000):
    request = the_request(db, firm)
    learning.decide(db, firm.coordinator, request.id, decision="external", provider="ROC", estimated_cents=cents)
    return learning.approve(db, firm.coordinator, request.id).request


def done(db, firm):
    request = approved(db, firm)
    learning.plan(db, firm.coordinator, request.id, date.today(), date.today() + timedelta(days=2))
    return learning.mark_done(db, firm.coordinator, request.id, actual_cents=47_550).request


# --- where requests come from ----------------------------------------------------------------

def test_an_agreed_course_becomes_a_request_in_the_coordinators_queue(fresh_db):
    firm = requested(fresh_db)
    request = the_request(fresh_db, firm)
    assert (request.employee_id, request.kind, request.what, request.status) == (
        firm.employee.id, "course", "Cursus tekening lezen bij het ROC", "requested")
    assert request.conversation_id == firm.conversation_id


def test_an_action_on_a_draft_report_is_not_a_request_yet(fresh_db):
    firm = with_coordinator(fresh_db, reported_firm(fresh_db, final=False))
    assert learning.queue(fresh_db, firm.coordinator, YEAR) == []
    reports.finalise(fresh_db, firm.manager, firm.conversation_id)
    assert len(learning.queue(fresh_db, firm.coordinator, YEAR)) == 1


def test_the_employee_sees_the_request_as_soon_as_the_report_is_final(fresh_db):
    firm = requested(fresh_db)
    assert [view.request.what for view in learning.my_requests(fresh_db, firm.employee)] == ["Cursus tekening lezen bij het ROC"]


def test_an_action_that_is_not_learning_stays_out_of_the_queue(fresh_db):
    firm = with_coordinator(fresh_db, make_firm(fresh_db))
    submit_both(fresh_db, firm)
    reports.mark_held(fresh_db, firm.manager, firm.conversation_id)
    actions.add_action(fresh_db, firm.manager, firm.conversation_id, what="Vakblad lezen", kind="reading")
    actions.add_action(fresh_db, firm.manager, firm.conversation_id, what="Meelopen met Jan", kind="walk_along")
    reports.save_draft(fresh_db, firm.manager, firm.conversation_id, summary="Goed gesprek.")
    reports.finalise(fresh_db, firm.manager, firm.conversation_id)
    # Without a due date an action belongs to the plan of the year its report was finalised.
    assert [view.request.what for view in learning.queue(fresh_db, firm.coordinator, date.today().year)] == [
        "Meelopen met Jan"]


def test_an_overdue_agreed_action_is_planned_in_this_year_not_a_past_one(fresh_db):
    firm = requested(fresh_db)
    fresh_db.execute("UPDATE actions SET due_date = '2020-05-01'")
    assert [view.request.year for view in learning.my_requests(fresh_db, firm.employee)] == [date.today().year]


def test_opening_a_past_years_queue_or_plan_adds_no_renewal_to_it(fresh_db):
    """A year gone by is shown as it was: a certificate that expired in it adds no request now."""
    firm = with_coordinator(fresh_db, make_firm(fresh_db))
    last_year = date.today().year - 1
    certificate_expiring(fresh_db, firm, date(last_year, 6, 30))
    assert learning.queue(fresh_db, firm.coordinator, last_year) == []
    assert learning.plan_requests(fresh_db, firm.coordinator, last_year) == []
    assert fresh_db.execute("SELECT count(*) FROM learning_requests").fetchone()[0] == 0


def test_a_deactivated_persons_agreed_course_is_no_request(fresh_db):
    firm = requested(fresh_db)
    people_store.update_person(fresh_db, firm.employee.id, active=0)
    assert learning.queue(fresh_db, firm.coordinator, YEAR) == []


def test_looking_twice_adds_no_second_request(fresh_db):
    firm = requested(fresh_db)
    learning.my_requests(fresh_db, firm.employee)
    learning.queue(fresh_db, firm.coordinator, YEAR)
    assert len(learning.queue(fresh_db, firm.coordinator, YEAR)) == 1


def test_the_database_holds_one_request_per_action_whoever_adds_it(fresh_db):
    """Two people looking at once both find the action without a request; the second insert is a no-op."""
    firm = requested(fresh_db)
    request = the_request(fresh_db, firm)
    again = learning_store.add_request(fresh_db, employee_id=firm.employee.id, action_id=request.action_id,
                                       kind="course", what="Nog eens", year=YEAR)
    assert again is None and len(learning.queue(fresh_db, firm.coordinator, YEAR)) == 1


def certificate_expiring(db, firm, expires_on: date) -> int:
    certify(db, firm)
    return certificate_store.add_certificate(db, firm.employee.id, type_id=certificate_type(db, "BHV").id,
                                             number="BHV-9", issued_on=expires_on - timedelta(days=365),
                                             expires_on=expires_on)


def test_a_certificate_expiring_in_the_plan_year_adds_one_renewal_request(fresh_db):
    firm = with_coordinator(fresh_db, make_firm(fresh_db))
    certificate_id = certificate_expiring(fresh_db, firm, date(YEAR + 1, 6, 30))
    for _ in range(2):
        renewals = [v.request for v in learning.queue(fresh_db, firm.coordinator, YEAR + 1)
                    if v.request.kind == "certificate_renewal"]
        assert [(r.certificate_id, r.what, r.employee_id) for r in renewals] == [(certificate_id, "BHV", firm.employee.id)]
    assert [v.request.kind for v in learning.queue(fresh_db, firm.coordinator, YEAR + 2)] == []


def test_the_employee_finds_the_renewal_of_their_own_certificate_this_year_and_a_colleague_does_not(fresh_db):
    firm = with_coordinator(fresh_db, make_firm(fresh_db))
    certificate_expiring(fresh_db, firm, date(date.today().year, 12, 31))
    assert "BHV" in [view.request.what for view in learning.my_requests(fresh_db, firm.employee)]
    assert "BHV" not in [view.request.what for view in learning.my_requests(fresh_db, firm.outsider)]


def test_a_certificate_already_renewed_adds_no_renewal_request(fresh_db):
    firm = with_coordinator(fresh_db, make_firm(fresh_db))
    certificate_expiring(fresh_db, firm, date(YEAR + 1, 6, 30))
    certificate_store.add_certificate(fresh_db, firm.employee.id, type_id=certificate_type(fresh_db, "BHV").id,
                                      number="BHV-10", issued_on=date(YEAR + 1, 5, 1), expires_on=date(YEAR + 3, 5, 1))
    assert "BHV" not in [v.request.what for v in learning.queue(fresh_db, firm.coordinator, YEAR + 1)]


# --- the coordinator's decisions and budget ----------------------------------------------------

def test_the_budget_before_approving_shows_what_approving_commits(fresh_db):
    firm = requested(fresh_db)
    learning.set_budget(fresh_db, firm.coordinator, YEAR, 1_000_000)
    learning.set_budget(fresh_db, firm.coordinator, YEAR, 200_000, team_id=firm.manager.id)
    request = the_request(fresh_db, firm)
    learning.decide(fresh_db, firm.coordinator, request.id, decision="external", provider="ROC", estimated_cents=45_050)
    effect = learning.approval_effect(fresh_db, firm.coordinator, request.id)
    assert (effect.firm_before.remaining_cents, effect.firm_after.remaining_cents) == (1_000_000, 954_950)
    assert (effect.team_before.remaining_cents, effect.team_after.remaining_cents) == (200_000, 154_950)
    learning.approve(fresh_db, firm.coordinator, request.id)
    assert learning.budget(fresh_db, firm.coordinator, YEAR) == effect.firm_after


def test_what_is_done_counts_as_spent_at_its_actual_cost(fresh_db):
    firm = requested(fresh_db)
    learning.set_budget(fresh_db, firm.coordinator, YEAR, 100_000)
    done(fresh_db, firm)
    state = learning.budget(fresh_db, firm.coordinator, YEAR)
    assert (state.committed_cents, state.spent_cents, state.remaining_cents) == (0, 47_550, 52_450)


def test_a_declined_request_tells_the_employee_why_and_commits_nothing(fresh_db):
    firm = requested(fresh_db)
    request = approved(fresh_db, firm)
    learning.decline(fresh_db, firm.coordinator, request.id, "Jan leert het je intern, dat is sneller.")
    (view,) = learning.my_requests(fresh_db, firm.employee)
    assert (view.request.status, view.request.decline_reason) == ("declined", "Jan leert het je intern, dat is sneller.")
    assert learning.budget(fresh_db, firm.coordinator, YEAR).committed_cents == 0
    assert [(c.from_status, c.to_status) for c in learning.history(fresh_db, firm.coordinator, request.id)] == [
        (None, "requested"), ("requested", "approved"), ("approved", "declined")]


def test_declining_needs_a_reason(fresh_db):
    firm = requested(fresh_db)
    with pytest.raises(InvalidInput):
        learning.decline(fresh_db, firm.coordinator, the_request(fresh_db, firm).id, "  ")


def test_approving_needs_a_decision_internal_or_external(fresh_db):
    firm = requested(fresh_db)
    with pytest.raises(InvalidInput) as refused:
        learning.approve(fresh_db, firm.coordinator, the_request(fresh_db, firm).id)
    assert refused.value.field == "decision"


def test_an_internal_solution_names_the_colleague(fresh_db):
    firm = requested(fresh_db)
    request = the_request(fresh_db, firm)
    with pytest.raises(InvalidInput) as refused:
        learning.decide(fresh_db, firm.coordinator, request.id, decision="internal")
    assert refused.value.field == "colleague"
    view = learning.decide(fresh_db, firm.coordinator, request.id, decision="internal", colleague_id=firm.outsider.id)
    assert view.colleague == firm.outsider


@pytest.mark.parametrize(("field", "call"), [
    ("estimated", lambda db, c, r: learning.decide(db, c, r, decision="external", estimated_cents=12.5)),
    ("estimated", lambda db, c, r: learning.decide(db, c, r, decision="external", estimated_cents=True)),
    ("estimated", lambda db, c, r: learning.decide(db, c, r, decision="external", estimated_cents="100")),
    ("hours", lambda db, c, r: learning.decide(db, c, r, decision="external", hours=Decimal("NaN"))),
    ("hours", lambda db, c, r: learning.decide(db, c, r, decision="external", hours=float("inf"))),
    ("hours", lambda db, c, r: learning.decide(db, c, r, decision="external", hours=Decimal(-1))),
    ("expected", lambda db, c, r: learning.set_subsidy(db, c, r, fund="OOC", expected_cents=99.99)),
    ("budget", lambda db, c, r: learning.set_budget(db, c, YEAR, 1000.5)),
], ids=["half a cent", "a bool", "text", "hours not a number", "endless hours", "negative hours",
        "subsidy not in cents", "budget not in cents"])
def test_amounts_are_whole_cents_and_hours_a_finite_number(fresh_db, field, call):
    firm = requested(fresh_db)
    request = the_request(fresh_db, firm)
    with pytest.raises(InvalidInput) as refused:
        call(fresh_db, firm.coordinator, request.id)
    assert refused.value.field == field
    assert the_request(fresh_db, firm) == request


def test_actual_costs_are_whole_cents(fresh_db):
    firm = requested(fresh_db)
    request = approved(fresh_db, firm)
    learning.plan(fresh_db, firm.coordinator, request.id, date.today())
    with pytest.raises(InvalidInput) as refused:
        learning.mark_done(fresh_db, firm.coordinator, request.id, actual_cents=475.5)
    assert refused.value.field == "actual"
    learning.mark_done(fresh_db, firm.coordinator, request.id)
    with pytest.raises(InvalidInput):
        learning.set_actual_cost(fresh_db, firm.coordinator, request.id, actual_cents=False)
    assert learning.budget(fresh_db, firm.coordinator, YEAR).spent_cents == 45_000


@pytest.mark.sqlite_only("PostgreSQL's BIGINT column rounds a float on assignment; the services refuse fractions on both")
def test_the_database_refuses_a_fraction_of_a_cent(fresh_db):
    firm = requested(fresh_db)
    with pytest.raises(sqlite3.IntegrityError):
        learning_store.update_request(fresh_db, the_request(fresh_db, firm).id, estimated_cents=12.5)


def test_a_decision_after_another_coordinator_marked_the_request_done_is_refused(fresh_db, monkeypatch):
    """Two coordinators on two connections: the second one's form was read while the request was
    planned; the first marks it done just before the second saves. The second is told, not obeyed."""
    firm = requested(fresh_db)
    request = approved(fresh_db, firm)
    learning.plan(fresh_db, firm.coordinator, request.id, date.today())
    other = add_person(fresh_db, name="Otto Opleiding", username="otto", roles=("employee", "training_coordinator"))
    second = another_connection(fresh_db)
    real, interleaved = learning.transaction, []

    def first_coordinator_goes_first(db):
        if db is second and not interleaved:
            interleaved.append(True)
            learning.mark_done(fresh_db, firm.coordinator, request.id, actual_cents=50_000)
        return real(db)

    monkeypatch.setattr(learning, "transaction", first_coordinator_goes_first)
    try:
        with pytest.raises(InvalidInput) as refused:
            learning.decide(second, other, request.id, decision="external", estimated_cents=1)
        assert refused.value.message.key == "learning.not_editable"
    finally:
        second.conn.close()
    stored = the_request(fresh_db, firm)
    assert (stored.status, stored.estimated_cents, stored.actual_cents) == ("done", 45_000, 50_000)


def test_a_done_request_cannot_be_declined(fresh_db):
    firm = requested(fresh_db)
    request = done(fresh_db, firm)
    with pytest.raises(IllegalMove):
        learning.decline(fresh_db, firm.coordinator, request.id, "Te laat")


def test_two_approvals_at_once_count_the_estimate_once(fresh_db):
    firm = requested(fresh_db)
    request = the_request(fresh_db, firm)
    learning.decide(fresh_db, firm.coordinator, request.id, decision="external", estimated_cents=30_000)
    outcomes, start = [], threading.Barrier(2)

    def approve():
        own = another_connection(fresh_db)
        start.wait()
        try:
            learning.approve(own, firm.coordinator, request.id)
            outcomes.append("approved")
        except IllegalMove:
            outcomes.append("moved already")
        finally:
            own.conn.close()

    workers = [threading.Thread(target=approve) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(outcomes) == ["approved", "moved already"]
    assert learning.budget(fresh_db, firm.coordinator, YEAR).committed_cents == 30_000


def test_a_coordinator_does_not_decide_on_their_own_request(fresh_db):
    firm = requested(fresh_db)
    own = replace(firm.employee, roles=("employee", "training_coordinator"))
    with pytest.raises(NotAllowed):
        learning.approve(fresh_db, own, the_request(fresh_db, firm).id)


def test_a_subsidy_is_what_the_coordinator_enters_and_can_be_removed(fresh_db):
    firm = requested(fresh_db)
    request = the_request(fresh_db, firm)
    learning.set_subsidy(fresh_db, firm.coordinator, request.id, fund="OOC", scheme="Scholingssubsidie",
                         expected_cents=25_000, status="applied")
    assert learning.get_request(fresh_db, firm.coordinator, request.id).subsidy.status == "applied"
    learning.set_subsidy(fresh_db, firm.coordinator, request.id, fund="")
    assert learning.get_request(fresh_db, firm.coordinator, request.id).subsidy is None


# --- who sees what -------------------------------------------------------------------------------

def test_the_employee_sees_own_requests_without_costs(fresh_db):
    firm = requested(fresh_db)
    approved(fresh_db, firm)
    (view,) = learning.my_requests(fresh_db, firm.employee)
    assert (view.request.status, view.request.provider, view.request.estimated_cents, view.shows_costs) == (
        "approved", "ROC", None, False)
    assert learning.my_requests(fresh_db, firm.outsider) == []


def test_the_manager_sees_the_teams_requests_without_costs_and_not_another_team(fresh_db):
    firm = requested(fresh_db)
    approved(fresh_db, firm)
    (view,) = learning.team_requests(fresh_db, firm.manager)
    assert (view.employee, view.request.estimated_cents, view.subsidy) == (firm.employee, None, None)
    assert learning.team_requests(fresh_db, firm.other_manager) == []
    with pytest.raises(NotAllowed):
        learning.get_request(fresh_db, firm.other_manager, view.request.id)


def test_costs_are_shown_to_the_coordinator_and_hr(fresh_db):
    firm = requested(fresh_db)
    request = approved(fresh_db, firm)
    for reader in (firm.coordinator, firm.hr):
        assert learning.get_request(fresh_db, reader, request.id).request.estimated_cents == 45_000


@pytest.mark.parametrize("who", ["employee", "manager", "deactivated coordinator", "coordinator by card"])
def test_only_an_active_coordinator_or_hr_opens_the_queue(fresh_db, who):
    firm = requested(fresh_db)
    actor = {"employee": firm.employee, "manager": firm.manager,
             "deactivated coordinator": replace(firm.coordinator, active=False),
             "coordinator by card": replace(firm.coordinator, restricted=True)}[who]
    with pytest.raises(NotAllowed):
        learning.queue(fresh_db, actor, YEAR)


def test_a_deactivated_coordinator_cannot_approve(fresh_db):
    firm = requested(fresh_db)
    request = the_request(fresh_db, firm)
    learning.decide(fresh_db, firm.coordinator, request.id, decision="external", estimated_cents=100)
    storage.people.update_person(fresh_db, firm.coordinator.id, active=False)
    with pytest.raises(NotAllowed):
        learning.approve(fresh_db, replace(firm.coordinator, active=False), request.id)
    assert learning.get_request(fresh_db, firm.hr, request.id).request.status == "requested"


# --- the employee's answers ----------------------------------------------------------------------

def test_the_question_behind_the_question_is_saved_while_typing_and_guards_another_screen(fresh_db):
    firm = requested(fresh_db)
    request = the_request(fresh_db, firm)
    learning.save_question(fresh_db, firm.employee, request.id, "Ik wil zelf", expected="")
    learning.save_question(fresh_db, firm.employee, request.id, "Ik wil zelf tekeningen lezen", expected="Ik wil zelf")
    with pytest.raises(learning.TextChangedElsewhere) as conflict:
        learning.save_question(fresh_db, firm.employee, request.id, "Anders", expected="Ik wil zelf")
    assert conflict.value.stored == "Ik wil zelf tekeningen lezen"
    with pytest.raises(NotAllowed):
        learning.save_question(fresh_db, firm.manager, request.id, "Namens Daan")


def test_after_done_three_answers_make_the_request_evaluated(fresh_db):
    firm = requested(fresh_db)
    request = done(fresh_db, firm)
    learning.save_evaluation(fresh_db, firm.employee, request.id, learned="Maten lezen uit een doorsnede")
    with pytest.raises(InvalidInput):
        learning.finish_evaluation(fresh_db, firm.employee, request.id)
    learning.save_evaluation(fresh_db, firm.employee, request.id, satisfaction=4)
    learning.save_evaluation(fresh_db, firm.employee, request.id, helped="partly")
    view = learning.finish_evaluation(fresh_db, firm.employee, request.id)
    assert (view.request.status, view.evaluation.learned, view.evaluation.satisfaction, view.evaluation.helped) == (
        "evaluated", "Maten lezen uit een doorsnede", 4, "partly")
    assert view.evaluation.evaluated_at is not None


def test_evaluating_waits_until_the_request_is_done(fresh_db):
    firm = requested(fresh_db)
    request = approved(fresh_db, firm)
    with pytest.raises(InvalidInput):
        learning.save_evaluation(fresh_db, firm.employee, request.id, satisfaction=5)


def test_the_year_must_be_a_plan_year(fresh_db):
    firm = requested(fresh_db)
    with pytest.raises(InvalidInput):
        learning.queue(fresh_db, firm.coordinator, 20266)


@pytest.mark.parametrize("call", [
    lambda db, actor, request_id: learning.decline(db, actor, request_id, ""),
    lambda db, actor, request_id: learning.plan(db, actor, request_id, None),
    lambda db, actor, request_id: learning.mark_done(db, actor, request_id, actual_cents=-1),
    lambda db, actor, request_id: learning.save_question(db, actor, request_id, "x" * 10_000),
    lambda db, actor, request_id: learning.save_evaluation(db, actor, request_id, satisfaction=9),
], ids=["decline without reason", "plan without date", "negative cost", "question too long", "satisfaction 9"])
def test_someone_else_is_refused_before_their_input_is_looked_at(fresh_db, call):
    """A refusal, not a message about the input: the input says nothing to someone who may not act."""
    firm = requested(fresh_db)
    with pytest.raises(NotAllowed):
        call(fresh_db, firm.other_manager, the_request(fresh_db, firm).id)
