from datetime import datetime, timezone

from devtalk.domain.agenda import add_custom, agenda_title, move, propose_agenda, remove, with_note
from devtalk.domain.comparison import AGREE, LARGE_GAP, MISSING, NA_BOTH, NA_ONE_SIDE, SMALL_GAP, compare
from devtalk.domain.models import Action, AgendaPoint
from devtalk.questionnaire import parse_questionnaire
from tests.builders import SMALL_QUESTIONNAIRE, side

QUESTIONNAIRE = parse_questionnaire(SMALL_QUESTIONNAIRE, "klein.yaml")


def flags(comparison) -> dict[str, str]:
    return {row.item.id: row.flag for row in comparison.likert}


def test_each_item_shows_both_values_and_the_difference():
    comparison = compare(QUESTIONNAIRE, "plaatwerker", side(tekening_lezen=2, veilig_werken=4),
                         side(tekening_lezen=5, veilig_werken=4))
    rows = {row.item.id: row for row in comparison.likert}
    assert rows["tekening-lezen"].difference == 3 and rows["tekening-lezen"].flag == LARGE_GAP
    assert rows["veilig-werken"].difference == 0 and rows["veilig-werken"].flag == AGREE


def test_a_difference_of_one_is_a_small_gap():
    comparison = compare(QUESTIONNAIRE, "plaatwerker", side(tekening_lezen=3), side(tekening_lezen=4))
    assert flags(comparison)["tekening-lezen"] == SMALL_GAP


def test_not_applicable_on_one_side_is_marked_and_has_no_difference():
    comparison = compare(QUESTIONNAIRE, "plaatwerker", side(tekening_lezen="na"), side(tekening_lezen=4))
    row = comparison.likert[0]
    assert row.flag == NA_ONE_SIDE and row.difference is None


def test_not_applicable_on_both_sides_is_its_own_case():
    comparison = compare(QUESTIONNAIRE, "plaatwerker", side(tekening_lezen="na"), side(tekening_lezen="na"))
    assert flags(comparison)["tekening-lezen"] == NA_BOTH


def test_an_unanswered_item_is_missing_not_a_gap():
    comparison = compare(QUESTIONNAIRE, "plaatwerker", side(), side(veilig_werken=2))
    assert flags(comparison) == {"tekening-lezen": MISSING, "veilig-werken": MISSING}


def test_open_answers_stand_side_by_side():
    comparison = compare(QUESTIONNAIRE, "plaatwerker", side(energie="  Lassen  "), side(energie="Samenwerken"))
    assert [(row.employee_text, row.manager_text) for row in comparison.open] == [("Lassen", "Samenwerken")]


def test_only_the_sections_of_the_job_function_are_compared():
    assert [s.section_id for s in compare(QUESTIONNAIRE, "lasser", {}, {}).sections] == ["vak", "lassen", "willen"]
    assert [s.section_id for s in compare(QUESTIONNAIRE, "plaatwerker", {}, {}).sections] == ["vak", "willen"]


def test_largest_gaps_come_first_then_one_sided_not_applicable():
    comparison = compare(QUESTIONNAIRE, "lasser", side(tekening_lezen=3, veilig_werken="na", tig_lassen=1),
                         side(tekening_lezen=4, veilig_werken=3, tig_lassen=5))
    assert [row.item.id for row in comparison.by_gap()] == ["tig-lassen", "veilig-werken", "tekening-lezen"]


def test_agenda_proposes_gaps_both_low_energy_and_earlier_actions():
    comparison = compare(QUESTIONNAIRE, "lasser", side(tekening_lezen=1, veilig_werken=1, tig_lassen=5, energie="Lassen"),
                         side(tekening_lezen=2, veilig_werken=1, tig_lassen=2))
    earlier = [Action(7, 1, 1, "Cursus", "course", None, None)]
    assert [p.key for p in propose_agenda(comparison, earlier)] == [
        "gap:tig-lassen", "both_low:tekening-lezen", "both_low:veilig-werken", "energy:energie", "action_review:7",
    ]


def test_an_earlier_action_on_the_agenda_names_the_year_it_was_agreed():
    same_course = {
        id: Action(id, id, 1, "Cursus TIG-lassen", "course", None, None, created_at=datetime(year, 4, 1, tzinfo=timezone.utc))
        for id, year in ((1, 2025), (2, 2026))
    }
    titles = [agenda_title(AgendaPoint(f"action_review:{id}", "action_review", str(id)), QUESTIONNAIRE, same_course, "nl")
              for id in same_course]
    assert titles == ["Cursus TIG-lassen (2025)", "Cursus TIG-lassen (2026)"]


def test_manager_reorders_removes_adds_and_annotates_agenda_points():
    comparison = compare(QUESTIONNAIRE, "lasser", side(tig_lassen=5, energie="Lassen"), side(tig_lassen=1))
    points = propose_agenda(comparison)
    points = add_custom(points, "  Planning na de zomer ")
    points = move(points, "energy:energie", -1)
    assert [p.kind for p in points] == ["energy", "gap", "custom"]
    points = with_note(remove(points, "gap:tig-lassen"), "energy:energie", "Meer laswerk inplannen")
    assert [(p.kind, p.note) for p in points] == [("energy", "Meer laswerk inplannen"), ("custom", "")]
    assert points[-1].ref == "Planning na de zomer"
