"""Shared fixtures: paths to the bundled documents and a manifest builder."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")
os.environ.setdefault("MPLBACKEND", "Agg")

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _seed_manifest() -> Path:
    """A manifest of the five seeds only, for every test that builds from the project's manifest.

    data/raw/sources.csv lists the imported corpus too (1,745 documents); the suite's builds,
    golden files and report tests are about the seeds. Tests of the corpus read
    RAW / "sources.csv" explicitly. Set before plantargets.paths is imported.
    """
    lines = (RAW / "sources.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    seeds = [ln for ln in lines if not ln.startswith("lawtext-gov/")]
    path = Path(tempfile.mkdtemp(prefix="plantargets-seeds-")) / "sources.csv"
    path.write_text("".join(seeds), encoding="utf-8")
    return path


os.environ.setdefault("PLANTARGETS_MANIFEST", str(_seed_manifest()))
SEEDS = {
    "kizilsu-fyp14": RAW / "000_8b2e86d28166808b.txt",
    "urumqi-etdz-fyp14": RAW / "001_92a7ba0c77b212ac.txt",
    "xinjiang-gwr2023": RAW / "002_d0532ac20bb8827f.txt",
    "hure-fyp14": RAW / "003_3e4f07611e85fb5a.txt",
    "tacheng-fyp14": RAW / "004_f3c3abe848757c8b.txt",
}


@pytest.fixture
def seeds() -> dict[str, Path]:
    return dict(SEEDS)


@pytest.fixture
def root() -> Path:
    return ROOT


# Figures a test measures (the fuzz test's inputs, time and memory; the load test's peak
# memory) are recorded as a "figures" user property, which pytest-xdist carries back from its
# workers, and printed in a section of the terminal summary: seen without -s, in every run.
FIGURES_PROPERTY = "figures"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = [
        f"{report.nodeid.split('::')[-1]}: {value}"
        for outcome in ("passed", "failed")
        for report in terminalreporter.stats.get(outcome, [])
        if report.when == "call"
        for name, value in getattr(report, "user_properties", [])
        if name == FIGURES_PROPERTY
    ]
    if lines:
        terminalreporter.section("measured figures")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def bundled(tmp_path_factory: pytest.TempPathFactory):
    """The bundled documents extracted afresh (a clean checkout has no data/processed yet) and
    their ambition panel; built once per session because it takes a few seconds."""
    from plantargets.analysis import ambition, loading
    from plantargets.dataset.processed import build_processed

    out = tmp_path_factory.mktemp("processed")
    build_processed(out_dir=out)
    data = loading.load_processed(out)
    return data, ambition.ambition_panel(data.indicators, data.quality, loading.sources_table())


@pytest.fixture(scope="session")
def corpus_data():
    """The processed tables of data/processed, built first from the whole corpus when missing.

    Existing tables are used as they are: the notebooks and the expected values read the same
    files, so the comparison holds either way. Under xdist two workers may both find them
    missing; the one that does not get the build lock waits for the other's result.
    """
    from plantargets import paths
    from plantargets.analysis import loading
    from plantargets.dataset import processed
    from plantargets.fileio import LockHeld

    deadline = time.monotonic() + 180
    needed = [f"{n}.csv" for n in ("indicators", "sector_mix", "quality")]
    needed += [f"{n}.parquet" for n in ("target_outcomes", "plan_outcomes")]
    while not all((paths.PROCESSED_DIR / name).is_file() for name in needed):
        try:
            # The whole bundled corpus, as `make data` builds it: the panel notebooks (05-08)
            # need many regions and years, which the suite's seeds-only manifest lacks.
            processed.build_processed(ROOT / "data" / "raw" / "sources.csv")
        except LockHeld:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)
    return loading.load_processed()
