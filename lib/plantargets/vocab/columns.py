"""The processed tables' columns and the types their cells have (docs/DATA_CONTRACT.md).

One owner for the column lists of ``indicators.csv``, ``sector_mix.csv`` and ``quality.csv``
and for reading their cells back with contract dtypes: the extraction writes with them, and
the analysis reads with them without importing the extraction.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

# A row's base and target, year and value: read together by the checks, the profile and the analysis.
LEVEL_COLUMNS = ("base_year", "base_value", "target_year", "target_value")
INDICATOR_COLUMNS = [
    "source_file",
    "doc_id",
    "region",
    "table",
    "seq",
    "category",
    "name",
    "indicator",
    "unit",
    *LEVEL_COLUMNS,
    "target_text",
    "annual_growth",
    "cumulative",
    "qualifier",
    "role",
    "preliminary",
    "attribute",
    "line",
    "raw",
    "origin",
    "ocr_confidence",
]
SECTOR_MIX_COLUMNS = [
    "source_file",
    "doc_id",
    "region",
    "year",
    "kind",
    "primary",
    "secondary",
    "tertiary",
    "line",
    "raw",
]
QUALITY_COLUMNS = [
    "source_file",
    "doc_id",
    "line",
    "table",
    "indicator",
    "name",
    "check",
    "severity",
    "message",
    "raw",
    "origin",  # for a cell read from an image: the image and the cell's pixel box
    "code",  # the message's template code(s), joined by '+' (vocab.findings)
    "params",  # the values the message states, as JSON (vocab.findings)
]
SEVERITIES = ("error", "warning", "info")
# The target–outcome panel (issue 14, docs/DATA_CONTRACT.md): who and when, then the columns
# the issue names; dataset.outcomes writes more (units, revisions, the parent's target).
# What a panel row says of its target, and the judgement of its outcome (dataset.attainment).
TARGET_FIELDS = ("target_value", "target_upper", "qualifier", "target_text", "target_source")
JUDGEMENT_COLUMNS = ("gap", "direction", "met", "met_strict")
# Flags of both panels (target–outcome and plan view): NA where undecided.
PANEL_FLAGS = ("outcome_preliminary", "met", "met_strict")
PANEL_KEY_COLUMNS = ("region_code", "region", "level", "parent_code", "year", "indicator")
TARGET_OUTCOME_REQUIRED = (
    *PANEL_KEY_COLUMNS,
    *("target_value", "target_upper", "qualifier", "target_text", "outcome", "outcome_preliminary"),
    *("gap", "met", "target_source", "outcome_source"),
)
# Columns of numbers (float) and of whole numbers (nullable Int64) in the indicators table.
_INDICATOR_FLOATS = ("base_value", "target_value", "annual_growth", "ocr_confidence")
_INDICATOR_INTS = ("base_year", "target_year", "line")
# Flags: a five-year total (〔 〕), a preliminary figure (初步核算, 预计).
_INDICATOR_BOOLS = ("cumulative", "preliminary")
# Spellings of True in a CSV cell: pandas writes True/False, people and older files 1/yes.
TRUE_WORDS = frozenset({"true", "1", "yes"})


def as_bool(value: object) -> bool:
    """True/False from a bool or its text form; a CSV read as text gives 'False', which is truthy.

    None, NaN and '' are False: an empty boolean cell means the flag was not set.
    """
    if isinstance(value, str):
        return value.strip().lower() in TRUE_WORDS
    if value is None or pd.isna(value):
        return False
    return bool(value)


def bool_series(values: pd.Series) -> pd.Series:
    """:func:`as_bool` over a column; a column that is already boolean is returned as is."""
    if values.dtype == bool:
        return values
    return values.map(as_bool).astype(bool)


def typed_panel(
    df: pd.DataFrame,
    columns: Sequence[str],
    floats: Sequence[str] = (),
    ints: Sequence[str] = (),
    flags: Sequence[str] = (),
    sort_by: Sequence[str] = (),
) -> pd.DataFrame:
    """A derived table (the target–outcome panel, the plan view) in its contract dtypes and order.

    Numbers float, whole numbers nullable Int64, flags nullable boolean (NA stays NA: an
    undecided ``met`` is not False), other text columns str with '' for missing; rows in
    ``sort_by`` order (stable), numbered from 0.
    """
    out = df.copy()
    for col in floats:
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    for col in ints:
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("Int64")
    for col in flags:
        out[col] = out[col].astype("boolean")
    for col in columns:
        if str(out[col].dtype) in ("object", "str", "string"):
            out[col] = out[col].fillna("").astype(str)
    return out[list(columns)].sort_values(list(sort_by), kind="stable").reset_index(drop=True)


def typed_indicators(df: pd.DataFrame) -> pd.DataFrame:
    """Contract dtypes: numbers as float, years and lines as nullable ints, text as str."""
    out = df.copy()
    for col in _INDICATOR_FLOATS:
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    for col in _INDICATOR_INTS:
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("Int64")
    for col in _INDICATOR_BOOLS:
        out[col] = out[col].map(as_bool).astype(bool)
    for col in INDICATOR_COLUMNS:
        if col not in (*_INDICATOR_FLOATS, *_INDICATOR_INTS, *_INDICATOR_BOOLS):
            out[col] = out[col].fillna("").astype(str)
    return out[INDICATOR_COLUMNS]


def typed_sector_mix(df: pd.DataFrame) -> pd.DataFrame:
    """Contract dtypes of the sector mix: shares (%) as float, year and line as nullable ints."""
    out = df.copy()
    for col in ("primary", "secondary", "tertiary"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    for col in ("year", "line"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("Int64")
    for col in ("source_file", "doc_id", "region", "kind", "raw"):
        out[col] = out[col].fillna("").astype(str)
    return out[SECTOR_MIX_COLUMNS]


def typed_quality(df: pd.DataFrame) -> pd.DataFrame:
    """Contract dtypes of quality findings: line as nullable int, everything else text."""
    out = df.copy()
    out["line"] = pd.to_numeric(out["line"], errors="coerce").astype("Int64")
    for col in QUALITY_COLUMNS:
        if col != "line":
            out[col] = (out[col] if col in out.columns else pd.Series("", index=out.index)).fillna("").astype(str)
    # A finding built without a template code is stated by its check's template alone.
    out["code"] = out["code"].where(out["code"] != "", out["check"])
    out["params"] = out["params"].where(out["params"] != "", "{}")
    return out[QUALITY_COLUMNS]


def frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """Records as a DataFrame with exactly ``columns`` (an empty list gives the empty table)."""
    return pd.DataFrame(rows, columns=list(columns))
