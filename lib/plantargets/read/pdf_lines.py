"""PDF page geometry: characters into visual lines and words, and the page's reading order.

Sizes are relative to the page's median character width (``em``). A two-column page is read
band by band, left column then right (``reading_blocks``); see ``read.pdf`` for the whole.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass

CELL_GAP_EM = 1.5
# Gap that is a word space inside a cell or line, in em.
WORD_GAP_EM = 0.25
# Two characters share a line when their vertical centres differ by less than this share
# of the character height.
SAME_LINE = 0.45
# A table needs this many columns and this many lines that fill at least that many.
# Two-column detection: the gutter lies in the middle band of the text's width; prose lines
# on each side must be dense (no cell-sized gaps) and run across this share of their side.
GUTTER_BAND = (0.3, 0.7)
DENSE_SIDE_SHARE = 0.6
MIN_COLUMN_LINES = 4
# A column holds a table when this many of its lines have three or more cells.
TABLE_SIDE_LINES = 3
CJK_CHAR = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@dataclass(frozen=True)
class Char:
    """A glyph with its box (points, top-left origin) and font size."""

    text: str
    x0: float  # left edge, points from the page's left
    x1: float  # right edge
    top: float  # top edge, points from the page's top
    bottom: float  # bottom edge
    size: float  # font size, points
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
            both_cjk = bool(CJK_CHAR.match(prev.text[-1]) and CJK_CHAR.match(c.text[0]))
            if (c.space_before and gap > 0) or (gap > WORD_GAP_EM * em and (not both_cjk or gap > 0.8 * em)):
                out.append(" ")
        out.append(c.text)
        prev = c
    return "".join(out)


# --------------------------------------------------------------------------- reading order


def reading_blocks(lines: list[VLine], em: float) -> Iterator[list[VLine]]:
    """Lines in reading order, as blocks: the whole page, or the bands and columns of a
    two-column page (left column of a band, then its right column).

    On a two-column page of prose a line is full width when it crosses the gutter (a title)
    or when it has text on both sides and one side holds several cells (a table row across
    both columns): consecutive full-width lines stay one block. When a column holds a table
    (tables side by side, a table beside prose) only crossing lines are full width.
    """
    gutter = find_gutter(lines, em)
    if gutter is None:
        yield lines
        return
    left_edge, right_edge, tables_beside = gutter
    full: list[VLine] = []
    band_left: list[VLine] = []
    band_right: list[VLine] = []
    for line in lines:
        left = [c for c in line.chars if c.x1 <= left_edge]
        right = [c for c in line.chars if c.x0 >= right_edge]
        crosses = len(left) + len(right) < len(line.chars)
        cells = (
            not tables_beside
            and left
            and right
            and max(len(words(left, CELL_GAP_EM * em)), len(words(right, CELL_GAP_EM * em))) > 1
        )
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


def find_gutter(lines: list[VLine], em: float) -> tuple[float, float, bool] | None:
    """(left, right, tables beside) x of a two-column page's gutter, or None for one column.

    The gutter is a vertical strip in the middle band of the text that almost no line
    crosses (the widest that qualifies). It counts when dense prose fills both sides up to it on enough lines, or
    when a side holds a table and the other prose, or when both hold tables under the same
    header (a long table continued in the second column); the gaps inside one table (short
    cells, no repeated header) never pass for a gutter.
    """
    for left_edge, right_edge in _blank_strips(lines, em):
        kind = _two_columns(lines, left_edge, right_edge, em)
        if kind is not None:
            return float(left_edge), float(right_edge), kind
    return None


def _two_columns(lines: list[VLine], left_edge: int, right_edge: int, em: float) -> bool | None:
    """None when the strip does not split the page into columns; else whether a column
    holds a table (False: prose on both sides)."""
    xmin = min(line.x0 for line in lines)
    xmax = max(line.x1 for line in lines)
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
    prose_left = dense_left >= MIN_COLUMN_LINES and dense_left >= 0.5 * with_left
    prose_right = dense_right >= MIN_COLUMN_LINES and dense_right >= 0.5 * with_right
    if prose_left and prose_right:
        return False
    sentences_left = sum(_sentence(c for c in line.chars if c.x1 <= left_edge) for line in lines)
    sentences_right = sum(_sentence(c for c in line.chars if c.x0 >= right_edge) for line in lines)
    prose_left = prose_left and sentences_left >= MIN_COLUMN_LINES
    prose_right = prose_right and sentences_right >= MIN_COLUMN_LINES
    if _tables_beside(lines, left_edge, right_edge, em, prose_left, prose_right):
        return True
    return None


def _sentence(chars: Iterator[Char]) -> bool:
    """Running text: the side of the line holds sentence punctuation (a table cell rarely does)."""
    return any(c.text in "，。；：" for c in chars)


def _blank_strips(lines: list[VLine], em: float) -> list[tuple[int, int]]:
    """Strips of the text's middle band that at most a twentieth of the lines cross, widest
    first (an empty table column may be wider than the gutter, so each is tried)."""
    if len(lines) < 2 * MIN_COLUMN_LINES:
        return []
    xmin = min(line.x0 for line in lines)
    xmax = max(line.x1 for line in lines)
    width = xmax - xmin
    if width < 20 * em:
        return []
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
    strips: list[tuple[int, int]] = []
    i = 0
    while i < len(coverage):
        if coverage[i] <= tolerance:
            j = i
            while j + 1 < len(coverage) and coverage[j + 1] <= tolerance:
                j += 1
            if j - i + 1 >= 0.8 * em:
                strips.append((start + i, start + j + 1))
            i = j + 1
        else:
            i += 1
    return sorted(strips, key=lambda s: s[0] - s[1])


def _tables_beside(
    lines: list[VLine], left_edge: float, right_edge: float, em: float, prose_left: bool, prose_right: bool
) -> bool:
    """A table in one column beside prose in the other, or two tables under one header.

    A table side has ``TABLE_SIDE_LINES`` lines of three or more cells; two table sides must
    share a header line (the same three or more labels, with Chinese text, on both sides).
    """
    gap = CELL_GAP_EM * em
    table_left = table_right = 0
    same_header = False
    for line in lines:
        left = words([c for c in line.chars if c.x1 <= left_edge], gap)
        right = words([c for c in line.chars if c.x0 >= right_edge], gap)
        table_left += len(left) >= 3
        table_right += len(right) >= 3
        labels = [w.text for w in left]
        if len(left) >= 3 and labels == [w.text for w in right]:
            same_header = same_header or sum(bool(CJK_CHAR.search(t)) for t in labels) >= 2
    left_table, right_table = table_left >= TABLE_SIDE_LINES, table_right >= TABLE_SIDE_LINES
    return (left_table and right_table and same_header) or (left_table and prose_right) or (right_table and prose_left)


def _dense(chars: list[Char], side_width: float, em: float) -> bool:
    """Prose-like: one run of text, no cell-sized gap, across most of its column."""
    if not chars:
        return False
    if len(words(chars, CELL_GAP_EM * em)) != 1:
        return False
    return (max(c.x1 for c in chars) - chars[0].x0) >= DENSE_SIDE_SHARE * side_width
