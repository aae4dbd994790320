"""The HR rounds page: starting a round, its completion figures, reminders and corrections."""

from __future__ import annotations

from datetime import date, timedelta

from db import conversations, people, rounds
from devtalk.services import conversations as conversation_service
from tests.app.conftest import page_run_directly, texts

PAGE = "pages/hr_rounds.py"


def table(app, column: str):
    """The table that has this column: AppTest does not carry a dataframe's key, its headers it does."""
    return next(frame.value for frame in app.dataframe if column in frame.value.columns)


def metrics(app) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def submit_employee(database, firm) -> None:
    for item_id in ("tekening-lezen", "veilig-werken"):
        conversation_service.save_answer(database, firm.employee, firm.conversation_id, item_id, value=4)
    conversation_service.submit(database, firm.employee, firm.conversation_id)


def round_of(database, firm) -> int:
    return conversations.get_conversation(database, firm.conversation_id).round_id


def past_deadlines(database, firm) -> None:
    """Move the firm's round into the past, as if its deadlines went by unnoticed."""
    database["rounds"].update(round_of(database, firm), {"fill_deadline": (date.today() - timedelta(days=10)).isoformat(),
                                  "meeting_deadline": (date.today() - timedelta(days=1)).isoformat()})


def test_hr_starts_a_round_for_chosen_people(firm_db):
    database, firm = firm_db
    app = page_run_directly("hr", PAGE)
    app.text_input(key="round_name").input("Ontwikkelgesprekken 2027")
    app.selectbox(key="round_version").set_value(firm.version_id)
    app.date_input(key="round_fill_deadline").set_value(date.today() + timedelta(days=21))
    app.date_input(key="round_meeting_deadline").set_value(date.today() + timedelta(days=42))
    app.toggle(key="round_everyone").set_value(False).run()
    app.multiselect(key="round_people").set_value([firm.employee.id, firm.hr.id]).run()
    app.button(key="round_create").click().run()
    assert not app.exception
    created = rounds.list_rounds(database)[0]
    assert (created.name, created.fill_deadline) == ("Ontwikkelgesprekken 2027", date.today() + timedelta(days=21))
    assert [c.employee_id for c in conversations.conversations_in_round(database, created.id)] == [firm.employee.id]
    shown = texts(app)
    assert "Ronde 'Ontwikkelgesprekken 2027' gestart met 1 gesprekken." in shown
    assert "Zonder leidinggevende, dus (nog) geen gesprek: Ingrid HR" in shown


def test_a_round_without_a_name_is_refused(firm_db):
    database, _ = firm_db
    app = page_run_directly("hr", PAGE)
    app.button(key="round_create").click().run()
    assert not app.exception
    assert "Geef de ronde een naam" in texts(app)
    assert len(rounds.list_rounds(database)) == 1


def test_the_completion_figures_are_shown_per_status_and_per_manager(firm_db):
    database, firm = firm_db
    submit_employee(database, firm)
    app = page_run_directly("hr", PAGE)
    assert not app.exception
    assert metrics(app) == {"Nog niemand ingevuld": "1", "Eén kant ingevuld": "1", "Klaar voor het gesprek": "0",
                            "Gesprek gevoerd": "0", "Verslag klaar": "0", "Verslag gelezen": "0"}
    per_manager = table(app, "Leidinggevende").set_index("Leidinggevende")
    assert per_manager.loc["Marco Manager", "Eén kant ingevuld"] == 1
    assert per_manager.loc["Sandra Ander", "Nog niemand ingevuld"] == 1
    assert "Niemand is te laat." in texts(app)


def test_late_people_are_listed_with_a_reminder_to_copy(firm_db):
    database, firm = firm_db
    submit_employee(database, firm)
    past_deadlines(database, firm)
    app = page_run_directly("hr", PAGE)
    assert not app.exception
    late = table(app, "Moet nog")
    assert set(late["Wie"]) == {"Marco Manager", "Otto Buiten", "Sandra Ander"}
    [reminder] = [code.value for code in app.code]
    assert reminder.startswith("Herinnering: Ronde 2026")
    assert "- Marco Manager: de vragenlijst over Daan Medewerker invullen en inleveren" in reminder
    assert "Daan Medewerker: de eigen" not in reminder  # he handed his in
    assert "reminders_send" not in {button.key for button in app.button}  # e-mail is off by default


def test_hr_reopens_a_submitted_side_with_a_reason(firm_db):
    database, firm = firm_db
    submit_employee(database, firm)
    app = page_run_directly("hr", PAGE)
    app.selectbox(key="reopen_conversation").set_value(firm.conversation_id)
    app.selectbox(key="reopen_side").set_value("employee")
    app.text_input(key="reopen_reason").input("Vraag verkeerd begrepen")
    app.button(key="reopen_submit").click().run()
    assert not app.exception
    assert "Heropend" in texts(app)
    assert conversations.get_conversation(database, firm.conversation_id).status == "open"


def test_the_reopen_form_offers_only_the_sides_the_service_says_may_be_reopened(firm_db):
    database, firm = firm_db
    submit_employee(database, firm)
    app = page_run_directly("hr", PAGE)
    assert not app.exception
    assert app.selectbox(key="reopen_conversation").options == ["Daan Medewerker · Marco Manager · Medewerker heeft ingevuld"]
    assert app.selectbox(key="reopen_side").options == ["Medewerker"]  # the manager has not submitted


def test_reopening_without_a_reason_is_refused(firm_db):
    database, firm = firm_db
    submit_employee(database, firm)
    app = page_run_directly("hr", PAGE)
    app.selectbox(key="reopen_conversation").set_value(firm.conversation_id)
    app.button(key="reopen_submit").click().run()
    assert not app.exception
    assert "Geef een reden op" in texts(app)
    assert conversations.get_conversation(database, firm.conversation_id).status == "employee_submitted"


def test_hr_gives_a_conversation_another_manager(firm_db):
    database, firm = firm_db
    app = page_run_directly("hr", PAGE)
    app.selectbox(key="reassign_conversation").set_value(firm.conversation_id)
    app.selectbox(key="reassign_manager").set_value(firm.other_manager.id)
    app.button(key="reassign_submit").click().run()
    assert not app.exception
    assert conversations.get_conversation(database, firm.conversation_id).manager_id == firm.other_manager.id


def test_hr_adds_a_late_joiner_and_closes_the_round(firm_db):
    database, firm = firm_db
    nina = people.add_person(database, name="Nina Nieuw", username="nnieuw", manager_id=firm.manager.id)
    app = page_run_directly("hr", PAGE)
    app.multiselect(key="joiners_people").set_value([nina.id]).run()
    app.button(key="joiners_add").click().run()
    assert not app.exception
    assert nina.id in {c.employee_id for c in conversations.conversations_in_round(database, round_of(database, firm))}
    app.checkbox(key="close_confirm").check().run()
    app.button(key="close_submit").click().run()
    assert not app.exception
    assert rounds.get_round(database, round_of(database, firm)).closed_at is not None
    assert "joiners_add" not in {button.key for button in app.button}
