"""The dossier's overview across the years as one table: the trend at a glance."""

from __future__ import annotations

import pandas as pd

from devtalk.comparison import Comparison
from devtalk.i18n import t


def _average(comparison: Comparison | None, side: str) -> float | None:
    if comparison is None:
        return None
    values = [getattr(row, side).value for row in comparison.likert if getattr(row, side) and getattr(row, side).value]
    return round(sum(values) / len(values), 1) if values else None


def overview_frame(entries, lang: str) -> pd.DataFrame:
    """One row per conversation, newest first: status, average of each side, large gaps, actions."""
    return pd.DataFrame(
        [
            {
                t("dossier.col_round", lang): entry.round.name,
                t("dossier.col_status", lang): t(f"status.{entry.conversation.status}", lang),
                t("dossier.col_employee_average", lang): _average(entry.comparison, "employee"),
                t("dossier.col_manager_average", lang): _average(entry.comparison, "manager"),
                t("dossier.col_large_gaps", lang): len(entry.comparison.largest_gaps()) if entry.comparison else None,
                t("dossier.col_actions", lang): len(entry.actions),
            }
            for entry in entries
        ]
    )
