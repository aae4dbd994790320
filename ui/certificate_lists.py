"""Certificates shown the same wherever they appear: a card per certificate (readable on a phone),
a coloured table (HR and the manager at a desk), a scan's download."""

from __future__ import annotations

import streamlit as st

from devtalk.presentation.certificate_frames import (
    STATUS_BADGES,
    certificates_frame,
    expires_text,
    in_order,
    status_styled,
    status_word,
)
from devtalk.presentation.formatting import format_date
from devtalk.services import certificates
from ui import downloads, session
from ui.session import tr
from ui.text import escape_markdown


def cards(rows, *, with_person: bool = False) -> None:
    """One bordered card per certificate, most urgent first: the status as a coloured word, so a
    phone shows it without a table that scrolls sideways."""
    lang = session.language()
    for row in in_order(rows):
        with st.container(border=True, key=f"certificate_card_{row.person.id}_{row.type.id}_{row_id(row)}"):
            heading = f"{row.person.name} · {row.type.name}" if with_person else row.type.name
            st.markdown(f"**{escape_markdown(heading)}**")
            st.badge(status_word(row.status, lang), color=STATUS_BADGES[row.status])
            details = []
            if row.certificate is not None:
                details.append(tr("certificate_pages.expires_on", date=expires_text(row, lang)))
                if row.certificate.issued_on:
                    details.append(tr("certificate_pages.issued_on", date=format_date(row.certificate.issued_on, lang)))
                if row.certificate.number:
                    details.append(tr("certificate_pages.number", number=row.certificate.number))
            else:
                details.append(tr("certificate_pages.required_not_held"))
            st.caption(escape_markdown(" · ".join(details)))
            if row.certificate is not None and row.certificate.scan_name:
                scan_download(row.certificate)


def table(rows, *, with_person: bool, key: str) -> None:
    """The rows as one coloured table, or a line saying there are none."""
    if not rows:
        st.caption(tr("certificate_pages.none"))
        return
    lang = session.language()
    st.dataframe(status_styled(certificates_frame(rows, lang, with_person=with_person), rows, lang),
                 hide_index=True, width="stretch", key=key)


def scan_download(certificate) -> None:
    """The scan, as a file to save (never shown in the page), read at the click for whoever is
    signed in then."""
    db = session.database()
    downloads.attachment_download(
        tr("certificate_pages.download_scan"), lambda person: certificates.scan(db, person, certificate.id).content,
        file_name=certificate.scan_name, key=f"scan_{certificate.id}")


def row_id(row) -> str:
    return str(row.certificate.id) if row.certificate is not None else "missing"


def team_notice(person) -> list:
    """The manager's team's certificates, with a line at the top of their home when some need doing
    (their home is long: a team's conversations come first). None for someone who leads nobody."""
    rows = session.or_stop(certificates.team_certificates, session.database(), person)
    due = sum(row.status != "valid" for row in rows)
    if due:
        st.info(tr("certificate_pages.team_due", count=due), icon=":material/workspace_premium:")
    return rows


def team_section(rows) -> None:
    """The team's certificates (``team_notice``'s rows) that need doing first; the valid ones folded away."""
    if not rows:
        return
    st.subheader(tr("certificate_pages.team_heading"))
    urgent = [row for row in rows if row.status != "valid"]
    if urgent:
        cards(urgent, with_person=True)
    else:
        st.caption(tr("certificate_pages.team_all_valid"))
    valid = [row for row in rows if row.status == "valid"]
    if valid:
        with st.expander(tr("certificate_pages.team_valid", count=len(valid))):
            cards(valid, with_person=True)


def history_section(person, employee_id: int) -> None:
    """The dossier's certificates: every one this person has held, with its dates and status."""
    st.header(tr("certificate_pages.history_heading"))
    table(session.or_stop(certificates.history, session.database(), person, employee_id), with_person=False,
          key="dossier_certificates")
