"""The demo firm's check-ins: half-year check-ins in its history (one left a question empty and an
action open, so Daan's next agenda carries them), one still under way, and the current round's
half-year check-in put six months on."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import sqlite_utils

from db import actions, conversations, rounds
from db import check_ins as storage
from devtalk.domain.check_ins import STILL_OPEN
from devtalk.domain.models import Person
from devtalk.questionnaire import content_hash
from devtalk.services.check_ins import BUNDLED_LIST

# (employee, years ago (0: this year), who started it, answers by question of the bundled list, finished)
CHECK_INS = (
    ("employee", 2, "manager", {
        "acties": "Meelopen met Jan is gedaan; het walsen van dikke plaat gaat nu zonder hulp.",
        "energie": "Dat ik de laadbakken nu van begin tot eind zelf maak.",
        "nodig": "Af en toe een half uur met Bram om een tekening door te nemen.",
    }, True),
    ("employee", 1, "employee", {
        "acties": "De cursus 3D-tekeningen is begonnen; de tweede dag is in november.",
        "energie": "De kipperbakken: ik mag nu zelf de uitslag maken.",
    }, True),
    ("kmulder", 1, "manager", {
        "acties": "TIG-lassen rvs gehaald. Meelopen met de werkvoorbereiding is nog niet gelukt.",
        "energie": "De rvs-tanks, daar kan ik laten zien wat ik kan.",
        "nodig": "Een dag vrij geroosterd om mee te lopen.",
    }, True),
    ("felamrani", 0, "employee", {
        "energie": "Storingen zoeken met de nieuwe uitleessoftware.",
    }, False),
)


def add_check_ins(db: sqlite_utils.Database, staff: dict[str, Person], today: date) -> None:
    """Within the demo's transaction, after the rounds (a check-in lists the actions of its year)."""
    text = BUNDLED_LIST.read_text(encoding="utf-8")
    list_id = storage.add_list(db, text, content_hash(text), None)
    for username, years_ago, starter, answers, finished in CHECK_INS:
        employee = staff[username]
        started_by = employee.id if starter == "employee" else employee.manager_id
        # Half a year after that year's conversation; this year's, last week, looks at last year's actions.
        when = (datetime(today.year - years_ago, 9, 15, 10, tzinfo=UTC) if years_ago
                else datetime.combine(today - timedelta(days=5), datetime.min.time(), UTC))
        listed = _open_actions(db, employee, today.year - max(years_ago, 1))
        check_in = storage.add_check_in(db, employee.id, started_by, list_id, listed, started_at=when.isoformat())
        for item_id, answer in answers.items():
            storage.save_answer(db, check_in.id, item_id, answer, started_by)
        if finished:
            storage.finish(db, check_in.id, (when + timedelta(minutes=25)).isoformat())
    current = max(rounds.list_rounds(db), key=lambda found: found.created_at)
    storage.set_schedule(db, current.id, today + timedelta(days=182), None)


def _open_actions(db, employee: Person, year: int) -> list[int]:
    """The actions still open of the employee's conversation held in ``year``."""
    held = [c for c in conversations.conversations_of_employee(db, employee.id) if c.held_at and c.held_at.year == year]
    return [a.id for c in held for a in actions.actions_of_conversation(db, c.id) if a.status in STILL_OPEN]
