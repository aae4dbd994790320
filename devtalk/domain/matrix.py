"""The skills matrix: each person's level on each skill against what their job function requires,
how many people master each skill against the team's minimum, and the single points of failure.

Plain rules over plain values; devtalk.services.matrix gathers them, devtalk.presentation shows them.
A required level is on the item's own scale (devtalk.domain.skills.required_on), so a skill on a
scale of 1-3 and one on 1-5 compare each on their own: nothing is rescaled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from devtalk.domain.models import Person
from devtalk.questionnaire import Item, Scale

MET, BELOW, NO_REQUIREMENT, NOT_APPLICABLE, NO_DATA = "met", "below", "no_requirement", "not_applicable", "no_data"
STATES = (MET, BELOW, NO_REQUIREMENT, NOT_APPLICABLE, NO_DATA)
# One palette for the page, the XLSX and the PDF, so a printed matrix reads like the screen:
# green at or above the requirement, red below it, pale blue without one, greys for no level.
STATE_COLOURS = {MET: "#a5d6a7", BELOW: "#ef9a9a", NO_REQUIREMENT: "#bbdefb", NOT_APPLICABLE: "#e0e0e0",
                 NO_DATA: "#f5f5f5"}
# A critical skill whose team has no minimum set still needs someone besides the one who has it:
# held by one person, it is the textbook single point of failure.
DEFAULT_MINIMUM = 2


# One cell, a plain tuple like the team heatmap's (a matrix holds twelve thousand; the garbage
# collector stops tracking plain tuples of atoms): (level, agreed, required, state).
Cell = tuple[int | None, bool, int | None, str]


# A person's latest level on a skill: (value, not applicable, agreed). The agreed level of their
# latest report or, without one, the manager's answer of a held conversation (agreed false, shown
# marked). A plain tuple, as it comes from SQL, for the same reason as Cell.
Level = tuple[int | None, bool, bool]


def level(value: int | None, not_applicable: bool = False, agreed: bool = True) -> Level:
    return (value, not_applicable, agreed)


@dataclass(frozen=True)
class Minimum:
    """A team's minimum for a critical skill: at least ``people`` at ``level`` or higher."""

    people: int
    level: int | None  # None: each person's own required level


@dataclass(frozen=True)
class Skill:
    item: Item
    section_id: str
    scale: Scale  # the item's own: its requirement is a level on it
    functions: tuple[str, ...] | None = None  # the job functions its section is for; None: everyone

    def asked_of(self, function_id: str | None) -> bool:
        return self.functions is None or function_id in self.functions


# A skill of a section someone's job function does not get (TIG welding for a sheet-metal worker).
NOT_ASKED: Cell = (None, False, None, NOT_APPLICABLE)


def cell(found: Level | None, required: int | None) -> Cell:
    """The level, whether it was agreed, the required level and the cell's state."""
    if found is None:
        return (None, False, required, NO_DATA)
    value, not_applicable, agreed = found
    if not_applicable:
        return (None, agreed, required, NOT_APPLICABLE)
    if value is None:
        return (None, False, required, NO_DATA)
    if required is None:
        return (value, agreed, None, NO_REQUIREMENT)
    return (value, agreed, required, MET if value >= required else BELOW)


def masters(found: Level | None, threshold: int | None) -> bool:
    """Whether this level counts towards a minimum of ``threshold`` or higher."""
    return threshold is not None and found is not None and not found[1] and found[0] is not None and found[0] >= threshold


@dataclass(frozen=True)
class SkillCount:
    """Per skill: how many of the people shown are at or above their requirement; against the sum of
    the minimums of the teams shown (None: no team has one), how many reach the minimum's level; and
    whether some team falls short (a surplus in one team does not make up for another)."""

    skill: Skill
    at_requirement: int
    required_of: int  # how many of the people shown have a requirement on it
    minimum: int | None
    at_minimum: int
    short: bool


SKILL, CERTIFICATE = "skill", "certificate"


@dataclass(frozen=True)
class SinglePoint:
    """A critical skill or a certificate that fewer of a team hold than its minimum."""

    kind: str  # SKILL or CERTIFICATE
    team: Person  # the team's manager
    holders: tuple[str, ...]  # the names of who holds it now
    minimum: int
    skill: Skill | None = None
    certificate: str = ""  # the certificate type's name

    def name(self, lang: str) -> str:
        return self.skill.item.wording("manager", lang) if self.skill else self.certificate


@dataclass(frozen=True)
class Gap:
    """One skill on which a person is below their requirement, or has no level yet."""

    skill: Skill
    level: int | None
    required: int
    critical: bool

    @property
    def short_by(self) -> int | None:
        return None if self.level is None else self.required - self.level


@dataclass(frozen=True)
class Matrix:
    people: tuple[Person, ...]  # the rows, by name
    skills: tuple[Skill, ...]  # the columns, in questionnaire order
    rows: tuple[tuple[Cell, ...], ...]  # one per person, one cell per skill
    counts: tuple[SkillCount, ...]  # one per skill
    single_points: tuple[SinglePoint, ...]
    gaps: dict[int, tuple[Gap, ...]]  # person id -> their gaps, critical first, then the largest
    as_of: date

    def cell(self, person_id: int, item_id: str) -> Cell:
        row = next(index for index, person in enumerate(self.people) if person.id == person_id)
        column = next(index for index, skill in enumerate(self.skills) if skill.item.id == item_id)
        return self.rows[row][column]


def gaps_of(cells: tuple[Cell, ...], skills: tuple[Skill, ...], critical: set[str]) -> tuple[Gap, ...]:
    """The skills below requirement or without a level yet; critical first, then the largest shortfall.
    ``critical``: the item ids critical to this person's job function."""
    found = [Gap(skill, level, required, skill.item.id in critical)
             for skill, (level, _, required, state) in zip(skills, cells)
             if required is not None and state in (BELOW, NO_DATA)]
    return tuple(sorted(found, key=lambda gap: (not gap.critical, -(gap.short_by if gap.short_by is not None else 0))))


def short_teams(holders: dict[int, list[str]], minimums: dict[int, int], teams: dict[int, Person],
                skill: Skill | None = None, certificate: str = "") -> list[SinglePoint]:
    """A single point of failure for each team shown whose holders are fewer than its minimum."""
    kind = SKILL if skill else CERTIFICATE
    return [SinglePoint(kind, teams[team_id], tuple(holders.get(team_id, ())), minimum, skill, certificate)
            for team_id, minimum in minimums.items()
            if team_id in teams and len(holders.get(team_id, ())) < minimum]
