"""The questionnaire contract: every kind of mistake is reported with its line, all at once."""

import pytest

from devtalk.questionnaire import InvalidQuestionnaire, content_hash, parse_questionnaire
from tests.builders import SMALL_QUESTIONNAIRE


def problems_of(text) -> list[str]:
    with pytest.raises(InvalidQuestionnaire) as raised:
        parse_questionnaire(text, "q.yaml")
    return [problem.render("en") for problem in raised.value.problems]


def replaced(old: str, new: str) -> str:
    assert old in SMALL_QUESTIONNAIRE, old
    return SMALL_QUESTIONNAIRE.replace(old, new, 1)


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


CASES = [
    ("unknown-scale", replaced("        scale: beheersing\n        text: {nl: Ik werk", "        scale: beheersng\n        text: {nl: Ik werk"),
     "beheersng", "sections[0].items[1].scale: Unknown scale 'beheersng'. Did you mean 'beheersing'?"),
    ("unknown-key", replaced("        text_manager:", "        text_manger:"), "text_manger",
     "sections[0].items[0].text_manger: Unknown key 'text_manger'. Did you mean 'text_manager'?"),
    ("duplicate-item-id", replaced("id: veilig-werken", "id: tekening-lezen"), "id: tekening-lezen\n        type: likert\n        scale: beheersing\n        text: {nl: Ik werk",
     "sections[0].items[1].id: The id 'tekening-lezen' is already used"),
    ("duplicate-section-id", replaced("id: lassen", "id: vak"), "id: vak\n    title: {nl: Lassen",
     "sections[1].id: The id 'vak' is already used"),
    ("points-not-ascending", replaced("points: [1, 2, 3, 4, 5]", "points: [1, 3, 2, 4, 5]"), "points:",
     "scales.beheersing.points: The scale points must ascend"),
    ("too-few-points", replaced("points: [1, 2, 3, 4, 5]", "points: [1, 2]"), "points:",
     "scales.beheersing.points: A scale has 3 to 10 points, this one has 2."),
    ("too-many-points", replaced("points: [1, 2, 3, 4, 5]", f"points: {list(range(1, 12))}"), "points:",
     "A scale has 3 to 10 points, this one has 11."),
    ("point-not-int", replaced("points: [1, 2, 3, 4, 5]", "points: [1, 2, drie, 4, 5]"), "points:",
     "scales.beheersing.points[2]: Scale points must be whole numbers, not 'drie'."),
    ("label-without-point", replaced("      5: {nl: Kan", "      7: {nl: Kan"), "7: {nl",
     "scales.beheersing.labels.7: Label for point 7, but that point is not on the scale."),
    ("missing-translation", replaced("text: {nl: Ik werk veilig, en: I work safely}", "text: {nl: Ik werk veilig}"), "text: {nl: Ik werk veilig}",
     "sections[0].items[1].text: The translation 'en' is missing."),
    ("undeclared-language", replaced("text: {nl: Ik werk veilig, en: I work safely}", "text: {nl: Ik werk veilig, en: I work safely, de: Sicher}"),
     "text: {nl: Ik werk veilig", "sections[0].items[1].text.de: The language 'de' is not declared"),
    ("unknown-item-type", replaced("type: open", "type: essay"), "type: essay",
     "sections[2].items[0].type: 'essay' is not allowed here; choose from: likert, open."),
    ("likert-without-scale", replaced("        scale: beheersing\n        text: {nl: Ik werk", "        text: {nl: Ik werk"), "type: likert\n        text: {nl: Ik werk",
     "sections[0].items[1]: 'scale' is missing."),
    ("scale-on-open-question", replaced("type: open", "type: open\n        scale: beheersing"), "scale: beheersing\n        tags",
     "sections[2].items[0].scale: An open question has no scale."),
    ("bad-id", replaced("id: veilig-werken", "id: Veilig Werken"), "id: Veilig Werken",
     "sections[0].items[1].id: 'Veilig Werken' is not a valid id"),
    ("unknown-tag", replaced("tags: [energy]", "tags: [energie]"), "tags: [energie]",
     "sections[2].items[0].tags[0]: 'energie' is not allowed here"),
    ("unknown-condition", replaced("  - id: willen\n", "  - id: willen\n    condition: klimaat\n"), "condition: klimaat",
     "sections[2].condition: 'klimaat' is not allowed here"),
    ("required-not-boolean", replaced("type: open", "type: open\n        required: misschien"), "required: misschien",
     "sections[2].items[0].required: true or false is expected here."),
    ("duplicate-yaml-key", replaced("        type: likert\n        scale: beheersing\n        text: {nl: Ik kan een", "        type: likert\n        type: likert\n        scale: beheersing\n        text: {nl: Ik kan een"),
     "type: likert\n        scale: beheersing\n        text: {nl: Ik kan een", "The key 'type' appears twice here."),
    ("missing-title", replaced("title: {nl: Klein gesprek, en: Small conversation}\n", ""), "languages:",
     "'title' is missing."),
    ("functions-not-a-list", replaced("functions: [lasser]", "functions: lasser"), "functions: lasser",
     "sections[1].functions: A non-empty list is expected here"),
]


@pytest.mark.parametrize("text,fragment,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_kind_of_mistake_is_reported_with_path_and_line(text, fragment, expected):
    found = problems_of(text)
    assert any(expected in line for line in found), found
    if fragment != "languages:":
        assert any(line.startswith(f"q.yaml:{line_of(text, fragment)}:") for line in found if expected in line), found


def test_all_problems_are_reported_at_once():
    text = SMALL_QUESTIONNAIRE.replace("scale: beheersing\n        text: {nl: Ik werk", "scale: x\n        text: {nl: Ik werk")
    text = text.replace("type: open", "type: essay").replace("text_manager:", "text_manger:")
    assert len(problems_of(text)) == 3


def test_problems_are_rendered_in_dutch_too():
    with pytest.raises(InvalidQuestionnaire) as raised:
        parse_questionnaire(replaced("type: open", "type: essay"), "q.yaml")
    assert "kies uit: likert, open" in raised.value.problems[0].render("nl")
    assert "1 fout" in raised.value.render("nl")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("", "q.yaml:1: The file is empty."),
        ("   \n\n", "The file is empty."),
        ("- een\n- lijst\n", "Keys with values"),
        ("gewoon tekst", "Keys with values"),
        ("id: [niet gesloten\n", "This is not valid YAML"),
        ("id: x\n\ttitle: tab\n", "This is not valid YAML"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "This is not a text file"),
        (b"id: caf\xe9\n", "This is not a text file"),
        ("id: !!python/object:os.system x\n", "A (non-empty) text is expected here"),
        ("a: &x [1, 2]\nb: *x\n", "Anchors and aliases"),
        ("[" * 5000 + "]" * 5000, "nested too deeply"),
    ],
    ids=["empty", "whitespace", "list", "scalar", "syntax", "tab", "binary", "latin1", "python-tag", "alias", "deep"],
)
def test_a_broken_file_gives_a_message_never_a_traceback(text, expected):
    found = problems_of(text)
    assert found and all(line.startswith("q.yaml") for line in found)
    assert any(expected in line for line in found), found


def test_a_valid_file_becomes_the_model():
    questionnaire = parse_questionnaire(SMALL_QUESTIONNAIRE, "q.yaml")
    assert questionnaire.id == "klein" and questionnaire.languages == ("nl", "en")
    assert [s.id for s in questionnaire.sections_for("lasser")] == ["vak", "lassen", "willen"]
    assert [s.id for s in questionnaire.sections_for("plaatwerker")] == ["vak", "willen"]
    assert questionnaire.scale_of(questionnaire.item("tekening-lezen")).label(1, "en") == "Not yet"
    assert questionnaire.item("energie").required is False and questionnaire.item("veilig-werken").required is True


def test_manager_wording_falls_back_to_the_employee_text():
    questionnaire = parse_questionnaire(SMALL_QUESTIONNAIRE, "q.yaml")
    assert questionnaire.item("tekening-lezen").wording("manager", "en") == "The employee can read a drawing"
    assert questionnaire.item("veilig-werken").wording("manager", "en") == "I work safely"


def test_single_language_files_may_use_plain_strings():
    text = "id: kort\ntitle: Kort\nsections:\n  - id: a\n    title: A\n    items:\n      - id: b\n        type: open\n        text: Wat wil je leren?\n"
    assert parse_questionnaire(text).item("b").wording("employee", "nl") == "Wat wil je leren?"


def test_content_hash_identifies_the_exact_text():
    assert content_hash(SMALL_QUESTIONNAIRE) == content_hash(SMALL_QUESTIONNAIRE.encode())
    assert content_hash(SMALL_QUESTIONNAIRE) != content_hash(SMALL_QUESTIONNAIRE + " ")
