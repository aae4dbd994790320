"""The training plan as an Excel workbook, for a fund or an auditor to count with: one sheet with
every learning request and a team column (filter it to one team), a totals row, and a second
sheet with the totals per team. Amounts are numbers in euros with a euro number format, dates are
dates and hours are numbers, so Excel adds them up; every text goes through ``safe_cell``, so a
name like ``=HYPERLINK(...)`` stays text on the reader's machine."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from devtalk.domain.learning import euros
from devtalk.domain.training_plan import Plan, PlanLine, PlanTotals
from devtalk.i18n import t
from devtalk.presentation.training_plan_frames import (
    kind_text,
    status_text,
    team_name,
    totals_rows,
    why_text,
)
from devtalk.spreadsheets.cells import safe_cell

EURO_FORMAT = '"€" #,##0.00'  # Excel shows the reader's own separators: € 1.234,56 in Dutch Excel
DATE_FORMAT = "dd-mm-yyyy"
HOURS_FORMAT = "0.0"
BOLD = Font(bold=True)
HEADER_ROW = 3  # below the title and who may see what
WIDTHS = {"employee": 24, "team": 22, "what": 36, "why": 30, "conversation": 18, "by": 22, "subsidy_fund": 20}


def plan_workbook(plan: Plan, lang: str) -> bytes:
    book = openpyxl.Workbook()
    _plan_sheet(book.active, plan, lang)
    _totals_sheet(book.create_sheet(), plan, lang)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def columns(shows_costs: bool) -> tuple[str, ...]:
    money = ("estimated", "actual", "subsidy_fund", "subsidy_scheme", "subsidy", "subsidy_status")
    return ("team", "employee", "what", "kind", "why", "conversation", "way", "by", "start", "end", "hours",
            *(money if shows_costs else ()), "status")


def _plan_sheet(sheet, plan: Plan, lang: str) -> None:
    sheet.title = t("training_plan.sheet_plan", lang)
    sheet.append([t("training_plan.title", lang, year=plan.year)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([plan.firm and safe_cell(plan.firm)])
    names = columns(plan.shows_costs)
    sheet.append([t(f"training_plan.xlsx_{name}", lang) for name in names])
    for cell in sheet[HEADER_ROW]:
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for line in plan.lines:
        values = _values(line, lang)
        sheet.append([values[name] for name in names])
    last = sheet.max_row
    totals = totals_rows(plan, lang)[-1][1]
    sheet.append([_totals_values(t("training_plan.total", lang), totals).get(name) for name in names])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    _formats(sheet, names, HEADER_ROW + 1, sheet.max_row)
    for index, name in enumerate(names, 1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(name, 13)
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 3)
    if plan.lines:
        sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(names))}{last}"


def _values(line: PlanLine, lang: str) -> dict[str, object]:
    subsidy = line.subsidy
    return {
        "team": safe_cell(team_name(line, lang)), "employee": safe_cell(line.employee), "what": safe_cell(line.what),
        "kind": kind_text(line.kind, lang), "why": safe_cell(why_text(line, lang)),
        "conversation": safe_cell(line.conversation),
        "way": t(f"training_plan.decision_{line.decision}", lang) if line.decision else None,
        "by": safe_cell((line.colleague if line.decision == "internal" else line.provider) or None),
        "start": line.start, "end": line.end, "hours": _number(line.hours),
        "estimated": _money(line.estimated_cents), "actual": _money(line.actual_cents),
        "subsidy_fund": safe_cell(subsidy.fund) if subsidy else None,
        "subsidy_scheme": safe_cell(subsidy.scheme or None) if subsidy else None,
        "subsidy": _money(subsidy.expected_cents) if subsidy else None,
        "subsidy_status": t(f"learning.subsidy_{subsidy.status}", lang) if subsidy else None,
        "status": status_text(line.status, lang),
    }


def _totals_values(label: str, totals: PlanTotals) -> dict[str, object]:
    return {"team": safe_cell(label), "requests": totals.requests, "hours": _number(totals.hours),
            "estimated": _money(totals.estimated_cents), "actual": _money(totals.actual_cents),
            "subsidy": _money(totals.subsidy_cents)}


def _totals_sheet(sheet, plan: Plan, lang: str) -> None:
    sheet.title = t("training_plan.sheet_totals", lang)
    names = ("team", "requests", "hours", *(("estimated", "actual", "subsidy") if plan.shows_costs else ()))
    sheet.append([t(f"training_plan.xlsx_{name}", lang) for name in names])
    for cell in sheet[1]:
        cell.font = BOLD
    for label, totals in totals_rows(plan, lang):
        values = _totals_values(label, totals)
        sheet.append([values[name] for name in names])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    _formats(sheet, names, 2, sheet.max_row)
    for index, name in enumerate(names, 1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(name, 15)
    sheet.freeze_panes = "A2"


def _formats(sheet, names: tuple[str, ...], first: int, last: int) -> None:
    formats = {"estimated": EURO_FORMAT, "actual": EURO_FORMAT, "subsidy": EURO_FORMAT, "start": DATE_FORMAT,
               "end": DATE_FORMAT, "hours": HOURS_FORMAT}
    for index, name in enumerate(names, 1):
        if name in formats:
            for row in range(first, last + 1):
                sheet.cell(row, index).number_format = formats[name]


def _money(cents: int | None) -> Decimal | None:
    """Euros exactly (a Decimal is written to the file as typed, no float rounding on the way)."""
    return None if cents is None else euros(cents)


def _number(hours) -> float | None:
    return None if hours is None else float(hours)
