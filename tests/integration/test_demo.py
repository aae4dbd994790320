import pytest

from db.people import add_person, list_people
from devtalk.services import auth, conversations
from devtalk.services.demo import NotADemoDatabase, load_demo
from devtalk.status import STATUSES


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    import db as storage

    database = storage.open_db(tmp_path_factory.mktemp("demo") / "demo.db")
    storage.migrate(database)
    assert load_demo(database) is True
    return database


def test_demo_firm_has_fifteen_people_in_four_functions_with_managers(demo_db):
    staff = list_people(demo_db)
    assert len(staff) == 15
    assert {p.function_id for p in staff if p.function_id} == {"plaatwerker", "lasser", "spuiter", "monteur"}
    assert sum(1 for p in staff if p.has_role("manager")) == 3


@pytest.mark.parametrize("username", ["hr", "manager", "employee"])
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
