"""The yearly training plan on a real database: who sees which part of it (and its costs), why each
line is there, and the XLSX and the PDF read back as a fund or an auditor would open them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest
from click.testing import CliRunner

from db import audit
from db import learning as store
from db.people import add_person, update_person
from devtalk.cli import cli
from devtalk.domain.access import OPERATOR
from devtalk.domain.learning import Subsidy
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.services import training_plan
from tests.builders import T, flat, text_of

YEAR = 2026


def with_coordinator(db, firm):
    firm.coordinator = add_person(db, name="Carla Coördinator", username="carla", roles=("employee", "training_coordinator"))
    return firm


def request(db, employee, what="Cursus TIG-lassen", kind="course", status="approved", subsidy=None, **fields) -> int:
    """A learning request of YEAR as the coordinator left it, with its subsidy."""
    request_id = store.add_request(db, employee_id=employee.id, kind=kind, what=what, year=fields.pop("year", YEAR),
                                   status=status, **fields)
    if subsidy:
        store.set_subsidy(db, Subsidy(request_id, *subsidy), request_id)
    return request_id


@pytest.fixture
def planned(firm, fresh_db):
    """Daan (Marco's team) with a course of € 1.234,56 at a provider, half of it subsidised, and a
    walk-along with a colleague; Otto (Sandra's team) with a course; a declined one for Daan."""
    db = fresh_db
    with_coordinator(db, firm)
    firm.course = request(db, firm.employee, conversation_id=firm.conversation_id, item_id=T, decision="external",
                          provider="Lasschool Oost", planned_start=date(YEAR, 3, 2), planned_end=date(YEAR, 3, 4),
                          estimated_cents=123_456, hours=Decimal(16), status="planned",
                          subsidy=("OOM", "Opleidingsbudget", 61_728, "applied"))
    firm.walk = request(db, firm.employee, what="Meelopen met Otto", kind="walk_along", decision="internal",
                        colleague_id=firm.outsider.id, status="done", estimated_cents=0, actual_cents=2_550)
    request(db, firm.outsider, what="Cursus BHV", estimated_cents=45_000)
    request(db, firm.employee, what="Cursus Engels", status="declined", decline_reason="Geen budget")
    request(db, firm.employee, what="Vorig jaar", year=YEAR - 1)
    return firm


def sheet_rows(data: bytes) -> list[tuple]:
    return list(openpyxl.load_workbook(BytesIO(data)).worksheets[0].iter_rows(values_only=True))


def test_the_coordinator_sees_the_whole_firms_year_with_its_costs_and_no_declined_request(fresh_db, planned):
    found = training_plan.plan(fresh_db, planned.coordinator, YEAR)
    assert found.shows_costs is True
    assert [(line.team, line.employee, line.what) for line in found.lines] == [
        ("Marco Manager", "Daan Medewerker", "Cursus TIG-lassen"), ("Marco Manager", "Daan Medewerker", "Meelopen met Otto"),
        ("Sandra Ander", "Otto Buiten", "Cursus BHV")]
    assert found.lines[0].estimated_cents == 123_456 and found.lines[0].subsidy.expected_cents == 61_728


def test_each_line_says_why_from_which_conversation_and_who_teaches_it(fresh_db, planned):
    course, walk, _ = training_plan.plan(fresh_db, planned.hr, YEAR).lines
    assert (course.conversation, course.skill["nl"], course.provider) == (
        "Ronde 2026", "De medewerker kan een werktekening lezen", "Lasschool Oost")
    assert (walk.decision, walk.colleague) == ("internal", "Otto Buiten")


def test_a_manager_sees_their_own_team_without_any_amount(fresh_db, planned):
    found = training_plan.plan(fresh_db, planned.manager, YEAR)
    assert found.shows_costs is False
    assert {line.employee for line in found.lines} == {"Daan Medewerker"}
    assert {(line.estimated_cents, line.actual_cents, line.subsidy) for line in found.lines} == {(None, None, None)}
    with pytest.raises(NotAllowed):
        training_plan.plan(fresh_db, planned.manager, YEAR, team_id=planned.other_manager.id)


def test_an_employee_sees_only_their_own_requests_without_amounts(fresh_db, planned):
    found = training_plan.plan(fresh_db, planned.outsider, YEAR)
    assert [(line.what, line.estimated_cents) for line in found.lines] == [("Cursus BHV", None)]


def test_someone_deactivated_since_signing_in_gets_nothing(fresh_db, planned):
    update_person(fresh_db, planned.coordinator.id, active=False)
    stale = replace(planned.coordinator, active=False)  # what the session's Person reads at the next call
    with pytest.raises(NotAllowed):
        training_plan.plan_xlsx(fresh_db, stale, YEAR, "nl")


def test_a_year_that_is_no_year_is_refused(fresh_db, planned):
    with pytest.raises(InvalidInput):
        training_plan.plan(fresh_db, planned.coordinator, 20266)


def test_the_xlsx_holds_amounts_as_euro_numbers_dates_as_dates_and_a_totals_row(fresh_db, planned):
    rows = sheet_rows(training_plan.plan_xlsx(fresh_db, planned.coordinator, YEAR, "nl"))
    header = rows[2]
    course = dict(zip(header, rows[3]))
    assert course["Begrote kosten"] == pytest.approx(1234.56) and isinstance(course["Begrote kosten"], float)
    assert (course["Verwachte subsidie"], course["Subsidie van"], course["Stand subsidie"]) == (pytest.approx(617.28), "OOM", "Aangevraagd")
    assert course["Start"].date() == date(YEAR, 3, 2) and course["Uren"] == 16
    assert (course["Team van"], course["Intern of extern"], course["Door (collega of aanbieder)"]) == ("Marco Manager", "Extern", "Lasschool Oost")
    totals = dict(zip(header, rows[-1]))
    assert (totals["Team van"], totals["Begrote kosten"], totals["Werkelijke kosten"]) == ("Totaal", pytest.approx(1684.56), pytest.approx(25.5))
    book = openpyxl.load_workbook(BytesIO(training_plan.plan_xlsx(fresh_db, planned.coordinator, YEAR, "nl")))
    assert "€" in book.worksheets[0].cell(4, header.index("Begrote kosten") + 1).number_format
    assert [row[:2] for row in book.worksheets[1].iter_rows(values_only=True)] == [
        ("Team van", "Verzoeken"), ("Marco Manager", 2), ("Sandra Ander", 1), ("Totaal", 3)]


def test_a_formula_typed_into_the_plan_stays_text_in_the_xlsx(fresh_db, planned):
    request(fresh_db, planned.employee, what="=cmd|' /C calc'!A0", provider="@SUM(A1)", decision="external")
    book = openpyxl.load_workbook(BytesIO(training_plan.plan_xlsx(fresh_db, planned.coordinator, YEAR, "nl")))
    cells = [cell for row in book.worksheets[0].iter_rows() for cell in row if isinstance(cell.value, str) and "cmd" in cell.value]
    assert [(cell.value, cell.data_type) for cell in cells] == [("'=cmd|' /C calc'!A0", "s")]
    assert not [cell for row in book.worksheets[0].iter_rows() for cell in row if cell.data_type == "f"]


def test_a_managers_xlsx_has_no_money_columns(fresh_db, planned):
    header = sheet_rows(training_plan.plan_xlsx(fresh_db, planned.manager, YEAR, "nl"))[2]
    assert not {"Begrote kosten", "Werkelijke kosten", "Verwachte subsidie"} & set(header)


def test_the_pdf_has_the_plan_in_dutch_euros_with_totals_and_the_directors_signature(fresh_db, planned):
    text = flat(text_of(training_plan.plan_pdf(fresh_db, planned.coordinator, YEAR, "nl")))
    for expected in ("Opleidingsplan 2026", "Marco Manager", "Cursus TIG-lassen", "€ 1.234,56", "€ 617,28",
                     "€ 25,50", "€ 450,00", "€ 1.684,56", "Totalen", "Directeur", "Naam", "Datum", "Plaats",
                     "Handtekening", "Pagina 1 van"):
        assert expected in text, expected
    assert "Cursus Engels" not in text


def test_the_english_pdf_writes_euros_the_english_way(fresh_db, planned):
    text = flat(text_of(training_plan.plan_pdf(fresh_db, planned.coordinator, YEAR, "en")))
    assert "€1,234.56" in text and "Director" in text and "Place" in text


def test_a_managers_pdf_says_the_amounts_are_left_out(fresh_db, planned):
    text = flat(text_of(training_plan.plan_pdf(fresh_db, planned.manager, YEAR, "nl")))
    assert "€" not in text and "Zonder bedragen" in text


def test_every_download_is_in_the_audit_log(fresh_db, planned):
    training_plan.plan_pdf(fresh_db, planned.coordinator, YEAR, "nl")
    (event,) = [event for event in audit.list_events(fresh_db) if event.action == "export.training_plan"]
    assert event.actor_id == planned.coordinator.id


def test_the_filters_offer_a_coordinator_every_team_and_a_manager_their_own(fresh_db, planned):
    teams = training_plan.filter_options(fresh_db, planned.coordinator, today=date(YEAR, 5, 1))
    assert [team.name for team in teams.teams] == ["Marco Manager", "Sandra Ander"]
    assert teams.years[:2] == (YEAR + 1, YEAR)
    assert [team.id for team in training_plan.filter_options(fresh_db, planned.manager).teams] == [planned.manager.id]
    assert training_plan.filter_options(fresh_db, planned.employee).teams == ()



# --- the command line --------------------------------------------------------------------------

@pytest.fixture
def cli_db(fresh_db, planned, app_opens):
    """The planned firm in the database the command line opens."""
    app_opens(fresh_db)


def plan_command(*args):
    return CliRunner().invoke(cli, ["training-plan", *args])


def test_the_command_line_writes_the_whole_plan_with_costs_as_xlsx_and_as_pdf(cli_db, tmp_path):
    for name in ("plan.xlsx", "plan.PDF"):
        result = plan_command("--year", str(YEAR), "--out", str(tmp_path / name))
        assert result.exit_code == 0, result.output
    assert len(sheet_rows((tmp_path / "plan.xlsx").read_bytes())) == 3 + 3 + 1  # title, firm, header; 3 lines; totals
    assert "€ 1.234,56" in flat(text_of((tmp_path / "plan.PDF").read_bytes()))


@pytest.mark.parametrize(("args", "says"), [
    (("--year", "20266", "--out", "plan.pdf"), "20266"),
    (("--year", "twee", "--out", "plan.pdf"), "twee"),
    (("--year", "2026", "--out", "plan.csv"), ".xlsx of .pdf"),
    (("--out", "plan.pdf"), "--year"),
], ids=["year out of range", "year not a number", "unknown extension", "no year"])
def test_the_command_line_refuses_a_bad_year_or_file_name_with_exit_2_and_writes_nothing(cli_db, tmp_path, args, says):
    out_index = args.index("--out") + 1
    args = (*args[:out_index], str(tmp_path / args[out_index]), *args[out_index + 1:])
    result = plan_command(*args)
    assert result.exit_code == 2 and says in result.output
    assert not [path for path in tmp_path.iterdir() if path.name.startswith("plan.") and path.suffix != ".db"]


def test_the_command_lines_download_is_logged_without_a_person(fresh_db, planned):
    training_plan.plan_xlsx(fresh_db, OPERATOR, YEAR, "nl")
    (event,) = [event for event in audit.list_events(fresh_db) if event.action == "export.training_plan"]
    assert event.actor_id is None


def test_one_persons_plan_holds_their_lines_and_a_manager_gets_nobody_outside_the_team(fresh_db, planned):
    assert [line.what for line in training_plan.plan(fresh_db, planned.hr, YEAR, employee_id=planned.outsider.id).lines] == [
        "Cursus BHV"]
    assert training_plan.plan(fresh_db, planned.manager, YEAR, employee_id=planned.outsider.id).lines == ()


def test_a_year_without_requests_still_gives_a_plan_to_sign_that_says_so(fresh_db, planned):
    text = flat(text_of(training_plan.plan_pdf(fresh_db, planned.coordinator, YEAR + 1, "nl")))
    assert "Er zijn nog geen leerverzoeken voor dit jaar." in text and "Directeur" in text
    rows = sheet_rows(training_plan.plan_xlsx(fresh_db, planned.coordinator, YEAR + 1, "nl"))
    assert rows[-1][0] == "Totaal"
