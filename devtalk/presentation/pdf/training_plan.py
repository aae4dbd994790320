"""The yearly training plan as the document a director signs and a sector fund or an auditor asks
for: A4 landscape (the plan is wide), per team its learning requests and their subtotal, the totals
per team and for the firm, then the director's signature with name, date and place. Amounts in
euros as the reader writes them ("€ 1.234,56" in Dutch); "page x of y" at the foot of each page."""

from __future__ import annotations

from datetime import date

from devtalk.domain.training_plan import Plan, by_team, plan_totals
from devtalk.i18n import t
from devtalk.presentation.formatting import format_date
from devtalk.presentation.pdf.document import GREY, LINE, RULE, Document
from devtalk.presentation.training_plan_frames import (
    hours_text,
    line_texts,
    money_text,
    team_name,
    totals_rows,
)

# Each team's table: the team is its heading, so not a column; kind goes with what, the
# conversation with why. Widths are shares of the printable width.
COLUMNS = (("employee", 0.12), ("what", 0.17), ("why", 0.15), ("way", 0.11), ("when", 0.1), ("hours", 0.04),
           ("estimated", 0.07), ("actual", 0.07), ("subsidy", 0.1), ("status", 0.07))
NUMERIC = ("hours", "estimated", "actual")
SIGNATURE_HEIGHT = 46


class PlanSheet(Document):
    """The house document turned to A4 landscape, so a line of the plan fits one table row."""

    def add_page(self, *args, **kwargs) -> None:
        super().add_page(orientation="landscape")


def plan_document(plan: Plan, lang: str, printed: date | None = None) -> bytes:
    title = t("training_plan.title", lang, year=plan.year)
    doc = PlanSheet(plan.firm, title, lang, printed=printed)
    doc.title_block(title, t("training_plan.pdf_subtitle", lang, count=len(plan.lines),
                             date=format_date(doc.printed, lang)))
    if not plan.shows_costs:
        doc.paragraph(t("training_plan.no_costs_note", lang), size=9, colour=GREY)
    if not plan.lines:
        doc.paragraph(t("training_plan.empty", lang))
    columns = [(column, share) for column, share in COLUMNS if plan.shows_costs or column not in ("estimated", "actual", "subsidy")]
    scale = 1 / sum(share for _, share in columns)
    widths = [doc.epw * share * scale for _, share in columns]
    headings = [t(f"training_plan.col_{column}", lang) for column, _ in columns]
    align = ["RIGHT" if column in NUMERIC else "LEFT" for column, _ in columns]
    for lines in by_team(plan.lines).values():
        doc.heading(team_name(lines[0], lang))
        rows = []
        for line in lines:
            texts = line_texts(line, lang)
            texts["what"] = f"{texts['what']}\n{texts['kind']}"
            texts["why"] = "\n".join(part for part in (texts["why"], texts["conversation"]) if part)
            rows.append([texts[column] for column, _ in columns])
        rows.append(_subtotal(plan, lines, [column for column, _ in columns], lang))
        doc.grid(headings, rows, widths=widths, align=align, emphasis=(len(rows) - 1,))
    _totals(doc, plan, lang)
    _signature(doc, lang)
    return doc.to_bytes()


def _subtotal(plan: Plan, lines, columns: list[str], lang: str) -> list[str]:
    totals = plan_totals(lines)
    values = {"employee": t("training_plan.subtotal", lang), "hours": hours_text(totals.hours, lang),
              "estimated": money_text(totals.estimated_cents, lang), "actual": money_text(totals.actual_cents, lang),
              "subsidy": money_text(totals.subsidy_cents, lang) if plan.shows_costs else ""}
    return [values.get(column, "") for column in columns]


def _totals(doc: Document, plan: Plan, lang: str) -> None:
    rows = totals_rows(plan, lang)
    doc.heading(t("training_plan.totals_heading", lang), keep=12 + 8 * len(rows))
    headings = [t(f"training_plan.col_{column}", lang) for column in ("team", "requests", "hours")]
    cells = [[label, str(totals.requests), hours_text(totals.hours, lang)] for label, totals in rows]
    if plan.shows_costs:
        headings += [t(f"training_plan.col_{column}", lang) for column in ("estimated", "actual", "subsidy")]
        cells = [[*row, money_text(totals.estimated_cents, lang), money_text(totals.actual_cents, lang),
                  money_text(totals.subsidy_cents, lang)] for row, (_, totals) in zip(cells, rows)]
    share = doc.epw / (len(headings) + 2)
    doc.grid(headings, cells, widths=[share * 3, *([share] * (len(headings) - 1))],
             align=["LEFT", *(["RIGHT"] * (len(headings) - 1))], emphasis=(len(cells) - 1,))


def _signature(doc: Document, lang: str) -> None:
    """One box for the director: name, date, place and room to sign, filled in with a pen."""
    doc.room_for(SIGNATURE_HEIGHT + 20)
    doc.heading(t("training_plan.signature_heading", lang), keep=SIGNATURE_HEIGHT + 12)
    doc.paragraph(t("training_plan.signature_text", lang), size=9, colour=GREY)
    top, width = doc.get_y() + 2, doc.epw / 2
    doc.set_draw_color(*RULE)
    doc.rect(doc.l_margin, top, width, SIGNATURE_HEIGHT)
    doc.set_xy(doc.l_margin + 3, top + 2)
    doc.body(9, bold=True)
    doc.cell(width - 6, LINE, t("training_plan.director", lang))
    for offset, key in ((10, "pdf.sign_name"), (17, "pdf.sign_date"), (24, "training_plan.sign_place"), (38, "pdf.sign_here")):
        doc.set_xy(doc.l_margin + 3, top + offset)
        doc.body(8.5, colour=GREY)
        doc.cell(26, LINE, t(key, lang))
        doc.line(doc.l_margin + 29, top + offset + LINE, doc.l_margin + width - 3, top + offset + LINE)
    doc.set_xy(doc.l_margin, top + SIGNATURE_HEIGHT + 4)
    doc.body()
