"""A synthetic firm of any size, written through the app's own schema, migrations and repository
functions (db/): the bench writes no SQL of its own."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlite_utils

from db import accounts, analyse, migrate, open_db, transaction
from db import conversations as conversation_repo
from db import learning as learning_repo
from db import matrix as matrix_repo
from db.people import add_person, save_function, update_person
from db.rounds import add_round
from devtalk.domain.learning import Evaluation, Subsidy
from devtalk.domain.models import JobFunction, Person
from devtalk.domain.passwords import hash_password
from devtalk.services.library import store_questionnaire

ROUNDS = 12
LIKERT_ITEMS = 56
OPEN_ITEMS = 4
ITEMS = LIKERT_ITEMS + OPEN_ITEMS
SIDES = ("employee", "manager")
TEAM = 200
CERTIFICATE_TYPES = 10
PASSWORD = "bench-password"
FUNCTION = JobFunction("bench", "Bench")


@dataclass(frozen=True)
class Seeded:
    db: sqlite_utils.Database
    path: Path
    people: int
    answers: int
    answer_seconds: float
    hr: Person  # the firm's HR account, who asks for HR's figures
    employee_id: int
    manager_id: int
    conversation_id: int  # the dossier person's conversation in the newest yearly round
    team_round_id: int  # a round of TEAM people, for the team heatmap
    matrix_team_id: int  # the manager who leads the team round's people, for the skills matrix


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
            lines += [f"  - id: sectie-{number // per_section}", f"    title: {{nl: Sectie {number // per_section}, en: Section {number // per_section}}}",
                      "    kind: skill", "    items:"]
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
    database = open_db(path)
    migrate(database)
    rng = random.Random(7)
    count = people_for(answers)
    with transaction(database):
        hr = add_person(database, name="HR", username="hr", roles=("employee", "hr_admin"))
        version_id = store_questionnaire(database, hr, questionnaire_yaml(), "bench.yaml").id
        staff = _people(database, count)
        rounds = _rounds(database, version_id)
        conversation_ids = _conversations(database, rounds, staff, version_id)
        last_year = conversation_ids[-len(staff)]
        # The team heatmap's round: its target speaks of 200 people. The dossier's person stays out.
        # They are the skills matrix's team too, under a manager of their own. A small firm has too few:
        # newcomers without earlier years make up the 200, so that the matrix on the small database
        # is the same size without the history (the matrix's growth figure).
        team_round = add_round(database, "Team", version_id).id
        matrix_team = add_person(database, name="Leidinggevende matrix", username="m-matrix",
                                 roles=("employee", "manager"), function_id=FUNCTION.id).id
        team_staff = staff[1:][-TEAM:]
        newcomers = [(add_person(database, name=f"Nieuwkomer {n}", username=f"n{n}", function_id=FUNCTION.id,
                                 manager_id=matrix_team).id, matrix_team) for n in range(TEAM - len(team_staff))]
        team_conversations = _conversations(database, [team_round], team_staff + newcomers, version_id)
        conversation_ids += team_conversations
        for employee, _ in team_staff:
            update_person(database, employee, manager_id=matrix_team)
        # Their latest held conversation: the year before the newest (which is ready to be held), or
        # for a newcomer the team round's, held.
        held = conversation_ids[(ROUNDS - 2) * len(staff):(ROUNDS - 1) * len(staff)][1:][-TEAM:]
        held += team_conversations[len(team_staff):]
        for conversation_id in team_conversations[len(team_staff):]:
            conversation_repo.update_conversation(database, conversation_id, status="acknowledged")
        _matrix_data(database, matrix_team, [employee for employee, _ in team_staff + newcomers], held, rng)
        _learning_requests(database, staff, rng)
    total = len(conversation_ids) * ITEMS * len(SIDES)
    started = time.perf_counter()
    stamp = datetime.now(timezone.utc).isoformat()
    batch: list[tuple] = []
    written = 0
    with transaction(database):
        for conversation_id in conversation_ids:
            for side in SIDES:
                batch.extend((conversation_id, side, f"item-{n}", rng.randint(1, 5), 0, None, stamp) for n in range(LIKERT_ITEMS))
                batch.extend((conversation_id, side, f"open-{n}", None, 0, "Samen werken aan een mooie klus", stamp) for n in range(OPEN_ITEMS))
            if len(batch) >= 50_000:
                conversation_repo.insert_answers(database, batch)
                written += len(batch)
                batch.clear()
                progress(written, total)
        conversation_repo.insert_answers(database, batch)
        written += len(batch)
    elapsed = time.perf_counter() - started
    progress(written, total)
    analyse(database)
    employee, manager_id = staff[0]
    return Seeded(database, Path(path), count, written, elapsed, hr, employee, manager_id, last_year, team_round, matrix_team)


LEARNING_REQUESTS = 1_000  # the coordinator's queue of one plan year
LEARNING_STATUSES = ("requested", "approved", "planned", "done", "evaluated", "declined")


def _learning_requests(database, staff: list[tuple[int, int]], rng: random.Random) -> None:
    """This year's learning requests of the staff in every status, a budget for the firm and each
    team, a subsidy on every tenth request and an evaluation on each evaluated one."""
    year = datetime.now(timezone.utc).year
    for n in range(LEARNING_REQUESTS):
        employee, _ = staff[n % len(staff)]
        status = LEARNING_STATUSES[n % len(LEARNING_STATUSES)]
        request_id = learning_repo.add_request(database, employee_id=employee, kind="course", what=f"Cursus {n}", year=year)
        learning_repo.update_request(database, request_id, status=status, decision=rng.choice(("internal", "external")),
                                     provider="Opleider", estimated_cents=rng.randint(100, 250_000),
                                     actual_cents=rng.randint(100, 250_000) if status in ("done", "evaluated") else None)
        if n % 10 == 0:
            learning_repo.set_subsidy(database, Subsidy(request_id, "Opleidingsfonds", "Scholing", 50_000), request_id)
        if status == "evaluated":
            learning_repo.save_evaluation(database, Evaluation(request_id, "Geleerd", rng.randint(1, 5), "helped"))
    learning_repo.set_budget(database, year, None, 100_000_000)
    for manager in {manager for _, manager in staff}:
        learning_repo.set_budget(database, year, manager, 5_000_000)


def _people(database, count: int) -> list[tuple[int, int]]:
    """A tenth of them managers, each leading every tenth employee; returns (employee, manager) ids.
    The first employee and their manager can sign in."""
    save_function(database, FUNCTION)
    managers = [add_person(database, name=f"Leidinggevende {n}", username=f"m{n}", roles=("employee", "manager"),
                           function_id=FUNCTION.id).id for n in range(max(1, count // 10))]
    staff = [(add_person(database, name=f"Medewerker {n}", username=f"e{n}", function_id=FUNCTION.id,
                         manager_id=managers[n % len(managers)]).id, managers[n % len(managers)]) for n in range(count)]
    password_hash = hash_password(PASSWORD)
    for person_id in staff[0]:
        accounts.set_password_hash(database, person_id, password_hash)
    return staff


def _matrix_data(database, lead: int, employees: list[int], held: list[int], rng: random.Random) -> None:
    """What the skills matrix compares and counts: a required level on every skill (every fifth
    critical, with a team minimum of 3 at level 4), an agreed level in each final report, and
    CERTIFICATE_TYPES types held (a few expired) with a minimum of 150 each in the team."""
    stamp = datetime.now(timezone.utc).isoformat()
    items = [f"item-{n}" for n in range(LIKERT_ITEMS)]
    matrix_repo.insert_rows(database, "skill_requirements", [
        {"function_id": FUNCTION.id, "questionnaire_id": "bench", "item_id": item, "level": 3, "critical": int(n % 5 == 0),
         "updated_at": stamp} for n, item in enumerate(items)])
    matrix_repo.insert_rows(database, "team_minimums", [
        {"manager_id": lead, "questionnaire_id": "bench", "item_id": item, "people": 3, "level": 4, "updated_at": stamp}
        for item in items[::5]])
    matrix_repo.insert_rows(database, "agreed_levels", [
        {"conversation_id": conversation, "item_id": item, "value": rng.randint(1, 5), "updated_at": stamp}
        for conversation in held for item in items])
    types = list(range(1, CERTIFICATE_TYPES + 1))
    matrix_repo.insert_rows(database, "certificate_types", [
        {"id": type_id, "name": f"Certificaat {type_id}", "validity_months": 36, "created_at": stamp, "updated_at": stamp}
        for type_id in types])
    today = datetime.now(timezone.utc).date()
    matrix_repo.insert_rows(database, "certificates", [
        {"person_id": employee, "type_id": type_id, "expires_on": (today + timedelta(days=rng.randint(-60, 900))).isoformat(),
         "created_at": stamp, "updated_at": stamp} for employee in employees for type_id in rng.sample(types, 7)])
    matrix_repo.insert_rows(database, "certificate_minimums", [
        {"manager_id": lead, "type_id": type_id, "people": 150, "updated_at": stamp} for type_id in types])


def _rounds(database, version_id: int) -> list[int]:
    start = datetime.now(timezone.utc) - timedelta(days=365 * ROUNDS)
    return [add_round(database, f"Ronde {year + 1}", version_id, created_at=(start + timedelta(days=365 * year)).isoformat()).id
            for year in range(ROUNDS)]


def _conversations(database, rounds: list[int], staff: list[tuple[int, int]], version_id: int) -> list[int]:
    """Every employee's conversation in each round, both sides submitted: the newest ready to
    be held, the rest acknowledged."""
    stamp = datetime.now(timezone.utc).isoformat()
    ids = []
    for round_id in rounds:
        for employee, manager in staff:
            conversation = conversation_repo.add_conversation(database, round_id, employee, manager, version_id)
            conversation_repo.update_conversation(
                database, conversation.id, status="ready" if round_id == rounds[-1] else "acknowledged",
                employee_submitted_at=stamp, manager_submitted_at=stamp)
            ids.append(conversation.id)
    return ids
