"""Ruling lines of a table image and the cells they enclose.

Plan tables are printed with a full grid of rules. Rules are found as long runs of dark
pixels (text is masked out first, so character strokes are never taken for rules); the
distinct rule positions cut the table into atoms, and neighbouring atoms with no rule
between them belong to the same (merged) cell. The result is the table's cell structure:
which cells span several rows (a category, an attribute printed once for a group) or
several columns (a title, a parent header such as 规划目标).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from plantargets.read.ocr import TextBox

# A pixel is ink when its grey level is below this (0-255). Rules are dark blue, grey or
# black on white or pale tinted cells; pale fills (light blue, light grey) stay above it.
INK_LEVEL = 170
# A light rule (grey 170-240 on white) is found by contrast instead: at least this much darker
# than the pixels this far away on either side of it.
CONTRAST = 10
# Sides are looked at 2 px away (a rule with text printed right against it) and 4 px away
# (a rule 3-5 px thick, such as a table's frame).
CONTRAST_OFFSETS = (2, 4)
# A horizontal rule is a run of ink at least this share of the image width (and this many
# pixels): longer than any dash or stroke printed in a cell.
MIN_RULE_SHARE = 0.05
MIN_RULE_PX = 30
# A vertical rule is at least this many text heights long (a cell is taller than its text).
MIN_VRULE_HEIGHTS = 0.8
# Rules are 1-4 px thick; a thicker dark run is a filled band (a red title bar) whose top and
# bottom edges act as rules.
MAX_RULE_THICKNESS = 5
# Two atoms are separated when at least this share of their common border is rule.
SEPARATION_SHARE = 0.6
# How far (px) from a rule's nominal position its pixels may lie (rules are anti-aliased).
RULE_SLACK = 2


@dataclass(frozen=True)
class CellRegion:
    """A cell of the table: atom rows r0..r1 and columns c0..c1 (inclusive), pixel box."""

    r0: int
    c0: int
    r1: int
    c1: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Structure:
    """The cells of a ruled table and the rule positions that define its atom grid."""

    ys: list[float]  # horizontal rule positions, top to bottom
    xs: list[float]  # vertical rule positions, left to right
    cells: list[CellRegion]  # in reading order (top-left atom)

    @property
    def n_rows(self) -> int:
        return max(len(self.ys) - 1, 0)

    @property
    def n_cols(self) -> int:
        return max(len(self.xs) - 1, 0)

    def atom(self, x: float, y: float) -> tuple[int, int] | None:
        """The atom (row, column) holding a point, or None outside the table."""
        if self.n_rows == 0 or self.n_cols == 0:
            return None
        if not (self.ys[0] <= y <= self.ys[-1] and self.xs[0] <= x <= self.xs[-1]):
            return None
        r = int(np.searchsorted(self.ys, y, side="right")) - 1
        c = int(np.searchsorted(self.xs, x, side="right")) - 1
        return min(r, self.n_rows - 1), min(c, self.n_cols - 1)


def ink_mask(gray: np.ndarray, boxes: list[TextBox], axis: int, mask_text: bool = True) -> np.ndarray:
    """Rule candidates; with ``mask_text``, none inside recognised text (strokes are not rules).

    Rule positions are taken with text masked; whether a border is ruled is judged without
    the mask (a box may touch or overlap a rule), where strokes are too short to count.

    A candidate is clearly darker than the pixels a few px away on both sides across the
    rule's direction: thin rules, even light grey ones, but neither the inside nor the edge
    of a tinted area.
    ``axis`` 0 looks for horizontal rules, 1 for vertical ones.
    """
    g = gray.astype(np.int16)
    h, w = g.shape
    ink = np.zeros(g.shape, dtype=bool)
    for pad in CONTRAST_OFFSETS:
        padded = np.pad(g, pad, mode="edge")
        if axis == 0:
            before, after = padded[0:h, pad : pad + w], padded[2 * pad : 2 * pad + h, pad : pad + w]
        else:
            before, after = padded[pad : pad + h, 0:w], padded[pad : pad + h, 2 * pad : 2 * pad + w]
        ink |= g < np.minimum(before, after) - CONTRAST
    if mask_text:  # for rule positions: nothing inside any text box
        for b in boxes:
            ink[int(b.y0) : int(np.ceil(b.y1)), int(b.x0) : int(np.ceil(b.x1))] = False
    return ink


def _long_runs(ink: np.ndarray, min_len: int) -> np.ndarray:
    """Pixels of ink that lie in a run of at least ``min_len`` along axis 1."""
    out = np.zeros_like(ink)
    padded = np.pad(ink.astype(np.int8), ((0, 0), (1, 1)))
    edges = np.diff(padded, axis=1)
    for row in range(ink.shape[0]):
        starts = np.flatnonzero(edges[row] == 1)
        ends = np.flatnonzero(edges[row] == -1)
        for s, e in zip(starts, ends, strict=True):
            if e - s >= min_len:
                out[row, s:e] = True
    return out


def _positions(mask: np.ndarray) -> list[float]:
    """Rule positions along axis 0 from a mask of rule pixels (rows of a horizontal mask)."""
    present = np.asarray(mask.any(axis=1), dtype=bool).tolist()
    positions: list[float] = []
    start: int | None = None
    flags: list[bool] = [bool(v) for v in present] + [False]
    for i, on in enumerate(flags):
        if on and start is None:
            start = i
        elif not on and start is not None:
            if i - start <= MAX_RULE_THICKNESS:
                positions.append((start + i - 1) / 2)
            else:  # a filled band: its edges
                positions.extend([float(start), float(i - 1)])
            start = None
    return positions


def find_rules(gray: np.ndarray, boxes: list[TextBox], mask_text: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Masks of horizontal and vertical rule pixels (``boxes``: the recognised text)."""
    width = gray.shape[1]
    heights = sorted(b.height for b in boxes) or [16.0]
    text_h = heights[len(heights) // 2]
    h_ink = ink_mask(gray, boxes, 0, mask_text)
    v_ink = ink_mask(gray, boxes, 1, mask_text)
    # Where rules cross, a pixel is not darker than its sides along the other rule: count the
    # crossing for both, so a rule runs on through it.
    h_ink, v_ink = h_ink | v_ink, v_ink | h_ink
    # A filled dark band (a title bar) is a run of dark rows: its edges act as rules.
    h_ink |= gray < INK_LEVEL
    if mask_text:
        for b in boxes:
            h_ink[int(b.y0) : int(np.ceil(b.y1)), int(b.x0) : int(np.ceil(b.x1))] = False
    horizontal = _long_runs(h_ink, max(MIN_RULE_PX, int(MIN_RULE_SHARE * width)))
    vertical = _long_runs(v_ink.T, max(8, int(MIN_VRULE_HEIGHTS * text_h))).T
    return horizontal, vertical


def _separated(mask: np.ndarray, pos: float, lo: float, hi: float, across_rows: bool) -> bool:
    """Whether a rule at ``pos`` covers most of the border from ``lo`` to ``hi``."""
    p0, p1 = max(int(pos) - RULE_SLACK, 0), int(pos) + RULE_SLACK + 1
    a, b = int(lo) + 3, int(hi) - 2
    if b <= a:
        return True
    band = mask[p0:p1, a:b] if across_rows else mask[a:b, p0:p1].T
    if band.size == 0:
        return False
    return float(band.any(axis=0).mean()) >= SEPARATION_SHARE


def table_structure(gray: np.ndarray, boxes: list[TextBox]) -> Structure:
    """The table's atoms and merged cells, from its ruling lines."""
    horizontal, vertical = find_rules(gray, boxes)
    ys = _positions(horizontal)
    xs = _positions(vertical.T)
    # Positions come from the masked image; whether a border is ruled is judged on the whole
    # image, because a box that touches a rule (2015年 printed close to it) hides that part.
    # Strokes of characters are shorter than the minimal rule length, so they do not count.
    horizontal, vertical = find_rules(gray, boxes, mask_text=False)
    if len(ys) < 2 or len(xs) < 2:
        return Structure(ys, xs, [])
    nr, nc = len(ys) - 1, len(xs) - 1
    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not _separated(vertical, xs[c + 1], ys[r], ys[r + 1], across_rows=False):
                parent[find(r * nc + c + 1)] = find(r * nc + c)
            if r + 1 < nr and not _separated(horizontal, ys[r + 1], xs[c], xs[c + 1], across_rows=True):
                parent[find((r + 1) * nc + c)] = find(r * nc + c)
    members: dict[int, list[tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            members.setdefault(find(r * nc + c), []).append((r, c))
    cells = []
    for atoms in members.values():
        r0, r1 = min(a[0] for a in atoms), max(a[0] for a in atoms)
        c0, c1 = min(a[1] for a in atoms), max(a[1] for a in atoms)
        cells.append(CellRegion(r0, c0, r1, c1, xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]))
    cells.sort(key=lambda k: (k.r0, k.c0))
    return Structure(ys, xs, cells)


__all__ = ["CellRegion", "Structure", "find_rules", "ink_mask", "table_structure"]
