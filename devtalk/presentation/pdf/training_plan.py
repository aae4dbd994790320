"""The yearly training plan as the document a director signs and a sector fund or an auditor asks
for: A4 landscape (the plan is wide), per team its learning requests and their subtotal, the totals
per team and for the firm, then the director's signature with name, date and place. Amounts in
euros as the reader writes them ("€ 1.234,56" in Dutch); "page x of y" at the foot of each page."""

from __future__ import annotations

from datetime import date

from devtalk.domain.training_plan import Plan, by_team, plan_totals
from devtalk.i18n import t
from devtalk.presentation.formatting import format_date
from devtalk.presentation.pdf.document import (
    CELL_PADDING,
    GREY,
    HEADING_FILL,
    LINE,
    ROW_FILL,
    RULE,
    TABLE_SIZE,
    Document,
    plain,
)
from devtalk.presentation.training_plan_frames import (
    MONEY,
    hours_text,
    line_texts,
    money_text,
    team_name,
    totals_rows,
    when_text,
)

# Each team's table: the team is its heading, so not a column; kind goes with what, the
# conversation with why.
COLUMNS = ("employee", "what", "why", "way", "when", "hours", "estimated", "actual", "subsidy", "status")
NUMERIC = ("hours", "estimated", "actual")
FIXED = (*NUMERIC, "status")  # as wide as their widest text, never broken
SIGNATURE_HEIGHT = 46
ROW_LINE, ROW_PADDING = 4.2, 1.2  # mm per line of a table cell, and above and below its text
NO_BREAK = "\u00a0"


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
    names = [column for column in COLUMNS if plan.shows_costs or column not in MONEY]
    headings = [t(f"training_plan.col_{column}", lang) for column in names]
    align = ["RIGHT" if column in NUMERIC else "LEFT" for column in names]
    teams = [(_heading(lines[0], lang), [*(_cells(line, names, lang) for line in lines), _subtotal(lines, names, lang)])
             for lines in by_team(plan.lines).values()]
    widths = _widths(doc, headings, [row for _, rows in teams for row in rows], names)
    for team, rows in teams:
        doc.heading(team)
        _table(doc, headings, rows, widths, align)
    _totals(doc, plan, lang)
    _signature(doc, lang)
    return doc.to_bytes()


def _heading(line, lang: str) -> str:
    return t("training_plan.team_of", lang, name=line.team) if line.team else team_name(line, lang)


def _cells(line, columns: list[str], lang: str) -> list[str]:
    texts = line_texts(line, lang)
    texts["what"] = f"{texts['what']}\n{texts['kind']}"
    texts["why"] = "\n".join(part for part in (texts["why"], texts["conversation"]) if part)
    # A date or an amount is never broken over two lines; only the space between words is a break.
    texts["when"] = when_text(line, lang, lambda day, lang: format_date(day, lang).replace(" ", NO_BREAK))
    texts["subsidy"] = texts["subsidy"].replace("€ ", "€" + NO_BREAK)
    return [texts[column] for column in columns]


def _widths(doc: Document, headings: list[str], rows: list[list[str]], columns: list[str]) -> list[float]:
    """Amounts, hours and statuses as wide as their widest text. The other columns get what their
    typical cell asks for (at most a third of the page), in proportion when that does not fit,
    each at least as wide as its longest word: an empty column takes no room from a full one."""

    def widest(texts, bold: bool) -> float:
        doc.body(TABLE_SIZE, bold=bold)
        return max((doc.get_string_width(text) for text in texts), default=0) + 2 * CELL_PADDING + 0.5

    fixed, natural, least = {}, {}, {}
    for index, column in enumerate(columns):
        lines = [line for row in rows for line in row[index].split("\n") if line]
        if column in FIXED:  # measured in bold: the subtotal's amounts are
            fixed[column] = max(widest(headings[index].split(), bold=True), widest(lines, bold=column != "status"))
            continue
        least[column] = max(widest(headings[index].split(), bold=True),
                            widest((word for line in lines for word in line.split(" ")), bold=False))
        # What a typical cell holds, not the longest: one long sentence must not starve the rest.
        doc.body(TABLE_SIZE)
        cells = [row[index].replace("\n", " ") for row in rows if row[index]]
        typical = sum(doc.get_string_width(cell) for cell in cells) / len(cells) if cells else 0
        natural[column] = max(least[column], min(typical + 2 * CELL_PADDING, doc.epw / 3))
    scale = (doc.epw - sum(fixed.values())) / sum(natural.values())
    widths = {**fixed, **{column: max(least[column], natural[column] * scale) for column in natural}}
    over = sum(widths.values()) - doc.epw
    slack = {column: widths[column] - least[column] for column in natural}
    if over > 0 and sum(slack.values()):  # long words took more than their part: the others give it back
        for column in natural:
            widths[column] -= over * slack[column] / sum(slack.values())
    doc.body()
    return [widths[column] for column in columns]


def _subtotal(lines, columns: list[str], lang: str) -> list[str]:
    totals = plan_totals(lines)
    values = {"employee": t("training_plan.subtotal", lang), "hours": hours_text(totals.hours, lang),
              "estimated": money_text(totals.estimated_cents, lang), "actual": money_text(totals.actual_cents, lang),
              "subsidy": money_text(totals.subsidy_cents, lang)}
    return [values.get(column, "") for column in columns]


def _table(doc: Document, headings: list[str], rows: list[list[str]], widths: list[float], align: list[str]) -> None:
    """A team's lines as the house table looks (heading repeated on every page, every other row
    shaded, rules between rows, the last row, the subtotal, in bold), drawn line by line.

    Not ``Document.grid``: fpdf2's table lays every cell out twice with multi_cell, which took 3-5 s
    for the 400 lines of 200 people; text wrapped here and placed with ``text`` takes a tenth."""
    def row(cells: list[str], fill, bold: bool) -> None:
        doc.body(TABLE_SIZE, bold=bold)
        wrapped = [_wrapped(doc, plain(text), width - 2 * CELL_PADDING) for text, width in zip(cells, widths)]
        height = max(len(lines) for lines in wrapped) * ROW_LINE + 2 * ROW_PADDING
        if doc.get_y() + height > doc.page_break_trigger:
            doc.add_page()
            row(headings, HEADING_FILL, True)
            doc.body(TABLE_SIZE, bold=bold)
        top, x = doc.get_y(), doc.l_margin
        if fill:
            doc.set_fill_color(*fill)
            doc.rect(x, top, sum(widths), height, style="F")
        for lines, width, side in zip(wrapped, widths, align):
            for number, line in enumerate(lines):
                left = x + width - CELL_PADDING - doc.get_string_width(line) if side == "RIGHT" else x + CELL_PADDING
                doc.text(left, top + ROW_PADDING + (number + 0.78) * ROW_LINE, line)
            x += width
        doc.set_draw_color(*RULE)
        doc.line(doc.l_margin, top + height, doc.l_margin + sum(widths), top + height)
        doc.set_xy(doc.l_margin, top + height)

    doc.room_for(3 * (ROW_LINE + 2 * ROW_PADDING))
    row(headings, HEADING_FILL, True)
    for index, cells in enumerate(rows):
        row(cells, ROW_FILL if index % 2 == 0 else None, index == len(rows) - 1)
    doc.ln(2)
    doc.body()


def _wrapped(doc: Document, text: str, room: float) -> list[str]:
    """The text on as many lines as it needs within ``room`` mm, broken between words (inside a
    word only when the word alone is wider), each line break of the text kept."""
    lines = []
    for paragraph in text.split("\n"):
        if doc.get_string_width(paragraph) <= room:  # most cells: one measurement, one line
            lines.append(paragraph)
            continue
        line = ""
        for word in paragraph.split(" "):  # a no-break space holds its word together
            candidate = f"{line} {word}" if line else word
            if doc.get_string_width(candidate) <= room:
                line = candidate
                continue
            if line:
                lines.append(line)
            while doc.get_string_width(word) > room and len(word) > 1:
                cut = next(end for end in range(len(word), 0, -1) if doc.get_string_width(word[:end]) <= room or end == 1)
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines or [""]


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
