"""The group evaluation of learning: figures of fewer than three people are never shown (two
hidden, three shown), per figure and not only per row, and the skills whose level rose."""

import pytest

from devtalk.domain.learning_evaluation import MIN_GROUP, Learned, evaluate
from devtalk.presentation.learning_evaluation_frames import (
    kinds_frame,
    skills_frame,
    ways_frame,
)


def learned(employee_id, kind="course", decision="external", cost=10_000, satisfaction=None, helped=None, **skill):
    return Learned(employee_id, kind, decision, cost, satisfaction, helped, **skill)


def evaluated(people: int, kind="course", **fields) -> list[Learned]:
    return [learned(n, kind, satisfaction=4, helped="helped", **fields) for n in range(people)]


def test_the_threshold_is_three_people():
    assert MIN_GROUP == 3


@pytest.mark.parametrize(("people", "shown"), [(2, False), (3, True)], ids=["two hidden", "three shown"])
def test_a_kind_of_learning_is_shown_from_three_people_on(people, shown):
    others = evaluated(3, kind="coaching", decision="internal")
    found = evaluate(2026, [*others, *[learned(100 + n, "mentor", "internal", satisfaction=5, helped="partly") for n in range(people)]], True)
    assert ("mentor" in {figure.group for figure in found.kinds}) is shown
    assert found.hidden == (0 if shown else 1)


def test_two_people_who_learned_anything_show_nothing_at_all():
    found = evaluate(2026, evaluated(2), True)
    assert (found.kinds, found.ways, found.skills, found.people) == ((), (), (), 2)
    assert found.hidden == 1


def test_satisfaction_is_hidden_when_fewer_than_three_answered_even_if_more_used_it():
    entries = [*evaluated(2), learned(7), learned(8)]  # four used a course, two evaluated it
    figure = evaluate(2026, entries, True).kinds[0]
    assert (figure.people, figure.answered, figure.satisfaction, figure.helped) == (4, 2, None, None)
    assert kinds_frame(evaluate(2026, entries, True), "nl")["Tevredenheid (1-5)"].tolist() == ["te weinig antwoorden"]


def test_satisfaction_impact_and_cost_per_kind():
    entries = [learned(1, satisfaction=5, helped="helped", cost=120_000), learned(2, satisfaction=4, helped="partly", cost=80_050),
               learned(3, satisfaction=3, helped="helped", cost=None)]
    figure = evaluate(2026, entries, True).kinds[0]
    assert (figure.satisfaction, dict(figure.helped), figure.cost_cents) == (4.0, {"helped": 2, "partly": 1, "not": 0}, 200_050)
    frame = kinds_frame(evaluate(2026, entries, True), "nl")
    assert frame.iloc[0].to_dict() == {"Soort": "Cursus of training", "Mensen": 3, "Acties": 3, "Tevredenheid (1-5)": "4,0",
                                      "Hielp": "2", "Deels": "1", "Niet": "0", "Kosten": "€ 2.000,50"}


def test_costs_are_left_out_for_a_reader_who_may_not_see_them():
    found = evaluate(2026, evaluated(3), shows_costs=False)
    assert found.kinds[0].cost_cents is None
    assert "Kosten" not in kinds_frame(found, "nl").columns


def test_internal_and_external_are_compared_each_from_three_people():
    entries = [*evaluated(3, decision="internal"), *[learned(10 + n, decision="external", satisfaction=2, helped="not")
                                                     for n in range(3)], learned(20, decision=None)]
    frame = ways_frame(evaluate(2026, entries, True), "en")
    assert sorted(frame["Internal or external"]) == ["External", "Internal"]


def test_skills_that_rose_compare_each_persons_level_before_and_after():
    skill = {"nl": "TIG-lassen", "en": "TIG welding"}
    entries = [learned(1, skill_id="tig", skill=skill, level_then=2, level_now=4),
               learned(2, skill_id="tig", skill=skill, level_then=3, level_now=3),
               learned(3, skill_id="tig", skill=skill, level_then=1, level_now=2),
               # the same person's second course on the skill is not a second rise
               learned(3, skill_id="tig", skill=skill, level_then=2, level_now=2),
               learned(4, skill_id="mig", skill=None, level_then=1, level_now=5)]
    found = evaluate(2026, entries, True)
    assert [(rise.skill_id, rise.people, rise.before, rise.after, rise.rose) for rise in found.skills] == [("tig", 3, 2.0, 3.0, 2)]
    assert skills_frame(found, "en").iloc[0].tolist() == ["TIG welding", 3, "2.0", "3.0", 2]
    assert found.hidden == 1  # mig: one person
