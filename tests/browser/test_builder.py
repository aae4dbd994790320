"""HR composes a small questionnaire from empty in the builder, in Dutch, at 1280 px: a 4-point scale
with n.v.t., two sections, five questions of which one open; a reload halfway finds the draft as it
was (a wording typed without leaving its box included). Saved as a version, it starts a round, and
the employee sees it on a 390 x 844 phone. And the YAML view: a code editor whose text becomes the
draft, and the draft the editor's text; text not valid yet stays with the draft, through a reload.

Composing from empty runs on a server of its own on a copy of the demo firm: the round it starts
would change what the other browser tests find. Screenshots land in test-artifacts/builder-*.png.
"""


import pytest
from playwright.sync_api import expect

import db as storage
from db.people import person_by_username
from tests.browser.conftest import (
    ARTIFACTS,
    PHONE,
    phone,
    settle,
    sign_in,
)

pytestmark = pytest.mark.browser
LAPTOP = {"width": 1280, "height": 900}
TITLE = "Werkplaatsgesprek 2027"
ROUND = "Werkplaatsgesprekken 2027"


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"builder-{name}.png"), full_page=True)


def type_into(field, text: str) -> None:
    """Click into a field and type, key by key, as a person does."""
    field.click()
    field.press_sequentially(text)
    settle(field.page)


def field(page, key_end: str, kind: str = "textarea"):
    """The builder's box whose widget key ends so (the part before it counts redrawn forms)."""
    return page.locator(f"[class*='st-key-'][class*='{key_end}'] {kind}").first


def add_scale(page) -> None:
    page.get_by_role("tab", name="Schalen").click()
    type_into(page.locator(".st-key-bnew_scale_name input"), "Mate")
    points = page.locator(".st-key-bnew_scale_points input")
    points.fill("4")
    points.press("Tab")
    settle(page)
    page.locator(".st-key-bnew_scale_na label").click()
    settle(page)
    page.locator(".st-key-bnew_scale_add button").click()
    page.get_by_text("0 vragen gebruiken deze schaal").wait_for()
    settle(page)
    # The labels are saved while typing, like every text in the builder.
    type_into(field(page, "_c_mate_label_1_nl"), "Nog niet")
    type_into(field(page, "_c_mate_label_4_nl"), "Kan het anderen leren")
    page.get_by_role("tab", name="Samenstellen").click()
    settle(page)


def add_section(page, name: str, number: int) -> None:
    type_into(page.locator(".st-key-bnew_section_nl input"), name)
    page.locator(".st-key-bnew_section_add button").click()
    page.get_by_text(f"{number}. {name}").wait_for()
    settle(page)


def add_question(page, section_id: str, wording: str, item_id: str, open_question: bool = False) -> None:
    if open_question:
        page.locator(f".st-key-bnew_item_{section_id}_type").get_by_text("Open vraag").click()
        settle(page)
    type_into(page.locator(f".st-key-bnew_item_{section_id} input"), wording)
    page.locator(f".st-key-bnew_item_{section_id}_add button").click()
    kind = "Open vraag" if open_question else "Schaalvraag"
    page.get_by_text(f"{kind} · code {item_id}").wait_for()
    settle(page)


def start_round(page) -> None:
    page.get_by_role("button", name="Een gespreksronde starten met deze versie").click()
    page.get_by_role("heading", name="Gespreksrondes").first.wait_for()
    settle(page)
    page.get_by_text("Nieuwe ronde").first.click()
    type_into(page.get_by_label("Naam", exact=True), ROUND)
    version = page.locator(".st-key-round_version [data-testid='stSelectbox']")
    version.wait_for()
    settle(page)
    version.click()
    page.get_by_role("option", name=f"{TITLE} · v1").click()
    settle(page)
    page.get_by_role("button", name="Ronde starten").click()
    page.get_by_text(f"Ronde '{ROUND}' gestart met").wait_for()
    settle(page)


def conversation_in_round(db_path, round_name: str, username: str) -> int:
    database = storage.open_db(db_path)
    employee = person_by_username(database, username)
    return database.execute(
        "SELECT c.id FROM conversations c JOIN rounds r ON r.id = c.round_id WHERE r.name = ? AND c.employee_id = ?",
        [round_name, employee.id]).fetchone()[0]


def test_hr_composes_a_questionnaire_from_empty_that_the_employee_then_fills_in_on_a_phone(browser, own_server):
    context = browser.new_context(viewport=LAPTOP, locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = context.new_page()
    page.set_default_timeout(30_000)
    sign_in(page, own_server.url, "hr")
    page.get_by_role("link", name="Vragenlijsten").click()  # the library's way into the builder
    page.get_by_role("heading", name="Vragenlijsten").first.wait_for()
    settle(page)
    page.get_by_role("button", name="Samenstellen of aanpassen in de bouwer").click()
    page.get_by_role("heading", name="Vragenlijst samenstellen").first.wait_for()
    settle(page)

    page.get_by_text("Leeg beginnen").click()
    page.locator(".st-key-bstart_languages").get_by_text("Nederlands", exact=True).click()
    settle(page)
    type_into(page.locator(".st-key-bstart_title_nl input"), TITLE)
    page.locator(".st-key-bstart_empty_go button").click()
    page.get_by_role("heading", name=TITLE).wait_for()
    settle(page)
    add_scale(page)
    add_section(page, "Vakwerk", 1)
    add_question(page, "vakwerk", "Ik werk veilig", "ik-werk-veilig")
    # The manager's own wording, typed without leaving the box: the preview as the manager shows it
    # once it is stored.
    page.locator(".st-key-bprev_side").get_by_text("Leidinggevende").click()
    settle(page)
    type_into(field(page, "_i_ik-werk-veilig_text_manager_nl"), "De medewerker werkt veilig")
    page.locator(".st-key-bprev").get_by_text("De medewerker werkt veilig").first.wait_for(timeout=15_000)
    add_question(page, "vakwerk", "Ik kan een werktekening lezen", "ik-kan-een-werktekening-lezen")
    add_question(page, "vakwerk", "Ik kan MIG/MAG lassen", "ik-kan-mig-mag-lassen")
    shot(page, "1-halfway")

    page.reload()  # halfway: the draft is still there, as it was
    page.get_by_text("1. Vakwerk").wait_for()
    settle(page)
    for item_id in ("ik-werk-veilig", "ik-kan-een-werktekening-lezen", "ik-kan-mig-mag-lassen"):
        expect(page.get_by_text(f"Schaalvraag · code {item_id}")).to_be_visible()
    page.locator("[class*='_i_ik-werk-veilig_edit'] button").click()
    settle(page)
    expect(field(page, "_i_ik-werk-veilig_text_manager_nl")).to_have_value("De medewerker werkt veilig")
    page.get_by_role("tab", name="Schalen").click()
    expect(field(page, "_c_mate_label_4_nl")).to_have_value("Kan het anderen leren")
    page.get_by_role("tab", name="Samenstellen").click()
    settle(page)

    add_section(page, "Wensen", 2)
    add_question(page, "wensen", "Ik ben tevreden over mijn werk", "ik-ben-tevreden-over-mijn-werk")
    add_question(page, "wensen", "Waar krijg jij energie van?", "waar-krijg-jij-energie-van", open_question=True)
    expect(page.get_by_text("fout: zo kan de vragenlijst niet worden opgeslagen")).to_have_count(0)
    expect(page.get_by_text("Dit wordt de eerste versie van deze vragenlijst.")).to_be_visible()
    shot(page, "2-composed")
    page.locator(".st-key-bw_save button").click()
    page.get_by_text("Opgeslagen als versie 1 van 'werkplaatsgesprek-2027'.").wait_for()
    settle(page)
    start_round(page)
    shot(page, "3-round")
    context.close()

    context, phone_page = phone(browser)
    sign_in(phone_page, own_server.url, "employee")
    conversation = conversation_in_round(own_server.env["DEVTALK_DB"], ROUND, "employee")
    phone_page.goto(f"{own_server.url}/fill_in?conversation={conversation}")
    scale = phone_page.locator("[class*='st-key-item_ik-werk-veilig']")
    scale.wait_for()  # the question's own block: its text is also named elsewhere on the page
    settle(phone_page)
    for text in ("Vakwerk", "Wensen", "Ik werk veilig", "Ik kan een werktekening lezen", "Ik kan MIG/MAG lassen",
                 "Ik ben tevreden over mijn werk", "Waar krijg jij energie van?"):
        expect(phone_page.get_by_text(text, exact=True).first).to_be_visible()
    expect(scale.get_by_role("radio")).to_have_count(5)  # four points and n.v.t.
    expect(scale.get_by_text("n.v.t.")).to_be_visible()
    expect(phone_page.locator("[class*='st-key-item_waar-krijg-jij-energie-van'] textarea")).to_be_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
    assert phone_page.viewport_size == PHONE
    phone_page.screenshot(path=str(ARTIFACTS / "builder-4-phone.png"), full_page=True)
    context.close()


NEW_QUESTION = """\
      - id: nog-leren
        type: open
        text: {nl: "Wat wil je nog leren?", en: "What do you still want to learn?"}
"""


def test_the_yaml_view_is_a_code_editor_whose_valid_text_becomes_the_draft_and_half_typed_text_survives(browser,
                                                                                                       server):
    context = browser.new_context(viewport=LAPTOP, locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = context.new_page()
    page.set_default_timeout(30_000)
    sign_in(page, server["url"], "hr")
    page.goto(f"{server['url']}/hr_builder")
    page.get_by_text("Beginnen met een meegeleverd sjabloon").click()
    settle(page)
    template = page.locator(".st-key-bstart_template [data-testid='stSelectbox']")
    template.click()
    page.get_by_role("option", name="ontwikkelgesprek-algemeen.yaml").click()
    settle(page)
    page.locator(".st-key-bstart_template_go button").click()
    page.get_by_role("heading", name="Ontwikkelgesprek").first.wait_for()
    settle(page)

    page.get_by_role("tab", name="YAML").click()
    editor = page.frame_locator("[class*='st-key-bw_yaml_'] iframe").locator(".ace_editor")
    expect(editor.locator(".ace_gutter-cell").first).to_have_text("1")  # line numbers
    expect(editor.locator(".ace_content")).to_contain_text("id: ontwikkelgesprek-algemeen")
    assert editor.locator(".ace_meta.ace_tag").count() > 0  # YAML's keys in a colour of their own
    editor.locator(".ace_content").click()
    page.keyboard.press("Control+End")
    page.keyboard.insert_text(NEW_QUESTION)  # as pasted
    # About a second after the last keystroke the draft takes the text: the preview shows it.
    page.locator(".st-key-bprev").get_by_text("Wat wil je nog leren?").first.wait_for(timeout=15_000)
    settle(page)
    page.keyboard.insert_text("oeps: [")
    page.get_by_text("1 fout in de YAML; het concept blijft zoals het was tot de tekst klopt.").wait_for(timeout=15_000)
    shot(page, "5-yaml")

    page.get_by_role("tab", name="Samenstellen").click()
    page.get_by_text("Open vraag · code nog-leren").wait_for()  # the forms hold the draft as it was last valid
    page.get_by_text("In de YAML-weergave staat tekst met 1 fout").wait_for()
    settle(page)
    page.reload()  # the half-typed text is stored with the draft: a reload brings it back in the editor
    page.get_by_role("tab", name="YAML").click()
    editor.locator(".ace_content").click()
    page.keyboard.press("Control+End")  # the editor draws only the lines in view
    expect(editor.locator(".ace_content")).to_contain_text("id: nog-leren")
    expect(editor.locator(".ace_content")).to_contain_text("oeps: [")
    page.get_by_text("1 fout in de YAML; het concept blijft zoals het was tot de tekst klopt.").wait_for()
    context.close()
