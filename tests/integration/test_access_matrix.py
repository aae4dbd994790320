"""Who may do what, generated: every service call x every role, in the state where it matters.

Each cell is its own test case, so a broken rule names the call and the role that slipped.
Expected outcomes follow DESIGN.md's table: "ok" or the error a person would get.
"""

from dataclasses import replace
from datetime import date, timedelta

import pytest

import db as storage
from db.people import update_person
from devtalk.domain.access import OPERATOR
from devtalk.domain.status import AlreadySubmitted
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.questionnaire import builder as ops
from devtalk.services import (
    actions,
    address,
    auth,
    builder,
    certificates,
    check_in_reminders,
    check_ins,
    completion,
    conversations,
    dossier,
    exports,
    invitations,
    learning,
    learning_evaluation,
    learning_skills,
    library,
    people,
    people_files,
    privacy,
    reports,
    rounds,
    setup,
    team,
    third_voice,
    training_plan,
)
from devtalk.services.conversations import NotRevealed
from devtalk.services.printing import conversation_report_pdf, dossier_pdf, paper_form_pdf, preparation_sheet_pdf
from devtalk.services.rounds import create_round
from tests.builders import fill_all, make_firm, text_of
from tests.certificate_builders import PNG, certificate_type, certified

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


def colleague_asked(db):
    """The third voice (issue 19): the outsider, a colleague from another team, is asked for input
    on the employee's conversation, whose employee has submitted."""
    firm = open_with_answers(db)
    firm.voice = third_voice.invite(db, firm.manager, firm.conversation_id, firm.outsider.id)
    return firm


def colleague_gave_input_both_in(db):
    firm = colleague_asked(db)
    for item_id in ("tekening-lezen", "veilig-werken"):
        third_voice.save_input(db, firm.outsider, firm.voice.id, item_id, value=4)
    third_voice.submit_input(db, firm.outsider, firm.voice.id)
    conversations.submit(db, firm.manager, firm.conversation_id)
    return firm


def colleague_proposed(db):
    firm = open_with_answers(db)
    firm.voice = third_voice.invite(db, firm.employee, firm.conversation_id, firm.outsider.id)
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
    ("read own reply typed so far", reported, lambda db, f, p: reports.comment_draft(db, p, f.conversation_id),
     ("ok", NotAllowed, NotAllowed, NotAllowed, NotAllowed)),
    ("save reply while typing", reported,
     lambda db, f, p: reports.save_comment_draft(db, p, f.conversation_id, "half getypt"),
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
    # Certificates: the employee's own, their manager's team, HR; never a colleague's.
    ("a person's certificates", certified, lambda db, f, p: certificates.of_person(db, p, f.employee.id),
     ("ok", "ok", NotAllowed, NotAllowed, "ok")),
    ("a person's certificate history", certified, lambda db, f, p: certificates.history(db, p, f.employee.id),
     ("ok", "ok", NotAllowed, NotAllowed, "ok")),
    ("a certificate's scan", certified, lambda db, f, p: certificates.scan(db, p, f.daan_vca),
     ("ok", "ok", NotAllowed, NotAllowed, "ok")),
    ("a colleague's certificate scan", certified, lambda db, f, p: certificates.scan(db, p, f.otto_bhv),
     (NotAllowed, NotAllowed, "ok", "ok", "ok")),
    ("a person's certificate gaps", certified,
     lambda db, f, p: certificates.gaps(db, p, f.employee.id, date.today() + timedelta(days=365)),
     ("ok", "ok", NotAllowed, NotAllowed, "ok")),
    ("a team's certificate minimums", certified, lambda db, f, p: certificates.minimums(db, p, f.manager.id),
     (NotAllowed, "ok", NotAllowed, NotAllowed, "ok", NotAllowed, NotAllowed)),
    ("my team's certificates", certified, lambda db, f, p: certificates.team_certificates(db, p), ("ok",) * 7),
    ("certificate reminders in the app", certified, lambda db, f, p: certificates.reminders(db, p), ("ok",) * 7),
    # Learning requests (issue 17): the coordinator (HR here) sees the queue, budget and costs and
    # decides; the employee their own requests, the manager the team's; nobody else anything.
    ("learning queue", reported, lambda db, f, p: learning.queue(db, p, LEARNING_YEAR),
     (NotAllowed, NotAllowed, NotAllowed, NotAllowed, "ok")),
    ("my learning requests", reported, lambda db, f, p: learning.my_requests(db, p), ("ok",) * 7),
    ("my team's learning requests", reported, lambda db, f, p: learning.team_requests(db, p), ("ok",) * 7),
    ("the training plan's requests", reported, lambda db, f, p: learning.plan_requests(db, p, LEARNING_YEAR), ("ok",) * 7),
    ("a learning request", reported, lambda db, f, p: learning.get_request(db, p, learning_request(db)),
     ("ok", "ok", NotAllowed, NotAllowed, "ok")),
    ("a learning request's history", reported, lambda db, f, p: learning.history(db, p, learning_request(db)),
     (NotAllowed, NotAllowed, NotAllowed, NotAllowed, "ok")),
    ("the learning budget", reported, lambda db, f, p: learning.budget(db, p, LEARNING_YEAR),
     (NotAllowed, NotAllowed, NotAllowed, NotAllowed, "ok")),
    ("set the learning budget", reported, lambda db, f, p: learning.set_budget(db, p, LEARNING_YEAR, 100_000),
     (NotAllowed, NotAllowed, NotAllowed, NotAllowed, "ok")),
    ("what approving does to the budget", reported, lambda db, f, p: learning.approval_effect(db, p, learning_request(db)),
     (NotAllowed, NotAllowed, NotAllowed, NotAllowed, "ok")),
    ("decide on a learning request", reported, lambda db, f, p: learning.decide(
        db, p, learning_request(db), decision="external", provider="ROC"), (NotAllowed, NotAllowed, NotAllowed, NotAllowed, "ok")),
    ("approve a learning request without a decision", reported,
     lambda db, f, p: learning.approve(db, p, learning_request(db)),
     (NotAllowed, NotAllowed, NotAllowed, NotAllowed, InvalidInput)),
    ("decline a learning request", reported, lambda db, f, p: learning.decline(db, p, learning_request(db), "Intern"),
     (NotAllowed, NotAllowed, NotAllowed, NotAllowed, "ok")),
    ("a learning request's subsidy", reported, lambda db, f, p: learning.set_subsidy(db, p, learning_request(db), fund="OOC"),
     (NotAllowed, NotAllowed, NotAllowed, NotAllowed, "ok")),
    ("colleagues an internal decision may name", reported,
     lambda db, f, p: learning.colleague_choices(db, p, learning_request(db)),
     (NotAllowed, NotAllowed, NotAllowed, NotAllowed, "ok")),
    ("colleagues who master the skill", reported,
     lambda db, f, p: learning_skills.suggestions(db, p, learning_request(db), item_id="tekening-lezen"),
     (NotAllowed, NotAllowed, NotAllowed, NotAllowed, "ok")),
    ("the question behind a learning request", reported,
     lambda db, f, p: learning.save_question(db, p, learning_request(db), "Waarom"),
     ("ok", NotAllowed, NotAllowed, NotAllowed, NotAllowed)),
    ("evaluate a learning request before it is done", reported,
     lambda db, f, p: learning.save_evaluation(db, p, learning_request(db), satisfaction=4),
     (InvalidInput, NotAllowed, NotAllowed, NotAllowed, NotAllowed)),
    ("did the learning help", reported, lambda db, f, p: learning_skills.help_checks(db, p, f.employee.id),
     ("ok", "ok", NotAllowed, NotAllowed, "ok")),
    # The training plan and the group evaluation (issue 17): the plan as far as one may see it
    # (the firm's for HR, a team's for its manager, one's own for anyone); another team's plan only
    # its manager and HR; the group figures only HR and whoever leads a team.
    ("the training plan", reported, lambda db, f, p: training_plan.plan(db, p, LEARNING_YEAR), ("ok",) * 7),
    ("another team's training plan", reported,
     lambda db, f, p: training_plan.plan(db, p, LEARNING_YEAR, team_id=f.other_manager.id),
     (NotAllowed, NotAllowed, "ok", NotAllowed, "ok")),
    ("the training plan as XLSX", reported, lambda db, f, p: training_plan.plan_xlsx(db, p, LEARNING_YEAR, "nl"), ("ok",) * 7),
    ("the training plan as PDF", reported, lambda db, f, p: training_plan.plan_pdf(db, p, LEARNING_YEAR, "nl"), ("ok",) * 7),
    ("what the learning brought, per group", reported,
     lambda db, f, p: learning_evaluation.evaluation(db, p, LEARNING_YEAR), (NotAllowed, "ok", "ok", NotAllowed, "ok")),
    # Check-ins (issue 19): the employee and their manager now start, open, answer and finish one;
    # HR knows only that they took place; a card opens the person's own.
    ("start a check-in", reported, lambda db, f, p: check_ins.start(db, p, f.employee.id),
     ("ok", "ok", NotAllowed, NotAllowed, NotAllowed)),
    ("open a check-in", reported, lambda db, f, p: check_ins.view(db, p, check_ins.start(db, f.employee, f.employee.id).id),
     ("ok", "ok", NotAllowed, NotAllowed, NotAllowed)),
    ("answer a check-in", reported, lambda db, f, p: check_ins.save_answer(
        db, p, check_ins.start(db, f.manager, f.employee.id).id, "nodig", "tijd"), ("ok", "ok", NotAllowed, NotAllowed, NotAllowed)),
    ("finish a check-in", reported, lambda db, f, p: check_ins.finish(db, p, check_ins.start(db, f.employee, f.employee.id).id),
     ("ok", "ok", NotAllowed, NotAllowed, NotAllowed)),
    ("whether check-ins took place", reported, lambda db, f, p: check_ins.check_ins_of(db, p, f.employee.id),
     ("ok", "ok", NotAllowed, NotAllowed, "ok")),
    ("check-ins on the start page", reported, lambda db, f, p: check_ins.start_page(db, p), ("ok",) * 7),
    # The third voice (issue 19): the outsider is the invited colleague. They open and fill in their
    # own form only, never the two sides, the comparison or the report; the input is blind until
    # both sides are in, for the two sides and HR alike.
    ("third voice: open the input form", colleague_asked, lambda db, f, p: third_voice.open_input(db, p, f.voice.id),
     (NotAllowed, NotAllowed, NotAllowed, "ok", NotAllowed)),
    ("third voice: save an answer", colleague_asked,
     lambda db, f, p: third_voice.save_input(db, p, f.voice.id, "tekening-lezen", value=3),
     (NotAllowed, NotAllowed, NotAllowed, "ok", NotAllowed)),
    ("third voice: inputs I was asked for", colleague_asked, lambda db, f, p: third_voice.my_requests(db, p),
     ("ok",) * 7),
    ("third voice: the column before both sides are in", colleague_asked,
     lambda db, f, p: third_voice.comparison_column(db, p, f.conversation_id),
     (NotRevealed, NotRevealed, NotAllowed, NotAllowed, NotRevealed)),
    ("third voice: the column once both sides are in", colleague_gave_input_both_in,
     lambda db, f, p: third_voice.comparison_column(db, p, f.conversation_id),
     ("ok", "ok", NotAllowed, NotAllowed, "ok")),
    ("third voice: the invited colleague reads the employee's side", colleague_gave_input_both_in,
     lambda db, f, p: conversations.read_answers(db, p, f.conversation_id, "employee"),
     ("ok", "ok", NotAllowed, NotAllowed, "ok")),
    ("third voice: the invited colleague reads the comparison", colleague_gave_input_both_in,
     lambda db, f, p: conversations.comparison_view(db, p, f.conversation_id),
     ("ok", "ok", NotAllowed, NotAllowed, "ok")),
    ("third voice: who is asked", colleague_asked, lambda db, f, p: third_voice.invitations_of(db, p, f.conversation_id),
     ("ok", "ok", NotAllowed, NotAllowed, "ok")),
    ("third voice: ask a colleague", colleague_asked,
     lambda db, f, p: third_voice.invite(db, p, f.conversation_id, f.other_manager.id),
     ("ok", "ok", NotAllowed, NotAllowed, NotAllowed)),
    ("third voice: consent to the employee's proposal", colleague_proposed,
     lambda db, f, p: third_voice.consent(db, p, f.voice.id), (NotAllowed, "ok", NotAllowed, NotAllowed, NotAllowed)),
    ("third voice: print a card for the input", colleague_asked,
     lambda db, f, p: third_voice.input_card_pdf(db, p, f.voice.id, "nl"),
     (NotAllowed, "ok", NotAllowed, NotAllowed, "ok")),
    ("third voice: withdraw the request", colleague_asked, lambda db, f, p: third_voice.withdraw(db, p, f.voice.id),
     (NotAllowed, "ok", NotAllowed, NotAllowed, NotAllowed)),
]

# The plan year of the course `drafted` agrees (due in 30 days), and its learning request.
LEARNING_YEAR = (date.today() + timedelta(days=30)).year


def learning_request(db) -> int:
    return learning.queue(db, OPERATOR, LEARNING_YEAR)[0].request.id


def current_round(db, firm) -> int:
    return db.execute("SELECT round_id FROM conversations WHERE id = ?", [firm.conversation_id]).fetchone()[0]


def stored_text(db, firm) -> str:
    return library.get_version(db, firm.version_id).yaml


def drafting(db):
    """HR composing the next version of the firm's questionnaire in the builder."""
    firm = open_with_answers(db)
    firm.draft = builder.start_from_version(db, firm.hr, firm.version_id).record
    return firm


CERTIFICATE_CSV = b"gebruikersnaam;certificaat;nummer;afgegeven\r\nemployee;EHBO;E-1;01-03-2026\r\n"
NEW_PERSON_CSV = "naam;gebruikersnaam;e-mail;functie;leidinggevende;rollen;taal\r\nNina Nieuw;nnieuw;;lasser;;;\r\n".encode()

# Everything behind the HR pages, every HR-only service: only HR, whoever else asks (see
# test_hr_only_services_refuse_everyone_but_hr). (call name, state builder, call[, HR's outcome
# when it is not "ok": the gate let HR through and the call then failed on its input]).
HR_ONLY_CALLS = [
    ("list people", open_with_answers, lambda db, f, p: people.list_people(db, p)),
    ("look up a person", open_with_answers, lambda db, f, p: people.get_person(db, p, f.employee.id)),
    ("add a person", open_with_answers, lambda db, f, p: people.add_person(db, p, name="Nina Nieuw", username="nnieuw")),
    ("edit a person", open_with_answers, lambda db, f, p: people.edit_person(
        db, p, f.employee.id, name="Daan M.", username="employee", email=None, function_id="plaatwerker",
        roles=("employee",), language="nl")),
    ("deactivate a person", open_with_answers, lambda db, f, p: people.set_active(db, p, f.outsider.id, False)),
    ("change a person's manager", open_with_answers, lambda db, f, p: people.change_manager(db, p, f.outsider.id, f.manager.id)),
    ("set a person's password", open_with_answers, lambda db, f, p: people.set_password(db, p, f.employee.id, "nieuw-geheim-12")),
    ("set a password (sign-in service)", open_with_answers,
     lambda db, f, p: auth.set_password(db, p, f.employee.id, "nieuw-geheim-12")),
    ("reset a person's password", open_with_answers, lambda db, f, p: people.reset_password(db, p, f.employee.id)),
    ("list job functions", open_with_answers, lambda db, f, p: people.list_functions(db, p)),
    ("add a job function", open_with_answers, lambda db, f, p: people.add_function(db, p, "monteur", "Monteur")),
    ("edit a job function", open_with_answers, lambda db, f, p: people.edit_function(db, p, "lasser", "Lasser", "Staal")),
    ("deactivate a job function", open_with_answers, lambda db, f, p: people.set_function_active(db, p, "lasser", False)),
    ("sections per job function", open_with_answers, lambda db, f, p: people.sections_per_function(db, p)),
    ("preview a people import", open_with_answers, lambda db, f, p: people_files.plan_import(db, p, NEW_PERSON_CSV, "mensen.csv")),
    ("import people", open_with_answers, lambda db, f, p: people_files.import_people(db, p, NEW_PERSON_CSV, "mensen.csv")),
    ("export people", open_with_answers, lambda db, f, p: people_files.export_people(db, p, "csv")),
    ("list rounds", open_with_answers, lambda db, f, p: rounds.list_rounds(db, p)),
    ("start a round", open_with_answers, lambda db, f, p: rounds.create_round(db, p, "Ronde 2027", f.version_id)),
    ("a round's conversations", open_with_answers, lambda db, f, p: rounds.round_conversations(db, p, current_round(db, f))),
    ("late joiners to choose from", open_with_answers,
     lambda db, f, p: rounds.late_joiner_candidates(db, p, current_round(db, f))),
    ("add late joiners", open_with_answers, lambda db, f, p: rounds.add_late_joiners(db, p, current_round(db, f), [f.hr.id])),
    ("give a conversation another manager", open_with_answers,
     lambda db, f, p: rounds.reassign_manager(db, p, f.conversation_id, f.other_manager.id)),
    ("reopen a side from the rounds page", open_with_answers,
     lambda db, f, p: rounds.reopen_side(db, p, f.conversation_id, "employee", "reden")),
    ("close a round", open_with_answers, lambda db, f, p: rounds.close_round(db, p, current_round(db, f))),
    ("completion dashboard", open_with_answers, lambda db, f, p: completion.completion(db, p, current_round(db, f))),
    ("send reminders", open_with_answers, lambda db, f, p: completion.send_reminders(db, p, current_round(db, f)),
     InvalidInput),  # no mail server here
    ("questionnaire library", open_with_answers, lambda db, f, p: library.library(db, p)),
    ("list questionnaire versions", open_with_answers, lambda db, f, p: library.list_versions(db, p)),
    ("store a questionnaire", open_with_answers,
     lambda db, f, p: library.store_questionnaire(db, p, stored_text(db, f), "klein.yaml")),
    ("store a bundled questionnaire", open_with_answers,
     lambda db, f, p: library.store_bundled(db, p, library.bundled_templates()[0])),
    ("what a version changes since the one before", open_with_answers,
     lambda db, f, p: library.changes_from_previous(db, p, f.version_id)),
    ("save a questionnaire text", open_with_answers, lambda db, f, p: library.save_text(db, p, stored_text(db, f), "klein.yaml")),
    ("upload a questionnaire", open_with_answers,
     lambda db, f, p: library.save_upload(db, p, stored_text(db, f).encode(), "klein.yaml")),
    ("list the templates", open_with_answers, lambda db, f, p: library.templates(p)),
    ("copy a template", open_with_answers, lambda db, f, p: library.copy_template(db, p, library.bundled_templates()[0].name)),
    ("download a questionnaire version", open_with_answers, lambda db, f, p: library.version_yaml(db, p, f.version_id)),
    ("job functions of the preview", open_with_answers, lambda db, f, p: library.job_functions(db, p)),
    ("preview a questionnaire", open_with_answers,
     lambda db, f, p: library.preview(db, p, f.version_id, "plaatwerker", "employee", "nl")),
    ("print an empty paper form", open_with_answers, lambda db, f, p: paper_form_pdf(db, p, f.version_id, "plaatwerker", "nl")),
    ("team filters", open_with_answers, lambda db, f, p: team.filter_options(db, p)),
    ("team heatmap", open_with_answers, lambda db, f, p: team.heatmap(db, p, current_round(db, f), "plaatwerker")),
    ("single points of failure", open_with_answers,
     lambda db, f, p: team.single_points_of_failure(db, p, current_round(db, f), "plaatwerker")),
    ("learning climate", open_with_answers, lambda db, f, p: team.learning_climate(db, p, current_round(db, f))),
    ("trends", open_with_answers, lambda db, f, p: team.trends(db, p, "plaatwerker")),
    ("team actions overview", reported, lambda db, f, p: team.actions_overview(db, p)),
    ("export answers", open_with_answers, lambda db, f, p: exports.export(db, p, "answers", "csv")),
    ("export actions", reported, lambda db, f, p: exports.export(db, p, "actions", "csv")),
    ("read the audit log", open_with_answers, lambda db, f, p: exports.audit_log(db, p)),
    ("export a person's data", open_with_answers, lambda db, f, p: privacy.export_json(db, p, f.employee.id)),
    ("print a person's data", reported, lambda db, f, p: privacy.export_pdf(db, p, f.employee.id)),
    ("erase a person", open_with_answers, lambda db, f, p: privacy.erase_person(db, p, f.outsider.id, "outsider")),
    ("issue an invitation code", open_with_answers, lambda db, f, p: invitations.issue_code(db, p, f.employee.id)),
    ("card groups", open_with_answers, lambda db, f, p: invitations.card_groups(db, p)),
    ("print invitation cards", open_with_answers, lambda db, f, p: invitations.invitation_cards_pdf(db, p, [f.employee.id], "nl")),
    ("revoke a person's cards", open_with_answers, lambda db, f, p: invitations.revoke_codes(db, p, f.employee.id)),
    ("switch the card PIN on", open_with_answers, lambda db, f, p: invitations.set_pin_required(db, p, True)),
    ("reset a card PIN", open_with_answers, lambda db, f, p: invitations.reset_pin(db, p, f.employee.id)),
    ("set the public address", open_with_answers,
     lambda db, f, p: address.set_public_address(db, p, "https://devtalk.example")),
    ("setup checklist", open_with_answers, lambda db, f, p: setup.checklist(db, p)),
    ("certificate dashboard", certified, lambda db, f, p: certificates.dashboard(db, p)),
    ("add a certificate type", certified, lambda db, f, p: certificates.add_type(db, p, name="Duikbrevet", validity_months=None)),
    ("edit a certificate type", certified, lambda db, f, p: certificates.edit_type(
        db, p, certificate_type(db, "BHV").id, name="BHV", validity_months=12)),
    ("add a certificate", certified, lambda db, f, p: certificates.add_certificate(
        db, p, f.employee.id, type_id=certificate_type(db, "BHV").id)),
    ("edit a certificate", certified, lambda db, f, p: certificates.edit_certificate(
        db, p, f.daan_vca, type_id=certificate_type(db, "VCA Basis").id, number="VCA-2")),
    ("remove a certificate", certified, lambda db, f, p: certificates.delete_certificate(db, p, f.daan_vca)),
    ("store a certificate scan", certified, lambda db, f, p: certificates.store_scan(db, p, f.daan_vca, PNG, "s.png")),
    ("set a certificate minimum", certified, lambda db, f, p: certificates.set_minimum(
        db, p, f.manager.id, certificate_type(db, "BHV").id, 2)),
    ("preview a certificates import", certified, lambda db, f, p: certificates.plan_import(db, p, CERTIFICATE_CSV, "c.csv")),
    ("import certificates", certified, lambda db, f, p: certificates.import_certificates(db, p, CERTIFICATE_CSV, "c.csv")),
    ("export certificates", certified, lambda db, f, p: certificates.export_certificates(db, p, "xlsx")),
    ("e-mail certificate reminders", certified, lambda db, f, p: certificates.send_reminders(db, p), InvalidInput),
    # Check-ins (issue 19): the half-year check-in per round and the check-in list.
    ("set a round's half-year check-in", open_with_answers,
     lambda db, f, p: check_ins.set_schedule(db, p, current_round(db, f), date.today())),
    ("the rounds' half-year check-ins", open_with_answers, lambda db, f, p: check_ins.schedules(db, p)),
    ("the check-in list", open_with_answers, lambda db, f, p: check_ins.current_list(db, p)),
    ("store a check-in list", open_with_answers,
     lambda db, f, p: check_ins.store_list(db, p, check_ins.BUNDLED_LIST.read_text(encoding="utf-8"), "c.yaml")),
    ("e-mail half-year check-in reminders", open_with_answers, lambda db, f, p: check_in_reminders.send_reminders(db, p),
     InvalidInput),
    # The questionnaire builder (issue 21): an HR person's drafts, HR only.
    ("start a draft from a template", open_with_answers,
     lambda db, f, p: builder.start_from_template(db, p, "leerklimaat.yaml")),
    ("start a draft from a version", open_with_answers, lambda db, f, p: builder.start_from_version(db, p, f.version_id)),
    ("start an empty draft", open_with_answers, lambda db, f, p: builder.start_empty(db, p, {"nl": "Nieuw"})),
    ("list one's drafts", drafting, lambda db, f, p: builder.my_drafts(db, p)),
    ("open a draft", drafting, lambda db, f, p: builder.open_draft(db, p, f.draft.id)),
    ("change a draft", drafting, lambda db, f, p: builder.change(
        db, p, f.draft.id, f.draft.revision, ops.rename_section, 0, "nl", "Vak")),
    ("replace a draft by its YAML", drafting, lambda db, f, p: builder.replace_with_yaml(
        db, p, f.draft.id, f.draft.revision, stored_text(db, f))),
    ("keep a draft over a newer one", drafting, lambda db, f, p: builder.keep_mine(db, p, f.draft.id, f.draft.content)),
    ("a draft as YAML", drafting, lambda db, f, p: builder.as_yaml(db, p, f.draft.id)),
    ("preview a draft", drafting, lambda db, f, p: builder.preview(db, p, f.draft.id, "lasser", "manager", "nl")),
    ("versions to compare a draft with", drafting, lambda db, f, p: builder.comparable_versions(db, p, f.draft.id)),
    ("what a draft changes", drafting, lambda db, f, p: builder.changes_since(db, p, f.draft.id, f.version_id)),
    ("save a draft as a version", drafting, lambda db, f, p: builder.save(db, p, f.draft.id, f.draft.revision)),
    ("discard a draft", drafting, lambda db, f, p: builder.discard(db, p, f.draft.id)),
    # The third voice (issue 19): what a person gave and received, for HR's privacy export.
    ("third voice in a privacy export", colleague_gave_input_both_in,
     lambda db, f, p: third_voice.privacy_export(db, p, f.employee.id)),
]


# Signed in with an invitation code: the employee keeps what is theirs, a manager gets nothing
# of the team's (a lost card must not open anyone else's conversation). A deactivated person,
# through a Person record still held from before, gets nothing at all.
CODE_ROLES = ("employee_by_code", "manager_by_code")
DEACTIVATED_ROLES = ("employee_deactivated", "manager_deactivated", "hr_deactivated")


# The third voice (issue 19): the outsider signed in with the card the manager printed for their
# input on the employee's conversation. That card opens that one form and nothing else, not even
# the outsider's own conversations: every cell refuses but these.
INPUT_CARD_ROLES = ("outsider_by_input_card",)
INPUT_CARD_OPENS = {
    "third voice: open the input form": "ok",
    "third voice: save an answer": "ok",
    "third voice: inputs I was asked for": "ok",
}


def with_code_and_deactivated_roles(name: str, outcomes: tuple) -> tuple:
    """A row names the code roles' outcomes only where they differ from "as the employee; nothing as the
    manager"; the input card's is a refusal unless INPUT_CARD_OPENS names the row."""
    if len(outcomes) == len(ROLES):
        outcomes += (outcomes[0], NotAllowed)
    return outcomes + (NotAllowed,) * len(DEACTIVATED_ROLES) + (INPUT_CARD_OPENS.get(name, NotAllowed),)


CASES = [
    pytest.param(build, call, role, expected, id=f"{name} / {role}")
    for name, build, call, outcomes in CALLS
    for role, expected in zip(ROLES + CODE_ROLES + DEACTIVATED_ROLES + INPUT_CARD_ROLES,
                              with_code_and_deactivated_roles(name, outcomes))
]


def person(firm, role):
    return {"employee": firm.employee, "manager": firm.manager, "other_manager": firm.other_manager,
            "outsider": firm.outsider, "hr": firm.hr,
            "employee_by_code": replace(firm.employee, roles=("employee",), restricted=True),
            "manager_by_code": replace(firm.manager, roles=("employee",), restricted=True),
            "employee_deactivated": replace(firm.employee, active=False),
            "manager_deactivated": replace(firm.manager, active=False),
            "hr_deactivated": replace(firm.hr, active=False),
            "hr_by_code": replace(firm.hr, roles=("employee",), restricted=True),
            # As services.auth makes it from the card's session; in a state without an invitation,
            # a card for one elsewhere (an id no invitation has).
            "outsider_by_input_card": replace(firm.outsider, roles=(), restricted=True,
                                              only_third_voice=firm.voice.id if hasattr(firm, "voice") else 0),
            "nobody": None}[role]


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


# Everyone but HR: the matrix's other roles, HR signed in with a card, and nobody at all: a caller
# that passes None is refused, never taken for the command line (which acts as access.OPERATOR).
NOT_HR = ("employee", "manager", "other_manager", "outsider", *CODE_ROLES, "hr_by_code", *DEACTIVATED_ROLES,
          *INPUT_CARD_ROLES, "nobody")


@pytest.fixture(scope="module")
def shared_state(tmp_path_factory):
    """One database per state builder for the module's refusals, built on first use: a refusal
    writes nothing (each case checks that), so every refused caller can share it."""
    built = {}

    def state(build):
        if build not in built:
            database = storage.open_db(tmp_path_factory.mktemp("refusals") / "devtalk.db")
            storage.migrate(database)
            built[build] = (database, build(database))
        return built[build]

    yield state
    for database, _ in built.values():
        database.conn.close()


@pytest.mark.parametrize("build,call,role", [
    pytest.param(build, call, role, id=f"{name} / {role}") for name, build, call, *_ in HR_ONLY_CALLS for role in NOT_HR])
def test_hr_only_services_refuse_everyone_but_hr(shared_state, build, call, role):
    database, firm = shared_state(build)
    before = list(database.conn.iterdump())
    with pytest.raises(NotAllowed) as raised:
        call(database, firm, person(firm, role))
    assert type(raised.value) is NotAllowed
    assert list(database.conn.iterdump()) == before


@pytest.mark.parametrize("build,call,outcome", [
    pytest.param(build, call, *(outcome or ["ok"]), id=name) for name, build, call, *outcome in HR_ONLY_CALLS])
def test_hr_only_services_serve_hr(fresh_db, build, call, outcome):
    firm = build(fresh_db)
    if outcome == "ok":
        call(fresh_db, firm, firm.hr)
    else:
        with pytest.raises(outcome):
            call(fresh_db, firm, firm.hr)


@pytest.mark.parametrize("call", [
    lambda db, f: rounds.create_round(db, OPERATOR, "Ronde 2027", f.version_id),
    lambda db, f: library.store_bundled(db, OPERATOR, library.bundled_templates()[0]),
    lambda db, f: invitations.issue_code(db, OPERATOR, f.employee.id),
    lambda db, f: people_files.import_people(db, OPERATOR, NEW_PERSON_CSV, "mensen.csv"),
    lambda db, f: people_files.export_people(db, OPERATOR, "csv"),
], ids=["start a round", "store a bundled questionnaire", "issue an invitation code", "import people", "export people"])
def test_the_command_line_acts_as_hr_and_the_log_names_no_person(fresh_db, firm, call):
    call(fresh_db, firm)
    assert fresh_db.execute("SELECT actor_id FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()[0] is None


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
