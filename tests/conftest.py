"""Shared fixtures: paths to the bundled documents and a manifest builder."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")
os.environ.setdefault("MPLBACKEND", "Agg")

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = {
    "kizilsu-fyp14": RAW / "000_8b2e86d28166808b.txt",
    "urumqi-etdz-fyp14": RAW / "001_92a7ba0c77b212ac.txt",
    "xinjiang-gwr2023": RAW / "002_d0532ac20bb8827f.txt",
    "hure-fyp14": RAW / "003_3e4f07611e85fb5a.txt",
    "tacheng-fyp14": RAW / "004_f3c3abe848757c8b.txt",
}


@pytest.fixture
def seeds() -> dict[str, Path]:
    return dict(SEEDS)


@pytest.fixture
def root() -> Path:
    return ROOT
