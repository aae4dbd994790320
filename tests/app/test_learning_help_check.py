"""At the next conversation, the earlier action that was a learning request shows what the
employee said it brought and the skill's level then and now: in the comparison's agenda and
beside the report's "did it help?"."""

from __future__ import annotations

from datetime import date, timedelta

from devtalk.services import conversations, learning, reports, rounds
from tests.app.conftest import open_page, sign_in, texts
from tests.builders import T, fill_all, submit_both, write_report

YEAR = (date.today() + timedelta(days=60)).year  # write_report's course is due in 60 days


def evaluated_then_next_conversation(database, firm) -> int:
    """Daan's drawing-reading course done and evaluated, then a next round's conversation, held."""
    submit_both(database, firm)  # the manager puts Daan at 2 on every skill
    write_report(database, firm)
    (view,) = learning.queue(database, firm.hr, YEAR)
    request_id = view.request.id
    learning.decide(database, firm.hr, request_id, decision="external", provider="ROC", item_id=T)
    learning.approve(database, firm.hr, request_id)
    learning.plan(database, firm.hr, request_id, date.today())
    learning.mark_done(database, firm.hr, request_id)
    learning.save_evaluation(database, firm.employee, request_id, learned="Doorsneden lezen.", satisfaction=5,
                             helped="helped")
    learning.finish_evaluation(database, firm.employee, request_id)
    created = rounds.create_round(database, firm.hr, "Ronde volgend jaar", firm.version_id, employee_ids=[firm.employee.id])
    conversation_id = database.execute("SELECT id FROM conversations WHERE round_id = ? AND employee_id = ?",
                                       [created.round.id, firm.employee.id]).fetchone()[0]
    for side, value in ((firm.employee, 4), (firm.manager, 4)):
        fill_all(database, side, conversation_id, value)
        conversations.submit(database, side, conversation_id)
    reports.mark_held(database, firm.manager, conversation_id)
    return conversation_id


def test_the_comparison_shows_what_the_learning_brought_beside_the_earlier_action(firm_db):
    database, firm = firm_db
    conversation_id = evaluated_then_next_conversation(database, firm)
    app = open_page(sign_in("manager"), "pages/comparison.py", conversation=conversation_id)
    assert not app.exception
    shown = texts(app)
    assert "Wat het leren bracht, volgens de medewerker: Ja, het hielp in mijn werk · Heel tevreden" in shown
    assert "niveau toen 2, nu 4" in shown


def test_the_report_shows_it_beside_did_it_help(firm_db):
    database, firm = firm_db
    conversation_id = evaluated_then_next_conversation(database, firm)
    app = open_page(sign_in("manager"), "pages/report.py", conversation=conversation_id)
    assert not app.exception
    assert "Doorsneden lezen." in [text.value for text in app.text]
    assert "niveau toen 2, nu 4" in texts(app)
