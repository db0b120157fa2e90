"""Peak memory of ``plantargets data`` on the whole corpus and on parts of it (issue 16, load test).

    .venv/bin/python benchmarks/corpus_memory.py                  # quarter, half, whole; writes RESULTS.md
    .venv/bin/python benchmarks/corpus_memory.py --parts 1 --json out.json --no-write

Each run is ``plantargets data --jobs N`` in a fresh interpreter against a fresh processed
folder, on a manifest holding every 4th, every 2nd or every document of data/raw/sources.csv
(each part contains the smaller ones, so the documents added are of the same mix). Measured
for each run, from the operating system's own accounting (``getrusage`` at the command's exit):

* the command's peak resident set (the parent: it reads the cache, assembles the three tables
  and writes them, so it grows with the rows extracted);
* the largest peak of any of its extraction workers (each holds one chunk of documents at a
  time, so it must not grow with the corpus);
* wall seconds, and the rows extracted.

Every run starts with an empty OCR cache unless ``--shared-ocr``: the nine table images of the
corpus are recognised again, as on a fresh checkout.

Memory that stays bounded as the corpus grows means: the workers' peak flat across the parts,
and the parent's growth per document far below the first document's cost. The section between
the markers in RESULTS.md is replaced; the rest of the file is the other benchmarks'.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from results_section import write_section

from plantargets import __version__, paths

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
BEGIN, END = "<!-- corpus_memory: begin -->", "<!-- corpus_memory: end -->"
# Runs `plantargets data` in this interpreter and, at exit, writes its own peak resident set and
# that of its largest reaped child (the extraction workers) to the file named in argv[1].
MEASURED = """
import json, resource, runpy, sys
out = sys.argv.pop(1)
code = 0
try:
    runpy.run_module("plantargets", run_name="__main__")
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else 1
finally:
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(out, "w") as fh:
        json.dump({"parent_mb": self_kb / 1024, "worker_mb": child_kb / 1024, "code": code}, fh)
sys.exit(code)
"""


def part_manifest(manifest: Path, step: int, out: Path) -> int:
    """Every ``step``-th document row of ``manifest`` (header kept) written to ``out``; rows written."""
    header, *rows = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    chosen = rows[::step]
    out.write_text(header + "".join(chosen), encoding="utf-8")
    return len(chosen)


def measure_data(manifest: Path, processed: Path, jobs: int, fresh_ocr: bool = True) -> dict:
    """Peak memory (MB), wall seconds and summary line of one cold ``plantargets data`` run.

    ``fresh_ocr``: an empty OCR cache, so the table images are recognised again (the
    recogniser is the largest single allocation of a cold run); else the project's cache.
    """
    env = {**os.environ, "PLANTARGETS_PROCESSED_DIR": str(processed), "PLANTARGETS_MANIFEST": str(manifest)}
    if fresh_ocr:
        env["PLANTARGETS_OCR_CACHE"] = str(processed.parent / f"{processed.name}-ocr")
    figures = processed.parent / f"{processed.name}.json"
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-c", MEASURED, str(figures), "data", "--jobs", str(jobs)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    if run.returncode != 0:
        raise SystemExit(f"plantargets data failed on {manifest}:\n{run.stderr[-2000:]}")
    out = json.loads(figures.read_text(encoding="utf-8"))
    out.update(seconds=wall, summary=run.stdout.strip().splitlines()[-1])
    return out


def measure(work: Path, whole: Path, parts: list[int], jobs: int, fresh_ocr: bool = True) -> list[dict]:
    """One cold run per part (every ``step``-th document of ``whole``), smallest part first."""
    results = []
    for step in sorted(parts, reverse=True):
        manifest = work / f"sources-every-{step}.csv"
        documents = part_manifest(whole, step, manifest)
        run = measure_data(manifest, work / f"processed-{step}", jobs, fresh_ocr)
        run.update(step=step, documents=documents)
        results.append(run)
        print(
            f"{documents} documents: parent {run['parent_mb']:.0f} MB, largest worker {run['worker_mb']:.0f} MB, "
            f"{run['seconds']:.1f} s",
            flush=True,
        )
    return results


def section(runs: list[dict], jobs: int, started: str, shared_ocr: bool = False) -> str:
    """The RESULTS.md section: a row per run and the growth between the smallest and the whole."""
    cache = "with the project's OCR cache" if shared_ocr else "with an empty OCR cache (table images recognised again)"
    rows = [
        BEGIN,
        "## Peak memory on the corpus (`benchmarks/corpus_memory.py`)",
        "",
        f"Written on {started}: plantargets {__version__}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end. Each run is a cold "
        f"`plantargets data --jobs {jobs}` in a fresh interpreter on every n-th document of the manifest, "
        f"{cache}; "
        "peak resident sets from `getrusage` at the command's exit (parent: RUSAGE_SELF; workers: "
        "RUSAGE_CHILDREN, the largest one).",
        "",
        "| documents | parent peak MB | largest worker peak MB | wall s | summary |",
        "|---:|---:|---:|---:|---|",
    ]
    for r in runs:
        rows.append(
            f"| {r['documents']} | {r['parent_mb']:.0f} | {r['worker_mb']:.0f} | {r['seconds']:.1f} | {r['summary']} |"
        )
    if len(runs) > 1:
        small, whole = runs[0], runs[-1]
        added = whole["documents"] - small["documents"]
        per_k = (whole["parent_mb"] - small["parent_mb"]) / added * 1000
        rows += [
            "",
            f"From {small['documents']} to {whole['documents']} documents the parent's peak grows by "
            f"{whole['parent_mb'] - small['parent_mb']:.0f} MB ({per_k:.0f} MB per 1,000 documents: the rows it "
            f"assembles); the largest worker's peak moves by {whole['worker_mb'] - small['worker_mb']:+.0f} MB: it is "
            "set by the chunk a worker holds (the recogniser and the largest table image when OCR runs), "
            "not by the size of the corpus.",
        ]
    rows += ["", END, ""]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default="4,2,1", help="every n-th document, comma-separated (default 4,2,1)")
    parser.add_argument("--jobs", type=int, default=2, help="plantargets data --jobs (default 2)")
    parser.add_argument("--manifest", type=Path, default=paths.RAW_DIR / "sources.csv", help="the whole corpus")
    parser.add_argument("--shared-ocr", action="store_true", help="use the project's OCR cache (default: an empty one)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--no-write", action="store_true", help="do not update RESULTS.md")
    args = parser.parse_args(argv)
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    work = Path(tempfile.mkdtemp(prefix="plantargets-memory-"))
    try:
        runs = measure(work, args.manifest, [int(p) for p in args.parts.split(",")], args.jobs, not args.shared_ocr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    text = section(runs, args.jobs, started, args.shared_ocr)
    if not args.no_write:
        write_section(RESULTS, BEGIN, END, text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
