"""Printable PDFs: what a reader finds in them (text extracted back with pypdf) and who may print them."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

import db as storage
from db.people import update_person
from devtalk.errors import InvalidInput, NotAllowed, NotFound
from devtalk.services import actions, conversations, dossier, reports
from devtalk.services.library import store_questionnaire
from devtalk.services.printing import conversation_report_pdf, dossier_pdf, paper_form_pdf, preparation_sheet_pdf
from devtalk.services.rounds import create_round
from tests.builders import fill_all, flat, make_firm, reported_firm, submit_both, text_of, write_report


def page_count(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)


def demo_person(db, username):
    from db.people import person_by_username

    return person_by_username(db, username)


def demo_conversations(db, status):
    return [row[0] for row in db.execute("SELECT id FROM conversations WHERE status = ? ORDER BY id DESC", [status])]


# --- the report ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, title", [("nl", "Verslag ontwikkelgesprek"), ("en", "Development conversation report")])
@pytest.mark.parametrize("status", ["reported", "acknowledged"])
def test_demo_reports_print_in_both_languages_with_names_and_page_numbers(demo_db, lang, title, status):
    conversation_id = demo_conversations(demo_db, status)[0]
    hr = demo_person(demo_db, "hr")
    pdf = conversation_report_pdf(demo_db, hr, conversation_id, lang)
    view = conversations.comparison_view(demo_db, hr, conversation_id)
    text = text_of(pdf)
    assert pdf.startswith(b"%PDF") and title in text and "Carrosseriebouw De Vries" in text
    assert view.employee.name in text and view.manager.name in text
    last = page_count(pdf)
    assert (f"Pagina {last} van {last}" if lang == "nl" else f"Page {last} of {last}") in text


def test_report_holds_items_both_answers_open_answers_agenda_and_actions(fresh_db):
    firm = reported_firm(fresh_db, comment="Eens, op één punt na", notes={"gap:veilig-werken": "Samen de VCA-regels doorlopen"})
    text = flat(text_of(conversation_report_pdf(fresh_db, firm.hr, firm.conversation_id)))
    for expected in ("Daan Medewerker", "Marco Manager", "Ronde 2026", "klein, versie 1",
                     "Ik kan een werktekening lezen", "5 2 2 -3", "tekst van employee", "tekst van manager",
                     "Groot verschil · Ik werk veilig", "Medewerker 5 · leidinggevende 2", "Samen de VCA-regels doorlopen",
                     "Cursus tekening lezen bij het ROC", "Cursus of training",
                     "Goed gesprek over tekeningen.", "Eens, op één punt na", "Handtekening"):
        assert expected in text, expected


def pages_text(pdf: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(BytesIO(pdf)).pages]


def test_a_sixty_item_report_puts_its_outcome_on_three_pages_before_the_comparison(fresh_db):
    """Agreements and actions on pages 6 and 7, behind sixty rows of scores, were what nobody read."""
    firm = make_firm(fresh_db)
    version = store_questionnaire(fresh_db, firm.hr, make_questionnaire(items=60), "groot.yaml")
    created = create_round(fresh_db, firm.hr, "Grote ronde", version.id, employee_ids=[firm.employee.id])
    firm.conversation_id = fresh_db.execute("SELECT id FROM conversations WHERE round_id = ?", [created.round.id]).fetchone()[0]
    submit_both(fresh_db, firm)
    summary = " ".join(["Een open gesprek over het werk van het afgelopen jaar en wat Daan wil leren."] * 8)
    notes = {f"gap:item-{n}": f"Aantekening bij vaardigheid {n}: samen oefenen met een ervaren collega." for n in (3, 17, 42)}
    write_report(fresh_db, firm, summary=summary, agreements="Daan volgt de cursus; Marco plant de oefenuren.",
                 notes=notes, final=False)
    actions.add_action(fresh_db, firm.manager, firm.conversation_id, what="Oefenuren inplannen", kind="other",
                       owner_id=firm.manager.id)
    reports.finalise(fresh_db, firm.manager, firm.conversation_id)
    reports.acknowledge(fresh_db, firm.employee, firm.conversation_id, "Eens, op één punt na")
    pdf = conversation_report_pdf(fresh_db, firm.hr, firm.conversation_id)
    pages = pages_text(pdf)
    appendix = next(number for number, text in enumerate(pages) if "Bijlage: de vergelijking" in text)
    assert appendix <= 3, f"the report itself takes {appendix} pages"
    report, comparison = " ".join(pages[:appendix]), " ".join(pages[appendix:])
    order = [report.index(text) for text in ("Samenvatting", "Afspraken", "Cursus tekening lezen bij het ROC",
                                             "Oefenuren inplannen", "Aantekening bij vaardigheid 3:", "Handtekeningen")]
    assert order == sorted(order)
    # Only the points with a note are in the report; the other 58 proposed ones are counted, not listed.
    assert "Vaardigheid nummer 17 op de werkplaats" in report and "Vaardigheid nummer 18 op de werkplaats" not in report
    assert "58 voorgestelde punten zonder aantekening zijn niet opgenomen." in report
    assert all(f"Vaardigheid nummer {n} " in comparison for n in range(1, 61))


def test_report_is_printed_in_the_employees_language_unless_asked_otherwise(fresh_db):
    firm = reported_firm(fresh_db)
    update_person(fresh_db, firm.employee.id, language="en")
    english = text_of(conversation_report_pdf(fresh_db, firm.hr, firm.conversation_id))
    dutch = text_of(conversation_report_pdf(fresh_db, firm.hr, firm.conversation_id, lang="nl"))
    assert "I can read a drawing" in english and "Signatures" in english
    assert "Ik kan een werktekening lezen" in dutch and "Handtekeningen" in dutch


def test_a_long_summary_runs_on_over_more_pages_and_is_printed_whole(fresh_db):
    short = reported_firm(fresh_db)
    short_pages = page_count(conversation_report_pdf(fresh_db, short.hr, short.conversation_id))
    other = storage.open_db(":memory:")
    storage.migrate(other)
    long_summary = " ".join(f"Zin {n} over het werk in de werkplaats." for n in range(400)) + " Einde."
    firm = reported_firm(other, summary=long_summary)
    pdf = conversation_report_pdf(other, firm.hr, firm.conversation_id)
    assert page_count(pdf) >= short_pages + 3
    assert "Zin 399 over het werk in de werkplaats. Einde." in flat(text_of(pdf))


def test_accents_in_names_and_answers_survive(fresh_db):
    firm = make_firm(fresh_db)
    update_person(fresh_db, firm.employee.id, name="Jürgen Müller-Ĳssel")
    submit_both(fresh_db, firm)
    write_report(fresh_db, firm, summary="Çà et là: één café, naïef, Øresund, Łódź, ĳzersterk.")
    text = text_of(conversation_report_pdf(fresh_db, firm.hr, firm.conversation_id))
    assert "Jürgen Müller-Ĳssel" in text
    assert "Çà et là: één café, naïef, Øresund, Łódź, ĳzersterk." in text


def test_markup_in_user_text_is_printed_literally(fresh_db):
    firm = reported_firm(fresh_db, summary="**bold** <b>x</b> _schuin_ [link](http://x)", action="<i>lassen</i> **nu**")
    text = flat(text_of(conversation_report_pdf(fresh_db, firm.hr, firm.conversation_id)))
    assert "**bold** <b>x</b> _schuin_ [link](http://x)" in text
    assert "<i>lassen</i> **nu**" in text


def test_a_draft_report_is_marked_as_draft_for_the_manager(fresh_db):
    firm = make_firm(fresh_db)
    submit_both(fresh_db, firm)
    write_report(fresh_db, firm, final=False)
    assert "Concept: dit verslag is nog niet definitief." in text_of(
        conversation_report_pdf(fresh_db, firm.manager, firm.conversation_id))


def test_a_sixty_item_questionnaire_prints_every_item_and_splits_the_chart(fresh_db):
    firm = make_firm(fresh_db)
    version = store_questionnaire(fresh_db, firm.hr, make_questionnaire(items=60), "groot.yaml")
    created = create_round(fresh_db, firm.hr, "Grote ronde", version.id, employee_ids=[firm.employee.id])
    firm.conversation_id = fresh_db.execute("SELECT id FROM conversations WHERE round_id = ?", [created.round.id]).fetchone()[0]
    submit_both(fresh_db, firm)
    write_report(fresh_db, firm)
    text = flat(text_of(conversation_report_pdf(fresh_db, firm.hr, firm.conversation_id)))
    assert all(f"Vaardigheid nummer {n} " in text for n in range(1, 61))
    assert "Grafiek, deel 2 van 2" in text


def test_the_chart_is_drawn_not_pasted_in_as_a_picture(fresh_db):
    """Drawn, it stays sharp at any printer resolution and its labels are text."""
    firm = reported_firm(fresh_db)
    pdf = conversation_report_pdf(fresh_db, firm.hr, firm.conversation_id)
    assert not any(page.images for page in PdfReader(BytesIO(pdf)).pages)
    assert "Antwoord op de schaal" in text_of(pdf)


# --- who may print ------------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["outsider", "other_manager"], ids=["employee of another team", "other manager"])
@pytest.mark.parametrize("printer", [conversation_report_pdf, preparation_sheet_pdf], ids=["report", "preparation"])
def test_people_outside_the_conversation_may_not_print_it(fresh_db, who, printer):
    firm = reported_firm(fresh_db)
    with pytest.raises(NotAllowed):
        printer(fresh_db, getattr(firm, who), firm.conversation_id)


@pytest.mark.parametrize("who", ["outsider", "other_manager"], ids=["employee of another team", "other manager"])
def test_people_outside_the_team_may_not_print_the_dossier(fresh_db, who):
    firm = make_firm(fresh_db)
    with pytest.raises(NotAllowed):
        dossier_pdf(fresh_db, getattr(firm, who), firm.employee.id)


def test_employee_gets_the_report_only_once_it_is_final(fresh_db):
    firm = make_firm(fresh_db)
    submit_both(fresh_db, firm)
    write_report(fresh_db, firm, final=False)
    with pytest.raises(NotAllowed):
        conversation_report_pdf(fresh_db, firm.employee, firm.conversation_id)
    reports.finalise(fresh_db, firm.manager, firm.conversation_id)
    assert "Daan Medewerker" in text_of(conversation_report_pdf(fresh_db, firm.employee, firm.conversation_id))


def test_there_is_no_report_to_print_before_the_meeting(fresh_db):
    firm = make_firm(fresh_db)
    submit_both(fresh_db, firm)
    with pytest.raises(NotFound):
        conversation_report_pdf(fresh_db, firm.manager, firm.conversation_id)


# --- preparation sheet, paper form, dossier ---------------------------------------------------------

def test_preparation_sheet_holds_the_comparison_and_the_proposed_agenda(fresh_db):
    firm = make_firm(fresh_db)
    submit_both(fresh_db, firm)
    for person in (firm.manager, firm.employee, firm.hr):
        text = flat(text_of(preparation_sheet_pdf(fresh_db, person, firm.conversation_id)))
        assert "Voorstel agenda" in text and "1. Groot verschil · Ik kan een werktekening lezen" in text
        assert "Ik werk veilig 5 2 -3" in text


def test_preparation_sheet_waits_until_both_sides_are_in_and_ends_with_the_report(fresh_db):
    firm = make_firm(fresh_db)
    fill_all(fresh_db, firm.employee, firm.conversation_id)
    conversations.submit(fresh_db, firm.employee, firm.conversation_id)
    with pytest.raises(NotAllowed):
        preparation_sheet_pdf(fresh_db, firm.manager, firm.conversation_id)
    fill_all(fresh_db, firm.manager, firm.conversation_id)
    conversations.submit(fresh_db, firm.manager, firm.conversation_id)
    write_report(fresh_db, firm)
    with pytest.raises(InvalidInput):
        preparation_sheet_pdf(fresh_db, firm.manager, firm.conversation_id)


@pytest.mark.parametrize("function_id, side, present, absent", [
    ("lasser", "employee", ["Ik kan TIG lassen", "Ik kan een werktekening lezen"], ["De medewerker kan"]),
    ("plaatwerker", "employee", ["Ik kan een werktekening lezen"], ["Ik kan TIG lassen"]),
    ("plaatwerker", "manager", ["De medewerker kan een werktekening lezen", "Over medewerker"], ["Ik kan TIG lassen"]),
], ids=["welder", "sheet-metal worker", "manager's wording"])
def test_paper_form_prints_the_questions_of_one_job_function(fresh_db, function_id, side, present, absent):
    firm = make_firm(fresh_db)
    text = flat(text_of(paper_form_pdf(fresh_db, firm.hr, firm.version_id, function_id, "nl", side=side)))
    assert "Nog niet" in text and "Kan het anderen leren" in text and "n.v.t." in text
    assert "Waar krijg jij energie van? (niet verplicht)" in text
    assert all(phrase in text for phrase in present) and not any(phrase in text for phrase in absent)


def test_only_hr_prints_the_empty_paper_form(fresh_db):
    firm = make_firm(fresh_db)
    with pytest.raises(NotAllowed):
        paper_form_pdf(fresh_db, firm.manager, firm.version_id, "lasser", "nl")


def test_dossier_shows_every_year_and_keeps_private_notes_from_the_employee(demo_db):
    manager, employee = demo_person(demo_db, "manager"), demo_person(demo_db, "bdeboer")
    dossier.add_note(demo_db, manager, employee.id, "Vertrouwelijk: let op zijn rug.", private=True)
    for_manager = text_of(dossier_pdf(demo_db, manager, employee.id))
    for_employee = text_of(dossier_pdf(demo_db, employee, employee.id, lang="en"))
    year = date.today().year
    assert all(f"Ontwikkelgesprekken {y}" in for_manager for y in (year - 2, year - 1, year))
    assert "Vertrouwelijk: let op zijn rug." in for_manager and "Bram pakt de kantbank snel op." in for_manager
    assert "Vertrouwelijk" not in for_employee and "Bram pakt de kantbank snel op." in for_employee
    assert "Dossier of Bram de Boer" in for_employee


def make_questionnaire(items: int) -> str:
    """A questionnaire of ``items`` Likert items in sections of ten, plus one open question."""
    lines = ["id: groot", "title: {nl: Groot, en: Large}", "languages: [nl, en]", "scales:", "  schaal:",
             "    points: [1, 2, 3, 4, 5]", "    labels: {1: {nl: Nog niet, en: Not yet}, 5: {nl: Expert, en: Expert}}",
             "sections:"]
    for start in range(0, items, 10):
        lines += [f"  - id: deel-{start}", f"    title: {{nl: Deel {start // 10 + 1}, en: Part {start // 10 + 1}}}", "    items:"]
        for n in range(start + 1, min(start + 10, items) + 1):
            lines += [f"      - id: item-{n}", "        type: likert", "        scale: schaal",
                      f"        text: {{nl: 'Vaardigheid nummer {n} op de werkplaats', en: 'Skill number {n} in the shop'}}"]
    lines += ["  - id: open", "    title: {nl: Open, en: Open}", "    items:",
              "      - {id: energie, type: open, tags: [energy], text: {nl: 'Waar krijg je energie van?', en: 'What gives you energy?'}}"]
    return "\n".join(lines) + "\n"


def test_dossier_of_someone_without_conversations_says_so(fresh_db):
    firm = make_firm(fresh_db)
    assert "Nog geen gesprekken." in text_of(dossier_pdf(fresh_db, firm.hr, firm.hr.id))
