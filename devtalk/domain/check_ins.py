"""Check-ins between two yearly talks: who may take part, and what one leaves for the next talk.

A check-in is between the employee and their manager now: either starts one, both read and write
it while it is open. HR knows that it took place, never what was said. A sign-in code opens the
person's own check-ins only (``access.leads`` refuses such a session a team).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from devtalk.domain import access
from devtalk.domain.models import Action, CheckIn, Person
from devtalk.questionnaire import Item

STILL_OPEN = ("open", "in_progress")


def takes_part(actor: Person, employee: Person) -> bool:
    """The employee themselves or their manager now, both still active."""
    return access.may_act(actor) and employee.active and (actor.id == employee.id or access.leads(actor, employee))


def knows_of(actor: Person, employee: Person) -> bool:
    """Who sees that check-ins took place (also after the employee left): the employee, their
    manager now, and HR outside a sign-in-code session."""
    if not access.may_act(actor):
        return False
    return actor.id == employee.id or access.leads(actor, employee) or access.sees_every_conversation(actor)


@dataclass(frozen=True)
class Asked:
    """One check-in as the next talk's agenda needs it: when, what it asked, what was answered,
    and which actions it listed as open."""

    check_in: CheckIn
    questions: tuple[Item, ...]
    answers: Mapping[str, str]
    action_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class CarriedPoint:
    """Something check-ins leave for the next talk: a question whose latest asking got no answer
    (``question`` set), or an action a check-in listed that is still open now (``action_id`` set)."""

    on: date
    question: Item | None = None
    action_id: int | None = None


def carried_points(asked: Iterable[Asked], actions: Mapping[int, Action]) -> tuple[CarriedPoint, ...]:
    """The rule that carries check-ins into the next agenda, oldest check-in first.

    A question counts by its latest asking: left empty there, it is a point (dated by that
    check-in); answered there, it is not, whatever an earlier check-in left open. An action that
    any check-in listed is a point while it is open or in progress now, dated by the latest
    check-in that listed it; done or dropped since, it is not (its look back stays as before)."""
    questions: dict[str, CarriedPoint | None] = {}
    listed: dict[int, date] = {}
    for entry in sorted(asked, key=lambda entry: (entry.check_in.started_at, entry.check_in.id)):
        on = entry.check_in.started_at.date()
        for item in entry.questions:
            answered = bool((entry.answers.get(item.id) or "").strip())
            questions[item.id] = None if answered else CarriedPoint(on, question=item)
        for action_id in entry.action_ids:
            listed[action_id] = on
    open_actions = [CarriedPoint(on, action_id=action_id) for action_id, on in listed.items()
                    if action_id in actions and actions[action_id].status in STILL_OPEN]
    return tuple(point for point in questions.values() if point is not None) + tuple(open_actions)
