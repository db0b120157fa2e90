"""Publishing a build: the processed tables beside the reports, pruning, and the index.

The reports folder must work when zipped alone, so the processed tables are copied into
``reports/data/processed``; the index lists every configured report with its status, its
CSVs and what it answers, and is rewritten only when something it shows changed.
"""

from __future__ import annotations

import contextlib
import csv
import shutil
from pathlib import Path
from typing import Any

from plantargets import __version__
from plantargets.dataset.manifest import Source
from plantargets.fileio import atomic_write_bytes
from plantargets.present.narrative import answers
from plantargets.reports.config import ReportSpec
from plantargets.reports.execute import EXECUTED_DIR
from plantargets.reports.html import relative_href
from plantargets.reports.plan import _Layout, _param_text
from plantargets.reports.state import BuildState, FileHasher, digest

PROCESSED_COPY = Path("data") / "processed"  # inside reports/: the folder must work when zipped alone
PROCESSED_SUFFIXES = (".csv", ".json")  # tables and datapackage.json; parquet duplicates the CSV
SUMMARY_KEYS = ("documents", "rows", "findings")  # what the index shows of the dataset


def _count_rows(path: Path) -> int | None:
    if not path.is_file():
        return None
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return max(sum(1 for _ in csv.reader(fh)) - 1, 0)


def _dataset_summary(extracted: dict[str, Any] | None, layout: _Layout, sources: list[Source]) -> dict[str, Any]:
    """Documents, indicator rows and quality findings: from ``extract`` if it said, else counted."""
    given = extracted or {}
    counted = {
        "documents": lambda: len(sources) if sources else None,
        "rows": lambda: _count_rows(layout.processed / "indicators.csv"),
        "findings": lambda: _count_rows(layout.processed / "quality.csv"),
    }
    return {k: given[k] if given.get(k) is not None else counted[k]() for k in SUMMARY_KEYS}


def _processed_files(layout: _Layout) -> list[Path]:
    if not layout.processed.is_dir():
        return []
    return sorted(
        p
        for p in layout.processed.iterdir()
        if p.is_file() and p.suffix in PROCESSED_SUFFIXES and not p.name.startswith(".")
    )


def _copy_processed(files: list[Path], layout: _Layout, hasher: FileHasher) -> list[Path]:
    """Mirror the processed tables into reports/data/processed (only changed files are written)."""
    dest_dir = layout.reports / PROCESSED_COPY
    copied = []
    for src in files:
        dest = dest_dir / src.name
        if not (dest.is_file() and hasher(dest) == hasher(src)):
            atomic_write_bytes(dest, src.read_bytes())
        copied.append(dest)
    if dest_dir.is_dir():
        keep = {p.name for p in files}
        for stale in dest_dir.iterdir():
            if stale.is_file() and stale.name not in keep:
                stale.unlink()
    return copied


def _prune(state: BuildState, wanted: set[str], layout: _Layout) -> None:
    """Delete the outputs of reports no longer in the config (only files this builder made)."""
    for name in sorted(set(state.reports) - wanted):
        for path in (layout.reports / f"{name}.html", layout.reports / EXECUTED_DIR / f"{name}.ipynb"):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        shutil.rmtree(layout.reports / f"{name}_data", ignore_errors=True)
        del state.reports[name]


def _index_context(
    specs: list[ReportSpec],
    state: BuildState,
    layout: _Layout,
    dataset: dict[str, Any],
    data_files: list[Path],
    built_at: str,
    commit: str | None,
) -> dict[str, Any]:
    rows = []
    for spec in specs:
        rec = state.reports.get(spec.output, {})
        html = layout.reports / f"{spec.output}.html"
        executed = layout.reports / EXECUTED_DIR / f"{spec.output}.ipynb"
        data_dir = layout.reports / f"{spec.output}_data"
        tables = [
            (t, relative_href(data_dir / t, layout.reports)) for t in rec.get("tables", []) if (data_dir / t).is_file()
        ]
        dur = rec.get("duration")
        rows.append(
            {
                "name": spec.output,
                "title": spec.title,
                "status": rec.get("status", "failed"),
                "parameters": [(k, _param_text(v)) for k, v in sorted(spec.parameters.items())],
                "href": relative_href(html, layout.reports) if html.is_file() else None,
                "executed": relative_href(executed, layout.reports) if executed.is_file() else None,
                "error": rec.get("error", ""),
                "duration": f"{dur:.1f} s" if dur is not None else "—",
                "built_at": rec.get("built_at", "—"),
                "tables": tables,
                "level": spec.level,
                "region_code": spec.region_code,
                "region_zh": spec.region_zh,
                "answers": answers(spec.notebook.stem),
            }
        )
    return {
        "reports": rows,
        "dataset": dataset,
        "built_at": built_at,
        "version": __version__,
        "commit": commit,
        "ok": all(r["status"] == "built" for r in rows),
        "data_files": [(p.name, relative_href(p, layout.reports)) for p in data_files],
    }


def _index_key(specs: list[ReportSpec], state: BuildState, data_digest: str, extracted: dict[str, Any] | None) -> str:
    """What the index shows: the configured reports (all of them, whatever ``--only`` says),
    each report's last record, the processed data and the extract summary."""
    records = {
        name: [rec.get("status"), rec.get("built_at"), rec.get("render_key")] for name, rec in state.reports.items()
    }
    return digest(
        {
            "reports": [(s.output, s.title) for s in specs],
            "records": records,
            "data": data_digest,
            # only the counts the index shows: timings or file lists in the summary must not
            # make every build rewrite the index
            "extracted": {k: (extracted or {}).get(k) for k in SUMMARY_KEYS},
        }
    )
