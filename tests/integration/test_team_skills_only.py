"""The team's skills pictures hold skill items only: a satisfaction and a climate item answered by
everyone never become a heatmap column, a single point of failure or a trend line; and the heatmap's
chart keeps every skill's full text (no label limit, two lines, the tooltip)."""

import pytest

from db.people import add_person
from devtalk.presentation.team_frames import heatmap_chart, heatmap_frame
from devtalk.services import team
from devtalk.services.library import store_questionnaire
from devtalk.services.rounds import create_round
from tests.builders import conversation_of, fill

LONG_SKILL = "Ik maak of pas programma's aan voor de laser of de pons, en deel de plaat zuinig in (nesten)."

KINDS = f"""\
id: soorten
title: {{nl: Soorten, en: Kinds}}
languages: [nl, en]
scales:
  s:
    points: [1, 2, 3, 4, 5]
sections:
  - id: werk
    title: {{nl: Werk, en: Work}}
    functions: [plaatwerker]
    items:
      - id: tekening-lezen
        type: likert
        scale: s
        text: {{nl: Ik lees een tekening, en: I read a drawing}}
      - id: laser-programmeren
        type: likert
        scale: s
        text: {{nl: "{LONG_SKILL}", en: I program the laser}}
      - id: tevreden
        type: likert
        scale: s
        kind: satisfaction
        text: {{nl: Hoe tevreden ben je over je werk?, en: How satisfied are you with your work?}}
      - id: sfeer
        type: likert
        scale: s
        kind: climate
        text: {{nl: De sfeer in de werkplaats is goed, en: The workshop atmosphere is good}}
"""
SKILLS = ["tekening-lezen", "laser-programmeren"]
# Last year's version, stored before kinds existed: its job-function section made every item a skill.
WITHOUT_KINDS = KINDS.replace("        kind: satisfaction\n", "").replace("        kind: climate\n", "")
EVERYONE_FIVE = {"tekening-lezen": 2, "laser-programmeren": 5, "tevreden": 5, "sfeer": 5}


@pytest.fixture
def two_rounds(fresh_db, firm):
    """Daan and Piet answered last year's version without kinds and this year's with them."""
    piet = add_person(fresh_db, name="Piet Plaat", username="piet", function_id="plaatwerker", manager_id=firm.manager.id)
    rounds = []
    for name, text in (("Ronde 2025", WITHOUT_KINDS), ("Ronde 2026b", KINDS)):
        version = store_questionnaire(fresh_db, firm.hr, text, "soorten.yaml")
        round_id = create_round(fresh_db, firm.hr, name, version.id, employee_ids=[firm.employee.id, piet.id]).round.id
        for person in (firm.employee, piet):
            conversation_id = conversation_of(fresh_db, round_id, person)
            fill(fresh_db, person, conversation_id, EVERYONE_FIVE)
            fill(fresh_db, firm.manager, conversation_id, EVERYONE_FIVE)
        rounds.append(round_id)
    return fresh_db, firm, rounds


def test_the_heatmap_has_a_column_per_skill_and_none_for_satisfaction_or_climate(two_rounds):
    database, firm, (_, this_year) = two_rounds
    heatmap = team.heatmap(database, firm.hr, this_year, "plaatwerker")
    assert [item.id for item in heatmap.items] == SKILLS
    assert set(heatmap_frame(heatmap, "average", "nl")["item_id"]) == set(SKILLS)


def test_only_skills_can_be_single_points_of_failure(two_rounds):
    """Nobody masters reading a drawing (2); everyone scores 5 on satisfaction and climate, which are
    no skills either way, so reading a drawing is the one single point."""
    database, firm, (_, this_year) = two_rounds
    points = team.single_points_of_failure(database, firm.hr, this_year, "plaatwerker")
    assert [(point.item.id, point.masters) for point in points] == [("tekening-lezen", 0)]


def test_trends_follow_skills_only_and_the_newest_version_says_what_is_a_skill(two_rounds):
    database, firm, (last_year, _) = two_rounds
    trends = team.trends(database, firm.hr, "plaatwerker")
    assert list(trends.items) == SKILLS
    assert {item_id for _, item_id in trends.averages} == set(SKILLS)
    assert trends.averages[(last_year, "laser-programmeren")] == (5.0, 2)


def test_the_heatmap_chart_shows_every_skill_in_full_on_two_lines_and_again_on_hover(two_rounds):
    database, firm, (_, this_year) = two_rounds
    heatmap = team.heatmap(database, firm.hr, this_year, "plaatwerker")
    spec = heatmap_chart(heatmap_frame(heatmap, "average", "nl"), heatmap.scale, "nl").to_dict()
    axis = spec["layer"][0]["encoding"]["x"]["axis"]
    assert axis["labelLimit"] == 0 and axis["labelOverlap"] is False
    assert axis["labelExpr"] == "split(datum.label, '\\n')"
    labels = {row["label"] for row in spec["datasets"][spec["data"]["name"]]}
    assert {label.replace("\n", " ") for label in labels} == {"Ik lees een tekening", LONG_SKILL}
    assert all(label.count("\n") == 1 for label in labels)
    tooltip = {entry["field"] for entry in spec["layer"][1]["encoding"]["tooltip"]}
    assert {"person", "item", "value"} <= tooltip
