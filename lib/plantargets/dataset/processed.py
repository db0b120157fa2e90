"""The processed folder: writing the tables as one set, and rebuilding only when inputs changed.

``write_dataset`` writes indicators/sector mix/quality (CSV and Parquet), the derived panels
(target_outcomes, plan_outcomes: CSV, Parquet, Stata, Excel; region_hierarchy) with a Frictionless
``datapackage.json`` so that a rebuild is byte-identical; ``build_processed`` skips the whole
extraction when the documents, the manifest and the library are unchanged since the stamp.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pandas as pd

from plantargets import paths
from plantargets.dataset.assemble import Dataset
from plantargets.dataset.datapackage import PANEL_RESOURCES, descriptor
from plantargets.dataset.extraction import (
    DEFAULT_JOBS,
    ExtractionStats,
    extract_corpus,
    few_collections,
    worker_start,
)
from plantargets.dataset.freshness import STAMP, inputs_fingerprint, output_digests, previous_build, replaced_outputs
from plantargets.dataset.manifest import Source, load_manifest
from plantargets.dataset.panels import STATA_TABLES, panel_sheets, panel_tables, stata_bytes
from plantargets.dataset.spreadsheet import xlsx_bytes
from plantargets.fileio import atomic_write_many, atomic_write_text, build_lock


def _csv_bytes(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _parquet_bytes(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.to_parquet(buf, index=False, engine="pyarrow", compression="zstd")
    return buf.getvalue()


def _table_blobs(indicators: pd.DataFrame, sector_mix: pd.DataFrame, quality: pd.DataFrame) -> dict[str, bytes]:
    """The extracted tables as files: indicators (CSV and Parquet), sector mix and quality (CSV)."""
    return {
        "indicators.csv": _csv_bytes(indicators),
        "sector_mix.csv": _csv_bytes(sector_mix),
        "quality.csv": _csv_bytes(quality),
        "indicators.parquet": _parquet_bytes(indicators),
    }


def _workbook(stem: str, df: pd.DataFrame) -> bytes:
    """A panel's Excel file (the table and what its columns mean)."""
    return xlsx_bytes(panel_sheets(df, PANEL_RESOURCES[stem][1]))


def _panel_blobs(panels: dict[str, pd.DataFrame], skip: frozenset[str] = frozenset()) -> dict[str, bytes]:
    """The derived tables (dataset.panels) as CSV and Parquet, the panels also as Stata and Excel;
    not the files named in ``skip`` (written elsewhere)."""
    blobs: dict[str, bytes] = {}
    for stem, df in panels.items():
        blobs[f"{stem}.csv"] = _csv_bytes(df)
        blobs[f"{stem}.parquet"] = _parquet_bytes(df)
        if stem in STATA_TABLES:
            title, fields = PANEL_RESOURCES[stem]
            blobs[f"{stem}.dta"] = stata_bytes(df, title, {n: d for n, _, d in fields})
            if f"{stem}.xlsx" not in skip:
                blobs[f"{stem}.xlsx"] = _workbook(stem, df)
    return blobs


def _submit(pool: Executor | None, fn: Callable[..., dict[str, bytes]], *args: Any) -> Future[dict[str, bytes]]:
    """``fn(*args)`` in ``pool``, or here and now without one (a finished future)."""
    if pool is not None:
        return pool.submit(fn, *args)
    done: Future[dict[str, bytes]] = Future()
    done.set_result(fn(*args))
    return done


def _largest_workbook(panels: dict[str, pd.DataFrame]) -> str:
    """The panel whose Excel file takes longest (most cells): target_outcomes, 2 s of XlsxWriter."""
    return max((s for s in panels if s in STATA_TABLES), key=lambda s: panels[s].size)


def write_dataset(
    ds: Dataset, out_dir: Path, sources: list[Source] | None = None, jobs: int = 1, stats: ExtractionStats | None = None
) -> list[Path]:
    """Write the processed tables as one set (see ``fileio.atomic_write_many``); a rebuild is byte-identical.

    With ``jobs`` above 1 a second process writes the extracted tables while this one derives the
    panels, then every panel file but the largest workbook, which is written here: the two halves
    take about as long (the same bytes as one process writes). ``stats`` gets the seconds of
    deriving the panels and of writing the files."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stats = stats if stats is not None else ExtractionStats()
    with contextlib.ExitStack() as stack:
        pool = stack.enter_context(ProcessPoolExecutor(1, initializer=worker_start)) if jobs > 1 else None
        tables = _submit(pool, _table_blobs, ds.indicators, ds.sector_mix, ds.quality)
        with stats.timed("panels"):
            panels = panel_tables(ds.indicators, ds.documents, sources or [])
        with stats.timed("files"):
            here = frozenset({_largest_workbook(panels)} if pool else ())
            rest = _submit(pool, _panel_blobs, panels, frozenset(f"{s}.xlsx" for s in here))
            blobs = {f"{s}.xlsx": _workbook(s, panels[s]) for s in here}
            blobs.update(tables.result())
            blobs.update(rest.result())
    with stats.timed("files"):
        checksums = {name: hashlib.sha256(data).hexdigest() for name, data in blobs.items()}
        package = descriptor(sources or [], checksums)
        blobs["datapackage.json"] = (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        # All staged first, then renamed: an interrupted write leaves the previous set.
        files = {out_dir / name: data for name, data in blobs.items()}
        atomic_write_many(files)
    return list(files)


def summary(ds: Dataset) -> dict:
    """Counts for the CLI, the report index and closing notes."""
    ind = ds.indicators
    tables = ind[ind["table"] != "prose"]
    coded = (ind["indicator"] != "").mean() if len(ind) else 0.0
    return {
        "documents": len(ds.documents),
        "rows": len(ind),
        "table_rows": len(tables),
        "prose_rows": int((ind["table"] == "prose").sum()),
        "sector_mix_rows": len(ds.sector_mix),
        "findings": len(ds.quality),
        "catalogue_coverage": round(float(coded), 4),
        "rows_by_table": {f"{d}/{t}": int(n) for (d, t), n in ind.groupby(["doc_id", "table"]).size().items()},
        "findings_by_check": {str(k): int(v) for k, v in ds.quality["check"].value_counts().sort_index().items()},
    }


def build_processed(
    manifest: Path | None = None,
    out_dir: Path | None = None,
    force: bool = False,
    jobs: int = DEFAULT_JOBS,
    sources: list[Source] | None = None,
) -> dict:
    """Extract every manifest document into ``out_dir`` unless nothing changed since last time.

    ``sources`` is ``manifest`` already loaded (the CLI loads it to ask whether anything changed;
    loading checks every row and costs 0.2 s).

    Returns the dataset summary plus ``skipped`` (True when the outputs were up to date),
    ``replaced`` (the outputs found changed by something other than this function, if any) and,
    after a build, ``timings``: documents extracted and cached, wall seconds per phase.
    """
    manifest = Path(manifest) if manifest else paths.MANIFEST
    out_dir = Path(out_dir) if out_dir else paths.PROCESSED_DIR
    sources = sources if sources is not None else load_manifest(manifest)
    stamp = out_dir / STAMP
    fingerprint = inputs_fingerprint(manifest)
    previous = None if force else previous_build(out_dir, fingerprint)
    if previous is not None:
        return {**previous, "skipped": True}
    replaced = "" if force else ", ".join(replaced_outputs(out_dir, fingerprint))
    stats = ExtractionStats()
    with build_lock(out_dir / ".extract.lock", "data extraction"), few_collections():
        ds = extract_corpus(sources, out_dir / ".cache" / "documents", jobs=jobs, stats=stats)
        written = write_dataset(ds, out_dir, sources, jobs=jobs, stats=stats)
        with stats.timed("stamp"):
            info = summary(ds)
            stamp_data = {"fingerprint": fingerprint, "summary": info, "outputs": output_digests(written)}
            atomic_write_text(stamp, json.dumps(stamp_data, ensure_ascii=False, indent=2, sort_keys=True))
    timings = {"extracted": stats.extracted, "cached": stats.cached, "seconds": stats.seconds}
    return {**info, "skipped": False, "replaced": replaced, "timings": timings}


__all__ = ["build_processed", "summary", "write_dataset"]
