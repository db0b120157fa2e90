"""Indicator tables printed as pictures: OCR grid → the table mechanism → rows with provenance.

A document that references an image (Markdown ``![](images/x.jpg)``, HTML ``<img src>``) has
each referenced image that exists beside it read by OCR (``read.ocr``), placed into a grid
(``read.ocr_grid``) and given to the same table mechanism as text tables (``extract.tables``)
through a small rendering: caption, one pipe row per grid row, the notes. So image tables
get the same columns, value grammar and table kinds (``fyp14_main``, ``fyp13_review`` …).

Each row keeps where it came from: the image, the pixel box of each cell and the OCR
confidence, so a person can look at exactly the cell a number was read from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from plantargets.extract.tables import VALUE_ROLES, Table, TableRow, find_tables
from plantargets.read.ocr import ocr_image
from plantargets.read.ocr_grid import Grid, build_grid, grid_lines
from plantargets.read.text import Document, Line, normalise_text
from plantargets.vocab.periods import plan_number, plan_years

# Markdown image: ![alt](src "title"); HTML: <img ... src="...">.
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+[\"']([^\"']*)[\"'])?\s*\)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp")
# OCR confusions in value cells, undone when the table's own notes show what was printed:
# the recogniser reads the lenticular brackets 〔〕 of a five-year total as ( ).
_PAREN_NUMBER = re.compile(r"^\(([<>]?\d[\d.]*)\)$")
CUMULATIVE_NOTE = re.compile(r"[(\[〔（【].{0,2}[)\]〕）】]\s*(?:内|中)?\s*(?:为|表示|是).{0,6}累计")
# A lone 一 in a value cell is a dash read as the numeral one (tables print digits, not 一).
_DASH_AS_ONE = re.compile(r"^[一_]$")
# Completion tables whose header has no base year (规划目标 2015年 | 实现情况 2015年).
_REVIEW_TITLE = re.compile("实现情况|完成情况|执行情况|实施情况")


@dataclass(frozen=True)
class ImageRef:
    """An image referenced by a document line."""

    line: int  # raw line of the reference
    src: str  # as written in the document
    caption: str  # the Markdown title or alt text ('' if none)


@dataclass
class CellOrigin:
    """Where a cell's text came from: the image's pixel box and the OCR confidence."""

    text: str
    box: tuple[int, int, int, int]
    confidence: float | None


@dataclass
class ImageTable:
    """A table read from an image, with the grid cells behind each of its rows."""

    table: Table
    image: str  # the image as referenced by the document (relative path)
    ref_line: int  # raw line of the reference: every row's ``line``
    cells: list[list[CellOrigin]] = field(default_factory=list)  # per table row, its printed cells
    # per table row, OCR corrections applied: (role, text as read, text used)
    fixes: list[list[tuple[str, str, str]]] = field(default_factory=list)


def image_references(doc: Document) -> list[ImageRef]:
    """Every image a document line references, in document order."""
    refs: list[ImageRef] = []
    for line in doc.lines:
        raw = line.raw
        if "![" in raw:
            for m in _MD_IMAGE.finditer(raw):
                refs.append(ImageRef(line.lineno, m.group(2), (m.group(3) or m.group(1) or "").strip()))
        if "<img" in raw.lower():
            for m in _HTML_IMAGE.finditer(raw):
                refs.append(ImageRef(line.lineno, m.group(1), ""))
    return [r for r in refs if r.src.lower().endswith(IMAGE_SUFFIXES)]


def resolve(doc: Document, ref: ImageRef) -> Path | None:
    """The referenced image file beside the document, or None (remote or not bundled)."""
    if doc.path is None or "://" in ref.src:
        return None
    path = (doc.path.parent / ref.src).resolve()
    return path if path.is_file() else None


def _grid_document(lines: list[str], name: str) -> Document:
    return Document(name=name, lines=[Line(i, raw, normalise_text(raw)) for i, raw in enumerate(lines, start=1)])


def tables_from_grid(grid: Grid, name: str, plan: int | None, caption: str = "") -> list[ImageTable]:
    """The indicator tables in an OCR grid, through the text table mechanism.

    ``name`` names the image in messages; ``plan`` is the document's plan (used, as for
    text tables, only when the table does not say which period it covers).
    """
    lines, cells = grid_lines(grid, caption)
    found = find_tables(_grid_document(lines, name), plan=plan)
    out = []
    for t in found:
        _name_review(t, plan)
        it = ImageTable(t, name, 0)
        cumulative_note = any(CUMULATIVE_NOTE.search(normalise_text(n)) for n in t.notes)
        for row in t.rows:
            printed = cells.get(row.line, [])
            it.cells.append([CellOrigin(c.text, c.box, c.confidence) for c in printed])
            it.fixes.append(correct_cells(row, cumulative_note))
        out.append(it)
    return out


def correct_cells(row: TableRow, cumulative_note: bool) -> list[tuple[str, str, str]]:
    """Undo known OCR confusions in a row's value cells, in place: (role, as read, as used)."""
    fixes = []
    for role in VALUE_ROLES:
        text = row.cells.get(role, "")
        new = text
        if _DASH_AS_ONE.match(text):
            new = "—"
        elif cumulative_note and (m := _PAREN_NUMBER.match(text)):
            new = f"〔{m.group(1)}〕"
        if new != text:
            row.cells[role] = new
            fixes.append((role, text, new))
    return fixes


def _name_review(t: Table, plan: int | None) -> None:
    """A completion table printed without a base-year column is still plan N's review."""
    if not t.table.startswith("other:") or t.target_year is None or t.base_year is not None:
        return
    n = plan_number(t.target_year)
    if plan_years(n)[1] == t.target_year and _REVIEW_TITLE.search(t.title) and (plan is None or n < plan):
        t.table = f"fyp{n}_review"
        t.base_year = t.target_year - 5


def read_image_table(path: Path, src: str, plan: int | None, caption: str = "") -> list[ImageTable]:
    """OCR one image file and return the indicator tables in it."""
    from PIL import Image

    data = path.read_bytes()
    boxes = ocr_image(data, src)
    with Image.open(path) as im:
        gray = np.asarray(im.convert("L"))
    return tables_from_grid(build_grid(gray, boxes), src, plan, caption)


def image_tables(doc: Document, plan: int | None) -> tuple[list[ImageTable], list[ImageRef]]:
    """Tables in the images a document references, and the references whose file is missing."""
    out: list[ImageTable] = []
    missing: list[ImageRef] = []
    for ref in image_references(doc):
        path = resolve(doc, ref)
        if path is None:
            missing.append(ref)
            continue
        for it in read_image_table(path, ref.src, plan, ref.caption):
            it.ref_line = ref.line
            out.append(it)
    return out, missing


__all__ = [
    "CellOrigin",
    "ImageRef",
    "ImageTable",
    "correct_cells",
    "grid_lines",
    "image_references",
    "image_tables",
    "read_image_table",
    "resolve",
    "tables_from_grid",
]
