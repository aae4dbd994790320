"""The comparison page shows what the job function requires beside both answers, and proposes a
skill below it as the first agenda point."""

from devtalk.services import skills
from tests.app.conftest import open_page, sign_in, texts
from tests.builders import T, V, submit_both


def test_the_required_level_stands_beside_both_answers_critical_ones_starred(firm_db):
    database, firm = firm_db
    skills.set_requirement(database, firm.hr, "plaatwerker", "klein", T, 4, critical=True)
    skills.set_requirement(database, firm.hr, "plaatwerker", "klein", V, 3)
    submit_both(database, firm, employee_value=2, manager_value=2)
    app = open_page(sign_in("employee"), "pages/comparison.py", conversation=firm.conversation_id)
    assert not app.exception
    table = app.table[0].value
    assert list(table["Vereist"]) == ["4\\*", "3"]  # as markdown that shows it literally
    assert "* = kritieke vaardigheid" in texts(app)
    assert "Onder het vereiste niveau" in texts(app)


def test_without_requirements_the_table_has_no_required_column(firm_db):
    database, firm = firm_db
    submit_both(database, firm)
    app = open_page(sign_in("manager"), "pages/comparison.py", conversation=firm.conversation_id)
    assert "Vereist" not in app.table[0].value.columns
