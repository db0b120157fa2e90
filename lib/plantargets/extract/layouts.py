"""Cutting a document into table blocks and a block into groups of cells, whatever the export.

Text exports of Word/PDF tables come in a few shapes:

* ``pipe_rows``   one row per line, cells split by '|'; a line starting with '|' continues
                  the row above (a cell held a line break);
* ``markdown``    '| a | b |' rows with a '|---|---|' rule;
* ``pipe_stream`` one cell per line ending in ' |'; lines of only pipes separate rows;
* ``tab_stream``  one tab-indented cell per line, blank lines between rows, a line without
                  the tab continuing the cell above ('\\t经济' + '发展');
* ``tab_rows``    one row per line, cells split by tabs.

The layout is decided per block, so one document may mix them. A group is the unit the
row assembler reads: one row (pipe/tab rows) or the cells between two separators (streams).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plantargets.read.text import Document

# A bare line (no pipe, no tab) inside a table is a wrapped cell or a category printed on
# its own line ('社会 民生'): short. Longer bare text is prose and ends the block.
MAX_BARE_CELL = 12
# Precompiled: re.sub(<pattern text>, ...) looks the pattern up in re's cache on every call.
_WHITESPACE = re.compile(r"\s+")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


@dataclass
class Cell:
    """A cell as printed (normalised text) and the raw line it starts on."""

    text: str
    line: int
    more_lines: tuple[int, ...] = ()  # further lines a wrapped cell spans


@dataclass
class Group:
    """Cells read together: one row, or a run of stream cells between separators."""

    cells: list[Cell] = field(default_factory=list)


def line_kind(text: str) -> str:
    """'blank', 'sep' (only pipes), 'pipe', 'tabrow' (tabs between cells), 'tab' or 'bare'."""
    stripped = text.strip()
    if not stripped:
        return "tab" if text.startswith("\t") else "blank"
    if not stripped.strip("| "):
        return "sep"  # only pipes and spaces (strip is the same test as a set difference, without the set)
    if "|" in text:
        return "pipe"
    if "\t" in text.strip("\t "):
        return "tabrow"
    return "tab" if text.startswith("\t") else "bare"


def _short_bare(text: str) -> bool:
    c = _WHITESPACE.sub("", text)
    return 0 < len(c) <= MAX_BARE_CELL and "。" not in c


def find_blocks(doc: Document) -> list[tuple[int, int]]:
    """Line spans (first, last; 1-based) of runs of table-like lines.

    Blank lines and short bare lines stay inside a block when table lines follow them.
    """
    kinds = [line_kind(line.text) for line in doc.lines]
    n = len(kinds)
    blocks: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if kinds[i] not in ("pipe", "sep", "tab", "tabrow"):
            i += 1
            continue
        start = end = i
        j = i + 1
        while j < n:
            k = kinds[j]
            if k in ("pipe", "sep", "tab", "tabrow"):
                end = j
            elif k == "blank" or (k == "bare" and _short_bare(doc.lines[j].text)):
                nxt = j + 1
                while nxt < n and kinds[nxt] == "blank":
                    nxt += 1
                if (
                    nxt >= n
                    or kinds[nxt] not in ("pipe", "sep", "tab", "tabrow", "bare")
                    or (kinds[nxt] == "bare" and not _short_bare(doc.lines[nxt].text))
                ):
                    break
            else:
                break
            j += 1
        blocks.append((start + 1, end + 1))
        i = end + 1
    return blocks


def detect_layout(doc: Document, start: int, end: int) -> str:
    """The block's layout, from how many cells its lines hold."""
    texts = [doc.line(n).text for n in range(start, end + 1)]
    if any(_MD_RULE.match(t) for t in texts if "-" in t):
        return "markdown"
    multi = single = tabs = tabrows = 0
    for t in texts:
        kind = line_kind(t)
        if kind == "pipe":
            filled = [p for p in t.split("|") if p.strip()]
            multi += len(filled) >= 2
            single += len(filled) == 1
        tabs += kind == "tab"
        tabrows += kind == "tabrow"
    if tabs + tabrows > multi + single:
        return "tab_rows" if tabrows > tabs else "tab_stream"
    return "pipe_rows" if multi >= single else "pipe_stream"


def block_groups(doc: Document, start: int, end: int) -> tuple[str, list[Group]]:
    """The block's layout and its groups of cells, in order."""
    layout = detect_layout(doc, start, end)
    lines = [(n, doc.line(n).text) for n in range(start, end + 1)]
    if layout == "pipe_rows":
        return layout, _pipe_rows(lines)
    if layout == "markdown":
        return layout, _split_rows(lines, "|", outer=True)
    if layout == "tab_rows":
        return layout, _split_rows(lines, "\t", outer=False)
    return layout, _stream(lines)


def _pipe_rows(lines: list[tuple[int, str]]) -> list[Group]:
    """Rows split by '|'; a line starting with '|' continues the row above.

    The continuation's first piece joins the row's last piece: 'a | b |' + '| c |' reads as
    a, b, '', c — the empty cell between is the cell that held the line break.
    """
    groups: list[Group] = []
    cur: Group | None = None
    for n, text in lines:
        kind = line_kind(text)
        if kind == "blank":
            cur = None
            continue
        if kind in ("bare", "tab", "tabrow"):
            cur = Group([Cell(text.strip(), n)])
            groups.append(cur)
            continue
        pieces = text.split("|")
        if text.lstrip().startswith("|") and cur is not None:
            last = cur.cells[-1]
            joined = " ".join(p for p in (last.text.strip(), pieces[0].strip()) if p)
            cur.cells[-1] = Cell(joined, last.line if last.text.strip() else n, (*last.more_lines, n))
            cur.cells.extend(Cell(p.strip(), n) for p in pieces[1:])
        else:
            cur = Group([Cell(p.strip(), n) for p in pieces])
            groups.append(cur)
    for g in groups:
        while len(g.cells) > 1 and not g.cells[-1].text:
            g.cells.pop()
    return groups


def _split_rows(lines: list[tuple[int, str]], sep: str, outer: bool) -> list[Group]:
    """One row per line (markdown or tab-separated); rules and blank lines are skipped."""
    groups = []
    for n, text in lines:
        t = text.strip()
        if not t or (outer and _MD_RULE.match(t)) or line_kind(text) == "sep":
            continue
        if outer:
            t = t.removeprefix("|").removesuffix("|")
        groups.append(Group([Cell(p.strip(), n) for p in t.split(sep)]))
    return groups


def _stream(lines: list[tuple[int, str]]) -> list[Group]:
    """One cell per line; separators and blank lines end a group.

    A bare line continues the cell above when that cell has no terminating pipe (a tab
    cell wrapped by the export); otherwise it is a cell of its own.
    """
    groups: list[Group] = [Group()]
    open_cell = False
    for n, text in lines:
        kind = line_kind(text)
        if kind in ("blank", "sep"):
            if groups[-1].cells:
                groups.append(Group())
            open_cell = False
            continue
        cur = groups[-1]
        if kind == "bare" and open_cell and cur.cells:
            last = cur.cells[-1]
            cur.cells[-1] = Cell(f"{last.text} {text.strip()}".strip(), last.line, (*last.more_lines, n))
            continue
        if kind == "pipe":
            pieces = text.split("|")
            if not pieces[-1].strip():
                pieces = pieces[:-1]
            cur.cells.extend(Cell(p.strip(), n) for p in pieces if p.strip() or len(pieces) == 1)
            open_cell = not text.rstrip().endswith("|")
        else:
            parts = text.strip("\n").lstrip("\t").split("\t") if kind != "bare" else [text]
            cur.cells.extend(Cell(p.strip(), n) for p in parts)
            open_cell = kind == "tab"
    return [g for g in groups if g.cells]
