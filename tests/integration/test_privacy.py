import json

import pytest

from devtalk.errors import InvalidInput, NotAllowed
from devtalk.services import auth, conversations, dossier, privacy
from devtalk.services.auth import SignInFailed
from tests.builders import fill_all, who_signs_in


@pytest.fixture(autouse=True)
def answers_and_a_private_note(fresh_db, firm):
    """What a privacy export and erasure are about: answers, an open answer's text, a private note."""
    fill_all(fresh_db, firm.employee, firm.conversation_id, value=4)
    conversations.save_answer(fresh_db, firm.employee, firm.conversation_id, "energie", text="Lassen met Jan")
    dossier.add_note(fresh_db, firm.manager, firm.employee.id, "Wil graag de kantbank leren", private=True)


def test_export_holds_every_row_about_the_person(fresh_db, firm):
    data = json.loads(privacy.export_json(fresh_db, firm.hr, firm.employee.id))
    assert data["person"][0]["username"] == "employee"
    assert any(row["text"] == "Lassen met Jan" for row in data["answers"])
    assert [note["note"] for note in data["dossier_notes"]] == ["Wil graag de kantbank leren"]
    assert privacy.export_pdf(fresh_db, firm.hr, firm.employee.id).startswith(b"%PDF")


def test_erase_removes_identity_and_texts_but_keeps_the_scores(fresh_db, firm):
    privacy.erase_person(fresh_db, firm.hr, firm.employee.id, "employee")
    data = json.loads(privacy.export_json(fresh_db, firm.hr, firm.employee.id))
    assert data["person"][0]["name"] != "Daan Medewerker" and data["person"][0]["active"] == 0
    assert all(row["text"] is None for row in data["answers"])
    assert sorted({row["value"] for row in data["answers"]}) == [4]
    assert data["dossier_notes"] == []
    with pytest.raises(SignInFailed):
        auth.sign_in(fresh_db, "employee", "geheim123")
    event = fresh_db.execute("SELECT action FROM audit_events WHERE action = 'privacy.erase'").fetchone()
    assert event == ("privacy.erase",)


def test_erase_needs_the_username_typed_and_never_touches_yourself(fresh_db, firm):
    with pytest.raises(InvalidInput):
        privacy.erase_person(fresh_db, firm.hr, firm.employee.id, "iemand anders")
    with pytest.raises(InvalidInput):
        privacy.erase_person(fresh_db, firm.hr, firm.hr.id, "hr")
    assert who_signs_in(fresh_db, "employee", "geheim123") == "employee"


def test_only_hr_exports_or_erases(fresh_db, firm):
    for call in (lambda: privacy.export_json(fresh_db, firm.manager, firm.employee.id),
                 lambda: privacy.erase_person(fresh_db, firm.manager, firm.employee.id, "employee")):
        with pytest.raises(NotAllowed):
            call()
