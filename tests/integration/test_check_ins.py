"""Check-ins between two yearly talks: who may start and open one, answers saved as they are typed,
action status changed from the check-in, the half-year reminder, and what a check-in leaves open
on the next conversation's proposed agenda."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from db import conversations as repo_conversations
from db import people
from devtalk.domain.agenda import agenda_title
from devtalk.domain.models import Person
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.questionnaire import InvalidQuestionnaire
from devtalk.services import (
    actions,
    check_in_reminders,
    check_ins,
    conversations,
    dossier,
    printing,
    privacy,
    reports,
)
from devtalk.services.check_ins import CheckInChangedElsewhere
from devtalk.services.rounds import create_round
from tests.builders import fill_all, flat, reported_firm, text_of


def next_conversation(db, firm) -> int:
    """The employee's conversation of a second round, both sides submitted: ready for its meeting."""
    created = create_round(db, firm.hr, "Ronde 2027", firm.version_id, employee_ids=[firm.employee.id])
    conversation_id = db.execute("SELECT id FROM conversations WHERE round_id = ? AND employee_id = ?",
                                 [created.round.id, firm.employee.id]).fetchone()[0]
    for person in (firm.employee, firm.manager):
        fill_all(db, person, conversation_id)
        conversations.submit(db, person, conversation_id)
    return conversation_id


def agreed_action(db, firm):
    return actions.my_actions(db, firm.employee)[0][0].action


def by_card(person: Person) -> Person:
    return replace(person, roles=("employee",), restricted=True)


@pytest.fixture
def reported(fresh_db):
    """The small firm with its conversation reported on: one agreed action, still open."""
    return reported_firm(fresh_db)


def test_a_check_in_lists_the_open_actions_and_asks_the_three_default_questions(fresh_db, reported):
    started = check_ins.start(fresh_db, reported.employee, reported.employee.id)
    shown = check_ins.view(fresh_db, reported.manager, started.id)
    assert [item.id for item in shown.questions] == ["acties", "energie", "nodig"]
    assert [action.what for action in shown.actions] == ["Cursus tekening lezen bij het ROC"]
    assert shown.can_edit and shown.started_by.id == reported.employee.id


def test_answers_typed_by_either_person_are_stored_and_a_stale_tab_does_not_overwrite(fresh_db, reported):
    started = check_ins.start(fresh_db, reported.manager, reported.employee.id)
    check_ins.save_answer(fresh_db, reported.employee, started.id, "energie", "Het nieuwe kantwerk")
    with pytest.raises(CheckInChangedElsewhere) as conflict:
        check_ins.save_answer(fresh_db, reported.manager, started.id, "energie", "iets anders", expected="")
    assert conflict.value.stored == "Het nieuwe kantwerk"
    check_ins.save_answer(fresh_db, reported.manager, started.id, "nodig", "Een cursus", expected="")
    assert check_ins.view(fresh_db, reported.employee, started.id).answers == {
        "energie": "Het nieuwe kantwerk", "nodig": "Een cursus"}


def test_a_finished_check_in_takes_no_more_answers(fresh_db, reported):
    started = check_ins.start(fresh_db, reported.employee, reported.employee.id)
    check_ins.finish(fresh_db, reported.employee, started.id)
    assert not check_ins.view(fresh_db, reported.manager, started.id).can_edit
    with pytest.raises(InvalidInput):
        check_ins.save_answer(fresh_db, reported.employee, started.id, "energie", "te laat")


def test_action_status_changed_from_the_check_in_is_the_actions_status_everywhere(fresh_db, reported):
    started = check_ins.start(fresh_db, reported.employee, reported.employee.id)
    action = check_ins.view(fresh_db, reported.employee, started.id).actions[0]
    actions.set_status(fresh_db, reported.employee, action.id, "done")
    assert check_ins.view(fresh_db, reported.manager, started.id).actions[0].status == "done"
    assert agreed_action(fresh_db, reported).status == "done"
    team = actions.my_actions(fresh_db, reported.manager)[1]
    assert [row.action.status for row in team] == ["done"]


def test_check_in_points_and_open_actions_go_on_the_next_agenda(fresh_db, reported):
    started = check_ins.start(fresh_db, reported.employee, reported.employee.id)
    check_ins.save_answer(fresh_db, reported.employee, started.id, "acties", "De cursus loopt nog")
    check_ins.save_answer(fresh_db, reported.employee, started.id, "energie", "Lassen")
    check_ins.finish(fresh_db, reported.employee, started.id)
    next_id = next_conversation(fresh_db, reported)
    agenda = reports.mark_held(fresh_db, reported.manager, next_id).agenda
    carried = [point for point in agenda if point.kind == "check_in"]
    assert [point.key for point in carried] == ["check_in:nodig", f"check_in:action:{agreed_action(fresh_db, reported).id}"]
    # The open action is talked about as still open at the check-in, not a second time as a plain look back.
    assert not [point for point in agenda if point.kind == "action_review"]
    earlier = {a.id: a for a in reports.report_view(fresh_db, reported.manager, next_id).earlier_actions}
    titles = [agenda_title(point, None, earlier, "nl") for point in carried]
    day = started.started_at.strftime("%d-%m-%Y")
    assert titles == [f"Wat heb je nodig? (check-in van {day}, niet beantwoord)",
                      f"Cursus tekening lezen bij het ROC (nog open bij de check-in van {day})"]


def test_hr_outside_the_conversation_gets_the_proposed_agenda_without_what_check_ins_left_open(fresh_db, reported):
    from devtalk.services import skills

    started = check_ins.start(fresh_db, reported.employee, reported.employee.id)
    check_ins.save_answer(fresh_db, reported.employee, started.id, "energie", "Lassen")
    next_id = next_conversation(fresh_db, reported)

    def proposed(person) -> list[str]:
        view = skills.levelled_view(fresh_db, person, next_id)
        earlier = reports.earlier_actions(fresh_db, view.conversation)
        return [point.key for point in reports.proposed_agenda(fresh_db, person, view, earlier)]

    action = f"check_in:action:{agreed_action(fresh_db, reported).id}"
    assert {"check_in:nodig", action} <= set(proposed(reported.manager)) == set(proposed(reported.employee))
    by_hr = proposed(reported.hr)
    assert not [key for key in by_hr if key.startswith("check_in")]
    assert f"action_review:{agreed_action(fresh_db, reported).id}" in by_hr  # looked back on as without check-ins
    sheet = flat(text_of(printing.preparation_sheet_pdf(fresh_db, reported.hr, next_id, "nl")))
    assert "check-in van" not in sheet


def test_an_action_done_since_the_check_in_is_looked_back_on_as_before(fresh_db, reported):
    started = check_ins.start(fresh_db, reported.manager, reported.employee.id)
    actions.set_status(fresh_db, reported.manager, check_ins.view(fresh_db, reported.manager, started.id).actions[0].id, "done")
    agenda = reports.mark_held(fresh_db, reported.manager, next_conversation(fresh_db, reported)).agenda
    assert [point.kind for point in agenda if point.kind in ("check_in", "action_review")] == [
        "check_in", "check_in", "check_in", "action_review"]


def test_a_check_in_before_the_last_meeting_is_not_carried_again(fresh_db):
    firm = reported_firm(fresh_db)
    # Started before the first conversation was held: moved back in time, as if held last spring.
    started = check_ins.start(fresh_db, firm.employee, firm.employee.id)
    fresh_db.execute("UPDATE check_ins SET started_at = '2020-01-01T00:00:00+00:00' WHERE id = ?", [started.id])
    agenda = reports.mark_held(fresh_db, firm.manager, next_conversation(fresh_db, firm)).agenda
    assert [point for point in agenda if point.kind == "check_in"] == []


# (who, whose check-in: "own" the employee's, "other" the outsider's) -> may they start and open it
ACCESS = [
    ("employee", "own", True),
    ("manager", "own", True),
    ("employee_by_code", "own", True),
    ("manager_by_code", "own", False),
    ("other_manager", "own", False),
    ("outsider", "own", False),
    ("hr", "own", False),
    ("employee_deactivated", "own", False),
    ("manager_deactivated", "own", False),
    ("employee", "other", False),
    ("manager", "other", False),
]


def actor(firm, who: str) -> Person:
    return {"employee": firm.employee, "manager": firm.manager, "other_manager": firm.other_manager,
            "outsider": firm.outsider, "hr": firm.hr, "employee_by_code": by_card(firm.employee),
            "manager_by_code": by_card(firm.manager), "employee_deactivated": replace(firm.employee, active=False),
            "manager_deactivated": replace(firm.manager, active=False)}[who]


@pytest.mark.parametrize("who, whose, allowed", ACCESS, ids=[f"{who} / {whose}" for who, whose, _ in ACCESS])
def test_only_the_employee_and_their_manager_start_and_open_a_check_in(fresh_db, reported, who, whose, allowed):
    employee = reported.employee if whose == "own" else reported.outsider
    starter = reported.employee if whose == "own" else reported.outsider
    existing = check_ins.start(fresh_db, starter, employee.id)
    person = actor(reported, who)
    if allowed:
        check_ins.start(fresh_db, person, employee.id)
        check_ins.view(fresh_db, person, existing.id)
        check_ins.save_answer(fresh_db, person, existing.id, "nodig", "tijd")
        return
    for call in (lambda: check_ins.start(fresh_db, person, employee.id),
                 lambda: check_ins.view(fresh_db, person, existing.id),
                 lambda: check_ins.save_answer(fresh_db, person, existing.id, "nodig", "tijd"),
                 lambda: check_ins.finish(fresh_db, person, existing.id)):
        with pytest.raises(NotAllowed):
            call()


def test_hr_sees_that_check_ins_took_place_but_not_what_was_said(fresh_db, reported):
    started = check_ins.start(fresh_db, reported.employee, reported.employee.id)
    check_ins.save_answer(fresh_db, reported.employee, started.id, "nodig", "Rust")
    known = check_ins.check_ins_of(fresh_db, reported.hr, reported.employee.id)
    assert [c.id for c in known.check_ins] == [started.id] and not known.can_open
    assert dossier.overview(fresh_db, reported.hr, reported.employee.id)[0].check_ins.check_ins == known.check_ins
    with pytest.raises(NotAllowed):
        check_ins.view(fresh_db, reported.hr, started.id)


def test_a_deactivated_employees_check_in_cannot_be_started_any_more(fresh_db, reported):
    fresh_db.execute("UPDATE people SET active = 0 WHERE id = ?", [reported.employee.id])
    with pytest.raises(NotAllowed):
        check_ins.start(fresh_db, reported.manager, reported.employee.id)


def test_hr_stores_a_check_in_list_of_open_questions_and_new_check_ins_use_it(fresh_db, reported):
    text = ("id: kort\ntitle: Kort\nsections:\n  - id: k\n    title: Kort\n    items:\n"
            "      - {id: week, type: open, text: Hoe was je week?}\n")
    check_ins.store_list(fresh_db, reported.hr, text, "kort.yaml")
    started = check_ins.start(fresh_db, reported.employee, reported.employee.id)
    assert [item.id for item in check_ins.view(fresh_db, reported.employee, started.id).questions] == ["week"]
    assert check_ins.current_list(fresh_db, reported.hr) == text


def test_a_check_in_list_with_a_scale_question_is_refused_with_its_line(fresh_db, reported):
    text = ("id: kort\ntitle: Kort\nscales:\n  s: {points: [1, 2, 3]}\nsections:\n  - id: k\n    title: Kort\n"
            "    functions: [lasser]\n    items:\n      - {id: week, type: likert, scale: s, text: Hoe was je week?}\n")
    with pytest.raises(InvalidQuestionnaire) as refused:
        check_ins.store_list(fresh_db, reported.hr, text, "kort.yaml")
    assert [problem.render("en") for problem in refused.value.problems] == [
        "kort.yaml:8: sections[0].functions: A check-in list is for everyone; leave out job functions and the learning climate.",
        ("kort.yaml:10: sections[0].items[0].type: A check-in list holds open questions only (type open); "
         "a scale question belongs in the development conversation."),
    ]
    with pytest.raises(NotAllowed):
        check_ins.store_list(fresh_db, reported.manager, text, "kort.yaml")


def test_the_half_year_check_in_is_due_from_its_date_until_one_is_started(fresh_db, reported):
    round_id = fresh_db.execute("SELECT round_id FROM conversations WHERE id = ?", [reported.conversation_id]).fetchone()[0]
    on = date.today() + timedelta(days=1)
    check_ins.set_schedule(fresh_db, reported.hr, round_id, on)
    assert check_ins.start_page(fresh_db, reported.employee).own_due is None
    later = on + timedelta(days=3)
    assert check_ins.start_page(fresh_db, reported.employee, today=later).own_due == on
    assert [(person.id, since) for person, since in check_ins.start_page(fresh_db, reported.manager, today=later).team_due] == [
        (reported.employee.id, on)]
    started = check_ins.start(fresh_db, reported.employee, reported.employee.id)
    fresh_db.execute("UPDATE check_ins SET started_at = ? WHERE id = ?", [f"{later.isoformat()}T09:00:00+00:00", started.id])
    assert check_ins.start_page(fresh_db, reported.manager, today=later).team_due == []
    with pytest.raises(NotAllowed):
        check_ins.set_schedule(fresh_db, reported.manager, round_id, on)


def test_the_gdpr_export_holds_the_check_ins_and_erasing_removes_their_texts(fresh_db, reported):
    started = check_ins.start(fresh_db, reported.employee, reported.employee.id)
    check_ins.save_answer(fresh_db, reported.employee, started.id, "nodig", "Een nieuwe lasbril")
    assert "Een nieuwe lasbril" in privacy.export_json(fresh_db, reported.hr, reported.employee.id).decode()
    privacy.erase_person(fresh_db, reported.hr, reported.employee.id, reported.employee.username)
    assert "Een nieuwe lasbril" not in privacy.export_json(fresh_db, reported.hr, reported.employee.id).decode()


def test_the_demo_firms_history_holds_check_ins_and_daans_next_agenda_carries_one(own_demo_db):
    daan = people.person_by_username(own_demo_db, "employee")
    marco = people.person_by_username(own_demo_db, "manager")
    known = check_ins.check_ins_of(own_demo_db, marco, daan.id)
    assert [c.status for c in known.check_ins] == ["done", "done"]
    current = max(repo_conversations.conversations_of_employee(own_demo_db, daan.id), key=lambda c: c.id)
    carried = check_ins.carried_into(own_demo_db, current, reports.earlier_actions(own_demo_db, current))
    assert [point.question.id for point in carried if point.question] == ["nodig"]
    assert [point.action_id for point in carried if point.action_id] == [
        a.id for a in reports.earlier_actions(own_demo_db, current) if a.what.startswith("Cursus 3D-tekeningen")]


def test_the_half_year_check_in_is_mailed_to_the_employee_and_their_manager_once(fresh_db, reported, smtp_server):
    inbox, settings = smtp_server
    for person, address in ((reported.employee, "daan@devries.example"), (reported.manager, "marco@devries.example")):
        people.update_person(fresh_db, person.id, email=address)
    round_id = fresh_db.execute("SELECT round_id FROM conversations WHERE id = ?", [reported.conversation_id]).fetchone()[0]
    check_ins.set_schedule(fresh_db, reported.hr, round_id, date.today())
    assert check_in_reminders.send_reminders(fresh_db, reported.hr, settings=settings) == 2
    bodies = {to[0]: message.get_content() for to, message in inbox.messages}
    assert "tijd voor je halfjaarlijkse check-in" in bodies["daan@devries.example"]
    assert "Tijd voor een halfjaarlijkse check-in met Daan Medewerker." in bodies["marco@devries.example"]
    assert check_in_reminders.send_reminders(fresh_db, reported.hr, settings=settings) == 0
    with pytest.raises(NotAllowed):
        check_in_reminders.send_reminders(fresh_db, reported.manager, settings=settings)


def test_starting_while_a_check_in_is_open_opens_that_one(fresh_db, reported):
    first = check_ins.start(fresh_db, reported.employee, reported.employee.id)
    assert check_ins.start(fresh_db, reported.manager, reported.employee.id) == first
    check_ins.finish(fresh_db, reported.manager, first.id)
    assert check_ins.start(fresh_db, reported.employee, reported.employee.id) != first


def test_the_dossier_on_paper_lists_the_check_ins_without_what_was_said(fresh_db, reported):
    started = check_ins.start(fresh_db, reported.employee, reported.employee.id)
    check_ins.save_answer(fresh_db, reported.employee, started.id, "nodig", "Een nieuwe lasbril")
    text = flat(text_of(printing.dossier_pdf(fresh_db, reported.hr, reported.employee.id, "nl")))
    assert "Check-ins Datum Gestart door Status" in text and "Daan Medewerker Bezig" in text
    assert "Een nieuwe lasbril" not in text
