"""A third voice from the work floor at service level: who asks whom, the blind rule for every role,
and a card that opens one colleague's input and nothing else."""

from dataclasses import replace

import pytest

from db.people import add_person, update_person
from devtalk.domain.third_voice import OPEN_ITEM
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.services import (
    auth,
    conversations,
    dossier,
    invitations,
    reports,
    third_voice,
)
from devtalk.services.conversations import MissingAnswers, NotRevealed
from tests.builders import decoded_links, fill_all, sign_in_by_card

SKILLS = ("tekening-lezen", "veilig-werken")  # the skill items of a plaatwerker in the small questionnaire


@pytest.fixture(autouse=True)
def public_address(monkeypatch):
    monkeypatch.setenv("DEVTALK_PUBLIC_URL", "https://devtalk.example.nl/")


def colleague(db, number: int):
    return add_person(db, name=f"Collega {number}", username=f"collega{number}", function_id="plaatwerker")


def give_input(db, person, voice_id: int, value: int, text: str = "") -> None:
    for item_id in SKILLS:
        third_voice.save_input(db, person, voice_id, item_id, value=value)
    if text:
        third_voice.save_input(db, person, voice_id, OPEN_ITEM, text=text)
    third_voice.submit_input(db, person, voice_id)


def submit_both(db, firm) -> None:
    for person in (firm.employee, firm.manager):
        fill_all(db, person, firm.conversation_id)
        conversations.submit(db, person, firm.conversation_id)


def three_colleagues_gave_input(db, firm) -> list:
    asked = [colleague(db, number) for number in (1, 2, 3)]
    for number, person in enumerate(asked, 1):
        voice = third_voice.invite(db, firm.manager, firm.conversation_id, person.id)
        give_input(db, person, voice.id, value=number + 1, text=f"Goed werk, zegt {number}")
    return asked


def test_the_manager_asks_at_once_and_the_employee_asks_with_the_managers_consent(fresh_db, firm):
    first, second = colleague(fresh_db, 1), colleague(fresh_db, 2)
    asked = third_voice.invite(fresh_db, firm.manager, firm.conversation_id, first.id)
    proposed = third_voice.invite(fresh_db, firm.employee, firm.conversation_id, second.id)
    assert asked.is_live and proposed.awaits_consent
    assert [request.voice.id for request in third_voice.my_requests(fresh_db, second)] == []
    with pytest.raises(NotAllowed):
        third_voice.consent(fresh_db, firm.employee, proposed.id)
    consented = third_voice.consent(fresh_db, firm.manager, proposed.id)
    assert consented.consented_by == firm.manager.id and consented.consented_at is not None
    assert [request.voice.id for request in third_voice.my_requests(fresh_db, second)] == [proposed.id]


def test_at_most_three_are_asked_and_never_the_two_people_of_the_conversation(fresh_db, firm):
    for number in (1, 2, 3):
        third_voice.invite(fresh_db, firm.manager, firm.conversation_id, colleague(fresh_db, number).id)
    with pytest.raises(NotAllowed):
        third_voice.invite(fresh_db, firm.manager, firm.conversation_id, colleague(fresh_db, 4).id)
    panel = third_voice.invitations_of(fresh_db, firm.manager, firm.conversation_id)
    assert len(panel.voices) == 3 and not panel.can_invite


def test_the_employee_the_manager_and_hr_staff_are_no_candidates(fresh_db, firm):
    """HR staff read the conversation's answers anyway; an invited colleague must not."""
    found = third_voice.candidates(fresh_db, firm.manager, firm.conversation_id)
    assert {firm.employee.id, firm.manager.id, firm.hr.id}.isdisjoint(person.id for person in found)
    assert firm.outsider.id in {person.id for person in found}
    for person in (firm.employee, firm.hr):
        with pytest.raises(InvalidInput):
            third_voice.invite(fresh_db, firm.manager, firm.conversation_id, person.id)


def test_only_one_work_mentor_per_conversation(fresh_db, firm):
    third_voice.invite(fresh_db, firm.manager, firm.conversation_id, colleague(fresh_db, 1).id, kind="mentor")
    with pytest.raises(InvalidInput):
        third_voice.invite(fresh_db, firm.manager, firm.conversation_id, colleague(fresh_db, 2).id, kind="mentor")


def test_the_colleague_must_answer_every_skill_item_and_the_open_question_may_stay_empty(fresh_db, firm):
    person = colleague(fresh_db, 1)
    voice = third_voice.invite(fresh_db, firm.manager, firm.conversation_id, person.id)
    third_voice.save_input(fresh_db, person, voice.id, "tekening-lezen", value=4)
    with pytest.raises(MissingAnswers):
        third_voice.submit_input(fresh_db, person, voice.id)
    third_voice.save_input(fresh_db, person, voice.id, "veilig-werken", not_applicable=True)
    assert third_voice.submit_input(fresh_db, person, voice.id).submitted_at is not None
    with pytest.raises(InvalidInput):
        third_voice.save_input(fresh_db, person, voice.id, "tekening-lezen", value=2)


def test_an_open_answer_changed_elsewhere_since_is_refused_with_the_stored_text_not_overwritten(fresh_db, firm):
    person = colleague(fresh_db, 1)
    voice = third_voice.invite(fresh_db, firm.manager, firm.conversation_id, person.id)
    third_voice.save_input(fresh_db, person, voice.id, OPEN_ITEM, text="Van de telefoon", expected="")
    with pytest.raises(third_voice.InputChangedElsewhere) as refused:
        third_voice.save_input(fresh_db, person, voice.id, OPEN_ITEM, text="Van de laptop", expected="")
    assert refused.value.stored == "Van de telefoon"
    assert third_voice.open_input(fresh_db, person, voice.id).answers[OPEN_ITEM].text == "Van de telefoon"
    # Knowing the stored text (with the space just typed after it) stores over it.
    third_voice.save_input(fresh_db, person, voice.id, OPEN_ITEM, text="Van de laptop", expected="Van de telefoon ")
    assert third_voice.open_input(fresh_db, person, voice.id).answers[OPEN_ITEM].text == "Van de laptop"


def test_the_form_holds_the_skill_items_of_the_employees_function_only(fresh_db, firm):
    person = colleague(fresh_db, 1)
    voice = third_voice.invite(fresh_db, firm.manager, firm.conversation_id, person.id)
    form = third_voice.open_input(fresh_db, person, voice.id)
    assert [item.id for item in form.items] == list(SKILLS)
    with pytest.raises(NotAllowed):  # an open question of the two sides, not the colleague's
        third_voice.save_input(fresh_db, person, voice.id, "energie", text="x")


ROLES = ("employee", "manager", "hr", "colleague", "other_colleague")


def actor(firm, colleagues, role):
    return {"employee": firm.employee, "manager": firm.manager, "hr": firm.hr, "colleague": colleagues[0],
            "other_colleague": firm.outsider}[role]


@pytest.mark.parametrize("role", ROLES)
def test_nobody_reads_the_third_voice_before_both_sides_submitted(fresh_db, firm, role):
    colleagues = three_colleagues_gave_input(fresh_db, firm)
    fill_all(fresh_db, firm.employee, firm.conversation_id)
    conversations.submit(fresh_db, firm.employee, firm.conversation_id)
    expected = NotRevealed if role in ("employee", "manager", "hr") else NotAllowed
    with pytest.raises(expected):
        third_voice.comparison_column(fresh_db, actor(firm, colleagues, role), firm.conversation_id)


@pytest.mark.parametrize("role, reads", [("employee", True), ("manager", True), ("hr", True), ("colleague", False),
                                         ("other_colleague", False)])
def test_once_both_submitted_the_two_sides_and_hr_read_it_and_the_colleagues_never(fresh_db, firm, role, reads):
    colleagues = three_colleagues_gave_input(fresh_db, firm)
    submit_both(fresh_db, firm)
    person = actor(firm, colleagues, role)
    if reads:
        column = third_voice.comparison_column(fresh_db, person, firm.conversation_id)
        assert column.shown and column.values == {"tekening-lezen": 3.0, "veilig-werken": 3.0}
        assert not any("Collega" in text for text in column.open_answers)
    else:
        with pytest.raises(NotAllowed):
            third_voice.comparison_column(fresh_db, person, firm.conversation_id)


@pytest.mark.parametrize("read", [
    lambda db, f, p: conversations.read_answers(db, p, f.conversation_id, "employee"),
    lambda db, f, p: conversations.read_answers(db, p, f.conversation_id, "manager"),
    lambda db, f, p: conversations.comparison_view(db, p, f.conversation_id),
    lambda db, f, p: reports.report_view(db, p, f.conversation_id),
    lambda db, f, p: dossier.dossier_of(db, p, f.employee.id),
], ids=["employee's answers", "manager's answers", "comparison", "report", "dossier"])
def test_an_invited_colleague_sees_nothing_of_the_conversation_itself(fresh_db, firm, read):
    colleagues = three_colleagues_gave_input(fresh_db, firm)
    submit_both(fresh_db, firm)
    with pytest.raises(NotAllowed):
        read(fresh_db, firm, colleagues[0])


def test_a_colleague_sees_only_the_form_they_were_invited_to(fresh_db, firm):
    asked, other = colleague(fresh_db, 1), colleague(fresh_db, 2)
    voice = third_voice.invite(fresh_db, firm.manager, firm.conversation_id, asked.id)
    for person in (other, firm.employee, firm.manager, firm.hr):
        with pytest.raises(NotAllowed):
            third_voice.open_input(fresh_db, person, voice.id)
    with pytest.raises(NotAllowed):
        third_voice.open_input(fresh_db, asked, voice.id + 100)


def card_session(db, firm, person, voice_id: int):
    pdf = third_voice.input_card_pdf(db, firm.manager, voice_id, "nl")
    token = sign_in_by_card(db, decoded_links(pdf)[0].split("=")[1])
    return token, auth.current_person(db, token)


def test_a_card_for_the_input_alone_opens_that_form_and_nothing_else(fresh_db, firm):
    # The outsider has a conversation of their own: the card must not open it.
    voice = third_voice.invite(fresh_db, firm.manager, firm.conversation_id, firm.outsider.id)
    _, person = card_session(fresh_db, firm, firm.outsider, voice.id)
    assert person.only_third_voice == voice.id
    third_voice.save_input(fresh_db, person, voice.id, "tekening-lezen", value=4)
    assert third_voice.open_input(fresh_db, person, voice.id).answers["tekening-lezen"].value == 4
    own = fresh_db.execute("SELECT id FROM conversations WHERE employee_id = ?", [firm.outsider.id]).fetchone()[0]
    for call in (lambda: conversations.my_conversations(fresh_db, person),
                 lambda: conversations.open_form(fresh_db, person, own),
                 lambda: dossier.dossier_of(fresh_db, person, firm.outsider.id),
                 lambda: reports.report_view(fresh_db, person, own)):
        with pytest.raises(NotAllowed):
            call()
    with pytest.raises(NotAllowed):
        auth.change_password(fresh_db, _, "geheim123", "een-nieuw-geheim")


def test_a_card_for_one_input_does_not_open_another_input_of_the_same_colleague(fresh_db, firm):
    asked = colleague(fresh_db, 1)
    first = third_voice.invite(fresh_db, firm.manager, firm.conversation_id, asked.id)
    other_conversation = fresh_db.execute("SELECT id FROM conversations WHERE employee_id = ?",
                                          [firm.outsider.id]).fetchone()[0]
    second = third_voice.invite(fresh_db, firm.other_manager, other_conversation, asked.id)
    _, person = card_session(fresh_db, firm, asked, first.id)
    assert [request.voice.id for request in third_voice.my_requests(fresh_db, person)] == [first.id]
    with pytest.raises(NotAllowed):
        third_voice.open_input(fresh_db, person, second.id)


def test_revoking_the_card_or_withdrawing_the_request_signs_the_card_out(fresh_db, firm):
    voice = third_voice.invite(fresh_db, firm.manager, firm.conversation_id, firm.outsider.id)
    token, _ = card_session(fresh_db, firm, firm.outsider, voice.id)
    third_voice.revoke_input_card(fresh_db, firm.manager, voice.id)
    assert auth.current_person(fresh_db, token) is None
    token, _ = card_session(fresh_db, firm, firm.outsider, voice.id)
    third_voice.withdraw(fresh_db, firm.manager, voice.id)
    assert auth.current_person(fresh_db, token) is None


def test_a_new_personal_card_leaves_the_input_card_working_and_its_session_signed_in(fresh_db, firm):
    voice = third_voice.invite(fresh_db, firm.manager, firm.conversation_id, firm.outsider.id)
    pdf = third_voice.input_card_pdf(fresh_db, firm.manager, voice.id, "nl")
    code = decoded_links(pdf)[0].split("=")[1]
    filling_in = sign_in_by_card(fresh_db, code)
    own_card = sign_in_by_card(fresh_db, invitations.issue_code(fresh_db, firm.hr, firm.outsider.id))
    invitations.issue_code(fresh_db, firm.hr, firm.outsider.id)
    assert auth.current_person(fresh_db, own_card) is None  # the replaced own card signs out
    assert auth.current_person(fresh_db, filling_in).only_third_voice == voice.id
    assert auth.current_person(fresh_db, sign_in_by_card(fresh_db, code)).only_third_voice == voice.id


def test_hr_revoking_every_card_of_the_colleague_stops_the_input_card_too_and_signs_it_out(fresh_db, firm):
    voice = third_voice.invite(fresh_db, firm.manager, firm.conversation_id, firm.outsider.id)
    code = decoded_links(third_voice.input_card_pdf(fresh_db, firm.manager, voice.id, "nl"))[0].split("=")[1]
    token = sign_in_by_card(fresh_db, code)
    invitations.revoke_codes(fresh_db, firm.hr, firm.outsider.id)
    assert auth.current_person(fresh_db, token) is None
    with pytest.raises(invitations.CodeRefused):
        sign_in_by_card(fresh_db, code)
    assert voice.id not in third_voice.invitations_of(fresh_db, firm.manager, firm.conversation_id).carded


def test_only_the_manager_and_hr_print_a_card_for_the_input(fresh_db, firm):
    voice = third_voice.invite(fresh_db, firm.manager, firm.conversation_id, firm.outsider.id)
    for person in (firm.employee, firm.outsider, firm.other_manager):
        with pytest.raises(NotAllowed):
            third_voice.input_card_pdf(fresh_db, person, voice.id, "nl")
    assert third_voice.input_card_pdf(fresh_db, firm.hr, voice.id, "nl").startswith(b"%PDF")


def test_a_deactivated_colleagues_open_tab_is_refused_on_the_next_call(fresh_db, firm):
    person = colleague(fresh_db, 1)
    voice = third_voice.invite(fresh_db, firm.manager, firm.conversation_id, person.id)
    third_voice.save_input(fresh_db, person, voice.id, "tekening-lezen", value=4)
    update_person(fresh_db, person.id, active=False)
    with pytest.raises(NotAllowed):
        third_voice.save_input(fresh_db, replace(person, active=False), voice.id, "tekening-lezen", value=2)


def test_the_mentor_agrees_to_be_named_and_is_then_shown_by_name(fresh_db, firm):
    mentor = colleague(fresh_db, 1)
    voice = third_voice.invite(fresh_db, firm.manager, firm.conversation_id, mentor.id, kind="mentor")
    third_voice.set_named(fresh_db, mentor, voice.id, True)
    give_input(fresh_db, mentor, voice.id, value=4, text="Leert snel")
    submit_both(fresh_db, firm)
    column = third_voice.comparison_column(fresh_db, firm.employee, firm.conversation_id)
    assert (column.named, column.values["tekening-lezen"], column.open_answers) == ("Collega 1", 4, ("Leert snel",))


def test_a_colleague_cannot_agree_to_be_named(fresh_db, firm):
    person = colleague(fresh_db, 1)
    voice = third_voice.invite(fresh_db, firm.manager, firm.conversation_id, person.id)
    with pytest.raises(NotAllowed):
        third_voice.set_named(fresh_db, person, voice.id, True)


@pytest.mark.parametrize("asked_first", ["Zorgvuldig", "Altijd op tijd"])
def test_the_open_answers_do_not_follow_the_order_in_which_colleagues_were_asked(fresh_db, firm, asked_first):
    """The two sides see whom the manager asked, in order, and who handed in: an order drawn
    from that would tell them who wrote which answer."""
    texts = [asked_first, *sorted({"Zorgvuldig", "Altijd op tijd", "denkt mee"} - {asked_first}, reverse=True)]
    for number, text in enumerate(texts, 1):
        person = colleague(fresh_db, number)
        give_input(fresh_db, person, third_voice.invite(fresh_db, firm.manager, firm.conversation_id, person.id).id,
                   4, text)
    submit_both(fresh_db, firm)
    column = third_voice.comparison_column(fresh_db, firm.employee, firm.conversation_id)
    assert column.open_answers == ("Altijd op tijd", "denkt mee", "Zorgvuldig")


def test_two_colleagues_stay_hidden_after_both_submitted(fresh_db, firm):
    for number in (1, 2):
        person = colleague(fresh_db, number)
        give_input(fresh_db, person, third_voice.invite(fresh_db, firm.manager, firm.conversation_id, person.id).id, 4, "x")
    submit_both(fresh_db, firm)
    column = third_voice.comparison_column(fresh_db, firm.employee, firm.conversation_id)
    assert (column.shown, column.answered, column.open_answers) == (False, 2, ())


def test_the_demo_work_mentor_is_asked_on_daans_open_conversation_and_piotrs_shows_three_colleagues(demo_db):
    from db.people import person_by_username

    mentor, daan = person_by_username(demo_db, "collega"), person_by_username(demo_db, "employee")
    [request] = third_voice.my_requests(demo_db, mentor)
    assert (request.employee.id, request.voice.kind, request.open) == (daan.id, "mentor", True)
    form = third_voice.open_input(demo_db, mentor, request.voice.id)
    assert form.items and not form.answers
    piotr = person_by_username(demo_db, "pnowak")
    conversation = demo_db.execute("SELECT max(id) FROM conversations WHERE employee_id = ?", [piotr.id]).fetchone()[0]
    column = third_voice.comparison_column(demo_db, piotr, conversation)
    assert column.shown and column.answered == 3 and len(column.open_answers) == 3


def test_the_privacy_export_holds_what_a_colleague_gave_and_what_the_employee_may_read_of_it(fresh_db, firm):
    import json

    from devtalk.services import privacy

    asked = three_colleagues_gave_input(fresh_db, firm)
    given = json.loads(privacy.export_json(fresh_db, firm.hr, asked[0].id))
    assert [row["text"] for row in given["third_voice_answers_given"] if row["text"]] == ["Goed werk, zegt 1"]
    before = json.loads(privacy.export_json(fresh_db, firm.hr, firm.employee.id))
    assert before["third_voice_received"] == []  # blind until both sides are in
    submit_both(fresh_db, firm)
    received = json.loads(privacy.export_json(fresh_db, firm.hr, firm.employee.id))
    [column] = received["third_voice_received"]
    assert column["values"] == {"tekening-lezen": 3.0, "veilig-werken": 3.0} and len(column["open_answers"]) == 3
    assert "Collega 1" not in json.dumps(received, ensure_ascii=False)


@pytest.mark.parametrize("erased", ["colleague", "employee"])
def test_erasing_the_colleague_or_the_employee_erases_the_open_answers_and_keeps_the_values(fresh_db, firm, erased):
    from devtalk.services import privacy

    asked = three_colleagues_gave_input(fresh_db, firm)
    person = asked[0] if erased == "colleague" else firm.employee
    privacy.erase_person(fresh_db, firm.hr, person.id, person.username)
    texts = sorted(row[0] for row in fresh_db.execute("SELECT text FROM third_voice_answers WHERE text IS NOT NULL"))
    assert texts == ([] if erased == "employee" else ["Goed werk, zegt 2", "Goed werk, zegt 3"])
    assert fresh_db.execute("SELECT count(*) FROM third_voice_answers WHERE value IS NOT NULL").fetchone()[0] == 6


@pytest.mark.parametrize("count", [2, 3])
def test_the_preparation_sheet_prints_the_colleagues_column_from_three_on(fresh_db, firm, count):
    from devtalk.services.printing import preparation_sheet_pdf
    from tests.builders import flat, text_of

    for number in range(1, count + 1):
        person = colleague(fresh_db, number)
        voice = third_voice.invite(fresh_db, firm.manager, firm.conversation_id, person.id)
        give_input(fresh_db, person, voice.id, value=4, text=f"Open antwoord {number}")
    submit_both(fresh_db, firm)
    printed = flat(text_of(preparation_sheet_pdf(fresh_db, firm.manager, firm.conversation_id, "nl")))
    assert ("Collega's (gem.)" in printed) is (count == 3)
    assert ("Open antwoord 1" in printed) is (count == 3)
    assert ("2 collega's gaven inbreng" in printed) is (count == 2)
    assert "Collega 1" not in printed
