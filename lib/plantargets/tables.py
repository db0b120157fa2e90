"""Finding indicator tables in a document and assembling their rows.

(Interface fixed; implementation owned by the tables work item.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .textnorm import Document

# Column roles recognised from header meaning.
ROLES = ("category", "seq", "name", "subname", "unit", "base", "target", "annual", "attribute",
         "scope", "ignore")


@dataclass
class TableRow:
    """One indicator row, cells assigned to column roles, still as printed text."""

    seq: str                     # row number as printed ('' if none)
    category: str                # carried down, whitespace removed
    name: str                    # as printed, without leading number and trailing '(unit)'
    unit: str                    # from the unit column or the name's parentheses
    cells: dict[str, str]        # role -> cell text for base / target / annual / attribute / scope
    line: int                    # raw line number where the name appears
    raw: str                     # the row's cells as printed joined with ' | '
    problems: list[str] = field(default_factory=list)  # e.g. 'fewer cells than columns'


@dataclass
class Table:
    """An indicator table found in a document."""

    table: str                   # fyp14_main / fyp13_review / other:<title>
    title: str                   # title as printed ('' if none)
    line: int                    # raw line of the title (or header)
    end_line: int
    columns: list[str]           # header cells as printed
    roles: list[str]             # role for each column
    base_year: int | None
    target_year: int | None
    rows: list[TableRow]
    notes: list[str] = field(default_factory=list)     # 注: lines (e.g. 标[]为五年累计数)
    unparsed: list[tuple[int, str]] = field(default_factory=list)  # (line, raw) kept, not dropped


def find_tables(doc: Document, plan: int | None = None) -> list[Table]:
    """Every indicator table of the document, in document order.

    ``plan`` is the plan number the document belongs to (14 for a 14th-plan outline), used
    only when the headers and text do not say which period a table covers.
    """
    raise NotImplementedError
