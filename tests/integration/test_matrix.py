"""The skills matrix service on a real database: who sees whom, which level a cell shows, the minimums
and single points of failure (certificates too), and the XLSX and PDF it exports."""

from datetime import date, timedelta
from io import BytesIO

import openpyxl
import pytest
from pypdf import PdfReader

from db._rows import now
from db.people import add_person, update_person
from devtalk.domain.matrix import (
    BELOW,
    MET,
    NO_DATA,
    NO_REQUIREMENT,
    NOT_APPLICABLE,
    STATE_COLOURS,
)
from devtalk.errors import NotAllowed
from devtalk.services import matrix, reports, skills
from devtalk.services.library import store_questionnaire
from devtalk.services.rounds import create_round
from tests.builders import T, V, conversation_of, fill, flat, text_of

TIG = "tig-lassen"


def held(db, firm, conversation_id: int, employee, manager_values: dict, agreed: dict | None = None,
         final: bool = True) -> None:
    """Both sides in (the employee says 5 to everything), the meeting held, the ``agreed`` levels
    recorded ("na" for not applicable), the report final unless told."""
    manager = firm.manager if employee.manager_id == firm.manager.id else firm.other_manager
    fill(db, employee, conversation_id, {item: 5 for item in manager_values})
    fill(db, manager, conversation_id, manager_values)
    reports.mark_held(db, manager, conversation_id)
    for item_id, value in (agreed or {}).items():
        skills.set_agreed_level(db, manager, conversation_id, item_id, None if value == "na" else value, value == "na")
    if final:
        reports.save_draft(db, manager, conversation_id, summary="Goed gesprek.")
        reports.finalise(db, manager, conversation_id)


def require(db, function_id: str, item_id: str, level: int, critical: bool = False) -> None:
    db["skill_requirements"].insert({"function_id": function_id, "questionnaire_id": "klein", "item_id": item_id,
                                     "level": level, "critical": int(critical), "updated_at": now()})


def certificate(db, person, type_name: str, expires: date | None) -> None:
    type_id = _certificate_type(db, type_name)
    db["certificates"].insert({"person_id": person.id, "type_id": type_id, "expires_on": expires and expires.isoformat(),
                               "created_at": now(), "updated_at": now()})


def certificate_minimum(db, manager, type_name: str, people: int) -> None:
    db["certificate_minimums"].insert({"manager_id": manager.id, "type_id": _certificate_type(db, type_name),
                                       "people": people, "updated_at": now()})


def _certificate_type(db, name: str) -> int:
    found = db.execute("SELECT id FROM certificate_types WHERE name = ?", [name]).fetchone()
    if found:
        return found[0]
    return db["certificate_types"].insert({"name": name, "created_at": now(), "updated_at": now()}).last_pk


@pytest.fixture
def team(fresh_db, firm):
    """Marco's team: Daan (plaatwerker, report final: tekening 4 agreed, veilig 2 as the manager said) and
    Bram (plaatwerker, held, report still a draft: the manager's 3s); Sandra's team: Otto (lasser, nothing held)."""
    db = fresh_db
    bram = add_person(db, name="Bram Collega", username="bram", function_id="plaatwerker", manager_id=firm.manager.id)
    round_id = create_round(db, firm.hr, "Extra", firm.version_id, employee_ids=[bram.id]).round.id
    held(db, firm, firm.conversation_id, firm.employee, {T: 2, V: 2}, agreed={T: 4})
    held(db, firm, conversation_of(db, round_id, bram), bram, {T: 3, V: 3}, agreed={T: 5}, final=False)  # a draft's 5
    require(db, "plaatwerker", T, 4, critical=True)
    require(db, "plaatwerker", V, 3)
    return db, firm, bram


def states(found) -> dict:
    return {(person.name, skill.item.id): row[index] for person, row in zip(found.people, found.rows)
            for index, skill in enumerate(found.skills)}


def test_hr_sees_everyone_with_the_final_reports_agreed_level_else_the_managers_answer_marked(team):
    db, firm, _ = team
    found = matrix.matrix(db, firm.hr)
    assert [person.name for person in found.people] == ["Bram Collega", "Daan Medewerker", "Ingrid HR", "Marco Manager",
                                                         "Otto Buiten", "Sandra Ander"]
    cells = states(found)
    assert cells[("Daan Medewerker", T)] == (4, True, 4, MET)
    assert (cells[("Daan Medewerker", V)][0], cells[("Daan Medewerker", V)][3]) == (2, BELOW)
    assert cells[("Bram Collega", T)] == (3, False, 4, BELOW)  # the draft report's 5 does not count yet
    assert cells[("Otto Buiten", T)] == (None, False, None, NO_DATA)
    assert cells[("Daan Medewerker", TIG)] == (None, False, None, NOT_APPLICABLE)  # welding is asked of welders only


def test_a_manager_sees_their_own_team_only_and_never_another(team):
    db, firm, _ = team
    assert [person.name for person in matrix.matrix(db, firm.manager).people] == ["Bram Collega", "Daan Medewerker"]
    assert [person.name for person in matrix.matrix(db, firm.other_manager).people] == ["Otto Buiten"]
    with pytest.raises(NotAllowed):
        matrix.matrix(db, firm.manager, team_id=firm.other_manager.id)


@pytest.mark.parametrize("call", [
    lambda db, p: matrix.matrix(db, p), lambda db, p: matrix.filter_options(db, p),
    lambda db, p: matrix.matrix_xlsx(db, p, "nl"), lambda db, p: matrix.matrix_pdf(db, p, "nl")],
    ids=["matrix", "filters", "xlsx", "pdf"])
def test_an_employee_is_refused_the_matrix_and_its_exports(team, call):
    db, firm, _ = team
    with pytest.raises(NotAllowed):
        call(db, firm.employee)


def test_a_deactivated_manager_is_refused(team):
    db, firm, _ = team
    gone = update_person(db, firm.manager.id, active=0)
    with pytest.raises(NotAllowed):
        matrix.matrix(db, gone)


def test_the_latest_held_conversation_gives_the_level_not_an_earlier_one(team):
    db, firm, _ = team
    later = create_round(db, firm.hr, "Ronde 2027", firm.version_id, employee_ids=[firm.employee.id]).round.id
    held(db, firm, conversation_of(db, later, firm.employee), firm.employee, {T: 1, V: 5}, agreed={T: 1, V: 5})
    cells = states(matrix.matrix(db, firm.manager))
    assert cells[("Daan Medewerker", T)] == (1, True, 4, BELOW)
    assert cells[("Daan Medewerker", V)] == (5, True, 3, MET)


def test_not_applicable_agreed_shows_as_such_and_is_no_gap(team):
    db, firm, _ = team
    later = create_round(db, firm.hr, "Ronde 2027", firm.version_id, employee_ids=[firm.employee.id]).round.id
    held(db, firm, conversation_of(db, later, firm.employee), firm.employee, {T: 4, V: 1}, agreed={V: "na"})
    found = matrix.matrix(db, firm.manager)
    assert states(found)[("Daan Medewerker", V)][3] == "not_applicable"
    assert [gap.skill.item.id for gap in found.gaps.get(firm.employee.id, ())] == []


def test_per_skill_counts_those_at_requirement_against_the_teams_default_minimum_for_a_critical_skill(team):
    db, firm, _ = team
    counts = {count.skill.item.id: count for count in matrix.matrix(db, firm.manager).counts}
    assert (counts[T].at_requirement, counts[T].required_of, counts[T].minimum, counts[T].at_minimum, counts[T].short) == (
        1, 2, 2, 1, True)
    assert counts[V].minimum is None and not counts[V].short


def test_a_critical_skill_only_one_person_masters_is_a_single_point_of_failure_of_that_team(team):
    db, firm, _ = team
    points = matrix.matrix(db, firm.hr).single_points
    assert [(p.kind, p.name("nl"), p.team.name, p.holders, p.minimum) for p in points] == [
        ("skill", "De medewerker kan een werktekening lezen", "Marco Manager", ("Daan Medewerker",), 2)]


def test_a_team_minimum_hr_set_asks_its_own_level_and_number(team):
    db, firm, _ = team
    db["team_minimums"].insert({"manager_id": firm.manager.id, "questionnaire_id": "klein", "item_id": T, "people": 1,
                                "level": 3, "updated_at": now()})
    found = matrix.matrix(db, firm.manager)
    assert found.single_points == ()  # Daan's 4 and Bram's 3 both reach level 3; one is enough
    assert {count.skill.item.id: count.at_minimum for count in found.counts}[T] == 2


def test_a_certificate_held_by_fewer_than_the_minimum_is_a_single_point_of_failure_expired_ones_do_not_count(team):
    db, firm, bram = team
    certificate(db, firm.employee, "BHV", date.today() + timedelta(days=30))
    certificate(db, bram, "BHV", date.today() - timedelta(days=1))
    certificate(db, bram, "VCA Basis", None)  # no expiry: valid
    certificate_minimum(db, firm.manager, "BHV", 2)
    certificate_minimum(db, firm.manager, "VCA Basis", 1)
    certificate_minimum(db, firm.other_manager, "VCA Basis", 1)
    points = [p for p in matrix.matrix(db, firm.manager).single_points if p.kind == "certificate"]
    assert [(p.name("nl"), p.team.name, p.holders, p.minimum) for p in points] == [
        ("BHV", "Marco Manager", ("Daan Medewerker",), 2)]
    assert [(p.name("nl"), p.team.name) for p in matrix.matrix(db, firm.hr).single_points if p.kind == "certificate"] == [
        ("BHV", "Marco Manager"), ("VCA Basis", "Sandra Ander")]


def test_each_persons_gaps_list_what_is_critical_to_their_own_function_first(team):
    db, firm, bram = team
    require(db, "lasser", V, 3, critical=True)  # critical to welders, not to sheet-metal workers
    found = matrix.matrix(db, firm.manager)
    assert [(gap.skill.item.id, gap.level, gap.required, gap.critical) for gap in found.gaps[bram.id]] == [
        (T, 3, 4, True)]
    assert [(gap.skill.item.id, gap.level, gap.critical) for gap in found.gaps[firm.employee.id]] == [(V, 2, False)]


def test_filters_narrow_to_a_job_function_and_a_section(team):
    db, firm, _ = team
    lassers = matrix.matrix(db, firm.hr, function_id="lasser")
    assert [person.name for person in lassers.people] == ["Otto Buiten"]
    assert [skill.item.id for skill in lassers.skills] == [T, V, TIG]  # the welding section applies to welders
    assert [skill.item.id for skill in matrix.matrix(db, firm.hr, section_id="lassen").skills] == [TIG]
    assert [skill.item.id for skill in matrix.matrix(db, firm.manager).skills] == [T, V]
    options = matrix.filter_options(db, firm.manager)
    assert [p.name for p in options.teams] == ["Marco Manager"]
    assert [s.id for s in options.sections] == ["vak", "lassen"]


def test_no_requirement_for_the_function_reads_as_such(team):
    db, firm, _ = team
    later = create_round(db, firm.hr, "Ronde 2027", firm.version_id, employee_ids=[firm.outsider.id]).round.id
    otto = conversation_of(db, later, firm.outsider)
    fill(db, firm.outsider, otto, {T: 4, V: 4, TIG: 4})
    fill(db, firm.other_manager, otto, {T: 4, V: 4, TIG: 4})
    reports.mark_held(db, firm.other_manager, otto)
    assert states(matrix.matrix(db, firm.other_manager))[("Otto Buiten", TIG)] == (4, False, None, NO_REQUIREMENT)


def test_the_xlsx_holds_levels_and_state_colours_and_keeps_a_formula_like_name_as_text(team):
    db, firm, bram = team
    update_person(db, bram.id, name="=HYPERLINK(\"http://x\")")
    book = openpyxl.load_workbook(BytesIO(matrix.matrix_xlsx(db, firm.manager, "nl")))
    sheet = book["Matrix"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=4) if row[0].value}
    daan, bram = rows["Daan Medewerker"], rows["'=HYPERLINK(\"http://x\")"]
    assert (daan[1].value, bram[1].value) == (4, "3*")  # agreed, and the manager's answer in a draft report
    assert daan[1].fill.fgColor.rgb.endswith(STATE_COLOURS[MET].lstrip("#").upper())
    assert bram[1].fill.fgColor.rgb.endswith(STATE_COLOURS[BELOW].lstrip("#").upper())
    assert sheet["A2"].value.startswith("Stand van ")
    assert book.sheetnames == ["Matrix", "Per vaardigheid", "Kwetsbare plekken", "Wat ieder mist"]


def test_the_pdf_is_a3_landscape_in_the_readers_language_and_is_logged(team):
    db, firm, _ = team
    pdf = matrix.matrix_pdf(db, firm.manager, "en")
    page = PdfReader(BytesIO(pdf)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (1191, 842)
    text = flat(text_of(pdf))
    assert "Skills matrix" in text and "Daan Medewerker" in text and "Single points of failure" in text
    assert "The employee can read a drawing" in text  # the manager's wording, in English
    logged = db.execute("SELECT action, detail FROM audit_events WHERE action = 'export.matrix'").fetchall()
    assert logged == [("export.matrix", '{"format": "pdf", "rows": 2}')]


def test_no_round_yet_gives_an_empty_matrix(fresh_db):
    hr = add_person(fresh_db, name="HR", username="hr", roles=("employee", "hr_admin"))
    found = matrix.matrix(fresh_db, hr)
    assert found.skills == () and matrix.filter_options(fresh_db, hr).sections == ()


def test_answers_of_a_conversation_not_yet_held_give_no_level(fresh_db, firm):
    fill(fresh_db, firm.employee, firm.conversation_id, {T: 5, V: 5})
    fill(fresh_db, firm.manager, firm.conversation_id, {T: 4, V: 4})
    assert states(matrix.matrix(fresh_db, firm.manager))[("Daan Medewerker", T)][3] == NO_DATA


SATISFACTION = """\
id: tevreden
title: {nl: Tevreden, en: Satisfied}
languages: [nl, en]
scales:
  s:
    points: [1, 2, 3, 4, 5]
sections:
  - id: vak
    title: {nl: Vak, en: Craft}
    kind: skill
    items:
      - {id: zetten, type: likert, scale: s, text: {nl: Ik kan zetten, en: I can bend}}
      - {id: tevreden, type: likert, scale: s, kind: satisfaction, text: {nl: Hoe tevreden ben je?, en: How satisfied are you?}}
"""


def test_a_satisfaction_question_is_no_column_of_the_matrix(fresh_db, firm):
    version = store_questionnaire(fresh_db, firm.hr, SATISFACTION, "tevreden.yaml")
    create_round(fresh_db, firm.hr, "Ronde 2027", version.id, employee_ids=[firm.employee.id])
    assert [skill.item.id for skill in matrix.matrix(fresh_db, firm.manager).skills] == ["zetten"]
