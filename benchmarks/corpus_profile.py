"""Where extraction spends its time: a corpus sample extracted in one process, timed and profiled.

    .venv/bin/python benchmarks/corpus_profile.py                          # writes its section of RESULTS.md
    .venv/bin/python benchmarks/corpus_profile.py --baseline /tmp/base    # and an earlier commit's, same run

A sample of the manifest (every ``--step``-th document) goes through what a ``plantargets data``
worker does (``dataset.extraction._extract_chunk``: reading, extraction, checks, in chunks),
first timed (CPU seconds, no profiler), then under cProfile. The top functions by self time
say where the time goes; cProfile inflates Python calls against C code (regular expressions),
so the shares guide, they do not predict savings. With ``--baseline DIR`` (a checkout of an
earlier commit) the same sample is timed and profiled under that library too, in a subprocess
of this run, so that before and after share the machine's load.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from results_section import write_section

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
BEGIN, END = "<!-- corpus_profile: begin -->", "<!-- corpus_profile: end -->"


def _label(func: tuple[str, int, str]) -> str:
    """``extract/prose.py:_sentence_facts`` for library code, the method's name for built-ins."""
    path, _, name = func
    if path == "~":
        return name.strip("<>").replace("method '", "").replace("' of '", " of ").replace("' objects", "")
    return f"{path.split('/plantargets/')[-1] if '/plantargets/' in path else Path(path).name}:{name}"


def measure(step: int, top: int) -> dict:
    """CPU seconds of the sample without a profiler, and its top functions by self time with one."""
    from plantargets import paths
    from plantargets.dataset import extraction
    from plantargets.dataset.catalog import Catalog
    from plantargets.dataset.manifest import load_manifest

    sources = load_manifest(paths.RAW_DIR / "sources.csv", paths.RAW_DIR)[::step]
    extraction._catalog = Catalog.load()  # once per worker in a build: not part of the figures
    chunks = extraction._chunks(sources, 1)
    start = time.process_time()
    for chunk in chunks:
        extraction._extract_chunk(chunk)
    cpu = time.process_time() - start
    profile = cProfile.Profile()
    profile.enable()
    for chunk in chunks:
        extraction._extract_chunk(chunk)
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in stats.values())
    rows = sorted(((v[2], v[1], _label(k)) for k, v in stats.items()), reverse=True)[:top]
    return {"documents": len(sources), "bytes": sum(s.path.stat().st_size for s in sources), "cpu": cpu,
            "profiled": total, "top": rows}  # fmt: skip


def _baseline(library: Path, step: int, top: int) -> dict:
    """``measure`` under an earlier checkout's library, in a subprocess."""
    env = {**os.environ, "PYTHONPATH": str(library / "lib")}
    run = subprocess.run(
        [sys.executable, __file__, "--json", "--step", str(step), "--top", str(top)],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    commit = subprocess.run(["git", "-C", str(library), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return {**json.loads(run.stdout), "commit": commit.stdout.strip() or str(library)}


def _top_table(m: dict) -> list[str]:
    rows = ["| self s | share | calls | function |", "|---:|---:|---:|---|"]
    for tottime, calls, label in m["top"]:
        rows.append(f"| {tottime:.2f} | {tottime / m['profiled']:.0%} | {calls} | `{label}` |")
    return rows


def section(current: dict, baseline: dict | None, started: str, step: int) -> str:
    n, mb = current["documents"], current["bytes"] / 1e6
    rows = [
        BEGIN,
        "## Where extraction spends its time (`benchmarks/corpus_profile.py`)",
        "",
        f"Written on {started}, load average {os.getloadavg()[0]:.1f}: every {step}th manifest document ({n} documents, "
        f"{mb:.1f} MB) through a build worker's steps (read, extract, checks; in chunks of the build's size) in one "
        "process: CPU seconds without a profiler, then the top functions by self time under cProfile.",
        "",
        "| library | CPU s | ms/document | documents/s | MB/s | profiled s |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    runs = ([(f"baseline `{baseline['commit']}`", baseline)] if baseline else []) + [("current", current)]
    for label, m in runs:
        rows.append(
            f"| {label} | {m['cpu']:.2f} | {m['cpu'] / n * 1000:.1f} | {n / m['cpu']:.0f} | {mb / m['cpu']:.2f} "
            f"| {m['profiled']:.2f} |"
        )
    if baseline:
        rows += ["", f"Speed-up on the sample: **{baseline['cpu'] / current['cpu']:.2f}×** in CPU time (same run).", ""]
        rows += [
            f"Top {len(baseline['top'])} by self time, baseline `{baseline['commit']}`:",
            "",
            *_top_table(baseline),
        ]
    rows += ["", f"Top {len(current['top'])} by self time, current:", "", *_top_table(current), "", END, ""]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--step", type=int, default=6, help="profile every step-th manifest document")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--baseline", type=Path, help="a checkout of an earlier commit to profile in the same run")
    parser.add_argument("--json", action="store_true", help="print the measurement as JSON (used for --baseline)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.json:
        print(json.dumps(measure(args.step, args.top)))
        return 0
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    baseline = _baseline(args.baseline.resolve(), args.step, args.top) if args.baseline else None
    text = section(measure(args.step, args.top), baseline, started, args.step)
    write_section(args.out, BEGIN, END, text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
