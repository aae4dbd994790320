"""The comparison as tables (pandas) and as a chart (Altair), shared by the page and the PDF."""

from __future__ import annotations

import json
from functools import lru_cache

import altair as alt
import pandas as pd

from devtalk.domain.comparison import (
    LARGE_GAP,
    NA_BOTH,
    NA_ONE_SIDE,
    Comparison,
    ItemComparison,
    SectionComparison,
    shown_answer,
)
from devtalk.domain.third_voice import ThirdColumn
from devtalk.i18n import t
from devtalk.presentation.formatting import format_number

EMPLOYEE_COLOUR, MANAGER_COLOUR = "#1f6f8b", "#e07a1f"
# Where both give the same value one dot would hide the other, as if one side had not answered:
# that dot gets a colour of its own and a legend entry saying both gave it.
AGREE_COLOUR = "#2e8b57"


def _marker(row: ItemComparison, lang: str) -> str:
    if row.flag == LARGE_GAP:
        return t("compare.flag_large_gap", lang)
    if row.flag == NA_ONE_SIDE:
        return t("compare.flag_na_one_side", lang)
    if row.both_low:
        return t("compare.flag_both_low", lang)
    return ""


def _difference(row: ItemComparison, lang: str) -> str:
    """The difference (manager minus employee) with its marker beside it. One column, not two:
    five columns do not fit a 390 px phone, and the marker says what the number means."""
    number = "" if row.difference is None else f"{row.difference:+d}"
    return f"{number} {_marker(row, lang)}".strip()


def likert_frame(comparison: Comparison, lang: str, third: ThirdColumn | None = None) -> pd.DataFrame:
    """One row per Likert item: both answers, the third voice's where it may be shown, the agreed
    and the required level where there are any, and the difference with its marker."""
    rows = comparison.likert
    # Column by column: pandas builds a frame from lists several times faster than from row dicts.
    columns = {
        t("compare.col_item", lang): [row.item.wording("employee", lang) for row in rows],
        t("compare.col_employee", lang): [shown_answer(row.employee, lang) for row in rows],
        t("compare.col_manager", lang): [shown_answer(row.manager, lang) for row in rows],
    }
    if third is not None and third.shown:
        columns[third.named or t("third_voice.col_group", lang)] = [_third(third, row, lang) for row in rows]
    if comparison.has_agreed:
        columns[t("skills.col_agreed", lang)] = [shown_answer(row.agreed, lang) if row.agreed else "—" for row in rows]
    if comparison.has_requirements:
        columns[t("skills.col_required", lang)] = [_required(row) for row in rows]
    columns[t("compare.col_difference", lang)] = [_difference(row, lang) for row in rows]
    return pd.DataFrame(columns)


def _third(third: ThirdColumn, row: ItemComparison, lang: str) -> str:
    """The mentor's own value, or the colleagues' average with one decimal; a dash for none (and
    for items that are no skill, which colleagues are not asked)."""
    value = third.values.get(row.item.id)
    if value is None:
        return "—"
    return str(value) if third.named else format_number(value, lang)


def _required(row: ItemComparison) -> str:
    """The required level, starred where the skill is critical (the legend says so)."""
    if row.required is None:
        return "—"
    return f"{row.required}*" if row.requirement.critical else str(row.required)


def agreed_frame(comparison: Comparison, lang: str) -> pd.DataFrame:
    """The skill items the report agreed a level on: both answers, the agreed level and, where the
    job function asks one, the required level."""
    rows = [row for row in comparison.likert if row.agreed is not None]
    return pd.DataFrame({
        t("compare.col_item", lang): [row.item.wording("employee", lang) for row in rows],
        t("compare.col_employee", lang): [shown_answer(row.employee, lang) for row in rows],
        t("compare.col_manager", lang): [shown_answer(row.manager, lang) for row in rows],
        t("skills.col_agreed", lang): [shown_answer(row.agreed, lang) for row in rows],
        t("skills.col_required", lang): ["—" if row.required is None else str(row.required) for row in rows],
    })


def third_voice_frame(comparison: Comparison, third: ThirdColumn, lang: str) -> pd.DataFrame:
    """The skill items the colleagues were asked: both answers and theirs. A table of its own on the
    page, since a sixth column beside the required level and the difference leaves a 390 px phone
    no room (the PDF's page has it: likert_frame)."""
    rows = [row for row in comparison.likert if row.item.id in third.values]
    return pd.DataFrame({
        t("compare.col_item", lang): [row.item.wording("employee", lang) for row in rows],
        t("compare.col_employee", lang): [shown_answer(row.employee, lang) for row in rows],
        t("compare.col_manager", lang): [shown_answer(row.manager, lang) for row in rows],
        third.named or t("third_voice.col_group", lang): [_third(third, row, lang) for row in rows],
    })


def open_frame(comparison: Comparison, lang: str) -> pd.DataFrame:
    rows = comparison.open
    return pd.DataFrame({
        t("compare.col_question", lang): [row.item.wording("employee", lang) for row in rows],
        t("compare.col_employee", lang): [row.employee_text for row in rows],
        t("compare.col_manager", lang): [row.manager_text for row in rows],
    })


def section_frames(comparison: Comparison, lang: str) -> list[tuple[SectionComparison, pd.DataFrame | None, pd.DataFrame | None]]:
    """Per section its Likert table and its open-question table (None where it has none), cut
    from one frame of each kind: one frame of sixty rows costs a fraction of six small ones."""
    likert, opens = likert_frame(comparison, lang), open_frame(comparison, lang)
    cut, likert_at, open_at = [], 0, 0
    for section in comparison.sections:
        likert_end, open_end = likert_at + len(section.likert), open_at + len(section.open)
        cut.append((section, likert.iloc[likert_at:likert_end] if section.likert else None,
                    opens.iloc[open_at:open_end] if section.open else None))
        likert_at, open_at = likert_end, open_end
    return cut


CHART_DATA = "comparison"
CHART_COLUMNS = ("order", "item", "side", "value", "large_gap")


def _chart_rows(comparison: Comparison, lang: str) -> list[dict]:
    """Long format: one row per item and side that has a value; one "both" row where the values agree."""
    employee, manager, both = _sides(lang)
    rows = []
    for order, row in enumerate(comparison.likert):
        if row.flag == NA_BOTH:
            continue
        sides = ((employee, row.employee), (manager, row.manager))
        if row.difference == 0:
            sides = ((both, row.employee),)
        for side, answer in sides:
            if answer is not None and answer.value is not None:
                values = (order, _short(row.item.wording("employee", lang)), side, answer.value, row.flag == LARGE_GAP)
                rows.append(dict(zip(CHART_COLUMNS, values)))
    return rows


def _sides(lang: str) -> tuple[str, str, str]:
    return t("compare.col_employee", lang), t("compare.col_manager", lang), t("compare.chart_agree", lang)


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _scale_range(comparison: Comparison) -> tuple[int, int]:
    scales = [row.scale for row in comparison.likert]
    return min((s.points[0] for s in scales), default=1), max((s.points[-1] for s in scales), default=5)


def dumbbell_spec(comparison: Comparison, lang: str, width: int | str = "container") -> dict:
    """Per item a line from the employee's answer to the manager's (long lines are the gaps), as a
    Vega-Lite dict. Altair needs tens of milliseconds to build and serialise a chart, so it draws
    the chart once per scale, language and width; each comparison only brings its rows."""
    rows = _chart_rows(comparison, lang)
    spec = json.loads(_chart_template(_scale_range(comparison), lang, width))
    spec["datasets"] = {CHART_DATA: rows}
    spec["height"] = max(120, 22 * len({row["item"] for row in rows}))
    return spec


@lru_cache(maxsize=32)
def _chart_template(scale_range: tuple[int, int], lang: str, width) -> str:
    data = alt.NamedData(name=CHART_DATA)
    low, high = scale_range
    sort = alt.EncodingSortField(field="order", order="ascending")
    # Every item keeps its label: Vega would otherwise drop every other one in Streamlit's larger
    # theme font, and an unlabelled line says nothing.
    y = alt.Y("item:N", sort=sort, title=None, axis=alt.Axis(labelLimit=260, labelOverlap=False))
    # Both layers pin the scale to its own points: the lines alone would stretch it to zero.
    scale = alt.Scale(domain=[low, high])
    x = alt.X("value:Q", scale=scale, axis=alt.Axis(tickMinStep=1, values=list(range(low, high + 1))),
              title=t("compare.chart_axis", lang))
    rule = alt.Chart(data).mark_rule(strokeWidth=3, color="#b0b7bf").encode(
        y=y, x=alt.X("min(value):Q", scale=scale), x2="max(value):Q")
    points = alt.Chart(data).mark_circle(size=120, opacity=1).encode(
        y=y, x=x,
        # The domain pins each side to its colour; without it the colours follow the alphabet,
        # which in Dutch gives the manager the employee's colour.
        color=alt.Color("side:N", title=None, legend=alt.Legend(orient="top"), scale=alt.Scale(
            domain=list(_sides(lang)), range=[EMPLOYEE_COLOUR, MANAGER_COLOUR, AGREE_COLOUR])),
        tooltip=["item:N", "side:N", "value:Q"],
    )
    return (rule + points).properties(width=width).to_json()
