"""HR in a real browser (the file uploads AppTest cannot drive): a certificate import that names an
unknown person and an impossible date is refused with its rows and columns, the corrected file is
previewed and read in; then a scan that is no PDF, JPEG or PNG is refused and a PNG is kept and
saved again as a file."""

from pathlib import Path

import pytest

import db as storage
from db.people import person_by_username
from devtalk.domain.access import OPERATOR
from devtalk.services import certificates
from tests.browser.conftest import settle, sign_in

pytestmark = pytest.mark.browser
HEADER = "gebruikersnaam;certificaat;nummer;afgegeven;verloopt\r\n"
# What Dutch Excel writes: `;` between cells, Windows-1252, dates as dd-mm-jjjj.
WRONG = (HEADER + "employee;Kraanmachinist;KR-1;01-02-2026;\r\nniemand;Kraanmachinist;KR-2;31-02-2026;\r\n").encode("cp1252")
RIGHT = (HEADER + "employee;Kraanmachinist;KR-1;01-02-2026;\r\n").encode("cp1252")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def upload(page, key: str, name: str, data: bytes, mime: str) -> None:
    page.locator(f".st-key-{key} input[type='file']").set_input_files(files=[{"name": name, "mimeType": mime, "buffer": data}])


def choose(page, key: str, option: str) -> None:
    page.locator(f".st-key-{key} [data-testid='stSelectbox']").click()
    page.get_by_role("option", name=option).click()
    settle(page)


def test_hr_imports_certificates_after_a_refused_file_and_keeps_a_scan(browser, server):
    certificates.add_type(storage.open_db(server["db"]), OPERATOR, name="Kraanmachinist", validity_months=60)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    sign_in(page, server["url"], "hr")
    page.goto(f"{server['url']}/hr_certificates")
    page.locator("h1", has_text="Certificaten").wait_for()
    settle(page)

    page.get_by_role("tab", name="Inlezen en uitvoeren").click()
    settle(page)
    upload(page, "certificates_import", "certificaten.csv", WRONG, "text/csv")
    page.get_by_text("Er is niets opgeslagen").wait_for()
    problems = page.locator("[data-testid='stTable'] tbody tr")
    problems.first.wait_for()
    settle(page)
    assert problems.count() >= 2
    assert all("3" in problems.nth(index).locator("td").first.inner_text() for index in range(problems.count()))
    upload(page, "certificates_import", "certificaten.csv", RIGHT, "text/csv")
    page.get_by_text("Klaar om in te lezen: 1 nieuw").wait_for()
    settle(page)
    page.get_by_role("button", name="Inlezen", exact=True).click()
    page.get_by_text("Ingelezen: 1 nieuw, 0 gewijzigd.").wait_for()

    page.get_by_role("tab", name="Per medewerker").click()
    settle(page)
    choose(page, "certificates_person", "Daan Smit")
    choose(page, "certificate_selected", "Kraanmachinist")
    database = storage.open_db(server["db"])
    daan = person_by_username(database, "employee")
    crane = next(row.certificate for row in certificates.of_person(database, OPERATOR, daan.id)
                 if row.type.name == "Kraanmachinist")
    form = page.locator(f".st-key-certificate_{daan.id}_{crane.id}_scan")
    form.locator("input[type='file']").set_input_files(files=[{"name": "scan.pdf", "mimeType": "application/pdf",
                                                               "buffer": b"geen scan"}])
    form.get_by_text("scan.pdf").wait_for()  # the uploader names the file once it has reached the server
    settle(page)
    page.locator(".st-key-certificate_save button").click()
    page.get_by_text("Dit bestand is geen PDF, JPEG of PNG").wait_for()
    form.locator("input[type='file']").set_input_files(files=[{"name": "scan.png", "mimeType": "image/png", "buffer": PNG}])
    form.get_by_text("scan.png").wait_for()
    settle(page)
    page.locator(".st-key-certificate_save button").click()
    page.get_by_text("Opgeslagen.", exact=True).wait_for()
    settle(page)
    with page.expect_download() as started:
        page.get_by_role("button", name="Scan downloaden").click()
    assert started.value.suggested_filename == "scan.png"
    assert Path(started.value.path()).read_bytes() == PNG
    context.close()
