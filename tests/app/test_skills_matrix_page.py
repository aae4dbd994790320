"""The skills matrix page under AppTest: HR sees everyone and filters by team, a manager their own
team only, an employee is refused; the heatmap's labels are whole and the XLSX downloads."""

import json
from io import BytesIO

import openpyxl
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from db._rows import now
from tests.app.conftest import download, page_run_directly, texts
from tests.builders import T, V, final_report

PAGE = "pages/skills_matrix.py"


@pytest.fixture
def reported(firm_db):
    """Daan's report final (the manager's 2 on both skills kept as agreed); plaatwerkers need 4 on the
    critical drawing skill."""
    database, firm = firm_db
    final_report(database, firm, "Goed gesprek.")
    for item_id, level, critical in ((T, 4, 1), (V, 2, 0)):
        database["skill_requirements"].insert({"function_id": "plaatwerker", "questionnaire_id": "klein", "item_id": item_id,
                                               "level": level, "critical": critical, "updated_at": now()})
    return database, firm


def chart(app) -> dict:
    (element,) = app.get("vega_lite_chart")
    return json.loads(element.proto.spec)


def cells(app) -> list[dict]:
    """The heatmap's rows as the browser receives them (Streamlit sends the data beside the spec)."""
    (element,) = app.get("vega_lite_chart")
    (dataset,) = element.proto.datasets
    return convert_arrow_bytes_to_pandas_df(dataset.data.data).to_dict("records")


def frame_with(app, column: str):
    return next(frame.value for frame in app.dataframe if column in frame.value.columns)


def test_hr_sees_the_matrix_coloured_by_state_with_whole_labels_and_a_single_point_of_failure(reported):
    app = page_run_directly("hr", PAGE)
    assert not app.exception
    spec = chart(app)
    layers = spec["layer"]
    assert layers[0]["encoding"]["x"]["axis"]["labelLimit"] == 0
    assert {tip["field"] for tip in layers[0]["encoding"]["tooltip"]} == {"person", "skill", "level", "required", "state"}
    daan = {row["skill"]: (row["level"], row["state"]) for row in cells(app) if row["person"] == "Daan Medewerker"}
    assert daan == {"De medewerker kan een werktekening lezen": ("2", "Onder vereist"), "Ik werk veilig": ("2", "Op of boven vereist"),
                    "Ik kan TIG lassen": ("n.v.t.", "N.v.t.")}  # welding is asked of welders only
    (single,) = app.table
    assert single.value.to_dict("records") == [{"Soort": "Vaardigheid", "Wat": "De medewerker kan een werktekening lezen",
                                                "Team van": "Marco Manager", "Wie heeft het": "niemand", "Minimum": "2"}]
    assert list(frame_with(app, "Kritiek")["Vaardigheid"]) == ["De medewerker kan een werktekening lezen"]
    counts = frame_with(app, "Op of boven vereist")  # only the skills with a requirement or a minimum
    assert counts.to_dict("records") == [
        {"Vaardigheid": "De medewerker kan een werktekening lezen", "Op of boven vereist": "0 van 1", "Minimum": "2",
         "Op minimumniveau": "0", "Te weinig": "ja"},
        {"Vaardigheid": "Ik werk veilig", "Op of boven vereist": "1 van 1", "Minimum": "", "Op minimumniveau": "",
         "Te weinig": ""}]


def test_hr_filters_by_team(reported):
    app = page_run_directly("hr", PAGE)
    _, firm = reported
    app.selectbox(key="matrix_team").set_value(firm.other_manager.id).run()
    assert not app.exception
    people = {row["person"] for row in cells(app)}
    assert people == {"Otto Buiten"}
    assert "Geen kwetsbare plekken in deze selectie." in texts(app)


def test_a_manager_sees_their_own_team_without_a_team_choice(reported):
    app = page_run_directly("manager", PAGE)
    assert not app.exception
    assert [box.key for box in app.selectbox] == ["matrix_function", "matrix_section"]
    assert {row["person"] for row in cells(app)} == {"Daan Medewerker"}


def test_an_employee_is_refused(reported):
    app = page_run_directly("employee", PAGE)
    assert not app.exception
    assert "De vaardighedenmatrix is er voor HR en voor wie een team leidt; jij leidt (nu) geen team." in texts(app)
    assert not app.get("vega_lite_chart")


def test_the_xlsx_download_holds_the_matrix(reported, deferred_downloads):
    app = page_run_directly("manager", PAGE)
    book = openpyxl.load_workbook(BytesIO(download(app, "matrix_xlsx", deferred_downloads)))
    assert [row[0].value for row in book["Matrix"].iter_rows(min_row=4, max_row=4)] == ["Daan Medewerker"]
