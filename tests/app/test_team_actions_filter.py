"""A manager's team actions (about twenty-five in the demo firm) narrowed to one person and one status."""

from db.people import person_by_username
from devtalk.services import actions
from tests.app.conftest import open_page, sign_in, texts


def test_team_actions_can_be_narrowed_to_one_person_and_one_status(demo_db):
    marco, daan = person_by_username(demo_db, "manager"), person_by_username(demo_db, "employee")
    _, team = actions.my_actions(demo_db, marco)
    app = open_page(sign_in("manager", "demo"), "pages/my_actions.py")
    assert not app.exception
    assert f"{len(team)} van {len(team)} acties" in texts(app)

    app.selectbox(key="team_actions_person").set_value(daan.id).run()
    daans = [row for row in team if row.employee.id == daan.id]
    assert f"{len(daans)} van {len(team)} acties" in texts(app)
    status = daans[0].action.status
    app.selectbox(key="team_actions_status").set_value(status).run()
    assert not app.exception
    expected = [row for row in daans if row.action.status == status]
    assert f"{len(expected)} van {len(team)} acties" in texts(app)
    shown = {key for key in (widget.key for widget in app.selectbox) if key.startswith("status_")}
    assert shown == {f"status_{row.action.id}" for row in expected} | {f"status_{row.action.id}" for row in actions.my_actions(demo_db, marco)[0]}
