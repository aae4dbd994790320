"""First run on an empty database: the firm, the first HR account, and a checklist of what is left.

The checklist follows what it takes before the first conversation can be filled in: job functions
described, people in, a questionnaire chosen, a round started, and sign-in cards for whoever has
no e-mail. Every step can be skipped and done later.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from db import accounts, audit, invitations, people, questionnaires, rounds, settings
from db.connection import transaction
from devtalk.domain import access
from devtalk.domain.models import Person
from devtalk.domain.passwords import hash_password
from devtalk.domain.public_address import normalise_address
from devtalk.errors import DevtalkError, InvalidInput
from devtalk.i18n import LANGUAGES
from devtalk.services import address, certificates
from devtalk.services.auth import MIN_PASSWORD_LENGTH

STEPS = ("functions", "people", "questionnaire", "round", "cards")


class AlreadySetUp(DevtalkError):
    """Setup creates the first HR account; once people exist it would be a way in for anyone."""

    key = "setup.already_done"


@dataclass(frozen=True)
class Step:
    key: str
    done: bool


def needs_setup(db: sqlite_utils.Database) -> bool:
    return people.count_people(db) == 0


def create_firm(db: sqlite_utils.Database, *, firm_name: str, language: str, name: str, username: str,
                password: str, public_address: str = "") -> Person:
    """The firm's name and language, the address people reach devtalk at (devtalk.services.address;
    empty: none stored) and its first HR account, on an empty database only."""
    if not needs_setup(db):
        raise AlreadySetUp()
    firm_name, name, username = (firm_name or "").strip(), (name or "").strip(), (username or "").strip()
    if not firm_name or not name or not username:
        raise InvalidInput("setup.fields_required")
    if language not in LANGUAGES:
        raise InvalidInput("account.unknown_language", language=language)
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise InvalidInput("auth.password_too_short", minimum=MIN_PASSWORD_LENGTH)
    public_address = normalise_address(public_address) if (public_address or "").strip() else ""
    with transaction(db):
        if not needs_setup(db):
            raise AlreadySetUp()
        settings.set_setting(db, "firm_name", firm_name)
        settings.set_setting(db, "language", language)
        address.store(db, public_address)
        hr = people.add_person(db, name=name, username=username, roles=("employee", "hr_admin"), language=language)
        accounts.set_password_hash(db, hr.id, hash_password(password))
        audit.record_event(db, hr.id, "setup.firm", "settings", "firm_name")
        certificates.load_bundled_types(db)  # the starting list HR adapts (no job functions to link yet)
    return hr


def checklist(db: sqlite_utils.Database, actor: Person) -> list[Step]:
    """What is done and what is left before (and after) the first round."""
    access.require_hr(actor)
    done = {
        "functions": any(f.description.strip() for f in people.list_functions(db)),
        "people": people.count_people(db) > 1,
        "questionnaire": bool(questionnaires.list_versions(db)),
        "round": bool(rounds.list_rounds(db)),
        "cards": invitations.any_invitations(db),
    }
    return [Step(key, done[key]) for key in STEPS]
