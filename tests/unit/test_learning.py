"""A learning request's status machine, euros as cents, and the budget's sums."""

from __future__ import annotations

from decimal import Decimal

import pytest

from devtalk.domain.learning import (
    LEARNING_KINDS,
    MOVES,
    STATUSES,
    BudgetState,
    IllegalMove,
    LearningRequest,
    budget_state,
    euros,
    format_euros,
    next_status,
    parse_euros,
    parse_hours,
    with_approval,
)
from devtalk.domain.models import ACTION_KINDS
from devtalk.errors import InvalidInput

LEGAL = {
    ("requested", "approve"): "approved",
    ("approved", "plan"): "planned",
    ("planned", "done"): "done",
    ("done", "evaluate"): "evaluated",
    ("requested", "decline"): "declined",
    ("approved", "decline"): "declined",
    ("planned", "decline"): "declined",
}


@pytest.mark.parametrize("status, move", list(LEGAL), ids=[f"{s} -{m}->" for s, m in LEGAL])
def test_a_legal_move_reaches_its_status(status, move):
    assert next_status(status, move) == LEGAL[(status, move)]


ILLEGAL = [(status, move) for status in STATUSES for move in MOVES if (status, move) not in LEGAL]


@pytest.mark.parametrize("status, move", ILLEGAL, ids=[f"{s} -{m}->" for s, m in ILLEGAL])
def test_every_other_move_is_refused(status, move):
    with pytest.raises(IllegalMove):
        next_status(status, move)


def test_an_unknown_status_or_move_is_refused():
    with pytest.raises(IllegalMove):
        next_status("lost", "approve")
    with pytest.raises(IllegalMove):
        next_status("requested", "skip")


def test_learning_kinds_are_action_kinds_and_leave_out_what_needs_no_arranging():
    assert set(LEARNING_KINDS) <= set(ACTION_KINDS)
    assert {"course", "certificate_renewal", "mentor", "walk_along"} <= set(LEARNING_KINDS)
    assert not {"reading", "task_enrichment", "other"} & set(LEARNING_KINDS)


AMOUNTS = [
    ("12,50", 1250), ("1.234,56", 123456), ("€ 1.234", 123400), ("1234", 123400), ("0,05", 5), ("12,5", 1250),
    ("12.50", 1250), ("1.234.567,89", 123456789), ("€\u00a0450", 45000), ("  7 ", 700),
]


@pytest.mark.parametrize("typed, cents", AMOUNTS, ids=[typed for typed, _ in AMOUNTS])
def test_euros_are_read_as_people_type_them_in_dutch(typed, cents):
    assert parse_euros(typed) == cents


@pytest.mark.parametrize("typed", ["12,345", "1.23,45", "12,50,1", "-5", "tien", "1,234.56", "1.2345"])
def test_an_amount_that_is_not_one_is_refused_at_its_field(typed):
    with pytest.raises(InvalidInput) as refused:
        parse_euros(typed, field="estimated")
    assert refused.value.field == "estimated"


def test_no_amount_is_none():
    assert parse_euros("") is None and parse_euros(None) is None and parse_euros(" € ") is None


@pytest.mark.parametrize("cents, lang, written", [
    (123456, "nl", "€ 1.234,56"), (123456, "en", "€1,234.56"), (5, "nl", "€ 0,05"), (100000000, "nl", "€ 1.000.000,00"),
    (-1250, "nl", "-€ 12,50"), (None, "nl", "—"),
])
def test_euros_are_written_in_the_readers_format(cents, lang, written):
    assert format_euros(cents, lang) == written


@pytest.mark.parametrize("cents, written", [(123450, "€ 1.235"), (123449, "€ 1.234"), (50, "€ 1"), (49, "€ 0")])
def test_whole_euros_round_half_up(cents, written):
    assert format_euros(cents, "nl", whole=True) == written


def test_written_amounts_read_back_to_the_same_cents():
    for cents in (0, 1, 99, 100, 123456, 987654321):
        assert parse_euros(format_euros(cents, "nl")) == cents


def test_a_thousand_times_ten_cents_is_exactly_a_hundred_euros():
    """In floats 0.1 added a thousand times is 99.9999999999986; in cents it cannot drift."""
    total = sum(parse_euros("0,10") for _ in range(1000))
    assert (total, euros(total), format_euros(total)) == (10000, Decimal("100.00"), "€ 100,00")


def test_hours_take_a_comma_or_a_point():
    assert (parse_hours("7,5"), parse_hours("16"), parse_hours("")) == (Decimal("7.5"), Decimal(16), None)
    with pytest.raises(InvalidInput):
        parse_hours("een dag")


def request(status: str, estimated: int | None = None, actual: int | None = None) -> LearningRequest:
    return LearningRequest(1, 7, "course", "Cursus", 2026, status, estimated_cents=estimated, actual_cents=actual)


def test_the_budget_counts_approved_and_planned_as_committed_and_done_as_spent():
    requests = [request("requested", 10_000), request("approved", 20_000), request("planned", 30_050),
                request("done", 40_000, actual=41_999), request("evaluated", 5_000), request("declined", 99_999)]
    state = budget_state(2026, None, 200_000, requests)
    assert (state.committed_cents, state.spent_cents, state.remaining_cents) == (50_050, 46_999, 102_951)


def test_without_a_budget_nothing_remains_to_say():
    state = budget_state(2026, None, None, [request("approved", 1_000)])
    assert (state.remaining_cents, state.overspent) == (None, False)


def test_approving_commits_the_estimate_and_may_overspend():
    state = BudgetState(2026, None, 50_000, committed_cents=40_000)
    after = with_approval(state, request("requested", 15_000))
    assert (after.committed_cents, after.remaining_cents, after.overspent) == (55_000, -5_000, True)
    assert with_approval(state, request("approved", 15_000)) == state
