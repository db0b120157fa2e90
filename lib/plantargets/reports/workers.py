"""Worker processes that execute reports, and the scheduler that feeds them.

Workers are plain ``python -m plantargets.reports.workers`` subprocesses talking JSON
lines over a private pipe, not a ``multiprocessing`` pool: a pool with the ``spawn``
method re-runs the caller's ``__main__`` (a build started from a script without a
``__main__`` guard would recurse), and ``fork`` copies whatever threads and sockets the
caller holds (a Jupyter kernel, a test runner). A worker that dies (killed, out of
memory) fails only the report it was running; the others go on in a fresh worker.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import selectors
import subprocess
import sys
from collections.abc import Callable
from typing import IO, Any

from plantargets.reports.execute import Job, Outcome, close_worker, init_worker, run_job
from plantargets.reports.lifeline import die_with_parent


class _Worker:
    """One worker subprocess and the job it is running."""

    def __init__(self) -> None:
        # The worker answers on its stdout; it moves its own (and its kernels') prints to stderr.
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "plantargets.reports.workers"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        self.job: Job | None = None

    @property
    def stdout(self) -> IO[str]:
        assert self.proc.stdout is not None
        return self.proc.stdout

    def send(self, job: Job) -> None:
        assert self.proc.stdin is not None
        self.job = job
        self.proc.stdin.write(json.dumps(dataclasses.asdict(job), ensure_ascii=False) + "\n")
        self.proc.stdin.flush()

    def close(self) -> None:
        """Closing stdin tells the worker to stop its spare kernel and exit."""
        if self.proc.stdin is not None and not self.proc.stdin.closed:
            with contextlib.suppress(OSError):  # the worker is already gone
                self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:  # pragma: no cover - a wedged worker
            self.proc.kill()
            self.proc.wait()


def _died(job: Job, proc: subprocess.Popen[str]) -> Outcome:
    code = proc.wait()
    return Outcome(
        job.name,
        False,
        0.0,
        ename="WorkerDied",
        evalue=f"the worker process running it exited with code {code} (killed? out of memory?)",
        error=f"worker process died (exit code {code})",
    )


def run_jobs(jobs: list[Job], workers: int, on_done: Callable[[Outcome], None]) -> list[Outcome]:
    """Run ``jobs`` on up to ``workers`` processes; ``on_done`` sees each outcome as it arrives.

    A job is marked ``prewarm`` (its worker starts the next kernel in the background) only
    when enough executions remain queued for every worker to need another kernel.
    """
    queue = list(jobs)
    outcomes: dict[str, Outcome] = {}
    sel = selectors.DefaultSelector()
    pool: list[_Worker] = []

    def dispatch(worker: _Worker) -> None:
        job = queue.pop(0)
        left = sum(j.mode == "execute" for j in queue)
        worker.send(dataclasses.replace(job, prewarm=job.mode == "execute" and left >= workers))

    try:
        for _ in range(min(workers, len(queue))):
            w = _Worker()
            pool.append(w)
            sel.register(w.stdout, selectors.EVENT_READ, w)
            dispatch(w)
        while len(outcomes) < len(jobs):
            for key, _ in sel.select():
                w = key.data
                line = w.stdout.readline()
                assert w.job is not None
                if line:
                    outcome = Outcome(**json.loads(line))
                else:  # EOF: the worker died; replace it if work remains
                    outcome = _died(w.job, w.proc)
                    sel.unregister(w.stdout)
                    pool.remove(w)
                    if queue:
                        w = _Worker()
                        pool.append(w)
                        sel.register(w.stdout, selectors.EVENT_READ, w)
                outcomes[outcome.name] = outcome
                on_done(outcome)
                w.job = None
                if queue and w in pool:
                    dispatch(w)
    finally:
        for w in pool:
            w.close()
        sel.close()
    return [outcomes[j.name] for j in jobs]


def worker_main() -> None:
    """The worker side: one JSON job per line on stdin, one JSON outcome per line back."""
    die_with_parent()  # kill -9 of the build takes this worker (and so its kernels) with it
    answer = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)  # prints from here and from kernels go to stderr, never into the protocol
    sys.stdout = sys.stderr
    init_worker()
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            data: dict[str, Any] = json.loads(line)
            data["preload"] = tuple(data["preload"])
            outcome = run_job(Job(**data))
            answer.write(json.dumps(dataclasses.asdict(outcome), ensure_ascii=False) + "\n")
    finally:
        close_worker()


if __name__ == "__main__":
    worker_main()
