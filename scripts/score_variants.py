"""The work-report reader on the keyed reports re-printed in other layouts (issue 12).

    python scripts/score_variants.py [KEYS_DIR ...] [--layouts=pdf_paste,html] [--seed=N] [--bare] [--misses]

KEYS_DIR defaults to the development sets tests/golden/workreports/keys, heldout_keys and
heldout2_keys; a blind set (``keyscore.BLIND_SETS``) is scored too, but ``--misses`` is refused for it. Per layout: keys, keys found, recall and precision of the
``role`` field (a key found with the right role), GDP growth targets right, and the time per
document (reading and extracting, not re-printing) in CPU milliseconds with its ratio to the plain
files, as ``make bench`` reports (wall-clock time moves with the machine's load, CPU time much less). ``--misses`` lists the keys
missed or wrong per layout (development sets only). ``--bare`` reads every document without
its manifest row (type, year, region from the text), as a user's file arrives.
"""

from __future__ import annotations

import sys
from pathlib import Path

from plantargets import paths
from plantargets.dataset.keyscore import is_blind, load_keys
from plantargets.dataset.variant_score import PLAIN, score_variants
from plantargets.dataset.variants import LAYOUTS

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "workreports"
DEVELOPMENT = ("keys", "heldout_keys", "heldout2_keys")


def _option(argv: list[str], name: str) -> str | None:
    return next((a.split("=", 1)[1] for a in argv if a.startswith(f"--{name}=")), None)


def main(argv: list[str]) -> int:
    dirs = [Path(a) for a in argv if not a.startswith("--")] or [GOLDEN / d for d in DEVELOPMENT]
    blind = [d.name for d in dirs if is_blind(d)]
    if blind and "--misses" in argv:
        print(f"{', '.join(blind)}: a blind set, its misses are not listed", file=sys.stderr)
        return 2
    layouts = (_option(argv, "layouts") or ",".join([PLAIN, *LAYOUTS])).split(",")
    seed = int(_option(argv, "seed") or 0)
    for keys_dir in dirs:
        docs = len(set(load_keys(keys_dir)["file"]))
        print(f"\n{keys_dir.name} ({docs} documents)")
        print(
            f"{'layout':<15}{'keys':>6}{'found':>7}{'recall':>8}{'precision':>10}{'GDP right':>11}{'ms/doc':>8}{'x plain':>8}"
        )
        plain_ms = None
        for layout in layouts:
            timings: dict[str, float] = {}
            scores = score_variants(
                keys_dir, paths.RAW_DIR, [layout], seed=seed, bare="--bare" in argv, timings=timings
            )
            s = scores[layout]
            ms = timings[layout] * 1000 / max(docs, 1)
            plain_ms = ms if layout == PLAIN else plain_ms
            ratio = f"{ms / plain_ms:.2f}" if plain_ms else ""
            gdp = f"{s.gdp_right}/{s.gdp_targets}"
            print(
                f"{layout:<15}{s.keys:>6}{s.found:>7}{s.recall('role'):>8.3f}{s.precision('role'):>10.3f}"
                f"{gdp:>11}{ms:>8.0f}{ratio:>8}",
                flush=True,
            )
            if "--misses" in argv:
                print("\n".join(f"  [{layout}] {m}" for m in s.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
