"""The questionnaire library: new versions from edits and uploads, templates, downloads, preview."""

import pytest

from db import questionnaires as stored_versions
from devtalk.errors import NotAllowed
from devtalk.questionnaire import InvalidQuestionnaire
from devtalk.services import conversations, library
from devtalk.services.library import get_version
from tests.builders import SMALL_QUESTIONNAIRE

EDITED = SMALL_QUESTIONNAIRE.replace("Ik werk veilig", "Ik werk altijd veilig")
BROKEN = SMALL_QUESTIONNAIRE.replace("scale: beheersing\n        text: {nl: Ik werk veilig", "scale: beheersin\n        text: {nl: Ik werk veilig")


def audit_actions(database) -> list[str]:
    return [row[0] for row in database.execute("SELECT action FROM audit_events ORDER BY id")]


def test_the_library_lists_each_questionnaire_with_its_versions_newest_first(fresh_db, firm):
    library.save_text(fresh_db, firm.hr, EDITED, "klein.yaml")
    entries = library.library(fresh_db, firm.hr)
    assert [entry.questionnaire_id for entry in entries] == ["klein"]
    assert [version.version for version in entries[0].versions] == [2, 1]
    assert entries[0].title("en") == "Small conversation"


def test_an_invalid_edit_is_refused_with_line_numbers_and_stores_nothing(fresh_db, firm):
    events = audit_actions(fresh_db)
    with pytest.raises(InvalidQuestionnaire) as refused:
        library.save_text(fresh_db, firm.hr, BROKEN, "klein.yaml")
    rendered = [problem.render("nl") for problem in refused.value.problems]
    assert rendered and all(line.startswith("klein.yaml:") for line in rendered)
    assert any("sections[0].items[1].scale" in line for line in rendered)
    assert [v.version for v in stored_versions.list_versions(fresh_db)] == [1]
    assert audit_actions(fresh_db) == events


def test_an_upload_tells_what_it_changes_since_the_version_before_it(fresh_db, firm):
    assert library.changes_from_previous(fresh_db, firm.hr, firm.version_id) is None  # a first version
    saved = library.save_upload(fresh_db, firm.hr, EDITED.encode(), "klein.yaml")
    previous, changes = library.changes_from_previous(fresh_db, firm.hr, saved.version.id)
    assert previous.id == firm.version_id
    assert [line.split(":")[0] for line in changes.lines("nl")] == ["veilig-werken"]


def test_a_valid_edit_makes_version_2_and_earlier_conversations_keep_version_1(fresh_db, firm):
    saved = library.save_text(fresh_db, firm.hr, EDITED, "klein.yaml")
    assert saved.new and saved.version.version == 2
    form = conversations.open_form(fresh_db, firm.employee, firm.conversation_id)
    assert form.conversation.questionnaire_version_id == firm.version_id
    assert form.questionnaire.item("veilig-werken").wording("employee", "nl") == "Ik werk veilig"
    assert "questionnaire.store" in audit_actions(fresh_db)


def test_saving_the_same_text_again_stores_no_new_version(fresh_db, firm):
    saved = library.save_text(fresh_db, firm.hr, SMALL_QUESTIONNAIRE.replace("\n", "\r\n"), "klein.yaml")
    assert not saved.new and saved.version.id == firm.version_id


def test_an_uploaded_file_becomes_a_version_and_a_file_that_is_not_utf8_is_refused(fresh_db, firm):
    saved = library.save_upload(fresh_db, firm.hr, b"\xef\xbb\xbf" + EDITED.encode("utf-8"), "klein.yaml")
    assert saved.version.version == 2 and saved.version.yaml == EDITED
    with pytest.raises(InvalidQuestionnaire):
        library.save_upload(fresh_db, firm.hr, EDITED.replace("Klein", "Kléin").encode("cp1252"), "klein.yaml")
    assert len(stored_versions.list_versions(fresh_db)) == 2


def test_a_bundled_template_is_copied_into_the_library_once(fresh_db, firm):
    assert "leerklimaat.yaml" in library.templates(firm.hr)
    first = library.copy_template(fresh_db, firm.hr, "leerklimaat.yaml")
    again = library.copy_template(fresh_db, firm.hr, "leerklimaat.yaml")
    assert first.new and not again.new and first.version.id == again.version.id
    assert first.version.questionnaire_id == "leerklimaat"


def test_a_version_downloads_as_the_exact_text_it_was_stored_with(fresh_db, firm):
    file_name, data = library.version_yaml(fresh_db, firm.hr, firm.version_id)
    assert file_name == "klein-v1.yaml"
    assert data.decode("utf-8") == get_version(fresh_db, firm.version_id).yaml == SMALL_QUESTIONNAIRE


@pytest.mark.parametrize("side", ["employee", "manager"])
def test_the_preview_shows_what_the_fill_in_page_shows(fresh_db, firm, side):
    filler = firm.employee if side == "employee" else firm.manager
    form = conversations.open_form(fresh_db, filler, firm.conversation_id)
    shown = library.preview(fresh_db, firm.hr, firm.version_id, firm.employee.function_id, side, "nl")
    assert [section.id for section in shown.sections] == [section.id for section in form.sections]
    assert [[item.wording for item in section.items] for section in shown.sections] == [
        [item.wording(form.side, "nl") for item in section.items] for section in form.sections
    ]


def test_the_preview_for_another_function_adds_its_sections_and_scale_options(fresh_db, firm):
    shown = library.preview(fresh_db, firm.hr, firm.version_id, "lasser", "manager", "en")
    assert [section.id for section in shown.sections] == ["vak", "lassen", "willen"]
    first = shown.sections[0].items[0]
    assert first.wording == "The employee can read a drawing"
    assert first.options[0] == (1, "Not yet") and first.options[1] == (2, "") and first.not_applicable


@pytest.mark.parametrize("who", ["employee", "manager"])
def test_only_hr_reaches_the_library(fresh_db, firm, who):
    actor = getattr(firm, who)
    for call in (
        lambda: library.library(fresh_db, actor),
        lambda: library.save_text(fresh_db, actor, EDITED, "klein.yaml"),
        lambda: library.save_upload(fresh_db, actor, EDITED.encode(), "klein.yaml"),
        lambda: library.copy_template(fresh_db, actor, "leerklimaat.yaml"),
        lambda: library.version_yaml(fresh_db, actor, firm.version_id),
        lambda: library.preview(fresh_db, actor, firm.version_id, None, "employee", "nl"),
        lambda: library.changes_from_previous(fresh_db, actor, firm.version_id),
    ):
        with pytest.raises(NotAllowed):
            call()
    assert len(stored_versions.list_versions(fresh_db)) == 1
