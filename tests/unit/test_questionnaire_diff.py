"""Comparing two versions of a questionnaire: each change by id, and the ones that break trends."""

from __future__ import annotations

from pathlib import Path

import pytest

from devtalk.questionnaire import builder as b
from devtalk.questionnaire import load_questionnaire_file
from devtalk.questionnaire.diff import REWORDING_SIMILARITY, compare

TECHNICAL = Path(__file__).resolve().parents[2] / "questionnaires" / "techniek-carrosserie.yaml"


def make_draft() -> b.Draft:
    """Two sections on one 5-point scale: three skills, then two open questions."""
    draft = b.add_scale(b.new_draft({"nl": "Werkplaats", "en": "Workshop"}), "Beheersing", points=5)
    draft = b.add_section(b.add_section(draft, {"nl": "Lassen", "en": "Welding"}), {"nl": "Wensen", "en": "Wishes"})
    for wording in ("Ik kan MIG/MAG lassen", "Ik kan TIG lassen", "Ik kan een lasnaad controleren"):
        draft = b.add_item(draft, 0, {"nl": wording, "en": wording + " (en)"})
    for wording in ("Waar krijg jij energie van?", "Wat wil je leren?"):
        draft = b.add_item(draft, 1, {"nl": wording, "en": wording + " (en)"}, type="open")
    return draft


def changes(old: b.Draft, new: b.Draft) -> list[tuple[str, str, bool]]:
    return [(change.what, change.id, change.breaks_trends)
            for change in compare(b.to_questionnaire(old), b.to_questionnaire(new)).changes]


def test_the_same_questionnaire_has_no_differences():
    questionnaire = load_questionnaire_file(TECHNICAL)
    result = compare(questionnaire, questionnaire)
    assert not result and result.changes == () and not result.breaks_trends


EDITS = {
    "an item added": (lambda d: b.add_item(d, 1, {"nl": "Wat kost je energie?", "en": "What drains you?"}, "open"),
                      [("added", "wat-kost-je-energie", False)]),
    "an item removed": (lambda d: b.remove_item(d, "ik-kan-tig-lassen"), [("removed", "ik-kan-tig-lassen", False)]),
    "an item reworded under its id": (
        lambda d: b.set_item_text(d, "ik-kan-tig-lassen", "text", "en", "I weld TIG"),
        [("reworded", "ik-kan-tig-lassen", False)]),
    "the manager's wording added": (
        lambda d: b.set_item_text(b.set_item_text(d, "ik-kan-tig-lassen", "text_manager", "nl", "Kan TIG"),
                                  "ik-kan-tig-lassen", "text_manager", "en", "Can TIG"),
        [("reworded", "ik-kan-tig-lassen", False)]),
    "the help changed": (lambda d: b.set_item_text(b.set_item_text(d, "ik-kan-tig-lassen", "help", "nl", "Omdat"),
                                                   "ik-kan-tig-lassen", "help", "en", "Because"),
                         [("help", "ik-kan-tig-lassen", False)]),
    "an item moved to another section": (lambda d: b.move_item(d, "ik-kan-tig-lassen", 1, 0),
                                         [("moved", "ik-kan-tig-lassen", False)]),
    "an item moved within its section": (lambda d: b.move_item(d, "ik-kan-een-lasnaad-controleren", 0, 0),
                                         [("moved_within", "ik-kan-een-lasnaad-controleren", False)]),
    "a scale one point shorter": (lambda d: b.set_scale_points(d, "beheersing", 4),
                                  [("scale_points", "beheersing", True)]),
    "a label changed": (lambda d: b.set_scale_label(b.set_scale_label(d, "beheersing", 1, "nl", "Nog niet"),
                                                    "beheersing", 1, "en", "Not yet"),
                        [("scale_labels", "beheersing", False)]),
    "n.v.t. offered": (lambda d: b.set_scale_not_applicable(d, "beheersing", True), [("scale_na_on", "beheersing", False)]),
    "a question onto a scale of other points": (
        lambda d: b.set_item_scale(b.add_scale(d, "Kort", points=3), "ik-kan-tig-lassen", "kort"),
        [("scale_added", "kort", False), ("item_scale", "ik-kan-tig-lassen", True)]),
    "a question onto another scale of the same points": (
        lambda d: b.set_item_scale(b.add_scale(d, "Eens", points=5), "ik-kan-tig-lassen", "eens"),
        [("scale_added", "eens", False), ("item_scale", "ik-kan-tig-lassen", False)]),
    "a scale question made open": (
        lambda d: b.set_item_type(d, "ik-kan-tig-lassen", "open"),
        [("type", "ik-kan-tig-lassen", True), ("required_off", "ik-kan-tig-lassen", False)]),
    "a question counted as satisfaction": (lambda d: b.set_item_kind(d, "ik-kan-tig-lassen", "satisfaction"),
                                           [("kind", "ik-kan-tig-lassen", False)]),
    "a section for one job function, whose questions become skills": (
        lambda d: b.set_section_functions(d, 0, ["lasser"]),
        [("section_functions", "lassen", False), ("kind", "ik-kan-mig-mag-lassen", False),
         ("kind", "ik-kan-tig-lassen", False), ("kind", "ik-kan-een-lasnaad-controleren", False)]),
    "an open question made required": (lambda d: b.set_item_required(d, "wat-wil-je-leren", True),
                                       [("required_on", "wat-wil-je-leren", False)]),
    "a section renamed": (lambda d: b.rename_section(d, 1, "en", "What you want"), [("section_title", "wensen", False)]),
    "the title changed": (lambda d: b.set_title(d, "en", "Shop floor"), [("title", "werkplaats", False)]),
    "an introduction written": (lambda d: b.set_intro(b.set_intro(d, "nl", "Welkom"), "en", "Welcome"),
                                [("intro", "werkplaats", False)]),
    "a section's introduction written": (
        lambda d: b.set_section_intro(b.set_section_intro(d, 1, "nl", "Kort"), 1, "en", "Short"),
        [("section_intro", "wensen", False)]),
    "the sections swapped": (lambda d: b.move_section(d, 1, 0), [("section_moved", "wensen", False)]),
    "a section made learning climate": (lambda d: b.set_section_condition(d, 1, "learner"),
                                        [("section_condition", "wensen", False)]),
}


@pytest.mark.parametrize(("edit", "expected"), EDITS.values(), ids=EDITS.keys())
def test_each_change_is_listed_by_id_and_says_whether_it_breaks_trends(edit, expected):
    draft = make_draft()
    assert changes(draft, edit(draft)) == expected


def test_moving_one_item_up_does_not_list_the_items_it_passed():
    draft = make_draft()
    moved = b.move_item(draft, "ik-kan-een-lasnaad-controleren", 0, 0)
    result = compare(b.to_questionnaire(draft), b.to_questionnaire(moved))
    assert [change.id for change in result.changes] == ["ik-kan-een-lasnaad-controleren"]
    assert result.changes[0].render("en") == "ik-kan-een-lasnaad-controleren: moved within section lassen: place 3 -> 1"


def test_a_removed_and_an_added_item_that_read_alike_are_offered_as_one_question_reworded():
    draft = make_draft()
    replaced = b.remove_item(b.add_item(draft, 0, {"nl": "Ik kan goed TIG lassen", "en": "I can TIG weld well"}),
                             "ik-kan-tig-lassen")
    result = compare(b.to_questionnaire(draft), b.to_questionnaire(replaced))
    assert [(pair.removed, pair.added) for pair in result.rewordings] == [("ik-kan-tig-lassen", "ik-kan-goed-tig-lassen")]
    assert [(c.what, c.breaks_trends) for c in result.changes] == [("removed_reworded", True), ("added_reworded", True)]
    assert result.breaks_trends


def test_keeping_the_old_id_on_the_rewording_leaves_only_the_new_wording():
    draft = make_draft()
    replaced = b.remove_item(b.add_item(draft, 0, {"nl": "Ik kan goed TIG lassen", "en": "I can TIG weld well"}, position=1),
                             "ik-kan-tig-lassen")
    [pair] = compare(b.to_questionnaire(draft), b.to_questionnaire(replaced)).rewordings
    kept = b.set_item_id(replaced, pair.added, pair.removed)
    assert changes(draft, kept) == [("reworded", "ik-kan-tig-lassen", False)]


def test_an_unrelated_new_question_is_no_rewording_and_a_question_pairs_only_once():
    draft = make_draft()
    replaced = b.add_item(draft, 0, {"nl": "Ik kan TIG lassen en slijpen", "en": "I can TIG weld and grind"})
    replaced = b.add_item(replaced, 0, {"nl": "Ik kan ook TIG lassen", "en": "I can also TIG weld"})
    replaced = b.add_item(replaced, 0, {"nl": "Ik ken de veiligheidsregels", "en": "I know the safety rules"})
    [pair] = compare(b.to_questionnaire(draft), b.to_questionnaire(b.remove_item(replaced, "ik-kan-tig-lassen"))).rewordings
    assert (pair.removed, pair.added) == ("ik-kan-tig-lassen", "ik-kan-ook-tig-lassen")
    assert REWORDING_SIMILARITY <= pair.similarity <= 1


def test_a_line_reads_in_the_users_language_and_names_a_broken_trend():
    draft = make_draft()
    [change] = compare(b.to_questionnaire(draft), b.to_questionnaire(b.set_scale_points(draft, "beheersing", 4))).changes
    assert change.render("nl") == ("beheersing: schaalpunten 1, 2, 3, 4, 5 -> 1, 2, 3, 4 (3 vragen gebruiken de schaal)"
                                   " · BREEKT DE TREND")
    assert change.render("en").endswith("(3 questions use the scale) · BREAKS TRENDS")


def test_the_bundled_technical_template_against_last_years_edit_lists_every_kind_of_change():
    old = b.from_yaml(TECHNICAL.read_text(encoding="utf-8"))
    new = b.set_section_functions(b.set_item_text(old, "plaat-knippen", "text", "nl", "Ik knip plaat"), 4,
                                  ["plaatwerker", "lasser"])
    result = compare(b.to_questionnaire(old), b.to_questionnaire(new))
    assert [change.render("nl") for change in result.changes] == [
        "plaatwerk: functies plaatwerker -> plaatwerker, lasser",
        "plaat-knippen: anders verwoord: vraag voor de medewerker",
    ]
