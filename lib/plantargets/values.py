"""The value grammar: one table cell or sentence value -> a structured Value.

(Interface fixed; implementation owned by the values work item.)
"""

from __future__ import annotations

from dataclasses import dataclass

QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range", "text", "missing")


@dataclass(frozen=True)
class Value:
    """A parsed cell.

    number:     the number as printed (lower bound for a range), None when there is none
    qualifier:  one of QUALIFIERS
    cumulative: marked as a five-year total ([..] or 〔..〕)
    text:       verbatim text for text targets and ranges ('' otherwise)
    unit:       a unit or rate attached to the value ('%', '‰', '/10万', '元', '张', '人', ...)
    upper:      upper bound of a range
    problem:    why a cell that looks numeric could not be read ('' when fine); the
                dataset reports such cells in quality.csv with their raw text
    raw:        the cell as given
    """

    number: float | None
    qualifier: str
    cumulative: bool = False
    text: str = ""
    unit: str = ""
    upper: float | None = None
    problem: str = ""
    raw: str = ""


def parse_value(cell: str) -> Value:
    """Parse one cell. Raises ValueGrammarError only for a non-str argument."""
    raise NotImplementedError
