"""Planning a build: where it reads and writes, and what each report needs doing.

A report is executed when its notebook, parameters, kernel, library or inputs changed (the
*exec key*), re-rendered when only its page would differ (templates, title, documents: the
*render key*), and skipped otherwise. :func:`_job` turns a plan into the plain-data
:class:`~.execute.Job` a worker process runs.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plantargets import __version__, paths
from plantargets.dataset.manifest import Source
from plantargets.paths import library_files
from plantargets.reports.config import BuildConfig, ReportSpec
from plantargets.reports.execute import EXECUTED_DIR, Job
from plantargets.reports.state import BuildState, FileHasher, digest, files_digest, resolve_inputs, template_files

CONFIG_NAME = "reports.yml"


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
