"""The setup checklist's steps read what the firm holds (through db/, never SQL of its own)."""

from devtalk.services import invitations, setup


def cards_done(database, actor) -> bool:
    return {step.key: step.done for step in setup.checklist(database, actor)}["cards"]


def test_the_cards_step_is_done_once_a_card_was_made_even_if_it_was_revoked_since(fresh_db, firm):
    assert not cards_done(fresh_db, firm.hr)
    invitations.issue_code(fresh_db, firm.hr, firm.employee.id)
    assert cards_done(fresh_db, firm.hr)
    invitations.revoke_codes(fresh_db, firm.hr, firm.employee.id)
    assert cards_done(fresh_db, firm.hr)
