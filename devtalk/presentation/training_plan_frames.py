"""The training plan as people read it, in their language: the words of each line (why, internal
or external, when, the subsidy), the page's table, the totals per team, and the column headings
the XLSX and the PDF share. Amounts are written the Dutch way in Dutch ("€ 1.234,56")."""

from __future__ import annotations

import pandas as pd

from devtalk.domain.learning import format_euros
from devtalk.domain.training_plan import (
    Plan,
    PlanLine,
    PlanTotals,
    by_team,
    plan_totals,
)
from devtalk.i18n import t
from devtalk.presentation.formatting import format_date, format_number
from devtalk.questionnaire import localized

# The money columns, which a reader who may not see costs does not get at all.
MONEY = ("estimated", "actual", "subsidy")


def kind_text(kind: str, lang: str) -> str:
    return t(f"action.kind_{kind}", lang)


def status_text(status: str, lang: str) -> str:
    return t(f"learning.status_{status}", lang)


def why_text(line: PlanLine, lang: str) -> str:
    """The skill it raises or the certificate it keeps valid."""
    if line.certificate:
        return t("training_plan.why_certificate", lang, certificate=line.certificate)
    return localized(line.skill, lang) if line.skill else ""


def way_text(line: PlanLine, lang: str) -> str:
    """Internal with whom, or external at which provider; nothing while undecided."""
    if line.decision is None:
        return ""
    who = line.colleague if line.decision == "internal" else line.provider
    way = t(f"training_plan.decision_{line.decision}", lang)
    return f"{way}: {who}" if who else way


def when_text(line: PlanLine, lang: str, written=format_date) -> str:
    """One date or from ... to ...; ``written(day, lang)`` writes each date."""
    if line.start is None and line.end is None:
        return ""
    if line.end is None or line.end == line.start:
        return written(line.start or line.end, lang)
    return t("training_plan.from_to", lang, start=written(line.start, lang), end=written(line.end, lang))


def hours_text(hours: float | None, lang: str) -> str:
    return "" if hours is None else format_number(float(hours), lang, 1)


def money_text(cents: int | None, lang: str) -> str:
    return "" if cents is None else format_euros(cents, lang)


def subsidy_text(line: PlanLine, lang: str) -> str:
    """Fund and scheme, the expected amount and where the application stands."""
    subsidy = line.subsidy
    if subsidy is None:
        return ""
    name = " · ".join(part for part in (subsidy.fund, subsidy.scheme) if part)
    amount = money_text(subsidy.expected_cents, lang)
    status = t(f"learning.subsidy_{subsidy.status}", lang)
    return t("training_plan.subsidy_line", lang, fund=name, amount=amount, status=status) if amount else \
        t("training_plan.subsidy_no_amount", lang, fund=name, status=status)


def headings(lang: str, shows_costs: bool) -> dict[str, str]:
    """Column -> heading, in the order the page and the PDF show them."""
    columns = ("team", "employee", "what", "kind", "why", "conversation", "way", "when", "hours", *MONEY, "status")
    return {column: t(f"training_plan.col_{column}", lang) for column in columns
            if shows_costs or column not in MONEY}


def line_texts(line: PlanLine, lang: str) -> dict[str, str]:
    """Every column of one line as text (the amounts in euros)."""
    return {
        "team": line.team, "employee": line.employee, "what": line.what, "kind": kind_text(line.kind, lang),
        "why": why_text(line, lang), "conversation": line.conversation, "way": way_text(line, lang),
        "when": when_text(line, lang), "hours": hours_text(line.hours, lang),
        "estimated": money_text(line.estimated_cents, lang), "actual": money_text(line.actual_cents, lang),
        "subsidy": subsidy_text(line, lang), "status": status_text(line.status, lang),
    }


def plan_frame(plan: Plan, lang: str) -> pd.DataFrame:
    """One row per learning request, as the page shows it."""
    columns = headings(lang, plan.shows_costs)
    texts = [line_texts(line, lang) for line in plan.lines]
    return pd.DataFrame({heading: [row[column] for row in texts] for column, heading in columns.items()})


def team_name(line: PlanLine, lang: str) -> str:
    return line.team or t("training_plan.no_team", lang)


def totals_rows(plan: Plan, lang: str) -> list[tuple[str, PlanTotals]]:
    """(label, totals) per team in the plan's order, then the whole plan's."""
    rows = [(team_name(lines[0], lang), plan_totals(lines)) for lines in by_team(plan.lines).values()]
    return [*rows, (t("training_plan.total", lang), plan_totals(plan.lines))]


def totals_frame(plan: Plan, lang: str) -> pd.DataFrame:
    """Per team and for the whole plan: how many requests, hours and (for who may see them) amounts."""
    rows = totals_rows(plan, lang)
    frame = {
        t("training_plan.col_team", lang): [label for label, _ in rows],
        t("training_plan.col_requests", lang): [totals.requests for _, totals in rows],
        t("training_plan.col_hours", lang): [hours_text(totals.hours, lang) for _, totals in rows],
    }
    if plan.shows_costs:
        for column, field in (("estimated", "estimated_cents"), ("actual", "actual_cents"), ("subsidy", "subsidy_cents")):
            frame[t(f"training_plan.col_{column}", lang)] = [format_euros(getattr(totals, field), lang) for _, totals in rows]
    return pd.DataFrame(frame)
