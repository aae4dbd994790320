"""The third column of the comparison: shown for a group of at least three, or for the work mentor
alone under their name when they agreed to be named; never one colleague's answers by themselves."""

from datetime import UTC, datetime
from itertools import permutations

import pytest

from devtalk.domain.models import Answer
from devtalk.domain.third_voice import OPEN_ITEM, ThirdVoice, third_column

WHEN = datetime(2026, 3, 1, tzinfo=UTC)
ITEMS = ["lassen", "tekening-lezen"]


def voice(number: int, kind: str = "colleague", named: bool = False, submitted: bool = True,
          consented: bool = True) -> ThirdVoice:
    return ThirdVoice(number, 5, 100 + number, kind, 9, 9 if consented else None, WHEN if consented else None,
                      named, WHEN, submitted_at=WHEN if submitted else None)


def answers(lassen: int | None, text: str = "", not_applicable: bool = False) -> dict[str, Answer]:
    given = {"lassen": Answer("lassen", value=lassen, not_applicable=not_applicable), "tekening-lezen": Answer("tekening-lezen", value=4)}
    if text:
        given[OPEN_ITEM] = Answer(OPEN_ITEM, text=text)
    return given


def colleagues(count: int) -> list:
    return [(voice(n), f"Collega {n}", answers(n + 1, f"Tekst {n}")) for n in range(1, count + 1)]


def test_two_colleagues_are_hidden_and_the_column_says_how_many_answered():
    column = third_column(colleagues(2), ITEMS)
    assert (column.shown, column.answered, column.values, column.open_answers) == (False, 2, {}, ())


def test_three_colleagues_show_the_average_per_item_without_names():
    column = third_column(colleagues(3), ITEMS)
    assert column.shown and column.named is None
    assert column.values == {"lassen": 3.0, "tekening-lezen": 4.0}
    assert sorted(column.open_answers) == ["Tekst 1", "Tekst 2", "Tekst 3"]
    assert not any("Collega" in text for text in column.open_answers)


def test_an_item_fewer_than_three_gave_a_value_for_shows_no_average():
    group = colleagues(3)
    group[0] = (group[0][0], "Collega 1", answers(None, not_applicable=True))
    assert third_column(group, ITEMS).values["lassen"] is None


def test_only_submitted_input_counts_towards_the_three():
    group = colleagues(2) + [(voice(3, submitted=False), "Collega 3", answers(2))]
    assert not third_column(group, ITEMS).shown


def test_open_answers_are_in_alphabetical_order_whoever_was_asked_first():
    """The order must not follow the invitations (which the two sides see, with who handed in):
    the same answers asked in any order come out the same."""
    texts = ["werkt netjes", "Denkt mee", "Zou vaker om hulp kunnen vragen"]
    shown = {third_column([(voice(n), f"Collega {n}", answers(3, text)) for n, text in enumerate(order, 1)],
                          ITEMS).open_answers for order in permutations(texts)}
    assert shown == {("Denkt mee", "werkt netjes", "Zou vaker om hulp kunnen vragen")}


@pytest.mark.parametrize("named, shown", [(True, True), (False, False)], ids=["agreed to be named", "did not agree"])
def test_the_work_mentor_alone_is_shown_by_name_only_with_consent(named, shown):
    column = third_column([(voice(1, "mentor", named=named), "Jan Hendriks", answers(4, "Leert snel"))], ITEMS)
    assert column.shown is shown
    if shown:
        assert (column.named, column.values["lassen"], column.open_answers) == ("Jan Hendriks", 4, ("Leert snel",))


def test_a_colleague_who_agreed_to_be_named_is_not_named_since_only_the_mentor_may_be():
    column = third_column([(voice(1, "colleague", named=True), "Kees", answers(4))], ITEMS)
    assert not column.shown and column.named is None


def test_a_named_mentor_among_colleagues_is_averaged_with_them_without_a_name():
    group = colleagues(2) + [(voice(3, "mentor", named=True), "Jan Hendriks", answers(5))]
    column = third_column(group, ITEMS)
    assert column.shown and column.named is None and column.values["lassen"] == pytest.approx(10 / 3)


def test_nobody_asked_means_no_third_column_and_a_proposal_awaiting_consent_is_not_asked():
    assert third_column([], ITEMS) is None
    assert third_column([(voice(1, consented=False), "Kees", answers(3))], ITEMS) is None
