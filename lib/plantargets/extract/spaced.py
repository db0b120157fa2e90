"""Tables whose columns are aligned by spaces, as ``pdftotext -layout`` prints a PDF table.

Such text has no delimiter at all: a row is a line of text runs separated by two or more
spaces, an empty cell is just a wider gap, a wrapped cell continues on the next line under
its column, and a category printed once per group leaves the column blank below it. What does
hold is position: pdftotext places each run at the character column of its x position, so a
column's cells start at (nearly) the same character offset on every line, the header's labels
included. So:

1. a *block* is a run of lines with at least ``MIN_RUNS`` runs each (at least ``MIN_ROWS`` such
   lines), with short fragment lines (wrapped cells) and single blank lines between them;
2. the header line (its runs are header words, ``cells.header_role``) gives the columns; when
   it holds two headers side by side (a two-column page flattened line by line), each line is
   split between the two tables at the first table's last column;
3. each line's runs are aligned to the columns by their start offsets (a best monotone match,
   so runs shifted by a few characters still land in their own column and keep their order);
4. a line without a name-column run and with fewer than two cells continues the row above,
   cell by cell (a wrapped ``保持在合理区间、各年度`` / ``视情提出``, a category ``经济`` / ``发展``).

The result is groups of cells like every other layout's, read by ``tables``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plantargets.extract import cells as C
from plantargets.extract.align import monotone_match
from plantargets.extract.layouts import Cell, Group
from plantargets.read.grid import assign_centred, join_wrapped
from plantargets.read.text import Document

# Runs of text separated by two or more spaces.
_RUN = re.compile(r"\S+(?: \S+)*")
MIN_RUNS = 3
MIN_ROWS = 3
# A fragment line (a wrapped cell) holds at most this many runs of at most this many characters.
FRAGMENT_RUNS = 2
FRAGMENT_CHARS = 24
# A run this long, starting past the header's last label, is running text beside the table.
PROSE_RUN_CHARS = 12
# A line whose first run starts this far right is text beside or under the table, not prose
# that ends it (prose starts at the margin).
INDENT_CHARS = 4
# A run starting this many characters past the first table's last header label belongs to the
# table beside it (two-column pages).
SIDE_SLACK = 2


@dataclass(frozen=True)
class Run:
    """A run of text on a line and its character offsets."""

    start: int
    end: int
    text: str


def runs(text: str) -> list[Run]:
    """The line's runs of text; only lines with a double space can hold more than one."""
    if "  " not in text:
        stripped = text.strip()
        return [Run(text.index(stripped[0]), len(text.rstrip()), stripped)] if stripped else []
    return [Run(m.start(), m.end(), m.group()) for m in _RUN.finditer(text)]


def _row_like(text: str) -> bool:
    return "|" not in text and "\t" not in text and "  " in text.strip() and len(runs(text)) >= MIN_RUNS


def _fragment(text: str) -> bool:
    rs = runs(text)
    return 0 < len(rs) <= FRAGMENT_RUNS and all(len(r.text) <= FRAGMENT_CHARS and "。" not in r.text for r in rs)


def _indented(text: str) -> bool:
    return len(text) - len(text.lstrip(" ")) >= INDENT_CHARS and "|" not in text and "\t" not in text


def find_spaced_blocks(doc: Document, taken: set[int]) -> list[tuple[int, int]]:
    """Line spans (1-based, inclusive) of space-aligned blocks outside the ``taken`` lines."""
    texts = [line.text for line in doc.lines]
    blocks: list[tuple[int, int]] = []
    i, n = 0, len(texts)
    while i < n:
        if i + 1 in taken or not _row_like(texts[i]):
            i += 1
            continue
        end, rows, j = i, 1, i + 1
        while j < n and j + 1 not in taken:
            t = texts[j]
            if _row_like(t):
                end, rows = j, rows + 1
            elif not t.strip():
                if j + 1 >= n or not (_row_like(texts[j + 1]) or _fragment(texts[j + 1]) or _indented(texts[j + 1])):
                    break
            elif not (_fragment(t) or _indented(t)):
                break
            j += 1
        if rows >= MIN_ROWS:
            blocks.append((i + 1, end + 1))
        i = end + 1
    return blocks


# --------------------------------------------------------------------------- columns


def _header_runs(lines: list[tuple[int, list[Run]]]) -> tuple[int, list[Run]] | None:
    """The first line whose runs are mostly header words (a name column among them)."""
    for n, rs in lines:
        roles = [C.header_role(r.text) for r in rs]
        known = [h for h in roles if h is not None]
        if len(known) >= 3 and len(known) >= 0.6 * len(rs) and any(h.role == "name" for h in known):
            return n, rs
    return None


def split_sides(header: list[Run]) -> list[tuple[list[Run], int, int]]:
    """The header's tables side by side: (labels, first offset, last offset) per table.

    A second table starts where a name or category label repeats; the sides meet just past the
    first table's last label.
    """
    seen: set[str] = set()
    cut = None
    for k, r in enumerate(header):
        h = C.header_role(r.text)
        role = h.role if h else ""
        if role in ("name", "category") and role in seen:
            cut = k - (1 if role == "name" and k and _role(header[k - 1]) == "category" else 0)
            break
        seen.add(role)
    if cut is None:
        return [(header, 0, 10**9)]
    limit = header[cut - 1].start + SIDE_SLACK
    return [(header[:cut], 0, limit), (header[cut:], limit + 1, 10**9)]


def _role(r: Run) -> str:
    h = C.header_role(r.text)
    return h.role if h else ""


def distance(run: Run, label: Run) -> float:
    """How far a run sits from a column's label, in characters: by left edges when the
    column is left-aligned, by centres when it is centred (the nearer of the two)."""
    return min(abs(run.start - label.start), abs(run.start + run.end - label.start - label.end) / 2)


def align_runs(rs: list[Run], labels: list[Run]) -> list[int]:
    """The column of each run: a monotone match minimising the runs' distance to the labels."""
    k, m = len(rs), len(labels)
    if k > m:  # more runs than columns: each run joins its nearest column
        return [min(range(m), key=lambda j: distance(r, labels[j])) for r in rs]
    return monotone_match([[distance(r, label) for label in labels] for r in rs], m)


# --------------------------------------------------------------------------- rows


def _continues(last: Group, cells: list[Cell], name_col: int) -> bool:
    """A one-cell line continues the row above: a wrapped value or category, or the rest of a
    numbered name ('16.…优良天数比率(' / '%)'), never a new numbered name."""
    if not cells[name_col].text:
        return True
    name = cells[name_col].text
    above = last.cells[name_col].text if name_col < len(last.cells) else ""
    return not C.split_seq(name)[0] and (above.count("(") > above.count(")") or bool(C.split_seq(above)[0]))


def side_groups(lines: list[tuple[int, list[Run]]], labels: list[Run], header_line: int) -> list[Group]:
    """One table's groups: the header, then a group per row with its continuation lines.

    When the first row has no category but later lines do, the categories are printed
    centred beside their groups (a merged cell): they are set aside and given to the rows
    around them (``centred_categories``).
    """
    name_col = next((k for k, r in enumerate(labels) if _role(r) == "name"), 0)
    cat_col = next((k for k, r in enumerate(labels) if _role(r) == "category"), None)
    groups: list[Group] = []
    centred: bool | None = None
    marks: list[tuple[int, str]] = []
    for n, rs in lines:
        if not rs:
            continue
        if n == header_line:
            groups.append(Group([Cell(r.text, n) for r in labels]))
            continue
        cells = [Cell("", n) for _ in labels]
        for r, col in zip(rs, align_runs(rs, labels), strict=True):
            cells[col] = Cell(join_wrapped(cells[col].text, r.text), n)
        if cat_col is not None and centred is None and n > header_line and cells[name_col].text:
            centred = not cells[cat_col].text  # decided on the first row with a name
        if centred and cat_col is not None and cells[cat_col].text:
            marks.append((n, cells[cat_col].text))
            cells[cat_col] = Cell("", n)
            if not any(c.text for c in cells):
                continue
        filled = [c for c in cells if c.text]
        if len(groups) == 1 and groups[0].cells[0].line == header_line and _header_rest(cells, name_col):
            groups[0] = _join_cells(groups[0], cells, n)  # a header label wrapped: '年均/' + '累计'
            continue
        if len(filled) < 2 and len(groups) > 1 and _continues(groups[-1], cells, name_col):
            groups[-1] = _join_cells(groups[-1], cells, n)
            continue
        groups.append(Group(cells))
    if centred and cat_col is not None and marks:
        centred_categories(groups[1:], [(float(n), text) for n, text in marks], cat_col)
    return groups


def _join_cells(group: Group, cells: list[Cell], n: int) -> Group:
    """The group with line ``n``'s cells appended to its cells, column by column."""
    out = list(group.cells)
    for k, c in enumerate(cells):
        if c.text and k < len(out):
            old = out[k]
            out[k] = Cell(join_wrapped(old.text, c.text), old.line, (*old.more_lines, n))
    return Group(out)


def _header_rest(cells: list[Cell], name_col: int) -> bool:
    """A line right under the header that finishes its labels: no name, no figure, short."""
    filled = [c.text for c in cells if c.text]
    return (
        bool(filled)
        and not cells[name_col].text
        and all(len(t) <= 6 and not any(ch.isdigit() for ch in t) and not C.is_attribute(t) for t in filled)
    )


def centred_categories(rows: list[Group], marks: list[tuple[float, str]], col: int) -> None:
    """Give each category printed centred beside its group (``marks``: line number and text)
    to the rows of that group (``read.grid.assign_centred``), in column ``col``."""
    lines = {text: int(pos) for pos, text in reversed(marks)}
    labels = assign_centred([_top(r) for r in rows], marks, 1.0)
    for row, label in zip(rows, labels, strict=True):
        if label:
            row.cells[col] = Cell(label, lines.get(label, row.cells[col].line))


def _top(row: Group) -> float:
    return float(min(c.line for c in row.cells))


def spaced_groups(doc: Document, start: int, end: int) -> tuple[list[Group], list[tuple[int, str]]]:
    """The block's groups of cells, table by table (the left table's rows, then the right's),
    and the text printed beside the table (a prose column), by line."""
    lines = [(n, runs(doc.line(n).text)) for n in range(start, end + 1)]
    found = _header_runs(lines)
    if found is None:
        return [Group([Cell(r.text, n) for r in rs]) for n, rs in lines if rs], []
    header_line, header = found
    while header and C.header_role(header[-1].text) is None and len(header[-1].text) >= PROSE_RUN_CHARS:
        header = header[:-1]  # text beside the table on the header's line
    groups: list[Group] = [Group([Cell(r.text, n) for r in rs]) for n, rs in lines if n < header_line and rs]
    sides = split_sides(header)
    beside: list[tuple[int, str]] = []
    if len(sides) == 1:
        limit = _prose_beside(lines, header)
        if limit is not None:
            sides = [(header, 0, limit)]
            for n, rs in lines:
                text = " ".join(r.text for r in rs if r.start > limit)
                if text and n >= header_line:
                    beside.append((n, text))
    for labels, lo, hi in sides:
        side = [(n, [r for r in rs if lo <= r.start <= hi]) for n, rs in lines if n >= header_line]
        groups.extend(side_groups(side, labels, header_line))
    return groups, beside


def _prose_beside(lines: list[tuple[int, list[Run]]], header: list[Run]) -> int | None:
    """The last offset of the table when a column of running text is printed to its right.

    Running text there means long Chinese runs starting past the header's last label on at
    least ``MIN_ROWS`` lines (a table's last column starts under its label).
    """
    limit = header[-1].start + SIDE_SLACK
    long_runs = sum(
        any(r.start > limit and len(r.text) >= PROSE_RUN_CHARS and C.has_cjk(r.text) for r in rs) for _, rs in lines
    )
    return limit if long_runs >= MIN_ROWS else None
