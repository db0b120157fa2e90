"""Assembling one table row from a group of cells, whatever the layout printed.

The header's column roles are known (``tables.read_header``); a row is read by locating its
name cell by content, taking row number, category and unit from the cells before it, and
aligning the cells after it to the columns after the header's name column: positionally when
the row is full, by content (``cell_score``) when cells are missing. Parent rows with sub-rows
(城镇就业 over 城镇新增就业人数 / 城镇登记失业率) share their units out in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plantargets.extract import cells as C
from plantargets.extract.align import monotone_match
from plantargets.extract.layouts import Cell, Group

# Roles whose cells go into TableRow.cells (the dataset layer parses them).
VALUE_ROLES = ("base", "target", "annual", "attribute", "scope", "actual")
# How many lines above a header to look for its caption: captions sit directly above,
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


@dataclass
class Builder:
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
    parent_lines: dict[tuple[str, str], int] = field(default_factory=dict)  # name-only rows

    def cover(self, cells: list[Cell]) -> None:
        for c in cells:
            self.covered.update((c.line, *c.more_lines))
            self.last_line = max(self.last_line, c.line, *c.more_lines)


def add_group(b: Builder, g: Group, stream: bool) -> None:
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


def _assemble(b: Builder, cells: list[Cell]) -> None:
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
            b.parent_lines[(row.seq, row.name)] = row.line
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


def _leading(b: Builder, cells: list[Cell], q: int, roles: list[str]) -> TableRow:
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


def _set_parent(b: Builder, seq: str, name: str, units: list[str]) -> None:
    b.parent = (seq, name, units)
    b.sub_units[(seq, name)] = units


def _open_parent(b: Builder, row: TableRow, sub: Cell) -> TableRow:
    """The row names a parent (城镇就业, units '万人次,%') and its first sub-row in one go."""
    _set_parent(b, row.seq, row.name, C.unit_list(row.unit) if row.unit else [])
    return TableRow(row.seq, row.category, C.compact_name(sub.text), "", {}, sub.line, "", parent=row.name)


def assign_sub_units(rows: list[TableRow], parents: dict[tuple[str, str], list[str]]) -> None:
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
    # the best total score is the least total of negated scores (negation is exact, ties unchanged)
    cost = [[-(cell_score(text, role) - 0.001 * j) for j, role in enumerate(roles)] for text in texts]
    out = [(roles[j], text) for j, text in zip(monotone_match(cost, r), texts, strict=True)]
    missing = set(roles) - {role for role, _ in out}
    if missing <= set(_OPTIONAL_ROLES):
        return out, ""
    return out, f"fewer cells than columns ({k} for {r}); aligned by content"
