"""The skills matrix as an Excel workbook: the matrix with each cell filled in its state's colour,
then per skill, the single points of failure and each person's gaps. Every text goes through
``safe_cell``: a name like ``=HYPERLINK(...)`` stays text on HR's machine."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

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
from devtalk.spreadsheets.cells import safe_cell

FILLS = {state: PatternFill("solid", fgColor=colour.lstrip("#").upper()) for state, colour in STATE_COLOURS.items()}
BOLD = Font(bold=True)
HEADER_ROW = 3  # below the title and the date


def matrix_workbook(matrix: Matrix, lang: str) -> bytes:
    book = openpyxl.Workbook()
    _matrix_sheet(book.active, matrix, lang)
    for key, frame in (("matrix.sheet_counts", counts_frame(matrix.counts, lang)),
                       ("matrix.sheet_single", single_points_frame(matrix.single_points, lang)),
                       ("matrix.sheet_gaps", gaps_frame(matrix, lang))):
        _frame_sheet(book.create_sheet(), t(key, lang), frame)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _matrix_sheet(sheet, matrix: Matrix, lang: str) -> None:
    sheet.title = t("matrix.sheet_matrix", lang)
    sheet.append([t("matrix.pdf_title", lang)])
    sheet.append([t("matrix.as_of", lang, date=format_date(matrix.as_of, lang))])
    sheet["A1"].font = BOLD
    sheet.append([t("matrix.col_person", lang), *(safe_cell(name) for name in skill_names(matrix, lang))])
    for header in sheet[HEADER_ROW]:
        header.font = BOLD
        header.alignment = Alignment(text_rotation=90, wrap_text=True, vertical="bottom")
    for person, row in zip(matrix.people, matrix.rows):
        sheet.append([safe_cell(person.name), *(_value(cell, lang) for cell in row)])
        for target, cell in zip(sheet[sheet.max_row][1:], row):
            target.fill = FILLS[cell[3]]
            target.alignment = Alignment(horizontal="center")
    sheet.append([])
    sheet.append([t("matrix.not_agreed_note", lang)])
    for state in STATES:
        sheet.append([t(f"matrix.state_{state}", lang)])
        sheet.cell(sheet.max_row, 1).fill = FILLS[state]
    sheet.column_dimensions["A"].width = 28
    for column in range(2, len(matrix.skills) + 2):
        sheet.column_dimensions[get_column_letter(column)].width = 6
    sheet.row_dimensions[HEADER_ROW].height = 180
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 2)


def _value(cell, lang: str) -> int | str:
    """An agreed level as a number Excel can count with; anything else as its text."""
    level, agreed, _, _ = cell
    return level if agreed and level is not None else level_text(cell, lang)


def _frame_sheet(sheet, title: str, frame: pd.DataFrame) -> None:
    sheet.title = title
    sheet.append([safe_cell(str(column)) for column in frame.columns])
    for values in frame.itertuples(index=False):
        sheet.append([safe_cell(value) for value in values])
    for header in sheet[1]:
        header.font = BOLD
    for column in range(1, len(frame.columns) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 16 if column > 1 else 40
    sheet.freeze_panes = "A2"
