"""My learning requests: the decision in plain words, the question behind the question and the
evaluation saved as given; a manager reads the team's requests without costs; nobody else's."""

from __future__ import annotations

from datetime import date, timedelta

from streamlit.testing.v1 import AppTest

from db import learning as learning_store
from db.people import add_person, update_person
from devtalk.services import invitations, learning
from tests.app.conftest import ROOT, open_page, reload, sign_in, start_app, texts
from tests.builders import CARD_PIN, submit_both, write_report

PAGE = "pages/my_learning.py"
YEAR = (date.today() + timedelta(days=60)).year  # write_report's course is due in 60 days


def requested(database, firm):
    """Daan's course from a final report, as the coordinator (HR) sees it."""
    submit_both(database, firm)
    write_report(database, firm)
    (view,) = learning.queue(database, firm.hr, YEAR)
    return view.request


def planned(database, firm, start: date):
    request = requested(database, firm)
    learning.decide(database, firm.hr, request.id, decision="external", provider="ROC Twente", estimated_cents=45_000,
                    planned_start=start, planned_end=start + timedelta(days=1))
    learning.approve(database, firm.hr, request.id)
    learning.plan(database, firm.hr, request.id, start, start + timedelta(days=1))
    return request


def done(database, firm):
    request = planned(database, firm, date(YEAR, 3, 2))
    learning.mark_done(database, firm.hr, request.id, 47_550)
    return request


def mine(username: str = "employee"):
    app = open_page(sign_in(username), PAGE)
    assert not app.exception
    return app


def test_without_requests_the_employee_reads_where_they_come_from(firm_db):
    assert "Spreek je in je ontwikkelgesprek een cursus, coaching of meelopen af, dan staat die hier." in texts(mine())


def test_the_employee_reads_the_decision_in_plain_words_without_its_cost(firm_db):
    database, firm = firm_db
    planned(database, firm, date(YEAR, 3, 2))
    shown = texts(mine())
    assert "Cursus tekening lezen bij het ROC" in shown
    assert "Goedgekeurd en ingepland. Bij ROC Twente. Van 2 mrt" in shown
    assert "€" not in shown


def test_an_internal_decision_names_the_colleague_who_teaches_it(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    piet = add_person(database, name="Piet Plaat", username="piet", function_id="plaatwerker", manager_id=firm.manager.id)
    learning.decide(database, firm.hr, request.id, decision="internal", colleague_id=piet.id)
    learning.approve(database, firm.hr, request.id)
    assert "Goedgekeurd. Je leert het van je collega Piet Plaat." in texts(mine())
    assert "Goedgekeurd. Met collega Piet Plaat." in texts(mine("manager"))


def test_a_declined_request_shows_the_reason_the_coordinator_gave(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    learning.decline(database, firm.hr, request.id, "Eerst meelopen met Piet; dan kijken we opnieuw.")
    app = mine()
    assert "Afgewezen. De reden:" in texts(app)
    assert "Eerst meelopen met Piet; dan kijken we opnieuw." in [text.value for text in app.text]


def test_the_question_behind_the_question_is_stored_as_typed_and_there_after_a_reload(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    app = mine()
    key = f"learning_text_question_{request.id}"
    app.text_area(key=key).input("Ik snap de doorsneden op de tekening niet.").run()
    assert not app.exception
    assert learning.get_request(database, firm.employee, request.id).request.question == \
        "Ik snap de doorsneden op de tekening niet."
    assert mine().text_area(key=key).value == "Ik snap de doorsneden op de tekening niet."


def test_a_question_changed_on_another_screen_is_shown_beside_the_box_not_overwritten(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    app = mine()
    learning.save_question(database, firm.employee, request.id, "Geschreven op de telefoon")
    app.text_area(key=f"learning_text_question_{request.id}").input("Geschreven op de computer").run()
    assert "Deze tekst is intussen op een ander scherm gewijzigd." in texts(app)
    assert "Geschreven op de telefoon" in [text.value for text in app.text]
    assert learning.get_request(database, firm.employee, request.id).request.question == "Geschreven op de telefoon"


def test_after_done_the_employee_answers_the_three_questions_and_finishes(firm_db):
    database, firm = firm_db
    request = done(database, firm)
    app = mine()
    assert "Wat bracht het je?" in texts(app)
    app.text_area(key=f"learning_text_learned_{request.id}").input("Doorsneden en maatvoering lezen.").run()
    app.button_group(key=f"learning_satisfaction_{request.id}").set_value(4).run()
    app.button_group(key=f"learning_helped_{request.id}").set_value("helped").run()
    app.button(key=f"learning_finish_{request.id}").click().run()
    assert not app.exception
    assert "Dank je, je antwoorden zijn opgeslagen." in texts(app)
    assert learning.get_request(database, firm.employee, request.id).request.status == "evaluated"
    again = reload(app)
    shown = texts(open_page(again, PAGE))
    assert "Tevreden" in shown and "Ja, het hielp in mijn werk" in shown


def test_a_second_tap_on_the_chosen_satisfaction_keeps_it(firm_db):
    database, firm = firm_db
    request = done(database, firm)
    app = mine()
    satisfaction = app.button_group(key=f"learning_satisfaction_{request.id}")
    satisfaction.set_value(4).run()
    app.button_group(key=f"learning_satisfaction_{request.id}").set_value(None).run()  # pills let go on a second tap
    assert app.button_group(key=f"learning_satisfaction_{request.id}").value == 4
    assert learning.get_request(database, firm.employee, request.id).evaluation.satisfaction == 4


def test_finishing_before_all_three_answers_says_so_and_keeps_it_open(firm_db):
    database, firm = firm_db
    request = done(database, firm)
    app = mine()
    app.button_group(key=f"learning_satisfaction_{request.id}").set_value(2).run()
    app.button(key=f"learning_finish_{request.id}").click().run()
    assert "Beantwoord eerst alle drie de vragen." in texts(app)
    assert learning.get_request(database, firm.employee, request.id).request.status == "done"


def test_the_manager_reads_the_teams_requests_and_decisions_without_costs(firm_db):
    database, firm = firm_db
    planned(database, firm, date(YEAR, 3, 2))
    shown = texts(mine("manager"))
    assert "Leervragen van mijn team" in shown
    assert "Daan Medewerker · Cursus tekening lezen bij het ROC" in shown
    assert "Goedgekeurd en ingepland. Bij ROC Twente." in shown
    assert "€" not in shown


def test_the_manager_reads_about_a_done_request_in_words_about_the_employee(firm_db):
    database, firm = firm_db
    done(database, firm)
    shown = texts(mine("manager"))
    assert "Gedaan; de medewerker vertelt nog wat het bracht." in shown
    assert "Wat bracht het je?" not in shown


def test_the_manager_finds_the_teams_declined_requests_folded_away(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    learning.decline(database, firm.hr, request.id, "Vol.")
    app = mine("manager")
    assert [expander.label for expander in app.expander] == ["1 afgeronde of afgewezen leervraag"]
    assert "Daan Medewerker · Cursus tekening lezen bij het ROC" in texts(app.expander[0])


def test_nobody_reads_the_requests_of_someone_outside_their_team(firm_db):
    database, firm = firm_db
    requested(database, firm)
    for username in ("outsider", "other"):
        shown = texts(mine(username))
        assert "Cursus tekening lezen" not in shown and "Leervragen van mijn team" not in shown


def signed_in_by_card(database, firm, person) -> AppTest:
    """The app after typing the person's card code and choosing the PIN."""
    app = start_app()
    app.text_input(key="login_code").input(invitations.issue_code(database, firm.hr, person.id))
    app.button(key="login_code_submit").click().run()
    app.text_input(key="login_pin").input(CARD_PIN)
    app.text_input(key="login_pin_again").input(CARD_PIN)
    return reload(app.button(key="login_pin_submit").click().run())


def test_with_a_card_the_employee_answers_the_question_behind_the_question(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    app = open_page(signed_in_by_card(database, firm, firm.employee), PAGE)
    app.text_area(key=f"learning_text_question_{request.id}").input("Tekeningen van de klant lezen.").run()
    assert not app.exception
    assert learning.get_request(database, firm.employee, request.id).request.question == "Tekeningen van de klant lezen."


def test_a_managers_card_session_shows_no_team_requests(firm_db):
    database, firm = firm_db
    requested(database, firm)
    app = open_page(signed_in_by_card(database, firm, firm.manager), PAGE)
    assert not app.exception
    assert "Leervragen van mijn team" not in texts(app)


def test_an_hr_card_session_gets_no_queue(firm_db):
    """A card is for one's own things: HR signed in with one is no training coordinator."""
    database, firm = firm_db
    requested(database, firm)
    card = signed_in_by_card(database, firm, firm.hr)
    queue = AppTest.from_file(str(ROOT / "pages/training_queue.py"), default_timeout=30)
    queue.session_state["session_token"] = card.session_state["session_token"]
    queue.run()
    assert "Dit mag je niet bekijken of wijzigen" in texts(queue)
    assert list(queue.selectbox) == []


def test_an_employee_who_reads_english_reads_the_page_in_english(firm_db):
    database, firm = firm_db
    requested(database, firm)
    update_person(database, firm.employee.id, language="en")
    shown = texts(mine())
    assert "My learning" in shown and "The training coordinator is still looking at your request." in shown


def test_a_provider_typed_with_markdown_reads_literally(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    learning.decide(database, firm.hr, request.id, decision="external", provider="**ROC** [aanmelden](https://example.com)")
    learning.approve(database, firm.hr, request.id)
    app = mine()
    decision = next(element.value for element in app.markdown if element.value.startswith("Goedgekeurd"))
    assert "\\*\\*ROC\\*\\* \\[aanmelden\\]\\(" in decision  # every mark escaped: no bold, no link


def test_finished_requests_of_earlier_years_are_folded_away(firm_db):
    database, firm = firm_db
    last_year = learning_store.add_request(database, employee_id=firm.employee.id, kind="course", what="Cursus lassen",
                                           year=date.today().year - 1)
    learning_store.update_request(database, last_year, status="declined", decline_reason="Vol.")
    requested(database, firm)
    app = mine()
    assert [expander.label for expander in app.expander] == ["1 afgeronde leervraag uit eerdere jaren"]
    assert "Cursus lassen" in texts(app.expander[0])
    assert "Cursus tekening lezen bij het ROC" not in texts(app.expander[0])
