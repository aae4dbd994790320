"""The team pictures' records: what HR's team page shows, built by devtalk.services.team and
turned into tables and charts by devtalk.presentation.team_frames."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from devtalk.domain.models import Person, Round
from devtalk.questionnaire import Item

VIEWS = ("employee", "manager", "average")


# One person's answers on one item, in the order of VIEWS. A plain tuple, not a class: a heatmap
# holds twelve thousand of them, and the garbage collector stops tracking a plain tuple of numbers
# but keeps walking every instance of a tuple subclass (a NamedTuple), which cost as much as the query.
Cell = tuple[int | None, int | None, float | None]
GAP: Cell = (None, None, None)


@dataclass(frozen=True)
class Heatmap:
    round: Round
    items: tuple[Item, ...]  # the columns: the function's skill items in questionnaire order
    people: tuple[tuple[int, str], ...]  # the rows: (id, name) of everyone with a conversation in the round
    cells: dict[tuple[int, str], Cell]  # (person id, item id); a missing cell is a gap
    scale: tuple[int, int]  # the lowest and highest point of the items' scales

    def value(self, person_id: int, item_id: str, view: str) -> float | None:
        return self.cells.get((person_id, item_id), GAP)[VIEWS.index(view)]

    def values(self, view: str) -> list[float | None]:
        """Every cell's value, person by person and item by item; None for a gap."""
        cells, index, item_ids = self.cells, VIEWS.index(view), [item.id for item in self.items]
        return [cells.get((person_id, item_id), GAP)[index] for person_id, _ in self.people for item_id in item_ids]


@dataclass(frozen=True)
class SinglePoint:
    item: Item
    masters: int  # 0 or 1
    person: Person | None  # the one who masters it


@dataclass(frozen=True)
class ClimateFigure:
    condition: str
    average: float | None  # None: too few respondents to show anything

    @property
    def too_few(self) -> bool:
        return self.average is None


@dataclass(frozen=True)
class Trends:
    rounds: list[Round]  # oldest first
    items: dict[str, Item]  # by id, worded as in the newest round that asks it
    averages: dict[tuple[int, str], tuple[float, int]]  # (round id, item id) -> (average, respondents)


@dataclass(frozen=True)
class ActionLine:
    id: int
    what: str
    kind: str
    status: str
    due_date: date | None
    helped: str | None
    employee: str
    team: str | None
    owner: str | None
    round: str
    overdue: bool


@dataclass(frozen=True)
class ActionsOverview:
    lines: list[ActionLine]  # overdue first, then by due date
    ratings: dict[str, dict[str, int]]  # kind -> helped/partly/not -> count, for the kinds ever rated
