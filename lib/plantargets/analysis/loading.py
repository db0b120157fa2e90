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
from plantargets.dataset.manifest import COLUMNS as MANIFEST_COLUMNS
from plantargets.dataset.manifest import load_manifest
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
