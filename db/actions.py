"""Follow-up actions agreed in a conversation, and their dated progress notes."""

from __future__ import annotations

import sqlite_utils

from db._rows import from_date, now, to_date, to_datetime
from devtalk.domain.models import Action, ProgressNote


def _note(row: dict) -> ProgressNote:
    return ProgressNote(row["id"], row["action_id"], row["author_id"], row["note"], to_datetime(row["created_at"]))


def _actions(db: sqlite_utils.Database, where: str, params: list) -> list[Action]:
    rows = list(db.query(f"SELECT * FROM actions WHERE {where} ORDER BY due_date IS NULL, due_date, id", params))
    notes = _notes_for(db, [row["id"] for row in rows])
    return [
        Action(
            id=row["id"],
            conversation_id=row["conversation_id"],
            employee_id=row["employee_id"],
            what=row["what"],
            kind=row["kind"],
            owner_id=row["owner_id"],
            due_date=to_date(row["due_date"]),
            status=row["status"],
            helped=row["helped"],
            created_at=to_datetime(row["created_at"]),
            notes=tuple(notes.get(row["id"], ())),
        )
        for row in rows
    ]


def _notes_for(db: sqlite_utils.Database, action_ids: list[int]) -> dict[int, list[ProgressNote]]:
    if not action_ids:
        return {}
    marks = ",".join("?" * len(action_ids))
    grouped: dict[int, list[ProgressNote]] = {}
    for row in db.query(f"SELECT * FROM action_notes WHERE action_id IN ({marks}) ORDER BY created_at", action_ids):
        grouped.setdefault(row["action_id"], []).append(_note(row))
    return grouped


def add_action(db: sqlite_utils.Database, conversation_id: int, employee_id: int, **fields) -> Action:
    stamp = now()
    row = {
        "conversation_id": conversation_id,
        "employee_id": employee_id,
        **fields,
        "due_date": from_date(fields.get("due_date")),
        "created_at": fields.get("created_at") or stamp,
        "updated_at": stamp,
    }
    row_id = db["actions"].insert(row).last_pk
    return get_action(db, row_id)


def update_action(db: sqlite_utils.Database, action_id: int, **fields) -> Action:
    if "due_date" in fields:
        fields["due_date"] = from_date(fields["due_date"])
    db["actions"].update(action_id, {**fields, "updated_at": now()})
    return get_action(db, action_id)


def delete_action(db: sqlite_utils.Database, action_id: int) -> None:
    db.execute("DELETE FROM action_notes WHERE action_id = ?", [action_id])
    db.execute("DELETE FROM actions WHERE id = ?", [action_id])


def get_action(db: sqlite_utils.Database, action_id: int) -> Action | None:
    found = _actions(db, "id = ?", [action_id])
    return found[0] if found else None


def actions_of_conversation(db: sqlite_utils.Database, conversation_id: int) -> list[Action]:
    return _actions(db, "conversation_id = ?", [conversation_id])


def actions_of_employee(db: sqlite_utils.Database, employee_id: int) -> list[Action]:
    return _actions(db, "employee_id = ?", [employee_id])


def add_progress_note(
    db: sqlite_utils.Database, action_id: int, author_id: int, note: str, created_at: str | None = None
) -> ProgressNote:
    row_id = db["action_notes"].insert(
        {"action_id": action_id, "author_id": author_id, "note": note, "created_at": created_at or now()}
    ).last_pk
    return _note(next(db.query("SELECT * FROM action_notes WHERE id = ?", [row_id])))


def actions_of_conversations(db: sqlite_utils.Database, conversation_ids: list[int]) -> dict[int, list[Action]]:
    """The actions of many conversations in one query (plus one for their notes), by conversation id."""
    if not conversation_ids:
        return {}
    marks = ",".join("?" * len(conversation_ids))
    grouped: dict[int, list[Action]] = {cid: [] for cid in conversation_ids}
    for action in _actions(db, f"conversation_id IN ({marks})", list(conversation_ids)):
        grouped[action.conversation_id].append(action)
    return grouped


# Each optional filter compares before it asks IS NULL: PostgreSQL takes a parameter's type from
# its first use, and a bare ``:kind IS NULL`` gives it none.
_OVERVIEW_FILTER = """(a.kind = :kind OR :kind IS NULL) AND (a.status = :status OR :status IS NULL)
                      AND (e.manager_id = :team_id OR :team_id IS NULL)"""


def actions_overview(
    db: sqlite_utils.Database, today: str, kind: str | None = None, status: str | None = None, team_id: int | None = None
) -> list[dict]:
    """Every action with its people and round, the overdue ones (on ``today``, ISO) first, then by due date.

    The team is the employee's current manager's."""
    return list(db.query(
        f"""SELECT a.id, a.conversation_id, a.employee_id, a.what, a.kind, a.status, a.due_date, a.helped, a.created_at,
                   e.name AS employee, e.manager_id AS team_id, t.name AS team, o.name AS owner, r.name AS round,
                   CASE WHEN a.status IN ('open', 'in_progress') AND a.due_date < :today THEN 1 ELSE 0 END AS overdue
            FROM actions a
              JOIN people e ON e.id = a.employee_id
              LEFT JOIN people t ON t.id = e.manager_id
              LEFT JOIN people o ON o.id = a.owner_id
              JOIN conversations c ON c.id = a.conversation_id
              JOIN rounds r ON r.id = c.round_id
            WHERE {_OVERVIEW_FILTER}
            ORDER BY overdue DESC, a.due_date IS NULL, a.due_date, a.id""",
        {"today": today, "kind": kind, "status": status, "team_id": team_id},
    ))


def ratings_per_kind(db: sqlite_utils.Database, team_id: int | None = None) -> list[tuple]:
    """(kind, helped, count) over every rated action, for one team or all."""
    return db.execute(
        """SELECT a.kind, a.helped, count(*)
           FROM actions a JOIN people e ON e.id = a.employee_id
           WHERE a.helped IS NOT NULL AND (e.manager_id = :team_id OR :team_id IS NULL)
           GROUP BY a.kind, a.helped""",
        {"team_id": team_id},
    ).fetchall()
