"""Learning requests and the skills picture: internal-first suggestions of colleagues who master
the skill, the skills a request can be about, and the "did it help?" check at the next conversation.

Actions carry no skill item (an agenda point becomes an action as text), so a request names its
skill through ``item_id``, which the coordinator picks from the employee's questionnaire.

Mastering a skill: a colleague's latest level (the agreed level of their latest final report, else
the manager's answer in their latest held conversation, db.matrix.latest_levels) at or above what
the employee's job function requires of it; without a requirement, at or above the scale's
second-highest point (4 on a 1-5 scale).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from db import conversations, matrix, people
from db import learning as store
from db import skills as skill_store
from devtalk.domain import access
from devtalk.domain.learning import Evaluation, LearningRequest
from devtalk.domain.models import Person
from devtalk.domain.skills import required_on
from devtalk.errors import NotAllowed, NotFound
from devtalk.questionnaire import Item
from devtalk.services.learning import decidable_request, questionnaire_of


@dataclass(frozen=True)
class Suggestion:
    """A colleague who masters the skill, to mentor the employee or take them along."""

    person: Person
    level: int
    agreed: bool  # from a final report; False: the manager's latest answer
    required: int  # the level counted as mastering the skill
    same_team: bool


@dataclass(frozen=True)
class HelpCheck:
    """An evaluated request beside the skill it was about: the level then and now."""

    request: LearningRequest
    evaluation: Evaluation
    item: Item | None
    level_then: int | None  # in the conversation the request came from (its agreed level, else the manager's answer)
    level_now: int | None  # the latest level (db.matrix.latest_levels)


def skill_choices(db: sqlite_utils.Database, actor: Person, request_id: int) -> list[Item]:
    """The skill items of the employee's questionnaire and job function, for the coordinator to
    say which skill a request is about (``item.wording("employee", lang)`` names it)."""
    request, employee = decidable_request(db, actor, request_id)
    questionnaire = questionnaire_of(db, request)
    return [] if questionnaire is None else list(questionnaire.skill_items(employee.function_id))


def suggestions(db: sqlite_utils.Database, actor: Person, request_id: int,
                item_id: str | None = None) -> list[Suggestion]:
    """Colleagues who master the request's skill (or ``item_id``, the one the coordinator picks),
    internal first: agreed levels before the manager's answers, then the highest level, the
    employee's own team first. None without a skill."""
    request, employee = decidable_request(db, actor, request_id)
    item_id = item_id or request.item_id
    questionnaire = questionnaire_of(db, request)
    if item_id is None or questionnaire is None:
        return []
    try:
        item = questionnaire.item(item_id)
    except KeyError:
        raise NotFound() from None
    scale = questionnaire.scale_of(item)
    if scale is None:
        return []
    required = {r.item_id: r.level for r in skill_store.requirements(db, questionnaire.id, employee.function_id)}
    threshold = required_on(scale, required.get(item_id)) or scale.points[-2]
    colleagues = {p.id: p for p in people.list_people(db, active_only=True) if p.id != employee.id}
    found = [
        Suggestion(colleagues[person_id], value, bool(agreed), threshold,
                   employee.manager_id is not None and colleagues[person_id].manager_id == employee.manager_id)
        for person_id, level_item, value, not_applicable, agreed in matrix.latest_levels(db, list(colleagues))
        if level_item == item_id and not not_applicable and value is not None and value >= threshold
    ]
    return sorted(found, key=lambda s: (not s.agreed, -s.level, not s.same_team, s.person.name.casefold()))


def help_checks(db: sqlite_utils.Database, actor: Person, employee_id: int,
                conversation_id: int | None = None) -> list[HelpCheck]:
    """Per evaluated request of the employee, for the "did it help?" check at the next
    conversation: the skill's level then and now. Whoever may open the employee's dossier, and
    the coordinator; the costs only for the coordinator and HR. Asked at a conversation of the
    employee (``conversation_id``), "now" is the manager's answer there once the actor may read it:
    that is the conversation the check is for, held or not."""
    employee = people.get_person(db, employee_id)
    if employee is None:
        raise NotFound() if access.sees_every_conversation(actor) else NotAllowed()
    if not (access.can_view_dossier(actor, employee) or access.coordinates_learning(actor)):
        raise NotAllowed()
    evaluated = [r for r in store.requests_of_employees(db, [employee_id]) if r.status == "evaluated"]
    if not evaluated:
        return []
    evaluations = store.evaluations(db, [r.id for r in evaluated])
    now = {item_id: value for _, item_id, value, not_applicable, _ in matrix.latest_levels(db, [employee_id])
           if not not_applicable}
    current = conversations.get_conversation(db, conversation_id) if conversation_id is not None else None
    if current is not None and current.employee_id == employee_id and access.can_read_side(actor, current, "manager"):
        now |= {item_id: answer.value for item_id, answer in conversations.answers_of(db, current.id, "manager").items()
                if answer.value is not None and not answer.not_applicable}
    # A manager at the conversation needs what was learned and whether it helped, not the price (as in learning._views).
    costs = access.coordinates_learning(actor)
    return [HelpCheck(request if costs else request.without_costs(), evaluations[request.id],
                      *_then_and_now(db, request, now)) for request in evaluated]


def _then_and_now(db, request: LearningRequest, now: dict[str, int | None]) -> tuple[Item | None, int | None, int | None]:
    if request.item_id is None:
        return None, None, None
    questionnaire = questionnaire_of(db, request)
    try:
        item = questionnaire.item(request.item_id) if questionnaire else None
    except KeyError:
        item = None
    then = None
    if request.conversation_id:
        agreed = skill_store.agreed_levels(db, request.conversation_id).get(request.item_id)
        answer = agreed or conversations.answers_of(db, request.conversation_id, "manager").get(request.item_id)
        then = answer.value if answer is not None and not answer.not_applicable else None
    return item, then, now.get(request.item_id)

