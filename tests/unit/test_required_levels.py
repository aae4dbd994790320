"""Whether a person falls short of what their job function requires of a skill, and the agenda
point that follows from it."""

import pytest

from devtalk.domain.agenda import agenda_scores, agenda_title, propose_agenda
from devtalk.domain.comparison import compare
from devtalk.domain.models import AgendaPoint, Answer
from devtalk.domain.skills import Requirement, falls_short, required_on
from devtalk.questionnaire import Scale, parse_questionnaire
from tests.builders import SMALL_QUESTIONNAIRE, T, V, side

FIVE = Scale("vijf", (1, 2, 3, 4, 5), {}, not_applicable=True)
TEN = Scale("tien", tuple(range(1, 11)), {})
QUESTIONNAIRE = parse_questionnaire(SMALL_QUESTIONNAIRE, "klein.yaml")


def level(value):
    return Answer("x", not_applicable=True) if value == "na" else Answer("x", value=value)


@pytest.mark.parametrize("scale, required, agreed, employee, manager, short", [
    (FIVE, 4, None, 3, 3, True),
    (FIVE, 4, None, 3, 4, False),
    (FIVE, 4, None, 5, 2, False),
    (FIVE, 4, 3, 5, 5, True),
    (FIVE, 4, 4, 2, 2, False),
    (FIVE, 4, "na", 2, 2, False),
    (FIVE, 4, None, "na", 2, False),
    (FIVE, 4, None, None, 2, False),
    (FIVE, None, 1, 1, 1, False),
    (TEN, 8, 7, 10, 10, True),
    (TEN, 8, None, 6, 7, True),
    (FIVE, 8, 5, 5, 5, False),
    (FIVE, 8, 4, 4, 4, True),
], ids=[
    "no agreed level: both answers below", "no agreed level: one answer reaches it",
    "no agreed level: one side above, the other below", "the agreed level counts over both answers",
    "agreed at the required level", "agreed n.v.t. is no shortfall", "no agreed level: one side n.v.t.",
    "no agreed level: one side unanswered", "no requirement asks nothing",
    "ten-point scale: agreed below", "ten-point scale: both below",
    "a level beyond a shorter scale asks its top, which is met", "a level beyond a shorter scale asks its top, unmet",
])
def test_falls_short_of_the_required_level(scale, required, agreed, employee, manager, short):
    agreed_level = None if agreed is None else level(agreed)
    employee_answer = None if employee is None else level(employee)
    assert falls_short(scale, required, agreed_level, employee_answer, level(manager)) is short


def test_a_required_level_is_held_within_the_items_scale():
    assert (required_on(FIVE, 8), required_on(TEN, 8), required_on(FIVE, None)) == (5, 8, None)


def levelled(employee, manager, requirements, agreed=None):
    comparison = compare(QUESTIONNAIRE, "plaatwerker", employee, manager)
    return comparison.with_levels(
        {item: Requirement("plaatwerker", "klein", item, needed, critical) for item, (needed, critical) in requirements.items()},
        agreed or {})


def test_a_skill_below_the_required_level_is_the_first_agenda_point_critical_ones_before_others():
    comparison = levelled(side(tekening_lezen=2, veilig_werken=2), side(tekening_lezen=2, veilig_werken=2),
                          {T: (4, False), V: (3, True)})
    keys = [point.key for point in propose_agenda(comparison)]
    assert keys[:2] == [f"below_required:{V}", f"below_required:{T}"]


def test_an_item_below_the_requirement_is_not_a_second_point_for_its_gap_too():
    comparison = levelled(side(tekening_lezen=1), side(tekening_lezen=3), {T: (4, False)})
    keys = [point.key for point in propose_agenda(comparison)]
    assert f"below_required:{T}" in keys and f"gap:{T}" not in keys


def test_an_agreed_level_at_the_requirement_makes_no_point():
    comparison = levelled(side(tekening_lezen=2), side(tekening_lezen=2), {T: (3, False)},
                          {T: Answer(T, value=3)})
    assert f"below_required:{T}" not in [point.key for point in propose_agenda(comparison)]


def test_a_required_certificate_that_is_missing_is_an_agenda_point_named_after_it():
    comparison = levelled(side(tekening_lezen=4), side(tekening_lezen=4), {})
    points = propose_agenda(comparison, certificate_gaps=["VCA Basis"])
    assert ("certificate", "VCA Basis") in [(point.kind, point.ref) for point in points]
    assert agenda_title(AgendaPoint("certificate:VCA Basis", "certificate", "VCA Basis"), QUESTIONNAIRE, {}, "nl") == "VCA Basis"


def test_the_points_scores_name_the_agreed_and_the_required_level():
    comparison = levelled(side(tekening_lezen=2), side(tekening_lezen=3), {T: (4, True)}, {T: Answer(T, value=3)})
    point = AgendaPoint(f"below_required:{T}", "below_required", T)
    assert agenda_scores(point, comparison, "nl") == "Medewerker 2 · leidinggevende 3 · afgesproken 3 · vereist 4"
