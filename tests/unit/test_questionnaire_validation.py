"""The questionnaire contract: every kind of mistake is reported with its path and line, all at once."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from devtalk.questionnaire import InvalidQuestionnaire, Problem, load_questionnaire_file, parse_questionnaire
from devtalk.questionnaire.yaml_reading import MAX_CHARACTERS

VALID = """\
id: werkplaats
title: {nl: Ontwikkelgesprek werkplaats, en: Workshop development conversation}
languages: [nl, en]
scales:
  beheersing:
    points: [1, 2, 3, 4, 5]
    labels:
      1: {nl: Nog niet, en: Not yet}
      5: {nl: Kan het anderen leren, en: Can teach others}
    not_applicable: true
sections:
  - id: vakmanschap
    title: {nl: Vakmanschap, en: Craftsmanship}
    functions: [plaatwerker, spuiter]
    items:
      - id: mig-mag-lassen
        type: likert
        scale: beheersing
        text: {nl: Ik kan MIG/MAG lassen, en: I can MIG/MAG weld}
        text_manager: {nl: De medewerker kan MIG/MAG lassen, en: The employee can MIG/MAG weld}
        help: {nl: Zo weten we wie wie iets kan leren, en: So we know who can teach whom}
      - id: tekening-lezen
        type: likert
        scale: beheersing
        text: {nl: Ik kan een werktekening lezen, en: I can read a drawing}
  - id: leerklimaat
    title: {nl: Leren op het werk, en: Learning at work}
    condition: workplace
    items:
      - id: tijd-om-te-leren
        type: likert
        scale: beheersing
        required: false
        text: {nl: Ik krijg tijd om te leren, en: I get time to learn}
  - id: willen
    title: {nl: Willen, en: Want}
    items:
      - id: energie
        type: open
        tags: [energy]
        text: {nl: "Waar krijg jij energie van?", en: "What gives you energy?"}
"""

ONE_LANGUAGE = """\
id: kort
title: Kort gesprek
languages: [nl]
sections:
  - id: willen
    title: Willen
    items:
      - id: energie
        type: open
        text: Waar krijg jij energie van?
"""


def edited(old: str, new: str, base: str = VALID) -> str:
    """``base`` with ``old`` replaced once; fails loudly when ``old`` is not there exactly once."""
    assert base.count(old) == 1, old
    return base.replace(old, new)


def line_of(text: str, marker: str) -> int:
    """The line ``marker`` starts on (its last occurrence: edits add the offending copy last)."""
    return text[: text.rindex(marker)].count("\n") + 1


def problems_of(text: str | bytes) -> list[Problem]:
    with pytest.raises(InvalidQuestionnaire) as raised:
        parse_questionnaire(text, "q.yaml")
    return raised.value.problems


class Case(NamedTuple):
    id: str
    text: str | bytes
    kind: str
    path: str
    marker: str  # the text on the line the problem must point at


CASES = [
    Case("not-utf8", VALID.encode().replace(b"Vakmanschap, en", b"Vakmansch\xe4p, en"), "not_text", "", "    title: {nl: Vakmansch"),
    Case("nul-byte", edited("Willen, en", "Wil\x00len, en"), "not_text", "", "    title: {nl: Wil"),
    Case("control-character", edited("Willen, en", "Wil\x07len, en"), "not_text", "", "    title: {nl: Wil"),
    Case("too-large", VALID + "#" * MAX_CHARACTERS, "too_large", "", "id: werkplaats"),
    Case("yaml-syntax", edited("title: {nl: Willen, en: Want}", "title: Willen: en wat"), "yaml_syntax", "", "title: Willen:"),
    Case("second-document", VALID + "---\nid: tweede\n", "multiple_documents", "", "---"),
    Case("too-deep", edited("    condition: workplace\n", "    condition: workplace\n    intro: " + "[" * 30 + "]" * 30 + "\n"),
         "too_deep", "", "    intro: [[["),
    Case("alias", edited("      1: {nl: Nog niet", "      1: &nog {nl: Nog niet"), "alias", "", "1: &nog"),
    Case("python-tag", edited("        help: {nl", "        help: !!python/object/apply:os.system {nl"), "unsupported_tag", "", "help: !!python"),
    Case("list-where-fields-belong", edited("    labels:\n      1: {nl: Nog niet, en: Not yet}\n      5: {nl: Kan het anderen leren, en: Can teach others}\n",
                                            "    labels: [Nog niet, Expert]\n"), "expected_mapping", "scales.beheersing.labels", "labels: [Nog"),
    Case("text-where-list-belongs", edited("functions: [plaatwerker, spuiter]", "functions: plaatwerker"), "expected_list", "sections[0].functions", "functions:"),
    Case("empty-list", edited("functions: [plaatwerker, spuiter]", "functions: []"), "empty_list", "sections[0].functions", "functions:"),
    Case("list-where-text-belongs", edited("help: {nl: Zo weten we wie wie iets kan leren, en: So we know who can teach whom}", "help: [waarom, daarom]"),
         "expected_text", "sections[0].items[0].help", "help:"),
    Case("empty-text", edited("{nl: Ik kan een werktekening lezen,", '{nl: "",'), "empty_text", "sections[0].items[1].text.nl", 'text: {nl: ""'),
    Case("point-not-a-number", edited("points: [1, 2, 3, 4, 5]", "points: [1, 2, drie, 4, 5]"), "expected_whole_number",
         "scales.beheersing.points[2]", "points:"),
    Case("boolean-is-not-a-point", edited("points: [1, 2, 3, 4, 5]", "points: [true, 2, 3, 4, 5]"), "expected_whole_number",
         "scales.beheersing.points[0]", "points:"),
    Case("required-not-yes-or-no", edited("required: false", "required: misschien"), "expected_boolean",
         "sections[1].items[0].required", "required: misschien"),
    Case("key-that-is-a-list", edited("        tags: [energy]\n", "        tags: [energy]\n        [a, b]: c\n"), "bad_key",
         "sections[2].items[0]", "[a, b]: c"),
    Case("duplicate-yaml-key", edited("        type: open\n", "        type: open\n        type: open\n"), "duplicate_key",
         "sections[2].items[0].type", "        type: open"),
    Case("same-label-point-twice", edited("      5: {nl: Kan", "      0x1: {nl: Kan"), "duplicate_key", "scales.beheersing.labels.0x1", "0x1:"),
    Case("unknown-key", edited("        tags: [energy]\n", "        tags: [energy]\n        kleur: rood\n"), "unknown_key",
         "sections[2].items[0].kleur", "kleur: rood"),
    Case("misspelt-key", edited("        text_manager:", "        text_manger:"), "unknown_key_suggest",
         "sections[0].items[0].text_manger", "text_manger:"),
    Case("missing-key", edited("id: werkplaats\n", ""), "missing_key", "", "title: {nl: Ontwikkelgesprek"),
    Case("likert-without-scale", edited("        scale: beheersing\n        text: {nl: Ik kan een", "        text: {nl: Ik kan een"),
         "missing_key", "sections[0].items[1]", "- id: tekening-lezen"),
    Case("likert-without-any-scales", edited(VALID[VALID.index("scales:"):VALID.index("sections:")], ""), "missing_key", "", "id: werkplaats"),
    Case("invalid-id", edited("id: tekening-lezen", "id: Tekening Lezen"), "bad_id", "sections[0].items[1].id", "id: Tekening Lezen"),
    Case("duplicate-item-id", edited("id: tijd-om-te-leren", "id: tekening-lezen"), "duplicate_id", "sections[1].items[0].id", "id: tekening-lezen"),
    Case("duplicate-section-id", edited("id: willen", "id: vakmanschap"), "duplicate_id", "sections[2].id", "id: vakmanschap"),
    Case("duplicate-function", edited("[plaatwerker, spuiter]", "[plaatwerker, plaatwerker]"), "duplicate_entry", "sections[0].functions[1]", "functions:"),
    Case("plain-text-in-two-languages", edited("title: {nl: Willen, en: Want}", "title: Willen"), "needs_translations", "sections[2].title", "title: Willen"),
    Case("missing-translation", edited("title: {nl: Willen, en: Want}", "title: {nl: Willen}"), "missing_translation", "sections[2].title", "title: {nl: Willen}"),
    Case("unknown-language", edited("title: {nl: Willen, en: Want}", "title: {nl: Willen, en: Want, de: Wollen}"), "unknown_language",
         "sections[2].title.de", "title: {nl: Willen"),
    Case("unknown-declared-language", edited("languages: [nl, en]", "languages: [nl, en, fr]"), "unknown_language", "languages[2]", "languages:"),
    Case("undeclared-language", edited("text: Waar krijg jij energie van?", 'text: {nl: "Waar krijg jij energie van?", en: "What gives you energy?"}', ONE_LANGUAGE),
         "undeclared_language", "sections[0].items[0].text.en", "text: {nl"),
    Case("unknown-condition", edited("condition: workplace", "condition: weer"), "unknown_choice", "sections[1].condition", "condition: weer"),
    Case("unknown-tag", edited("tags: [energy]", "tags: [koffie]"), "unknown_choice", "sections[2].items[0].tags[0]", "tags: [koffie]"),
    Case("misspelt-item-type", edited("type: open", "type: opne"), "unknown_choice_suggest", "sections[2].items[0].type", "type: opne"),
    Case("unknown-scale", edited("        scale: beheersing\n        text: {nl: Ik kan een", "        scale: kleur\n        text: {nl: Ik kan een"),
         "unknown_scale", "sections[0].items[1].scale", "scale: kleur"),
    Case("misspelt-scale", edited("        scale: beheersing\n        text: {nl: Ik kan een", "        scale: beheersng\n        text: {nl: Ik kan een"),
         "unknown_scale_suggest", "sections[0].items[1].scale", "scale: beheersng"),
    Case("scale-on-open-question", edited("        type: open\n", "        type: open\n        scale: beheersing\n"), "scale_on_open",
         "sections[2].items[0].scale", "        scale: beheersing\n        tags"),
    Case("too-few-points", edited("points: [1, 2, 3, 4, 5]", "points: [1, 5]"), "points_count", "scales.beheersing.points", "points:"),
    Case("too-many-points", edited("points: [1, 2, 3, 4, 5]", f"points: {list(range(1, 12))}"), "points_count", "scales.beheersing.points", "points:"),
    Case("points-not-ascending", edited("points: [1, 2, 3, 4, 5]", "points:\n      - 1\n      - 3\n      - 2\n      - 4\n      - 5"),
         "points_not_ascending", "scales.beheersing.points[2]", "      - 2"),
    Case("label-for-missing-point", edited("      5: {nl: Kan", "      7: {nl: Kan"), "label_without_point", "scales.beheersing.labels.7", "7: {nl"),
]


def test_the_valid_examples_are_valid():
    assert parse_questionnaire(VALID).id == "werkplaats"
    assert parse_questionnaire(ONE_LANGUAGE).id == "kort"


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_each_kind_of_mistake_is_reported_alone_with_its_path_and_line(case):
    problems = problems_of(case.text)
    assert [(p.message.key, p.path) for p in problems] == [(f"questionnaire.{case.kind}", case.path)]
    marker_text = case.text.decode("latin-1") if isinstance(case.text, bytes) else case.text
    assert problems[0].line == line_of(marker_text, case.marker)
    assert problems[0].render("nl") != problems[0].render("en")


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t\n", "# alleen commentaar\n", "~\n", "---\n...\n", "\ufeff"],
    ids=["empty", "whitespace", "comment-only", "null", "empty-document", "byte-order-mark-only"],
)
def test_an_empty_file_is_reported_on_line_one(text):
    assert [(p.message.key, p.line, p.path) for p in problems_of(text)] == [("questionnaire.empty", 1, "")]


@pytest.mark.parametrize(
    "text", ["- een\n- lijst\n", "gewoon een zin\n", "42\n"], ids=["list", "sentence", "number"],
)
def test_a_file_that_is_not_a_set_of_fields_is_reported_as_a_whole(text):
    assert [(p.message.key, p.line, p.path) for p in problems_of(text)] == [("questionnaire.expected_mapping", 1, "")]


def test_all_problems_are_reported_at_once_in_file_order():
    text = VALID.replace("scale: beheersing\n        text: {nl: Ik kan een", "scale: kleur\n        text: {nl: Ik kan een")
    text = text.replace("type: open", "type: opne").replace("text_manager:", "text_manger:")
    assert [problem.render("en") for problem in problems_of(text)] == [
        "q.yaml:20: sections[0].items[0].text_manger: Unknown field 'text_manger'; did you mean 'text_manager'?",
        "q.yaml:24: sections[0].items[1].scale: Unknown scale 'kleur'; this file has: beheersing.",
        "q.yaml:39: sections[2].items[0].type: 'opne' is not possible here; did you mean 'open'?",
    ]


# The contract's own example: no 'languages', a plain (Dutch) title, nl and en everywhere else.
AS_THE_CONTRACT_SHOWS = edited("title: {nl: Ontwikkelgesprek werkplaats, en: Workshop development conversation}\nlanguages: [nl, en]\n",
                               "title: Ontwikkelgesprek werkplaats\n")


def test_a_bilingual_file_written_as_the_contract_shows_is_valid_in_both_languages():
    questionnaire = parse_questionnaire(AS_THE_CONTRACT_SHOWS)
    assert questionnaire.languages == ("nl", "en")
    assert questionnaire.title == {"nl": "Ontwikkelgesprek werkplaats", "en": "Ontwikkelgesprek werkplaats"}
    assert questionnaire.item("energie").wording("employee", "en") == "What gives you energy?"


def test_without_declared_languages_a_text_lacking_one_the_others_give_is_the_only_problem():
    text = edited("title: {nl: Willen, en: Want}", "title: {nl: Willen}", AS_THE_CONTRACT_SHOWS)
    [problem] = problems_of(text)
    assert (problem.message.key, problem.path) == ("questionnaire.missing_translation", "sections[2].title")
    assert problem.render("en").endswith("The translation 'en' is missing: add 'en: ...' to this text.")


def test_a_text_in_a_language_the_file_does_not_declare_says_how_to_declare_it():
    text = edited("text: Waar krijg jij energie van?", 'text: {nl: "Waar krijg jij energie van?", en: "What gives you energy?"}', ONE_LANGUAGE)
    [problem] = problems_of(text)
    assert "add it there (languages: [nl, en]) or remove this text" in problem.render("en")
    assert "zet hem erbij (languages: [nl, en])" in problem.render("nl")


def test_a_problem_renders_as_file_line_path_message_in_dutch_and_english():
    text = edited("        scale: beheersing\n        text: {nl: Ik kan een", "        scale: beheersng\n        text: {nl: Ik kan een")
    [problem] = problems_of(text)
    assert problem.render("nl") == "q.yaml:24: sections[0].items[1].scale: Onbekende schaal 'beheersng'; bedoel je 'beheersing'?"
    assert problem.render("en") == "q.yaml:24: sections[0].items[1].scale: Unknown scale 'beheersng'; did you mean 'beheersing'?"


def test_a_whole_file_problem_renders_without_a_path():
    [problem] = problems_of("")
    assert problem.render("nl") == "q.yaml:1: Het bestand is leeg."


def test_the_summary_counts_the_problems_and_the_report_lists_them():
    with pytest.raises(InvalidQuestionnaire) as raised:
        parse_questionnaire(VALID.replace("type: open", "type: opne").replace("text_manager:", "text_manger:"), "q.yaml")
    assert raised.value.render("nl") == "De vragenlijst bevat 2 fout(en); er is niets opgeslagen."
    assert raised.value.render("en") == "The questionnaire has 2 problem(s); nothing was saved."
    assert raised.value.report("en").splitlines()[1:] == [problem.render("en") for problem in raised.value.problems]


def test_yaml_syntax_errors_name_the_line_in_the_file():
    text = edited("    items:\n      - id: energie\n", "    items:\n      - id: energie\n     oeps: [\n")
    [problem] = problems_of(text)
    assert problem.message.key == "questionnaire.yaml_syntax" and problem.line == line_of(text, "oeps")


def test_a_file_is_named_by_the_path_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "q.yaml").write_text(VALID.replace("type: open", "type: opne"), encoding="utf-8")
    with pytest.raises(InvalidQuestionnaire) as raised:
        load_questionnaire_file("q.yaml")
    assert raised.value.problems[0].render("en").startswith("q.yaml:39: ")


def test_a_missing_file_is_a_problem_not_a_crash(tmp_path):
    missing = tmp_path / "weg.yaml"
    with pytest.raises(InvalidQuestionnaire) as raised:
        load_questionnaire_file(missing)
    [problem] = raised.value.problems
    assert problem.render("en").startswith(f"{missing}: The file cannot be read (")


def test_a_file_on_disk_is_read_like_text(tmp_path):
    path = tmp_path / "werkplaats.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode())  # saved by Notepad, with a byte-order mark
    assert load_questionnaire_file(path) == parse_questionnaire(VALID)
