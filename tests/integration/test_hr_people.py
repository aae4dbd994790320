"""HR keeps people and job functions: never deleting history, checking every field, HR only."""

from __future__ import annotations

import pytest

from db import audit
from db import people as people_db
from db.conversations import conversations_in_round, conversations_of_employee, get_conversation
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.presentation.audit_words import details
from devtalk.services import auth, people, people_files
from devtalk.services.dossier import dossier_of
from devtalk.services.library import store_questionnaire
from devtalk.services.rounds import create_round
from devtalk.spreadsheets.people_import import ImportFailed
from tests.builders import SMALL_QUESTIONNAIRE, who_signs_in


def add(db, hr, **fields):
    """A person with sensible defaults, so each test names only what it is about."""
    return people.add_person(db, hr, **{"name": "Nina Nieuw", "username": "nnieuw", **fields})


def test_hr_adds_a_person_with_function_manager_and_roles(fresh_db, firm):
    added = add(fresh_db, firm.hr, email="nina@firma.nl", function_id="lasser", manager_id=firm.manager.id,
                roles=["manager", "employee"], language="en")
    stored = people_db.get_person(fresh_db, added.id)
    assert (stored.name, stored.email, stored.function_id, stored.manager_id, stored.roles, stored.language) == (
        "Nina Nieuw", "nina@firma.nl", "lasser", firm.manager.id, ("employee", "manager"), "en")
    assert audit.list_events(fresh_db)[0].action == "person.add"


@pytest.mark.parametrize("fields, key", [
    ({"name": "  "}, "people.name_empty"),
    ({"username": ""}, "people.username_empty"),
    ({"username": "nina nieuw"}, "people.username_invalid"),
    ({"username": "EMPLOYEE"}, "hr_people.username_taken"),
    ({"email": "nina-at-firma"}, "people.email_invalid"),
    ({"function_id": "kapper"}, "hr_people.function_unknown"),
    ({"roles": ["baas"]}, "people.role_unknown"),
    ({"language": "de"}, "people.language_unknown"),
    ({"name": "x" * 201}, "people.too_long"),
    ({"manager_id": 999}, "hr_people.manager_unknown"),
], ids=["empty name", "empty username", "space in username", "username taken in other case", "bad e-mail",
        "unknown function", "unknown role", "unknown language", "name too long", "unknown manager"])
def test_a_wrong_field_is_refused_and_nobody_is_added(fresh_db, firm, fields, key):
    before = people_db.count_people(fresh_db)
    with pytest.raises(InvalidInput) as refused:
        add(fresh_db, firm.hr, **fields)
    assert refused.value.message.key == key
    assert people_db.count_people(fresh_db) == before


def test_hr_edits_a_persons_details(fresh_db, firm):
    people.edit_person(fresh_db, firm.hr, firm.employee.id, name="Daan de Vries", username="ddevries", email="",
                          function_id="lasser", roles=["employee"], language="en")
    stored = people_db.get_person(fresh_db, firm.employee.id)
    assert (stored.name, stored.username, stored.function_id, stored.language) == ("Daan de Vries", "ddevries", "lasser", "en")
    assert stored.manager_id == firm.manager.id
    assert details(audit.list_events(fresh_db)[0]) == {"fields": ["function_id", "language", "name", "username"]}


def test_editing_keeps_ones_own_username_but_refuses_someone_elses(fresh_db, firm):
    fields = dict(name="Daan", email=None, function_id=None, roles=["employee"], language="nl")
    people.edit_person(fresh_db, firm.hr, firm.employee.id, username="Employee", **fields)
    with pytest.raises(InvalidInput, match="username_taken"):
        people.edit_person(fresh_db, firm.hr, firm.employee.id, username="manager", **fields)


def test_hr_cannot_take_away_their_own_hr_role_or_deactivate_themselves(fresh_db, firm):
    with pytest.raises(InvalidInput, match="keep_own_hr_role"):
        people.edit_person(fresh_db, firm.hr, firm.hr.id, name="Ingrid", username="hr", email=None,
                              function_id=None, roles=["employee"], language="nl")
    with pytest.raises(InvalidInput, match="not_yourself"):
        people.set_active(fresh_db, firm.hr, firm.hr.id, False)


def test_a_deactivated_person_cannot_sign_in_but_their_conversations_stay(fresh_db, firm):
    token = auth.sign_in(fresh_db, "employee", "geheim123")
    people.set_active(fresh_db, firm.hr, firm.employee.id, False)
    assert auth.current_person(fresh_db, token) is None
    with pytest.raises(auth.SignInFailed):
        auth.sign_in(fresh_db, "employee", "geheim123")
    assert [e.conversation.id for e in dossier_of(fresh_db, firm.hr, firm.employee.id).entries] == [firm.conversation_id]
    people.set_active(fresh_db, firm.hr, firm.employee.id, True)
    assert who_signs_in(fresh_db, "employee", "geheim123") == "employee"


def test_a_deactivated_person_is_left_out_of_the_next_round(fresh_db, firm):
    people.set_active(fresh_db, firm.hr, firm.employee.id, False)
    created = create_round(fresh_db, firm.hr, "Ronde 2027", firm.version_id)
    assert firm.employee.id not in {c.employee_id for c in conversations_in_round(fresh_db, created.round.id)}


def test_a_new_manager_leads_the_next_round_while_the_past_conversation_keeps_the_old_one(fresh_db, firm):
    people.change_manager(fresh_db, firm.hr, firm.employee.id, firm.other_manager.id)
    created = create_round(fresh_db, firm.hr, "Ronde 2027", firm.version_id)
    managers = {c.round_id: c.manager_id for c in conversations_of_employee(fresh_db, firm.employee.id)}
    past_round = get_conversation(fresh_db, firm.conversation_id).round_id
    assert managers == {past_round: firm.manager.id, created.round.id: firm.other_manager.id}
    event = audit.list_events(fresh_db)[1]
    assert (event.action, details(event)) == ("person.manager", {"from": firm.manager.id, "to": firm.other_manager.id})


@pytest.mark.parametrize("who, key", [("self", "people.manager_self"), ("report", "people.manager_cycle")],
                         ids=["own manager", "circle through a report"])
def test_a_reporting_line_that_turns_in_a_circle_is_refused(fresh_db, firm, who, key):
    manager_id = firm.manager.id if who == "self" else firm.employee.id
    with pytest.raises(InvalidInput) as refused:
        people.change_manager(fresh_db, firm.hr, firm.manager.id, manager_id)
    assert refused.value.message.key == key
    assert people_db.get_person(fresh_db, firm.manager.id).manager_id is None


def test_an_inactive_manager_cannot_get_new_reports(fresh_db, firm):
    people.set_active(fresh_db, firm.hr, firm.other_manager.id, False)
    with pytest.raises(InvalidInput, match="manager_unknown"):
        people.change_manager(fresh_db, firm.hr, firm.employee.id, firm.other_manager.id)


def test_hr_sets_a_password_which_signs_the_person_out_everywhere(fresh_db, firm):
    token = auth.sign_in(fresh_db, "employee", "geheim123")
    people.set_password(fresh_db, firm.hr, firm.employee.id, "nieuw-wachtwoord")
    assert auth.current_person(fresh_db, token) is None
    assert who_signs_in(fresh_db, "employee", "nieuw-wachtwoord") == "employee"
    assert audit.list_events(fresh_db)[0].action == "person.password"


def test_a_reset_password_is_random_and_signs_in(fresh_db, firm):
    first = people.reset_password(fresh_db, firm.hr, firm.employee.id)
    second = people.reset_password(fresh_db, firm.hr, firm.employee.id)
    assert first != second and len(second) == people.PASSWORD_LENGTH
    assert who_signs_in(fresh_db, "employee", second) == "employee"


def test_a_too_short_password_is_refused(fresh_db, firm):
    with pytest.raises(InvalidInput, match="password_too_short"):
        people.set_password(fresh_db, firm.hr, firm.employee.id, "kort")


@pytest.mark.parametrize("search, expected", [
    ("", ["Daan Medewerker", "Ingrid HR", "Marco Manager", "Otto Buiten", "Sandra Ander"]),
    ("MARCO", ["Marco Manager"]),
    ("outs", ["Otto Buiten"]),
    ("%", []),
], ids=["everyone", "name in any case", "part of a username", "wildcard taken literally"])
def test_people_are_found_by_name_or_username(fresh_db, firm, search, expected):
    assert [p.name for p in people.list_people(fresh_db, firm.hr, search)] == expected


def test_the_list_leaves_out_inactive_people_when_asked(fresh_db, firm):
    people.set_active(fresh_db, firm.hr, firm.outsider.id, False)
    names = [p.name for p in people.list_people(fresh_db, firm.hr, active_only=True)]
    assert "Otto Buiten" not in names and len(names) == 4


def test_hr_describes_a_new_job_function_and_edits_it(fresh_db, firm):
    people.add_function(fresh_db, firm.hr, "spuiter", "Spuiter", "Spuit grond- en aflak")
    people.edit_function(fresh_db, firm.hr, "spuiter", "Autospuiter", "Spuit en herstelt lak")
    stored = people_db.get_function(fresh_db, "spuiter")
    assert (stored.name, stored.description, stored.active) == ("Autospuiter", "Spuit en herstelt lak", True)
    assert [f.id for f in people.list_functions(fresh_db, firm.hr, "herstelt")] == ["spuiter"]


@pytest.mark.parametrize("code, name, key, field", [
    ("Spuiter!", "Spuiter", "hr_people.function_id_invalid", "id"),
    ("  ", "Spuiter", "hr_people.function_id_empty", "id"),
    ("Lasser", "Lasser", "hr_people.function_exists", "id"),
    ("spuiter", " ", "hr_people.function_name_required", "name"),
], ids=["code with punctuation", "no code", "code exists in other capitals", "no name"])
def test_a_wrong_job_function_is_refused_naming_the_field(fresh_db, firm, code, name, key, field):
    with pytest.raises(InvalidInput) as refused:
        people.add_function(fresh_db, firm.hr, code, name)
    assert (refused.value.message.key, refused.value.field) == (key, field)
    assert people_db.get_function(fresh_db, "spuiter") is None


@pytest.mark.parametrize("typed, code", [("Spuiter", "spuiter"), (" Auto spuiter ", "auto-spuiter"), ("Lakspuiter é", "lakspuiter-e")],
                         ids=["capital", "spaces", "accent"])
def test_a_function_code_typed_as_a_word_is_stored_as_the_code_it_means(fresh_db, firm, typed, code):
    assert people.add_function(fresh_db, firm.hr, typed, "Spuiter").id == code
    assert people_db.get_function(fresh_db, code).name == "Spuiter"


def test_a_refused_person_names_the_field_at_fault(fresh_db, firm):
    with pytest.raises(InvalidInput) as refused:
        add(fresh_db, firm.hr, username="nina nieuw")
    assert refused.value.field == "username"


def test_a_deactivated_function_is_not_given_to_new_people_but_its_holders_keep_it(fresh_db, firm):
    people.set_function_active(fresh_db, firm.hr, "plaatwerker", False)
    with pytest.raises(InvalidInput, match="function_unknown"):
        add(fresh_db, firm.hr, function_id="plaatwerker")
    people.edit_person(fresh_db, firm.hr, firm.employee.id, name="Daan", username="employee", email=None,
                          function_id="plaatwerker", roles=["employee"], language="nl")
    assert people_db.get_person(fresh_db, firm.employee.id).function_id == "plaatwerker"


def test_each_function_gets_the_sections_named_for_it(fresh_db, firm):
    found = people.sections_per_function(fresh_db, firm.hr)
    assert [s.id for s in found.for_everyone] == ["vak", "willen"]
    assert {f: [s.id for s in sections] for f, sections in found.per_function.items()} == {
        "lasser": ["lassen"], "plaatwerker": []}
    assert found.unknown_functions == ()


def test_sections_for_functions_not_set_up_are_pointed_out(fresh_db, firm):
    fresh_db.execute("UPDATE people SET function_id = NULL WHERE function_id = 'lasser'")
    fresh_db.execute("DELETE FROM job_functions WHERE id = 'lasser'")
    assert people.sections_per_function(fresh_db, firm.hr, firm.version_id).unknown_functions == ("lasser",)


CALLS = {
    "list_people": lambda db, actor, f: people.list_people(db, actor),
    "get_person": lambda db, actor, f: people.get_person(db, actor, f.employee.id),
    "add_person": lambda db, actor, f: add(db, actor),
    "edit_person": lambda db, actor, f: people.edit_person(
        db, actor, f.employee.id, name="X", username="x", email=None, function_id=None, roles=["employee"], language="nl"),
    "set_active": lambda db, actor, f: people.set_active(db, actor, f.employee.id, False),
    "change_manager": lambda db, actor, f: people.change_manager(db, actor, f.employee.id, None),
    "set_password": lambda db, actor, f: people.set_password(db, actor, f.employee.id, "overgenomen!"),
    "reset_password": lambda db, actor, f: people.reset_password(db, actor, f.employee.id),
    "list_functions": lambda db, actor, f: people.list_functions(db, actor),
    "add_function": lambda db, actor, f: people.add_function(db, actor, "kapper", "Kapper"),
    "edit_function": lambda db, actor, f: people.edit_function(db, actor, "lasser", "X", ""),
    "set_function_active": lambda db, actor, f: people.set_function_active(db, actor, "lasser", False),
    "sections_per_function": lambda db, actor, f: people.sections_per_function(db, actor),
}


@pytest.mark.parametrize("role", ["employee", "manager"])
@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_only_hr_may_keep_people_and_functions(fresh_db, firm, call, role):
    before = len(audit.list_events(fresh_db))
    with pytest.raises(NotAllowed):
        call(fresh_db, getattr(firm, role), firm)
    assert len(audit.list_events(fresh_db)) == before



def test_without_a_round_the_newest_stored_questionnaire_shows_the_sections(fresh_db):
    hr = people_db.add_person(fresh_db, name="Ingrid HR", username="hr", roles=("employee", "hr_admin"))
    assert people.sections_per_function(fresh_db, hr) is None
    store_questionnaire(fresh_db, hr, SMALL_QUESTIONNAIRE)
    assert [s.id for s in people.sections_per_function(fresh_db, hr).for_everyone] == ["vak", "willen"]


def test_an_import_with_one_wrong_row_writes_nobody(fresh_db, firm):
    rows = "naam;gebruikersnaam;functie\r\nNina Nieuw;nnieuw;lasser\r\nPiet Fout;piet fout;lasser\r\n"
    before = (people.list_people(fresh_db, firm.hr), len(audit.list_events(fresh_db)))
    with pytest.raises(ImportFailed) as failed:
        people_files.import_people(fresh_db, firm.hr, rows.encode(), "mensen.csv")
    assert [(p.row, p.column) for p in failed.value.problems] == [(3, "gebruikersnaam")]
    assert (people.list_people(fresh_db, firm.hr), len(audit.list_events(fresh_db))) == before
