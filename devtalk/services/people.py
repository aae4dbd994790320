"""HR keeps the people and job functions by hand: add, edit, deactivate (never delete), managers,
passwords, and which questionnaire sections each job function is asked (importing and exporting
whole files is services.people_files).

History is never rewritten: a deactivated person's conversations stay in every dossier, and
a new manager leads the next conversations while the past ones keep the manager they were held with.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass

import sqlite_utils

from db import accounts, audit, people, questionnaires, rounds
from db.connection import transaction
from devtalk.domain import access
from devtalk.domain.models import ROLES, JobFunction, Person
from devtalk.errors import InvalidInput, NotFound
from devtalk.i18n import LANGUAGES
from devtalk.questionnaire import Questionnaire, Section
from devtalk.questionnaire.nodes import SLUG
from devtalk.services import auth
from devtalk.services.library import get_version, parsed
from devtalk.spreadsheets.people_import import EMAIL, MAX_LENGTH, USERNAME, may_lead

MAX_DESCRIPTION = 5000
# No look-alikes (0/O, 1/l/I), so a password read out over the phone arrives intact.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789"
PASSWORD_LENGTH = 12


@dataclass(frozen=True)
class FunctionSections:
    """Which sections of one questionnaire version each job function is asked."""

    questionnaire: Questionnaire
    for_everyone: tuple[Section, ...]
    per_function: dict[str, tuple[Section, ...]]
    unknown_functions: tuple[str, ...]  # named in a section but not set up as a job function


def list_people(db: sqlite_utils.Database, actor: Person, search: str = "", active_only: bool = False) -> list[Person]:
    access.require_hr(actor)
    return people.search_people(db, search or "", active_only=active_only)


def get_person(db: sqlite_utils.Database, actor: Person, person_id: int) -> Person:
    access.require_hr(actor)
    person = people.get_person(db, person_id)
    if person is None:
        raise NotFound()
    return person


def add_person(db: sqlite_utils.Database, actor: Person, *, name: str, username: str, email: str | None = None,
               function_id: str | None = None, manager_id: int | None = None, roles=("employee",),
               language: str = "nl") -> Person:
    access.require_hr(actor)
    fields = _checked(db, None, name, username, email, function_id, roles, language)
    with transaction(db):
        person = people.add_person(db, **fields)
        if manager_id is not None:
            _check_manager(db, person, manager_id)
            person = people.update_person(db, person.id, manager_id=manager_id)
        audit.record_event(db, access.recorded_id(actor), "person.add", "person", person.id, detail=person.username)
    return person


def edit_person(db: sqlite_utils.Database, actor: Person, person_id: int, *, name: str, username: str,
                email: str | None, function_id: str | None, roles, language: str) -> Person:
    """Change a person's details; the reporting line changes through ``change_manager``."""
    person = get_person(db, actor, person_id)
    fields = _checked(db, person, name, username, email, function_id, roles, language)
    if person.id == actor.id and "hr_admin" not in fields["roles"]:
        raise InvalidInput("hr_people.keep_own_hr_role")
    changed = sorted(field for field, value in fields.items() if getattr(person, field) != value)
    with transaction(db):
        updated = people.update_person(db, person_id, **fields)
        audit.record_event(db, access.recorded_id(actor), "person.edit", "person", person_id, detail={"fields": changed})
    return updated


def set_active(db: sqlite_utils.Database, actor: Person, person_id: int, active: bool) -> Person:
    """Deactivate (no sign-in, no new rounds; history stays) or reactivate a person."""
    person = get_person(db, actor, person_id)
    if person.id == actor.id and not active:
        raise InvalidInput("hr_people.not_yourself")
    with transaction(db):
        updated = people.update_person(db, person_id, active=active)
        if not active:
            accounts.delete_sessions_of(db, person_id)
        audit.record_event(db, access.recorded_id(actor), "person.activate" if active else "person.deactivate", "person", person_id)
    return updated


def change_manager(db: sqlite_utils.Database, actor: Person, person_id: int, manager_id: int | None) -> Person:
    """A new reporting line for the next conversations; conversations already made keep theirs."""
    person = get_person(db, actor, person_id)
    with transaction(db):
        if manager_id is not None:
            _check_manager(db, person, manager_id)
        updated = people.update_person(db, person_id, manager_id=manager_id)
        detail = {"from": person.manager_id, "to": manager_id}
        audit.record_event(db, access.recorded_id(actor), "person.manager", "person", person_id, detail=detail)
    return updated


def set_password(db: sqlite_utils.Database, actor: Person, person_id: int, password: str) -> None:
    """HR sets someone's password, e.g. after they forgot it; their open sessions end."""
    get_person(db, actor, person_id)
    with transaction(db):
        auth.set_password(db, actor, person_id, password)
        audit.record_event(db, access.recorded_id(actor), "person.password", "person", person_id)


def reset_password(db: sqlite_utils.Database, actor: Person, person_id: int) -> str:
    """A new random password for HR to hand over; it is shown once and stored only as a hash."""
    password = new_password()
    set_password(db, actor, person_id, password)
    return password


def new_password() -> str:
    """A random password to hand over once (HR's reset, a new firm's first HR account)."""
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))


def list_functions(db: sqlite_utils.Database, actor: Person, search: str = "") -> list[JobFunction]:
    access.require_hr(actor)
    text = (search or "").strip().casefold()
    return [f for f in people.list_functions(db) if text in f"{f.id} {f.name} {f.description}".casefold()]


def function_code(typed: str) -> str:
    """The code HR meant by what they typed: ``Spuiter`` is ``spuiter``, ``Auto spuiter`` is
    ``auto-spuiter``, ``Lakverwerker é`` is ``lakverwerker-e``; other punctuation stays, to be refused."""
    text = unicodedata.normalize("NFKD", (typed or "").strip().casefold())
    return re.sub(r"\s+", "-", "".join(c for c in text if not unicodedata.combining(c)))


def add_function(db: sqlite_utils.Database, actor: Person, function_id: str, name: str, description: str = "") -> JobFunction:
    """A new job function under ``function_code(function_id)``: what questionnaire sections name in ``functions``."""
    access.require_hr(actor)
    typed, function_id = (function_id or "").strip(), function_code(function_id)
    if not function_id:
        raise InvalidInput("hr_people.function_id_empty", field="id")
    if not SLUG.fullmatch(function_id):
        raise InvalidInput("hr_people.function_id_invalid", field="id", value=typed)
    if people.get_function(db, function_id) is not None:
        raise InvalidInput("hr_people.function_exists", field="id", value=function_id)
    return _save_function(db, actor, JobFunction(function_id, *_function_texts(name, description)), "function.add")


def edit_function(db: sqlite_utils.Database, actor: Person, function_id: str, name: str, description: str) -> JobFunction:
    current = _function(db, actor, function_id)
    function = JobFunction(function_id, *_function_texts(name, description), active=current.active)
    return _save_function(db, actor, function, "function.edit")


def set_function_active(db: sqlite_utils.Database, actor: Person, function_id: str, active: bool) -> JobFunction:
    """A deactivated function is no longer offered for people; who holds it keeps it."""
    current = _function(db, actor, function_id)
    function = JobFunction(current.id, current.name, current.description, active=active)
    return _save_function(db, actor, function, "function.activate" if active else "function.deactivate")


def sections_per_function(db: sqlite_utils.Database, actor: Person, version_id: int | None = None) -> FunctionSections | None:
    """The sections each job function gets in a questionnaire version: by default the one in use
    (the newest round's), else the newest stored; None while there is no questionnaire at all."""
    access.require_hr(actor)
    version_id = version_id or _version_in_use(db)
    if version_id is None:
        return None
    questionnaire = parsed(get_version(db, version_id))
    known = {function.id for function in people.list_functions(db)}
    named = {name for section in questionnaire.sections for name in section.functions or ()}
    return FunctionSections(
        questionnaire=questionnaire,
        for_everyone=tuple(section for section in questionnaire.sections if section.functions is None),
        per_function={f: tuple(s for s in questionnaire.sections if s.functions and f in s.functions) for f in known},
        unknown_functions=tuple(sorted(named - known)),
    )


def _version_in_use(db) -> int | None:
    newest_round = next(iter(rounds.list_rounds(db)), None)
    if newest_round is not None:
        return newest_round.questionnaire_version_id
    return max((version.id for version in questionnaires.list_versions(db)), default=None)


def _function(db, actor: Person, function_id: str) -> JobFunction:
    access.require_hr(actor)
    function = people.get_function(db, function_id)
    if function is None:
        raise NotFound()
    return function


def _function_texts(name: str, description: str) -> tuple[str, str]:
    name, description = (name or "").strip(), (description or "").strip()
    if not name:
        raise InvalidInput("hr_people.function_name_required", field="name")
    if len(name) > MAX_LENGTH or len(description) > MAX_DESCRIPTION:
        field = "name" if len(name) > MAX_LENGTH else "description"
        raise InvalidInput("hr_people.function_too_long", field=field, name=MAX_LENGTH, description=MAX_DESCRIPTION)
    return name, description


def _save_function(db, actor: Person, function: JobFunction, action: str) -> JobFunction:
    with transaction(db):
        saved = people.save_function(db, function)
        audit.record_event(db, access.recorded_id(actor), action, "job_function", function.id)
    return saved


def _checked(db, person: Person | None, name, username, email, function_id, roles, language) -> dict:
    """The person's fields as stored, or InvalidInput naming the first field that is wrong."""
    name, username, email = (name or "").strip(), (username or "").strip(), (email or "").strip() or None
    if not name:
        raise InvalidInput("people.name_empty", field="name")
    for field, value in (("name", name), ("username", username), ("email", email or "")):
        if len(value) > MAX_LENGTH:
            raise InvalidInput("people.too_long", field=field, length=len(value), max=MAX_LENGTH)
    _check_username(db, person, username)
    if email and not EMAIL.fullmatch(email):
        raise InvalidInput("people.email_invalid", field="email", value=email)
    if function_id and not _function_allowed(db, person, function_id):
        raise InvalidInput("hr_people.function_unknown", field="function", value=function_id)
    if language not in LANGUAGES:
        raise InvalidInput("people.language_unknown", field="language", value=language)
    return dict(name=name, username=username, email=email, function_id=function_id or None,
                roles=_checked_roles(roles), language=language)


def _check_username(db, person: Person | None, username: str) -> None:
    if not username:
        raise InvalidInput("people.username_empty", field="username")
    if not USERNAME.fullmatch(username):
        raise InvalidInput("people.username_invalid", field="username", value=username)
    holder = people.person_by_username(db, username)
    if holder is not None and (person is None or holder.id != person.id):
        raise InvalidInput("hr_people.username_taken", field="username", value=username)


def _checked_roles(roles) -> tuple[str, ...]:
    """The roles in their usual order; nobody is without one, so none given means employee."""
    given = set(roles or ())
    unknown = given - set(ROLES)
    if unknown:
        raise InvalidInput("people.role_unknown", field="roles", value=", ".join(sorted(unknown)))
    return tuple(role for role in ROLES if role in given) or ("employee",)


def _function_allowed(db, person: Person | None, function_id: str) -> bool:
    """An active function, or the inactive one this person already holds."""
    function = people.get_function(db, function_id)
    return function is not None and (function.active or (person is not None and person.function_id == function_id))


def _check_manager(db, person: Person, manager_id: int) -> None:
    """The new manager exists, may lead (active), and is not the person or one of their own reports."""
    manager = people.get_person(db, manager_id)
    if manager is None or not may_lead(manager, person.manager_id):
        raise InvalidInput("hr_people.manager_unknown", field="manager")
    if manager.id == person.id:
        raise InvalidInput("people.manager_self", field="manager")
    everyone = {p.id: p for p in people.list_people(db)}
    chain, current = [person.name, manager.name], manager
    while current.manager_id is not None and current.manager_id in everyone:
        if current.manager_id == person.id:
            raise InvalidInput("people.manager_cycle", field="manager", chain=" → ".join([*chain, person.name]))
        current = everyone[current.manager_id]
        chain.append(current.name)
        if len(chain) > len(everyone) + 1:
            break  # a circle above us that does not involve this person; not ours to report
