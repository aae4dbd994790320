"""Learning requests, their budget, subsidy, evaluation and status history."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import sqlite_utils

from db._rows import from_date, in_list, now, rows_where_in, to_date, to_datetime
from devtalk.domain.learning import (
    Budget,
    Evaluation,
    LearningRequest,
    StatusChange,
    Subsidy,
)

FIRM = 0  # learning_budgets.manager_id of the firm's own budget

_DATES = ("planned_start", "planned_end")


def _request(row: dict) -> LearningRequest:
    return LearningRequest(
        id=row["id"], employee_id=row["employee_id"], kind=row["kind"], what=row["what"], year=row["year"],
        status=row["status"], action_id=row["action_id"], conversation_id=row["conversation_id"],
        certificate_id=row["certificate_id"], item_id=row["item_id"], question=row["question"],
        decision=row["decision"], colleague_id=row["colleague_id"], provider=row["provider"],
        planned_start=to_date(row["planned_start"]), planned_end=to_date(row["planned_end"]),
        estimated_cents=row["estimated_cents"], actual_cents=row["actual_cents"],
        hours=Decimal(row["hours"]) if row["hours"] is not None else None, decline_reason=row["decline_reason"],
        created_at=to_datetime(row["created_at"]), updated_at=to_datetime(row["updated_at"]),
    )


def _columns(fields: dict) -> dict:
    columns = dict(fields)
    for name in _DATES:
        if name in columns:
            columns[name] = from_date(columns[name])
    if "hours" in columns and columns["hours"] is not None:
        columns["hours"] = str(columns["hours"])
    return columns


def add_request(db: sqlite_utils.Database, **fields) -> int | None:
    """A new request; None when one for the same action (or certificate and year) is there already."""
    stamp = now()
    added = db.execute(
        f"INSERT INTO learning_requests ({', '.join(fields)}, created_at, updated_at)"
        f" VALUES ({', '.join(':' + name for name in fields)}, :created_at, :updated_at) ON CONFLICT DO NOTHING"
        " RETURNING id",
        {**_columns(fields), "created_at": stamp, "updated_at": stamp},
    ).fetchall()  # all of it, so the statement has ended before the next one
    if not added:
        return None
    request_id = added[0][0]
    db.execute("INSERT INTO learning_request_changes (request_id, at, actor_id, from_status, to_status)"
               " VALUES (?, ?, NULL, NULL, ?)", [request_id, stamp, fields.get("status", "requested")])
    return request_id


def get_request(db: sqlite_utils.Database, request_id: int) -> LearningRequest | None:
    found = requests_where(db, "id = ?", [request_id])
    return found[0] if found else None


def requests_where(db: sqlite_utils.Database, where: str, params: list | dict) -> list[LearningRequest]:
    """The requests matching ``where`` (the caller's own SQL, values as parameters), by year, then id."""
    return [_request(row) for row in db.query(f"SELECT * FROM learning_requests WHERE {where} ORDER BY year DESC, id", params)]


def requests_of_year(db: sqlite_utils.Database, year: int, status: str | None = None,
                     team_id: int | None = None) -> list[LearningRequest]:
    """The year's requests, of one status and one team (the employee's manager now) or all."""
    return requests_where(
        db, """year = :year AND (status = :status OR :status IS NULL)
               AND (employee_id IN (SELECT id FROM people WHERE manager_id = :team) OR :team IS NULL)""",
        {"year": year, "status": status, "team": team_id})


def requests_of_employees(db: sqlite_utils.Database, employee_ids: Iterable[int]) -> list[LearningRequest]:
    ids, params = in_list("employee", employee_ids)
    return requests_where(db, f"employee_id IN {ids}", params)


def update_request(db: sqlite_utils.Database, request_id: int, **fields) -> None:
    db["learning_requests"].update(request_id, {**_columns(fields), "updated_at": now()})


def move(db: sqlite_utils.Database, request_id: int, from_status: str, to_status: str, actor_id: int | None,
         reason: str = "", **fields) -> bool:
    """Change the status only if it is still ``from_status`` (so of two people approving at once,
    one moves it and the other is told it moved already), with the change in the history."""
    stamp = now()
    columns = _columns(fields)
    assignments = "".join(f", {name} = :{name}" for name in columns)
    cursor = db.execute(
        f"UPDATE learning_requests SET status = :to_status, updated_at = :stamp{assignments}"
        " WHERE id = :id AND status = :from_status",
        {**columns, "to_status": to_status, "stamp": stamp, "id": request_id, "from_status": from_status},
    )
    if not cursor.rowcount:
        return False
    db.execute("INSERT INTO learning_request_changes (request_id, at, actor_id, from_status, to_status, reason)"
               " VALUES (?, ?, ?, ?, ?, ?)", [request_id, stamp, actor_id, from_status, to_status, reason])
    return True


def changes(db: sqlite_utils.Database, request_id: int) -> list[StatusChange]:
    return [StatusChange(to_datetime(row["at"]), row["actor_id"], row["from_status"], row["to_status"], row["reason"])
            for row in db.query("SELECT * FROM learning_request_changes WHERE request_id = ? ORDER BY id", [request_id])]


# --- where requests come from ----------------------------------------------------------------

def _among(column: str, employee_ids: Iterable[int] | None) -> tuple[str, dict]:
    """The condition that ``column`` is one of these employees (none for ``None``: everyone)."""
    if employee_ids is None:
        return "", {}
    ids, params = in_list("employee", employee_ids)
    return f"AND {column} IN {ids}", params


def agreed_actions_without_request(db: sqlite_utils.Database, kinds: Iterable[str],
                                   employee_ids: Iterable[int] | None = None) -> list[dict]:
    """Agreed actions (their report is final) of active people, of these kinds, still open or in
    progress, that no request was made of yet, with the year of their due date, else of the report's finalising."""
    kinds, params = in_list("kind", kinds)
    among, employee_params = _among("a.employee_id", employee_ids)
    return list(db.query(
        f"""SELECT a.id AS action_id, a.conversation_id, a.employee_id, a.kind, a.what,
                  CAST(substr(coalesce(a.due_date, r.finalised_at), 1, 4) AS INTEGER) AS year
           FROM actions a
             JOIN conversations c ON c.id = a.conversation_id
             JOIN reports r ON r.conversation_id = a.conversation_id
             JOIN people p ON p.id = a.employee_id AND p.active = 1
           WHERE a.kind IN {kinds} AND a.status IN ('open', 'in_progress')
             AND c.status IN ('reported', 'acknowledged') AND r.finalised_at IS NOT NULL
             {among}
             AND NOT EXISTS (SELECT 1 FROM learning_requests l WHERE l.action_id = a.id)""",
        params | employee_params,
    ))


def certificates_expiring_without_request(db: sqlite_utils.Database, year: int,
                                          employee_ids: Iterable[int] | None = None) -> list[dict]:
    """Certificates of active people (all, or these) that expire in ``year``, of active types, with
    no renewal request for that year yet, and no later certificate of the same type that outlasts
    the year (someone already renewed)."""
    among, employee_params = _among("c.person_id", employee_ids)
    return list(db.query(
        f"""SELECT c.id AS certificate_id, c.person_id AS employee_id, t.name AS type_name, c.expires_on
           FROM certificates c
             JOIN certificate_types t ON t.id = c.type_id AND t.active = 1
             JOIN people p ON p.id = c.person_id AND p.active = 1
           WHERE c.expires_on >= :first AND c.expires_on <= :last
             AND NOT EXISTS (SELECT 1 FROM certificates later WHERE later.person_id = c.person_id
                             AND later.type_id = c.type_id AND later.id != c.id
                             AND (later.expires_on IS NULL OR later.expires_on > :last))
             AND NOT EXISTS (SELECT 1 FROM learning_requests l WHERE l.certificate_id = c.id AND l.year = :year)
             {among}
           ORDER BY c.expires_on, c.id""",
        {"first": f"{year}-01-01", "last": f"{year}-12-31", "year": year, **employee_params},
    ))


# --- budget, subsidy, evaluation -------------------------------------------------------------

def budgets(db: sqlite_utils.Database, year: int) -> list[Budget]:
    """The year's budgets, the firm's first."""
    return [Budget(row["year"], row["cents"], row["manager_id"] or None)
            for row in db.query("SELECT * FROM learning_budgets WHERE year = ? ORDER BY manager_id", [year])]


def set_budget(db: sqlite_utils.Database, year: int, manager_id: int | None, cents: int | None) -> None:
    """Store a budget; None removes it."""
    keys = {"year": year, "manager_id": manager_id or FIRM}
    if cents is None:
        db.execute("DELETE FROM learning_budgets WHERE year = :year AND manager_id = :manager_id", keys)
        return
    db["learning_budgets"].upsert({**keys, "cents": cents, "updated_at": now()}, pk=("year", "manager_id"))


def spending(db: sqlite_utils.Database, year: int, team_id: int | None = None) -> tuple[int, int]:
    """(committed, spent) cents of the year, the firm's or one team's (the employee's manager now), in one query."""
    row = db.execute(
        """SELECT coalesce(sum(CASE WHEN status IN ('approved', 'planned') THEN coalesce(estimated_cents, 0) END), 0),
                  coalesce(sum(CASE WHEN status IN ('done', 'evaluated')
                                    THEN coalesce(actual_cents, estimated_cents, 0) END), 0)
           FROM learning_requests
           WHERE year = :year AND (employee_id IN (SELECT id FROM people WHERE manager_id = :team) OR :team IS NULL)""",
        {"year": year, "team": team_id},
    ).fetchone()
    return row[0], row[1]


def spending_per_team(db: sqlite_utils.Database, year: int) -> dict[int | None, tuple[int, int]]:
    """(committed, spent) cents of the year per team (the employee's manager now; None: no manager), in one query."""
    return {row[0]: (row[1], row[2]) for row in db.execute(
        """SELECT p.manager_id,
                  coalesce(sum(CASE WHEN l.status IN ('approved', 'planned') THEN coalesce(l.estimated_cents, 0) END), 0),
                  coalesce(sum(CASE WHEN l.status IN ('done', 'evaluated')
                                    THEN coalesce(l.actual_cents, l.estimated_cents, 0) END), 0)
           FROM learning_requests l JOIN people p ON p.id = l.employee_id
           WHERE l.year = ? GROUP BY p.manager_id""", [year])}


def _subsidy(row: dict) -> Subsidy:
    return Subsidy(row["request_id"], row["fund"], row["scheme"], row["expected_cents"], row["status"])


def subsidies(db: sqlite_utils.Database, request_ids: Iterable[int]) -> dict[int, Subsidy]:
    return {row["request_id"]: _subsidy(row) for row in rows_where_in(db, "learning_subsidies", "request_id", request_ids)}


def set_subsidy(db: sqlite_utils.Database, subsidy: Subsidy | None, request_id: int) -> None:
    """Store the request's subsidy; None removes it."""
    if subsidy is None:
        db.execute("DELETE FROM learning_subsidies WHERE request_id = ?", [request_id])
        return
    db["learning_subsidies"].upsert(
        {"request_id": request_id, "fund": subsidy.fund, "scheme": subsidy.scheme,
         "expected_cents": subsidy.expected_cents, "status": subsidy.status, "updated_at": now()}, pk="request_id")


def _evaluation(row: dict) -> Evaluation:
    return Evaluation(row["request_id"], row["learned"], row["satisfaction"], row["helped"], to_datetime(row["evaluated_at"]))


def evaluations(db: sqlite_utils.Database, request_ids: Iterable[int]) -> dict[int, Evaluation]:
    return {row["request_id"]: _evaluation(row)
            for row in rows_where_in(db, "learning_evaluations", "request_id", request_ids)}


def save_evaluation(db: sqlite_utils.Database, evaluation: Evaluation) -> None:
    db["learning_evaluations"].upsert(
        {"request_id": evaluation.request_id, "learned": evaluation.learned, "satisfaction": evaluation.satisfaction,
         "helped": evaluation.helped, "evaluated_at": evaluation.evaluated_at.isoformat() if evaluation.evaluated_at else None,
         "updated_at": now()}, pk="request_id")


# --- privacy -----------------------------------------------------------------------------------

def rows_about(db: sqlite_utils.Database, person_id: int) -> dict[str, list[dict]]:
    """The person's own requests with their subsidy, evaluation and history (a request where they
    are only the colleague who teaches names them, but is the learner's)."""
    mine = "SELECT id FROM learning_requests WHERE employee_id = ?"
    return {
        "learning_requests": list(db.query("SELECT * FROM learning_requests WHERE employee_id = ?", [person_id])),
        "learning_subsidies": list(db.query(f"SELECT * FROM learning_subsidies WHERE request_id IN ({mine})", [person_id])),
        "learning_evaluations": list(db.query(f"SELECT * FROM learning_evaluations WHERE request_id IN ({mine})", [person_id])),
        "learning_request_changes": list(db.query(
            f"SELECT * FROM learning_request_changes WHERE request_id IN ({mine})", [person_id])),
    }


def erase(db: sqlite_utils.Database, person_id: int) -> None:
    """The texts of the person's requests and evaluations go (what, the question behind it, the
    decline reason, what they learned); kind, year, status, costs, subsidy and the scores stay,
    anonymous with the person, so the year's budget and the group evaluation keep their sums.
    Where they taught a colleague, the request stays without their name."""
    mine = "SELECT id FROM learning_requests WHERE employee_id = ?"
    db.execute("UPDATE learning_requests SET what = '—', question = '', decline_reason = '' WHERE employee_id = ?",
               [person_id])
    db.execute(f"UPDATE learning_evaluations SET learned = '' WHERE request_id IN ({mine})", [person_id])
    db.execute(f"UPDATE learning_request_changes SET reason = '' WHERE request_id IN ({mine})", [person_id])
    db.execute("UPDATE learning_requests SET colleague_id = NULL WHERE colleague_id = ?", [person_id])
