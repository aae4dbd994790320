"""HR: the questionnaire builder. Start from a bundled template, a stored version or nothing; compose
sections, questions and scales in forms (or as YAML in a code editor) beside a live preview at
phone width; see what changed since last year's version; save it as a new version.

Every change is stored in the draft at once (texts while typing), so a reload or a closed tab
loses nothing; the draft's address (``?draft=``) brings a reload back to it.
"""

import pandas as pd
import streamlit as st

from devtalk.domain.models import SIDES
from devtalk.errors import NotFound
from devtalk.i18n import LANGUAGES
from devtalk.presentation.formatting import format_datetime
from devtalk.questionnaire import builder as ops
from devtalk.questionnaire import localized
from devtalk.services import builder, library, printing
from ui import (
    builder_draft,
    builder_fields,
    builder_yaml,
    callbacks,
    navigation,
    questionnaire_preview,
    session,
)
from ui.builder_draft import BUILDER, CONFLICT, NEWER, RESTART, TAB
from ui.downloads import pdf_download
from ui.session import tr
from ui.text import escape_markdown, plain_table

st.set_page_config(layout="wide")  # the builder and the phone-wide preview side by side
person = session.require_hr()
db = session.database()
lang = session.language()


# -- starting --------------------------------------------------------------------------------

@callbacks.signed_in(BUILDER)
def start(person, how, *args) -> None:
    """``how(db, person, *args)``: one of the service's starts."""
    builder_draft.started(how(db, person, *args), how, args)


@callbacks.signed_in(BUILDER)
def start_over(person) -> None:
    how, args = st.session_state.pop(RESTART)
    builder_draft.open_record(how(db, person, *args, again=True).record)


# The languages a questionnaire can be in: both, or one alone (a small Dutch firm needs no English).
LANGUAGE_CHOICES = (LANGUAGES, *((code,) for code in LANGUAGES))


def start_empty(person) -> None:
    state = st.session_state
    chosen = state.get("bstart_languages") or LANGUAGES
    start(builder.start_empty, {code: state.get(f"bstart_title_{code}", "") for code in chosen}, chosen)


def show_start() -> None:
    st.session_state.pop(RESTART, None)  # only for the draft it was said about
    mine = builder.my_drafts(db, person)
    if mine:
        st.header(tr("builder.drafts_heading"))
        for listed in mine:
            record = listed.record
            label = tr("builder.draft_line", title=escape_markdown(localized(listed.title, lang) or record.questionnaire_id),
                       id=escape_markdown(record.questionnaire_id), at=format_datetime(record.updated_at, lang))
            st.button(label, key=f"bw_open_{record.id}", on_click=builder_draft.open_record, args=(record,),
                      icon=":material/edit_note:")
    st.header(tr("builder.start_heading"))
    versions = {version.id: version for version in library.list_versions(db, person)}
    with st.expander(tr("builder.start_version"), expanded=bool(versions)):
        if versions:
            st.selectbox(tr("builder.version"), list(versions), key="bstart_version",
                         format_func=lambda v: library.version_label(versions[v], lang))
            st.button(tr("builder.start"), key="bstart_version_go", on_click=lambda: start(
                builder.start_from_version, st.session_state.get("bstart_version")))
        else:
            st.caption(tr("builder.no_versions"))
    with st.expander(tr("builder.start_template")):
        st.selectbox(tr("builder.template"), library.templates(person), key="bstart_template")
        st.button(tr("builder.start"), key="bstart_template_go", on_click=lambda: start(
            builder.start_from_template, st.session_state.get("bstart_template", "")))
    with st.expander(tr("builder.start_empty"), expanded=not versions):
        names = [tr(f"people.language_name_{code}") for code in LANGUAGES]
        labels = dict(zip(LANGUAGE_CHOICES, [tr("builder.languages_and", first=names[0], second=names[1]), *names]))
        chosen = st.radio(tr("builder.languages"), LANGUAGE_CHOICES, key="bstart_languages", horizontal=True,
                          format_func=labels.get)
        for code in chosen:
            st.text_input(tr("builder.title_in", language=tr(f"people.language_name_{code}")),
                          key=f"bstart_title_{code}")
        st.button(tr("builder.start"), key="bstart_empty_go", on_click=callbacks.run, args=(BUILDER, start_empty))


# -- one draft -------------------------------------------------------------------------------

@callbacks.signed_in(BUILDER)
def discard(person, draft_id: int) -> None:
    builder.discard(db, person, draft_id)
    builder_draft.close()
    session.say(BUILDER, "builder.discarded")


@callbacks.signed_in(BUILDER)
def save(person, draft_id: int, over_newer: bool = False) -> None:
    st.session_state.pop(NEWER, None)
    try:
        saved = builder.save(db, person, draft_id, builder_draft.seen_revision(), over_newer=over_newer)
    except builder.NewerVersion as newer:
        st.session_state[NEWER] = (newer.version, newer.by)
        return
    except builder.DraftChanged as changed:
        st.session_state[CONFLICT] = changed.changed_at
        return
    builder_draft.close()
    version = saved.version
    session.say(BUILDER, "hr_library.stored" if saved.new else "hr_library.unchanged",
                id=version.questionnaire_id, version=version.version)
    st.session_state["bld_saved"] = (version.id, version.questionnaire_id)


@callbacks.signed_in(BUILDER)
def reload_newer(person, version_id: int) -> None:
    builder_draft.open_record(builder.start_from_version(db, person, version_id, again=True).record)


def show_conflict(opened: builder.Opened) -> None:
    """Another tab or device changed the draft: say when, and let HR choose; draw nothing else."""
    st.warning(tr("builder.draft_changed", at=format_datetime(st.session_state[CONFLICT], lang)))
    reload_column, keep_column = st.columns(2)
    reload_column.button(tr("builder.show_newer"), key="bw_conflict_reload", on_click=builder_draft.open_record,
                         args=(opened.record,))
    keep_column.button(tr("builder.keep_mine"), key="bw_conflict_keep", on_click=builder_draft.keep_mine)
    st.stop()


def show_header(opened: builder.Opened) -> None:
    draft = opened.draft
    st.subheader(escape_markdown(localized(draft.title, lang) or draft.id))
    st.caption(tr("builder.stored_at", id=draft.id, at=format_datetime(opened.record.updated_at, lang)))
    for other in opened.others:
        st.info(tr("builder.others", name=escape_markdown(other.name), at=format_datetime(other.updated_at, lang)))
    if RESTART in st.session_state:  # the start resumed this draft: beginning anew is one click
        st.button(tr("builder.start_over"), key="bstart_over", on_click=start_over, icon=":material/restart_alt:")
    close_column, discard_column = st.columns(2)
    close_column.button(tr("builder.close"), key="bw_close", on_click=builder_draft.close,
                        icon=":material/arrow_back:")
    with discard_column.popover(tr("builder.discard"), icon=":material/delete:"):
        st.caption(tr("builder.discard_explained"))
        st.button(tr("builder.discard_confirm"), key="bw_discard", type="primary", on_click=discard,
                  args=(opened.record.id,))
    if opened.record.yaml_text is not None:  # shown on every tab: the forms and the save do not hold it
        st.warning(tr("builder.yaml_waiting", count=len(opened.typed_problems)))
    if opened.problems:
        st.error(tr("builder.problems", count=len(opened.problems)))
        with st.expander(tr("builder.problems_list")):
            for problem in opened.problems:
                st.text(problem.render(lang))




def show_preview(opened: builder.Opened) -> None:
    functions = {f.id: f.name for f in library.job_functions(db, person)}
    st.selectbox(tr("hr_library.preview_function"), [None, *functions], key="bprev_function",
                 format_func=lambda f: functions[f] if f else tr("hr_library.no_function"))
    session.seed("bprev_side", "employee")
    side = st.segmented_control(tr("hr_library.preview_side"), SIDES, key="bprev_side",
                                format_func=lambda s: tr(f"hr_library.as_{s}")) or "employee"
    shown = builder.preview(db, person, opened.record.id, st.session_state.get("bprev_function"), side, lang)
    # A phone's width, so HR sees the lines break where the shop floor will; it stays in view while
    # HR scrolls down the questions (our own fixed rule, no user text in it).
    st.html("<style>[data-testid='stColumn']:has(.st-key-bprev) { position: sticky; top: 4rem; align-self: flex-start; }"
            " .st-key-bprev { max-height: calc(100vh - 14rem); overflow-y: auto; }</style>")
    with st.container(border=True, key="bprev", width=390):
        if shown is None:
            st.caption(tr("builder.preview_invalid"))
        else:
            questionnaire_preview.show(shown, "bprev_i_")


def show_saving(opened: builder.Opened) -> None:
    """What changed since the version to compare with, then the save (and what stands in its way)."""
    st.header(tr("builder.save_heading"))
    versions, default = builder.comparable_versions(db, person, opened.record.id)
    if versions:
        by_id = {version.id: version for version in versions}
        chosen = st.selectbox(tr("builder.compare_with"), list(by_id), index=list(by_id).index(default),
                              key=f"bw_compare_{opened.record.id}",
                              format_func=lambda v: tr("hr_library.version_label", version=by_id[v].version,
                                                       date=format_datetime(by_id[v].created_at, lang)))
        compared = builder.changes_since(db, person, opened.record.id, chosen)
        if compared is None:
            st.caption(tr("builder.changes_invalid"))
        else:
            show_changes(compared)
    else:
        st.caption(tr("builder.first_version"))
    if newer := st.session_state.get(NEWER) or opened.newer:
        version, by = newer
        st.warning(tr("builder.newer_version", version=version.version, by=escape_markdown(by) or "—",
                      at=format_datetime(version.created_at, lang)))
        reload_column, keep_column = st.columns(2)
        reload_column.button(tr("builder.reload_newer", version=version.version), key="bw_newer_reload",
                             on_click=reload_newer, args=(version.id,))
        keep_column.button(tr("builder.save_anyway"), key="bw_newer_keep", on_click=save,
                           args=(opened.record.id, True))
    st.caption(tr("hr_library.new_version_explained"))
    st.button(tr("builder.save"), key="bw_save", type="primary", disabled=not opened.valid, on_click=save,
              args=(opened.record.id,), icon=":material/save:")


def show_changes(compared: builder.Compared) -> None:
    """What changed, item by item, the wording before and after side by side; a rewording may keep its old id."""
    found = compared.diff
    if not found:
        st.success(tr("builder.nothing_changed"))
        return
    if found.breaks_trends:
        st.warning(tr("builder.breaks_trends"))
    plain_table(pd.DataFrame([{
        tr("builder.col_change"): change.render(lang),
        tr("builder.col_before"): _wording(compared.before, change.id, lang),
        tr("builder.col_after"): _wording(compared.after, change.id, lang),
    } for change in found.changes]))
    for rewording in found.rewordings:
        st.info(tr("builder.rewording", removed=rewording.removed, added=rewording.added))
        st.button(tr("builder.keep_id", id=rewording.removed), key=f"bw_keep_{rewording.added}",
                  on_click=builder_draft.apply, args=(ops.set_item_id, rewording.added, rewording.removed))


def _wording(questionnaire, item_id: str, lang: str) -> str:
    try:
        return questionnaire.item(item_id).wording("employee", lang)
    except KeyError:
        return "—"


def show_paper_form(opened: builder.Opened) -> None:
    """Any stored version's empty form for a job function, to print, as the library offers it."""
    with st.expander(tr("hr_library.paper_heading")):
        versions = {version.id: version for version in library.list_versions(db, person)}
        if not versions:
            st.caption(tr("builder.no_versions"))
            return
        own = [v for v in versions.values() if v.questionnaire_id == opened.draft.id]
        version_id = st.selectbox(tr("builder.version"), list(versions), key="bpaper_version",
                                  index=list(versions).index(own[0].id) if own else 0,
                                  format_func=lambda v: library.version_label(versions[v], lang))
        functions = {f.id: f.name for f in library.job_functions(db, person)}
        function_id = st.selectbox(tr("hr_library.preview_function"), [None, *functions], key="bpaper_function",
                                   format_func=lambda f: functions[f] if f else tr("hr_library.no_function"))
        side = st.segmented_control(tr("hr_library.preview_side"), SIDES, key="bpaper_side", default="employee",
                                    format_func=lambda s: tr(f"hr_library.as_{s}")) or "employee"
        form_lang = st.selectbox(tr("hr_library.paper_language"), LANGUAGES, key="bpaper_language",
                                 index=LANGUAGES.index(lang), format_func=lambda code: tr(f"people.language_name_{code}"))
        version = versions[version_id]
        pdf_download("builder_paper", tr("download.paper_form"),
                     lambda person: printing.paper_form_pdf(db, person, version.id, function_id, form_lang, side),
                     "-".join(["paper-form", version.questionnaire_id, str(version.version),
                               *([function_id] if function_id else []), side, form_lang]) + ".pdf")


def show_draft(opened: builder.Opened) -> None:
    if builder_draft.seen_draft() == opened.record.id:
        builder_yaml.take_typed(opened)
    builder_draft.note_seen(opened.record)
    if CONFLICT in st.session_state:
        show_conflict(opened)
    show_header(opened)
    composing, previewing = st.columns([5, 4], gap="medium")
    with composing:
        form_tab, scales_tab, yaml_tab = st.tabs(
            [tr("builder.tab_compose"), tr("builder.tab_scales"), tr("builder.tab_yaml")], key=TAB,
            on_change="rerun")
        # Only the open tab is drawn: a bundled template's forms are hundreds of widgets.
        if form_tab.open:
            with form_tab:
                builder_fields.show_questionnaire(opened, {f.id: f.name for f in library.job_functions(db, person)},
                                                  lang)
        if scales_tab.open:
            with scales_tab:
                builder_fields.show_scales(opened, lang)
        if yaml_tab.open:
            with yaml_tab:
                builder_yaml.code_editor_yaml(person, opened, lang)
        else:
            builder_yaml.forget_yaml()
    with previewing:
        show_preview(opened)
    show_saving(opened)
    show_paper_form(opened)


def go_to(page: str, **chosen) -> None:
    """Open ``page`` on the next run (app.py switches: a page link needs the navigation, which a page
    run on its own lacks), with its choices as given."""
    st.session_state.update({session.LAND_ON: page, **chosen})


st.title(tr("builder.page_title"))
session.show(BUILDER)
if saved := st.session_state.pop("bld_saved", None):
    saved_id, questionnaire_id = saved
    # The rounds page and the library open with the version just stored chosen.
    st.button(tr("builder.to_rounds"), key="bw_to_rounds", icon=":material/arrow_forward:", on_click=go_to,
              args=(navigation.HR_ROUNDS,), kwargs={"round_version": saved_id})
    st.button(tr("builder.to_library"), key="bw_to_library", icon=":material/arrow_forward:", on_click=go_to,
              args=(navigation.HR_LIBRARY,),
              kwargs={"lib_questionnaire": questionnaire_id, f"lib_version_{questionnaire_id}": saved_id})
builder_draft.arrive()
draft_id = session.query_int("draft")
try:
    opened = None if draft_id is None else builder.open_draft(db, person, draft_id)
except NotFound:  # saved or discarded in another tab meanwhile, or an address that never was one
    builder_draft.close()
    st.info(tr("builder.draft_gone"))
    opened = None
if opened is None:
    show_start()
else:
    show_draft(opened)
