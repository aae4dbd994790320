"""The dossier's overview across the years as one table: the trend at a glance."""

from __future__ import annotations

import pandas as pd

from devtalk.formatting import format_number
from devtalk.i18n import t


def overview_frame(entries, figures: dict, lang: str) -> pd.DataFrame:
    """One row per conversation, newest first: status, average of each side, large gaps, actions."""
    rows = []
    for entry in entries:
        numbers = figures.get(entry.conversation.id)
        rows.append({
            t("dossier.col_round", lang): entry.round.name,
            t("dossier.col_status", lang): t(f"status.{entry.conversation.status}", lang),
            t("dossier.col_employee_average", lang): format_number(numbers.employee_average if numbers else None, lang),
            t("dossier.col_manager_average", lang): format_number(numbers.manager_average if numbers else None, lang),
            t("dossier.col_large_gaps", lang): str(numbers.large_gaps) if numbers else "—",
            t("dossier.col_actions", lang): len(entry.actions),
        })
    return pd.DataFrame(rows)
