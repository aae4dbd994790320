import pytest

from devtalk.domain.status import AlreadySubmitted, IllegalTransition, is_revealed, next_status, submitted_sides

LEGAL = [
    ("open", "submit", "employee", "employee_submitted"),
    ("open", "submit", "manager", "manager_submitted"),
    ("employee_submitted", "submit", "manager", "ready"),
    ("manager_submitted", "submit", "employee", "ready"),
    ("ready", "hold", None, "held"),
    ("held", "finalise", None, "reported"),
    ("reported", "acknowledge", None, "acknowledged"),
    ("employee_submitted", "reopen", "employee", "open"),
    ("manager_submitted", "reopen", "manager", "open"),
    ("ready", "reopen", "employee", "manager_submitted"),
    ("ready", "reopen", "manager", "employee_submitted"),
]


@pytest.mark.parametrize("status,event,side,expected", LEGAL, ids=[f"{s}-{e}-{d}" for s, e, d, _ in LEGAL])
def test_legal_transition_leads_to_the_next_status(status, event, side, expected):
    assert next_status(status, event, side) == expected


ILLEGAL = [
    ("open", "hold", None),
    ("open", "finalise", None),
    ("open", "acknowledge", None),
    ("employee_submitted", "hold", None),
    ("ready", "submit", "manager"),
    ("held", "submit", "employee"),
    ("held", "reopen", "employee"),
    ("reported", "reopen", "manager"),
    ("ready", "finalise", None),
    ("held", "acknowledge", None),
    ("acknowledged", "finalise", None),
    ("open", "reopen", "employee"),
    ("employee_submitted", "reopen", "manager"),
    ("open", "submit", "hr"),
    ("open", "explode", None),
    ("nonsense", "submit", "employee"),
]


@pytest.mark.parametrize("status,event,side", ILLEGAL, ids=[f"{s}-{e}-{d}" for s, e, d in ILLEGAL])
def test_illegal_transition_raises_a_clear_domain_error(status, event, side):
    with pytest.raises(IllegalTransition):
        next_status(status, event, side)


def test_submitting_a_side_twice_says_it_is_already_submitted():
    with pytest.raises(AlreadySubmitted) as raised:
        next_status("employee_submitted", "submit", "employee")
    assert "al ingeleverd" in raised.value.render("nl")
    assert "already been submitted" in raised.value.render("en")


def test_answers_are_revealed_only_from_ready_on():
    hidden = ["open", "employee_submitted", "manager_submitted"]
    shown = ["ready", "held", "reported", "acknowledged"]
    assert [is_revealed(s) for s in hidden] == [False] * 3
    assert [is_revealed(s) for s in shown] == [True] * 4


def test_submitted_sides_follow_the_status():
    assert submitted_sides("open") == frozenset()
    assert submitted_sides("manager_submitted") == {"manager"}
    assert submitted_sides("held") == {"employee", "manager"}
