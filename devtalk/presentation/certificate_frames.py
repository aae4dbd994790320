"""Certificates as people read them: status words and colours, and the tables of the HR dashboard,
a person's certificates, a team's and the dossier's history, in the reader's language."""

from __future__ import annotations

import pandas as pd

from devtalk.i18n import t
from devtalk.presentation.formatting import LATE_STYLE, format_date

# Expired and required-but-missing are both "cannot do this work now": red; expiring soon is
# orange, so the eye finds what must be renewed before it becomes red. Valid needs no colour.
EXPIRING_STYLE = "background-color: #ffe8cc; color: #8a4b00"
STATUS_STYLES = {"expired": LATE_STYLE, "missing": LATE_STYLE, "expiring": EXPIRING_STYLE}
# st.badge's colours for the same statuses, where a phone shows a card instead of a table.
STATUS_BADGES = {"valid": "green", "expiring": "orange", "expired": "red", "missing": "red"}
# What needs doing first comes first.
STATUS_ORDER = ("expired", "missing", "expiring", "valid")


def status_word(status: str, lang: str) -> str:
    return t(f"certificate_pages.status_{status}", lang)


def expires_text(row, lang: str) -> str:
    """The expiry date, "no expiry" for a certificate without one, nothing for a missing one."""
    if row.certificate is None:
        return ""
    if row.certificate.expires_on is None:
        return t("certificate_pages.no_expiry", lang)
    return format_date(row.certificate.expires_on, lang)


def in_order(rows) -> list:
    """Most urgent first, then soonest expiry, then by name."""
    def urgency(row):
        expires = row.certificate.expires_on if row.certificate is not None else None
        return STATUS_ORDER.index(row.status), expires.isoformat() if expires else "9999", row.person.name, row.type.name
    return sorted(rows, key=urgency)


def certificates_frame(rows, lang: str, *, with_person: bool) -> pd.DataFrame:
    """One row per certificate (or missing one), most urgent first; ``status_styled`` colours it."""
    frame = pd.DataFrame([{
        **({t("certificate_pages.col_person", lang): row.person.name} if with_person else {}),
        t("certificate_pages.col_type", lang): row.type.name,
        t("certificate_pages.col_number", lang): row.certificate.number if row.certificate else "",
        t("certificate_pages.col_issued", lang): format_date(row.certificate.issued_on, lang) if row.certificate else "",
        t("certificate_pages.col_expires", lang): expires_text(row, lang),
        t("certificate_pages.col_status", lang): status_word(row.status, lang),
    } for row in in_order(rows)])
    return frame


def status_styled(frame: pd.DataFrame, rows, lang: str):
    """``frame`` (from ``certificates_frame`` of the same rows) with each row's status cell coloured."""
    if frame.empty:
        return frame
    styles = [STATUS_STYLES.get(row.status, "") for row in in_order(rows)]
    column = t("certificate_pages.col_status", lang)
    return frame.style.apply(lambda _: styles, subset=[column])
