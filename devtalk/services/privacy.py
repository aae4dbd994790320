"""AVG/GDPR for HR: everything about one person (JSON and PDF), and erasing a person."""

from __future__ import annotations

import json

import sqlite_utils

from db import audit, people, privacy
from db._rows import now
from db.connection import transaction
from devtalk.errors import InvalidInput, NotAllowed, NotFound
from devtalk.models import Person
from devtalk.services.printing import dossier_pdf


def _person(db, actor: Person, person_id: int) -> Person:
    if not actor.is_hr:
        raise NotAllowed()
    person = people.get_person(db, person_id)
    if person is None:
        raise NotFound()
    return person


def export_json(db: sqlite_utils.Database, actor: Person, person_id: int) -> bytes:
    """Every stored row about the person, as JSON: what a request for access is owed."""
    _person(db, actor, person_id)
    data = privacy.rows_about(db, person_id)
    audit.record_event(db, actor.id, "privacy.export", "person", person_id)
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def export_pdf(db: sqlite_utils.Database, actor: Person, person_id: int) -> bytes:
    """The whole dossier, printable, including private notes (HR sees those)."""
    _person(db, actor, person_id)
    return dossier_pdf(db, actor, person_id)


def erase_person(db: sqlite_utils.Database, actor: Person, person_id: int, confirmation: str) -> None:
    """Erase a person; ``confirmation`` must repeat their username, so it never happens by a slip."""
    person = _person(db, actor, person_id)
    if person.id == actor.id:
        raise InvalidInput("privacy.not_yourself")
    if (confirmation or "").strip().lower() != person.username.lower():
        raise InvalidInput("privacy.confirm_username")
    with transaction(db):
        privacy.erase(db, person_id, now())
        audit.record_event(db, actor.id, "privacy.erase", "person", person_id)
