"""Building the HTML reports: decide what changed, execute notebooks, write the index.

``build_reports`` is what ``plantargets build`` and ``make reports`` run. In order it:

1. reads ``reports.yml`` (:mod:`.config`) and the manifest, failing fast on a bad config;
2. takes ``reports/.build.lock``, so two builds never write the same folder;
3. calls the caller's ``extract`` callback, which refreshes ``data/processed``;
4. hashes every report's inputs (:mod:`.state`, planned in :mod:`.plan`) and keeps only the reports whose
   inputs changed, whose last run failed or whose outputs are missing;
5. runs those in worker processes (:mod:`.execute`): executed notebook under
   ``reports/executed/``, HTML as ``reports/<name>.html``, CSVs in ``reports/<name>_data/``;
6. copies the processed tables into ``reports/data/processed/`` and writes ``reports/index.html``
   (:mod:`.publish`).

A notebook that fails leaves the other reports building; its last good HTML stays
published and is marked stale on the index, and the result is not ``ok``. With nothing
to do, no kernel starts and no heavy module is imported. See ``docs/reports.md``.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tqdm import tqdm

from plantargets import paths
from plantargets.dataset.manifest import Source, load_manifest
from plantargets.fileio import atomic_write_text, build_lock
from plantargets.reports.config import BuildConfig, load_config, select
from plantargets.reports.execute import EXECUTED_DIR, TMP_DIR, Job, Outcome
from plantargets.reports.fonts import embed_cjk_font
from plantargets.reports.html import render_index
from plantargets.reports.lifeline import repair_interrupted_moves
from plantargets.reports.plan import CONFIG_NAME, _git_commit, _job, _Layout, _layout, _Plan, _plan
from plantargets.reports.publish import (
    _copy_processed,
    _dataset_summary,
    _index_context,
    _index_key,
    _processed_files,
    _prune,
)
from plantargets.reports.state import BuildState, FileHasher, files_digest
from plantargets.reports.workers import run_jobs

LOCK_NAME = ".build.lock"
OK_STATUSES = ("built", "skipped")


@dataclass
class ReportResult:
    """One report's fate in this build: built, skipped (up to date), failed, or stale."""

    name: str
    title: str
    status: str
    duration: float = 0.0
    error: str = ""
    html: Path | None = None
    executed: Path | None = None


@dataclass
class BuildResult:
    """What ``build_reports`` did; ``ok`` decides the CLI's exit status."""

    reports: list[ReportResult] = field(default_factory=list)
    dataset: dict[str, Any] = field(default_factory=dict)
    index: Path | None = None
    elapsed: float = 0.0
    nothing_to_do: bool = False

    @property
    def ok(self) -> bool:
        return all(r.status in OK_STATUSES for r in self.reports)

    def summary(self) -> str:
        """A plain-text table of every report with its status and duration, for logs."""
        if self.nothing_to_do:
            return f"nothing to do: {len(self.reports)} reports up to date ({self.elapsed:.2f} s)"
        width = max([len(r.name) for r in self.reports] + [6])
        lines = [f"{'report':<{width}}  {'status':<8}  {'time':>7}"]
        for r in self.reports:
            dur = f"{r.duration:6.1f}s" if r.status != "skipped" else "      -"
            lines.append(f"{r.name:<{width}}  {r.status:<8}  {dur}" + (f"  {r.error}" if r.error else ""))
        counts = {s: sum(r.status == s for r in self.reports) for s in ("built", "skipped", "failed", "stale")}
        lines.append(
            ", ".join(f"{n} {s}" for s, n in counts.items() if n)
            + f" in {self.elapsed:.1f} s"
            + (f"; index: {self.index}" if self.index else "")
        )
        if not self.ok:
            lines.append("some reports FAILED: their executed notebooks under reports/executed/ show the error")
        return "\n".join(lines)


def _run_jobs(jobs: list[Job], workers: int, progress: bool) -> list[Outcome]:
    """Run jobs in worker processes with a progress bar; failures are printed as they happen."""
    with tqdm(total=len(jobs), unit="report", desc="reports", disable=not progress, file=sys.stderr) as bar:

        def done(outcome: Outcome) -> None:
            bar.set_postfix_str(outcome.name, refresh=False)
            bar.update(1)
            if not outcome.ok:
                where = f"cell {outcome.failed_cell}" if outcome.failed_cell is not None else "-"
                msg = f"FAILED {outcome.name}: {where}: {outcome.ename}: {outcome.evalue}"
                if progress:
                    bar.write(msg, file=sys.stderr)
                else:
                    print(msg, file=sys.stderr)

        return run_jobs(jobs, workers, done)


@dataclass
class _Run:
    """One build's settings and what it has read so far, handed from planning to building."""

    cfg: BuildConfig
    layout: _Layout
    state: BuildState
    hasher: FileHasher
    sources: list[Source]
    extracted: dict[str, Any] | None
    data_files: list[Path]
    data_digest: str
    jobs: int
    with_code: bool
    timeout: int | None
    progress: bool
    pruning: bool
    started: float


def _check_arguments(jobs: int, timeout: int | None) -> None:
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    if timeout is not None and timeout <= 0:
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout}")


def _load_sources(layout: _Layout) -> list[Source]:
    return load_manifest(layout.manifest) if layout.manifest.is_file() else []


def build_reports(
    config_path: Path | None = None,
    *,
    force: bool = False,
    jobs: int = 1,
    with_code: bool = False,
    only: list[str] | None = None,
    reports_dir: Path | None = None,
    progress: bool = True,
    timeout: int | None = None,
    extract: Callable[[], dict] | None = None,
    docs: list[str] | None = None,
) -> BuildResult:
    """Bring ``reports/`` up to date with the notebooks, the library and the data.

    ``config_path`` defaults to ``reports.yml`` at the project root; its folder is the root
    notebooks see as ``PLANTARGETS_ROOT``. ``only`` takes report names or globs. ``timeout``
    (seconds per cell) overrides the config. ``extract`` is called first, under the lock,
    to refresh ``data/processed``; its dict may carry ``documents``/``rows``/``findings``.
    Raises :class:`~.config.ReportConfigError` for a bad config and
    :class:`~.fileio.LockHeld` when another build holds the lock; a failing notebook does
    not raise, it makes the result not ``ok``.
    """
    started = time.perf_counter()
    _check_arguments(jobs, timeout)
    layout = _layout(config_path, reports_dir)
    sources = _load_sources(layout)
    with build_lock(layout.reports / LOCK_NAME, "build"):
        repair_interrupted_moves(layout.reports)  # a crash between the two renames of a CSV folder
        extracted = extract() if extract is not None else None
        if extracted is not None:  # the extract step may have changed the manifest's documents
            sources = _load_sources(layout)
        cfg = load_config(layout.config, layout.root, sources if layout.manifest.is_file() else None)
        state = BuildState.load(layout.reports)
        hasher = FileHasher(cache=state.file_cache)
        plans = _plan(
            cfg, select(cfg.reports, only, layout.config, docs), layout, state, hasher, sources, force, with_code
        )
        data_files = _processed_files(layout)
        run = _Run(
            cfg, layout, state, hasher, sources, extracted, data_files, files_digest(data_files, hasher, layout.root),
            jobs, with_code, timeout, progress, pruning=not only and not docs, started=started,
        )  # fmt: skip
        todo = [p for p in plans if p.mode != "skip"]
        index = layout.reports / "index.html"
        if (
            not todo
            and _index_key(cfg.reports, state, run.data_digest, extracted) == state.index_key
            and index.is_file()
        ):
            return _nothing_to_do(run, plans, index)
        return _build(run, plans, todo)


def _nothing_to_do(run: _Run, plans: list[_Plan], index: Path) -> BuildResult:
    """Every report and the index are current: refresh the file cache only, start no kernel."""
    if any(run.state.file_cache.get(k) != v for k, v in run.hasher.seen.items()):
        run.state.save(run.hasher)  # refresh the (size, mtime) cache so the next no-op reads nothing
    return BuildResult(
        reports=[ReportResult(p.spec.output, p.spec.title, "skipped") for p in plans],
        dataset=run.state.dataset,
        index=index,
        elapsed=time.perf_counter() - run.started,
        nothing_to_do=True,
    )


def _record(run: _Run, plan: _Plan, outcome: Outcome | None, built_at: str) -> ReportResult:
    """Update the build state of one report from its outcome (None: not run) and say what happened."""
    name = plan.spec.output
    html = run.layout.reports / f"{name}.html"
    executed = run.layout.reports / EXECUTED_DIR / f"{name}.ipynb"
    rec = run.state.reports.get(name, {})
    if outcome is None:
        status, duration, error = "skipped", 0.0, ""
    elif outcome.ok:
        status, duration, error = "built", outcome.duration, ""
        rec = {
            "exec_key": plan.exec_key,
            "render_key": plan.render_key,
            "status": "built",
            "built_at": built_at,
            "duration": round(outcome.duration, 3),
            "tables": outcome.tables,
            "error": "",
        }
    else:
        status = "stale" if html.is_file() else "failed"
        duration, error = outcome.duration, outcome.error
        rec = {**rec, "status": status, "error": error, "failed_at": built_at}
    run.state.reports[name] = rec
    return ReportResult(
        name,
        plan.spec.title,
        status,
        duration,
        error,
        html if html.is_file() else None,
        executed if executed.is_file() else None,
    )


def _build(run: _Run, plans: list[_Plan], todo: list[_Plan]) -> BuildResult:
    built_at = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
    commit = _git_commit(run.layout.root)
    shutil.rmtree(run.layout.reports / TMP_DIR, ignore_errors=True)  # leftovers of an interrupted build
    workers = max(1, min(run.jobs, len(todo)))
    job_list = [_job(plan, run.cfg, run.layout, run.with_code, run.timeout, built_at, commit) for plan in todo]
    outcomes = {o.name: o for o in _run_jobs(job_list, workers, run.progress)} if job_list else {}
    shutil.rmtree(run.layout.reports / TMP_DIR, ignore_errors=True)
    results = [_record(run, plan, outcomes.get(plan.spec.output), built_at) for plan in plans]
    if run.pruning:  # on-demand reports are configured too: one built earlier is kept
        _prune(run.state, {s.output for s in run.cfg.reports}, run.layout)
    copied = _copy_processed(run.data_files, run.layout, run.hasher)
    dataset = _dataset_summary(run.extracted, run.layout, run.sources)
    # With --only, the index still lists every configured report (the others as last built).
    # On-demand reports (e.g. a region profile not selected in reports.yml) only once built.
    listed = [s for s in run.cfg.reports if not s.on_demand or s.output in run.state.reports]
    context = _index_context(listed, run.state, run.layout, dataset, copied, built_at, commit)
    index = run.layout.reports / "index.html"
    atomic_write_text(index, embed_cjk_font(render_index(context)))
    run.state.dataset = dataset
    # A failed report is retried next time anyway; a blank key makes sure the index is rewritten too.
    ok = all(r.status in OK_STATUSES for r in results)
    run.state.index_key = _index_key(run.cfg.reports, run.state, run.data_digest, run.extracted) if ok else ""
    run.state.save(run.hasher)
    return BuildResult(reports=results, dataset=dataset, index=index, elapsed=time.perf_counter() - run.started)


def default_config_path() -> Path:
    """``reports.yml`` at the project root (``PLANTARGETS_ROOT`` moves it)."""
    return paths.ROOT / CONFIG_NAME


__all__ = ["BuildResult", "ReportResult", "build_reports", "default_config_path"]
