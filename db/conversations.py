"""Conversations and the answers given in them."""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from db._rows import now, to_datetime
from devtalk.models import Answer, Conversation


def _conversation(row: dict) -> Conversation:
    return Conversation(
        id=row["id"],
        round_id=row["round_id"],
        employee_id=row["employee_id"],
        manager_id=row["manager_id"],
        questionnaire_version_id=row["questionnaire_version_id"],
        status=row["status"],
        employee_submitted_at=to_datetime(row["employee_submitted_at"]),
        manager_submitted_at=to_datetime(row["manager_submitted_at"]),
        held_at=to_datetime(row["held_at"]),
    )


def add_conversation(
    db: sqlite_utils.Database, round_id: int, employee_id: int, manager_id: int, questionnaire_version_id: int
) -> Conversation:
    stamp = now()
    row_id = db["conversations"].insert(
        {
            "round_id": round_id,
            "employee_id": employee_id,
            "manager_id": manager_id,
            "questionnaire_version_id": questionnaire_version_id,
            "status": "open",
            "created_at": stamp,
            "updated_at": stamp,
        }
    ).last_pk
    return get_conversation(db, row_id)


def get_conversation(db: sqlite_utils.Database, conversation_id: int) -> Conversation | None:
    rows = list(db.query("SELECT * FROM conversations WHERE id = ?", [conversation_id]))
    return _conversation(rows[0]) if rows else None


def _conversations(db: sqlite_utils.Database, where: str, params: list) -> list[Conversation]:
    sql = f"SELECT * FROM conversations WHERE {where} ORDER BY created_at DESC, id DESC"
    return [_conversation(row) for row in db.query(sql, params)]


def conversations_of_employee(db: sqlite_utils.Database, employee_id: int) -> list[Conversation]:
    return _conversations(db, "employee_id = ?", [employee_id])


def conversations_led_by(db: sqlite_utils.Database, manager_id: int) -> list[Conversation]:
    return _conversations(db, "manager_id = ?", [manager_id])


def conversations_in_round(db: sqlite_utils.Database, round_id: int) -> list[Conversation]:
    return _conversations(db, "round_id = ?", [round_id])


def update_conversation(db: sqlite_utils.Database, conversation_id: int, **fields) -> Conversation:
    db["conversations"].update(conversation_id, {**fields, "updated_at": now()})
    return get_conversation(db, conversation_id)


def save_answer(db: sqlite_utils.Database, conversation_id: int, side: str, answer: Answer) -> None:
    db.execute(
        """INSERT INTO answers (conversation_id, side, item_id, value, not_applicable, text, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (conversation_id, side, item_id) DO UPDATE SET
             value = excluded.value, not_applicable = excluded.not_applicable,
             text = excluded.text, updated_at = excluded.updated_at""",
        [conversation_id, side, answer.item_id, answer.value, int(answer.not_applicable), answer.text, now()],
    )


def delete_answer(db: sqlite_utils.Database, conversation_id: int, side: str, item_id: str) -> None:
    db.execute(
        "DELETE FROM answers WHERE conversation_id = ? AND side = ? AND item_id = ?", [conversation_id, side, item_id]
    )


def answers_of(db: sqlite_utils.Database, conversation_id: int, side: str) -> dict[str, Answer]:
    rows = db.execute(
        "SELECT item_id, value, not_applicable, text FROM answers WHERE conversation_id = ? AND side = ?",
        [conversation_id, side],
    ).fetchall()
    return {item_id: Answer(item_id, value, bool(na), text) for item_id, value, na, text in rows}


def insert_answers(db: sqlite_utils.Database, rows: Iterable[tuple]) -> None:
    """Bulk insert of (conversation_id, side, item_id, value, not_applicable, text, updated_at) tuples."""
    db.conn.executemany(
        "INSERT INTO answers (conversation_id, side, item_id, value, not_applicable, text, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def paired_values(db: sqlite_utils.Database, conversation_ids: list[int]) -> list[tuple]:
    """(conversation_id, item_id, employee value, manager value) for every Likert item both
    sides answered, for many conversations in one indexed query."""
    if not conversation_ids:
        return []
    marks = ",".join("?" * len(conversation_ids))
    return db.execute(
        f"""SELECT e.conversation_id, e.item_id, e.value, m.value
            FROM answers e JOIN answers m
              ON m.conversation_id = e.conversation_id AND m.side = 'manager' AND m.item_id = e.item_id
            WHERE e.side = 'employee' AND e.conversation_id IN ({marks})
              AND e.value IS NOT NULL AND m.value IS NOT NULL""",
        conversation_ids,
    ).fetchall()
