"""Cells that are safe to open in a spreadsheet, and the way back when such a file is read in.

A text cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is run as a
formula by Excel and LibreOffice: an exported name like ``=HYPERLINK(...)`` would then act on
the HR person's machine (OWASP "CSV injection"). A leading apostrophe makes it plain text.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def safe_cell(value: object) -> object:
    """The value as written to a CSV or XLSX cell: text that could start a formula gets a leading ``'``."""
    if not isinstance(value, str):
        return value
    # Also quote text that already looks quoted, so restore_cell(safe_cell(v)) == v for every v.
    if value.startswith(FORMULA_STARTS) or _looks_quoted(value):
        return QUOTE + value
    return value


def restore_cell(text: str) -> str:
    """The text ``safe_cell`` was given, so an exported file imports back unchanged."""
    return text[1:] if _looks_quoted(text) else text


def _looks_quoted(text: str) -> bool:
    return text.startswith(QUOTE) and text[1:].startswith((*FORMULA_STARTS, QUOTE))
