"""The training plan as people read it: its totals in whole cents, euros written the Dutch way,
the why / when / internal-or-external words, the page's table and the totals per team."""

from datetime import date

import pytest

from devtalk.domain.training_plan import (
    Plan,
    PlanLine,
    PlanSubsidy,
    plan_totals,
    sort_key,
)
from devtalk.presentation.training_plan_frames import (
    money_text,
    plan_frame,
    subsidy_text,
    totals_frame,
    way_text,
    when_text,
    why_text,
)


def make_line(request_id=1, employee="Daan Smit", team="Marco Jansen", team_id=2, **fields) -> PlanLine:
    return PlanLine(request_id, 10 + request_id, employee, team_id, team, fields.pop("what", "Cursus TIG-lassen"),
                    fields.pop("kind", "course"), fields.pop("status", "approved"), **fields)


def make_plan(*lines: PlanLine, shows_costs=True) -> Plan:
    return Plan(2026, tuple(sorted(lines, key=sort_key)), shows_costs, "Carrosserie Jansen")


@pytest.mark.parametrize(("cents", "lang", "written"), [
    (123456, "nl", "€ 1.234,56"),
    (123456, "en", "€1,234.56"),
    (5, "nl", "€ 0,05"),
    (100_000_000, "nl", "€ 1.000.000,00"),
    (None, "nl", ""),
], ids=["dutch thousands and decimals", "english", "cents only", "a million", "no amount is empty"])
def test_amounts_are_written_as_the_reader_writes_euros(cents, lang, written):
    assert money_text(cents, lang) == written


def test_totals_add_cents_without_drift_and_count_a_missing_amount_as_nothing():
    # A tenth of a euro, ten thousand times: summed as floats this is 1000.0000000001588.
    lines = [make_line(n, estimated_cents=10, actual_cents=None, hours=0.5) for n in range(10_000)]
    lines.append(make_line(10_001, estimated_cents=None, subsidy=PlanSubsidy("OOC", "", 25_050, "granted")))
    totals = plan_totals(lines)
    assert (totals.requests, totals.estimated_cents, totals.actual_cents, totals.subsidy_cents) == (10_001, 100_000, 0, 25_050)
    assert money_text(totals.estimated_cents, "nl") == "€ 1.000,00"


def test_a_renewal_says_which_certificate_it_keeps_valid_and_a_course_names_its_skill():
    renewal = make_line(kind="certificate_renewal", certificate="VCA-VOL")
    course = make_line(skill={"nl": "De medewerker kan TIG lassen", "en": "The employee can TIG weld"})
    assert why_text(renewal, "nl") == "Certificaat VCA-VOL geldig houden"
    assert why_text(course, "en") == "The employee can TIG weld"


@pytest.mark.parametrize(("fields", "written"), [
    ({"decision": "internal", "colleague": "Piet de Vries"}, "Intern: Piet de Vries"),
    ({"decision": "external", "provider": "Lasschool Oost"}, "Extern: Lasschool Oost"),
    ({"decision": "external"}, "Extern"),
    ({}, ""),
], ids=["internal names the colleague", "external names the provider", "external without provider", "undecided"])
def test_internal_or_external_names_who_teaches_it(fields, written):
    assert way_text(make_line(**fields), "nl") == written


def test_when_is_one_date_or_a_range_in_the_readers_language():
    assert when_text(make_line(start=date(2026, 3, 2), end=date(2026, 3, 4)), "nl") == "2 mrt 2026 t/m 4 mrt 2026"
    assert when_text(make_line(start=date(2026, 3, 2), end=date(2026, 3, 2)), "en") == "2 Mar 2026"
    assert when_text(make_line(), "nl") == ""


def test_a_subsidy_shows_fund_scheme_amount_and_status():
    line = make_line(subsidy=PlanSubsidy("OOM", "Opleidingsbudget", 75_000, "applied"))
    assert subsidy_text(line, "nl") == "OOM · Opleidingsbudget: € 750,00 (Aangevraagd)"


def test_the_page_table_leaves_the_money_columns_out_for_a_reader_without_costs():
    plan = make_plan(make_line(), shows_costs=False)
    assert "Begroot" not in plan_frame(plan, "nl").columns
    assert {"Begroot", "Werkelijk", "Subsidie"} <= set(plan_frame(make_plan(make_line(estimated_cents=100)), "nl").columns)


def test_lines_come_by_team_then_employee_and_people_without_a_manager_last():
    plan = make_plan(make_line(1, "Zoë", "Anja", 3), make_line(2, "Bram", "", None), make_line(3, "Ali", "Marco", 2),
                     make_line(4, "Aad", "Anja", 3))
    assert list(plan_frame(plan, "nl")["Medewerker"]) == ["Aad", "Zoë", "Ali", "Bram"]


def test_totals_per_team_end_with_the_whole_plan():
    plan = make_plan(make_line(1, team="Anja", team_id=3, estimated_cents=150_000),
                     make_line(2, team="Marco", team_id=2, estimated_cents=2_550, hours=7.5),
                     make_line(3, team="Marco", team_id=2, estimated_cents=None, hours=4))
    frame = totals_frame(plan, "nl")
    assert frame.to_dict("list") == {
        "Team van": ["Anja", "Marco", "Totaal"], "Verzoeken": [1, 2, 3], "Uren": ["0,0", "11,5", "11,5"],
        "Begroot": ["€ 1.500,00", "€ 25,50", "€ 1.525,50"], "Werkelijk": ["€ 0,00", "€ 0,00", "€ 0,00"],
        "Subsidie": ["€ 0,00", "€ 0,00", "€ 0,00"]}

