"""The builder's model: every operation on a draft, the YAML it writes and reads back, and the
validator's problems placed at the field HR has to change."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devtalk.questionnaire import InvalidQuestionnaire, parse_questionnaire
from devtalk.questionnaire import builder as b
from devtalk.questionnaire.yaml_reading import NOT_PRINTABLE

BUNDLED = Path(__file__).resolve().parents[2] / "questionnaires"
# Every file there, the check-in lists included: all are written in the one layout the builder writes.
TEMPLATES = sorted(BUNDLED.rglob("*.yaml"))


def template(name: str) -> str:
    return (BUNDLED / name).read_text(encoding="utf-8")


def make_draft(items: int = 2) -> b.Draft:
    """A valid two-language draft: one scale, one section with ``items`` scale questions, then an open one."""
    draft = b.new_draft({"nl": "Werkplaats", "en": "Workshop"})
    draft = b.add_scale(draft, "Beheersing", points=4, not_applicable=True)
    draft = b.add_section(draft, {"nl": "Lassen", "en": "Welding"})
    for number in range(1, items + 1):
        draft = b.add_item(draft, 0, {"nl": f"Ik kan lassen {number}", "en": f"I can weld {number}"})
    return b.add_item(draft, 0, {"nl": "Waar krijg jij energie van?", "en": "What gives you energy?"}, type="open")


def ids(draft: b.Draft, section: int = 0) -> list[str]:
    return [item.id for item in draft.sections[section].items]


# -- round trips -----------------------------------------------------------------------------

@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.relative_to(BUNDLED).as_posix())
def test_a_bundled_template_read_and_written_again_is_the_very_same_text(path):
    text = path.read_text(encoding="utf-8")
    assert b.to_yaml(b.from_yaml(text)) == text


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.relative_to(BUNDLED).as_posix())
def test_a_bundled_template_keeps_its_leading_comment(path):
    text = path.read_text(encoding="utf-8")
    assert b.from_yaml(text).comment.splitlines()[0] == text.splitlines()[0].removeprefix("# ")


EDITS_UNDONE = {
    "a section added and removed": lambda d: b.remove_section(b.add_section(d, {"nl": "Nieuw", "en": "New"}, 1), 1),
    "an item added and removed": lambda d: b.remove_item(
        b.add_item(d, 0, {"nl": "Nieuwe vraag", "en": "New question"}), "nieuwe-vraag"),
    "the first item moved to the last section and back": lambda d: b.move_item(
        b.move_item(d, d.sections[0].items[0].id, len(d.sections) - 1, 0), d.sections[0].items[0].id, 0, 0),
    "the first section moved to the end and back": lambda d: b.move_section(
        b.move_section(d, 0, len(d.sections) - 1), len(d.sections) - 1, 0),
    "a section renamed and renamed back": lambda d: b.rename_section(
        b.rename_section(d, 0, "en", "Other"), 0, "en", d.sections[0].title["en"]),
    "an item reworded and reworded back": lambda d: b.set_item_text(
        b.set_item_text(d, d.sections[0].items[0].id, "text", "nl", "Anders"), d.sections[0].items[0].id, "text", "nl",
        d.sections[0].items[0].text["nl"]),
}


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.relative_to(BUNDLED).as_posix())
@pytest.mark.parametrize("edit", EDITS_UNDONE.values(), ids=EDITS_UNDONE.keys())
def test_an_edit_undone_on_a_bundled_template_writes_the_identical_yaml(path, edit):
    text = path.read_text(encoding="utf-8")
    assert b.to_yaml(edit(b.from_yaml(text))) == text


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.relative_to(BUNDLED).as_posix())
def test_an_edited_bundled_template_changes_only_the_lines_of_the_edit(path):
    text = path.read_text(encoding="utf-8")
    draft = b.from_yaml(text)
    first = draft.sections[0].items[0]
    edited = b.to_yaml(b.set_item_text(draft, first.id, "text", "en", "Reworded"))
    changed = [(old, new) for old, new in zip(text.splitlines(), edited.splitlines()) if old != new]
    assert len(changed) == 1 and '"Reworded"' in changed[0][1]
    assert parse_questionnaire(edited).item(first.id).text["en"] == "Reworded"


def test_a_draft_read_from_yaml_means_what_the_file_means():
    text = template("techniek-carrosserie.yaml")
    assert b.to_questionnaire(b.from_yaml(text)) == parse_questionnaire(text)


def test_a_section_kind_stays_the_default_and_only_an_items_own_kind_is_written_on_it():
    draft = b.from_yaml(template("techniek-carrosserie.yaml"))
    assert draft.sections[1].kind == "skill"
    assert draft.item("pbm-gebruik").kind == "other" and draft.item("machineveiligheid").kind is None
    assert b.effective_kind(draft, "machineveiligheid") == "skill"
    assert b.effective_kind(draft, "energie") is None  # an open question measures nothing


def test_an_invalid_file_does_not_become_a_draft():
    with pytest.raises(InvalidQuestionnaire) as raised:
        b.from_yaml("id: x\ntitle: X\nsections: []\n", "kapot.yaml")
    assert raised.value.problems[0].render("en").startswith("kapot.yaml:3: sections:")


def test_a_draft_in_progress_survives_json_even_while_invalid():
    draft = b.set_item_text(make_draft(), "ik-kan-lassen-1", "text", "en", "")
    draft = b.set_scale_label(draft, "beheersing", 4, "nl", "Kan het anderen leren")
    assert b.validate(draft)
    assert b.from_json(b.to_json(draft)) == draft


@given(st.text(min_size=1, max_size=80))
def test_any_text_typed_into_the_builder_reads_back_the_same(typed):
    text = typed.strip()
    if not text or NOT_PRINTABLE.search(text) or any(0xD800 <= ord(char) <= 0xDFFF for char in text):
        return  # the validator refuses what YAML cannot hold; nothing to read back
    draft = b.set_intro(b.set_item_text(make_draft(1), "ik-kan-lassen-1", "text", "nl", text), "nl", text)
    draft = b.set_intro(draft, "en", "Intro")
    back = b.from_yaml(b.to_yaml(draft))
    assert back.item("ik-kan-lassen-1").text["nl"] == text
    assert back.intro["nl"] == text


OPERATIONS = [
    lambda d: b.add_section(d, {"nl": "Extra", "en": "Extra"}, 0),
    lambda d: b.add_item(d, len(d.sections) - 1, {"nl": "Nog een vraag", "en": "One more question"}),
    lambda d: b.add_item(d, 0, {"nl": "Open vraag", "en": "Open question"}, "open", position=0),
    lambda d: b.move_item(d, "ik-kan-lassen-2", len(d.sections) - 1, 0),
    lambda d: b.move_section(d, 0, len(d.sections)),
    lambda d: b.set_section_functions(d, 0, ["lasser"]),
    lambda d: b.set_section_kind(d, 0, "satisfaction"),
    lambda d: b.set_item_kind(d, "ik-kan-lassen-1", "skill"),
    lambda d: b.set_item_required(d, "waar-krijg-jij-energie-van", True),
    lambda d: b.set_item_tags(d, "waar-krijg-jij-energie-van", ["energy"]),
    lambda d: b.add_scale(d, "Eens", points=7, not_applicable=True),
    lambda d: b.set_scale_label(b.set_scale_label(d, "beheersing", 2, "nl", "Met hulp"), "beheersing", 2, "en", "Helped"),
    lambda d: b.set_intro(b.set_intro(d, "nl", "Welkom bij het gesprek"), "en", "Welcome"),
]


@given(st.lists(st.sampled_from(range(len(OPERATIONS))), max_size=8))
def test_a_valid_draft_written_and_read_back_is_the_same_draft(chosen):
    draft = make_draft()
    for index in chosen:
        try:
            draft = OPERATIONS[index](draft)
        except b.DraftError:
            pass  # e.g. a second scale of the same name: the draft stays as it was
    if not b.validate(draft):
        assert b.from_yaml(b.to_yaml(draft)) == draft


# -- operations ------------------------------------------------------------------------------

def test_an_empty_draft_gets_its_id_from_the_title_and_asks_for_a_section():
    draft = b.new_draft({"nl": "Ontwikkelgesprek Spuiterij", "en": "Paint shop"})
    assert draft.id == "ontwikkelgesprek-spuiterij" and draft.languages == ("nl", "en")
    assert [problem.field for problem in b.validate(draft)] == ["sections"]


def test_the_issues_small_questionnaire_composed_from_empty_is_one_the_reader_accepts():
    """Two sections, a 4-point scale with n.v.t., five questions of which one open: what HR builds in the browser test."""
    draft = b.new_draft({"nl": "Kort gesprek", "en": "Short talk"})
    draft = b.add_scale(draft, "Hoe goed", points=4, not_applicable=True)
    for point, (nl, en) in enumerate((("Nog niet", "Not yet"), ("Met hulp", "With help"),
                                      ("Zelfstandig", "On my own"), ("Kan het leren", "Can teach")), 1):
        draft = b.set_scale_label(b.set_scale_label(draft, "hoe-goed", point, "nl", nl), "hoe-goed", point, "en", en)
    draft = b.add_section(b.add_section(draft, {"nl": "Vakwerk", "en": "Craft"}), {"nl": "Jij", "en": "You"})
    for section, wording in ((0, "Ik kan lassen"), (0, "Ik kan zetten"), (0, "Ik kan tekenen"), (1, "Ik help collega's")):
        draft = b.add_item(draft, section, {"nl": wording, "en": wording + " (en)"})
    draft = b.add_item(draft, 1, {"nl": "Waar krijg jij energie van?", "en": "What gives you energy?"}, type="open")
    draft = b.set_item_text(draft, "ik-kan-lassen", "text_manager", "nl", "De medewerker kan lassen")
    draft = b.set_item_text(draft, "ik-kan-lassen", "text_manager", "en", "The employee can weld")
    assert b.validate(draft) == ()
    questionnaire = parse_questionnaire(b.to_yaml(draft))
    assert [len(section.items) for section in questionnaire.sections] == [3, 2]
    assert questionnaire.scale_of(questionnaire.item("ik-kan-lassen")).points == (1, 2, 3, 4)
    assert questionnaire.item("ik-kan-lassen").wording("manager", "en") == "The employee can weld"
    assert questionnaire.item("waar-krijg-jij-energie-van").type == "open"


def test_a_new_item_gets_an_id_from_its_first_wording_that_stays_when_the_wording_changes():
    draft = b.add_item(make_draft(0), 0, {"nl": "Ik kan MIG/MAG lassen", "en": "I can MIG/MAG weld"})
    assert ids(draft) == ["waar-krijg-jij-energie-van", "ik-kan-mig-mag-lassen"]
    reworded = b.set_item_text(draft, "ik-kan-mig-mag-lassen", "text", "nl", "Ik las met MIG/MAG")
    assert ids(reworded) == ids(draft)
    assert reworded.item("ik-kan-mig-mag-lassen").text["nl"] == "Ik las met MIG/MAG"


def test_ids_are_unique_in_the_questionnaire_and_made_without_accents():
    draft = b.add_section(make_draft(0), {"nl": "Creëren", "en": "Creating"})
    draft = b.add_item(draft, 1, {"nl": "Waar krijg jij energie van?", "en": "Again"}, type="open")
    assert draft.sections[1].id == "creeren"
    assert ids(draft, 1) == ["waar-krijg-jij-energie-van-2"]


def test_items_are_added_where_asked_and_moved_within_and_between_sections():
    draft = b.add_item(make_draft(2), 0, {"nl": "Eerst", "en": "First"}, position=0)
    assert ids(draft) == ["eerst", "ik-kan-lassen-1", "ik-kan-lassen-2", "waar-krijg-jij-energie-van"]
    draft = b.move_item(draft, "eerst", 0, 2)
    assert ids(draft) == ["ik-kan-lassen-1", "ik-kan-lassen-2", "eerst", "waar-krijg-jij-energie-van"]
    draft = b.move_item(b.add_section(draft, {"nl": "Tweede", "en": "Second"}), "eerst", 1, 0)
    assert ids(draft, 1) == ["eerst"] and "eerst" not in ids(draft, 0)


def test_sections_are_renamed_reordered_and_removed():
    draft = b.add_section(make_draft(1), {"nl": "Open vragen", "en": "Open questions"})
    draft = b.rename_section(draft, 1, "en", "Your say")
    assert draft.sections[1].title == {"nl": "Open vragen", "en": "Your say"}
    draft = b.move_section(draft, 1, 0)
    assert [section.id for section in draft.sections] == ["open-vragen", "lassen"]
    assert [section.id for section in b.remove_section(draft, 0).sections] == ["lassen"]


def test_a_section_is_for_the_chosen_job_functions_or_for_everyone():
    draft = b.set_section_functions(make_draft(), 0, ["lasser", " plaatwerker ", "lasser"])
    assert draft.sections[0].functions == ("lasser", "plaatwerker")
    assert "functions: [lasser, plaatwerker]" in b.to_yaml(draft)
    assert b.to_questionnaire(draft).sections_for("spuiter") == ()
    assert b.set_section_functions(draft, 0, []).sections[0].functions is None


def test_an_item_turned_open_loses_its_scale_and_kind_and_is_no_longer_required():
    draft = b.set_item_kind(make_draft(1), "ik-kan-lassen-1", "skill")
    opened = b.set_item_type(draft, "ik-kan-lassen-1", "open")
    item = opened.item("ik-kan-lassen-1")
    assert (item.type, item.scale, item.kind, item.required) == ("open", None, None, False)
    back = b.set_item_type(opened, "ik-kan-lassen-1", "likert").item("ik-kan-lassen-1")
    assert (back.scale, back.required) == ("beheersing", True)
    unchanged = b.set_item_required(draft, "ik-kan-lassen-1", False)
    assert b.set_item_type(unchanged, "ik-kan-lassen-1", "likert") == unchanged


def test_an_item_gets_texts_for_both_sides_help_required_and_kind():
    draft = make_draft(1)
    for field, text in (("text_manager", "De medewerker kan lassen"), ("help", "Zo weten we wie wie iets leert")):
        draft = b.set_item_text(draft, "ik-kan-lassen-1", field, "nl", text)
        draft = b.set_item_text(draft, "ik-kan-lassen-1", field, "en", text + " (en)")
    draft = b.set_item_kind(b.set_item_required(draft, "ik-kan-lassen-1", False), "ik-kan-lassen-1", "satisfaction")
    item = b.to_questionnaire(draft).item("ik-kan-lassen-1")
    assert item.wording("manager", "nl") == "De medewerker kan lassen"
    assert item.help["en"] == "Zo weten we wie wie iets leert (en)"
    assert (item.required, item.kind) == (False, "satisfaction")


def test_an_open_question_gets_the_tags_the_conversation_agenda_reads():
    draft = b.set_item_tags(make_draft(0), "waar-krijg-jij-energie-van", ["energy", "learning_wish", "energy"])
    assert b.to_questionnaire(draft).item("waar-krijg-jij-energie-van").tags == ("energy", "learning_wish")
    assert "tags: [energy, learning_wish]" in b.to_yaml(draft)


def test_a_scale_of_three_to_ten_points_with_labels_and_not_applicable_is_shared_by_items():
    draft = b.add_scale(make_draft(2), "Eens", points=3)
    draft = b.set_scale_points(b.set_scale_label(draft, "eens", 3, "nl", "Eens"), "eens", 10)
    draft = b.set_scale_label(draft, "eens", 3, "en", "Agree")
    draft = b.set_scale_not_applicable(draft, "eens", True)
    for item_id in ("ik-kan-lassen-1", "ik-kan-lassen-2"):
        draft = b.set_item_scale(draft, item_id, "eens")
    questionnaire = b.to_questionnaire(draft)
    scale = questionnaire.scale_of(questionnaire.item("ik-kan-lassen-2"))
    assert (scale.points, scale.label(3, "en"), scale.not_applicable) == (tuple(range(1, 11)), "Agree", True)
    assert b.set_scale_points(draft, "eens", 3).scale("eens").labels[3]["nl"] == "Eens"


def test_fewer_points_drop_the_labels_of_the_points_that_go():
    draft = b.set_scale_label(b.set_scale_label(make_draft(), "beheersing", 4, "nl", "Top"), "beheersing", 4, "en", "Top")
    assert 4 not in b.set_scale_points(draft, "beheersing", 3).scale("beheersing").labels
    assert b.validate(b.set_scale_points(draft, "beheersing", 3)) == ()


def test_an_item_can_take_last_years_id_so_its_trend_continues():
    draft = b.set_item_id(make_draft(1), "ik-kan-lassen-1", "mig-mag-lassen")
    assert ids(draft)[0] == "mig-mag-lassen"
    with pytest.raises(b.DraftError) as taken:
        b.set_item_id(draft, "waar-krijg-jij-energie-van", "mig-mag-lassen")
    assert "mig-mag-lassen" in taken.value.render("nl")


REFUSED = {
    "an unknown item": lambda d: b.remove_item(d, "bestaat-niet"),
    "an unknown scale": lambda d: b.set_item_scale(d, "ik-kan-lassen-1", "bestaat-niet"),
    "a section that is not there": lambda d: b.rename_section(d, 5, "nl", "x"),
    "a language the questionnaire has not": lambda d: b.set_title(d, "de", "Werkstatt"),
    "eleven points": lambda d: b.set_scale_points(d, "beheersing", 11),
    "two points": lambda d: b.add_scale(d, "Ja nee", points=2),
    "a label for a point the scale has not": lambda d: b.set_scale_label(d, "beheersing", 7, "nl", "x"),
    "an unknown kind": lambda d: b.set_item_kind(d, "ik-kan-lassen-1", "talent"),
    "an unknown item type": lambda d: b.set_item_type(d, "ik-kan-lassen-1", "choice"),
    "an unknown tag": lambda d: b.set_item_tags(d, "ik-kan-lassen-1", ["talent"]),
}


@pytest.mark.parametrize("operation", REFUSED.values(), ids=REFUSED.keys())
def test_an_operation_that_cannot_be_done_is_refused_in_both_languages(operation):
    with pytest.raises(b.DraftError) as refused:
        operation(make_draft(1))
    assert refused.value.render("nl") != refused.value.render("en")


# -- problems at their field -----------------------------------------------------------------

PROBLEMS = {
    "an English title missing": (lambda d: b.set_title(d, "en", ""), (None, None, None, "title", "en")),
    "an id that is no code": (lambda d: b.set_questionnaire_id(d, "Mijn Lijst"), (None, None, None, "id", None)),
    "a question without its English wording": (lambda d: b.set_item_text(d, "ik-kan-lassen-1", "text", "en", ""),
                                               (0, "ik-kan-lassen-1", None, "text", "en")),
    "a manager's wording in Dutch only": (lambda d: b.set_item_text(d, "ik-kan-lassen-1", "text_manager", "nl", "x"),
                                          (0, "ik-kan-lassen-1", None, "text_manager", "en")),
    "a section left empty": (lambda d: b.add_section(d, {"nl": "Leeg", "en": "Empty"}), (1, None, None, "items", None)),
    "a section title missing": (lambda d: b.rename_section(d, 0, "nl", ""), (0, None, None, "title", "nl")),
    "the last scale removed, its questions named it": (lambda d: b.remove_scale(d, "beheersing"),
                                                       (0, "ik-kan-lassen-1", None, "scale", None)),
    "a label in Dutch only": (lambda d: b.set_scale_label(d, "beheersing", 1, "nl", "Nog niet"),
                              (None, None, "beheersing", "labels", "en")),
    "a skill in a learning-climate section": (
        lambda d: b.set_section_condition(b.set_item_kind(d, "ik-kan-lassen-1", "skill"), 0, "workplace"),
        (0, "ik-kan-lassen-1", None, "kind", None)),
    "a kind on an open question": (lambda d: b.set_item_kind(d, "waar-krijg-jij-energie-van", "other"),
                                   (0, "waar-krijg-jij-energie-van", None, "kind", None)),
}


@pytest.mark.parametrize(("edit", "where"), PROBLEMS.values(), ids=PROBLEMS.keys())
def test_an_invalid_draft_reports_each_problem_at_its_field(edit, where):
    problems = b.validate(edit(make_draft(1)))
    assert [(p.section, p.item, p.scale, p.field, p.lang) for p in problems][:1] == [where]


def test_a_question_whose_scale_is_gone_is_reported_at_its_scale_field():
    draft = b.set_item_scale(b.add_scale(make_draft(1), "Eens"), "ik-kan-lassen-1", "eens")
    problems = b.validate(b.remove_scale(draft, "eens"))
    assert [(p.item, p.field) for p in problems] == [("ik-kan-lassen-1", "scale")]


def test_with_the_last_scale_removed_every_scale_question_is_told_at_its_scale_field_not_at_the_top():
    problems = b.validate(b.remove_scale(make_draft(2), "beheersing"))
    assert problems and all(p.item is not None and p.field == "scale" for p in problems)
    assert b.to_yaml(b.remove_scale(make_draft(2), "beheersing")).count("scales: {}") == 1


def test_a_questionnaire_of_open_questions_only_has_no_scales_block():
    draft = b.new_draft({"nl": "Open", "en": "Open"}, ("nl", "en"))
    draft = b.add_item(b.add_section(draft, {"nl": "Vragen", "en": "Questions"}), 0, {"nl": "Waarom?", "en": "Why?"}, "open")
    assert "scales" not in b.to_yaml(draft)


def test_a_problem_reads_where_and_what_in_the_users_language():
    [problem] = b.validate(b.set_item_text(make_draft(1), "ik-kan-lassen-1", "text", "en", ""))
    assert problem.render("nl") == "sectie 1 · vraag ik-kan-lassen-1 · vraag voor de medewerker (en): De tekst is leeg."
    assert problem.render("en") == "section 1 · question ik-kan-lassen-1 · question for the employee (en): The text is empty."


def test_a_valid_draft_has_no_problems_and_is_what_the_validator_reads():
    draft = make_draft(2)
    assert b.validate(draft) == ()
    questionnaire = b.to_questionnaire(draft)
    assert [item.id for item in questionnaire.all_items()] == ids(draft)
    assert questionnaire.scale_of(questionnaire.item("ik-kan-lassen-1")).points == (1, 2, 3, 4)
