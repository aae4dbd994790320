"""E-mail about the half-year check-in, by the path the certificate reminders take (services/reminders.py): once its date
has come, each employee whose check-in is due and their manager get one mail, never the same
twice (reminders_sent). A reminder, no deadline: the mail says when it suits them."""

from __future__ import annotations

from datetime import date
from functools import partial

import sqlite_utils

from db import people
from devtalk import config, mail
from devtalk.config import SmtpSettings
from devtalk.domain import access
from devtalk.domain.models import Person
from devtalk.errors import InvalidInput
from devtalk.i18n import normalise_language, t
from devtalk.services.check_ins import due_schedules, due_since
from devtalk.services.reminders import send_once


def send_reminders(db: sqlite_utils.Database, actor: Person, today: date | None = None,
                   settings: SmtpSettings | None = None) -> int:
    """Mail everyone whose half-year check-in newly became due, and their manager about them;
    returns the number of mails. A failed send leaves nothing marked as sent."""
    access.require_hr(actor)
    settings = settings or config.smtp_settings()
    if settings is None:
        raise InvalidInput("completion.mail_off")
    due = due_schedules(db, today)
    everyone = {person.id: person for person in people.list_people(db, active_only=True)}
    wanted: dict[tuple[str, int], Person] = {}  # (subject, recipient) -> whose check-in
    for person in everyone.values():
        since = due_since(db, person, due)
        if since is None:
            continue
        # Once per person and date: a later round's half-year date is news again.
        for recipient in (person, everyone.get(person.manager_id)):
            if recipient is not None and recipient.email:
                wanted[(f"check_in:{since.isoformat()}:{person.id}", recipient.id)] = person
    return send_once(db, actor, settings, wanted, everyone, partial(_message, settings),
                     "check_in.remind", "check_in")


def _message(settings: SmtpSettings, recipient: Person, about: list[Person], link: str | None):
    lang = normalise_language(recipient.language)
    lines = [t("completion.mail_greeting", lang, name=recipient.name), ""]
    if any(person.id == recipient.id for person in about):
        lines.append(t("check_ins.mail_own", lang))
    team = sorted(person.name for person in about if person.id != recipient.id)
    if team:
        lines.append(t("check_ins.mail_team", lang, count=len(team), names=", ".join(team)))
    if link:
        lines += ["", t("completion.mail_link", lang, link=link)]
    return mail.message(settings, recipient.email, t("check_ins.mail_subject", lang),
                        "\n".join([*lines, "", t("completion.mail_closing", lang)]))
