"""The questionnaire builder's service: drafts stored at every change, conflicts told, HR only,
nothing stored while invalid, a save stores a new version and conversations keep theirs."""

import pytest

from db import questionnaires as stored_versions
from db.conversations import get_conversation
from db.people import add_person
from db.rounds import get_round
from devtalk.errors import NotAllowed, NotFound
from devtalk.questionnaire import InvalidQuestionnaire, parse_questionnaire
from devtalk.questionnaire import builder as ops
from devtalk.services import builder, library, privacy
from tests.builders import SMALL_QUESTIONNAIRE

NEW_TITLE = {"nl": "Werkplaatsgesprek", "en": "Workshop conversation"}


def second_hr(db):
    return add_person(db, name="Anna Visser", username="anna", roles=("employee", "hr_admin"))


def changed(db, actor, record, *steps):
    """The draft after each (operation, *args) in turn, every one from the revision the last one left."""
    for operation, *args in steps:
        record = builder.change(db, actor, record.id, record.revision, operation, *args)
    return record


def composed(db, actor):
    """An empty start, then a 4-point scale with n.v.t., a section and one scale question: a valid draft."""
    return changed(db, actor, builder.start_empty(db, actor, NEW_TITLE).record,
                   (ops.add_scale, "Mate", 4, True), (ops.add_section, {"nl": "Vakwerk", "en": "Craft"}),
                   (ops.add_item, 0, {"nl": "Ik werk netjes", "en": "I work tidily"}))


def versions_of(db, questionnaire_id):
    return [v for v in stored_versions.list_versions(db) if v.questionnaire_id == questionnaire_id]


def test_every_change_is_stored_at_once_so_a_later_session_finds_the_draft_as_it_was(fresh_db, firm):
    record = composed(fresh_db, firm.hr)
    again = builder.open_draft(fresh_db, firm.hr, record.id)
    assert [section.title["nl"] for section in again.draft.sections] == ["Vakwerk"]
    assert [item.text["nl"] for item in again.draft.sections[0].items] == ["Ik werk netjes"]
    assert again.valid and again.record.revision == 4
    assert [(listed.record.id, listed.title["nl"]) for listed in builder.my_drafts(fresh_db, firm.hr)] == [
        (record.id, "Werkplaatsgesprek")]


def test_starting_the_same_questionnaire_again_continues_the_draft_unless_asked_to_start_over(fresh_db, firm):
    record = changed(fresh_db, firm.hr, builder.start_from_version(fresh_db, firm.hr, firm.version_id).record,
                     (ops.remove_item, "energie"))
    resumed = builder.start_from_version(fresh_db, firm.hr, firm.version_id)
    assert resumed.resumed and resumed.record.id == record.id and resumed.record.revision == record.revision
    anew = builder.start_from_version(fresh_db, firm.hr, firm.version_id, again=True)
    assert not anew.resumed and "energie" in anew.record.content


def test_a_change_from_a_tab_that_saw_an_older_revision_is_told_and_changes_nothing(fresh_db, firm):
    started = builder.start_from_version(fresh_db, firm.hr, firm.version_id).record
    elsewhere = changed(fresh_db, firm.hr, started, (ops.rename_section, 0, "nl", "Vakmanschap in de werkplaats"))
    with pytest.raises(builder.DraftChanged) as told:
        builder.change(fresh_db, firm.hr, started.id, started.revision, ops.remove_section, 0)
    assert told.value.changed_at == elsewhere.updated_at
    assert builder.open_draft(fresh_db, firm.hr, started.id).record == elsewhere


def test_keeping_mine_after_a_conflict_stores_the_draft_this_tab_showed(fresh_db, firm):
    started = builder.start_from_version(fresh_db, firm.hr, firm.version_id).record
    changed(fresh_db, firm.hr, started, (ops.remove_section, 0))
    kept = builder.keep_mine(fresh_db, firm.hr, started.id, started.content)
    assert len(builder.open_draft(fresh_db, firm.hr, kept.id).draft.sections) == 3


def test_a_second_hr_person_sees_who_else_drafts_it_and_is_told_of_the_version_stored_meanwhile(fresh_db, firm):
    anna = second_hr(fresh_db)
    mine = builder.start_from_version(fresh_db, firm.hr, firm.version_id).record
    hers = changed(fresh_db, anna, builder.start_from_version(fresh_db, anna, firm.version_id).record,
                   (ops.set_item_text, "veilig-werken", "text", "nl", "Ik werk altijd veilig"))
    assert [other.name for other in builder.open_draft(fresh_db, firm.hr, mine.id).others] == ["Anna Visser"]
    builder.save(fresh_db, anna, hers.id, hers.revision)
    version, by = builder.open_draft(fresh_db, firm.hr, mine.id).newer  # told as soon as the draft opens
    assert (version.version, by) == (2, "Anna Visser")
    mine = changed(fresh_db, firm.hr, mine, (ops.set_item_text, "energie", "text", "nl", "Wat geeft jou energie?"))
    with pytest.raises(builder.NewerVersion) as told:
        builder.save(fresh_db, firm.hr, mine.id, mine.revision)
    assert (told.value.version.version, told.value.by) == (2, "Anna Visser")
    assert len(versions_of(fresh_db, "klein")) == 2  # nothing of mine stored over hers
    saved = builder.save(fresh_db, firm.hr, mine.id, mine.revision, over_newer=True)
    assert saved.new and saved.version.version == 3


def test_reloading_her_version_starts_my_draft_again_from_it(fresh_db, firm):
    anna = second_hr(fresh_db)
    mine = builder.start_from_version(fresh_db, firm.hr, firm.version_id).record
    hers = changed(fresh_db, anna, builder.start_from_version(fresh_db, anna, firm.version_id).record,
                   (ops.remove_section, 2))
    stored = builder.save(fresh_db, anna, hers.id, hers.revision).version
    again = builder.start_from_version(fresh_db, firm.hr, stored.id, again=True).record
    assert again.id == mine.id and "energie" not in again.content
    unchanged = builder.save(fresh_db, firm.hr, again.id, again.revision)  # no longer told: it starts from hers
    assert not unchanged.new and unchanged.version == stored


def test_nothing_is_stored_while_the_draft_is_invalid(fresh_db, firm):
    record = changed(fresh_db, firm.hr, builder.start_empty(fresh_db, firm.hr, NEW_TITLE).record,
                     (ops.add_section, {"nl": "Leeg"}))
    opened = builder.open_draft(fresh_db, firm.hr, record.id)
    assert not opened.valid and {problem.section for problem in opened.problems} >= {0}
    before = stored_versions.list_versions(fresh_db)
    with pytest.raises(InvalidQuestionnaire):
        builder.save(fresh_db, firm.hr, record.id, record.revision)
    assert stored_versions.list_versions(fresh_db) == before
    assert builder.preview(fresh_db, firm.hr, record.id, None, "employee", "nl") is None
    assert [listed.record for listed in builder.my_drafts(fresh_db, firm.hr)] == [
        builder.open_draft(fresh_db, firm.hr, record.id).record]


def test_saving_stores_a_new_version_and_the_open_conversation_keeps_its_own(fresh_db, firm):
    record = changed(fresh_db, firm.hr, builder.start_from_version(fresh_db, firm.hr, firm.version_id).record,
                     (ops.set_item_text, "tekening-lezen", "text", "nl", "Ik lees een werktekening zelfstandig"))
    saved = builder.save(fresh_db, firm.hr, record.id, record.revision)
    assert (saved.version.questionnaire_id, saved.version.version) == ("klein", 2)
    assert "Ik lees een werktekening zelfstandig" in saved.version.yaml
    round_ = get_round(fresh_db, get_conversation(fresh_db, firm.conversation_id).round_id)
    assert round_.questionnaire_version_id == firm.version_id
    assert stored_versions.get_version(fresh_db, firm.version_id).yaml == SMALL_QUESTIONNAIRE
    assert builder.my_drafts(fresh_db, firm.hr) == []  # the draft lives on as the version


def test_an_unchanged_bundled_template_saves_as_the_very_text_the_library_copy_stores(fresh_db, firm):
    record = builder.start_from_template(fresh_db, firm.hr, "techniek-carrosserie.yaml").record
    saved = builder.save(fresh_db, firm.hr, record.id, record.revision)
    assert saved.version.yaml == (library.BUNDLED / "techniek-carrosserie.yaml").read_text(encoding="utf-8")


def test_the_preview_shows_the_draft_as_the_manager_of_a_job_function_fills_it_in(fresh_db, firm):
    record = changed(fresh_db, firm.hr, builder.start_from_version(fresh_db, firm.hr, firm.version_id).record,
                     (ops.set_item_text, "tig-lassen", "text_manager", "nl", "De medewerker kan TIG lassen"),
                     (ops.set_item_text, "tig-lassen", "text_manager", "en", "The employee can TIG weld"))
    shown = builder.preview(fresh_db, firm.hr, record.id, "lasser", "manager", "nl")
    wordings = [item.wording for section in shown.sections for item in section.items]
    assert "De medewerker kan TIG lassen" in wordings and "Ik werk veilig" in wordings
    assert [section.id for section in builder.preview(fresh_db, firm.hr, record.id, "plaatwerker", "manager", "nl")
            .sections] == ["vak", "willen"]


def test_what_changed_since_the_version_the_round_used_names_the_reworded_item_and_a_scale_that_breaks_trends(
        fresh_db, firm):
    record = changed(fresh_db, firm.hr, builder.start_from_version(fresh_db, firm.hr, firm.version_id).record,
                     (ops.set_item_text, "veilig-werken", "text", "nl", "Ik werk altijd veilig"),
                     (ops.set_scale_points, "beheersing", 4))
    versions, default = builder.comparable_versions(fresh_db, firm.hr, record.id)
    assert default == firm.version_id and [v.id for v in versions] == [firm.version_id]
    found = builder.changes_since(fresh_db, firm.hr, record.id, default)
    assert ("reworded", "veilig-werken") in {(change.what, change.id) for change in found.diff.changes}
    assert found.diff.breaks_trends
    assert found.before.item("veilig-werken").text["nl"] == "Ik werk veilig"
    assert found.after.item("veilig-werken").text["nl"] == "Ik werk altijd veilig"


def test_keeping_last_years_id_on_a_rewritten_question_leaves_only_the_rewording(fresh_db, firm):
    record = changed(fresh_db, firm.hr, builder.start_from_version(fresh_db, firm.hr, firm.version_id).record,
                     (ops.remove_item, "veilig-werken"),
                     (ops.add_item, 0, {"nl": "Ik werk veilig en netjes", "en": "I work safely and tidily"}))
    found = builder.changes_since(fresh_db, firm.hr, record.id, firm.version_id)
    (rewording,) = found.diff.rewordings
    assert rewording.removed == "veilig-werken"
    record = changed(fresh_db, firm.hr, record, (ops.set_item_id, rewording.added, rewording.removed))
    again = builder.changes_since(fresh_db, firm.hr, record.id, firm.version_id).diff
    assert {change.id for change in again.changes} == {"veilig-werken"} and not again.breaks_trends


def test_the_yaml_view_round_trips_and_invalid_text_leaves_the_draft_as_it_was(fresh_db, firm):
    record = builder.start_from_template(fresh_db, firm.hr, "leerklimaat.yaml").record
    text = builder.as_yaml(fresh_db, firm.hr, record.id)
    assert text == (library.BUNDLED / "leerklimaat.yaml").read_text(encoding="utf-8")
    record = builder.replace_with_yaml(fresh_db, firm.hr, record.id, record.revision,
                                       text.replace("tijd en geld", "tijd en ruimte"))
    assert "Er is tijd en ruimte om iets nieuws te leren." in builder.as_yaml(fresh_db, firm.hr, record.id)
    with pytest.raises(InvalidQuestionnaire):
        builder.replace_with_yaml(fresh_db, firm.hr, record.id, record.revision, text.replace("scale: eens", "scale: x"))
    assert builder.open_draft(fresh_db, firm.hr, record.id).record.content == record.content
    parse_questionnaire(builder.as_yaml(fresh_db, firm.hr, record.id))


def test_half_typed_yaml_is_kept_beside_the_draft_until_valid_text_replaces_it(fresh_db, firm):
    record = builder.start_from_version(fresh_db, firm.hr, firm.version_id).record
    half = builder.as_yaml(fresh_db, firm.hr, record.id).replace("scale: beheersing\n", "scale: beheer\n", 1)
    with pytest.raises(builder.YamlKept) as kept:
        builder.replace_with_yaml(fresh_db, firm.hr, record.id, record.revision, half)
    assert kept.value.record.revision == record.revision + 1  # another tab that saw the older one is told
    reopened = builder.open_draft(fresh_db, firm.hr, record.id)  # a reload, a closed tab opened again
    assert reopened.record.yaml_text == half and reopened.record.content == record.content
    assert ["Onbekende schaal 'beheer'" in problem.render("nl") for problem in reopened.typed_problems] == [True]
    assert not reopened.valid
    with pytest.raises(InvalidQuestionnaire):  # nothing is stored while what was typed last is invalid
        builder.save(fresh_db, firm.hr, record.id, reopened.record.revision)
    with pytest.raises(builder.DraftChanged):
        builder.replace_with_yaml(fresh_db, firm.hr, record.id, record.revision, half)
    fixed = builder.replace_with_yaml(fresh_db, firm.hr, record.id, reopened.record.revision,
                                      half.replace("scale: beheer\n", "scale: beheersing\n"))
    assert fixed.yaml_text is None and builder.open_draft(fresh_db, firm.hr, record.id).valid


def test_keeping_mine_keeps_the_half_typed_yaml_this_tab_showed(fresh_db, firm):
    started = builder.start_from_version(fresh_db, firm.hr, firm.version_id).record
    changed(fresh_db, firm.hr, started, (ops.remove_section, 0))
    kept = builder.keep_mine(fresh_db, firm.hr, started.id, started.content, "id: klein\ntitle: [")
    reopened = builder.open_draft(fresh_db, firm.hr, kept.id)
    assert reopened.record.yaml_text == "id: klein\ntitle: [" and len(reopened.draft.sections) == 3
    assert reopened.typed_problems
    changed(fresh_db, firm.hr, reopened.record, (ops.remove_section, 0))  # a change in the forms drops it
    assert builder.open_draft(fresh_db, firm.hr, kept.id).record.yaml_text is None


def test_another_hr_persons_draft_is_as_unknown_as_none(fresh_db, firm):
    record = builder.start_from_version(fresh_db, firm.hr, firm.version_id).record
    anna = second_hr(fresh_db)
    for call in (lambda: builder.open_draft(fresh_db, anna, record.id),
                 lambda: builder.change(fresh_db, anna, record.id, record.revision, ops.remove_section, 0),
                 lambda: builder.save(fresh_db, anna, record.id, record.revision),
                 lambda: builder.discard(fresh_db, anna, record.id)):
        with pytest.raises(NotFound):
            call()
    assert builder.open_draft(fresh_db, firm.hr, record.id).record == record


def test_a_discarded_draft_is_gone(fresh_db, firm):
    record = builder.start_from_version(fresh_db, firm.hr, firm.version_id).record
    builder.discard(fresh_db, firm.hr, record.id)
    assert builder.my_drafts(fresh_db, firm.hr) == []
    with pytest.raises(NotFound):
        builder.open_draft(fresh_db, firm.hr, record.id)


@pytest.mark.parametrize("who", ["employee", "manager"])
def test_only_hr_composes_questionnaires(fresh_db, firm, who):
    with pytest.raises(NotAllowed):
        builder.start_from_version(fresh_db, getattr(firm, who), firm.version_id)
    with pytest.raises(NotAllowed):
        builder.my_drafts(fresh_db, getattr(firm, who))
    assert builder.my_drafts(fresh_db, firm.hr) == []


def test_an_empty_start_is_a_new_questionnaire_even_when_its_title_makes_a_library_id(fresh_db, firm):
    record = builder.start_empty(fresh_db, firm.hr, {"nl": "Klein"}).record
    assert record.questionnaire_id == "klein-2"  # "klein" is the library's small questionnaire
    again = builder.start_empty(fresh_db, firm.hr, {"nl": "Klein"})
    assert again.resumed and again.record.id == record.id


def test_erasing_an_hr_person_erases_the_questionnaires_they_were_composing(fresh_db, firm):
    anna = second_hr(fresh_db)
    composed(fresh_db, anna)
    privacy.erase_person(fresh_db, firm.hr, anna.id, "anna")
    assert fresh_db.execute("SELECT count(*) FROM questionnaire_drafts").fetchone()[0] == 0
