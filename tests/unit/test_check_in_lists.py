"""A check-in list is a questionnaire file held to two rules more: open questions only, in sections
for everyone; the bundled one is valid and complete in Dutch and English."""

import pytest

from devtalk.questionnaire import InvalidQuestionnaire
from devtalk.questionnaire.check_in_lists import parse_check_in_list
from devtalk.services.check_ins import BUNDLED_LIST

HEAD = "id: kort\ntitle: Kort\nscales:\n  s: {points: [1, 2, 3]}\nsections:\n  - id: k\n    title: Kort\n"
OPEN = "      - {id: week, type: open, text: Hoe was je week?}\n"


def test_the_bundled_list_asks_the_three_default_questions_in_dutch_and_english():
    questions = parse_check_in_list(BUNDLED_LIST.read_bytes(), BUNDLED_LIST.name).all_items()
    assert [item.text["nl"] for item in questions] == [
        "Hoe gaat het met de afgesproken acties?", "Waar krijg je nu energie van?", "Wat heb je nodig?"]
    assert all(item.type == "open" and item.text["en"] for item in questions)


# (what the section holds, the line and path of the problem)
REFUSED = [
    ("    items:\n      - {id: week, type: likert, scale: s, text: Hoe?}\n", 9, "sections[0].items[0].type"),
    ("    functions: [lasser]\n    items:\n" + OPEN, 8, "sections[0].functions"),
    ("    condition: workplace\n    items:\n" + OPEN, 8, "sections[0].condition"),
]


@pytest.mark.parametrize("section, line, path", REFUSED, ids=["scale-question", "job-functions", "learning-climate"])
def test_a_list_for_some_people_or_with_a_scale_question_is_refused_at_its_line(section, line, path):
    with pytest.raises(InvalidQuestionnaire) as refused:
        parse_check_in_list(HEAD + section, "kort.yaml")
    assert [(problem.line, problem.path) for problem in refused.value.problems] == [(line, path)]


def test_a_file_that_is_no_questionnaire_at_all_gets_the_questionnaires_own_problems():
    with pytest.raises(InvalidQuestionnaire) as refused:
        parse_check_in_list("id: kort\nsections: []\n", "kort.yaml")
    assert [problem.render("en") for problem in refused.value.problems] == [
        "kort.yaml:1: The required field 'title' is missing.",
        "kort.yaml:2: sections: This list is empty; it needs at least one entry.",
    ]
