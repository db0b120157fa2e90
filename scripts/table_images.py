"""Which images the national plan outlines use as indicator tables, and copy those (bytes unchanged).

An image is an indicator table when the table mechanism, reading its OCR grid, finds a plan's
main-indicator or completion table in it (``fyp<N>_main`` / ``fyp<N>_review``): a header with
an indicator column and year / annual / attribute columns, under a caption naming a plan. Maps,
project boxes (重点工程) and other pictures do not pass. The Markdown caption, where upstream
printed one (专栏1 “十一五”规划主要指标实现情况), is printed beside each choice as a cross-check.

    python scripts/table_images.py SOURCE_IMAGES_DIR            # list the choice
    python scripts/table_images.py SOURCE_IMAGES_DIR --copy     # copy it into data/raw/…/images/
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from plantargets import paths
from plantargets.dataset.assemble import infer_context
from plantargets.extract.image_tables import image_references, read_image_table
from plantargets.read.dispatch import read_any

OUTLINES = paths.RAW_DIR / "lawtext-gov" / "五年规划"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path, help="folder holding the outlines' images (upstream 五年规划/images)")
    ap.add_argument("--copy", action="store_true", help="copy the chosen images beside the outlines")
    args = ap.parse_args(argv)
    chosen: list[Path] = []
    for md in sorted(OUTLINES.glob("*.md")):
        doc = read_any(md)
        plan = infer_context(doc, None).plan
        for ref in image_references(doc):
            image = args.source / Path(ref.src).name
            if not image.is_file():
                print(f"{md.name}:{ref.line}: {ref.src} not in {args.source}", file=sys.stderr)
                continue
            kinds = [it.table.table for it in read_image_table(image, ref.src, plan, ref.caption)]
            plan_tables = [k for k in kinds if k.startswith("fyp")]
            if plan_tables:
                chosen.append(image)
                print(f"{md.name}:{ref.line}\t{ref.src}\t{','.join(plan_tables)}\t{ref.caption}")
    if args.copy:
        target = OUTLINES / "images"
        target.mkdir(exist_ok=True)
        for image in chosen:
            shutil.copyfile(image, target / image.name)
        print(f"copied {len(chosen)} images to {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
