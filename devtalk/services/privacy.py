"""AVG/GDPR for HR: everything about one person (JSON and PDF), and erasing a person."""

from __future__ import annotations

import base64
import json

import sqlite_utils

from db import audit, check_ins, dossier, learning, people, privacy
from db import third_voice as third_voice_storage
from db._rows import now
from db.connection import transaction
from devtalk.domain import access
from devtalk.domain.models import Person
from devtalk.domain.status import is_reported, is_revealed
from devtalk.errors import InvalidInput, NotFound
from devtalk.services import third_voice
from devtalk.services.printing import dossier_pdf


def _person(db, actor: Person, person_id: int) -> Person:
    access.require_hr(actor)
    person = people.get_person(db, person_id)
    if person is None:
        raise NotFound()
    return person


def export_json(db: sqlite_utils.Database, actor: Person, person_id: int) -> bytes:
    """Every stored row about the person, as JSON: what a request for access is owed."""
    person = _person(db, actor, person_id)
    data = (_owed(db, actor, person, privacy.rows_about(db, person_id)) | check_ins.rows_about(db, person_id)
            | learning.rows_about(db, person_id) | third_voice.privacy_export(db, actor, person_id))
    audit.record_event(db, access.recorded_id(actor), "privacy.export", "person", person_id)
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def export_pdf(db: sqlite_utils.Database, actor: Person, person_id: int) -> bytes:
    """The whole dossier, printable, with the private notes HR may pass on and without drafts (see _owed)."""
    _person(db, actor, person_id)
    return dossier_pdf(db, actor, person_id, drafts=False)


def _owed(db, actor: Person, person: Person, data: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The rows without what the person may not read yet, since the export is handed to them: the
    manager's side of a conversation until both sides are in (the blind rule), a draft report and
    its actions (the manager's own work until final), and private notes this reader may not pass on
    (an HR person exporting their own data gets none)."""
    status = {row["id"]: row["status"] for row in data["conversations"]}
    data["answers"] = [row for row in data["answers"]
                       if row["side"] == "employee" or is_revealed(status[row["conversation_id"]])]
    data["reports"] = [row for row in data["reports"] if row["finalised_at"]]
    final = {row["conversation_id"] for row in data["reports"]}
    data["agreed_levels"] = [row for row in data["agreed_levels"] if row["conversation_id"] in final]
    data["actions"] = [row for row in data["actions"] if is_reported(status[row["conversation_id"]])]
    agreed = {row["id"] for row in data["actions"]}
    data["action_notes"] = [row for row in data["action_notes"] if row["action_id"] in agreed]
    readable = {note.id for note in dossier.dossier_notes_of(db, person.id)
                if access.can_read_dossier_note(actor, person, note)}
    data["dossier_notes"] = [row for row in data["dossier_notes"] if row["id"] in readable]
    # A scan is handed over whole, as base64 text (JSON holds no bytes).
    data["certificate_scans"] = [{**row, "content": base64.b64encode(row["content"]).decode("ascii")}
                                 for row in data["certificate_scans"]]
    return data


def erase_person(db: sqlite_utils.Database, actor: Person, person_id: int, confirmation: str) -> None:
    """Erase a person; ``confirmation`` must repeat their username, so it never happens by a slip."""
    person = _person(db, actor, person_id)
    if person.id == actor.id:
        raise InvalidInput("privacy.not_yourself")
    if (confirmation or "").strip().lower() != person.username.lower():
        raise InvalidInput("privacy.confirm_username")
    with transaction(db):
        privacy.erase(db, person_id, now())
        check_ins.erase(db, person_id)
        learning.erase(db, person_id)
        third_voice_storage.erase(db, person_id)
        audit.record_event(db, access.recorded_id(actor), "privacy.erase", "person", person_id)
