"""HR: exports of people, rounds, answers and actions (XLSX and CSV), and the audit log."""

import pandas as pd
import streamlit as st

from devtalk.presentation.formatting import format_datetime
from devtalk.services import exports
from ui import callbacks, session
from ui.session import tr

person = session.require_hr()
db = session.database()
lang = session.language()


@callbacks.signed_in("export")
def make(person, what: str, fmt: str) -> None:
    """Build the file only when asked: every export is recorded in the audit log."""
    st.session_state[f"export_{what}_{fmt}"] = exports.export(db, person, what, fmt, lang)


def show_export(what: str) -> None:
    with st.container(border=True):
        st.subheader(tr(f"hr_exports.title_{what}"))
        st.caption(tr(f"hr_exports.about_{what}"))
        for column, fmt in zip(st.columns(len(exports.FORMATS)), exports.FORMATS):
            built = st.session_state.get(f"export_{what}_{fmt}")
            if built is None:
                column.button(tr("hr_exports.make", format=fmt.upper()), key=f"export_{what}_{fmt}_make",
                              on_click=make, args=(what, fmt), icon=":material/table_view:")
            else:
                column.download_button(tr("hr_exports.save", format=fmt.upper()), built.data, file_name=built.file_name,
                                       mime=built.mime, key=f"export_{what}_{fmt}_download", icon=":material/download:")


def show_audit_log() -> None:
    st.header(tr("hr_exports.audit_heading"))
    st.caption(tr("hr_exports.audit_explained"))
    lines = exports.audit_log(db, person)
    if not lines:
        st.info(tr("hr_exports.audit_empty"))
        return
    st.dataframe(pd.DataFrame([{
        tr("hr_exports.col_when"): format_datetime(line.event.at, lang),
        tr("hr_exports.col_who"): line.actor.name if line.actor else tr("hr_exports.system"),
        tr("hr_exports.col_what"): line.what(lang),
        tr("hr_exports.col_record"): line.record(lang),
        tr("hr_exports.col_detail"): line.detail(lang),
    } for line in lines]), hide_index=True, width="stretch", key="audit_table")


st.title(tr("nav.hr_exports"))
st.write(tr("hr_exports.intro"))
session.show("export")
for export_name in exports.EXPORTS:
    show_export(export_name)
show_audit_log()
