"""Vega's layout of a chart drawn on a PDF page: the marks the comparison chart uses, and an error for any other."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from devtalk.presentation.pdf.document import Document
from devtalk.presentation.pdf.scenegraph import paint


def make_scene(*marks: dict) -> dict:
    """What vl-convert returns: the view's size, where its root group starts, and the marks."""
    root = {"marktype": "group", "items": [{"x": 0, "y": 0, "width": 200, "height": 100, "items": list(marks)}]}
    return {"width": 240, "height": 140, "origin": [30, 20], "scenegraph": root}


def label(text: str) -> dict:
    return {"marktype": "text", "items": [{"x": 0, "y": 10, "text": text, "fill": "#000", "fontSize": 10,
                                           "align": "right", "baseline": "middle"}]}


def test_labels_print_as_text():
    doc = Document("Firma", "Titel", "nl")
    paint(doc, make_scene(label("Vaardigheid Één")), 20, 40, 0.5)
    assert "Vaardigheid Één" in PdfReader(BytesIO(doc.to_bytes())).pages[0].extract_text()


def test_the_page_gets_its_line_width_and_colours_back_after_the_chart():
    """The tables after the chart draw their borders with whatever the chart left behind."""
    doc = Document("Firma", "Titel", "nl")
    before = (doc.line_width, doc.draw_color, doc.fill_color, doc.text_color)
    gap = {"marktype": "rule", "items": [{"x": 10, "x2": 90, "y": 10, "stroke": "#b0b7bf", "strokeWidth": 3}]}
    answer = {"marktype": "symbol", "items": [{"x": 10, "y": 10, "size": 120, "fill": "#1f6f8b", "shape": "circle"}]}
    paint(doc, make_scene(gap, answer, label("Vaardigheid 1")), 20, 40, 0.5)
    assert (doc.line_width, doc.draw_color, doc.fill_color, doc.text_color) == before


@pytest.mark.parametrize("mark", [
    {"marktype": "area", "items": [{"x": 1, "y": 2}]},
    {"marktype": "symbol", "items": [{"x": 1, "y": 2, "shape": "diamond", "fill": "#000"}]},
], ids=["area mark", "diamond symbol"])
def test_a_mark_the_pdf_cannot_draw_is_an_error_not_a_gap(mark):
    with pytest.raises(ValueError, match="cannot draw"):
        paint(Document("Firma", "Titel", "nl"), make_scene(mark), 20, 40, 0.5)
