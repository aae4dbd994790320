"""What the learning brought, added up per group (seed chapter 7): per kind of learning how many
used it, how satisfied they were and whether it helped in their work, what it cost; internal
against external; and the skills whose level rose after a learning action.

Every figure stands for a group of people, and a group smaller than MIN_GROUP is left out, so no
one's satisfaction or cost can be read from a figure. The rule holds per figure, not per row: a
kind four people used but only two evaluated shows its use and cost, not its satisfaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

# The learning climate's rule (services.team.MIN_RESPONDENTS): in a smaller group a figure is a person's.
MIN_GROUP = 3
HELPED_ANSWERS = ("helped", "partly", "not")


@dataclass(frozen=True)
class Learned:
    """One learning action that took place (done or evaluated), with what its employee said of it."""

    employee_id: int
    kind: str
    decision: str | None  # internal, external, or None when nobody recorded it
    cost_cents: int | None  # the actual cost, else the estimate; None when hidden or unknown
    satisfaction: int | None = None  # 1-5, once evaluated
    helped: str | None = None  # one of HELPED_ANSWERS, once evaluated
    skill_id: str | None = None
    skill: Mapping[str, str] | None = None  # the skill's text per language
    level_then: int | None = None  # the skill's level at the conversation that asked for it
    level_now: int | None = None  # the latest level


@dataclass(frozen=True)
class GroupFigure:
    """One kind of learning (or internal / external): how many used it and what they said."""

    group: str  # the kind, or internal / external
    people: int
    actions: int
    cost_cents: int | None  # None: hidden from this reader, or nobody entered a cost
    answered: int  # people who evaluated; the figures below are None when fewer than MIN_GROUP
    satisfaction: float | None = None
    helped: Mapping[str, int] | None = None  # answers per HELPED_ANSWERS


@dataclass(frozen=True)
class SkillRise:
    skill_id: str
    skill: Mapping[str, str] | None
    people: int
    before: float  # average level then
    after: float  # average level now
    rose: int  # people whose level is higher now


@dataclass(frozen=True)
class GroupEvaluation:
    year: int
    people: int  # everyone behind the figures; below MIN_GROUP nothing is shown
    kinds: tuple[GroupFigure, ...]
    ways: tuple[GroupFigure, ...]  # internal, external
    skills: tuple[SkillRise, ...]
    hidden: int  # groups left out for having fewer than MIN_GROUP people
    shows_costs: bool


def evaluate(year: int, learned: Iterable[Learned], shows_costs: bool) -> GroupEvaluation:
    """The group figures of the year's learning, every group below MIN_GROUP people left out."""
    learned = list(learned)
    people = len({entry.employee_id for entry in learned})
    if people < MIN_GROUP:
        return GroupEvaluation(year, people, (), (), (), 1 if learned else 0, shows_costs)
    kinds, hidden_kinds = _figures(learned, lambda entry: entry.kind, shows_costs)
    ways, hidden_ways = _figures([entry for entry in learned if entry.decision], lambda entry: entry.decision, shows_costs)
    skills, hidden_skills = _rises(learned)
    return GroupEvaluation(year, people, kinds, ways, skills, hidden_kinds + hidden_ways + hidden_skills, shows_costs)


def _grouped(entries: Iterable[Learned], key: Callable[[Learned], str | None]) -> dict[str, list[Learned]]:
    groups: dict[str, list[Learned]] = {}
    for entry in entries:
        if (name := key(entry)) is not None:
            groups.setdefault(name, []).append(entry)
    return groups


def _figures(entries: list[Learned], key, shows_costs: bool) -> tuple[tuple[GroupFigure, ...], int]:
    figures, hidden = [], 0
    for group, members in _grouped(entries, key).items():
        people = len({entry.employee_id for entry in members})
        if people < MIN_GROUP:
            hidden += 1
            continue
        answers = [entry for entry in members if entry.satisfaction is not None or entry.helped is not None]
        answered = len({entry.employee_id for entry in answers})
        costs = [entry.cost_cents for entry in members if entry.cost_cents is not None]
        figure = GroupFigure(group, people, len(members), sum(costs) if shows_costs and costs else None, answered)
        if answered >= MIN_GROUP:
            scores = [entry.satisfaction for entry in answers if entry.satisfaction is not None]
            figure = GroupFigure(
                group, people, len(members), figure.cost_cents, answered,
                sum(scores) / len(scores) if scores else None,
                {answer: sum(entry.helped == answer for entry in answers) for answer in HELPED_ANSWERS})
        figures.append(figure)
    return tuple(sorted(figures, key=lambda figure: (-figure.actions, figure.group))), hidden


def _rises(entries: list[Learned]) -> tuple[tuple[SkillRise, ...], int]:
    """Per skill a learning action aimed at, its level then and now, for the people with both; per
    person their first action on that skill counts (two courses on one skill are one rise)."""
    measured = [entry for entry in entries if entry.skill_id and entry.level_then is not None and entry.level_now is not None]
    rises, hidden = [], 0
    for skill_id, members in _grouped(measured, lambda entry: entry.skill_id).items():
        per_person = {}
        for entry in members:
            per_person.setdefault(entry.employee_id, entry)
        if len(per_person) < MIN_GROUP:
            hidden += 1
            continue
        levels = list(per_person.values())
        rises.append(SkillRise(
            skill_id, levels[0].skill, len(levels), sum(entry.level_then for entry in levels) / len(levels),
            sum(entry.level_now for entry in levels) / len(levels), sum(entry.level_now > entry.level_then for entry in levels)))
    return tuple(sorted(rises, key=lambda rise: (-(rise.after - rise.before), rise.skill_id))), hidden
