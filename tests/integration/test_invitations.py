from datetime import date, datetime, timedelta, timezone

import pytest

from db import accounts
from devtalk.domain import code_guessing
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.services import account, actions, auth, conversations, dossier, invitations
from devtalk.services.invitations import CHOOSE_PIN, ENTER_PIN, CodeRefused, PinRefused
from tests.builders import CARD_PIN, sign_in_by_card, who_signs_in_by_card


def card_of(db, firm, person=None, **options) -> str:
    return invitations.issue_code(db, firm.hr, (person or firm.employee).id, **options)


def guess_wrong(db, client: str, times: int) -> None:
    for _ in range(times):
        with pytest.raises(CodeRefused):
            invitations.sign_in_with_code(db, "WRONGCOD", client)


def test_code_uses_no_look_alike_characters():
    code = invitations.new_code()
    assert len(code) == 8 and not set(code) & set("0O1IL")


def test_issued_code_signs_in_that_person(fresh_db, firm):
    person = auth.current_person(fresh_db, sign_in_by_card(fresh_db, card_of(fresh_db, firm)))
    assert person.id == firm.employee.id and person.restricted


def test_code_is_accepted_in_any_case_with_spaces_or_dashes(fresh_db, firm):
    code = card_of(fresh_db, firm)
    typed = f" {code[:4].lower()}-{code[4:]} "
    assert auth.current_person(fresh_db, sign_in_by_card(fresh_db, typed)).id == firm.employee.id


def test_code_is_stored_only_as_a_hash(fresh_db, firm):
    code = card_of(fresh_db, firm)
    dump = "\n".join(str(row) for row in fresh_db.execute("SELECT * FROM invitations"))
    assert code not in dump


def test_expired_code_is_refused(fresh_db, firm):
    code = card_of(fresh_db, firm, valid_until=date.today() - timedelta(days=2))
    with pytest.raises(CodeRefused):
        invitations.sign_in_with_code(fresh_db, code, "phone")


def test_revoked_and_reissued_codes(fresh_db, firm):
    first = card_of(fresh_db, firm)
    second = card_of(fresh_db, firm)
    with pytest.raises(CodeRefused):
        invitations.sign_in_with_code(fresh_db, first, "phone")
    assert who_signs_in_by_card(fresh_db, second) == "employee"
    invitations.revoke_codes(fresh_db, firm.hr, firm.employee.id)
    with pytest.raises(CodeRefused):
        invitations.sign_in_with_code(fresh_db, second, "phone")


def test_only_hr_issues_or_revokes_codes(fresh_db, firm):
    with pytest.raises(NotAllowed):
        invitations.issue_code(fresh_db, firm.manager, firm.employee.id)
    with pytest.raises(NotAllowed):
        invitations.revoke_codes(fresh_db, firm.employee, firm.employee.id)


def test_code_session_reaches_only_own_conversations_even_for_a_manager_or_hr(fresh_db, firm):
    manager_session = auth.current_person(fresh_db, sign_in_by_card(fresh_db, card_of(fresh_db, firm, firm.manager)))
    hr_session = auth.current_person(fresh_db, sign_in_by_card(fresh_db, card_of(fresh_db, firm, firm.hr)))
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
    person = auth.current_person(fresh_db, sign_in_by_card(fresh_db, card_of(fresh_db, firm)))
    conversations.save_answer(fresh_db, person, firm.conversation_id, "tekening-lezen", value=4)
    assert conversations.open_form(fresh_db, person, firm.conversation_id).answers["tekening-lezen"].value == 4


# A card is not yet the person: it changes nothing about the account (issue 13, item 1).

def test_code_session_cannot_set_a_password(fresh_db, firm):
    token = sign_in_by_card(fresh_db, card_of(fresh_db, firm, firm.manager))
    before = accounts.get_account(fresh_db, firm.manager.id).password_hash
    with pytest.raises(NotAllowed):
        auth.change_password(fresh_db, token, "geheim123", "nieuwwachtwoord")
    assert accounts.get_account(fresh_db, firm.manager.id).password_hash == before


def test_code_session_of_someone_with_only_cards_cannot_create_a_password(fresh_db, firm):
    fresh_db.execute("UPDATE accounts SET password_hash = NULL WHERE person_id = ?", [firm.employee.id])
    token = sign_in_by_card(fresh_db, card_of(fresh_db, firm))
    for current in ("", "whatever"):
        with pytest.raises(NotAllowed):
            auth.change_password(fresh_db, token, current, "nieuwwachtwoord")
    assert accounts.get_account(fresh_db, firm.employee.id).password_hash is None


def test_code_session_cannot_change_the_accounts_language(fresh_db, firm):
    person = auth.current_person(fresh_db, sign_in_by_card(fresh_db, card_of(fresh_db, firm)))
    with pytest.raises(NotAllowed):
        account.set_language(fresh_db, person, "en")


# Revoking or replacing a card ends what it started (item 2).

def test_revoking_a_card_ends_the_sessions_it_started(fresh_db, firm):
    code = card_of(fresh_db, firm)
    phone, tablet = sign_in_by_card(fresh_db, code), sign_in_by_card(fresh_db, code)
    desk = auth.sign_in(fresh_db, "employee", "geheim123")
    invitations.revoke_codes(fresh_db, firm.hr, firm.employee.id)
    assert auth.current_person(fresh_db, phone) is None and auth.current_person(fresh_db, tablet) is None
    assert auth.current_person(fresh_db, desk).id == firm.employee.id


def test_a_new_card_ends_the_sessions_of_the_old_one(fresh_db, firm):
    old = sign_in_by_card(fresh_db, card_of(fresh_db, firm))
    new = sign_in_by_card(fresh_db, card_of(fresh_db, firm))
    assert auth.current_person(fresh_db, old) is None
    assert auth.current_person(fresh_db, new).id == firm.employee.id


# Guessing codes (item 13): only wrong codes count, and a wrong guess never refuses a card
# with a PIN; cards without one are refused while their client or everyone is over the limit.

def test_wrong_guesses_from_one_client_stop_its_cards_without_a_pin_but_not_another_clients(fresh_db, firm):
    code = card_of(fresh_db, firm)
    guess_wrong(fresh_db, "attacker", code_guessing.PER_CLIENT)
    with pytest.raises(CodeRefused):
        invitations.sign_in_with_code(fresh_db, code, "attacker")
    assert who_signs_in_by_card(fresh_db, code, "someone-else") == "employee"


def test_a_card_with_a_pin_still_opens_while_guessing_is_over_every_limit(fresh_db, firm):
    code = card_of(fresh_db, firm)
    sign_in_by_card(fresh_db, code)  # chooses the PIN
    guess_wrong(fresh_db, "phone", code_guessing.PER_CLIENT)
    fresh_db["sign_in_attempts"].insert_all(
        [{"client": f"bot-{n}", "at": datetime.now(timezone.utc).isoformat()} for n in range(code_guessing.EVERYONE)])
    assert invitations.sign_in_with_code(fresh_db, code, "phone").pin_step == ENTER_PIN
    assert who_signs_in_by_card(fresh_db, code, "phone") == "employee"


def test_wrong_guesses_from_everyone_together_stop_cards_without_a_pin(fresh_db, firm):
    code = card_of(fresh_db, firm)
    for batch in range(code_guessing.EVERYONE // (code_guessing.PER_CLIENT - 1) + 1):
        guess_wrong(fresh_db, f"client-{batch}", code_guessing.PER_CLIENT - 1)
    with pytest.raises(CodeRefused):
        invitations.sign_in_with_code(fresh_db, code, "a-new-client")


def test_right_codes_are_not_counted_as_guesses(fresh_db, firm):
    code = card_of(fresh_db, firm)
    for _ in range(code_guessing.PER_CLIENT + 2):
        invitations.sign_in_with_code(fresh_db, code, "phone")
    assert fresh_db["sign_in_attempts"].count == 0
    assert who_signs_in_by_card(fresh_db, code) == "employee"


def test_guesses_older_than_the_window_do_not_count_and_are_forgotten(fresh_db, firm):
    code = card_of(fresh_db, firm)
    old = (datetime.now(timezone.utc) - timedelta(hours=1)).isoformat()
    fresh_db["sign_in_attempts"].insert_all([{"client": "phone", "at": old}] * 20)
    assert who_signs_in_by_card(fresh_db, code) == "employee"
    guess_wrong(fresh_db, "phone", 1)
    assert fresh_db["sign_in_attempts"].count == 1


# The PIN (item 22): the card proves "has the card", the PIN "is the person".

def test_first_sign_in_with_a_card_chooses_a_pin_and_later_ones_ask_for_it(fresh_db, firm):
    code = card_of(fresh_db, firm)
    assert invitations.sign_in_with_code(fresh_db, code, "phone") == invitations.CardSignIn(pin_step=CHOOSE_PIN)
    first = invitations.sign_in_with_code(fresh_db, code, "phone", pin="2468", pin_again="2468")
    assert auth.current_person(fresh_db, first.token).id == firm.employee.id
    assert invitations.sign_in_with_code(fresh_db, code, "phone") == invitations.CardSignIn(pin_step=ENTER_PIN)
    later = invitations.sign_in_with_code(fresh_db, code, "phone", pin="2468")
    assert auth.current_person(fresh_db, later.token).id == firm.employee.id


def test_the_pin_is_stored_as_an_argon2_hash_and_outlives_a_new_card(fresh_db, firm):
    sign_in_by_card(fresh_db, card_of(fresh_db, firm))
    stored = accounts.get_account(fresh_db, firm.employee.id).pin_hash
    assert stored.startswith("$argon2id$") and CARD_PIN not in stored
    assert invitations.sign_in_with_code(fresh_db, card_of(fresh_db, firm), "phone").pin_step == ENTER_PIN


@pytest.mark.parametrize("pin,again,key", [
    ("123", "123", "invitation.pin_format"),
    ("1234567", "1234567", "invitation.pin_format"),
    ("12a4", "12a4", "invitation.pin_format"),
    ("١٢٣٤", "١٢٣٤", "invitation.pin_format"),
    ("1234", "4321", "invitation.pin_mismatch"),
], ids=["too-short", "too-long", "not-digits", "other-digits", "repeated-differently"])
def test_a_bad_pin_to_choose_gets_a_message_and_changes_nothing(fresh_db, firm, pin, again, key):
    code = card_of(fresh_db, firm)
    with pytest.raises(InvalidInput) as refused:
        invitations.sign_in_with_code(fresh_db, code, "phone", pin=pin, pin_again=again)
    assert refused.value.message.key == key
    assert accounts.get_account(fresh_db, firm.employee.id).pin_hash is None
    assert fresh_db["sessions"].count == 0


def test_five_wrong_pins_stop_the_card_and_end_its_sessions(fresh_db, firm):
    code = card_of(fresh_db, firm)
    earlier = sign_in_by_card(fresh_db, code)
    for left in range(code_guessing.MAX_WRONG_PINS - 1, 0, -1):
        with pytest.raises(PinRefused) as refused:
            invitations.sign_in_with_code(fresh_db, code, "finder", pin="0000")
        assert str(left) in refused.value.render("nl")
    with pytest.raises(CodeRefused) as stopped:
        invitations.sign_in_with_code(fresh_db, code, "finder", pin="0000")
    assert "nieuw kaartje" in stopped.value.render("nl")
    assert auth.current_person(fresh_db, earlier) is None
    with pytest.raises(CodeRefused):
        invitations.sign_in_with_code(fresh_db, code, "phone", pin=CARD_PIN)
    assert fresh_db.execute("SELECT count(*) FROM audit_events WHERE action = 'invitation.pin_limit'").fetchone()[0] == 1


def test_a_right_pin_clears_the_cards_wrong_ones(fresh_db, firm):
    code = card_of(fresh_db, firm)
    sign_in_by_card(fresh_db, code)
    for _ in range(code_guessing.MAX_WRONG_PINS - 1):
        with pytest.raises(PinRefused):
            invitations.sign_in_with_code(fresh_db, code, "phone", pin="0000")
    assert who_signs_in_by_card(fresh_db, code) == "employee"
    with pytest.raises(PinRefused):
        invitations.sign_in_with_code(fresh_db, code, "phone", pin="0000")


def test_without_the_pin_setting_the_card_alone_signs_in(fresh_db, firm):
    invitations.set_pin_required(fresh_db, firm.hr, False)
    assert not invitations.pin_required(fresh_db)
    token = invitations.sign_in_with_code(fresh_db, card_of(fresh_db, firm), "phone").token
    assert auth.current_person(fresh_db, token).id == firm.employee.id


def test_hr_resets_a_pin_so_the_next_card_sign_in_chooses_one_and_card_sessions_end(fresh_db, firm):
    code = card_of(fresh_db, firm)
    card_session = sign_in_by_card(fresh_db, code)
    invitations.reset_pin(fresh_db, firm.hr, firm.employee.id)
    assert auth.current_person(fresh_db, card_session) is None
    assert invitations.sign_in_with_code(fresh_db, code, "phone").pin_step == CHOOSE_PIN
    recorded = {row[0] for row in fresh_db.execute("SELECT action FROM audit_events")}
    assert "invitation.pin_reset" in recorded


def test_only_hr_resets_pins_or_switches_the_pin_setting(fresh_db, firm):
    card_hr = auth.current_person(fresh_db, sign_in_by_card(fresh_db, card_of(fresh_db, firm, firm.hr)))
    for actor in (firm.manager, firm.employee, card_hr):
        with pytest.raises(NotAllowed):
            invitations.reset_pin(fresh_db, actor, firm.employee.id)
        with pytest.raises(NotAllowed):
            invitations.set_pin_required(fresh_db, actor, False)
    assert invitations.pin_required(fresh_db)
