"""Reading the cells of a dataset row for the consistency checks, and writing their findings.

Rows come from DataFrames read back from CSV or built in memory, so a cell may be a number,
a numeric string, NaN or None; these readers turn each into one plain type. ``run_checks``
converts the indicators table to row dicts once and shares them (``shared_records``).
"""

from __future__ import annotations

import contextlib
import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from pandas.api.extensions import ExtensionDtype
from pandas.core.dtypes.cast import maybe_box_native

from plantargets.vocab.columns import LEVEL_COLUMNS, QUALITY_COLUMNS, as_bool
from plantargets.vocab.comparability import TOTAL_BRACKET_RE
from plantargets.vocab.findings import Finding, Wording, finding, worded
from plantargets.vocab.units import MONEY_UNIT, PREFIX_SCALES
from plantargets.vocab.words import SHARE_MARKERS, is_change_name

# Precompiled: re.sub(<pattern text>, ...) looks the pattern up in re's cache on every call.
_WHITESPACE = re.compile(r"\s+")


def as_number(value: Any) -> float | None:
    """A finite float, or None for NaN / None / text that is not a number."""
    if type(value) is float:  # most cells of a row record (the checks ask for 160,000 a corpus): no pd.isna
        return value if math.isfinite(value) else None
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def as_int(value: Any) -> int | None:
    number = as_number(value)
    return int(number) if number is not None else None


def cell_text(value: Any) -> str:
    """A cell as text: '' for None or NaN. A str is returned as it is (what ``str`` would give), without pd.isna."""
    if type(value) is str:
        return value
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def unit_text(value: Any) -> str:
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", cell_text(value)))


def fmt_number(x: float) -> str:
    """A printed number as a person would write it: 929, 12.66, 0.068."""
    return f"{x:.10g}"


def is_share_or_rate(name: str, unit: str) -> bool:
    """A share or rate in % or ‰: bounded, and its annual change may be given in points."""
    unit = unit_text(unit)
    return unit in ("%", "‰") and any(m in name for m in SHARE_MARKERS) and not is_change_name(name)


def is_money(unit: str) -> bool:
    return MONEY_UNIT in unit_text(unit)


def unit_scale(unit: str) -> tuple[float, str]:
    """(multiplier, base unit): '亿元' → (1e8, '元'), '%' → (1, '%')."""
    u = unit_text(unit)
    for prefix, factor in PREFIX_SCALES:
        if u.startswith(prefix) and len(u) > 1:
            return factor, u[len(prefix) :]
    return 1.0, u


def decimals_of(x: float) -> int:
    text = fmt_number(abs(x))
    return len(text.split(".")[1]) if "." in text and "e" not in text else 0


def row_finding(row: dict[str, Any], check: str, severity: str, said: str | Wording, **override: Any) -> Finding:
    """A finding about one indicator row (its file, line, table, name and raw text), worded by
    ``said``; ``override`` replaces columns of the finding (another row's place)."""
    wording = worded(said)
    out = finding(
        cell_text(row.get("source_file")),
        cell_text(row.get("doc_id")),
        as_int(row.get("line")),
        check,
        wording.message,
        cell_text(row.get("raw")),
        severity,
        table=cell_text(row.get("table")),
        name=cell_text(row.get("name")),
        indicator=cell_text(row.get("indicator")),
        code=wording.code,
        params=wording.params,
    )
    out.update(override)
    return out


def findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """Findings as a frame of QUALITY_COLUMNS: ``line`` nullable integer, the rest text."""
    rows = list(findings)
    if not rows:
        # Most checks find nothing in most chunks of documents: a copy of one empty frame
        # instead of building and typing one (about 2 ms each, 13 checks per chunk).
        return _empty_findings().copy()
    return _typed_findings(pd.DataFrame(rows, columns=QUALITY_COLUMNS))


@functools.cache
def _empty_findings() -> pd.DataFrame:
    return _typed_findings(pd.DataFrame([], columns=QUALITY_COLUMNS))


def _typed_findings(frame: pd.DataFrame) -> pd.DataFrame:
    frame["line"] = frame["line"].astype("Int64")
    for column in QUALITY_COLUMNS:
        if column != "line":
            frame[column] = frame[column].astype(str)
    return frame


def row_records(df: pd.DataFrame, required: Iterable[str], who: str) -> list[dict[str, Any]]:
    if df.empty and len(df.columns) == 0:
        return []  # "nothing extracted" may arrive as a bare DataFrame()
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise ValueError(
            f"{who} needs column(s) {missing}; got {list(df.columns)} "
            "(is this the indicators table of docs/DATA_CONTRACT.md?)"
        )
    shared = SHARED_RECORDS.get()
    if shared is not None and shared[0] is df:
        return list(shared[1])  # run_checks converted this very frame once for all checks
    return frame_records(df)


# run_checks hands every check the same indicators frame: it is converted to records once
# instead of once per check (DataFrame.to_dict was most of the checks' time on 50 documents,
# see benchmarks/RESULTS.md). Checks only read the row dicts, so sharing them is safe.
SHARED_RECORDS: ContextVar[tuple[pd.DataFrame, list[dict[str, Any]]] | None] = ContextVar(
    "plantargets_checks_shared_records", default=None
)


ROW_COLUMNS = ("source_file", "doc_id", "table", "name", "unit", "line", "raw")
VALUE_COLUMNS = (
    *ROW_COLUMNS,
    *LEVEL_COLUMNS,
    "annual_growth",
    "cumulative",
)


def frame_records(df: pd.DataFrame) -> list[dict[Any, Any]]:
    """``df.to_dict("records")``, the same values, with text columns read in one call each.

    pandas reads an Arrow-backed text column value by value through a Python generator (half of
    the checks' time on a chunk of documents); here such a column is read with Arrow's
    ``to_pylist`` and its missing values given the dtype's own (what iterating the column gives).
    Every other column is read as ``to_dict`` reads it. ``tests/test_checks.py`` compares both.
    """
    columns = df.columns.tolist()
    values = [_column_values(df.iloc[:, k]) for k in range(len(columns))]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def _column_values(column: pd.Series) -> list[Any]:
    """One column's values as ``DataFrame.to_dict("records")`` gives them."""
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        arrow = pa.chunked_array(column.array.__arrow_array__())
        na_value = dtype.na_value  # str values need no boxing; the missing value is boxed below
        boxed_na = maybe_box_native(na_value)
        return [boxed_na if v is None else v for v in arrow.to_pylist()]
    if dtype == np.dtype(object) or isinstance(dtype, ExtensionDtype):
        return [maybe_box_native(v) for v in column]
    return list(column)


@contextlib.contextmanager
def shared_records(df: pd.DataFrame) -> Iterator[None]:
    """Within the block, every check reading ``df`` gets its rows converted once, not per check."""
    records = [] if df.empty and len(df.columns) == 0 else frame_records(df)
    token = SHARED_RECORDS.set((df, records))
    try:
        yield
    finally:
        SHARED_RECORDS.reset(token)


def total_cell(row: Mapping[str, Any]) -> str:
    """Which cell of a cumulative row holds the five-year total: 'target', 'annual' or ''.

    The row flag ``cumulative`` does not say which: Tacheng prints 城镇新增就业人数
    3.12 | 〔10.5〕 (the target cell is the total, 004:108) but 受教育年限 — | 11.3 | 〔0.3〕
    (the annual column is, 004:123). The bracketed number in ``raw`` decides; without one, a
    name with 累计 and no annual figure totals its target, otherwise the annual column.
    """
    if not as_bool(row.get("cumulative")):
        return ""
    bracketed = {float(m) for m in TOTAL_BRACKET_RE.findall(cell_text(row.get("raw")))}
    target, annual = as_number(row.get("target_value")), as_number(row.get("annual_growth"))
    if target is not None and target in bracketed:
        return "target"
    if annual is not None and annual in bracketed:
        return "annual"
    if "累计" in cell_text(row.get("name")) and annual is None:
        return "target"
    return "annual" if annual is not None else "target"
