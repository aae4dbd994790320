"""Filling an empty database with the demo firm: people, two past rounds and a current one."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

import sqlite_utils

from db import accounts, actions, conversations, people, reports, rounds, settings
from db.connection import transaction
from db.dossier import add_dossier_note
from devtalk.domain.access import OPERATOR
from devtalk.domain.agenda import agenda_title, propose_agenda
from devtalk.domain.comparison import compare
from devtalk.domain.models import Action, AgendaPoint, Answer, JobFunction, Person, Report
from devtalk.domain.passwords import hash_password
from devtalk.domain.status import STATUSES
from devtalk.errors import DevtalkError
from devtalk.questionnaire import Questionnaire
from devtalk.services import demo_certificates, demo_check_ins, demo_firm, demo_learning, demo_skills, demo_third_voice
from devtalk.services.library import BUNDLED, parsed, store_bundled

DEMO_QUESTIONNAIRE = BUNDLED / "techniek-carrosserie.yaml"


class NotADemoDatabase(DevtalkError):
    """The database already holds a real firm's data; the demo must never mix into it."""

    key = "demo.refused"


def is_demo(db: sqlite_utils.Database) -> bool:
    return settings.get_setting(db, "demo") == "1"


def load_demo(db: sqlite_utils.Database, today: date | None = None) -> bool:
    """Build the demo firm; False when it is there already. Refuses a database with real data."""
    if is_demo(db):
        return False
    if people.count_people(db):
        raise NotADemoDatabase()
    today = today or date.today()
    rng = random.Random(2018)
    with transaction(db):
        settings.set_setting(db, "firm_name", demo_firm.FIRM_NAME)
        settings.set_setting(db, "language", "nl")
        settings.set_setting(db, "demo", "1")
        staff = _add_people(db)
        demo_skills.add_requirements(db, staff)  # before the rounds: their agendas name the gaps
        version = store_bundled(db, OPERATOR, DEMO_QUESTIONNAIRE)  # set up by the command line
        questionnaire = parsed(version)
        skill = {(p.id, item.id): rng.randint(2, 4) for p in staff.values() for item in questionnaire.all_items()}
        for years_ago in (2, 1):
            year = today.year - years_ago
            past = rounds.add_round(
                db, f"Ontwikkelgesprekken {year}", version.id, date(year, 3, 1), date(year, 4, 15),
                created_at=datetime(year, 2, 1, tzinfo=timezone.utc).isoformat(),
            )
            for username, person in staff.items():
                if person.manager_id is not None:
                    _past_conversation(db, rng, questionnaire, skill, past.id, person, years_ago, today)
        current = rounds.add_round(
            db, f"Ontwikkelgesprekken {today.year}", version.id, today + timedelta(days=21), today + timedelta(days=49)
        )
        for username, status in demo_firm.CURRENT_STATES.items():
            _current_conversation(db, rng, questionnaire, skill, current.id, staff[username], status, today)
        demo_certificates.add_certificates(db, staff, today)
        demo_learning.add_learning(db, staff, today)
        demo_third_voice.add_third_voice(db, staff)
        demo_check_ins.add_check_ins(db, staff, today)
        add_dossier_note(db, staff["bdeboer"].id, staff["manager"].id,
                         "Bram pakt de kantbank snel op. Na de zomer kijken of hij zelf programma's kan maken.", False)
    return True


def _add_people(db: sqlite_utils.Database) -> dict[str, Person]:
    for function_id, (name, description) in demo_firm.FUNCTIONS.items():
        people.save_function(db, JobFunction(function_id, name, description))
    password_hash = hash_password(demo_firm.PASSWORD)
    staff: dict[str, Person] = {}
    for username, name, function_id, manager, roles, language in demo_firm.PEOPLE:
        person = people.add_person(
            db, name=name, username=username, function_id=function_id,
            manager_id=staff[manager].id if manager else None, roles=roles, language=language,
        )
        accounts.set_password_hash(db, person.id, password_hash)
        staff[username] = person
    return staff


def _answers(rng, questionnaire: Questionnaire, skill, person: Person, side: str, growth: int, earlier: list[Action]) -> list[Answer]:
    given = []
    for item in questionnaire.items_for(person.function_id, side):
        if item.type == "open":
            text = _open_answer(rng, item.id, side, person, earlier)
            if text and (side == "employee" or rng.random() < 0.4):
                given.append(Answer(item.id, text=text))
            continue
        scale = questionnaire.scale_of(item)
        if scale.not_applicable and rng.random() < 0.04:
            given.append(Answer(item.id, not_applicable=True))
            continue
        noise = rng.choice((-1, 0, 0, 0, 1)) if side == "employee" else rng.choice((-2, -1, 0, 0, 1))
        value = skill[(person.id, item.id)] + growth + noise
        given.append(Answer(item.id, value=min(max(value, scale.points[0]), scale.points[-1])))
    return given


def _open_answer(rng, item_id: str, side: str, person: Person, earlier: list[Action]) -> str:
    """An answer written for this very question; "" when there is nothing to say (no earlier agreements)."""
    if item_id == demo_firm.LOOKING_BACK_ITEM:
        return "\n".join(demo_firm.LOOKING_BACK[action.status].format(what=action.what) for action in earlier)
    texts = demo_firm.open_answers(item_id, side, person.function_id)
    return rng.choice(texts) if texts else ""


def _store_answers(db, conversation_id: int, side: str, answers: list[Answer], stamp: str) -> None:
    conversations.insert_answers(
        db, [(conversation_id, side, a.item_id, a.value, int(a.not_applicable), a.text, stamp) for a in answers]
    )


def _past_conversation(db, rng, questionnaire, skill, round_id, person, years_ago, today) -> None:
    when = datetime(today.year - years_ago, 3, 10, 9, tzinfo=timezone.utc)
    conversation = conversations.add_conversation(db, round_id, person.id, person.manager_id, _version_of(db, round_id))
    earlier = _last_years_actions(db, person, conversation.id)
    # Skills grow a little every year, so the dossier and the trends have something to show.
    _fill_both(db, rng, questionnaire, skill, conversation.id, person, 1 - years_ago, when.isoformat(), earlier)
    status = "acknowledged" if rng.random() < 0.85 else "reported"
    conversations.update_conversation(
        db, conversation.id, status=status, employee_submitted_at=when.isoformat(),
        manager_submitted_at=when.isoformat(), held_at=(when + timedelta(days=20)).isoformat(),
    )
    _write_report(db, rng, questionnaire, conversation.id, person, when + timedelta(days=21), status == "acknowledged", earlier)
    for kind, what, action_status in demo_firm.ACTIONS[person.username][years_ago]:
        # One still under way has had its date moved on, as people do, so the demo is not all overdue warnings.
        due = today + timedelta(days=60) if action_status == "in_progress" else date(today.year - years_ago, 10, 1)
        action = actions.add_action(
            db, conversation.id, person.id, what=what, kind=kind, owner_id=person.manager_id,
            due_date=due, created_at=(when + timedelta(days=21)).isoformat(), status=action_status,
        )
        actions.add_progress_note(db, action.id, person.manager_id, "Afgesproken en ingepland.", (when + timedelta(days=40)).isoformat())


def _last_years_actions(db, person: Person, conversation_id: int) -> list[Action]:
    """The actions of the person's previous conversation: what this one looks back on."""
    previous = [c.id for c in conversations.conversations_of_employee(db, person.id) if c.id < conversation_id]
    return actions.actions_of_conversation(db, max(previous)) if previous else []


def _version_of(db, round_id: int) -> int:
    return rounds.get_round(db, round_id).questionnaire_version_id


def _fill_both(db, rng, questionnaire, skill, conversation_id, person, growth: int, stamp: str, earlier: list[Action],
               sides=("employee", "manager")) -> None:
    for side in sides:
        _store_answers(db, conversation_id, side, _answers(rng, questionnaire, skill, person, side, growth, earlier), stamp)


def _write_report(db, rng, questionnaire, conversation_id, person, when: datetime, acknowledged: bool, earlier: list[Action],
                  final: bool = True) -> None:
    """A report on the comparison's first points and last year's actions; a final one's summary
    speaks of its first agenda points only, and rates the actions it looked back on."""
    both = {side: conversations.answers_of(db, conversation_id, side) for side in ("employee", "manager")}
    proposed = propose_agenda(compare(questionnaire, person.function_id, both["employee"], both["manager"]), earlier)
    agenda = tuple(p for p in proposed if p.kind != "action_review")[:4] + tuple(p for p in proposed if p.kind == "action_review")
    if final:
        for action in earlier:
            if action.status in demo_firm.HELPED_BY_STATUS:
                actions.update_action(db, action.id, helped=demo_firm.HELPED_BY_STATUS[action.status])
    reports.save_report(
        db,
        Report(
            conversation_id,
            agenda=agenda,
            agreements="Afspraken staan hieronder als acties. Over een half jaar kort bijpraten.",
            summary=_summary(rng, questionnaire, agenda, earlier) if final else "",
            employee_comment="Duidelijk verslag, zo hebben we het besproken." if acknowledged else "",
            finalised_at=when if final else None,
            acknowledged_at=when + timedelta(days=3) if acknowledged else None,
        ),
    )


def _summary(rng, questionnaire: Questionnaire, agenda: tuple[AgendaPoint, ...], earlier: list[Action]) -> str:
    reviewed = {action.id: action for action in earlier}
    subjects: dict[str, list[str]] = {}
    for point in agenda[:demo_firm.SUMMARY_POINTS]:
        # Quoted mid-sentence, an item's closing full stop would end the sentence early.
        subject = agenda_title(point, questionnaire, reviewed, "nl").rstrip(".")
        subjects.setdefault(point.kind, []).append(f'"{subject}"')
    sentences = [demo_firm.SUMMARY_SENTENCES[kind].format(subjects=_listed(quoted)) for kind, quoted in subjects.items()]
    return " ".join([rng.choice(demo_firm.SUMMARY_OPENINGS), *sentences])


def _listed(texts: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    return " en ".join([", ".join(texts[:-1]), texts[-1]]) if len(texts) > 1 else texts[0]


def _current_conversation(db, rng, questionnaire, skill, round_id, person, status, today) -> None:
    conversation = conversations.add_conversation(db, round_id, person.id, person.manager_id, _version_of(db, round_id))
    stamp = datetime.now(timezone.utc).isoformat()
    reached = STATUSES.index(status)
    sides = {"open": (), "employee_submitted": ("employee",), "manager_submitted": ("manager",)}.get(status, ("employee", "manager"))
    earlier = _last_years_actions(db, person, conversation.id)
    _fill_both(db, rng, questionnaire, skill, conversation.id, person, 1, stamp, earlier, sides=sides)
    fields = {f"{side}_submitted_at": stamp for side in sides}
    if reached >= STATUSES.index("held"):
        fields["held_at"] = stamp
        moment = datetime.now(timezone.utc)
        _write_report(db, rng, questionnaire, conversation.id, person, moment, status == "acknowledged", earlier,
                      final=reached >= STATUSES.index("reported"))
    if reached >= STATUSES.index("reported"):
        for kind, what, action_status in demo_firm.ACTIONS[person.username][0]:
            actions.add_action(db, conversation.id, person.id, what=what, kind=kind, owner_id=person.manager_id,
                               due_date=today + timedelta(days=120), status=action_status)
    conversations.update_conversation(db, conversation.id, status=status, **fields)
