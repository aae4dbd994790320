import re

import pytest

from db import actions as action_repo
from db import questionnaires as versions
from db.people import add_person, list_people
from db.reports import get_report
from devtalk.domain.agenda import agenda_title
from devtalk.domain.status import STATUSES
from devtalk.services import auth, conversations, demo_firm
from devtalk.services.demo import NotADemoDatabase, load_demo
from devtalk.services.library import parsed


def test_demo_firm_has_sixteen_people_in_four_functions_with_managers(demo_db):
    staff = list_people(demo_db)
    assert len(staff) == 16
    assert {p.function_id for p in staff if p.function_id} == {"plaatwerker", "lasser", "spuiter", "monteur"}
    assert sum(1 for p in staff if "manager" in p.roles) == 3


@pytest.mark.parametrize("username", ["hr", "manager", "employee", "collega"])
def test_demo_accounts_sign_in_with_password_demo(demo_db, username):
    assert auth.current_person(demo_db, auth.sign_in(demo_db, username, "demo")).username == username


def test_current_round_shows_every_conversation_state(demo_db):
    current = demo_db.execute("SELECT max(id) FROM rounds").fetchone()[0]
    states = {row[0] for row in demo_db.execute("SELECT status FROM conversations WHERE round_id = ?", [current])}
    assert states == set(STATUSES)


def test_demo_employee_has_an_open_conversation_to_fill_in(demo_db):
    employee = auth.current_person(demo_db, auth.sign_in(demo_db, "employee", "demo"))
    own, _ = conversations.my_conversations(demo_db, employee)
    assert own[0].conversation.status == "open"
    assert len(conversations.open_form(demo_db, employee, own[0].conversation.id).items) >= 20


def test_two_past_rounds_have_reports_and_actions_in_several_states(demo_db):
    assert demo_db.execute("SELECT count(*) FROM rounds").fetchone()[0] == 3
    assert demo_db.execute("SELECT count(*) FROM reports WHERE finalised_at IS NOT NULL").fetchone()[0] >= 20
    action_states = {row[0] for row in demo_db.execute("SELECT status FROM actions")}
    assert {"done", "in_progress", "open"} <= action_states


def test_loading_the_demo_twice_changes_nothing(demo_db):
    before = demo_db.execute("SELECT count(*) FROM answers").fetchone()[0]
    assert load_demo(demo_db) is False
    assert demo_db.execute("SELECT count(*) FROM answers").fetchone()[0] == before


def test_demo_refuses_a_database_with_real_data(fresh_db):
    add_person(fresh_db, name="Echte Medewerker", username="echt")
    with pytest.raises(NotADemoDatabase):
        load_demo(fresh_db)
    assert [p.username for p in list_people(fresh_db)] == ["echt"]


def demo_questionnaire(db):
    [version_id] = {row[0] for row in db.execute("SELECT questionnaire_version_id FROM conversations")}
    return parsed(versions.get_version(db, version_id))


def test_every_demo_open_answer_pool_is_keyed_by_an_open_question_of_the_demo_questionnaire(demo_db):
    questionnaire = demo_questionnaire(demo_db)
    for item_id in [*demo_firm.OPEN_ANSWERS, demo_firm.LOOKING_BACK_ITEM]:
        assert questionnaire.item(item_id).type == "open", item_id


def test_every_demo_open_answer_was_written_for_its_question(demo_db):
    """Answers come from the pool of their own item (and side and job function), or, for the look
    back, from the person's own actions of the previous conversation: never from another question's."""
    questionnaire = demo_questionnaire(demo_db)
    rows = demo_db.execute(
        "SELECT a.conversation_id, a.side, a.item_id, a.text, p.function_id, c.employee_id FROM answers a"
        " JOIN conversations c ON c.id = a.conversation_id JOIN people p ON p.id = c.employee_id WHERE a.text IS NOT NULL"
    ).fetchall()
    assert len(rows) > 100
    for conversation_id, side, item_id, text, function_id, employee_id in rows:
        assert questionnaire.item(item_id).type == "open"
        if item_id == demo_firm.LOOKING_BACK_ITEM:
            previous = demo_db.execute("SELECT max(id) FROM conversations WHERE employee_id = ? AND id < ?",
                                       [employee_id, conversation_id]).fetchone()[0]
            agreed = [row[0] for row in demo_db.execute("SELECT what FROM actions WHERE conversation_id = ?", [previous])]
            assert agreed and sorted(line.split(": ")[0] for line in text.splitlines()) == sorted(agreed)
        else:
            assert text in demo_firm.open_answers(item_id, side, function_id), (item_id, side, text)


def test_every_demo_action_is_on_one_persons_list_only(demo_db):
    rows = demo_db.execute(
        "SELECT a.what, a.employee_id, c.employee_id FROM actions a JOIN conversations c ON c.id = a.conversation_id"
    ).fetchall()
    assert all(employee == conversation_employee for _, employee, conversation_employee in rows)
    people_of = {}
    for what, employee, _ in rows:
        people_of.setdefault(what, set()).add(employee)
    assert {what: len(people) for what, people in people_of.items() if len(people) > 1} == {}


def test_each_demo_summary_mentions_only_points_on_its_agenda(demo_db):
    questionnaire = demo_questionnaire(demo_db)
    finals = [row[0] for row in demo_db.execute("SELECT conversation_id FROM reports WHERE finalised_at IS NOT NULL")]
    assert len(finals) >= 20
    for conversation_id in finals:
        report = get_report(demo_db, conversation_id)
        earlier = {a.id: a for a in action_repo.actions_of_employee(demo_db, demo_db.execute(
            "SELECT employee_id FROM conversations WHERE id = ?", [conversation_id]).fetchone()[0])}
        titles = {agenda_title(point, questionnaire, earlier, "nl").rstrip(".") for point in report.agenda}
        mentioned = re.findall(r'"([^"]+)"', report.summary)
        assert mentioned and set(mentioned) <= titles, (conversation_id, report.summary)


def test_demo_actions_looked_back_on_are_rated_as_the_person_described_them(demo_db):
    rated = demo_db.execute("SELECT status, helped FROM actions WHERE helped IS NOT NULL").fetchall()
    assert rated and all(demo_firm.HELPED_BY_STATUS[status] == helped for status, helped in rated)
