"""The processed tables' columns and the types their cells have (docs/DATA_CONTRACT.md).

One owner for the columns of the processed tables and of the analysis tables built from them
(``columns.csv``: name, type and description of each, in order; the Data Package describes the
processed tables with it) and for reading the cells of ``indicators.csv``,
``sector_mix.csv`` and ``quality.csv`` back with contract dtypes: the extraction writes with them, and
the analysis reads with them without importing the extraction.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from plantargets.errors import InputError

# name, Frictionless type, description of each column of each table: written in columns.csv
# (one row per column, in the table's order). A row named ``_group`` stands for every row of
# table ``_group`` (columns shared by several tables, stated once).
FIELDS_FILE = Path(__file__).with_name("columns.csv")
Field = tuple[str, str, str]
FIELD_TYPES = ("string", "integer", "number", "boolean")


def read_fields(path: Path = FIELDS_FILE) -> dict[str, list[Field]]:
    """table -> its fields in order, with shared groups spliced in.

    An unknown type or group, or a column listed twice in one table, is an error naming the line.
    """
    tables: dict[str, list[Field]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for lineno, row in enumerate(csv.DictReader(fh), start=2):
            table, name = row["table"], row["name"]
            if name.startswith("_"):
                if name not in tables:
                    raise InputError(f"group {name!r} is used before its rows", file=path, line=lineno)
                tables.setdefault(table, []).extend(tables[name])
                continue
            if row["type"] not in FIELD_TYPES:
                raise InputError(
                    f"type {row['type']!r} of {name!r} is not one of {FIELD_TYPES}", file=path, line=lineno
                )
            if name in (n for n, _, _ in tables.get(table, [])):
                raise InputError(f"column {name!r} is listed twice in {table!r}", file=path, line=lineno)
            tables.setdefault(table, []).append((name, row["type"], row["description"]))
    return tables


FIELDS = read_fields()

# A row's base and target, year and value: read together by the checks, the profile and the analysis.
LEVEL_COLUMNS = ("base_year", "base_value", "target_year", "target_value")


def column_names(table: str) -> list[str]:
    """The columns of ``table`` of columns.csv, in file order."""
    return [name for name, _, _ in FIELDS[table]]


def columns_of_type(table: str, kind: str) -> tuple[str, ...]:
    """The columns of ``table`` whose Frictionless type is ``kind`` (number, integer, boolean, string)."""
    return tuple(name for name, typ, _ in FIELDS[table] if typ == kind)


INDICATOR_COLUMNS = column_names("indicators")
SECTOR_MIX_COLUMNS = column_names("sector_mix")
QUALITY_COLUMNS = column_names("quality")
SEVERITIES = ("error", "warning", "info")
# Flags of both panels (target–outcome and plan view): NA where undecided.
PANEL_FLAGS = ("outcome_preliminary", "met", "met_strict")
# The target–outcome panel (issue 14, docs/DATA_CONTRACT.md): who and when, then the columns
# the issue names; dataset.outcomes writes more (columns.csv: units, revisions, the parent's target).
PANEL_KEY_COLUMNS = ("region_code", "region", "level", "parent_code", "year", "indicator")
TARGET_OUTCOME_REQUIRED = (
    *PANEL_KEY_COLUMNS,
    *("target_value", "target_upper", "qualifier", "target_text", "outcome", "outcome_preliminary"),
    *("gap", "met", "target_source", "outcome_source"),
)
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


def _as_numbers(out: pd.DataFrame, floats: Sequence[str], ints: Sequence[str]) -> None:
    """Columns ``floats`` as float64 and ``ints`` as nullable Int64, in place; unreadable cells become NA."""
    for col in floats:
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    for col in ints:
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("Int64")


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
    _as_numbers(out, floats, ints)
    for col in flags:
        out[col] = out[col].astype("boolean")
    for col in columns:
        if str(out[col].dtype) in ("object", "str", "string"):
            out[col] = out[col].fillna("").astype(str)
    return out[list(columns)].sort_values(list(sort_by), kind="stable").reset_index(drop=True)


def typed_table(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """A processed table's columns in their columns.csv order and types: numbers float, integers
    (years, lines) nullable Int64, flags bool (an empty cell is False), text str with '' for missing."""
    out = df.copy()
    _as_numbers(out, columns_of_type(table, "number"), columns_of_type(table, "integer"))
    for col in columns_of_type(table, "boolean"):
        out[col] = out[col].map(as_bool).astype(bool)
    for col in columns_of_type(table, "string"):
        out[col] = out[col].fillna("").astype(str)
    return out[column_names(table)]


def typed_indicators(df: pd.DataFrame) -> pd.DataFrame:
    """Contract dtypes of ``indicators.csv``: numbers as float, years and lines as nullable ints, text as str."""
    return typed_table(df, "indicators")


def typed_sector_mix(df: pd.DataFrame) -> pd.DataFrame:
    """Contract dtypes of the sector mix: shares (%) as float, year and line as nullable ints."""
    return typed_table(df, "sector_mix")


def typed_quality(df: pd.DataFrame) -> pd.DataFrame:
    """Contract dtypes of quality findings: line as nullable int, everything else text."""
    out = df.copy()
    for col in ("code", "params"):
        if col not in out.columns:
            out[col] = ""
    out = typed_table(out, "quality")
    # A finding built without a template code is stated by its check's template alone.
    out["code"] = out["code"].where(out["code"] != "", out["check"])
    out["params"] = out["params"].where(out["params"] != "", "{}")
    return out


def prefixed(names: Sequence[str], prefix: str) -> dict[str, str]:
    """``{name: "<prefix>_<name>"}``: the renaming that sets one source's columns beside another's
    (a stated outcome's ``unit`` as ``outcome_unit``, a published figure's ``value`` as ``published_value``)."""
    return {name: f"{prefix}_{name}" for name in names}


def frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """Records as a DataFrame with exactly ``columns`` (an empty list gives the empty table)."""
    return pd.DataFrame(rows, columns=list(columns))
