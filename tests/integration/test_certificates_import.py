"""Certificates in from Excel and back out: Dutch Excel's CSV, every problem at once with the row and
column Excel shows, all or nothing, and an export that reads back in unchanged."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner

from devtalk.cli import cli
from devtalk.services import certificates
from devtalk.spreadsheets.certificates_import import ImportFailed
from tests.certificate_builders import certificate_type, certify

TODAY = date(2026, 6, 15)


@pytest.fixture
def firm(fresh_db, firm):
    return certify(fresh_db, firm)


def dutch_excel(*lines: str) -> bytes:
    """What Dutch Excel's plain "CSV (puntkommagescheiden)" writes: ';', Windows-1252, CRLF."""
    return "\r\n".join(lines).encode("cp1252")


def stored(db) -> list[tuple]:
    return db.execute("SELECT person_id, type_id, number, issued_on, expires_on FROM certificates ORDER BY id").fetchall()


def test_a_dutch_excel_file_adds_certificates_and_fills_an_empty_expiry_from_the_type(fresh_db, firm):
    data = dutch_excel("Gebruikersnaam;Certificaat;Nummer;Afgegeven;Verloopt",
                       "employee;bhv;BHV-ë1;01-03-2026;", "outsider;VCA Basis;VCA-7;1-3-2026;01-03-2031")
    plan = certificates.import_certificates(fresh_db, firm.hr, data, "certificaten.csv", today=TODAY)
    assert [(r.row, r.username, r.type_name, r.number, r.expires_on) for r in plan.added] == [
        (2, "employee", "BHV", "BHV-ë1", date(2027, 3, 1)), (3, "outsider", "VCA Basis", "VCA-7", date(2031, 3, 1))]
    held = {row.type.name: row.certificate.number for row in certificates.of_person(fresh_db, firm.hr, firm.employee.id)}
    assert held == {"BHV": "BHV-ë1", "VCA Basis": "VCA-1"}


def test_every_problem_is_named_at_its_row_and_column_and_nothing_is_stored(fresh_db, firm):
    before = stored(fresh_db)
    data = dutch_excel("username;certificate;number;issued;expires",
                       "nobody;BHV;1;01-03-2026;",                # unknown person
                       "employee;Duikbrevet;2;01-03-2026;",       # unknown type
                       "employee;BHV;3;31-02-2026;",              # no such day
                       "employee;BHV;4;01-03-2026;01-01-2026",    # expires before issued
                       "employee;BHV;5;01-03-2027;",              # issued in the future
                       "employee;BHV;6;2026/03/01;",              # not a date we read
                       "employee;BHV;7;02-03-2026;",
                       "employee;bhv;7;02-03-2026;")              # the same certificate again
    with pytest.raises(ImportFailed) as failed:
        certificates.import_certificates(fresh_db, firm.hr, data, "c.csv", today=TODAY)
    problems = [(p.row, p.column, p.message.key) for p in failed.value.problems]
    assert problems == [
        (2, "username", "certificates.person_unknown"), (3, "certificate", "certificates.type_unknown"),
        (4, "issued", "certificates.date_invalid"), (5, "expires", "certificates.expires_before_issued"),
        (6, "issued", "certificates.issued_in_future"), (7, "issued", "certificates.date_invalid"),
        (9, "username", "certificates.row_twice")]
    assert "Rij 2, kolom 'username': Niemand heeft de gebruikersnaam 'nobody'" in failed.value.problems[0].render("nl")
    assert "VCA Basis" in failed.value.problems[1].render("en")
    assert stored(fresh_db) == before


def test_a_missing_or_unknown_column_is_named_before_any_row(fresh_db, firm):
    with pytest.raises(ImportFailed) as failed:
        certificates.plan_import(fresh_db, firm.hr, dutch_excel("naam;certificaat", "Daan;BHV"), "c.csv")
    assert [(p.row, p.column, p.message.key) for p in failed.value.problems] == [
        (1, "naam", "people.column_unknown"), (1, None, "people.column_missing")]


def test_an_export_reads_back_in_without_changing_or_doubling_anything(fresh_db, firm):
    before = stored(fresh_db)
    for fmt, name in (("csv", "c.csv"), ("xlsx", "c.xlsx")):
        data = certificates.export_certificates(fresh_db, firm.hr, fmt)
        plan = certificates.import_certificates(fresh_db, firm.hr, data, name)
        assert (len(plan.added), len(plan.changed), plan.unchanged) == (0, 0, 2)
    assert stored(fresh_db) == before


def test_the_csv_export_is_what_dutch_excel_opens_with_dates_as_it_writes_them(fresh_db, firm):
    text = certificates.export_certificates(fresh_db, firm.hr, "csv").decode("utf-8-sig")
    header, first = text.splitlines()[:2]
    assert header == "gebruikersnaam;certificaat;nummer;afgegeven;verloopt"
    vca = certificates.history(fresh_db, firm.hr, firm.employee.id)[0].certificate
    assert first == f"employee;VCA Basis;VCA-1;{vca.issued_on:%d-%m-%Y};{vca.expires_on:%d-%m-%Y}"


def test_the_xlsx_export_holds_real_dates_and_english_headers_for_an_english_reader(fresh_db, firm):
    sheet = openpyxl.load_workbook(io.BytesIO(certificates.export_certificates(fresh_db, firm.hr, "xlsx", "en"))).active
    assert [cell.value for cell in sheet[1]] == ["username", "certificate", "number", "issued", "expires"]
    assert sheet["D2"].is_date and sheet["D2"].number_format == "DD-MM-YYYY"


def test_a_number_that_looks_like_a_formula_is_exported_as_text(fresh_db, firm):
    bhv = certificate_type(fresh_db, "BHV")
    certificates.add_certificate(fresh_db, firm.hr, firm.employee.id, type_id=bhv.id, number="=HYPERLINK(1)")
    assert ";'=HYPERLINK(1);" in certificates.export_certificates(fresh_db, firm.hr, "csv").decode("utf-8-sig")


def test_the_command_line_imports_and_exports_certificates(fresh_db, firm, app_opens, tmp_path):
    app_opens(fresh_db)
    runner = CliRunner()
    source = tmp_path / "in.csv"
    source.write_bytes(dutch_excel("gebruikersnaam;certificaat;nummer;afgegeven;verloopt", "employee;EHBO;E-1;01-03-2026;"))
    result = runner.invoke(cli, ["import-certificates", str(source)])
    assert result.exit_code == 0, result.output
    assert "1 toegevoegd, 0 gewijzigd, 0 ongewijzigd" in result.output
    exported = runner.invoke(cli, ["export-certificates", "-"])
    assert "employee;EHBO;E-1;01-03-2026;01-03-2028" in exported.stdout_bytes.decode("utf-8-sig")
    source.write_bytes(dutch_excel("gebruikersnaam;certificaat", "niemand;EHBO"))
    refused = runner.invoke(cli, ["import-certificates", str(source)])
    assert refused.exit_code == 1 and "Rij 2, kolom 'gebruikersnaam'" in refused.output


def test_the_command_line_mails_certificate_reminders_once(fresh_db, firm, app_opens, smtp_server, monkeypatch):
    from db import people
    app_opens(fresh_db)
    inbox, settings = smtp_server
    people.update_person(fresh_db, firm.manager.id, email="marco@firma.example")
    monkeypatch.setenv("DEVTALK_SMTP_HOST", settings.host)
    monkeypatch.setenv("DEVTALK_SMTP_PORT", str(settings.port))
    runner = CliRunner()
    assert "mails verstuurd: 1" in runner.invoke(cli, ["remind-certificates"]).output
    assert "mails verstuurd: 0" in runner.invoke(cli, ["remind-certificates"]).output
    assert [recipients for recipients, _ in inbox.messages] == [["marco@firma.example"]]
