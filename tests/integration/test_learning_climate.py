"""The learning climate is how the employee experiences the workplace: only they are asked it and
only they see their answers; anyone else sees it only as a group figure (the team view, 3 or more)."""

from __future__ import annotations

import json

import pytest

from db import conversations as conversation_repo
from devtalk.domain.models import Answer
from devtalk.errors import NotFound
from devtalk.services import conversations, dossier, exports, privacy, reports
from devtalk.services.library import store_questionnaire
from devtalk.services.printing import conversation_report_pdf, dossier_pdf, preparation_sheet_pdf
from devtalk.services.rounds import create_round
from tests.builders import SMALL_QUESTIONNAIRE, fill_all, flat, make_firm, text_of

CLIMATE_TEXT = "Ik krijg werk dat een uitdaging voor me is"
WITH_CLIMATE = SMALL_QUESTIONNAIRE.replace("id: klein\n", "id: klein-klimaat\n") + f"""\
  - id: leerklimaat-werkplek
    title: {{nl: Leren op de werkplek, en: Learning at the workplace}}
    condition: workplace
    items:
      - id: lk-uitdaging
        type: likert
        scale: beheersing
        text: {{nl: "{CLIMATE_TEXT}", en: "I get work that challenges me"}}
        text_manager: {{nl: "De medewerker krijgt uitdagend werk", en: "The team member gets challenging work"}}
"""


def climate_firm(db):
    """The small firm in a round on a questionnaire with a learning-climate section."""
    firm = make_firm(db)
    version = store_questionnaire(db, firm.hr, WITH_CLIMATE, "klimaat.yaml")
    round_id = create_round(db, firm.hr, "Ronde klimaat", version.id, employee_ids=[firm.employee.id]).round.id
    firm.conversation_id = db.execute("SELECT id FROM conversations WHERE round_id = ?", [round_id]).fetchone()[0]
    return firm


def both_in_with_an_old_manager_climate_answer(db):
    """Both sides in; the manager's side also holds a climate answer, as stored before the manager's
    form stopped asking it."""
    firm = climate_firm(db)
    fill_all(db, firm.employee, firm.conversation_id, value=1)
    fill_all(db, firm.manager, firm.conversation_id, value=5)
    conversation_repo.save_answer(db, firm.conversation_id, "manager", Answer("lk-uitdaging", value=5))
    for person in (firm.employee, firm.manager):
        conversations.submit(db, person, firm.conversation_id)
    return firm


def test_the_managers_form_does_not_ask_the_learning_climate(fresh_db):
    firm = climate_firm(fresh_db)
    employee_form = conversations.open_form(fresh_db, firm.employee, firm.conversation_id)
    manager_form = conversations.open_form(fresh_db, firm.manager, firm.conversation_id)
    assert "lk-uitdaging" in [item.id for item in employee_form.items]
    assert "lk-uitdaging" not in [item.id for item in manager_form.items]
    assert manager_form.progress.required == employee_form.progress.required - 1
    with pytest.raises(NotFound):
        conversations.save_answer(fresh_db, firm.manager, firm.conversation_id, "lk-uitdaging", value=2)
    fill_all(fresh_db, firm.manager, firm.conversation_id)
    assert conversations.submit(fresh_db, firm.manager, firm.conversation_id).status == "manager_submitted"


@pytest.mark.parametrize("who", ["employee", "manager", "hr"])
def test_no_comparison_or_agenda_shows_the_learning_climate_per_person(fresh_db, who):
    firm = both_in_with_an_old_manager_climate_answer(fresh_db)
    reader = getattr(firm, who)
    compared = conversations.comparison_view(fresh_db, reader, firm.conversation_id).comparison
    assert "lk-uitdaging" not in [row.item.id for row in compared.likert]
    assert CLIMATE_TEXT not in flat(text_of(preparation_sheet_pdf(fresh_db, reader, firm.conversation_id)))
    report = reports.mark_held(fresh_db, firm.manager, firm.conversation_id)
    assert all(point.ref != "lk-uitdaging" for point in report.agenda)


def test_only_the_employee_reads_their_learning_climate_answers(fresh_db):
    firm = both_in_with_an_old_manager_climate_answer(fresh_db)
    read = {who: conversations.read_answers(fresh_db, getattr(firm, who), firm.conversation_id, "employee")
            for who in ("employee", "manager", "hr")}
    assert read["employee"]["lk-uitdaging"].value == 1
    assert "lk-uitdaging" not in read["manager"] and "lk-uitdaging" not in read["hr"]
    assert "tekening-lezen" in read["manager"] and "tekening-lezen" in read["hr"]


def test_no_pdf_or_per_person_export_holds_the_learning_climate(fresh_db):
    firm = both_in_with_an_old_manager_climate_answer(fresh_db)
    reports.mark_held(fresh_db, firm.manager, firm.conversation_id)
    reports.save_draft(fresh_db, firm.manager, firm.conversation_id, summary="Goed gesprek")
    reports.finalise(fresh_db, firm.manager, firm.conversation_id)
    for reader in (firm.employee, firm.manager, firm.hr):
        assert CLIMATE_TEXT not in flat(text_of(conversation_report_pdf(fresh_db, reader, firm.conversation_id)))
        assert CLIMATE_TEXT not in flat(text_of(dossier_pdf(fresh_db, reader, firm.employee.id)))
    exported = exports.export(fresh_db, firm.hr, "answers", "csv").data.decode("utf-8-sig")
    assert "lk-uitdaging" not in exported and "tekening-lezen" in exported


def test_the_employees_own_privacy_export_keeps_their_learning_climate_answers(fresh_db):
    firm = both_in_with_an_old_manager_climate_answer(fresh_db)
    rows = json.loads(privacy.export_json(fresh_db, firm.hr, firm.employee.id))["answers"]
    assert [row["value"] for row in rows if row["item_id"] == "lk-uitdaging" and row["side"] == "employee"] == [1]


def test_the_dossier_figures_leave_the_learning_climate_out(fresh_db):
    firm = climate_firm(fresh_db)
    for person in (firm.employee, firm.manager):
        fill_all(fresh_db, person, firm.conversation_id, value=4)
    conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, "lk-uitdaging", value=1)
    conversation_repo.save_answer(fresh_db, firm.conversation_id, "manager", Answer("lk-uitdaging", value=5))
    for person in (firm.employee, firm.manager):
        conversations.submit(fresh_db, person, firm.conversation_id)
    _, figures = dossier.overview(fresh_db, firm.manager, firm.employee.id)
    assert figures[firm.conversation_id] == dossier.YearFigures(4.0, 4.0, 0)
