"""fileio: atomic writes publish files with the user's umask, never mkstemp's private 0600."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from plantargets.fileio import atomic_write_bytes, atomic_write_many

from .conftest import SEEDS


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_single_write_is_readable_by_others(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "a.csv"
    atomic_write_bytes(target, b"x\n")
    assert _mode(target) == 0o644


def test_many_writes_are_readable_by_others(tmp_path: Path, umask_022: None) -> None:
    files = {tmp_path / "a.csv": b"a", tmp_path / "sub" / "b.json": b"{}"}
    atomic_write_many(files)
    assert {p.name: _mode(p) for p in files} == {"a.csv": 0o644, "b.json": 0o644}


def test_a_stricter_umask_is_respected(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic_write_bytes(tmp_path / "a.csv", b"x")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "a.csv") == 0o640


def test_extract_out_files_are_readable_by_colleagues(tmp_path: Path, umask_022: None) -> None:
    from plantargets.cli import main

    seed = SEEDS["tacheng-fyp14"]
    assert main(["extract", str(seed), "--out", str(tmp_path / "out")]) == 0
    written = sorted((tmp_path / "out").iterdir())
    assert written, "extract wrote nothing"
    assert {p.name: _mode(p) for p in written} == {p.name: 0o644 for p in written}
