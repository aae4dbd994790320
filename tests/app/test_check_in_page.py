"""The check-in page: starting one from the list, answering, changing an action's status, finishing;
the way in from the start page with the half-year reminder; HR's half-year check-in on the rounds page."""

from datetime import date, timedelta

from devtalk.services import actions, check_ins, invitations
from tests.app.conftest import open_page, reload, sign_in, start_app, texts
from tests.builders import CARD_PIN, reported_firm


def reported(database):
    """The small firm's conversation reported on, with one agreed action still open."""
    return reported_firm(database)


def test_the_employee_starts_a_check_in_answers_marks_an_action_done_and_finishes(fresh_db, app_opens):
    app_opens(fresh_db)
    firm = reported(fresh_db)
    app = open_page(sign_in("employee"), "pages/check_in.py")
    assert "Nog geen check-ins." in texts(app)
    app.button(key="check_in_start").click().run()
    assert not app.exception
    started = check_ins.check_ins_of(fresh_db, firm.employee, firm.employee.id).check_ins[0]
    assert "Waar krijg je nu energie van?" in texts(app)
    app.text_area(key=f"answer_check_in_{started.id}_energie").input("Het nieuwe kantwerk").run()
    action = actions.my_actions(fresh_db, firm.employee)[0][0].action
    app.pills(key=f"check_in_action_{action.id}").set_value("done").run()
    app.button(key="check_in_finish").click().run()
    assert not app.exception
    assert check_ins.view(fresh_db, firm.manager, started.id).answers == {"energie": "Het nieuwe kantwerk"}
    assert actions.my_actions(fresh_db, firm.employee)[0][0].action.status == "done"
    assert "Afgerond op" in texts(app) and "Het nieuwe kantwerk" in texts(app)


def test_the_manager_opens_a_team_members_check_in_and_hr_is_refused(fresh_db, app_opens):
    app_opens(fresh_db)
    firm = reported(fresh_db)
    started = check_ins.start(fresh_db, firm.employee, firm.employee.id)
    check_ins.save_answer(fresh_db, firm.employee, started.id, "nodig", "Een cursus TIG")
    manager = open_page(sign_in("manager"), "pages/check_in.py", check_in=started.id)
    assert not manager.exception
    assert manager.text_area(key=f"answer_check_in_{started.id}_nodig").value == "Een cursus TIG"
    hr = open_page(sign_in("hr"), "pages/check_in.py", check_in=started.id)
    assert "Dit mag je niet bekijken of wijzigen" in texts(hr) and "Een cursus TIG" not in texts(hr)


def test_the_start_page_reminds_of_the_half_year_check_in_and_leads_to_it(fresh_db, app_opens):
    app_opens(fresh_db)
    firm = reported(fresh_db)
    round_id = fresh_db.execute("SELECT round_id FROM conversations WHERE id = ?", [firm.conversation_id]).fetchone()[0]
    check_ins.set_schedule(fresh_db, firm.hr, round_id, date.today())
    employee = open_page(sign_in("employee"), "pages/my_conversations.py")
    assert "Tijd voor je halfjaarlijkse check-in" in texts(employee)
    assert [link.label for link in employee.get("page_link") if "check-in" in link.label.lower()] == ["Mijn check-ins"]
    manager = open_page(sign_in("manager"), "pages/my_conversations.py")
    assert "Halfjaarlijkse check-in nog te doen met Daan Medewerker." in texts(manager)


def test_hr_puts_a_half_year_check_in_on_a_round(fresh_db, app_opens):
    app_opens(fresh_db)
    firm = reported(fresh_db)
    round_id = fresh_db.execute("SELECT round_id FROM conversations WHERE id = ?", [firm.conversation_id]).fetchone()[0]
    app = open_page(sign_in("hr"), "pages/hr_rounds.py")
    on = date.today() + timedelta(days=180)
    app.date_input(key=f"check_in_schedule_{round_id}").set_value(on).run()
    assert not app.exception
    assert check_ins.schedules(fresh_db, firm.hr) == {round_id: on}
    assert "Halfjaarlijkse check-in opgeslagen." in texts(app)
    app.button(key="check_in_schedule_clear").click().run()
    assert not app.exception
    assert check_ins.schedules(fresh_db, firm.hr) == {}
    assert app.date_input(key=f"check_in_schedule_{round_id}").value is None


def test_hr_sees_the_problems_of_a_check_in_list_with_a_scale_question_and_nothing_is_stored(fresh_db, app_opens):
    app_opens(fresh_db)
    firm = reported(fresh_db)
    app = open_page(sign_in("hr"), "pages/hr_rounds.py")
    text = ("id: kort\ntitle: Kort\nscales:\n  s: {points: [1, 2, 3]}\nsections:\n  - id: k\n    title: Kort\n    items:\n"
            "      - {id: week, type: likert, scale: s, text: Hoe was je week?}\n")
    app.text_area(key="check_in_list_yaml").input(text).run()
    app.button(key="check_in_list_save").click().run()
    assert not app.exception
    assert "check-in.yaml:9: sections[0].items[0].type: Een check-inlijst heeft alleen open vragen" in texts(app)
    assert "id: check-in" in check_ins.current_list(fresh_db, firm.hr)


def test_with_a_check_in_open_the_button_continues_it(fresh_db, app_opens):
    app_opens(fresh_db)
    firm = reported(fresh_db)
    started = check_ins.start(fresh_db, firm.manager, firm.employee.id)
    app = open_page(sign_in("employee"), "pages/check_in.py")
    assert app.button(key="check_in_start").label == "Verder met de open check-in"
    app.button(key="check_in_start").click().run()
    assert not app.exception
    assert app.query_params["check_in"] == str(started.id)
    assert "Met Daan Medewerker · gestart op" in texts(app) and "door Marco Manager" in texts(app)


def signed_in_by_card(database, hr, person):
    """The app after ``person`` typed their card's code and chose their PIN."""
    app = start_app()
    app.text_input(key="login_code").input(invitations.issue_code(database, hr, person.id))
    app.button(key="login_code_submit").click().run()
    for key in ("login_pin", "login_pin_again"):
        app.text_input(key=key).input(CARD_PIN)
    app.button(key="login_pin_submit").click().run()
    return reload(app)


def test_a_managers_card_opens_their_own_check_ins_only(fresh_db, app_opens):
    app_opens(fresh_db)
    firm = reported(fresh_db)
    team_member = check_ins.start(fresh_db, firm.employee, firm.employee.id)
    app = signed_in_by_card(fresh_db, firm.hr, firm.manager)
    assert not app.exception
    links = [link.label for link in app.get("page_link")]
    assert "Mijn check-ins" in links and "Daan Medewerker" not in links
    open_page(app, "pages/check_in.py", check_in=team_member.id)
    assert "Dit mag je niet bekijken of wijzigen" in texts(app)
    open_page(app, "pages/check_in.py")
    app.button(key="check_in_start").click().run()
    assert not app.exception and "Met Marco Manager · gestart op" in texts(app)


def test_an_answer_the_manager_changed_meanwhile_is_shown_beside_the_box_not_overwritten(fresh_db, app_opens):
    app_opens(fresh_db)
    firm = reported(fresh_db)
    started = check_ins.start(fresh_db, firm.employee, firm.employee.id)
    app = open_page(sign_in("employee"), "pages/check_in.py", check_in=started.id)
    check_ins.save_answer(fresh_db, firm.manager, started.id, "nodig", "Een nieuwe lasbril", expected="")
    app.text_area(key=f"answer_check_in_{started.id}_nodig").input("Meer tijd").run()
    assert not app.exception
    assert "Dit antwoord is intussen ergens anders gewijzigd" in texts(app) and "Een nieuwe lasbril" in texts(app)
    assert check_ins.view(fresh_db, firm.employee, started.id).answers == {"nodig": "Een nieuwe lasbril"}
    app.text_area(key=f"answer_check_in_{started.id}_nodig").input("Meer tijd, en een lasbril").run()
    assert check_ins.view(fresh_db, firm.employee, started.id).answers == {"nodig": "Meer tijd, en een lasbril"}


def test_the_employee_reads_who_sees_it_as_them_and_their_manager_and_the_manager_reads_the_employees_name(
        fresh_db, app_opens):
    app_opens(fresh_db)
    firm = reported(fresh_db)
    started = check_ins.start(fresh_db, firm.employee, firm.employee.id)
    employee = open_page(sign_in("employee"), "pages/check_in.py", check_in=started.id)
    assert "Alleen jij en je leidinggevende lezen het" in texts(employee)
    manager = open_page(sign_in("manager"), "pages/check_in.py", check_in=started.id)
    assert not manager.exception and "Alleen jij en Daan Medewerker lezen het" in texts(manager)
    assert "je leidinggevende" not in texts(manager)
