"""Executing one report: notebook → executed ``.ipynb`` → self-contained HTML.

Kernels are started and pooled in :mod:`.kernel`; the page is made in :mod:`.render`.
This runs in worker processes (see :mod:`plantargets.reports.workers`), never in the
caller's process, for three reasons: ``--jobs N`` needs processes anyway, the heavy imports
(nbformat, nbclient, nbconvert) stay out of the CLI, and the import-time workaround below
cannot leak into the caller.

Where the time goes (measured on the project's 2-core CI box with a pandas + matplotlib
notebook): kernel start 0.7 s, importing pandas/matplotlib in it 1.1 s, graceful shutdown
0.4 s, HTML export 0.02 s, the notebook's own cells the rest. So each worker keeps one
*spare* kernel that is started and pre-imports the ``preload`` modules while the current
notebook runs, and kernels are killed rather than shut down gracefully once the notebook
is saved. Each kernel serves exactly one notebook, so notebooks never share state.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from plantargets.errors import PlanTargetsError
from plantargets.fileio import atomic_write_text
from plantargets.reports.html import external_references
from plantargets.reports.kernel import (
    KERNEL_STARTUP_TIMEOUT,
    _KernelKey,
    _pool,
    _WarmKernel,
    close_worker,
    init_worker,
)
from plantargets.reports.lifeline import parent_alive
from plantargets.reports.page import finish_page
from plantargets.reports.render import export_html, sanitize_outputs
from plantargets.reports.sanitise import EXPORT_SECONDS, check_output_size, deadline

EXECUTED_DIR = "executed"
TMP_DIR = ".tmp"


class ExternalReferenceError(PlanTargetsError):
    """A rendered report would load or link something outside the reports folder."""


@dataclass(frozen=True)
class Job:
    """Everything a worker needs for one report (plain data: it crosses process boundaries)."""

    name: str  # output name: reports/<name>.html, executed/<name>.ipynb, <name>_data/
    title: str
    notebook: str  # path of the notebook file; the kernel runs in its folder
    parameters: dict[str, Any]  # injected into the notebook's parameters cell
    mode: str  # "execute" or "render" (re-export the kept executed notebook)
    reports_dir: str  # the reports folder everything is written to
    root: str  # project root, PLANTARGETS_ROOT in the kernel (whose data/ the notebook reads)
    kernel: str  # Jupyter kernel name
    preload: tuple[str, ...]  # modules imported into the kernel before the notebook runs
    timeout: int  # seconds per notebook cell
    with_code: bool  # the page shows code cells and stderr
    header: dict[str, Any]  # the page's provenance header: title, lang, parameters, commit, sources
    prewarm: bool = False  # start a spare kernel for a following job


@dataclass
class Outcome:
    """What happened to one job; ``ok`` False means the executed notebook shows the error."""

    name: str
    ok: bool
    duration: float
    error: str = ""
    failed_cell: int | None = None
    ename: str = ""
    evalue: str = ""
    tables: list[str] = field(default_factory=list)


def _move_tables(src: Path, dest: Path) -> list[str]:
    """Publish this run's CSVs as ``dest`` (replacing the old set in one rename)."""
    tables = sorted(p.name for p in src.glob("*.csv"))
    old = dest.with_name(f"{dest.name}.old-{uuid.uuid4().hex[:8]}")
    if dest.exists():
        os.replace(dest, old)
    if tables:
        os.replace(src, dest)
    shutil.rmtree(old, ignore_errors=True)
    return tables


def _locate_failure(nb: Any, outcome: Outcome) -> None:
    """Report the failing cell by its index in the *source* notebook, the one a person edits.

    The executed copy has the injected-parameters cell (and, once saved, the error banner)
    in front, so its indices are off by one or two; the ``In [n]`` count is given as well.
    """
    index = outcome.failed_cell
    if index is None:
        outcome.error = f"{outcome.ename}: {outcome.evalue}"
        return
    count = nb.cells[index].get("execution_count") if index < len(nb.cells) else None
    injected = [i for i, c in enumerate(nb.cells) if "injected-parameters" in c.metadata.get("tags", [])]
    source_index = index - sum(i < index for i in injected)
    outcome.failed_cell = source_index
    prompt = f" (In [{count}])" if count else ""
    outcome.error = f"cell {source_index}{prompt}: {outcome.ename}: {outcome.evalue}"


def _error_banner(outcome: Outcome, notebook: str) -> Any:
    import nbformat  # late: jupyter (~1.2 s), worker processes only

    where = f"cell {outcome.failed_cell} of {notebook}" if outcome.failed_cell is not None else "start-up"
    cell = nbformat.v4.new_markdown_cell(
        f"**This report failed to build** at {where}: `{outcome.ename}`: {outcome.evalue}\n\n"
        "The cells below show the outputs up to the error; the published HTML is the last good build."
    )
    cell.metadata["tags"] = ["plantargets-error"]
    return cell


def _failed(job: Job, cell: int | None, ename: str, evalue: str) -> Outcome:
    """The outcome of a run that stopped at ``cell`` (None: before the first cell)."""
    return Outcome(job.name, False, 0.0, failed_cell=cell, ename=ename, evalue=evalue)


def _parameterized(job: Job) -> Any:
    """The notebook with papermill's injected-parameters cell after the tagged one."""
    import nbformat  # late: jupyter (~1.2 s), worker processes only
    from papermill.parameterize import parameterize_notebook

    nb = nbformat.read(job.notebook, as_version=4)
    for cell in nb.cells:  # papermill expects these keys, which it adds when it reads a notebook itself
        cell.metadata.setdefault("tags", [])
    nb.metadata.setdefault("papermill", {})
    return parameterize_notebook(nb, job.parameters, kernel_name=job.kernel, language="python")


def _run_cells(nb: Any, job: Job, kernel: _WarmKernel, cwd: str) -> Outcome:
    """Run every cell in ``kernel``; a failure becomes an Outcome naming the cell, never an exception."""
    from nbclient import NotebookClient  # late: jupyter (~1.2 s), worker processes only
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    current: dict[str, int] = {}

    def on_cell_start(cell: Any, cell_index: int) -> None:
        current["index"] = cell_index

    outcome = Outcome(name=job.name, ok=True, duration=0.0)
    client = NotebookClient(
        nb,
        km=kernel.km,
        timeout=job.timeout,
        kernel_name=job.kernel,
        allow_errors=False,
        startup_timeout=KERNEL_STARTUP_TIMEOUT,
        record_timing=True,
        resources={"metadata": {"path": cwd}},
        on_cell_start=on_cell_start,
    )
    try:
        kernel.wait_ready()
        client.execute()
    except CellTimeoutError as exc:
        reason = f"cell ran longer than the {job.timeout} s timeout ({str(exc).splitlines()[0]})"
        outcome = _failed(job, current.get("index"), "CellTimeoutError", reason)
    except CellExecutionError as exc:
        reason = exc.evalue or str(exc).strip().splitlines()[-1]
        outcome = _failed(job, current.get("index"), exc.ename or "Error", reason)
    except DeadKernelError as exc:
        reason = f"the kernel died (out of memory or a crash in a C extension?): {exc}"
        outcome = _failed(job, current.get("index"), "DeadKernelError", reason)
    except Exception as exc:  # kernel failed to start, missing kernelspec, ...
        outcome = _failed(job, current.get("index"), type(exc).__name__, str(exc))
    finally:
        if client.kc is not None:
            with contextlib.suppress(Exception):
                client.kc.stop_channels()
        kernel.kill(remove_data=False)
    return outcome


def _stamp(nb: Any, job: Job, outcome: Outcome, t0: datetime, started: float) -> None:
    """Record timings, parameters and the failure (with a banner cell) in the executed notebook."""
    meta = nb.metadata.setdefault("papermill", {})
    meta.update(
        {
            "start_time": t0.isoformat(),
            "end_time": datetime.now(UTC).isoformat(),
            "duration": round(time.perf_counter() - started, 3),
            "exception": not outcome.ok,
        }
    )
    nb.metadata["plantargets"] = {
        "report": job.name,
        "parameters": job.parameters,
        "status": "built" if outcome.ok else "failed",
        "failed_cell": outcome.failed_cell,
        "ename": outcome.ename,
        "evalue": outcome.evalue,
    }
    if not outcome.ok:
        _locate_failure(nb, outcome)
        nb.cells.insert(0, _error_banner(outcome, Path(job.notebook).name))


def _execute(job: Job, reports_dir: Path) -> tuple[Any, Outcome, Path | None]:
    """Run the report's notebook in a (pre-warmed) kernel and save it under ``executed/``."""
    import nbformat  # late: jupyter (~1.2 s), worker processes only

    started = time.perf_counter()
    t0 = datetime.now(UTC)
    nb = _parameterized(job)
    cwd = str(Path(job.notebook).parent)
    key = _KernelKey(job.kernel, cwd, job.root, str(reports_dir / TMP_DIR), tuple(job.preload))
    pool = _pool()
    kernel = pool.acquire(key)
    if job.prewarm:
        pool.prestart(key)
    outcome = _run_cells(nb, job, kernel, cwd)
    _stamp(nb, job, outcome, t0, started)
    atomic_write_text(reports_dir / EXECUTED_DIR / f"{job.name}.ipynb", nbformat.writes(nb))
    return nb, outcome, kernel.data_dir


def run_job(job: Job) -> Outcome:
    """Execute (or only re-render) one report; never raises for a notebook's own failure."""
    import nbformat  # late: jupyter (~1.2 s), worker processes only

    started = time.perf_counter()
    reports_dir = Path(job.reports_dir)
    data_dest = reports_dir / f"{job.name}_data"
    data_dir: Path | None = None
    try:
        if job.mode == "execute":
            nb, outcome, data_dir = _execute(job, reports_dir)
            if not outcome.ok:
                outcome.duration = time.perf_counter() - started
                return outcome
            tables = sorted(p.name for p in data_dir.glob("*.csv")) if data_dir else []
        else:
            nb = nbformat.read(reports_dir / EXECUTED_DIR / f"{job.name}.ipynb", as_version=4)
            outcome = Outcome(name=job.name, ok=True, duration=0.0)
            tables = sorted(p.name for p in data_dest.glob("*.csv"))
        check_output_size(nb)  # issue 16, case 10: too much output fails clearly, before the slow part
        with deadline(EXPORT_SECONDS, "exporting the report to HTML"):
            page = finish_page(export_html(nb, job, tables), job.header.get("lang"))
        if not parent_alive():  # the build that asked for this page is gone: publish nothing
            raise PlanTargetsError("the build that started this report has exited; nothing published")
        outside = external_references(page)  # issue 16, case 8: a page that reaches out is not published
        if outside:
            raise ExternalReferenceError(f"the page refers outside the reports folder: {', '.join(outside[:3])}")
        atomic_write_text(reports_dir / f"{job.name}.html", page)
        if data_dir is not None:
            tables = _move_tables(data_dir, data_dest)
        outcome.tables = tables
    except Exception as exc:  # export or file system: still one report's failure, not the build's
        outcome = Outcome(
            job.name, False, 0.0, ename=type(exc).__name__, evalue=str(exc), error=f"{type(exc).__name__}: {exc}"
        )
    finally:
        if data_dir is not None:
            shutil.rmtree(data_dir, ignore_errors=True)
    outcome.duration = time.perf_counter() - started
    return outcome


__all__ = ["EXECUTED_DIR", "TMP_DIR", "Job", "Outcome", "close_worker", "init_worker", "run_job", "sanitize_outputs"]
