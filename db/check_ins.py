"""Check-ins: HR's check-in list versions, the check-ins with their answers and listed actions,
and the half-year check-in HR puts on a round."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import sqlite_utils

from db._rows import from_date, now, rows_where_in, to_date, to_datetime
from devtalk.domain.models import CheckIn


def _check_in(row: dict) -> CheckIn:
    return CheckIn(
        id=row["id"], employee_id=row["employee_id"], started_by=row["started_by"],
        started_at=to_datetime(row["started_at"]), list_id=row["list_id"], status=row["status"],
        done_at=to_datetime(row["done_at"]),
    )


# -- the check-in list ----------------------------------------------------------------------

def newest_list(db: sqlite_utils.Database) -> tuple[int, str] | None:
    """The id and text of the newest stored check-in list, if HR or a first check-in stored one."""
    row = db.execute("SELECT id, yaml FROM check_in_lists ORDER BY version DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else None


def list_text(db: sqlite_utils.Database, list_id: int) -> str:
    return db.execute("SELECT yaml FROM check_in_lists WHERE id = ?", [list_id]).fetchone()[0]


def add_list(db: sqlite_utils.Database, text: str, content_hash: str, created_by: int | None) -> int:
    """Store a version of the list (the same text again is the version already stored)."""
    found = db.execute("SELECT id FROM check_in_lists WHERE content_hash = ?", [content_hash]).fetchone()
    if found:
        return found[0]
    version = db.execute("SELECT coalesce(max(version), 0) + 1 FROM check_in_lists").fetchone()[0]
    return db["check_in_lists"].insert({"version": version, "content_hash": content_hash, "yaml": text,
                                        "created_at": now(), "created_by": created_by}).last_pk


# -- check-ins -------------------------------------------------------------------------------

def add_check_in(db: sqlite_utils.Database, employee_id: int, started_by: int, list_id: int,
                 action_ids: Iterable[int], started_at: str | None = None) -> CheckIn:
    stamp = started_at or now()
    check_in_id = db["check_ins"].insert({"employee_id": employee_id, "started_by": started_by, "started_at": stamp,
                                          "list_id": list_id, "status": "open", "updated_at": stamp}).last_pk
    db["check_in_actions"].insert_all([{"check_in_id": check_in_id, "action_id": action_id} for action_id in action_ids])
    return get_check_in(db, check_in_id)


def get_check_in(db: sqlite_utils.Database, check_in_id: int) -> CheckIn | None:
    rows = list(db.query("SELECT * FROM check_ins WHERE id = ?", [check_in_id]))
    return _check_in(rows[0]) if rows else None


def check_ins_of(db: sqlite_utils.Database, employee_id: int) -> list[CheckIn]:
    """The employee's check-ins, newest first."""
    rows = db.query("SELECT * FROM check_ins WHERE employee_id = ? ORDER BY started_at DESC, id DESC", [employee_id])
    return [_check_in(row) for row in rows]


def finish(db: sqlite_utils.Database, check_in_id: int, done_at: str | None = None) -> CheckIn:
    stamp = done_at or now()
    db.execute("UPDATE check_ins SET status = 'done', done_at = ?, updated_at = ? WHERE id = ?",
               [stamp, stamp, check_in_id])
    return get_check_in(db, check_in_id)


def answers_of(db: sqlite_utils.Database, check_in_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """Per check-in its answers by item id, for many check-ins in one query."""
    grouped: dict[int, dict[str, str]] = {}
    for row in rows_where_in(db, "check_in_answers", "check_in_id", check_in_ids):
        grouped.setdefault(row["check_in_id"], {})[row["item_id"]] = row["text"]
    return grouped


def save_answer(db: sqlite_utils.Database, check_in_id: int, item_id: str, text: str, author_id: int) -> None:
    """Store the answer; an empty one is no answer at all."""
    if not text.strip():
        db.execute("DELETE FROM check_in_answers WHERE check_in_id = ? AND item_id = ?", [check_in_id, item_id])
        return
    db["check_in_answers"].upsert({"check_in_id": check_in_id, "item_id": item_id, "text": text,
                                   "updated_by": author_id, "updated_at": now()}, pk=("check_in_id", "item_id"))


def listed_actions(db: sqlite_utils.Database, check_in_ids: Iterable[int]) -> dict[int, list[int]]:
    """Per check-in the ids of the actions it listed as open when it started."""
    grouped: dict[int, list[int]] = {}
    for row in rows_where_in(db, "check_in_actions", "check_in_id", check_in_ids):
        grouped.setdefault(row["check_in_id"], []).append(row["action_id"])
    return {check_in_id: sorted(ids) for check_in_id, ids in grouped.items()}


# -- HR's half-year check-in per round -------------------------------------------------------

def schedules(db: sqlite_utils.Database) -> dict[int, date]:
    """Per round the date from which the half-year check-in is due."""
    return {row["round_id"]: to_date(row["remind_on"]) for row in db.query("SELECT * FROM check_in_schedules")}


def set_schedule(db: sqlite_utils.Database, round_id: int, remind_on: date | None, set_by: int | None) -> None:
    if remind_on is None:
        db.execute("DELETE FROM check_in_schedules WHERE round_id = ?", [round_id])
        return
    db["check_in_schedules"].upsert({"round_id": round_id, "remind_on": from_date(remind_on), "set_by": set_by,
                                     "updated_at": now()}, pk="round_id")


# -- AVG/GDPR --------------------------------------------------------------------------------

def rows_about(db: sqlite_utils.Database, person_id: int) -> dict[str, list[dict]]:
    """The person's check-ins and their answers, table by table."""
    ids = [row[0] for row in db.execute("SELECT id FROM check_ins WHERE employee_id = ?", [person_id])]
    return {
        "check_ins": rows_where_in(db, "check_ins", "id", ids),
        "check_in_answers": rows_where_in(db, "check_in_answers", "check_in_id", ids),
        "check_in_actions": rows_where_in(db, "check_in_actions", "check_in_id", ids),
    }


def erase(db: sqlite_utils.Database, person_id: int) -> None:
    """Every text of the person's check-ins goes; that they took place stays, like a conversation's."""
    db.execute("DELETE FROM check_in_answers WHERE check_in_id IN (SELECT id FROM check_ins WHERE employee_id = ?)",
               [person_id])
