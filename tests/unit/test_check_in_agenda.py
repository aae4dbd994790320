"""The rule that carries check-ins into the next conversation's proposed agenda: a question whose
latest asking got no answer, and an action a check-in listed that is still open."""

from datetime import UTC, datetime

import pytest

from devtalk.domain.agenda import agenda_title, discussed, propose_agenda
from devtalk.domain.check_ins import Asked, carried_points
from devtalk.domain.comparison import compare
from devtalk.domain.models import Action, CheckIn
from devtalk.questionnaire import parse_questionnaire
from devtalk.questionnaire.check_in_lists import parse_check_in_list
from tests.builders import SMALL_QUESTIONNAIRE, side

LIST = parse_check_in_list(
    "id: check-in\ntitle: {nl: Check-in, en: Check-in}\nsections:\n  - id: c\n    title: {nl: C, en: C}\n    items:\n"
    "      - {id: energie, type: open, text: {nl: Waar krijg je energie van?, en: What gives you energy?}}\n"
    "      - {id: nodig, type: open, text: {nl: Wat heb je nodig?, en: What do you need?}}\n")
QUESTIONS = LIST.all_items()
COMPARISON = compare(parse_questionnaire(SMALL_QUESTIONNAIRE, "klein.yaml"), "plaatwerker", side(), side())


def asked(number: int, month: int, answers: dict, action_ids=()) -> Asked:
    check_in = CheckIn(number, employee_id=3, started_by=3, started_at=datetime(2026, month, 1, tzinfo=UTC), list_id=1)
    return Asked(check_in, QUESTIONS, answers, tuple(action_ids))


def action(number: int, status: str) -> Action:
    return Action(number, conversation_id=1, employee_id=3, what=f"Actie {number}", kind="course", owner_id=None,
                  due_date=None, status=status)


def carried_questions(*check_ins) -> list[tuple[str, int]]:
    return [(point.question.id, point.on.month) for point in carried_points(check_ins, {}) if point.question]


def test_a_question_left_empty_is_carried_with_the_date_of_its_check_in():
    assert carried_questions(asked(1, 3, {"energie": "Lassen"})) == [("nodig", 3)]


def test_a_question_answered_at_a_later_check_in_is_not_carried():
    assert carried_questions(asked(1, 3, {"energie": "Lassen"}), asked(2, 9, {"nodig": "Een cursus"})) == [("energie", 9)]


def test_the_latest_asking_counts_whatever_order_the_check_ins_come_in():
    assert carried_questions(asked(2, 9, {"nodig": "Rust", "energie": "Lassen"}), asked(1, 3, {})) == []


def test_an_answer_of_only_spaces_is_no_answer():
    assert carried_questions(asked(1, 3, {"energie": "  ", "nodig": "Tijd"})) == [("energie", 3)]


@pytest.mark.parametrize("status, carried", [("open", True), ("in_progress", True), ("done", False), ("dropped", False)])
def test_an_action_a_check_in_listed_is_carried_while_it_is_still_open(status, carried):
    points = carried_points([asked(1, 3, {"energie": "x", "nodig": "y"}, [7])], {7: action(7, status)})
    assert [point.action_id for point in points] == ([7] if carried else [])


def test_an_action_listed_twice_is_one_point_dated_by_the_latest_check_in():
    points = carried_points([asked(1, 3, {}, [7]), asked(2, 9, {}, [7])], {7: action(7, "open")})
    assert [(point.action_id, point.on.month) for point in points if point.action_id] == [(7, 9)]


def test_a_carried_action_replaces_its_plain_look_back_and_others_keep_theirs():
    earlier = [action(7, "open"), action(8, "done")]
    points = propose_agenda(COMPARISON, earlier, check_ins=carried_points([asked(1, 3, {"energie": "x"}, [7])],
                                                                          {a.id: a for a in earlier}))
    assert [point.key for point in points] == ["check_in:nodig", "check_in:action:7", "action_review:8"]


def test_a_carried_point_reads_in_the_readers_language_with_its_date():
    earlier = {7: action(7, "open")}
    points = propose_agenda(COMPARISON, earlier.values(), check_ins=carried_points([asked(1, 3, {"energie": "x"}, [7])], earlier))
    assert [agenda_title(point, None, earlier, "en") for point in points] == [
        "What do you need? (check-in of 01-03-2026, not answered)",
        "Actie 7 (still open at the check-in of 01-03-2026)",
    ]


def test_a_carried_point_without_a_note_is_left_out_of_the_report_like_any_proposed_point():
    points = propose_agenda(COMPARISON, check_ins=carried_points([asked(1, 3, {})], {}))
    assert discussed(points, {}) == ()
