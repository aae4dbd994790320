"""HR: people and job functions, and importing people from a spreadsheet (all or nothing)."""

import streamlit as st

from devtalk.domain.models import ROLES
from devtalk.i18n import LANGUAGES
from devtalk.questionnaire import localized
from devtalk.services import library, people, people_files
from devtalk.spreadsheets.people_import import ImportFailed
from ui import callbacks, session, widgets
from ui.session import tr
from ui.text import escape_markdown

person = session.require_hr()
db = session.database()
lang = session.language()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TABS = ("people", "functions", "import")  # the names a link uses in ?tab=
# The fields of the two add forms, as the services name them in InvalidInput.field.
PERSON_FIELDS = ("name", "username", "email", "function", "roles", "language", "manager")
FUNCTION_FIELDS = ("id", "name", "description")
NEW_PERSON, NEW_FUNCTION = "new_person", "new_function"  # the slots of the two add forms
functions = {f.id: f for f in people.list_functions(db, person)}
everyone = {p.id: p for p in people.list_people(db, person)}


@callbacks.signed_in("hr_people")
def change(person, operation, *args, saying: str, **kwargs) -> None:
    """A callback that makes one change and says so on the next run."""
    operation(db, person, *args, **kwargs)
    session.say("hr_people", saying)


def person_fields(prefix: str) -> dict:
    state = st.session_state
    return dict(name=state.get(f"{prefix}name", ""), username=state.get(f"{prefix}username", ""),
                email=state.get(f"{prefix}email", ""), function_id=state.get(f"{prefix}function"),
                roles=state.get(f"{prefix}roles", ["employee"]), language=state.get(f"{prefix}language", "nl"))


def beside(slot: str | None, field: str | None) -> None:
    """What an add form's click gave, inside that form: a refusal under the field at fault
    (``field``), anything else at the form's foot (None)."""
    if slot is not None:
        session.show(slot, field)


@callbacks.signed_in(NEW_PERSON, fields=PERSON_FIELDS)
def add_person(person) -> None:
    st.session_state["new_open"] = True  # the form stays open to show what came of it
    added = people.add_person(db, person, **person_fields("new_"), manager_id=st.session_state.get("new_manager"))
    session.say(NEW_PERSON, "hr_people.added")
    for field in ("name", "username", "email"):
        st.session_state[f"new_{field}"] = ""
    st.session_state["people_selected"] = added.id


def set_password(person_id: int) -> None:
    change(people.set_password, person_id, st.session_state.get("person_password", ""),
           saying="hr_people.password_set")
    st.session_state["person_password"] = ""


@callbacks.signed_in("hr_people")
def reset_password(person, person_id: int) -> None:
    st.session_state["hr_people_new_password"] = people.reset_password(db, person, person_id)


@callbacks.signed_in(NEW_FUNCTION, fields=FUNCTION_FIELDS)
def add_function(person) -> None:
    state = st.session_state
    state["function_new_open"] = True  # the form stays open to show what came of it
    added = people.add_function(db, person, state.get("function_new_id", ""), state.get("function_new_name", ""),
                                state.get("function_new_description", ""))
    session.say(NEW_FUNCTION, "hr_people.function_added", code=added.id)
    for field in ("id", "name", "description"):
        state[f"function_new_{field}"] = ""


@callbacks.signed_in("hr_people")
def confirm_import(person, data: bytes, filename: str) -> None:
    plan = people_files.import_people(db, person, data, filename)
    session.say("hr_people", "hr_people.imported", added=len(plan.added), changed=len(plan.changed))
    for key in [key for key in st.session_state if str(key).startswith("person_")]:
        del st.session_state[key]  # the edit form shows the imported values, not the old ones


def name_of(person_id) -> str:
    return everyone[person_id].name if person_id in everyone else tr("hr_people.no_manager")


def function_name(function_id) -> str:
    return functions[function_id].name if function_id in functions else tr("hr_people.no_function")


def show_person_list() -> None:
    search = st.text_input(tr("hr_people.search"), key="people_search")
    inactive_too = st.toggle(tr("hr_people.show_inactive"), key="people_show_inactive")
    found = people.list_people(db, person, search, active_only=not inactive_too)
    widgets.table_or_nothing([{
        tr("hr_people.col_name"): p.name, tr("hr_people.col_username"): p.username,
        tr("hr_people.col_email"): p.email or "", tr("hr_people.col_function"): function_name(p.function_id),
        tr("hr_people.col_manager"): name_of(p.manager_id),
        tr("hr_people.col_roles"): role_names(p.roles),
        tr("hr_people.col_active"): p.active,
    } for p in found], hide_index=True, width="stretch", key="people_table")
    st.caption(tr("hr_people.count", count=len(found)))


def person_form(prefix: str, slot: str | None = None) -> None:
    """The fields a person has, under keys starting with ``prefix``; what waits in ``slot`` beside its field."""
    st.text_input(tr("hr_people.col_name"), key=f"{prefix}name", max_chars=200)
    beside(slot, "name")
    st.text_input(tr("hr_people.col_username"), key=f"{prefix}username", max_chars=200)
    beside(slot, "username")
    st.text_input(tr("hr_people.col_email"), key=f"{prefix}email", max_chars=200)
    beside(slot, "email")
    offered = [None] + [f for f in functions if functions[f].active or st.session_state.get(f"{prefix}function") == f]
    st.selectbox(tr("hr_people.col_function"), offered, key=f"{prefix}function", format_func=function_name)
    beside(slot, "function")
    st.multiselect(tr("hr_people.col_roles"), ROLES, key=f"{prefix}roles", format_func=lambda role: tr(f"hr_people.role_{role}"))
    beside(slot, "roles")
    st.selectbox(tr("hr_people.col_language"), LANGUAGES, key=f"{prefix}language",
                 format_func=lambda code: tr(f"people.language_name_{code}"))
    beside(slot, "language")


def show_person_editor(chosen) -> None:
    prefix = f"person_{chosen.id}_"
    for field, value in (("name", chosen.name), ("username", chosen.username), ("email", chosen.email or ""),
                         ("function", chosen.function_id), ("roles", list(chosen.roles)), ("language", chosen.language)):
        session.seed(prefix + field, value)
    person_form(prefix)
    st.button(tr("hr_people.save"), key="person_save", type="primary",
              on_click=lambda: change(people.edit_person, chosen.id, **person_fields(prefix), saying="hr_people.saved"))
    st.subheader(tr("hr_people.manager_heading"))
    st.caption(tr("hr_people.manager_explained"))
    managers = [None] + [i for i, p in everyone.items() if p.active and i != chosen.id]
    session.seed(f"person_manager_{chosen.id}", chosen.manager_id)
    st.selectbox(tr("hr_people.col_manager"), managers, key=f"person_manager_{chosen.id}", format_func=name_of)
    st.button(tr("hr_people.change_manager"), key="person_change_manager", on_click=lambda: change(
        people.change_manager, chosen.id, st.session_state[f"person_manager_{chosen.id}"], saying="hr_people.saved"))
    st.subheader(tr("hr_people.password_heading"))
    st.text_input(tr("hr_people.new_password"), type="password", key="person_password")
    st.button(tr("hr_people.set_password"), key="person_set_password", on_click=set_password, args=(chosen.id,))
    st.button(tr("hr_people.reset_password"), key="person_reset_password", on_click=reset_password, args=(chosen.id,))
    if "hr_people_new_password" in st.session_state:
        st.success(tr("hr_people.password_reset_done"))
        st.code(st.session_state.pop("hr_people_new_password"), language=None)
    st.subheader(tr("hr_people.active_heading"))
    st.caption(tr("hr_people.deactivate_explained"))
    if chosen.active:
        st.button(tr("hr_people.deactivate"), key="person_deactivate",
                  on_click=lambda: change(people.set_active, chosen.id, False, saying="hr_people.deactivated"))
    else:
        st.button(tr("hr_people.reactivate"), key="person_reactivate",
                  on_click=lambda: change(people.set_active, chosen.id, True, saying="hr_people.reactivated"))


def show_people_tab() -> None:
    show_person_list()
    # Keyed and tracked, so a message elsewhere on the page cannot fold it; a click leaves it open.
    with st.expander(tr("hr_people.add_heading"), key="new_open", on_change="rerun"):
        session.seed("new_roles", ["employee"])
        person_form("new_", NEW_PERSON)
        st.selectbox(tr("hr_people.col_manager"), [None] + [i for i, p in everyone.items() if p.active],
                     key="new_manager", format_func=name_of)
        beside(NEW_PERSON, "manager")
        st.button(tr("hr_people.add"), key="person_add", type="primary", on_click=add_person)
        beside(NEW_PERSON, None)
    st.subheader(tr("hr_people.edit_heading"))
    session.seed("people_selected", None)
    st.selectbox(tr("hr_people.choose"), list(everyone), key="people_selected", format_func=name_of)
    chosen = everyone.get(st.session_state.get("people_selected"))
    if chosen is not None:
        show_person_editor(chosen)


def show_functions_tab() -> None:
    search = st.text_input(tr("hr_people.function_search"), key="functions_search")
    versions = {v.id: v for v in library.list_versions(db, person)}
    picked = st.selectbox(
        tr("hr_people.function_version"), [None, *versions], key="functions_version",
        format_func=lambda v: library.version_label(versions[v], lang) if v else tr("hr_people.newest_round_version"))
    applying = people.sections_per_function(db, person, picked)
    shown = people.list_functions(db, person, search)
    widgets.table_or_nothing([{
        tr("hr_people.col_function"): f.name, tr("hr_people.col_code"): f.id,
        tr("hr_people.col_sections"): section_titles(applying.per_function.get(f.id, ())) if applying else "",
        tr("hr_people.col_description"): f.description,
        tr("hr_people.col_active"): f.active,
    } for f in shown], hide_index=True, width="stretch", key="functions_table")
    if applying:
        st.caption(escape_markdown(tr("hr_people.sections_for_everyone", sections=section_titles(applying.for_everyone))))
        if applying.unknown_functions:
            codes = ", ".join(applying.unknown_functions)
            st.warning(escape_markdown(tr("hr_people.functions_not_set_up", codes=codes)))
    if any(not f.description for f in shown):
        st.info(tr("hr_people.describe_functions"))
    show_function_editor()
    with st.expander(tr("hr_people.function_add_heading"), key="function_new_open", on_change="rerun"):
        typed = st.text_input(tr("hr_people.col_code"), key="function_new_id", max_chars=64, help=tr("hr_people.code_help"))
        code = people.function_code(typed)
        if code and code != typed:
            st.caption(escape_markdown(tr("hr_people.code_becomes", code=code)))
        beside(NEW_FUNCTION, "id")
        st.text_input(tr("hr_people.col_function"), key="function_new_name", max_chars=200)
        beside(NEW_FUNCTION, "name")
        st.text_area(tr("hr_people.col_description"), key="function_new_description",
                     max_chars=people.MAX_DESCRIPTION)
        beside(NEW_FUNCTION, "description")
        st.button(tr("hr_people.add"), key="function_add", type="primary", on_click=add_function)
        beside(NEW_FUNCTION, None)


def section_titles(sections) -> str:
    return ", ".join(localized(section.title, lang) for section in sections) or "—"


def show_function_editor() -> None:
    session.seed("function_selected", None)
    chosen = functions.get(st.selectbox(tr("hr_people.function_choose"), list(functions), key="function_selected",
                                        format_func=function_name))
    if chosen is None:
        return
    session.seed(f"function_name_{chosen.id}", chosen.name)
    session.seed(f"function_description_{chosen.id}", chosen.description)
    st.text_input(tr("hr_people.col_function"), key=f"function_name_{chosen.id}", max_chars=200)
    st.text_area(tr("hr_people.col_description"), key=f"function_description_{chosen.id}",
                 max_chars=people.MAX_DESCRIPTION)
    st.button(tr("hr_people.save"), key="function_save", type="primary", on_click=lambda: change(
        people.edit_function, chosen.id, st.session_state[f"function_name_{chosen.id}"],
        st.session_state[f"function_description_{chosen.id}"], saying="hr_people.saved"))
    label, active = ("hr_people.deactivate", False) if chosen.active else ("hr_people.reactivate", True)
    st.button(tr(label), key="function_toggle_active",
              on_click=lambda: change(people.set_function_active, chosen.id, active, saying="hr_people.saved"))


def show_import_tab() -> None:
    # Files are made only when downloaded (deferred): the template alone takes ~150 ms, too much
    # for every rerun. The call runs on another thread; SQLite's serialized mode makes sharing safe.
    st.write(tr("hr_people.import_explained"))
    callbacks.download_button(tr("hr_people.template"), lambda _signed_in: people_files.people_template_xlsx(lang, db),
                              file_name="devtalk-medewerkers-sjabloon.xlsx", key="import_template", mime=XLSX)
    upload = st.file_uploader(tr("hr_people.import_file"), type=["xlsx", "xlsm", "csv", "txt"], key="import_file")
    if upload is not None:
        show_import_preview(upload.getvalue(), upload.name)
    st.subheader(tr("hr_people.export_heading"))
    left, right = st.columns(2)
    callbacks.download_button(tr("hr_people.export_xlsx"), lambda person: people_files.export_people(db, person, "xlsx", lang),
                              where=left, file_name="devtalk-medewerkers.xlsx", key="export_xlsx", mime=XLSX)
    callbacks.download_button(tr("hr_people.export_csv"), lambda person: people_files.export_people(db, person, "csv", lang),
                              where=right, file_name="devtalk-medewerkers.csv", key="export_csv", mime="text/csv")


def show_import_preview(data: bytes, filename: str) -> None:
    """What the file would change, or every error with row and column; nothing is stored yet."""
    try:
        plan = people_files.plan_import(db, person, data, filename)
    except ImportFailed as error:
        st.error(escape_markdown(error.render(lang)))
        show_problems(error.problems, "import_problems")
        show_wrong_encoding(error.wrong_encoding)
        return
    st.success(tr("hr_people.import_preview", added=len(plan.added), changed=len(plan.changed), unchanged=plan.unchanged))
    show_wrong_encoding(plan.wrong_encoding)
    if plan.added:
        st.subheader(tr("hr_people.import_added"))
        st.dataframe([{
            tr("hr_people.col_row"): r.row, tr("hr_people.col_name"): r.name, tr("hr_people.col_username"): r.username,
            tr("hr_people.col_function"): function_name(r.function), tr("hr_people.col_manager"): r.manager or "",
            tr("hr_people.col_roles"): role_names(r.roles),
        } for r in plan.added], hide_index=True, width="stretch", key="import_added")
    if plan.changed:
        st.subheader(tr("hr_people.import_changed"))
        st.dataframe([{
            tr("hr_people.col_row"): c.row, tr("hr_people.col_username"): c.username,
            tr("hr_people.col_field"): tr(f"hr_people.col_{change.field}"),
            tr("hr_people.col_change"): f"{shown(change.field, change.old)} → {shown(change.field, change.new)}",
        } for c in plan.changed for change in c.changes], hide_index=True, width="stretch", key="import_changed")
    # Roles give access: who would start leading a team or administering everything, said before confirming.
    for role, show in (("manager", st.info), ("hr_admin", st.warning)):
        if plan.gaining(role):
            show(escape_markdown(tr(f"hr_people.import_becomes_{role}", people=", ".join(plan.gaining(role)))))
    st.button(tr("hr_people.import_confirm"), key="import_confirm", type="primary",
              disabled=not (plan.added or plan.changed), on_click=confirm_import, args=(data, filename))


def show_problems(problems, key: str) -> None:
    st.dataframe([{tr("hr_people.col_row"): p.row, tr("hr_people.col_column"): p.column or "",
                   tr("hr_people.col_problem"): p.message.render(lang)} for p in problems],
                 hide_index=True, width="stretch", key=key)


def show_wrong_encoding(cells) -> None:
    """A warning, not a refusal: the cells where the file lost a letter, and how to save it instead."""
    if cells:
        st.warning(escape_markdown(tr("people.wrong_encoding", count=len(cells))))
        show_problems(cells, "import_wrong_encoding")


def open_asked_tab(labels: dict[str, str]) -> None:
    """A link such as the checklist's "Functies beschrijven" names its tab as ``?tab=functions``.

    The tab is chosen once and the parameter dropped, so the person's own clicks on the tabs count
    after that; a value that names no tab is ignored.
    """
    asked = st.query_params.get("tab")
    if asked is None:
        return
    if asked in labels:
        st.session_state["hr_people_tab"] = labels[asked]
    del st.query_params["tab"]


def role_names(roles) -> str:
    return ", ".join(tr(f"hr_people.role_{role}") for role in roles)


def shown(field: str, value) -> str:
    if field == "roles":
        return role_names(value or ())
    return "—" if value in (None, "") else str(value)


st.title(tr("nav.hr_people"))
session.show("hr_people")
# Tracked tabs (a key and on_change) stay on the chosen tab when a button there reruns the page.
labels = {tab: tr(f"hr_people.tab_{tab}") for tab in TABS}
open_asked_tab(labels)
people_tab, functions_tab, import_tab = st.tabs(list(labels.values()), key="hr_people_tab", on_change="rerun")
with people_tab:
    show_people_tab()
with functions_tab:
    show_functions_tab()
with import_tab:
    show_import_tab()
