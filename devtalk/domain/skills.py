"""What a job function requires of a skill, and whether a person falls short of it.

A requirement is a level on the item's own scale. Once the report agrees a level, that level is
what counts; before that a person falls short only where both answers say so, because one side's
low score alone is a difference of view (the comparison's gap), not yet a shortfall.
"""

from __future__ import annotations

from dataclasses import dataclass

from devtalk.domain.models import Answer
from devtalk.questionnaire import Scale


@dataclass(frozen=True)
class Requirement:
    """A job function's required level of one item (None: none set) and whether it is critical."""

    function_id: str
    questionnaire_id: str
    item_id: str
    level: int | None
    critical: bool = False


@dataclass(frozen=True)
class TeamMinimum:
    """At least ``people`` of a manager's team must master the item at ``level`` or higher."""

    manager_id: int
    questionnaire_id: str
    item_id: str
    people: int
    level: int


@dataclass(frozen=True)
class LatestLevel:
    """A person's latest level of one item: the agreed level of their latest final report, or
    (``agreed`` False, to be shown as such) the manager's answer in a held conversation."""

    person_id: int
    item_id: str
    value: int | None
    not_applicable: bool
    agreed: bool


def required_on(scale: Scale, level: int | None) -> int | None:
    """The required level as the item's scale can hold it: a requirement set on a longer scale
    (the questionnaire's next version shortened it) asks for the top of the shorter one."""
    if level is None:
        return None
    return min(max(level, scale.points[0]), scale.points[-1])


def _below(answer: Answer | None, required: int) -> bool:
    return answer is not None and not answer.not_applicable and answer.value is not None and answer.value < required


def falls_short(scale: Scale, required: int | None, agreed: Answer | None,
                employee: Answer | None, manager: Answer | None) -> bool:
    """Below the required level: the agreed level once there is one (n.v.t. agreed is no
    shortfall: both said the item does not apply), else both answers below it."""
    level = required_on(scale, required)
    if level is None:
        return False
    if agreed is not None:
        return _below(agreed, level)
    return _below(employee, level) and _below(manager, level)
