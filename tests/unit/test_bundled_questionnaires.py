"""The templates shipped in questionnaires/ must stay valid and complete in both languages."""

from pathlib import Path

import pytest

from devtalk.questionnaire import load_questionnaire_file

BUNDLED = sorted((Path(__file__).resolve().parents[2] / "questionnaires").glob("*.yaml"))


def test_the_three_templates_are_bundled():
    assert [path.name for path in BUNDLED] == [
        "leerklimaat.yaml", "ontwikkelgesprek-algemeen.yaml", "techniek-carrosserie.yaml",
    ]


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_template_is_valid_in_dutch_and_english(path):
    questionnaire = load_questionnaire_file(path)
    assert set(questionnaire.languages) == {"nl", "en"}
    for item in questionnaire.all_items():
        assert item.wording("employee", "nl") != item.wording("employee", "en")


@pytest.mark.parametrize("function_id", ["plaatwerker", "lasser", "spuiter", "monteur", "werkvoorbereider"])
def test_technical_template_has_eight_to_fifteen_skills_per_function(function_id):
    questionnaire = load_questionnaire_file(BUNDLED[2])
    own = [s for s in questionnaire.sections if s.functions and function_id in s.functions]
    count = sum(len(s.items) for s in own)
    assert 8 <= count <= 15


def test_technical_template_asks_the_bunk_energy_questions():
    questionnaire = load_questionnaire_file(BUNDLED[2])
    energy = [item.wording("employee", "nl") for item in questionnaire.all_items() if "energy" in item.tags]
    assert any("energie" in text.lower() for text in energy) and len(energy) >= 2


def test_learning_climate_items_match_between_the_module_and_the_full_template():
    module = load_questionnaire_file(BUNDLED[0])
    full = load_questionnaire_file(BUNDLED[2])
    module_ids = {i.id for s in module.sections if s.condition for i in s.items}
    full_ids = {i.id for s in full.sections if s.condition for i in s.items}
    assert module_ids and module_ids == full_ids
    assert {s.condition for s in full.sections if s.condition} == {"organisation", "workplace", "learner"}
