"""The audit log in words for people: what an event was about, and its details, in the reader's language.

An event stores its details as a JSON object of plain values (ids, counts, codes); events from
before that stored a short English text, which is read back into the same values here. Both
become the catalogue's words only when the log is read, so every reader sees their own language,
and a person as they are named now (an erased person's name is gone from the log too).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from devtalk.domain.models import AuditEvent
from devtalk.i18n import catalogue, t

# The texts events used to store, by action, as the values they stand for. None: any action
# starting with "export." (each export is its own action).
_ID_OR_NONE = r"(?P<from>\d+|-|None) -> (?P<to>\d+|-|None)"
_LEGACY = {
    "export.": r"(?P<format>csv|xlsx), (?P<rows>\d+) rows",
    "people.export": r"(?P<format>csv|xlsx), (?P<rows>\d+) rows",
    "people.import": r"added (?P<added>\d+), changed (?P<changed>\d+)",
    "round.remind": r"sent (?P<sent>\d+)",
    "action.status": r"(?P<status>open|in_progress|done|dropped)",
    "conversation.submit": r"(?P<side>employee|manager)",
    "conversation.reopen": r"(?P<side>employee|manager): (?P<reason>.*)",
    "person.manager": _ID_OR_NONE,
    "conversation.reassign": _ID_OR_NONE,
    "round.add_people": r"(?P<people>\d+(?:, \d+)*)",
    "person.edit": r"(?P<fields>[a-z_]+(?:, [a-z_]+)*)",
    "settings.card_pin": r"(?P<on>on|off)",
    "settings.public_url": r"(?P<address>.+)",
    "questionnaire.store": r"(?P<questionnaire>\S+) v(?P<version>\d+)",
}


@dataclass(frozen=True)
class Names:
    """What the ids in a page of the log stand for now, looked up once for the whole page."""

    people: Mapping[int, str] = field(default_factory=dict)
    rounds: Mapping[int, str] = field(default_factory=dict)
    functions: Mapping[str, str] = field(default_factory=dict)
    questionnaires: Mapping[int, tuple[str, int]] = field(default_factory=dict)  # version id: (id, version)
    # Whom a conversation or an action record is about: ("conversation", "12") -> person id.
    subjects: Mapping[tuple[str, str], int] = field(default_factory=dict)

    def person(self, person_id: object, lang: str) -> str:
        if person_id is None:
            return t("audit.nobody", lang)
        return self.people.get(person_id) or t("audit.record.person_gone", lang, id=person_id)


def details(event: AuditEvent) -> dict | None:
    """The event's details as values, whether stored as JSON or as an older English text; None for
    a free text (a round's name, a username), which reads as it was written."""
    text = event.detail or ""
    if text.startswith("{"):
        try:
            stored = json.loads(text)
        except ValueError:
            return None
        return stored if isinstance(stored, dict) else None
    pattern = _LEGACY.get("export." if event.action.startswith("export.") else event.action)
    found = re.fullmatch(pattern, text, re.DOTALL) if pattern and text else None
    return _legacy_values(found.groupdict()) if found else None


def _legacy_values(found: dict[str, str]) -> dict:
    values: dict = dict(found)
    for name in ("rows", "added", "changed", "sent", "version"):
        if name in values:
            values[name] = int(values[name])
    for name in ("from", "to"):
        if name in values:
            values[name] = int(values[name]) if values[name].isdigit() else None
    if "people" in values:
        values["people"] = [int(part) for part in values["people"].split(", ")]
    if "fields" in values:
        values["fields"] = values["fields"].split(", ")
    if "on" in values:
        values["on"] = values["on"] == "on"
    if values.get("address") == "-":
        values["address"] = ""
    return values


def _counted(key: str, count: int, lang: str) -> str:
    return t(f"{key}.{'one' if count == 1 else 'other'}", lang, count=count)


def _known(prefix: str, value: object, lang: str) -> str:
    """The catalogue's word for a code; the code itself when this version has no word for it."""
    key = f"{prefix}{value}"
    return t(key, lang) if key in catalogue() else str(value)


# How each kind of value reads; any other value reads as stored.
_WORDS: dict[str, Callable[[object, Names, str], str]] = {
    "format": lambda value, names, lang: str(value).upper(),
    "rows": lambda value, names, lang: _counted("audit.rows", int(value), lang),
    "sent": lambda value, names, lang: _counted("audit.sent", int(value), lang),
    "status": lambda value, names, lang: _known("action.status_", value, lang),
    "side": lambda value, names, lang: _known("audit.side.", value, lang),
    "from": lambda value, names, lang: names.person(value, lang),
    "to": lambda value, names, lang: names.person(value, lang),
    "people": lambda value, names, lang: ", ".join(names.person(person_id, lang) for person_id in value),
    "fields": lambda value, names, lang: ", ".join(_known("audit.field.", name, lang) for name in value),
    "on": lambda value, names, lang: t("audit.on" if value else "audit.off", lang),
    "address": lambda value, names, lang: str(value) or t("audit.none", lang),
}


def detail_words(event: AuditEvent, names: Names, lang: str) -> str:
    """The event's details in words, or the stored text when it is a free text or cannot be read."""
    values = details(event)
    if values is None:
        return event.detail or ""
    exported = event.action.startswith("export.") or event.action == "people.export"
    key = "audit.detail.export" if exported else f"audit.detail.{event.action}"
    try:
        words = {name: _WORDS.get(name, lambda value, names, lang: str(value))(value, names, lang)
                 for name, value in values.items()}
        return t(key, lang, **words)
    # A row written by another version, or by hand, may lack a value or hold the wrong kind:
    # the log still shows what it holds rather than failing the page.
    except (KeyError, ValueError, TypeError, IndexError):
        return event.detail or ""


def record_words(event: AuditEvent, names: Names, lang: str) -> str:
    """What the event was about, in words: a person's name, "gesprek van ...", "export van acties"."""
    kind, record_id = event.record_type, event.record_id
    person_id = int(record_id) if kind == "person" and record_id.isdigit() else names.subjects.get((kind, record_id))
    if kind == "person":
        return names.person(person_id, lang) if person_id is not None else record_id
    if kind in ("conversation", "action"):
        if person_id is None:
            return t(f"audit.record.{kind}_gone", lang, id=record_id)
        return t(f"audit.record.{kind}", lang, name=names.person(person_id, lang))
    if kind == "round" and record_id.isdigit() and int(record_id) in names.rounds:
        return names.rounds[int(record_id)]
    if kind == "job_function":
        return names.functions.get(record_id, record_id)
    if kind == "questionnaire" and record_id.isdigit() and int(record_id) in names.questionnaires:
        questionnaire, version = names.questionnaires[int(record_id)]
        return t("audit.record.questionnaire", lang, questionnaire=questionnaire, version=version)
    if kind in ("setting", "settings"):  # both spellings were recorded
        kind = "setting"
    key = f"audit.record.{kind}.{record_id}" if kind in ("export", "setting") else f"audit.record.{kind}"
    return t(key, lang) if key in catalogue() else f"{kind} {record_id}"
