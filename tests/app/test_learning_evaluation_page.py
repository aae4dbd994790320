"""The group evaluation page under AppTest: HR sees a team of three's figures and charts with whole
labels, a team of two shows nothing and the page says why, a manager sees their team without
costs, an employee is refused."""

import json
from datetime import UTC, date, datetime

import pytest

from db import learning as store
from db.people import add_person
from devtalk.domain.learning import Evaluation
from tests.app.conftest import page_run_directly, texts
from tests.builders import flat

PAGE = "pages/learning_evaluation.py"
YEAR = date.today().year  # the year the page opens on


@pytest.fixture
def evaluated(firm_db):
    """Marco's team of three each took an external course and evaluated it; Otto (Sandra's team) coaching."""
    database, firm = firm_db
    team = [firm.employee] + [add_person(database, name=name, username=name.lower(), manager_id=firm.manager.id)
                              for name in ("Eva", "Fatima")]
    for number, employee in enumerate([*team, firm.outsider]):
        kind = "coaching" if employee is firm.outsider else "course"
        request_id = store.add_request(database, employee_id=employee.id, kind=kind, what=kind, year=YEAR, status="evaluated",
                                       decision="external", actual_cents=40_000)
        store.save_evaluation(database, Evaluation(request_id, "Veel", 3 + number % 2, "helped", datetime.now(UTC)))
    return database, firm


def frame_with(app, column: str):
    return next(frame.value for frame in app.dataframe if column in frame.value.columns)


def test_hr_sees_the_course_with_satisfaction_impact_and_cost_and_the_coaching_left_out(evaluated):
    app = page_run_directly("hr", PAGE)
    assert not app.exception
    assert frame_with(app, "Soort").to_dict("records") == [
        {"Soort": "Cursus of training", "Mensen": 3, "Acties": 3, "Tevredenheid (1-5)": "3,3", "Hielp": "3", "Deels": "0",
         "Niet": "0", "Kosten": "€ 1.200,00"}]
    shown = flat(texts(app))
    assert "minder dan 3 mensen worden niet getoond" in shown and "weggelaten" in shown


def test_the_charts_name_each_kind_in_full(evaluated):
    app = page_run_directly("hr", PAGE)
    specs = [json.loads(chart.proto.spec) for chart in app.get("vega_lite_chart")]
    assert specs and all(spec["encoding"]["y"]["axis"]["labelLimit"] == 0 for spec in specs if "encoding" in spec)


def test_a_team_of_one_shows_nothing_and_says_why(evaluated):
    app = page_run_directly("hr", PAGE)
    team = app.selectbox(key="evaluation_team")
    app = team.select(next(option for option in team.options if option == "Sandra Ander")).run()
    assert not app.exception and not app.dataframe
    assert "1 persoon iets geleerd" in flat(texts(app))


def test_a_manager_sees_their_team_without_costs(evaluated):
    app = page_run_directly("manager", PAGE)
    assert not app.exception
    assert "Kosten" not in frame_with(app, "Soort").columns
    assert [box.key for box in app.selectbox] == ["evaluation_year"]


def test_an_employee_who_leads_no_one_is_refused(evaluated):
    app = page_run_directly("employee", PAGE)
    assert not app.exception and not app.dataframe
    assert "jij leidt (nu) geen team" in texts(app)
