"""A reminder e-mail says where devtalk is and when it was written."""

from email.utils import parsedate_to_datetime

import pytest

from db import people
from devtalk.services import address, completion
from tests.builders import demo


@pytest.fixture
def late_marco(fresh_db, monkeypatch):
    monkeypatch.delenv("DEVTALK_PUBLIC_URL", raising=False)
    hr, current = demo(fresh_db, days_ago=60)
    people.update_person(fresh_db, people.person_by_username(fresh_db, "manager").id, email="marco@devries.example")
    return hr, current


def mail_to_marco(db, smtp_server, hr, current, **options):
    inbox, settings = smtp_server
    completion.send_reminders(db, hr, current.id, settings=settings, **options)
    [message] = [message for recipients, message in inbox.messages if recipients == ["marco@devries.example"]]
    return message


def test_a_reminder_links_to_devtalk_at_its_public_address_and_carries_a_date(fresh_db, smtp_server, late_marco):
    hr, current = late_marco
    address.set_public_address(fresh_db, hr, "https://devtalk.devries.nl")
    message = mail_to_marco(fresh_db, smtp_server, hr, current, seen_address="http://127.0.0.1:8501")
    assert "Je vindt het in devtalk: https://devtalk.devries.nl/" in message.get_content()
    assert parsedate_to_datetime(message["Date"]).tzinfo is not None


def test_a_reminder_sent_from_hrs_browser_links_to_that_address(fresh_db, smtp_server, late_marco):
    hr, current = late_marco
    message = mail_to_marco(fresh_db, smtp_server, hr, current, seen_address="http://192.168.1.20:8501")
    assert "http://192.168.1.20:8501/" in message.get_content()


def test_a_reminder_has_no_link_that_would_open_the_readers_own_computer(fresh_db, smtp_server, late_marco):
    hr, current = late_marco
    message = mail_to_marco(fresh_db, smtp_server, hr, current, seen_address="http://localhost:8501")
    assert "localhost" not in message.get_content() and "Je vindt het in devtalk" not in message.get_content()
