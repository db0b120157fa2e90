"""Precision and recall of the work-report reader against the hand keys.

    python scripts/score_workreports.py [KEYS_DIR] [--misses]

KEYS_DIR defaults to tests/golden/workreports/keys; documents are read from data/raw. ``--misses``
is refused for a blind set (``keyscore.BLIND_SETS``): it is only measured.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from plantargets import paths
from plantargets.dataset.keyscore import is_blind, score_files

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    keys_dir = Path(args[0]) if args else ROOT / "tests" / "golden" / "workreports" / "keys"
    if "--misses" in argv and is_blind(keys_dir):
        print(f"{keys_dir.name} is a blind set: its misses are not listed", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    try:
        s = score_files(keys_dir, paths.RAW_DIR)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(
        f"{s.keys} keys, {s.found} found, {s.in_scope} extracted rows on keyed lines ({time.perf_counter() - t0:.1f}s)"
    )
    print(s.table().to_string())
    print(
        f"GDP growth targets right (number, qualifier, year, role): {s.gdp_right}/{s.gdp_targets} = {s.gdp_accuracy:.3f}"
    )
    if "--misses" in argv:
        print("\n".join(s.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
