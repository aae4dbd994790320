"""The life of a conversation, as a small state machine.

open -> employee_submitted | manager_submitted -> ready (both in; answers revealed)
-> held (the meeting took place) -> reported (report final) -> acknowledged (employee read it).
Only HR can reopen a submitted side, and only before the meeting: once two people have talked
about the answers, rewriting them would rewrite history.
"""

from __future__ import annotations

from devtalk.errors import DevtalkError

STATUSES = ("open", "employee_submitted", "manager_submitted", "ready", "held", "reported", "acknowledged")
EVENTS = ("submit", "reopen", "hold", "finalise", "acknowledge")


class IllegalTransition(DevtalkError):
    key = "status.illegal_transition"


class AlreadySubmitted(IllegalTransition):
    key = "status.already_submitted"


_SUBMITTED_BY = {
    "open": frozenset(),
    "employee_submitted": frozenset({"employee"}),
    "manager_submitted": frozenset({"manager"}),
    "ready": frozenset({"employee", "manager"}),
}


def _status_for(submitted: frozenset[str]) -> str:
    return next(status for status, sides in _SUBMITTED_BY.items() if sides == submitted)


def submitted_sides(status: str) -> frozenset[str]:
    """The sides whose answers are frozen in this status."""
    if status in _SUBMITTED_BY:
        return _SUBMITTED_BY[status]
    return frozenset({"employee", "manager"})


def reopenable_sides(status: str) -> frozenset[str]:
    """The submitted sides HR may reopen now: none once the meeting is held."""
    return _SUBMITTED_BY.get(status, frozenset())


def still_to_fill_in(status: str, side: str | None) -> bool:
    """Whether this side has yet to submit its answers (None: not a side of the conversation)."""
    return side in ("employee", "manager") and status in _SUBMITTED_BY and side not in _SUBMITTED_BY[status]


def is_revealed(status: str) -> bool:
    """Both sides are in: from here on each side may see the other's answers."""
    return STATUSES.index(status) >= STATUSES.index("ready")


def is_reported(status: str) -> bool:
    """The report is final: from here on it and its actions are agreed, no longer the manager's draft."""
    return STATUSES.index(status) >= STATUSES.index("reported")


def next_status(status: str, event: str, side: str | None = None) -> str:
    """The status after ``event``; raises IllegalTransition when the event cannot happen now."""
    if status not in STATUSES or event not in EVENTS:
        raise IllegalTransition(status=status, event=event)
    if event == "submit":
        return _submit(status, side)
    if event == "reopen":
        return _reopen(status, side)
    follows = {"hold": ("ready", "held"), "finalise": ("held", "reported"), "acknowledge": ("reported", "acknowledged")}
    required, result = follows[event]
    if status != required:
        raise IllegalTransition(status=status, event=event)
    return result


def _submit(status: str, side: str | None) -> str:
    if status not in _SUBMITTED_BY:
        raise IllegalTransition(status=status, event="submit")
    sides = _SUBMITTED_BY[status]
    if side in sides:
        raise AlreadySubmitted(side=side)
    if side not in ("employee", "manager"):
        raise IllegalTransition(status=status, event="submit")
    return _status_for(sides | {side})


def _reopen(status: str, side: str | None) -> str:
    sides = reopenable_sides(status)
    if side not in sides:
        raise IllegalTransition(status=status, event="reopen")
    return _status_for(sides - {side})
