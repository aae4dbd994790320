"""People and their job functions."""

from __future__ import annotations

import sqlite_utils

from db._rows import now, rows_where_in
from devtalk.domain.models import JobFunction, Person

_PERSON_FIELDS = ("name", "username", "email", "function_id", "manager_id", "roles", "language", "active")
# By name ignoring case, as both backends read it (SQLite's COLLATE NOCASE is its own); the id
# keeps two people of one name in a steady order.
_BY_NAME = "lower(name), id"


def _person(row: dict) -> Person:
    return Person(
        id=row["id"],
        name=row["name"],
        username=row["username"],
        email=row["email"],
        function_id=row["function_id"],
        manager_id=row["manager_id"],
        roles=tuple(r for r in row["roles"].split(",") if r),
        language=row["language"],
        active=bool(row["active"]),
    )


def _columns(fields: dict) -> dict:
    unknown = set(fields) - set(_PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown person fields: {sorted(unknown)}")
    columns = dict(fields)
    if "roles" in columns:
        columns["roles"] = ",".join(columns["roles"])
    if "active" in columns:
        columns["active"] = int(columns["active"])
    return columns


def add_person(db: sqlite_utils.Database, **fields) -> Person:
    stamp = now()
    columns = {"roles": ("employee",), **fields}
    row_id = db["people"].insert({**_columns(columns), "created_at": stamp, "updated_at": stamp}).last_pk
    return get_person(db, row_id)


def update_person(db: sqlite_utils.Database, person_id: int, **fields) -> Person:
    db["people"].update(person_id, {**_columns(fields), "updated_at": now()})
    return get_person(db, person_id)


def get_person(db: sqlite_utils.Database, person_id: int) -> Person | None:
    rows = list(db.query("SELECT * FROM people WHERE id = ?", [person_id]))
    return _person(rows[0]) if rows else None


def person_by_username(db: sqlite_utils.Database, username: str) -> Person | None:
    # Usernames are unique ignoring case on both backends (SQLite's COLLATE NOCASE, PostgreSQL's
    # unique index on lower(username)); usernames are ASCII, where the two lower() agree.
    rows = list(db.query("SELECT * FROM people WHERE lower(username) = lower(?)", [username.strip()]))
    return _person(rows[0]) if rows else None


def list_people(db: sqlite_utils.Database, *, active_only: bool = False) -> list[Person]:
    where = "WHERE active = 1" if active_only else ""
    return [_person(row) for row in db.query(f"SELECT * FROM people {where} ORDER BY {_BY_NAME}")]


def people_by_id(db: sqlite_utils.Database, ids) -> dict[int, Person]:
    return {row["id"]: _person(row) for row in rows_where_in(db, "people", "id", ids)}


def direct_reports(db: sqlite_utils.Database, manager_id: int) -> list[Person]:
    rows = db.query(f"SELECT * FROM people WHERE manager_id = ? ORDER BY {_BY_NAME}", [manager_id])
    return [_person(row) for row in rows]


def count_people(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM people").fetchone()[0]


def _function(row: dict) -> JobFunction:
    return JobFunction(id=row["id"], name=row["name"], description=row["description"], active=bool(row["active"]))


def save_function(db: sqlite_utils.Database, function: JobFunction) -> JobFunction:
    db["job_functions"].upsert(
        {"id": function.id, "name": function.name, "description": function.description, "active": int(function.active)},
        pk="id",
    )
    return function


def get_function(db: sqlite_utils.Database, function_id: str) -> JobFunction | None:
    rows = list(db.query("SELECT * FROM job_functions WHERE id = ?", [function_id]))
    return _function(rows[0]) if rows else None


def list_functions(db: sqlite_utils.Database) -> list[JobFunction]:
    return [_function(row) for row in db.query(f"SELECT * FROM job_functions ORDER BY {_BY_NAME}")]


def search_people(db: sqlite_utils.Database, text: str = "", *, active_only: bool = False) -> list[Person]:
    """People whose name, username or e-mail contains ``text`` (ignoring case), by name."""
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    # lower() on both sides: SQLite's LIKE ignores case, PostgreSQL's does not.
    where = ("(lower(name) LIKE lower(:p) ESCAPE '\\' OR lower(username) LIKE lower(:p) ESCAPE '\\'"
             " OR lower(coalesce(email, '')) LIKE lower(:p) ESCAPE '\\')")
    if active_only:
        where += " AND active = 1"
    rows = db.query(f"SELECT * FROM people WHERE {where} ORDER BY {_BY_NAME}", {"p": pattern})
    return [_person(row) for row in rows]


def people_without_conversation(db: sqlite_utils.Database, round_id: int) -> list[Person]:
    """Active people who have no conversation in this round yet (late joiners), by name."""
    rows = db.query(
        """SELECT * FROM people p WHERE p.active = 1 AND NOT EXISTS
             (SELECT 1 FROM conversations c WHERE c.round_id = ? AND c.employee_id = p.id)
           ORDER BY lower(p.name), p.id""",
        [round_id],
    )
    return [_person(row) for row in rows]
