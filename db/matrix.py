"""Each person's latest levels, in one query for everyone a skills matrix shows. They come from one
conversation per person (their latest held one), so a matrix costs the same after one year as after
twelve."""

from __future__ import annotations

import sqlite_utils

from db._rows import in_list

# A conversation has been held once it reaches these statuses; its report (and the agreed levels
# in it) is final from "reported" on.
_HELD = "('held', 'reported', 'acknowledged')"
_FINAL = "('reported', 'acknowledged')"


def latest_levels(db: sqlite_utils.Database, person_ids: list[int]) -> list[tuple]:
    """(person id, item id, value, not applicable, agreed) per item of each person's latest held
    conversation: the final report's agreed level where it has one, else the manager's answer."""
    people, params = in_list("person", person_ids)
    return db.execute(
        f"""WITH latest AS (
                SELECT p.id AS person_id,
                       (SELECT c.id FROM conversations c WHERE c.employee_id = p.id AND c.status IN {_HELD}
                        ORDER BY c.id DESC LIMIT 1) AS conversation_id
                FROM people p WHERE p.id IN {people})
            SELECT l.person_id, a.item_id,
                   CASE WHEN g.item_id IS NULL THEN a.value ELSE g.value END,
                   CASE WHEN g.item_id IS NULL THEN a.not_applicable ELSE g.not_applicable END,
                   CASE WHEN g.item_id IS NULL THEN 0 ELSE 1 END
            FROM latest l
              JOIN conversations c ON c.id = l.conversation_id
              JOIN answers a ON a.conversation_id = l.conversation_id AND a.side = 'manager'
              LEFT JOIN agreed_levels g ON g.conversation_id = l.conversation_id AND g.item_id = a.item_id
                AND c.status IN {_FINAL}""",
        params,
    ).fetchall()


# The tables the matrix reads, which a synthetic firm (the benchmark) fills in bulk; the app writes
# them a row at a time through the skills and certificates services.
SEEDED_TABLES = ("skill_requirements", "team_minimums", "agreed_levels", "certificate_types", "certificates",
                 "certificate_minimums")


def insert_rows(db: sqlite_utils.Database, table: str, rows: list[dict]) -> None:
    """Rows into one of SEEDED_TABLES in batches, inside the caller's transaction."""
    if table not in SEEDED_TABLES:
        raise ValueError(f"not a table the matrix reads: {table}")
    db[table].insert_all(rows, batch_size=5000)
