"""Executing one report: notebook → executed ``.ipynb`` → self-contained HTML.

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
import copy
import logging
import os
import shutil
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from plantargets import paths
from plantargets.errors import PlanTargetsError
from plantargets.fileio import atomic_write_text
from plantargets.reports.html import TEMPLATES_DIR, external_references, house_css, render_provenance
from plantargets.reports.lifeline import parent_alive
from plantargets.reports.sanitise import (
    EXPORT_SECONDS,
    allowed_attribute,
    check_output_size,
    deadline,
    pandas_style,
    split_style_blocks,
)

EXECUTED_DIR = "executed"
TMP_DIR = ".tmp"
KERNEL_STARTUP_TIMEOUT = 60  # seconds: a cold start on a loaded machine takes ~5 s
# pandas (DataFrame and Styler) puts <style> blocks before its tables. They are kept when every
# rule is scoped to a pandas table and cannot reach the network (reports/sanitise.py).
# Tags a notebook output may use in its HTML (pandas tables, simple markup); anything else,
# <script> included, is escaped and shown as text.
ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    }
)
ALLOWED_ATTRS = frozenset(
    {"class", "id", "title", "lang", "dir", "colspan", "rowspan", "align", "alt", "width", "height", "href", "src"}
)
# Output types that would run code in the reader's browser: dropped from the HTML.
DROPPED_MIME = (
    "application/javascript",
    "text/javascript",
    "application/vnd.jupyter.widget-view+json",
    "application/vnd.jupyter.widget-state+json",
)


def _avoid_slow_imports() -> None:
    """Skip a 2.7 s import that nbformat's validator pulls in without needing it.

    jsonschema imports ``rfc3987_syntax`` (if installed) to check the "iri" string format,
    and that package compiles a grammar at import time. Notebooks use no such format, and
    this runs only in our worker processes, so the caller's jsonschema is unaffected.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


class ExternalReferenceError(PlanTargetsError):
    """A rendered report would load or link something outside the reports folder."""


@dataclass(frozen=True)
class Job:
    """Everything a worker needs for one report (plain data: it crosses process boundaries)."""

    name: str
    title: str
    notebook: str
    parameters: dict[str, Any]
    mode: str  # "execute" or "render" (re-export the kept executed notebook)
    reports_dir: str
    root: str
    kernel: str
    preload: tuple[str, ...]
    timeout: int
    with_code: bool
    header: dict[str, Any]
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


@dataclass(frozen=True)
class _KernelKey:
    kernel: str
    cwd: str
    root: str
    tmp: str
    preload: tuple[str, ...]


class _WarmKernel:
    """A started kernel with its own empty folder for ``save_table`` output."""

    def __init__(self, key: _KernelKey) -> None:
        from jupyter_client.manager import AsyncKernelManager  # late: jupyter (~1.2 s), worker processes only
        from jupyter_core.utils import run_sync

        self.key = key
        self.data_dir = Path(key.tmp) / f"data-{uuid.uuid4().hex[:12]}"
        self.data_dir.mkdir(parents=True)
        env = dict(os.environ)
        env.update(
            {
                "PLANTARGETS_ROOT": key.root,
                "PLANTARGETS_REPORT_DATA_DIR": str(self.data_dir),
                # Figures must come back as PNG outputs, whatever backend the caller uses (tests use Agg).
                "MPLBACKEND": "module://matplotlib_inline.backend_inline",
                "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            }
        )
        env.pop("JPY_SESSION_NAME", None)
        if Path(key.root).resolve() != paths.ROOT:  # another project: its own data/raw/sources.csv
            env.pop("PLANTARGETS_MANIFEST", None)
        # IPC sockets: no "kernel is running over TCP without encryption" warning per report, and
        # nothing listening on the network. Socket paths are limited to ~100 bytes: keep them in /tmp.
        ipc = Path(tempfile.gettempdir()) / f"plantargets-{uuid.uuid4().hex[:12]}"
        self.km = AsyncKernelManager(kernel_name=key.kernel, transport="ipc", ip=str(ipc))
        run_sync(self.km.start_kernel)(env=env, cwd=key.cwd)
        self._warm_client: Any = None
        self._warm_msg = ""
        if key.preload:
            code = (
                "def __plantargets_preload():\n    import importlib\n"
                f"    for name in {list(key.preload)!r}:\n"
                "        try:\n            importlib.import_module(name)\n"
                "        except Exception:\n            pass\n"
                "__plantargets_preload()\ndel __plantargets_preload\n"
            )
            self._warm_client = self.km.blocking_client()
            self._warm_client.start_channels()
            self._warm_msg = self._warm_client.execute(code, silent=True, store_history=False, allow_stdin=False)

    def wait_ready(self) -> None:
        """Block until the preload finished, so its cost is not charged to a cell's timeout."""
        kc, self._warm_client = self._warm_client, None
        if kc is None:
            return
        try:
            deadline = time.monotonic() + KERNEL_STARTUP_TIMEOUT
            while time.monotonic() < deadline:
                msg = kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
                if msg["parent_header"].get("msg_id") == self._warm_msg:
                    break
        except Exception:  # a slow or dead kernel shows up, with a clear error, in execution
            pass
        finally:
            kc.stop_channels()

    def kill(self, remove_data: bool = True) -> None:
        """Stop the kernel at once: its notebook is saved, a graceful shutdown only costs time."""
        from jupyter_core.utils import run_sync  # late: jupyter (~1.2 s), worker processes only

        if self._warm_client is not None:
            self._warm_client.stop_channels()
            self._warm_client = None
        with contextlib.suppress(Exception):
            run_sync(self.km.shutdown_kernel)(now=True)
        if remove_data:
            shutil.rmtree(self.data_dir, ignore_errors=True)


class _KernelPool:
    """At most one spare kernel per worker, matched on kernel name, folder and preload."""

    def __init__(self) -> None:
        self.spare: _WarmKernel | None = None

    def acquire(self, key: _KernelKey) -> _WarmKernel:
        spare, self.spare = self.spare, None
        if spare is not None:
            if spare.key == key and spare.km.has_kernel:
                return spare
            spare.kill()
        return _WarmKernel(key)

    def prestart(self, key: _KernelKey) -> None:
        if self.spare is None:
            self.spare = _WarmKernel(key)

    def close(self) -> None:
        if self.spare is not None:
            self.spare.kill()
            self.spare = None


_POOL: _KernelPool | None = None


def init_worker() -> None:
    """Worker start-up: import the heavy modules once, before the first job is timed."""
    global _POOL
    _avoid_slow_imports()
    import nbclient  # noqa: F401  # late: after _avoid_slow_imports, in worker processes only
    import nbconvert  # noqa: F401
    import papermill.parameterize  # noqa: F401

    _POOL = _KernelPool()


def close_worker() -> None:
    """Worker exit: stop the spare kernel, if one was started for a job that never came."""
    if _POOL is not None:
        _POOL.close()


def _pool() -> _KernelPool:
    if _POOL is None:
        init_worker()
    assert _POOL is not None
    return _POOL


def sanitize_outputs(nb: Any, drop_stderr: bool = True) -> None:
    """Make outputs safe to show: untrusted HTML is cleaned, scripts become visible text.

    Document text reaches outputs inside DataFrames (pandas escapes it), prints (escaped by
    nbconvert) or ``display(HTML/Markdown(...))``, which nbconvert would paste verbatim;
    those are cleaned here with an allow-list. Markdown *cells* are written by us and kept.
    Warnings on stderr are for the analyst, not the reader: ``drop_stderr`` leaves them in
    the executed notebook only.
    """
    import bleach  # late: jupyter (~1.2 s), worker processes only
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    def allow(tag: str, name: str, value: str) -> bool:
        return allowed_attribute(tag, name, value, ALLOWED_ATTRS)

    cleaner = bleach.Cleaner(
        tags=ALLOWED_TAGS, attributes=allow, protocols={"http", "https", "data"}, strip=False, strip_comments=True
    )
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if drop_stderr:
            cell.outputs = [o for o in cell.get("outputs", []) if o.get("name") != "stderr"]
        for out in cell.get("outputs", []):
            data = out.get("data")
            if not data:
                continue
            for mime in DROPPED_MIME:
                data.pop(mime, None)
            if "text/markdown" in data:
                data["text/html"] = markdown2html_mistune(_text(data.pop("text/markdown")))
            if "text/html" in data:
                html = _text(data["text/html"])
                blocks, rest = split_style_blocks(html)  # linear, unlike a lazy regex
                kept = "".join(f"<style>{css}</style>" for css in blocks if pandas_style(css))
                data["text/html"] = kept + cleaner.clean(rest)


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def export_html(nb: Any, job: Job, tables: list[str]) -> str:
    """The report page: provenance header, then the notebook (code hidden unless with_code)."""
    from nbconvert import HTMLExporter  # late: jupyter (~1.2 s), worker processes only
    from traitlets.config import Config

    c = Config()
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = {"remove-cell", "remove_cell"}
    c.TagRemovePreprocessor.remove_input_tags = {"remove-input", "remove_input", "hide-input"}
    exporter = HTMLExporter(config=c, template_name="lab", template_file=str(TEMPLATES_DIR / "report.html.j2"))
    exporter.exclude_input = not job.with_code
    exporter.exclude_input_prompt = not job.with_code
    exporter.exclude_output_prompt = True
    quiet = logging.getLogger("plantargets.nbconvert")
    quiet.setLevel(logging.ERROR)  # "alternative text is missing" for every matplotlib figure
    exporter.log = quiet
    nb = _copy(nb)
    sanitize_outputs(nb, drop_stderr=not job.with_code)
    nb.metadata["title"] = job.title
    header = render_provenance(job.header, [(t, f"{job.name}_data/{t}") for t in tables])
    resources = {"metadata": {"name": job.title}, "plantargets_header": header, "plantargets_css": house_css()}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return str(body)


def _copy(nb: Any) -> Any:
    return copy.deepcopy(nb)


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


def _execute(job: Job, reports_dir: Path) -> tuple[Any, Outcome, Path | None]:
    import nbformat  # late: jupyter (~1.2 s), worker processes only
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    from papermill.parameterize import parameterize_notebook

    started = time.perf_counter()
    t0 = datetime.now(UTC)
    nb = nbformat.read(job.notebook, as_version=4)
    for cell in nb.cells:  # papermill expects these keys, which it adds when it reads a notebook itself
        cell.metadata.setdefault("tags", [])
    nb.metadata.setdefault("papermill", {})
    nb = parameterize_notebook(nb, job.parameters, kernel_name=job.kernel, language="python")
    cwd = str(Path(job.notebook).parent)
    tmp = str(reports_dir / TMP_DIR)
    key = _KernelKey(job.kernel, cwd, job.root, tmp, tuple(job.preload))
    pool = _pool()
    kernel = pool.acquire(key)
    if job.prewarm:
        pool.prestart(key)
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
    executed = reports_dir / EXECUTED_DIR / f"{job.name}.ipynb"
    atomic_write_text(executed, nbformat.writes(nb))
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
            page = export_html(nb, job, tables)
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
