"""``plantargets import DIR``: place every document of a folder and record it in the manifest.

A researcher's folder of downloaded reports, or a copied corpus such as
``data/raw/lawtext-gov`` (upstream's layout kept: ``政府工作报告-省自治区/新疆维吾尔自治区/2019.md``),
becomes manifest rows in one step. Each document is *placed* — region, level, parent,
document type, year or plan period — from three witnesses:

1. the folder layout: the nearest folder whose name (or a ``-``-separated part of it) is a
   region of ``data/reference/regions.csv`` gives the region (``国务院`` is the nation); a folder
   or file name with 工作报告 gives a work report, 规划 an outline; the file name gives the year
   (``2019.md``, ``1964-part.md``, ``2021-十四五规划纲要.md``);
2. the front-matter title and the opening lines (``extract.context.guess_context``), for what
   the layout does not say;
3. the text's own statement of its year (``dataset.defects.year_witnesses``): the manifest's
   ``report_year`` is the year the text states, ``file_year`` the one the file name gives.

What cannot be placed is reported, never guessed. Provenance comes from a ``<folder>.source.yml``
beside the folder (``repository``, ``commit``). The manifest is rewritten once, atomically, after
every row has been validated; a second run over the same folder changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TypeVar

import yaml

from plantargets import paths
from plantargets.dataset import checksums
from plantargets.dataset.defects import year_witnesses
from plantargets.dataset.manifest import COLUMNS, load_manifest, manifest_raw_dir, raw_path, validate_row
from plantargets.dataset.manifest_io import manifest_lock
from plantargets.dataset.regions import Region, RegionTable, load_regions
from plantargets.errors import InputError, ManifestError
from plantargets.extract.context import guess_context
from plantargets.fileio import atomic_write_text
from plantargets.read.dispatch import SUPPORTED, read_any
from plantargets.vocab.periods import cn_ordinal, plan_years

# File stems: 2019, 1964-part, 2016-11, 2021-十四五规划纲要.
_STEM = re.compile(r"^((?:19|20)\d\d)(?:-(.+))?$")
_PLAN_IN_NAME = re.compile(r"([一二三四五六七八九十]{1,3})五")
_ID_SUFFIX = re.compile(r"^[a-z0-9]{1,12}$")
PROVENANCE_SUFFIX = ".source.yml"
_T = TypeVar("_T")
_R = TypeVar("_R")


@dataclass(frozen=True)
class Unplaced:
    """A file the importer did not record, and why."""

    file: str
    reason: str


@dataclass
class ImportResult:
    """What one run did: rows added, rows already there, files it could not place."""

    added: list[dict[str, str]] = field(default_factory=list)
    unchanged: int = 0
    unplaced: list[Unplaced] = field(default_factory=list)
    skipped: list[Unplaced] = field(default_factory=list)
    copied: int = 0
    refreshed: int = 0  # rows re-placed with --refresh
    changed: int = 0  # of those, rows whose placement changed


@dataclass(frozen=True)
class LayoutFacts:
    """What the folder layout and the file name say about one document."""

    region: Region | None
    doc_type: str  # work_report | fyp_outline | ''
    file_year: int | None
    suffix: str  # 'part' of 1964-part.md, '11' of 2016-11.md
    plan: int | None  # from 十四五 in the file name


def layout_facts(rel: PurePosixPath, regions: RegionTable) -> LayoutFacts:
    """Region, type, year and plan from the path of a document inside the imported folder."""
    region = None
    for part in reversed(rel.parts[:-1]):
        for candidate in (part, *part.split("-")):
            region = regions.lookup(candidate)
            if region is not None:
                break
        if region is not None:
            break
    names = "/".join(rel.parts)
    doc_type = "work_report" if "工作报告" in names else "fyp_outline" if "规划" in names else ""
    m = _STEM.match(PurePosixPath(rel.name).stem)
    year = int(m.group(1)) if m else None
    suffix = (m.group(2) or "") if m else ""
    p = _PLAN_IN_NAME.search(suffix)
    return LayoutFacts(region, doc_type, year, suffix, cn_ordinal(p.group(1)) if p else None)


def doc_id_for(code: str, doc_type: str, year: int | None, suffix: str, plan: int | None) -> str:
    """``gwr-650000-2019``, ``gwr-000000-1964-part``, ``fyp14-000000``: unique per file name."""
    if doc_type == "fyp_outline" and plan:
        return f"fyp{plan}-{code}"
    tail = f"-{suffix.lower()}" if suffix and _ID_SUFFIX.match(suffix.lower()) else ""
    return f"gwr-{code}-{year}{tail}"


def read_provenance(folder: Path) -> dict[str, str]:
    """``repository`` and ``commit`` from ``<folder>.source.yml``, or empty when there is none."""
    path = folder.parent / (folder.name + PROVENANCE_SUFFIX)
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise InputError(f"not YAML: {exc}", file=path) from exc
    if not isinstance(data, dict):
        raise InputError("expected 'key: value' lines (repository, commit)", file=path)
    return {k: str(data.get(k) or "") for k in ("repository", "commit")}


def _region_from_text(name: str, regions: RegionTable) -> Region | None:
    return regions.lookup(name) if name else None


def place_document(
    path: Path, rel: PurePosixPath, regions: RegionTable, provenance: dict[str, str], upstream_path: str
) -> dict[str, str] | Unplaced:
    """The manifest row of one document, or why it cannot be placed."""
    facts = layout_facts(rel, regions)
    try:
        doc = read_any(path)
    except InputError as exc:
        return Unplaced(str(rel), f"cannot be read: {exc.message}")
    guess = guess_context(doc)
    notes = []
    region = facts.region or _region_from_text(guess.region, regions) or regions.at_start(guess.title)
    if region is None:
        said = f" (the text names {guess.region!r}, not in regions.csv)" if guess.region else ""
        return Unplaced(str(rel), "no folder names a region of data/reference/regions.csv" + said)
    text_region = _region_from_text(guess.region, regions)
    if facts.region is not None and text_region is not None and text_region.code != region.code:
        notes.append(f"the title or opening names {text_region.name_zh}; placed by its folder")
    doc_type = facts.doc_type or (guess.doc_type if guess.doc_type in ("work_report", "fyp_outline") else "")
    if not doc_type:
        return Unplaced(str(rel), "neither its folders nor its title say work report or plan outline")
    title = doc.metadata.get("title", "").strip() if hasattr(doc, "metadata") else ""
    row = {c: "" for c in COLUMNS}
    if doc_type == "fyp_outline":
        plan = facts.plan or guess.plan
        if not plan:
            return Unplaced(str(rel), "a plan outline whose name and title give no plan number (十四五)")
        start, end = plan_years(plan)
        row["period"] = f"{start}-{end}"
        doc_id = doc_id_for(region.code, doc_type, None, "", plan)
    else:
        lines = [(ln.lineno, ln.text) for ln in doc.lines if ln.text.strip()]
        stated = year_witnesses(lines, title or guess.title).stated(facts.file_year)
        year = stated or facts.file_year or guess.year
        if year is None:
            return Unplaced(str(rel), "a work report whose name and text give no year")
        if facts.file_year is None:
            return Unplaced(str(rel), "a work report whose file name gives no year (expected 2019.md)")
        row["report_year"] = str(year)
        row["file_year"] = str(facts.file_year)
        doc_id = doc_id_for(region.code, doc_type, facts.file_year, facts.suffix, None)
        if facts.suffix and not _ID_SUFFIX.match(facts.suffix.lower()):
            notes.append(f"file name suffix {facts.suffix!r} left out of the doc_id")
    row.update(
        doc_id=doc_id,
        region_zh=region.name_zh,
        region_en=region.name_en,
        admin_code=region.code,
        level=region.level,
        parent_code=region.parent_code,
        doc_type=doc_type,
        published=guess.published,
        title=title,
        upstream_repo=provenance.get("repository", ""),
        upstream_commit=provenance.get("commit", ""),
        upstream_path=upstream_path if provenance else "",
        note="; ".join(notes),
    )
    return row


def _documents(folder: Path) -> tuple[list[Path], list[Unplaced]]:
    """Every file under ``folder`` in a stable order, and those that are not documents."""
    docs, skipped = [], []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if "readme" in path.stem.lower():
            skipped.append(Unplaced(rel, "a README, not a document"))
        elif path.suffix.lower() not in SUPPORTED:
            skipped.append(Unplaced(rel, f"not a document format PlanTargets reads ({path.suffix or 'no suffix'})"))
        else:
            docs.append(path)
    return docs, skipped


def _bring_in(folder: Path, raw_dir: Path) -> tuple[Path, int]:
    """The folder inside data/raw: itself, or a byte-for-byte copy made there (never over a different file)."""
    try:
        folder.relative_to(raw_dir)
        return folder, 0
    except ValueError:
        pass
    dest = raw_dir / folder.name
    docs, _ = _documents(folder)
    copied = 0
    for src in docs:
        target = dest / src.relative_to(folder)
        if target.exists():
            if target.read_bytes() != src.read_bytes():
                raise InputError(f"a different file is already at {target}; not overwritten", file=src)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
        copied += 1
    prov = folder.parent / (folder.name + PROVENANCE_SUFFIX)
    if prov.is_file() and not (raw_dir / prov.name).exists():
        shutil.copyfile(prov, raw_dir / prov.name)
    return dest, copied


def _read_rows(manifest: Path) -> list[dict[str, str]]:
    if not manifest.is_file():
        return []
    with open(manifest, encoding="utf-8-sig", newline="") as fh:
        return [{c: (r.get(c) or "") for c in COLUMNS} for r in csv.DictReader(fh)]


def manifest_text(rows: list[dict[str, str]]) -> str:
    """The manifest as CSV text, columns in COLUMNS order, '\\n' line ends."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def _place_one(args: tuple[Path, PurePosixPath, dict[str, str], str]) -> dict[str, str] | Unplaced:
    path, rel, provenance, upstream = args
    return place_document(path, rel, load_regions(), provenance, upstream)


def import_folder(
    folder: str | Path,
    manifest: Path | None = None,
    *,
    jobs: int = 2,
    refresh: bool = False,
    today: str | None = None,
) -> ImportResult:
    """Place every document under ``folder`` and add its row to the manifest (see module doc).

    Rows already in the manifest are kept as they are (``refresh`` re-places them, keeping
    their ``added`` date). Raises ManifestError, naming the line, when the manifest itself is
    bad (a file changed since import, a row pointing outside data/raw); files that cannot be
    placed are returned in ``unplaced`` and nothing is written for them.
    """
    manifest = Path(manifest) if manifest else paths.MANIFEST
    raw_dir = manifest_raw_dir(manifest)
    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise InputError("not a folder", file=folder)
    # The whole read-modify-write holds the lock `plantargets add` takes: an `add` meanwhile
    # waits (or fails naming the lock) instead of losing its row to our rewrite.
    with manifest_lock(raw_dir):
        return _import_locked(folder, manifest, raw_dir, jobs, refresh, today)


def _import_locked(
    folder: Path, manifest: Path, raw_dir: Path, jobs: int, refresh: bool, today: str | None
) -> ImportResult:
    """The body of :func:`import_folder`, run under the manifest lock."""
    result = ImportResult()
    if manifest.is_file():
        load_manifest(manifest, raw_dir)  # every existing row valid before anything changes
    folder, result.copied = _bring_in(folder, raw_dir.resolve())
    provenance = read_provenance(folder)
    rows = _read_rows(manifest)
    line_of = {r["file"]: i for i, r in enumerate(rows, start=2)}
    docs, result.skipped = _documents(folder)
    todo = []
    for path in docs:
        file = path.relative_to(raw_dir.resolve()).as_posix()
        if file in line_of and not refresh:
            result.unchanged += 1
            continue
        upstream = path.relative_to(folder).as_posix()
        todo.append((path, PurePosixPath(upstream), provenance, upstream))
    placed = _map(_place_one, todo, jobs)
    _merge(rows, line_of, placed, todo, raw_dir, manifest, result, today or dt.date.today().isoformat())
    if result.added or (refresh and todo):
        text = manifest_text(rows)
        if not manifest.is_file() or text != manifest.read_text(encoding="utf-8"):
            _check_and_write(manifest, raw_dir, text)
    return result


def _map(fn: Callable[[_T], _R], items: list[_T], jobs: int) -> list[_R]:
    """``fn`` over ``items`` in order, in ``jobs`` processes when there is enough work."""
    if jobs <= 1 or len(items) < 8:
        return [fn(item) for item in items]

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(fn, items, chunksize=16))


def _merge(
    rows: list[dict[str, str]],
    line_of: dict[str, int],
    placed: list[dict[str, str] | Unplaced],
    todo: list[tuple[Path, PurePosixPath, dict[str, str], str]],
    raw_dir: Path,
    manifest: Path,
    result: ImportResult,
    today: str,
) -> None:
    """Add (or, on refresh, replace) the placed rows; duplicates and bad rows become unplaced."""
    by_sha = {r["sha256"]: r["file"] for r in rows if r["sha256"]}
    by_id = {r["doc_id"]: r["file"] for r in rows}
    for (path, _, _, _), row in zip(todo, placed, strict=True):
        file = path.relative_to(raw_dir.resolve()).as_posix()
        if isinstance(row, Unplaced):
            result.unplaced.append(Unplaced(file, row.reason))
            continue
        row["file"] = file
        row["sha256"] = checksums.checksum(path)
        row["size"] = str(path.stat().st_size)
        other = by_sha.get(row["sha256"])
        if other is not None and other != file:
            where = f" (sources.csv line {line_of[other]})" if other in line_of else ""
            result.unplaced.append(Unplaced(file, f"the same bytes as {other}{where}: a duplicate"))
            continue
        other = by_id.get(row["doc_id"])
        if other is not None and other != file:
            where = f" (sources.csv line {line_of[other]})" if other in line_of else ""
            result.unplaced.append(Unplaced(file, f"doc_id {row['doc_id']} is already {other}{where}"))
            continue
        old_line = line_of.get(file)
        row["added"] = rows[old_line - 2]["added"] if old_line else today
        try:
            validate_row(row, raw_dir, manifest, old_line or len(rows) + 2)
        except ManifestError as exc:
            result.unplaced.append(Unplaced(file, exc.message))
            continue
        by_sha[row["sha256"]] = file
        by_id[row["doc_id"]] = file
        if old_line:
            result.refreshed += 1
            result.changed += rows[old_line - 2] != row
            rows[old_line - 2] = row
        else:
            rows.append(row)
            line_of[file] = len(rows) + 1
            result.added.append(row)
    checksums.save()


def _check_and_write(manifest: Path, raw_dir: Path, text: str) -> None:
    """Validate the whole new manifest, then replace the old one in one rename."""
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp) / manifest.name
        staged.write_text(text, encoding="utf-8")
        load_manifest(staged, raw_dir)
    atomic_write_text(manifest, text)


def unplaced_report(result: ImportResult) -> list[str]:
    """Lines for the CLI: every file not imported, with the reason."""
    return [f"  not imported: {u.file}: {u.reason}" for u in result.unplaced]


__all__ = [
    "ImportResult",
    "LayoutFacts",
    "Unplaced",
    "doc_id_for",
    "import_folder",
    "layout_facts",
    "manifest_text",
    "place_document",
    "raw_path",
]
