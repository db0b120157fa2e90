"""The panels' Excel workbooks (XlsxWriter), and cells that look like formulas (=, +, -, @) kept as text.

Document text reaches the outputs verbatim (names, raw rows, ``target_text``): ``-5%``,
``+3.2``, ``=GDP×2`` or a hostile ``=HYPERLINK(...)`` are all possible. The decision (issue 16,
case 12; docs/DATA_CONTRACT.md, "Spreadsheet formulas"):

* CSV and Parquet keep the text exactly as printed: they are data, and prefixing a quote would
  corrupt them for every program that is not Excel. Open them in Excel with Data > From Text
  (columns as Text), not by double-clicking.
* Any Excel (.xlsx) or Stata (.dta) export must write every text cell as a *string* cell,
  through :func:`sheet_cells` (XlsxWriter's ``write_string`` in :func:`xlsx_bytes`, never
  ``write``), so a cell is never stored as a formula.

Excel's own limits, decided here (docs/DATA_CONTRACT.md): text longer than a cell holds
(:data:`EXCEL_TEXT_MAX` characters) is cut and ends with :data:`CUT_NOTE`, never cut silently;
control characters (which openpyxl refused) are kept, written with Excel's ``_xHHHH_`` escape.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from xlsxwriter import Workbook
from xlsxwriter.worksheet import Worksheet

# What Excel, LibreOffice and Google Sheets treat as the start of a formula when typed or
# imported; tab and carriage return too, because some importers strip them first.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def formula_like(text: str) -> bool:
    """True when a spreadsheet would read ``text`` as a formula if it were not typed as a string."""
    return text.startswith(FORMULA_PREFIXES)


def sheet_cells(values: Sequence[Any]) -> list[tuple[Any, str]]:
    """(value, kind) per cell: kind is 'string', 'number', 'bool' or 'empty'.

    Every ``str`` is a 'string', whatever it starts with: :func:`xlsx_bytes` stores it with
    XlsxWriter's ``write_string``, never as a formula.
    """
    out: list[tuple[Any, str]] = []
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            out.append((None, "empty"))
        elif isinstance(v, (bool, np.bool_)):
            out.append((bool(v), "bool"))
        elif isinstance(v, numbers.Real):  # numpy's numbers too (np.int64 is no int): a number, not '7'
            out.append((v, "number"))
        else:
            out.append((str(v), "string"))
    return out


# Excel's limit on the characters of a cell, and what ends a text cut to it (the full text is
# in the table's CSV and Parquet copies).
EXCEL_TEXT_MAX = 32767
CUT_NOTE = " …[cut at Excel's 32,767-character cell limit; full text in the .csv/.parquet]"
SHEET_NAME_MAX = 31  # Excel's limit on a sheet name

# One time for every .xlsx (the workbook's created/modified properties), so the same tables give
# the same bytes (rebuilds stay byte-identical, like .dta); XlsxWriter dates every zip member
# 1980-01-01 itself when it writes in memory.
XLSX_TIME = dt.datetime(2000, 1, 1)


def excel_text(text: str) -> str:
    """``text`` as it fits one Excel cell: unchanged up to :data:`EXCEL_TEXT_MAX` characters,
    longer text cut so that it ends with :data:`CUT_NOTE`."""
    if len(text) <= EXCEL_TEXT_MAX:
        return text
    return text[: EXCEL_TEXT_MAX - len(CUT_NOTE)] + CUT_NOTE


def _write_sheet(sheet: Worksheet, rows: Iterable[Sequence[Any]]) -> None:
    """Each cell by its kind (:func:`sheet_cells`): text through ``write_string`` (never a formula),
    numbers, flags; an empty cell is not written. A non-finite number is a clear error.

    The common kinds (str, float, int, bool, None) are told apart by their exact type here, cell
    by cell, the same decisions :func:`sheet_cells` makes: the target_outcomes workbook has
    300,000 cells, and classifying each through a list of pairs cost a sixth of its writing."""
    write_string, write_number, write_boolean = sheet.write_string, sheet.write_number, sheet.write_boolean
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            kind = type(value)
            if kind is str:
                write_string(r, c, excel_text(value))
            elif value is None:
                continue
            elif kind is float or kind is int:
                if not math.isfinite(value):
                    if math.isnan(value):
                        continue
                    raise ValueError(
                        f"sheet {sheet.name!r}, row {r + 1}, column {c + 1}: {value} is not a number Excel holds"
                    )
                write_number(r, c, value)
            elif kind is bool:
                write_boolean(r, c, value)
            else:
                _write_other(sheet, r, c, value)


def _write_other(sheet: Worksheet, r: int, c: int, value: Any) -> None:
    """A cell of another type (a numpy number, a subclass of str), by :func:`sheet_cells`'s kinds."""
    ((cell, kind),) = sheet_cells([value])
    if kind == "string":
        sheet.write_string(r, c, excel_text(cell))
    elif kind == "bool":
        sheet.write_boolean(r, c, cell)
    elif kind == "number":
        if not math.isfinite(cell):
            raise ValueError(f"sheet {sheet.name!r}, row {r + 1}, column {c + 1}: {cell} is not a number Excel holds")
        sheet.write_number(r, c, cell)


def xlsx_bytes(sheets: Mapping[str, Sequence[Sequence[Any]]]) -> bytes:
    """A workbook with one sheet per entry (title -> rows, the first row the header, frozen).

    Written by XlsxWriter in memory: every text cell a string cell, never a formula; sheet
    titles cut to Excel's 31 characters; fixed document times, so the same tables give the same
    bytes."""
    out = io.BytesIO()
    workbook = Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False})
    workbook.set_properties({"created": XLSX_TIME})
    for title, rows in sheets.items():
        sheet = workbook.add_worksheet(title[:SHEET_NAME_MAX])
        _write_sheet(sheet, rows)
        sheet.freeze_panes(1, 0)
    workbook.close()
    return out.getvalue()
