"""Invitation cards: eight to an A4 sheet, to cut apart and hand out on the shop floor.

Each card carries the person's name, a QR code that opens devtalk signed in as them, and the
same code typed out in two groups of four for whoever cannot scan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO

import segno

from devtalk.i18n import t
from devtalk.presentation.formatting import format_date
from devtalk.presentation.pdf.document import GREY, RULE, Document, plain

COLUMNS, ROWS = 2, 4
QR_SIZE = 32  # mm: large enough for an older phone camera at arm's length


@dataclass(frozen=True)
class Card:
    name: str
    code: str
    link: str
    valid_until: date


def grouped(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def qr_png(link: str) -> bytes:
    buffer = BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def invitation_cards(firm: str, cards: list[Card], address: str, lang: str) -> bytes:
    doc = Document(firm, t("pdf.cards_title", lang), lang)
    doc.set_auto_page_break(False)
    width = doc.epw / COLUMNS
    height = (doc.page_break_trigger - doc.body_top) / ROWS
    for index, card in enumerate(cards):
        slot = index % (COLUMNS * ROWS)
        if index and slot == 0:
            doc.add_page()
        x = doc.l_margin + (slot % COLUMNS) * width
        y = doc.body_top + (slot // COLUMNS) * height
        _card(doc, card, x, y, width, height, address, lang)
    return doc.to_bytes()


def _card(doc: Document, card: Card, x: float, y: float, width: float, height: float, address: str, lang: str) -> None:
    doc.set_draw_color(*RULE)
    doc.set_dash_pattern(dash=1, gap=1)
    doc.rect(x, y, width, height)
    doc.set_dash_pattern()
    doc.image(BytesIO(qr_png(card.link)), x=x + 3, y=y + 4, w=QR_SIZE, h=QR_SIZE)
    text_x, text_width = x + QR_SIZE + 6, width - QR_SIZE - 9
    doc.set_xy(text_x, y + 4)
    doc.body(11, bold=True)
    doc.multi_cell(text_width, 5, doc.fit(plain(card.name), text_width), markdown=False)
    doc.set_x(text_x)
    doc.body(8, colour=GREY)
    doc.multi_cell(text_width, 4, t("pdf.card_your_code", lang), markdown=False)
    doc.set_x(text_x)
    doc.body(15, bold=True)
    doc.cell(text_width, 8, grouped(card.code))
    doc.set_xy(x + 3, y + QR_SIZE + 6)
    doc.body(7.5)
    doc.multi_cell(width - 6, 3.6, t("pdf.card_how", lang, address=address), align="L", markdown=False)
    doc.set_x(x + 3)
    doc.body(7.5, colour=GREY)
    doc.multi_cell(width - 6, 3.6, t("pdf.card_valid_until", lang, date=format_date(card.valid_until, lang)), align="L",
                   markdown=False)
