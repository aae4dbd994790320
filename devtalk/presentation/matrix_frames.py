"""The skills matrix as tables (pandas) and a heatmap (Altair), in the reader's language: what the
matrix page shows, and the words the XLSX and the PDF use for the same cells."""

from __future__ import annotations

import altair as alt
import pandas as pd

from devtalk.domain.matrix import (
    CERTIFICATE,
    NOT_APPLICABLE,
    STATE_COLOURS,
    STATES,
    Cell,
    Matrix,
    SinglePoint,
    SkillCount,
)
from devtalk.i18n import t

CELL_HEIGHT = 24
CELL_WIDTH = 30


def level_text(cell: Cell, lang: str) -> str:
    """A cell as a person reads it: the level, marked when it is the manager's answer and not yet
    agreed; n.v.t.; or nothing."""
    level, agreed, _, state = cell
    if state == NOT_APPLICABLE:
        return t("matrix.not_applicable", lang)
    if level is None:
        return ""
    return str(level) if agreed else t("matrix.not_agreed_level", lang, level=level)


def state_labels(lang: str) -> dict[str, str]:
    return {state: t(f"matrix.state_{state}", lang) for state in STATES}


def skill_names(matrix: Matrix, lang: str) -> list[str]:
    return [skill.item.wording("manager", lang) for skill in matrix.skills]


def two_lines(text: str) -> str:
    """The text broken at the space nearest its middle (a line break Vega's label splits on)."""
    spaces = [index for index, char in enumerate(text) if char == " "]
    if not spaces:
        return text
    middle = min(spaces, key=lambda index: abs(index - len(text) / 2))
    return f"{text[:middle]}\n{text[middle + 1:]}"


def heatmap_frame(matrix: Matrix, lang: str) -> pd.DataFrame:
    """One row per person and skill, in row and column order."""
    # Built column by column, each skill worded once: 200 people x 60 skills is 12,000 rows.
    names, labels = skill_names(matrix, lang), state_labels(lang)
    width = len(matrix.skills)
    cells = [cell for row in matrix.rows for cell in row]
    return pd.DataFrame({
        "person": [person.name for person in matrix.people for _ in range(width)],
        "skill": names * len(matrix.people),
        "label": [two_lines(name) for name in names] * len(matrix.people),
        "column": list(range(width)) * len(matrix.people),
        "row": [row for row in range(len(matrix.people)) for _ in range(width)],
        "level": [level_text(cell, lang) for cell in cells],
        "required": ["" if cell[2] is None else str(cell[2]) for cell in cells],
        "state": [labels[cell[3]] for cell in cells],
    }, columns=["person", "skill", "label", "column", "row", "level", "required", "state"])


def heatmap_chart(frame: pd.DataFrame, lang: str) -> alt.LayerChart:
    """People down, skills across, each cell coloured by its state and showing the level. The skill
    names stand in full above the columns (no label limit), and the tooltip repeats everything."""
    labels = state_labels(lang)
    # Upright and on two lines, each name fits its column: none is hidden as overlapping, none cut.
    x = alt.X("label:N", sort=alt.EncodingSortField(field="column"), title=None,
              axis=alt.Axis(orient="top", labelAngle=-90, labelLimit=0, labelOverlap=False, labelFontSize=11,
                            labelExpr="split(datum.label, '\\n')"))
    y = alt.Y("person:N", sort=alt.EncodingSortField(field="row"), title=None, axis=alt.Axis(labelLimit=0))
    colour = alt.Color("state:N", title=t("matrix.legend", lang),
                       scale=alt.Scale(domain=[labels[s] for s in STATES], range=[STATE_COLOURS[s] for s in STATES]),
                       legend=alt.Legend(orient="bottom", labelLimit=0))
    tooltip = [alt.Tooltip("person:N", title=t("matrix.col_person", lang)),
               alt.Tooltip("skill:N", title=t("matrix.col_skill", lang)),
               alt.Tooltip("level:N", title=t("matrix.col_level", lang)),
               alt.Tooltip("required:N", title=t("matrix.col_required", lang)),
               alt.Tooltip("state:N", title=t("matrix.col_state", lang))]
    base = alt.Chart(frame).encode(x=x, y=y, tooltip=tooltip)
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(color=colour)
    levels = base.mark_text(fontSize=10, color="#212121").encode(text="level:N")
    return alt.layer(cells, levels).properties(height=alt.Step(CELL_HEIGHT), width=alt.Step(CELL_WIDTH))


def table_frame(matrix: Matrix, lang: str) -> pd.DataFrame:
    """People down, skills across, the level in each cell: the matrix as a spreadsheet shows it."""
    columns = {t("matrix.col_person", lang): [person.name for person in matrix.people]}
    for index, name in enumerate(skill_names(matrix, lang)):
        columns[name] = [level_text(row[index], lang) for row in matrix.rows]
    return pd.DataFrame(columns)


def counts_frame(counts: tuple[SkillCount, ...], lang: str) -> pd.DataFrame:
    """Per skill how many are at or above their requirement, and how many reach the team minimum; a
    skill that nobody shown has a requirement or a minimum on has nothing to count."""
    yes = t("matrix.yes", lang)
    counts = tuple(count for count in counts if count.required_of or count.minimum is not None)
    return pd.DataFrame({
        t("matrix.col_skill", lang): [count.skill.item.wording("manager", lang) for count in counts],
        t("matrix.col_at_requirement", lang): [t("matrix.of", lang, part=count.at_requirement, whole=count.required_of)
                                                for count in counts],
        t("matrix.col_minimum", lang): ["" if count.minimum is None else str(count.minimum) for count in counts],
        t("matrix.col_at_minimum", lang): ["" if count.minimum is None else str(count.at_minimum) for count in counts],
        t("matrix.col_short", lang): [yes if count.short else "" for count in counts],
    })


def single_points_frame(points: tuple[SinglePoint, ...], lang: str) -> pd.DataFrame:
    nobody = t("matrix.nobody", lang)
    return pd.DataFrame({
        t("matrix.col_kind", lang): [t("matrix.kind_certificate" if point.kind == CERTIFICATE else "matrix.kind_skill", lang)
                                     for point in points],
        t("matrix.col_what", lang): [point.name(lang) for point in points],
        t("matrix.col_team", lang): [point.team.name for point in points],
        t("matrix.col_holders", lang): [", ".join(point.holders) or nobody for point in points],
        t("matrix.col_minimum", lang): [str(point.minimum) for point in points],
    })


def gaps_frame(matrix: Matrix, lang: str) -> pd.DataFrame:
    """Every person's gaps to their requirement, person by person."""
    names = {person.id: person.name for person in matrix.people}
    lines = [(names[person_id], gap) for person_id, gaps in matrix.gaps.items() for gap in gaps]
    yes = t("matrix.yes", lang)
    return pd.DataFrame({
        t("matrix.col_person", lang): [name for name, _ in lines],
        t("matrix.col_skill", lang): [gap.skill.item.wording("manager", lang) for _, gap in lines],
        t("matrix.col_level", lang): [t("matrix.no_level", lang) if gap.level is None else str(gap.level) for _, gap in lines],
        t("matrix.col_required", lang): [str(gap.required) for _, gap in lines],
        t("matrix.col_critical", lang): [yes if gap.critical else "" for _, gap in lines],
    })
