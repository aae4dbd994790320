from io import BytesIO

import pytest
import zxingcpp
from pypdf import PdfReader

from devtalk.errors import InvalidInput, NotAllowed
from devtalk.services import auth, invitations
from tests.builders import make_firm, sign_in_by_card


def decoded_links(pdf: bytes) -> list[str]:
    """Every QR code in the PDF, decoded back from the embedded images."""
    links = []
    for page in PdfReader(BytesIO(pdf)).pages:
        for image in page.images:
            links.extend(result.text for result in zxingcpp.read_barcodes(image.image))
    return links


@pytest.fixture
def firm(fresh_db, monkeypatch):
    monkeypatch.setenv("DEVTALK_PUBLIC_URL", "https://devtalk.example.nl/")
    return make_firm(fresh_db)


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
