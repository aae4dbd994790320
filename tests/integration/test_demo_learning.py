"""The demo firm's learning requests: every status in the current year, a budget with a team
budget, a subsidy and an evaluation, and what the demo sign-ins see of them."""

from __future__ import annotations

from datetime import date

from devtalk.domain.learning import STATUSES
from devtalk.services import auth, learning, learning_evaluation, learning_skills


def signed_in(db, username: str):
    return auth.current_person(db, auth.sign_in(db, username, "demo"))


def test_the_coordinators_queue_holds_every_status_in_the_current_year(demo_db):
    queue = learning.queue(demo_db, signed_in(demo_db, "hr"), date.today().year)
    assert {view.request.status for view in queue} == set(STATUSES)
    assert {view.request.decision for view in queue} >= {"internal", "external"}
    assert any(view.subsidy for view in queue)
    assert sorted(view.evaluation.satisfaction for view in queue if view.request.status == "evaluated") == [3, 4, 4, 4, 5, 5]


def test_the_evaluation_page_has_enough_people_to_show_what_the_years_learning_brought(demo_db):
    found = learning_evaluation.evaluation(demo_db, signed_in(demo_db, "hr"), date.today().year)
    assert found.people >= 3 and found.ways and found.kinds  # courses, and internal against external


def test_the_budget_of_the_firm_and_of_marcos_team_shows_what_is_committed_and_spent(demo_db):
    firm, team = learning.budgets(demo_db, signed_in(demo_db, "hr"), date.today().year)
    assert (firm.budget_cents, team.budget_cents, team.manager_id) == (2_500_000, 800_000, signed_in(demo_db, "manager").id)
    assert firm.committed_cents > 0 and firm.spent_cents > 0 and firm.remaining_cents < firm.budget_cents


def test_the_demo_employee_has_a_done_course_to_evaluate_and_sees_no_costs(demo_db):
    views = learning.my_requests(demo_db, signed_in(demo_db, "employee"))
    assert [view.request.what for view in views if view.may_evaluate] == ["Cursus 3D-tekeningen lezen (2 dagen, opleidingsfonds)"]
    assert all(view.request.estimated_cents is None and view.subsidy is None for view in views)


def test_the_demo_manager_sees_the_teams_requests(demo_db):
    views = learning.team_requests(demo_db, signed_in(demo_db, "manager"))
    assert "declined" in {view.request.status for view in views}
    assert {view.team.username for view in views} == {"manager"}


def test_the_did_it_help_check_shows_the_skills_level_then_and_now_of_the_demos_evaluated_requests(demo_db):
    hr = signed_in(demo_db, "hr")
    evaluated = {view.employee.id for view in learning.queue(demo_db, hr, date.today().year)
                 if view.request.status == "evaluated"}
    checks = [check for employee_id in sorted(evaluated) for check in learning_skills.help_checks(demo_db, hr, employee_id)]
    measured = [check for check in checks if check.item and check.level_then is not None and check.level_now is not None]
    assert len(measured) >= 3 and len(measured) == len(checks)


def test_once_daan_evaluates_his_course_marco_sees_his_drawing_reading_then_and_now(own_demo_db):
    daan = signed_in(own_demo_db, "employee")
    (view,) = [view for view in learning.my_requests(own_demo_db, daan) if view.may_evaluate]
    learning.save_evaluation(own_demo_db, daan, view.request.id, learned="Doorsneden in 3D draaien", satisfaction=4,
                             helped="helped")
    learning.finish_evaluation(own_demo_db, daan, view.request.id)
    (check,) = learning_skills.help_checks(own_demo_db, signed_in(own_demo_db, "manager"), daan.id)
    assert check.item.id == "tekening-lezen"
    assert check.level_then is not None and check.level_now is not None


def test_the_evaluation_page_shows_the_skills_the_years_learning_was_about(demo_db):
    found = learning_evaluation.evaluation(demo_db, signed_in(demo_db, "hr"), date.today().year)
    assert [(rise.skill_id, rise.people) for rise in found.skills] == [("overleg-kantoor", 3)]
