"""How many work reports yield exactly one GDP growth target of their own year.

    python scripts/gdp_target_coverage.py [--csv OUT.csv] [--years 2003-2026]

Every work report should give its year's GDP growth target (indicator ``gdp_growth``, role ``target``,
``target_year`` = the report's ``report_year`` in data/raw/sources.csv) unless it sets none (many 2020
reports, some before 2003). The count of reports with none or several such rows is a corpus-wide signal
of the work-report reader's misses and extra rows. Documents of the blind held-out sets
(``keyscore.BLIND_SETS``: tests/golden/workreports/<set>.txt) are left out of every count and listing.
Reads data/processed/indicators.csv (build it with ``python -m plantargets data``).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

from plantargets.dataset.keyscore import BLIND_SETS

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
GOLDEN = ROOT / "tests" / "golden" / "workreports"

# A GDP growth phrase with a percentage (地区生产总值增长8%, GDP增长7.5%左右, 经济增长9%).
GDP_GROWTH = re.compile(r"(生产总值|GDP|经济增长|经济总量)[^。；;]{0,24}?\d+(\.\d+)?%")
# Words that mark a target sentence rather than the review of the past year.
TARGET_WORDS = re.compile(r"目标|预期|今年|力争|确保|左右|以上|争取")
# Words of a review sentence (a realised figure or average), never a target of the year.
PAST_WORDS = re.compile(r"预计|初步|完成|实现|达到|年均|比上年|五年来")


def heldout_files() -> set[str]:
    """The raw-file paths (relative to data/raw) of the blind held-out documents (``keyscore.BLIND_SETS``)."""
    lines = [ln for b in BLIND_SETS for ln in (GOLDEN / f"{b}.txt").read_text(encoding="utf-8").splitlines()]
    return {ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")}


def work_reports(first: int, last: int) -> pd.DataFrame:
    """Work reports of ``first``..``last`` (report years) from sources.csv, held-out documents left out."""
    src = pd.read_csv(RAW / "sources.csv", dtype=str)
    src = src[src["doc_type"] == "work_report"].copy()
    src["year"] = pd.to_numeric(src["report_year"], errors="coerce")
    src = src[src["year"].between(first, last) & ~src["file"].isin(heldout_files())]
    return src[["file", "doc_id", "region_zh", "year"]].reset_index(drop=True)


def own_year_targets(indicators: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """The gdp_growth target rows whose target_year is their report's year, one row per extracted row."""
    rows = indicators[(indicators["indicator"] == "gdp_growth") & (indicators["role"] == "target")]
    rows = rows.merge(reports[["doc_id", "year"]], on="doc_id")
    return rows[pd.to_numeric(rows["target_year"], errors="coerce") == rows["year"]]


def candidate_line(file: str, year: int) -> str:
    """The first raw line that reads like the year's GDP growth target ("line: text"), else ''."""
    path = RAW / file
    if not path.exists():
        return ""
    for i, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        for sentence in re.split(r"[。；;]", line):
            m = GDP_GROWTH.search(sentence)
            if m and not PAST_WORDS.search(sentence) and (TARGET_WORDS.search(sentence) or f"{year}年" in sentence):
                start = max(0, m.start() - 40)
                return f"{i}: {sentence[start : m.end() + 40].strip()}"
    return ""


def coverage(indicators: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """One row per report: file, region, year, n (own-year GDP growth targets), and for n != 1 the detail."""
    hits = own_year_targets(indicators, reports)
    counts = hits.groupby("doc_id").size()
    out = reports.copy()
    out["n"] = out["doc_id"].map(counts).fillna(0).astype(int)
    detail = hits.groupby("doc_id").apply(
        lambda g: " || ".join(f"{r.line}: {r.name} {r.annual_growth} {r.qualifier}" for r in g.itertuples()),
        include_groups=False,
    )
    out["rows"] = out["doc_id"].map(detail).fillna("")
    out["candidate"] = [
        candidate_line(f, int(y)) if n == 0 else "" for f, y, n in zip(out["file"], out["year"], out["n"], strict=True)
    ]
    return out


def main(argv: list[str]) -> int:
    """Print the counts (all years asked, and 2003-2026) and the none/several listing; --csv saves it."""
    years = argv[argv.index("--years") + 1] if "--years" in argv else "1950-2030"
    first, last = (int(y) for y in years.split("-"))
    ind = pd.read_csv(ROOT / "data" / "processed" / "indicators.csv", dtype=str, keep_default_na=False)
    cov = coverage(ind, work_reports(first, last))
    for label, part in (("all", cov), ("2003-2026", cov[cov["year"].between(2003, 2026)])):
        print(
            f"{label}: {len(part)} reports checked: exactly one {int((part['n'] == 1).sum())}, "
            f"none {int((part['n'] == 0).sum())}, several {int((part['n'] > 1).sum())}"
        )
    odd = cov[cov["n"] != 1].sort_values(["n", "year", "file"])
    for r in odd.itertuples():
        print(f"[{r.n}] {r.year} {r.file} :: {r.rows or r.candidate}")
    if "--csv" in argv:
        odd.to_csv(argv[argv.index("--csv") + 1], index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
