"""The report-build half of the benchmark: incremental builds and per-report cost.

Measured on a throwaway project (``make_project``): a trivial pandas + seaborn notebook rendered
once per manifest document (``for_each: document``), the shape of the region profiles.

* cold build (``jobs=1``), no-op rebuild of the same project, cold build with ``jobs=2``;
* marginal cost of one region report: (build of N regions − build of 5) / (N − 5);
* the naive loop it replaces: per report one ``papermill`` subprocess plus one
  ``jupyter nbconvert --to html`` subprocess, timed on a few reports.

Used by ``benchmarks/run.py``; every timing is wall-clock (notebook kernels are other processes,
so the benchmark process's CPU time would miss most of the work).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import corpus
import nbformat
import yaml

from plantargets.reports.build import build_reports

NOTEBOOK = "bench_region.ipynb"
_CELLS = (
    ("markdown", "# Region {doc_id}\nA trivial report: one table and one seaborn chart."),
    ("parameters", 'doc_id: str = ""  # manifest doc_id of the region'),
    ("code", "import matplotlib.pyplot as plt\nimport pandas as pd\nimport seaborn as sns"),
    (
        "code",
        'df = pd.DataFrame({"year": range(2016, 2026), "value": [len(doc_id) + i * 1.5 for i in range(10)]})\ndf',
    ),
    ("code", 'ax = sns.lineplot(data=df, x="year", y="value")\nax.set_title(doc_id)\nplt.show()'),
)


@dataclass
class ReportTimings:
    """Seconds per scenario; ``marginal`` and ``naive`` are seconds per report."""

    small: int
    cold: float
    noop: float
    cold_jobs2: float
    regions: int
    cold_regions: float
    marginal: float
    naive_reports: int
    naive: float


def _notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    for kind, source in _CELLS:
        if kind == "markdown":
            nb.cells.append(nbformat.v4.new_markdown_cell(source))
        else:
            cell = nbformat.v4.new_code_cell(source)
            if kind == "parameters":
                cell.metadata["tags"] = ["parameters"]
            nb.cells.append(cell)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def make_project(root: Path, documents: int) -> Path:
    """A project folder with ``documents`` synthetic documents and one per-document report."""
    (root / "notebooks").mkdir(parents=True, exist_ok=True)
    nbformat.write(_notebook(), root / "notebooks" / NOTEBOOK)
    corpus.generate(root / "data" / "raw", documents)
    (root / "data" / "processed").mkdir(parents=True, exist_ok=True)
    config = {
        "timeout": 300,
        "preload": ["pandas", "matplotlib.pyplot", "seaborn"],
        "reports": [
            {
                "name": "region",
                "title": "{region_zh}",
                "notebook": f"notebooks/{NOTEBOOK}",
                "for_each": "document",
                "inputs": ["data/raw/{file}", "data/raw/sources.csv"],
            }
        ],
    }
    path = root / "reports.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def _build(config: Path, **kwargs: object) -> float:
    return _timed_build(config, **kwargs)[0]


def _timed_build(config: Path, **kwargs: object) -> tuple[float, bool]:
    """Seconds of one build, and whether it found nothing to do."""
    t0 = time.perf_counter()
    result = build_reports(config, progress=False, **kwargs)  # type: ignore[arg-type]
    seconds = time.perf_counter() - t0
    if not result.ok:
        raise RuntimeError(f"report build failed: {result.summary()}")
    return seconds, bool(result.nothing_to_do)


def _naive(root: Path, doc_ids: list[str]) -> float:
    """Seconds per report of papermill + nbconvert subprocesses, one pair per report."""
    bindir = Path(sys.executable).parent
    env = {**os.environ, "PLANTARGETS_ROOT": str(root)}
    out = root / "naive"
    out.mkdir(exist_ok=True)
    t0 = time.perf_counter()
    for doc_id in doc_ids:
        executed = out / f"region-{doc_id}.ipynb"
        papermill = [str(bindir / "papermill"), str(root / "notebooks" / NOTEBOOK), str(executed)]
        subprocess.run(
            [*papermill, "-p", "doc_id", doc_id, "-k", "python3", "--no-progress-bar", "--cwd", str(root)],
            check=True,
            capture_output=True,
            env=env,
        )
        subprocess.run(
            [str(bindir / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
            check=True,
            capture_output=True,
            env=env,
        )
    return (time.perf_counter() - t0) / len(doc_ids)


def measure(work: Path, regions: int = 50, naive_reports: int = 5, small: int = 5) -> ReportTimings:
    """Run every scenario in fresh project folders under ``work``."""
    one = make_project(work / "small-jobs1", small)
    cold = _build(one, jobs=1)
    noop, idle = _timed_build(one, jobs=1)
    if not idle:  # the library changed under the build (someone edited lib/): measure again
        noop, idle = _timed_build(one, jobs=1)
    if not idle:
        raise RuntimeError("the no-op rebuild rebuilt reports: are files under lib/ changing during the benchmark?")
    two = make_project(work / "small-jobs2", small)
    cold_jobs2 = _build(two, jobs=2)
    many = make_project(work / f"regions-{regions}", regions)
    cold_regions = _build(many, jobs=1)
    marginal = (cold_regions - cold) / (regions - small)
    doc_ids = [f"synth-{i:04d}" for i in range(naive_reports)]
    naive = _naive(work / "small-jobs1", doc_ids)
    return ReportTimings(small, cold, noop, cold_jobs2, regions, cold_regions, marginal, naive_reports, naive)


def report_lines(t: ReportTimings) -> list[str]:
    """The RESULTS.md section for these timings."""
    return [
        "## Report build",
        "",
        "A throwaway project (`benchmarks/report_build.py`): a trivial pandas + seaborn notebook rendered once per "
        "synthetic document (`for_each: document`), built with `plantargets.reports.build.build_reports`. Wall-clock "
        "seconds (the kernels are other processes).",
        "",
        "| scenario | seconds | ratio |",
        "|---|---:|---:|",
        f"| cold build, {t.small} reports, `jobs=1` | {t.cold:.1f} | 1.00 |",
        f"| no-op rebuild of the same project | {t.noop:.2f} | {t.noop / t.cold:.3f} |",
        f"| cold build, {t.small} reports, `jobs=2` | {t.cold_jobs2:.1f} | {t.cold_jobs2 / t.cold:.2f} |",
        f"| cold build, {t.regions} reports, `jobs=1` | {t.cold_regions:.1f} | {t.cold_regions / t.cold:.2f} |",
        "",
        f"Marginal cost of one region report: ({t.cold_regions:.1f} − {t.cold:.1f}) s / {t.regions - t.small} = "
        f"**{t.marginal:.2f} s**. The naive loop (one `papermill` and one `jupyter nbconvert` subprocess per "
        f"report, timed over {t.naive_reports} reports of the same notebook): **{t.naive:.2f} s** per report, "
        f"{t.naive / t.marginal:.1f}x the marginal cost of the build.",
        "",
    ]
