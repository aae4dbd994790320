"""The training coordinator's queue: the budget before approving, internal first, decisions and
their steps, euro fields typed the Dutch way; refused to whoever is not the coordinator or HR."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from db import accounts
from db import people as people_store
from db.people import add_person
from devtalk.domain.passwords import hash_password
from devtalk.services import (
    certificates,
    conversations,
    learning,
    reports,
    rounds,
    skills,
)
from tests.app.conftest import open_page, page_run_directly, sign_in, texts
from tests.builders import T, fill_all, submit_both, write_report

PAGE = "pages/training_queue.py"
REFUSED = "Dit mag je niet bekijken of wijzigen"
# write_report agrees a course due in 60 days: its plan year is the due date's.
YEAR = (date.today() + timedelta(days=60)).year


def requested(database, firm):
    """Daan's course from a final report, in the queue."""
    submit_both(database, firm)
    write_report(database, firm)
    (view,) = learning.queue(database, firm.hr, YEAR)
    return view.request


def opened(username: str, request_id: int):
    """The queue of the plan year with the request opened, as the coordinator clicks to it."""
    app = open_page(sign_in(username), PAGE)
    app.number_input(key="queue_year").set_value(YEAR).run()
    app.selectbox(key="queue_request").set_value(request_id).run()
    assert not app.exception
    return app


def budgets_shown(app) -> list[dict]:
    """The budget table as the coordinator reads it (its cells are kept literal with backslashes)."""
    frame = next(table.value for table in app.table if "Vastgelegd" in table.value.columns)
    return [{column: re.sub(r"\\(.)", r"\1", value) for column, value in row.items()} for row in frame.to_dict("records")]


def test_the_coordinator_sees_what_approving_does_to_the_budget_before_approving(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    learning.set_budget(database, firm.hr, YEAR, 100_000)
    learning.decide(database, firm.hr, request.id, decision="external", provider="ROC Twente", estimated_cents=45_050)
    app = opened("hr", request.id)
    assert "Goedkeuren legt € 450,50 vast." in texts(app)
    assert "Het hele bedrijf: nu € 1.000,00 over, na goedkeuren € 549,50." in texts(app)

    app.button(key=f"queue_{request.id}_step_approve").click().run()
    assert not app.exception
    assert "Goedgekeurd." in texts(app)
    assert budgets_shown(app) == [{"Budget van": "Het hele bedrijf", "Budget": "€ 1.000,00", "Vastgelegd": "€ 450,50",
                                   "Uitgegeven": "€ 0,00", "Over": "€ 549,50"}]
    assert learning.get_request(database, firm.hr, request.id).request.status == "approved"


def test_approving_waits_until_the_changed_decision_is_saved(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    app = opened("hr", request.id)
    prefix = f"queue_{request.id}_"
    app.radio(key=prefix + "decision").set_value("external").run()
    app.text_input(key=prefix + "provider").input("ROC Twente").run()
    app.text_input(key=prefix + "estimated").input("1.234,56").run()
    assert app.button(key=prefix + "step_approve").disabled
    assert "Sla eerst je wijzigingen op" in texts(app)

    app.button(key=prefix + "save").click().run()
    assert "Goedkeuren legt € 1.234,56 vast." in texts(app)
    assert not app.button(key=prefix + "step_approve").disabled
    stored = learning.get_request(database, firm.hr, request.id).request
    assert (stored.decision, stored.provider, stored.estimated_cents) == ("external", "ROC Twente", 123_456)


@pytest.mark.parametrize("typed", ["12,345", "twaalf", "-5"], ids=["three decimals", "words", "negative"])
def test_a_cost_that_is_no_amount_is_refused_at_its_field_and_nothing_is_stored(firm_db, typed):
    database, firm = firm_db
    request = requested(database, firm)
    app = opened("hr", request.id)
    prefix = f"queue_{request.id}_"
    app.radio(key=prefix + "decision").set_value("external").run()
    app.text_input(key=prefix + "estimated").input(typed).run()
    app.button(key=prefix + "save").click().run()
    assert not app.exception
    assert f'Geen bedrag: "{typed}"' in texts(app)
    assert learning.get_request(database, firm.hr, request.id).request.decision is None


def test_the_coordinator_sets_the_years_budget_in_dutch_euros(firm_db):
    database, firm = firm_db
    app = open_page(sign_in("hr"), PAGE)
    app.text_input(key=f"queue_budget_amount_{date.today().year}_None").input("12.500,00").run()
    app.button(key="queue_budget_save").click().run()
    assert "Budget opgeslagen." in texts(app)
    assert learning.budget(database, firm.hr, date.today().year).budget_cents == 1_250_000


def test_a_budget_that_is_no_amount_is_refused_and_nothing_is_stored(firm_db):
    database, firm = firm_db
    app = open_page(sign_in("hr"), PAGE)
    app.text_input(key=f"queue_budget_amount_{date.today().year}_None").input("12.500,5.0").run()
    app.button(key="queue_budget_save").click().run()
    assert 'Geen bedrag: "12.500,5.0"' in texts(app)
    assert learning.budget(database, firm.hr, date.today().year).budget_cents is None


def test_the_question_behind_the_question_is_shown_before_the_decision(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    learning.save_question(database, firm.employee, request.id, "Ik snap de doorsneden op de tekening niet.")
    app = opened("hr", request.id)
    assert "Ik snap de doorsneden op de tekening niet." in [text.value for text in app.text]


def with_a_colleague_who_masters_drawings(database, firm):
    """Piet, in Daan's team, held at 4 on drawing reading and agreed so in his final report; the
    plaatwerker's job requires 4."""
    skills.set_requirement(database, firm.hr, "plaatwerker", "klein", T, 4)
    round_id = database.execute("SELECT round_id FROM conversations WHERE id = ?", [firm.conversation_id]).fetchone()[0]
    piet = add_person(database, name="Piet Plaat", username="piet", function_id="plaatwerker", manager_id=firm.manager.id)
    rounds.add_late_joiners(database, firm.hr, round_id, [piet.id])
    conversation_id = database.execute("SELECT id FROM conversations WHERE round_id = ? AND employee_id = ?",
                                       [round_id, piet.id]).fetchone()[0]
    for side in (piet, firm.manager):
        fill_all(database, side, conversation_id, 4)
        conversations.submit(database, side, conversation_id)
    reports.mark_held(database, firm.manager, conversation_id)
    skills.set_agreed_level(database, firm.manager, conversation_id, T, 4)
    reports.save_draft(database, firm.manager, conversation_id, summary="Piet leest elke tekening.")
    reports.finalise(database, firm.manager, conversation_id)
    return piet


def test_internal_first_the_coordinator_picks_a_colleague_who_masters_the_skill(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    piet = with_a_colleague_who_masters_drawings(database, firm)
    app = opened("hr", request.id)
    prefix = f"queue_{request.id}_"
    assert "Kies de vaardigheid; dan zie je welke collega's die beheersen." in texts(app)
    app.selectbox(key=prefix + "item").set_value(T).run()
    assert "Piet Plaat · niveau 4 (afgesproken in het verslag) · zelfde team" in texts(app)
    app.radio(key=prefix + "decision").set_value("internal").run()
    app.selectbox(key=prefix + "colleague").set_value(piet.id).run()
    app.button(key=prefix + "save").click().run()
    assert not app.exception
    stored = learning.get_request(database, firm.hr, request.id).request
    assert (stored.decision, stored.colleague_id, stored.item_id) == ("internal", piet.id, T)


def test_an_internal_decision_can_name_any_active_colleague_without_a_skill_chosen(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    people_store.update_person(database, firm.other_manager.id, active=0)
    app = opened("hr", request.id)
    prefix = f"queue_{request.id}_"
    app.radio(key=prefix + "decision").set_value("internal").run()
    assert app.selectbox(key=prefix + "colleague").options == [
        "Geen collega gekozen", "Ingrid HR", "Marco Manager", "Otto Buiten"]  # not Daan himself, not who left
    app.selectbox(key=prefix + "colleague").set_value(firm.outsider.id).run()
    app.button(key=prefix + "save").click().run()
    assert not app.exception
    stored = learning.get_request(database, firm.hr, request.id).request
    assert (stored.decision, stored.colleague_id, stored.item_id) == ("internal", firm.outsider.id, None)


def test_colleagues_who_master_the_skill_head_the_list_with_their_level(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    with_a_colleague_who_masters_drawings(database, firm)
    app = opened("hr", request.id)
    prefix = f"queue_{request.id}_"
    app.selectbox(key=prefix + "item").set_value(T).run()
    app.radio(key=prefix + "decision").set_value("internal").run()
    assert app.selectbox(key=prefix + "colleague").options == [
        "Geen collega gekozen", "Piet Plaat · niveau 4 (afgesproken in het verslag) · zelfde team · aanbevolen",
        "Ingrid HR", "Marco Manager", "Otto Buiten", "Sandra Ander"]


def test_internal_without_a_colleague_is_refused_at_the_colleague(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    app = opened("hr", request.id)
    prefix = f"queue_{request.id}_"
    app.radio(key=prefix + "decision").set_value("internal").run()
    app.button(key=prefix + "save").click().run()
    assert "Kies bij een interne oplossing de collega die het leert of meeneemt." in texts(app)
    assert learning.get_request(database, firm.hr, request.id).request.decision is None


def test_declining_needs_a_reason_and_the_request_then_says_declined(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    app = opened("hr", request.id)
    prefix = f"queue_{request.id}_"
    app.button(key=prefix + "step_decline").click().run()
    assert "Schrijf op waarom; de medewerker leest de reden." in texts(app)
    app.text_area(key=prefix + "reason").input("Eerst meelopen met Piet; dan kijken we opnieuw.").run()
    app.button(key=prefix + "step_decline").click().run()
    assert not app.exception
    assert "Afgewezen. De medewerker leest de reden." in texts(app)
    assert learning.get_request(database, firm.hr, request.id).request.status == "declined"


def test_a_planned_request_is_marked_done_with_its_actual_cost(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    learning.decide(database, firm.hr, request.id, decision="external", provider="ROC", estimated_cents=40_000,
                    planned_start=date(YEAR, 3, 2))
    learning.approve(database, firm.hr, request.id)
    learning.plan(database, firm.hr, request.id, date(YEAR, 3, 2))
    app = opened("hr", request.id)
    prefix = f"queue_{request.id}_"
    app.text_input(key=prefix + "actual").input("425,75").run()
    app.button(key=prefix + "step_done").click().run()
    assert not app.exception
    assert "Gedaan. De medewerker krijgt nu de drie vragen over wat het bracht." in texts(app)
    assert budgets_shown(app)[0]["Uitgegeven"] == "€ 425,75"


def test_a_training_coordinator_who_is_not_hr_has_the_queue(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    coordinator = add_person(database, name="Carla Coördinator", username="carla", roles=("employee", "training_coordinator"))
    accounts.set_password_hash(database, coordinator.id, hash_password("geheim123"))
    app = opened("carla", request.id)
    assert "Daan Medewerker · Cursus tekening lezen bij het ROC" in texts(app)
    assert "Verslag van het gesprek openen" not in texts(app)  # the conversation itself is not theirs to read


@pytest.mark.parametrize("username", ["employee", "manager"])
def test_the_queue_refuses_an_employee_and_a_manager(firm_db, username):
    database, firm = firm_db
    requested(database, firm)
    app = page_run_directly(username, PAGE)
    assert not app.exception
    assert REFUSED in texts(app)
    assert (list(app.dataframe), list(app.table), list(app.selectbox)) == ([], [], [])


def test_a_team_budget_shows_beside_the_firms_in_what_approving_does(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    learning.set_budget(database, firm.hr, YEAR, 500_000)
    learning.set_budget(database, firm.hr, YEAR, 50_000, team_id=firm.manager.id)
    learning.decide(database, firm.hr, request.id, decision="external", provider="ROC", estimated_cents=60_000)
    app = opened("hr", request.id)
    assert "Het hele bedrijf: nu € 5.000,00 over, na goedkeuren € 4.400,00." in texts(app)
    assert "Team van Marco Manager: nu € 500,00 over, na goedkeuren -€ 100,00: het budget is dan overschreden." in texts(app)
    assert budgets_shown(app)[1] == {"Budget van": "Team van Marco Manager", "Budget": "€ 500,00", "Vastgelegd": "€ 0,00",
                                     "Uitgegeven": "€ 0,00", "Over": "€ 500,00"}


def test_the_coordinator_records_a_subsidy_and_the_hours(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    app = opened("hr", request.id)
    prefix = f"queue_{request.id}_"
    app.radio(key=prefix + "decision").set_value("external").run()
    app.text_input(key=prefix + "hours").input("7,5").run()
    app.button(key=prefix + "save").click().run()
    app.text_input(key=prefix + "fund").input("OOC Metaal").run()
    app.text_input(key=prefix + "scheme").input("Scholingsvoucher").run()
    app.text_input(key=prefix + "expected").input("250").run()
    app.selectbox(key=prefix + "subsidy_status").set_value("applied").run()
    app.button(key=prefix + "save_subsidy").click().run()
    assert not app.exception
    assert "Subsidie opgeslagen." in texts(app)
    view = learning.get_request(database, firm.hr, request.id)
    assert str(view.request.hours) in ("7.5", "7.50")
    assert (view.subsidy.fund, view.subsidy.scheme, view.subsidy.expected_cents, view.subsidy.status) == (
        "OOC Metaal", "Scholingsvoucher", 25_000, "applied")


def test_an_expected_subsidy_that_is_no_amount_is_refused_at_its_field(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    app = opened("hr", request.id)
    prefix = f"queue_{request.id}_"
    app.text_input(key=prefix + "fund").input("OOC Metaal").run()
    app.text_input(key=prefix + "expected").input("250 euro").run()
    app.button(key=prefix + "save_subsidy").click().run()
    assert 'Geen bedrag: "250 euro"' in texts(app)
    assert learning.get_request(database, firm.hr, request.id).subsidy is None


def test_planning_asks_for_the_start_date_first(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    learning.decide(database, firm.hr, request.id, decision="external", provider="ROC")
    learning.approve(database, firm.hr, request.id)
    app = opened("hr", request.id)
    prefix = f"queue_{request.id}_"
    app.button(key=prefix + "step_plan").click().run()
    assert "Vul de begindatum in om in te plannen." in texts(app)
    app.date_input(key=prefix + "planned_start").set_value(date(YEAR, 4, 7)).run()
    app.button(key=prefix + "save").click().run()
    app.button(key=prefix + "step_plan").click().run()
    assert "Ingepland." in texts(app)
    assert learning.get_request(database, firm.hr, request.id).request.status == "planned"


def test_an_overspent_budget_says_by_how_much(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    learning.set_budget(database, firm.hr, YEAR, 10_000)
    learning.decide(database, firm.hr, request.id, decision="external", provider="ROC", estimated_cents=25_000)
    learning.approve(database, firm.hr, request.id)
    app = opened("hr", request.id)
    assert "Het hele bedrijf: het budget is overschreden met € 150,00." in texts(app)


def test_an_evaluated_request_shows_what_it_brought_and_its_history(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    learning.decide(database, firm.hr, request.id, decision="external", provider="ROC")
    learning.approve(database, firm.hr, request.id)
    learning.plan(database, firm.hr, request.id, date(YEAR, 3, 2))
    learning.mark_done(database, firm.hr, request.id)
    learning.save_evaluation(database, firm.employee, request.id, learned="Doorsneden lezen.", satisfaction=4, helped="partly")
    learning.finish_evaluation(database, firm.employee, request.id)
    app = opened("hr", request.id)
    shown = texts(app)
    assert "Doorsneden lezen." in [text.value for text in app.text]
    assert "Tevreden · Een beetje" in shown
    history = [line.rsplit(": ", 1)[1] for line in shown.splitlines() if re.match(r"\d+ \w+ \d{4}, [\d:]+: ", line)]
    assert history == ["Aangevraagd", "Goedgekeurd", "Ingepland", "Gedaan", "Geëvalueerd"]


def test_the_coordinator_reads_their_own_request_but_another_decides(firm_db):
    database, firm = firm_db
    kind = certificates.add_type(database, firm.hr, name="BHV", validity_months=12, warn_days=60)
    certificates.add_certificate(database, firm.hr, firm.hr.id, type_id=kind.id, issued_on=date(YEAR - 1, 6, 30),
                                 expires_on=date(YEAR, 6, 30))
    (own,) = [view.request for view in learning.queue(database, firm.hr, YEAR)]
    app = opened("hr", own.id)
    assert "Over je eigen leeraanvraag beslist een andere coördinator of HR." in texts(app)
    assert [button.key for button in app.button if button.key.startswith(f"queue_{own.id}_")] == []


def test_a_step_that_moves_the_request_out_of_the_status_filter_still_says_what_it_did(firm_db):
    database, firm = firm_db
    request = requested(database, firm)
    learning.decide(database, firm.hr, request.id, decision="external", provider="ROC")
    app = open_page(sign_in("hr"), PAGE)
    app.number_input(key="queue_year").set_value(YEAR).run()
    app.selectbox(key="queue_status").set_value("requested").run()
    app.selectbox(key="queue_request").set_value(request.id).run()
    app.button(key=f"queue_{request.id}_step_approve").click().run()
    assert not app.exception
    assert "Goedgekeurd." in texts(app)
    assert "queue_request" not in [box.key for box in app.selectbox]  # no requested one is left to open


def test_the_queue_lists_new_requests_first_then_what_is_to_plan(firm_db):
    database, firm = firm_db
    course = requested(database, firm)
    learning.decide(database, firm.hr, course.id, decision="external", provider="ROC")
    learning.approve(database, firm.hr, course.id)
    kind = certificates.add_type(database, firm.hr, name="BHV", validity_months=12, warn_days=60)
    certificates.add_certificate(database, firm.hr, firm.outsider.id, type_id=kind.id, issued_on=date(YEAR - 1, 6, 30),
                                 expires_on=date(YEAR, 6, 30))
    app = open_page(sign_in("hr"), PAGE)
    app.number_input(key="queue_year").set_value(YEAR).run()
    queue = next(frame.value for frame in app.dataframe if "Leervraag" in frame.value.columns)
    assert queue[["Leervraag", "Status"]].to_dict("records") == [
        {"Leervraag": "BHV", "Status": "Aangevraagd"},
        {"Leervraag": "Cursus tekening lezen bij het ROC", "Status": "Goedgekeurd"}]
