"""'Mijn gesprekken' on the demo firm: what is late first, this year's cards, earlier years folded."""

from datetime import date, timedelta

from tests.app.conftest import open_page, sign_in, texts


def past_the_deadline(database) -> None:
    """The current round's fill-in deadline was yesterday (the demo's is three weeks ahead)."""
    database.execute("UPDATE rounds SET fill_deadline = ? WHERE id = (SELECT max(id) FROM rounds)",
                     [(date.today() - timedelta(days=1)).isoformat()])


def my_conversations(username: str):
    return open_page(sign_in(username, "demo"), "pages/my_conversations.py")


def test_an_employee_whose_side_is_late_is_told_at_the_top(demo_db):
    past_the_deadline(demo_db)
    app = my_conversations("employee")
    assert not app.exception
    assert "Je vragenlijst is te laat" in app.warning[0].value and "Marco Jansen" in app.warning[0].value


def test_a_manager_is_told_which_team_members_questionnaires_are_late(demo_db):
    past_the_deadline(demo_db)
    app = my_conversations("manager")
    assert not app.exception
    notice = texts(app)
    assert "Je vragenlijsten over 2 medewerkers zijn te laat: Daan Smit, Kees Mulder." in notice
    assert "Ahmet" not in app.warning[0].value  # his manager side is in


def test_nobody_is_told_they_are_late_before_the_deadline(demo_db):
    app = my_conversations("manager")
    assert not app.exception and len(app.warning) == 0


def test_only_cards_still_to_fill_in_ask_to_fill_in_before_the_deadline(demo_db):
    app = my_conversations("employee")  # Daan: this year open, two earlier years finished
    assert texts(app).count("Invullen graag vóór") == 1


def test_earlier_years_are_folded_away_below_this_rounds_cards(demo_db):
    app = my_conversations("manager")
    assert not app.exception
    labels = [expander.label for expander in app.expander]
    assert "Eerdere jaren: 2 gesprekken" in labels  # Marco's own 2024 and 2025
    assert any(label.startswith("Eerdere jaren: ") and label.endswith(" gesprekken") for label in labels[1:])


def test_a_colleague_asked_for_input_is_told_on_the_start_page_and_led_to_the_form(demo_db):
    app = my_conversations("collega")
    assert not app.exception
    assert any("Je bent gevraagd om inbreng voor: Daan Smit" in info.value for info in app.info)


def test_someone_nobody_asked_for_input_sees_no_such_notice(demo_db):
    app = my_conversations("employee")
    assert not any("gevraagd om inbreng" in info.value for info in app.info)
