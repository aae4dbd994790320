"""Third-voice invitations of colleagues and the work mentor, and their answers."""

from __future__ import annotations

import sqlite_utils

from db._rows import now, to_datetime
from devtalk.domain.models import Answer
from devtalk.domain.third_voice import ThirdVoice


def _voice(row: dict) -> ThirdVoice:
    return ThirdVoice(
        row["id"], row["conversation_id"], row["colleague_id"], row["kind"], row["invited_by"], row["consented_by"],
        to_datetime(row["consented_at"]), bool(row["named"]), to_datetime(row["created_at"]),
        to_datetime(row["withdrawn_at"]), to_datetime(row["submitted_at"]),
    )


def get_voice(db: sqlite_utils.Database, third_voice_id: int) -> ThirdVoice | None:
    rows = list(db.query("SELECT * FROM third_voices WHERE id = ?", [third_voice_id]))
    return _voice(rows[0]) if rows else None


def voices_of_conversation(db: sqlite_utils.Database, conversation_id: int) -> list[ThirdVoice]:
    """Every invitation of the conversation, withdrawn ones too, in the order they were made."""
    return [_voice(row) for row in db.query(
        "SELECT * FROM third_voices WHERE conversation_id = ? ORDER BY id", [conversation_id])]


def voices_of_colleague(db: sqlite_utils.Database, colleague_id: int) -> list[ThirdVoice]:
    return [_voice(row) for row in db.query(
        "SELECT * FROM third_voices WHERE colleague_id = ? ORDER BY id DESC", [colleague_id])]


def add_voice(db: sqlite_utils.Database, conversation_id: int, colleague_id: int, kind: str,
              invited_by: int | None, consented_by: int | None) -> ThirdVoice:
    """A new invitation, or a withdrawn one of the same colleague asked again (its answers kept)."""
    stamp = now()
    consented_at = stamp if consented_by is not None else None
    row = db.execute(
        """INSERT INTO third_voices (conversation_id, colleague_id, kind, invited_by, consented_by, consented_at,
                                     created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (conversation_id, colleague_id) DO UPDATE SET
             kind = excluded.kind, invited_by = excluded.invited_by, consented_by = excluded.consented_by,
             consented_at = excluded.consented_at, withdrawn_at = NULL
           RETURNING id""",
        [conversation_id, colleague_id, kind, invited_by, consented_by, consented_at, stamp],
    ).fetchall()
    return get_voice(db, row[0][0])


def consent(db: sqlite_utils.Database, third_voice_id: int, by: int | None) -> None:
    db.execute("UPDATE third_voices SET consented_by = ?, consented_at = ? WHERE id = ?", [by, now(), third_voice_id])


def withdraw(db: sqlite_utils.Database, third_voice_id: int) -> None:
    db.execute("UPDATE third_voices SET withdrawn_at = ? WHERE id = ?", [now(), third_voice_id])


def set_named(db: sqlite_utils.Database, third_voice_id: int, named: bool) -> None:
    db.execute("UPDATE third_voices SET named = ? WHERE id = ?", [int(named), third_voice_id])


def mark_submitted(db: sqlite_utils.Database, third_voice_id: int) -> None:
    db.execute("UPDATE third_voices SET submitted_at = ? WHERE id = ?", [now(), third_voice_id])


def answers_of(db: sqlite_utils.Database, third_voice_id: int) -> dict[str, Answer]:
    rows = db.execute("SELECT item_id, value, not_applicable, text FROM third_voice_answers WHERE third_voice_id = ?",
                      [third_voice_id]).fetchall()
    return {item_id: Answer(item_id, value, bool(na), text) for item_id, value, na, text in rows}


def save_answer(db: sqlite_utils.Database, third_voice_id: int, answer: Answer) -> None:
    db.execute(
        """INSERT INTO third_voice_answers (third_voice_id, item_id, value, not_applicable, text, updated_at)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (third_voice_id, item_id) DO UPDATE SET
             value = excluded.value, not_applicable = excluded.not_applicable,
             text = excluded.text, updated_at = excluded.updated_at""",
        [third_voice_id, answer.item_id, answer.value, int(answer.not_applicable), answer.text, now()],
    )


def delete_answer(db: sqlite_utils.Database, third_voice_id: int, item_id: str) -> None:
    db.execute("DELETE FROM third_voice_answers WHERE third_voice_id = ? AND item_id = ?", [third_voice_id, item_id])


def rows_about(db: sqlite_utils.Database, person_id: int) -> dict[str, list[dict]]:
    """The privacy export's rows of what this person gave: the invitations they got and their answers."""
    return {
        "third_voices_given": list(db.query("SELECT * FROM third_voices WHERE colleague_id = ?", [person_id])),
        "third_voice_answers_given": list(db.query(
            "SELECT * FROM third_voice_answers WHERE third_voice_id IN"
            " (SELECT id FROM third_voices WHERE colleague_id = ?)", [person_id])),
    }


def erase(db: sqlite_utils.Database, person_id: int) -> None:
    """The open answers this person gave and the ones about them go; scale values stay, anonymous,
    as the two sides' do."""
    db.execute(
        "UPDATE third_voice_answers SET text = NULL WHERE third_voice_id IN"
        " (SELECT id FROM third_voices WHERE colleague_id = ?"
        "  OR conversation_id IN (SELECT id FROM conversations WHERE employee_id = ?))", [person_id, person_id])
    db.execute("DELETE FROM third_voice_answers WHERE text IS NULL AND value IS NULL AND not_applicable = 0")


def with_live_card(db: sqlite_utils.Database, conversation_id: int, at: str) -> frozenset[int]:
    """The conversation's invitations that have a sign-in card working at that moment (ISO time)."""
    return frozenset(row[0] for row in db.execute(
        "SELECT DISTINCT third_voice_id FROM invitations WHERE revoked_at IS NULL AND expires_at > ?"
        " AND third_voice_id IN (SELECT id FROM third_voices WHERE conversation_id = ?)", [at, conversation_id]))


def end_card_sessions(db: sqlite_utils.Database, third_voice_id: int) -> None:
    """Sign out whoever opened the input with a card made for it."""
    db.execute("DELETE FROM sessions WHERE invitation_id IN (SELECT id FROM invitations WHERE third_voice_id = ?)",
               [third_voice_id])
