import json
from datetime import date, timedelta

import pytest

from devtalk.domain.status import IllegalTransition
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.services import actions, conversations, dossier, people, privacy, reports
from devtalk.services.library import store_questionnaire
from devtalk.services.printing import dossier_pdf
from devtalk.services.rounds import create_round
from tests.builders import fill_all, flat, make_firm, reported_firm, text_of


@pytest.fixture
def held(fresh_db):
    """A conversation both sides have submitted and that has been held."""
    firm = make_firm(fresh_db)
    fill_all(fresh_db, firm.employee, firm.conversation_id, value=5)
    fill_all(fresh_db, firm.manager, firm.conversation_id, value=2)
    conversations.submit(fresh_db, firm.employee, firm.conversation_id)
    conversations.submit(fresh_db, firm.manager, firm.conversation_id)
    reports.mark_held(fresh_db, firm.manager, firm.conversation_id)
    return firm


def test_holding_the_conversation_starts_a_report_with_the_proposed_agenda(fresh_db, held):
    report = reports.report_view(fresh_db, held.manager, held.conversation_id).report
    assert [point.key for point in report.agenda] == ["gap:tekening-lezen", "gap:veilig-werken", "energy:energie"]


def test_only_the_manager_of_the_conversation_marks_it_held(fresh_db):
    firm = make_firm(fresh_db)
    fill_all(fresh_db, firm.employee, firm.conversation_id)
    fill_all(fresh_db, firm.manager, firm.conversation_id)
    conversations.submit(fresh_db, firm.employee, firm.conversation_id)
    conversations.submit(fresh_db, firm.manager, firm.conversation_id)
    for person in (firm.employee, firm.other_manager):
        with pytest.raises(NotAllowed):
            reports.mark_held(fresh_db, person, firm.conversation_id)


def test_employee_cannot_read_the_draft_report(fresh_db, held):
    reports.save_draft(fresh_db, held.manager, held.conversation_id, summary="concept")
    with pytest.raises(NotAllowed):
        reports.report_view(fresh_db, held.employee, held.conversation_id)


def test_finalise_needs_a_summary_and_then_freezes_the_report(fresh_db, held):
    with pytest.raises(InvalidInput):
        reports.finalise(fresh_db, held.manager, held.conversation_id)
    reports.save_draft(fresh_db, held.manager, held.conversation_id, summary="Goed gesprek", agreements="Cursus")
    reports.finalise(fresh_db, held.manager, held.conversation_id)
    with pytest.raises(InvalidInput):
        reports.save_draft(fresh_db, held.manager, held.conversation_id, summary="later gewijzigd")
    view = reports.report_view(fresh_db, held.employee, held.conversation_id)
    assert view.report.summary == "Goed gesprek" and view.conversation.status == "reported"


def test_employee_acknowledges_the_final_report_with_a_comment(fresh_db, held):
    reports.save_draft(fresh_db, held.manager, held.conversation_id, summary="Goed gesprek")
    with pytest.raises(IllegalTransition):
        reports.acknowledge(fresh_db, held.employee, held.conversation_id)
    reports.finalise(fresh_db, held.manager, held.conversation_id)
    with pytest.raises(NotAllowed):
        reports.acknowledge(fresh_db, held.manager, held.conversation_id)
    report = reports.acknowledge(fresh_db, held.employee, held.conversation_id, "Eens, op één punt na")
    assert report.employee_comment == "Eens, op één punt na" and report.acknowledged_at is not None


def test_action_lifecycle_from_agreement_to_done_with_notes(fresh_db, held):
    action = actions.add_action(
        fresh_db, held.manager, held.conversation_id, what="Meelopen met Jan", kind="walk_along",
        owner_id=held.manager.id, due_date=date.today() + timedelta(days=30),
    )
    reports.save_draft(fresh_db, held.manager, held.conversation_id, summary="Goed gesprek")
    reports.finalise(fresh_db, held.manager, held.conversation_id)
    actions.set_status(fresh_db, held.employee, action.id, "in_progress")
    actions.add_note(fresh_db, held.employee, action.id, "Eerste dag gedaan")
    done = actions.set_status(fresh_db, held.manager, action.id, "done")
    assert done.status == "done" and [n.note for n in done.notes] == ["Eerste dag gedaan"]
    own, team = actions.my_actions(fresh_db, held.employee)
    assert [row.action.id for row in own] == [action.id] and team == []
    own, team = actions.my_actions(fresh_db, held.manager)
    assert [row.action.id for row in team] == [action.id]


def test_draft_actions_stay_with_the_draft_report_until_it_is_final(fresh_db, held):
    action = actions.add_action(fresh_db, held.manager, held.conversation_id, what="Concept-actie", kind="course")
    reports.save_draft(fresh_db, held.manager, held.conversation_id, summary="Conceptverslag")
    employee = held.employee

    assert actions.my_actions(fresh_db, employee)[0] == []
    for found in (dossier.dossier_of(fresh_db, employee, employee.id), dossier.overview(fresh_db, employee, employee.id)[0]):
        assert [(entry.report, entry.actions) for entry in found.entries] == [(None, [])]
    assert "Concept" not in flat(text_of(dossier_pdf(fresh_db, employee, employee.id)))
    for follow_up in (lambda: actions.set_status(fresh_db, employee, action.id, "dropped"),
                      lambda: actions.add_note(fresh_db, employee, action.id, "niet nodig"),
                      lambda: actions.rate(fresh_db, employee, action.id, "not")):
        with pytest.raises(NotAllowed):
            follow_up()
    handed_over = json.loads(privacy.export_json(fresh_db, held.hr, employee.id))
    assert handed_over["actions"] == [] and handed_over["reports"] == []
    assert "Concept" not in flat(text_of(privacy.export_pdf(fresh_db, held.hr, employee.id)))
    assert [row.action.id for row in actions.my_actions(fresh_db, held.manager)[1]] == [action.id]

    reports.finalise(fresh_db, held.manager, held.conversation_id)
    assert [row.action.id for row in actions.my_actions(fresh_db, employee)[0]] == [action.id]
    assert dossier.dossier_of(fresh_db, employee, employee.id).entries[0].actions == [action]
    assert "Concept-actie" in flat(text_of(dossier_pdf(fresh_db, employee, employee.id)))
    assert actions.add_note(fresh_db, employee, action.id, "gestart").note == "gestart"
    assert [row["what"] for row in json.loads(privacy.export_json(fresh_db, held.hr, employee.id))["actions"]] == ["Concept-actie"]


def test_the_next_conversation_looks_back_only_on_agreed_actions(fresh_db, held):
    actions.add_action(fresh_db, held.manager, held.conversation_id, what="Nooit afgesproken", kind="course")
    later = create_round(fresh_db, held.hr, "Ronde 2027", held.version_id, employee_ids=[held.employee.id]).round.id
    next_id = fresh_db.execute("SELECT id FROM conversations WHERE round_id = ?", [later]).fetchone()[0]
    assert reports.earlier_actions(fresh_db, conversations.get_conversation(fresh_db, held.manager, next_id)) == []


@pytest.mark.parametrize(
    "fields",
    [
        {"what": "  ", "kind": "course"},
        {"what": "x" * 501, "kind": "course"},
        {"what": "Cursus", "kind": "vakantie"},
        {"what": "Cursus", "kind": "course", "due_date": date.today() - timedelta(days=1)},
        {"what": "Cursus", "kind": "course", "owner_id": 999},
    ],
    ids=["empty", "too-long", "unknown-kind", "due-in-past", "unknown-owner"],
)
def test_bad_action_input_is_refused_with_a_message(fresh_db, held, fields):
    with pytest.raises(InvalidInput) as raised:
        actions.add_action(fresh_db, held.manager, held.conversation_id, **fields)
    assert raised.value.render("nl") and raised.value.render("en")
    assert reports.report_view(fresh_db, held.manager, held.conversation_id).actions == []


def test_others_cannot_follow_up_someone_elses_action(fresh_db, held):
    action = actions.add_action(fresh_db, held.manager, held.conversation_id, what="Cursus", kind="course")
    for person in (held.other_manager, held.outsider):
        with pytest.raises(NotAllowed):
            actions.add_note(fresh_db, person, action.id, "stiekem")
    with pytest.raises(NotAllowed):
        actions.add_action(fresh_db, held.employee, held.conversation_id, what="Zelf bedacht", kind="course")


def test_dossier_shows_the_conversation_to_employee_manager_and_hr_only(fresh_db, held):
    for person in (held.employee, held.manager, held.hr):
        assert len(dossier.dossier_of(fresh_db, person, held.employee.id).entries) == 1
    with pytest.raises(NotAllowed):
        dossier.dossier_of(fresh_db, held.other_manager, held.employee.id)


def test_private_dossier_notes_stay_out_of_the_employees_view(fresh_db, held):
    dossier.add_note(fresh_db, held.manager, held.employee.id, "Openbaar", private=False)
    dossier.add_note(fresh_db, held.manager, held.employee.id, "Alleen voor mij en HR", private=True)
    assert [n.note for n in dossier.dossier_of(fresh_db, held.employee, held.employee.id).notes] == ["Openbaar"]
    assert len(dossier.dossier_of(fresh_db, held.hr, held.employee.id).notes) == 2
    with pytest.raises(NotAllowed):
        dossier.add_note(fresh_db, held.employee, held.employee.id, "over mezelf")


TEN_POINT = """\
id: tien
title: {nl: Tien punten, en: Ten points}
languages: [nl, en]
scales:
  vijf: {points: [1, 2, 3, 4, 5], not_applicable: true}
  tien: {points: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}
sections:
  - id: vak
    title: {nl: Vak, en: Craft}
    items:
      - {id: kort, type: likert, scale: vijf, text: {nl: Kort, en: Short}}
      - {id: overig, type: likert, scale: vijf, text: {nl: Overig, en: Other}}
      - {id: lang-a, type: likert, scale: tien, text: {nl: Lang A, en: Long A}}
      - {id: lang-b, type: likert, scale: tien, text: {nl: Lang B, en: Long B}}
"""


def test_dossier_overview_averages_pairs_and_judges_each_gap_on_its_own_scale(fresh_db):
    firm = make_firm(fresh_db)
    version = store_questionnaire(fresh_db, firm.hr, TEN_POINT, "tien.yaml")
    round_id = create_round(fresh_db, firm.hr, "Ronde tien", version.id, employee_ids=[firm.employee.id]).round.id
    conversation_id = fresh_db.execute("SELECT id FROM conversations WHERE round_id = ?", [round_id]).fetchone()[0]
    given = {"kort": (3, 1), "overig": ("na", 4), "lang-a": (5, 7), "lang-b": (2, 5)}
    for item_id, (employee_value, manager_value) in given.items():
        for person, value in ((firm.employee, employee_value), (firm.manager, manager_value)):
            answer = {"not_applicable": True} if value == "na" else {"value": value}
            conversations.save_answer(fresh_db, person, conversation_id, item_id, **answer)
    for person in (firm.employee, firm.manager):
        conversations.submit(fresh_db, person, conversation_id)

    _, figures = dossier.overview(fresh_db, firm.employee, firm.employee.id)

    # "overig" is not applicable to the employee, so it counts on neither side; a gap of 2 is
    # large on the five-point scale ("kort") but not on the ten-point one ("lang-a"), 3 is.
    assert figures[conversation_id] == dossier.YearFigures(employee_average=3.3, manager_average=4.3, large_gaps=2)


def test_dossier_overview_of_a_revealed_conversation_without_pairs_shows_no_numbers(fresh_db, held):
    fresh_db.execute("UPDATE answers SET value = NULL, not_applicable = 1 WHERE side = 'employee'")
    _, figures = dossier.overview(fresh_db, held.employee, held.employee.id)
    assert figures[held.conversation_id] == dossier.YearFigures(None, None, 0)


def moved_to_a_new_manager(db, firm, final=True):
    """Marco held and reported this year's conversation with Daan (one action, a public and a
    private note); then Daan moves to Sandra's team."""
    firm.action = actions.add_action(db, firm.manager, firm.conversation_id, what="Cursus kantbank", kind="course")
    reports.save_draft(db, firm.manager, firm.conversation_id, summary="Verslag van Marco")
    if final:
        reports.finalise(db, firm.manager, firm.conversation_id)
    dossier.add_note(db, firm.manager, firm.employee.id, "Openbaar van Marco")
    dossier.add_note(db, firm.manager, firm.employee.id, "Privé van Marco", private=True)
    firm.employee = people.change_manager(db, firm.hr, firm.employee.id, firm.other_manager.id)
    return firm.other_manager


def test_a_new_manager_carries_on_from_earlier_final_reports_and_agreed_actions(fresh_db, held):
    new_manager = moved_to_a_new_manager(fresh_db, held)
    entry = dossier.dossier_of(fresh_db, new_manager, held.employee.id).entries[0]
    assert entry.report.summary == "Verslag van Marco" and entry.actions == [held.action]
    assert actions.add_note(fresh_db, new_manager, held.action.id, "Sandra pakt het op").note == "Sandra pakt het op"
    assert actions.rate(fresh_db, new_manager, held.action.id, "helped").helped == "helped"
    printed = flat(text_of(dossier_pdf(fresh_db, new_manager, held.employee.id)))
    assert "Verslag van Marco" in printed and "Cursus kantbank" in printed


def test_a_new_manager_sees_no_earlier_answers_comparison_or_private_notes(fresh_db, held):
    new_manager = moved_to_a_new_manager(fresh_db, held)
    found, figures = dossier.overview(fresh_db, new_manager, held.employee.id)
    assert found.entries[0].comparison is None and figures == {}
    assert dossier.dossier_of(fresh_db, new_manager, held.employee.id).entries[0].comparison is None
    assert [note.note for note in found.notes] == ["Openbaar van Marco"]
    for call in (lambda: conversations.comparison_view(fresh_db, new_manager, held.conversation_id),
                 lambda: conversations.read_answers(fresh_db, new_manager, held.conversation_id, "employee"),
                 lambda: reports.report_view(fresh_db, new_manager, held.conversation_id)):
        with pytest.raises(NotAllowed):
            call()
    printed = flat(text_of(dossier_pdf(fresh_db, new_manager, held.employee.id)))
    assert "Privé van Marco" not in printed and "tekst van employee" not in printed
    assert {note.note for note in dossier.dossier_of(fresh_db, held.hr, held.employee.id).notes} == {
        "Privé van Marco", "Openbaar van Marco"}


def test_a_new_manager_sees_nothing_of_a_report_left_in_draft(fresh_db, held):
    new_manager = moved_to_a_new_manager(fresh_db, held, final=False)
    entry = dossier.dossier_of(fresh_db, new_manager, held.employee.id).entries[0]
    assert (entry.report, entry.actions) == (None, [])
    with pytest.raises(NotAllowed):
        actions.add_note(fresh_db, new_manager, held.action.id, "x")


def test_a_report_text_changed_in_another_tab_is_refused_with_the_stored_text(fresh_db, held):
    reports.save_draft(fresh_db, held.manager, held.conversation_id, summary="Uit het andere tabblad")
    with pytest.raises(reports.ReportChangedElsewhere) as refused:
        reports.save_draft(fresh_db, held.manager, held.conversation_id, expected={"summary": ""}, summary="Van dit tabblad")
    assert refused.value.stored == "Uit het andere tabblad"
    assert reports.report_view(fresh_db, held.manager, held.conversation_id).report.summary == "Uit het andere tabblad"


def test_a_report_text_saved_knowing_what_is_stored_goes_through(fresh_db, held):
    reports.save_draft(fresh_db, held.manager, held.conversation_id, summary="Eerst")
    reports.save_draft(fresh_db, held.manager, held.conversation_id, expected={"summary": "Eerst"}, summary="Daarna")
    assert reports.report_view(fresh_db, held.manager, held.conversation_id).report.summary == "Daarna"


def test_an_agenda_note_changed_in_another_tab_is_refused_and_a_reorder_meanwhile_is_kept(fresh_db, held):
    points = reports.report_view(fresh_db, held.manager, held.conversation_id).report.agenda
    first, second = points[0].key, points[1].key
    reports.save_note(fresh_db, held.manager, held.conversation_id, first, "Notitie uit het andere tabblad")
    with pytest.raises(reports.ReportChangedElsewhere):
        reports.save_note(fresh_db, held.manager, held.conversation_id, first, "Van dit tabblad", expected="")
    points = reports.report_view(fresh_db, held.manager, held.conversation_id).report.agenda
    reports.save_draft(fresh_db, held.manager, held.conversation_id, agenda=tuple(reversed(points)))
    reports.save_note(fresh_db, held.manager, held.conversation_id, second, "Tweede punt", expected="")
    report = reports.report_view(fresh_db, held.manager, held.conversation_id).report
    assert [point.key for point in report.agenda] == [point.key for point in reversed(points)]
    notes = {point.key: point.note for point in report.agenda}
    assert notes[first] == "Notitie uit het andere tabblad" and notes[second] == "Tweede punt"


def at_stage(db, stage: str):
    """The firm's conversation with both sides in, taken on to ``stage`` (ready, held, reported, acknowledged)."""
    firm = make_firm(db)
    for person in (firm.employee, firm.manager):
        fill_all(db, person, firm.conversation_id)
        conversations.submit(db, person, firm.conversation_id)
    steps = [
        lambda: reports.mark_held(db, firm.manager, firm.conversation_id),
        lambda: reports.save_draft(db, firm.manager, firm.conversation_id, summary="Goed gesprek"),
        lambda: reports.finalise(db, firm.manager, firm.conversation_id),
        lambda: reports.acknowledge(db, firm.employee, firm.conversation_id),
    ]
    for step in steps[:{"ready": 0, "held": 1, "reported": 3, "acknowledged": 4}[stage]]:
        step()
    return firm


# (can_hold, can_edit, can_acknowledge) per stage and person; the employee reads no draft at all.
REPORT_RIGHTS = [
    ("ready", "manager", (True, False, False)),
    ("ready", "hr", (False, False, False)),
    ("held", "manager", (False, True, False)),
    ("held", "hr", (False, False, False)),
    ("reported", "manager", (False, False, False)),
    ("reported", "employee", (False, False, True)),
    ("reported", "hr", (False, False, False)),
    ("acknowledged", "employee", (False, False, False)),
    ("acknowledged", "manager", (False, False, False)),
]


@pytest.mark.parametrize(("stage", "who", "rights"), REPORT_RIGHTS, ids=[f"{s}-{w}" for s, w, _ in REPORT_RIGHTS])
def test_the_report_view_says_who_may_hold_edit_and_acknowledge_now(fresh_db, stage, who, rights):
    firm = at_stage(fresh_db, stage)
    view = reports.report_view(fresh_db, getattr(firm, who), firm.conversation_id)
    assert (view.can_hold, view.can_edit, view.can_acknowledge) == rights


@pytest.mark.parametrize(("who", "whose", "may"), [
    ("manager", "employee", True),
    ("hr", "employee", True),
    ("employee", "employee", False),
    ("hr", "hr", False),
    ("manager", "manager", False),
], ids=["manager on the team", "hr on someone", "employee on themselves", "hr on themselves", "manager on themselves"])
def test_the_dossier_says_who_may_add_a_note(fresh_db, who, whose, may):
    firm = make_firm(fresh_db)
    actor, employee = getattr(firm, who), getattr(firm, whose)
    for found in (dossier.dossier_of(fresh_db, actor, employee.id), dossier.overview(fresh_db, actor, employee.id)[0]):
        assert found.can_add_note is may
    if not may:
        with pytest.raises(NotAllowed):
            dossier.add_note(fresh_db, actor, employee.id, "Notitie")


# Every short text someone must type: blank or too long is refused with its own message, nothing stored.
TYPED_TEXTS = {
    "action": (lambda db, f, text: actions.add_action(db, f.manager, f.conversation_id, what=text, kind="course"),
               actions.MAX_WHAT, "action.what"),
    "progress note": (lambda db, f, text: actions.add_note(db, f.manager, f.action_id, text), actions.MAX_NOTE, "action.note"),
    "dossier note": (lambda db, f, text: dossier.add_note(db, f.manager, f.employee.id, text), dossier.MAX_NOTE, "dossier.note"),
}


@pytest.mark.parametrize("too_long", [False, True], ids=["blank", "too long"])
@pytest.mark.parametrize("write", TYPED_TEXTS.values(), ids=TYPED_TEXTS.keys())
def test_a_blank_or_too_long_typed_text_is_refused_with_its_own_message(fresh_db, held, write, too_long):
    call, maximum, key = write
    held.action_id = actions.add_action(fresh_db, held.manager, held.conversation_id, what="Cursus", kind="course").id
    before = [fresh_db[table].count for table in ("actions", "action_notes", "dossier_notes")]
    with pytest.raises(InvalidInput) as refused:
        call(fresh_db, held, "x" * (maximum + 1) if too_long else "  \n ")
    assert refused.value.message.key == (f"{key}_too_long" if too_long else f"{key}_required")
    assert [fresh_db[table].count for table in ("actions", "action_notes", "dossier_notes")] == before
    assert call(fresh_db, held, "  " + "x" * maximum + " ") is not None  # trimmed, at the maximum: stored


def test_the_reply_typed_before_acknowledging_is_kept_for_the_employee_alone_and_given_with_the_acknowledgement(fresh_db):
    firm = reported_firm(fresh_db)
    reports.save_comment_draft(fresh_db, firm.employee, firm.conversation_id, "Eens, behalve")
    assert reports.comment_draft(fresh_db, firm.employee, firm.conversation_id) == "Eens, behalve"
    # The manager reads the report, never the reply that has not been given yet.
    view = reports.report_view(fresh_db, firm.manager, firm.conversation_id)
    assert "Eens, behalve" not in repr(view)
    with pytest.raises(NotAllowed):
        reports.comment_draft(fresh_db, firm.manager, firm.conversation_id)

    report = reports.acknowledge(fresh_db, firm.employee, firm.conversation_id, "Eens, behalve het laatste punt")
    assert report.employee_comment == "Eens, behalve het laatste punt"
    with pytest.raises(IllegalTransition):
        reports.save_comment_draft(fresh_db, firm.employee, firm.conversation_id, "later nog iets")


def test_a_reply_changed_in_another_tab_is_not_overwritten_by_an_older_tab(fresh_db):
    firm = reported_firm(fresh_db)
    reports.save_comment_draft(fresh_db, firm.employee, firm.conversation_id, "Uit het eerste tabblad", expected="")
    with pytest.raises(reports.ReportChangedElsewhere) as conflict:
        reports.save_comment_draft(fresh_db, firm.employee, firm.conversation_id, "Uit het tweede tabblad", expected="")
    assert conflict.value.stored == "Uit het eerste tabblad"
    assert reports.comment_draft(fresh_db, firm.employee, firm.conversation_id) == "Uit het eerste tabblad"


def test_erasing_a_person_erases_the_reply_they_were_typing(fresh_db):
    firm = reported_firm(fresh_db)
    reports.save_comment_draft(fresh_db, firm.employee, firm.conversation_id, "Privé gedachte")
    privacy.erase_person(fresh_db, firm.hr, firm.employee.id, "employee")
    assert fresh_db.execute("SELECT comment_draft FROM reports").fetchone()[0] == ""
