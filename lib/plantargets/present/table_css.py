"""CSS classes of a displayed table's cells: how report.css aligns, wraps and, on a narrow page, hides them.

A report is read on a laptop (1400 px) and on a narrow window or tablet (800 px). Wide tables
fit the narrow page by wrapping words (report.css); the few columns a reader can do without
there (the administrative level beside a region's name, a row's number in its table) are
hidden below ``NARROW_PAGE`` pixels rather than pushing the table sideways.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from plantargets.present.sources import is_source_column

# Columns hidden on a narrow page: what they say is also in a neighbouring column or the
# caption, or is a detail beside the finding (the table a row was found in, beside its
# file:line; how many targets a median compares; the
# five-year-total mark, also stated by the 〔…〕 of the printed value).
LOW_VALUE_COLUMNS = frozenset(
    {
        "level",
        "seq",
        "category",
        "table",
        "parent_relation",
        "cumulative",
        "n_national",
        "n_parent",
        "n_peers",
        "n_past",
    }
)
# Hidden header cells read this variable; report.css sets it to 'none' on a narrow page.
NARROW_HIDE = "var(--pt-narrow-hide, table-cell)"


def label_columns(d: pd.DataFrame, numeric: set[str]) -> list[str]:
    """The columns that label a row: neither numbers nor a ``file:line`` source."""
    return [str(c) for c in d.columns if str(c) not in numeric and not is_source_column(c)]


def narrow_hidden(d: pd.DataFrame, numeric: set[str]) -> set[str]:
    """The columns hidden on a narrow page: the low-value ones, unless the other labels would no
    longer tell the rows apart (the hierarchy report's table by level has no other text column;
    the wording report's table by level and period repeats each period once per level), so the
    label stays. The one rule both the cells and the headers follow."""
    labels = label_columns(d, numeric)
    low = {c for c in map(str, d.columns) if c in LOW_VALUE_COLUMNS}
    kept = [c for c in d.columns if str(c) in labels and str(c) not in low]
    if kept and not d[kept].astype(str).duplicated().any():
        return low
    return low - set(labels)


def cell_classes(d: pd.DataFrame, numeric: set[str]) -> pd.DataFrame:
    """CSS class per cell: ``pt-num`` (numbers, never wrapped), ``pt-src`` (file:line, never
    wrapped on a wide page), ``pt-text`` (text, left-aligned; ``pt-long`` when wider than 12
    characters, so its column never narrows to a character a line); ``pt-low`` marks a column
    hidden on a narrow page (:func:`narrow_hidden`). report.css styles them."""
    hidden = narrow_hidden(d, numeric)

    def kind(col: object) -> str:
        if str(col) in numeric:
            out = "pt-num"
        elif is_source_column(col):
            out = "pt-src"
        else:
            lengths = d[col].astype(str).str.len()
            out = "pt-text pt-long" if len(lengths) and lengths.max() > 12 else "pt-text"
        return out + (" pt-low" if str(col) in hidden else "")

    return pd.DataFrame({c: [kind(c)] * len(d) for c in d.columns}, index=d.index)


def narrow_hidden_headers(columns: Iterable[object], hidden: set[str]) -> list[dict[str, str]]:
    """Styler table styles hiding the headers of the ``hidden`` columns (:func:`narrow_hidden`) on a
    narrow page (the cells carry ``pt-low``; a header cell gets no class of its own, so it is
    picked by position)."""
    return [
        {"selector": f"th.col{i}", "props": f"display: {NARROW_HIDE};"}
        for i, col in enumerate(columns)
        if str(col) in hidden
    ]
