"""The skills matrix for the workshop wall: A3 landscape, the skill names upright above their
columns, each cell in its state's colour (the page's palette), then per skill, the single points
of failure and each person's gaps."""

from __future__ import annotations

from devtalk.domain.matrix import STATE_COLOURS, STATES, Matrix
from devtalk.i18n import t
from devtalk.presentation.formatting import format_date
from devtalk.presentation.matrix_frames import (
    counts_frame,
    gaps_frame,
    level_text,
    single_points_frame,
    skill_names,
)
from devtalk.presentation.pdf.document import GREY, RULE, Document, plain

NAME_WIDTH = 48.0  # mm for a person's name
CELL_WIDTH = (5.0, 11.0)  # mm, narrowest and widest skill column
ROW_HEIGHT = 5.0
HEADER_HEIGHT = 70.0  # room for a skill name written upwards
LABEL_SIZE = 6.5  # pt


class WallSheet(Document):
    """The house document on A3 landscape: the workshop wall, not a personnel file."""

    def add_page(self, *args, **kwargs) -> None:
        super().add_page(orientation="landscape", format="A3")


def matrix_document(matrix: Matrix, lang: str, firm: str = "") -> bytes:
    title = t("matrix.pdf_title", lang)
    doc = WallSheet(firm, title, lang, printed=matrix.as_of)
    doc.title_block(title, t("matrix.as_of", lang, date=format_date(matrix.as_of, lang)))
    names = skill_names(matrix, lang)
    per_page = max(1, int((doc.epw - NAME_WIDTH) // CELL_WIDTH[0]))
    for start in range(0, len(names), per_page):
        _grid(doc, matrix, names, range(start, min(start + per_page, len(names))), lang)
    _legend(doc, lang)
    for key, frame in (("matrix.counts_heading", counts_frame(matrix.counts, lang)),
                       ("matrix.single_heading", single_points_frame(matrix.single_points, lang)),
                       ("matrix.gaps_heading", gaps_frame(matrix, lang))):
        if len(frame):
            doc.heading(t(key, lang))
            doc.grid([str(column) for column in frame.columns], [[str(value) for value in row] for row in frame.itertuples(index=False)])
    return doc.to_bytes()


def _grid(doc: Document, matrix: Matrix, names: list[str], columns: range, lang: str) -> None:
    """One block of skill columns for every person; the skill names are repeated on each page."""
    width = min(CELL_WIDTH[1], (doc.epw - NAME_WIDTH) / len(columns))
    doc.room_for(HEADER_HEIGHT + ROW_HEIGHT * 3)
    _header(doc, names, columns, width)
    for person, row in zip(matrix.people, matrix.rows):
        if doc.get_y() + ROW_HEIGHT > doc.page_break_trigger:
            doc.add_page()
            _header(doc, names, columns, width)
        y = doc.get_y()
        doc.body(8)
        doc.set_xy(doc.l_margin, y)
        doc.cell(NAME_WIDTH, ROW_HEIGHT, doc.fit(plain(person.name), NAME_WIDTH - 1))
        doc.body(7)
        for offset, index in enumerate(columns):
            x = doc.l_margin + NAME_WIDTH + offset * width
            doc.set_fill_color(*_rgb(STATE_COLOURS[row[index][3]]))
            doc.set_draw_color(255, 255, 255)
            doc.rect(x, y, width, ROW_HEIGHT, style="DF")
            doc.set_xy(x, y)
            doc.cell(width, ROW_HEIGHT, level_text(row[index], lang), align="C")
        doc.set_xy(doc.l_margin, y + ROW_HEIGHT)
    doc.ln(4)


def _header(doc: Document, names: list[str], columns: range, width: float) -> None:
    """The skill names written upwards above their columns, on up to two lines each."""
    top = doc.get_y()
    doc.body(LABEL_SIZE)
    line = LABEL_SIZE * 0.3528 * 1.15  # mm from one line's baseline to the next
    for offset, index in enumerate(columns):
        lines = _wrapped(doc, plain(names[index]), HEADER_HEIGHT - 2)
        x = doc.l_margin + NAME_WIDTH + offset * width + width / 2 - line * (len(lines) - 2) / 2
        for number, text in enumerate(lines):
            baseline = x + number * line
            with doc.rotation(90, baseline, top + HEADER_HEIGHT):
                doc.text(baseline, top + HEADER_HEIGHT, text)
    doc.set_draw_color(*RULE)
    doc.line(doc.l_margin, top + HEADER_HEIGHT + 1, doc.l_margin + NAME_WIDTH + len(columns) * width, top + HEADER_HEIGHT + 1)
    doc.set_xy(doc.l_margin, top + HEADER_HEIGHT + 2)
    doc.body()


def _wrapped(doc: Document, text: str, room: float) -> list[str]:
    """The words on as few lines as fit ``room`` mm, at most two; the second shortened if it must."""
    first, rest = "", text.split()
    while rest and doc.get_string_width(f"{first} {rest[0]}".strip()) <= room:
        first = f"{first} {rest.pop(0)}".strip()
    if not first:  # one word longer than the room
        return [doc.fit(text, room)]
    return [first, doc.fit(" ".join(rest), room)] if rest else [first]


def _legend(doc: Document, lang: str) -> None:
    doc.room_for(ROW_HEIGHT * 2 + 4)
    doc.body(8)
    y = doc.get_y()
    x = doc.l_margin
    for state in STATES:
        label = t(f"matrix.state_{state}", lang)
        doc.set_fill_color(*_rgb(STATE_COLOURS[state]))
        doc.rect(x, y + 0.5, 4, 4, style="F")
        doc.set_xy(x + 5, y)
        doc.cell(doc.get_string_width(label) + 2, ROW_HEIGHT, label)
        x = doc.get_x() + 4
    doc.set_xy(doc.l_margin, y + ROW_HEIGHT + 1)
    doc.paragraph(t("matrix.not_agreed_note", lang), size=8, colour=GREY)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
