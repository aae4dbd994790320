"""Which address the sign-in cards carry: the setting on the server, else the stored one, else
the one HR's browser is using."""

import pytest

from devtalk.errors import NotAllowed
from devtalk.services import address, invitations
from devtalk.services.setup import create_firm
from tests.builders import decoded_links


@pytest.fixture(autouse=True)
def no_address_on_the_server(monkeypatch):
    monkeypatch.delenv("DEVTALK_PUBLIC_URL", raising=False)


def printed_address(db, hr, seen=None) -> str:
    link = decoded_links(invitations.invitation_cards_pdf(db, hr, [hr.id], "nl", seen, replace_valid=True))[0]
    return link.split("/?code=")[0]


def test_cards_carry_the_address_hrs_browser_uses_when_nothing_is_set(fresh_db, firm):
    assert printed_address(fresh_db, firm.hr, "http://192.168.1.20:8501/") == "http://192.168.1.20:8501"


def test_without_any_address_the_cards_fall_back_to_localhost_and_say_it_is_local(fresh_db, firm):
    assert printed_address(fresh_db, firm.hr) == "http://localhost:8501"
    assert address.public_address(fresh_db).local


def test_a_stored_address_beats_the_browsers_and_the_server_setting_beats_both(fresh_db, firm, monkeypatch):
    address.set_public_address(fresh_db, firm.hr, "devtalk.metaal.nl")
    assert printed_address(fresh_db, firm.hr, "http://127.0.0.1:8501") == "http://devtalk.metaal.nl"
    monkeypatch.setenv("DEVTALK_PUBLIC_URL", "https://devtalk.example.nl/")
    assert printed_address(fresh_db, firm.hr, "http://127.0.0.1:8501") == "https://devtalk.example.nl"
    assert address.public_address(fresh_db).source == address.ENVIRONMENT


def test_clearing_the_stored_address_goes_back_to_the_browsers(fresh_db, firm):
    address.set_public_address(fresh_db, firm.hr, "devtalk.metaal.nl")
    address.set_public_address(fresh_db, firm.hr, " ")
    assert address.public_address(fresh_db, "http://10.0.0.5:8501").url == "http://10.0.0.5:8501"


def test_only_hr_sets_the_address(fresh_db, firm):
    with pytest.raises(NotAllowed):
        address.set_public_address(fresh_db, firm.manager, "devtalk.metaal.nl")


def test_setup_stores_the_address_it_was_given(fresh_db, monkeypatch):
    monkeypatch.delenv("DEVTALK_PUBLIC_URL", raising=False)
    create_firm(fresh_db, firm_name="A", language="nl", name="B", username="b", password="geheim12345",
                public_address="https://devtalk.metaal.nl/")
    assert address.public_address(fresh_db, "http://localhost:8501").url == "https://devtalk.metaal.nl"
