"""The performance benchmark: measures extraction in one run and writes benchmarks/RESULTS.md.

Every figure in RESULTS.md comes from the run that wrote it, on the machine it ran on; the
claims are ratios between timings taken in that same run (the extractor against the floor of
merely reading the same bytes, 500 documents against 5, the current library against the
baseline revision), because absolute seconds move with the machine and its load.

    .venv/bin/python benchmarks/run.py                  # sizes 5,50,500 (make bench)
    .venv/bin/python benchmarks/run.py --quick          # sizes 5,50, one repeat, no report build
    .venv/bin/python benchmarks/run.py --sizes 5,50 --baseline none

What is measured:

1. floor: read + decode + line-normalise the corpus (``textnorm.read_document``), the cost no
   extractor can avoid;
2. extraction: ``dataset.extract_documents`` (tables, prose, sector mix, catalogue codes,
   checks, typed frames) on 5, 50 and 500 synthetic documents (``benchmarks/corpus.py``),
   best of a few repeats for the small sizes; throughput in documents/s and MB/s;
3. baseline: the same five seeds with the library as of ``--baseline`` (a git revision, read
   with ``git archive`` into a temporary folder, never checked out), in a subprocess; its
   CSV outputs are compared byte for byte with the current library's;
4. where the time goes: a cProfile of the 50-document run, internal time summed per module.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))  # corpus.py beside this script (benchmarks/ is not a package)

import corpus  # noqa: E402

from plantargets import __version__, paths  # noqa: E402
from plantargets.dataset.assemble import Dataset, extract_documents  # noqa: E402
from plantargets.dataset.catalog import Catalog  # noqa: E402
from plantargets.dataset.manifest import Source, load_manifest  # noqa: E402
from plantargets.dataset.processed import write_dataset  # noqa: E402
from plantargets.read.text import read_document  # noqa: E402

# The library before the performance work (prose walked twice, no prefilters, no catalogue
# memo): the reference for the speed-up and for the byte-identical outputs.
BASELINE_REV = "3acb437"
OUTPUTS = ("indicators.csv", "sector_mix.csv", "quality.csv")
# The target of the issue "Hardening and measured performance": 500 seed-sized documents in
# under 5 s on one core.
TARGET_MS_PER_DOC = 10.0

_BASELINE_SCRIPT = """
import json, sys, time
from pathlib import Path
import plantargets
import csv, tempfile
try:  # the stage packages
    from plantargets.dataset.assemble import extract_documents
    from plantargets.dataset.catalog import Catalog
    from plantargets.dataset.manifest import COLUMNS, load_manifest
    from plantargets.dataset.processed import write_dataset
except ImportError:  # the flat layout of the baseline revision
    from plantargets.catalog import Catalog
    from plantargets.dataset import extract_documents, write_dataset
    from plantargets.manifest import COLUMNS, load_manifest
assert plantargets.__file__.startswith(sys.argv[1]), plantargets.__file__
manifest = Path(sys.argv[2])
# The manifest may have gained columns since the baseline: keep the ones it knows.
with open(manifest, encoding="utf-8-sig", newline="") as fh:
    rows = [{k: v for k, v in r.items() if k in COLUMNS} for r in csv.DictReader(fh)]
rows = [r for r in rows if "/" not in r["file"]]  # the five seeds (the corpus: benchmarks/corpus_scale.py)
filtered = Path(tempfile.mkdtemp()) / "sources.csv"
with open(filtered, "w", encoding="utf-8", newline="") as fh:
    writer = csv.DictWriter(fh, fieldnames=[c for c in COLUMNS if c in rows[0]])
    writer.writeheader()
    writer.writerows(rows)
sources = load_manifest(filtered, manifest.parent)
catalog = Catalog.load()
times, cpu = [], []
for _ in range(int(sys.argv[4])):
    t0, c0 = time.perf_counter(), time.process_time()
    ds = extract_documents([(s.path, s) for s in sources], catalog)
    times.append(time.perf_counter() - t0)
    cpu.append(time.process_time() - c0)
write_dataset(ds, Path(sys.argv[3]), sources)
print(json.dumps({"seconds": min(times), "cpu": min(cpu)}))
"""


def _timed_extract(sources: list[Source], catalog: Catalog, repeats: int) -> tuple[float, float, Dataset]:
    """Best wall-clock and best CPU seconds of ``repeats`` extractions, and the last dataset."""
    wall, cpu = float("inf"), float("inf")
    ds = None
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        ds = extract_documents([(s.path, s) for s in sources], catalog)
        wall, cpu = min(wall, time.perf_counter() - t0), min(cpu, time.process_time() - c0)
    assert ds is not None
    return wall, cpu, ds


def _timed_floor(sources: list[Source], repeats: int) -> tuple[float, float]:
    """Best wall-clock and CPU seconds of reading + decoding + normalising every document."""
    wall, cpu = float("inf"), float("inf")
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        for s in sources:
            read_document(s.path)
        wall, cpu = min(wall, time.perf_counter() - t0), min(cpu, time.process_time() - c0)
    return wall, cpu


def _profile_by_module(sources: list[Source], catalog: Catalog) -> list[tuple[str, float]]:
    """Internal (self) time per module of one extraction, largest first."""
    prof = cProfile.Profile()
    prof.enable()
    extract_documents([(s.path, s) for s in sources], catalog)
    prof.disable()
    stats = pstats.Stats(prof, stream=io.StringIO())
    per: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        if "plantargets" in filename:
            key = "plantargets/" + Path(filename).name
        elif "pandas" in filename or "numpy" in filename or "pyarrow" in filename:
            key = "pandas/numpy"
        elif filename == "~":
            key = "builtins (regex, str methods)"
        else:
            key = "other Python"
        per[key] += tottime
    return sorted(per.items(), key=lambda kv: -kv[1])


def _baseline(rev: str, seeds_manifest: Path, out_dir: Path, repeats: int) -> dict | str:
    """Extract the seeds with the library at ``rev`` in a subprocess; a reason string on failure."""
    tmp = Path(tempfile.mkdtemp(prefix="plantargets-baseline-"))
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, "lib"], capture_output=True, check=False, timeout=60
        )
        if archive.returncode != 0:
            return f"git archive {rev} failed: {archive.stderr.decode(errors='replace').strip()}"
        subprocess.run(["tar", "-x", "-C", str(tmp)], input=archive.stdout, check=True)
        env = {**os.environ, "PYTHONPATH": str(tmp / "lib")}
        run = subprocess.run(
            [sys.executable, "-c", _BASELINE_SCRIPT, str(tmp / "lib"), str(seeds_manifest), str(out_dir), str(repeats)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=600,
        )
        if run.returncode != 0:
            return f"baseline run failed: {run.stderr.strip()[-500:]}"
        return json.loads(run.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _report_build(args: argparse.Namespace, work: Path) -> list[str]:
    """The report-build section: measured, or a TODO saying why it is not."""
    if args.no_reports:
        return ["## Report build", "", "Not measured in this run (`--no-reports`).", ""]
    try:
        import report_build
    except ImportError as exc:  # plantargets.reports.build not importable (yet)
        return [
            "## Report build",
            "",
            f"TODO: not measured, `plantargets.reports.build.build_reports` could not be imported ({exc}).",
            "",
        ]
    regions = args.regions or (10 if args.quick else 50)
    timings = report_build.measure(work / "reports", regions=regions, naive_reports=2 if args.quick else 5)
    print(f"reports: {timings}", flush=True)
    return report_build.report_lines(timings)


def _sub_manifest(manifest: Path, n: int, out_dir: Path) -> Path:
    """The first ``n`` rows of a manifest, written beside copies of their documents."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    for line in lines[1 : n + 1]:
        name = line.split(",", 1)[0]
        shutil.copyfile(manifest.parent / name, out_dir / name)
    (out_dir / "sources.csv").write_text("".join(lines[: n + 1]), encoding="utf-8")
    return out_dir / "sources.csv"


def _same_outputs(a: Path, b: Path) -> dict[str, bool]:
    return {name: (a / name).read_bytes() == (b / name).read_bytes() for name in OUTPUTS}


def _mb(sources: list[Source]) -> float:
    return sum(s.path.stat().st_size for s in sources) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="5,50,500", help="corpus sizes to time (default 5,50,500)")
    parser.add_argument("--quick", action="store_true", help="sizes 5,50 and one repeat (a smoke run)")
    parser.add_argument("--baseline", default=BASELINE_REV, help="git revision to compare with, or 'none'")
    parser.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED, help="corpus RNG seed")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="where to write the results")
    parser.add_argument("--regions", type=int, default=None, help="region reports for the marginal cost (50; 10 quick)")
    parser.add_argument("--no-reports", action="store_true", help="skip the report-build measurements")
    args = parser.parse_args(argv)
    sizes = [5, 50] if args.quick and args.sizes == "5,50,500" else sorted({int(x) for x in args.sizes.split(",")})
    repeats = 1 if args.quick else 3

    work = Path(tempfile.mkdtemp(prefix="plantargets-bench-"))
    try:
        return _run(args, sizes, repeats, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(args: argparse.Namespace, sizes: list[int], repeats: int, work: Path) -> int:
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    t0 = time.perf_counter()
    corpus.generate(work / "corpus", max(sizes), args.seed)
    generate_s = time.perf_counter() - t0
    synthetic = load_manifest(work / "corpus" / "sources.csv")
    seeds = [s for s in load_manifest(paths.MANIFEST) if "/" not in s.file]  # the five seeds

    t0 = time.perf_counter()
    catalog = Catalog.load()
    catalog_s = time.perf_counter() - t0
    extract_documents([(s.path, s) for s in synthetic[:5]], catalog)  # warm imports and caches

    # 1-2. floor and extraction, per size
    rows = []
    for n in sizes:
        part = synthetic[:n]
        reps = repeats if n <= 50 else 1
        floor, floor_cpu = _timed_floor(part, reps)
        seconds, cpu, _ = _timed_extract(part, catalog, reps)
        rows.append(
            {"n": n, "mb": _mb(part), "floor": floor, "floor_cpu": floor_cpu, "extract": seconds, "cpu": cpu}
            | {"repeats": reps}
        )
        print(f"{n:>4} documents: extract {seconds:.2f}s ({cpu:.2f}s CPU), floor {floor:.3f}s", flush=True)

    # 3. seeds: current vs baseline, outputs compared; then the same on synthetic documents
    seed_s, seed_cpu, ds = _timed_extract(seeds, catalog, repeats)
    write_dataset(ds, work / "current", seeds)
    baseline: dict | str = "skipped (--baseline none)"
    same: dict[str, bool] = {}
    same_synthetic: dict[str, bool] = {}
    n_compare = min(5 if args.quick else 10, len(synthetic))
    if args.baseline != "none":
        baseline = _baseline(args.baseline, paths.MANIFEST, work / "baseline", 1 if args.quick else 2)
        if isinstance(baseline, dict):
            same = _same_outputs(work / "current", work / "baseline")
            subset = _sub_manifest(work / "corpus" / "sources.csv", n_compare, work / "subset")
            _, _, ds_syn = _timed_extract(synthetic[:n_compare], catalog, 1)
            write_dataset(ds_syn, work / "current-synthetic", synthetic[:n_compare])
            syn = _baseline(args.baseline, subset, work / "baseline-synthetic", 1)
            if isinstance(syn, dict):
                same_synthetic = _same_outputs(work / "current-synthetic", work / "baseline-synthetic")
    print(f"seeds: current {seed_s:.2f}s, baseline {baseline}", flush=True)

    # 4. profile
    profile_n = min(50, max(sizes))
    profile = _profile_by_module(synthetic[:profile_n], catalog)

    # 5. report build
    reports_section = _report_build(args, work)

    text = _report(
        args,
        sizes,
        rows,
        seeds,
        (seed_s, seed_cpu),
        baseline,
        (same, same_synthetic, n_compare),
        profile,
        profile_n,
        (catalog_s, generate_s),
        started,
        reports_section,
    )
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def _report(
    args: argparse.Namespace,
    sizes: list[int],
    rows: list[dict],
    seeds: list[Source],
    seed_times: tuple[float, float],
    baseline: dict | str,
    comparisons: tuple[dict[str, bool], dict[str, bool], int],
    profile: list[tuple[str, float]],
    profile_n: int,
    setup_times: tuple[float, float],
    started: str,
    reports_section: list[str],
) -> str:
    seed_s, seed_cpu = seed_times
    same, same_synthetic, n_compare = comparisons
    catalog_s, generate_s = setup_times
    first = rows[0]
    per_doc_first = first["cpu"] / first["n"]
    command = " ".join(["benchmarks/run.py", *sys.argv[1:]])
    out = [
        "# Benchmark results",
        "",
        f"Written by `{command}` on {started}: plantargets {__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs (one used). Rerun with `make bench`; every ratio below is "
        "between timings of this one run. Wall-clock time moves with the machine's load, CPU time "
        "(`time.process_time`) much less: the ratios use CPU time, both are shown.",
        "",
        f"Corpus: `benchmarks/corpus.py` seed {args.seed}, {max(sizes)} documents derived from the five seeds "
        f"(varied numbers and region names, tables re-rendered in {len(corpus.LAYOUTS)} layouts), generated in "
        f"{generate_s:.1f}s. Catalogue load: {catalog_s * 1000:.0f} ms once per process (not in the figures).",
        "",
        "## Extraction throughput and scaling",
        "",
        "`extract_documents` (tables, prose, sector mix, catalogue codes, checks, typed frames) against the floor "
        "of reading + decoding + normalising the same bytes (`read_document`). Best of the repeats shown.",
        "",
        "| documents | MB | repeats | floor ms/doc (CPU) | extract ms/doc (CPU) | extract ms/doc (wall) "
        "| docs/s (CPU) | MB/s (CPU) | extract / floor | ms/doc vs 5 docs |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        per_doc = r["cpu"] / r["n"]
        out.append(
            f"| {r['n']} | {r['mb']:.1f} | {r['repeats']} | {1000 * r['floor_cpu'] / r['n']:.1f} "
            f"| {1000 * per_doc:.1f} | {1000 * r['extract'] / r['n']:.1f} | {r['n'] / r['cpu']:.1f} "
            f"| {r['mb'] / r['cpu']:.2f} | {r['cpu'] / r['floor_cpu']:.1f}x | {per_doc / per_doc_first:.2f} |"
        )
    last = rows[-1]
    last_per_doc = 1000 * last["cpu"] / last["n"]
    floor_per_doc = 1000 * last["floor_cpu"] / last["n"]
    out += [
        "",
        f"Target: {TARGET_MS_PER_DOC:.0f} ms per seed-sized document (500 in under 5 s on one core). Measured at "
        f"{last['n']} documents: {last_per_doc:.0f} ms/doc CPU, {last_per_doc / TARGET_MS_PER_DOC:.1f}x the target. "
        f"The floor alone (reading and normalising, no extraction) is {floor_per_doc:.1f} ms/doc, "
        f"{floor_per_doc / TARGET_MS_PER_DOC:.0%} of the target's budget.",
        "",
        "## Against the baseline",
        "",
    ]
    if isinstance(baseline, dict):
        ratio = baseline["cpu"] / seed_cpu

        def verdict(found: dict[str, bool]) -> str:
            if not found:
                return "not compared"
            return ", ".join(f"`{k}` {'identical' if v else 'DIFFERENT'}" for k, v in found.items())

        out += [
            f"| library | CPU seconds for the 5 seeds ({_mb(seeds):.2f} MB) | wall seconds |",
            "|---|---:|---:|",
            f"| baseline `{args.baseline}` (before this work) | {baseline['cpu']:.2f} | {baseline['seconds']:.2f} |",
            f"| current | {seed_cpu:.2f} | {seed_s:.2f} |",
            "",
            f"Speed-up on the seeds: **{ratio:.1f}x** in CPU time (best of the repeats, both in this run).",
            "",
            f"Outputs, byte for byte: on the five seeds {verdict(same)}; on the first {n_compare} synthetic "
            f"documents (all five layouts) {verdict(same_synthetic)}.",
        ]
    else:
        out.append(f"Baseline not measured: {baseline}.")
    total = sum(t for _, t in profile) or 1.0
    out += [
        "",
        f"## Where the time goes ({profile_n} documents, cProfile self time per module)",
        "",
        "| module | share |",
        "|---|---:|",
    ]
    for module, t in profile[:12]:
        out.append(f"| {module} | {t / total:.0%} |")
    out += [
        "",
        "cProfile inflates Python-level calls relative to C code, so the shares are a guide to where work",
        "happens, not a prediction of savings. `builtins` is mostly the regular expressions of the value",
        "grammar and the prose reader, called from `prose*.py` and `value*.py`.",
        "",
    ]
    out += reports_section
    return "\n".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
