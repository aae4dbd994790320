"""What 'Mijn gesprekken' is given: the team in a useful order, what is late, and which year is current.

The demo firm has every status in its current round (fill-in deadline three weeks ahead) and two
earlier years; these tests only read it.
"""

from datetime import date, timedelta

import pytest

from db.people import person_by_username
from devtalk.domain.status import STATUSES
from devtalk.services import conversations

AFTER_THE_DEADLINE = date.today() + timedelta(days=30)


def summaries_of(db, username: str, today: date | None = None):
    return conversations.my_conversations(db, person_by_username(db, username), today)


def test_the_team_list_runs_newest_round_first_then_by_status_then_name(demo_db):
    _, led = summaries_of(demo_db, "manager")
    order = [(summary.round.name, summary.conversation.status, summary.employee.name) for summary in led]
    newest_first = sorted(order, key=lambda row: (-int(row[0][-4:]), STATUSES.index(row[1]), row[2].casefold()))
    assert order == newest_first
    current = [row for row in order if row[0] == led[0].round.name]
    assert [status for _, status, _ in current] == sorted((s for _, s, _ in current), key=STATUSES.index)


def test_only_the_newest_rounds_conversations_are_current(demo_db):
    own, led = summaries_of(demo_db, "employee")
    assert [summary.current for summary in own] == [True, False, False]
    _, led = summaries_of(demo_db, "manager")
    newest = led[0].round.id
    assert all(summary.current == (summary.round.id == newest) for summary in led)


@pytest.mark.parametrize("username, side_open", [
    ("employee", True),  # open: nobody has submitted
    ("ayilmaz", True),  # only the manager has submitted
    ("kmulder", False),  # the employee has submitted
    ("pnowak", False),  # both have
], ids=["open", "manager_submitted", "employee_submitted", "ready"])
def test_an_employees_side_is_overdue_once_the_deadline_has_passed_until_it_is_submitted(demo_db, username, side_open):
    assert summaries_of(demo_db, username)[0][0].overdue is False  # before the deadline nobody is late
    current = summaries_of(demo_db, username, AFTER_THE_DEADLINE)[0][0]
    assert current.overdue is side_open and current.to_fill_in is side_open


def test_a_managers_overdue_sides_are_those_not_yet_submitted_in_the_current_round(demo_db):
    _, led = summaries_of(demo_db, "manager", AFTER_THE_DEADLINE)
    late = {summary.employee.username for summary in led if summary.overdue}
    assert late == {"employee", "kmulder"}  # open and employee_submitted; ayilmaz's manager side is in
    assert not any(summary.to_fill_in for summary in led if not summary.current)
