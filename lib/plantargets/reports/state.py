"""What the last build produced, and whether a report's inputs changed since.

``reports/.build.json`` records, per report, two content hashes:

* the *execution key*: the notebook file, its parameters, the kernel name, the library
  (``lib/plantargets/**/*.py`` and ``*.csv``) and the data files its ``inputs`` globs
  match (names and contents, so a new or deleted file counts as a change);
* the *render key*: the execution key plus the HTML templates, ``with_code`` and the
  source documents' checksums shown in the provenance header.

A report re-executes only when its execution key changed (or its last run failed, or an
output is missing); when only the render key changed, the kept executed notebook is
re-exported to HTML without starting a kernel. Content hashes, not mtimes, decide, so a
``touch`` or a fresh checkout rebuilds nothing; hashes are cached by (size, mtime) so a
build with nothing to do reads no file twice.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plantargets import paths
from plantargets.fileio import atomic_write_text, file_sha256

STATE_FILE = ".build.json"
STATE_VERSION = 1


def digest(obj: Any) -> str:
    """A stable hash of a JSON-able object (dict keys sorted)."""
    return hashlib.sha256(json.dumps(obj, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


@dataclass
class FileHasher:
    """sha256 of files, re-using last build's value when size and mtime are unchanged."""

    cache: dict[str, list[Any]] = field(default_factory=dict)
    seen: dict[str, list[Any]] = field(default_factory=dict)

    def __call__(self, path: Path) -> str:
        key = str(path)
        if key in self.seen:
            return str(self.seen[key][2])
        st = path.stat()
        cached = self.cache.get(key)
        if cached and cached[0] == st.st_size and cached[1] == st.st_mtime_ns:
            sha = str(cached[2])
        else:
            sha = file_sha256(path)
        self.seen[key] = [st.st_size, st.st_mtime_ns, sha]
        return sha


def template_files() -> list[Path]:
    return sorted(p for p in (paths.PACKAGE_DIR / "reports" / "templates").rglob("*") if p.is_file())


def files_digest(files: list[Path], hasher: FileHasher, base: Path) -> str:
    """Hash of names (relative to ``base``) and contents of ``files``."""
    return digest({_rel(p, base): hasher(p) for p in files})


def _rel(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return str(path)


def resolve_inputs(patterns: tuple[str, ...], root: Path) -> list[Path]:
    """Files matched by the ``inputs`` globs (relative to the project root; ``**`` recurses)."""
    found: set[Path] = set()
    for pattern in patterns:
        full = pattern if os.path.isabs(pattern) else str(root / pattern)
        found.update(Path(p) for p in glob.glob(full, recursive=True) if os.path.isfile(p))
    return sorted(found)


@dataclass
class BuildState:
    """The content of ``reports/.build.json``."""

    path: Path
    reports: dict[str, dict[str, Any]] = field(default_factory=dict)
    file_cache: dict[str, list[Any]] = field(default_factory=dict)
    index_key: str = ""
    dataset: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, reports_dir: Path) -> BuildState:
        """Read the state; a missing or unreadable file means 'nothing built yet'."""
        path = reports_dir / STATE_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(path=path)
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            return cls(path=path)
        return cls(
            path=path,
            reports=data.get("reports", {}),
            file_cache=data.get("files", {}),
            index_key=data.get("index_key", ""),
            dataset=data.get("dataset", {}),
        )

    def save(self, hasher: FileHasher) -> None:
        data = {
            "version": STATE_VERSION,
            "index_key": self.index_key,
            "dataset": self.dataset,
            "reports": self.reports,
            "files": {**self.file_cache, **hasher.seen},
        }
        atomic_write_text(self.path, json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
