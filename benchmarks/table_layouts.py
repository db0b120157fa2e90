"""Rows right per column on the table-layout fixtures (tests/fixtures/tables/README.md).

Each fixture is read as a user's file would be (``read_any`` + ``extract_document`` without a
manifest row) and its table rows compared with the hand-written ``*.expected.csv``. A row is
matched by name; an expected row with no extracted row counts as wrong in every column, an
extracted row matching no expected row is *invented*. Usage::

    python benchmarks/table_layouts.py          # one line per fixture, per-column shares
"""

from __future__ import annotations

import csv
import math
import sys
from pathlib import Path

from plantargets.dataset.assemble import extract_document
from plantargets.read.dispatch import read_any

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "tables"
# fixture file -> expected rows
LAYOUTS = {
    "national_fyp14_layout.txt": "national_fyp14.expected.csv",
    "national_fyp14_layout.pdf": "national_fyp14.expected.csv",
    "national_fyp14_centred.txt": "national_fyp14.expected.csv",
    "national_fyp14_centred.pdf": "national_fyp14.expected.csv",
    "national_fyp14_vcentred.txt": "national_fyp14.expected.csv",
    "national_fyp14_vcentred.pdf": "national_fyp14.expected.csv",
    "national_fyp14_spans.html": "national_fyp14.expected.csv",
    "national_fyp14_truncated.html": "national_fyp14_truncated.expected.csv",
    "tacheng_merged_cells.docx": "tacheng_merged_cells.expected.csv",
    "two_column_layout.txt": "national_fyp14.expected.csv",
    "two_column_layout.pdf": "national_fyp14.expected.csv",
    "table_beside_prose.txt": "table_beside_prose.expected.csv",
    "table_beside_prose.pdf": "table_beside_prose.expected.csv",
}
COLUMNS = (
    "seq",
    "category",
    "name",
    "unit",
    "base_value",
    "target_value",
    "target_text",
    "annual_growth",
    "cumulative",
    "qualifier",
    "attribute",
)


def same(got: object, want: str) -> bool:
    """A record's value against a CSV cell: numbers by value, booleans by name, '' for None."""
    if isinstance(got, bool):
        return str(got).lower() == want.lower()
    if got is None or (isinstance(got, float) and math.isnan(got)):
        return want == ""
    if want == "":
        return got == ""
    try:
        return math.isclose(float(got), float(want))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(got) == want


def score(fixture: str, expected: str) -> dict:
    """{'rows': n, 'right': {col: n}, 'all_right': n, 'invented': [names], 'found': n}."""
    records = [r for r in extract_document(read_any(FIXTURES / fixture)).records if r["table"] != "prose"]
    with open(FIXTURES / expected, encoding="utf-8") as fh:
        want = list(csv.DictReader(fh))
    by_name: dict[str, list[dict]] = {}
    for r in records:
        by_name.setdefault(r["name"], []).append(r)
    right = dict.fromkeys(COLUMNS, 0)
    all_right = found = 0
    for w in want:
        candidates = by_name.get(w["name"], [])
        got = next((r for r in candidates if str(r["seq"]) == w["seq"]), candidates[0] if candidates else None)
        if got is None:
            continue
        found += 1
        ok = [col for col in COLUMNS if same(got[col], w[col])]
        for col in ok:
            right[col] += 1
        all_right += len(ok) == len(COLUMNS)
    names = {w["name"] for w in want}
    invented = [r["name"] for r in records if r["name"] not in names]
    return {"rows": len(want), "found": found, "right": right, "all_right": all_right, "invented": invented}


def main() -> int:
    print(f"{'fixture':32} rows found all-right worst-column  invented")
    for fixture, expected in LAYOUTS.items():
        s = score(fixture, expected)
        worst = min(s["right"], key=lambda c: s["right"][c])
        print(
            f"{fixture:32} {s['rows']:4} {s['found']:5} {s['all_right']:9} "
            f"{worst}={s['right'][worst]}/{s['rows']:<6} {len(s['invented'])}"
        )
        print("    " + " ".join(f"{c}={s['right'][c]}" for c in COLUMNS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
