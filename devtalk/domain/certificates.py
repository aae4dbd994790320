"""Certificates and their types as records, and the rules about them that need no storage: when a
certificate expires, its status on a given day, which one of a person's certificates counts, and
what a scan's content is.

Status, on a day ``today``, for a type that warns ``warn_days`` ahead:
- expired: the expiry date lies before today (it was valid up to and including that date);
- expiring: it expires today or within ``warn_days`` days from today (both ends included);
- valid: later, or it never expires;
- missing: the person's job function requires the type and they hold none of it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from devtalk.domain.models import Person

STATUSES = ("valid", "expiring", "expired", "missing")
DUE = ("expired", "expiring", "missing")  # what a reminder is about
MEDIA_TYPES = {b"%PDF-": "application/pdf", b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}
SUFFIXES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
# PDF names that make a viewer act (run script, open a file or a link, play media, fill a form) or
# hide objects from a plain read (object streams, encryption): a scan with any of them is kept for
# download but never shown inside devtalk, where a browser's viewer would run it.
_ACTIVE_PDF_NAMES = {b"JavaScript", b"JS", b"Launch", b"OpenAction", b"AA", b"RichMedia", b"EmbeddedFile",
                     b"XFA", b"ObjStm", b"Encrypt", b"SubmitForm", b"ImportData"}
_PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


@dataclass(frozen=True)
class CertificateType:
    id: int
    name: str
    issuer: str = ""
    validity_months: int | None = None  # None: never expires
    warn_days: int = 90
    active: bool = True
    function_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Certificate:
    id: int
    person_id: int
    type_id: int
    number: str = ""
    issued_on: date | None = None
    expires_on: date | None = None
    notes: str = ""
    scan_name: str | None = None  # the scan's file name, None without a scan


@dataclass(frozen=True)
class CertificateRow:
    """One line of a certificate list: a person's certificate of a type, or the lack of a required one."""

    person: Person
    type: CertificateType
    certificate: Certificate | None
    status: str


@dataclass(frozen=True)
class Scan:
    content: bytes
    media_type: str
    file_name: str
    inline: bool  # whether a page may show it in place; False for a PDF that could act in a viewer


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_for(kind: CertificateType, issued_on: date | None) -> date | None:
    """The expiry the type proposes for a certificate issued on that day: None without an issue date
    or for a type that never expires."""
    if issued_on is None or kind.validity_months is None:
        return None
    return add_months(issued_on, kind.validity_months)


def status_of(expires_on: date | None, warn_days: int, today: date) -> str:
    if expires_on is None:
        return "valid"
    if expires_on < today:
        return "expired"
    if expires_on <= today + timedelta(days=warn_days):
        return "expiring"
    return "valid"


def requires(kind: CertificateType, person: Person) -> bool:
    """Whether the person's job function requires this (active) type."""
    return kind.active and person.function_id is not None and person.function_id in kind.function_ids


def _recency(certificate: Certificate) -> tuple:
    """Which of one person's certificates of a type counts: the one that lasts longest (no expiry
    outlasts every date), then the latest issued, then the latest entered."""
    return certificate.expires_on or date.max, certificate.issued_on or date.min, certificate.id


def current_rows(person: Person, types: Iterable[CertificateType], held: Iterable[Certificate],
                 today: date) -> list[CertificateRow]:
    """The person's certificate list on ``today``: per type the certificate that counts, with its
    status, and each required type they hold none of as missing. ``held`` are this person's."""
    counting: dict[int, Certificate] = {}
    for certificate in held:
        if certificate.type_id not in counting or _recency(certificate) > _recency(counting[certificate.type_id]):
            counting[certificate.type_id] = certificate
    rows = []
    for kind in types:
        certificate = counting.get(kind.id)
        if certificate is not None:
            rows.append(CertificateRow(person, kind, certificate, status_of(certificate.expires_on, kind.warn_days, today)))
        elif requires(kind, person):
            rows.append(CertificateRow(person, kind, None, "missing"))
    return rows


def media_type_of(content: bytes) -> str | None:
    """PDF, JPEG or PNG as the content starts (a file's name or the browser's word are not checked)."""
    return next((media for magic, media in MEDIA_TYPES.items() if content.startswith(magic)), None)


def pdf_may_act(content: bytes) -> bool:
    """Whether a PDF names script, actions or hidden objects, including names spelt with ``#xx``
    escapes (``/J#61vaScript``), which PDF readers decode."""
    for match in _PDF_NAME.finditer(content):
        name = _ESCAPE.sub(lambda escape: bytes([int(escape.group(1), 16)]), match.group(1))
        if name in _ACTIVE_PDF_NAMES:
            return True
    return False
