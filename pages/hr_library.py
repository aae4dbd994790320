"""HR: the questionnaire library. Versions, a new version from an upload or an edit (nothing is
stored while the text is invalid), a preview per job function and side, downloads, templates."""

import pandas as pd
import streamlit as st

from devtalk.domain.models import SIDES
from devtalk.i18n import LANGUAGES
from devtalk.presentation.formatting import format_datetime
from devtalk.questionnaire import InvalidQuestionnaire
from devtalk.services import library, printing
from ui import callbacks, navigation, questionnaire_preview, session, widgets
from ui.downloads import pdf_download
from ui.session import tr

person = session.require_hr()
db = session.database()
lang = session.language()
LIBRARY = "library"  # the slot where a click's outcome waits, at the top


def stored(saved: library.Saved, replaced_editor: str | None = None) -> None:
    """After a save: say what happened and show the stored version."""
    version = saved.version
    key = "hr_library.stored" if saved.new else "hr_library.unchanged"
    session.say(LIBRARY, key, id=version.questionnaire_id, version=version.version)
    st.session_state["lib_questionnaire"] = version.questionnaire_id
    st.session_state[f"lib_version_{version.questionnaire_id}"] = version.id
    if replaced_editor:
        # The edited text now lives on as a stored version; the one edited shows its own text again.
        st.session_state.pop(replaced_editor, None)


def problems_listed(operation, *args) -> library.Saved:
    """A refused questionnaire's problems are listed under the upload; the refusal itself is said
    at the top (by ``callbacks.run``)."""
    try:
        return operation(*args)
    except InvalidQuestionnaire as error:
        st.session_state["lib_upload_problems"] = [problem.render(lang) for problem in error.problems]
        raise


@callbacks.signed_in(LIBRARY)
def save_edit(person, editor: str, filename: str) -> None:
    # The editor lists the problems of the text as typed; the refusal itself is said at the top.
    stored(library.save_text(db, person, st.session_state.get(editor, ""), filename), editor)


@callbacks.signed_in(LIBRARY)
def save_upload(person) -> None:
    upload = st.session_state.get("lib_upload")
    if upload is None:
        session.say(LIBRARY, "hr_library.choose_file", kind=session.ERROR)
        return
    stored(problems_listed(library.save_upload, db, person, upload.getvalue(), upload.name))


@callbacks.signed_in(LIBRARY)
def copy_template(person) -> None:
    stored(problems_listed(library.copy_template, db, person, st.session_state.get("lib_template", "")))


def show_problems(lines: list[str]) -> None:
    """One problem per block, literally: they quote what was typed."""
    for line in lines:
        st.text(line)


def show_adding() -> None:
    with st.expander(tr("hr_library.template_heading"), expanded=not entries):
        st.caption(tr("hr_library.template_explained"))
        st.selectbox(tr("hr_library.template"), library.templates(person), key="lib_template")
        st.button(tr("hr_library.copy"), key="lib_copy", on_click=copy_template)
    with st.expander(tr("hr_library.upload_heading")):
        st.file_uploader(tr("hr_library.upload"), type=["yaml", "yml"], key="lib_upload")
        st.button(tr("hr_library.upload_save"), key="lib_upload_save", on_click=save_upload)
        if "lib_upload_problems" in st.session_state:
            show_problems(st.session_state.pop("lib_upload_problems"))


def show_list() -> None:
    st.dataframe(pd.DataFrame([{
        tr("hr_library.col_id"): entry.questionnaire_id,
        tr("hr_library.col_title"): entry.title(lang),
        tr("hr_library.col_versions"): len(entry.versions),
        tr("hr_library.col_latest"): format_datetime(entry.latest.created_at, lang),
    } for entry in entries]), hide_index=True, width="stretch", key="lib_table")


def show_preview(version) -> None:
    functions = {f.id: f.name for f in library.job_functions(db, person)}
    choices = [None, *functions]
    st.selectbox(tr("hr_library.preview_function"), choices, key="lib_preview_function",
                 format_func=lambda f: functions[f] if f else tr("hr_library.no_function"))
    session.seed("lib_preview_side", "employee")
    side = st.segmented_control(tr("hr_library.preview_side"), SIDES, key="lib_preview_side",
                                format_func=lambda s: tr(f"hr_library.as_{s}")) or "employee"
    show_paper_form(version, st.session_state.get("lib_preview_function"), side)
    shown = library.preview(db, person, version.id, st.session_state.get("lib_preview_function"), side, lang)
    with st.container(border=True, key="lib_preview"):
        questionnaire_preview.show(shown, "lib_preview_")


def show_paper_form(version, function_id: str | None, side: str) -> None:
    """The questions the preview shows, as an empty form to print, in the language asked."""
    with st.expander(tr("hr_library.paper_heading")):
        st.caption(tr("hr_library.paper_explained"))
        session.seed("lib_paper_language", lang)
        form_lang = st.selectbox(tr("hr_library.paper_language"), LANGUAGES, key="lib_paper_language",
                                 format_func=lambda code: tr(f"people.language_name_{code}"))
        pdf_download("paper_form", tr("download.paper_form"),
                     lambda person: printing.paper_form_pdf(db, person, version.id, function_id, form_lang, side),
                     "-".join(["paper-form", version.questionnaire_id, str(version.version),
                               *([function_id] if function_id else []), side, form_lang]) + ".pdf")


def show_editor(version) -> None:
    editor, filename = f"lib_editor_{version.id}", f"{version.questionnaire_id}.yaml"
    session.seed(editor, version.yaml)
    text = st.session_state[editor]
    problems = [] if text == version.yaml else library.check_text(person, text, filename)
    typing, messages = st.columns([3, 2])
    typing.text_area(tr("hr_library.editor"), key=editor, height=520)
    with messages:
        if problems:
            st.error(tr("hr_library.problems", count=len(problems)))
            show_problems([problem.render(lang) for problem in problems])
        else:
            st.success(tr("hr_library.valid"))
        st.caption(tr("hr_library.new_version_explained"))
        st.button(tr("hr_library.save"), key="lib_save", type="primary", disabled=text == version.yaml,
                  on_click=save_edit, args=(editor, filename))
    with st.expander(tr("hr_library.numbered")):
        st.code(text, language="yaml", line_numbers=True)


st.title(tr("nav.hr_library"))
session.show(LIBRARY)
# Opened by app.py on the next run: a page link needs the navigation, which a page run on its own lacks.
st.button(tr("builder.library_entry"), key="lib_to_builder", icon=":material/construction:",
          on_click=lambda: st.session_state.update({session.LAND_ON: navigation.HR_BUILDER}))
entries = library.library(db, person)
show_adding()
widgets.stop_when_empty(entries, "hr_library.empty")
st.header(tr("hr_library.list_heading"))
show_list()
by_id = {entry.questionnaire_id: entry for entry in entries}
chosen = by_id[st.selectbox(tr("hr_library.choose"), list(by_id), key="lib_questionnaire",
                            format_func=lambda qid: f"{by_id[qid].title(lang)} ({qid})")]
versions = {version.id: version for version in chosen.versions}
version = versions[st.selectbox(
    tr("hr_library.version"), list(versions), key=f"lib_version_{chosen.questionnaire_id}",
    format_func=lambda v: tr("hr_library.version_label", version=versions[v].version,
                             date=format_datetime(versions[v].created_at, lang)))]
file_name, data = library.version_yaml(db, person, version.id)
st.download_button(tr("hr_library.download"), data, file_name=file_name, mime="application/x-yaml",
                   key="lib_download", icon=":material/download:")
# Tracked on the server, so a save (and the rerun after it) leaves HR in the tab they were in.
preview_tab, edit_tab = st.tabs([tr("hr_library.preview_heading"), tr("hr_library.edit_heading")], key="lib_tab",
                                on_change="rerun")
with preview_tab:
    show_preview(version)
with edit_tab:
    show_editor(version)
