"""Who may do what, generated: every service call x every role, in the state where it matters.

Each cell is its own test case, so a broken rule names the call and the role that slipped.
Expected outcomes follow DESIGN.md's table: "ok" or the error a person would get.
"""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from devtalk.errors import NotAllowed
from devtalk.services import (
    actions, completion, conversations, dossier, exports, hr_people, invitations, library, privacy, reports, round_admin,
    team,
)
from devtalk.services.conversations import NotRevealed
from devtalk.status import AlreadySubmitted
from tests.builders import make_firm
from tests.integration.test_conversations import fill_all

ROLES = ("employee", "manager", "other_manager", "outsider", "hr")


def open_with_answers(db):
    firm = make_firm(db)
    fill_all(db, firm.employee, firm.conversation_id)
    fill_all(db, firm.manager, firm.conversation_id)
    conversations.submit(db, firm.employee, firm.conversation_id)
    return firm


def reported(db):
    firm = open_with_answers(db)
    conversations.submit(db, firm.manager, firm.conversation_id)
    reports.mark_held(db, firm.manager, firm.conversation_id)
    firm.action = actions.add_action(db, firm.manager, firm.conversation_id, what="Cursus", kind="course",
                                     due_date=date.today() + timedelta(days=30))
    reports.save_draft(db, firm.manager, firm.conversation_id, summary="Samenvatting")
    reports.finalise(db, firm.manager, firm.conversation_id)
    return firm


# (call name, state builder, call, expected per role in ROLES order)
CALLS = [
    ("open_form", open_with_answers, lambda db, f, p: conversations.open_form(db, p, f.conversation_id),
     ("ok", "ok", NotAllowed, NotAllowed, NotAllowed)),
    ("read employee side before both submitted", open_with_answers,
     lambda db, f, p: conversations.read_answers(db, p, f.conversation_id, "employee"),
     ("ok", NotRevealed, NotAllowed, NotAllowed, "ok")),
    ("read manager side before both submitted", open_with_answers,
     lambda db, f, p: conversations.read_answers(db, p, f.conversation_id, "manager"),
     (NotRevealed, "ok", NotAllowed, NotAllowed, "ok")),
    ("comparison before both submitted", open_with_answers,
     lambda db, f, p: conversations.comparison_view(db, p, f.conversation_id),
     (NotRevealed, NotRevealed, NotAllowed, NotAllowed, NotRevealed)),
    ("save an answer", open_with_answers,
     lambda db, f, p: conversations.save_answer(db, p, f.conversation_id, "energie", text="x"),
     (AlreadySubmitted, "ok", NotAllowed, NotAllowed, NotAllowed)),
    ("read employee side once reported", reported,
     lambda db, f, p: conversations.read_answers(db, p, f.conversation_id, "employee"),
     ("ok", "ok", NotAllowed, NotAllowed, "ok")),
    ("comparison once reported", reported, lambda db, f, p: conversations.comparison_view(db, p, f.conversation_id),
     ("ok", "ok", NotAllowed, NotAllowed, "ok")),
    ("read final report", reported, lambda db, f, p: reports.report_view(db, p, f.conversation_id),
     ("ok", "ok", NotAllowed, NotAllowed, "ok")),
    ("acknowledge report", reported, lambda db, f, p: reports.acknowledge(db, p, f.conversation_id, "gelezen"),
     ("ok", NotAllowed, NotAllowed, NotAllowed, NotAllowed)),
    ("add progress note to action", reported, lambda db, f, p: actions.add_note(db, p, f.action.id, "voortgang"),
     ("ok", "ok", NotAllowed, NotAllowed, "ok")),
    ("open dossier", reported, lambda db, f, p: dossier.dossier_of(db, p, f.employee.id),
     ("ok", "ok", NotAllowed, NotAllowed, "ok")),
    ("add dossier note", reported, lambda db, f, p: dossier.add_note(db, p, f.employee.id, "notitie"),
     (NotAllowed, "ok", NotAllowed, NotAllowed, "ok")),
    ("reopen a side", open_with_answers,
     lambda db, f, p: conversations.reopen_side(db, p, f.conversation_id, "employee", "reden"),
     (NotAllowed, NotAllowed, NotAllowed, NotAllowed, "ok")),
]

HR_ONLY = (NotAllowed, NotAllowed, NotAllowed, NotAllowed, "ok")


def current_round(db, firm) -> int:
    return db.execute("SELECT round_id FROM conversations WHERE id = ?", [firm.conversation_id]).fetchone()[0]


# Everything behind the HR pages: only HR, whoever else asks.
CALLS += [
    ("list people", open_with_answers, lambda db, f, p: hr_people.list_people(db, p), HR_ONLY),
    ("completion dashboard", open_with_answers, lambda db, f, p: completion.completion(db, p, current_round(db, f)), HR_ONLY),
    ("list rounds", open_with_answers, lambda db, f, p: round_admin.list_rounds(db, p), HR_ONLY),
    ("questionnaire library", open_with_answers, lambda db, f, p: library.library(db, p), HR_ONLY),
    ("team heatmap", open_with_answers, lambda db, f, p: team.heatmap(db, p, current_round(db, f), "plaatwerker"), HR_ONLY),
    ("export answers", open_with_answers, lambda db, f, p: exports.export(db, p, "answers", "csv"), HR_ONLY),
    ("export a person's data", open_with_answers, lambda db, f, p: privacy.export_json(db, p, f.employee.id), HR_ONLY),
    ("issue an invitation code", open_with_answers, lambda db, f, p: invitations.issue_code(db, p, f.employee.id), HR_ONLY),
]

# Signed in with an invitation code: the employee keeps what is theirs, a manager gets nothing
# of the team's (a lost card must not open anyone else's conversation).
CODE_ROLES = ("employee_by_code", "manager_by_code")


def with_code_roles(outcomes: tuple) -> tuple:
    return outcomes + (outcomes[0], NotAllowed)


CASES = [
    pytest.param(build, call, role, expected, id=f"{name} / {role}")
    for name, build, call, outcomes in CALLS
    for role, expected in zip(ROLES + CODE_ROLES, with_code_roles(outcomes))
]


def person(firm, role):
    return {"employee": firm.employee, "manager": firm.manager, "other_manager": firm.other_manager,
            "outsider": firm.outsider, "hr": firm.hr,
            "employee_by_code": replace(firm.employee, roles=("employee",), restricted=True),
            "manager_by_code": replace(firm.manager, roles=("employee",), restricted=True)}[role]


@pytest.mark.parametrize("build,call,role,expected", CASES)
def test_access_matrix(fresh_db, build, call, role, expected):
    firm = build(fresh_db)
    actor = person(firm, role)
    if expected == "ok":
        call(fresh_db, firm, actor)
    else:
        with pytest.raises(expected) as raised:
            call(fresh_db, firm, actor)
        assert type(raised.value) is expected, f"{role} got {type(raised.value).__name__}"
