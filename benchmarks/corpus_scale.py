"""The corpus at scale: cold extraction of every manifest document, adding one, a no-op.

    .venv/bin/python benchmarks/corpus_scale.py            # (make bench) writes its section of RESULTS.md
    .venv/bin/python benchmarks/corpus_scale.py --no-serial  # skip the --jobs 1 cold run

Every figure comes from this one run, on this machine, and is measured as a user sees it:
``plantargets data`` in a fresh interpreter (start-up included) against a fresh processed
folder. Measured:

1. floor: reading and decoding the same bytes (``Path.read_bytes`` + UTF-8 decode) of every
   manifest document, and reading them as documents (``read.dispatch.read_any``: decode,
   normalise, Markdown front matter and markup);
2. cold extraction, ``--jobs 2`` (and ``--jobs 1`` unless ``--no-serial``): wall time,
   documents/s, MB/s, the ratio to both floors, CPU time of the command and its workers, the
   largest resident set of any of its processes;
3. adding one document: the manifest without one corpus document is extracted, then the
   whole command with it back is timed (one document extracted, 1,744 from the cache);
4. a no-op ``plantargets data``: best of three, interpreter start-up included;
5. with ``--baseline DIR`` (a checkout of an earlier commit, e.g. ``git worktree add /tmp/base
   <commit>``): that library's cold ``--jobs 2`` run, alternated with this library's
   (``--repeats`` each, the least CPU of each kept), so that before and after come from one run
   on the same machine load. The shared machine moves wall times; CPU seconds move much less.

The section between the markers in RESULTS.md is replaced; the rest of the file is
``benchmarks/run.py``'s.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from results_section import write_section

from plantargets import __version__, paths
from plantargets.dataset.manifest import load_manifest
from plantargets.read.dispatch import read_any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
BEGIN, END = "<!-- corpus_scale: begin -->", "<!-- corpus_scale: end -->"
# The targets of issue 11, on this 2-core machine.
TARGET_COLD_S = 20.0
TARGET_ADD_ONE_S = 3.0
TARGET_NOOP_S = 1.5


def _floor(files: list[Path]) -> tuple[float, float, int]:
    """Seconds to read+decode every file, seconds to read them as documents, total bytes."""
    t0, size = time.perf_counter(), 0
    for f in files:
        data = f.read_bytes()
        size += len(data)
        data.decode("utf-8")
    bytes_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for f in files:
        read_any(f)
    return bytes_s, time.perf_counter() - t0, size


def _data(env: dict[str, str], *args: str) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (command and its workers) and output of ``plantargets data``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "plantargets", "data", *args], env=env, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode != 0:
        raise SystemExit(f"plantargets data {' '.join(args)} failed:\n{run.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, run.stdout.strip()


def _env(processed: Path, manifest: Path | None = None, library: Path | None = None) -> dict[str, str]:
    """The environment of one run: its processed folder, manifest and (a baseline's) library."""
    env = {**os.environ, "PLANTARGETS_PROCESSED_DIR": str(processed)}
    if manifest is not None:
        env["PLANTARGETS_MANIFEST"] = str(manifest)
    if library is not None:
        env["PYTHONPATH"] = str(library / "lib")
    return env


def compare(work: Path, baseline: Path, repeats: int) -> dict:
    """Cold ``--jobs 2`` runs of the baseline's library and this one, alternated; the least CPU of each."""
    manifest = paths.RAW_DIR / "sources.csv"
    runs: dict[str, list[tuple[float, float, str]]] = {"baseline": [], "current": []}
    for k in range(repeats):
        for name, library in (("baseline", baseline), ("current", None)):
            folder = work / f"compare-{name}-{k}"
            runs[name].append(_data(_env(folder, manifest, library), "--jobs", "2"))
            shutil.rmtree(folder, ignore_errors=True)
    commit = subprocess.run(
        ["git", "-C", str(baseline), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return {"commit": commit or str(baseline), **{k: min(v, key=lambda r: r[1]) for k, v in runs.items()}}


def measure(work: Path, serial: bool) -> dict:
    manifest = paths.RAW_DIR / "sources.csv"
    sources = load_manifest(manifest, paths.RAW_DIR)
    out: dict = {"documents": len(sources)}
    out["floor_bytes_s"], out["floor_read_s"], out["bytes"] = _floor([s.path for s in sources])
    for jobs in (2, 1) if serial else (2,):
        folder = work / f"cold-{jobs}"
        wall, cpu, text = _data(_env(folder, manifest), "--jobs", str(jobs), "--timings")
        out[f"cold{jobs}"] = (wall, cpu, text)
    out["max_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    # Adding one document: the manifest without it first, then with it.
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    dropped = next(i for i, ln in enumerate(lines) if ln.startswith("lawtext-gov/政府工作报告-省自治区/四川省/2019.md"))
    fewer = work / "fewer.csv"
    fewer.write_text("".join(lines[:dropped] + lines[dropped + 1 :]), encoding="utf-8")
    warm = work / "cold-2"
    _data(_env(warm, fewer))
    out["add_one"] = _data(_env(warm, manifest), "--timings")
    out["noop"] = min((_data(_env(warm, manifest)) for _ in range(3)), key=lambda r: r[0])
    return out


def section(m: dict, started: str) -> str:
    mb = m["bytes"] / 1e6
    wall2, _, text2 = m["cold2"]
    rows = [
        BEGIN,
        "## The corpus at scale (`benchmarks/corpus_scale.py`)",
        "",
        f"Written on {started}: plantargets {__version__}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f} at the end (other work on the machine slows wall times; "
        "CPU seconds are the command's and its workers'). "
        f"{m['documents']} manifest documents, {mb:.1f} MB. Each run is `plantargets data` in a fresh interpreter "
        "against a fresh processed folder.",
        "",
        "| run | wall s | CPU s | documents/s (wall) | MB/s (wall) | × floor read+decode | × floor read_any | target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
        f"| floor: read + UTF-8 decode | {m['floor_bytes_s']:.2f} | | {m['documents'] / m['floor_bytes_s']:.0f} "
        f"| {mb / m['floor_bytes_s']:.0f} | 1 | | |",
        f"| floor: `read_any` (decode, normalise, Markdown) | {m['floor_read_s']:.2f} | "
        f"| {m['documents'] / m['floor_read_s']:.0f} | {mb / m['floor_read_s']:.1f} "
        f"| {m['floor_read_s'] / m['floor_bytes_s']:.0f} | 1 | |",
    ]
    for jobs in (2, 1):
        if f"cold{jobs}" not in m:
            continue
        wall, cpu, _ = m[f"cold{jobs}"]
        target = f"≤ {TARGET_COLD_S:.0f} s: {'met' if wall <= TARGET_COLD_S else '**not met**'}" if jobs == 2 else ""
        rows.append(
            f"| cold extraction, `--jobs {jobs}` | {wall:.1f} | {cpu:.1f} | {m['documents'] / wall:.0f} "
            f"| {mb / wall:.2f} | {wall / m['floor_bytes_s']:.0f} | {wall / m['floor_read_s']:.1f} | {target} |"
        )
    for key, label, target in (
        ("add_one", "adding one document (1 extracted, the rest cached)", TARGET_ADD_ONE_S),
        ("noop", "no-op `plantargets data` (best of 3)", TARGET_NOOP_S),
    ):
        wall, cpu, _ = m[key]
        verdict = "met" if wall <= target else "**not met**"
        rows.append(f"| {label} | {wall:.2f} | {cpu:.2f} | | | | | ≤ {target:g} s: {verdict} |")
    rows += [
        "",
        f"Cold run's summary: {text2.splitlines()[0]}",
        "",
        "Where the time went (`plantargets data --timings`; phases after start-up, wall seconds):",
        "",
        f"- cold, `--jobs 2`: {_phases(text2)}",
        f"- adding one document: {_phases(m['add_one'][2])}",
        "",
        f"Largest resident set of any process of these runs: {m['max_rss_mb']:.0f} MB (a worker holds the "
        "results of one task, at most extraction.MAX_CHUNK documents, and one document's text; the parent the extracted rows).",
    ]
    if "cold1" in m:
        rows.append(f"Parallel speed-up of the cold run: {m['cold1'][0] / wall2:.2f}× wall with 2 jobs against 1.")
    if "compare" in m:
        rows += _comparison(m, mb)
    rows += ["", END, ""]
    return "\n".join(rows)


def _phases(text: str) -> str:
    """The ``--timings`` line of a run's output, without its label."""
    line = next((ln for ln in text.splitlines() if ln.startswith("timings")), "")
    return line.partition(": ")[2] or "(no timings printed)"


def _comparison(m: dict, mb: float) -> list[str]:
    """The before/after table of ``--baseline``: both cold runs of this one benchmark run."""
    c = m["compare"]
    rows = [
        "",
        f"Before and after, measured in this run (`--baseline`, cold `--jobs 2`, alternated, least CPU of "
        f"{m['repeats']} each; floor = read + UTF-8 decode above):",
        "",
        "| library | wall s | CPU s | documents/s (wall) | MB/s (wall) | documents/s (CPU) | × floor read+decode |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, (wall, cpu, _) in ((f"baseline `{c['commit']}`", c["baseline"]), ("current", c["current"])):
        rows.append(
            f"| {label} | {wall:.1f} | {cpu:.1f} | {m['documents'] / wall:.0f} | {mb / wall:.2f} "
            f"| {m['documents'] / cpu:.0f} | {wall / m['floor_bytes_s']:.0f} |"
        )
    ratio_cpu, ratio_wall = c["baseline"][1] / c["current"][1], c["baseline"][0] / c["current"][0]
    rows.append("")
    rows.append(f"Speed-up: **{ratio_cpu:.2f}×** in CPU time, {ratio_wall:.2f}× in wall time (same run).")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-serial", action="store_true", help="skip the --jobs 1 cold run")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--baseline", type=Path, help="a checkout of an earlier commit to compare cold runs with")
    parser.add_argument("--repeats", type=int, default=2, help="cold runs of each library with --baseline")
    args = parser.parse_args(argv)
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    work = Path(tempfile.mkdtemp(prefix="plantargets-corpus-bench-"))
    try:
        m = measure(work, serial=not args.no_serial)
        if args.baseline is not None:
            m["compare"], m["repeats"] = compare(work, args.baseline.resolve(), args.repeats), args.repeats
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = section(m, started)
    write_section(args.out, BEGIN, END, text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
