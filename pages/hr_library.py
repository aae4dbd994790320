"""HR: the questionnaire library. Versions, a preview per job function and side, downloads,
templates; a version is changed in the builder (one click opens it there), or a new one uploaded
(nothing is stored while the file is invalid; what it changes since the version before is shown)."""

import pandas as pd
import streamlit as st

from devtalk.domain.models import SIDES
from devtalk.i18n import LANGUAGES
from devtalk.presentation.formatting import format_datetime
from devtalk.questionnaire import InvalidQuestionnaire
from devtalk.services import builder, library, printing
from ui import (
    builder_draft,
    callbacks,
    navigation,
    questionnaire_preview,
    session,
    widgets,
)
from ui.downloads import pdf_download
from ui.session import tr

person = session.require_hr()
db = session.database()
lang = session.language()
LIBRARY = "library"  # the slot where a click's outcome waits, at the top


def stored(saved: library.Saved) -> None:
    """After a save: say what happened and show the stored version."""
    version = saved.version
    key = "hr_library.stored" if saved.new else "hr_library.unchanged"
    session.say(LIBRARY, key, id=version.questionnaire_id, version=version.version)
    st.session_state["lib_questionnaire"] = version.questionnaire_id
    st.session_state[f"lib_version_{version.questionnaire_id}"] = version.id


def problems_listed(operation, *args) -> library.Saved:
    """A refused questionnaire's problems are listed under the upload; the refusal itself is said
    at the top (by ``callbacks.run``)."""
    try:
        return operation(*args)
    except InvalidQuestionnaire as error:
        st.session_state["lib_upload_problems"] = [problem.render(lang) for problem in error.problems]
        raise


@callbacks.signed_in(LIBRARY)
def save_upload(person) -> None:
    upload = st.session_state.get("lib_upload")
    if upload is None:
        session.say(LIBRARY, "hr_library.choose_file", kind=session.ERROR)
        return
    saved = problems_listed(library.save_upload, db, person, upload.getvalue(), upload.name)
    stored(saved)
    if saved.new and (compared := library.changes_from_previous(db, person, saved.version.id)):
        previous, changes = compared
        st.session_state["lib_upload_changes"] = (previous.version, changes.breaks_trends, changes.lines(lang))


@callbacks.signed_in(LIBRARY)
def open_in_builder(person, version_id: int) -> None:
    builder_draft.open_in_builder(person, builder.start_from_version, version_id, tab="builder.tab_yaml")


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
        if "lib_upload_changes" in st.session_state:
            show_upload_changes(*st.session_state.pop("lib_upload_changes"))


def show_upload_changes(previous: int, breaks_trends: bool, lines: list[str]) -> None:
    """What the stored upload changed since the version before it, one change per line by id."""
    if not lines:
        st.info(tr("hr_library.upload_nothing_changed", version=previous))
        return
    (st.warning if breaks_trends else st.info)(tr("hr_library.upload_changes", version=previous, count=len(lines)))
    show_problems(lines)


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
actions = st.container(horizontal=True)  # one row of buttons, each as wide as its label
# The builder opens on this version as YAML, for who changed it as text here before; the forms are a tab away.
actions.button(tr("hr_library.change_in_builder"), key="lib_change", icon=":material/edit:", type="primary",
               on_click=open_in_builder, args=(version.id,))
actions.download_button(tr("hr_library.download"), data, file_name=file_name, mime="application/x-yaml",
                        key="lib_download", icon=":material/download:")
st.caption(tr("hr_library.new_version_explained"))
st.subheader(tr("hr_library.preview_heading"))
show_preview(version)
