"""Load test (issue 16, case 4): twenty `plantargets add` processes started at once keep every row and file.

Before the manifest lock, each process read sources.csv, worked, and wrote it back: the last
writer won and the other rows vanished while their files stayed in data/raw as orphans.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plantargets.dataset.manifest import load_manifest

from .conftest import ROOT
from .test_adversarial import META, _report, raw  # noqa: F401  (raw is a fixture)

PROCESSES = 20


@pytest.mark.slow
def test_case4_twenty_concurrent_adds_keep_every_row_and_file(tmp_path: Path, raw: Path) -> None:  # noqa: F811
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "lib"), "PLANTARGETS_RAW_DIR": str(raw)}
    procs = []
    started = time.perf_counter()
    for i in range(PROCESSES):
        year = 2000 + i
        doc = _report(incoming, f"report-{year}.txt", year)
        args = ["--doc-id", f"moumou-gwr{year}", "--year", str(year), "--yes"]
        args += ["--region", META["region_zh"], "--region-en", META["region_en"], "--admin-code", META["admin_code"]]
        args += ["--doc-type", "work_report"]
        cmd = [sys.executable, "-m", "plantargets", "add", str(doc), *args]
        procs.append(subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    results = [(p.wait(timeout=600), *p.communicate()) for p in procs]
    elapsed = time.perf_counter() - started
    failures = [err for code, _, err in results if code != 0]
    assert not failures, failures[:3]
    sources = load_manifest(raw / "sources.csv", raw_dir=raw)
    added = {s.doc_id for s in sources if s.doc_id.startswith("moumou-")}
    assert added == {f"moumou-gwr{2000 + i}" for i in range(PROCESSES)}
    assert len(sources) == 5 + PROCESSES
    listed = {s.file for s in sources}
    on_disk = {p.name for p in raw.iterdir() if p.is_file() and not p.name.startswith(".") and p.name != "sources.csv"}
    assert on_disk == listed  # every file recorded, none orphaned
    print(f"{PROCESSES} concurrent adds in {elapsed:.1f} s")
