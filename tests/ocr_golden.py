"""Scoring OCR'd national tables against the golden files keyed by hand from the images.

Used by tests/test_ocr_national.py (thresholds) and benchmarks/ocr_national.py (figures).
Rows are matched in printed order by name (OCR may garble a character of a name, so the
match is by similarity); a golden row without a match counts as wrong on every column.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import pandas as pd

GOLDEN = Path(__file__).resolve().parent / "golden" / "national_ocr"
OUTLINES = Path(__file__).resolve().parent.parent / "data" / "raw" / "lawtext-gov" / "五年规划"
# Which outline prints which table (the completion table is printed beside the main one).
TABLES = {
    "fyp11_review": "2011-十二五规划纲要.md",
    "fyp12_main": "2011-十二五规划纲要.md",
    "fyp12_review": "2016-十三五规划纲要.md",
    "fyp13_main": "2016-十三五规划纲要.md",
    "fyp14_main": "2021-十四五规划纲要.md",
    "fyp15_main": "2026-十五五规划纲要.md",
}
# The compared columns: base, target (number and text), annual/cumulative, qualifier, attribute.
COMPARED = ["base_value", "target_value", "target_text", "annual_growth", "cumulative", "qualifier", "attribute"]
NAME_MATCH = 0.5


def golden(table: str) -> pd.DataFrame:
    return pd.read_csv(GOLDEN / f"{table}.csv", dtype=str, keep_default_na=False)


def same(a: object, b: str) -> bool:
    """A golden cell (text) against an extracted value (number, bool, text or empty)."""
    if a is None or a is pd.NA or (isinstance(a, float) and math.isnan(a)):
        return b == ""
    if isinstance(a, bool) or str(a) in ("True", "False"):
        return str(a).lower() == b.lower()
    if b == "":
        return str(a) == ""
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(a) == b


@dataclass
class Score:
    table: str
    rows: int
    matched: int
    right: dict[str, int] = field(default_factory=dict)  # column -> rows right
    all_right: int = 0
    wrong: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # name, column, got, want, origin

    def share(self, column: str | None = None) -> float:
        n = self.all_right if column is None else self.right[column]
        return n / self.rows if self.rows else 0.0


def match_rows(gold: pd.DataFrame, got: pd.DataFrame) -> list[int | None]:
    """For each golden row, the index of its extracted row (in order), or None."""
    out: list[int | None] = []
    start = 0
    names = list(got["name"])
    for name in gold["name"]:
        best, best_i = 0.0, None
        for i in range(start, min(start + 4, len(names))):
            r = SequenceMatcher(None, name, names[i]).ratio()
            if r > best:
                best, best_i = r, i
        if best_i is not None and best >= NAME_MATCH:
            out.append(best_i)
            start = best_i + 1
        else:
            out.append(None)
    return out


def score(table: str, extracted: pd.DataFrame) -> Score:
    """Rows right per compared column for one table (``extracted``: that table's records)."""
    gold = golden(table)
    got = extracted.reset_index(drop=True)
    matches = match_rows(gold, got)
    s = Score(table, len(gold), sum(m is not None for m in matches), dict.fromkeys(COMPARED, 0))
    for (_, g), m in zip(gold.iterrows(), matches, strict=True):
        ok_row = m is not None
        for col in COMPARED:
            value = got.loc[m, col] if m is not None else None
            ok = m is not None and same(value, g[col])
            s.right[col] += ok
            if not ok:
                ok_row = False
                origin = str(got.loc[m, "origin"]) if m is not None else ""
                s.wrong.append((g["name"], col, "" if m is None else str(value), g[col], origin))
        s.all_right += ok_row
    return s
