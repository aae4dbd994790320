"""The skills matrix's rules: a cell's state against the requirement, gaps, and teams short of a minimum."""

import pytest

from devtalk.domain.matrix import (
    BELOW,
    CERTIFICATE,
    MET,
    NO_DATA,
    NO_REQUIREMENT,
    NOT_APPLICABLE,
    SKILL,
    Skill,
    cell,
    gaps_of,
    level,
    masters,
    short_teams,
)
from devtalk.domain.models import Person
from devtalk.domain.skills import required_on
from devtalk.questionnaire import Item, Scale


def skill(item_id: str, top: int = 5) -> Skill:
    scale = Scale("s", tuple(range(1, top + 1)), {})
    return Skill(Item(item_id, "likert", {"nl": f"Kan {item_id}", "en": f"Can {item_id}"}, scale="s"), "vak", scale)


@pytest.mark.parametrize(("level", "required", "state"), [
    (level(4), 4, MET),
    (level(5), 4, MET),
    (level(3), 4, BELOW),
    (level(3), None, NO_REQUIREMENT),
    (level(None, not_applicable=True), 4, NOT_APPLICABLE),
    (level(None), 4, NO_DATA),
    (None, 4, NO_DATA),
    (None, None, NO_DATA),
    (level(2, agreed=False), 2, MET),
], ids=["at the requirement", "above it", "below it", "no requirement", "n.v.t.", "no value", "no level at all",
        "neither", "the manager's answer counts too"])
def test_a_cell_is_at_below_without_requirement_not_applicable_or_without_data(level, required, state):
    assert cell(level, required)[3] == state


def test_a_cell_says_whether_its_level_was_agreed_or_is_the_managers_answer():
    assert cell(level(3, agreed=True), 4)[:2] == (3, True)
    assert cell(level(3, agreed=False), 4)[:2] == (3, False)


def test_skills_on_scales_of_different_length_each_compare_on_their_own_scale():
    three, five = skill("kort", top=3), skill("lang", top=5)
    assert cell(level(3), required_on(three.scale, 3))[3] == MET  # the top of 1-3
    assert cell(level(3), required_on(five.scale, 4))[3] == BELOW  # the middle of 1-5
    assert cell(level(3), required_on(three.scale, 4))[3] == MET  # asked on a longer scale before: its top now


def test_not_applicable_and_no_level_never_count_towards_a_minimum():
    assert masters(level(4), 4)
    assert not masters(level(3), 4)
    assert not masters(level(None, not_applicable=True), 1)
    assert not masters(None, 1)
    assert not masters(level(5), None)


def test_gaps_are_below_requirement_or_without_level_critical_first_then_the_largest():
    skills = (skill("a"), skill("b"), skill("c"), skill("d"), skill("e"))
    cells = (cell(level(1), 4), cell(level(3), 4), cell(None, 2), cell(level(5), 4), cell(level(None, True), 3))
    found = gaps_of(cells, skills, critical={"b"})
    assert [(gap.skill.item.id, gap.level, gap.required, gap.critical) for gap in found] == [
        ("b", 3, 4, True), ("a", 1, 4, False), ("c", None, 2, False)]
    assert found[1].short_by == 3


def test_a_team_with_fewer_holders_than_its_minimum_is_a_single_point_of_failure():
    marco, sandra = Person(1, "Marco", "marco"), Person(2, "Sandra", "sandra")
    teams = {1: marco, 2: sandra}
    points = short_teams({1: ["Daan"], 2: ["Otto", "Bram"]}, {1: 2, 2: 2}, teams, skill=skill("tig"))
    assert [(point.kind, point.team.name, point.holders, point.minimum, point.name("en")) for point in points] == [
        (SKILL, "Marco", ("Daan",), 2, "Can tig")]


def test_a_certificate_nobody_holds_is_a_single_point_of_failure_of_its_team_only():
    teams = {1: Person(1, "Marco", "marco")}
    points = short_teams({}, {1: 1, 9: 3}, teams, certificate="BHV")
    assert [(point.kind, point.name("nl"), point.holders) for point in points] == [(CERTIFICATE, "BHV", ())]
