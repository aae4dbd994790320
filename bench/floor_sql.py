"""The SQL half of each page's floor: the raw indexed queries that fetch the rows the page shows,
on the bare sqlite3 connection, without the repository's conversion to records.

The floor is defined as this raw SQL, so it is the one place outside db/ that writes queries
(tests/unit/test_import_rules.py names it); it reads and never writes.
"""

from __future__ import annotations

import sqlite_utils


def comparison(db: sqlite_utils.Database, conversation_id: int) -> None:
    conn = db.conn
    row = conn.execute("SELECT * FROM conversations WHERE id = ?", [conversation_id]).fetchone()
    conn.execute("SELECT * FROM people WHERE id IN (?, ?)", [row[2], row[3]]).fetchall()
    conn.execute("SELECT * FROM rounds WHERE id = ?", [row[1]]).fetchall()
    conn.execute("SELECT yaml FROM questionnaire_versions WHERE id = ?", [row[4]]).fetchall()
    for side in ("employee", "manager"):
        conn.execute("SELECT * FROM answers WHERE conversation_id = ? AND side = ?", [conversation_id, side]).fetchall()
    employee = conn.execute("SELECT function_id FROM people WHERE id = ?", [row[2]]).fetchone()
    conn.execute("SELECT * FROM skill_requirements WHERE function_id = ?", [employee[0]]).fetchall()
    conn.execute("SELECT * FROM reports WHERE conversation_id = ?", [conversation_id]).fetchall()
    conn.execute("SELECT * FROM agreed_levels WHERE conversation_id = ?", [conversation_id]).fetchall()
    conn.execute("SELECT * FROM certificates WHERE person_id = ?", [row[2]]).fetchall()
    conn.execute("SELECT * FROM certificate_types").fetchall()


def fill_in(db: sqlite_utils.Database, conversation_id: int) -> None:
    db.conn.execute("SELECT * FROM answers WHERE conversation_id = ? AND side = 'employee'", [conversation_id]).fetchall()
    db.conn.execute("SELECT * FROM third_voices WHERE conversation_id = ?", [conversation_id]).fetchall()


def dossier(db: sqlite_utils.Database, employee_id: int) -> None:
    conn = db.conn
    ids = [row[0] for row in conn.execute("SELECT id FROM conversations WHERE employee_id = ?", [employee_id])]
    marks = ",".join("?" * len(ids))
    conn.execute(f"SELECT * FROM answers WHERE conversation_id IN ({marks})", ids).fetchall()
    conn.execute(f"SELECT * FROM reports WHERE conversation_id IN ({marks})", ids).fetchall()
    conn.execute(f"SELECT * FROM actions WHERE conversation_id IN ({marks})", ids).fetchall()


def learning_queue(db: sqlite_utils.Database, year: int) -> None:
    """The coordinator's queue and budgets: the year's requests, their people, subsidies and
    evaluations, and the budgets with what each team commits and spends."""
    conn = db.conn
    requests = conn.execute("SELECT * FROM learning_requests WHERE year = ?", [year]).fetchall()
    ids = [row[0] for row in requests]
    marks = ",".join("?" * len(ids)) or "NULL"
    conn.execute("SELECT * FROM people WHERE id IN (SELECT employee_id FROM learning_requests WHERE year = ?)", [year]).fetchall()
    conn.execute(f"SELECT * FROM learning_subsidies WHERE request_id IN ({marks})", ids).fetchall()
    conn.execute(f"SELECT * FROM learning_evaluations WHERE request_id IN ({marks})", ids).fetchall()
    conn.execute("SELECT * FROM learning_budgets WHERE year = ?", [year]).fetchall()
    conn.execute("SELECT p.manager_id, sum(l.estimated_cents), sum(l.actual_cents) FROM learning_requests l"
                 " JOIN people p ON p.id = l.employee_id WHERE l.year = ? GROUP BY p.manager_id", [year]).fetchall()
