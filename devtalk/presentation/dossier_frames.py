"""The dossier's overview across the years as one table: the trend at a glance."""

from __future__ import annotations

import pandas as pd

from devtalk.i18n import t
from devtalk.presentation.formatting import format_date, format_number


def overview_frame(entries, figures: dict, lang: str) -> pd.DataFrame:
    """One row per conversation, newest first: status, average of each side, large gaps, actions."""
    numbers = [figures.get(entry.conversation.id) for entry in entries]
    return pd.DataFrame({
        t("dossier.col_round", lang): [entry.round.name for entry in entries],
        t("dossier.col_status", lang): [t(f"status.{entry.conversation.status}", lang) for entry in entries],
        t("dossier.col_employee_average", lang): [format_number(n.employee_average if n else None, lang) for n in numbers],
        t("dossier.col_manager_average", lang): [format_number(n.manager_average if n else None, lang) for n in numbers],
        t("dossier.col_large_gaps", lang): [str(n.large_gaps) if n else "—" for n in numbers],
        t("dossier.col_actions", lang): [len(entry.actions) for entry in entries],
    })


def check_ins_frame(found, lang: str) -> pd.DataFrame:
    """The check-ins (services.check_ins.CheckIns) in the timeline, newest first: when, who started
    it, whether it is finished; never what was said, since HR reads this too."""
    return pd.DataFrame({
        t("check_ins.col_date", lang): [format_date(c.started_at, lang) for c in found.check_ins],
        t("check_ins.col_started_by", lang): [found.starters[c.started_by].name if c.started_by in found.starters else "—"
                                              for c in found.check_ins],
        t("check_ins.col_status", lang): [t(f"check_ins.status_{c.status}", lang) for c in found.check_ins],
    })
