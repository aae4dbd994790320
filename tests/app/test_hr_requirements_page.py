"""HR's required levels page: a level and a critical mark per skill of a job function, and a team
minimum for a critical skill, each stored at once; nobody else gets the page."""

import pytest

from devtalk.services import skills
from tests.app.conftest import open_page, page_run_directly, sign_in, texts
from tests.builders import T

PAGE = "pages/hr_requirements.py"


def test_hr_sets_a_required_level_marks_it_critical_and_sets_a_team_minimum(firm_db):
    database, firm = firm_db
    app = open_page(sign_in("hr"), PAGE)
    app.selectbox(key="req_function").set_value("plaatwerker").run()
    key = f"req_klein_plaatwerker_{T}"
    app.pills(key=f"{key}_level").set_value(4).run()
    app.checkbox(key=f"{key}_critical").check().run()
    assert not app.exception
    [requirement] = skills.requirements(database, firm.hr, "klein", "plaatwerker")
    assert (requirement.item_id, requirement.level, requirement.critical) == (T, 4, True)
    app.selectbox(key="req_team").set_value(firm.manager.id).run()
    minimum = f"min_klein_{firm.manager.id}_{T}"
    app.number_input(key=f"{minimum}_people").set_value(2).run()
    assert not app.exception
    [stored] = skills.team_minimums(database, firm.hr, "klein", firm.manager.id)
    assert (stored.people, stored.level) == (2, 5)


def test_a_skill_of_another_job_function_is_not_offered(firm_db):
    app = open_page(sign_in("hr"), PAGE)
    app.selectbox(key="req_function").set_value("plaatwerker").run()
    assert [pills.key for pills in app.pills] == [f"req_klein_plaatwerker_{T}_level", "req_klein_plaatwerker_veilig-werken_level"]


@pytest.mark.parametrize("username", ["employee", "manager"])
def test_the_page_refuses_employee_and_manager(firm_db, username):
    app = page_run_directly(username, PAGE)
    assert not app.exception
    assert "Dit mag je niet bekijken of wijzigen" in texts(app)
    assert not app.pills and not app.selectbox
