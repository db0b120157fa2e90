"""Scoring the extractor on the keyed reports re-printed in other layouts (robustness).

The development keys (tests/golden/workreports/keys, heldout_keys) were read off clean Markdown
files. :mod:`plantargets.dataset.variants` re-prints each keyed report as a PDF paste, a
newspaper summary, a web page, a Word file, a CSV dump…; here each variant is written to a
scratch folder, read by the project's reader (``read.dispatch.read_any``, as a user's file
would be), extracted with the report's manifest row (so only the layout differs from the
plain run) and scored against the same keys through the variant's line map
(``keyscore.score(..., line_maps=...)``).
"""

from __future__ import annotations

import tempfile
import time
import zlib
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from plantargets.dataset.assemble import assemble_dataset, extract_document
from plantargets.dataset.catalog import Catalog
from plantargets.dataset.keyscore import LineMaps, Score, load_keys, score
from plantargets.dataset.manifest import Source, load_manifest, manifest_by_file
from plantargets.dataset.variants import LAYOUTS
from plantargets.read.dispatch import read_any

PLAIN = "plain"


def document_seed(file: str, seed: int) -> int:
    """A per-document seed, stable across runs and machines (``hash()`` is salted per process)."""
    return zlib.crc32(file.encode("utf-8")) ^ seed


def _sources(raw_dir: Path) -> dict[str, Source]:
    try:
        return manifest_by_file(load_manifest(raw_dir / "sources.csv", raw_dir))
    except Exception:  # no manifest (a bare folder): documents are read without a row, as score_files does
        return {}


def _variant_file(layout: str, file: str, raw_dir: Path, folder: Path, n: int, seed: int) -> tuple[Path, dict]:
    """The keyed file in ``layout`` written into ``folder`` (``plain``: the raw file itself), and its line map."""
    if layout == PLAIN:
        path = raw_dir / file
        return path, {i: (i,) for i in range(1, len(path.read_bytes().splitlines()) + 2)}
    variant = LAYOUTS[layout]((raw_dir / file).read_text(encoding="utf-8"), seed=document_seed(file, seed))
    path = folder / f"{n:03d}{variant.suffix}"
    path.write_bytes(variant.data)
    return path, variant.line_map


def score_layout(
    layout: str,
    keys: pd.DataFrame,
    raw_dir: Path,
    seed: int = 0,
    sources: dict[str, Source] | None = None,
    catalog: Catalog | None = None,
    timings: dict[str, float] | None = None,
) -> Score:
    """Re-print every keyed file of ``keys`` in ``layout``, extract it and score it against ``keys``.

    ``timings[layout]`` receives the CPU seconds spent reading and extracting (not re-printing:
    making a Word file with python-docx is the test's cost, not the reader's).

    ``sources`` are the manifest rows by key file (read from ``raw_dir`` when None); pass ``{}``
    to read every document without its row, as a user's file arrives (context from the text).
    """
    catalog = catalog or Catalog.load()
    sources = _sources(raw_dir) if sources is None else sources
    frames: list[pd.DataFrame] = []
    line_maps: LineMaps = {}
    cpu = 0.0
    with tempfile.TemporaryDirectory(prefix=f"variants-{layout}-") as tmp:
        for n, file in enumerate(sorted(set(keys["file"]))):
            path, line_maps[file] = _variant_file(layout, file, raw_dir, Path(tmp), n, seed)
            t0 = time.process_time()
            result = extract_document(read_any(path), sources.get(file), catalog)
            cpu += time.process_time() - t0
            ind = assemble_dataset([result], checks=False).indicators.copy()
            ind["source_file"] = file
            frames.append(ind)
    if timings is not None:
        timings[layout] = cpu
    return score(pd.concat(frames, ignore_index=True), keys, {}, line_maps)


def score_variants(
    keys_dir: Path,
    raw_dir: Path,
    layouts: Iterable[str] | None = None,
    files: Iterable[str] | None = None,
    seed: int = 0,
    bare: bool = False,
    timings: dict[str, float] | None = None,
) -> dict[str, Score]:
    """Scores per layout (``plain``: the files as they are; the same figures as ``keyscore.score_files``).

    ``bare``: documents are read without their manifest rows (type, year and region from the
    text itself), as a user's file arrives; by default the rows are used, so that a layout's
    figures differ from plain by the layout alone. ``timings`` receives CPU seconds per layout
    (reading and extracting).
    """
    keys = load_keys(keys_dir)
    if files is not None:
        keys = keys[keys["file"].isin(set(files))]
    wanted = list(layouts) if layouts is not None else [PLAIN, *LAYOUTS]
    unknown = [w for w in wanted if w != PLAIN and w not in LAYOUTS]
    if unknown:
        raise ValueError(f"unknown layouts {unknown}; known: {[PLAIN, *LAYOUTS]}")
    sources, catalog = ({} if bare else _sources(raw_dir)), Catalog.load()
    out: dict[str, Score] = {}
    for layout in wanted:
        out[layout] = score_layout(layout, keys, raw_dir, seed, sources, catalog, timings)
    return out


__all__ = ["PLAIN", "document_seed", "score_layout", "score_variants"]
