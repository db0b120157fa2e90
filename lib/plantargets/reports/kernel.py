"""Jupyter kernels for report notebooks: one per notebook, with a pre-warmed spare.

Where the time goes (measured on the project's 2-core CI box with a pandas + matplotlib
notebook): kernel start 0.7 s, importing pandas/matplotlib in it 1.1 s, graceful shutdown
0.4 s. So each worker keeps one *spare* kernel that is started and pre-imports the
``preload`` modules while the current notebook runs, and kernels are killed rather than
shut down gracefully once the notebook is saved. Each kernel serves exactly one notebook.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plantargets import paths

KERNEL_STARTUP_TIMEOUT = 60  # seconds: a cold start on a loaded machine takes ~5 s


def _avoid_slow_imports() -> None:
    """Skip a 2.7 s import that nbformat's validator pulls in without needing it.

    jsonschema imports ``rfc3987_syntax`` (if installed) to check the "iri" string format,
    and that package compiles a grammar at import time. Notebooks use no such format, and
    this runs only in our worker processes, so the caller's jsonschema is unaffected.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


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
