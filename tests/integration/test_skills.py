"""Required levels and team minimums (HR's), agreed levels in the report (the manager's), and each
person's latest level for the skills matrix."""

import json
from datetime import date, timedelta

import pytest

from db.people import person_by_username
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.services import certificates, privacy, reports, skills
from devtalk.services.library import store_questionnaire
from devtalk.services.printing import conversation_report_pdf
from tests.builders import (
    SMALL_QUESTIONNAIRE,
    T,
    V,
    flat,
    make_firm,
    submit_both,
    text_of,
)


@pytest.fixture
def held(fresh_db):
    firm = make_firm(fresh_db)
    submit_both(fresh_db, firm, employee_value=4, manager_value=2)
    reports.mark_held(fresh_db, firm.manager, firm.conversation_id)
    return firm


def test_hr_sets_a_required_level_and_marks_it_critical(fresh_db, firm):
    skills.set_requirement(fresh_db, firm.hr, "plaatwerker", "klein", T, 4, critical=True)
    [requirement] = skills.requirements(fresh_db, firm.hr, "klein", "plaatwerker")
    assert (requirement.item_id, requirement.level, requirement.critical) == (T, 4, True)


def test_a_requirement_without_level_that_is_not_critical_is_removed(fresh_db, firm):
    skills.set_requirement(fresh_db, firm.hr, "plaatwerker", "klein", T, 4)
    skills.set_requirement(fresh_db, firm.hr, "plaatwerker", "klein", T, None)
    assert skills.requirements(fresh_db, firm.hr, "klein") == []


@pytest.mark.parametrize("function, item, level", [
    ("plaatwerker", "tig-lassen", 3), ("plaatwerker", "energie", 3), ("plaatwerker", T, 6),
], ids=["another function's section", "an open question", "a level off the scale"])
def test_a_requirement_hr_cannot_set(fresh_db, firm, function, item, level):
    with pytest.raises(InvalidInput):
        skills.set_requirement(fresh_db, firm.hr, function, "klein", item, level)


@pytest.mark.parametrize("who", ["manager", "employee"])
def test_only_hr_sets_requirements_and_team_minimums(fresh_db, firm, who):
    actor = getattr(firm, who)
    with pytest.raises(NotAllowed):
        skills.set_requirement(fresh_db, actor, "plaatwerker", "klein", T, 4)
    with pytest.raises(NotAllowed):
        skills.set_team_minimum(fresh_db, actor, firm.manager.id, "klein", T, 2, 4)


def test_a_team_minimum_needs_a_critical_skill_and_its_manager_reads_only_their_own(fresh_db, firm):
    with pytest.raises(InvalidInput):
        skills.set_team_minimum(fresh_db, firm.hr, firm.manager.id, "klein", T, 2, 4)
    skills.set_requirement(fresh_db, firm.hr, "plaatwerker", "klein", T, 4, critical=True)
    skills.set_team_minimum(fresh_db, firm.hr, firm.manager.id, "klein", T, 2, 4)
    skills.set_team_minimum(fresh_db, firm.hr, firm.other_manager.id, "klein", T, 1, 3)
    assert [(m.manager_id, m.people, m.level) for m in skills.team_minimums(fresh_db, firm.manager, "klein")] == [
        (firm.manager.id, 2, 4)]
    assert len(skills.team_minimums(fresh_db, firm.hr, "klein")) == 2
    with pytest.raises(NotAllowed):
        skills.team_minimums(fresh_db, firm.manager, "klein", manager_id=firm.other_manager.id)
    skills.set_team_minimum(fresh_db, firm.hr, firm.manager.id, "klein", T, 0, 4)
    assert skills.team_minimums(fresh_db, firm.manager, "klein") == []


def test_the_manager_records_an_agreed_level_and_the_employee_sees_it_once_final(fresh_db, held):
    skills.set_agreed_level(fresh_db, held.manager, held.conversation_id, T, 4)
    skills.set_agreed_level(fresh_db, held.manager, held.conversation_id, V, None, not_applicable=True)
    assert skills.agreed_levels(fresh_db, held.manager, held.conversation_id)[T].value == 4
    assert skills.agreed_levels(fresh_db, held.employee, held.conversation_id) == {}  # a draft is the manager's
    reports.save_draft(fresh_db, held.manager, held.conversation_id, summary="Goed gesprek.")
    reports.finalise(fresh_db, held.manager, held.conversation_id)
    agreed = skills.agreed_levels(fresh_db, held.employee, held.conversation_id)
    assert (agreed[T].value, agreed[V].not_applicable) == (4, True)


@pytest.mark.parametrize("who", ["employee", "hr", "other_manager"])
def test_only_the_conversations_manager_records_agreed_levels(fresh_db, held, who):
    with pytest.raises(NotAllowed):
        skills.set_agreed_level(fresh_db, getattr(held, who), held.conversation_id, T, 4)


def test_an_agreed_level_is_final_with_the_report(fresh_db, held):
    reports.save_draft(fresh_db, held.manager, held.conversation_id, summary="Goed gesprek.")
    reports.finalise(fresh_db, held.manager, held.conversation_id)
    with pytest.raises(InvalidInput):
        skills.set_agreed_level(fresh_db, held.manager, held.conversation_id, T, 4)


@pytest.mark.parametrize("item, value", [(T, 7), ("energie", 3)], ids=["off the scale", "an open question"])
def test_an_agreed_level_that_cannot_be_recorded(fresh_db, held, item, value):
    with pytest.raises(InvalidInput):
        skills.set_agreed_level(fresh_db, held.manager, held.conversation_id, item, value)


def test_latest_levels_are_the_agreed_ones_once_final_else_the_managers_answer_marked(fresh_db, held):
    skills.set_agreed_level(fresh_db, held.manager, held.conversation_id, T, 4)

    def levels():
        return {row.item_id: (row.value, row.agreed) for row in skills.latest_levels(fresh_db, held.hr, [held.employee.id])}

    assert levels()[T] == (2, False)  # a draft agreed nothing yet
    reports.save_draft(fresh_db, held.manager, held.conversation_id, summary="Goed gesprek.")
    reports.finalise(fresh_db, held.manager, held.conversation_id)
    assert levels()[T] == (4, True) and levels()[V] == (2, True)  # left as prefilled, agreed as shown


def test_latest_levels_are_for_hr_the_persons_manager_and_the_person(fresh_db, held):
    for actor in (held.hr, held.manager, held.employee):
        assert skills.latest_levels(fresh_db, actor, [held.employee.id])
    for actor in (held.other_manager, held.outsider):
        with pytest.raises(NotAllowed):
            skills.latest_levels(fresh_db, actor, [held.employee.id])


def test_the_agenda_of_a_held_conversation_opens_with_a_skill_below_the_requirement(fresh_db, firm):
    skills.set_requirement(fresh_db, firm.hr, "plaatwerker", "klein", V, 3, critical=True)
    submit_both(fresh_db, firm, employee_value=2, manager_value=2)
    report = reports.mark_held(fresh_db, firm.manager, firm.conversation_id)
    assert report.agenda[0].key == f"below_required:{V}"


def test_the_report_pdf_has_an_agreed_level_column_and_the_required_level(fresh_db, held):
    skills.set_requirement(fresh_db, held.hr, "plaatwerker", "klein", T, 3, critical=True)
    skills.set_agreed_level(fresh_db, held.manager, held.conversation_id, T, 4)
    reports.save_draft(fresh_db, held.manager, held.conversation_id, summary="Goed gesprek.")
    reports.finalise(fresh_db, held.manager, held.conversation_id)
    text = flat(text_of(conversation_report_pdf(fresh_db, held.employee, held.conversation_id, "nl")))
    assert "Afgesproken niveau" in text and "Vereist" in text
    assert "Ik kan een werktekening lezen 4 2 4 3* -2" in text


def test_a_required_certificate_the_employee_lacks_is_on_the_agenda(fresh_db, firm):
    certificates.add_type(fresh_db, firm.hr, name="VCA Basis", issuer="SSVV", validity_months=120, warn_days=90,
                          function_ids=["plaatwerker"])
    submit_both(fresh_db, firm)
    report = reports.mark_held(fresh_db, firm.manager, firm.conversation_id)
    assert "certificate:VCA Basis" in [point.key for point in report.agenda]


def test_a_certificate_valid_beyond_the_next_round_is_no_agenda_point_one_running_out_before_it_is(fresh_db, firm):
    kind = certificates.add_type(fresh_db, firm.hr, name="BHV", issuer="NIBHV", validity_months=12, warn_days=90,
                                 function_ids=["plaatwerker"])
    today = date(2026, 12, 2)
    certificates.add_certificate(fresh_db, firm.hr, firm.employee.id, type_id=kind.id, number="1", issued_on=today,
                                 expires_on=today + timedelta(days=400), notes="")
    assert skills.certificate_gaps(fresh_db, firm.manager, firm.employee.id, today) == []
    assert skills.certificate_gaps(fresh_db, firm.manager, firm.employee.id, today + timedelta(days=40)) == ["BHV"]


def test_a_persons_export_holds_the_final_reports_agreed_levels_and_erasing_removes_them(fresh_db, held):
    skills.set_agreed_level(fresh_db, held.manager, held.conversation_id, T, 4)
    assert json.loads(privacy.export_json(fresh_db, held.hr, held.employee.id))["agreed_levels"] == []  # a draft's
    reports.save_draft(fresh_db, held.manager, held.conversation_id, summary="Goed gesprek.")
    reports.finalise(fresh_db, held.manager, held.conversation_id)
    exported = json.loads(privacy.export_json(fresh_db, held.hr, held.employee.id))["agreed_levels"]
    assert {(row["item_id"], row["value"]) for row in exported} == {(T, 4), (V, 2)}
    privacy.erase_person(fresh_db, held.hr, held.employee.id, held.employee.username)
    assert not any(row.agreed for row in skills.latest_levels(fresh_db, held.hr, [held.employee.id]))


def test_a_satisfaction_item_cannot_be_required(fresh_db, firm):
    store_questionnaire(fresh_db, firm.hr, SMALL_QUESTIONNAIRE.replace("id: klein", "id: tevreden").replace(
        "        text: {nl: Ik werk veilig, en: I work safely}",
        "        kind: satisfaction\n        text: {nl: Ik werk hier met plezier, en: I enjoy working here}"), "tevreden.yaml")
    with pytest.raises(InvalidInput):
        skills.set_requirement(fresh_db, firm.hr, "plaatwerker", "tevreden", V, 3)
    skills.set_requirement(fresh_db, firm.hr, "plaatwerker", "tevreden", T, 3)


def test_the_demo_firm_requires_skills_of_its_functions_and_marks_one_critical_for_marcos_team(demo_db):
    hr = person_by_username(demo_db, "hr")
    questionnaire = skills.latest_questionnaire(demo_db, "techniek-carrosserie")
    for function_id in ("lasser", "plaatwerker"):
        rows = skills.requirement_rows(demo_db, hr, "techniek-carrosserie", function_id)
        required = {row.item.id: row.requirement for row in rows if row.requirement}
        assert len(required) == 3 and required["tekening-lezen"].critical
        assert all(r.level in questionnaire.scale_of(questionnaire.item(r.item_id)).points for r in required.values())
    [minimum] = skills.team_minimums(demo_db, hr, "techniek-carrosserie", person_by_username(demo_db, "manager").id)
    assert (minimum.item_id, minimum.people, minimum.level) == ("tekening-lezen", 2, 4)
