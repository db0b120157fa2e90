"""Draw a stratified sample of corpus work reports to key by hand (a new held-out set).

    python scripts/sample_keyset.py [--seed 20261203]

Documents already keyed (listed in tests/golden/workreports/devset.txt and heldout*.txt) and the
plan outlines are left out. Quotas per level are spread over four periods (2003-08, 2009-14,
2015-20, 2021-26); where a level has no document in a period, any year of that level is drawn.
Prints level, year and path, one document per line.

The held-out set 2 (heldout2.txt) is this draw with the default seed and
`--lists tests/golden/workreports/devset.txt tests/golden/workreports/heldout.txt`, except that
the national 2006 report was replaced by 2008: its extractor output had been read while working on
the reader, so it could not be blind.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYSETS = ROOT / "tests" / "golden" / "workreports"
PERIODS = [(2003, 2008), (2009, 2014), (2015, 2020), (2021, 2026)]
QUOTA = {"national": 4, "province": 8, "city": 8, "prefecture": 4}
LEVEL_FOLDERS = {"国务院": "national", "省自治区": "province", "主要城市": "city", "其他地市": "prefecture"}


def keyed_documents(listings: list[Path]) -> set[str]:
    """Paths (under data/raw) of every document named in the key-set listings."""
    out: set[str] = set()
    for listing in listings:
        lines = listing.read_text(encoding="utf-8").splitlines()
        out |= {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    return out


def candidates(raw: Path, exclude: set[str]) -> list[tuple[str, int, str]]:
    """(level, year, path) of every work report under raw/lawtext-gov not in exclude."""
    docs = []
    for path in sorted((raw / "lawtext-gov").rglob("*.md")):
        rel = path.relative_to(raw).as_posix()
        year = re.search(r"(\d{4})\.md$", rel)
        level = next((lvl for key, lvl in LEVEL_FOLDERS.items() if f"政府工作报告-{key}" in rel), None)
        if year and level and rel not in exclude:
            docs.append((level, int(year.group(1)), rel))
    return docs


def draw(docs: list[tuple[str, int, str]], seed: int) -> list[tuple[str, int, str]]:
    """The stratified draw: QUOTA documents per level, cycling through PERIODS."""
    rng = random.Random(seed)
    pick: list[tuple[str, int, str]] = []
    for level, quota in QUOTA.items():
        for i in range(quota):
            lo, hi = PERIODS[i % len(PERIODS)]
            pool = [d for d in docs if d[0] == level and lo <= d[1] <= hi and d not in pick]
            pool = pool or [d for d in docs if d[0] == level and d not in pick]
            pick.append(rng.choice(pool))
    return pick


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--raw", type=Path, default=ROOT / "data" / "raw")
    parser.add_argument(
        "--lists", type=Path, nargs="*", default=sorted(KEYSETS.glob("*.txt")),
        help="key-set listings whose documents are left out (default: all in tests/golden/workreports)",
    )  # fmt: skip
    args = parser.parse_args()
    for level, year, rel in draw(candidates(args.raw, keyed_documents(args.lists)), args.seed):
        print(level, year, rel, sep="\t")


if __name__ == "__main__":
    main()
