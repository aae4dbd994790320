"""Everything stored about one person, and wiping what identifies them (AVG/GDPR)."""

from __future__ import annotations

import sqlite_utils


def rows_about(db: sqlite_utils.Database, person_id: int) -> dict[str, list[dict]]:
    """Every row that is about this person, table by table."""
    conversation_ids = [r[0] for r in db.execute("SELECT id FROM conversations WHERE employee_id = ?", [person_id])]
    marks = ",".join("?" * len(conversation_ids)) or "NULL"
    action_ids = [r[0] for r in db.execute("SELECT id FROM actions WHERE employee_id = ?", [person_id])]
    action_marks = ",".join("?" * len(action_ids)) or "NULL"
    queries = {
        "person": ("SELECT id, name, username, email, function_id, manager_id, roles, language, active, created_at"
                   " FROM people WHERE id = ?", [person_id]),
        "conversations": (f"SELECT * FROM conversations WHERE id IN ({marks})", conversation_ids),
        "answers": (f"SELECT * FROM answers WHERE conversation_id IN ({marks})", conversation_ids),
        "reports": (f"SELECT * FROM reports WHERE conversation_id IN ({marks})", conversation_ids),
        "agreed_levels": (f"SELECT * FROM agreed_levels WHERE conversation_id IN ({marks})", conversation_ids),
        "actions": ("SELECT * FROM actions WHERE employee_id = ?", [person_id]),
        "action_notes": (f"SELECT * FROM action_notes WHERE action_id IN ({action_marks})", action_ids),
        "dossier_notes": ("SELECT * FROM dossier_notes WHERE employee_id = ?", [person_id]),
        "certificates": ("SELECT * FROM certificates WHERE person_id = ?", [person_id]),
        "certificate_scans": (("SELECT * FROM certificate_scans WHERE certificate_id IN"
                               " (SELECT id FROM certificates WHERE person_id = ?)"), [person_id]),
        "audit_events": ("SELECT * FROM audit_events WHERE actor_id = ? OR (record_type = 'person' AND record_id = ?)",
                         [person_id, str(person_id)]),
    }
    return {name: list(db.query(sql, params)) for name, (sql, params) in queries.items()}


def erase(db: sqlite_utils.Database, person_id: int, stamp: str) -> None:
    """Remove what identifies the person and every text about them; keep the scale values, so
    team pictures and completion counts of earlier years stay what they were."""
    conversation_ids = [r[0] for r in db.execute("SELECT id FROM conversations WHERE employee_id = ?", [person_id])]
    marks = ",".join("?" * len(conversation_ids)) or "NULL"
    db.execute(
        "UPDATE people SET name = ?, username = ?, email = NULL, active = 0, updated_at = ? WHERE id = ?",
        [f"— ({person_id})", f"erased-{person_id}", stamp, person_id],
    )
    db.execute(f"UPDATE answers SET text = NULL WHERE conversation_id IN ({marks})", conversation_ids)
    db.execute(f"DELETE FROM answers WHERE conversation_id IN ({marks}) AND value IS NULL AND not_applicable = 0",
               conversation_ids)
    db.execute(f"UPDATE reports SET agenda = '[]', agreements = '', summary = '', employee_comment = '',"
               " comment_draft = ''"
               f" WHERE conversation_id IN ({marks})", conversation_ids)
    # The levels a report agreed say what this person can: theirs, not the team's history.
    db.execute(f"DELETE FROM agreed_levels WHERE conversation_id IN ({marks})", conversation_ids)
    db.execute("DELETE FROM action_notes WHERE action_id IN (SELECT id FROM actions WHERE employee_id = ?)", [person_id])
    db.execute("UPDATE actions SET what = '—' WHERE employee_id = ?", [person_id])
    db.execute("DELETE FROM dossier_notes WHERE employee_id = ?", [person_id])
    # A certificate's number and scan identify the person; what they held is theirs, not the team's.
    db.execute("DELETE FROM certificate_scans WHERE certificate_id IN (SELECT id FROM certificates WHERE person_id = ?)",
               [person_id])
    db.execute("DELETE FROM certificates WHERE person_id = ?", [person_id])
    db.execute("DELETE FROM reminders_sent WHERE recipient_id = ?", [person_id])
    # A questionnaire half composed is its author's work in progress, not the firm's library.
    db.execute("DELETE FROM questionnaire_drafts WHERE owner_id = ?", [person_id])
    for table in ("sessions", "invitations"):
        db.execute(f"DELETE FROM {table} WHERE person_id = ?", [person_id])
    db.execute("DELETE FROM accounts WHERE person_id = ?", [person_id])
