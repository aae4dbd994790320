"""Certificates where people look for them: HR's dashboard and forms, the manager's home, the
employee's own page and the dossier; each sees only whose certificates they may."""

from __future__ import annotations

from datetime import date, timedelta

from db import people
from devtalk import mail
from devtalk.services import certificates
from tests.app.conftest import download, open_page, page_run_directly, sign_in, texts

HR_PAGE = "pages/hr_certificates.py"
MINE = "pages/my_certificates.py"
TODAY = date.today()
# A PDF that names JavaScript: kept, but only ever handed out as a file to save.
SCAN = b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF\n"


def certified_firm(database, firm):
    """VCA Basis (required for plaatwerkers), BHV and Heftruck (required for lassers); Daan (the manager's
    employee) holds an expired VCA with a scan, Otto (the other team) a BHV that expires in a month."""
    vca = certificates.add_type(database, firm.hr, name="VCA Basis", issuer="SSVV", validity_months=120, warn_days=90,
                                function_ids=["plaatwerker"])
    bhv = certificates.add_type(database, firm.hr, name="BHV", issuer="NIBHV", validity_months=12, warn_days=60,
                                function_ids=[])
    certificates.add_type(database, firm.hr, name="Heftruck", issuer="", validity_months=60, warn_days=90,
                          function_ids=["lasser"])
    daan_vca = certificates.add_certificate(database, firm.hr, firm.employee.id, type_id=vca.id, number="VCA-123",
                                            issued_on=TODAY - timedelta(days=3660), expires_on=TODAY - timedelta(days=1))
    certificates.store_scan(database, firm.hr, daan_vca.id, SCAN, "vca daan.pdf")
    certificates.add_certificate(database, firm.hr, firm.outsider.id, type_id=bhv.id, number="BHV-9",
                                 issued_on=TODAY - timedelta(days=335), expires_on=TODAY + timedelta(days=30))
    return vca, bhv


def dashboard(app):
    return next(frame.value for frame in app.dataframe if "Medewerker" in frame.value.columns)


def test_hr_sees_everyones_expired_expiring_and_missing_certificates_most_urgent_first(firm_db):
    database, firm = firm_db
    certified_firm(database, firm)
    app = page_run_directly("hr", HR_PAGE)
    assert not app.exception
    rows = dashboard(app)[["Medewerker", "Certificaat", "Status"]].to_dict("records")
    assert rows == [
        {"Medewerker": "Daan Medewerker", "Certificaat": "VCA Basis", "Status": "Verlopen"},
        {"Medewerker": "Otto Buiten", "Certificaat": "Heftruck", "Status": "Ontbreekt"},
        {"Medewerker": "Otto Buiten", "Certificaat": "BHV", "Status": "Verloopt binnenkort"},
    ]
    assert [metric.value for metric in app.metric] == ["1", "1", "1"]


def test_the_dashboard_colours_expired_red_and_expiring_orange(firm_db):
    database, firm = firm_db
    certified_firm(database, firm)
    app = page_run_directly("hr", HR_PAGE)
    styles = str(next(frame for frame in app.dataframe if "Medewerker" in frame.value.columns).proto.arrow_data.styler)
    assert "#fde2e1" in styles and "#ffe8cc" in styles


def test_hr_adds_a_certificate_whose_expiry_the_type_proposes(firm_db):
    database, firm = firm_db
    vca, _ = certified_firm(database, firm)
    app = page_run_directly("hr", HR_PAGE)
    app.selectbox(key="certificates_person").set_value(firm.outsider.id).run()
    prefix = f"certificate_{firm.outsider.id}_new_"
    app.selectbox(key=f"{prefix}type").set_value(vca.id).run()
    app.date_input(key=f"{prefix}issued").set_value(date(2026, 3, 1)).run()
    assert app.date_input(key=f"{prefix}expires").value == date(2036, 3, 1)
    app.text_input(key=f"{prefix}number").input("VCA-777").run()
    app.button(key="certificate_save").click().run()
    assert not app.exception
    assert "Opgeslagen." in texts(app)
    held = next(frame.value for frame in app.dataframe if "Nummer" in frame.value.columns
                and "Medewerker" not in frame.value.columns)
    assert "VCA-777" in list(held["Nummer"])


def test_hr_sets_which_job_functions_require_a_type(firm_db):
    database, firm = firm_db
    _, bhv = certified_firm(database, firm)
    app = page_run_directly("hr", HR_PAGE)
    app.selectbox(key="certificate_type_selected").set_value(bhv.id).run()
    app.multiselect(key=f"certificate_type_{bhv.id}_functions").set_value(["plaatwerker"]).run()
    app.button(key="certificate_type_save").click().run()
    assert not app.exception
    app = page_run_directly("hr", HR_PAGE)
    rows = dashboard(app)[["Medewerker", "Certificaat", "Status"]].to_dict("records")
    assert {"Medewerker": "Daan Medewerker", "Certificaat": "BHV", "Status": "Ontbreekt"} in rows


def test_an_employee_sees_only_their_own_certificates_with_their_status(firm_db):
    database, firm = firm_db
    certified_firm(database, firm)
    shown = texts(open_page(sign_in("employee"), MINE))
    assert "VCA Basis" in shown and "Verlopen" in shown and "nr. VCA-123" in shown
    assert "BHV" not in shown and "Otto" not in shown


def test_the_manager_home_lists_their_own_teams_certificates_only(firm_db):
    database, firm = firm_db
    certified_firm(database, firm)
    app = open_page(sign_in("manager"), "pages/my_conversations.py")
    assert not app.exception
    shown = texts(app)
    assert "Certificaten van mijn team" in shown and "Daan Medewerker · VCA Basis" in shown
    assert "1 certificaat in je team is verlopen, verloopt binnenkort of ontbreekt" in app.info[0].value
    assert "BHV" not in shown and "Otto" not in shown


def test_an_employee_home_has_no_team_certificates(firm_db):
    database, firm = firm_db
    certified_firm(database, firm)
    app = open_page(sign_in("employee"), "pages/my_conversations.py")
    assert not app.exception
    assert "Certificaten van mijn team" not in texts(app)


def test_the_dossier_holds_the_certificate_history(firm_db):
    database, firm = firm_db
    certified_firm(database, firm)
    app = open_page(sign_in("manager"), "pages/dossier.py", person=firm.employee.id)
    assert not app.exception
    history = next(frame.value for frame in app.dataframe if "Certificaat" in frame.value.columns)
    assert history[["Certificaat", "Nummer", "Status"]].to_dict("records") == [
        {"Certificaat": "VCA Basis", "Nummer": "VCA-123", "Status": "Verlopen"}]



def test_an_employee_saves_their_own_scan_as_a_file(firm_db, deferred_downloads):
    database, firm = firm_db
    certified_firm(database, firm)
    [row] = certificates.of_person(database, firm.employee, firm.employee.id)
    app = open_page(sign_in("employee"), MINE)
    key = f"scan_{row.certificate.id}"
    assert app.get("download_button")[0].proto.label == "Scan downloaden"
    assert download(app, key, deferred_downloads) == SCAN


def test_hr_deletes_a_certificate_entered_by_mistake(firm_db):
    database, firm = firm_db
    certified_firm(database, firm)
    bhv = next(row for row in certificates.of_person(database, firm.hr, firm.outsider.id) if row.certificate)
    app = page_run_directly("hr", HR_PAGE)
    app.selectbox(key="certificates_person").set_value(firm.outsider.id).run()
    app.selectbox(key="certificate_selected").set_value(bhv.certificate.id).run()
    app.button(key="certificate_delete").click().run()
    assert not app.exception
    assert "Verwijderd." in texts(app)
    assert [(row.type.name, row.status) for row in certificates.of_person(database, firm.hr, firm.outsider.id)] == [
        ("Heftruck", "missing")]


def test_hr_sets_a_teams_minimum_number_of_valid_holders(firm_db):
    database, firm = firm_db
    _, bhv = certified_firm(database, firm)
    app = page_run_directly("hr", HR_PAGE)
    app.selectbox(key="minimums_team").set_value(firm.manager.id).run()
    app.selectbox(key="minimum_type").set_value(bhv.id).run()
    app.number_input(key=f"minimum_people_{firm.manager.id}_{bhv.id}").set_value(2).run()
    app.button(key="minimum_save").click().run()
    assert not app.exception
    assert certificates.minimums(database, firm.hr, firm.manager.id) == {bhv.id: 2}
    table = next(frame.value for frame in app.dataframe if "Minimaal aantal geldige houders" in frame.value.columns)
    assert table.to_dict("records") == [{"Certificaat": "BHV", "Minimaal aantal geldige houders": 2}]


def test_hr_mails_the_reminders_once(firm_db, monkeypatch):
    database, firm = firm_db
    certified_firm(database, firm)
    people.update_person(database, firm.manager.id, email="marco@firma.example")
    monkeypatch.setenv("DEVTALK_SMTP_HOST", "mail.firma.example")
    sent = []
    monkeypatch.setattr(mail, "send", lambda settings, messages: sent.extend(message["To"] for message in messages))
    app = page_run_directly("hr", HR_PAGE)
    app.button(key="certificates_remind").click().run()
    assert "1 e-mail verstuurd." in texts(app)
    app.button(key="certificates_remind").click().run()
    assert not app.exception
    assert "0 e-mails verstuurd." in texts(app)
    assert sent == ["marco@firma.example"]


def test_without_a_mail_server_there_is_no_mail_button(firm_db, monkeypatch):
    database, firm = firm_db
    certified_firm(database, firm)
    monkeypatch.delenv("DEVTALK_SMTP_HOST", raising=False)
    app = page_run_directly("hr", HR_PAGE)
    assert not app.exception
    assert [button.key for button in app.button if button.key == "certificates_remind"] == []


def test_hr_can_still_edit_a_certificate_a_renewal_replaced(firm_db):
    database, firm = firm_db
    vca, _ = certified_firm(database, firm)
    certificates.add_certificate(database, firm.hr, firm.employee.id, type_id=vca.id, number="VCA-456",
                                 issued_on=TODAY - timedelta(days=10))
    app = page_run_directly("hr", HR_PAGE)
    app.selectbox(key="certificates_person").set_value(firm.employee.id).run()
    choices = app.selectbox(key="certificate_selected").options
    assert len([choice for choice in choices if choice.startswith("VCA Basis, afgegeven")]) == 2


def test_hr_adds_a_type_that_never_expires_and_the_next_new_form_is_empty(firm_db):
    database, firm = firm_db
    app = page_run_directly("hr", HR_PAGE)
    prefix = "certificate_type_new_"
    app.text_input(key=f"{prefix}name").input("Rijbewijs C").run()
    app.checkbox(key=f"{prefix}no_expiry").check().run()
    app.button(key="certificate_type_save").click().run()
    assert not app.exception
    [kind] = certificates.list_types(database, firm.hr)
    assert (kind.name, kind.validity_months) == ("Rijbewijs C", None)
    app.selectbox(key="certificate_type_selected").set_value("new").run()
    assert app.text_input(key=f"{prefix}name").value == ""
