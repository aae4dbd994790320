"""Learning requests as records and the rules about them that need no storage: which follow-up
actions are learning, the status machine, euros as integer cents, and the budget's sums.

Which action kinds are learning (``LEARNING_KINDS``): those the training coordinator has something
to organise, book or pay for, so they enter the coordinator's queue: a course or training, a
certificate's renewal, coaching, a mentor, walking along with a colleague, job rotation,
instruction on the job and peer consultation (the last four take a colleague's hours, which is
where internal-first looks). Not learning requests: task enrichment (the manager hands out the
work), reading (the employee's own) and "other" (nothing said about what to arrange).

The status of a request::

    requested -approve-> approved -plan-> planned -done-> done -evaluate-> evaluated
    requested | approved | planned -decline-> declined (with a reason the employee reads)

Money is integer cents everywhere (storage, sums); euros are parsed and written with Decimal, so
no amount drifts through a float. The budget of a year (the firm's, or one team's) is committed by
approved and planned requests (their estimate) and spent by done and evaluated ones (their actual
cost, else the estimate); what remains is the budget minus both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from devtalk.errors import DevtalkError, InvalidInput

LEARNING_KINDS = (
    "course",
    "certificate_renewal",
    "coaching",
    "mentor",
    "walk_along",
    "job_rotation",
    "on_the_job",
    "peer_consultation",
)
STATUSES = ("requested", "approved", "planned", "done", "evaluated", "declined")
MOVES = ("approve", "plan", "done", "evaluate", "decline")
COMMITTED_STATUSES = ("approved", "planned")
SPENT_STATUSES = ("done", "evaluated")
DECISIONS = ("internal", "external")
SUBSIDY_STATUSES = ("to_apply", "applied", "granted", "paid")
SATISFACTION = (1, 2, 3, 4, 5)

_FOLLOWS = {
    "approve": (("requested",), "approved"),
    "plan": (("approved",), "planned"),
    "done": (("planned",), "done"),
    "evaluate": (("done",), "evaluated"),
    "decline": (("requested", "approved", "planned"), "declined"),
}


class IllegalMove(DevtalkError):
    """The request is not in a status this step can follow (e.g. planning a declined request)."""

    key = "learning.illegal_move"


def next_status(status: str, move: str) -> str:
    """The status after ``move``; IllegalMove when the move cannot happen now."""
    if status not in STATUSES or move not in _FOLLOWS:
        raise IllegalMove(status=status, move=move)
    sources, target = _FOLLOWS[move]
    if status not in sources:
        raise IllegalMove(status=status, move=move)
    return target


# --- euros and cents -------------------------------------------------------------------------

_CENT = Decimal("0.01")
_DUTCH = re.compile(r"^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+(,\d{1,2})?$")
# Typed the English way: a point before one or two decimals ("12.50"), never a thousands point.
_POINT_DECIMALS = re.compile(r"^\d+\.\d{1,2}$")
MAX_CENTS = 100_000_000_00  # a hundred million euros: anything above is a typing error


def parse_euros(text: str | None, field: str = "amount") -> int | None:
    """Cents from an amount as people type it in Dutch: "12,50", "1.234,56", "€ 1.234", also "12.50";
    empty is None. Anything else (letters, a minus, three decimals, misplaced thousands points) is
    InvalidInput naming ``field``, so the form shows it at the field and stores nothing."""
    cleaned = re.sub(r"[\s\u00a0€]", "", text or "").removeprefix("EUR")
    if not cleaned:
        return None
    if _POINT_DECIMALS.match(cleaned):
        amount = Decimal(cleaned)
    elif _DUTCH.match(cleaned):
        amount = Decimal(cleaned.replace(".", "").replace(",", "."))
    else:
        raise InvalidInput("learning.amount_invalid", field=field, value=text.strip())
    cents = int(amount * 100)
    if cents > MAX_CENTS:
        raise InvalidInput("learning.amount_too_large", field=field, value=text.strip())
    return cents


def euros(cents: int) -> Decimal:
    """The exact amount in euros (for a spreadsheet cell, ``float`` of this is exact to the cent)."""
    return (Decimal(cents) / 100).quantize(_CENT)


def format_euros(cents: int | None, lang: str = "nl", whole: bool = False) -> str:
    """"€ 1.234,56" in Dutch, "€1,234.56" in English; ``whole`` rounds half up to whole euros
    ("€ 1.235"). A dash for no amount."""
    if cents is None:
        return "—"
    amount = euros(abs(cents))
    if whole:
        amount = amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    written = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    if lang == "nl":
        written = written.translate(str.maketrans(",.", ".,"))
    sign = "-" if cents < 0 else ""
    return f"{sign}€ {written}" if lang == "nl" else f"{sign}€{written}"


def parse_hours(text: str | None, field: str = "hours") -> Decimal | None:
    """Hours as typed, "7,5" or "7.5" (at most 2 decimals); empty is None."""
    cleaned = (text or "").strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        hours = Decimal(cleaned)
    except InvalidOperation:
        raise InvalidInput("learning.hours_invalid", field=field, value=text.strip()) from None
    if not hours.is_finite() or hours < 0 or hours > 10_000 or hours != hours.quantize(_CENT):
        raise InvalidInput("learning.hours_invalid", field=field, value=text.strip())
    return hours


# --- records ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class LearningRequest:
    """One request in the coordinator's queue, from an agreed action or a certificate's renewal."""

    id: int
    employee_id: int
    kind: str
    what: str
    year: int
    status: str = "requested"
    action_id: int | None = None
    conversation_id: int | None = None
    certificate_id: int | None = None
    item_id: str | None = None  # the skill it is about, when known (the coordinator picks it)
    question: str = ""  # the question behind the question, in the employee's words
    decision: str | None = None  # internal | external
    colleague_id: int | None = None  # internal: who teaches, mentors or takes them along
    provider: str = ""
    planned_start: date | None = None
    planned_end: date | None = None
    estimated_cents: int | None = None
    actual_cents: int | None = None
    hours: Decimal | None = None
    decline_reason: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def cost_cents(self) -> int | None:
        """What it costs as far as known: the actual cost once entered, else the estimate."""
        return self.actual_cents if self.actual_cents is not None else self.estimated_cents

    def without_costs(self) -> LearningRequest:
        """The request as someone who does not see costs gets it."""
        return replace(self, estimated_cents=None, actual_cents=None)


@dataclass(frozen=True)
class Subsidy:
    """What the coordinator expects from a training fund; no fund's rules are built in."""

    request_id: int
    fund: str
    scheme: str = ""
    expected_cents: int | None = None
    status: str = "to_apply"


@dataclass(frozen=True)
class Evaluation:
    """The employee's three answers after a request is done."""

    request_id: int
    learned: str = ""
    satisfaction: int | None = None
    helped: str | None = None
    evaluated_at: datetime | None = None

    @property
    def complete(self) -> bool:
        return bool(self.learned.strip()) and self.satisfaction is not None and self.helped is not None


@dataclass(frozen=True)
class Budget:
    year: int
    cents: int
    manager_id: int | None = None  # None: the firm's budget; else the team of this manager


@dataclass(frozen=True)
class StatusChange:
    at: datetime
    actor_id: int | None
    from_status: str | None
    to_status: str
    reason: str = ""


@dataclass(frozen=True)
class BudgetState:
    """A year's budget (the firm's or a team's) against what the requests in it commit and spend."""

    year: int
    manager_id: int | None
    budget_cents: int | None  # None: no budget set
    committed_cents: int = 0
    spent_cents: int = 0

    @property
    def remaining_cents(self) -> int | None:
        if self.budget_cents is None:
            return None
        return self.budget_cents - self.committed_cents - self.spent_cents

    @property
    def overspent(self) -> bool:
        return self.remaining_cents is not None and self.remaining_cents < 0


def budget_state(year: int, manager_id: int | None, budget_cents: int | None,
                 requests: Iterable[LearningRequest]) -> BudgetState:
    """The sums over ``requests`` (those of the year and of the team the budget is for)."""
    committed = spent = 0
    for request in requests:
        if request.status in COMMITTED_STATUSES:
            committed += request.estimated_cents or 0
        elif request.status in SPENT_STATUSES:
            spent += request.cost_cents or 0
    return BudgetState(year, manager_id, budget_cents, committed, spent)


def with_approval(state: BudgetState, request: LearningRequest) -> BudgetState:
    """The budget as it would stand once ``request`` (still requested) is approved: its estimate committed."""
    if request.status != "requested":
        return state
    return replace(state, committed_cents=state.committed_cents + (request.estimated_cents or 0))
