"""AVG/GDPR: a person's certificates and scans are in what HR hands them, and gone when they are erased."""

import base64
import json

from db import people
from devtalk.services import certificates, privacy
from tests.certificate_builders import PNG, certify


def test_the_export_holds_the_persons_certificates_and_scans_and_no_colleagues(fresh_db, firm):
    certify(fresh_db, firm)
    data = json.loads(privacy.export_json(fresh_db, firm.hr, firm.employee.id))
    assert [row["number"] for row in data["certificates"]] == ["VCA-1"]
    [scan] = data["certificate_scans"]
    assert (scan["certificate_id"], base64.b64decode(scan["content"])) == (firm.daan_vca, PNG)


def test_erasing_a_person_removes_their_certificates_scans_and_reminders(fresh_db, firm, smtp_server):
    _, settings = smtp_server
    certify(fresh_db, firm)
    people.update_person(fresh_db, firm.manager.id, email="marco@firma.example")
    certificates.send_reminders(fresh_db, firm.hr, settings=settings)
    privacy.erase_person(fresh_db, firm.hr, firm.manager.id, "manager")
    privacy.erase_person(fresh_db, firm.hr, firm.employee.id, "employee")
    data = json.loads(privacy.export_json(fresh_db, firm.hr, firm.employee.id))
    assert data["certificates"] == [] and data["certificate_scans"] == []
    assert fresh_db.execute("SELECT count(*) FROM reminders_sent WHERE recipient_id = ?", [firm.manager.id]).fetchone() == (0,)
    # Otto's, in another team, are untouched.
    assert [row.certificate.number for row in certificates.of_person(fresh_db, firm.hr, firm.outsider.id)
            if row.certificate] == ["BHV-2"]
