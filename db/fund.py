"""What the fund portal reads of one firm: counts and sums only, never a row about a person.

Each function runs on one firm's own database (its role, its schema); devtalk.services.fund
walks the firms one at a time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sqlite_utils


def firm_counts(db: sqlite_utils.Database) -> tuple[int, int]:
    """(active people, rounds) of the firm."""
    row = db.execute("SELECT (SELECT count(*) FROM people WHERE active = 1), (SELECT count(*) FROM rounds)").fetchone()
    return int(row[0]), int(row[1])


def submitted_versions(db: sqlite_utils.Database) -> list[int]:
    """The questionnaire versions of the conversations whose employee has submitted."""
    rows = db.execute("SELECT DISTINCT questionnaire_version_id FROM conversations"
                      " WHERE employee_submitted_at IS NOT NULL ORDER BY questionnaire_version_id").fetchall()
    return [row[0] for row in rows]


def employee_answer_sums(db: sqlite_utils.Database, items: Mapping[int, Sequence[str]]) -> tuple[int, int, int]:
    """(respondents, sum of values, number of values) of the employees' answers to ``items``
    (questionnaire version id -> item ids) in submitted conversations; n.v.t. and blanks count not."""
    wanted = {version_id: list(ids) for version_id, ids in items.items() if ids}
    if not wanted:
        return 0, 0, 0
    clauses, params = [], []
    for version_id, ids in sorted(wanted.items()):
        clauses.append(f"(c.questionnaire_version_id = ? AND a.item_id IN ({','.join('?' * len(ids))}))")
        params += [version_id, *ids]
    row = db.execute(
        f"""SELECT count(DISTINCT c.employee_id), coalesce(sum(a.value), 0), count(a.value)
            FROM conversations c
              JOIN answers a ON a.conversation_id = c.id AND a.side = 'employee' AND a.value IS NOT NULL
            WHERE c.employee_submitted_at IS NOT NULL AND ({' OR '.join(clauses)})""",
        params,
    ).fetchone()
    return int(row[0]), int(row[1]), int(row[2])
