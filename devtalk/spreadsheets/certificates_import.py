"""Checking a certificates file (CSV or XLSX) whole, against the stored people, types and
certificates, before anything is written: as the people import, every problem at once, with the
row and column as Excel shows them.

A row names a person by username and a type by its name (both ignoring case). A row matches a
stored certificate of that person and type with the same number (or, without a number, the same
issue date), which it updates; any other row adds a certificate. So an export reads back in
without doubling anything, and the file never deletes a certificate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from devtalk.domain.certificates import Certificate, CertificateType, expiry_for
from devtalk.domain.models import Person
from devtalk.errors import InvalidInput
from devtalk.i18n import DEFAULT_LANGUAGE, Message
from devtalk.spreadsheets import people_import
from devtalk.spreadsheets.cells import Row
from devtalk.spreadsheets.people_import import Problem

# field: (Dutch header, English header, further spellings people type)
HEADERS = {
    "username": ("gebruikersnaam", "username"),
    "certificate": ("certificaat", "certificate", "type"),
    "number": ("nummer", "number", "certificaatnummer"),
    "issued": ("afgegeven", "issued", "afgiftedatum", "issued on"),
    "expires": ("verloopt", "expires", "vervaldatum", "geldig tot", "expires on"),
}
FIELDS = tuple(HEADERS)
REQUIRED = ("username", "certificate")
MAX_LENGTH = 200
# Dutch Excel writes dd-mm-jjjj; people also type / or . between the parts, and an XLSX date cell
# reads as ISO text (2026-03-01 00:00:00).
DUTCH_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?")


def _normalise(header: str) -> str:
    return re.sub(r"[\s_-]+", "", header).casefold()


SPELLINGS = {_normalise(spelling): field for field, spellings in HEADERS.items() for spelling in spellings}


class ImportFailed(InvalidInput):
    """The file has problems, all of them in ``problems``; nothing was stored."""

    key = "certificates.import_failed"

    def __init__(self, problems: Sequence[Problem]):
        super().__init__(count=len(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class CertificateRecord:
    """One row as it will be stored; ``certificate_id`` names the stored certificate it updates."""

    row: int
    username: str
    type_name: str
    number: str
    issued_on: date | None
    expires_on: date | None
    person_id: int
    type_id: int
    certificate_id: int | None = None


@dataclass(frozen=True)
class ImportPlan:
    rows: tuple[CertificateRecord, ...]
    changed: tuple[CertificateRecord, ...]  # rows that update a stored certificate with other dates
    unchanged: int

    @property
    def added(self) -> tuple[CertificateRecord, ...]:
        return tuple(record for record in self.rows if record.certificate_id is None)


def header(field: str, lang: str | None = DEFAULT_LANGUAGE) -> str:
    dutch, english = HEADERS[field][:2]
    return english if lang == "en" else dutch


def read_file(data: bytes, filename: str) -> list[Row]:
    """The file's non-empty rows, read as the people import reads its file."""
    return people_import.read_file(data, filename, ImportFailed)


def parse_date(text: str) -> date:
    """A date as written in the file; ValueError for anything else, or a day that does not exist."""
    dutch, iso = DUTCH_DATE.fullmatch(text), ISO_DATE.fullmatch(text)
    if dutch:
        return date(int(dutch.group(3)), int(dutch.group(2)), int(dutch.group(1)))
    if iso:
        return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    raise ValueError(text)


def format_date(day: date | None) -> str:
    """A date as the import reads it and Dutch Excel shows it."""
    return day.strftime("%d-%m-%Y") if day else ""


def plan_certificates(rows: Sequence[Row], people: Sequence[Person], types: Sequence[CertificateType],
                      held: Sequence[Certificate], today: date) -> ImportPlan:
    """What the rows add and change, or ImportFailed with every problem in them."""
    if not rows:
        raise ImportFailed([Problem(None, None, Message("people.file_empty"))])
    (header_row, header_cells), data = rows[0], rows[1:]
    position, written, problems = _recognise_header(header_row, header_cells)
    if any(field not in position for field in REQUIRED):
        raise ImportFailed(problems)
    if not data:
        raise ImportFailed([*problems, Problem(None, None, Message("certificates.file_no_rows"))])
    by_username = {person.username.casefold(): person for person in people}
    by_name = {kind.name.casefold(): kind for kind in types}
    records = []
    for number, cells in data:
        record, row_problems = _record(number, cells, position, written, by_username, by_name, today)
        problems += row_problems
        if record is not None:
            records.append(record)
    problems += _twice(records, written["username"])
    if problems:
        raise ImportFailed(sorted(problems, key=lambda problem: problem.row or 0))
    return _plan(records, held)


def _recognise_header(row: int, cells: Sequence[str]):
    position, written, problems = {}, {}, []
    for index, text in enumerate(cells):
        if not text:
            continue  # Excel keeps formatted empty columns around
        field = SPELLINGS.get(_normalise(text))
        if field is None:
            known = ", ".join("/".join(HEADERS[name][:2]) for name in FIELDS)
            problems.append(Problem(row, text, Message("people.column_unknown", known=known)))
        elif field in position:
            problems.append(Problem(row, text, Message("people.column_twice", first=written[field])))
        else:
            position[field], written[field] = index, text
    problems += [Problem(row, None, Message("people.column_missing", nl=header(field, "nl"), en=header(field, "en")))
                 for field in REQUIRED if field not in position]
    return position, written, problems


def _record(number: int, cells: Sequence[str], position: dict, written: dict, people: dict, types: dict, today: date):
    """The row as a record (None when it has problems) and the problems in it."""
    raw = {field: cells[index] if index < len(cells) else "" for field, index in position.items()}
    problems = []

    def problem(field: str, key: str, **params) -> None:
        problems.append(Problem(number, written[field], Message(key, **params)))

    for field, text in raw.items():
        if len(text) > MAX_LENGTH:
            problem(field, "people.too_long", length=len(text), max=MAX_LENGTH)
    person = people.get(raw["username"].casefold())
    if not raw["username"]:
        problem("username", "certificates.username_empty")
    elif person is None:
        problem("username", "certificates.person_unknown", value=raw["username"])
    kind = types.get(raw["certificate"].casefold())
    if not raw["certificate"]:
        problem("certificate", "certificates.type_empty")
    elif kind is None:
        known = ", ".join(sorted(types[name].name for name in types)) or "-"
        problem("certificate", "certificates.type_unknown", value=raw["certificate"], known=known)
    dates = {}
    for field in ("issued", "expires"):
        text = raw.get(field, "")
        try:
            dates[field] = parse_date(text) if text else None
        except ValueError:
            problem(field, "certificates.date_invalid", value=text)
    issued, expires = dates.get("issued"), dates.get("expires")
    if issued and expires and expires < issued:
        problem("expires", "certificates.expires_before_issued")
    if issued and issued > today:
        problem("issued", "certificates.issued_in_future", value=raw["issued"])
    if problems:
        return None, problems
    if expires is None and "expires" in dates:
        expires = expiry_for(kind, issued)  # an empty cell: as the type proposes
    return CertificateRecord(number, person.username, kind.name, raw.get("number", ""), issued, expires,
                             person.id, kind.id), []


def _plan(records: list[CertificateRecord], held: Sequence[Certificate]) -> ImportPlan:
    stored = {}
    for certificate in held:
        stored.setdefault(_identity(certificate.person_id, certificate.type_id, certificate.number, certificate.issued_on),
                          certificate)
    rows, changed = [], []
    for record in records:
        match = stored.get(_identity(record.person_id, record.type_id, record.number, record.issued_on))
        if match is not None:
            record = replace(record, certificate_id=match.id)
            if (match.issued_on, match.expires_on) != (record.issued_on, record.expires_on):
                changed.append(record)
        rows.append(record)
    updated = sum(1 for record in rows if record.certificate_id is not None)
    return ImportPlan(tuple(rows), tuple(changed), updated - len(changed))


def _twice(records: list[CertificateRecord], column: str) -> list[Problem]:
    """Two rows for the same certificate: which one HR meant is theirs to say."""
    first, problems = {}, []
    for record in records:
        key = _identity(record.person_id, record.type_id, record.number, record.issued_on)
        if key in first:
            problems.append(Problem(record.row, column, Message("certificates.row_twice", first_row=first[key])))
        first.setdefault(key, record.row)
    return problems


def _identity(person_id: int, type_id: int, number: str, issued_on: date | None) -> tuple:
    return (person_id, type_id, "number", number.casefold()) if number else (person_id, type_id, "issued", issued_on)
