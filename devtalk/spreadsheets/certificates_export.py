"""Writing certificates in the import's own columns (CSV for Dutch Excel, XLSX with real dates), so
an export reads back in unchanged."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

import openpyxl
from openpyxl.styles import Font

from devtalk.domain.certificates import Certificate, CertificateType
from devtalk.domain.models import Person
from devtalk.i18n import t
from devtalk.spreadsheets.cells import safe_cell
from devtalk.spreadsheets.certificates_import import FIELDS, format_date, header

WIDTHS = (18, 24, 18, 12, 12)
EXCEL_DATE = "DD-MM-YYYY"


def certificates_table(certificates: Sequence[Certificate], people: Mapping[int, Person],
                       types: Mapping[int, CertificateType], lang: str = "nl") -> list[list]:
    """The header row and one row per certificate (dates as ``date``), by person, type and issue date."""
    def order(certificate: Certificate) -> tuple:
        person = people[certificate.person_id]
        issued = certificate.issued_on.isoformat() if certificate.issued_on else ""
        return person.name.casefold(), person.username, types[certificate.type_id].name.casefold(), issued, certificate.id

    rows = [[header(field, lang) for field in FIELDS]]
    for certificate in sorted(certificates, key=order):
        rows.append([people[certificate.person_id].username, types[certificate.type_id].name, certificate.number,
                     certificate.issued_on, certificate.expires_on])
    return rows


def certificates_csv(table: list[list]) -> bytes:
    """``;``-separated with a UTF-8 BOM and dates as dd-mm-jjjj: what Dutch Excel opens directly."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in table:
        writer.writerow([safe_cell(value) if isinstance(value, str) else format_date(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def certificates_xlsx(table: list[list], lang: str = "nl") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = t("certificates.sheet", lang)
    for row in table:
        sheet.append([safe_cell(value) for value in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2, min_col=4, max_col=5):
        for cell in row:
            cell.number_format = EXCEL_DATE
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDE", WIDTHS):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
