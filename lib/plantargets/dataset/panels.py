"""The derived tables written beside the indicators: target–outcome panel, plan view, region chains.

They are computed from the assembled indicators and the documents' regions at write time, so
``plantargets data`` and ``extract --out`` always ship them consistent with ``indicators.csv``.
Stata (``.dta``, version 118: Unicode) and Excel (``.xlsx``) files carry a fixed time stamp so a rebuild is
byte-identical; every text cell is a string (never a formula: dataset.spreadsheet).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from plantargets import paths
from plantargets.dataset.catalog import Catalog
from plantargets.dataset.hierarchy import hierarchy_frame
from plantargets.dataset.manifest import Source
from plantargets.dataset.outcomes import documents_frame, target_outcomes, with_documents
from plantargets.dataset.plans import plan_outcomes
from plantargets.dataset.records import DocContext
from plantargets.dataset.regions import RegionTable, load_regions

# The .dta header's time stamp: fixed, so that the same data gives the same bytes.
STATA_TIME_STAMP = dt.datetime(2000, 1, 1)
# Stata's limit on a variable label; the longest fixed-width string (bytes), longer text is strL.
STATA_LABEL_MAX = 80
STR_MAX = 2045
# The tables (file stems) and which also go to Stata.
PANEL_TABLES = ("target_outcomes", "plan_outcomes", "region_hierarchy")
STATA_TABLES = ("target_outcomes", "plan_outcomes")


def panel_tables(
    indicators: pd.DataFrame,
    contexts: Sequence[DocContext],
    sources: Sequence[Source] = (),
    catalog: Catalog | None = None,
    regions: RegionTable | None = None,
) -> dict[str, pd.DataFrame]:
    """The three derived tables by file stem (see :data:`PANEL_TABLES`)."""
    catalog = catalog or Catalog.load()
    regions = regions or load_regions()
    rows = with_documents(indicators, documents_frame(contexts, sources, regions))
    return {
        "target_outcomes": target_outcomes(rows, catalog),
        "plan_outcomes": plan_outcomes(rows, catalog),
        "region_hierarchy": hierarchy_frame(regions),
    }


def load_panel(stem: str, directory: Path | None = None) -> pd.DataFrame:
    """A derived table (``target_outcomes``, ``plan_outcomes``, ``region_hierarchy``) with its dtypes.

    Read from the Parquet copy, which keeps them (codes such as 000000 stay text, ``met`` stays
    a nullable boolean); a missing file says how to build it.
    """
    if stem not in PANEL_TABLES:
        raise ValueError(f"unknown table {stem!r}: one of {', '.join(PANEL_TABLES)}")
    path = (Path(directory) if directory else paths.PROCESSED_DIR) / f"{stem}.parquet"
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: build the dataset first with `plantargets data` (or `make data`)")
    return pd.read_parquet(path)


def stata_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Stata types: flags as 0/1 with missing (Stata has no boolean); whole numbers as int, or
    float when some are missing; text as str."""
    out = df.copy()
    for col in out.columns:
        dtype = str(out[col].dtype)
        if dtype == "Int64" and not out[col].isna().any():
            out[col] = out[col].astype("int32")
        elif dtype in ("boolean", "bool", "Int64"):
            out[col] = out[col].astype("Float64").astype("float64")
        elif dtype in ("object", "str", "string"):
            out[col] = out[col].fillna("").astype(str)
    return out


def stata_bytes(df: pd.DataFrame, title: str, labels: dict[str, str]) -> bytes:
    """The table as a Stata 14+ file (version 118, UTF-8) with variable labels, fixed time stamp."""
    buf = io.BytesIO()
    frame = stata_frame(df)
    long_text = [
        c
        for c in frame.columns
        if pd.api.types.is_string_dtype(frame[c]) and frame[c].str.encode("utf-8").str.len().max() > STR_MAX
    ]
    frame.to_stata(
        buf,
        write_index=False,
        version=118,
        time_stamp=STATA_TIME_STAMP,
        data_label=title[:STATA_LABEL_MAX],
        variable_labels={k: v[:STATA_LABEL_MAX] for k, v in labels.items() if k in df.columns},
        convert_strl=long_text,
    )
    return buf.getvalue()


def panel_sheets(df: pd.DataFrame, fields: Sequence[tuple[str, str, str]]) -> dict[str, list[list[object]]]:
    """The Excel workbook of a panel: the table (sheet ``data``) and what each column means
    (sheet ``columns``: name, type, description, as in datapackage.json). Missing cells stay
    empty; flags are TRUE/FALSE cells."""
    body = df.astype(object).where(df.notna(), None).values.tolist()
    return {
        "data": [list(df.columns), *body],
        "columns": [["column", "type", "description"], *[list(f) for f in fields if f[0] in df.columns]],
    }


__all__ = ["PANEL_TABLES", "STATA_TABLES", "load_panel", "panel_sheets", "panel_tables", "stata_bytes", "stata_frame"]
