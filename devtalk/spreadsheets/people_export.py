"""Writing people in the import's own columns (CSV and XLSX), and the empty template HR fills in."""

from __future__ import annotations

import csv
import io
from pathlib import PurePath
from typing import Sequence

import openpyxl
from openpyxl.styles import Font

from devtalk.domain.models import ROLES, JobFunction, Person
from devtalk.errors import InvalidInput
from devtalk.i18n import LANGUAGES, t
from devtalk.spreadsheets.cells import safe_cell
from devtalk.spreadsheets.people_import import FIELDS, ROLE_ALIASES, header

INSTRUCTIONS = ("people.template_intro", "people.template_rows", "people.template_update", "people.template_csv")
PEOPLE_WIDTHS = (28, 18, 28, 16, 18, 22, 8)
INSTRUCTION_WIDTHS = (20, 100)
FORMAT_OF_SUFFIX = {".csv": "csv", ".xlsx": "xlsx"}


def format_for(filename: str) -> str:
    """``csv`` or ``xlsx``, as the file's name ends (``-``, standard output, is CSV); any other
    name is refused, so ``people.xls`` never silently holds CSV that Excel then calls damaged."""
    if filename == "-":
        return "csv"
    suffix = PurePath(filename).suffix.lower()
    if suffix not in FORMAT_OF_SUFFIX:
        raise InvalidInput("people.export_suffix_unknown", suffix=suffix or filename)
    return FORMAT_OF_SUFFIX[suffix]


def people_table(people: Sequence[Person], lang: str = "nl") -> list[list[str]]:
    """The header row and one row per person, exactly as the import reads them back."""
    usernames = {person.id: person.username for person in people}
    rows = [[header(field, lang) for field in FIELDS]]
    for person in people:
        roles = ",".join(role for role in ROLES if role in person.roles)
        manager = usernames.get(person.manager_id, "")
        rows.append([person.name, person.username, person.email or "", person.function_id or "", manager, roles, person.language])
    return rows


def people_csv(people: Sequence[Person], lang: str = "nl") -> bytes:
    """People as CSV with ';' and a UTF-8 BOM: what Dutch Excel opens directly with accents intact."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerows([safe_cell(value) for value in row] for row in people_table(people, lang))
    return out.getvalue().encode("utf-8-sig")


def people_xlsx(people: Sequence[Person], lang: str = "nl") -> bytes:
    """People as an Excel workbook with one sheet in the import's columns."""
    book = openpyxl.Workbook()
    _fill(book.active, t("people.sheet_people", lang), people_table(people, lang), PEOPLE_WIDTHS)
    return _save(book)


def template_xlsx(lang: str = "nl", functions: Sequence[JobFunction] = ()) -> bytes:
    """An empty people sheet with the header row, and a second sheet explaining the columns and values."""
    book = openpyxl.Workbook()
    _fill(book.active, t("people.sheet_people", lang), [[header(field, lang) for field in FIELDS]], PEOPLE_WIDTHS)
    _fill(book.create_sheet(), t("people.sheet_instructions", lang), _instructions(lang, functions), INSTRUCTION_WIDTHS)
    return _save(book)


def _instructions(lang: str, functions: Sequence[JobFunction]) -> list[list[str]]:
    rows = [[t("people.template_title", lang)], *([t(key, lang)] for key in INSTRUCTIONS), []]
    rows += [[t("people.template_columns", lang)]]
    rows += [[header(field, lang), t(f"people.about_{field}", lang)] for field in FIELDS]
    rows += [[], [t("people.template_roles", lang)]]
    rows += [[role, ", ".join(alias for alias, same in ROLE_ALIASES.items() if same == role and alias != role)] for role in ROLES]
    rows += [[], [t("people.template_languages", lang)]]
    rows += [[code, t(f"people.language_name_{code}", lang)] for code in LANGUAGES]
    rows += [[], [t("people.template_functions", lang)]]
    rows += [[function.id, function.name] for function in functions] or [[t("people.template_no_functions", lang)]]
    return rows


def _fill(sheet, title: str, rows: list[list[str]], widths: Sequence[int]) -> None:
    sheet.title = title
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFG", widths):
        sheet.column_dimensions[letter].width = width


def _save(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
