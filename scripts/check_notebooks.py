"""Fail when a committed notebook carries outputs or execution counts.

Notebooks are reviewed as code; outputs belong in reports/ (build products).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def dirty_cells(path: Path) -> list[int]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [
        i
        for i, cell in enumerate(nb.get("cells", []))
        if cell.get("cell_type") == "code" and (cell.get("outputs") or cell.get("execution_count"))
    ]


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or [Path("notebooks")]
    bad = []
    for folder in folders:
        for nb in sorted(folder.rglob("*.ipynb")):
            if ".ipynb_checkpoints" in nb.parts:
                continue
            cells = dirty_cells(nb)
            if cells:
                bad.append(
                    f"{nb}: code cells {cells} have outputs (clear them: jupyter nbconvert --clear-output --inplace {nb})"
                )
    for line in bad:
        print(line, file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
