"""reports.workers: the scheduler that feeds report jobs to worker processes, and a real worker.

The scheduler is exercised with a stand-in worker (a few lines of Python speaking the same
JSON-lines protocol) so that a worker can be made to die on cue; one job then goes through a
real worker: re-rendering a kept executed notebook to HTML, no kernel started.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import nbformat
import pytest

from plantargets.reports import workers
from plantargets.reports.execute import EXECUTED_DIR, Job, Outcome
from plantargets.reports.workers import run_jobs

SHA = "7729e7b45f041119a574a980a3f8e2d04650ac7fade6f756b16a9b99cf6373d4"
# Answers each job with an outcome naming its prewarm flag; a job named 'die…' kills the worker.
FAKE_WORKER = """
import json, os, sys
for line in sys.stdin:
    job = json.loads(line)
    if job["name"].startswith("die"):
        os._exit(3)
    out = {"name": job["name"], "ok": True, "duration": 0.0, "evalue": f"prewarm={job['prewarm']} pid={os.getpid()}"}
    sys.stdout.write(json.dumps(out) + "\\n")
    sys.stdout.flush()
"""


def _job(name: str, tmp_path: Path, mode: str = "execute") -> Job:
    return Job(
        name=name, title=name, notebook="nb.ipynb", parameters={}, mode=mode, reports_dir=str(tmp_path / "reports"),
        root=str(tmp_path), kernel="python3", preload=(), timeout=60, with_code=False, header={},
    )  # fmt: skip


@pytest.fixture
def fake_workers(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Workers started as the stand-in; returns the commands the scheduler asked for."""
    asked: list[list[str]] = []

    def popen(cmd: list[str], **kwargs: Any) -> subprocess.Popen[str]:
        asked.append(cmd)
        return subprocess.Popen([sys.executable, "-c", FAKE_WORKER], **kwargs)

    fake = types.SimpleNamespace(Popen=popen, PIPE=subprocess.PIPE, TimeoutExpired=subprocess.TimeoutExpired)
    monkeypatch.setattr(workers, "subprocess", fake)
    return asked


def test_outcomes_come_back_in_job_order_and_prewarm_only_while_work_remains(
    fake_workers: list[list[str]], tmp_path: Path
) -> None:
    jobs = [_job(n, tmp_path) for n in ("a", "b", "c", "d")]
    seen: list[str] = []
    outcomes = run_jobs(jobs, 2, lambda o: seen.append(o.name))
    assert [o.name for o in outcomes] == ["a", "b", "c", "d"] and sorted(seen) == ["a", "b", "c", "d"]
    assert len(fake_workers) == 2 and fake_workers[0][1:] == ["-m", "plantargets.reports.workers"]
    # a and b leave 3 and 2 executions queued for 2 workers: each worker needs another kernel
    prewarm = {o.name: o.evalue.split()[0] for o in outcomes}
    assert prewarm == {"a": "prewarm=True", "b": "prewarm=True", "c": "prewarm=False", "d": "prewarm=False"}


def test_render_jobs_never_prewarm_a_kernel(fake_workers: list[list[str]], tmp_path: Path) -> None:
    outcomes = run_jobs([_job(n, tmp_path, mode="render") for n in "abc"], 1, lambda o: None)
    assert {o.evalue.split()[0] for o in outcomes} == {"prewarm=False"}


def test_a_dead_worker_fails_only_its_job_and_is_replaced(fake_workers: list[list[str]], tmp_path: Path) -> None:
    jobs = [_job(n, tmp_path) for n in ("a", "die-b", "c")]
    outcomes = run_jobs(jobs, 1, lambda o: None)
    a, b, c = outcomes
    assert a.ok and c.ok
    assert not b.ok and b.ename == "WorkerDied" and "exited with code 3" in b.evalue
    assert len(fake_workers) == 2  # the replacement
    assert a.evalue.split()[1] != c.evalue.split()[1]  # c ran in the new process


def test_no_jobs_start_no_workers(fake_workers: list[list[str]]) -> None:
    assert run_jobs([], 2, lambda o: None) == []
    assert fake_workers == []


def test_a_real_worker_renders_a_kept_notebook(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    (reports / EXECUTED_DIR).mkdir(parents=True)
    cell = nbformat.v4.new_code_cell("print(target)")
    # 库伦旗's GDP target, data/raw/003_3e4f07611e85fb5a.txt:60 (72.26 亿元 in 2025)
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="地区生产总值 2025: 72.26 亿元\n")]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 库伦旗"), cell])
    nbformat.write(nb, str(reports / EXECUTED_DIR / "kulun.ipynb"))
    header = {  # what reports.build puts in a job's provenance header
        "title": "库伦旗",
        "lang": "zh",
        "parameters": [("region", "hure-fyp14")],
        "built_at": "2026-12-03 08:00",
        "version": "0.1.0",
        "commit": None,
        "notebook": "notebooks/04_region_profile.ipynb",
        "executed": f"{EXECUTED_DIR}/kulun.ipynb",
        # data/raw/sources.csv:5, the seed the numbers come from
        "sources": [{"doc_id": "hure-fyp14", "region": "库伦旗", "file": "003_3e4f07611e85fb5a.txt", "sha256": SHA}],
    }
    job = dataclasses.replace(_job("kulun", tmp_path, mode="render"), title="库伦旗", header=header)
    done: list[Outcome] = []
    (outcome,) = run_jobs([job], 1, done.append)
    assert outcome.ok, outcome.error
    assert done == [outcome]
    page = (reports / "kulun.html").read_text(encoding="utf-8")
    assert "地区生产总值 2025: 72.26 亿元" in page and "print(target)" not in page  # code hidden
    assert SHA in page and "region = hure-fyp14" in page  # the provenance header
