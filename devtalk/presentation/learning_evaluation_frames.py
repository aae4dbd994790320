"""The group evaluation of learning as tables (pandas) and charts (Altair), in the reader's
language: per kind of learning, internal against external, and the skills that rose. Every group
shown has at least MIN_GROUP people; the evaluation left the smaller ones out already."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from devtalk.domain.learning import format_euros
from devtalk.domain.learning_evaluation import (
    HELPED_ANSWERS,
    GroupEvaluation,
    GroupFigure,
    SkillRise,
)
from devtalk.i18n import t
from devtalk.presentation.formatting import format_number
from devtalk.questionnaire import localized

BAR_HEIGHT = 28
HELPED_COLOURS = {"helped": "#2e7d32", "partly": "#f9a825", "not": "#c62828"}


def kind_label(kind: str, lang: str) -> str:
    return t(f"action.kind_{kind}", lang)


def way_label(decision: str, lang: str) -> str:
    return t(f"training_plan.decision_{decision}", lang)


def skill_label(rise: SkillRise, lang: str) -> str:
    return localized(rise.skill, lang) or rise.skill_id


def figures_frame(figures: tuple[GroupFigure, ...], label, heading_key: str, lang: str, shows_costs: bool) -> pd.DataFrame:
    """One row per group: how many people and actions, satisfaction, whether it helped, the cost."""
    not_enough = t("learning_evaluation.too_few", lang)
    frame = {
        t(heading_key, lang): [label(figure.group, lang) for figure in figures],
        t("learning_evaluation.col_people", lang): [figure.people for figure in figures],
        t("learning_evaluation.col_actions", lang): [figure.actions for figure in figures],
        t("learning_evaluation.col_satisfaction", lang): [
            format_number(figure.satisfaction, lang) if figure.satisfaction is not None else not_enough for figure in figures],
        **{t(f"learning_evaluation.col_{answer}", lang): [
            str(figure.helped[answer]) if figure.helped is not None else not_enough for figure in figures]
           for answer in HELPED_ANSWERS},
    }
    if shows_costs:
        frame[t("learning_evaluation.col_cost", lang)] = [format_euros(figure.cost_cents, lang) for figure in figures]
    return pd.DataFrame(frame)


def kinds_frame(evaluation: GroupEvaluation, lang: str) -> pd.DataFrame:
    return figures_frame(evaluation.kinds, kind_label, "learning_evaluation.col_kind", lang, evaluation.shows_costs)


def ways_frame(evaluation: GroupEvaluation, lang: str) -> pd.DataFrame:
    return figures_frame(evaluation.ways, way_label, "learning_evaluation.col_way", lang, evaluation.shows_costs)


def skills_frame(evaluation: GroupEvaluation, lang: str) -> pd.DataFrame:
    rises = evaluation.skills
    return pd.DataFrame({
        t("learning_evaluation.col_skill", lang): [skill_label(rise, lang) for rise in rises],
        t("learning_evaluation.col_people", lang): [rise.people for rise in rises],
        t("learning_evaluation.col_before", lang): [format_number(rise.before, lang) for rise in rises],
        t("learning_evaluation.col_after", lang): [format_number(rise.after, lang) for rise in rises],
        t("learning_evaluation.col_rose", lang): [rise.rose for rise in rises],
    })


def _bars(frame: pd.DataFrame, x: alt.X, **encodings) -> alt.Chart:
    """Horizontal bars, one per group, with the group's whole name beside it (no label cut off)."""
    y = alt.Y("group:N", title=None, sort=None, axis=alt.Axis(labelLimit=0, labelFontSize=13))
    return alt.Chart(frame).mark_bar().encode(x=x, y=y, **encodings).properties(height=alt.Step(BAR_HEIGHT))


def satisfaction_chart(figures: tuple[GroupFigure, ...], label, group_title: str, lang: str) -> alt.Chart | None:
    """Average satisfaction (1-5) per group that has enough answers; None when none has."""
    shown = [figure for figure in figures if figure.satisfaction is not None]
    if not shown:
        return None
    frame = pd.DataFrame({"group": [label(figure.group, lang) for figure in shown],
                          "value": [round(figure.satisfaction, 1) for figure in shown],
                          "text": [format_number(figure.satisfaction, lang) for figure in shown]})
    title = t("learning_evaluation.chart_satisfaction", lang)
    x = alt.X("value:Q", title=title, scale=alt.Scale(domain=[0, 5]), axis=alt.Axis(tickMinStep=1, labelFontSize=12))
    return _bars(frame, x, tooltip=[alt.Tooltip("group:N", title=group_title), alt.Tooltip("text:N", title=title)])


def helped_chart(figures: tuple[GroupFigure, ...], label, group_title: str, lang: str) -> alt.Chart | None:
    """Per group how many said it helped in their work, partly or not, stacked."""
    shown = [figure for figure in figures if figure.helped is not None]
    if not shown:
        return None
    answers = {answer: t(f"learning_evaluation.col_{answer}", lang) for answer in HELPED_ANSWERS}
    frame = pd.DataFrame({
        "group": [label(figure.group, lang) for figure in shown for _ in HELPED_ANSWERS],
        "answer": [answers[answer] for _ in shown for answer in HELPED_ANSWERS],
        "order": [index for _ in shown for index, _ in enumerate(HELPED_ANSWERS)],
        "value": [figure.helped[answer] for figure in shown for answer in HELPED_ANSWERS],
    })
    colour = alt.Color("answer:N", title=t("learning_evaluation.chart_helped", lang),
                       scale=alt.Scale(domain=list(answers.values()), range=[HELPED_COLOURS[a] for a in HELPED_ANSWERS]),
                       legend=alt.Legend(orient="bottom", labelLimit=0))
    x = alt.X("value:Q", title=t("learning_evaluation.chart_answers", lang), axis=alt.Axis(tickMinStep=1, labelFontSize=12))
    return _bars(frame, x, color=colour, order="order:Q",
                 tooltip=[alt.Tooltip("group:N", title=group_title), alt.Tooltip("answer:N", title=t("learning_evaluation.chart_helped", lang)),
                          alt.Tooltip("value:Q", title=t("learning_evaluation.chart_answers", lang))])


def cost_chart(figures: tuple[GroupFigure, ...], label, group_title: str, lang: str) -> alt.Chart | None:
    """The cost per group in euros (the axis in whole euros, the tooltip to the cent)."""
    shown = [figure for figure in figures if figure.cost_cents is not None]
    if not shown:
        return None
    frame = pd.DataFrame({"group": [label(figure.group, lang) for figure in shown],
                          "value": [figure.cost_cents / 100 for figure in shown],
                          "text": [format_euros(figure.cost_cents, lang) for figure in shown]})
    title = t("learning_evaluation.chart_cost", lang)
    x = alt.X("value:Q", title=title, axis=alt.Axis(labelExpr=_euro_label(lang), labelFontSize=12))
    return _bars(frame, x, color=alt.value("#5b7fa6"),
                 tooltip=[alt.Tooltip("group:N", title=group_title), alt.Tooltip("text:N", title=title)])


def _euro_label(lang: str) -> str:
    """A Vega expression writing an axis value in whole euros as the reader does: € 6.000 or €6,000."""
    whole = "format(datum.value, ',.0f')"
    return f"'€ ' + replace({whole}, regexp(',', 'g'), '.')" if lang == "nl" else f"'€' + {whole}"


def skills_chart(evaluation: GroupEvaluation, lang: str) -> alt.LayerChart | None:
    """Per skill the group's average level then (grey) and now (blue), joined by a line."""
    if not evaluation.skills:
        return None
    group_title = t("learning_evaluation.col_skill", lang)
    then, now = t("learning_evaluation.col_before", lang), t("learning_evaluation.col_after", lang)
    frame = pd.DataFrame({
        "group": [skill_label(rise, lang) for rise in evaluation.skills for _ in (0, 1)],
        "moment": [moment for _ in evaluation.skills for moment in (then, now)],
        "value": [value for rise in evaluation.skills for value in (round(rise.before, 1), round(rise.after, 1))],
    })
    y = alt.Y("group:N", title=None, sort=None, axis=alt.Axis(labelLimit=0, labelFontSize=13))
    # Levels are whole points of the scale: the axis runs between whole points and marks only those.
    points = list(range(math.floor(min(frame["value"])), math.ceil(max(frame["value"])) + 1))
    x = alt.X("value:Q", title=t("learning_evaluation.chart_level", lang),
              scale=alt.Scale(domain=[points[0], max(points[-1], points[0] + 1)]),
              axis=alt.Axis(values=points, format="d", labelFontSize=12))
    base = alt.Chart(frame).encode(x=x, y=y)
    line = base.mark_line(color="#9e9e9e").encode(detail="group:N")
    dots = base.mark_circle(size=120, opacity=1).encode(
        color=alt.Color("moment:N", title=None, scale=alt.Scale(domain=[then, now], range=["#9e9e9e", "#1565c0"]),
                        legend=alt.Legend(orient="bottom", labelLimit=0)),
        tooltip=[alt.Tooltip("group:N", title=group_title), alt.Tooltip("moment:N", title=t("learning_evaluation.chart_moment", lang)),
                 alt.Tooltip("value:Q", title=t("learning_evaluation.chart_level", lang), format=".1f")])
    return alt.layer(line, dots).properties(height=alt.Step(BAR_HEIGHT))
