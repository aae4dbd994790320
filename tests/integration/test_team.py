"""Team pictures: the heatmap against a hand-computed case, single points of failure, the learning
climate's anonymity threshold, trends across questionnaire versions, and the actions overview."""

from datetime import date, timedelta

import pytest

from db import actions as action_repo
from db import conversations as conversation_repo
from db.people import add_person, save_function
from devtalk.domain.models import Answer, JobFunction
from devtalk.errors import NotAllowed
from devtalk.presentation.team_frames import heatmap_frame
from devtalk.services import team
from devtalk.services.library import store_questionnaire
from devtalk.services.rounds import create_round
from tests.builders import CLIMATE, SMALL_QUESTIONNAIRE, T, V, answer_climate, conversation_of, fill, wide_questionnaire


def round_of(database, firm) -> int:
    return conversation_repo.get_conversation(database, firm.conversation_id).round_id


def add_colleague(database, firm, name: str, username: str, manager=None, function: str = "plaatwerker"):
    """Someone with a conversation in the firm's round, led by ``manager`` (the firm's manager by default)."""
    manager = manager or firm.manager
    person = add_person(database, name=name, username=username, function_id=function, manager_id=manager.id)
    conversation_repo.add_conversation(database, round_of(database, firm), person.id, manager.id, firm.version_id)
    return person


@pytest.fixture
def plaatwerkers(fresh_db, firm):
    """Daan and Piet in the manager's team, Kees in the other team whose manager has only a draft,
    Anna who answered nothing yet; and Otto the lasser, who is in no plaatwerker picture."""
    round_id = round_of(fresh_db, firm)
    piet = add_colleague(fresh_db, firm, "Piet Plaat", "piet")
    kees = add_colleague(fresh_db, firm, "Kees Klein", "kees", manager=firm.other_manager)
    anna = add_colleague(fresh_db, firm, "Anna Aanvang", "anna")
    fill(fresh_db, firm.employee, firm.conversation_id, {T: 4, V: 2})
    fill(fresh_db, firm.manager, firm.conversation_id, {T: 3, V: "na"})
    fill(fresh_db, piet, conversation_of(fresh_db, round_id, piet), {T: 5, V: 3})
    fill(fresh_db, firm.manager, conversation_of(fresh_db, round_id, piet), {T: 5, V: 4})
    fill(fresh_db, kees, conversation_of(fresh_db, round_id, kees), {T: 1, V: "na"})
    fill(fresh_db, firm.other_manager, conversation_of(fresh_db, round_id, kees), {T: 5, V: 5}, submit=False)
    outsider = conversation_of(fresh_db, round_id, firm.outsider)
    fill(fresh_db, firm.outsider, outsider, {T: 5, V: 5, "tig-lassen": 5})
    return fresh_db, firm, {"daan": firm.employee, "piet": piet, "kees": kees, "anna": anna}


def grid(heatmap, view: str) -> dict:
    names = dict(heatmap.people)
    return {(names[pid], item.id): heatmap.value(pid, item.id, view) for pid, _ in heatmap.people for item in heatmap.items}


def test_the_heatmap_equals_the_hand_computed_values_of_submitted_sides(plaatwerkers):
    database, found, _ = plaatwerkers
    heatmap = team.heatmap(database, found.hr, round_of(database, found), "plaatwerker")
    assert [name for _, name in heatmap.people] == ["Anna Aanvang", "Daan Medewerker", "Kees Klein", "Piet Plaat"]
    assert [item.id for item in heatmap.items] == [T, V]
    assert heatmap.scale == (1, 5)
    gap = {("Anna Aanvang", T): None, ("Anna Aanvang", V): None}
    assert grid(heatmap, "employee") == gap | {
        ("Daan Medewerker", T): 4, ("Daan Medewerker", V): 2, ("Kees Klein", T): 1, ("Kees Klein", V): None,
        ("Piet Plaat", T): 5, ("Piet Plaat", V): 3}
    assert grid(heatmap, "manager") == gap | {
        ("Daan Medewerker", T): 3, ("Daan Medewerker", V): None, ("Kees Klein", T): None, ("Kees Klein", V): None,
        ("Piet Plaat", T): 5, ("Piet Plaat", V): 4}
    assert grid(heatmap, "average") == gap | {
        ("Daan Medewerker", T): 3.5, ("Daan Medewerker", V): 2, ("Kees Klein", T): 1, ("Kees Klein", V): None,
        ("Piet Plaat", T): 5, ("Piet Plaat", V): 3.5}


def test_the_heatmap_of_one_team_holds_only_its_direct_reports(plaatwerkers):
    database, found, _ = plaatwerkers
    heatmap = team.heatmap(database, found.hr, round_of(database, found), "plaatwerker", found.manager.id)
    assert [name for _, name in heatmap.people] == ["Anna Aanvang", "Daan Medewerker", "Piet Plaat"]


def test_the_heatmap_frame_has_a_cell_for_every_person_and_item_with_gaps_empty(plaatwerkers):
    database, found, _ = plaatwerkers
    frame = heatmap_frame(team.heatmap(database, found.hr, round_of(database, found), "plaatwerker"), "employee", "nl")
    assert len(frame) == 4 * 2
    assert frame["value"].isna().sum() == 3


def test_the_heatmap_rows_go_by_name_whatever_its_case_and_someone_without_answers_is_a_row_of_gaps(plaatwerkers):
    """The rows and the cells come from two queries; only the rows are sorted."""
    database, found, _ = plaatwerkers
    add_colleague(database, found, "de Wit", "dewit")
    heatmap = team.heatmap(database, found.hr, round_of(database, found), "plaatwerker")
    assert [name for _, name in heatmap.people] == ["Anna Aanvang", "Daan Medewerker", "de Wit", "Kees Klein", "Piet Plaat"]
    assert set(grid(heatmap, "average").items()) >= {(("de Wit", T), None), (("de Wit", V), None)}


@pytest.mark.parametrize("view", team.VIEWS)
def test_the_heatmap_frame_holds_each_cells_value_of_the_view_in_row_and_column_order(plaatwerkers, view):
    database, found, _ = plaatwerkers
    heatmap = team.heatmap(database, found.hr, round_of(database, found), "plaatwerker")
    frame = heatmap_frame(heatmap, view, "nl")
    shown = [None if value != value else value for value in frame["value"]]  # NaN is a gap
    assert shown == [heatmap.value(pid, item.id, view) for pid, _ in heatmap.people for item in heatmap.items]
    assert list(zip(frame["row"], frame["column"])) == [(r, c) for r in range(4) for c in range(2)]


def test_skills_that_at_most_one_person_masters_are_single_points_of_failure(plaatwerkers):
    database, found, people = plaatwerkers
    points = team.single_points_of_failure(database, found.hr, round_of(database, found), "plaatwerker")
    assert [(point.item.id, point.masters, point.person.id) for point in points] == [(V, 1, people["piet"].id)]


def test_a_skill_nobody_in_the_team_masters_is_listed_without_a_name(plaatwerkers):
    database, found, _ = plaatwerkers
    points = team.single_points_of_failure(database, found.hr, round_of(database, found), "plaatwerker",
                                           found.other_manager.id)
    assert [(point.item.id, point.masters, point.person) for point in points] == [(T, 0, None), (V, 0, None)]


@pytest.fixture
def climate_round(fresh_db, firm):
    """A learning-climate round for the manager's team of three: Daan, Piet and Anna."""
    piet = add_person(fresh_db, name="Piet Plaat", username="piet", function_id="plaatwerker", manager_id=firm.manager.id)
    anna = add_person(fresh_db, name="Anna Aanvang", username="anna", function_id="plaatwerker", manager_id=firm.manager.id)
    version = store_questionnaire(fresh_db, firm.hr, CLIMATE, "klimaat.yaml")
    created = create_round(fresh_db, firm.hr, "Leerklimaat", version.id, employee_ids=[firm.employee.id, piet.id, anna.id])
    return fresh_db, firm, created.round.id, (firm.employee, piet, anna)


def test_two_respondents_show_no_climate_figures_at_all(climate_round):
    database, found, round_id, (daan, piet, anna) = climate_round
    answer_climate(database, round_id, daan, (4, 2, 5))
    answer_climate(database, round_id, piet, (3, 3, 4))
    answer_climate(database, round_id, anna, (5, 1, 3), submit=False)
    figures = team.learning_climate(database, found.hr, round_id, found.manager.id)
    assert [(figure.condition, figure.average, figure.too_few) for figure in figures] == [
        ("organisation", None, True), ("workplace", None, True)]


def test_three_respondents_show_the_average_of_the_employees_own_answers(climate_round):
    database, found, round_id, (daan, piet, anna) = climate_round
    answer_climate(database, round_id, daan, (4, 2, 5))
    answer_climate(database, round_id, piet, (3, 3, 4))
    answer_climate(database, round_id, anna, (5, 1, 3))
    # The manager's form no longer asks the climate; answers stored before it stopped must not count either.
    for item_id in ("lk-tijd", "lk-fouten", "lk-uitdaging"):
        conversation_repo.save_answer(database, conversation_of(database, round_id, daan), "manager", Answer(item_id, value=1))
    figures = team.learning_climate(database, found.hr, round_id, found.manager.id)
    assert [(figure.condition, figure.average) for figure in figures] == [("organisation", 3.0), ("workplace", 4.0)]
    assert all(figure.too_few for figure in team.learning_climate(database, found.hr, round_id, found.other_manager.id))


def test_learning_climate_answers_never_show_per_person_or_in_trends(climate_round):
    database, found, round_id, people = climate_round
    for person in people:
        answer_climate(database, round_id, person, (4, 2, 5))
    assert team.heatmap(database, found.hr, round_id, "plaatwerker").items == ()
    assert team.single_points_of_failure(database, found.hr, round_id, "plaatwerker") == []
    assert team.trends(database, found.hr, "plaatwerker").items == {}


def test_a_round_without_learning_climate_sections_has_no_climate_figures(fresh_db, firm):
    assert team.learning_climate(fresh_db, firm.hr, round_of(fresh_db, firm)) == []


def test_trends_follow_an_item_id_across_two_questionnaire_versions(fresh_db, firm):
    piet = add_colleague(fresh_db, firm, "Piet Plaat", "piet")
    first = round_of(fresh_db, firm)
    fill(fresh_db, firm.employee, firm.conversation_id, {T: 2, V: 3})
    fill(fresh_db, piet, conversation_of(fresh_db, first, piet), {T: 4, V: 3})
    edited = SMALL_QUESTIONNAIRE.replace("Ik kan een werktekening lezen", "Ik lees een werktekening")
    version = store_questionnaire(fresh_db, firm.hr, edited, "klein.yaml")
    second = create_round(fresh_db, firm.hr, "Ronde 2027", version.id, employee_ids=[firm.employee.id, piet.id]).round.id
    fill(fresh_db, firm.employee, conversation_of(fresh_db, second, firm.employee), {T: 4, V: 3})
    fill(fresh_db, piet, conversation_of(fresh_db, second, piet), {T: 5, V: 4})
    trends = team.trends(fresh_db, firm.hr, "plaatwerker", view="employee")
    assert [r.id for r in trends.rounds] == [first, second]
    assert trends.averages[(first, T)] == (3.0, 2) and trends.averages[(second, T)] == (4.5, 2)
    assert trends.averages[(first, V)] == (3.0, 2) and trends.averages[(second, V)] == (3.5, 2)
    assert trends.items[T].wording("employee", "nl") == "Ik lees een werktekening"


def test_the_actions_overview_puts_overdue_first_and_counts_ratings_per_kind(fresh_db, firm):
    today = date(2026, 6, 1)
    add = lambda conversation, employee, what, kind, due, **fields: action_repo.add_action(  # noqa: E731
        fresh_db, conversation, employee.id, what=what, kind=kind, owner_id=firm.manager.id, due_date=due, **fields)
    add(firm.conversation_id, firm.employee, "Meelopen", "walk_along", today + timedelta(days=30))
    add(firm.conversation_id, firm.employee, "Cursus TIG", "course", today - timedelta(days=1))
    add(firm.conversation_id, firm.employee, "Oude cursus", "course", today - timedelta(days=700), status="done", helped="helped")
    add(firm.conversation_id, firm.employee, "Nog een cursus", "course", today - timedelta(days=600), status="done", helped="not")
    outsider = conversation_of(fresh_db, round_of(fresh_db, firm), firm.outsider)
    add(outsider, firm.outsider, "Maatje", "mentor", None, status="in_progress", helped="partly")
    overview = team.actions_overview(fresh_db, firm.hr, today=today)
    assert [(line.what, line.overdue) for line in overview.lines] == [
        ("Cursus TIG", True), ("Oude cursus", False), ("Nog een cursus", False), ("Meelopen", False), ("Maatje", False)]
    assert overview.lines[0].team == firm.manager.name and overview.lines[0].round == "Ronde 2026"
    assert overview.ratings == {"course": {"helped": 1, "partly": 0, "not": 1}, "mentor": {"helped": 0, "partly": 1, "not": 0}}
    in_team = team.actions_overview(fresh_db, firm.hr, kind="course", status="done", team_id=firm.manager.id, today=today)
    assert [line.what for line in in_team.lines] == ["Oude cursus", "Nog een cursus"]
    assert list(in_team.ratings) == ["course"]


def test_filters_offer_the_rounds_functions_and_managers_who_lead_someone(fresh_db, firm):
    options = team.filter_options(fresh_db, firm.hr)
    assert [r.name for r in options.rounds] == ["Ronde 2026"]
    assert {f.id for f in options.functions} == {"plaatwerker", "lasser"}
    assert {p.id for p in options.teams} == {firm.manager.id, firm.other_manager.id}


@pytest.mark.parametrize("who", ["employee", "manager"])
def test_only_hr_sees_team_pictures(fresh_db, firm, who):
    actor, round_id = getattr(firm, who), round_of(fresh_db, firm)
    for call in (
        lambda: team.filter_options(fresh_db, actor),
        lambda: team.heatmap(fresh_db, actor, round_id, "plaatwerker"),
        lambda: team.single_points_of_failure(fresh_db, actor, round_id, "plaatwerker"),
        lambda: team.learning_climate(fresh_db, actor, round_id),
        lambda: team.trends(fresh_db, actor, "plaatwerker"),
        lambda: team.actions_overview(fresh_db, actor),
    ):
        with pytest.raises(NotAllowed):
            call()


def test_a_heatmap_of_200_people_by_60_items_has_every_cell(fresh_db):
    """Its speed (<= 300 ms) is a benchmark figure; tests never assert wall-clock times."""
    hr = add_person(fresh_db, name="HR", username="hr", roles=("employee", "hr_admin"))
    round_id = seed_large_round(fresh_db, hr, people=200, items=60)
    heatmap = team.heatmap(fresh_db, hr, round_id, "lasser")
    assert len(heatmap.people) == 200 and len(heatmap.items) == 60 and len(heatmap.cells) == 200 * 60
    assert len(heatmap_frame(heatmap, "average", "nl")) == 200 * 60


def seed_large_round(database, hr, people: int, items: int) -> int:
    save_function(database, JobFunction("lasser", "Lasser"))
    manager = add_person(database, name="Chef", username="chef", roles=("employee", "manager"))
    version = store_questionnaire(database, hr, wide_questionnaire(items), "groot.yaml")
    staff = [add_person(database, name=f"Lasser {n:03d}", username=f"l{n}", function_id="lasser", manager_id=manager.id).id
             for n in range(people)]
    round_id = create_round(database, hr, "Groot", version.id, employee_ids=staff).round.id
    database.execute("UPDATE conversations SET employee_submitted_at = '2026-01-01', manager_submitted_at = '2026-01-01'")
    ids = [row[0] for row in database.execute("SELECT id FROM conversations")]
    conversation_repo.insert_answers(database, [
        (cid, side, f"item-{n}", 1 + (cid + n) % 5, 0, None, "2026-01-01")
        for cid in ids for side in ("employee", "manager") for n in range(items)
    ])
    return round_id
