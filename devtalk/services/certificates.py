"""Certificates with expiry: the types HR keeps, who holds what, scans, team minimums, reminders,
and the import and export of the list.

Who sees what: HR everyone's; a manager their own team's; an employee their own (the dossier's
rule, ``access.can_view_dossier``: whoever may see that person). A scan is read only by them.
Every change is HR's and is recorded in the audit log.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import partial
from pathlib import Path, PurePath

import sqlite_utils
import yaml

from db import audit, people
from db import certificates as storage
from db.connection import transaction
from devtalk import config, mail
from devtalk.config import SmtpSettings
from devtalk.domain import access
from devtalk.domain.certificates import (
    DUE,
    SUFFIXES,
    Certificate,
    CertificateRow,
    CertificateType,
    Scan,
    current_rows,
    media_type_of,
    pdf_may_act,
    requires,
    status_of,
)
from devtalk.domain.certificates import expiry_for as _expiry_for
from devtalk.domain.models import Person
from devtalk.errors import InvalidInput, NotAllowed, NotFound
from devtalk.i18n import normalise_language, t
from devtalk.presentation.formatting import format_date
from devtalk.services.reminders import send_once
from devtalk.spreadsheets.certificates_export import (
    certificates_csv,
    certificates_table,
    certificates_xlsx,
)
from devtalk.spreadsheets.certificates_import import (
    ImportPlan,
    plan_certificates,
    read_file,
)

BUNDLED_TYPES = Path(__file__).resolve().parents[1] / "certificate_types.yaml"
DASHBOARD_DAYS = 183  # about six months ahead
MAX_TEXT = 200
MAX_NOTES = 5000


def expiry_for(kind: CertificateType, issued_on: date | None) -> date | None:
    """The expiry a type proposes for a certificate issued that day (None: no expiry or no date), to prefill a form."""
    return _expiry_for(kind, issued_on)


# --- types ---------------------------------------------------------------------------------------

def list_types(db: sqlite_utils.Database, actor: Person) -> list[CertificateType]:
    """Every type, by name: what a type is called and requires is no one's personal data."""
    if not access.may_act(actor):
        raise NotAllowed()
    return storage.list_types(db)


def add_type(db: sqlite_utils.Database, actor: Person, *, name: str, issuer: str = "", validity_months: int | None,
             warn_days: int = 90, function_ids: Iterable[str] = (), active: bool = True) -> CertificateType:
    access.require_hr(actor)
    fields = _type_fields(db, None, name, issuer, validity_months, warn_days, function_ids, active)
    with transaction(db):
        type_id = storage.save_type(db, None, **fields)
        audit.record_event(db, access.recorded_id(actor), "certificate_type.add", "certificate_type", type_id,
                           detail={"name": fields["name"]})
    return storage.get_type(db, type_id)


def edit_type(db: sqlite_utils.Database, actor: Person, type_id: int, *, name: str, issuer: str = "",
              validity_months: int | None, warn_days: int = 90, function_ids: Iterable[str] = (),
              active: bool = True) -> CertificateType:
    """Change a type; the expiry of certificates already entered stays as it was entered."""
    access.require_hr(actor)
    if storage.get_type(db, type_id) is None:
        raise NotFound()
    fields = _type_fields(db, type_id, name, issuer, validity_months, warn_days, function_ids, active)
    with transaction(db):
        storage.save_type(db, type_id, **fields)
        audit.record_event(db, access.recorded_id(actor), "certificate_type.edit", "certificate_type", type_id,
                           detail={"name": fields["name"]})
    return storage.get_type(db, type_id)


def _type_fields(db, type_id, name, issuer, validity_months, warn_days, function_ids, active) -> dict:
    name, issuer = (name or "").strip(), (issuer or "").strip()
    if not name:
        raise InvalidInput("certificates.name_empty", field="name")
    for field, value in (("name", name), ("issuer", issuer)):
        if len(value) > MAX_TEXT:
            raise InvalidInput("people.too_long", field=field, length=len(value), max=MAX_TEXT)
    same_name = storage.type_by_name(db, name)
    if same_name is not None and same_name.id != type_id:
        raise InvalidInput("certificates.name_taken", field="name", value=same_name.name)
    if validity_months is not None and not (isinstance(validity_months, int) and 0 < validity_months <= 1200):
        raise InvalidInput("certificates.validity_invalid", field="validity_months")
    if not (isinstance(warn_days, int) and 0 <= warn_days <= 3650):
        raise InvalidInput("certificates.warn_days_invalid", field="warn_days")
    known = {function.id for function in people.list_functions(db)}
    unknown = sorted(set(function_ids) - known)
    if unknown:
        raise InvalidInput("hr_people.function_unknown", field="function_ids", value=", ".join(unknown))
    return {"name": name, "issuer": issuer, "validity_months": validity_months, "warn_days": warn_days,
                "active": bool(active), "function_ids": tuple(function_ids)}


def load_bundled_types(db: sqlite_utils.Database) -> int:
    """The starting list (``certificate_types.yaml``) into a database that holds no type yet, linked to
    the job functions the firm has; returns how many were added (0 when HR already has types)."""
    if storage.list_types(db):
        return 0
    bundled = yaml.safe_load(BUNDLED_TYPES.read_text(encoding="utf-8"))
    known = {function.id for function in people.list_functions(db)}
    with transaction(db):
        for entry in bundled:
            storage.save_type(db, None, name=entry["name"], issuer=entry["issuer"],
                              validity_months=entry["validity_months"], warn_days=entry["warn_days"], active=True,
                              function_ids=[f for f in entry["functions"] if f in known])
        audit.record_event(db, None, "certificate_type.bundled", "certificate_type", "*", detail={"rows": len(bundled)})
    return len(bundled)


# --- who holds what ------------------------------------------------------------------------------

def _today(today: date | None) -> date:
    return today or date.today()


def _subject(db, actor: Person, person_id: int) -> Person:
    """The person whose certificates are asked for, if the actor may see them. To anyone but HR an
    unknown id is refused like a colleague's, so ids reveal nothing."""
    person = people.get_person(db, person_id)
    if person is None:
        if access.sees_every_conversation(actor):
            raise NotFound()
        raise NotAllowed()
    if not access.can_view_dossier(actor, person):
        raise NotAllowed()
    return person


def _rows(db, persons: Iterable[Person], today: date) -> list[CertificateRow]:
    persons = list(persons)
    types = storage.list_types(db)
    held: dict[int, list[Certificate]] = {}
    for certificate in storage.certificates_of(db, [person.id for person in persons]):
        held.setdefault(certificate.person_id, []).append(certificate)
    return [row for person in persons for row in current_rows(person, types, held.get(person.id, ()), today)]


def of_person(db: sqlite_utils.Database, actor: Person, person_id: int, today: date | None = None) -> list[CertificateRow]:
    """The person's certificates that count now (per type the latest), and the required ones they lack."""
    return _rows(db, [_subject(db, actor, person_id)], _today(today))


def history(db: sqlite_utils.Database, actor: Person, person_id: int, today: date | None = None) -> list[CertificateRow]:
    """Every certificate the person ever held, newest first, each with its status today."""
    person, today = _subject(db, actor, person_id), _today(today)
    types = {kind.id: kind for kind in storage.list_types(db)}
    held = storage.certificates_of(db, [person.id])
    rows = [CertificateRow(person, types[c.type_id], c, status_of(c.expires_on, types[c.type_id].warn_days, today))
            for c in held]
    return sorted(rows, key=lambda row: (row.certificate.issued_on or date.min, row.certificate.id), reverse=True)


def _team(db, actor: Person) -> list[Person]:
    """The actor's own active people; none in a sign-in-code session, which leads nobody."""
    if not access.may_act(actor):
        raise NotAllowed()
    if actor.restricted:
        return []
    return [person for person in people.direct_reports(db, actor.id) if person.active and access.leads(actor, person)]


def team_certificates(db: sqlite_utils.Database, actor: Person, today: date | None = None) -> list[CertificateRow]:
    """The certificates of the actor's own team and what they lack; none for someone who leads nobody."""
    return _rows(db, _team(db, actor), _today(today))


def dashboard(db: sqlite_utils.Database, actor: Person, within_days: int = DASHBOARD_DAYS,
              today: date | None = None) -> list[CertificateRow]:
    """HR's list over every active person: what has expired, what expires within ``within_days``
    (whatever the type's own warning), and what is required but missing; of active types only."""
    access.require_hr(actor)
    today = _today(today)
    horizon = today + timedelta(days=within_days)
    return [row for row in _rows(db, people.list_people(db, active_only=True), today) if row.type.active and (
        row.certificate is None or (row.certificate.expires_on is not None and row.certificate.expires_on <= horizon))]


def gaps(db: sqlite_utils.Database, actor: Person, person_id: int, before: date,
         today: date | None = None) -> list[CertificateRow]:
    """The certificates the person's job function requires that are missing, or that expire before
    ``before`` (e.g. the next round), expired ones included: the agenda's renewal points."""
    return [row for row in of_person(db, actor, person_id, today)
            if requires(row.type, row.person) and (row.certificate is None or (
                row.certificate.expires_on is not None and row.certificate.expires_on < before))]


def holders(db: sqlite_utils.Database, actor: Person, manager_id: int | None = None,
            today: date | None = None) -> dict[int, dict[int, list[int]]]:
    """manager id -> type id -> the ids of that team's active people with a certificate of the type
    that has not expired today. HR: every team (or ``manager_id``'s); a manager: their own team."""
    today = _today(today)
    if access.sees_every_conversation(actor):
        team = [p for p in people.list_people(db, active_only=True)
                if p.manager_id is not None and manager_id in (None, p.manager_id)]
    elif manager_id in (None, actor.id):
        team = _team(db, actor)
    else:
        raise NotAllowed()
    result: dict[int, dict[int, list[int]]] = {}
    managers = {person.id: person.manager_id for person in team}
    for certificate in storage.certificates_of(db, managers):
        if certificate.expires_on is None or certificate.expires_on >= today:
            holding = result.setdefault(managers[certificate.person_id], {}).setdefault(certificate.type_id, [])
            if certificate.person_id not in holding:
                holding.append(certificate.person_id)
    return result


# --- changes -------------------------------------------------------------------------------------

def _certificate_fields(db, type_id: int, number: str, issued_on: date | None, expires_on: date | None,
                        notes: str) -> dict:
    kind = storage.get_type(db, type_id)
    if kind is None:
        raise InvalidInput("certificates.type_missing", field="type_id")
    number, notes = (number or "").strip(), (notes or "").strip()
    if len(number) > MAX_TEXT:
        raise InvalidInput("people.too_long", field="number", length=len(number), max=MAX_TEXT)
    if len(notes) > MAX_NOTES:
        raise InvalidInput("people.too_long", field="notes", length=len(notes), max=MAX_NOTES)
    expires_on = expires_on or _expiry_for(kind, issued_on)
    if issued_on and expires_on and expires_on < issued_on:
        raise InvalidInput("certificates.expires_before_issued", field="expires_on")
    return {"type_id": type_id, "number": number, "issued_on": issued_on, "expires_on": expires_on, "notes": notes}


def add_certificate(db: sqlite_utils.Database, actor: Person, person_id: int, *, type_id: int, number: str = "",
                    issued_on: date | None = None, expires_on: date | None = None, notes: str = "") -> Certificate:
    """A certificate for the person; an empty expiry is computed from the type."""
    access.require_hr(actor)
    if people.get_person(db, person_id) is None:
        raise NotFound()
    fields = _certificate_fields(db, type_id, number, issued_on, expires_on, notes)
    with transaction(db):
        certificate_id = storage.add_certificate(db, person_id, **fields)
        audit.record_event(db, access.recorded_id(actor), "certificate.add", "person", person_id,
                           detail={"certificate": _type_name(db, type_id)})
    return storage.get_certificate(db, certificate_id)


def _type_name(db, type_id: int) -> str:
    """What the log says a certificate is: its type's name (the number may be personal enough)."""
    return storage.get_type(db, type_id).name


def _certificate(db, actor: Person, certificate_id: int) -> Certificate:
    access.require_hr(actor)
    certificate = storage.get_certificate(db, certificate_id)
    if certificate is None:
        raise NotFound()
    return certificate


def edit_certificate(db: sqlite_utils.Database, actor: Person, certificate_id: int, *, type_id: int, number: str = "",
                     issued_on: date | None = None, expires_on: date | None = None, notes: str = "") -> Certificate:
    certificate = _certificate(db, actor, certificate_id)
    fields = _certificate_fields(db, type_id, number, issued_on, expires_on, notes)
    with transaction(db):
        storage.update_certificate(db, certificate_id, **fields)
        audit.record_event(db, access.recorded_id(actor), "certificate.edit", "person", certificate.person_id,
                           detail={"certificate": _type_name(db, type_id)})
    return storage.get_certificate(db, certificate_id)


def delete_certificate(db: sqlite_utils.Database, actor: Person, certificate_id: int) -> None:
    """Remove a certificate entered by mistake, with its scan (an expired one stays as history)."""
    certificate = _certificate(db, actor, certificate_id)
    with transaction(db):
        storage.delete_certificate(db, certificate_id)
        audit.record_event(db, access.recorded_id(actor), "certificate.delete", "person", certificate.person_id,
                           detail={"certificate": _type_name(db, certificate.type_id)})


def store_scan(db: sqlite_utils.Database, actor: Person, certificate_id: int, data: bytes, file_name: str) -> Certificate:
    """Keep the scan of a certificate (replacing an earlier one): PDF, JPEG or PNG by its content, at
    most ``config.scan_max_bytes()``; anything else is refused with nothing stored."""
    certificate = _certificate(db, actor, certificate_id)
    limit = config.scan_max_bytes()
    if len(data) > limit:
        raise InvalidInput("certificates.scan_too_large", field="scan", size=_megabytes(len(data)), max=_megabytes(limit))
    media_type = media_type_of(data)
    if media_type is None:
        raise InvalidInput("certificates.scan_type", field="scan")
    with transaction(db):
        storage.save_scan(db, certificate_id, media_type, _scan_name(file_name, media_type), data, access.recorded_id(actor))
        audit.record_event(db, access.recorded_id(actor), "certificate.scan", "person", certificate.person_id,
                           detail={"certificate": _type_name(db, certificate.type_id)})
    return storage.get_certificate(db, certificate_id)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def _scan_name(file_name: str, media_type: str) -> str:
    """The upload's own name without any folder, ending as its content is (a PNG called .pdf is saved
    as .png), so a download opens in the right program."""
    stem = PurePath((file_name or "").replace("\\", "/")).stem.strip()[:100] or "scan"
    return stem + SUFFIXES[media_type]


def scan(db: sqlite_utils.Database, actor: Person, certificate_id: int) -> Scan:
    """The certificate's scan, for whoever may see its holder; ``inline`` False for a PDF that could
    run script or act in a viewer: offer it as a download only."""
    certificate = storage.get_certificate(db, certificate_id)
    if certificate is None:
        if access.sees_every_conversation(actor):
            raise NotFound()
        raise NotAllowed()
    _subject(db, actor, certificate.person_id)
    stored = storage.get_scan(db, certificate_id)
    if stored is None:
        raise NotFound()
    content, media_type, file_name = stored
    return Scan(content, media_type, file_name, media_type != "application/pdf" or not pdf_may_act(content))


# --- team minimums -------------------------------------------------------------------------------

def minimums(db: sqlite_utils.Database, actor: Person, manager_id: int) -> dict[int, int]:
    """type id -> how many of the team must hold it: for HR, and for the manager of that team."""
    if not (access.sees_every_conversation(actor) or (access.may_act(actor) and not actor.restricted
                                                       and actor.id == manager_id)):
        raise NotAllowed()
    return {type_id: people_needed for (_, type_id), people_needed in storage.minimums(db, manager_id).items()}


def all_minimums(db: sqlite_utils.Database, actor: Person) -> dict[tuple[int, int], int]:
    """(manager id, type id) -> people, every team's for HR, a manager's own otherwise."""
    if access.sees_every_conversation(actor):
        return storage.minimums(db)
    if not access.may_act(actor) or actor.restricted:
        return {}
    return storage.minimums(db, actor.id)


def set_minimum(db: sqlite_utils.Database, actor: Person, manager_id: int, type_id: int, people_needed: int) -> None:
    """At least ``people_needed`` of the manager's team must hold the type (0 removes it). HR sets it."""
    access.require_hr(actor)
    if people.get_person(db, manager_id) is None or storage.get_type(db, type_id) is None:
        raise NotFound()
    if not isinstance(people_needed, int) or not 0 <= people_needed <= 1000:
        raise InvalidInput("certificates.minimum_invalid", field="people")
    with transaction(db):
        storage.set_minimum(db, manager_id, type_id, people_needed)
        audit.record_event(db, access.recorded_id(actor), "certificate.minimum", "person", manager_id,
                           detail={"certificate": _type_name(db, type_id), "people": people_needed})


# --- reminders -----------------------------------------------------------------------------------

def reminders(db: sqlite_utils.Database, actor: Person, today: date | None = None) -> list[CertificateRow]:
    """What is due now (expired, within the type's warning, or required and missing): everyone's for
    HR, the team's for a manager, nothing for anyone else. A type HR switched off is nobody's concern."""
    today = _today(today)
    if access.sees_every_conversation(actor):
        rows = _rows(db, people.list_people(db, active_only=True), today)
    else:
        rows = _rows(db, _team(db, actor), today)
    return [row for row in rows if row.status in DUE and row.type.active]


def _reminder_subject(row: CertificateRow) -> str:
    """What a reminder is about, so it goes out once: this certificate in this status with this
    expiry (a renewal or a changed date is news again), or this required type lacking."""
    if row.certificate is None:
        return f"certificate-missing:{row.person.id}:{row.type.id}"
    return f"certificate:{row.certificate.id}:{row.status}:{row.certificate.expires_on}"


def send_reminders(db: sqlite_utils.Database, actor: Person, today: date | None = None,
                   settings: SmtpSettings | None = None) -> int:
    """E-mail each manager what is newly due in their team, and each HR person everything newly due;
    a reminder already sent to someone never goes to them again. Returns the number of mails."""
    access.require_hr(actor)
    settings = settings or config.smtp_settings()
    if settings is None:
        raise InvalidInput("completion.mail_off")
    due = reminders(db, actor, today)
    everyone = {person.id: person for person in people.list_people(db, active_only=True)}
    hr_staff = [person for person in everyone.values() if person.is_hr and person.email]
    wanted: dict[tuple[str, int], CertificateRow] = {}
    for row in due:
        manager = everyone.get(row.person.manager_id)
        for recipient in [*hr_staff, *([manager] if manager is not None and manager.email else [])]:
            wanted[(_reminder_subject(row), recipient.id)] = row
    return send_once(db, actor, settings, wanted, everyone, partial(_message, settings),
                     "certificate.remind", "certificate")


def _message(settings: SmtpSettings, recipient: Person, rows: list[CertificateRow], link: str | None):
    lang = normalise_language(recipient.language)
    lines = [t("completion.mail_greeting", lang, name=recipient.name), "", t("certificates.mail_intro", lang), ""]
    for row in sorted(rows, key=lambda row: (row.person.name, row.type.name)):
        expires = row.certificate.expires_on if row.certificate else None
        lines.append("- " + t(f"certificates.mail_{row.status}", lang, name=row.person.name, certificate=row.type.name,
                              date=format_date(expires, lang) if expires else ""))
    if link:
        lines += ["", t("completion.mail_link", lang, link=link)]
    return mail.message(settings, recipient.email, t("certificates.mail_subject", lang, count=len(rows)),
                        "\n".join([*lines, "", t("completion.mail_closing", lang)]))


# --- import and export ---------------------------------------------------------------------------

def _plan(db, rows, today: date | None) -> ImportPlan:
    return plan_certificates(rows, people.list_people(db), storage.list_types(db), storage.certificates_of(db), _today(today))


def plan_import(db: sqlite_utils.Database, actor: Person, data: bytes, filename: str, today: date | None = None) -> ImportPlan:
    """What importing the file would add and change, for the preview; writes nothing."""
    access.require_hr(actor)
    return _plan(db, read_file(data, filename), today)


def import_certificates(db: sqlite_utils.Database, actor: Person, data: bytes, filename: str,
                        today: date | None = None) -> ImportPlan:
    """Add and update every certificate in the file in one transaction; any problem and nothing is written."""
    access.require_hr(actor)
    rows = read_file(data, filename)
    with transaction(db):
        plan = _plan(db, rows, today)  # again under the write lock: the stored list may have changed since the preview
        for record in plan.added:
            storage.add_certificate(db, record.person_id, type_id=record.type_id, number=record.number,
                                    issued_on=record.issued_on, expires_on=record.expires_on)
        for record in plan.changed:
            storage.update_certificate(db, record.certificate_id, issued_on=record.issued_on, expires_on=record.expires_on)
        audit.record_event(db, access.recorded_id(actor), "certificate.import", "certificate", "*",
                           detail={"added": len(plan.added), "changed": len(plan.changed)})
    return plan


EXPORT_FORMATS = ("csv", "xlsx")


def export_certificates(db: sqlite_utils.Database, actor: Person, fmt: str, lang: str = "nl") -> bytes:
    """Every certificate in the import's columns, as ``csv`` or ``xlsx`` bytes; audited like every export."""
    access.require_hr(actor)
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {list(EXPORT_FORMATS)}")
    held = storage.certificates_of(db)
    everyone = {person.id: person for person in people.list_people(db)}
    table = certificates_table(held, everyone, {kind.id: kind for kind in storage.list_types(db)}, lang)
    data = certificates_csv(table) if fmt == "csv" else certificates_xlsx(table, lang)
    with transaction(db):
        audit.record_event(db, access.recorded_id(actor), "certificate.export", "certificate", "*",
                           detail={"format": fmt, "rows": len(held)})
    return data
