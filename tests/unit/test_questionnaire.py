"""The questionnaire model: who gets which section, which wording, which label; and version identity."""

from __future__ import annotations

import dataclasses

import pytest
import yaml

from devtalk.i18n import Message
from devtalk.questionnaire import Problem, content_hash, localized, parse_questionnaire


def texts(nl: str, en: str | None = None) -> dict[str, str]:
    return {"nl": nl, "en": en or f"{nl} (en)"}


def likert(item_id: str, **extra) -> dict:
    return {"id": item_id, "type": "likert", "scale": "beheersing", "text": texts(f"Vraag {item_id}"), **extra}


def open_question(item_id: str, **extra) -> dict:
    return {"id": item_id, "type": "open", "text": texts(f"Vraag {item_id}"), **extra}


def section(section_id: str, *items: dict, **extra) -> dict:
    return {"id": section_id, "title": texts(section_id.title()), "items": list(items), **extra}


def make_yaml(*sections: dict, **top) -> str:
    """A valid two-language questionnaire with the given sections (a default one when none)."""
    document = {
        "id": "test",
        "title": texts("Ontwikkelgesprek", "Development conversation"),
        "scales": {"beheersing": {"points": [1, 2, 3, 4, 5], "labels": {1: texts("Nog niet", "Not yet")}}},
        "sections": list(sections) or [section("algemeen", open_question("energie"))],
        **top,
    }
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def make_questionnaire(*sections: dict, **top):
    return parse_questionnaire(make_yaml(*sections, **top))


def firm_questionnaire():
    """Sections for everyone, for welders only, and for welders and painters."""
    return make_questionnaire(
        section("algemeen", likert("veilig-werken"), open_question("energie")),
        section("lassen", likert("tig-lassen"), functions=["lasser"]),
        section("afwerking", likert("spuiten"), likert("schuren"), functions=["lasser", "spuiter"]),
    )


@pytest.mark.parametrize(
    "function_id,sections",
    [
        ("lasser", ["algemeen", "lassen", "afwerking"]),
        ("spuiter", ["algemeen", "afwerking"]),
        ("monteur", ["algemeen"]),
        (None, ["algemeen"]),
    ],
    ids=["in-two-restricted-sections", "in-one", "in-none", "no-function"],
)
def test_sections_for_a_function_are_the_open_ones_plus_its_own(function_id, sections):
    assert [s.id for s in firm_questionnaire().sections_for(function_id)] == sections


def test_items_for_a_function_keep_questionnaire_order():
    questionnaire = firm_questionnaire()
    assert [i.id for i in questionnaire.items_for("spuiter")] == ["veilig-werken", "energie", "spuiten", "schuren"]
    assert [i.id for i in questionnaire.all_items()] == ["veilig-werken", "energie", "tig-lassen", "spuiten", "schuren"]


def test_item_looks_up_by_id_and_refuses_unknown_ids():
    questionnaire = firm_questionnaire()
    assert questionnaire.item("tig-lassen").type == "likert"
    with pytest.raises(KeyError):
        questionnaire.item("bestaat-niet")


def test_scale_of_gives_the_named_scale_for_likert_and_none_for_open_items():
    questionnaire = firm_questionnaire()
    assert questionnaire.scale_of(questionnaire.item("tig-lassen")).points == (1, 2, 3, 4, 5)
    assert questionnaire.scale_of(questionnaire.item("energie")) is None


def test_the_manager_reads_their_own_wording_where_the_file_gives_one():
    questionnaire = make_questionnaire(section("vak", likert("lassen", text_manager=texts("Kan de medewerker lassen?", "Can they weld?"))))
    item = questionnaire.item("lassen")
    assert item.wording("manager", "nl") == "Kan de medewerker lassen?"
    assert item.wording("manager", "en") == "Can they weld?"
    assert item.wording("employee", "nl") == "Vraag lassen"


def test_without_manager_wording_the_manager_reads_the_employee_text():
    item = make_questionnaire(section("vak", likert("lassen"))).item("lassen")
    assert item.wording("manager", "en") == item.wording("employee", "en") == "Vraag lassen (en)"


def test_scale_labels_are_localized_and_empty_for_unlabelled_points():
    scale = firm_questionnaire().scales["beheersing"]
    assert (scale.label(1, "nl"), scale.label(1, "en"), scale.label(3, "en")) == ("Nog niet", "Not yet", "")


@pytest.mark.parametrize(
    "given,lang,expected",
    [
        ({"nl": "Ja", "en": "Yes"}, "en", "Yes"),
        ({"nl": "Ja", "en": "Yes"}, "de", "Ja"),
        ({"en": "Yes"}, "nl", "Yes"),
        (None, "nl", ""),
    ],
    ids=["asked-language", "falls-back-to-dutch", "falls-back-to-any", "no-text"],
)
def test_localized_falls_back_to_dutch_then_to_any_language(given, lang, expected):
    assert localized(given, lang) == expected


def test_required_defaults_to_true_for_likert_and_false_for_open_questions():
    questionnaire = make_questionnaire(section("a", likert("schaal"), open_question("open"), open_question("moet", required=True)))
    assert [i.required for i in questionnaire.all_items()] == [True, False, True]


def test_optional_parts_have_plain_defaults():
    questionnaire = make_questionnaire()
    [only] = questionnaire.sections
    assert (questionnaire.intro, only.intro, only.functions, only.condition) == (None, None, None, None)
    assert questionnaire.scales["beheersing"].not_applicable is False
    assert only.items[0].tags == () and only.items[0].help is None


def test_languages_default_to_those_the_texts_give():
    assert make_questionnaire().languages == ("nl", "en")
    english = parse_questionnaire(
        "id: en\ntitle: {en: Talk}\nsections:\n  - id: a\n    title: {en: A}\n    items:\n"
        "      - id: b\n        type: open\n        text: {en: 'Why?'}\n"
    )
    assert english.languages == ("en",)


def test_a_single_language_file_may_use_plain_text_and_defaults_to_dutch():
    questionnaire = parse_questionnaire(
        "id: kort\ntitle: Kort\nsections:\n  - id: a\n    title: A\n    items:\n"
        "      - id: b\n        type: open\n        text: Wat wil je leren?\n"
    )
    assert questionnaire.languages == ("nl",)
    assert questionnaire.title == {"nl": "Kort"}
    assert questionnaire.item("b").wording("employee", "en") == "Wat wil je leren?"


def test_values_yaml_would_read_as_numbers_or_yes_no_stay_the_text_typed():
    questionnaire = parse_questionnaire(
        "id: '2027'\ntitle: 2027\nsections:\n  - id: a\n    title: yes\n    items:\n"
        "      - id: b\n        type: open\n        text: 1.5\n"
    )
    assert (questionnaire.id, questionnaire.title["nl"], questionnaire.sections[0].title["nl"]) == ("2027", "2027", "yes")
    assert questionnaire.item("b").text == {"nl": "1.5"}


def test_the_model_cannot_be_changed_after_loading():
    questionnaire = firm_questionnaire()
    with pytest.raises(dataclasses.FrozenInstanceError):
        questionnaire.id = "anders"
    with pytest.raises(TypeError):
        questionnaire.item("energie").text["nl"] = "Anders"
    with pytest.raises(TypeError):
        questionnaire.scales["nieuw"] = questionnaire.scales["beheersing"]


def test_the_same_text_gives_equal_and_hashable_questionnaires():
    assert firm_questionnaire() == firm_questionnaire()
    assert hash(firm_questionnaire()) == hash(firm_questionnaire())
    assert len({firm_questionnaire().item("energie"), firm_questionnaire().item("energie")}) == 1


def test_content_hash_is_the_sha256_of_the_utf8_bytes():
    text = make_yaml()
    assert content_hash(text) == content_hash(text.encode("utf-8")) == content_hash(text)
    assert content_hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text + " ",
        lambda text: text.replace("Nog niet", "Nog  niet"),
        lambda text: text.replace("\n", "\r\n"),
        lambda text: "\ufeff" + text,
        lambda text: text.replace("beheersing", "Beheersing", 1),
    ],
    ids=["trailing-space", "inner-space", "line-endings", "byte-order-mark", "letter-case"],
)
def test_content_hash_changes_with_any_change_even_one_that_means_the_same(change):
    text = make_yaml()
    assert content_hash(change(text)) != content_hash(text)


@pytest.mark.parametrize(
    "problem,expected",
    [
        (Problem("q.yaml", 14, "sections[1].items[2].scale", Message("questionnaire.missing_key", name="scale")),
         "q.yaml:14: sections[1].items[2].scale: Het verplichte veld 'scale' ontbreekt."),
        (Problem("q.yaml", None, "sections[0]", Message("questionnaire.empty_list")),
         "q.yaml: sections[0]: Deze lijst is leeg; er hoort minstens één onderdeel in."),
        (Problem("q.yaml", 1, "", Message("questionnaire.empty")), "q.yaml:1: Het bestand is leeg."),
        (Problem("q.yaml", None, "", Message("questionnaire.empty")), "q.yaml: Het bestand is leeg."),
    ],
    ids=["line-and-path", "no-line", "whole-file", "nothing-known"],
)
def test_a_problem_leaves_out_what_is_unknown_when_rendered(problem, expected):
    assert problem.render("nl") == expected
