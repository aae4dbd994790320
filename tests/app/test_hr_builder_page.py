"""The questionnaire builder's page under AppTest: starting a draft, composing with a live preview,
problems at their fields, a change from another tab told, what changed shown, saving a version.
The YAML tab's code editor is a component AppTest cannot type into: a test gives the page what the
editor sends after typing (``type_yaml``); the browser test types into it."""

from db import questionnaires as stored_versions
from db.people import add_person
from devtalk.questionnaire import builder as ops
from devtalk.services import builder, library
from tests.app.conftest import download, page_run_directly, texts
from tests.builders import flat, text_of

PAGE = "pages/hr_builder.py"


def builder_page(**params):
    return page_run_directly("hr", PAGE, **params)


def started(app):
    """The page after HR starts a draft of the library's version of the small questionnaire."""
    app.button(key="bstart_version_go").click().run()
    assert not app.exception
    return app


def widget(widgets, ending: str):
    """The widget whose key ends so: the part before it counts the forms' generations."""
    (found,) = [one for one in widgets if one.key and one.key.endswith(ending)]
    return found


def in_tab(app, name: str):
    """The page with another of the builder's tabs open, as a click on it leaves it."""
    app.session_state["bld_tab"] = name
    return app.run()


def type_yaml(app, text: str, event: str = "typed-1"):
    """The page after the YAML tab's editor sends ``text``, as it does a second after the last keystroke."""
    app.session_state[f"bw_yaml_{app.session_state['bld_yaml']}"] = {"id": event, "text": text}
    return app.run()


def draft_of(database, firm):
    (listed,) = builder.my_drafts(database, firm.hr)
    return builder.open_draft(database, firm.hr, listed.record.id)


def test_hr_starts_from_the_library_version_and_sees_the_draft_beside_its_preview(firm_db):
    database, firm = firm_db
    app = started(builder_page())
    assert app.query_params["draft"] == str(draft_of(database, firm).record.id)
    shown = texts(app)
    assert "1. Vakmanschap" in shown and "Schaalvraag · code tekening-lezen" in shown
    app.selectbox(key="bprev_function").set_value("lasser").run()
    app.segmented_control(key="bprev_side").set_value("manager").run()
    assert "De medewerker kan een werktekening lezen" in texts(app) and "Lassen" in texts(app)
    assert "Er is niets veranderd ten opzichte van deze versie." in texts(app)
    assert not app.exception


def test_a_wording_typed_is_in_the_draft_and_in_a_new_session_reached_by_the_drafts_address(firm_db):
    database, firm = firm_db
    app = started(builder_page())
    app.button(key=widget(app.button, "_i_veilig-werken_edit").key).click().run()
    widget(app.text_area, "_i_veilig-werken_text_nl").input("Ik werk veilig en houd het netjes").run()
    assert "Ik werk veilig en houd het netjes" in texts(app)  # in the preview beside it
    assert draft_of(database, firm).draft.item("veilig-werken").text["nl"] == "Ik werk veilig en houd het netjes"
    again = builder_page(draft=draft_of(database, firm).record.id)
    assert widget(again.text_area, "_s_vak_title_nl").value == "Vakmanschap"
    assert "Ik werk veilig en houd het netjes" in texts(again)
    assert not again.exception


def test_every_problem_is_shown_at_its_field_and_nothing_can_be_saved(firm_db):
    database, _ = firm_db
    app = started(builder_page())
    app.button(key=widget(app.button, "_i_tekening-lezen_edit").key).click().run()
    widget(app.text_area, "_i_tekening-lezen_text_en").input("").run()
    assert "1 fout: zo kan de vragenlijst niet worden opgeslagen." in texts(app)
    assert "De tekst is leeg." in texts(app)  # under the English box of that question
    assert "Het voorbeeld verschijnt zodra de fouten zijn opgelost." in texts(app)
    assert app.button(key="bw_save").disabled
    assert len(stored_versions.list_versions(database)) == 1
    assert not app.exception


def test_hr_composes_from_empty_a_scale_a_section_and_a_question_seen_in_the_preview(firm_db):
    database, firm = firm_db
    app = builder_page()
    app.radio(key="bstart_languages").set_value(("nl",)).run()
    app.text_input(key="bstart_title_nl").input("Werkplaatsgesprek").run()
    app.button(key="bstart_empty_go").click().run()
    in_tab(app, "Schalen").text_input(key="bnew_scale_name").input("Mate").run()
    app.number_input(key="bnew_scale_points").set_value(4).run()
    app.toggle(key="bnew_scale_na").set_value(True).run()
    app.button(key="bnew_scale_add").click().run()
    in_tab(app, "Samenstellen").text_input(key="bnew_section_nl").input("Vakwerk").run()
    app.button(key="bnew_section_add").click().run()
    app.text_input(key="bnew_item_vakwerk").input("Ik werk netjes").run()
    app.button(key="bnew_item_vakwerk_add").click().run()
    assert not app.exception
    opened = draft_of(database, firm)
    assert opened.valid, [problem.render("nl") for problem in opened.problems]
    assert opened.draft.scale("mate").points == (1, 2, 3, 4) and opened.draft.scale("mate").not_applicable
    assert "Ik werk netjes" in texts(app) and "Werkplaatsgesprek" in texts(app)
    assert app.text_input(key="bnew_item_vakwerk").value == ""  # ready for the next question
    assert "Dit wordt de eerste versie van deze vragenlijst." in texts(app)


def test_what_changed_is_shown_before_saving_and_saving_stores_version_2(firm_db):
    database, firm = firm_db
    app = started(builder_page())
    app.button(key=widget(app.button, "_i_veilig-werken_edit").key).click().run()
    widget(app.text_area, "_i_veilig-werken_text_nl").input("Ik werk altijd veilig").run()
    (changes,) = app.table
    rows = changes.value.to_dict("records")
    assert [(row["Vorige versie"], row["Dit concept"]) for row in rows] == [("Ik werk veilig", "Ik werk altijd veilig")]
    assert rows[0]["Verandering"].startswith("veilig\\-werken\\: ")  # as markdown that shows it literally
    app.button(key="bw_save").click().run()
    assert "Opgeslagen als versie 2 van 'klein'." in texts(app)
    assert "draft" not in app.query_params
    assert stored_versions.list_versions(database)[0].version == 2
    assert builder.my_drafts(database, firm.hr) == []
    app.button(key="bw_to_rounds").click().run()  # the rounds page opens with the new version chosen
    assert app.session_state["round_version"] == stored_versions.list_versions(database)[0].id
    assert not app.exception


def test_a_scale_length_change_warns_that_it_breaks_trends(firm_db):
    app = in_tab(started(builder_page()), "Schalen")
    app.number_input(key=widget(app.number_input, "_c_beheersing_points").key).set_value(4).run()
    assert "breken de trend" in texts(app)
    assert not app.exception


def test_a_change_made_in_another_tab_is_told_and_this_tab_may_keep_its_own(firm_db):
    database, firm = firm_db
    app = started(builder_page())
    record = draft_of(database, firm).record
    builder.change(database, firm.hr, record.id, record.revision, ops.remove_section, 2)  # another tab
    app.button(key=widget(app.button, "_s_vak_down").key).click().run()
    assert "in een ander tabblad of op een ander apparaat" in texts(app)
    assert len(draft_of(database, firm).draft.sections) == 2  # the other tab's change stands
    app.button(key="bw_conflict_keep").click().run()  # this tab's draft, with the move it was refused
    assert [section.id for section in draft_of(database, firm).draft.sections] == ["lassen", "vak", "willen"]
    assert "3. Willen" in texts(app)
    assert not app.exception


def test_a_second_save_after_someone_elses_version_is_told_with_both_choices(firm_db):
    database, firm = firm_db
    app = started(builder_page())
    anna = add_person(database, name="Anna Visser", username="anna", roles=("employee", "hr_admin"))
    text = stored_versions.get_version(database, firm.version_id).yaml
    library.save_text(database, anna, text.replace("Ik werk veilig", "Ik werk veilig!"), "klein.yaml")
    app.button(key=widget(app.button, "_i_energie_edit").key).click().run()
    widget(app.text_area, "_i_energie_text_nl").input("Wat geeft jou energie?").run()
    app.button(key="bw_save").click().run()
    assert "Anna Visser heeft om" in texts(app) and "versie 2" in texts(app)
    assert len(stored_versions.list_versions(database)) == 2
    app.button(key="bw_newer_keep").click().run()
    assert "Opgeslagen als versie 3 van 'klein'." in texts(app)
    assert not app.exception


def test_the_paper_form_of_a_version_and_job_function_is_one_click_away(firm_db, deferred_downloads):
    app = started(builder_page())
    app.selectbox(key="bpaper_function").set_value("lasser").run()
    app.button(key="builder_paper_make").click().run()
    assert not app.exception
    form = flat(text_of(download(app, "builder_paper_download", deferred_downloads)))
    assert "Ik kan TIG lassen" in form


def test_starting_a_questionnaire_one_already_drafts_continues_that_draft_or_starts_it_over(firm_db):
    database, firm = firm_db
    app = started(builder_page())
    app.button(key=widget(app.button, "_s_willen_remove").key).click().run()
    app.button(key="bw_close").click().run()
    (continuing,) = [button for button in app.button if button.key.startswith("bw_open_")]
    assert continuing.label.startswith("Verder met 'Klein gesprek' (klein, laatst gewijzigd")
    app.button(key="bstart_version_go").click().run()
    assert "Je had hier al een concept van" in texts(app)
    assert len(draft_of(database, firm).draft.sections) == 2  # kept as it was
    app.button(key="bstart_over").click().run()
    assert len(draft_of(database, firm).draft.sections) == 3
    assert "3. Willen" in texts(app)
    assert not app.exception


def test_an_open_question_is_put_on_the_conversations_agenda_by_its_tag(firm_db):
    database, firm = firm_db
    app = started(builder_page())
    app.button(key=widget(app.button, "_i_energie_edit").key).click().run()
    widget(app.multiselect, "_i_energie_tags").set_value(["energy", "learning_wish"]).run()
    assert draft_of(database, firm).draft.item("energie").tags == ("energy", "learning_wish")
    assert not app.exception


def test_a_draft_discarded_in_another_tab_sends_this_one_back_to_the_start(firm_db):
    database, firm = firm_db
    app = started(builder_page())
    record = draft_of(database, firm).record
    builder.discard(database, firm.hr, record.id)  # another tab
    app.run()
    assert "Dit concept bestaat niet meer" in texts(app) and "Nieuw concept" in texts(app)
    assert "draft" not in app.query_params
    assert not app.exception


def test_words_typed_after_another_tabs_change_are_kept_when_this_tab_keeps_its_own(firm_db):
    database, firm = firm_db
    app = started(builder_page())
    record = draft_of(database, firm).record
    builder.change(database, firm.hr, record.id, record.revision, ops.remove_section, 2)  # another tab
    widget(app.text_area, "_s_vak_title_nl").input("Vakmanschap in de werkplaats").run()
    assert "in een ander tabblad of op een ander apparaat" in texts(app)
    app.button(key="bw_conflict_keep").click().run()
    kept = draft_of(database, firm).draft
    assert kept.sections[0].title["nl"] == "Vakmanschap in de werkplaats" and len(kept.sections) == 3
    assert not app.exception


def test_names_and_titles_are_shown_literally_never_as_markdown(firm_db):
    database, firm = firm_db
    anna = add_person(database, name="Anna *Visser*", username="anna", roles=("employee", "hr_admin"))
    builder.start_from_version(database, anna, firm.version_id)  # Anna drafts the same questionnaire
    app = started(builder_page())
    (other,) = [info.value for info in app.info if "werkt ook aan" in info.value]
    assert other.startswith(r"Anna \*Visser\* werkt ook aan")
    builder.start_empty(database, firm.hr, {"nl": "[Groot](http://x) gesprek"}, ("nl",))
    app.button(key="bw_close").click().run()
    labels = [button.label for button in app.button if button.key.startswith("bw_open_")]
    assert any(label.startswith(r"Verder met '\[Groot\]\(http\:") for label in labels), labels
    assert not app.exception


def test_sections_are_named_in_the_users_language_in_their_headings_and_the_move_list(firm_db):
    app = started(builder_page())
    app.session_state["lang"] = "en"
    app.button(key=widget(app.button, "_i_veilig-werken_edit").key).click().run()
    assert "1. Craft" in texts(app)
    assert widget(app.selectbox, "_i_veilig-werken_section").options == ["1. Craft", "2. Welding", "3. Want"]
    assert not app.exception


HALF_TYPED = "id: klein\ntitle: {nl: Klein gesprek"  # the closing brace not typed yet


def test_half_typed_yaml_survives_a_reload_in_the_editor_with_its_problems_and_blocks_saving(firm_db):
    database, firm = firm_db
    app = type_yaml(in_tab(started(builder_page()), "YAML"), HALF_TYPED)
    assert "1 fout in de YAML; het concept blijft zoals het was tot de tekst klopt." in texts(app)
    again = builder_page(draft=draft_of(database, firm).record.id)  # a reload, or the tab closed and opened again
    assert "In de YAML-weergave staat tekst met 1 fout" in texts(again)  # told on the forms' tab too
    assert again.button(key="bw_save").disabled
    in_tab(again, "YAML")
    assert again.session_state["bld_yaml_seed"][1] == HALF_TYPED  # the editor starts from what was typed
    assert "concept.yaml:2: " in texts(again)
    text = builder.as_yaml(database, firm.hr, draft_of(database, firm).record.id)
    type_yaml(again, text.replace("Ik werk veilig", "Ik werk altijd veilig"), "typed-2")
    assert draft_of(database, firm).record.yaml_text is None
    assert "In de YAML-weergave staat tekst" not in texts(again) and not again.button(key="bw_save").disabled
    assert "Ik werk altijd veilig" in texts(again)  # in the preview
    assert not again.exception


def test_yaml_typed_after_another_tabs_change_is_kept_when_this_tab_keeps_its_own(firm_db):
    database, firm = firm_db
    app = in_tab(started(builder_page()), "YAML")
    record = draft_of(database, firm).record
    builder.change(database, firm.hr, record.id, record.revision, ops.remove_section, 2)  # another tab
    type_yaml(app, HALF_TYPED)
    assert "in een ander tabblad of op een ander apparaat" in texts(app)
    app.button(key="bw_conflict_keep").click().run()
    kept = draft_of(database, firm)
    assert kept.record.yaml_text == HALF_TYPED and len(kept.draft.sections) == 3
    assert app.session_state["bld_yaml_seed"][1] == HALF_TYPED
    assert not app.exception
