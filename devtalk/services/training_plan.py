"""The yearly training plan: per firm, team and person, what is learned, why, internal or
external, when, what it costs, the subsidy and its status; on the page, as XLSX and as the PDF the
director signs.

Who sees what, checked on every call by the learning requests' own rule
(``services.learning.plan_requests``): the training coordinator and HR the whole firm with its
costs; a manager their own team, without amounts; an employee their own requests, without
amounts (costs are the coordinator's and HR's, as services.learning decides). Declined requests
are not part of the plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import sqlite_utils

from db import audit, people, settings
from db.certificates import get_certificate, list_types
from db.connection import transaction
from db.conversations import get_conversation
from db.rounds import rounds_by_id
from devtalk.domain import access
from devtalk.domain.models import Conversation, Person
from devtalk.domain.training_plan import Plan, PlanLine, PlanSubsidy, sort_key
from devtalk.presentation.pdf.training_plan import plan_document
from devtalk.questionnaire import Questionnaire
from devtalk.services import learning
from devtalk.services.library import get_version, parsed
from devtalk.spreadsheets.training_plan_export import plan_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
YEARS_BACK = 4  # the years the page offers: next year's plan, this one and the four before


@dataclass(frozen=True)
class PlanFilters:
    years: tuple[int, ...]  # newest first
    this_year: int
    whole_firm: bool  # the coordinator and HR: the firm, or any one of its teams
    teams: tuple[Person, ...]  # the coordinator: every manager who leads someone; a manager: themselves


def filter_options(db: sqlite_utils.Database, actor: Person, today: date | None = None) -> PlanFilters:
    """The years and teams this person may pick on the plan page."""
    this_year = (today or date.today()).year
    years = tuple(range(this_year + 1, this_year - YEARS_BACK - 1, -1))
    if access.coordinates_learning(actor):
        return PlanFilters(years, this_year, True, tuple(learning.teams(db, actor)))
    leads = access.may_act(actor) and any(access.leads(actor, person) for person in people.direct_reports(db, actor.id))
    return PlanFilters(years, this_year, False, (actor,) if leads else ())


def plan(db: sqlite_utils.Database, actor: Person, year: int, team_id: int | None = None,
         employee_id: int | None = None) -> Plan:
    """The year's plan as far as this person may see it (of one team or one person), by team,
    employee and start."""
    views = learning.plan_requests(db, actor, year, team_id=team_id, employee_id=employee_id)
    why = _Reasons(db)
    lines = sorted((_line(view, why) for view in views), key=sort_key)
    return Plan(year, tuple(lines), access.coordinates_learning(actor), settings.get_setting(db, "firm_name", "") or "")


def plan_xlsx(db: sqlite_utils.Database, actor: Person, year: int, lang: str, team_id: int | None = None,
              employee_id: int | None = None) -> bytes:
    """The plan as an Excel workbook (amounts as numbers), recorded in the audit log."""
    found = plan(db, actor, year, team_id, employee_id)
    data = plan_workbook(found, lang)
    _record_export(db, actor, "xlsx", found)
    return data


def plan_pdf(db: sqlite_utils.Database, actor: Person, year: int, lang: str, team_id: int | None = None,
             employee_id: int | None = None) -> bytes:
    """The plan as the PDF the director signs, recorded in the audit log."""
    found = plan(db, actor, year, team_id, employee_id)
    data = plan_document(found, lang)
    _record_export(db, actor, "pdf", found)
    return data


def _record_export(db: sqlite_utils.Database, actor: Person, fmt: str, found: Plan) -> None:
    with transaction(db):
        audit.record_event(db, access.recorded_id(actor), "export.training_plan", "export", "training_plan",
                           detail={"format": fmt, "rows": len(found.lines), "year": found.year})


def _line(view, why: _Reasons) -> PlanLine:
    request, subsidy = view.request, view.subsidy
    return PlanLine(
        request.id, request.employee_id, view.employee.name, view.team.id if view.team else None,
        view.team.name if view.team else "", request.what, request.kind, request.status,
        skill=why.skill(request.conversation_id, request.item_id), certificate=why.certificate(request.certificate_id),
        conversation=why.conversation(request.conversation_id), decision=request.decision,
        colleague=view.colleague.name if view.colleague else "", provider=request.provider,
        start=request.planned_start, end=request.planned_end,
        estimated_cents=request.estimated_cents if view.shows_costs else None,
        actual_cents=request.actual_cents if view.shows_costs else None,
        hours=float(request.hours) if request.hours is not None else None,
        subsidy=PlanSubsidy(subsidy.fund, subsidy.scheme, subsidy.expected_cents, subsidy.status)
        if subsidy is not None and view.shows_costs else None,
        decline_reason=request.decline_reason,
    )


class _Reasons:
    """Why a request is in the plan, looked up once per conversation, round, questionnaire and
    certificate type however many requests share them (a plan of 200 people)."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self._conversations: dict[int, Conversation | None] = {}
        self._rounds: dict[int, str] = {}
        self._questionnaires: dict[int, Questionnaire] = {}
        self._types: dict[int, str] | None = None

    def _conversation(self, conversation_id: int | None) -> Conversation | None:
        if conversation_id is None:
            return None
        if conversation_id not in self._conversations:
            self._conversations[conversation_id] = get_conversation(self.db, conversation_id)
        return self._conversations[conversation_id]

    def conversation(self, conversation_id: int | None) -> str:
        found = self._conversation(conversation_id)
        if found is None:
            return ""
        if found.round_id not in self._rounds:
            self._rounds.update({round_id: held.name for round_id, held in rounds_by_id(self.db, [found.round_id]).items()})
        return self._rounds.get(found.round_id, "")

    def skill(self, conversation_id: int | None, item_id: str | None) -> Mapping[str, str] | None:
        found = self._conversation(conversation_id)
        if found is None or item_id is None:
            return None
        version = found.questionnaire_version_id
        if version not in self._questionnaires:
            self._questionnaires[version] = parsed(get_version(self.db, version))
        try:
            item = self._questionnaires[version].item(item_id)
        except KeyError:  # a skill no longer in that version's questionnaire: no reason to name
            return None
        return item.text_manager or item.text

    def certificate(self, certificate_id: int | None) -> str:
        if certificate_id is None:
            return ""
        if self._types is None:
            self._types = {kind.id: kind.name for kind in list_types(self.db)}
        found = get_certificate(self.db, certificate_id)
        return self._types.get(found.type_id, "") if found else ""
