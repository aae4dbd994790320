"""The group evaluation of learning on a real database: a team of three shows its figures and a team
of two does not, the manager sees their own team without costs, the skills that rose come from the
levels of two conversations, and nobody else gets anything."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from db import conversations as conversation_store
from db import learning as store
from db.people import add_person
from db.rounds import add_round
from devtalk.domain.learning import Evaluation
from devtalk.domain.models import Answer
from devtalk.errors import NotAllowed
from devtalk.services.learning_evaluation import evaluation
from tests.builders import T

YEAR = 2026


def held_conversation(db, firm, round_id: int, employee, level: int) -> int:
    """A held conversation in which the manager put ``employee`` at ``level`` on the drawing skill."""
    conversation = conversation_store.add_conversation(db, round_id, employee.id, employee.manager_id, firm.version_id)
    conversation_store.save_answer(db, conversation.id, "manager", Answer(T, value=level))
    conversation_store.update_conversation(db, conversation.id, status="held")
    return conversation.id


def learned(db, employee, kind="course", satisfaction=4, helped="helped", conversation_id=None, **fields) -> int:
    """A request of YEAR that took place and that its employee evaluated."""
    request_id = store.add_request(db, employee_id=employee.id, kind=kind, what=f"{kind} voor {employee.name}", year=YEAR,
                                   status="evaluated", conversation_id=conversation_id,
                                   item_id=T if conversation_id else None, **fields)
    store.save_evaluation(db, Evaluation(request_id, "Veel geleerd", satisfaction, helped, datetime.now(UTC)))
    return request_id


@pytest.fixture
def team_of_three(fresh_db, firm):
    """Marco leads Daan, Eva and Fatima; each took a course on reading drawings after a conversation
    that put them at 2 (Fatima at 3), and the next one put them at 4 (Fatima still at 3). Otto, of
    Sandra's team of one, took coaching."""
    db = fresh_db
    firm.team = [firm.employee] + [add_person(db, name=name, username=name.lower(), function_id="plaatwerker",
                                              manager_id=firm.manager.id) for name in ("Eva", "Fatima")]
    before, after = add_round(db, "Ronde 2025", firm.version_id).id, add_round(db, "Ronde 2026b", firm.version_id).id
    for employee, (then, now) in zip(firm.team, ((2, 4), (2, 4), (3, 3))):
        asked = held_conversation(db, firm, before, employee, then)
        held_conversation(db, firm, after, employee, now)
        learned(db, employee, conversation_id=asked, decision="external", estimated_cents=50_000, actual_cents=60_000,
                satisfaction=5 if then == 2 else 3)
    learned(db, firm.outsider, kind="coaching", decision="internal", estimated_cents=10_000)
    return firm


def test_hr_sees_the_teams_course_with_its_satisfaction_impact_and_cost(fresh_db, team_of_three):
    found = evaluation(fresh_db, team_of_three.hr, YEAR)
    (course,) = found.kinds  # the coaching was one person's: not shown
    assert (course.group, course.people, course.answered, course.cost_cents) == ("course", 3, 3, 180_000)
    assert round(course.satisfaction, 2) == 4.33 and dict(course.helped) == {"helped": 3, "partly": 0, "not": 0}
    assert found.hidden >= 1


def test_the_skill_rose_from_its_level_then_to_the_latest_one(fresh_db, team_of_three):
    (rise,) = evaluation(fresh_db, team_of_three.hr, YEAR).skills
    assert (rise.skill_id, rise.people, rise.rose) == (T, 3, 2)
    assert (round(rise.before, 2), round(rise.after, 2)) == (2.33, 3.67)
    assert rise.skill["nl"] == "De medewerker kan een werktekening lezen"


def test_a_team_of_two_shows_nothing(fresh_db, team_of_three):
    found = evaluation(fresh_db, team_of_three.hr, YEAR, team_id=team_of_three.other_manager.id)
    assert (found.people, found.kinds, found.ways, found.skills) == (1, (), (), ())


def test_a_manager_sees_their_own_team_without_costs(fresh_db, team_of_three):
    found = evaluation(fresh_db, team_of_three.manager, YEAR)
    assert found.shows_costs is False and found.kinds[0].people == 3 and found.kinds[0].cost_cents is None
    with pytest.raises(NotAllowed):
        evaluation(fresh_db, team_of_three.manager, YEAR, team_id=team_of_three.other_manager.id)


def test_a_request_not_yet_evaluated_counts_as_used_but_gives_no_answers(fresh_db, team_of_three):
    done = store.add_request(fresh_db, employee_id=team_of_three.outsider.id, kind="course", what="Nog te evalueren",
                             year=YEAR, status="done")
    store.save_evaluation(fresh_db, Evaluation(done, "half getypt", 1, None, None))  # saved while typing, not finished
    (course,) = evaluation(fresh_db, team_of_three.hr, YEAR).kinds
    assert (course.people, course.answered, round(course.satisfaction, 2)) == (4, 3, 4.33)


@pytest.mark.parametrize("who", ["employee", "outsider"])
def test_someone_who_leads_no_team_gets_no_evaluation(fresh_db, team_of_three, who):
    with pytest.raises(NotAllowed):
        evaluation(fresh_db, getattr(team_of_three, who), YEAR)
