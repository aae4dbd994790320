from datetime import datetime, timedelta, timezone

import pytest

from devtalk.errors import NotAllowed
from devtalk.services import actions, auth, conversations, dossier, invitations
from devtalk.services.invitations import CodeRefused
from tests.builders import make_firm


@pytest.fixture
def firm(fresh_db):
    return make_firm(fresh_db)


def test_code_uses_no_look_alike_characters():
    code = invitations.new_code()
    assert len(code) == 8 and not set(code) & set("0O1IL")


def test_issued_code_signs_in_that_person(fresh_db, firm):
    code = invitations.issue_code(fresh_db, firm.hr, firm.employee.id)
    token = invitations.sign_in_with_code(fresh_db, code, "phone")
    person = auth.current_person(fresh_db, token)
    assert person.id == firm.employee.id and person.restricted


def test_code_is_accepted_in_any_case_with_spaces_or_dashes(fresh_db, firm):
    code = invitations.issue_code(fresh_db, firm.hr, firm.employee.id)
    typed = f" {code[:4].lower()}-{code[4:]} "
    assert invitations.sign_in_with_code(fresh_db, typed, "phone")


def test_code_is_stored_only_as_a_hash(fresh_db, firm):
    code = invitations.issue_code(fresh_db, firm.hr, firm.employee.id)
    dump = "\n".join(str(row) for row in fresh_db.execute("SELECT * FROM invitations"))
    assert code not in dump


def test_expired_code_is_refused(fresh_db, firm):
    code = invitations.issue_code(fresh_db, firm.hr, firm.employee.id, days=0)
    with pytest.raises(CodeRefused):
        invitations.sign_in_with_code(fresh_db, code, "phone")


def test_revoked_and_reissued_codes(fresh_db, firm):
    first = invitations.issue_code(fresh_db, firm.hr, firm.employee.id)
    second = invitations.issue_code(fresh_db, firm.hr, firm.employee.id)
    with pytest.raises(CodeRefused):
        invitations.sign_in_with_code(fresh_db, first, "phone")
    assert invitations.sign_in_with_code(fresh_db, second, "phone")
    invitations.revoke_codes(fresh_db, firm.hr, firm.employee.id)
    with pytest.raises(CodeRefused):
        invitations.sign_in_with_code(fresh_db, second, "phone")


def test_only_hr_issues_or_revokes_codes(fresh_db, firm):
    with pytest.raises(NotAllowed):
        invitations.issue_code(fresh_db, firm.manager, firm.employee.id)
    with pytest.raises(NotAllowed):
        invitations.revoke_codes(fresh_db, firm.employee, firm.employee.id)


def test_guessing_is_stopped_even_for_a_right_code(fresh_db, firm):
    code = invitations.issue_code(fresh_db, firm.hr, firm.employee.id)
    for _ in range(invitations.MAX_ATTEMPTS):
        with pytest.raises(CodeRefused):
            invitations.sign_in_with_code(fresh_db, "WRONGCOD", "attacker")
    with pytest.raises(CodeRefused):
        invitations.sign_in_with_code(fresh_db, code, "attacker")
    assert invitations.sign_in_with_code(fresh_db, code, "someone-else")


def test_attempts_older_than_the_window_do_not_count(fresh_db, firm):
    code = invitations.issue_code(fresh_db, firm.hr, firm.employee.id)
    old = (datetime.now(timezone.utc) - timedelta(hours=1)).isoformat()
    fresh_db["sign_in_attempts"].insert_all([{"client": "phone", "at": old}] * 20)
    assert invitations.sign_in_with_code(fresh_db, code, "phone")


def test_code_session_reaches_only_own_conversations_even_for_a_manager_or_hr(fresh_db, firm):
    manager_session = auth.current_person(
        fresh_db, invitations.sign_in_with_code(fresh_db, invitations.issue_code(fresh_db, firm.hr, firm.manager.id), "a"))
    hr_session = auth.current_person(
        fresh_db, invitations.sign_in_with_code(fresh_db, invitations.issue_code(fresh_db, firm.hr, firm.hr.id), "b"))
    with pytest.raises(NotAllowed):
        conversations.open_form(fresh_db, manager_session, firm.conversation_id)
    assert conversations.my_conversations(fresh_db, manager_session)[1] == []
    assert actions.my_actions(fresh_db, manager_session)[1] == []
    with pytest.raises(NotAllowed):
        dossier.dossier_of(fresh_db, manager_session, firm.employee.id)
    assert not hr_session.is_hr
    with pytest.raises(NotAllowed):
        conversations.reopen_side(fresh_db, hr_session, firm.conversation_id, "employee", "reden")
    with pytest.raises(NotAllowed):
        dossier.dossier_of(fresh_db, hr_session, firm.employee.id)


def test_code_session_fills_in_own_conversation(fresh_db, firm):
    token = invitations.sign_in_with_code(fresh_db, invitations.issue_code(fresh_db, firm.hr, firm.employee.id), "phone")
    person = auth.current_person(fresh_db, token)
    conversations.save_answer(fresh_db, person, firm.conversation_id, "tekening-lezen", value=4)
    assert conversations.open_form(fresh_db, person, firm.conversation_id).answers["tekening-lezen"].value == 4
