"""Internal first: colleagues who master a request's skill, and the "did it help?" check of the
skill's level then and now."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from db.people import add_person
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.services import (
    conversations,
    learning,
    learning_skills,
    reports,
    rounds,
    skills,
)
from tests.builders import T, fill_all, reported_firm

YEAR = (date.today() + timedelta(days=60)).year  # the plan year of write_report's course


def conversation_of(db, round_id: int, person) -> int:
    return db.execute("SELECT id FROM conversations WHERE round_id = ? AND employee_id = ?",
                      [round_id, person.id]).fetchone()[0]


def held(db, employee, manager, conversation_id: int, value: int, agreed: int | None = None) -> None:
    """Both sides answered ``value`` and the meeting held; with ``agreed``, a final report agreeing that level on T."""
    fill_all(db, employee, conversation_id, value)
    fill_all(db, manager, conversation_id, value)
    conversations.submit(db, employee, conversation_id)
    conversations.submit(db, manager, conversation_id)
    reports.mark_held(db, manager, conversation_id)
    if agreed is not None:
        skills.set_agreed_level(db, manager, conversation_id, T, agreed)
        reports.save_draft(db, manager, conversation_id, summary="Goed gesprek.")
        reports.finalise(db, manager, conversation_id)


@pytest.fixture
def firm(fresh_db):
    """Daan's course request (a plaatwerker, drawing reading required at 4); Otto (another team)
    held at 5 by his manager's answer; Piet (Daan's team) agreed at 4; Kees (Daan's team) at 3."""
    firm = reported_firm(fresh_db)
    firm.coordinator = add_person(fresh_db, name="Carla", username="carla", roles=("employee", "training_coordinator"))
    skills.set_requirement(fresh_db, firm.hr, "plaatwerker", "klein", T, 4)
    round_id = fresh_db.execute("SELECT round_id FROM conversations WHERE id = ?", [firm.conversation_id]).fetchone()[0]
    firm.piet = add_person(fresh_db, name="Piet Plaat", username="piet", function_id="plaatwerker", manager_id=firm.manager.id)
    firm.kees = add_person(fresh_db, name="Kees Krom", username="kees", function_id="plaatwerker", manager_id=firm.manager.id)
    rounds.add_late_joiners(fresh_db, firm.hr, round_id, [firm.piet.id, firm.kees.id])
    held(fresh_db, firm.outsider, firm.other_manager, conversation_of(fresh_db, round_id, firm.outsider), 5)
    held(fresh_db, firm.piet, firm.manager, conversation_of(fresh_db, round_id, firm.piet), 4, agreed=4)
    held(fresh_db, firm.kees, firm.manager, conversation_of(fresh_db, round_id, firm.kees), 3)
    (view,) = learning.queue(fresh_db, firm.coordinator, YEAR)
    firm.request = view.request
    return firm


def test_without_a_skill_there_is_no_one_to_suggest(fresh_db, firm):
    assert learning_skills.suggestions(fresh_db, firm.coordinator, firm.request.id) == []


def test_colleagues_who_master_the_skill_are_suggested_agreed_levels_first(fresh_db, firm):
    found = learning_skills.suggestions(fresh_db, firm.coordinator, firm.request.id, item_id=T)
    assert [(s.person.username, s.level, s.agreed, s.required, s.same_team) for s in found] == [
        ("piet", 4, True, 4, True), ("outsider", 5, False, 4, False)]


def test_the_skill_the_coordinator_picked_is_the_requests_own_from_then_on(fresh_db, firm):
    choices = learning_skills.skill_choices(fresh_db, firm.coordinator, firm.request.id)
    assert T in [item.id for item in choices]
    learning.decide(fresh_db, firm.coordinator, firm.request.id, decision="internal", colleague_id=firm.piet.id, item_id=T)
    assert [s.person.username for s in learning_skills.suggestions(fresh_db, firm.coordinator, firm.request.id)] == [
        "piet", "outsider"]


def test_suggestions_are_for_the_coordinator_only(fresh_db, firm):
    for actor in (firm.employee, firm.manager):
        with pytest.raises(NotAllowed):
            learning_skills.suggestions(fresh_db, actor, firm.request.id, item_id=T)


def evaluated_and_next_round(db, firm) -> int:
    """The course on skill T done and evaluated ("helped"), and a next round for the employee: its conversation's id."""
    coordinator, request_id = firm.coordinator, firm.request.id
    learning.decide(db, coordinator, request_id, decision="external", provider="ROC", item_id=T, estimated_cents=100)
    learning.approve(db, coordinator, request_id)
    learning.plan(db, coordinator, request_id, date.today())
    learning.mark_done(db, coordinator, request_id)
    learning.save_evaluation(db, firm.employee, request_id, learned="Doorsneden lezen", satisfaction=5, helped="helped")
    learning.finish_evaluation(db, firm.employee, request_id)
    next_round = rounds.create_round(db, firm.hr, "Ronde volgend jaar", firm.version_id, employee_ids=[firm.employee.id])
    return conversation_of(db, next_round.round.id, firm.employee)


def test_did_it_help_shows_the_skill_then_and_at_the_next_conversation(fresh_db, firm):
    held(fresh_db, firm.employee, firm.manager, evaluated_and_next_round(fresh_db, firm), 4)
    (check,) = learning_skills.help_checks(fresh_db, firm.manager, firm.employee.id)
    assert (check.item.id, check.level_then, check.level_now, check.evaluation.helped) == (T, 2, 4, "helped")
    assert learning_skills.help_checks(fresh_db, firm.employee, firm.employee.id) == [check]
    # The manager and the employee see what was learned and whether it helped; the price only the coordinator.
    assert (check.request.estimated_cents, check.request.actual_cents) == (None, None)
    (costed,) = learning_skills.help_checks(fresh_db, firm.coordinator, firm.employee.id)
    assert costed.request.estimated_cents == 100
    with pytest.raises(NotAllowed):
        learning_skills.help_checks(fresh_db, firm.other_manager, firm.employee.id)


def test_a_request_is_only_about_a_skill_of_the_employees_questionnaire(fresh_db, firm):
    with pytest.raises(InvalidInput) as refused:
        learning.decide(fresh_db, firm.coordinator, firm.request.id, decision="external", item_id="tig-lassen")
    assert refused.value.field == "item"  # asked of welders only; Daan is a plaatwerker


def test_at_the_next_conversation_itself_now_is_the_managers_answer_there_once_both_sides_are_in(fresh_db, firm):
    next_id = evaluated_and_next_round(fresh_db, firm)
    fill_all(fresh_db, firm.employee, next_id, 4)
    fill_all(fresh_db, firm.manager, next_id, 5)
    conversations.submit(fresh_db, firm.employee, next_id)
    # The manager's side is not in yet: the employee may not read it, so "now" is still the last held level.
    (blind,) = learning_skills.help_checks(fresh_db, firm.employee, firm.employee.id, next_id)
    assert blind.level_now == 2
    conversations.submit(fresh_db, firm.manager, next_id)
    for actor in (firm.employee, firm.manager):
        (check,) = learning_skills.help_checks(fresh_db, actor, firm.employee.id, next_id)
        assert (check.level_then, check.level_now) == (2, 5)
