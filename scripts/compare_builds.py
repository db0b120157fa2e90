"""Build data/processed and every report's CSV tables at two revisions and compare them.

A restructuring must not change what the pipeline produces. This script checks that
claim end to end: each side (a git revision, or a folder holding a checkout) runs
``plantargets build --force`` in its own Python process with its own library, on the same
raw documents, into its own output folder; then every processed file and every report CSV
is compared byte for byte. ``.extract.json`` (its fingerprint hashes the library files)
and the HTML pages (build times, library version) differ by design and are not compared.

    .venv/bin/python scripts/compare_builds.py 9620026            # that commit vs this checkout
    .venv/bin/python scripts/compare_builds.py 9620026 /work/wt/x  # that commit vs a folder

Exit status 0 when everything is identical, 1 when a file differs or is missing on a side.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Produced files compared byte for byte, relative to a side's output folder.
PROCESSED_GLOBS = ("processed/*.csv", "processed/*.parquet", "processed/datapackage.json")
REPORT_GLOBS = ("reports/*_data/*.csv", "reports/data/processed/*.csv")


def checkout(rev: str, scratch: Path) -> Path:
    """A folder holding ``rev``: the folder itself when it is one, else a detached worktree."""
    if Path(rev).is_dir():
        return Path(rev).resolve()
    target = scratch / f"src-{rev.replace('/', '_')}"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--quiet", "--detach", str(target), rev], check=True)
    return target


def build(source: Path, out: Path, raw: Path, jobs: int) -> None:
    """Run the full build of ``source``'s library into ``out`` (processed/ and reports/)."""
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(source / "lib"),
        PLANTARGETS_ROOT=str(source),
        PLANTARGETS_RAW_DIR=str(raw),
        PLANTARGETS_PROCESSED_DIR=str(out / "processed"),
        PLANTARGETS_REPORTS_DIR=str(out / "reports"),
    )
    cmd = [sys.executable, "-m", "plantargets", "build", "--force", "--jobs", str(jobs), "--no-progress"]
    run = subprocess.run(cmd, cwd=source, env=env, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"build of {source} failed ({run.returncode}):\n{run.stdout[-2000:]}\n{run.stderr[-3000:]}")


def produced(out: Path) -> set[str]:
    """The compared files of one side, as paths relative to its output folder."""
    return {str(p.relative_to(out)) for pattern in (*PROCESSED_GLOBS, *REPORT_GLOBS) for p in out.glob(pattern)}


def compare(a: Path, b: Path) -> tuple[list[str], list[str], list[str]]:
    """(identical, different, missing on one side) file names of two output folders."""
    names_a, names_b = produced(a), produced(b)
    same, diff = [], []
    for name in sorted(names_a & names_b):
        (same if filecmp.cmp(a / name, b / name, shallow=False) else diff).append(name)
    return same, diff, sorted(names_a ^ names_b)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", help="git revision or checkout folder (the reference)")
    parser.add_argument("after", nargs="?", default=str(ROOT), help="git revision or folder (default: this checkout)")
    parser.add_argument("--raw", type=Path, default=None, help="raw documents for both (default: before's data/raw)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="plantargets-compare-"))
    sides = {}
    try:
        for label, rev in (("before", args.before), ("after", args.after)):
            sides[label] = checkout(rev, scratch)
        raw = args.raw or sides["before"] / "data" / "raw"
        for label, source in sides.items():
            print(f"building {label}: {source}", flush=True)
            build(source, scratch / label, raw, args.jobs)
        same, diff, missing = compare(scratch / "before", scratch / "after")
    finally:
        for source in sides.values():
            if source.parent == scratch:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(source)], check=False)
    reports = sum(name.startswith("reports/") for name in same)
    print(f"identical: {len(same)} files ({len(same) - reports} processed, {reports} report CSVs)")
    for name in diff:
        print(f"DIFFERENT: {name}")
    for name in missing:
        print(f"MISSING on one side: {name}")
    print(f"outputs kept in {scratch}")
    return 0 if same and not diff and not missing else 1


if __name__ == "__main__":
    raise SystemExit(main())
