"""PDFs to print: the report, the preparation sheet, the empty paper form and the dossier.

Each function asks the same service the matching page asks (report_view, comparison_view,
dossier_of), so a download can never show more than the page: whoever may not see the page
gets the same NotAllowed. Only then is the PDF built from what that service returned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import sqlite_utils

from db import people, questionnaires, settings
from devtalk.domain import access
from devtalk.domain.models import SIDES, Action, Person
from devtalk.errors import InvalidInput, NotFound
from devtalk.i18n import normalise_language
from devtalk.presentation.pdf.content import ConversationContent
from devtalk.presentation.pdf.conversation_report import conversation_report
from devtalk.presentation.pdf.dossier_report import dossier_report
from devtalk.presentation.pdf.paper_form import paper_form
from devtalk.presentation.pdf.preparation_sheet import preparation_sheet
from devtalk.services import third_voice
from devtalk.services.conversations import ComparisonView
from devtalk.services.dossier import dossier_of
from devtalk.services.library import get_version, parsed
from devtalk.services.reports import earlier_actions, proposed_agenda, report_view
from devtalk.services.skills import levelled_view

PREPARATION_STATUSES = ("ready", "held")


def conversation_report_pdf(db: sqlite_utils.Database, actor: Person, conversation_id: int, lang: str | None = None) -> bytes:
    """The report with comparison, actions and room to sign; the employee gets it once it is final."""
    view = report_view(db, actor, conversation_id)
    if view.report is None:
        raise NotFound("pdf.no_report_yet")
    compared = levelled_view(db, actor, conversation_id)
    content = _content(db, compared, report=view.report, actions=view.actions, earlier=view.earlier_actions)
    return conversation_report(content, _language(lang, compared.employee))


def preparation_sheet_pdf(db: sqlite_utils.Database, actor: Person, conversation_id: int, lang: str | None = None) -> bytes:
    """The comparison and the proposed agenda, for the meeting itself (ready or just held)."""
    compared = levelled_view(db, actor, conversation_id)
    if compared.conversation.status not in PREPARATION_STATUSES:
        raise InvalidInput("pdf.preparation_not_now")
    earlier = earlier_actions(db, compared.conversation)
    content = replace(_content(db, compared, earlier=earlier, proposed=proposed_agenda(db, actor, compared, earlier)),
                      third_voice=third_voice.comparison_column(db, actor, conversation_id))
    return preparation_sheet(content, _language(lang, compared.employee))


def paper_form_pdf(db: sqlite_utils.Database, actor: Person, version_id: int, function_id: str | None, lang: str,
                   side: str = "employee") -> bytes:
    """The empty questionnaire for one job function (None: the sections everyone gets), to fill in
    with a pen (HR types it in later)."""
    access.require_hr(actor)
    if side not in SIDES:
        raise InvalidInput()
    # Typed on the command line too: the message names what was not found.
    version = questionnaires.get_version(db, version_id)
    if version is None:
        raise NotFound("pdf.no_such_version", id=version_id)
    function = people.get_function(db, function_id) if function_id else None
    if function_id and function is None:
        raise NotFound("pdf.no_such_function", function=function_id)
    return paper_form(_firm(db), version, parsed(version), function, side, normalise_language(lang))


def dossier_pdf(db: sqlite_utils.Database, actor: Person, employee_id: int, lang: str | None = None, *,
                drafts: bool = True) -> bytes:
    """Every conversation of one employee across the years, with the notes this reader may see
    (``drafts=False``: without draft reports and their actions, for a file handed to the employee)."""
    found = dossier_of(db, actor, employee_id, drafts=drafts)
    every_action = [action for entry in found.entries for action in entry.actions]
    names = _names(db, [found.employee.id], (a.owner_id for a in every_action), (n.author_id for n in found.notes))
    firm = _firm(db)
    entries = [
        ConversationContent(
            firm=firm, conversation=entry.conversation, employee=found.employee, manager=entry.manager,
            round=entry.round, version=(version := get_version(db, entry.conversation.questionnaire_version_id)),
            questionnaire=parsed(version), comparison=entry.comparison, report=entry.report,
            actions=tuple(entry.actions), earlier_actions={a.id: a for a in every_action}, names=names,
        )
        for entry in found.entries
    ]
    return dossier_report(firm, found.employee, entries, found.notes, names, _language(lang, found.employee), found.check_ins)


def _content(db, compared: ComparisonView, *, report=None, actions: Iterable[Action] = (),
             earlier: Iterable[Action] = (), proposed=()) -> ConversationContent:
    actions, earlier = tuple(actions), tuple(earlier)
    version = get_version(db, compared.conversation.questionnaire_version_id)
    return ConversationContent(
        firm=_firm(db), conversation=compared.conversation, employee=compared.employee, manager=compared.manager,
        round=compared.round, version=version, questionnaire=compared.questionnaire,
        comparison=compared.comparison, report=report, actions=actions,
        earlier_actions={action.id: action for action in earlier},
        names=_names(db, [compared.employee.id, compared.manager.id], (a.owner_id for a in actions)),
        proposed_agenda=tuple(proposed),
    )


def _names(db, *id_groups: Iterable[int | None]) -> dict[int, str]:
    ids = {person_id for group in id_groups for person_id in group if person_id is not None}
    return {person_id: person.name for person_id, person in people.people_by_id(db, ids).items()}


def _firm(db) -> str:
    return settings.get_setting(db, "firm_name", "") or ""


def _language(lang: str | None, employee: Person) -> str:
    """The asked language, else the employee's own: the report is about them, in their language."""
    return normalise_language(lang or employee.language)
