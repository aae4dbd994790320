"""The yearly training plan (*opleidingsplan*): per learning request of the year, what is learned,
why (the conversation and the skill or certificate behind it), internal or external, when, what it
costs, the subsidy and where it stands. It is the document a sector training fund or an auditor
asks for, and the director signs it.

Plain records, no storage: the service fills them in from the learning requests and leaves the
money out (None) for a reader who may not see it. Money is whole cents throughout, so no total
drifts the way sums of floats do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PlanSubsidy:
    fund: str
    scheme: str
    expected_cents: int | None
    status: str  # to_apply, applied, granted, paid


@dataclass(frozen=True)
class PlanLine:
    request_id: int
    employee_id: int
    employee: str
    team_id: int | None  # the employee's manager: a team is the people one manager leads
    team: str  # the manager's name, "" for someone without a manager
    what: str
    kind: str
    status: str
    skill: Mapping[str, str] | None = None  # the skill's text per language: why this learning
    certificate: str = ""  # the certificate a renewal keeps valid: why this learning
    conversation: str = ""  # the round of the conversation that agreed it
    decision: str | None = None  # internal, external (learning.DECISIONS), or None while undecided
    colleague: str = ""  # who teaches it inside the firm
    provider: str = ""
    start: date | None = None
    end: date | None = None
    estimated_cents: int | None = None
    actual_cents: int | None = None
    hours: float | None = None
    subsidy: PlanSubsidy | None = None
    decline_reason: str = ""


@dataclass(frozen=True)
class Plan:
    year: int
    lines: tuple[PlanLine, ...]  # by team, then employee, then start
    shows_costs: bool  # False: every amount above is None, the reader may not see money
    firm: str = ""


@dataclass(frozen=True)
class PlanTotals:
    requests: int
    estimated_cents: int
    actual_cents: int
    subsidy_cents: int
    hours: float


def plan_totals(lines: Iterable[PlanLine]) -> PlanTotals:
    """What the lines add up to; an amount nobody entered counts as nothing."""
    lines = list(lines)
    return PlanTotals(
        len(lines),
        sum(line.estimated_cents or 0 for line in lines),
        sum(line.actual_cents or 0 for line in lines),
        sum((line.subsidy.expected_cents or 0) if line.subsidy else 0 for line in lines),
        sum(line.hours or 0 for line in lines),
    )


def by_team(lines: Iterable[PlanLine]) -> dict[int | None, list[PlanLine]]:
    """The lines per team, in the order they came (the plan's order: by team name)."""
    teams: dict[int | None, list[PlanLine]] = {}
    for line in lines:
        teams.setdefault(line.team_id, []).append(line)
    return teams


def sort_key(line: PlanLine) -> tuple:
    """Teams by their manager's name (no team last), then the employee, then when it starts."""
    return (not line.team, line.team.casefold(), line.employee.casefold(), line.start or date.max, line.request_id)
