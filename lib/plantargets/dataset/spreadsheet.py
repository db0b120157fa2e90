"""Cells that look like spreadsheet formulas (=, +, -, @): kept as text, never run as formulas.

Document text reaches the outputs verbatim (names, raw rows, ``target_text``): ``-5%``,
``+3.2``, ``=GDP×2`` or a hostile ``=HYPERLINK(...)`` are all possible. The decision (issue 16,
case 12; docs/DATA_CONTRACT.md, "Spreadsheet formulas"):

* CSV and Parquet keep the text exactly as printed: they are data, and prefixing a quote would
  corrupt them for every program that is not Excel. Open them in Excel with Data > From Text
  (columns as Text), not by double-clicking.
* Any Excel (.xlsx) or Stata (.dta) export must write every text cell as a *string* cell,
  through :func:`sheet_cells` / :func:`write_rows`, so a cell is never stored as a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

# What Excel, LibreOffice and Google Sheets treat as the start of a formula when typed or
# imported; tab and carriage return too, because some importers strip them first.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def formula_like(text: str) -> bool:
    """True when a spreadsheet would read ``text`` as a formula if it were not typed as a string."""
    return text.startswith(FORMULA_PREFIXES)


def sheet_cells(values: Sequence[Any]) -> list[tuple[Any, str]]:
    """(value, kind) per cell: kind is 'string', 'number', 'bool' or 'empty'.

    Every ``str`` is a 'string', whatever it starts with: the writer stores it as a string
    cell (openpyxl ``data_type='s'``, xlsxwriter ``write_string``), never as a formula.
    """
    out: list[tuple[Any, str]] = []
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            out.append((None, "empty"))
        elif isinstance(v, bool):
            out.append((v, "bool"))
        elif isinstance(v, (int, float)):
            out.append((v, "number"))
        else:
            out.append((str(v), "string"))
    return out


def write_rows(sheet: Worksheet, rows: Iterable[Sequence[Any]], first_row: int = 1) -> int:
    """Write ``rows`` into an openpyxl worksheet with every text cell typed as a string.

    openpyxl stores a str starting with '=' as a formula; a text cell here is given its value
    through ``Cell.check_string`` (openpyxl's own truncation and illegal-character error) and
    the type 's' directly, never through the type guessing of ``Cell.value``. Each cell is made
    as ``Worksheet.cell`` makes it, without its per-call checks: the target panel has 380,000
    cells, and this halves the time to fill them (same cells, same bytes). Returns the number
    of rows written.
    """
    n = 0
    for n, row in enumerate(rows, start=1):
        r = first_row + n - 1
        for col, (value, kind) in enumerate(sheet_cells(row), start=1):
            cell = Cell(sheet, row=r, column=col)
            if kind == "string":
                cell._value = cell.check_string(value)
                cell.data_type = "s"
            elif kind != "empty":
                cell.value = value
            sheet._add_cell(cell)
    return n


# One time for every .xlsx: the workbook's created/modified properties and each zip member's
# date, so the same tables give the same bytes (rebuilds stay byte-identical, like .dta).
XLSX_TIME = dt.datetime(2000, 1, 1)
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def xlsx_bytes(sheets: Mapping[str, Sequence[Sequence[Any]]]) -> bytes:
    """A workbook with one sheet per entry (title -> rows, the first row the header).

    Every text cell is a string cell (:func:`write_rows`), never a formula. Written through
    openpyxl's ``ExcelWriter`` rather than ``Workbook.save``, which stamps the current time.
    """
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        sheet = wb.create_sheet(title[:31])  # Excel's limit on a sheet name
        write_rows(sheet, rows)
        sheet.freeze_panes = "A2"
    wb.properties.created = wb.properties.modified = XLSX_TIME
    raw = io.BytesIO()
    # Stored, not deflated: every member is compressed once, when re-dated below (same bytes).
    ExcelWriter(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED)).save()
    return _fixed_zip_times(raw.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same zip with every member dated :data:`_ZIP_TIME` (zipfile stamps 'now')."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(member, src.read(info))
    return out.getvalue()
