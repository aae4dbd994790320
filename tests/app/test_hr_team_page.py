from datetime import date, timedelta

from db import actions as action_repo
from db.people import add_person
from devtalk.services.library import store_questionnaire
from devtalk.services.rounds import create_round
from tests.app.conftest import page_run_directly, texts
from tests.builders import CLIMATE, T, V, answer_climate, fill

PAGE = "pages/hr_team.py"


def charts(app) -> list[str]:
    return [element.proto.spec for element in app.get("vega_lite_chart")]


def test_hr_sees_the_heatmap_single_points_of_failure_and_overdue_actions_first(firm_db):
    database, firm = firm_db
    fill(database, firm.employee, firm.conversation_id, {T: 4, V: 2})
    fill(database, firm.manager, firm.conversation_id, {T: 5, V: "na"})
    action_repo.add_action(database, firm.conversation_id, firm.employee.id, what="Meelopen", kind="walk_along",
                           due_date=date.today() + timedelta(days=9))
    action_repo.add_action(database, firm.conversation_id, firm.employee.id, what="Cursus TIG", kind="course",
                           due_date=date.today() - timedelta(days=9), helped="helped")
    app = page_run_directly("hr", PAGE)
    app.selectbox(key="team_function").set_value("plaatwerker").run()
    assert not app.exception
    assert len(charts(app)) == 1 and '"rect"' in charts(app)[0]
    single = next(frame.value for frame in app.dataframe if "Wie beheerst het" in frame.value.columns)
    assert single.to_dict("records") == [
        {"Vaardigheid": "Ik kan een werktekening lezen", "Wie beheerst het": "Daan Medewerker"},
        {"Vaardigheid": "Ik werk veilig", "Wie beheerst het": "Niemand"}]
    actions = next(frame.value for frame in app.dataframe if "Verlopen" in frame.value.columns and "Wat" in frame.value.columns)
    assert list(actions["Wat"]) == ["Cursus TIG", "Meelopen"]
    assert "1 actie(s) over de datum" in texts(app)
    app.segmented_control(key="team_view").set_value("manager").run()
    app.selectbox(key="team_team").set_value(firm.other_manager.id).run()
    assert "niemand met deze functie" in texts(app)
    assert not app.exception


def climate_round_of(database, firm, respondents: int) -> int:
    team = [firm.employee] + [
        add_person(database, name=f"Collega {n}", username=f"collega{n}", function_id="plaatwerker", manager_id=firm.manager.id)
        for n in range(2)
    ]
    version = store_questionnaire(database, firm.hr, CLIMATE, "klimaat.yaml")
    round_id = create_round(database, firm.hr, "Leerklimaat", version.id, employee_ids=[p.id for p in team]).round.id
    for person in team[:respondents]:
        answer_climate(database, round_id, person, (4, 2, 5))
    return round_id


def climate_figures(app) -> list[str]:
    return [metric.value for metric in app.metric]


def test_two_respondents_show_no_learning_climate_figures(firm_db):
    database, firm = firm_db
    climate_round = climate_round_of(database, firm, respondents=2)
    app = page_run_directly("hr", PAGE)
    assert app.selectbox(key="team_round").value == climate_round
    assert climate_figures(app) == ["—", "—"]
    assert texts(app).count("Te weinig respondenten") == 2
    assert not app.exception


def test_three_respondents_show_the_learning_climate_per_condition(firm_db):
    database, firm = firm_db
    climate_round_of(database, firm, respondents=3)
    app = page_run_directly("hr", PAGE)
    assert climate_figures(app) == ["3,0", "5,0"]
    assert "Te weinig respondenten" not in texts(app)
    assert not app.exception


def test_two_rounds_of_answers_show_a_trend_line_per_chosen_skill(firm_db):
    database, firm = firm_db
    fill(database, firm.employee, firm.conversation_id, {T: 2, V: 3})
    later = create_round(database, firm.hr, "Ronde 2027", firm.version_id, employee_ids=[firm.employee.id]).round.id
    conversation = database.execute("SELECT id FROM conversations WHERE round_id = ?", [later]).fetchone()[0]
    fill(database, firm.employee, conversation, {T: 4, V: 3})
    app = page_run_directly("hr", PAGE)
    app.selectbox(key="team_function").set_value("plaatwerker").run()
    assert app.multiselect(key="team_trend_items_plaatwerker").value == [T, V]
    assert len(charts(app)) == 2 and '"line"' in charts(app)[1]
    assert not app.exception
