"""Importing and exporting people: how HR gets a whole firm in at once, and back out again."""

from __future__ import annotations

import sqlite_utils

from db import audit, people
from db.connection import transaction
from devtalk.domain import access
from devtalk.domain.models import Person
from devtalk.spreadsheets.people_export import people_csv, people_xlsx, template_xlsx
from devtalk.spreadsheets.people_import import ImportPlan, plan_people, read_file

EXPORTERS = {"csv": people_csv, "xlsx": people_xlsx}
_COLUMNS = {"function": "function_id"}


def plan_import(db: sqlite_utils.Database, actor: Person, data: bytes, filename: str) -> ImportPlan:
    """What importing the file would add and change, for the preview; writes nothing."""
    access.require_hr(actor)
    return plan_people(read_file(data, filename), people.list_people(db), people.list_functions(db))


def import_people(db: sqlite_utils.Database, actor: Person, data: bytes, filename: str) -> ImportPlan:
    """Add and update everyone in the file in one transaction; any problem and nothing is written."""
    access.require_hr(actor)
    rows = read_file(data, filename)
    with transaction(db):
        # Planned again under the write lock: what is stored may have changed since the preview.
        plan = plan_people(rows, people.list_people(db), people.list_functions(db))
        _apply(db, plan)
        detail = {"added": len(plan.added), "changed": len(plan.changed)}
        audit.record_event(db, access.recorded_id(actor), "people.import", "people", "*", detail=detail)
    return plan


def export_people(db: sqlite_utils.Database, actor: Person, fmt: str, lang: str = "nl") -> bytes:
    """Everyone, in the import's columns, as ``csv`` or ``xlsx`` bytes; recorded in the audit log
    like every export of personal data."""
    access.require_hr(actor)
    if fmt not in EXPORTERS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {sorted(EXPORTERS)}")
    everyone = people.list_people(db)
    data = EXPORTERS[fmt](everyone, lang)
    with transaction(db):
        audit.record_event(db, access.recorded_id(actor), "people.export", "people", "*", detail={"format": fmt, "rows": len(everyone)})
    return data


def people_template_xlsx(lang: str = "nl", db: sqlite_utils.Database | None = None) -> bytes:
    """The empty people workbook with instructions; given ``db`` it also lists the job functions."""
    return template_xlsx(lang, people.list_functions(db) if db is not None else ())


def _apply(db: sqlite_utils.Database, plan: ImportPlan) -> None:
    ids = {person.username.casefold(): person.id for person in people.list_people(db)}
    for record in plan.added:
        fields = dict(email=record.email, function_id=record.function, roles=record.roles, language=record.language)
        ids[record.username.casefold()] = people.add_person(db, name=record.name, username=record.username, **fields).id
    # Managers once everyone exists: a new person's manager may stand further down the file.
    for record in plan.added:
        if record.manager:
            people.update_person(db, ids[record.username.casefold()], manager_id=ids[record.manager.casefold()])
    for change in plan.changed:
        people.update_person(db, change.person_id, **_columns(change.new_values(), ids))


def _columns(values: dict[str, object], ids: dict[str, int]) -> dict[str, object]:
    """The plan's fields as people-table columns: the manager's username becomes their id."""
    columns = {_COLUMNS.get(field, field): value for field, value in values.items() if field != "manager"}
    if "manager" in values:
        columns["manager_id"] = ids[values["manager"].casefold()] if values["manager"] else None
    return columns
