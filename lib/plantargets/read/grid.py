"""Tables given as grids of cells (Word, HTML, OCR'd images) rendered into table lines.

Every structured source describes a table the same way: rows of cells, some cells covering
several rows or columns. HTML says so with ``rowspan``/``colspan``, Word with ``gridSpan`` and
``<w:vMerge/>`` continuation cells, an OCR grid with the boxes it found. This module resolves
those spans into a full grid once, for all of them, and prints it as the pipe lines the table
mechanism (``extract.tables``) reads:

* a cell covering several rows is printed in every row it covers (a category such as
  经济发展 merged down its group, or 约束性 down a block of binding indicators, belongs to each
  row; an empty first cell would instead read as the continuation of the row above);
* a cell covering several columns is printed once, as the text exports print it (a merged
  ``指标名称`` header over category and name, a worded target over 2025年 and 年均/累计);
* stacked header rows (the cells of the first row reach down over the second, as in
  ``指标值`` over ``2020年 | 2025年``) become one header line holding, per column, the lowest
  header cell: the most specific label.

Entry point for any source: :func:`render_grid` with rows of :class:`SpanCell`. Each cell may
carry its own provenance (``origin``: 'table 1, row 3' or an image and box for OCR).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plantargets.read.rendering import Rendering

_LATIN_END = re.compile(r"[A-Za-z0-9%)\]]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9(\[]")


def join_wrapped(first: str, second: str) -> str:
    """A cell wrapped over two lines as one text: Chinese joins directly, Latin with a space.

    '保持在合理区间、各年度' + '视情提出' is one phrase; 'GDP' + 'growth' are two words.
    """
    first, second = first.strip(), second.strip()
    if not first or not second:
        return first or second
    return f"{first} {second}" if _LATIN_END.search(first) and _LATIN_START.search(second) else first + second


def assign_centred(tops: list[float], marks: list[tuple[float, str]], adjacent: float) -> list[str]:
    """The label of each row when labels are printed centred beside their group of rows.

    ``tops``: each row's top position, in order (line numbers, or y growing downwards);
    ``marks``: each label's position and text. A merged category cell prints its text at the
    middle of its group, so a group starts at the first row not yet taken and ends as far
    below the label as it starts above it; the last label takes the remaining rows. Labels
    closer than ``adjacent`` to the one before (民生 / 福祉 on two lines) are one label.
    Rows before the first label, if any, get ''.
    """
    merged: list[tuple[str, list[float]]] = []
    for pos, text in sorted(marks):
        if merged and pos - merged[-1][1][-1] <= adjacent:
            merged[-1] = (merged[-1][0] + text, [*merged[-1][1], pos])
        else:
            merged.append((text, [pos]))
    out = [""] * len(tops)
    i = 0
    for k, (text, positions) in enumerate(merged):
        if i >= len(tops):
            break
        centre = sum(positions) / len(positions)
        end = 2 * centre - tops[i] if k < len(merged) - 1 else float("inf")
        first = True
        while i < len(tops) and (first or tops[i] <= end + 0.25 * adjacent):
            out[i] = text
            i += 1
            first = False
    return out


def carry_first_column(rows: list[list[str]]) -> list[list[SpanCell]]:
    """Rows read off a page (PDF, OCR) as grid cells: an empty first cell below a data row
    continues the cell above, as a category merged down its group is printed once.

    The row after the first (a header) never continues it.
    """
    out: list[list[SpanCell]] = []
    for r, row in enumerate(rows):
        continues = (
            r >= 2
            and bool(row)
            and not row[0].strip()
            and bool(out[-1])
            and (bool(out[-1][0].text) or out[-1][0].continues)
        )
        out.append([SpanCell(t, continues=continues and k == 0) for k, t in enumerate(row)])
    return out


@dataclass(frozen=True)
class SpanCell:
    """A cell as the source gives it: text, how far it reaches, where it came from.

    ``continues`` marks a Word ``vMerge`` continuation: the cell is part of the one above
    in the same grid column (its own text, normally empty, is ignored).
    """

    text: str
    rowspan: int = 1
    colspan: int = 1
    continues: bool = False
    origin: str = ""


@dataclass
class _Slot:
    """One grid position: which source cell fills it and whether it is that cell's first row."""

    cell: SpanCell
    ident: int
    first_row: bool


def place(rows: list[list[SpanCell]]) -> list[list[_Slot | None]]:
    """The full grid: every position filled by the cell covering it (None where no cell is)."""
    grid: list[list[_Slot | None]] = [[] for _ in rows]
    ident = 0
    for r, row in enumerate(rows):
        col = 0
        for cell in row:
            while col < len(grid[r]) and grid[r][col] is not None:
                col += 1  # a cell from a row above reaches down here
            if cell.continues and r > 0 and col < len(grid[r - 1]) and grid[r - 1][col] is not None:
                above = grid[r - 1][col]
                assert above is not None
                for k in range(max(1, cell.colspan)):
                    _put(grid[r], col + k, _Slot(above.cell, above.ident, False))
                col += max(1, cell.colspan)
                continue
            ident += 1
            for dr in range(max(1, cell.rowspan)):
                if r + dr >= len(grid):
                    break
                for k in range(max(1, cell.colspan)):
                    _put(grid[r + dr], col + k, _Slot(cell, ident, dr == 0))
            col += max(1, cell.colspan)
    return grid


def _put(row: list[_Slot | None], col: int, slot: _Slot) -> None:
    while len(row) <= col:
        row.append(None)
    row[col] = slot


def header_depth(grid: list[list[_Slot | None]]) -> int:
    """How many leading rows form the header: as far as the first row's cells reach down.

    Only a first row with a group label (a cell over several columns with cells below it,
    ``指标值`` over ``2020年 | 2025年``) is a stacked header; a first data row whose category
    reaches down its group is not.
    """
    if not grid or not grid[0]:
        return 0
    if not any(s is not None and s.cell.colspan > 1 and s.cell.rowspan == 1 for s in grid[0]):
        return 1
    depth = 1
    for slot in grid[0]:
        if slot is None:
            continue
        reach = 1
        while reach < len(grid) and any(s is not None and s.ident == slot.ident for s in grid[reach]):
            reach += 1
        depth = max(depth, reach)
    # A header deeper than a few rows is not a header: a category cell down a whole table.
    return depth if depth <= 3 and depth < len(grid) else 1


def _merge_header(grid: list[list[_Slot | None]], depth: int) -> list[_Slot | None]:
    """One header row: per column the lowest cell of the stacked header rows."""
    width = max(len(r) for r in grid[:depth])
    merged: list[_Slot | None] = []
    for col in range(width):
        slots = [grid[r][col] for r in range(depth) if col < len(grid[r]) and grid[r][col] is not None]
        merged.append(slots[-1] if slots else None)
    return merged


def _texts(slots: list[_Slot | None]) -> list[str]:
    """Printed cells of a grid row: a column-spanning cell once, a row-spanning cell every row."""
    out: list[str] = []
    prev: int | None = None
    for slot in slots:
        if slot is None:
            out.append("")
            prev = None
            continue
        if slot.ident != prev:
            out.append(slot.cell.text)
        prev = slot.ident
    return out


def printed_rows(rows: list[list[SpanCell]]) -> list[tuple[list[str], list[int]]]:
    """The table's printed rows, each with the 0-based source rows it stands for."""
    grid = place(rows)
    if not grid:
        return []
    depth = header_depth(grid)
    out = [(_texts(_merge_header(grid, depth)), list(range(depth)))]
    out += [(_texts(grid[r]), [r]) for r in range(depth, len(grid))]
    return out


def render_grid(rendering: Rendering, rows: list[list[SpanCell]], label: str) -> None:
    """Print a grid table into ``rendering`` as pipe lines, origins '<label>, row N' (1-based).

    A one-column table (a boxed 专栏 of text) becomes paragraphs.
    """
    printed = printed_rows(rows)
    rendering.break_()
    if max((len(cells) for cells, _ in printed), default=0) <= 1:
        for cells, source in printed:
            for c in cells:
                rendering.paragraph(c, f"{label}, row {source[0] + 1}")
    else:
        for cells, source in printed:
            span = f"{source[0] + 1}" if len(source) == 1 else f"{source[0] + 1}-{source[-1] + 1}"
            rendering.row(cells, f"{label}, {'row' if len(source) == 1 else 'rows'} {span}")
    rendering.break_()
