"""Is data/processed up to date? Answered without importing the extractor or pandas.

A no-op ``plantargets data`` (or the data step of ``plantargets build``) must cost little
more than the interpreter's start-up: it loads the manifest (which checks every document's
checksum, remembered by size and mtime in ``dataset.checksums``), hashes the library's files
and compares with the stamp the last build wrote. This module imports only the standard
library and the manifest.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from plantargets import paths
from plantargets.dataset.manifest import Source
from plantargets.fileio import file_sha256

STAMP = ".extract.json"
OUTPUTS = ("indicators.csv", "quality.csv", "sector_mix.csv")
# Bump when the cached per-document results change shape (the library hash covers code).
CACHE_FORMAT = 2  # 2: rows kept column by column (dataset.extraction.CachedDocument)


def library_fingerprint() -> str:
    """sha256 over the package's code and data files: any change re-extracts every document."""
    h = hashlib.sha256(f"cache-format {CACHE_FORMAT}\n".encode())
    for f in paths.library_files():
        h.update(f.relative_to(paths.PACKAGE_DIR).as_posix().encode() + b"\0")
        h.update(f.read_bytes())
    return h.hexdigest()


def inputs_fingerprint(manifest: Path) -> str:
    """Hash of everything the processed tables depend on: the manifest (whose sha256 column
    ``load_manifest`` has checked against every document) and the library."""
    h = hashlib.sha256(manifest.read_bytes())
    h.update(library_fingerprint().encode())
    return h.hexdigest()


def read_stamp(out_dir: Path) -> dict:
    """The last build's stamp (fingerprint, summary, output digests), {} when absent or unreadable."""
    try:
        previous = json.loads((out_dir / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return previous if isinstance(previous, dict) else {}


def output_digests(files: list[Path]) -> dict[str, str]:
    """sha256 of each written output, recorded in the stamp so ``data`` can tell its own files."""
    return {f.name: file_sha256(f) for f in sorted(files)}


def changed_outputs(out_dir: Path, recorded: object) -> list[str]:
    """Outputs missing or different from what the last ``data`` run wrote (all of them without a record).

    ``extract --out data/processed`` or a hand copy would otherwise pass for an up-to-date
    dataset, and ``build`` would publish reports from it (issue 16, case 3).
    """
    if not isinstance(recorded, dict) or not recorded:
        return ["no record of the outputs"]
    changed = [name for name in sorted(recorded) if not (out_dir / name).is_file()]
    changed += [n for n in sorted(recorded) if n not in changed and file_sha256(out_dir / n) != recorded[n]]
    return changed


def replaced_outputs(out_dir: Path, fingerprint: str) -> list[str]:
    """Outputs changed by something other than ``data`` although the inputs are the same ([] otherwise)."""
    previous = read_stamp(out_dir)
    if previous.get("fingerprint") != fingerprint:
        return []
    return changed_outputs(out_dir, previous.get("outputs"))


def previous_build(out_dir: Path, fingerprint: str) -> dict | None:
    """The summary of the last build when it had these inputs and its outputs are as it wrote them."""
    previous = read_stamp(out_dir)
    if previous.get("fingerprint") != fingerprint or changed_outputs(out_dir, previous.get("outputs")):
        return None
    summary = previous.get("summary", {})
    return summary if isinstance(summary, dict) else {}


def up_to_date(sources: list[Source], manifest: Path | None = None, out_dir: Path | None = None) -> dict | None:
    """``previous_build`` for the default folders (``sources`` is the loaded, checked manifest)."""
    del sources  # loading them checked every checksum; the manifest bytes carry them
    manifest = Path(manifest) if manifest else paths.MANIFEST
    out_dir = Path(out_dir) if out_dir else paths.PROCESSED_DIR
    return previous_build(out_dir, inputs_fingerprint(manifest))
