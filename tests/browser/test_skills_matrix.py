"""HR opens the skills matrix in Dutch at 1280 px, narrows it to Marco's team, sees cells coloured by
their state and the team's single points of failure (a critical skill and a certificate), and saves
the matrix as Excel."""

import signal
from io import BytesIO

import openpyxl
import pytest
from PIL import Image
from playwright.sync_api import expect

import db as storage
from db._rows import now
from devtalk.domain.matrix import BELOW, MET, STATE_COLOURS
from tests.browser.conftest import Server, _free_port, settle, sign_in

pytestmark = pytest.mark.browser
DRAWING = "tekening-lezen"  # in Marco's team only Jan Hendriks reads drawings at level 4


@pytest.fixture(scope="module")
def own_server(tmp_path_factory, write_demo):
    """The demo firm where welders and sheet-metal workers must read drawings at 4 (critical). Its
    own certificates make the second single point of failure: in Marco's team only Jan holds a valid
    BHV (Kees's expired) against a minimum of 2."""
    db_path = write_demo(tmp_path_factory.mktemp("matrix") / "demo.db")
    database = storage.open_db(db_path)
    for function_id in ("lasser", "plaatwerker"):
        database["skill_requirements"].insert({"function_id": function_id, "questionnaire_id": "techniek-carrosserie",
                                               "item_id": DRAWING, "level": 4, "critical": 1, "updated_at": now()},
                                              replace=True)
    database.conn.close()
    running = Server(db_path, _free_port())
    running.start()
    yield running
    running.stop(signal.SIGTERM)


def colours_in(png: bytes) -> set[tuple[int, int, int]]:
    return set(Image.open(BytesIO(png)).convert("RGB").get_flattened_data())


def rgb(state: str) -> tuple[int, int, int]:
    colour = STATE_COLOURS[state]
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def test_hr_filters_the_matrix_by_team_sees_coloured_cells_and_single_points_and_downloads_excel(browser, own_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        sign_in(page, own_server.url, "hr")
        page.goto(f"{own_server.url}/skills_matrix")
        page.locator("h1", has_text="Vaardighedenmatrix").wait_for()
        settle(page)
        page.locator(".st-key-matrix_team [data-testid='stSelectbox']").click()
        page.get_by_role("option", name="Marco Jansen").click()
        settle(page)

        # The whole firm also shows Henk's team (Marco, a welder, reads drawings below 4); Marco's has two rows.
        rows = page.locator("[data-testid='stTable'] tbody tr")
        expect(rows).to_have_count(2)
        expect(rows.nth(0)).to_contain_text("De medewerker leest werktekeningen en haalt er maten en toleranties uit.")
        expect(rows.nth(0)).to_contain_text("Jan Hendriks")
        expect(rows.nth(1)).to_contain_text("BHV")
        expect(rows.nth(1)).to_contain_text("Jan Hendriks")

        frame = page.locator(".st-key-matrix_frame")  # the matrix scrolls sideways in it
        frame.locator("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg").first.wait_for()
        seen = colours_in(frame.screenshot())
        assert rgb(MET) in seen and rgb(BELOW) in seen

        settle(page)  # the click lands on the drawn page, not on a button a late run replaces
        with page.expect_download() as started:
            page.locator(".st-key-matrix_xlsx button").click()
        book = openpyxl.load_workbook(BytesIO(started.value.path().read_bytes()))
        people = [row[0].value for row in book["Matrix"].iter_rows(min_row=4) if row[0].value][:6]
        assert people == ["Ahmet Yılmaz", "Bram de Boer", "Daan Smit", "Jan Hendriks", "Kees Mulder", "Piotr Nowak"]
    finally:
        context.close()
