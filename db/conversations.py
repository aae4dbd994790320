"""Conversations and the answers given in them."""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from db._rows import in_list, now, to_datetime, values_table
from devtalk.domain.models import Answer, Conversation


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


def answer_of(db: sqlite_utils.Database, conversation_id: int, side: str, item_id: str) -> Answer | None:
    row = db.execute(
        "SELECT value, not_applicable, text FROM answers WHERE conversation_id = ? AND side = ? AND item_id = ?",
        [conversation_id, side, item_id],
    ).fetchone()
    return Answer(item_id, row[0], bool(row[1]), row[2]) if row else None


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


def year_figures(db: sqlite_utils.Database, conversation_ids: list[int], thresholds: dict[str, int]) -> list[tuple]:
    """(conversation_id, employee average, manager average, large gaps) over the Likert items
    both sides gave a value, for many conversations of one questionnaire version in one
    aggregate; ``thresholds`` says per item from which difference a gap is large."""
    if not conversation_ids or not thresholds:
        return []
    items, item_params = values_table("item", list(thresholds.items()))
    ids, id_params = in_list("conversation", conversation_ids)
    return db.execute(
        f"""SELECT e.conversation_id, avg(e.value), avg(m.value), count(*) FILTER (WHERE abs(e.value - m.value) >= t.column2)
            FROM answers e
            JOIN answers m ON m.conversation_id = e.conversation_id AND m.side = 'manager' AND m.item_id = e.item_id
            JOIN {items} t ON t.column1 = e.item_id
            WHERE e.side = 'employee' AND e.conversation_id IN {ids}
              AND e.value IS NOT NULL AND m.value IS NOT NULL
            GROUP BY e.conversation_id""",
        item_params | id_params,
    ).fetchall()


_STATUSES = ("open", "employee_submitted", "manager_submitted", "ready", "held", "reported", "acknowledged")
_STATUS_COUNTS = ", ".join(f"count(*) FILTER (WHERE c.status = '{status}') AS {status}" for status in _STATUSES)
# Why a conversation is late on :today, per reason of completion_figures.
_LATE = {
    "late_employee_side": "r.fill_deadline < :today AND c.status IN ('open', 'manager_submitted')",
    "late_manager_side": "r.fill_deadline < :today AND c.status IN ('open', 'employee_submitted')",
    "late_meeting": "r.meeting_deadline < :today AND c.status IN ('open', 'employee_submitted', 'manager_submitted', 'ready')",
}
_LATE_FLAGS = ", ".join(f"max(CASE WHEN {condition} THEN 1 ELSE 0 END) AS {reason}" for reason, condition in _LATE.items())
_ANY_LATE = " OR ".join(f"({condition})" for condition in _LATE.values())


def completion_figures(db: sqlite_utils.Database, round_id: int, today: str | None) -> list[dict]:
    """One round's conversations counted per status, grouped by the manager who leads them and the
    employee's current manager (their team), from one aggregate query.

    Each row also lists (comma separated) the employees whose own side, whose manager's side or
    whose meeting is late on ``today`` (ISO date; None: nobody counts as late). The two backends
    share no string aggregate, so the query groups each late conversation on its own (by its
    employee) and the rest per manager and team; the groups are merged here.
    """
    merged: dict[tuple, dict] = {}
    for group in db.query(
        f"""SELECT c.manager_id, e.manager_id AS team_id, CASE WHEN {_ANY_LATE} THEN c.employee_id END AS late_id,
                   {_STATUS_COUNTS}, {_LATE_FLAGS}
            FROM conversations c
              JOIN rounds r ON r.id = c.round_id
              JOIN people e ON e.id = c.employee_id
            WHERE c.round_id = :round_id
            GROUP BY c.manager_id, e.manager_id, late_id""",
        {"round_id": round_id, "today": today},
    ):
        key = (group["manager_id"], group["team_id"])
        row = merged.setdefault(key, {"manager_id": key[0], "team_id": key[1], **dict.fromkeys(_STATUSES, 0),
                                      **dict.fromkeys(_LATE)})
        for status in _STATUSES:
            row[status] += group[status]
        for reason in _LATE:
            if group[reason]:
                row[reason] = ",".join(filter(None, (row[reason], str(group["late_id"]))))
    return list(merged.values())


def status_counts_per_round(db: sqlite_utils.Database) -> dict[int, dict[str, int]]:
    """For every round, how many of its conversations are in each status."""
    counts: dict[int, dict[str, int]] = {}
    for round_id, status, number in db.execute(
        "SELECT round_id, status, count(*) FROM conversations GROUP BY round_id, status"
    ).fetchall():
        counts.setdefault(round_id, {})[status] = number
    return counts


# Team pictures (HR): one round's answers aggregated per person and item. A side counts once it
# is submitted; a draft may still change and says nothing yet.
_SUBMITTED = """((a.side = 'employee' AND c.employee_submitted_at IS NOT NULL)
                 OR (a.side = 'manager' AND c.manager_submitted_at IS NOT NULL))"""
# Each optional filter compares before it asks IS NULL: PostgreSQL takes a parameter's type from
# its first use, and a bare ``:team_id IS NULL`` gives it none.
_TEAM = "(p.function_id = :function_id OR :function_id IS NULL) AND (p.manager_id = :team_id OR :team_id IS NULL)"


def heatmap_people(db: sqlite_utils.Database, round_id: int, function_id: str | None, team_id: int | None) -> list[tuple]:
    """(employee id, name) of everyone with a conversation in the round, by name."""
    return db.execute(
        f"""SELECT p.id, p.name FROM conversations c JOIN people p ON p.id = c.employee_id
            WHERE c.round_id = :round_id AND {_TEAM}
            ORDER BY lower(p.name), p.id""",
        {"round_id": round_id, "function_id": function_id, "team_id": team_id},
    ).fetchall()


def heatmap_cells(db: sqlite_utils.Database, round_id: int, function_id: str | None, team_id: int | None) -> list[tuple]:
    """(employee id, item id, employee value, manager value, average) per person and item with a
    submitted value in one round, in no particular order: heatmap_people gives the rows' order,
    so twelve thousand cells need not be sorted by name. Grouped by employee rather than by
    conversation (the same groups: one conversation per person and round), as SQLite then finds the
    round's conversations by index instead of scanning those of every round."""
    return db.execute(
        f"""SELECT c.employee_id, a.item_id,
                   max(CASE WHEN a.side = 'employee' THEN a.value END),
                   max(CASE WHEN a.side = 'manager' THEN a.value END),
                   avg(a.value)
            FROM conversations c
              JOIN people p ON p.id = c.employee_id
              JOIN answers a ON a.conversation_id = c.id AND a.value IS NOT NULL AND {_SUBMITTED}
            WHERE c.round_id = :round_id AND {_TEAM}
            GROUP BY c.employee_id, a.item_id""",
        {"round_id": round_id, "function_id": function_id, "team_id": team_id},
    ).fetchall()


def masters_per_item(
    db: sqlite_utils.Database, round_id: int, function_id: str | None, team_id: int | None, threshold: int
) -> list[tuple]:
    """(item id, how many people, the lowest such person's id) per item someone answered with at
    least ``threshold`` on either side."""
    return db.execute(
        f"""SELECT a.item_id, count(DISTINCT c.employee_id), min(c.employee_id)
            FROM conversations c
              JOIN people p ON p.id = c.employee_id
              JOIN answers a ON a.conversation_id = c.id AND a.value >= :threshold AND {_SUBMITTED}
            WHERE c.round_id = :round_id AND {_TEAM}
            GROUP BY a.item_id""",
        {"round_id": round_id, "function_id": function_id, "team_id": team_id, "threshold": threshold},
    ).fetchall()


def climate_averages(
    db: sqlite_utils.Database, round_id: int, team_id: int | None, conditions: dict[str, str], minimum: int
) -> list[tuple]:
    """(condition, respondents, average employee value) per condition of ``conditions`` (item id ->
    condition); a group with fewer than ``minimum`` respondents never leaves the database."""
    if not conditions:
        return []
    items, item_params = values_table("item", list(conditions.items()))
    return db.execute(
        f"""SELECT j.column2, count(DISTINCT c.employee_id), avg(a.value)
            FROM conversations c
              JOIN people p ON p.id = c.employee_id
              JOIN answers a ON a.conversation_id = c.id AND a.side = 'employee' AND a.value IS NOT NULL
              JOIN {items} j ON j.column1 = a.item_id
            WHERE c.round_id = :round_id AND c.employee_submitted_at IS NOT NULL AND {_TEAM}
            GROUP BY j.column2
            HAVING count(DISTINCT c.employee_id) >= :minimum""",
        {"round_id": round_id, "function_id": None, "team_id": team_id, "minimum": minimum, **item_params},
    ).fetchall()


def item_averages_per_round(
    db: sqlite_utils.Database, function_id: str | None, team_id: int | None, side: str | None
) -> list[tuple]:
    """(round id, item id, average, respondents) over every round, for one side or both (None)."""
    return db.execute(
        f"""SELECT c.round_id, a.item_id, avg(a.value), count(DISTINCT c.employee_id)
            FROM conversations c
              JOIN people p ON p.id = c.employee_id
              JOIN answers a ON a.conversation_id = c.id AND a.value IS NOT NULL AND {_SUBMITTED}
                AND (a.side = :side OR :side IS NULL)
            WHERE {_TEAM}
            GROUP BY c.round_id, a.item_id""",
        {"function_id": function_id, "team_id": team_id, "side": side},
    ).fetchall()


def export_conversations(db: sqlite_utils.Database) -> list[dict]:
    """Every conversation with its round and both people's names, for the rounds export."""
    return list(db.query(
        """SELECT r.name AS round, r.fill_deadline, r.meeting_deadline, r.closed_at,
                  e.name AS employee, m.name AS manager, c.status,
                  c.employee_submitted_at, c.manager_submitted_at, c.held_at
           FROM conversations c
             JOIN rounds r ON r.id = c.round_id
             JOIN people e ON e.id = c.employee_id
             JOIN people m ON m.id = c.manager_id
           ORDER BY r.created_at, r.id, lower(e.name), c.id"""
    ))


def export_answers(db: sqlite_utils.Database):
    """Every answer with its round, people and questionnaire version, as a cursor of tuples
    (round, employee, manager, side, item id, version id, value, not applicable, text, conversation id)."""
    return db.execute(
        """SELECT r.name, e.name, m.name, a.side, a.item_id, c.questionnaire_version_id,
                  a.value, a.not_applicable, a.text, c.id
           FROM answers a
             JOIN conversations c ON c.id = a.conversation_id
             JOIN rounds r ON r.id = c.round_id
             JOIN people e ON e.id = c.employee_id
             JOIN people m ON m.id = c.manager_id
           ORDER BY r.created_at, r.id, lower(e.name), c.id, a.side, a.item_id"""
    )
