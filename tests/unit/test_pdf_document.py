"""The shared PDF sheet: page numbers, tables over page breaks, literal text, the bundled font."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from devtalk.presentation.pdf.document import FONTS, Document, plain


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages]


def make_document(lang: str = "nl", paragraphs: int = 0, firm: str = "Firma Één") -> Document:
    doc = Document(firm, "Titel", lang)
    for number in range(paragraphs):
        doc.paragraph(f"Alinea {number} " + "tekst die doorloopt " * 30)
    return doc


@pytest.mark.parametrize("lang, first, last", [("nl", "Pagina 1 van 3", "Pagina 3 van 3"), ("en", "Page 1 of 3", "Page 3 of 3")],
                         ids=["dutch", "english"])
def test_every_page_says_which_page_of_how_many_it_is(lang, first, last):
    doc = make_document(lang)
    while doc.page_no() < 3:
        doc.paragraph("tekst die doorloopt " * 40)
    pages = pages_text(doc.to_bytes())
    assert len(pages) == 3 and first in pages[0] and last in pages[2]


def test_every_page_carries_the_firm_name_in_its_header():
    doc = make_document(paragraphs=14)
    pages = pages_text(doc.to_bytes())
    assert len(pages) > 1 and all("Firma Één" in page for page in pages)


def test_a_table_running_onto_the_next_page_repeats_its_header_row():
    doc = make_document()
    doc.grid(["Kolomkop", "Waarde"], [[f"rij {n}", str(n)] for n in range(110)])
    pages = pages_text(doc.to_bytes())
    assert len(pages) >= 3 and all("Kolomkop" in page for page in pages)
    assert "rij 109" in pages[-1]


def test_text_is_printed_as_typed_without_markup_or_control_characters():
    doc = make_document()
    doc.paragraph("**vet** <b>x</b> # kop\x07")
    assert "**vet** <b>x</b> # kop" in pages_text(doc.to_bytes())[0]
    assert plain("a\x00b\tc\r\nd") == "ab    c\nd"


def test_pdfs_embed_the_bundled_dejavu_font_with_its_licence_beside_it():
    pdf = make_document().to_bytes()
    assert b"DejaVu" in pdf
    assert {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE"} <= {path.name for path in FONTS.iterdir()}
