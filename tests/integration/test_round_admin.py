"""HR runs a round: figures per round, late joiners, another manager, a reopened side, closing it."""

from __future__ import annotations

import pytest

from db import audit, conversations, people
from devtalk.domain.status import IllegalTransition
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.presentation.audit_words import details
from devtalk.services import conversations as conversation_service
from devtalk.services import reports, rounds


def submit(db, firm, *actors):
    for actor in actors:
        for item_id in ("tekening-lezen", "veilig-werken"):
            conversation_service.save_answer(db, actor, firm.conversation_id, item_id, value=3)
        conversation_service.submit(db, actor, firm.conversation_id)


def newcomer(db, manager_id=None, name="Nina Nieuw"):
    return people.add_person(db, name=name, username=name.split()[0].lower(), manager_id=manager_id)


def test_rounds_are_listed_with_their_conversations_per_status(fresh_db, firm):
    submit(fresh_db, firm, firm.employee)
    [row] = rounds.list_rounds(fresh_db, firm.hr)
    assert row.round.name == "Ronde 2026" and row.total == 2
    assert {status: n for status, n in row.counts.items() if n} == {"open": 1, "employee_submitted": 1}


def test_a_late_joiner_gets_a_conversation_with_their_current_manager(fresh_db, firm):
    nina = newcomer(fresh_db, firm.other_manager.id)
    round_id = conversations.get_conversation(fresh_db, firm.conversation_id).round_id
    assert nina.id in {p.id for p in rounds.late_joiner_candidates(fresh_db, firm.hr, round_id)}
    added = rounds.add_late_joiners(fresh_db, firm.hr, round_id, [nina.id, firm.employee.id])
    assert (added.added, added.without_manager) == (1, [])
    [joined] = [c for c in conversations.conversations_in_round(fresh_db, round_id) if c.employee_id == nina.id]
    assert (joined.manager_id, joined.questionnaire_version_id, joined.status) == (firm.other_manager.id, firm.version_id, "open")
    [event] = audit.list_events(fresh_db)[:1]
    assert (event.action, details(event)) == ("round.add_people", {"people": [nina.id]})


def test_a_late_joiner_without_a_manager_is_reported_back_and_not_added(fresh_db, firm):
    nina = newcomer(fresh_db)
    round_id = conversations.get_conversation(fresh_db, firm.conversation_id).round_id
    added = rounds.add_late_joiners(fresh_db, firm.hr, round_id, [nina.id])
    assert (added.added, [p.name for p in added.without_manager]) == (0, ["Nina Nieuw"])
    assert len(conversations.conversations_in_round(fresh_db, round_id)) == 2


def test_hr_gives_a_conversation_another_manager_who_then_fills_in_the_managers_side(fresh_db, firm):
    rounds.reassign_manager(fresh_db, firm.hr, firm.conversation_id, firm.other_manager.id)
    form = conversation_service.open_form(fresh_db, firm.other_manager, firm.conversation_id)
    assert form.side == "manager"
    with pytest.raises(NotAllowed):
        conversation_service.open_form(fresh_db, firm.manager, firm.conversation_id)
    event = audit.list_events(fresh_db)[0]
    assert (event.action, details(event)) == ("conversation.reassign", {"from": firm.manager.id, "to": firm.other_manager.id})


def test_a_held_conversation_keeps_the_manager_who_held_it(fresh_db, firm):
    submit(fresh_db, firm, firm.employee, firm.manager)
    reports.mark_held(fresh_db, firm.manager, firm.conversation_id)
    with pytest.raises(InvalidInput, match="not_reassignable"):
        rounds.reassign_manager(fresh_db, firm.hr, firm.conversation_id, firm.other_manager.id)
    assert conversations.get_conversation(fresh_db, firm.conversation_id).manager_id == firm.manager.id


@pytest.mark.parametrize("who", ["employee", "inactive", "unknown"])
def test_the_new_manager_must_be_someone_else_who_is_active(fresh_db, firm, who):
    manager_id = {"employee": firm.employee.id, "inactive": firm.other_manager.id, "unknown": 999}[who]
    people.update_person(fresh_db, firm.other_manager.id, active=False)
    with pytest.raises(InvalidInput, match="manager_invalid"):
        rounds.reassign_manager(fresh_db, firm.hr, firm.conversation_id, manager_id)


def test_hr_reopens_a_submitted_side_with_a_reason_in_the_audit_log(fresh_db, firm):
    submit(fresh_db, firm, firm.employee, firm.manager)
    reopened = rounds.reopen_side(fresh_db, firm.hr, firm.conversation_id, "employee", "Verkeerd begrepen")
    assert reopened.status == "manager_submitted" and reopened.employee_submitted_at is None
    event = audit.list_events(fresh_db)[0]
    assert (event.action, details(event)) == ("conversation.reopen", {"side": "employee", "reason": "Verkeerd begrepen"})


def test_reopening_needs_a_reason_and_a_submitted_side(fresh_db, firm):
    submit(fresh_db, firm, firm.employee)
    with pytest.raises(InvalidInput, match="reason_required"):
        rounds.reopen_side(fresh_db, firm.hr, firm.conversation_id, "employee", "  ")
    with pytest.raises(IllegalTransition):
        rounds.reopen_side(fresh_db, firm.hr, firm.conversation_id, "manager", "Vergissing")
    assert conversations.get_conversation(fresh_db, firm.conversation_id).status == "employee_submitted"


def test_a_closed_round_takes_no_late_joiners(fresh_db, firm):
    round_id = conversations.get_conversation(fresh_db, firm.conversation_id).round_id
    closed = rounds.close_round(fresh_db, firm.hr, round_id)
    assert closed.closed_at is not None and audit.list_events(fresh_db)[0].action == "round.close"
    with pytest.raises(InvalidInput, match="round_closed"):
        rounds.add_late_joiners(fresh_db, firm.hr, round_id, [newcomer(fresh_db, firm.manager.id).id])
    with pytest.raises(InvalidInput, match="round_closed"):
        rounds.close_round(fresh_db, firm.hr, round_id)


def test_the_round_conversations_come_with_both_people(fresh_db, firm):
    round_id = conversations.get_conversation(fresh_db, firm.conversation_id).round_id
    rows = rounds.round_conversations(fresh_db, firm.hr, round_id)
    assert [(r.employee.name, r.manager.name) for r in rows] == [("Daan Medewerker", "Marco Manager"),
                                                                 ("Otto Buiten", "Sandra Ander")]


def correction_row(db, actor, conversation_id: int):
    round_id = conversations.get_conversation(db, conversation_id).round_id
    return next(row for row in rounds.round_conversations(db, actor, round_id) if row.conversation.id == conversation_id)


@pytest.mark.parametrize(("submitted", "reopenable", "reassignable"), [
    ((), (), True),
    (("employee",), ("employee",), True),
    (("manager",), ("manager",), True),
    (("employee", "manager"), ("employee", "manager"), True),
], ids=["none in", "employee in", "manager in", "both in"])
def test_each_round_conversation_says_which_sides_hr_may_reopen_and_whether_to_reassign(
        fresh_db, firm, submitted, reopenable, reassignable):
    submit(fresh_db, firm, *(getattr(firm, side) for side in submitted))
    row = correction_row(fresh_db, firm.hr, firm.conversation_id)
    assert (row.reopenable, row.reassignable) == (reopenable, reassignable)


def test_a_held_conversation_offers_no_reopening_and_no_other_manager(fresh_db, firm):
    submit(fresh_db, firm, firm.employee, firm.manager)
    reports.mark_held(fresh_db, firm.manager, firm.conversation_id)
    row = correction_row(fresh_db, firm.hr, firm.conversation_id)
    assert (row.reopenable, row.reassignable) == ((), False)


def test_hr_is_offered_no_corrections_in_a_conversation_of_their_own(fresh_db, firm):
    hr = people.update_person(fresh_db, firm.hr.id, manager_id=firm.manager.id, function_id="plaatwerker")
    created = rounds.create_round(fresh_db, hr, "Ronde Ingrid", firm.version_id, employee_ids=[hr.id])
    [own] = conversations.conversations_in_round(fresh_db, created.round.id)
    for item_id in ("tekening-lezen", "veilig-werken"):
        conversation_service.save_answer(fresh_db, firm.manager, own.id, item_id, value=3)
    conversation_service.submit(fresh_db, firm.manager, own.id)
    row = correction_row(fresh_db, hr, own.id)
    assert (row.reopenable, row.reassignable) == ((), False)
    with pytest.raises(NotAllowed):
        rounds.reopen_side(fresh_db, hr, own.id, "manager", "Vergissing")


CALLS = {
    "list_rounds": lambda db, actor, f: rounds.list_rounds(db, actor),
    "round_conversations": lambda db, actor, f: rounds.round_conversations(db, actor, 1),
    "late_joiner_candidates": lambda db, actor, f: rounds.late_joiner_candidates(db, actor, 1),
    "add_late_joiners": lambda db, actor, f: rounds.add_late_joiners(db, actor, 1, [f.hr.id]),
    "reassign_manager": lambda db, actor, f: rounds.reassign_manager(db, actor, f.conversation_id, actor.id),
    "reopen_side": lambda db, actor, f: rounds.reopen_side(db, actor, f.conversation_id, "employee", "want"),
    "close_round": lambda db, actor, f: rounds.close_round(db, actor, 1),
}


@pytest.mark.parametrize("role", ["employee", "manager"])
@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_only_hr_may_run_a_round(fresh_db, firm, call, role):
    submit(fresh_db, firm, firm.employee)
    before = len(audit.list_events(fresh_db))
    with pytest.raises(NotAllowed):
        call(fresh_db, getattr(firm, role), firm)
    assert len(audit.list_events(fresh_db)) == before
