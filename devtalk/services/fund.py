"""The fund portal (issue 20): a sector training fund hosts devtalk for its member firms.

Its administrators create firms with their first HR account, list the firms, and read anonymous
figures across firms. They never see a person, a name or a text of a firm: the fund reads each
firm through that firm's own database role, one firm at a time, and takes counts and sums only.

The portal is itself a firm of kind "fund" on PostgreSQL (db.tenants), whose people with the
role fund_admin sign in as anyone does. Every call checks both: a fund administrator, acting on
the fund's own database.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import sqlite_utils

from db import accounts, audit, tenants
from db import fund as fund_db
from db import people as people_db
from db.connection import transaction
from db.postgres import is_postgres_url
from devtalk.domain import access
from devtalk.domain.models import FUND_ADMIN, Person
from devtalk.domain.passwords import hash_password
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.i18n import LANGUAGES
from devtalk.services import setup
from devtalk.services.library import get_version, parsed
from devtalk.services.people import new_password
from devtalk.services.team import MIN_RESPONDENTS

# A sector's figure blends at least this many firms, each with at least MIN_RESPONDENTS people
# answering: below that a figure could be one firm's, and a small firm's is nearly a person's.
MIN_FIRMS = 3


@dataclass(frozen=True)
class NewFirm:
    firm: tenants.Firm
    hr: Person
    password: str  # shown once to the fund administrator, to hand to the firm's HR person


@dataclass(frozen=True)
class FirmSummary:
    firm: tenants.Firm
    people: int  # active people
    rounds: int


@dataclass(frozen=True)
class SectorClimate:
    sector: str
    firms: int  # firms whose figure counts (MIN_RESPONDENTS people or more answered)
    average: float | None  # None: fewer than MIN_FIRMS firms, so nothing is shown


def create_firm(db: sqlite_utils.Database, actor: Person, *, slug: str, name: str, sector: str = "",
                hr_name: str, hr_username: str, language: str = "nl", public_address: str = "") -> NewFirm:
    """A new firm with its first HR account, as the firm's own first run would make it
    (services.setup), with a one-time password instead of one the HR person typed. All or nothing:
    the account is made in the transaction that makes the firm (db.tenants.create_firm's fill)."""
    url = _fund(db, actor)
    name, sector = (name or "").strip(), (sector or "").strip()
    password, made = new_password(), []

    def first_hr_account(firm_db) -> None:
        made.append(setup.create_firm(firm_db, firm_name=name, language=language, name=hr_name, username=hr_username,
                                      password=password, public_address=public_address))

    firm = tenants.create_firm(url, (slug or "").strip().lower(), name, sector, fill=first_hr_account)
    audit.record_event(db, access.recorded_id(actor), "fund.firm_add", "firm", firm.id, detail={"slug": firm.slug})
    return NewFirm(firm, made[0], password)


def firm_list(db: sqlite_utils.Database, actor: Person) -> list[FirmSummary]:
    """Every member firm (not the fund itself) with how many people and rounds it has."""
    url = _fund(db, actor)
    return [FirmSummary(firm, *fund_db.firm_counts(tenants.firm_database(url, firm))) for firm in tenants.firms(url)]


def climate_per_sector(db: sqlite_utils.Database, actor: Person) -> list[SectorClimate]:
    """Per sector the mean employee answer to the learning-climate scale questions (kind climate)
    of submitted conversations, over the sector's firms; shown only where MIN_FIRMS firms count."""
    url = _fund(db, actor)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # sector -> firms, sum, values
    for firm in tenants.firms(url):
        respondents, total, values = _climate_sums(tenants.firm_database(url, firm))
        counted = totals[firm.sector]
        if respondents >= MIN_RESPONDENTS:
            counted[0], counted[1], counted[2] = counted[0] + 1, counted[1] + total, counted[2] + values
    return [SectorClimate(sector, firms, total / values if firms >= MIN_FIRMS and values else None)
            for sector, (firms, total, values) in sorted(totals.items())]


def add_fund_admin(db: sqlite_utils.Database, actor: Person, *, name: str, username: str,
                   language: str = "nl") -> tuple[Person, str]:
    """A fund administrator with a one-time password, on the fund's database: by the command line
    (the first one) or by another fund administrator."""
    if actor != access.OPERATOR:
        access.require_fund_admin(actor)
    _registry(db)
    name, username = (name or "").strip(), (username or "").strip()
    if not name or not username:
        raise InvalidInput("setup.fields_required")
    if language not in LANGUAGES:
        raise InvalidInput("account.unknown_language", language=language)
    password = new_password()
    with transaction(db):
        if people_db.person_by_username(db, username) is not None:
            raise InvalidInput("hr_people.username_taken", field="username", value=username)
        admin = people_db.add_person(db, name=name, username=username, roles=(FUND_ADMIN,), language=language)
        accounts.set_password_hash(db, admin.id, hash_password(password))
        audit.record_event(db, access.recorded_id(actor), "fund.admin_add", "person", admin.id)
    return admin, password


def _climate_sums(firm_db) -> tuple[int, int, int]:
    """(respondents, sum, values) of one firm's climate answers, in that firm's own database."""
    items = {}
    for version_id in fund_db.submitted_versions(firm_db):
        questionnaire = parsed(get_version(firm_db, version_id))
        items[version_id] = [item.id for item in questionnaire.all_items() if item.type == "likert" and item.kind == "climate"]
    return fund_db.employee_answer_sums(firm_db, items)


def _fund(db, actor: Person) -> str:
    access.require_fund_admin(actor)
    return _registry(db)


def _registry(db) -> str:
    """The registry URL of ``db`` when it is the fund's firm database; NotAllowed otherwise (SQLite,
    a member firm), so a fund administrator of nowhere, or of a firm, can do nothing here."""
    url = getattr(db, "url", None)
    if not is_postgres_url(url) or getattr(db, "firm_id", None) is None:
        raise NotAllowed()
    firm = tenants.firm_by_id(url, db.firm_id)
    if firm is None or firm.kind != "fund":
        raise NotAllowed()
    return url
