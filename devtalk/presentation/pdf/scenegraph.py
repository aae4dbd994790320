"""A chart as Vega laid it out (vl-convert's scenegraph), drawn on a PDF page as lines, circles and text.

Vega still decides where everything goes, so the paper shows the page's chart; only the last
step, turning that layout into pixels, is left out. vl-convert rasterises text by opening the
font file again for every glyph, several times over, which made half a second of the report
PDF; drawn as vector shapes the chart is also sharp at any printer resolution and its labels
stay text. Only the marks the comparison chart uses are drawn; any other kind is an error
rather than a silent gap.
"""

from __future__ import annotations

import math

from fpdf.enums import StrokeCapStyle

from devtalk.presentation.pdf.document import FAMILY, Document

# Vega moves text from its anchor to its baseline by these fractions of the font size
# (vega-scenegraph, util/text.js: offset), and rounds the result to whole pixels.
BASELINE_SHIFT = {"top": 0.79, "middle": 0.30, "bottom": -0.21}
POINTS_PER_MM = 72 / 25.4


def paint(doc: Document, scene: dict, left: float, top: float, mm_per_px: float) -> None:
    """Draw ``scene`` with its top left corner at (left, top), in the document's own font."""
    origin_x, origin_y = scene["origin"]
    # Vega's lines end flat at their end points (fpdf2's default runs them on by half their width);
    # the page's colours, line width and font come back afterwards.
    with doc.local_context(stroke_cap_style=StrokeCapStyle.BUTT):
        _mark(doc, scene["scenegraph"], left + origin_x * mm_per_px, top + origin_y * mm_per_px, mm_per_px)


def _mark(doc: Document, mark: dict, x: float, y: float, k: float) -> None:
    draw = {"group": _group, "rule": _rule, "symbol": _symbol, "text": _text}.get(mark["marktype"])
    items = mark.get("items", ())
    if draw is None and items:
        raise ValueError(f"the PDF cannot draw Vega {mark['marktype']} marks")
    for item in items:
        opacity = item.get("opacity", 1)
        fill, stroke = opacity * item.get("fillOpacity", 1), opacity * item.get("strokeOpacity", 1)
        if fill == stroke == 1:
            draw(doc, item, x, y, k)
        elif opacity > 0:
            with doc.local_context(fill_opacity=fill, stroke_opacity=stroke):
                draw(doc, item, x, y, k)


def _group(doc: Document, group: dict, x: float, y: float, k: float) -> None:
    x, y = x + group.get("x", 0) * k, y + group.get("y", 0) * k
    style = _style(doc, group, k)
    if style:
        # Vega's half-pixel shift of thin outlines, so the frame meets the grid lines as on screen.
        width = group.get("strokeWidth", 1)
        shift = 0.5 - abs(width - 1) if group.get("stroke") and 0.5 < width < 1.5 else 0
        doc.rect(x + shift * k, y + shift * k, group.get("width", 0) * k, group.get("height", 0) * k, style)
    for mark in group.get("items", ()):
        _mark(doc, mark, x, y, k)


def _rule(doc: Document, rule: dict, x: float, y: float, k: float) -> None:
    if _style(doc, rule, k):
        x1, y1 = rule.get("x", 0), rule.get("y", 0)
        doc.line(x + x1 * k, y + y1 * k, x + rule.get("x2", x1) * k, y + rule.get("y2", y1) * k)


def _symbol(doc: Document, symbol: dict, x: float, y: float, k: float) -> None:
    if symbol.get("shape", "circle") != "circle":
        raise ValueError(f"the PDF cannot draw Vega {symbol['shape']} symbols")
    style = _style(doc, symbol, k)
    if style:
        # Vega's size is the area of the square around the circle, in square pixels.
        radius = math.sqrt(symbol.get("size", 64)) / 2 * k
        doc.circle(x + symbol.get("x", 0) * k, y + symbol.get("y", 0) * k, radius, style)


def _text(doc: Document, item: dict, x: float, y: float, k: float) -> None:
    size, weight = item.get("fontSize", 11), item.get("fontWeight", "normal")
    bold = weight == "bold" or str(weight).isdigit() and int(weight) >= 600
    doc.set_font(FAMILY, "B" if bold else "", size * k * POINTS_PER_MM)
    text = item.get("text", "")
    text = " ".join(text) if isinstance(text, list) else str(text)  # Vega's lines of one label
    if item.get("limit"):
        text = doc.fit(text, item["limit"] * k)
    if not _style(doc, item, k) or not text:
        return
    width = doc.get_string_width(text)
    anchor_x, anchor_y = x + item.get("x", 0) * k, y + item.get("y", 0) * k
    shift = round(BASELINE_SHIFT.get(item.get("baseline"), 0) * size)
    left = anchor_x + item.get("dx", 0) * k - {"center": width / 2, "right": width}.get(item.get("align"), 0)
    baseline = anchor_y + (item.get("dy", 0) + shift) * k
    if item.get("angle"):
        with doc.rotation(-item["angle"], anchor_x, anchor_y):  # Vega turns clockwise, PDF the other way
            doc.text(left, baseline, text)
    else:
        doc.text(left, baseline, text)


def _style(doc: Document, item: dict, k: float) -> str:
    """Sets the item's colours and line width; returns fpdf2's paint style ("" when nothing shows)."""
    fill, stroke = _rgb(item.get("fill")), _rgb(item.get("stroke"))
    if fill:
        doc.set_fill_color(*fill)
        doc.set_text_color(*fill)
    if stroke:
        doc.set_draw_color(*stroke)
        doc.set_line_width(item.get("strokeWidth", 1) * k)
    return ("F" if fill else "") + ("D" if stroke else "")


def _rgb(colour: str | None) -> tuple[int, int, int] | None:
    """Vega's hex colours ("#ddd", "#1f6f8b"); "transparent" or none paints nothing."""
    if not colour or colour == "transparent":
        return None
    digits = colour.removeprefix("#")
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)
