"""Which items are skills: the kind of every likert item, how a file sets it, what a file without one
means (every version stored before kinds existed), and that the bundled templates set it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from devtalk.questionnaire import InvalidQuestionnaire, load_questionnaire_file, parse_questionnaire

TEMPLATES = Path(__file__).parents[2] / "questionnaires"

HEAD = """\
id: kinds
title: {nl: Soorten, en: Kinds}
languages: [nl, en]
scales:
  s:
    points: [1, 2, 3, 4, 5]
sections:
"""

MIXED = HEAD + """\
  - id: vak
    title: {nl: Vak, en: Trade}
    kind: skill
    items:
      - id: tekening-lezen
        type: likert
        scale: s
        text: {nl: Ik lees een tekening, en: I read a drawing}
      - id: tevreden
        type: likert
        scale: s
        kind: satisfaction
        text: {nl: Hoe tevreden ben je?, en: How satisfied are you?}
      - id: energie
        type: open
        text: {nl: Waar krijg je energie van?, en: What gives you energy?}
  - id: lassen
    title: {nl: Lassen, en: Welding}
    functions: [lasser]
    items:
      - id: tig
        type: likert
        scale: s
        text: {nl: Ik las TIG, en: I TIG weld}
  - id: klimaat
    title: {nl: Klimaat, en: Climate}
    condition: workplace
    items:
      - id: tijd
        type: likert
        scale: s
        text: {nl: Ik krijg tijd om te leren, en: I get time to learn}
"""

WITHOUT_KINDS = MIXED.replace("    kind: skill\n", "").replace("        kind: satisfaction\n", "")


def kinds(text: str) -> dict[str, str | None]:
    return {item.id: item.kind for item in parse_questionnaire(text).all_items()}


def line_of(text: str, written: str, after: str = "") -> int:
    """The line number of the first line that is ``written``, after the first one that is ``after``."""
    lines = text.splitlines()
    start = lines.index(after) if after else 0
    return lines.index(written, start) + 1


def problem_lines(text: str, lang: str) -> list[str]:
    with pytest.raises(InvalidQuestionnaire) as raised:
        parse_questionnaire(text, "q.yaml")
    return [problem.render(lang) for problem in raised.value.problems]


def test_a_section_kind_is_the_default_of_its_likert_items_and_an_item_kind_overrides_it():
    assert kinds(MIXED) == {"tekening-lezen": "skill", "tevreden": "satisfaction", "energie": None,
                            "tig": "skill", "tijd": "climate"}


def test_a_file_without_kinds_counts_only_job_function_sections_as_skills():
    """Versions stored before kinds existed: a section for everyone held looking back, satisfaction and
    attitude, so none of it is called a skill; a job function's section is about the trade."""
    assert kinds(WITHOUT_KINDS) == {"tekening-lezen": "other", "tevreden": "other", "energie": None,
                                    "tig": "skill", "tijd": "climate"}


def test_skill_items_are_the_skills_of_the_sections_that_apply_to_the_job_function():
    questionnaire = parse_questionnaire(MIXED)
    assert [item.id for item in questionnaire.skill_items("lasser")] == ["tekening-lezen", "tig"]
    assert [item.id for item in questionnaire.skill_items("plaatwerker")] == ["tekening-lezen"]
    assert [item.id for item in questionnaire.all_items() if item.is_skill] == ["tekening-lezen", "tig"]


def test_an_unknown_kind_is_refused_at_its_line_with_the_choices_in_dutch_and_english():
    text = MIXED.replace("        kind: satisfaction\n", "        kind: tevredenheid\n")
    line = line_of(text, "        kind: tevredenheid")
    assert problem_lines(text, "nl") == [
        f"q.yaml:{line}: sections[0].items[1].kind: 'tevredenheid' kan hier niet; kies uit: skill, climate, satisfaction, other."]
    assert problem_lines(text, "en") == [
        f"q.yaml:{line}: sections[0].items[1].kind: 'tevredenheid' is not possible here; choose from: skill, climate, satisfaction, other."]


def test_a_mistyped_section_kind_is_refused_with_a_suggestion():
    text = MIXED.replace("    kind: skill\n", "    kind: skil\n")
    assert problem_lines(text, "en") == [
        f"q.yaml:{line_of(text, '    kind: skil')}: sections[0].kind: 'skil' is not possible here; did you mean 'skill'?"]


def test_a_kind_on_an_open_question_is_refused_at_its_line():
    text = MIXED.replace("        type: open\n", "        type: open\n        kind: skill\n")
    line = line_of(text, "        kind: skill", after="        type: open")
    refusal = "Een open vraag heeft geen soort; 'kind' (skill, climate, satisfaction, other) hoort alleen bij een likert-vraag."
    assert problem_lines(text, "nl") == [f"q.yaml:{line}: sections[0].items[2].kind: {refusal}"]


@pytest.mark.parametrize("where", ["section", "item"])
def test_a_skill_in_a_learning_climate_section_is_refused_because_only_the_employee_sees_it(where):
    if where == "section":
        text, path = MIXED.replace("    condition: workplace\n", "    condition: workplace\n    kind: skill\n"), "sections[2]"
        line = line_of(text, "    kind: skill", after="    condition: workplace")
    else:
        text, path = MIXED + "        kind: skill\n", "sections[2].items[0]"
        line = len(text.splitlines())
    [problem] = problem_lines(text, "en")
    assert problem.startswith(f"q.yaml:{line}: {path}.kind: A skill (kind: skill) cannot be in a learning-climate section "
                              "(condition: workplace)")


def likert_kinds_as_written(path: Path) -> dict[str, str | None]:
    """Per likert item the kind its file writes, on the item or its section (None: left to the default)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {item["id"]: item.get("kind", section.get("kind")) for section in data["sections"]
            for item in section["items"] if item["type"] == "likert"}


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.yaml")), ids=lambda path: path.name)
def test_every_bundled_template_writes_the_kind_of_every_likert_item(path):
    written = likert_kinds_as_written(path)
    assert None not in written.values()
    assert {item.id: item.kind for item in load_questionnaire_file(path).all_items() if item.type == "likert"} == written


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.yaml")), ids=lambda path: path.name)
def test_bundled_satisfaction_safety_attitude_and_learning_climate_items_are_no_skills(path):
    questionnaire = load_questionnaire_file(path)
    for section in questionnaire.sections:
        for item in section.items:
            if item.type != "likert":
                continue
            text = item.wording("employee", "nl").lower()
            if "tevreden" in text:
                assert item.kind == "satisfaction", item.id
            if section.employee_only:
                assert item.kind == "climate", item.id
            if item.id in {"veilig-werken", "pbm-gebruik", "vca-regels", "onveilig-melden"}:
                assert item.kind == "other", item.id
            if section.functions is not None:
                assert item.is_skill, item.id


def test_the_coachwork_template_keeps_its_trade_reading_and_lifting_skills():
    questionnaire = load_questionnaire_file(TEMPLATES / "techniek-carrosserie.yaml")
    skills = {item.id for item in questionnaire.skill_items("lasser")}
    assert {"tekening-lezen", "hijsen-heffen", "machineveiligheid", "tig-rvs"} <= skills
    assert not skills & {"terugblik-tevreden", "pbm-gebruik", "lk-visie-leren", "kantbank-zetten"}
