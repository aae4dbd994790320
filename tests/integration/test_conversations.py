import contextlib
import json
import threading

import pytest

from devtalk.domain import access
from devtalk.domain.models import Answer
from devtalk.domain.status import AlreadySubmitted, IllegalTransition
from devtalk.errors import InvalidInput, NotAllowed, NotFound
from devtalk.services import conversations, reports
from devtalk.services.conversations import AnswerChangedElsewhere, MissingAnswers, NotRevealed
from tests.backends import another_connection
from tests.builders import fill_all


def test_employee_sees_only_the_sections_of_their_job_function(fresh_db, firm):
    form = conversations.open_form(fresh_db, firm.employee, firm.conversation_id)
    assert [s.id for s in form.sections] == ["vak", "willen"]
    assert form.side == "employee"


def test_manager_fills_in_the_manager_side_with_manager_wording(fresh_db, firm):
    form = conversations.open_form(fresh_db, firm.manager, firm.conversation_id)
    assert form.side == "manager"
    item = form.questionnaire.item("tekening-lezen")
    assert item.wording("manager", "nl") == "De medewerker kan een werktekening lezen"


def test_an_answer_is_stored_the_moment_it_is_given(fresh_db, firm):
    conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, "tekening-lezen", value=4)
    again = conversations.open_form(fresh_db, firm.employee, firm.conversation_id)
    assert again.answers["tekening-lezen"].value == 4
    assert again.progress.required_answered == 1 and again.progress.required == 2


def test_clearing_an_answer_removes_it(fresh_db, firm):
    conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, "energie", text="lassen")
    conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, "energie", text="   ")
    assert "energie" not in conversations.open_form(fresh_db, firm.employee, firm.conversation_id).answers


def test_not_applicable_is_stored_apart_from_a_value(fresh_db, firm):
    conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, "veilig-werken", not_applicable=True)
    answer = conversations.open_form(fresh_db, firm.employee, firm.conversation_id).answers["veilig-werken"]
    assert answer.not_applicable and answer.value is None


@pytest.mark.parametrize(
    "item_id,kwargs,error",
    [
        ("tekening-lezen", {"value": 9}, InvalidInput),
        ("tekening-lezen", {"value": 0}, InvalidInput),
        ("energie", {"text": "x" * 5001}, InvalidInput),
        ("tig-lassen", {"value": 3}, NotFound),
        ("bestaat-niet", {"value": 3}, NotFound),
    ],
    ids=["above-scale", "below-scale", "text-too-long", "item-of-another-function", "unknown-item"],
)
def test_bad_answers_are_refused_and_nothing_is_stored(fresh_db, firm, item_id, kwargs, error):
    with pytest.raises(error):
        conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, item_id, **kwargs)
    assert conversations.open_form(fresh_db, firm.employee, firm.conversation_id).answers == {}


def test_submit_with_missing_required_items_lists_them(fresh_db, firm):
    conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, "tekening-lezen", value=3)
    with pytest.raises(MissingAnswers) as raised:
        conversations.submit(fresh_db, firm.employee, firm.conversation_id)
    assert [item.id for item in raised.value.items] == ["veilig-werken"]
    assert conversations.get_conversation(fresh_db, firm.employee, firm.conversation_id).status == "open"


def test_open_questions_are_not_required_by_default(fresh_db, firm):
    for item_id in ("tekening-lezen", "veilig-werken"):
        conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, item_id, value=3)
    assert conversations.submit(fresh_db, firm.employee, firm.conversation_id).status == "employee_submitted"


def test_a_submitted_side_is_frozen(fresh_db, firm):
    fill_all(fresh_db, firm.employee, firm.conversation_id)
    conversations.submit(fresh_db, firm.employee, firm.conversation_id)
    with pytest.raises(AlreadySubmitted):
        conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, "tekening-lezen", value=1)
    with pytest.raises(AlreadySubmitted):
        conversations.submit(fresh_db, firm.employee, firm.conversation_id)


def test_a_save_from_a_tab_that_read_an_older_answer_is_refused_with_the_stored_one(fresh_db, firm):
    first_read = conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, "energie", text="lassen")
    conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, "energie", text="van de andere tab",
                              expected=first_read)
    with pytest.raises(AnswerChangedElsewhere) as refused:
        conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, "energie", text="van deze tab",
                                  expected=first_read)
    assert refused.value.stored == Answer("energie", text="van de andere tab")
    assert conversations.open_form(fresh_db, firm.employee, firm.conversation_id).answers["energie"].text == "van de andere tab"


@pytest.mark.parametrize(
    "expected,kwargs",
    [(None, {"value": 2}), (Answer("tekening-lezen", value=4), {"value": 3}), (Answer("tekening-lezen", value=4), {})],
    ids=["a-first-answer-where-another-tab-gave-one", "changing-what-another-tab-changed", "clearing-what-another-tab-changed"],
)
def test_any_change_to_an_answer_changed_elsewhere_is_refused(fresh_db, firm, expected, kwargs):
    conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, "tekening-lezen", value=5)
    with pytest.raises(AnswerChangedElsewhere):
        conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, "tekening-lezen", expected=expected, **kwargs)
    assert conversations.open_form(fresh_db, firm.employee, firm.conversation_id).answers["tekening-lezen"].value == 5


def test_a_save_that_knows_what_is_stored_goes_through(fresh_db, firm):
    saved = conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, "energie", text="lassen", expected=None)
    conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, "energie", text="slijpen", expected=saved)
    assert conversations.open_form(fresh_db, firm.employee, firm.conversation_id).answers["energie"].text == "slijpen"


def test_storing_what_another_tab_already_stored_is_no_conflict(fresh_db, firm):
    conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, "energie", text="lassen")
    conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, "energie", text="lassen ", expected=None)
    assert conversations.open_form(fresh_db, firm.employee, firm.conversation_id).answers["energie"].text == "lassen"


def in_another_tab(db, call, *args) -> threading.Thread:
    """Start a service call on a connection of its own, as another tab does; waits half a second
    for it, time enough to finish unless the caller holds the write lock. Its refusal of a
    submitted side is a valid outcome."""
    other_tab = another_connection(db)

    def run():
        with contextlib.suppress(AlreadySubmitted):
            call(other_tab, *args)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=0.5)
    return thread


def test_an_autosave_racing_a_submit_never_changes_the_submitted_side(fresh_db, firm, monkeypatch):
    """Another tab submits right after this save found the side still open: the submit must wait
    for the write (or the write must be refused), never land between the check and the write."""
    for item_id in ("tekening-lezen", "veilig-werken"):
        conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, item_id, value=3)
    real_check, submits = access.can_write_side, []

    def check_then_submit_in_another_tab(*args):
        allowed = real_check(*args)
        if not submits:
            submits.append(in_another_tab(fresh_db, conversations.submit, firm.employee, firm.conversation_id))
        return allowed

    monkeypatch.setattr(access, "can_write_side", check_then_submit_in_another_tab)
    try:
        conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, "energie", text="net na de check")
    except AlreadySubmitted:
        pass
    submits[0].join()
    submitted_at = conversations.get_conversation(fresh_db, firm.employee, firm.conversation_id).employee_submitted_at
    changed = fresh_db.execute("SELECT max(updated_at) FROM answers WHERE side = 'employee'").fetchone()[0]
    assert submitted_at is not None and changed < submitted_at.isoformat()


def test_clearing_an_answer_racing_a_submit_never_leaves_a_required_item_empty(fresh_db, firm, monkeypatch):
    """The submit's "everything required answered" check and the freeze are one transaction too."""
    for item_id in ("tekening-lezen", "veilig-werken"):
        conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, item_id, value=3)
    real_check, clears = conversations.FillInForm.missing_required, []

    def check_then_clear_in_another_tab(form):
        missing = real_check(form)
        if not clears:
            clears.append(in_another_tab(fresh_db, conversations.save_answer, firm.employee, firm.conversation_id, "veilig-werken"))
        return missing

    monkeypatch.setattr(conversations.FillInForm, "missing_required", check_then_clear_in_another_tab)
    try:
        conversations.submit(fresh_db, firm.employee, firm.conversation_id)
    except MissingAnswers:
        pass
    clears[0].join()
    conversation = conversations.get_conversation(fresh_db, firm.employee, firm.conversation_id)
    answers = conversations.read_answers(fresh_db, firm.employee, firm.conversation_id, "employee")
    assert conversation.employee_submitted_at is None or "veilig-werken" in answers


def test_manager_cannot_see_employee_answers_before_both_submitted(fresh_db, firm):
    fill_all(fresh_db, firm.employee, firm.conversation_id)
    conversations.submit(fresh_db, firm.employee, firm.conversation_id)
    with pytest.raises(NotRevealed):
        conversations.read_answers(fresh_db, firm.manager, firm.conversation_id, "employee")
    with pytest.raises(NotRevealed):
        conversations.comparison_view(fresh_db, firm.manager, firm.conversation_id)


def test_employee_cannot_see_manager_answers_before_both_submitted(fresh_db, firm):
    fill_all(fresh_db, firm.manager, firm.conversation_id)
    conversations.submit(fresh_db, firm.manager, firm.conversation_id)
    with pytest.raises(NotRevealed):
        conversations.read_answers(fresh_db, firm.employee, firm.conversation_id, "manager")


def test_both_see_the_comparison_once_both_submitted(fresh_db, firm):
    fill_all(fresh_db, firm.employee, firm.conversation_id, value=4)
    fill_all(fresh_db, firm.manager, firm.conversation_id, value=2)
    conversations.submit(fresh_db, firm.employee, firm.conversation_id)
    assert conversations.submit(fresh_db, firm.manager, firm.conversation_id).status == "ready"
    for person in (firm.employee, firm.manager, firm.hr):
        view = conversations.comparison_view(fresh_db, person, firm.conversation_id)
        assert [row.difference for row in view.comparison.likert] == [-2, -2]
        assert view.comparison.open[0].employee_text == "tekst van employee"


def test_manager_of_another_team_gets_not_allowed_never_data(fresh_db, firm):
    for call in (
        lambda: conversations.open_form(fresh_db, firm.other_manager, firm.conversation_id),
        lambda: conversations.read_answers(fresh_db, firm.other_manager, firm.conversation_id, "employee"),
        lambda: conversations.save_answer(fresh_db, firm.other_manager, firm.conversation_id, "tekening-lezen", value=1),
        lambda: conversations.comparison_view(fresh_db, firm.other_manager, firm.conversation_id),
    ):
        with pytest.raises(NotAllowed):
            call()


def test_an_unknown_conversation_id_looks_the_same_as_a_forbidden_one(fresh_db, firm):
    with pytest.raises(NotAllowed):
        conversations.open_form(fresh_db, firm.employee, 9999)


def test_my_conversations_lists_own_and_team(fresh_db, firm):
    own, led = conversations.my_conversations(fresh_db, firm.manager)
    assert own == [] and [s.employee.username for s in led] == ["employee"]
    own, led = conversations.my_conversations(fresh_db, firm.employee)
    assert [s.my_side for s in own] == ["employee"] and led == []


def test_hr_reopens_a_side_with_a_reason_that_is_audited(fresh_db, firm):
    fill_all(fresh_db, firm.employee, firm.conversation_id)
    conversations.submit(fresh_db, firm.employee, firm.conversation_id)
    with pytest.raises(InvalidInput):
        conversations.reopen_side(fresh_db, firm.hr, firm.conversation_id, "employee", "  ")
    with pytest.raises(NotAllowed):
        conversations.reopen_side(fresh_db, firm.manager, firm.conversation_id, "employee", "reden")
    reopened = conversations.reopen_side(fresh_db, firm.hr, firm.conversation_id, "employee", "typfout in antwoord")
    assert reopened.status == "open" and reopened.employee_submitted_at is None
    event = fresh_db.execute("SELECT action, detail FROM audit_events WHERE action = 'conversation.reopen'").fetchone()
    assert (event[0], json.loads(event[1])) == ("conversation.reopen", {"side": "employee", "reason": "typfout in antwoord"})


def test_reopen_after_the_meeting_is_refused(fresh_db, firm):
    fill_all(fresh_db, firm.employee, firm.conversation_id)
    fill_all(fresh_db, firm.manager, firm.conversation_id)
    conversations.submit(fresh_db, firm.employee, firm.conversation_id)
    conversations.submit(fresh_db, firm.manager, firm.conversation_id)
    reports.mark_held(fresh_db, firm.manager, firm.conversation_id)
    with pytest.raises(IllegalTransition):
        conversations.reopen_side(fresh_db, firm.hr, firm.conversation_id, "employee", "te laat")
