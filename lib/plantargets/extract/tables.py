"""Finding indicator tables in a document and assembling their rows.

One mechanism serves every export layout: (1) cut the document into blocks of table-like
lines and turn each block into *groups* of cells (a pipe row with its continuation lines,
or the cells between separators/blank lines of a one-cell-per-line export); (2) find the
header by the meaning of its cells (``cells.header_role``); (3) assemble each group into a
row by locating the name cell and aligning the other cells to the header's columns by
content, so short, long, permuted and broken rows read the same way. Cells stay printed
text: ``dataset`` parses values.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from plantargets.extract import cells as C
from plantargets.extract.layouts import Cell, Group, block_groups, find_blocks
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
# Roles whose cells go into TableRow.cells (the dataset layer parses them).
VALUE_ROLES = ("base", "target", "annual", "attribute", "scope", "actual")
# How many lines above a header to look for its caption: captions sit directly above,
# sometimes with a unit line ('单位:亿元') in between.
TITLE_LOOKBACK = 3
# Lines made only of these are separators or markdown rules: layout, not content.
_RULE_CHARS = set("|-: \t")
# Columns a short row may lack without anything being lost.
_OPTIONAL_ROLES = ("category", "seq", "ignore")


@dataclass
class TableRow:
    """One indicator row, cells assigned to column roles, still as printed text."""

    seq: str  # row number as printed ('' if none)
    category: str  # carried down, whitespace removed
    name: str  # as printed, without leading number and trailing '(unit)'
    unit: str  # from the unit column or the name's parentheses
    cells: dict[str, str]  # role -> cell text for base / target / annual / attribute / scope
    line: int  # raw line number where the name appears
    raw: str  # the row's cells as printed joined with ' | '
    problems: list[str] = field(default_factory=list)  # e.g. 'fewer cells than columns'
    parent: str = ""  # for a sub-row (城镇新增就业人数): the parent name (城镇就业)


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


@dataclass
class Header:
    """A recognised header: the printed cells, their roles and the period they cover."""

    cells: list[Cell]
    roles: list[str]
    base_year: int | None
    target_year: int | None
    n_cells: int  # how many cells of its group the header used

    @property
    def name_index(self) -> int:
        return self.roles.index("name")

    def same_as(self, other: Header) -> bool:
        return [C.compact(c.text) for c in self.cells] == [C.compact(c.text) for c in other.cells]


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
        layout, groups = (kind, spaced_groups(doc, start, end)) if kind else block_groups(doc, start, end)
        tables.extend(_tables_in_block(doc, groups, layout, end, doc_plan))
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


@dataclass
class _Builder:
    """A table being read: its header, rows and what is carried from row to row."""

    header: Header
    title: str
    title_line: int | None
    layout: str
    rows: list[TableRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    covered: set[int] = field(default_factory=set)
    last_line: int = 0
    category: str = ""
    parent: tuple[str, str, list[str]] | None = None  # (seq, name, units) of a parent row
    sub_units: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def cover(self, cells: list[Cell]) -> None:
        for c in cells:
            self.covered.update((c.line, *c.more_lines))
            self.last_line = max(self.last_line, c.line, *c.more_lines)


def _tables_in_block(doc: Document, groups: list[Group], layout: str, block_end: int, plan: int | None) -> list[Table]:
    stream = layout in ("pipe_stream", "tab_stream")
    out: list[Table] = []
    cur: _Builder | None = None
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
                _add_group(cur, Group(rest), stream)
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
            _add_group(cur, g, stream)
    if cur is not None:
        out.append(_finish(doc, cur, block_end))
    return out


def _start(doc: Document, header: Header, layout: str, floor: int) -> _Builder:
    title, title_line = find_title(doc, header.cells[0].line, floor)
    b = _Builder(header, title, title_line, layout)
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


def _finish(doc: Document, b: _Builder, block_end: int | None = None) -> Table:
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
    _assign_sub_units(b.rows, b.sub_units)
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


def _trailing_notes(doc: Document, b: _Builder, block_end: int) -> int:
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


# --------------------------------------------------------------------------- rows


def _add_group(b: _Builder, g: Group, stream: bool) -> None:
    parts = split_stream_group(g.cells, b.header) if stream else [g.cells]
    for part in parts:
        _assemble(b, part)


def split_stream_group(cells: list[Cell], header: Header) -> list[list[Cell]]:
    """Cut a run of one-per-line cells into rows when no separator line did.

    A new row starts at a numbered name ('2.全员劳动生产率增长率') once the current row
    has a name and a value, or after an attribute cell when 属性 is the last column.
    """
    attribute_last = header.roles[-1] == "attribute"
    rows: list[list[Cell]] = [[]]
    for c in cells:
        cur = rows[-1]
        numbered = bool(C.split_seq(c.text)[0]) and C.is_name(c.text)
        has_value = any(C.is_value(x.text) or C.is_attribute(x.text) for x in cur[1:])
        after_attribute = bool(cur) and attribute_last and C.is_attribute(cur[-1].text)
        if cur and ((numbered and has_value) or after_attribute):
            rows.append([])
        rows[-1].append(c)
    return [r for r in rows if r]


def _assemble(b: _Builder, cells: list[Cell]) -> None:
    """Turn one group of cells into a row, a category line, a note or an unparsed line."""
    while cells and not cells[-1].text.strip():
        cells = cells[:-1]
    texts = [c.text.strip() for c in cells]
    filled = [t for t in texts if t]
    if not filled:
        b.cover(cells)
        return
    if len(filled) == 1 and C.is_category(filled[0]):
        b.category = C.compact(filled[0])  # a category printed on its own line
        b.cover(cells)
        return
    h = b.header
    q = locate_name(texts, h.roles)
    if q is None or _is_text_row(texts, q):
        if any(C.is_sentence(t) for t in texts):
            b.notes.append(" | ".join(filled))
            b.cover(cells)
        return
    p = h.name_index
    row = _leading(b, cells, q, h.roles)
    tail = cells[q + 1 :]
    if (
        row.parent == ""
        and len(tail) > len(h.roles) - p - 1
        and tail
        and C.is_name(tail[0].text)
        and not C.is_value(tail[0].text)
    ):
        row = _open_parent(b, row, tail[0])  # '7.城镇就业(万人次,%) | 城镇新增就业人数 | …'
        tail = tail[1:]
    roles = h.roles[p + 1 :]
    assigned, problem = align_tail([c.text.strip() for c in tail], roles)
    if problem:
        row.problems.append(problem)
    for role, text in assigned:
        if role == "unit":
            row.unit = C.compact(text) or row.unit
        elif role in VALUE_ROLES and text and not row.cells.get(role):
            row.cells[role] = text
        elif role == "seq" and text:
            row.seq = row.seq or text.rstrip(".、")
        elif role == "category" and text:
            b.category = C.compact(text)
            row.category = b.category
    row.raw = " | ".join(texts)
    b.cover(cells)
    has_data = bool(row.unit or any(v for v in row.cells.values()))
    if not has_data and not row.parent:
        if C.is_sentence(row.name):
            b.notes.append(" | ".join(filled))
        else:
            _set_parent(b, row.seq, row.name, C.unit_list(_paren(texts[q])))  # a name-only parent
        return
    b.rows.append(row)


def _is_text_row(texts: list[str], q: int) -> bool:
    """A summary printed inside the table ('总述 | 指标体系预计由四大类别组成…。'), not an indicator.

    Indicator rows hold short cells; a row with running text and no row number is prose.
    """
    numbered = bool(C.split_seq(texts[q])[0]) or any(C.is_seq_cell(t) for t in texts[:q])
    return not numbered and any(C.is_sentence(t) for t in texts)


def _paren(text: str) -> str:
    return C.split_unit(C.compact_name(text))[1]


def locate_name(texts: list[str], roles: list[str]) -> int | None:
    """Index of the name cell in a row.

    Before the name only row numbers, empty cells and short category text may stand (the
    category may be missing, printed once per group, or printed after the number). Among
    the candidates the best is the numbered one whose following cells fit the columns
    after the header's name column and whose remaining cell count matches.
    """
    p = roles.index("name")
    expected_tail = len(roles) - p - 1
    best: tuple[float, int] | None = None
    for q, t in enumerate(texts):
        if C.is_name(t):
            score = 3.0 if C.split_seq(t)[0] else 0.0
            score -= abs(len(texts) - q - 1 - expected_tail)
            if q + 1 < len(texts) and p + 1 < len(roles):
                score += min(cell_score(texts[q + 1], roles[p + 1]), 2.0)
            score -= 0.5 * abs(q - p)
            if best is None or score > best[0]:
                best = (score, q)
        leading = not t or C.is_seq_cell(t) or C.is_category(t)
        if not leading and (best is not None or C.is_name(t)):
            break
    return best[1] if best else None


def _leading(b: _Builder, cells: list[Cell], q: int, roles: list[str]) -> TableRow:
    """Row number, category and name from the cells up to the name; detects sub-rows.

    When the cells before the name match the header's columns one to one they are read
    by position (a permuted header: '属性 | 指标名称 | …'); otherwise by content, since the
    category may be missing (printed once per group) or added (no category column).
    """
    p = roles.index("name")
    texts = [c.text.strip() for c in cells]
    name_seq, rest = C.split_seq(texts[q])
    name, paren_unit = C.split_unit(C.compact_name(rest))
    row = TableRow(name_seq, b.category, name, paren_unit, {}, cells[q].line, "")
    for i, t in enumerate(texts[:q]):
        role = roles[i] if q == p else _leading_role(t)
        if not t:
            continue
        if role == "seq" and C.is_seq_cell(t):
            row.seq = t.strip("().、．")
        elif role == "category":
            b.category = row.category = C.compact(t)
        elif role == "unit":
            row.unit = C.compact(t)
        elif role in VALUE_ROLES:
            row.cells[role] = t
    name_slot_empty = q > p and p < len(texts) and not texts[p]
    if name_slot_empty and b.parent is not None and not row.seq:
        row.seq, row.parent, _ = b.parent  # a sub-row: '| | 城镇登记失业率 | …'
    elif row.seq:
        b.parent = None
    return row


def _leading_role(text: str) -> str:
    """The role of a cell before the name, by content alone."""
    if C.is_seq_cell(text):
        return "seq"
    if C.is_attribute(text):
        return "attribute"
    if C.is_unit(text):
        return "unit"
    return "category" if C.is_category(text) else "ignore"


def _set_parent(b: _Builder, seq: str, name: str, units: list[str]) -> None:
    b.parent = (seq, name, units)
    b.sub_units[(seq, name)] = units


def _open_parent(b: _Builder, row: TableRow, sub: Cell) -> TableRow:
    """The row names a parent (城镇就业, units '万人次,%') and its first sub-row in one go."""
    _set_parent(b, row.seq, row.name, C.unit_list(row.unit) if row.unit else [])
    return TableRow(row.seq, row.category, C.compact_name(sub.text), "", {}, sub.line, "", parent=row.name)


def _assign_sub_units(rows: list[TableRow], parents: dict[tuple[str, str], list[str]]) -> None:
    """Sub-rows take the parent's units in order ('万人次,%': first 万人次, then %).

    When the number of sub-rows and units differ, each sub-row without its own unit gets
    the parent's whole unit text and a problem saying why.
    """
    groups: dict[tuple[str, str], list[TableRow]] = {}
    for r in rows:
        if r.parent:
            groups.setdefault((r.seq, r.parent), []).append(r)
    for key, members in groups.items():
        units = parents.get(key, [])
        for i, r in enumerate(members):
            if r.unit:
                continue
            if len(units) == len(members):
                r.unit = units[i]
            elif units:
                r.unit = ",".join(units)
                r.problems.append(f"{len(members)} sub-rows for {len(units)} units in the parent name")


def cell_score(text: str, role: str) -> float:
    """How well a printed cell fits a column role (higher is better, negative is wrong)."""
    t = C.compact(text)
    if role == "attribute":
        return 5.0 if C.is_attribute(t) else (0.2 if not t else -5.0)
    if C.is_attribute(t):
        return -5.0
    if not t:
        return 0.3
    if role == "unit":
        return 3.0 if C.is_unit(t) else (0.0 if C.is_dash(t) else -2.0)
    if role == "ignore":
        return 3.0 if C.is_org(t) else 0.0
    if C.is_org(t):
        return -2.0
    if role == "scope":
        return -0.5 if C.is_value(t) else 1.5
    if role in ("base", "target", "annual", "actual"):
        if C.is_target_text(t) and not any(ch.isdigit() for ch in t):
            return {"base": -1.0, "target": 2.0, "annual": 1.5}.get(role, 0.5)
        return -1.0 if C.is_unit(t) else (1.0 if C.is_value(t) else 0.0)
    if role == "seq":
        return 2.0 if C.is_seq_cell(t) else -1.0
    if role == "category":
        return 1.0 if C.is_category(t) else -1.0
    return -1.0


def align_tail(texts: list[str], roles: list[str]) -> tuple[list[tuple[str, str]], str]:
    """Assign the cells after the name to the columns after the name column.

    A full row is positional. A short row keeps its order but each cell goes where its
    content fits (attribute to 属性, a department to the department column, a worded
    commitment to the target rather than the base, other cells left to right): a best
    monotone alignment by ``cell_score``, ties going to the leftmost column.
    """
    k, r = len(texts), len(roles)
    if k >= r:
        problem = f"more cells than columns ({k} for {r})" if k > r else ""
        return list(zip(roles, texts, strict=False)), problem
    neg = float("-inf")
    # best[i][j]: best score placing texts[i:] into roles[j:]
    best = [[neg] * (r + 1) for _ in range(k + 1)]
    for j in range(r + 1):
        best[k][j] = 0.0
    for i in range(k - 1, -1, -1):
        for j in range(r - 1, -1, -1):
            take = cell_score(texts[i], roles[j]) - 0.001 * j + best[i + 1][j + 1]
            best[i][j] = max(take, best[i][j + 1])
    out, j = [], 0
    for i in range(k):
        while best[i][j] != cell_score(texts[i], roles[j]) - 0.001 * j + best[i + 1][j + 1]:
            j += 1
        out.append((roles[j], texts[i]))
        j += 1
    missing = set(roles) - {role for role, _ in out}
    if missing <= set(_OPTIONAL_ROLES):
        return out, ""
    return out, f"fewer cells than columns ({k} for {r}); aligned by content"


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
