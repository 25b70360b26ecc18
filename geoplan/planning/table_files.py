"""A table (see `tables`: the zone tables, the monitoring's KPI snapshots) as a file: CSV (UTF-8
with a byte-order mark, one header row) or XLSX (openpyxl).

Text cells that a spreadsheet would read as a formula (starting with =, +, -, @, or a tab or
carriage return) are written with a leading apostrophe: a zone or scenario name typed by someone
must never run in the reader's spreadsheet. Numbers stay numbers.
"""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .tables import INT, SHARE, TEXT, Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value, kind: str):
    if kind == TEXT:
        return safe_text(value)
    return value


def csv_bytes(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_text(c.label) for c in table.columns])
    for row in table.rows:
        writer.writerow(
            ["" if row.get(c.key) is None else _cell(row.get(c.key), c.kind) for c in table.columns]
        )
    # A byte-order mark, so that spreadsheet programs read accented names as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


NUMBER_FORMATS = {INT: "0", SHARE: "0.0%"}
MAX_WIDTH = 48


def _sheet_title(name: str) -> str:
    # Excel refuses these characters and titles over 31 characters.
    return "".join(ch for ch in name if ch not in "[]:*?/\\")[:31] or "Sheet"


def xlsx_bytes(table: Table, about_title: str | None = None) -> bytes:
    """The table on a first sheet named ``table.name`` (bold frozen header, widths, numbers as
    numbers) and, given ``about_title``, its parameters, run, date and sources on a second
    sheet of that name."""
    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_title(table.name)
    bold = Font(bold=True)
    sheet.append([safe_text(c.label) for c in table.columns])
    for cell in sheet[1]:
        cell.font = bold
    for row in table.rows:
        sheet.append([_cell(row.get(c.key), c.kind) for c in table.columns])
    for i, column in enumerate(table.columns, start=1):
        letter = get_column_letter(i)
        values = [str(r.get(column.key) or "") for r in table.rows[:200]]
        width = max([len(column.label), *(len(v) for v in values), 6])
        sheet.column_dimensions[letter].width = min(MAX_WIDTH, width + 2)
        number_format = NUMBER_FORMATS.get(column.kind)
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = number_format
    sheet.freeze_panes = "A2"

    if about_title is not None:
        about = book.create_sheet(_sheet_title(about_title))
        for label, value in table.about:
            about.append([safe_text(label), safe_text(value)])
        for (cell,) in about.iter_rows(min_col=1, max_col=1):
            cell.font = bold
        about.column_dimensions["A"].width = 24
        about.column_dimensions["B"].width = 100

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
