"""The demo firm's learning requests, in the current year: one in every status, internal and
external, the firm's budget and one for Marco's team, a subsidy and evaluations of six people. The demo
`employee` (Daan) has a done course to evaluate on his phone; the other agreed learning actions
wait in the coordinator's queue, as do the renewals of certificates that expire this year (those
the queue adds itself when it opens).

The requests that took place name the skill they were about (an item of the person's job function
with the manager's answers in the demo's conversations), so the "did it help?" check shows the
level then and now, and the evaluation page the skills: three people learned to consult work
planning and the office (overleg-kantoor), enough for its figures to show."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import sqlite_utils

from db import learning as store
from devtalk.domain.learning import LEARNING_KINDS, Evaluation, Subsidy, next_status
from devtalk.domain.models import Person

# (username, the action's text, the steps it went through, its details)
STEPPED = (
    ("lmeijer", "Cursus spot repair (2 dagen)", ("approve",),
     {"decision": "external", "provider": "Carrosserie Academie", "estimated_cents": 89500, "hours": Decimal(16)}),
    ("manager", "Een leidinggevende van een andere carrosseriebouwer als klankbord", ("approve", "plan"),
     {"decision": "external", "provider": "Netwerk Leidinggevenden Carrosseriebouw", "estimated_cents": 35000,
      "hours": Decimal(12), "start_in": 14, "days": 180}),
    ("employee", "Cursus 3D-tekeningen lezen (2 dagen, opleidingsfonds)", ("approve", "plan", "done"),
     {"decision": "external", "provider": "ROC Techniek", "estimated_cents": 115000, "actual_cents": 118750,
      "hours": Decimal(16), "start_in": -30, "days": 2, "item": "tekening-lezen"}),
    ("felamrani", "Cursus hydrauliek: storingen zoeken", ("approve", "plan", "done", "evaluate"),
     {"decision": "external", "provider": "Hydrauliek Opleidingen Oost", "estimated_cents": 64000, "actual_cents": 64000,
      "hours": Decimal(8), "start_in": -60, "days": 1, "item": "storing-zoeken"}),
    # Learned inside the firm, and a third course, evaluated: enough people (3 or more) for the
    # evaluation page to show what the year's learning brought.
    ("svisser", "Maandelijks kort gesprek met Henk over de werkdruk in de spuiterij", ("approve", "plan", "done", "evaluate"),
     {"decision": "internal", "colleague": "directeur", "estimated_cents": 0, "actual_cents": 0, "hours": Decimal(6),
      "start_in": -150, "days": 120, "item": "overleg-kantoor"}),
    ("kmulder", "Een dag meelopen met de werkvoorbereiding", ("approve", "plan", "done", "evaluate"),
     {"decision": "internal", "colleague": "wvandijk", "estimated_cents": 0, "actual_cents": 0, "hours": Decimal(8),
      "start_in": -90, "days": 1, "item": "overleg-kantoor"}),
    ("wvandijk", "Een week meelopen met de werkvoorbereiding", ("approve", "plan", "done", "evaluate"),
     {"decision": "internal", "colleague": "directeur", "estimated_cents": 0, "actual_cents": 0, "hours": Decimal(40),
      "start_in": -40, "days": 5, "item": "overleg-kantoor"}),
    ("lmeijer", "Kleine schades bijwerken oefenen met Ruud", ("approve", "plan", "done", "evaluate"),
     {"decision": "internal", "colleague": "rbos", "estimated_cents": 0, "actual_cents": 0, "hours": Decimal(12),
      "start_in": -75, "days": 20, "item": "kleur-bijwerken"}),
    ("jhendriks", "Cursus robotlassen (3 dagen)", ("approve", "plan", "done", "evaluate"),
     {"decision": "external", "provider": "Lastechniek Nederland", "estimated_cents": 145000, "actual_cents": 145000,
      "hours": Decimal(24), "start_in": -45, "days": 3, "item": "lasapparaat-instellen"}),
    ("ayilmaz", "Lascertificaat aluminium halen", ("decline",),
     {"reason": "Eerst een paar weken met Jan aluminium oefenen; in het voorjaar kijken we opnieuw naar het examen."}),
)
QUESTIONS = {
    "Cursus robotlassen (3 dagen)": "We krijgen een lasrobot; ik wil hem zelf kunnen instellen in plaats van wachten op de leverancier.",
    "Cursus 3D-tekeningen lezen (2 dagen, opleidingsfonds)": "Ik moet nu te vaak aan Marco vragen hoe een tekening bedoeld is.",
}
# What the employee answered afterwards: what they learned, how satisfied (1-5), did it help in their work.
EVALUATIONS = {
    "felamrani": ("Storingen zoeken met het schema erbij, en eerst de druk meten voor je onderdelen wisselt.", 4, "helped"),
    "svisser": ("Eerder zeggen wanneer de planning niet past, in plaats van het zelf op te lossen.", 4, "partly"),
    "kmulder": ("Waarom de tekeningen soms laat komen, en wie ik moet bellen als er een maat ontbreekt.", 5, "helped"),
    "jhendriks": ("De lasrobot zelf programmeren en de toorts kalibreren, zonder de leverancier te bellen.", 5, "helped"),
    "lmeijer": ("Plamuren en bijspuiten zonder dat je het verschil ziet; Ruud laat zien waar het misgaat.", 3, "helped"),
    "wvandijk": ("Hoe een opdracht van offerte tot werkbon loopt; mist er een maat, dan bel ik de werkvoorbereider.", 4,
                 "helped"),
}
# (username, the action's text, fund, scheme, expected cents, status)
SUBSIDY = ("employee", "Cursus 3D-tekeningen lezen (2 dagen, opleidingsfonds)", "Opleidingsfonds OOC", "Scholingsbudget",
           50000, "applied")
FIRM_BUDGET, TEAM_BUDGET = 2_500_000, 800_000  # cents; the team is Marco's (`manager`)


def add_learning(db: sqlite_utils.Database, staff: dict[str, Person], today: date) -> None:
    """Within the demo's transaction, after the rounds: a request for every agreed learning action
    still to do, planned in this year, then the steps and details above."""
    username_of = {person.id: person.username for person in staff.values()}
    requests = {}
    for row in store.agreed_actions_without_request(db, LEARNING_KINDS):
        requests[(username_of[row["employee_id"]], row["what"])] = store.add_request(
            db, employee_id=row["employee_id"], action_id=row["action_id"], conversation_id=row["conversation_id"],
            kind=row["kind"], what=row["what"], year=today.year, question=QUESTIONS.get(row["what"], ""))
    for username, what, steps, details in STEPPED:
        _take_steps(db, requests[(username, what)], staff, username, steps, details, today)
    username, what, fund, scheme, expected, status = SUBSIDY
    request_id = requests[(username, what)]
    store.set_subsidy(db, Subsidy(request_id, fund, scheme, expected, status), request_id)
    store.set_budget(db, today.year, None, FIRM_BUDGET)
    store.set_budget(db, today.year, staff["manager"].id, TEAM_BUDGET)


def _take_steps(db, request_id: int, staff: dict[str, Person], username: str, steps: tuple[str, ...], details: dict,
                today: date) -> None:
    """The coordinator (the demo's HR) decides and moves the request on; the employee evaluates."""
    start = today + timedelta(days=details.get("start_in", 30))
    store.update_request(
        db, request_id, decision=details.get("decision"), provider=details.get("provider", ""),
        colleague_id=staff[details["colleague"]].id if "colleague" in details else None,
        estimated_cents=details.get("estimated_cents"), hours=details.get("hours"), item_id=details.get("item"))
    status = "requested"
    for move in steps:
        fields, reason = {}, ""
        if move == "plan":
            fields = {"planned_start": start, "planned_end": start + timedelta(days=details["days"] - 1)}
        elif move == "done":
            fields = {"actual_cents": details["actual_cents"]}
        elif move == "decline":
            reason = details["reason"]
            fields = {"decline_reason": reason}
        actor = staff[username if move == "evaluate" else "hr"].id
        target = next_status(status, move)
        store.move(db, request_id, status, target, actor, reason, **fields)
        status = target
    if status == "evaluated":
        learned, satisfaction, helped = EVALUATIONS[username]
        evaluated_at = datetime.combine(start + timedelta(days=7), datetime.min.time(), UTC)
        store.save_evaluation(db, Evaluation(request_id, learned, satisfaction, helped, evaluated_at))
