"""Spreadsheet files: reading CSV and XLSX uploads as rows of text, and writing cells that are safe
to open in Excel.

A text cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is run as a
formula by Excel and LibreOffice: an exported name like ``=HYPERLINK(...)`` would then act on
the HR person's machine (OWASP "CSV injection"). A leading apostrophe makes it plain text. The check
runs on the text as written, after control and bidirectional characters are dropped: a ``\x00``
before the ``=`` must not hide the formula from it.
"""

from __future__ import annotations

import csv
import io
from pathlib import PurePath

import openpyxl

from devtalk.domain.plain_text import CONTROL, readable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
Row = tuple[int, tuple[str, ...]]  # the row number Excel shows, and the cells as text
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the pre-2007 binary Excel format (.xls)
XLSX_SUFFIXES = (".xlsx", ".xlsm")
TEXT_SUFFIXES = ("", ".csv", ".txt")


class UnreadableFile(Exception):
    """The upload is no CSV or XLSX file we can read; ``reason`` names why, for the caller's message."""

    def __init__(self, reason: str, **params: object):
        super().__init__(reason)
        self.reason = reason
        self.params = params


def safe_cell(value: object) -> object:
    """The value as written to a CSV or XLSX cell: readable text (so also text XML can hold), with a
    leading ``'`` when it could start a formula."""
    if not isinstance(value, str):
        return value
    value = readable(value)
    # Also quote text that already looks quoted, so restore_cell(safe_cell(v)) == readable(v) for every v.
    if value.startswith(FORMULA_STARTS) or _looks_quoted(value):
        return QUOTE + value
    return value


def restore_cell(text: str) -> str:
    """The text ``safe_cell`` was given, so an exported file imports back unchanged."""
    return text[1:] if _looks_quoted(text) else text


def _looks_quoted(text: str) -> bool:
    return text.startswith(QUOTE) and text[1:].startswith((*FORMULA_STARTS, QUOTE))


def read_rows(data: bytes, filename: str) -> list[Row]:
    """The non-empty rows of a CSV file or of an XLSX file's first sheet, numbered as Excel shows
    them, each cell as stripped text; raises UnreadableFile."""
    if not data.strip():
        return []
    raw = _xlsx_rows(data) if _is_xlsx(data, filename) else _csv_rows(data)
    rows = ((number, tuple(cell_text(value) for value in cells)) for number, cells in enumerate(raw, 1))
    return [(number, cells) for number, cells in rows if any(cells)]


def cell_text(value: object) -> str:
    """A cell as text: numbers without a spurious ``.0``, an export's ``'`` quoting undone."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return restore_cell(str(value).strip()).strip()


def _is_xlsx(data: bytes, filename: str) -> bool:
    suffix = PurePath(filename or "").suffix.lower()
    if suffix not in (*XLSX_SUFFIXES, *TEXT_SUFFIXES, ".xls"):
        raise UnreadableFile("unsupported", suffix=suffix)
    if suffix == ".xls" or data.startswith(OLE_MAGIC):
        raise UnreadableFile("old_excel")
    return suffix in XLSX_SUFFIXES or data.startswith(ZIP_MAGIC)


def _xlsx_rows(data: bytes) -> list:
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            # Some tools write a wrong used range; without it openpyxl reads the rows actually there.
            sheet.reset_dimensions()
            return list(sheet.iter_rows(values_only=True))
        finally:
            book.close()
    except Exception as error:  # a damaged file surfaces as zip, XML, key or value errors alike
        raise UnreadableFile("not_xlsx") from error


def _csv_rows(data: bytes) -> list:
    text = _decode(data)
    # Control characters never occur in a CSV that Excel or a text editor wrote; they mean binary data.
    if CONTROL.search(text):
        raise UnreadableFile("not_text")
    header = next((line for line in text.splitlines() if line.strip()), "")
    # Dutch Excel writes ';' (the comma is the decimal sign), English Excel and most tools ','.
    delimiter = max((";", ","), key=header.count)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise UnreadableFile("not_csv") from error


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")  # what Excel's plain "CSV" writes on a Dutch Windows
    except UnicodeDecodeError as error:
        raise UnreadableFile("not_text") from error
