"""OCR figures for the national outlines' table images: seconds per image, cache hit, scores.

    PYTHONPATH=lib python -m benchmarks.ocr_national

Prints, per bundled table image, the recogniser's time without the cache (one thread, as
``read.ocr`` runs it; wall clock and CPU seconds, the latter being the one-core cost on a
machine whose cores are shared), the time to read the cached result and to rebuild the grid, then the
rows right per compared column for every national table against tests/golden/national_ocr.
"""

from __future__ import annotations

import time

import pandas as pd
from tests.ocr_golden import COMPARED, OUTLINES, TABLES, score

from plantargets.dataset.assemble import extract_document
from plantargets.read import ocr
from plantargets.read.dispatch import read_any


def timings() -> None:
    print("image\tpixels\tocr_wall_s\tocr_cpu_s\tcache_hit_ms")
    for path in sorted((OUTLINES / "images").iterdir()):
        data = path.read_bytes()
        t, c = time.perf_counter(), time.process_time()
        boxes = ocr.recognise(data, path.name)
        cold, cpu = time.perf_counter() - t, time.process_time() - c
        ocr.ocr_image(data, path.name)  # make sure the cache holds it
        t = time.perf_counter()
        cached = ocr.ocr_image(data, path.name)
        hit = time.perf_counter() - t
        assert cached == boxes
        from PIL import Image

        w, h = Image.open(path).size
        print(f"{path.name}\t{w}x{h}\t{cold:.1f}\t{cpu:.1f}\t{hit * 1000:.1f}")


def scores() -> None:
    print("table\trows\t" + "\t".join(COMPARED) + "\tall")
    done: dict[str, pd.DataFrame] = {}
    for table, md in TABLES.items():
        if md not in done:
            done[md] = pd.DataFrame(extract_document(read_any(OUTLINES / md)).records)
        df = done[md]
        s = score(table, df[df.table == table])
        print(f"{table}\t{s.rows}\t" + "\t".join(str(s.right[c]) for c in COMPARED) + f"\t{s.all_right}")


if __name__ == "__main__":
    timings()
    t = time.perf_counter()
    scores()
    print(f"extracting the 4 outlines with the OCR cache warm: {time.perf_counter() - t:.1f} s")
