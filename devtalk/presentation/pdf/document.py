"""The sheet every devtalk PDF is printed on, and the few ways text goes onto it.

A4 with the DejaVu font that ships inside the package (so a server without fonts still prints
"Jürgen Müller-Ĳssel" correctly), the firm and the document title at the top of each page and
"page x of y" at the bottom. Every text is printed literally: user text is never read as
markdown or HTML, so what someone typed is what ends up in the personnel file.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos

from devtalk.domain.plain_text import readable
from devtalk.i18n import t
from devtalk.presentation.formatting import format_date

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
TEXT, GREY, RULE = (25, 25, 25), (105, 105, 105), (185, 185, 185)
HEADING_FILL, ROW_FILL = (226, 234, 240), (246, 248, 250)
LINE = 5.0  # mm per line of body text
TABLE_SIZE, CELL_PADDING = 8.5, 1.5  # pt, mm


def plain(text: str | None) -> str:
    """Text as typed, minus control characters and bidirectional overrides (no printed form)."""
    return readable((text or "").replace("\r\n", "\n").replace("\t", "    "))


class Document(FPDF):
    """One A4 document; the methods below are the only ways the builders put text on it."""

    def __init__(self, firm: str, title: str, lang: str, printed: date | None = None):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.firm, self.heading_text, self.reader_lang = plain(firm), plain(title), lang
        self.printed = printed or date.today()
        self.add_font(FAMILY, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FAMILY, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.set_margins(18, 12, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_title(self.heading_text)
        self.set_author(self.firm)
        self.set_creator("devtalk")
        self.set_lang(lang)
        self.add_page()

    # fpdf2 calls header() and footer() on every page.
    def header(self) -> None:
        self.body(8, colour=GREY)
        half = self.epw / 2
        self.cell(half, 4, self.fit(self.firm, half), new_x=XPos.RIGHT)
        self.cell(half, 4, self.fit(self.heading_text, half), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*RULE)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.set_y(self.get_y() + 5)
        self.body_top = self.get_y()
        self.body()

    def footer(self) -> None:
        self.set_y(-12)
        self.body(8, colour=GREY)
        half = self.epw / 2
        self.cell(half, 4, t("pdf.printed_on", self.reader_lang, date=format_date(self.printed, self.reader_lang)))
        # "{nb}" is fpdf2's placeholder for the page count, filled in when the file is written.
        self.cell(half, 4, t("pdf.page_of", self.reader_lang, page=self.page_no(), pages="{nb}"), align="R")

    def body(self, size: float = 10, bold: bool = False, colour=TEXT) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        self.set_text_color(*colour)

    def fit(self, text: str, width: float) -> str:
        """A one-line text shortened with an ellipsis so it never runs into its neighbour."""
        if self.get_string_width(text) <= width:
            return text
        while text and self.get_string_width(text + "…") > width:
            text = text[:-1]
        return text + "…"

    def room_for(self, height: float) -> None:
        """Start a new page unless ``height`` mm still fit, so a heading never ends a page alone."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def title_block(self, title: str, subtitle: str = "") -> None:
        self.body(17, bold=True)
        self.multi_cell(0, 8, plain(title), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if subtitle:
            self.body(10, colour=GREY)
            self.multi_cell(0, LINE, plain(subtitle), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(3)
        self.body()

    def heading(self, text: str, keep: float = 30) -> None:
        """A section title, moved to the next page unless ``keep`` mm of what follows fit under it."""
        self.room_for(keep)
        self.ln(3)
        self.body(13, bold=True)
        self.multi_cell(0, 7, plain(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)
        self.body()

    def subheading(self, text: str) -> None:
        self.room_for(28)
        self.ln(1.5)
        self.body(10.5, bold=True)
        self.multi_cell(0, 5.5, plain(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.body()

    def paragraph(self, text: str | None, *, empty: str = "—", size: float = 10, colour=TEXT, indent: float = 0,
                  bold: bool = False) -> None:
        """A block of text that wraps and runs on over as many pages as it needs."""
        self.body(size, bold=bold, colour=colour)
        self.set_x(self.l_margin + indent)
        self.multi_cell(0, LINE * size / 10, plain(text).strip() or empty, align="L", markdown=False,
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.body()

    def facts(self, pairs: Sequence[tuple[str, str]], label_width: float = 45) -> None:
        """Label and value per line, as at the top of a form."""
        for label, value in pairs:
            self.body(9.5, colour=GREY)
            self.cell(label_width, LINE, plain(label))
            self.body(10)
            self.multi_cell(0, LINE, plain(value) or "—", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def grid(self, headings: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float] | None = None,
             align: Sequence[str] | None = None, emphasis: Sequence[int] = ()) -> None:
        """A table whose header row is printed again on every page it runs onto.

        Without ``widths`` the first column wraps and the others fit their text (column_widths).
        ``emphasis`` lists the rows printed in bold: the rows a reader should not miss.
        """
        headings = [plain(h) for h in headings]
        rows = [[plain(c) for c in cells] for cells in rows]
        widths = tuple(widths or self.column_widths(headings, rows))
        self.body(TABLE_SIZE)
        style = FontFace(family=FAMILY, emphasis="BOLD", fill_color=HEADING_FILL, color=TEXT)
        bold = FontFace(family=FAMILY, emphasis="BOLD")
        with self.table(col_widths=widths, text_align=tuple(align or ("LEFT",) * len(widths)),
                        headings_style=style, repeat_headings=1, markdown=False, line_height=4.2,
                        padding=(1.2, CELL_PADDING), borders_layout="HORIZONTAL_LINES", cell_fill_color=ROW_FILL,
                        cell_fill_mode="ROWS", v_align="TOP", width=self.epw) as table:
            table.row(headings)
            for index, cells in enumerate(rows):
                table.row(cells, style=bold if index in emphasis else None)
        self.ln(2)
        self.body()

    def column_widths(self, headings: Sequence[str], rows: Sequence[Sequence[str]], flexible: int = 0) -> tuple[float, ...]:
        """Room for the widest heading or cell of each column (measured in bold, as emphasised rows
        are), so short words never break mid-word; the flexible column keeps at least a third and wraps."""
        self.body(TABLE_SIZE, bold=True)
        widths = [
            0.0 if column == flexible else
            min(max(self.get_string_width(text) for text in [heading, *(row[column] for row in rows)]) + 2 * CELL_PADDING + 1,
                self.epw * 0.2)
            for column, heading in enumerate(headings)
        ]
        shrink = min(1.0, self.epw * 0.66 / sum(widths))
        widths = [width * shrink for width in widths]
        widths[flexible] = self.epw - sum(widths)
        self.body()
        return tuple(widths)

    def image_size(self, width_px: int, height_px: int, max_height: float | None = None) -> tuple[float, float]:
        """Millimetres for an image as wide as the text, shrunk when taller than ``max_height``
        (by default: a whole page)."""
        tallest = max_height or self.page_break_trigger - self.body_top
        width, height = self.epw, self.epw * height_px / width_px
        return (width * tallest / height, tallest) if height > tallest else (width, height)

    def normalize_text(self, text: str) -> str:
        # fpdf2 passes every text through here (cell, multi_cell, text, write and string widths), so
        # no control character or bidirectional override reaches the page, whichever builder drew it.
        return super().normalize_text(readable(text))

    def to_bytes(self) -> bytes:
        return bytes(self.output())
