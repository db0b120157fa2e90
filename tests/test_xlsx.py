"""The Excel writer (dataset.spreadsheet.xlsx_bytes, XlsxWriter): read back with openpyxl, cell by cell."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import load_workbook

from plantargets.dataset.spreadsheet import CUT_NOTE, EXCEL_TEXT_MAX, XLSX_TIME, excel_text, xlsx_bytes

# Every kind of value the panels hold, and text a writer could mistake: formula-like text, markup
# characters, spaces at either end, CJK and a character beyond the BMP, a number as text.
TRICKY = [
    ["name", "value", "flag", "note"],
    ["地区生产总值", 6.5, True, '=HYPERLINK("x")'],
    ["a & b < c > d", 0.1, False, " leading space"],
    ["trailing\t", -0.0, None, "line\nbreak"],
    ["", 1e-7, True, "+3.2"],
    ["'quoted' \"double\"", 10**15, False, "-5%"],
    ["😀 emoji", None, None, "@sum"],
    [None, float("nan"), None, "x" * 10],
    ["short row"],
    ["000000", 1956, True, "〔10.5〕"],
]


def _sheet(blob: bytes, title: str = "data"):
    return load_workbook(io.BytesIO(blob))[title]


def test_text_stays_string_cells_numbers_numbers_flags_booleans_empty_empty() -> None:
    ws = _sheet(xlsx_bytes({"data": TRICKY}))
    for r, row in enumerate(TRICKY, start=1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(r, c)
            if isinstance(value, str):
                assert (cell.value, cell.data_type) == (value, "s"), cell.coordinate  # never 'f' (formula)
            elif isinstance(value, bool):
                assert cell.value is value and cell.data_type == "b", cell.coordinate
            elif value is None or value != value:  # None and NaN: an empty cell
                assert cell.value is None, cell.coordinate
            else:
                assert cell.value == value and cell.data_type == "n", cell.coordinate
    assert ws["A10"].value == "000000"  # a region code stays text, not 0
    assert ws.max_row == len(TRICKY) and ws.max_column == 4


def test_header_row_frozen_and_sheet_names_cut_to_31_characters() -> None:
    long_title = "columns_" + "x" * 40
    wb = load_workbook(io.BytesIO(xlsx_bytes({"data": TRICKY, long_title: [["h"], ["v"]]})))
    assert wb.sheetnames == ["data", long_title[:31]]
    assert [ws.freeze_panes for ws in wb.worksheets] == ["A2", "A2"]


def test_same_tables_same_bytes_with_fixed_times() -> None:
    sheets = {"data": TRICKY, "columns": [["column", "type"], ["name", "string"]]}
    blob = xlsx_bytes(sheets)
    assert blob == xlsx_bytes(sheets)
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}  # XlsxWriter's in-memory date
    props = load_workbook(io.BytesIO(blob)).properties
    assert props.created == props.modified == XLSX_TIME


def test_text_longer_than_a_cell_is_cut_visibly() -> None:
    long = "长" * (EXCEL_TEXT_MAX + 5)
    cut = excel_text(long)
    assert len(cut) == EXCEL_TEXT_MAX and cut.endswith(CUT_NOTE) and cut.startswith("长" * 100)
    assert excel_text("长" * EXCEL_TEXT_MAX) == "长" * EXCEL_TEXT_MAX  # exactly the limit: kept whole
    assert _sheet(xlsx_bytes({"data": [[long]]}))["A1"].value == cut


def test_control_characters_are_kept_with_excels_escape() -> None:
    # openpyxl refused them (IllegalCharacterError); XlsxWriter writes OOXML's _xHHHH_ escape, which
    # Excel and LibreOffice read back as the character. openpyxl shows the escape as it is, and
    # undoes the escape of a literal "_x0041_" (written _x005F_x0041_).
    blob = xlsx_bytes({"data": [["bell \x07 x", "cr\r\nlf", "_x0041_ literal"]]})
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        strings = z.read("xl/sharedStrings.xml").decode("utf-8")
    assert "bell _x0007_ x" in strings and "cr_x000D_\nlf" in strings and "_x005F_x0041_ literal" in strings
    assert _sheet(blob)["C1"].value == "_x0041_ literal"


def test_a_number_excel_cannot_hold_names_its_cell() -> None:
    with pytest.raises(ValueError, match=r"sheet 'data', row 2, column 2: inf"):
        xlsx_bytes({"data": [["a", "b"], ["x", float("inf")]]})


def test_numpy_values_and_text_subclasses_are_written_by_their_kind() -> None:
    # Rows from a DataFrame's .values can hold numpy scalars; the writer's fast path knows only the
    # built-in types, so these take the general path: the same cells, and the same error for inf.
    import numpy as np

    class Label(str):
        pass

    rows = [["a", "b", "c", "d", "e"], [np.float64(2.5), np.int64(7), np.bool_(True), Label("=1+1"), np.float64("nan")]]
    ws = _sheet(xlsx_bytes({"data": rows}))
    assert [(c.value, c.data_type) for c in ws[2]][:4] == [(2.5, "n"), (7, "n"), (True, "b"), ("=1+1", "s")]
    assert ws.cell(2, 5).value is None
    with pytest.raises(ValueError, match=r"sheet 'data', row 2, column 1: -inf"):
        xlsx_bytes({"data": [["a"], [np.float64("-inf")]]})
