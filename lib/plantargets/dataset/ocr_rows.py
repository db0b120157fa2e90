"""Dataset records for tables read from images, with their provenance and OCR findings.

A row read from an image table gets the contract's columns like any table row
(``assemble.row_record``), plus:

- ``line``: the document line that references the image (where a person finds it);
- ``origin``: the image and the pixel box of the row, ``images/x.jpg box 59,79,637,101``
  (x0, y0, x1, y1 from the image's top-left corner);
- ``ocr_confidence``: the lowest recognition confidence among the row's cells.

Every cell read with a confidence under ``LOW_CONFIDENCE``, every cell with ink the
recogniser did not read, and every OCR correction applied goes to ``quality.csv`` naming
the image and the cell's box, so a person can look at exactly that cell.
"""

from __future__ import annotations

import re

from plantargets.dataset.catalog import Catalog
from plantargets.extract.image_tables import CUMULATIVE_NOTE, CellOrigin, ImageTable, correct_cells
from plantargets.extract.tables import VALUE_ROLES, Table, TableRow
from plantargets.read.scan import OcrLine
from plantargets.read.text import normalise_text

# Cells read with a lower confidence are reported. The recogniser is confidently wrong at
# times (a 91 read as 16 at 0.94 in a trial), so this is set high; measured on the national
# 12th-15th tables: every wrong value cell scored below it (tests/golden/national_ocr/).
LOW_CONFIDENCE = 0.97
# A value cell of only brackets or bounds ('[]', '>', '〔〕'): the number inside was not read.
_BRACKETS_ONLY = re.compile(r"^[\[\]〔〕()<>≤≥%\s]+$")


def box_text(box: tuple[int, int, int, int]) -> str:
    """A pixel box as printed in ``origin``: 'x0,y0,x1,y1'."""
    return ",".join(str(v) for v in box)


def row_box(cells: list[CellOrigin]) -> tuple[int, int, int, int]:
    """The box of a printed row: from its first to its last cell, and vertically the middle
    of its cells' extents (a merged category cell spans several rows and must not widen it)."""
    boxes = [c.box for c in cells if c.box != (0, 0, 0, 0)]
    if not boxes:
        return (0, 0, 0, 0)
    y0s = sorted(b[1] for b in boxes)
    y1s = sorted(b[3] for b in boxes)
    return (min(b[0] for b in boxes), y0s[len(y0s) // 2], max(b[2] for b in boxes), y1s[len(y1s) // 2])


def cell_for(cells: list[CellOrigin], text: str, used: set[int]) -> CellOrigin | None:
    """The printed cell holding ``text`` (first unused match), to name its box."""
    for i, c in enumerate(cells):
        if i not in used and normalise_text(c.text).strip() == text.strip():
            used.add(i)
            return c
    return None


def _finding(base: dict, check: str, severity: str, message: str, raw: str, origin: str) -> dict:
    return {**base, "check": check, "severity": severity, "message": message, "raw": raw, "origin": origin}


def image_rows(
    tables: list[ImageTable], ctx: object, catalog: Catalog, row_record: object
) -> tuple[list[dict], list[dict]]:
    """Records and findings for every row of the image tables of one document.

    ``row_record`` is ``assemble.row_record`` (passed in to keep the import one-way).
    """
    records: list[dict] = []
    findings: list[dict] = []
    for it in tables:
        for row, cells, fixes in zip(it.table.rows, it.cells, it.fixes, strict=True):
            record, row_findings = row_record(it.table, row, ctx, catalog)  # type: ignore[operator]
            where = f"{it.image} box {box_text(row_box(cells))}"
            confidences = [c.confidence for c in cells if c.confidence is not None]
            record["line"] = it.ref_line
            record["origin"] = where
            record["ocr_confidence"] = min(confidences) if confidences else None
            records.append(record)
            for f in row_findings:
                findings.append({**f, "line": it.ref_line, "origin": where})
            base = {k: v for k, v in row_findings[0].items()} if row_findings else _base(record)
            base["line"] = it.ref_line
            findings.extend(_cell_findings(it, row.cells, cells, fixes, base))
    return records, findings


def ocr_row_record(
    table: Table, row: TableRow, line: OcrLine, ctx: object, catalog: Catalog, row_record: object
) -> tuple[dict, list[dict]]:
    """A row of a scanned page (rendered into the document): record with origin and checks."""
    cells = [CellOrigin(c.text, c.box, c.confidence) for c in line.cells]
    cumulative_note = any(CUMULATIVE_NOTE.search(normalise_text(n)) for n in table.notes)
    fixes = correct_cells(row, cumulative_note)
    record, findings = row_record(table, row, ctx, catalog)  # type: ignore[operator]
    where = f"{line.source} box {box_text(row_box(cells))}"
    confidences = [c.confidence for c in cells if c.confidence is not None]
    record["origin"] = where
    record["ocr_confidence"] = min(confidences) if confidences else None
    findings = [{**f, "origin": where} for f in findings]
    it = ImageTable(table, line.source, row.line)
    findings.extend(_cell_findings(it, row.cells, cells, fixes, _base(record)))
    return record, findings


def _base(record: dict) -> dict:
    return {
        "source_file": record["source_file"],
        "doc_id": record["doc_id"],
        "line": record["line"],
        "table": record["table"],
        "indicator": record["indicator"],
        "name": record["name"],
    }


def _cell_findings(
    it: ImageTable, values: dict[str, str], cells: list[CellOrigin], fixes: list[tuple[str, str, str]], base: dict
) -> list[dict]:
    """Low-confidence and unread cells of one row, and the OCR corrections applied to it."""
    out: list[dict] = []
    keys = {k: base.get(k, "") for k in ("source_file", "doc_id", "line", "table", "indicator", "name")}
    used: set[int] = set()
    as_read = {**values, **{role: before for role, before, _ in fixes}}
    by_role = {role: cell_for(cells, text, used) for role, text in as_read.items() if role in VALUE_ROLES}
    for i, c in enumerate(cells):
        if c.confidence is None or c.confidence >= LOW_CONFIDENCE:
            continue
        role = next((r for r, cell in by_role.items() if cell is c), "")
        where = f"{it.image} box {box_text(c.box)}"
        if not c.text:
            msg = f"cell {i + 1} holds ink that OCR did not read; look at {where}"
            out.append(_finding(keys, "ocr_unread", "warning", msg, "", where))
        else:
            what = f"{role} cell" if role else f"cell {i + 1}"
            msg = f"{what} {c.text!r} read with OCR confidence {c.confidence:.2f}; check it at {where}"
            out.append(_finding(keys, "ocr_low_confidence", "warning", msg, c.text, where))
    for role, cell in by_role.items():
        text = values.get(role, "")
        if cell is not None and text and _BRACKETS_ONLY.match(text):
            where = f"{it.image} box {box_text(cell.box)}"
            msg = f"{role} cell {text!r} has brackets or a bound but no number: OCR lost it; look at {where}"
            out.append(_finding(keys, "ocr_incomplete", "warning", msg, text, where))
    for role, before, after in fixes:
        cell = by_role.get(role)
        where = f"{it.image} box {box_text(cell.box)}" if cell else it.image
        msg = f"OCR correction: {role} cell read as {before!r}, taken as {after!r}; look at {where}"
        out.append(_finding(keys, "ocr_corrected", "info", msg, before, where))
    return out


__all__ = ["LOW_CONFIDENCE", "box_text", "cell_for", "image_rows", "ocr_row_record", "row_box"]
