"""Tables on a PDF page, rebuilt from where words sit: runs of aligned lines, their columns, rows.

A run of lines whose words fall into at least ``MIN_TABLE_COLUMNS`` aligned columns is a table:
columns come from the gaps the run's lines share, each line becomes a row of cells, and a line
holding only text fragments (a wrapped name, a category printed between rows) joins the nearest
row. The rows go to ``read.grid`` like a Word or HTML table's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plantargets.read.grid import assign_centred, join_wrapped
from plantargets.read.pdf_lines import CELL_GAP_EM, WORD_GAP_EM, VLine, Word, words

MIN_TABLE_COLUMNS = 3
# Columns are cut at gaps this wide (em) that the run's lines share: narrower than a cell gap,
# since in a tight table a category and its name, or a wrapped value and the attribute after
# it, sit closer than 1.5 em on some rows, while other rows show the column edge.
COLUMN_GAP_EM = 0.8
# A wrapped cell's next line sits at most this far (em, centre to centre) below the one before.
MAX_WRAP_STEP_EM = 1.8
MIN_TABLE_LINES = 3
# Table lines further apart than this (em, between one line's bottom and the next's top)
# are not the same table.
MAX_ROW_GAP_EM = 3.0
# A fragment line (wrapped cell text) joins a row at most this far away (em, centre to centre).
MAX_FRAGMENT_DISTANCE_EM = 2.5
_VALUE = re.compile(r"\d|^[-—－―─/…]+$|^(预期性|约束性)$")


@dataclass
class Row:
    """A table row being assembled: one text per column."""

    cells: list[str]
    mid: float
    fragment: bool = False


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
        fine = [words(lines[k].chars, COLUMN_GAP_EM * em) for k in range(i, last_multi + 1)]
        columns = _columns(fine, em)
        full = sum(
            1
            for k in range(i, last_multi + 1)
            if len({_column_of(w.x0, columns) for w in split[k]}) >= MIN_TABLE_COLUMNS
        )
        if len(columns) >= MIN_TABLE_COLUMNS and full >= MIN_TABLE_LINES:
            last = _wrapped_tail(lines, split, last_multi, columns, em)
            runs.append((i, last, columns))
            i = last + 1
        else:
            i += 1
    return runs


def _wrapped_tail(
    lines: list[VLine], split: list[list[Word]], last: int, columns: list[tuple[float, float]], em: float
) -> int:
    """The run's end, taking in the last row's wrapped lines (每万人拥有高价值 / 发明专利数).

    A run ends at its last line of several cells, and a fragment after it may be a wrapped cell
    or the text after the table. It is the row's when it sits a wrapped line's step under the
    line before it, within one column, and continues a cell the row fills; a note (注：…) or a
    heading at the margin runs past the first column and stays out.
    """
    filled = {_column_of(w.x0, columns) for w in split[last]}
    end = last
    while end + 1 < len(lines) and _fragment_words(split[end + 1]):
        if lines[end + 1].mid - lines[end].mid > MAX_WRAP_STEP_EM * em:
            break
        word = split[end + 1][0]
        col = _column_of(word.x0, columns)
        left, right = columns[col]
        if col not in filled or word.x0 < left - 0.5 * em or word.x1 > right + 0.5 * em:
            break
        end += 1
    return end


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
    marks = _centred_first_column(rows)
    full = _merge_fragments([r for r in rows if any(r.cells)], em)
    if marks:
        labels = assign_centred([r.mid for r in full[1:]], marks, MAX_WRAP_STEP_EM * em)
        for r, label in zip(full[1:], labels, strict=True):
            r.cells[0] = label
    return [r.cells for r in full]


def _centred_first_column(rows: list[Row]) -> list[tuple[float, str]]:
    """First-column labels printed centred beside their groups, taken out of the rows.

    They are centred when the first row under the header has none but later lines do (a
    label printed at the top of its group would stand in the first row).
    """
    data = rows[1:]
    first = next((r for r in data if not r.fragment), None)
    if first is None or first.cells[0] or not any(r.cells[0] for r in data):
        return []
    marks = []
    for r in data:
        if r.cells[0]:
            marks.append((r.mid, r.cells[0]))
            r.cells[0] = ""
    return marks


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


def _merge_fragments(rows: list[Row], em: float) -> list[Row]:
    """Fold fragment rows into the nearest full row (ties: the row above, a wrapped cell).

    A fragment right under a line with text in the same columns continues that line's cells
    (the third line of a cell wrapped three times), whichever row is nearer.
    """
    full = [r for r in rows if not r.fragment]
    owner: dict[int, Row] = {}  # fragment index -> the row it joined
    for i, r in enumerate(rows):
        if not r.fragment:
            continue
        above = next((x for x in reversed(rows[:i]) if not x.fragment), None)
        below = next((x for x in rows[i + 1 :] if not x.fragment), None)
        candidates = [(abs(r.mid - x.mid) - (0.1 * em if x is above else 0), x) for x in (above, below) if x]
        if not candidates:
            continue
        distance, target = min(candidates, key=lambda t: t[0])
        if i and _continues_line(rows[i - 1], r, em):
            target = owner.get(i - 1, rows[i - 1])
            distance = 0.0
        if distance > MAX_FRAGMENT_DISTANCE_EM * em or len(target.cells) != len(r.cells):
            full.insert(full.index(above) + 1 if above else 0, r)  # too far or shaped unlike: its own row
            continue
        owner[i] = target
        for k, text in enumerate(r.cells):
            if text:
                old = target.cells[k]
                target.cells[k] = join_wrapped(old, text) if r.mid > target.mid else join_wrapped(text, old)
    return full


def _continues_line(prev: Row, r: Row, em: float) -> bool:
    """The fragment is the next line of the cells printed on the line above it."""
    if len(prev.cells) != len(r.cells) or not 0 < r.mid - prev.mid <= MAX_WRAP_STEP_EM * em:
        return False
    return all(prev.cells[k] for k, text in enumerate(r.cells) if text)
