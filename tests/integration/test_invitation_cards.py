from datetime import date, datetime, timedelta, timezone
from io import BytesIO

import pytest
from pypdf import PdfReader

from db.rounds import add_round, close_round
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.presentation.formatting import TIMEZONE, format_date
from devtalk.services import auth, invitations
from tests.builders import decoded_links, sign_in_by_card


@pytest.fixture(autouse=True)
def public_address(monkeypatch):
    monkeypatch.setenv("DEVTALK_PUBLIC_URL", "https://devtalk.example.nl/")


def test_cards_carry_a_decodable_qr_that_signs_in_each_person(fresh_db, firm):
    people = [firm.employee.id, firm.outsider.id]
    pdf = invitations.invitation_cards_pdf(fresh_db, firm.hr, people, "nl")
    links = decoded_links(pdf)
    assert len(links) == 2 and all(link.startswith("https://devtalk.example.nl/?code=") for link in links)
    signed_in = {auth.current_person(fresh_db, sign_in_by_card(fresh_db, link.split("=")[1])).id for link in links}
    assert signed_in == set(people)


def test_card_shows_name_and_typed_code(fresh_db, firm):
    pdf = invitations.invitation_cards_pdf(fresh_db, firm.hr, [firm.employee.id], "en")
    text = PdfReader(BytesIO(pdf)).pages[0].extract_text()
    code = decoded_links(pdf)[0].split("=")[1]
    assert "Daan Medewerker" in text and f"{code[:4]}-{code[4:]}" in text and "Valid until" in text


def test_nine_people_need_a_second_sheet(fresh_db, firm):
    from db.people import add_person

    extra = [add_person(fresh_db, name=f"Persoon {n}", username=f"p{n}").id for n in range(9)]
    assert len(PdfReader(BytesIO(invitations.invitation_cards_pdf(fresh_db, firm.hr, extra, "nl"))).pages) == 2


def test_only_hr_prints_cards_and_someone_must_be_chosen(fresh_db, firm):
    with pytest.raises(NotAllowed):
        invitations.invitation_cards_pdf(fresh_db, firm.manager, [firm.employee.id], "nl")
    with pytest.raises(InvalidInput):
        invitations.invitation_cards_pdf(fresh_db, firm.hr, [], "nl")


def test_a_card_made_before_the_round_ends_works_until_the_last_deadline_plus_time_to_acknowledge(fresh_db, firm):
    meeting = date.today() + timedelta(days=45)
    add_round(fresh_db, "Ronde tot februari", firm_version(fresh_db), date.today() + timedelta(days=20), meeting)
    valid_until = meeting + timedelta(days=invitations.ACKNOWLEDGE_DAYS)
    assert invitations.card_valid_until(fresh_db) == valid_until
    pdf = invitations.invitation_cards_pdf(fresh_db, firm.hr, [firm.employee.id], "nl")
    text = PdfReader(BytesIO(pdf)).pages[0].extract_text()
    assert f"Geldig tot {format_date(valid_until, 'nl')}" in text.replace("\n", " ")
    expires = fresh_db.execute("SELECT expires_at FROM invitations").fetchone()[0]
    last_moment = datetime.fromisoformat(expires).astimezone(TIMEZONE)
    assert last_moment.date() == valid_until + timedelta(days=1) and last_moment.hour == 0
    assert datetime.fromisoformat(expires) > datetime.now(timezone.utc) + timedelta(days=100)


def test_without_a_round_deadline_a_card_works_for_thirty_days(fresh_db, firm):
    assert invitations.card_valid_until(fresh_db, date(2026, 12, 2)) == date(2027, 1, 1)


def test_a_closed_rounds_deadlines_do_not_lengthen_a_card(fresh_db, firm):
    old = add_round(fresh_db, "Oud", firm_version(fresh_db), date(2027, 6, 1), date(2027, 6, 30))
    close_round(fresh_db, old.id)
    assert invitations.card_valid_until(fresh_db, date(2026, 12, 2)) == date(2026, 12, 2) + timedelta(days=30)


def test_new_codes_for_someone_whose_card_still_works_need_a_yes(fresh_db, firm):
    invitations.issue_code(fresh_db, firm.hr, firm.employee.id)
    with pytest.raises(invitations.ReplacesValidCards) as asked:
        invitations.invitation_cards_pdf(fresh_db, firm.hr, [firm.employee.id, firm.outsider.id], "nl")
    assert asked.value.message.params == {"count": 1, "people": 2}
    assert fresh_db.execute("SELECT count(*) FROM invitations").fetchone()[0] == 1
    invitations.invitation_cards_pdf(fresh_db, firm.hr, [firm.employee.id, firm.outsider.id], "nl", replace_valid=True)
    assert fresh_db.execute("SELECT count(*) FROM invitations WHERE revoked_at IS NULL").fetchone()[0] == 2


def firm_version(db) -> int:
    return db.execute("SELECT id FROM questionnaire_versions").fetchone()[0]
