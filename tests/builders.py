"""The builders every test layer shares: the small firm and its questionnaire, answers, reports, the demo
firm at a date, and readers for what a PDF holds. Fixtures live in the conftest files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from io import BytesIO

import zxingcpp
from pypdf import PdfReader

from db import accounts
from db import people as people_db
from db import rounds as rounds_db
from db.people import add_person, save_function
from devtalk.domain.models import Answer, JobFunction, Person
from devtalk.domain.passwords import hash_password
from devtalk.services import actions, auth, conversations, reports
from devtalk.services.demo import load_demo
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
    kind: skill
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
             "sections:", "  - id: vak", "    title: {nl: Vak, en: Craft}", "    kind: skill", "    items:"]
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


def who_signs_in(db, username: str, password: str) -> str:
    """The username of the person a password sign-in opens a session for (SignInFailed if nobody)."""
    return auth.current_person(db, auth.sign_in(db, username, password)).username


def who_signs_in_by_card(db, code: str, client: str = "phone") -> str:
    """The username of the person a card's code (and its PIN) opens a session for."""
    return auth.current_person(db, sign_in_by_card(db, code, client)).username


def fill_all(db, person, conversation_id, value=3):
    """Every item of one side answered: each scale with ``value``, each open question with a text."""
    form = conversations.open_form(db, person, conversation_id)
    for item in form.items:
        if item.type == "likert":
            conversations.save_answer(db, person, conversation_id, item.id, value=value)
        else:
            conversations.save_answer(db, person, conversation_id, item.id, text=f"tekst van {person.username}")


def submit_both(database, firm, employee_value=5, manager_value=2) -> None:
    """Both sides of the firm's conversation filled in and submitted."""
    fill_all(database, firm.employee, firm.conversation_id, employee_value)
    fill_all(database, firm.manager, firm.conversation_id, manager_value)
    conversations.submit(database, firm.employee, firm.conversation_id)
    conversations.submit(database, firm.manager, firm.conversation_id)


def final_report(db, firm, summary: str) -> None:
    """Both sides submitted, the meeting held and a report with only this summary made final."""
    submit_both(db, firm)
    reports.mark_held(db, firm.manager, firm.conversation_id)
    reports.save_draft(db, firm.manager, firm.conversation_id, summary=summary)
    reports.finalise(db, firm.manager, firm.conversation_id)


def write_report(db, firm, summary="Goed gesprek over tekeningen.", agreements="Cursus tekening lezen.",
                 action="Cursus tekening lezen bij het ROC", final=True, comment=None, notes=None) -> None:
    """From both sides submitted to a report (final unless told), with one action and a note on
    each agenda point ``notes`` names by key."""
    reports.mark_held(db, firm.manager, firm.conversation_id)
    reports.save_draft(db, firm.manager, firm.conversation_id, summary=summary, agreements=agreements)
    for key, note in (notes or {}).items():
        reports.save_note(db, firm.manager, firm.conversation_id, key, note)
    actions.add_action(db, firm.manager, firm.conversation_id, what=action, kind="course",
                       owner_id=firm.manager.id, due_date=date.today() + timedelta(days=60))
    if final:
        reports.finalise(db, firm.manager, firm.conversation_id)
    if comment is not None:
        reports.acknowledge(db, firm.employee, firm.conversation_id, comment)


def reported_firm(db, **report):
    """The small firm with its conversation held and reported on (see ``write_report``)."""
    firm = make_firm(db)
    submit_both(db, firm)
    write_report(db, firm, **report)
    return firm


# The two scale items every function answers in the small questionnaire, and a learning-climate
# questionnaire whose sections only the employee is asked.
T, V = "tekening-lezen", "veilig-werken"
CLIMATE = """\
id: klimaat
title: {nl: Leerklimaat, en: Learning climate}
languages: [nl, en]
scales:
  eens:
    points: [1, 2, 3, 4, 5]
sections:
  - id: organisatie
    title: {nl: Organisatie, en: Organisation}
    condition: organisation
    items:
      - {id: lk-tijd, type: likert, scale: eens, text: {nl: Er is tijd om te leren, en: There is time to learn}}
      - {id: lk-fouten, type: likert, scale: eens, text: {nl: Fouten mogen, en: Mistakes are allowed}}
  - id: werkplek
    title: {nl: Werkplek, en: Workplace}
    condition: workplace
    items:
      - {id: lk-uitdaging, type: likert, scale: eens, text: {nl: Mijn werk daagt uit, en: My work challenges me}}
"""


def conversation_of(database, round_id: int, person) -> int:
    """The id of ``person``'s conversation in the round."""
    return database.execute("SELECT id FROM conversations WHERE round_id = ? AND employee_id = ?",
                            [round_id, person.id]).fetchone()[0]


def fill(database, actor, conversation_id: int, values: dict, submit: bool = True) -> None:
    """One side's answers ("na" for not applicable), submitted unless told otherwise."""
    for item_id, value in values.items():
        conversations.save_answer(database, actor, conversation_id, item_id,
                                  value=None if value == "na" else value, not_applicable=value == "na")
    if submit:
        conversations.submit(database, actor, conversation_id)


def answer_climate(database, round_id: int, person, values: tuple[int, int, int], submit: bool = True) -> None:
    """An employee's three learning-climate answers in the round."""
    fill(database, person, conversation_of(database, round_id, person),
         dict(zip(("lk-tijd", "lk-fouten", "lk-uitdaging"), values)), submit)


def side(**values) -> dict[str, Answer]:
    """Answers from keyword arguments: a number, "na", or text for an open question."""
    answers = {}
    for key, value in values.items():
        item_id = key.replace("_", "-")
        if value == "na":
            answers[item_id] = Answer(item_id, not_applicable=True)
        elif isinstance(value, str):
            answers[item_id] = Answer(item_id, text=value)
        else:
            answers[item_id] = Answer(item_id, value=value)
    return answers


def demo(db, days_ago: int = 0):
    """The demo firm as built ``days_ago`` days ago: its current round's deadlines lie that much earlier."""
    load_demo(db, today=date.today() - timedelta(days=days_ago))
    hr = people_db.person_by_username(db, "hr")
    return hr, rounds_db.list_rounds(db)[0]


def text_of(pdf: bytes) -> str:
    """The text a reader finds in the PDF, extracted back page by page."""
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def flat(text: str) -> str:
    """Extracted text with line breaks as spaces: wrapping must not hide a phrase."""
    return " ".join(text.split())


def decoded_links(pdf: bytes) -> list[str]:
    """Every QR code in the PDF, decoded back from the embedded images."""
    links = []
    for page in PdfReader(BytesIO(pdf)).pages:
        for image in page.images:
            links.extend(result.text for result in zxingcpp.read_barcodes(image.image))
    return links
