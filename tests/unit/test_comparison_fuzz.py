"""Fuzzing the comparison: any mix of answers, given or not, never breaks it and keeps its promises."""

from hypothesis import given, settings
from hypothesis import strategies as st

from devtalk.domain.agenda import propose_agenda
from devtalk.domain.comparison import LARGE_GAP, compare
from devtalk.domain.models import Answer
from devtalk.questionnaire import parse_questionnaire
from tests.builders import SMALL_QUESTIONNAIRE

QUESTIONNAIRE = parse_questionnaire(SMALL_QUESTIONNAIRE, "klein.yaml")
ITEMS = [item.id for item in QUESTIONNAIRE.all_items()]


def answers():
    likert = st.one_of(st.none(), st.integers(1, 5).map(lambda v: ("value", v)), st.just(("na", None)))
    return st.fixed_dictionaries({item: likert for item in ITEMS}).map(_as_answers)


def _as_answers(raw: dict) -> dict[str, Answer]:
    given_ = {}
    for item_id, choice in raw.items():
        if choice is None:
            continue
        kind, value = choice
        given_[item_id] = Answer(item_id, value=value) if kind == "value" else Answer(item_id, not_applicable=True)
    return given_


@settings(max_examples=300, deadline=None)
@given(answers(), answers(), st.sampled_from([None, "lasser", "plaatwerker"]))
def test_any_answers_compare_without_error_and_gaps_are_consistent(employee, manager, function_id):
    comparison = compare(QUESTIONNAIRE, function_id, employee, manager)
    ordered = comparison.by_gap()
    assert len(ordered) == len(comparison.likert)
    for row in comparison.likert:
        if row.difference is not None:
            assert row.gap == abs(manager[row.item.id].value - employee[row.item.id].value)
        assert (row.flag == LARGE_GAP) == (row.gap is not None and row.gap >= 2)
    large = [row for row in ordered if row.flag == LARGE_GAP]
    assert ordered[: len(large)] == large
    agenda = propose_agenda(comparison)
    assert len({point.key for point in agenda}) == len(agenda)
