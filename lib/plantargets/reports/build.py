"""Building the HTML reports: decide what changed, execute notebooks, write the index.

``build_reports`` is what ``plantargets build`` and ``make reports`` run. In order it:

1. reads ``reports.yml`` (:mod:`.reports_config`) and the manifest, failing fast on a bad config;
2. takes ``reports/.build.lock``, so two builds never write the same folder;
3. calls the caller's ``extract`` callback, which refreshes ``data/processed``;
4. hashes every report's inputs (:mod:`.reports_state`) and keeps only the reports whose
   inputs changed, whose last run failed or whose outputs are missing;
5. runs those in worker processes (:mod:`.reports_exec`): executed notebook under
   ``reports/executed/``, HTML as ``reports/<name>.html``, CSVs in ``reports/<name>_data/``;
6. copies the processed tables into ``reports/data/processed/`` and writes ``reports/index.html``.

A notebook that fails leaves the other reports building; its last good HTML stays
published and is marked stale on the index, and the result is not ``ok``. With nothing
to do, no kernel starts and no heavy module is imported. See ``docs/reports.md``.
"""

from __future__ import annotations

import contextlib
import csv
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tqdm import tqdm

from plantargets import __version__, paths
from plantargets.dataset.manifest import Source, load_manifest
from plantargets.fileio import atomic_write_bytes, atomic_write_text, build_lock
from plantargets.paths import library_files
from plantargets.reports.config import BuildConfig, ReportSpec, load_config, select
from plantargets.reports.execute import EXECUTED_DIR, TMP_DIR, Job, Outcome
from plantargets.reports.html import relative_href, render_index, write_cjk_font
from plantargets.reports.lifeline import repair_interrupted_moves
from plantargets.reports.state import BuildState, FileHasher, digest, files_digest, resolve_inputs, template_files
from plantargets.reports.workers import run_jobs

CONFIG_NAME = "reports.yml"
LOCK_NAME = ".build.lock"
PROCESSED_COPY = Path("data") / "processed"  # inside reports/: the folder must work when zipped alone
PROCESSED_SUFFIXES = (".csv", ".json")  # tables and datapackage.json; parquet duplicates the CSV
OK_STATUSES = ("built", "skipped")
SUMMARY_KEYS = ("documents", "rows", "findings")  # what the index shows of the dataset


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


@dataclass(frozen=True)
class _Layout:
    """Where this build reads and writes; a config outside the project makes its folder the root."""

    config: Path
    root: Path
    reports: Path
    processed: Path
    manifest: Path


def _layout(config_path: Path | None, reports_dir: Path | None) -> _Layout:
    config = Path(config_path).resolve() if config_path else paths.ROOT / CONFIG_NAME
    root = config.parent
    home = root == paths.ROOT  # the project itself: honour the PLANTARGETS_*_DIR overrides
    return _Layout(
        config=config,
        root=root,
        reports=Path(reports_dir).resolve() if reports_dir else (paths.REPORTS_DIR if home else root / "reports"),
        processed=paths.PROCESSED_DIR if home else root / "data" / "processed",
        manifest=paths.MANIFEST if home else root / "data" / "raw" / "sources.csv",
    )


def _git_commit(root: Path) -> str | None:
    """The checked-out commit (``-dirty`` when files differ), or None outside git."""
    try:
        out = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--abbrev=12"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


def _param_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _report_sources(spec: ReportSpec, sources: list[Source]) -> list[Source]:
    """The documents a report is about: its doc_id, the doc_ids in ``regions``, else all."""
    if spec.doc_id:
        return [s for s in sources if s.doc_id == spec.doc_id]
    regions = spec.parameters.get("regions")
    if isinstance(regions, list):
        chosen = [s for s in sources if s.doc_id in regions]
        if chosen:
            return chosen
    return list(sources)


@dataclass
class _Plan:
    spec: ReportSpec
    exec_key: str
    render_key: str
    mode: str  # "execute", "render" or "skip"
    sources: list[dict[str, str]]


def _plan(
    cfg: BuildConfig,
    specs: list[ReportSpec],
    layout: _Layout,
    state: BuildState,
    hasher: FileHasher,
    sources: list[Source],
    force: bool,
    with_code: bool,
) -> list[_Plan]:
    lib = files_digest(library_files(), hasher, paths.PACKAGE_DIR)
    tpl = files_digest(template_files(), hasher, paths.PACKAGE_DIR)
    checksums = {s.doc_id: s.sha256 or hasher(s.path) for s in sources}
    plans = []
    for spec in specs:
        docs = [
            {
                "doc_id": s.doc_id,
                "region": s.region_zh if spec.parameters.get("lang") != "en" else s.region_en,
                "file": s.file,
                "sha256": checksums[s.doc_id],
            }
            for s in _report_sources(spec, sources)
        ]
        inputs = files_digest(resolve_inputs(spec.inputs, layout.root), hasher, layout.root)
        exec_key = digest(
            {
                "notebook": hasher(spec.notebook),
                "parameters": spec.parameters,
                "kernel": cfg.kernel,
                "library": lib,
                "inputs": inputs,
            }
        )
        render_key = digest(
            {"exec": exec_key, "templates": tpl, "with_code": with_code, "sources": docs, "title": spec.title}
        )
        rec = state.reports.get(spec.output, {})
        html = layout.reports / f"{spec.output}.html"
        executed = layout.reports / EXECUTED_DIR / f"{spec.output}.ipynb"
        data_dir = layout.reports / f"{spec.output}_data"
        tables_lost = any(not (data_dir / t).is_file() for t in rec.get("tables", []))
        if (
            force
            or rec.get("status") != "built"
            or rec.get("exec_key") != exec_key
            or not executed.is_file()
            or tables_lost
        ):
            mode = "execute"
        elif rec.get("render_key") != render_key or not html.is_file():
            mode = "render"
        else:
            mode = "skip"
        plans.append(_Plan(spec, exec_key, render_key, mode, docs))
    return plans


def _job(
    plan: _Plan,
    cfg: BuildConfig,
    layout: _Layout,
    with_code: bool,
    timeout: int | None,
    built_at: str,
    commit: str | None,
) -> Job:
    spec = plan.spec
    header = {
        "title": spec.title,
        "lang": spec.parameters.get("lang"),
        "parameters": [(k, _param_text(v)) for k, v in sorted(spec.parameters.items())],
        "built_at": built_at,
        "version": __version__,
        "commit": commit,
        "notebook": _rel(spec.notebook, layout.root),
        "executed": f"{EXECUTED_DIR}/{spec.output}.ipynb",
        "sources": plan.sources,
    }
    return Job(
        name=spec.output,
        title=spec.title,
        notebook=str(spec.notebook),
        parameters=dict(spec.parameters),
        mode=plan.mode,
        reports_dir=str(layout.reports),
        root=str(layout.root),
        kernel=cfg.kernel,
        preload=cfg.preload,
        timeout=timeout or spec.timeout,
        with_code=with_code,
        header=header,
    )


def _rel(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return str(path)


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
    Raises :class:`~.reports_config.ReportConfigError` for a bad config and
    :class:`~.fileio.LockHeld` when another build holds the lock; a failing notebook does
    not raise, it makes the result not ``ok``.
    """
    started = time.perf_counter()
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    if timeout is not None and timeout <= 0:
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout}")
    layout = _layout(config_path, reports_dir)
    sources = load_manifest(layout.manifest) if layout.manifest.is_file() else []
    with build_lock(layout.reports / LOCK_NAME, "build"):
        repair_interrupted_moves(layout.reports)  # a crash between the two renames of a CSV folder
        extracted = extract() if extract is not None else None
        if extracted is not None:  # the extract step may have changed the manifest's documents
            sources = load_manifest(layout.manifest) if layout.manifest.is_file() else []
        cfg = load_config(layout.config, layout.root, sources if layout.manifest.is_file() else None)
        specs = select(cfg.reports, only, layout.config, docs)
        state = BuildState.load(layout.reports)
        hasher = FileHasher(cache=state.file_cache)
        plans = _plan(cfg, specs, layout, state, hasher, sources, force, with_code)
        data_files = _processed_files(layout)
        data_digest = files_digest(data_files, hasher, layout.root)
        index_key = _index_key(cfg.reports, state, data_digest, extracted)
        todo = [p for p in plans if p.mode != "skip"]
        index = layout.reports / "index.html"
        if not todo and index_key == state.index_key and index.is_file():
            if any(state.file_cache.get(k) != v for k, v in hasher.seen.items()):
                state.save(hasher)  # refresh the (size, mtime) cache so the next no-op reads nothing
            return BuildResult(
                reports=[ReportResult(p.spec.output, p.spec.title, "skipped") for p in plans],
                dataset=state.dataset,
                index=index,
                elapsed=time.perf_counter() - started,
                nothing_to_do=True,
            )
        return _build(
            cfg,
            layout,
            plans,
            todo,
            state,
            hasher,
            data_files,
            extracted,
            sources,
            data_digest,
            jobs=jobs,
            with_code=with_code,
            timeout=timeout,
            progress=progress,
            pruning=not only and not docs,
            started=started,
        )


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


def _build(
    cfg: BuildConfig,
    layout: _Layout,
    plans: list[_Plan],
    todo: list[_Plan],
    state: BuildState,
    hasher: FileHasher,
    data_files: list[Path],
    extracted: dict[str, Any] | None,
    sources: list[Source],
    data_digest: str,
    *,
    jobs: int,
    with_code: bool,
    timeout: int | None,
    progress: bool,
    pruning: bool,
    started: float,
) -> BuildResult:
    built_at = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
    commit = _git_commit(layout.root)
    shutil.rmtree(layout.reports / TMP_DIR, ignore_errors=True)  # leftovers of an interrupted build
    workers = max(1, min(jobs, len(todo)))
    job_list = [_job(plan, cfg, layout, with_code, timeout, built_at, commit) for plan in todo]
    outcomes = {o.name: o for o in _run_jobs(job_list, workers, progress)} if job_list else {}
    shutil.rmtree(layout.reports / TMP_DIR, ignore_errors=True)

    results = []
    for plan in plans:
        name = plan.spec.output
        html = layout.reports / f"{name}.html"
        executed = layout.reports / EXECUTED_DIR / f"{name}.ipynb"
        outcome = outcomes.get(name)
        rec = state.reports.get(name, {})
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
        state.reports[name] = rec
        results.append(
            ReportResult(
                name,
                plan.spec.title,
                status,
                duration,
                error,
                html if html.is_file() else None,
                executed if executed.is_file() else None,
            )
        )
    if pruning:  # on-demand reports are configured too: one built earlier is kept
        _prune(state, {s.output for s in cfg.reports}, layout)
    copied = _copy_processed(data_files, layout, hasher)
    dataset = _dataset_summary(extracted, layout, sources)
    # With --only, the index still lists every configured report (the others as last built).
    # On-demand reports (e.g. a region profile not selected in reports.yml) only once built.
    listed = [s for s in cfg.reports if not s.on_demand or s.output in state.reports]
    context = _index_context(listed, state, layout, dataset, copied, built_at, commit)
    index = layout.reports / "index.html"
    atomic_write_text(index, render_index(context))
    write_cjk_font(layout.reports, ["index.html", *(f"{s.output}.html" for s in listed)])
    state.dataset = dataset
    # A failed report is retried next time anyway; a blank key makes sure the index is rewritten too.
    ok = all(r.status in OK_STATUSES for r in results)
    state.index_key = _index_key(cfg.reports, state, data_digest, extracted) if ok else ""
    state.save(hasher)
    return BuildResult(reports=results, dataset=dataset, index=index, elapsed=time.perf_counter() - started)


def default_config_path() -> Path:
    """``reports.yml`` at the project root (``PLANTARGETS_ROOT`` moves it)."""
    return paths.ROOT / CONFIG_NAME


__all__ = ["BuildResult", "ReportResult", "build_reports", "default_config_path"]
