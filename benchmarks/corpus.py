"""A deterministic synthetic corpus for benchmarks and robustness tests, derived from the seeds.

Five real documents are too few to measure scaling, and the bundled ones cannot be multiplied
without changing something: identical copies would hide costs that depend on the text (the
catalogue memo, table layouts). Each synthetic document is one seed with

* its region name replaced by a generated one (manifest and text agree),
* its numbers varied: decimals and integers of three or more digits are scaled by a random
  factor, keeping their printed precision; years, row numbers and ratios (a:b:c) are kept, so
  the document keeps its structure while its values differ,
* every indicator table re-rendered in a layout drawn from the five the extractor reads
  (``pipe_rows``, ``markdown``, ``tab_rows``, ``pipe_stream`` one cell per line with '|'
  separators, ``tab_stream`` one tab cell per line with blank separators).

The same ``seed`` gives byte-identical files and manifest on every machine (``random.Random``
with a fixed seed; no hash-ordered iteration). Usage::

    python benchmarks/corpus.py OUT_DIR -n 500 [--seed 20260101]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import random
import re
from dataclasses import dataclass
from pathlib import Path

from plantargets import paths
from plantargets.dataset.manifest import COLUMNS, Source, load_manifest
from plantargets.extract.layouts import Cell, Group, block_groups, find_blocks
from plantargets.extract.tables import Header, find_tables, read_header, split_stream_group
from plantargets.read.text import read_document

LAYOUTS = ("pipe_rows", "markdown", "tab_rows", "pipe_stream", "tab_stream")
DEFAULT_SEED = 20260101
# Region names are built from these syllables and a suffix that fits the seed's level; none
# is a real region's name on purpose (the synthetic rows must never be mistaken for data).
_SYLLABLES = "安宁和平昌盛泰康永丰嘉禾瑞祥青云华阳东明西岭南溪北川清河白石金沙玉泉"
_SUFFIX = {"province": "省", "prefecture": "州", "county": "县", "national": "国"}
# A number worth varying: a decimal, or an integer of 3+ digits; not a year (19xx/20xx before
# 年 or in a year column), not part of a ratio a:b:c, not glued to letters (PM2.5, G30).
_NUMBER = re.compile(r"(?<![\d.:A-Za-z])(\d+\.\d+|\d{3,})(?![\d.:A-Za-z])")


@dataclass(frozen=True)
class SyntheticDoc:
    """One generated document: where it came from and what was varied."""

    file: str
    seed_file: str
    region_zh: str
    layout: str
    tables: int


def _region_name(rng: random.Random, level: str, taken: set[str]) -> str:
    while True:
        name = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 2, 3)))) + _SUFFIX.get(level, "区")
        if name not in taken:
            taken.add(name)
            return name


def _vary_number(match: re.Match[str], rng: random.Random) -> str:
    printed = match.group(1)
    if len(printed) == 4 and printed[:2] in ("19", "20") and "." not in printed:
        return printed  # a year, printed with or without 年
    factor = rng.uniform(0.8, 1.25)
    if "." in printed:
        places = len(printed.split(".")[1])
        return f"{float(printed) * factor:.{places}f}"
    return str(max(100, round(int(printed) * factor)))


def _render(rows: list[list[str]], layout: str) -> list[str]:
    """Table rows (cells as printed) in one export layout, as text lines."""
    out: list[str] = []
    # A row opening with an empty cell (a category printed once per group) loses that cell in
    # one-row-per-line layouts: in a pipe export a line starting with '|' continues the row
    # above, and the assembler aligns short rows by content anyway.
    trimmed = [r[next((i for i, c in enumerate(r) if c), 0) :] for r in rows]
    if layout == "pipe_rows":
        out = [" | ".join(r) for r in trimmed]
    elif layout == "markdown":
        width = max(len(r) for r in rows)
        for i, r in enumerate(rows):
            out.append("| " + " | ".join(r + [""] * (width - len(r))) + " |")
            if i == 0:
                out.append("|" + "---|" * width)
    elif layout == "tab_rows":
        out = ["\t".join(r) for r in trimmed]
    elif layout == "pipe_stream":
        for r in rows:
            out.extend(f"{c} |" for c in r if c)
            out.append("|")
    elif layout == "tab_stream":
        for r in rows:
            out.extend(f"\t{c}" for c in r if c)
            out.append("")
    else:  # pragma: no cover - LAYOUTS is closed
        raise ValueError(f"unknown layout {layout!r}")
    return out


def _table_blocks(path: Path) -> list[tuple[int, int, list[list[str]]]]:
    """(first line, last line, rows of cells) of every block holding an indicator table."""
    doc = read_document(path)
    spans = [(t.line, t.end_line) for t in find_tables(doc)]
    out = []
    for start, end in find_blocks(doc):
        if not any(a <= end and start <= b for a, b in spans):
            continue
        layout, groups = block_groups(doc, start, end)
        rows = [[c.text.strip() for c in part] for part in _row_parts(groups, layout)]
        rows = [r for r in rows if any(r)]
        if rows:
            out.append((start, end, rows))
    return out


def _row_parts(groups: list[Group], layout: str) -> list[list[Cell]]:
    """The rows of a block: a group is a row, except in a stream layout where a group between
    two separators may hold several rows (cut the way the table reader cuts them)."""
    if layout not in ("pipe_stream", "tab_stream"):
        return [g.cells for g in groups]
    out: list[list[Cell]] = []
    header: Header | None = None
    for g in groups:
        found = read_header(g, True, None)
        cells = g.cells
        if found is not None:
            header = found
            out.append(cells[: found.n_cells])
            cells = cells[found.n_cells :]
        if header is None:
            out.append(cells)
        elif cells:
            out.extend(split_stream_group(cells, header))
    return out


def generate(out_dir: Path, n: int, seed: int = DEFAULT_SEED, seeds: list[Source] | None = None) -> list[SyntheticDoc]:
    """Write ``n`` documents and their manifest ``sources.csv`` into ``out_dir``.

    Returns what was generated, in manifest order. Existing files of the same names are
    overwritten; nothing else in ``out_dir`` is touched.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    sources = seeds if seeds is not None else load_manifest(paths.MANIFEST)
    texts = {s.file: s.path.read_text(encoding="utf-8") for s in sources}
    blocks = {s.file: _table_blocks(s.path) for s in sources}
    taken: set[str] = set()
    made: list[SyntheticDoc] = []
    rows_out: list[dict[str, str]] = []
    for i in range(n):
        src = sources[i % len(sources)]
        region = _region_name(rng, src.level, taken)
        layout = rng.choice(LAYOUTS)
        lines = texts[src.file].split("\n")
        # Re-render tables from the last to the first so earlier line numbers stay valid.
        for start, end, rows in sorted(blocks[src.file], reverse=True):
            lines[start - 1 : end] = _render(rows, layout)
        text = "\n".join(lines).replace(src.region_zh, region)
        text = _NUMBER.sub(lambda m: _vary_number(m, rng), text)
        name = f"synth_{i:04d}.txt"
        data = text.encode("utf-8")
        (out_dir / name).write_bytes(data)
        made.append(SyntheticDoc(name, src.file, region, layout, len(blocks[src.file])))
        rows_out.append(
            {
                "file": name,
                "doc_id": f"synth-{i:04d}",
                "region_zh": region,
                "region_en": f"Synthetic region {i:04d}",
                "admin_code": f"9{i:05d}",
                "level": src.level,
                "parent_code": "",
                "doc_type": src.doc_type,
                "period": src.period,
                "report_year": str(src.report_year or ""),
                "published": "",
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": str(len(data)),
                "added": "",
                "note": f"synthetic: {src.file} with layout {layout}, seed {seed}",
            }
        )
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows_out)
    (out_dir / "sources.csv").write_text(buf.getvalue(), encoding="utf-8")
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("-n", type=int, default=50, help="number of documents (default 50)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="RNG seed (same seed, same bytes)")
    args = parser.parse_args(argv)
    made = generate(args.out_dir, args.n, args.seed)
    size = sum((args.out_dir / d.file).stat().st_size for d in made)
    print(f"wrote {len(made)} documents ({size / 1e6:.1f} MB) and sources.csv to {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
