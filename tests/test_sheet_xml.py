"""The direct sheet writer (dataset.sheet_xml) gives the bytes openpyxl writes, value by value."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from plantargets.dataset.sheet_xml import EXCEL_TEXT_MAX, sheet_data
from plantargets.dataset.spreadsheet import sheet_cells, xlsx_bytes

# Every kind of value the panels hold, and the text lxml escapes or marks: markup characters,
# a carriage return, spaces at either end, formula-like text, CJK and a character beyond the BMP.
TRICKY = [
    ["name", "value", "flag", "note"],
    ["地区生产总值", 6.5, True, '=HYPERLINK("x")'],
    ["a & b < c > d", 0.1, False, " leading space"],
    ["trailing\t", -0.0, None, "line\r\nbreak"],
    ["", 1e-7, True, "+3.2"],
    ["'quoted' \"double\"", 10**17, False, "-5%"],
    ["😀 emoji", 123456789012345678, None, "@sum"],
    [None, float("nan"), None, "x" * 10],
    ["short row"],
    ["1956", 1956, True, "〔10.5〕"],
]


def _members(blob: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def test_direct_writer_gives_openpyxls_bytes() -> None:
    sheets = {"data": TRICKY, "columns": [["column", "type"], ["name", "string"]]}
    direct, slow = xlsx_bytes(sheets), xlsx_bytes(sheets, direct=False)
    assert _members(direct) == _members(slow)  # same members, same XML
    assert direct == slow
    assert sheet_data([sheet_cells(row) for row in TRICKY]) is not None  # the direct writer did write it


def test_direct_writer_keeps_text_as_text_and_reads_back() -> None:
    ws = load_workbook(io.BytesIO(xlsx_bytes({"data": TRICKY})))["data"]
    assert ws["D2"].value == '=HYPERLINK("x")' and ws["D2"].data_type == "s"  # never a formula
    assert ws["A3"].value == "a & b < c > d"
    assert ws["D4"].value == "line\r\nbreak"
    assert ws["A7"].value == "😀 emoji"
    assert ws["B2"].value == 6.5 and ws["C2"].value is True


def test_what_the_direct_writer_leaves_to_openpyxl() -> None:
    # A non-finite number (openpyxl writes an empty <v>) and an empty row are not written directly...
    assert sheet_data([sheet_cells(["a", float("inf")])]) is None
    assert sheet_data([sheet_cells(["a"]), []]) is None
    # ...and the workbook is then openpyxl's own, the same bytes either way.
    sheets = {"data": [["a", float("inf")], ["b", 1]]}
    assert xlsx_bytes(sheets) == xlsx_bytes(sheets, direct=False)


def test_direct_writer_applies_openpyxls_text_checks() -> None:
    with pytest.raises(IllegalCharacterError):
        xlsx_bytes({"data": [["bell \x07"]]})
    long = "长" * (EXCEL_TEXT_MAX + 5)
    assert xlsx_bytes({"data": [[long]]}) == xlsx_bytes({"data": [[long]]}, direct=False)
