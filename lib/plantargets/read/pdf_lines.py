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
CJK_CHAR = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


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
