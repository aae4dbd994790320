"""Tiny builders shared by integration and page tests: a firm of three and a small questionnaire."""

from __future__ import annotations

from dataclasses import dataclass

from db import accounts
from db.people import add_person, save_function
from devtalk.domain.models import JobFunction, Person
from devtalk.domain.passwords import hash_password
from devtalk.services.invitations import CHOOSE_PIN, sign_in_with_code
from devtalk.services.library import store_questionnaire
from devtalk.services.rounds import create_round

SMALL_QUESTIONNAIRE = """\
id: klein
title: {nl: Klein gesprek, en: Small conversation}
languages: [nl, en]
scales:
  beheersing:
    points: [1, 2, 3, 4, 5]
    labels:
      1: {nl: Nog niet, en: Not yet}
      5: {nl: Kan het anderen leren, en: Can teach others}
    not_applicable: true
sections:
  - id: vak
    title: {nl: Vakmanschap, en: Craft}
    items:
      - id: tekening-lezen
        type: likert
        scale: beheersing
        text: {nl: Ik kan een werktekening lezen, en: I can read a drawing}
        text_manager: {nl: De medewerker kan een werktekening lezen, en: The employee can read a drawing}
      - id: veilig-werken
        type: likert
        scale: beheersing
        text: {nl: Ik werk veilig, en: I work safely}
  - id: lassen
    title: {nl: Lassen, en: Welding}
    functions: [lasser]
    items:
      - id: tig-lassen
        type: likert
        scale: beheersing
        text: {nl: Ik kan TIG lassen, en: I can TIG weld}
  - id: willen
    title: {nl: Willen, en: Want}
    items:
      - id: energie
        type: open
        tags: [energy]
        text: {nl: "Waar krijg jij energie van?", en: "What gives you energy?"}
"""


def wide_questionnaire(likert: int, open_items: int = 1) -> str:
    """One section of ``likert`` items ``item-0``, ``item-1``, ... on a 1-5 scale, then ``open_items`` open questions."""
    lines = ["id: breed", "title: {nl: Breed, en: Wide}", "languages: [nl, en]", "scales:", "  s:",
             "    points: [1, 2, 3, 4, 5]", "    labels: {1: {nl: Nog niet, en: Not yet}, 5: {nl: Expert, en: Expert}}",
             "sections:", "  - id: vak", "    title: {nl: Vak, en: Craft}", "    items:"]
    for number in range(likert):
        lines += [f"      - id: item-{number}", "        type: likert", "        scale: s",
                  f"        text: {{nl: Vaardigheid {number}, en: Skill {number}}}"]
    for number in range(open_items):
        lines += [f"      - id: open-{number}", "        type: open", f"        text: {{nl: Vraag {number}, en: Question {number}}}"]
    return "\n".join(lines) + "\n"


@dataclass
class Firm:
    hr: Person
    manager: Person
    employee: Person
    other_manager: Person
    outsider: Person
    conversation_id: int
    version_id: int


def make_firm(db, function_id: str = "plaatwerker", password: str = "geheim123") -> Firm:
    """HR, a manager with one employee, a second manager with a report of their own, and an open round."""
    for function in ("plaatwerker", "lasser"):
        save_function(db, JobFunction(function, function.title()))
    hr = add_person(db, name="Ingrid HR", username="hr", roles=("employee", "hr_admin"))
    manager = add_person(db, name="Marco Manager", username="manager", roles=("employee", "manager"))
    employee = add_person(db, name="Daan Medewerker", username="employee", function_id=function_id, manager_id=manager.id)
    other = add_person(db, name="Sandra Ander", username="other", roles=("employee", "manager"))
    outsider = add_person(db, name="Otto Buiten", username="outsider", function_id="lasser", manager_id=other.id)
    password_hash = hash_password(password)
    for person in (hr, manager, employee, other, outsider):
        accounts.set_password_hash(db, person.id, password_hash)
    version = store_questionnaire(db, hr, SMALL_QUESTIONNAIRE, "klein.yaml")
    created = create_round(db, hr, "Ronde 2026", version.id, employee_ids=[employee.id, outsider.id])
    conversation_id = db.execute(
        "SELECT id FROM conversations WHERE round_id = ? AND employee_id = ?", [created.round.id, employee.id]
    ).fetchone()[0]
    return Firm(hr, manager, employee, other, outsider, conversation_id, version.id)


CARD_PIN = "2468"


def sign_in_by_card(db, code: str, client: str = "phone", pin: str = CARD_PIN) -> str:
    """A card's session as its person gets one: choosing the PIN at the first use, typing it after."""
    first = sign_in_with_code(db, code, client)
    if first.token:
        return first.token
    again = pin if first.pin_step == CHOOSE_PIN else None
    return sign_in_with_code(db, code, client, pin=pin, pin_again=again).token
