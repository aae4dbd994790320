"""A new firm's first round, as one person after another does it, from an empty database
(`make start`) to the employee's acknowledged report.

HR sets devtalk up at 1280 px following only the README: the first-run setup, job functions, an
Excel list of people, the firm's own questionnaire, a round, a sign-in card. The employee opens the
address printed on the card on a 390 x 844 phone and fills in there; the manager signs in with a
password on a laptop. Everyone types the way people do, in Dutch, without leaving a box to have it
saved. Screenshots of the steps land in test-artifacts/first-round-*.png.
"""

import re
import signal
import subprocess
import sys
from datetime import date, timedelta
from io import BytesIO

import openpyxl
import pytest
import zxingcpp
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from pypdf import PdfReader

import db as storage
from db.actions import actions_of_conversation
from db.conversations import conversations_of_employee
from db.people import person_by_username
from devtalk.presentation.formatting import format_date
from devtalk.services import invitations
from tests.browser.conftest import ARTIFACTS, ROOT, Server, _free_port, settle

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}
HR_PASSWORD, MANAGER_PASSWORD, PIN = "Lasrook-2027", "Kantbank-77", "1357"
SCALE_BLOCKS = "[class*='st-key-item_']:has(button[role='radio'])"
OPEN_BLOCKS = "[class*='st-key-item_']:has(textarea)"

# The firm's own short questionnaire: something for everyone, a section for welders only, and the
# open "what do you want" questions that become agenda points.
QUESTIONNAIRE = """\
id: ontwikkelgesprek-de-vries
title: {nl: "Ontwikkelgesprek De Vries", en: "Development conversation De Vries"}
languages: [nl, en]
scales:
  beheersing:
    points: [1, 2, 3, 4, 5]
    labels:
      1: {nl: "Nog niet", en: "Not yet"}
      3: {nl: "Zelfstandig", en: "On my own"}
      5: {nl: "Kan het anderen leren", en: "Can teach others"}
    not_applicable: true
sections:
  - id: vakmanschap
    title: {nl: "Vakmanschap", en: "Craftsmanship"}
    items:
      - id: veilig-werken
        type: likert
        scale: beheersing
        text: {nl: "Ik werk veilig en houd mijn werkplek netjes", en: "I work safely and keep my workplace tidy"}
        text_manager: {nl: "De medewerker werkt veilig en houdt de werkplek netjes", en: "The employee works safely and keeps the workplace tidy"}
      - id: tekening-lezen
        type: likert
        scale: beheersing
        text: {nl: "Ik kan een werktekening lezen", en: "I can read a drawing"}
        text_manager: {nl: "De medewerker kan een werktekening lezen", en: "The employee can read a drawing"}
  - id: lassen
    title: {nl: "Lassen", en: "Welding"}
    functions: [lasser]
    items:
      - id: mig-mag-lassen
        type: likert
        scale: beheersing
        text: {nl: "Ik kan MIG/MAG lassen", en: "I can MIG/MAG weld"}
        text_manager: {nl: "De medewerker kan MIG/MAG lassen", en: "The employee can MIG/MAG weld"}
      - id: tig-lassen
        type: likert
        scale: beheersing
        text: {nl: "Ik kan TIG lassen op dun plaatwerk", en: "I can TIG weld thin sheet"}
        text_manager: {nl: "De medewerker kan TIG lassen op dun plaatwerk", en: "The employee can TIG weld thin sheet"}
  - id: willen
    title: {nl: "Wat wil je?", en: "What do you want?"}
    items:
      - id: energie
        type: open
        tags: [energy]
        text: {nl: "Waar krijg jij energie van?", en: "What gives you energy?"}
        text_manager: {nl: "Waar krijgt de medewerker volgens jou energie van?", en: "What gives the employee energy, in your view?"}
      - id: leerwens
        type: open
        tags: [learning_wish]
        text: {nl: "Wat wil je het komende jaar leren?", en: "What do you want to learn in the coming year?"}
        text_manager: {nl: "Wat zou de medewerker het komende jaar kunnen leren?", en: "What could the employee learn in the coming year?"}
"""
# (the likert point each side chooses, per item) and what each side types for the open questions
EMPLOYEE_POINTS = {"veilig-werken": 4, "tekening-lezen": 3, "mig-mag-lassen": 4, "tig-lassen": 2}
MANAGER_POINTS = {"veilig-werken": 4, "tekening-lezen": 4, "mig-mag-lassen": 4, "tig-lassen": 4}
EMPLOYEE_TEXTS = {"energie": "Als een lastige las in één keer goed is.",
                  "leerwens": "TIG lassen op aluminium, voor de spatborden."}
MANAGER_TEXTS = {"energie": "Van moeilijk laswerk waar anderen niet aan durven.",
                 "leerwens": "TIG op aluminium en wat werkvoorbereiding."}

FILL_DEADLINE, MEETING_DEADLINE = date.today() + timedelta(days=30), date.today() + timedelta(days=60)
NOTE = "TIG op dun plaatwerk samen oefenen met Kees."  # on the first point of the agenda
# The report's two actions: what, its kind, who sees to it, due in so many days.
ACTIONS = (("Cursus TIG lassen aluminium inplannen", "Cursus of training", "Kees Bos", 45),
           ("Elke vrijdag een uur TIG oefenen op proefstukken", "Instructie op de werkplek", "Ömer Aydın", 30))


def people_xlsx() -> bytes:
    """The firm's people as HR keeps them in Excel, with the Dutch column names."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["naam", "gebruikersnaam", "e-mail", "functie", "leidinggevende", "rollen"])
    sheet.append(["Kees Bos", "kbos", "kees@devries-carrosserie.nl", "werkvoorbereider", None, "medewerker, leidinggevende"])
    sheet.append(["Ömer Aydın", "oaydin", None, "lasser", "kbos", "medewerker"])
    sheet.append(["Sanne Peters", "speters", None, "lasser", "kbos", None])
    data = BytesIO()
    book.save(data)
    return data.getvalue()


@pytest.fixture
def contexts(browser, request):
    """Browser contexts opened by the test; every open page is photographed if the test fails."""
    opened = []
    yield opened
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    for number, context in enumerate(opened):
        for page in context.pages if failed else ():
            page.screenshot(path=str(ARTIFACTS / f"first-round-failed-{number}.png"), full_page=True)
        context.close()


@pytest.fixture
def new_firm(tmp_path):
    """devtalk on a new, empty database, as `make start` serves it: no demo, no public address set."""
    db_path = tmp_path / "firma.db"
    running = Server(db_path, _free_port())
    running.env.pop("DEVTALK_PUBLIC_URL", None)
    subprocess.run([sys.executable, "-m", "devtalk", "init"], cwd=ROOT, env=running.env, check=True, capture_output=True)
    running.start()
    yield running
    running.stop(signal.SIGTERM)


def new_page(browser, contexts: list, viewport: dict, **options):
    context = browser.new_context(viewport=viewport, locale="nl-NL", timezone_id="Europe/Amsterdam", **options)
    contexts.append(context)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"first-round-{name}.png"), full_page=True)


def type_into(field, text: str) -> None:
    """Click into a field and type, key by key, as a person does."""
    field.click()
    field.press_sequentially(text)


def go(page, link: str, heading: str) -> None:
    """Follow a link (in the menu or on the page) to the page with this heading."""
    page.get_by_role("link", name=link).first.click()
    page.get_by_role("heading", name=heading).first.wait_for()
    settle(page)


def choose(page, label: str, option: str) -> None:
    """Open a drop-down by its label and pick an option by its text. A list that a rerun closed
    as it opened (on a busy machine) is opened again, as a person taps again."""
    wanted = page.get_by_role("option", name=option).first
    for _ in range(3):
        page.get_by_label(label, exact=True).click()
        try:
            wanted.wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            settle(page)
    wanted.click()
    settle(page)


def type_date(page, label: str, day: date) -> None:
    """Tap the day of a date field and type the date; each part moves on to the next by itself."""
    day_part = page.get_by_label(label, exact=True).get_by_role("spinbutton").first
    type_into(day_part, day.strftime("%d%m%Y"))
    day_part.press("Escape")  # the calendar beside it closes; the typed date stays
    settle(page)


def first_run_setup(page, url: str) -> None:
    page.goto(url)
    page.get_by_role("heading", name="devtalk inrichten").wait_for()
    settle(page)
    shot(page, "1-setup")
    type_into(page.get_by_label("Naam van het bedrijf"), "Carrosseriebedrijf De Vries")
    type_into(page.get_by_label("Je naam"), "Els de Vries")
    type_into(page.get_by_label("Gebruikersnaam"), "els")
    type_into(page.get_by_label(re.compile("^Wachtwoord")), HR_PASSWORD)
    # Issue 14.1: the setup asks once for the address colleagues reach devtalk at, filled in with
    # the one HR is using; on this test machine the phone reaches it there too, so HR keeps it.
    expect(page.get_by_label("Adres van devtalk voor collega's", exact=True)).to_have_value(url)
    page.get_by_role("button", name="Bedrijf aanmaken").click()
    # Issue 14.6: HR lands on the checklist, not on an empty list of conversations.
    page.get_by_role("heading", name="Aan de slag").wait_for()
    settle(page)


def describe_functions(page) -> None:
    go(page, "Functies beschrijven", "Mensen en functies")
    # Issue 14.7: the checklist's step opens the functions tab.
    expect(page.get_by_role("tab", name="Functies")).to_have_attribute("aria-selected", "true")
    for code, name, description in (
        ("lasser", "Lasser", "Last constructies en carrosseriedelen in staal en aluminium, MIG/MAG en TIG."),
        ("werkvoorbereider", "Werkvoorbereider", "Plant het werk, maakt werktekeningen en bestelt materiaal."),
    ):
        code_field = page.get_by_label("Code", exact=True)
        if not code_field.is_visible():
            page.get_by_text("Functie toevoegen").click()
        type_into(code_field, code)
        type_into(page.get_by_label("Functie", exact=True).last, name)
        type_into(page.get_by_label("Omschrijving", exact=True).last, description)
        page.get_by_role("button", name="Toevoegen").click()
        # Said inside the form, which stays open for the next function.
        page.get_by_text(re.compile(rf"Functie toegevoegd.*\b{code}\b")).wait_for()
        settle(page)
    shot(page, "2-functions")


def import_people(page) -> None:
    go(page, "Aan de slag", "Aan de slag")
    go(page, "Mensen invoeren", "Mensen en functies")
    page.get_by_role("tab", name="Inlezen en uitvoeren").click()
    settle(page)
    page.locator(".st-key-import_file input[type='file']").set_input_files(
        files=[{"name": "medewerkers.xlsx", "buffer": people_xlsx(),
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    page.get_by_text("Het bestand is in orde: 3 nieuw").wait_for()
    settle(page)
    shot(page, "3-import-preview")
    page.get_by_role("button", name="Bevestigen en opslaan").click()
    page.get_by_text("Opgeslagen: 3 nieuw").wait_for()
    settle(page)


def upload_questionnaire(page) -> None:
    go(page, "Aan de slag", "Aan de slag")
    go(page, "Een vragenlijst kiezen", "Vragenlijsten")
    page.get_by_text("Een YAML-bestand uploaden").click()
    page.locator(".st-key-lib_upload input[type='file']").set_input_files(
        files=[{"name": "ontwikkelgesprek-de-vries.yaml", "buffer": QUESTIONNAIRE.encode(), "mimeType": "application/x-yaml"}])
    # The uploader lists the file once it has arrived at the server.
    page.locator(".st-key-lib_upload").get_by_text(re.compile(r"vries\.yaml$")).wait_for()
    settle(page)
    page.get_by_role("button", name="Controleren en opslaan").click()
    page.get_by_text("Opgeslagen als versie 1").wait_for()
    settle(page)


def start_round(page) -> None:
    go(page, "Aan de slag", "Aan de slag")
    go(page, "Een gespreksronde starten", "Gespreksrondes")
    type_into(page.get_by_label("Naam", exact=True), "Ontwikkelgesprekken 2027")
    type_date(page, "Invullen uiterlijk", FILL_DEADLINE)
    type_date(page, "Gesprekken gevoerd uiterlijk", MEETING_DEADLINE)
    page.get_by_role("button", name="Ronde starten").click()
    page.get_by_text("gestart met 2 gesprekken").wait_for()
    settle(page)
    shot(page, "4-round")


def give_manager_a_password(page) -> None:
    go(page, "Mensen en functies", "Mensen en functies")
    choose(page, "Kies een persoon", "Kees Bos")
    type_into(page.get_by_label("Nieuw wachtwoord (minstens 8 tekens)"), MANAGER_PASSWORD)
    page.get_by_role("button", name="Wachtwoord instellen").click()
    page.get_by_text("Het wachtwoord is ingesteld").wait_for()
    settle(page)


def print_card(page) -> bytes:
    """HR makes the sign-in cards of Kees's team (the welders have no e-mail) and downloads the PDF."""
    go(page, "Aan de slag", "Aan de slag")
    go(page, "Inlogkaartjes printen voor wie geen e-mail heeft", "Inlogkaartjes")
    # Issue 14.5: a whole team is one choice.
    page.get_by_text(re.compile(r"^Team van Kees Bos")).click()
    settle(page)
    page.get_by_role("button", name="Codes maken").click()
    page.get_by_text("De kaartjes zijn klaar").wait_for()
    settle(page)
    shot(page, "5-cards")
    with page.expect_download() as started:
        page.get_by_role("button", name=re.compile("Kaartjes downloaden")).click()
    return open(started.value.path(), "rb").read()


def card_of(pdf: bytes, name: str) -> tuple[str, str]:
    """The address in the QR code of this person's card, and the text printed on it."""
    reader = PdfReader(BytesIO(pdf))
    links = [result.text for page in reader.pages for image in page.images
             for result in zxingcpp.read_barcodes(image.image)]
    printed = "\n".join(page.extract_text() for page in reader.pages)
    typed = re.search(rf"{name}.*?\b([A-Z0-9]{{4}})-([A-Z0-9]{{4}})\b", printed, re.DOTALL)
    assert typed, printed
    code = typed[1] + typed[2]
    mine = [link for link in links if link.endswith(f"code={code}")]
    assert len(mine) == 1, (links, printed)
    return mine[0], printed


def answer_everything(page, points: dict, texts: dict) -> None:
    """Tap a point of every scale question and type every open answer, each saved without
    leaving its box; then hand the list in."""
    page.locator(SCALE_BLOCKS).first.wait_for()
    settle(page)
    for item_id, point in points.items():
        block = page.locator(f".st-key-item_{item_id}")
        block.get_by_role("radio").nth(point - 1).click()
        block.get_by_text("Opgeslagen").wait_for()
        settle(page)
    for item_id, text in texts.items():
        block = page.locator(f".st-key-item_{item_id}")
        type_into(block.locator("textarea"), text)
        # Saved while typing: the mark comes without a tap outside the box.
        block.get_by_text("Opgeslagen").wait_for(timeout=10_000)
        settle(page)
    assert page.locator(SCALE_BLOCKS).count() == len(points)
    assert page.locator(OPEN_BLOCKS).count() == len(texts)
    page.get_by_text("Ik ben klaar met invullen").click()
    settle(page)
    page.get_by_role("button", name="Inleveren").click()
    page.get_by_text("Ingeleverd op").first.wait_for()
    settle(page)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")


def sign_in_by_card(phone, address: str) -> None:
    phone.goto(address)
    phone.get_by_role("heading", name="Kies je pincode").wait_for()
    settle(phone)
    type_into(phone.get_by_label("Pincode (4 tot 6 cijfers)"), PIN)
    type_into(phone.get_by_label("Nog een keer dezelfde pincode"), PIN)
    phone.get_by_role("button", name="Verder").click()
    phone.get_by_role("heading", name="Mijn gesprekken").wait_for()
    settle(phone)


def sign_in_with_password(page, url: str, username: str, password: str) -> None:
    page.goto(url)
    page.get_by_role("heading", name="Welkom bij devtalk").wait_for()
    settle(page)
    type_into(page.get_by_label("Gebruikersnaam"), username)
    type_into(page.get_by_label("Wachtwoord", exact=True), password)
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_role("heading", name="Mijn gesprekken").wait_for()
    settle(page)


def conversation_card(page, name: str):
    """The card of one conversation on 'Mijn gesprekken' (not the check-in box below them, which
    names the team too)."""
    entry = page.locator(".st-key-check_in_entry")
    return (page.locator("[data-testid='stVerticalBlock']:not(.st-key-check_in_entry)").filter(has_text=name)
            .filter(has=page.get_by_role("link")).filter(has_not=entry).last)


def write_report(page) -> None:
    """The manager holds the conversation and writes the report with two actions."""
    page.get_by_role("button", name="Het gesprek is gevoerd").click()
    page.get_by_role("heading", name="Besproken punten").wait_for()
    settle(page)
    type_into(page.get_by_label("Notitie bij dit punt").first, NOTE)
    type_into(page.locator(".st-key-report_summary textarea"),
              "Goed gesprek. Ömer last zelfstandig en wil TIG op aluminium leren.")
    type_into(page.locator(".st-key-report_agreements textarea"),
              "Ömer volgt in het voorjaar de cursus TIG aluminium; Kees plant oefentijd in.")
    for what, kind, owner, days in ACTIONS:
        type_into(page.get_by_label("Wat gaan we doen?"), what)
        choose(page, "Soort", kind)
        choose(page, "Wie regelt het?", owner)
        type_date(page, "Klaar op", date.today() + timedelta(days=days))
        page.get_by_role("button", name="Actie toevoegen").click()
        page.get_by_text(what).first.wait_for()
        settle(page)
    shot(page, "8-report")
    page.get_by_text("Het verslag is klaar").click()
    settle(page)
    page.get_by_role("button", name="Verslag definitief maken").click()
    page.get_by_text(re.compile("Definitief sinds")).wait_for()
    settle(page)


# The whole first round in one test: a minute or two alone, longer on a busy machine.
@pytest.mark.timeout(600)
def test_a_new_firm_runs_its_first_round_from_an_empty_database_to_an_acknowledged_report(browser, new_firm, contexts):
    url = new_firm.url
    hr = new_page(browser, contexts, LAPTOP, accept_downloads=True)
    first_run_setup(hr, url)
    describe_functions(hr)
    import_people(hr)
    upload_questionnaire(hr)
    start_round(hr)
    give_manager_a_password(hr)
    pdf = print_card(hr)

    # The card carries the address HR used to print it: that is where the phone reaches devtalk.
    address, printed = card_of(pdf, "Ömer Aydın")
    assert address.startswith(f"{url}/?code="), address
    assert url.removeprefix("http://") in printed, printed
    # Issue 14.2: the card works until after the round, for reading and acknowledging the report.
    valid_until = MEETING_DEADLINE + timedelta(days=invitations.ACKNOWLEDGE_DAYS)
    assert f"Geldig tot {format_date(valid_until, 'nl')}" in printed, printed

    phone = new_page(browser, contexts, PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    sign_in_by_card(phone, address)
    shot(phone, "6-phone-signed-in")
    conversation_card(phone, "Gesprek met Kees Bos").get_by_role("link", name="Vragenlijst invullen").click()
    phone.get_by_role("heading", name="Vragenlijst invullen").wait_for()
    answer_everything(phone, EMPLOYEE_POINTS, EMPLOYEE_TEXTS)
    assert no_horizontal_scroll(phone)
    shot(phone, "7-phone-handed-in")

    manager = new_page(browser, contexts, LAPTOP)
    sign_in_with_password(manager, url, "kbos", MANAGER_PASSWORD)
    conversation_card(manager, "Ömer Aydın").get_by_role("link", name="Vragenlijst invullen").click()
    manager.get_by_role("heading", name="Vragenlijst invullen").wait_for()
    answer_everything(manager, MANAGER_POINTS, MANAGER_TEXTS)

    go(manager, "Mijn gesprekken", "Mijn gesprekken")
    conversation_card(manager, "Ömer Aydın").get_by_role("link", name="Vergelijking bekijken").click()
    manager.get_by_role("heading", name="Vergelijking").first.wait_for()
    settle(manager)
    # Both sides side by side, each section's table whole: the open answers read in full.
    tables = manager.get_by_role("tabpanel", name="Per onderdeel")
    tables.get_by_text("Ik kan TIG lassen op dun plaatwerk").wait_for()
    expect(tables.get_by_text("groot verschil")).to_be_visible()
    for text in (EMPLOYEE_TEXTS["leerwens"], MANAGER_TEXTS["leerwens"]):
        expect(tables.get_by_text(text)).to_be_visible()
    shot(manager, "8-comparison")
    manager.get_by_role("tab", name="Kunnen en willen").click()
    expect(manager.get_by_text(EMPLOYEE_TEXTS["energie"]).last).to_be_visible()
    manager.get_by_role("tab", name="Voorstel agenda").click()
    expect(manager.get_by_text("Ik kan TIG lassen op dun plaatwerk").last).to_be_visible()
    go(manager, "Naar het gesprek en verslag", "Gesprek en verslag")
    write_report(manager)

    # Days later Ömer scans his card again: still signed in on his phone, his own conversations.
    phone.goto(address)
    phone.get_by_role("heading", name="Mijn gesprekken").wait_for()
    settle(phone)
    conversation_card(phone, "Gesprek met Kees Bos").get_by_role("link", name="Naar het verslag").click()
    phone.get_by_role("heading", name="Gesprek en verslag").wait_for()
    settle(phone)
    for shown in (NOTE, "Goed gesprek. Ömer last zelfstandig", *(action[0] for action in ACTIONS)):
        expect(phone.get_by_text(shown).first).to_be_visible()
    type_into(phone.get_by_label("Mijn reactie"), "Duidelijk verslag, ik heb er zin in.")
    phone.get_by_role("button", name="Gelezen", exact=True).click()
    phone.get_by_text(re.compile("Gelezen door de medewerker op")).wait_for()
    assert no_horizontal_scroll(phone)
    shot(phone, "9-phone-acknowledged")

    database = storage.open_db(new_firm.env["DEVTALK_DB"])
    omer = person_by_username(database, "oaydin")
    conversation = conversations_of_employee(database, omer.id)[0]
    assert conversation.status == "acknowledged"
    agreed = {(action.what, action.due_date) for action in actions_of_conversation(database, conversation.id)}
    assert agreed == {(what, date.today() + timedelta(days=days)) for what, _, _, days in ACTIONS}
