"""reports.lifeline: a report worker dies with the build that started it; set-aside CSV folders come back.

tests/test_adversarial.py kills a real build with a busy worker and kernel (slow); here the two
halves on their own: the kernel's parent-death signal on a plain child process, and the
fallback check a worker makes before publishing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from plantargets.reports import lifeline
from plantargets.reports.lifeline import SET_ASIDE_RE, parent_alive, repair_interrupted_moves

# The "build": starts a "worker" that asks to die with it, reports the worker's pid and exits.
BUILD = """
import subprocess, sys
worker = subprocess.Popen(
    [sys.executable, "-c",
     "import time\\nfrom plantargets.reports.lifeline import die_with_parent\\n"
     "print(die_with_parent(), flush=True)\\ntime.sleep(60)"],
    stdout=subprocess.PIPE, text=True,
)
print(worker.pid, worker.stdout.readline().strip(), flush=True)
"""


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl(PR_SET_PDEATHSIG) is Linux only")
def test_a_worker_dies_when_its_build_exits() -> None:
    run = subprocess.run([sys.executable, "-c", BUILD], capture_output=True, text=True, timeout=60, check=True)
    pid_text, armed = run.stdout.split()
    pid = int(pid_text)
    assert armed == "True"  # the kernel will send SIGKILL
    deadline = time.monotonic() + 10
    while not _gone(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if not _gone(pid):  # do not leave it running when the test fails
        os.kill(pid, 9)
        pytest.fail("the worker outlived its build")


def test_parent_alive_compares_the_remembered_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lifeline, "_PARENT", None)
    assert parent_alive()  # never armed (a build run in-process): nothing to check
    monkeypatch.setattr(lifeline, "_PARENT", os.getppid())
    assert parent_alive()
    monkeypatch.setattr(lifeline, "_PARENT", os.getppid() + 100_000)  # re-parented: the build is gone
    assert not parent_alive()


def test_set_aside_names_are_what_the_publish_writes() -> None:
    assert SET_ASIDE_RE.match("region-hure-fyp14_data.old-0badc0de").group("name") == "region-hure-fyp14_data"
    for name in ("mix_data", "mix_data.old-xyz", "mix.old-0badc0de", "mix_data.old-0BADC0DE"):
        assert SET_ASIDE_RE.match(name) is None, name


def test_repair_leaves_other_entries_alone(tmp_path: Path) -> None:
    assert repair_interrupted_moves(tmp_path / "missing") == []
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "mix_data.old-0badc0de").write_text("a file, not a set-aside folder", encoding="utf-8")
    (reports / "mix.html").write_text("<html></html>", encoding="utf-8")
    (reports / "growth_data.old-1234abcd").mkdir()
    (reports / "growth_data.old-1234abcd" / "panel.csv").write_text("region,value\n库伦旗,6\n", encoding="utf-8")
    assert repair_interrupted_moves(reports) == ["growth_data"]
    assert sorted(p.name for p in reports.iterdir()) == ["growth_data", "mix.html", "mix_data.old-0badc0de"]
    assert (reports / "growth_data" / "panel.csv").read_text(encoding="utf-8") == "region,value\n库伦旗,6\n"
    assert repair_interrupted_moves(reports) == []  # idempotent
