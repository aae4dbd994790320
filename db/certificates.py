"""Certificate types, people's certificates and their scans, team minimums per type, and which
reminders went out."""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from db._rows import from_date, now, to_date
from devtalk.domain.certificates import Certificate, CertificateType

_TYPE_FIELDS = ("name", "issuer", "validity_months", "warn_days", "active")
_CERTIFICATE_FIELDS = ("type_id", "number", "issued_on", "expires_on", "notes")
_CERTIFICATES = """SELECT c.*, s.file_name AS scan_name FROM certificates c
                   LEFT JOIN certificate_scans s ON s.certificate_id = c.id"""
# One without an issue date first, as SQLite sorts NULL (PostgreSQL would put it last).
_OLDEST_FIRST = "c.issued_on NULLS FIRST, c.id"


def list_types(db: sqlite_utils.Database) -> list[CertificateType]:
    functions: dict[int, list[str]] = {}
    for type_id, function_id in db.execute("SELECT type_id, function_id FROM certificate_type_functions ORDER BY function_id"):
        functions.setdefault(type_id, []).append(function_id)
    rows = db.query("SELECT * FROM certificate_types ORDER BY lower(name), id")
    return [CertificateType(row["id"], row["name"], row["issuer"], row["validity_months"], row["warn_days"],
                            bool(row["active"]), tuple(functions.get(row["id"], ()))) for row in rows]


def get_type(db: sqlite_utils.Database, type_id: int) -> CertificateType | None:
    return next((kind for kind in list_types(db) if kind.id == type_id), None)


def type_by_name(db: sqlite_utils.Database, name: str) -> CertificateType | None:
    return next((kind for kind in list_types(db) if kind.name.casefold() == name.strip().casefold()), None)


def save_type(db: sqlite_utils.Database, type_id: int | None, function_ids: Iterable[str], **fields) -> int:
    """Add (``type_id`` None) or change a type and which job functions require it; returns its id."""
    columns = {name: value for name, value in fields.items() if name in _TYPE_FIELDS}
    if "active" in columns:
        columns["active"] = int(columns["active"])
    stamp = now()
    if type_id is None:
        type_id = db["certificate_types"].insert({**columns, "created_at": stamp, "updated_at": stamp}).last_pk
    else:
        db["certificate_types"].update(type_id, {**columns, "updated_at": stamp})
    db.execute("DELETE FROM certificate_type_functions WHERE type_id = ?", [type_id])
    db["certificate_type_functions"].insert_all({"type_id": type_id, "function_id": f} for f in sorted(set(function_ids)))
    return type_id


def _certificate(row: dict) -> Certificate:
    return Certificate(row["id"], row["person_id"], row["type_id"], row["number"], to_date(row["issued_on"]),
                       to_date(row["expires_on"]), row["notes"], row["scan_name"])


def certificates_of(db: sqlite_utils.Database, person_ids: Iterable[int] | None = None) -> list[Certificate]:
    """Everyone's certificates (``None``), or those of these people, oldest first."""
    if person_ids is None:
        return [_certificate(row) for row in db.query(f"{_CERTIFICATES} ORDER BY {_OLDEST_FIRST}")]
    ids = sorted(set(person_ids))
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return [_certificate(row) for row in db.query(f"{_CERTIFICATES} WHERE c.person_id IN ({marks}) ORDER BY {_OLDEST_FIRST}",
                                                  ids)]


def get_certificate(db: sqlite_utils.Database, certificate_id: int) -> Certificate | None:
    rows = list(db.query(f"{_CERTIFICATES} WHERE c.id = ?", [certificate_id]))
    return _certificate(rows[0]) if rows else None


def _certificate_columns(fields: dict) -> dict:
    columns = {name: value for name, value in fields.items() if name in _CERTIFICATE_FIELDS}
    for name in ("issued_on", "expires_on"):
        if name in columns:
            columns[name] = from_date(columns[name])
    return columns


def add_certificate(db: sqlite_utils.Database, person_id: int, **fields) -> int:
    stamp = now()
    row = {"person_id": person_id, **_certificate_columns(fields), "created_at": stamp, "updated_at": stamp}
    return db["certificates"].insert(row).last_pk


def update_certificate(db: sqlite_utils.Database, certificate_id: int, **fields) -> None:
    db["certificates"].update(certificate_id, {**_certificate_columns(fields), "updated_at": now()})


def delete_certificate(db: sqlite_utils.Database, certificate_id: int) -> None:
    db.execute("DELETE FROM certificate_scans WHERE certificate_id = ?", [certificate_id])
    db.execute("DELETE FROM certificates WHERE id = ?", [certificate_id])


def save_scan(db: sqlite_utils.Database, certificate_id: int, media_type: str, file_name: str, content: bytes,
              uploaded_by: int | None) -> None:
    """The certificate's scan, replacing an earlier one."""
    db["certificate_scans"].upsert({"certificate_id": certificate_id, "media_type": media_type, "file_name": file_name,
                                    "content": content, "uploaded_at": now(), "uploaded_by": uploaded_by},
                                   pk="certificate_id")


def get_scan(db: sqlite_utils.Database, certificate_id: int) -> tuple[bytes, str, str] | None:
    """(content, media type, file name) of the certificate's scan."""
    return db.execute("SELECT content, media_type, file_name FROM certificate_scans WHERE certificate_id = ?",
                      [certificate_id]).fetchone()


def minimums(db: sqlite_utils.Database, manager_id: int | None = None) -> dict[tuple[int, int], int]:
    """(manager id, type id) -> people, for one manager's team or every team."""
    where, params = ("WHERE manager_id = ?", [manager_id]) if manager_id is not None else ("", [])
    return {(m, t): n for m, t, n in db.execute(f"SELECT manager_id, type_id, people FROM certificate_minimums {where}", params)}


def set_minimum(db: sqlite_utils.Database, manager_id: int, type_id: int, people: int) -> None:
    """At least ``people`` in the team must hold the type; 0 removes the minimum."""
    if people <= 0:
        db.execute("DELETE FROM certificate_minimums WHERE manager_id = ? AND type_id = ?", [manager_id, type_id])
    else:
        db["certificate_minimums"].upsert({"manager_id": manager_id, "type_id": type_id, "people": people,
                                          "updated_at": now()}, pk=("manager_id", "type_id"))
