"""The build-time invariant: nothing a table holds disappears between the reader and the outputs.

Every line inside a table the detector found must reach the outputs: as an indicator row
(with its raw text), as an ``unparsed_line`` finding, or as the title, header, notes or a
category of the table. A line whose printed cells are in none of those was dropped by the
table reader (issue 16, case 1: a row name longer than 40 characters); it is checked for on
every build, not only in a test, and kept in quality.csv as an ``unaccounted_line`` warning with
its raw text, so the number is never silently lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from plantargets.extract.cells import is_note
from plantargets.extract.tables import Table
from plantargets.read.text import Document, compact

_CELL_SPLIT = re.compile(r"[|\t]")
# Cells made only of these are table rules (| --- | :-: |), not content.
_RULE_CHARS = frozenset("-:")


def _kept_text(table: Table) -> str:
    """Everything the table kept, compacted, to look each printed cell up in.

    Notes are not written to any output; only a real ``注:`` note counts as kept (a row the
    reader filed under notes because it looked like a sentence would otherwise vanish).
    """
    parts = [table.title, *table.columns, *(n for n in table.notes if is_note(n))]
    parts += [r.raw + r.category + r.parent + r.name + r.unit for r in table.rows]
    return compact("".join(parts))


def unaccounted_lines(doc: Document, tables: Iterable[Table]) -> list[tuple[Table, int, str]]:
    """(table, line, raw text) of each table line with a printed cell found nowhere in what it kept.

    Lines the table recorded as unparsed are accounted for by their finding.
    """
    lost: list[tuple[Table, int, str]] = []
    for table in tables:
        kept = _kept_text(table)
        skip = {lineno for lineno, _ in table.unparsed}
        for n in range(table.line, table.end_line + 1):
            if n in skip:
                continue
            text = doc.line(n).text
            for piece in _CELL_SPLIT.split(text):
                c = compact(piece)
                if c and set(c) - _RULE_CHARS and c not in kept:
                    lost.append((table, n, text))
                    break
    return lost
