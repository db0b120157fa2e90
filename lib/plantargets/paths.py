"""Every folder the project reads or writes, in one place.

Anchored on this file so that notebooks, tests and the CLI agree on where things live
whatever the working directory. ``PLANTARGETS_ROOT`` overrides the project root (tests
point it at a temporary copy); the individual folders can be overridden too.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = Path(os.environ.get("PLANTARGETS_ROOT", PACKAGE_DIR.parent.parent)).resolve()

DATA_DIR = ROOT / "data"
RAW_DIR = Path(os.environ.get("PLANTARGETS_RAW_DIR", DATA_DIR / "raw"))
PROCESSED_DIR = Path(os.environ.get("PLANTARGETS_PROCESSED_DIR", DATA_DIR / "processed"))
REFERENCE_DIR = DATA_DIR / "reference"
# OCR results by image checksum (read.ocr): a rebuild reads them instead of recognising again.
OCR_CACHE_DIR = Path(os.environ.get("PLANTARGETS_OCR_CACHE", DATA_DIR / "cache" / "ocr"))
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = Path(os.environ.get("PLANTARGETS_REPORTS_DIR", ROOT / "reports"))
# The manifest; its files are always looked up in RAW_DIR (tests point this at a seeds-only copy).
MANIFEST = Path(os.environ.get("PLANTARGETS_MANIFEST") or RAW_DIR / "sources.csv")
CATALOG = PACKAGE_DIR / "catalog.csv"


def library_files() -> list[Path]:
    """The library's code and data files: what processed data and reports depend on.

    Both the extraction fingerprint and the report build hash this list, so they agree on
    when a library change makes their outputs stale.
    """
    files = [p for pattern in ("**/*.py", "**/*.csv") for p in PACKAGE_DIR.glob(pattern)]
    return sorted(p for p in files if "__pycache__" not in p.parts)
