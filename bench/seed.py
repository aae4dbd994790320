"""A synthetic firm of any size, written through the app's own schema and migrations."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlite_utils

import db as storage
from db import accounts
from devtalk.domain.passwords import hash_password
from devtalk.services.library import store_questionnaire

ROUNDS = 12
LIKERT_ITEMS = 56
OPEN_ITEMS = 4
ITEMS = LIKERT_ITEMS + OPEN_ITEMS
SIDES = ("employee", "manager")
TEAM = 200
PASSWORD = "bench-password"


@dataclass(frozen=True)
class Seeded:
    db: sqlite_utils.Database
    path: Path
    people: int
    answers: int
    answer_seconds: float
    employee_id: int
    manager_id: int
    conversation_id: int  # the dossier person's conversation in the newest yearly round
    team_round_id: int  # a round of TEAM people, for the team heatmap


def questionnaire_yaml(likert: int = LIKERT_ITEMS, open_items: int = OPEN_ITEMS) -> str:
    """A questionnaire of the benchmark's size: five sections of Likert items and one of open questions."""
    lines = [
        "id: bench", "title: {nl: Benchmark, en: Benchmark}", "languages: [nl, en]", "scales:", "  s:",
        "    points: [1, 2, 3, 4, 5]", "    labels: {1: {nl: Nog niet, en: Not yet}, 5: {nl: Expert, en: Expert}}",
        "    not_applicable: true", "sections:",
    ]
    per_section = -(-likert // 5)
    for number in range(likert):
        if number % per_section == 0:
            lines += [f"  - id: sectie-{number // per_section}", f"    title: {{nl: Sectie {number // per_section}, en: Section {number // per_section}}}", "    items:"]
        lines += [f"      - id: item-{number}", "        type: likert", "        scale: s",
                  f"        text: {{nl: Vaardigheid {number}, en: Skill {number}}}"]
    lines += ["  - id: open", "    title: {nl: Willen, en: Want}", "    items:"]
    for number in range(open_items):
        lines += [f"      - id: open-{number}", "        type: open", f"        text: {{nl: Vraag {number}, en: Question {number}}}"]
        lines += ["        tags: [energy]"] if number == 0 else []
    return "\n".join(lines) + "\n"


def people_for(answers: int) -> int:
    return max(12, answers // (ROUNDS * ITEMS * len(SIDES)))


def seed(path: Path, answers: int, progress=lambda done, total: None) -> Seeded:
    """Build a database holding about ``answers`` answers: people x 12 yearly rounds x 60 items x 2 sides."""
    database = storage.open_db(path)
    storage.migrate(database)
    rng = random.Random(7)
    count = people_for(answers)
    version = store_questionnaire(database, None, questionnaire_yaml(), "bench.yaml")
    with storage.transaction(database):
        employee_ids = _people(database, count)
        rounds = _rounds(database, version.id)
        conversation_ids = _conversations(database, rounds, employee_ids, version.id)
        last_year = conversation_ids[-len(employee_ids)]
        # The team heatmap's round: its target speaks of 200 people. The dossier's person stays out.
        team_round = _round(database, "Team", version.id, datetime.now(timezone.utc))
        conversation_ids += _conversations(database, [team_round], employee_ids[1:][-TEAM:], version.id)
    total = len(conversation_ids) * ITEMS * len(SIDES)
    started = time.perf_counter()
    stamp = datetime.now(timezone.utc).isoformat()
    batch: list[tuple] = []
    written = 0
    with storage.transaction(database):
        for conversation_id in conversation_ids:
            for side in SIDES:
                batch.extend((conversation_id, side, f"item-{n}", rng.randint(1, 5), 0, None, stamp) for n in range(LIKERT_ITEMS))
                batch.extend((conversation_id, side, f"open-{n}", None, 0, "Samen werken aan een mooie klus", stamp) for n in range(OPEN_ITEMS))
            if len(batch) >= 50_000:
                database.conn.executemany("INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)", batch)
                written += len(batch)
                batch.clear()
                progress(written, total)
        database.conn.executemany("INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)", batch)
        written += len(batch)
    elapsed = time.perf_counter() - started
    progress(written, total)
    database.execute("ANALYZE")
    employee_id = employee_ids[0]
    return Seeded(database, Path(path), count, written, elapsed, employee_id, _manager_of(database, employee_id), last_year,
                  team_round)


def _people(database, count: int) -> list[int]:
    """A tenth of them managers, each leading every tenth employee; returns the employees' ids."""
    stamp = datetime.now(timezone.utc).isoformat()
    database.conn.execute("INSERT INTO job_functions (id, name) VALUES ('bench', 'Bench')")
    managers = max(1, count // 10)
    rows = [(f"Leidinggevende {n}", f"m{n}", None, "employee,manager", stamp, stamp) for n in range(managers)]
    database.conn.executemany(
        "INSERT INTO people (name, username, manager_id, roles, created_at, updated_at, function_id) VALUES (?, ?, ?, ?, ?, ?, 'bench')", rows)
    manager_ids = [row[0] for row in database.execute("SELECT id FROM people ORDER BY id")]
    rows = [(f"Medewerker {n}", f"e{n}", manager_ids[n % managers], "employee", stamp, stamp) for n in range(count)]
    database.conn.executemany(
        "INSERT INTO people (name, username, manager_id, roles, created_at, updated_at, function_id) VALUES (?, ?, ?, ?, ?, ?, 'bench')", rows)
    employee_ids = [row[0] for row in database.execute("SELECT id FROM people WHERE manager_id IS NOT NULL ORDER BY id")]
    password_hash = hash_password(PASSWORD)
    for person_id in (employee_ids[0], _manager_of(database, employee_ids[0])):
        accounts.set_password_hash(database, person_id, password_hash)
    return employee_ids


def _manager_of(database, employee_id: int) -> int:
    return database.execute("SELECT manager_id FROM people WHERE id = ?", [employee_id]).fetchone()[0]


def _rounds(database, version_id: int) -> list[int]:
    start = datetime.now(timezone.utc) - timedelta(days=365 * ROUNDS)
    return [_round(database, f"Ronde {year + 1}", version_id, start + timedelta(days=365 * year)) for year in range(ROUNDS)]


def _round(database, name: str, version_id: int, created: datetime) -> int:
    return database.conn.execute(
        "INSERT INTO rounds (name, questionnaire_version_id, created_at) VALUES (?, ?, ?)",
        [name, version_id, created.isoformat()],
    ).lastrowid


def _conversations(database, rounds, employee_ids, version_id) -> list[int]:
    """Every employee's conversation in each round: the newest still to be held, the rest done."""
    stamp = datetime.now(timezone.utc).isoformat()
    managers = {row[0]: row[1] for row in database.execute("SELECT id, manager_id FROM people")}
    rows = [
        (round_id, person, managers[person], version_id, "acknowledged" if round_id != rounds[-1] else "ready", stamp, stamp, stamp, stamp)
        for round_id in rounds for person in employee_ids
    ]
    database.conn.executemany(
        "INSERT INTO conversations (round_id, employee_id, manager_id, questionnaire_version_id, status,"
        " employee_submitted_at, manager_submitted_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    marks = ",".join("?" * len(rounds))
    return [row[0] for row in database.execute(f"SELECT id FROM conversations WHERE round_id IN ({marks}) ORDER BY id", rounds)]
