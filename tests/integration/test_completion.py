"""The completion dashboard against the demo firm, counted by hand from its story, and reminders
sent to a real (local) SMTP server."""

from __future__ import annotations

from collections import Counter

import pytest

from db import audit
from db import people as people_db
from devtalk import config, mail
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.presentation.audit_words import details
from devtalk.services import completion, demo_firm, people, rounds
from tests.builders import demo
from tests.integration.conftest import free_port

GROUP = {"employee_submitted": "one_side", "manager_submitted": "one_side"}
NOT_IN_YET = {"employee": ("open", "manager_submitted"), "manager": ("open", "employee_submitted")}
NOT_HELD = ("open", "employee_submitted", "manager_submitted", "ready")
MANAGER_OF = {username: manager for username, _, _, manager, _, _ in demo_firm.PEOPLE}
NAME_OF = {username: name for username, name, *_ in demo_firm.PEOPLE}


def by_hand(usernames) -> dict[str, int]:
    """Status groups of these demo people's current conversations, straight from CURRENT_STATES."""
    counted = Counter(GROUP.get(demo_firm.CURRENT_STATES[u], demo_firm.CURRENT_STATES[u]) for u in usernames)
    return {group: counted[group] for group in completion.STATUS_GROUPS}


def test_the_totals_per_status_match_the_demo_firm(fresh_db):
    hr, current = demo(fresh_db)
    report = completion.completion(fresh_db, hr, current.id)
    assert report.totals.counts == by_hand(demo_firm.CURRENT_STATES)
    assert report.totals.counts == {"open": 4, "one_side": 3, "ready": 3, "held": 1, "reported": 2, "acknowledged": 1}


def test_the_counts_per_manager_match_the_demo_firms_reporting_lines(fresh_db):
    hr, current = demo(fresh_db)
    report = completion.completion(fresh_db, hr, current.id)
    expected = {
        NAME_OF[manager]: by_hand(u for u in demo_firm.CURRENT_STATES if MANAGER_OF[u] == manager)
        for manager in {MANAGER_OF[u] for u in demo_firm.CURRENT_STATES}
    }
    assert {group.manager.name: group.figures.counts for group in report.per_manager} == expected
    assert [group.manager.name for group in report.per_manager] == ["Henk de Vries", "Marco Jansen", "Sandra Visser"]


def test_a_team_follows_the_reporting_line_now_while_the_conversation_keeps_its_manager(fresh_db):
    hr, current = demo(fresh_db)
    kees = people_db.person_by_username(fresh_db, "kmulder")
    sandra = people_db.person_by_username(fresh_db, "svisser")
    people.change_manager(fresh_db, hr, kees.id, sandra.id)
    report = completion.completion(fresh_db, hr, current.id)
    per_manager = {group.manager.name: group.figures.total for group in report.per_manager}
    per_team = {group.manager.name: group.figures.total for group in report.per_team}
    assert (per_manager["Marco Jansen"], per_manager["Sandra Visser"]) == (6, 5)
    assert (per_team["Marco Jansen"], per_team["Sandra Visser"]) == (5, 6)


def test_nobody_is_late_before_the_deadlines(fresh_db):
    hr, current = demo(fresh_db)
    report = completion.completion(fresh_db, hr, current.id)
    assert report.late == [] and report.totals.late == 0
    assert completion.reminder_text(report, "nl") == f"{current.name}: niemand is te laat."


def test_after_the_deadlines_exactly_those_whose_part_is_missing_are_late(fresh_db):
    hr, current = demo(fresh_db, days_ago=60)
    report = completion.completion(fresh_db, hr, current.id)
    expected = set()
    for username, status in demo_firm.CURRENT_STATES.items():
        if status in NOT_IN_YET["employee"]:
            expected.add((NAME_OF[username], "employee_side", NAME_OF[username]))
        if status in NOT_IN_YET["manager"]:
            expected.add((NAME_OF[MANAGER_OF[username]], "manager_side", NAME_OF[username]))
        if status in NOT_HELD:
            expected.add((NAME_OF[MANAGER_OF[username]], "meeting", NAME_OF[username]))
    assert {(e.person.name, e.reason, e.employee.name) for e in report.late} == expected
    late_conversations = sum(status in NOT_HELD for status in demo_firm.CURRENT_STATES.values())
    assert report.totals.late == late_conversations == 10


def test_the_reminder_names_each_late_person_with_what_they_still_have_to_do(fresh_db):
    hr, current = demo(fresh_db, days_ago=60)
    text = completion.reminder_text(completion.completion(fresh_db, hr, current.id), "nl")
    assert text.startswith(f"Herinnering: {current.name}\n")
    assert "- Daan Smit: de eigen vragenlijst invullen en inleveren" in text
    assert "- Marco Jansen: de vragenlijst over Kees Mulder invullen en inleveren" in text
    assert "- Sandra Visser: het gesprek met Ruud Bos voeren" in text
    assert "Lisa Meijer" not in text  # her conversation is done


def test_a_closed_round_has_nobody_late(fresh_db):
    hr, current = demo(fresh_db, days_ago=60)
    rounds.close_round(fresh_db, hr, current.id)
    assert completion.completion(fresh_db, hr, current.id).late == []


@pytest.mark.sqlite_only("counts the statements through SQLite's trace callback; the SQL is the same on PostgreSQL")
def test_the_dashboard_reads_the_conversations_in_one_aggregate_query(fresh_db):
    hr, current = demo(fresh_db, days_ago=60)
    statements = []
    fresh_db.conn.set_trace_callback(statements.append)
    completion.completion(fresh_db, hr, current.id)
    fresh_db.conn.set_trace_callback(None)
    selects = [sql for sql in statements if sql.lstrip().startswith("SELECT")]
    assert sum("FROM conversations" in sql for sql in selects) == 1
    assert len(selects) == 3  # the round, the aggregate, the names: not one per conversation


@pytest.mark.parametrize("username", ["employee", "manager"])
def test_only_hr_sees_the_dashboard(fresh_db, username):
    _, current = demo(fresh_db)
    with pytest.raises(NotAllowed):
        completion.completion(fresh_db, people_db.person_by_username(fresh_db, username), current.id)


def test_reminders_are_mailed_to_late_people_with_an_address_in_their_own_language(fresh_db, smtp_server):
    inbox, settings = smtp_server
    hr, current = demo(fresh_db, days_ago=60)
    people_db.update_person(fresh_db, people_db.person_by_username(fresh_db, "manager").id, email="marco@devries.example")
    people_db.update_person(fresh_db, people_db.person_by_username(fresh_db, "employee").id, email="daan@devries.example",
                         language="en")
    sent = completion.send_reminders(fresh_db, hr, current.id, settings=settings)
    assert sorted(p.name for p in sent.sent) == ["Daan Smit", "Marco Jansen"]
    assert {p.name for p in sent.without_email} == {"Ahmet Yılmaz", "Fatima El Amrani", "Henk de Vries",
                                                     "Ingrid Bakker", "Sandra Visser"}
    mails = {recipients[0]: message for recipients, message in inbox.messages}
    assert set(mails) == {"marco@devries.example", "daan@devries.example"}
    assert mails["daan@devries.example"]["Subject"] == f"Reminder: {current.name}"
    assert "fill in and submit their own questionnaire" in mails["daan@devries.example"].get_content()
    marco = mails["marco@devries.example"].get_content()
    assert "Beste Marco Jansen" in marco and "het gesprek met Piotr Nowak voeren" in marco
    assert mails["marco@devries.example"]["From"] == "hr@devries.example"
    [event] = audit.list_events(fresh_db)[:1]
    assert (event.action, details(event)) == ("round.remind", {"sent": 2})


def test_e_mail_is_off_without_smtp_settings(fresh_db, monkeypatch):
    monkeypatch.delenv("DEVTALK_SMTP_HOST", raising=False)
    hr, current = demo(fresh_db, days_ago=60)
    assert config.smtp_settings() is None
    assert not completion.mail_is_on()
    with pytest.raises(InvalidInput, match="mail_off"):
        completion.send_reminders(fresh_db, hr, current.id)


def test_smtp_settings_come_from_the_environment():
    settings = config.smtp_settings({"DEVTALK_SMTP_HOST": "mail.firma.nl", "DEVTALK_SMTP_PORT": "587",
                                     "DEVTALK_SMTP_USER": "devtalk@firma.nl", "DEVTALK_SMTP_PASSWORD": "s3cret"})
    assert settings == config.SmtpSettings("mail.firma.nl", 587, "devtalk@firma.nl", "s3cret", "devtalk@firma.nl")


def test_a_mail_server_that_cannot_be_reached_gives_a_clear_error(fresh_db):
    hr, current = demo(fresh_db, days_ago=60)
    people_db.update_person(fresh_db, people_db.person_by_username(fresh_db, "manager").id, email="marco@devries.example")
    unreachable = config.SmtpSettings("127.0.0.1", free_port(), "", "", "hr@devries.example")
    with pytest.raises(mail.MailFailed) as failed:
        completion.send_reminders(fresh_db, hr, current.id, settings=unreachable)
    assert failed.value.render("nl").startswith("De e-mail kon niet worden verstuurd")
