"""Cells that look like spreadsheet formulas (=, +, -, @): kept as text, never run as formulas.

Document text reaches the outputs verbatim (names, raw rows, ``target_text``): ``-5%``,
``+3.2``, ``=GDP×2`` or a hostile ``=HYPERLINK(...)`` are all possible. The decision (issue 16,
case 12; docs/DATA_CONTRACT.md, "Spreadsheet formulas"):

* CSV and Parquet keep the text exactly as printed: they are data, and prefixing a quote would
  corrupt them for every program that is not Excel. Open them in Excel with Data > From Text
  (columns as Text), not by double-clicking.
* Any Excel (.xlsx) or Stata (.dta) export must write every text cell as a *string* cell,
  through :func:`sheet_cells` / :func:`write_rows` (or ``sheet_xml``, which writes the same
  bytes directly), so a cell is never stored as a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from plantargets.dataset.sheet_xml import sheet_data

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


class _Cell(Protocol):
    value: Any
    data_type: str


class _Sheet(Protocol):
    def cell(self, row: int, column: int) -> _Cell: ...


def write_rows(sheet: _Sheet, rows: Iterable[Sequence[Any]], first_row: int = 1) -> int:
    """Write ``rows`` into an openpyxl worksheet with every text cell typed as a string.

    openpyxl stores a str starting with '=' as a formula; setting ``data_type = 's'`` after
    the value makes it a string cell. Returns the number of rows written.
    """
    n = 0
    for n, row in enumerate(rows, start=1):
        for col, (value, kind) in enumerate(sheet_cells(row), start=1):
            cell = sheet.cell(row=first_row + n - 1, column=col)
            cell.value = value
            if kind == "string":
                cell.data_type = "s"
    return n


# One time for every .xlsx: the workbook's created/modified properties and each zip member's
# date, so the same tables give the same bytes (rebuilds stay byte-identical, like .dta).
XLSX_TIME = dt.datetime(2000, 1, 1)
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def xlsx_bytes(sheets: Mapping[str, Sequence[Sequence[Any]]], direct: bool = True) -> bytes:
    """A workbook with one sheet per entry (title -> rows, the first row the header).

    Every text cell is a string cell, never a formula. The cells are formatted by
    ``sheet_xml.sheet_data`` (the bytes openpyxl writes, ten times faster) unless ``direct`` is
    False or a value is one it leaves to openpyxl (:func:`write_rows`). Written through
    openpyxl's ``ExcelWriter`` rather than ``Workbook.save``, which stamps the current time.
    """
    wb = Workbook()
    wb.remove(wb.active)
    direct_data: list[tuple[Worksheet, tuple[str, bytes]]] = []
    for title, rows in sheets.items():
        sheet = wb.create_sheet(title[:31])  # Excel's limit on a sheet name
        data = sheet_data([sheet_cells(row) for row in rows]) if direct else None
        if data is None:
            write_rows(sheet, rows)
        else:
            direct_data.append((sheet, data))  # written into the empty sheet below
        sheet.freeze_panes = "A2"
    wb.properties.created = wb.properties.modified = XLSX_TIME
    raw = io.BytesIO()
    # Stored, not deflated: every member is compressed once, when re-dated below (same bytes).
    ExcelWriter(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED)).save()
    # A sheet's file name is known once it is written (openpyxl numbers the sheets then).
    return _fixed_zip_times(raw.getvalue(), {sheet.path.lstrip("/"): data for sheet, data in direct_data})


_EMPTY_DIMENSION = b'<dimension ref="A1:A1"/>'
_EMPTY_SHEET_DATA = (b"<sheetData></sheetData>", b"<sheetData/>")


def _with_cells(member: bytes, data: tuple[str, bytes]) -> bytes:
    """An empty sheet's XML with its dimension and cells put in."""
    empty = next((e for e in _EMPTY_SHEET_DATA if e in member), None)
    if member.count(_EMPTY_DIMENSION) != 1 or empty is None:
        raise ValueError("openpyxl wrote an empty sheet in an unexpected form: cannot put the cells in")
    dimension = f'<dimension ref="{data[0]}"/>'.encode()
    return member.replace(_EMPTY_DIMENSION, dimension).replace(empty, data[1], 1)


def _fixed_zip_times(data: bytes, cells: Mapping[str, tuple[str, bytes]] | None = None) -> bytes:
    """The same zip with every member dated :data:`_ZIP_TIME` (zipfile stamps 'now'), and the cells
    of ``cells`` (member name -> dimension, ``<sheetData>``) put in their empty sheets."""
    cells = cells or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            body = src.read(info)
            if info.filename in cells:
                body = _with_cells(body, cells[info.filename])
            dst.writestr(member, body)
    return out.getvalue()
