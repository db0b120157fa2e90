"""Reading the processed tables and the manifest for analysis, with contract dtypes.

The only analysis functions that read files (through ``paths``): everything else takes
DataFrames, so tests feed it small hand-made tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from plantargets import paths
from plantargets.analysis.outcomes import typed_outcomes
from plantargets.dataset.manifest import COLUMNS as MANIFEST_COLUMNS
from plantargets.dataset.manifest import load_manifest
from plantargets.dataset.panels import load_panel
from plantargets.vocab.columns import bool_series, typed_indicators, typed_quality, typed_sector_mix


@dataclass(frozen=True)
class Processed:
    """The three processed tables (``data/processed``) with contract dtypes."""

    indicators: pd.DataFrame
    sector_mix: pd.DataFrame
    quality: pd.DataFrame


def load_processed(directory: Path | None = None) -> Processed:
    """Read ``indicators.csv``, ``sector_mix.csv`` and ``quality.csv`` with contract dtypes.

    A missing folder or file raises FileNotFoundError saying how to build it, because a
    notebook opened on a fresh clone would otherwise fail with a bare pandas error.
    """
    folder = Path(directory) if directory else paths.PROCESSED_DIR
    frames = {}
    for name in ("indicators", "sector_mix", "quality"):
        path = folder / f"{name}.csv"
        if not path.is_file():
            raise FileNotFoundError(
                f"{path} not found: build the dataset first with `plantargets data` (or `make data`)"
            )
        frames[name] = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    ind = frames["indicators"].replace("", np.nan)
    # Read as text so that codes and names stay strings; the CSV spells booleans True/False.
    ind["cumulative"] = bool_series(ind["cumulative"])
    return Processed(
        indicators=typed_indicators(ind),
        sector_mix=typed_sector_mix(frames["sector_mix"].replace("", np.nan)),
        quality=typed_quality(frames["quality"].replace("", np.nan)),
    )


# The manifest's descriptive columns, doc_id first (checksums and sizes are not for reports).
SOURCE_COLUMNS = ["doc_id", "file", *MANIFEST_COLUMNS[2 : MANIFEST_COLUMNS.index("published")]]


def sources_table(sources: Iterable[Any] | None = None) -> pd.DataFrame:
    """The manifest as a DataFrame (``SOURCE_COLUMNS``), read from ``data/raw/sources.csv`` by default."""
    if sources is None:
        sources = load_manifest()
    if isinstance(sources, pd.DataFrame):
        df = sources.copy()
    else:
        df = pd.DataFrame([{k: v for k, v in asdict(s).items() if k != "path"} for s in sources])
    for col in SOURCE_COLUMNS:
        if col not in df.columns:
            df[col] = ""
    df["report_year"] = pd.to_numeric(df["report_year"], errors="coerce")
    return df[SOURCE_COLUMNS].reset_index(drop=True)


# The panel tables of issue 14 and the published figures they are checked against.
PANEL_TABLES = ("target_outcomes", "plan_outcomes")
PUBLISHED_FIGURES = "published_figures.csv"


def load_panel_table(name: str, directory: Path | None = None) -> pd.DataFrame:
    """``target_outcomes`` or ``plan_outcomes`` from ``data/processed`` (dataset.panels.load_panel:
    the Parquet copy, with its dtypes); a missing file raises FileNotFoundError saying how to build it."""
    if name not in PANEL_TABLES:
        raise ValueError(f"unknown panel table {name!r}; valid: {', '.join(PANEL_TABLES)}")
    return load_panel(name, directory)


def load_published_figures(directory: Path | None = None) -> pd.DataFrame:
    """``data/reference/published_figures.csv``: figures official documents state, with file:line and quote.

    ``value``/``upper`` are floats (NaN where the document states no number, e.g. the 2020 national
    GDP target); ``must_match`` is a bool (the test suite holds those rows to the corpus and the panel).
    """
    path = (Path(directory) if directory else paths.REFERENCE_DIR) / PUBLISHED_FIGURES
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    for col in ("value", "upper"):
        df[col] = pd.to_numeric(df[col].replace("", np.nan), errors="coerce")
    df["must_match"] = bool_series(df["must_match"])
    return df


def load_target_panel(directory: Path | None = None) -> pd.DataFrame:
    """``target_outcomes.csv`` typed for the analyses (numbers, six-digit codes, nullable ``met``)."""
    return typed_outcomes(load_panel_table("target_outcomes", directory))


def load_plan_panel(directory: Path | None = None) -> pd.DataFrame:
    """``plan_outcomes`` (``analysis.attainment`` types it, plan numbers included)."""
    return load_panel_table("plan_outcomes", directory)
