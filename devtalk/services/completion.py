"""How far a round is: counts per status, per manager and per team, who is late, and reminders.

Reminders go out by e-mail (devtalk.mail) only when SMTP settings exist in the environment
(``config.smtp_settings``); without them HR copies the plain-text list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from functools import lru_cache

import sqlite_utils

from db import audit, conversations, people, rounds
from devtalk import config, mail
from devtalk.config import SmtpSettings
from devtalk.domain import access
from devtalk.domain.models import Person, Round
from devtalk.domain.status import STATUSES
from devtalk.errors import InvalidInput, NotFound
from devtalk.i18n import normalise_language, t
from devtalk.presentation.formatting import format_date
from devtalk.services.address import public_address

STATUS_GROUPS = ("open", "one_side", "ready", "held", "reported", "acknowledged")
GROUP_OF = {status: status for status in STATUSES} | {"employee_submitted": "one_side", "manager_submitted": "one_side"}
LATE_REASONS = ("employee_side", "manager_side", "meeting")


@dataclass(frozen=True)
class Figures:
    counts: dict[str, int]  # per status group
    late: int  # conversations with anything late

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Group:
    """The conversations one manager leads, or of one manager's current direct reports (a team)."""

    manager: Person | None  # None: employees who have no manager now
    figures: Figures


@dataclass(frozen=True)
class Late:
    person: Person  # who has to act
    reason: str  # one of LATE_REASONS
    employee: Person  # whose conversation it is


@dataclass(frozen=True)
class Completion:
    round: Round
    totals: Figures
    per_manager: list[Group]
    per_team: list[Group]
    late: list[Late]


@dataclass(frozen=True)
class Sent:
    sent: list[Person]
    without_email: list[Person]


def completion(db: sqlite_utils.Database, actor: Person, round_id: int, today: date | None = None) -> Completion:
    """The round's dashboard from one aggregate query; in a closed round nobody is late any more."""
    access.require_hr(actor)
    found = rounds.get_round(db, round_id)
    if found is None:
        raise NotFound()
    moment = None if found.closed_at else (today or date.today()).isoformat()
    rows = conversations.completion_figures(db, round_id, moment)
    late_of_row = [{i for reason in LATE_REASONS for i in _ids(row[f"late_{reason}"])} for row in rows]
    involved = {row[key] for row in rows for key in ("manager_id", "team_id")}.union(*late_of_row)
    persons = people.people_by_id(db, [i for i in involved if i is not None])
    figures = [_figures(row, late) for row, late in zip(rows, late_of_row)]
    return Completion(
        round=found,
        totals=_sum(figures),
        per_manager=_groups(rows, figures, "manager_id", persons),
        per_team=_groups(rows, figures, "team_id", persons),
        late=_late(rows, persons),
    )


def _ids(joined: str | None) -> list[int]:
    return [int(part) for part in joined.split(",")] if joined else []


def _figures(row: Mapping, late: set[int]) -> Figures:
    counts = dict.fromkeys(STATUS_GROUPS, 0)
    for status in STATUSES:
        counts[GROUP_OF[status]] += row[status]
    return Figures(counts, len(late))


def _sum(figures: list[Figures]) -> Figures:
    counts = {group: sum(f.counts[group] for f in figures) for group in STATUS_GROUPS}
    return Figures(counts, sum(f.late for f in figures))


def _groups(rows, figures: list[Figures], key: str, persons: dict[int, Person]) -> list[Group]:
    grouped: dict[int | None, list[Figures]] = {}
    for row, found in zip(rows, figures):
        grouped.setdefault(row[key], []).append(found)
    groups = [Group(persons.get(manager_id), _sum(found)) for manager_id, found in grouped.items()]
    return sorted(groups, key=lambda group: (group.manager is None, group.manager.name.casefold() if group.manager else ""))


def _late(rows, persons: dict[int, Person]) -> list[Late]:
    late = []
    for row in rows:
        manager = persons[row["manager_id"]]
        for reason in LATE_REASONS:
            for employee_id in _ids(row[f"late_{reason}"]):
                employee = persons[employee_id]
                late.append(Late(employee if reason == "employee_side" else manager, reason, employee))
    return sorted(late, key=lambda entry: (entry.person.name.casefold(), LATE_REASONS.index(entry.reason),
                                           entry.employee.name.casefold()))


def task_text(entry: Late, found: Round, lang: str) -> str:
    """What this person still has to do, in a sentence."""
    deadline = found.meeting_deadline if entry.reason == "meeting" else found.fill_deadline
    return t(f"completion.task_{entry.reason}", lang, employee=entry.employee.name, deadline=_date(deadline, lang))


@lru_cache(maxsize=64)
def _date(value: date | None, lang: str) -> str:
    # Babel takes about 0.2 ms a date; a round has two deadlines and may have hundreds of lines.
    return format_date(value, lang)


def reminder_text(report: Completion, lang: str) -> str:
    """The late people and what each still has to do, as plain text HR can paste into a message."""
    if not report.late:
        return t("completion.nobody_late", lang, round=report.round.name)
    lines = [t("completion.reminder_heading", lang, round=report.round.name), ""]
    lines += [f"- {entry.person.name}: {task_text(entry, report.round, lang)}" for entry in report.late]
    return "\n".join(lines)


def mail_is_on() -> bool:
    """Whether reminders can go out by e-mail (a mail server is configured)."""
    return config.smtp_settings() is not None


def send_reminders(db: sqlite_utils.Database, actor: Person, round_id: int, today: date | None = None,
                   settings: SmtpSettings | None = None, seen_address: str | None = None) -> Sent:
    """One e-mail per late person with an address, in their own language, with a link to devtalk
    (devtalk.services.address; ``seen_address`` is HR's browser's); the others are listed."""
    report = completion(db, actor, round_id, today)
    settings = settings or config.smtp_settings()
    if settings is None:
        raise InvalidInput("completion.mail_off")
    tasks: dict[int, list[Late]] = {}
    for entry in report.late:
        tasks.setdefault(entry.person.id, []).append(entry)
    owners = [entries[0].person for entries in tasks.values()]
    reachable = [person for person in owners if person.email]
    address = public_address(db, seen_address)
    # An address that only works on the server would open the reader's own computer: no link then.
    link = None if address.local else f"{address.url}/"
    if reachable:
        mail.send(settings, [_message(settings, person, tasks[person.id], report.round, link) for person in reachable])
    audit.record_event(db, access.recorded_id(actor), "round.remind", "round", round_id, detail={"sent": len(reachable)})
    return Sent(reachable, [person for person in owners if not person.email])


def _message(settings: SmtpSettings, person: Person, entries: list[Late], found: Round, link: str | None) -> EmailMessage:
    """What the reminder says, in the person's language: the tasks and, where it works, a link."""
    lang = normalise_language(person.language)
    lines = [t("completion.mail_greeting", lang, name=person.name), ""]
    lines += [f"- {task_text(entry, found, lang)}" for entry in entries]
    if link:
        lines += ["", t("completion.mail_link", lang, link=link)]
    return mail.message(settings, person.email, t("completion.mail_subject", lang, round=found.name),
                        "\n".join([*lines, "", t("completion.mail_closing", lang)]))
