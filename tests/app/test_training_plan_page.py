"""The training plan page under AppTest: HR sees the firm's plan with euros and totals, filters by
team and downloads Excel and the PDF to sign; a manager sees their own team without amounts; an
employee who leads no one is told whose page it is."""

from datetime import date
from io import BytesIO

import openpyxl
import pytest

from db import accounts
from db import learning as store
from db.people import add_person
from devtalk.domain.learning import Subsidy
from devtalk.domain.passwords import hash_password
from tests.app.conftest import download, page_run_directly, sign_in, texts
from tests.builders import flat, text_of

PAGE = "pages/training_plan.py"
YEAR = date.today().year  # the year the page opens on


@pytest.fixture
def planned(firm_db):
    """A course for Daan (Marco's team) of € 1.234,56 with a subsidy, and one for Otto (Sandra's)."""
    database, firm = firm_db
    course = store.add_request(database, employee_id=firm.employee.id, kind="course", what="Cursus TIG-lassen", year=YEAR,
                               status="approved", decision="external", provider="Lasschool Oost", estimated_cents=123_456)
    store.set_subsidy(database, Subsidy(course, "OOM", "", 50_000, "granted"), course)
    store.add_request(database, employee_id=firm.outsider.id, kind="coaching", what="Coaching", year=YEAR,
                      status="requested", estimated_cents=80_000)
    return database, firm


def frame_with(app, column: str):
    """The table that has this column (AppTest knows a table by its content, not its key)."""
    return next(frame.value for frame in app.dataframe if column in frame.value.columns)


def plan_table(app):
    return frame_with(app, "Medewerker")


def test_hr_sees_the_whole_firms_plan_in_euros_with_totals_per_team(planned):
    app = page_run_directly("hr", PAGE)
    assert not app.exception
    rows = plan_table(app).to_dict("records")
    assert [(row["Team van"], row["Medewerker"], row["Begroot"]) for row in rows] == [
        ("Marco Manager", "Daan Medewerker", "€ 1.234,56"), ("Sandra Ander", "Otto Buiten", "€ 800,00")]
    assert rows[0]["Subsidie"] == "OOM: € 500,00 (Toegekend)" and rows[0]["Intern of extern"] == "Extern: Lasschool Oost"
    totals = frame_with(app, "Verzoeken")
    assert list(totals["Team van"]) == ["Marco Manager", "Sandra Ander", "Totaal"]
    assert list(totals["Begroot"])[-1] == "€ 2.034,56"


def test_hr_narrows_the_plan_to_one_team(planned):
    app = page_run_directly("hr", PAGE)
    team = app.selectbox(key="plan_team")
    app = team.select(next(option for option in team.options if option == "Sandra Ander")).run()
    assert list(plan_table(app)["Medewerker"]) == ["Otto Buiten"]


def test_the_excel_download_holds_the_amounts_as_numbers(planned, deferred_downloads):
    app = page_run_directly("hr", PAGE)
    sheet = openpyxl.load_workbook(BytesIO(download(app, "plan_xlsx", deferred_downloads))).worksheets[0]
    header = [cell.value for cell in sheet[3]]
    assert sheet.cell(4, header.index("Begrote kosten") + 1).value == pytest.approx(1234.56)


def test_the_pdf_to_sign_is_made_at_the_click_with_the_dutch_amounts(planned, deferred_downloads):
    app = page_run_directly("hr", PAGE)
    app = app.button(key="plan_pdf_make").click().run()
    assert not app.exception
    text = flat(text_of(download(app, "plan_pdf_download", deferred_downloads)))
    assert "€ 1.234,56" in text and "Directeur" in text


def test_a_manager_sees_their_own_team_without_amounts(planned):
    app = page_run_directly("manager", PAGE)
    assert not app.exception
    frame = plan_table(app)
    assert list(frame["Medewerker"]) == ["Daan Medewerker"]
    assert not {"Begroot", "Werkelijk", "Subsidie"} & set(frame.columns)
    assert "Zonder bedragen" in texts(app)
    assert [box.key for box in app.selectbox] == ["plan_year", "plan_person"]  # no other team to choose


def test_an_employee_who_leads_no_one_is_told_whose_page_it_is(planned):
    app = page_run_directly("employee", PAGE)
    assert not app.exception
    assert "jij leidt (nu) geen team" in texts(app)
    assert not app.dataframe


def test_a_year_without_requests_says_so(planned):
    app = page_run_directly("hr", PAGE)
    app = app.selectbox(key="plan_year").select(YEAR - 2).run()
    assert "nog geen leerverzoeken" in flat(texts(app))
    assert not app.dataframe


@pytest.mark.parametrize(("username", "shown"), [("hr", True), ("manager", True), ("employee", False)])
def test_the_menu_offers_the_plan_and_the_evaluation_to_hr_and_managers(planned, username, shown):
    links = [link.proto.label for link in sign_in(username).get("page_link")]
    assert ({"Opleidingsplan", "Wat het leren opleverde"} <= set(links)) is shown
    assert shown or not {"Opleidingsplan", "Wat het leren opleverde"} & set(links)


def test_a_training_coordinator_who_is_no_manager_finds_both_in_the_menu(planned):
    database, _ = planned
    carla = add_person(database, name="Carla", username="carla", roles=("employee", "training_coordinator"))
    accounts.set_password_hash(database, carla.id, hash_password("geheim123"))
    links = [link.proto.label for link in sign_in("carla").get("page_link")]
    assert {"Opleidingsplan", "Wat het leren opleverde"} <= set(links)


def test_hr_narrows_the_plan_and_its_downloads_to_one_person(planned, deferred_downloads):
    app = page_run_directly("hr", PAGE)
    person = app.selectbox(key="plan_person")
    app = person.select(next(option for option in person.options if option == "Otto Buiten")).run()
    assert list(plan_table(app)["Medewerker"]) == ["Otto Buiten"]
    sheet = openpyxl.load_workbook(BytesIO(download(app, "plan_xlsx", deferred_downloads))).worksheets[0]
    assert [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)] == ["Otto Buiten", None]  # and the totals row
