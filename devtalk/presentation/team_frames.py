"""Team pictures as tables (pandas) and charts (Altair): what the HR team page shows."""

from __future__ import annotations

import altair as alt
import pandas as pd

from devtalk.domain.team import ActionLine, Heatmap, SinglePoint, Trends
from devtalk.i18n import t
from devtalk.presentation.formatting import format_date
from devtalk.presentation.matrix_frames import two_lines

GAP_COLOUR = "#eceff1"
CELL_HEIGHT = 22
CELL_WIDTH = 30  # room for an upright label of two lines


def heatmap_frame(heatmap: Heatmap, view: str, lang: str) -> pd.DataFrame:
    """One row per person and item, in row and column order; a gap has no value."""
    # Built column by column, each item worded once: 200 people x 60 items is 12,000 rows.
    items, people = heatmap.items, heatmap.people
    wordings = [item.wording("employee", lang) for item in items]
    return pd.DataFrame({
        "person": [name for _, name in people for _ in items],
        "item": wordings * len(people),
        "label": [two_lines(wording) for wording in wordings] * len(people),
        "item_id": [item.id for item in items] * len(people),
        "column": list(range(len(items))) * len(people),
        "row": [row for row in range(len(people)) for _ in items],
        "value": heatmap.values(view),
    }, columns=["person", "item", "label", "item_id", "column", "row", "value"])


def heatmap_chart(frame: pd.DataFrame, scale: tuple[int, int], lang: str) -> alt.LayerChart:
    """Rect marks, people down and skills across, coloured by value; a gap stays pale grey. Every skill
    stands in full above its column (upright on two lines, no label limit), and hovering a cell shows it
    again in the tooltip."""
    x = alt.X("label:N", sort=alt.EncodingSortField(field="column"), title=None,
              axis=alt.Axis(orient="top", labelAngle=-90, labelLimit=0, labelOverlap=False, labelFontSize=11,
                            labelExpr="split(datum.label, '\\n')"))
    y = alt.Y("person:N", sort=alt.EncodingSortField(field="row"), title=None, axis=alt.Axis(labelLimit=0))
    tooltip = [alt.Tooltip("person:N", title=t("hr_team.col_person", lang)),
               alt.Tooltip("item:N", title=t("hr_team.col_item", lang)),
               alt.Tooltip("value:Q", title=t("hr_team.col_value", lang), format=".1f")]
    base = alt.Chart(frame).encode(x=x, y=y)
    gaps = base.mark_rect(color=GAP_COLOUR, stroke="white", strokeWidth=1)
    values = base.transform_filter("isValid(datum.value)").mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color("value:Q", title=t("hr_team.col_value", lang),
                        scale=alt.Scale(domain=list(scale), scheme="redyellowblue")),
        tooltip=tooltip,
    )
    return alt.layer(gaps, values).properties(height=alt.Step(CELL_HEIGHT), width=alt.Step(CELL_WIDTH))


def single_points_frame(points: list[SinglePoint], lang: str) -> pd.DataFrame:
    return pd.DataFrame([
        {t("hr_team.col_item", lang): point.item.wording("employee", lang),
         t("hr_team.col_masters", lang): point.person.name if point.person else t("hr_team.nobody", lang)}
        for point in points
    ])


def trend_frame(trends: Trends, item_ids: list[str], lang: str) -> pd.DataFrame:
    """One row per round and chosen item that has an average."""
    return pd.DataFrame(
        [
            {"round": found.name, "order": order, "item": trends.items[item_id].wording("employee", lang),
             "average": trends.averages[(found.id, item_id)][0], "respondents": trends.averages[(found.id, item_id)][1]}
            for order, found in enumerate(trends.rounds)
            for item_id in item_ids
            if (found.id, item_id) in trends.averages
        ],
        columns=["round", "order", "item", "average", "respondents"],
    )


def trend_chart(frame: pd.DataFrame, lang: str) -> alt.Chart:
    return alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("round:N", sort=alt.EncodingSortField(field="order"), title=None, axis=alt.Axis(labelAngle=0, labelLimit=240)),
        y=alt.Y("average:Q", title=t("hr_team.col_average", lang), scale=alt.Scale(zero=False)),
        color=alt.Color("item:N", title=None, legend=alt.Legend(orient="bottom", columns=1, labelLimit=0)),
        tooltip=[alt.Tooltip("item:N", title=t("hr_team.col_item", lang)),
                 alt.Tooltip("round:N", title=t("hr_team.col_round", lang)),
                 alt.Tooltip("average:Q", title=t("hr_team.col_average", lang), format=".2f"),
                 alt.Tooltip("respondents:Q", title=t("hr_team.col_respondents", lang))],
    ).properties(width="container")


def actions_frame(lines: list[ActionLine], lang: str) -> pd.DataFrame:
    yes = t("hr_team.overdue", lang)
    return pd.DataFrame([
        {t("hr_team.col_overdue", lang): yes if line.overdue else "",
         t("hr_team.col_due", lang): format_date(line.due_date, lang),
         t("hr_team.col_what", lang): line.what,
         t("hr_team.col_kind", lang): t(f"action.kind_{line.kind}", lang),
         t("hr_team.col_status", lang): t(f"action.status_{line.status}", lang),
         t("hr_team.col_person", lang): line.employee,
         t("hr_team.col_team", lang): line.team or "",
         t("hr_team.col_owner", lang): line.owner or "",
         t("hr_team.col_round", lang): line.round,
         t("hr_team.col_helped", lang): t(f"report.helped_{line.helped}", lang) if line.helped else ""}
        for line in lines
    ])


def ratings_frame(ratings: dict[str, dict[str, int]], lang: str) -> pd.DataFrame:
    """Per kind of action how often an earlier one helped, partly helped or did not."""
    return pd.DataFrame([
        {t("hr_team.col_kind", lang): t(f"action.kind_{kind}", lang),
         **{t(f"report.helped_{helped}", lang): count for helped, count in counts.items()},
         t("hr_team.col_rated", lang): sum(counts.values())}
        for kind, counts in ratings.items()
    ])
