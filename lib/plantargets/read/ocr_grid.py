"""From text boxes and ruling lines to a grid of table rows, each cell with box and confidence.

The grid follows the convention of the Word and PDF renderings (``read.dispatch``), so the
table mechanism reads it like any other table: one list of cells per printed row, a merged
cell's text in its first row only (an empty cell below it), a cell spanning several columns
once. Three things OCR needs on top of that:

- boxes are placed by the cell that holds their centre; a box that straddles a rule (the
  recogniser sometimes reads two neighbouring cells as one line) is cut at the rule;
- a cell's lines are joined in reading order (a wrapped name or target text is one cell);
  but a row whose value cells stack several numbers (主要污染物排放总量减少 with 化学需氧量,
  二氧化硫 … in one ruled row) becomes one row per stacked line;
- a two-level header (规划目标 over 2010年 / 年均增长) becomes one header row whose cells
  carry both levels; the realised half of a completion table (实现情况) is labelled 实际完成
  so it reads as the realised, not the planned, column.

Text outside the ruled area (a caption above, notes below) comes back as ``paragraphs``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from plantargets.read.ocr import TextBox
from plantargets.read.rules import CellRegion, Structure, table_structure
from plantargets.read.text import compact
from plantargets.vocab.words import NAME_HEADERS

# Two boxes are on the same text line when their centres are closer than this share of
# the text height.
SAME_LINE = 0.5
# A box is cut at a rule when at least this share of its width lies on each side.
STRADDLE_SHARE = 0.2
# Header words of a completion table's realised half.
_REALISED = re.compile("实现|实际|完成情况")
_YEAR = re.compile(r"^((?:19|20)\d{2})\s*年")
_DIGIT = re.compile(r"\d")
_ASCII_END = re.compile(r"[A-Za-z0-9.%)\]]$")
_ASCII_START = re.compile(r"^[A-Za-z0-9(\[]")
# A merged cell spanning rows whose text is an attribute applies to each of those rows.
_ATTRIBUTE = re.compile("^(预期性|约束性)$")


@dataclass
class GridCell:
    """A cell as printed: text, pixel box (x0, y0, x1, y1), lowest confidence of its boxes."""

    text: str
    box: tuple[int, int, int, int]
    confidence: float | None  # None for an empty cell


@dataclass
class Grid:
    """A table read from an image: rows of cells, text above and below it."""

    rows: list[list[GridCell]]
    above: list[GridCell] = field(default_factory=list)  # caption lines above the rules
    below: list[GridCell] = field(default_factory=list)  # notes below the rules
    n_columns: int = 0

    def texts(self) -> list[list[str]]:
        """The grid as cell texts (what the table mechanism reads)."""
        return [[c.text for c in row] for row in self.rows]


def join_texts(parts: list[str]) -> str:
    """Lines of one cell joined: no space in Chinese text, one between Latin words/numbers."""
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if out and _ASCII_END.search(out) and _ASCII_START.match(p) and not out.endswith("("):
            out += " "
        out += p
    return out


def text_lines(boxes: list[TextBox]) -> list[list[TextBox]]:
    """Boxes grouped into text lines, top to bottom, each line left to right."""
    lines: list[list[TextBox]] = []
    for b in sorted(boxes, key=lambda b: b.cy):
        if lines:
            last = lines[-1]
            ref = sum(x.cy for x in last) / len(last)
            tol = SAME_LINE * max(b.height, max(x.height for x in last))
            if abs(b.cy - ref) <= tol:
                last.append(b)
                continue
        lines.append([b])
    return [sorted(line, key=lambda b: b.x0) for line in lines]


def _cell(boxes: list[TextBox], region: CellRegion | None = None) -> GridCell:
    if not boxes:
        box = (int(region.x0), int(region.y0), int(region.x1), int(region.y1)) if region else (0, 0, 0, 0)
        return GridCell("", box, None)
    text = join_texts([join_texts([b.text for b in line]) for line in text_lines(boxes)])
    x0, y0 = int(min(b.x0 for b in boxes)), int(min(b.y0 for b in boxes))
    x1, y1 = int(max(b.x1 for b in boxes)), int(max(b.y1 for b in boxes))
    return GridCell(text, (x0, y0, x1, y1), min(b.confidence for b in boxes))


@dataclass(frozen=True)
class InkRule:
    """How ink inside a cell without recognised text is read.

    An empty cell that holds a short flat mark is a dash the recogniser did not read (it
    often skips a lone — or -); a full stop or a speck is not a dash (not wider than tall).
    Any other ink is something printed there that OCR did not read: always flagged.
    """

    level: int  # grey level (0-255) below which a pixel is ink
    dash_max_height: int  # px: a dash is at most this tall,
    dash_min_width: int  # px: at least this wide, and wider than tall
    dash_confidence: float  # given to such a dash: what it is, not what the recogniser said
    unread_confidence: float  # given to ink that is no dash: 0, so every confidence threshold flags it


EMPTY_CELL_INK = InkRule(level=150, dash_max_height=4, dash_min_width=3, dash_confidence=0.98, unread_confidence=0.0)


def empty_cell(gray: np.ndarray, region: CellRegion) -> GridCell:
    """A cell without recognised text: empty, a dash, or unread ink (flagged by confidence 0)."""
    box = (int(region.x0), int(region.y0), int(region.x1), int(region.y1))
    inner = gray[box[1] + 4 : box[3] - 3, box[0] + 4 : box[2] - 3]
    ink = inner < EMPTY_CELL_INK.level if inner.size else np.zeros((0, 0), dtype=bool)
    if not ink.any():
        return GridCell("", box, None)
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    height, width = rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1
    rule = EMPTY_CELL_INK
    if height <= rule.dash_max_height and width >= rule.dash_min_width and width > height:
        return GridCell("—", box, rule.dash_confidence)
    return GridCell("", box, rule.unread_confidence)


def cut_straddling(boxes: list[TextBox], st: Structure) -> list[TextBox]:
    """Cut boxes that run across a vertical rule into one box per side (text split by width)."""
    out: list[TextBox] = []
    for b in boxes:
        cut = None
        for x in st.xs[1:-1]:
            left, right = x - b.x0, b.x1 - x
            wide = min(left, right) >= STRADDLE_SHARE * (b.x1 - b.x0)
            if wide and _cell_of(st, x - 3, b.cy) is not _cell_of(st, x + 3, b.cy):
                cut = x
                break
        if cut is None or len(b.text) < 2:
            out.append(b)
            continue
        k = _split_index(b.text, (cut - b.x0) / (b.x1 - b.x0))
        first = TextBox(b.text[:k].strip(), b.x0, b.y0, cut, b.y1, b.confidence)
        second = TextBox(b.text[k:].strip(), cut, b.y0, b.x1, b.y1, b.confidence)
        out.extend(cut_straddling([first, second], st))
    return out


def _split_index(text: str, share: float) -> int:
    """Where to cut a text at ``share`` of its printed width (Latin letters and digits are
    about half as wide as Chinese characters); never at either end."""
    widths = [0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text]
    target = share * sum(widths)
    edges = np.cumsum(widths)
    k = int(np.argmin(np.abs(edges - target))) + 1
    return min(max(k, 1), len(text) - 1)


def _cell_of(st: Structure, x: float, y: float) -> CellRegion | None:
    atom = st.atom(x, y)
    if atom is None:
        return None
    r, c = atom
    for cell in st.cells:
        if cell.r0 <= r <= cell.r1 and cell.c0 <= c <= cell.c1:
            return cell
    return None


def _stacked(cells: list[tuple[CellRegion, list[TextBox]]]) -> list[float] | None:
    """Line positions when a row stacks several values per cell, else None.

    A row is stacked when at least two of its one-row cells hold several text lines and one
    of those is a column of numbers (each line with a digit); a wrapped name or target text
    alone never splits a row.
    """
    multi = [(cell, text_lines(bs)) for cell, bs in cells if cell.r0 == cell.r1 and bs]
    multi = [(cell, lines) for cell, lines in multi if len(lines) >= 2]
    numeric = [lines for _, lines in multi if all(_DIGIT.search("".join(b.text for b in line)) for line in lines)]
    if len(multi) < 2 or not numeric:
        return None
    centres = sorted(sum(b.cy for b in line) / len(line) for _, lines in multi for line in lines)
    heights = [b.height for _, lines in multi for line in lines for b in line]
    tol = SAME_LINE * float(np.median(heights))
    bands: list[list[float]] = []
    for y in centres:
        if bands and y - bands[-1][-1] <= tol:
            bands[-1].append(y)
        else:
            bands.append([y])
    return [sum(b) / len(b) for b in bands]


def _own_cell(gray: np.ndarray, cell: CellRegion, r: int, boxes: list[TextBox]) -> GridCell:
    """Cell ``cell`` as printed in atom row ``r``: its text in its first row, else empty
    (an attribute merged over several rows is repeated: it applies to each of them)."""
    if not boxes:
        return empty_cell(gray, cell) if cell.r0 == r else _cell([], cell)
    printed = _cell(boxes, cell)
    if cell.r0 == r or _ATTRIBUTE.match(printed.text):
        return printed
    return _cell([], cell)


def _render_row(
    gray: np.ndarray, st: Structure, r: int, placed: dict[CellRegion, list[TextBox]]
) -> list[list[GridCell]]:
    """The printed row(s) of atom row ``r``: one, or one per stacked line."""
    in_row = [cell for cell in st.cells if cell.r0 <= r <= cell.r1]
    in_row.sort(key=lambda c: c.c0)
    own = [(cell, placed.get(cell, [])) for cell in in_row if cell.r0 == r]
    bands = _stacked(own)
    if bands is None:
        return [[_own_cell(gray, cell, r, placed.get(cell, [])) for cell in in_row]]
    rows: list[list[GridCell]] = [[] for _ in bands]
    for cell in in_row:
        boxes = placed.get(cell, []) if cell.r0 == r else []
        lines = text_lines(boxes)
        per_band: list[list[TextBox]] = [[] for _ in bands]
        if cell.r0 == cell.r1 and len(lines) >= 2:
            for line in lines:
                cy = sum(b.cy for b in line) / len(line)
                per_band[int(np.argmin([abs(cy - y) for y in bands]))].extend(line)
        else:
            per_band[0] = boxes  # a single line or a merged cell: first row, like a merged cell
        for i in range(len(bands)):
            if i == 0 and not boxes and cell.r0 == r:
                rows[i].append(empty_cell(gray, cell))
            elif i > 0 and not per_band[i] and _ATTRIBUTE.match(_cell(boxes, cell).text):
                rows[i].append(_cell(boxes, cell))  # an attribute applies to every stacked row
            else:
                rows[i].append(_cell(per_band[i], cell))
    return rows


def _header_depth(st: Structure) -> int:
    """How many atom rows the header takes: 2 when a header cell spans columns with cells below."""
    body = [c for c in st.cells if c.c1 > c.c0 and c.r0 == c.r1]
    for r in range(min(st.n_rows, 3)):
        spanning = [c for c in body if c.r0 == r and c.c0 > 0]
        if not spanning:
            continue
        below = [c for c in st.cells if c.r0 == r + 1 and any(s.c0 <= c.c0 and c.c1 <= s.c1 for s in spanning)]
        if len(below) >= 2:
            return r
    return -1


def merge_header(rows: list[list[GridCell]], cells: list[list[CellRegion]], top: int) -> None:
    """Fold a two-level header (rows ``top`` and ``top + 1``) into one row, in place."""
    upper, lower = rows[top], rows[top + 1]
    upper_cells, lower_cells = cells[top], cells[top + 1]
    merged: list[GridCell] = []
    for cell, region in zip(upper, upper_cells, strict=True):
        children = [
            (c, reg) for c, reg in zip(lower, lower_cells, strict=True) if region.c0 <= reg.c0 and reg.c1 <= region.c1
        ]
        if region.r1 > region.r0 or not children or region.c0 == region.c1:
            merged.append(cell)
            continue
        realised = bool(_REALISED.search(cell.text))
        for child, _ in children:
            text = child.text
            if realised:
                m = _YEAR.match(text)
                text = f"{m.group(1)}年实际完成" if m else f"实际完成({text})"
            conf = [c for c in (cell.confidence, child.confidence) if c is not None]
            merged.append(GridCell(text, child.box, min(conf) if conf else None))
    rows[top] = merged
    del rows[top + 1]
    del cells[top + 1]


def build_grid(gray: np.ndarray, boxes: list[TextBox]) -> Grid:
    """The table in an image: rows of cells inside the rules, caption and notes around them."""
    st = table_structure(gray, boxes)
    if not st.cells:
        return Grid([], above=[_cell(line) for line in text_lines(boxes)])
    boxes = cut_straddling(boxes, st)
    placed: dict[CellRegion, list[TextBox]] = {}
    above: list[TextBox] = []
    below: list[TextBox] = []
    for b in boxes:
        cell = _cell_of(st, b.cx, b.cy)
        if cell is not None:
            placed.setdefault(cell, []).append(b)
        elif b.cy < st.ys[0]:
            above.append(b)
        else:
            below.append(b)
    rows: list[list[GridCell]] = []
    regions: list[list[CellRegion]] = []
    for r in range(st.n_rows):
        in_row = sorted((c for c in st.cells if c.r0 <= r <= c.r1), key=lambda c: c.c0)
        for printed in _render_row(gray, st, r, placed):
            rows.append(printed)
            regions.append(in_row)
    top = _header_depth(st)
    if top >= 0:
        merge_header(rows, regions, top)
    rows = [row for row in rows if any(c.text or c.confidence is not None for c in row)]  # unread ink kept
    return Grid(
        rows,
        above=[_cell(line) for line in text_lines(above)],
        below=[_cell(line) for line in text_lines(below)],
        n_columns=st.n_cols,
    )


def grid_lines(grid: Grid, caption: str = "") -> tuple[list[str], dict[int, list[GridCell]]]:
    """The grid rendered as text lines (1-based), and the grid cells behind each row line.

    The rows become a Markdown table (one row per line, so an empty first cell, such as the
    cell under a merged category, never reads as the continuation of the row above); rows
    before the first row of two or more cells (the caption printed inside the frame) and
    the notes below are plain lines.
    """
    lines: list[str] = []
    cells: dict[int, list[GridCell]] = {}
    texts = [[c.text.replace("|", "¦") for c in row] for row in grid.rows]
    first = next((i for i, row in enumerate(texts) if sum(bool(t) for t in row) >= 2), len(texts))
    printed = [t for row in texts[:first] for t in row if t] + [c.text for c in grid.above]
    if caption and not any(compact(caption)[:8] in compact(t) for t in printed):
        lines.append(caption)
    lines.extend(c.text for c in grid.above)
    lines.extend(t for row in texts[:first] for t in row if t)
    header = texts[first] if first < len(texts) else []
    name_at = next((i for i, t in enumerate(header) if compact(t) in NAME_HEADERS), None)
    for i, row in enumerate(texts[first:], start=first):
        if i > first and name_at is not None and _parent_and_sub(row, header, name_at):
            # '(23)空气质量 | 地级及以上城市空气质量优良天数比率(%) | 76.7 | …': the parent on a
            # line of its own, then the sub-row under it, as a text table prints them.
            lines.append("| " + " | ".join(row[: name_at + 1]) + " |")
            cells[len(lines)] = grid.rows[i][: name_at + 1]
            row = ["" for _ in row[: name_at + 1]] + row[name_at + 1 :]
        lines.append("| " + " | ".join(row) + " |")
        cells[len(lines)] = grid.rows[i]
        if i == first:
            lines.append("|" + "---|" * len(row))
    if grid.below:
        lines.append("")
        lines.append("".join(c.text for c in grid.below))
    return lines, cells


def _parent_and_sub(row: list[str], header: list[str], name_at: int) -> bool:
    """A row printing a parent name and a sub-row name in two cells under one header cell."""
    return len(row) == len(header) + 1 and bool(row[name_at]) and bool(row[name_at + 1])


__all__ = ["Grid", "GridCell", "build_grid", "grid_lines", "join_texts", "merge_header", "text_lines"]
