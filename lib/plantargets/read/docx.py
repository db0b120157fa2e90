"""Word (.docx) documents rendered into lines: paragraphs and tables in body order.

The body is walked element by element (``w:p`` and ``w:tbl`` interleaved, content controls
opened) because python-docx's ``paragraphs`` and ``tables`` lists lose their relative order.
Tables are read from the ``w:tc`` elements themselves: python-docx's ``row.cells`` repeats a
merged cell's object in every grid slot it covers, which would print a spanned header twice.
Here the merges are read off the XML (``gridSpan``, legacy ``hMerge``, ``vMerge``) and resolved
by ``read.grid``: a horizontally merged cell appears once, a vertically merged one (a category
down its group) in every row it covers.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from plantargets.errors import InputError
from plantargets.read.grid import SpanCell, printed_rows, render_grid
from plantargets.read.limits import DAMAGED_ZIP, check_docx_package, check_element_count
from plantargets.read.rendering import Rendering
from plantargets.read.text import Document

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
P, TBL, TR, TC, SDT, SDT_CONTENT = (f"{_W}{t}" for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
R, T, TAB, BR, CR, TXBX = (f"{_W}{t}" for t in ("r", "t", "tab", "br", "cr", "txbxContent"))
# Elements whose text is a second copy (mc:Fallback repeats a text box for old readers) or
# not the paragraph's own (a text box anchored in it becomes paragraphs of its own).
_SKIP_SUBTREES = (TXBX, _MC_FALLBACK)


def read_docx(path: Path) -> Document:
    """Render a .docx file's body; raise InputError when it is not a readable Word file."""
    import docx  # late: python-docx + lxml (~0.1 s) only when a .docx is read
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    check_docx_package(path)  # issue 16, case 9: a zip bomb is refused before it is inflated
    try:
        package = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError, *DAMAGED_ZIP) as exc:
        raise InputError(f"not a readable Word (.docx) document: {exc}", file=path) from exc
    rendering = Rendering()
    counts = {"paragraph": 0, "table": 0}
    for element in _body_blocks(package.element.body):
        check_element_count(counts["paragraph"] + counts["table"], path)
        if element.tag == P:
            counts["paragraph"] += 1
            origin = f"paragraph {counts['paragraph']}"
            rendering.paragraph(paragraph_text(element), origin)
            for box in _text_boxes(element):
                rendering.paragraph(box, f"{origin}, text box")
        else:
            counts["table"] += 1
            _render_table(rendering, element, counts["table"])
    return rendering.document(path, "docx")


def _body_blocks(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables in document order, looking inside content controls (w:sdt)."""
    for child in parent.iterchildren():
        if child.tag in (P, TBL):
            yield child
        elif child.tag == SDT:
            for content in child.iterchildren(SDT_CONTENT):
                yield from _body_blocks(content)


def _own_elements(p: Any, *tags: str) -> Iterator[Any]:
    """Descendants of a paragraph with these tags, skipping text boxes and fallback copies."""
    stack = list(reversed(list(p.iterchildren())))
    while stack:
        el = stack.pop()
        if el.tag in _SKIP_SUBTREES:
            continue
        if el.tag in tags:
            yield el
        stack.extend(reversed(list(el.iterchildren())))


def paragraph_text(p: Any) -> str:
    """A paragraph's text: runs' text, tabs as tab characters, line breaks as newlines.

    Only ``w:tab``/``w:br`` inside a run count: ``w:tab`` also names tab *stops* in the
    paragraph properties, which are layout, not text. Deleted text (``w:delText``) and field
    codes (``w:instrText``) are not ``w:t`` and so stay out.
    """
    out: list[str] = []
    for el in _own_elements(p, T, TAB, BR, CR):
        if el.tag == T:
            out.append(el.text or "")
        elif el.getparent() is not None and el.getparent().tag == R:
            out.append("\t" if el.tag == TAB else "\n")
    return "".join(out)


def _text_boxes(p: Any) -> list[str]:
    """Text of text boxes anchored in a paragraph (their primary copy only)."""
    boxes: list[str] = []
    for box in _own_boxes(p):
        texts = [paragraph_text(inner) for inner in box.iter(P)]
        boxes.append("\n".join(t for t in texts if t.strip()))
    return [b for b in boxes if b.strip()]


def _own_boxes(p: Any) -> Iterator[Any]:
    stack = list(p.iterchildren())
    while stack:
        el = stack.pop(0)
        if el.tag == _MC_FALLBACK:
            continue
        if el.tag == TXBX:
            yield el
            continue
        stack.extend(el.iterchildren())


def cell_text(tc: Any) -> str:
    """A cell's paragraphs (and any nested table's) joined by spaces, as one cell."""
    texts = [paragraph_text(p) for p in _own_elements(tc, P)]
    return " ".join(t.strip() for t in texts if t.strip())


def _children(el: Any, tag: str) -> Iterator[Any]:
    """Children of ``el`` with ``tag``, including those wrapped in content controls (w:sdt)."""
    for child in el.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            for content in child.iterchildren(SDT_CONTENT):
                yield from _children(content, tag)


def _row_cells(tr: Any) -> Iterator[Any]:
    return _children(tr, TC)


def _table_rows(tbl: Any) -> Iterator[Any]:
    return _children(tbl, TR)


def _prop(el: Any, container: str, name: str) -> Any:
    props = el.find(f"{_W}{container}")
    return None if props is None else props.find(f"{_W}{name}")


def table_cells(tbl: Any) -> list[list[SpanCell]]:
    """The table's rows of cells with their merges, for ``grid.render_grid``.

    ``gridBefore`` (a row that starts to the right of the grid's first column) gives empty
    leading cells so the row's cells stay under their header; a ``gridSpan`` cell spans
    columns; a ``vMerge`` continuation continues the cell above; a legacy ``hMerge``
    continuation is dropped (its text is in the cell it continues).
    """
    rows: list[list[SpanCell]] = []
    for tr in _table_rows(tbl):
        cells: list[SpanCell] = []
        before = _prop(tr, "trPr", "gridBefore")
        if before is not None:
            cells.extend(SpanCell("") for _ in range(_int(before.get(f"{_W}val"), 0)))
        for tc in _row_cells(tr):
            hmerge = _prop(tc, "tcPr", "hMerge")
            if hmerge is not None and (hmerge.get(f"{_W}val") or "continue") == "continue":
                continue
            span = _prop(tc, "tcPr", "gridSpan")
            width = max(1, _int(span.get(f"{_W}val") if span is not None else None, 1))
            vmerge = _prop(tc, "tcPr", "vMerge")
            continues = vmerge is not None and (vmerge.get(f"{_W}val") or "continue") == "continue"
            cells.append(SpanCell("" if continues else cell_text(tc), colspan=width, continues=continues))
        rows.append(cells)
    return rows


def table_grid(tbl: Any) -> list[list[str]]:
    """The table's rows as printed cells, merged cells resolved (see ``read.grid``)."""
    return [cells for cells, _ in printed_rows(table_cells(tbl))]


def _int(s: str | None, default: int) -> int:
    try:
        return int(s) if s is not None else default
    except ValueError:
        return default


def _render_table(rendering: Rendering, tbl: Any, number: int) -> None:
    """Rows as pipe lines; a one-column table (a boxed 专栏 of text) as paragraphs."""
    render_grid(rendering, table_cells(tbl), f"table {number}")
