"""HR: certificates. What expires in the next six months or is missing, each person's certificates
with their scans, the certificate types and who requires them, the minimum per team, import and export."""

from datetime import date

import pandas as pd
import streamlit as st

from devtalk.presentation.formatting import format_date
from devtalk.services import certificates, completion, people
from devtalk.spreadsheets.certificates_import import ImportFailed
from ui import callbacks, certificate_lists, session, widgets
from ui.session import tr
from ui.text import escape_markdown, plain_table

person = session.require_hr()
db = session.database()
lang = session.language()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TABS = ("dashboard", "people", "types", "minimums", "import")
SCAN_TYPES = ["pdf", "jpg", "jpeg", "png"]
NEW = "new"  # the choice in a list of records that opens an empty form instead
types = {kind.id: kind for kind in certificates.list_types(db, person)}
everyone = {p.id: p for p in people.list_people(db, person)}
function_names = {f.id: f.name for f in people.list_functions(db, person)}


@callbacks.signed_in("hr_certificates")
def change(person, operation, *args, saying: str, **kwargs) -> None:
    """A callback that makes one change and says so on the next run."""
    operation(db, person, *args, **kwargs)
    session.say("hr_certificates", saying)


def show_dashboard() -> None:
    rows = session.or_stop(certificates.dashboard, db, person)
    # Still valid but expiring within the six months counts as expiring here, whatever the type's own warning.
    counts = {"expired": sum(row.status == "expired" for row in rows),
              "expiring": sum(row.status in ("expiring", "valid") for row in rows),
              "missing": sum(row.status == "missing" for row in rows)}
    for column, (status, count) in zip(st.columns(3), counts.items()):
        column.metric(tr(f"certificate_pages.count_{status}"), count)
    st.caption(tr("certificate_pages.dashboard_explained"))
    certificate_lists.table(rows, with_person=True, key="certificates_dashboard")
    if completion.mail_is_on():
        st.caption(tr("certificate_pages.reminders_explained"))
        st.button(tr("certificate_pages.send_reminders"), key="certificates_remind", on_click=send_reminders)


@callbacks.signed_in("hr_certificates")
def send_reminders(person) -> None:
    session.say("hr_certificates", "certificate_pages.reminders_sent", count=certificates.send_reminders(db, person))


# Per person: their certificates, one to edit or a new one, its scan.


def certificate_fields(prefix: str) -> dict:
    state = st.session_state
    return {"type_id": state.get(f"{prefix}type"), "number": state.get(f"{prefix}number", ""),
            "issued_on": state.get(f"{prefix}issued"), "expires_on": state.get(f"{prefix}expires"),
            "notes": state.get(f"{prefix}notes", "")}


def prefill_expiry(prefix: str) -> None:
    """A new type or issue date proposes the expiry date the type gives; HR may change it after."""
    state = st.session_state
    kind, issued = types.get(state.get(f"{prefix}type")), state.get(f"{prefix}issued")
    if kind is not None and issued is not None:
        state[f"{prefix}expires"] = certificates.expiry_for(kind, issued)


@callbacks.signed_in("hr_certificate")
def save_certificate(person, owner_id: int, certificate_id: int | None, prefix: str) -> None:
    fields = certificate_fields(prefix)
    if certificate_id is None:
        saved = certificates.add_certificate(db, person, owner_id, **fields)
        st.session_state["certificate_selected"] = saved.id
    else:
        saved = certificates.edit_certificate(db, person, certificate_id, **fields)
    upload = st.session_state.get(f"{prefix}scan")
    if upload is not None:
        certificates.store_scan(db, person, saved.id, upload.getvalue(), upload.name)
    session.say("hr_certificate", "certificate_pages.saved")


@callbacks.signed_in("hr_certificate")
def delete_certificate(person, certificate_id: int) -> None:
    certificates.delete_certificate(db, person, certificate_id)
    st.session_state["certificate_selected"] = NEW
    session.say("hr_certificate", "certificate_pages.deleted")


def show_person_tab() -> None:
    session.seed("certificates_person", None)
    owner_id = st.selectbox(tr("certificate_pages.choose_person"), [None, *everyone], key="certificates_person",
                            format_func=lambda p: everyone[p].name if p else tr("certificate_pages.choose"))
    if owner_id is None:
        return
    rows = session.or_stop(certificates.of_person, db, person, owner_id)
    certificate_lists.table(rows, with_person=False, key="certificates_of_person")
    # Every certificate the person ever held is editable, also one a renewal has replaced in the list above.
    held = {row.certificate.id: row for row in session.or_stop(certificates.history, db, person, owner_id)}
    session.seed("certificate_selected", NEW)
    chosen = st.selectbox(tr("certificate_pages.choose_certificate"), [NEW, *held], key="certificate_selected",
                          format_func=lambda c: tr("certificate_pages.new_certificate") if c == NEW else held_label(held[c]))
    certificate_form(owner_id, held[chosen].certificate if chosen in held else None)


def held_label(row) -> str:
    issued = row.certificate.issued_on
    return tr("certificate_pages.held_label", certificate=row.type.name, date=format_date(issued, lang)) if issued \
        else row.type.name


def certificate_form(owner_id: int, certificate) -> None:
    prefix = f"certificate_{owner_id}_{certificate.id if certificate else NEW}_"
    if certificate is not None:
        for field, value in (("type", certificate.type_id), ("number", certificate.number),
                             ("issued", certificate.issued_on), ("expires", certificate.expires_on),
                             ("notes", certificate.notes)):
            session.seed(prefix + field, value)
    elif types:
        # A new certificate starts as the first type, issued today, with the expiry that type proposes.
        first = next(iter(types.values()))
        session.seed(prefix + "type", first.id)
        session.seed(prefix + "issued", date.today())
        session.seed(prefix + "expires", certificates.expiry_for(first, date.today()))
    with st.container(border=True):
        st.selectbox(tr("certificate_pages.col_type"), list(types), key=f"{prefix}type", format_func=lambda k: types[k].name,
                     on_change=prefill_expiry, args=(prefix,))
        st.text_input(tr("certificate_pages.col_number"), key=f"{prefix}number", max_chars=100)
        left, right = st.columns(2)
        left.date_input(tr("certificate_pages.col_issued"), key=f"{prefix}issued", format=widgets.DATE_FORMAT,
                        on_change=prefill_expiry, args=(prefix,))
        right.date_input(tr("certificate_pages.col_expires"), key=f"{prefix}expires", format=widgets.DATE_FORMAT,
                         help=tr("certificate_pages.expires_help"))
        st.text_area(tr("certificate_pages.notes"), key=f"{prefix}notes", max_chars=2000)
        st.file_uploader(tr("certificate_pages.scan_upload"), type=SCAN_TYPES, key=f"{prefix}scan",
                         help=tr("certificate_pages.scan_help"))
        if certificate is not None and certificate.scan_name:
            certificate_lists.scan_download(certificate)
        st.button(tr("certificate_pages.save"), key="certificate_save", type="primary", on_click=save_certificate,
                  args=(owner_id, certificate.id if certificate else None, prefix))
        if certificate is not None:
            st.button(tr("certificate_pages.delete"), key="certificate_delete", help=tr("certificate_pages.delete_help"),
                      on_click=delete_certificate, args=(certificate.id,))
        session.show("hr_certificate")


# Types: name, issuing body, validity, who requires it, when to warn.


def validity_text(kind) -> str:
    if kind.validity_months is None:
        return tr("certificate_pages.no_expiry")
    return tr("certificate_pages.months", count=kind.validity_months)


def type_fields(prefix: str) -> dict:
    state = st.session_state
    return {"name": state.get(f"{prefix}name", ""), "issuer": state.get(f"{prefix}issuer", ""),
            "validity_months": None if state.get(f"{prefix}no_expiry") else state.get(f"{prefix}months"),
            "warn_days": state.get(f"{prefix}warn_days"), "function_ids": state.get(f"{prefix}functions", []),
            "active": state.get(f"{prefix}active", True)}


@callbacks.signed_in("hr_certificate_type")
def save_type(person, type_id: int | None, prefix: str) -> None:
    if type_id is None:
        added = certificates.add_type(db, person, **type_fields(prefix))
        st.session_state["certificate_type_selected"] = added.id
        for key in [key for key in st.session_state if str(key).startswith(prefix)]:
            del st.session_state[key]  # the next new type starts from an empty form
    else:
        certificates.edit_type(db, person, type_id, **type_fields(prefix))
    session.say("hr_certificate_type", "certificate_pages.saved")


def show_types_tab() -> None:
    widgets.table_or_nothing([{
        tr("certificate_pages.col_type"): kind.name, tr("certificate_pages.col_issuer"): kind.issuer,
        tr("certificate_pages.col_validity"): validity_text(kind),
        tr("certificate_pages.col_functions"): ", ".join(function_names.get(f, f) for f in kind.function_ids) or "—",
        tr("certificate_pages.col_warn_days"): tr("certificate_pages.days", count=kind.warn_days),
        tr("certificate_pages.col_active"): kind.active,
    } for kind in types.values()], hide_index=True, width="stretch", key="certificate_types_table")
    session.seed("certificate_type_selected", NEW)
    chosen = st.selectbox(tr("certificate_pages.choose_type"), [NEW, *types], key="certificate_type_selected",
                          format_func=lambda k: tr("certificate_pages.new_type") if k == NEW else types[k].name)
    kind = types.get(chosen)
    prefix = f"certificate_type_{chosen}_"
    for field, value in (("name", kind.name if kind else ""), ("issuer", kind.issuer if kind else ""),
                         ("no_expiry", kind is not None and kind.validity_months is None),
                         ("months", kind.validity_months if kind and kind.validity_months else 60),
                         ("warn_days", kind.warn_days if kind else 90),
                         ("functions", list(kind.function_ids) if kind else []), ("active", kind.active if kind else True)):
        session.seed(prefix + field, value)
    with st.container(border=True):
        st.text_input(tr("certificate_pages.col_type"), key=f"{prefix}name", max_chars=200)
        st.text_input(tr("certificate_pages.col_issuer"), key=f"{prefix}issuer", max_chars=200)
        no_expiry = st.checkbox(tr("certificate_pages.no_expiry"), key=f"{prefix}no_expiry")
        st.number_input(tr("certificate_pages.validity_months"), min_value=1, max_value=600, step=1,
                        key=f"{prefix}months", disabled=no_expiry)
        st.number_input(tr("certificate_pages.warn_days"), min_value=0, max_value=730, step=1, key=f"{prefix}warn_days")
        st.multiselect(tr("certificate_pages.col_functions"), list(function_names), key=f"{prefix}functions",
                       format_func=function_names.get)
        st.toggle(tr("certificate_pages.col_active"), key=f"{prefix}active")
        st.button(tr("certificate_pages.save"), key="certificate_type_save", type="primary", on_click=save_type,
                  args=(kind.id if kind else None, prefix))
        session.show("hr_certificate_type")


# Minimum number of valid holders per team (manager) and type.


def show_minimums_tab() -> None:
    st.caption(tr("certificate_pages.minimums_explained"))
    managers = {p.id: p for p in everyone.values() if p.active and "manager" in p.roles}
    if not managers or not types:
        st.info(tr("certificate_pages.minimums_nothing"))
        return
    manager_id = st.selectbox(tr("certificate_pages.choose_team"), list(managers), key="minimums_team",
                              format_func=lambda p: managers[p].name)
    minimums = session.or_stop(certificates.minimums, db, person, manager_id)
    widgets.table_or_nothing([{
        tr("certificate_pages.col_type"): types[type_id].name if type_id in types else "—",
        tr("certificate_pages.col_minimum"): count,
    } for type_id, count in minimums.items()], hide_index=True, width="stretch", key="minimums_table")
    left, right = st.columns(2)
    type_id = left.selectbox(tr("certificate_pages.col_type"), list(types), key="minimum_type",
                             format_func=lambda k: types[k].name)
    right.number_input(tr("certificate_pages.col_minimum"), min_value=0, max_value=100, step=1,
                       value=minimums.get(type_id, 0), key=f"minimum_people_{manager_id}_{type_id}",
                       help=tr("certificate_pages.minimum_help"))
    st.button(tr("certificate_pages.save"), key="minimum_save", type="primary", on_click=lambda: change(
        certificates.set_minimum, manager_id, type_id, st.session_state[f"minimum_people_{manager_id}_{type_id}"],
        saying="certificate_pages.saved"))


# Import (all or nothing, after a preview) and export.


@callbacks.signed_in("hr_certificates")
def confirm_import(person, data: bytes, filename: str) -> None:
    plan = certificates.import_certificates(db, person, data, filename)
    session.say("hr_certificates", "certificate_pages.imported", added=len(plan.added), changed=len(plan.changed))


def show_import_tab() -> None:
    st.write(tr("certificate_pages.import_explained"))
    upload = st.file_uploader(tr("certificate_pages.import_file"), type=["xlsx", "xlsm", "csv", "txt"],
                              key="certificates_import")
    if upload is not None:
        show_import_preview(upload.getvalue(), upload.name)
    st.subheader(tr("certificate_pages.export_heading"))
    callbacks.download_button(tr("certificate_pages.export_xlsx"),
                              lambda person: certificates.export_certificates(db, person, "xlsx", lang),
                              file_name="devtalk-certificaten.xlsx", key="certificates_export", mime=XLSX)


def show_import_preview(data: bytes, filename: str) -> None:
    """What the file would add and change, or every error with its row and column; nothing is stored yet."""
    try:
        plan = certificates.plan_import(db, person, data, filename)
    except ImportFailed as error:
        st.error(escape_markdown(error.render(lang)))
        # A table whose cells wrap: every problem readable whole, beside its row and column.
        plain_table(pd.DataFrame([{
            tr("certificate_pages.col_row"): str(p.row), tr("certificate_pages.col_column"): p.column or "",
            tr("certificate_pages.col_problem"): p.message.render(lang)} for p in error.problems]))
        return
    st.success(tr("certificate_pages.import_preview", added=len(plan.added), changed=len(plan.changed),
                  unchanged=plan.unchanged))
    for heading, records, key in (("certificate_pages.import_added", plan.added, "certificates_import_added"),
                                  ("certificate_pages.import_changed", plan.changed, "certificates_import_changed")):
        if records:
            st.subheader(tr(heading))
            st.dataframe([{
                tr("certificate_pages.col_row"): record.row, tr("certificate_pages.col_person"): record.username,
                tr("certificate_pages.col_type"): record.type_name, tr("certificate_pages.col_number"): record.number,
                tr("certificate_pages.col_issued"): format_date(record.issued_on, lang),
                tr("certificate_pages.col_expires"): format_date(record.expires_on, lang),
            } for record in records], hide_index=True, width="stretch", key=key)
    st.button(tr("certificate_pages.import_confirm"), key="certificates_import_confirm", type="primary",
              disabled=not (plan.added or plan.changed), on_click=confirm_import, args=(data, filename))


st.title(tr("certificate_pages.nav_hr"))
session.show("hr_certificates")
labels = {tab: tr(f"certificate_pages.tab_{tab}") for tab in TABS}
# Tracked tabs (a key and on_change) stay on the chosen tab when a button there reruns the page.
dashboard_tab, people_tab, types_tab, minimums_tab, import_tab = st.tabs(
    list(labels.values()), key="hr_certificates_tab", on_change="rerun")
with dashboard_tab:
    show_dashboard()
with people_tab:
    show_person_tab()
with types_tab:
    show_types_tab()
with minimums_tab:
    show_minimums_tab()
with import_tab:
    show_import_tab()
