"""Who may do what, generated: every service call x every role, in the state where it matters.

Each cell is its own test case, so a broken rule names the call and the role that slipped.
Expected outcomes follow DESIGN.md's table: "ok" or the error a person would get.
"""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from db.people import update_person
from devtalk.domain.status import AlreadySubmitted
from devtalk.domain.access import OPERATOR
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.services import (
    actions,
    completion,
    conversations,
    dossier,
    exports,
    invitations,
    library,
    people,
    privacy,
    reports,
    rounds,
    team,
)
from devtalk.services.conversations import NotRevealed
from devtalk.services.printing import conversation_report_pdf, dossier_pdf, preparation_sheet_pdf
from devtalk.services.rounds import create_round
from tests.builders import fill_all, make_firm, text_of

ROLES = ("employee", "manager", "other_manager", "outsider", "hr")


def open_with_answers(db):
    firm = make_firm(db)
    fill_all(db, firm.employee, firm.conversation_id)
    fill_all(db, firm.manager, firm.conversation_id)
    conversations.submit(db, firm.employee, firm.conversation_id)
    return firm


def both_in(db):
    firm = open_with_answers(db)
    conversations.submit(db, firm.manager, firm.conversation_id)
    return firm


def drafted(db):
    """Held, with a draft report and a draft action: the manager's own work so far."""
    firm = both_in(db)
    reports.mark_held(db, firm.manager, firm.conversation_id)
    firm.action = actions.add_action(db, firm.manager, firm.conversation_id, what="Cursus", kind="course",
                                     due_date=date.today() + timedelta(days=30))
    reports.save_draft(db, firm.manager, firm.conversation_id, summary="Samenvatting")
    return firm


def reported(db):
    firm = drafted(db)
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
    # Lists of one's own (code sessions included: they list only what is their own).
    ("my conversations", open_with_answers, lambda db, f, p: conversations.my_conversations(db, p), ("ok",) * 7),
    ("my actions", reported, lambda db, f, p: actions.my_actions(db, p), ("ok",) * 7),
    ("whose dossiers", reported, lambda db, f, p: dossier.viewable_people(db, p), ("ok",) * 7),
    ("print the preparation sheet", both_in, lambda db, f, p: preparation_sheet_pdf(db, p, f.conversation_id),
     ("ok", "ok", NotAllowed, NotAllowed, "ok")),
    ("print the final report", reported, lambda db, f, p: conversation_report_pdf(db, p, f.conversation_id),
     ("ok", "ok", NotAllowed, NotAllowed, "ok")),
    ("print the dossier", reported, lambda db, f, p: dossier_pdf(db, p, f.employee.id),
     ("ok", "ok", NotAllowed, NotAllowed, "ok")),
    ("set the status of an agreed action", reported, lambda db, f, p: actions.set_status(db, p, f.action.id, "done"),
     ("ok", "ok", NotAllowed, NotAllowed, "ok")),
    ("say whether an agreed action helped", reported, lambda db, f, p: actions.rate(db, p, f.action.id, "helped"),
     ("ok", "ok", NotAllowed, NotAllowed, "ok")),
    # A draft report and its draft actions are the manager's own work (and HR's to read).
    ("read the draft report", drafted, lambda db, f, p: reports.report_view(db, p, f.conversation_id),
     (NotAllowed, "ok", NotAllowed, NotAllowed, "ok")),
    ("print the draft report", drafted, lambda db, f, p: conversation_report_pdf(db, p, f.conversation_id),
     (NotAllowed, "ok", NotAllowed, NotAllowed, "ok")),
    ("add a progress note to a draft action", drafted, lambda db, f, p: actions.add_note(db, p, f.action.id, "x"),
     (NotAllowed, "ok", NotAllowed, NotAllowed, "ok")),
    ("drop a draft action", drafted, lambda db, f, p: actions.set_status(db, p, f.action.id, "dropped"),
     (NotAllowed, "ok", NotAllowed, NotAllowed, "ok")),
    ("say whether a draft action helped", drafted, lambda db, f, p: actions.rate(db, p, f.action.id, "not"),
     (NotAllowed, "ok", NotAllowed, NotAllowed, "ok")),
    ("remove a draft action", drafted, lambda db, f, p: actions.remove_action(db, p, f.action.id),
     (NotAllowed, "ok", NotAllowed, NotAllowed, NotAllowed)),
]

HR_ONLY = (NotAllowed, NotAllowed, NotAllowed, NotAllowed, "ok")


def current_round(db, firm) -> int:
    return db.execute("SELECT round_id FROM conversations WHERE id = ?", [firm.conversation_id]).fetchone()[0]


# Everything behind the HR pages: only HR, whoever else asks.
CALLS += [
    ("list people", open_with_answers, lambda db, f, p: people.list_people(db, p), HR_ONLY),
    ("completion dashboard", open_with_answers, lambda db, f, p: completion.completion(db, p, current_round(db, f)), HR_ONLY),
    ("list rounds", open_with_answers, lambda db, f, p: rounds.list_rounds(db, p), HR_ONLY),
    ("questionnaire library", open_with_answers, lambda db, f, p: library.library(db, p), HR_ONLY),
    ("team heatmap", open_with_answers, lambda db, f, p: team.heatmap(db, p, current_round(db, f), "plaatwerker"), HR_ONLY),
    ("export answers", open_with_answers, lambda db, f, p: exports.export(db, p, "answers", "csv"), HR_ONLY),
    ("export actions", reported, lambda db, f, p: exports.export(db, p, "actions", "csv"), HR_ONLY),
    ("team actions overview", reported, lambda db, f, p: team.actions_overview(db, p), HR_ONLY),
    ("export a person's data", open_with_answers, lambda db, f, p: privacy.export_json(db, p, f.employee.id), HR_ONLY),
    ("print a person's data", reported, lambda db, f, p: privacy.export_pdf(db, p, f.employee.id), HR_ONLY),
    ("issue an invitation code", open_with_answers, lambda db, f, p: invitations.issue_code(db, p, f.employee.id), HR_ONLY),
]

# Signed in with an invitation code: the employee keeps what is theirs, a manager gets nothing
# of the team's (a lost card must not open anyone else's conversation). A deactivated person,
# through a Person record still held from before, gets nothing at all.
CODE_ROLES = ("employee_by_code", "manager_by_code")
DEACTIVATED_ROLES = ("employee_deactivated", "manager_deactivated", "hr_deactivated")


def with_code_and_deactivated_roles(outcomes: tuple) -> tuple:
    """A row names the code roles' outcomes only where they differ from "as the employee; nothing as the manager"."""
    if len(outcomes) == len(ROLES):
        outcomes += (outcomes[0], NotAllowed)
    return outcomes + (NotAllowed,) * len(DEACTIVATED_ROLES)


CASES = [
    pytest.param(build, call, role, expected, id=f"{name} / {role}")
    for name, build, call, outcomes in CALLS
    for role, expected in zip(ROLES + CODE_ROLES + DEACTIVATED_ROLES, with_code_and_deactivated_roles(outcomes))
]


def person(firm, role):
    return {"employee": firm.employee, "manager": firm.manager, "other_manager": firm.other_manager,
            "outsider": firm.outsider, "hr": firm.hr,
            "employee_by_code": replace(firm.employee, roles=("employee",), restricted=True),
            "manager_by_code": replace(firm.manager, roles=("employee",), restricted=True),
            "employee_deactivated": replace(firm.employee, active=False),
            "manager_deactivated": replace(firm.manager, active=False),
            "hr_deactivated": replace(firm.hr, active=False)}[role]


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


# An HR person who is also someone's team member is, in their own conversation, its employee:
# the blind rule, the draft report and the draft actions bind them in every channel HR has.
MANAGER_TEXT = "tekst van manager"  # what fill_all writes on the manager's side
PRIVATE_NOTE = "Privé over Ingrid"
DRAFT_SUMMARY = "Conceptverslag van Marco"
DRAFT_ACTION = "Concept-actie van Marco"


def hr_as_employee(db):
    """Marco leads Ingrid (HR) too; he has submitted his side of her conversation, she has not yet."""
    firm = make_firm(db)
    firm.hr = update_person(db, firm.hr.id, manager_id=firm.manager.id, function_id="plaatwerker")
    round_id = create_round(db, firm.hr, "Ronde Ingrid", firm.version_id, employee_ids=[firm.hr.id]).round.id
    firm.hr_conversation_id = db.execute("SELECT id FROM conversations WHERE round_id = ?", [round_id]).fetchone()[0]
    fill_all(db, firm.hr, firm.hr_conversation_id)
    fill_all(db, firm.manager, firm.hr_conversation_id)
    conversations.submit(db, firm.manager, firm.hr_conversation_id)
    dossier.add_note(db, firm.manager, firm.hr.id, PRIVATE_NOTE, private=True)
    return firm


def hr_both_in(db):
    firm = hr_as_employee(db)
    conversations.submit(db, firm.hr, firm.hr_conversation_id)
    return firm


def hr_draft(db):
    firm = hr_both_in(db)

    reports.mark_held(db, firm.manager, firm.hr_conversation_id)
    firm.action = actions.add_action(db, firm.manager, firm.hr_conversation_id, what=DRAFT_ACTION, kind="course")
    reports.save_draft(db, firm.manager, firm.hr_conversation_id, summary=DRAFT_SUMMARY)
    return firm


def hr_reported(db):
    firm = hr_draft(db)
    reports.finalise(db, firm.manager, firm.hr_conversation_id)
    return firm


def refused(error):
    def check(call):
        with pytest.raises(error) as raised:
            call()
        assert type(raised.value) is error

    return check


def hides(*secrets):
    def check(call):
        found = call()
        if hasattr(found, "data"):
            found = found.data
        if isinstance(found, bytes):
            found = text_of(found) if found.startswith(b"%PDF") else found.decode("utf-8-sig")
        for secret in secrets:
            assert secret not in " ".join(str(found).split())

    return check


def allowed(call):
    call()


HR_OWN = [
    ("read the manager's side before both are in", hr_as_employee, refused(NotRevealed),
     lambda db, f: conversations.read_answers(db, f.hr, f.hr_conversation_id, "manager")),
    ("comparison before both are in", hr_as_employee, refused(NotRevealed),
     lambda db, f: conversations.comparison_view(db, f.hr, f.hr_conversation_id)),
    ("preparation sheet before both are in", hr_as_employee, refused(NotRevealed),
     lambda db, f: preparation_sheet_pdf(db, f.hr, f.hr_conversation_id)),
    ("answers export before both are in", hr_as_employee, hides(MANAGER_TEXT),
     lambda db, f: exports.export(db, f.hr, "answers", "csv")),
    ("own privacy export before both are in", hr_as_employee, hides(MANAGER_TEXT, PRIVATE_NOTE),
     lambda db, f: privacy.export_json(db, f.hr, f.hr.id)),
    ("own privacy PDF", hr_as_employee, hides(PRIVATE_NOTE), lambda db, f: privacy.export_pdf(db, f.hr, f.hr.id)),
    ("own dossier", hr_as_employee, hides(PRIVATE_NOTE), lambda db, f: dossier.dossier_of(db, f.hr, f.hr.id)),
    ("own dossier PDF", hr_as_employee, hides(PRIVATE_NOTE), lambda db, f: dossier_pdf(db, f.hr, f.hr.id)),
    ("a dossier note on oneself", hr_as_employee, refused(NotAllowed),
     lambda db, f: dossier.add_note(db, f.hr, f.hr.id, "over mezelf")),
    ("reopen their own side once they have seen the manager's", hr_both_in, refused(NotAllowed),
     lambda db, f: conversations.reopen_side(db, f.hr, f.hr_conversation_id, "employee", "typfout")),
    ("reopen the manager's side of their own conversation", hr_both_in, refused(NotAllowed),
     lambda db, f: conversations.reopen_side(db, f.hr, f.hr_conversation_id, "manager", "graag hoger")),
    ("give their own conversation another manager", hr_as_employee, refused(NotAllowed),
     lambda db, f: rounds.reassign_manager(db, f.hr, f.hr_conversation_id, f.other_manager.id)),
    ("read the draft report", hr_draft, refused(NotAllowed), lambda db, f: reports.report_view(db, f.hr, f.hr_conversation_id)),
    ("print the draft report", hr_draft, refused(NotAllowed),
     lambda db, f: conversation_report_pdf(db, f.hr, f.hr_conversation_id)),
    ("write the draft report", hr_draft, refused(NotAllowed),
     lambda db, f: reports.save_draft(db, f.hr, f.hr_conversation_id, summary="zelf geschreven")),
    ("add an action to the draft", hr_draft, refused(NotAllowed),
     lambda db, f: actions.add_action(db, f.hr, f.hr_conversation_id, what="zelf bedacht", kind="course")),
    ("follow up a draft action", hr_draft, refused(NotAllowed), lambda db, f: actions.add_note(db, f.hr, f.action.id, "x")),
    ("drop a draft action", hr_draft, refused(NotAllowed),
     lambda db, f: actions.set_status(db, f.hr, f.action.id, "dropped")),
    ("own dossier with a draft", hr_draft, hides(DRAFT_SUMMARY, DRAFT_ACTION),
     lambda db, f: dossier.dossier_of(db, f.hr, f.hr.id)),
    ("own dossier PDF with a draft", hr_draft, hides(DRAFT_SUMMARY, DRAFT_ACTION),
     lambda db, f: dossier_pdf(db, f.hr, f.hr.id)),
    ("own actions with a draft", hr_draft, hides(DRAFT_ACTION), lambda db, f: actions.my_actions(db, f.hr)),
    ("actions export with a draft", hr_draft, hides(DRAFT_ACTION), lambda db, f: exports.export(db, f.hr, "actions", "csv")),
    ("team actions overview with a draft", hr_draft, hides(DRAFT_ACTION), lambda db, f: team.actions_overview(db, f.hr)),
    ("own privacy export with a draft", hr_draft, hides(DRAFT_SUMMARY, DRAFT_ACTION),
     lambda db, f: privacy.export_json(db, f.hr, f.hr.id)),
    ("own privacy PDF with a draft", hr_draft, hides(DRAFT_SUMMARY, DRAFT_ACTION),
     lambda db, f: privacy.export_pdf(db, f.hr, f.hr.id)),
    ("read the final report", hr_reported, allowed, lambda db, f: reports.report_view(db, f.hr, f.hr_conversation_id)),
    ("follow up an agreed action like any employee", hr_reported, allowed,
     lambda db, f: actions.add_note(db, f.hr, f.action.id, "eerste les gehad")),
    ("remove an agreed action", hr_reported, refused(NotAllowed),
     lambda db, f: actions.remove_action(db, f.hr, f.action.id)),
]


@pytest.mark.parametrize("build,check,call", [pytest.param(*case[1:], id=case[0]) for case in HR_OWN])
def test_hr_in_their_own_conversation_is_its_employee(fresh_db, build, check, call):
    firm = build(fresh_db)
    check(lambda: call(fresh_db, firm))
