"""reports.state: content keys of a report's inputs and the build state kept between builds.

Files hashed are the bundled seeds; their sha256 is the one the manifest records
(data/raw/sources.csv, column sha256), so a hash here is checked against the project's own record.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

from plantargets import paths
from plantargets.reports.state import (
    STATE_FILE,
    STATE_VERSION,
    BuildState,
    FileHasher,
    digest,
    files_digest,
    resolve_inputs,
    template_files,
)

from .conftest import RAW, SEEDS


def _manifest_sha(name: str) -> str:
    with (RAW / "sources.csv").open(encoding="utf-8", newline="") as f:
        return next(row["sha256"] for row in csv.DictReader(f) if row["file"] == name)


def test_digest_is_stable_and_ignores_key_order() -> None:
    assert digest({"a": 1, "b": [1, 2]}) == digest({"b": [1, 2], "a": 1})
    assert digest({"a": 1}) != digest({"a": 2})
    assert digest({"地区": "库伦旗"}) == digest({"地区": "库伦旗"})  # non-ASCII is hashed as text, not escaped
    assert len(digest([])) == 64


def test_file_hasher_gives_the_manifests_checksum(tmp_path: Path) -> None:
    seed = SEEDS["hure-fyp14"]
    hasher = FileHasher()
    # data/raw/sources.csv:5, the sha256 column of 003_3e4f07611e85fb5a.txt
    assert (
        hasher(seed) == _manifest_sha(seed.name) == "7729e7b45f041119a574a980a3f8e2d04650ac7fade6f756b16a9b99cf6373d4"
    )
    size, mtime, sha = hasher.seen[str(seed)]
    assert (size, sha) == (seed.stat().st_size, _manifest_sha(seed.name)) and mtime == seed.stat().st_mtime_ns


def test_file_hasher_trusts_its_cache_only_while_size_and_mtime_hold(tmp_path: Path) -> None:
    copy = tmp_path / "plan.txt"
    shutil.copy2(SEEDS["hure-fyp14"], copy)
    st = copy.stat()
    cached = {str(copy): [st.st_size, st.st_mtime_ns, "remembered"]}
    assert FileHasher(cache=cached)(copy) == "remembered"  # nothing read: the build with nothing to do
    os.utime(copy, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # touched: hashed again
    assert FileHasher(cache=cached)(copy) == _manifest_sha(SEEDS["hure-fyp14"].name)


def test_files_digest_changes_with_contents_and_names_not_with_a_touch(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(SEEDS["hure-fyp14"], a)
    shutil.copy(SEEDS["tacheng-fyp14"], b)
    before = files_digest([a, b], FileHasher(), tmp_path)
    os.utime(a, ns=(0, 10**18))
    assert files_digest([a, b], FileHasher(), tmp_path) == before
    b.rename(tmp_path / "c.txt")
    assert files_digest([a, tmp_path / "c.txt"], FileHasher(), tmp_path) != before
    with a.open("a", encoding="utf-8") as f:
        f.write("\n")
    assert files_digest([a, tmp_path / "c.txt"], FileHasher(), tmp_path) != before


def test_resolve_inputs_matches_globs_recursively_and_only_files(tmp_path: Path) -> None:
    (tmp_path / "data" / "processed" / "sub").mkdir(parents=True)
    for name in ("indicators.csv", "quality.csv", "sub/deep.csv", "notes.md"):
        (tmp_path / "data" / "processed" / name).write_text("x\n", encoding="utf-8")
    found = resolve_inputs(("data/processed/*.csv", "data/processed/**/*.csv", "missing/*.csv"), tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "data/processed/indicators.csv",
        "data/processed/quality.csv",
        "data/processed/sub/deep.csv",
    ]
    absolute = resolve_inputs((str(RAW / "00[34]_*.txt"),), tmp_path)
    assert absolute == [SEEDS["hure-fyp14"], SEEDS["tacheng-fyp14"]]


def test_template_files_are_the_packages_templates() -> None:
    names = [p.name for p in template_files()]
    assert names == sorted(p.name for p in (paths.PACKAGE_DIR / "reports" / "templates").iterdir())
    assert {"report.html.j2", "index.html.j2", "provenance.html.j2", "report.css"} <= set(names)


def test_build_state_round_trips_and_remembers_hashed_files(tmp_path: Path) -> None:
    state = BuildState.load(tmp_path)
    assert state.path == tmp_path / STATE_FILE and state.reports == {}  # nothing built yet
    state.reports["mix"] = {"status": "built", "exec_key": "e1", "render_key": "r1", "tables": ["shares.csv"]}
    state.index_key = "i1"
    state.dataset = {"stamp": "s"}
    hasher = FileHasher()
    hasher(SEEDS["hure-fyp14"])
    state.save(hasher)
    saved = json.loads((tmp_path / STATE_FILE).read_text(encoding="utf-8"))
    assert saved["version"] == STATE_VERSION
    assert saved["files"][str(SEEDS["hure-fyp14"])][2] == _manifest_sha(SEEDS["hure-fyp14"].name)
    again = BuildState.load(tmp_path)
    assert (again.reports, again.index_key, again.dataset) == (state.reports, "i1", {"stamp": "s"})
    assert FileHasher(cache=again.file_cache)(SEEDS["hure-fyp14"]) == _manifest_sha(SEEDS["hure-fyp14"].name)


def test_an_unreadable_or_other_version_state_means_nothing_built(tmp_path: Path) -> None:
    (tmp_path / STATE_FILE).write_text("{not json", encoding="utf-8")
    assert BuildState.load(tmp_path).reports == {}
    (tmp_path / STATE_FILE).write_text(json.dumps({"version": STATE_VERSION + 1, "reports": {"x": {}}}), "utf-8")
    assert BuildState.load(tmp_path).reports == {}
    (tmp_path / STATE_FILE).write_text("[]", encoding="utf-8")
    assert BuildState.load(tmp_path).reports == {}
