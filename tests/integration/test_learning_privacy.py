"""AVG/GDPR: a person's learning requests and evaluations are in their export, and erasing them
takes the texts while the year's budget keeps its sums."""

from __future__ import annotations

import json
from datetime import date, timedelta

from db.people import add_person
from devtalk.services import learning, privacy
from tests.builders import reported_firm

YEAR = (date.today() + timedelta(days=60)).year  # the plan year of write_report's course


def evaluated(db):
    """Daan's course done at 450 euros and evaluated; Otto named as the colleague on it."""
    firm = reported_firm(db)
    coordinator = add_person(db, name="Carla", username="carla", roles=("employee", "training_coordinator"))
    (view,) = learning.queue(db, coordinator, YEAR)
    request_id = view.request.id
    learning.save_question(db, firm.employee, request_id, "Ik wil tekeningen zelf kunnen lezen")
    learning.decide(db, coordinator, request_id, decision="internal", colleague_id=firm.outsider.id, estimated_cents=45_000)
    learning.approve(db, coordinator, request_id)
    learning.plan(db, coordinator, request_id, date.today())
    learning.mark_done(db, coordinator, request_id)
    learning.save_evaluation(db, firm.employee, request_id, learned="Doorsneden lezen", satisfaction=4, helped="helped")
    learning.finish_evaluation(db, firm.employee, request_id)
    return firm, coordinator, request_id


def test_the_export_holds_the_persons_learning_requests_and_evaluation(fresh_db):
    firm, _, request_id = evaluated(fresh_db)
    data = json.loads(privacy.export_json(fresh_db, firm.hr, firm.employee.id))
    assert [(row["id"], row["question"]) for row in data["learning_requests"]] == [
        (request_id, "Ik wil tekeningen zelf kunnen lezen")]
    assert [row["learned"] for row in data["learning_evaluations"]] == ["Doorsneden lezen"]
    assert [row["to_status"] for row in data["learning_request_changes"]][-1] == "evaluated"
    assert json.loads(privacy.export_json(fresh_db, firm.hr, firm.outsider.id))["learning_requests"] == []


def test_erasing_takes_the_texts_and_keeps_the_budgets_sums(fresh_db):
    firm, coordinator, request_id = evaluated(fresh_db)
    privacy.erase_person(fresh_db, firm.hr, firm.employee.id, "employee")
    view = learning.get_request(fresh_db, coordinator, request_id)
    assert (view.request.what, view.request.question, view.evaluation.learned) == ("—", "", "")
    assert (view.evaluation.satisfaction, view.request.status) == (4, "evaluated")
    assert learning.budget(fresh_db, coordinator, YEAR).spent_cents == 45_000
    text = json.dumps(fresh_db.execute("SELECT * FROM learning_requests").fetchall())
    assert "tekeningen" not in text and "Doorsneden" not in text


def test_erasing_the_colleague_who_taught_leaves_the_request_without_their_name(fresh_db):
    firm, coordinator, request_id = evaluated(fresh_db)
    privacy.erase_person(fresh_db, firm.hr, firm.outsider.id, "outsider")
    assert learning.get_request(fresh_db, coordinator, request_id).colleague is None
