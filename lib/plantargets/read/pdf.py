"""PDF documents with a text layer, rendered into lines from character positions.

A PDF knows glyphs and where they sit, not paragraphs or cells, so structure is rebuilt
geometrically on each page (sizes relative to the page's median character width, ``em``):

1. characters → visual lines (same baseline within half a character height);
2. two-column pages: a vertical gutter in the middle that prose lines on both sides run up
   to is found, and each band between full-width lines is read left column, then right;
3. in each column, a run of lines whose words fall into ≥3 aligned columns (gaps wider than
   1.5 em, CJK columns separated only by spaces included) is a table: columns come from the
   gaps shared by the run's lines, each line becomes a row of cells, and a line holding only
   text fragments (a wrapped name, a category printed between rows) joins the nearest row;
4. other lines are joined into paragraphs when a line runs to the right margin and the next
   starts unindented, so a sentence broken by the page layout is one line again.

Pages without characters (scans) or whose fonts lack a Unicode map ('(cid:123)') are not
guessed at: they are named in a Document warning, and a PDF with no readable page at all is
an InputError. Running page numbers at the top or bottom of a page are left out.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plantargets.errors import InputError
from plantargets.read.limits import PDF_ENCRYPTED, PDF_OPEN_SECONDS, PDF_PAGE_SECONDS, is_encryption_error, time_limit
from plantargets.read.rendering import Rendering
from plantargets.read.text import Document

# Gap between two words that separates table cells, in em (the brief's 1.5 × char width).
CELL_GAP_EM = 1.5
# Gap that is a word space inside a cell or line, in em.
WORD_GAP_EM = 0.25
# Two characters share a line when their vertical centres differ by less than this share
# of the character height.
SAME_LINE = 0.45
# A table needs this many columns and this many lines that fill at least that many.
MIN_TABLE_COLUMNS = 3
MIN_TABLE_LINES = 3
# Table lines further apart than this (em, between one line's bottom and the next's top)
# are not the same table.
MAX_ROW_GAP_EM = 3.0
# A fragment line (wrapped cell text) joins a row at most this far away (em, centre to centre).
MAX_FRAGMENT_DISTANCE_EM = 2.5
# Two-column detection: the gutter lies in the middle band of the text's width; prose lines
# on each side must be dense (no cell-sized gaps) and run across this share of their side.
GUTTER_BAND = (0.3, 0.7)
DENSE_SIDE_SHARE = 0.6
MIN_COLUMN_LINES = 4
# A page whose characters are mostly '(cid:N)' has fonts without a Unicode map.
MAX_CID_SHARE = 0.3
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_PAGE_NUMBER = re.compile(r"^[-—–·\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–·\s]*$")
_VALUE = re.compile(r"\d|^[-—－―─/…]+$|^(预期性|约束性)$")


@dataclass(frozen=True)
class Char:
    """A glyph with its box (points, top-left origin) and font size."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    space_before: bool = False  # the PDF has a space glyph right before this character

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class VLine:
    """A visual line: characters sharing a baseline, sorted left to right."""

    chars: list[Char]

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.chars)

    @property
    def top(self) -> float:
        return min(c.top for c in self.chars)

    @property
    def bottom(self) -> float:
        return max(c.bottom for c in self.chars)

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def size(self) -> float:
        return statistics.median(c.size for c in self.chars)


@dataclass
class Word:
    """Characters of a line between gaps of a given width, with their text."""

    x0: float
    x1: float
    text: str


@dataclass
class Row:
    """A table row being assembled: one text per column."""

    cells: list[str]
    mid: float
    fragment: bool = False


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
    import pdfplumber  # late: pdfminer (~0.15 s) only when a PDF is read

    try:
        with time_limit(PDF_OPEN_SECONDS, "opening the PDF", path):
            pdf = pdfplumber.open(str(path))
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        if is_encryption_error(exc):  # issue 16, case 16: say so, not "encrypted or damaged?"
            raise InputError(PDF_ENCRYPTED, file=path) from None
        raise InputError(
            f"not a readable PDF ({type(exc).__name__}: {exc}); is it encrypted or damaged?", file=path
        ) from exc
    rendering = Rendering()
    results: list[PageResult] = []
    tables = 0
    prose = Prose(rendering)
    with pdf:
        for number, page in enumerate(pdf.pages, start=1):
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
                continue
            if sum("(cid:" in c.text for c in chars) > MAX_CID_SHARE * len(chars):
                result.undecodable = True
                continue
            tables = render_page(rendering, chars, number, tables, prose)
    prose.close()
    readable = [r for r in results if not r.textless and not r.undecodable]
    if not readable:
        if results and all(r.textless for r in results):
            raise InputError(
                f"the PDF has no text layer (scanned PDF?) on any of its {len(results)} page(s); "
                "OCR is not supported yet",
                file=path,
            )
        raise InputError(
            "the PDF's text cannot be decoded (its fonts have no Unicode map) or it has no pages; "
            "OCR is not supported yet",
            file=path,
        )
    warnings = []
    textless = [r.number for r in results if r.textless]
    if textless:
        warnings.append(
            f"{len(textless)} of {len(results)} PDF pages have no text layer (scanned?) and were not read: "
            f"pages {_ranges(textless)}; OCR is not supported yet"
        )
    undecodable = [r.number for r in results if r.undecodable]
    if undecodable:
        warnings.append(
            f"{len(undecodable)} PDF pages use fonts without a Unicode map and were not read: pages {_ranges(undecodable)}"
        )
    return rendering.document(path, "pdf", warnings)


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


# --------------------------------------------------------------------------- lines


def group_lines(chars: list[Char]) -> list[VLine]:
    """Characters into visual lines, top to bottom."""
    lines: list[VLine] = []
    for c in sorted(chars, key=lambda c: (round(c.mid, 1), c.x0)):
        if lines:
            last = lines[-1]
            height = max(c.bottom - c.top, last.bottom - last.top, 1.0)
            if abs(c.mid - last.mid) <= SAME_LINE * height:
                last.chars.append(c)
                continue
        lines.append(VLine([c]))
    for line in lines:
        line.chars.sort(key=lambda c: c.x0)
    return lines


def words(chars: list[Char], gap: float) -> list[Word]:
    """Split a line's characters at gaps wider than ``gap``; the text keeps word spaces."""
    out: list[Word] = []
    group: list[Char] = []
    for c in chars:
        if group and c.x0 - max(g.x1 for g in group) > gap:
            out.append(Word(group[0].x0, max(g.x1 for g in group), join_chars(group)))
            group = []
        group.append(c)
    if group:
        out.append(Word(group[0].x0, max(g.x1 for g in group), join_chars(group)))
    return out


def join_chars(chars: list[Char]) -> str:
    """Text of adjacent characters: a space where the gap is a word space.

    Between two CJK characters a small gap is justification or letter spacing, not a
    space; a gap near a full character width (民 生 福 祉) is printed as a space, like
    the text exports do.
    """
    out: list[str] = []
    prev: Char | None = None
    for c in chars:
        if prev is not None:
            gap = c.x0 - prev.x1
            em = max(min(prev.size, c.size), 1.0)
            both_cjk = bool(_CJK.match(prev.text[-1]) and _CJK.match(c.text[0]))
            if (c.space_before and gap > 0) or (gap > WORD_GAP_EM * em and (not both_cjk or gap > 0.8 * em)):
                out.append(" ")
        out.append(c.text)
        prev = c
    return "".join(out)


# --------------------------------------------------------------------------- reading order


def reading_blocks(lines: list[VLine], em: float) -> Iterator[list[VLine]]:
    """Lines in reading order, as blocks: the whole page, or the bands and columns of a
    two-column page (left column of a band, then its right column).

    On a two-column page a line is full width when it crosses the gutter (a title) or when
    it has text on both sides and one side holds several cells (a table row): consecutive
    full-width lines stay one block, so a table across both columns is read as one.
    """
    gutter = find_gutter(lines, em)
    if gutter is None:
        yield lines
        return
    left_edge, right_edge = gutter
    full: list[VLine] = []
    band_left: list[VLine] = []
    band_right: list[VLine] = []
    for line in lines:
        left = [c for c in line.chars if c.x1 <= left_edge]
        right = [c for c in line.chars if c.x0 >= right_edge]
        crosses = len(left) + len(right) < len(line.chars)
        cells = left and right and max(len(words(left, CELL_GAP_EM * em)), len(words(right, CELL_GAP_EM * em))) > 1
        if crosses or cells:
            if band_left or band_right:
                yield from (b for b in (band_left, band_right) if b)
                band_left, band_right = [], []
            full.append(line)
            continue
        if full:
            yield full
            full = []
        if left:
            band_left.append(VLine(left))
        if right:
            band_right.append(VLine(right))
    yield from (b for b in (full, band_left, band_right) if b)


def find_gutter(lines: list[VLine], em: float) -> tuple[float, float] | None:
    """The (left, right) x of a two-column page's gutter, or None for a one-column page.

    The gutter is the widest vertical strip in the middle band of the text that almost no
    line crosses; it counts only when dense prose fills both sides up to it on enough lines,
    so the gaps of a table (short cells) never pass for a gutter.
    """
    if len(lines) < 2 * MIN_COLUMN_LINES:
        return None
    xmin = min(line.x0 for line in lines)
    xmax = max(line.x1 for line in lines)
    width = xmax - xmin
    if width < 20 * em:
        return None
    start, end = int(xmin + GUTTER_BAND[0] * width), int(xmin + GUTTER_BAND[1] * width)
    coverage = [0] * (end - start + 1)
    for line in lines:
        covered = set()
        for c in line.chars:
            for x in range(max(start, int(c.x0)), min(end, int(c.x1)) + 1):
                covered.add(x - start)
        for i in covered:
            coverage[i] += 1
    tolerance = max(1, len(lines) // 20)
    best: tuple[int, int] | None = None
    i = 0
    while i < len(coverage):
        if coverage[i] <= tolerance:
            j = i
            while j + 1 < len(coverage) and coverage[j + 1] <= tolerance:
                j += 1
            if best is None or j - i > best[1] - best[0]:
                best = (i, j)
            i = j + 1
        else:
            i += 1
    if best is None or best[1] - best[0] + 1 < 0.8 * em:
        return None
    left_edge, right_edge = start + best[0], start + best[1] + 1
    dense_left = dense_right = with_left = with_right = 0
    for line in lines:
        if any(c.x1 > left_edge and c.x0 < right_edge for c in line.chars):
            continue
        left = [c for c in line.chars if c.x1 <= left_edge]
        right = [c for c in line.chars if c.x0 >= right_edge]
        with_left += bool(left)
        with_right += bool(right)
        dense_left += _dense(left, left_edge - xmin, em)
        dense_right += _dense(right, xmax - right_edge, em)
    if min(dense_left, dense_right) < MIN_COLUMN_LINES:
        return None
    if dense_left < 0.5 * with_left or dense_right < 0.5 * with_right:
        return None
    return float(left_edge), float(right_edge)


def _dense(chars: list[Char], side_width: float, em: float) -> bool:
    """Prose-like: one run of text, no cell-sized gap, across most of its column."""
    if not chars:
        return False
    if len(words(chars, CELL_GAP_EM * em)) != 1:
        return False
    return (max(c.x1 for c in chars) - chars[0].x0) >= DENSE_SIDE_SHARE * side_width


# --------------------------------------------------------------------------- tables


def table_runs(lines: list[VLine], em: float) -> list[tuple[int, int, list[tuple[float, float]]]]:
    """(first, last, columns) of each table in a block of lines; columns as x intervals."""
    gap = CELL_GAP_EM * em
    split = [words(line.chars, gap) for line in lines]
    runs = []
    i = 0
    while i < len(lines):
        if len(split[i]) < 2:
            i += 1
            continue
        j = last_multi = i
        while j + 1 < len(lines):
            nxt = lines[j + 1]
            if nxt.top - lines[j].bottom > MAX_ROW_GAP_EM * em:
                break
            if len(split[j + 1]) >= 2:
                last_multi = j + 1
            elif not _fragment_words(split[j + 1]):
                break
            j += 1
        columns = _columns([split[k] for k in range(i, last_multi + 1)], em)
        full = sum(
            1
            for k in range(i, last_multi + 1)
            if len({_column_of(w.x0, columns) for w in split[k]}) >= MIN_TABLE_COLUMNS
        )
        if len(columns) >= MIN_TABLE_COLUMNS and full >= MIN_TABLE_LINES:
            runs.append((i, last_multi, columns))
            i = last_multi + 1
        else:
            i += 1
    return runs


def _fragment_words(ws: list[Word]) -> bool:
    """A single short piece of text: a wrapped cell's second line, a category on its own."""
    return len(ws) == 1 and len(ws[0].text) <= 20 and "。" not in ws[0].text


def _columns(rows: list[list[Word]], em: float) -> list[tuple[float, float]]:
    """Column intervals from the gaps that (almost) no line's words cross.

    A header spanning two columns (指标名称 over category and name) crosses one gap once,
    so a gap may be crossed by a few lines (an eighth of them) and still separate columns.
    """
    xmin = int(min(w.x0 for ws in rows for w in ws))
    xmax = int(max(w.x1 for ws in rows for w in ws)) + 1
    coverage = [0] * (xmax - xmin + 1)
    for ws in rows:
        for w in ws:
            for x in range(int(w.x0), int(w.x1) + 1):
                coverage[x - xmin] += 1
    tolerance = len(rows) // 8
    columns: list[tuple[float, float]] = []
    start: int | None = None
    gap_run = 0
    for i, n in enumerate(coverage):
        if n > tolerance:
            if start is None:
                start = i
            elif gap_run >= 0.3 * em:
                columns.append((xmin + start, xmin + i - gap_run))
                start = i
            gap_run = 0
        elif start is not None:
            gap_run += 1
    if start is not None:
        columns.append((xmin + start, xmin + len(coverage) - 1 - gap_run))
    # A left-aligned column's few long cells reach into what looked like the gap after it:
    # its right edge is where its own words end (short of the next column).
    extended = []
    for k, (left, right) in enumerate(columns):
        limit = columns[k + 1][0] - 1 if k + 1 < len(columns) else float("inf")
        ends = [w.x1 for ws in rows for w in ws if _column_of(w.x0, columns) == k and w.x1 < limit]
        extended.append((left, max([right, *ends])))
    return extended


def _column_of(x: float, columns: list[tuple[float, float]]) -> int:
    """The column a word starting at x belongs to (one starting in a gap: the next column)."""
    for i, (_, right) in enumerate(columns):
        if x <= right:
            return i
    return len(columns) - 1


def table_rows(lines: list[VLine], columns: list[tuple[float, float]], em: float) -> list[list[str]]:
    """Each line as cells under the columns; fragment lines merged into the nearest row."""
    rows: list[Row] = []
    for n, line in enumerate(lines):
        cells = [""] * len(columns)
        placed: dict[int, list[Word]] = {}
        spanned: set[int] = set()
        for w in words(line.chars, WORD_GAP_EM * em * 2):
            col = _column_of(w.x0, columns)
            cells[col] = f"{cells[col]} {w.text}".strip()
            placed.setdefault(col, []).append(w)
            spanned.update(k for k in range(col + 1, len(columns)) if columns[k][0] < w.x1 - 0.5 * em)
        if n == 0:
            spanned.update(_centred_spans(cells, placed, columns))
        cells = [c for k, c in enumerate(cells) if k not in spanned or c]
        filled = [c for c in cells if c]
        fragment = n > 0 and len(filled) <= max(1, len(columns) // 3) and not any(_VALUE.search(c) for c in filled)
        rows.append(Row(cells, line.mid, fragment))
    return _merge_fragments(rows, em)


def _centred_spans(cells: list[str], placed: dict[int, list[Word]], columns: list[tuple[float, float]]) -> set[int]:
    """Empty header cells covered by a neighbour's label centred over both columns.

    A header such as 指标名称 printed centred over the category and name columns sits
    wholly inside the wider one; it is one merged cell, as a Word or HTML table says with
    gridSpan/colspan, not a label plus an empty column.
    """
    out: set[int] = set()
    for k, text in enumerate(cells):
        if text:
            continue
        for j in (k + 1, k - 1):
            if not 0 <= j < len(columns) or len(placed.get(j, [])) != 1:
                continue
            w = placed[j][0]
            centre = (w.x0 + w.x1) / 2
            own = (columns[j][0] + columns[j][1]) / 2
            joint = (min(columns[k][0], columns[j][0]) + max(columns[k][1], columns[j][1])) / 2
            if abs(centre - joint) < abs(centre - own):
                out.add(k)
                break
    return out


def _merge_fragments(rows: list[Row], em: float) -> list[list[str]]:
    """Fold fragment rows into the nearest full row (ties: the row above, a wrapped cell)."""
    full = [r for r in rows if not r.fragment]
    for i, r in enumerate(rows):
        if not r.fragment:
            continue
        above = next((x for x in reversed(rows[:i]) if not x.fragment), None)
        below = next((x for x in rows[i + 1 :] if not x.fragment), None)
        candidates = [(abs(r.mid - x.mid) - (0.1 * em if x is above else 0), x) for x in (above, below) if x]
        if not candidates:
            continue
        distance, target = min(candidates, key=lambda t: t[0])
        if distance > MAX_FRAGMENT_DISTANCE_EM * em or len(target.cells) != len(r.cells):
            full.insert(full.index(above) + 1 if above else 0, r)  # too far or shaped unlike: its own row
            continue
        for k, text in enumerate(r.cells):
            if text:
                old = target.cells[k]
                target.cells[k] = f"{old} {text}" if target is above else f"{text} {old}"
                target.cells[k] = target.cells[k].strip()
    return [r.cells for r in full]


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
            rendering.break_()
            for r, cells in enumerate(table_rows(block[first : last + 1], columns, em), start=1):
                rendering.row(cells, f"page {page}, table {tables}, row {r}")
            rendering.break_()
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
                sep = "" if _CJK.match(self.text[-1]) or _CJK.match(piece[:1]) else " "
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
