"""What the learning of a year brought, per group (seed chapter 7): which kinds of learning were
used, how satisfied people were and whether it helped in their work, what each kind cost,
internal against external, and the skills whose level rose after a learning action.

Who: the training coordinator and HR for the firm or one team (with costs), a manager for their
own team (without costs, as in the plan); nobody else, checked on every call. Counted are the
requests that took place (done or evaluated); figures of fewer than MIN_GROUP people are left
out (devtalk.domain.learning_evaluation).
"""

from __future__ import annotations

import sqlite_utils

from db import people
from devtalk.domain import access
from devtalk.domain.learning import SPENT_STATUSES
from devtalk.domain.learning_evaluation import GroupEvaluation, Learned, evaluate
from devtalk.domain.models import Person
from devtalk.errors import NotAllowed
from devtalk.services import learning
from devtalk.services.learning_skills import help_checks


def evaluation(db: sqlite_utils.Database, actor: Person, year: int, team_id: int | None = None) -> GroupEvaluation:
    """The year's group figures for the firm or one team, as far as this person may see them."""
    coordinator = access.coordinates_learning(actor)
    if not coordinator:
        if not _leads_a_team(db, actor):
            raise NotAllowed("learning_evaluation.no_team")
        if team_id not in (None, actor.id):
            raise NotAllowed()
        team_id = actor.id  # the team alone: their own learning is no part of their team's figures
    used = [view for view in learning.plan_requests(db, actor, year, team_id=team_id)
            if view.request.status in SPENT_STATUSES]
    levels = {}
    for employee_id in sorted({view.request.employee_id for view in used if view.request.status == "evaluated"}):
        levels.update({check.request.id: check for check in help_checks(db, actor, employee_id)})
    return evaluate(year, [_learned(view, levels.get(view.request.id)) for view in used], coordinator)


def _leads_a_team(db: sqlite_utils.Database, actor: Person) -> bool:
    return access.may_act(actor) and any(access.leads(actor, person) for person in people.direct_reports(db, actor.id))


def _learned(view, check) -> Learned:
    # Answers count once the employee has given all three: a half-typed evaluation is no answer yet.
    request = view.request
    answers = view.evaluation if request.status == "evaluated" else None
    item = check.item if check else None
    return Learned(
        request.employee_id, request.kind, request.decision, request.cost_cents if view.shows_costs else None,
        answers.satisfaction if answers else None, answers.helped if answers else None,
        skill_id=item.id if item else None, skill=(item.text_manager or item.text) if item else None,
        level_then=check.level_then if check else None, level_now=check.level_now if check else None)
