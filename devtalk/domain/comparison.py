"""Putting the employee's and the manager's answers side by side.

The point is not who is right but where the two pictures differ: those are the things
worth talking about. Gaps are judged relative to the scale, so a 10-point scale does not
shout about differences a 5-point scale would call small.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property

from devtalk.domain.models import Answer
from devtalk.domain.skills import Requirement, falls_short, required_on
from devtalk.i18n import t
from devtalk.questionnaire import Item, Questionnaire, Scale

AGREE, SMALL_GAP, LARGE_GAP = "agree", "small_gap", "large_gap"
NA_ONE_SIDE, NA_BOTH, MISSING = "na_one_side", "na_both", "missing"


def large_gap_threshold(scale: Scale) -> int:
    """From this difference on, a gap stands out: 2 on a 5-point scale, 3 on a 10-point one."""
    return max(2, math.ceil((scale.points[-1] - scale.points[0]) / 3))


def is_low(value: int | None, scale: Scale) -> bool:
    """In the bottom quarter of the scale (1 or 2 on a 1-5 scale)."""
    if value is None:
        return False
    return value - scale.points[0] <= (scale.points[-1] - scale.points[0]) / 4


@dataclass(frozen=True)
class ItemComparison:
    section_id: str
    item: Item
    scale: Scale
    employee: Answer | None
    manager: Answer | None
    requirement: Requirement | None = None  # what the employee's job function asks of this item
    agreed: Answer | None = None  # the level the report agreed, where the reader may see it

    @property
    def required(self) -> int | None:
        """The required level on this item's scale, None where the function asks none."""
        return required_on(self.scale, self.requirement.level) if self.requirement else None

    @property
    def short_of_required(self) -> bool:
        return falls_short(self.scale, self.required, self.agreed, self.employee, self.manager)

    # The page, the agenda, the tables and the chart each ask for these many times per row.
    @cached_property
    def difference(self) -> int | None:
        """Manager minus employee; None unless both gave a value."""
        if self.employee is None or self.manager is None:
            return None
        if self.employee.value is None or self.manager.value is None:
            return None
        return self.manager.value - self.employee.value

    @cached_property
    def gap(self) -> int | None:
        return None if self.difference is None else abs(self.difference)

    @cached_property
    def flag(self) -> str:
        na = [a is not None and a.not_applicable for a in (self.employee, self.manager)]
        if all(na):
            return NA_BOTH
        if any(na):
            return NA_ONE_SIDE
        if self.gap is None:
            return MISSING
        if self.gap == 0:
            return AGREE
        return LARGE_GAP if self.gap >= large_gap_threshold(self.scale) else SMALL_GAP

    @property
    def both_low(self) -> bool:
        return all(a is not None and is_low(a.value, self.scale) for a in (self.employee, self.manager))


@dataclass(frozen=True)
class OpenComparison:
    section_id: str
    item: Item
    employee_text: str
    manager_text: str


@dataclass(frozen=True)
class SectionComparison:
    section_id: str
    title: dict
    likert: tuple[ItemComparison, ...]
    open: tuple[OpenComparison, ...]


@dataclass(frozen=True)
class Comparison:
    sections: tuple[SectionComparison, ...]

    @cached_property
    def likert(self) -> tuple[ItemComparison, ...]:
        return tuple(row for section in self.sections for row in section.likert)

    @cached_property
    def open(self) -> tuple[OpenComparison, ...]:
        return tuple(row for section in self.sections for row in section.open)

    @cached_property
    def _likert_by_item(self) -> dict[str, ItemComparison]:
        return {row.item.id: row for row in self.likert}

    def likert_row(self, item_id: str) -> ItemComparison | None:
        """Both answers to one scale item, or None when the comparison has no such item."""
        return self._likert_by_item.get(item_id)

    def by_gap(self) -> list[ItemComparison]:
        """Largest gaps first; an item only one side found applicable comes right after them,
        because "this is not part of my job" versus a score is itself worth a question."""
        rank = {LARGE_GAP: 0, NA_ONE_SIDE: 1, SMALL_GAP: 2, AGREE: 3, MISSING: 4, NA_BOTH: 5}
        return sorted(self.likert, key=lambda row: (rank[row.flag], -(row.gap or 0)))

    def largest_gaps(self) -> list[ItemComparison]:
        return [row for row in self.by_gap() if row.flag == LARGE_GAP]

    @property
    def has_requirements(self) -> bool:
        return any(row.required is not None for row in self.likert)

    @property
    def has_agreed(self) -> bool:
        return any(row.agreed is not None for row in self.likert)

    def short_of_required(self) -> list[ItemComparison]:
        """The items below what the job function requires, critical ones first."""
        short = [row for row in self.likert if row.short_of_required]
        return sorted(short, key=lambda row: not (row.requirement and row.requirement.critical))

    def with_levels(self, requirements: Mapping[str, Requirement], agreed: Mapping[str, Answer]) -> Comparison:
        """The same comparison with each item's requirement and agreed level, by item id."""
        return Comparison(tuple(
            replace(section, likert=tuple(
                replace(row, requirement=requirements.get(row.item.id), agreed=agreed.get(row.item.id))
                for row in section.likert))
            for section in self.sections))


def compare(
    questionnaire: Questionnaire,
    function_id: str | None,
    employee: dict[str, Answer],
    manager: dict[str, Answer],
) -> Comparison:
    """Both sides of every item both are asked about the employee's job function, section by section
    (the employee-only learning climate is nobody else's to see per person, and has no second side)."""
    sections = []
    for section in questionnaire.sections_for(function_id, "manager"):
        likert, open_ = [], []
        for item in section.items:
            if item.type == "likert":
                scale = questionnaire.scale_of(item)
                likert.append(ItemComparison(section.id, item, scale, employee.get(item.id), manager.get(item.id)))
            else:
                open_.append(OpenComparison(section.id, item, _text(employee.get(item.id)), _text(manager.get(item.id))))
        sections.append(SectionComparison(section.id, dict(section.title), tuple(likert), tuple(open_)))
    return Comparison(tuple(sections))


def shown_answer(answer: Answer | None, lang: str) -> str:
    """One side's answer to a scale item as a reader sees it: the value, "n.v.t." or a dash."""
    if answer is None:
        return "—"
    if answer.not_applicable:
        return t("fill.not_applicable", lang)
    return "—" if answer.value is None else str(answer.value)


def _text(answer: Answer | None) -> str:
    return (answer.text or "").strip() if answer else ""
