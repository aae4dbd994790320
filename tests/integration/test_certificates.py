"""Certificates as people meet them: who sees whose, what HR's dashboard and a manager's team list
show, scans that are refused or kept from the page, reminders that go out once, and the audit log."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from devtalk.errors import InvalidInput, NotAllowed, NotFound
from devtalk.services import certificates, exports
from tests.certificate_builders import PNG, TODAY, certificate_type, certify


@pytest.fixture
def firm(fresh_db, firm):
    return certify(fresh_db, firm)


def names(rows):
    return sorted((row.person.name, row.type.name, row.status) for row in rows)


def test_an_employee_sees_their_own_certificates_and_never_a_colleagues(fresh_db, firm):
    assert names(certificates.of_person(fresh_db, firm.employee, firm.employee.id)) == [
        ("Daan Medewerker", "VCA Basis", "expiring")]
    for colleague in (firm.outsider.id, firm.manager.id):
        with pytest.raises(NotAllowed):
            certificates.of_person(fresh_db, firm.employee, colleague)
    with pytest.raises(NotAllowed):
        certificates.history(fresh_db, firm.employee, firm.outsider.id)
    with pytest.raises(NotAllowed):
        certificates.scan(fresh_db, firm.employee, firm.otto_bhv)


def test_an_unknown_person_or_certificate_looks_like_a_colleagues_to_anyone_but_hr(fresh_db, firm):
    with pytest.raises(NotAllowed):
        certificates.of_person(fresh_db, firm.employee, 999)
    with pytest.raises(NotAllowed):
        certificates.scan(fresh_db, firm.employee, 999)
    with pytest.raises(NotFound):
        certificates.of_person(fresh_db, firm.hr, 999)


def test_a_manager_sees_their_own_team_only(fresh_db, firm):
    assert names(certificates.team_certificates(fresh_db, firm.manager)) == [("Daan Medewerker", "VCA Basis", "expiring")]
    assert certificates.scan(fresh_db, firm.manager, firm.daan_vca).content == PNG
    with pytest.raises(NotAllowed):
        certificates.of_person(fresh_db, firm.manager, firm.outsider.id)
    with pytest.raises(NotAllowed):
        certificates.scan(fresh_db, firm.manager, firm.otto_bhv)
    assert certificates.holders(fresh_db, firm.manager) == {firm.manager.id: {certificate_type(fresh_db, "VCA Basis").id: [firm.employee.id]}}
    with pytest.raises(NotAllowed):
        certificates.holders(fresh_db, firm.manager, firm.other_manager.id)


def test_someone_who_leads_nobody_has_an_empty_team_list(fresh_db, firm):
    assert certificates.team_certificates(fresh_db, firm.employee) == []
    assert certificates.reminders(fresh_db, firm.employee) == []


def test_a_card_session_sees_its_own_certificates_and_no_team(fresh_db, firm):
    by_card = replace(firm.manager, roles=("employee",), restricted=True)
    assert certificates.team_certificates(fresh_db, by_card) == []
    with pytest.raises(NotAllowed):
        certificates.of_person(fresh_db, by_card, firm.employee.id)
    daan_by_card = replace(firm.employee, restricted=True)
    assert names(certificates.of_person(fresh_db, daan_by_card, firm.employee.id))


def test_hr_dashboard_lists_expired_expiring_and_missing_but_not_what_lasts(fresh_db, firm):
    # The bundled list links the welder's qualification to the firm's job function "lasser": Otto's.
    rows = certificates.dashboard(fresh_db, firm.hr)
    assert names(rows) == [("Daan Medewerker", "VCA Basis", "expiring"),
                           ("Otto Buiten", "Lasserskwalificatie EN ISO 9606", "missing")]
    # Otto's BHV expires in 11 months: beyond the six-month horizon, so not on the dashboard.


def test_the_dashboard_shows_what_expires_within_six_months_even_before_the_types_own_warning(fresh_db, firm):
    later = certificates.dashboard(fresh_db, firm.hr, today=TODAY + timedelta(days=170))
    assert ("Otto Buiten", "BHV", "valid") in names(later)
    assert ("Daan Medewerker", "VCA Basis", "expired") in names(later)


def test_a_renewal_replaces_the_expiring_certificate_everywhere_and_stays_in_the_history(fresh_db, firm):
    vca = certificate_type(fresh_db, "VCA Basis")
    certificates.add_certificate(fresh_db, firm.hr, firm.employee.id, type_id=vca.id, number="VCA-9", issued_on=TODAY)
    [row] = certificates.of_person(fresh_db, firm.employee, firm.employee.id)
    assert (row.certificate.number, row.certificate.expires_on, row.status) == ("VCA-9", certificates.expiry_for(vca, TODAY), "valid")
    assert [r.certificate.number for r in certificates.history(fresh_db, firm.employee, firm.employee.id)] == ["VCA-9", "VCA-1"]
    assert "Daan Medewerker" not in {row.person.name for row in certificates.dashboard(fresh_db, firm.hr)}


def test_gaps_are_the_required_certificates_missing_or_expiring_before_the_next_round(fresh_db, firm):
    assert names(certificates.gaps(fresh_db, firm.manager, firm.employee.id, TODAY + timedelta(days=365))) == [
        ("Daan Medewerker", "VCA Basis", "expiring")]
    assert certificates.gaps(fresh_db, firm.manager, firm.employee.id, TODAY + timedelta(days=10)) == []
    # Otto's BHV expires within the year but is not required for a lasser: no agenda point; the
    # welder's qualification his job function requires and he lacks is one.
    assert names(certificates.gaps(fresh_db, firm.hr, firm.outsider.id, TODAY + timedelta(days=400))) == [
        ("Otto Buiten", "Lasserskwalificatie EN ISO 9606", "missing")]


def test_a_certificate_without_an_expiry_takes_the_types_and_one_that_expires_before_issue_is_refused(fresh_db, firm):
    bhv = certificate_type(fresh_db, "BHV")
    added = certificates.add_certificate(fresh_db, firm.hr, firm.employee.id, type_id=bhv.id, issued_on=date(2026, 1, 31))
    assert added.expires_on == date(2027, 1, 31)
    with pytest.raises(InvalidInput) as refused:
        certificates.edit_certificate(fresh_db, firm.hr, added.id, type_id=bhv.id, issued_on=date(2026, 1, 31),
                                      expires_on=date(2025, 1, 1))
    assert refused.value.field == "expires_on"


def test_type_names_are_unique_whatever_the_case(fresh_db, firm):
    with pytest.raises(InvalidInput) as refused:
        certificates.add_type(fresh_db, firm.hr, name="vca basis", validity_months=12)
    assert refused.value.field == "name"


def test_a_scan_whose_content_is_no_pdf_jpeg_or_png_is_refused_whatever_its_name(fresh_db, firm):
    with pytest.raises(InvalidInput) as refused:
        certificates.store_scan(fresh_db, firm.hr, firm.daan_vca, b"MZ\x90\x00 a program", "scan.pdf")
    assert refused.value.message.key == "certificates.scan_type"
    assert certificates.scan(fresh_db, firm.hr, firm.daan_vca).content == PNG  # the earlier scan stays


def test_a_scan_over_the_size_limit_is_refused(fresh_db, firm, monkeypatch):
    monkeypatch.setenv("DEVTALK_SCAN_MAX_MB", "1")
    with pytest.raises(InvalidInput) as refused:
        certificates.store_scan(fresh_db, firm.hr, firm.daan_vca, PNG + b"\x00" * (1024 * 1024), "groot.png")
    assert refused.value.message.key == "certificates.scan_too_large"
    assert "1.0 MB" in refused.value.render("nl")


def test_a_pdf_with_javascript_is_stored_but_never_shown_in_the_page(fresh_db, firm):
    pdf = b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF"
    certificates.store_scan(fresh_db, firm.hr, firm.daan_vca, pdf, "C:\\scans\\vca daan.pdf")
    stored = certificates.scan(fresh_db, firm.manager, firm.daan_vca)
    assert (stored.content, stored.media_type, stored.file_name, stored.inline) == (pdf, "application/pdf", "vca daan.pdf", False)
    plain = b"%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF"
    certificates.store_scan(fresh_db, firm.hr, firm.daan_vca, plain, "vca.pdf")
    assert certificates.scan(fresh_db, firm.manager, firm.daan_vca).inline


def test_a_scan_is_named_as_its_content_is(fresh_db, firm):
    certificates.store_scan(fresh_db, firm.hr, firm.daan_vca, PNG, "vca.pdf")
    assert certificates.scan(fresh_db, firm.hr, firm.daan_vca).file_name == "vca.png"


def test_minimums_are_set_by_hr_and_read_by_the_teams_manager(fresh_db, firm):
    bhv = certificate_type(fresh_db, "BHV")
    certificates.set_minimum(fresh_db, firm.hr, firm.manager.id, bhv.id, 2)
    assert certificates.minimums(fresh_db, firm.manager, firm.manager.id) == {bhv.id: 2}
    assert certificates.all_minimums(fresh_db, firm.hr) == {(firm.manager.id, bhv.id): 2}
    with pytest.raises(NotAllowed):
        certificates.minimums(fresh_db, firm.manager, firm.other_manager.id)
    certificates.set_minimum(fresh_db, firm.hr, firm.manager.id, bhv.id, 0)
    assert certificates.minimums(fresh_db, firm.hr, firm.manager.id) == {}


def test_every_change_is_in_the_audit_log_in_words(fresh_db, firm):
    certificates.delete_certificate(fresh_db, firm.hr, firm.otto_bhv)
    rows = " | ".join(f"{line.what('nl')} {line.record('nl')} {line.detail('nl')}" for line in exports.audit_log(fresh_db, firm.hr))
    for words in ("Startlijst van certificaten geladen", "Certificaatsoort gewijzigd", "Certificaat toegevoegd",
                  "Scan van certificaat opgeslagen", "Certificaat verwijderd"):
        assert words in rows
    assert "BHV" in rows and "Otto Buiten" in rows


def test_the_bundled_list_loads_once_and_never_over_hrs_own(fresh_db, firm):
    assert certificates.load_bundled_types(fresh_db) == 0
    assert {"VCA Basis", "VCA VOL", "BHV"} <= {kind.name for kind in certificates.list_types(fresh_db, firm.employee)}


# Reminders: in the app for HR and managers, by mail once.

def test_hr_and_the_manager_see_what_is_due_in_the_app(fresh_db, firm):
    assert names(certificates.reminders(fresh_db, firm.hr)) == [
        ("Daan Medewerker", "VCA Basis", "expiring"), ("Otto Buiten", "Lasserskwalificatie EN ISO 9606", "missing")]
    assert names(certificates.reminders(fresh_db, firm.manager)) == [("Daan Medewerker", "VCA Basis", "expiring")]
    assert names(certificates.reminders(fresh_db, firm.other_manager)) == [
        ("Otto Buiten", "Lasserskwalificatie EN ISO 9606", "missing")]


def with_addresses(db, firm):
    from db import people
    people.update_person(db, firm.hr.id, email="ingrid@firma.example")
    people.update_person(db, firm.manager.id, email="marco@firma.example")


def test_a_reminder_mail_goes_to_hr_and_the_manager_once(fresh_db, firm, smtp_server):
    inbox, settings = smtp_server
    with_addresses(fresh_db, firm)
    assert certificates.send_reminders(fresh_db, firm.hr, settings=settings) == 2
    recipients = sorted(recipient for recipients, _ in inbox.messages for recipient in recipients)
    assert recipients == ["ingrid@firma.example", "marco@firma.example"]
    to_marco = next(message for recipients, message in inbox.messages if recipients == ["marco@firma.example"])
    assert "Daan Medewerker: VCA Basis verloopt op" in to_marco.get_content()
    assert "Otto" not in to_marco.get_content()  # another team's
    assert certificates.send_reminders(fresh_db, firm.hr, settings=settings) == 0
    assert len(inbox.messages) == 2


def test_the_same_certificate_is_news_again_once_it_has_expired(fresh_db, firm, smtp_server):
    inbox, settings = smtp_server
    with_addresses(fresh_db, firm)
    certificates.send_reminders(fresh_db, firm.hr, settings=settings)
    assert certificates.send_reminders(fresh_db, firm.hr, today=TODAY + timedelta(days=31), settings=settings) == 2
    assert "VCA Basis is verlopen op" in inbox.messages[-1][1].get_content()


def test_a_reminder_that_could_not_be_sent_goes_out_next_time(fresh_db, firm, smtp_server):
    from devtalk.config import SmtpSettings
    from devtalk.mail import MailFailed
    _inbox, settings = smtp_server
    with_addresses(fresh_db, firm)
    with pytest.raises(MailFailed):
        certificates.send_reminders(fresh_db, firm.hr, settings=SmtpSettings("127.0.0.1", 1, "", "", "hr@x.example"))
    assert certificates.send_reminders(fresh_db, firm.hr, settings=settings) == 2


def test_without_a_mail_server_reminders_stay_in_the_app(fresh_db, firm, monkeypatch):
    monkeypatch.delenv("DEVTALK_SMTP_HOST", raising=False)
    with pytest.raises(InvalidInput):
        certificates.send_reminders(fresh_db, firm.hr)


def test_the_demo_firm_has_certificates_in_every_status_and_a_team_short_of_bhv(demo_db):
    from db import people
    hr, marco = people.person_by_username(demo_db, "hr"), people.person_by_username(demo_db, "manager")
    statuses = {row.status for row in certificates.team_certificates(demo_db, marco)}
    assert statuses == {"valid", "expiring", "expired", "missing"}
    assert ("Daan Smit", "VCA Basis", "expired") in names(certificates.dashboard(demo_db, hr))
    bhv = certificate_type(demo_db, "BHV")
    assert certificates.minimums(demo_db, marco, marco.id) == {bhv.id: 2}
    assert len(certificates.holders(demo_db, marco)[marco.id][bhv.id]) == 1


def test_a_new_firm_starts_with_the_bundled_certificate_types(fresh_db):
    from devtalk.services import setup
    hr = setup.create_firm(fresh_db, firm_name="Firma", language="nl", name="Ingrid", username="ingrid",
                           password="een-lang-wachtwoord")
    assert {"VCA Basis", "VCA VOL", "BHV"} <= {kind.name for kind in certificates.list_types(fresh_db, hr)}


def test_a_type_hr_switched_off_leaves_the_dashboard_and_reminders_but_stays_in_the_history(fresh_db, firm):
    vca = certificate_type(fresh_db, "VCA Basis")
    certificates.edit_type(fresh_db, firm.hr, vca.id, name=vca.name, validity_months=120, function_ids=["plaatwerker"],
                           active=False)
    assert "VCA Basis" not in {row.type.name for row in certificates.dashboard(fresh_db, firm.hr)}
    assert "VCA Basis" not in {row.type.name for row in certificates.reminders(fresh_db, firm.manager)}
    assert [row.type.name for row in certificates.history(fresh_db, firm.employee, firm.employee.id)] == ["VCA Basis"]
