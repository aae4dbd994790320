"""Questionnaires: the immutable model a conversation is answered on, and how to load one.

The YAML contract (see README.md) is checked by ``validation``; this module holds what a
valid file becomes. Item ids are stable across versions: answers and
year-on-year trends hang on them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

ITEM_TYPES = ("likert", "open")
CONDITIONS = ("organisation", "workplace", "learner")
TAGS = ("energy", "learning_wish", "learning_style", "support_needed", "looking_back")
# What a Likert item measures. Only a skill is a level someone masters: the skills pictures
# (heatmap, single points of failure, trends, the skills matrix) show skill items only.
KINDS = ("skill", "climate", "satisfaction", "other")


def default_kind(functions: tuple[str, ...] | None, condition: str | None) -> str:
    """The kind of a Likert item whose file names none (every version stored before kinds existed).

    A learning-climate section is climate. A section of one or more job functions is about the
    trade, so its items are skills. A section for everyone mixes looking back, satisfaction and
    attitude (what made the old skills pictures wrong), so its items only count as skills when
    the file says so."""
    if condition is not None:
        return "climate"
    return "skill" if functions is not None else "other"


def localized(texts: Mapping[str, str] | None, lang: str) -> str:
    """The text in ``lang``, else Dutch, else any language the file has; "" for none."""
    if not texts:
        return ""
    return texts.get(lang) or texts.get("nl") or next(iter(texts.values()))


# Texts are read-only mappings, which cannot be hashed: they stay out of the hash (equality
# still compares them), so the model can be a dict key or a cache argument.
@dataclass(frozen=True)
class Scale:
    id: str
    points: tuple[int, ...]
    labels: Mapping[int, Mapping[str, str]] = field(hash=False)
    not_applicable: bool = False

    def label(self, point: int, lang: str) -> str:
        """The label of ``point`` in ``lang``; "" when the scale gives none."""
        return localized(self.labels.get(point), lang)


@dataclass(frozen=True)
class Item:
    id: str
    type: str
    text: Mapping[str, str] = field(hash=False)
    scale: str | None = None
    text_manager: Mapping[str, str] | None = field(default=None, hash=False)
    help: Mapping[str, str] | None = field(default=None, hash=False)
    required: bool = True
    tags: tuple[str, ...] = ()
    kind: str | None = None  # one of KINDS for a likert item, None for an open one

    @property
    def is_skill(self) -> bool:
        """Whether the item is a skill: a likert item whose answers are levels of mastery."""
        return self.type == "likert" and self.kind == "skill"

    def wording(self, side: str, lang: str) -> str:
        """The question as this side reads it: the manager's own wording where the file gives one."""
        if side == "manager" and self.text_manager:
            return localized(self.text_manager, lang)
        return localized(self.text, lang)


@dataclass(frozen=True)
class Section:
    id: str
    title: Mapping[str, str] = field(hash=False)
    items: tuple[Item, ...]
    intro: Mapping[str, str] | None = field(default=None, hash=False)
    functions: tuple[str, ...] | None = None
    condition: str | None = None

    def applies_to(self, function_id: str | None) -> bool:
        """Whether people in this job function get the section; a section without functions is for everyone."""
        return self.functions is None or function_id in self.functions

    @property
    def employee_only(self) -> bool:
        """A learning-climate section (one that names a condition) asks how the employee experiences
        the workplace: only the employee answers it, only they see their answers, and anyone else
        sees them only as a group figure of at least three people (the team view)."""
        return self.condition is not None


@dataclass(frozen=True)
class Questionnaire:
    id: str
    title: Mapping[str, str] = field(hash=False)
    languages: tuple[str, ...]
    scales: Mapping[str, Scale] = field(hash=False)
    sections: tuple[Section, ...]
    intro: Mapping[str, str] | None = field(default=None, hash=False)

    def sections_for(self, function_id: str | None, side: str = "employee") -> tuple[Section, ...]:
        """The sections a conversation about a person in this job function asks on this side's form:
        the manager's form leaves out the employee-only ones."""
        return tuple(section for section in self.sections if section.applies_to(function_id)
                     and (side == "employee" or not section.employee_only))

    def items_for(self, function_id: str | None, side: str = "employee") -> tuple[Item, ...]:
        """The items this side is asked about a person in this job function, in questionnaire order."""
        return tuple(item for section in self.sections_for(function_id, side) for item in section.items)

    def skill_items(self, function_id: str | None) -> tuple[Item, ...]:
        """The skill items of the sections that apply to this job function, in questionnaire order.
        Learning-climate sections never hold skills (the checker refuses it), so nothing here is
        employee-only."""
        return tuple(item for item in self.items_for(function_id, "manager") if item.is_skill)

    def employee_only(self, item_id: str) -> bool:
        """Whether the item is in an employee-only (learning-climate) section; False for an unknown id."""
        return item_id in self._employee_only_ids

    @cached_property
    def _employee_only_ids(self) -> frozenset[str]:
        return frozenset(item.id for section in self.sections if section.employee_only for item in section.items)

    def all_items(self) -> tuple[Item, ...]:
        """Every item of every section, in questionnaire order."""
        return tuple(item for section in self.sections for item in section.items)

    def item(self, item_id: str) -> Item:
        """The item with this id; KeyError when there is none."""
        return self._items_by_id[item_id]

    @cached_property
    def _items_by_id(self) -> dict[str, Item]:
        return {item.id: item for item in self.all_items()}

    def scale_of(self, item: Item) -> Scale | None:
        """The scale a likert item is answered on; None for open items."""
        return self.scales.get(item.scale) if item.scale else None


def content_hash(text: str | bytes) -> str:
    """Identifies a stored version: the SHA-256 of the exact bytes."""
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()
