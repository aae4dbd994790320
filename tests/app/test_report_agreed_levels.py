"""The agreed level per skill in the report: prefilled with the manager's answer, one tap takes the
employee's, stored at once, read-only once final; a skill below the requirement becomes an action
with one tap."""

from devtalk.services import certificates, reports, skills
from tests.app.conftest import open_page, sign_in, texts
from tests.builders import T, V, submit_both


def held_report(database, firm):
    submit_both(database, firm, employee_value=4, manager_value=2)
    reports.mark_held(database, firm.manager, firm.conversation_id)
    return open_page(sign_in("manager"), "pages/report.py", conversation=firm.conversation_id)


def level_key(firm, item_id: str) -> str:
    return f"agreed_{firm.conversation_id}_{item_id}"


def test_each_skill_starts_at_the_managers_answer_and_one_tap_takes_the_employees(firm_db):
    database, firm = firm_db
    app = held_report(database, firm)
    pills = app.pills(key=level_key(firm, T))
    assert pills.value == 2
    assert "4 · M" in pills.options and "2 · L" in pills.options
    pills.set_value(4).run()
    assert not app.exception
    assert skills.agreed_levels(database, firm.manager, firm.conversation_id)[T].value == 4


def test_a_second_tap_on_the_chosen_level_keeps_it(firm_db):
    database, firm = firm_db
    app = held_report(database, firm)
    app.pills(key=level_key(firm, T)).set_value(None).run()
    assert app.pills(key=level_key(firm, T)).value == 2


def test_a_final_report_shows_the_agreed_levels_read_only_the_prefilled_ones_too(firm_db):
    database, firm = firm_db
    app = held_report(database, firm)
    app.pills(key=level_key(firm, T)).set_value(4).run()
    reports.save_draft(database, firm.manager, firm.conversation_id, summary="Goed gesprek.")
    reports.finalise(database, firm.manager, firm.conversation_id)
    agreed = skills.agreed_levels(database, firm.employee, firm.conversation_id)
    assert (agreed[T].value, agreed[V].value) == (4, 2)
    employee = open_page(sign_in("employee"), "pages/report.py", conversation=firm.conversation_id)
    assert not employee.exception
    assert "Afgesproken niveau per vaardigheid" in texts(employee)
    assert not employee.pills
    table = employee.table[0].value
    assert list(table["Afgesproken niveau"]) == ["4", "2"]


def test_a_skill_below_the_requirement_becomes_an_action_with_one_tap(firm_db):
    database, firm = firm_db
    skills.set_requirement(database, firm.hr, "plaatwerker", "klein", V, 4, critical=True)
    submit_both(database, firm, employee_value=2, manager_value=2)
    reports.mark_held(database, firm.manager, firm.conversation_id)
    app = open_page(sign_in("manager"), "pages/report.py", conversation=firm.conversation_id)
    assert "Onder het vereiste niveau" in texts(app)
    app.button(key=f"agenda_action_below_required:{V}").click().run()
    assert not app.exception
    [action] = reports.report_view(database, firm.manager, firm.conversation_id).actions
    assert (action.what, action.kind, action.owner_id) == ("Ik werk veilig: naar niveau 4", "on_the_job", firm.employee.id)
    assert app.button(key=f"agenda_action_below_required:{V}").disabled


def test_a_missing_required_certificate_becomes_a_course_with_one_tap(firm_db):
    database, firm = firm_db
    certificates.add_type(database, firm.hr, name="VCA Basis", issuer="SSVV", validity_months=120,
                          function_ids=["plaatwerker"])
    app = held_report(database, firm)
    assert "Certificaat ontbreekt of verloopt" in texts(app)
    app.button(key="agenda_action_certificate:VCA Basis").click().run()
    assert not app.exception
    [action] = reports.report_view(database, firm.manager, firm.conversation_id).actions
    assert (action.what, action.kind) == ("VCA Basis halen of verlengen", "certificate_renewal")


def test_a_report_finalised_before_agreed_levels_existed_shows_no_empty_table(firm_db):
    database, firm = firm_db
    submit_both(database, firm)
    reports.mark_held(database, firm.manager, firm.conversation_id)
    reports.save_draft(database, firm.manager, firm.conversation_id, summary="Oud verslag.")
    reports.finalise(database, firm.manager, firm.conversation_id)
    database.execute("DELETE FROM agreed_levels")  # as a report finalised by an earlier version
    app = open_page(sign_in("employee"), "pages/report.py", conversation=firm.conversation_id)
    assert not app.exception
    assert "Afgesproken niveau per vaardigheid" not in texts(app)
