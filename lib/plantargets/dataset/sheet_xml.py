"""A worksheet's cells as SpreadsheetML text, the bytes openpyxl writes for them, without a cell object each.

openpyxl makes one ``Cell`` per cell and writes each through lxml: about 3 s for the target
panel's 380,000 cells, most of ``plantargets data``'s time after extraction. The panels hold
only text, numbers, flags and empty cells, written the way ``spreadsheet.write_rows`` gives
them to openpyxl (text always a string cell, never a formula), so the sheet's ``<sheetData>``
is formatted here directly: an inline string (``t="inlineStr"``, ``xml:space="preserve"`` when
it starts or ends with a space), a number as ``%.16g``, a flag as 0/1, an empty cell left out,
non-ASCII characters as character references, as lxml writes them. Anything else (a
non-finite number, an empty row) returns None and the caller lets openpyxl write the sheet.
``tests/test_outcomes.py`` compares both writers byte for byte.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError

# What lxml escapes in text: markup characters and the carriage return (kept through parsing).
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
EXCEL_TEXT_MAX = 32767  # characters in a cell; openpyxl truncates longer text


def _text_cell(ref: str, value: str) -> str:
    """An inline string cell, after openpyxl's own checks (truncation, illegal characters)."""
    text = value[:EXCEL_TEXT_MAX]
    if ILLEGAL_CHARACTERS_RE.search(text):
        raise IllegalCharacterError(f"{text} cannot be used in worksheets.")
    if not text:
        return f'<c r="{ref}" t="inlineStr"></c>'
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}" t="inlineStr"><is><t{space}>{text.translate(_ESCAPES)}</t></is></c>'


def _value_cell(ref: str, value: Any, kind: str) -> str | None:
    """A number or flag cell; None for a value openpyxl would write otherwise."""
    if kind == "bool":
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if type(value) not in (int, float) or not math.isfinite(value):
        return None
    return f'<c r="{ref}" t="n"><v>{"%.16g" % value}</v></c>'  # noqa: UP031 (openpyxl's own: safe_string)


def sheet_data(cells: Sequence[Sequence[tuple[Any, str]]]) -> tuple[str, bytes] | None:
    """(dimension, ``<sheetData>`` element) of rows of ``(value, kind)`` cells (``spreadsheet.sheet_cells``)
    written from A1; None when a value or row is one this writer leaves to openpyxl."""
    if not cells or any(not row for row in cells):
        return None
    letters = [get_column_letter(c) for c in range(1, max(len(row) for row in cells) + 1)]
    parts = ["<sheetData>"]
    for r, row in enumerate(cells, start=1):
        parts.append(f'<row r="{r}">')
        for letter, (value, kind) in zip(letters, row, strict=False):
            if kind == "empty":
                continue
            ref = f"{letter}{r}"
            cell = _text_cell(ref, value) if kind == "string" else _value_cell(ref, value, kind)
            if cell is None:
                return None
            parts.append(cell)
        parts.append("</row>")
    parts.append("</sheetData>")
    return f"A1:{letters[-1]}{len(cells)}", "".join(parts).encode("ascii", "xmlcharrefreplace")


__all__ = ["EXCEL_TEXT_MAX", "sheet_data"]
