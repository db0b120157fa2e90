"""Finding indicator tables in a document and assembling their rows.

One mechanism serves every export layout: (1) cut the document into blocks of table-like
lines and turn each block into *groups* of cells (a pipe row with its continuation lines,
or the cells between separators/blank lines of a one-cell-per-line export); (2) find the
header by the meaning of its cells (``cells.header_role``); (3) assemble each group into a
row by locating the name cell and aligning the other cells to the header's columns by
content, so short, long, permuted and broken rows read the same way. Cells stay printed
text: ``dataset`` parses values. Step (3) is ``rows``; space-aligned text is ``spaced``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from plantargets.extract import cells as C
from plantargets.extract.layouts import Group, block_groups, find_blocks
from plantargets.extract.rows import (
    VALUE_ROLES,
    Builder,
    Header,
    TableRow,
    add_group,
    align_tail,
    assign_sub_units,
    cell_score,
    locate_name,
    split_stream_group,
)
from plantargets.extract.spaced import find_spaced_blocks, spaced_groups
from plantargets.read.text import Document
from plantargets.vocab.periods import plan_mentions, plan_number, plan_years

# Column roles recognised from header meaning ('actual' = a 'YYYY年实际完成' column).
ROLES = (
    "category",
    "seq",
    "name",
    "subname",
    "unit",
    "base",
    "target",
    "annual",
    "attribute",
    "scope",
    "actual",
    "ignore",
)
# sometimes with a unit line ('单位:亿元') in between.
TITLE_LOOKBACK = 3
# Lines made only of these are separators or markdown rules: layout, not content.
_RULE_CHARS = set("|-: \t")


@dataclass
class Table:
    """An indicator table found in a document."""

    table: str  # fyp14_main / fyp13_review / other:<title>
    title: str  # title as printed ('' if none)
    line: int  # raw line of the title (or header)
    end_line: int
    columns: list[str]  # header cells as printed
    roles: list[str]  # role for each column
    base_year: int | None
    target_year: int | None
    rows: list[TableRow]
    notes: list[str] = field(default_factory=list)  # 注: lines (e.g. 标[]为五年累计数)
    unparsed: list[tuple[int, str]] = field(default_factory=list)  # (line, raw) kept, not dropped
    layout: str = ""  # pipe_rows / pipe_stream / tab_stream / tab_rows / markdown


def find_tables(doc: Document, plan: int | None = None) -> list[Table]:
    """Every indicator table of the document, in document order.

    ``plan`` is the plan number the document belongs to (14 for a 14th-plan outline), used
    only when the headers and text do not say which period a table covers.
    """
    doc_plan = plan or _document_plan(doc)
    tables: list[Table] = []
    blocks = [(start, end, "") for start, end in find_blocks(doc)]
    taken = {n for start, end, _ in blocks for n in range(start, end + 1)}
    blocks += [(start, end, "spaced") for start, end in find_spaced_blocks(doc, taken)]
    for start, end, kind in sorted(blocks):
        beside: list[tuple[int, str]] = []
        if kind:
            layout, (groups, beside) = kind, spaced_groups(doc, start, end)
        else:
            layout, groups = block_groups(doc, start, end)
        found = _tables_in_block(doc, groups, layout, end, doc_plan)
        for n, text in beside:  # text printed beside a table: kept with the table it shares lines with
            owner = next((t for t in found if t.line <= n <= t.end_line), None)
            if owner is not None:
                owner.notes.append(text)
        tables.extend(found)
    _name_tables(tables, doc_plan)
    return tables


# --------------------------------------------------------------------------- headers


def read_header(group: Group, stream: bool, plan: int | None) -> Header | None:
    """The header at the start of a group, or None.

    A header needs a name column and a column that holds values (a year, a target, an
    annual rate or the attribute): project boxes and prose never have both. In a
    one-row-per-line layout the whole group is the header (unknown cells become 'ignore');
    in a stream layout the header is the leading run of header words.
    """
    found = [(c, C.header_role(c.text)) for c in group.cells]
    if stream:
        run = 0
        while run < len(found) and (found[run][1] is not None):
            run += 1
        found = found[:run]
    else:
        while found and not found[-1][0].text.strip():
            found.pop()
    known = [h for _, h in found if h is not None]
    if len(known) < 2 or len(known) < 0.6 * len(found):
        return None
    kinds = {h.role for h in known}
    if "name" not in kinds or not kinds & {"year", "target", "annual", "attribute"}:
        return None
    roles, base, target = _column_roles([h for _, h in found], plan)
    return Header([c for c, _ in found], roles, base, target, len(found))


def _column_roles(found: list[C.HeaderCell | None], plan: int | None) -> tuple[list[str], int | None, int | None]:
    """Roles per column plus base and target years.

    The earliest year is the base; the target is the year five years later when printed
    (a plan period), else the latest year. Further years (a 2035 vision column) are kept
    as 'ignore'. A repeated unit column is the responsible department's, not a unit.
    """
    years = sorted({h.year for h in found if h and h.role == "year" and h.year})
    generic_target = any(h and h.role == "target" for h in found)
    base: int | None = None
    target: int | None = None
    if len(years) == 1:
        base, target = (years[0], None) if generic_target else (None, years[0])
    elif years:
        base = years[0]
        target = base + 5 if base + 5 in years else years[-1]
    roles: list[str] = []
    for h in found:
        if h is None:
            roles.append("ignore")
        elif h.role == "year":
            roles.append("base" if h.year == base else "target" if h.year == target else "ignore")
        elif h.role == "target":
            roles.append("target" if "target" not in roles else "ignore")
            target = target or h.year or (base + 5 if base else None) or (plan_years(plan)[1] if plan else None)
        elif h.role in roles and h.role in ("unit", "name", "seq", "category", "attribute"):
            roles.append("ignore")
        else:
            roles.append(h.role)
    return roles, base, target


# --------------------------------------------------------------------------- tables in a block


def _tables_in_block(doc: Document, groups: list[Group], layout: str, block_end: int, plan: int | None) -> list[Table]:
    stream = layout in ("pipe_stream", "tab_stream")
    out: list[Table] = []
    cur: Builder | None = None
    for g in groups:
        header = read_header(g, stream, plan)
        if header is not None:
            if cur is not None and header.same_as(cur.header):
                cur.cover(header.cells)  # a header repeated on a new page
            else:
                if cur is not None:
                    out.append(_finish(doc, cur))
                cur = _start(doc, header, layout, floor=out[-1].end_line if out else 0)
            rest = g.cells[header.n_cells :]
            if rest:
                add_group(cur, Group(rest), stream)
            continue
        if cur is None:
            continue
        text = " ".join(c.text.strip() for c in g.cells if c.text.strip())
        single = len([c for c in g.cells if c.text.strip()]) == 1
        if single and (C.is_title(text) or (C.is_sentence(text) and not C.is_note(text))):
            out.append(_finish(doc, cur))  # a caption or prose: the table is over
            cur = None
        elif C.is_note(text):
            cur.notes.append(text)
            cur.cover(g.cells)
        else:
            add_group(cur, g, stream)
    if cur is not None:
        out.append(_finish(doc, cur, block_end))
    return out


def _start(doc: Document, header: Header, layout: str, floor: int) -> Builder:
    title, title_line = find_title(doc, header.cells[0].line, floor)
    b = Builder(header, title, title_line, layout)
    b.cover(header.cells)
    if title_line is not None:
        b.covered.add(title_line)
    return b


def find_title(doc: Document, header_line: int, floor: int = 0) -> tuple[str, int | None]:
    """The caption printed just above a header ('专栏2 …主要指标'), pipes and tabs stripped.

    Only a few lines are searched and the search stops at prose, so a table without a
    caption (the text above is a paragraph) gets '' rather than a distant heading.
    """
    seen = 0
    for n in range(header_line - 1, floor, -1):
        text = doc.line(n).text.replace("|", " ").strip()
        if not text:
            continue
        if C.is_title(text):
            return re.sub(r"\s{2,}", " ", text), n
        seen += 1
        if seen >= TITLE_LOOKBACK or C.is_sentence(text):
            break
    return "", None


def _finish(doc: Document, b: Builder, block_end: int | None = None) -> Table:
    """Close a table: collect trailing notes, the span, and every line not understood."""
    start = b.title_line or b.header.cells[0].line
    if block_end is not None:
        b.last_line = max(b.last_line, _trailing_notes(doc, b, block_end))
    end = max(b.last_line, start)
    unparsed = []
    for n in range(start, end + 1):
        text = doc.line(n).text
        if n not in b.covered and set(text.strip()) - _RULE_CHARS:
            unparsed.append((n, doc.line(n).raw))
    # A name-only row is a parent when sub-rows follow; one without any is a row with no values.
    children = {(r.seq, r.parent) for r in b.rows if r.parent}
    unparsed += [(n, doc.line(n).raw) for key, n in b.parent_lines.items() if key not in children]
    unparsed.sort()
    assign_sub_units(b.rows, b.sub_units)
    h = b.header
    return Table(
        "",
        b.title,
        start,
        end,
        [c.text.strip() for c in h.cells],
        h.roles,
        h.base_year,
        h.target_year,
        b.rows,
        b.notes,
        unparsed,
        b.layout,
    )


def _trailing_notes(doc: Document, b: Builder, block_end: int) -> int:
    """A '注:' paragraph printed right after the table's last line belongs to the table."""
    last = b.last_line
    for n in range(block_end + 1, min(block_end + 4, len(doc.lines) + 1)):
        text = doc.line(n).text.strip()
        if not text:
            continue
        if not C.is_note(text):
            break
        b.notes.append(text.strip("|").strip())
        b.covered.add(n)
        last = n
    return last


# --------------------------------------------------------------------------- naming


def _document_plan(doc: Document) -> int | None:
    """The plan a document belongs to: the plan it mentions most (十四五 in a 14th-plan outline)."""
    counts = Counter(n for line in doc.lines for n in plan_mentions(line.text))
    if not counts:
        return None
    top = max(counts.values())
    return max(n for n, c in counts.items() if c == top)


def _name_tables(tables: list[Table], doc_plan: int | None) -> None:
    """Set Table.table: fyp<N>_main, fyp<N>_review or other:<title>.

    A table covering a five-year plan period (target = base + 5 = a plan's last year) is
    a review when its caption says 完成情况/执行情况 or its plan precedes the document's,
    otherwise a main-table candidate; the document's main table is the first candidate
    of its plan (a later one, e.g. a sector box, is other:<title>).
    """
    taken: set[str] = set()
    for t in tables:
        kind = _period_kind(t, doc_plan)
        if kind is None or kind in taken:
            t.table = "other:" + (t.title or f"line {t.line}")
        else:
            t.table = kind
            taken.add(kind)


def _period_kind(t: Table, doc_plan: int | None) -> str | None:
    if t.base_year is None or t.target_year is None or t.target_year - t.base_year != 5:
        return None
    n = plan_number(t.target_year)
    if plan_years(n)[1] != t.target_year:
        return None
    if C.REVIEW_WORDS.search(t.title) or (doc_plan is not None and n < doc_plan):
        return f"fyp{n}_review"
    mentioned = plan_mentions(t.title)
    if mentioned and mentioned[0] != n:
        return None
    return f"fyp{n}_main"


__all__ = [
    "ROLES",
    "VALUE_ROLES",
    "Header",
    "Table",
    "TableRow",
    "align_tail",
    "cell_score",
    "find_tables",
    "find_title",
    "locate_name",
    "read_header",
    "split_stream_group",
]
