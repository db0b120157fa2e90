"""Checksums of raw documents, remembered across runs by size and modification time.

The manifest records a sha256 for every document and every load checks it, so that a file
changed since import is caught. Hashing the whole corpus (about 90 MB) takes about half a
second; a no-op build must not pay that each time. The cache keeps, per file, the size and
``st_mtime_ns`` it had when hashed: a file whose size and mtime are unchanged is not read
again; any write to a file changes its mtime, so a changed file is always re-hashed.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

from plantargets import paths
from plantargets.fileio import atomic_write_text, file_sha256

RACY_NS = 2_000_000_000  # 2 s
_lock = threading.Lock()
_memo: dict[str, tuple[int, int, str]] = {}
_loaded: set[Path] = set()
_dirty = False


def cache_file() -> Path:
    """Where the cache lives: beside the processed data (never committed, safe to delete)."""
    return paths.PROCESSED_DIR / ".cache" / "sha256.json"


def _load() -> None:
    path = cache_file()
    if path in _loaded:
        return
    _loaded.add(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    for key, value in data.items():
        if isinstance(value, list) and len(value) == 3:
            _memo.setdefault(key, (int(value[0]), int(value[1]), str(value[2])))


def checksum(path: Path) -> str:
    """sha256 (hex) of ``path``, read only when its size or mtime changed since last hashed."""
    global _dirty
    st = os.stat(path)
    key = str(Path(path).resolve())
    with _lock:
        _load()
        hit = _memo.get(key)
        if hit and hit[0] == st.st_size and hit[1] == st.st_mtime_ns:
            return hit[2]
    digest = file_sha256(path)
    # A file modified within the clock's granularity of now could be modified again with the
    # same size and mtime (git's "racy" case): such a file is not remembered.
    if time.time_ns() - st.st_mtime_ns > RACY_NS:
        with _lock:
            _memo[key] = (st.st_size, st.st_mtime_ns, digest)
            _dirty = True
    return digest


def save() -> None:
    """Write the cache if it learnt anything (called after a manifest load)."""
    global _dirty
    with _lock:
        if not _dirty:
            return
        path = cache_file()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(path, json.dumps({k: list(v) for k, v in sorted(_memo.items())}))
        except OSError:
            return  # a read-only checkout still works, only slower
        _dirty = False
