"""PDF documents with a text layer, rendered into lines from character positions.

A PDF knows glyphs and where they sit, not paragraphs or cells, so structure is rebuilt
geometrically on each page (sizes relative to the page's median character width, ``em``):

1. characters → visual lines (same baseline within half a character height);
2. two-column pages: a vertical gutter in the middle that prose lines on both sides run up
   to is found, and each band between full-width lines is read left column, then right;
3. in each column, a run of lines whose words fall into ≥3 aligned columns (gaps wider than
   1.5 em, CJK columns separated only by spaces included) is a table: columns come from the
   gaps shared by the run's lines, each line becomes a row of cells, and a line holding only
   text fragments (a wrapped name, a category printed between rows) joins the nearest row,
   and the rows go through ``read.grid`` like a Word or HTML table's (a category printed once
   at the top of its group is carried down);
4. other lines are joined into paragraphs when a line runs to the right margin and the next
   starts unindented, so a sentence broken by the page layout is one line again.

Pages without characters (scans) are read by OCR (``read.scan``) and named in a Document
warning; pages whose fonts lack a Unicode map ('(cid:123)') are not guessed at. A PDF with no
readable page at all is an InputError. Running page numbers at the top or bottom of a page are left out.

Modules: ``pdf_lines`` (characters, lines, words, reading order), ``pdf_tables`` (table runs,
columns, rows), this one (pages, paragraphs, the document).
"""

from __future__ import annotations

import contextlib
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plantargets.errors import InputError
from plantargets.read.grid import carry_first_column, render_grid
from plantargets.read.limits import PDF_ENCRYPTED, PDF_OPEN_SECONDS, PDF_PAGE_SECONDS, is_encryption_error, time_limit
from plantargets.read.ocr import OcrUnavailableError
from plantargets.read.pdf_lines import (
    CELL_GAP_EM,
    CJK_CHAR,
    Char,
    VLine,
    group_lines,
    join_chars,
    reading_blocks,
    words,
)
from plantargets.read.pdf_tables import table_rows, table_runs
from plantargets.read.rendering import Rendering
from plantargets.read.scan import render_scanned_page
from plantargets.read.text import Document

# A page whose characters are mostly '(cid:N)' has fonts without a Unicode map.
MAX_CID_SHARE = 0.3
_PAGE_NUMBER = re.compile(r"^[-—–·\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–·\s]*$")


@dataclass
class PageResult:
    """What a page contributed, for the document's warnings."""

    number: int
    textless: bool = False
    undecodable: bool = False
    lines: int = 0
    tables: list[int] = field(default_factory=list)


def read_pdf(path: Path) -> Document:
    """Render a text-layer PDF; raise InputError when no page has readable text."""
    rendering = Rendering()
    ocr: dict[int, Any] = {}  # line -> scan.OcrLine, for the lines of scanned pages
    why_not: list[str] = []  # why OCR could not run, if it could not
    pdf = _open_pdf(path)
    try:
        results = _render_pages(_pages(pdf, path), path, rendering, ocr, why_not)
    finally:
        with contextlib.suppress(Exception):  # a damaged file may fail to close too: report the first error
            pdf.close()
    _refuse_unreadable(results, why_not, path)
    doc = rendering.document(path, "pdf", _page_warnings(results, why_not))
    doc.ocr = {n: line for n, line in ocr.items() if n <= len(doc.lines)}
    return doc


def _open_pdf(path: Path) -> Any:
    """The opened pdfplumber PDF, within the time limit; an InputError saying why it cannot be."""
    import pdfplumber  # late: pdfminer (~0.15 s) only when a PDF is read

    try:
        with time_limit(PDF_OPEN_SECONDS, "opening the PDF", path):
            return pdfplumber.open(str(path))
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        if is_encryption_error(exc):  # issue 16, case 16: say so, not "encrypted or damaged?"
            raise InputError(PDF_ENCRYPTED, file=path) from None
        raise InputError(
            f"not a readable PDF ({type(exc).__name__}: {exc}); is it encrypted or damaged?", file=path
        ) from exc


def _pages(pdf: Any, path: Path) -> list[Any]:
    """The PDF's pages; an InputError when the page tree cannot be read (fuzzing found a broken
    /MediaBox, a truncated page list and a damaged /Kids raising pdfminer's own errors here)."""
    try:
        with time_limit(PDF_OPEN_SECONDS, "reading the list of pages", path):
            return list(pdf.pages)
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        raise InputError(
            f"the PDF's pages cannot be read ({type(exc).__name__}: {exc}); is it damaged?", file=path
        ) from exc


def _render_pages(
    pages: list[Any], path: Path, rendering: Rendering, ocr: dict[int, Any], why_not: list[str]
) -> list[PageResult]:
    """Render every page into ``rendering`` (OCR for pages without text); what each contributed."""
    results: list[PageResult] = []
    tables = 0
    prose = Prose(rendering)
    for number, page in enumerate(pages, start=1):
        try:
            with time_limit(PDF_PAGE_SECONDS, f"reading page {number}", path):
                chars = page_chars(page)
        except InputError:
            raise
        except Exception as exc:  # a damaged page: report it, keep the others
            raise InputError(f"page {number} cannot be read ({type(exc).__name__}: {exc})", file=path) from exc
        result = PageResult(number)
        results.append(result)
        if not chars:
            result.textless = True
            result.lines = _ocr_page(rendering, path, number, ocr, why_not)
            continue
        if sum("(cid:" in c.text for c in chars) > MAX_CID_SHARE * len(chars):
            result.undecodable = True
            continue
        tables = render_page(rendering, chars, number, tables, prose)
    prose.close()
    return results


def _refuse_unreadable(results: list[PageResult], why_not: list[str], path: Path) -> None:
    """An InputError when no page gave text: all scanned with nothing found by OCR, or undecodable."""
    if any((not r.textless or r.lines) and not r.undecodable for r in results):
        return
    if results and all(r.textless for r in results):
        raise InputError(
            f"the PDF has no text layer (scanned PDF?) on any of its {len(results)} page(s) "
            f"and OCR found no text on them{''.join(why_not[:1])}",
            file=path,
        )
    raise InputError(
        "the PDF's text cannot be decoded (its fonts have no Unicode map) or it has no pages; OCR is not supported yet",
        file=path,
    )


def _page_warnings(results: list[PageResult], why_not: list[str]) -> list[str]:
    """The document's warnings: pages read by OCR, pages OCR found empty, pages not decodable."""
    warnings = []
    scanned = [r.number for r in results if r.textless and r.lines]
    if scanned:
        warnings.append(
            f"{len(scanned)} of {len(results)} PDF pages have no text layer (scanned?) and were read by OCR: "
            f"pages {_ranges(scanned)}; their cells carry OCR confidences, check the flagged ones"
        )
    textless = [r.number for r in results if r.textless and not r.lines]
    if textless:
        warnings.append(
            f"{len(textless)} of {len(results)} PDF pages have no text layer (scanned?) and OCR found no text "
            f"on them: pages {_ranges(textless)}{''.join(why_not[:1])}"
        )
    undecodable = [r.number for r in results if r.undecodable]
    if undecodable:
        warnings.append(
            f"{len(undecodable)} PDF pages use fonts without a Unicode map and were not read: pages {_ranges(undecodable)}"
        )
    return warnings


def _ocr_page(rendering: Rendering, path: Path, number: int, ocr: dict[int, Any], why_not: list[str]) -> int:
    """OCR a page without a text layer into the rendering (``read.scan``); lines added."""

    try:
        return render_scanned_page(rendering, path, number, ocr)
    except OcrUnavailableError as exc:
        why_not.append(f" ({exc})")
        return 0


def _ranges(numbers: list[int]) -> str:
    """'1-3, 7' for [1, 2, 3, 7]."""
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(parts)


def page_chars(page: Any) -> list[Char]:
    """Upright, visible characters of a page (spaces and rotated watermarks left out)."""
    out = []
    space = False
    for c in page.chars:
        text = c.get("text", "")
        if not text.strip():
            space = True
            continue
        if c.get("upright", True):
            box = (float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"]), float(c["size"]))
            out.append(Char(text, *box, space_before=space))
        space = False
    return out


# --------------------------------------------------------------------------- pages


def render_page(rendering: Rendering, chars: list[Char], page: int, tables: int, prose: Prose) -> int:
    """Render one page into ``rendering``; returns the running count of tables."""
    em = statistics.median(c.x1 - c.x0 for c in chars) or 10.0
    lines = _drop_page_numbers(group_lines(chars))
    for block in reading_blocks(lines, em):
        covered = 0
        for first, last, columns in table_runs(block, em):
            prose.feed(block[covered:first], page, em)
            prose.close()
            tables += 1
            rows = table_rows(block[first : last + 1], columns, em)
            render_grid(rendering, carry_first_column(rows), f"page {page}, table {tables}")
            covered = last + 1
        prose.feed(block[covered:], page, em)
    return tables


def _drop_page_numbers(lines: list[VLine]) -> list[VLine]:
    """Leave out a running page number printed as the page's first or last line."""
    if len(lines) < 2:
        return lines
    keep = list(lines)
    for line in (lines[-1], lines[0]):
        if _PAGE_NUMBER.match(join_chars(line.chars)):
            keep.remove(line)
    return keep


@dataclass
class Prose:
    """Joins wrapped lines into paragraphs, across columns and pages.

    A line that reaches its block's right margin continues into the next line when that one
    starts unindented at normal line spacing; at a column or page break the next block's
    first line continues the paragraph when it starts at its block's left margin.
    """

    rendering: Rendering
    text: str = ""
    origin: str = ""
    open: bool = False  # the last line reached the right margin: the paragraph may go on

    def feed(self, lines: list[VLine], page: int, em: float) -> None:
        if not lines:
            return
        left = min(line.x0 for line in lines)
        right = max(line.x1 for line in lines)
        prev: VLine | None = None
        for line in lines:
            multi = len(words(line.chars, CELL_GAP_EM * em)) > 1
            piece = _spaced(line, em) if multi else join_chars(line.chars)
            unindented = line.x0 <= left + 0.6 * em
            if prev is None:
                joins = self.open and unindented
            else:
                joins = (
                    prev.x1 >= right - 1.5 * em
                    and unindented
                    and 0 <= line.top - prev.bottom <= 1.2 * line.size
                    and abs(line.size - prev.size) < 0.5
                )
            if joins and self.text:
                sep = "" if CJK_CHAR.match(self.text[-1]) or CJK_CHAR.match(piece[:1]) else " "
                self.text = f"{self.text}{sep}{piece}"
            else:
                self.close()
                self.text, self.origin = piece, f"page {page}"
            prev = line
        self.open = prev is not None and prev.x1 >= right - 1.5 * em and len(lines) > 1

    def close(self) -> None:
        if self.text:
            self.rendering.paragraph(self.text, self.origin)
        self.text, self.open = "", False


def _spaced(line: VLine, em: float) -> str:
    """A line with wide gaps that is not a table row: its pieces separated by two spaces."""
    return "  ".join(w.text for w in words(line.chars, CELL_GAP_EM * em))
