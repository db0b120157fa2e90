"""Extracting a whole corpus: per-document results cached, documents extracted in parallel.

At 1,745 documents (about 90 MB) extraction is the slow step, and most builds change one
document or none. Each document's result is cached under a key made of its checksum, the
manifest fields the extractor reads (doc_id, file, region, type, period, year) and the
library's fingerprint (every code and data file of the package), so adding or changing one
document re-extracts that one, and a library change re-extracts all. Missing results are
computed in ``jobs`` worker processes, one document at a time each: no process holds more
than one document's text, and the parent keeps only the extracted rows. The order of the
output is the manifest's whatever finishes first, so the tables are byte-identical whatever
``jobs`` is.

Findings about the corpus that no single document shows are added here: a file whose text
states another year than its name (from the manifest), the same report under two names
(sentence sketches of reports of one region compared), and reference-table GDP targets that
differ from what the reports state (``dataset.reference_check``).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from plantargets import paths
from plantargets.dataset.assemble import (
    INDICATOR_COLUMNS,
    QUALITY_COLUMNS,
    SECTOR_MIX_COLUMNS,
    Dataset,
    DocumentResult,
    dataset_from_frames,
    extract_document,
    typed_indicators,
    typed_sector_mix,
)
from plantargets.dataset.catalog import Catalog
from plantargets.dataset.checks import run_checks
from plantargets.dataset.defects import TWIN_SIMILARITY, damaged, sentence_sketch, sketch_similarity
from plantargets.dataset.freshness import library_fingerprint
from plantargets.dataset.manifest import Source
from plantargets.dataset.records import DocContext, quality_record
from plantargets.dataset.reference_check import GDP_CODES, reference_findings
from plantargets.fileio import atomic_write_bytes
from plantargets.read.dispatch import read_any

DEFAULT_JOBS = 2
# Documents per worker task (``chunk_sizes``): the checks cost about 30 ms per task whatever
# its size (DataFrame set-up), so tasks start large; they shrink towards the end so that the
# workers finish together (1,745 documents make 30 tasks).
MAX_CHUNK = 96
MIN_CHUNK = 12
_DAMAGE_MESSAGES = {
    "permille": "'%。' before 以内/以下/左右: a per-mille sign (‰) mangled in the source; the value is per mille",
    "broken_start": "the paragraph opens with punctuation: its first character(s) are missing in the source",
}
_catalog: Catalog | None = None
# A worker's first-generation collection threshold (Python's default is 700): see ``worker_start``.
WORKER_GC_THRESHOLD = 20_000


@dataclass
class CachedDocument:
    """What is kept of one document between builds: its rows (indicators, sector mix, findings)
    column by column, its context and its sentence sketch.

    Columns, not a dict per row: the parent unpickles 1,745 of these and joins them into the
    tables, and lists of values unpickle and become DataFrame columns several times faster than
    84,000 dicts (whose keys every row repeats)."""

    context: DocContext
    records: dict[str, list]
    sector_mix: dict[str, list]
    quality: dict[str, list]
    sketch: tuple[int, ...]


def _columns(rows: Sequence[dict], names: Sequence[str]) -> dict[str, list]:
    """Rows as one list of values per column of ``names`` (a key a row lacks: None)."""
    return {n: [r.get(n) for r in rows] for n in names}


def _cached(result: DocumentResult, sketch: tuple[int, ...]) -> CachedDocument:
    """A document's result as the cache keeps it (``CachedDocument``)."""
    return CachedDocument(
        result.context,
        _columns(result.records, INDICATOR_COLUMNS),
        _columns(result.sector_mix, SECTOR_MIX_COLUMNS),
        _columns(result.quality, QUALITY_COLUMNS),
        sketch,
    )


def document_key(source: Source, library: str) -> str:
    """Cache key of one document: its bytes, the manifest fields extraction reads, the library."""
    fields = [source.sha256, source.file, source.doc_id, source.region_zh, source.doc_type, source.period]
    fields += [str(source.report_year or ""), library]
    return hashlib.sha256("\0".join(fields).encode()).hexdigest()


def _extract_one(source: Source) -> tuple[DocumentResult, tuple[int, ...]]:
    """Read and extract one document; damaged characters become findings."""
    global _catalog
    if _catalog is None:
        _catalog = Catalog.load()
    doc = read_any(source.path)
    result = extract_document(doc, source, _catalog)
    lines = [(ln.lineno, ln.raw) for ln in doc.lines if ln.text.strip()]
    for spot in damaged(lines):
        result.quality.append(
            quality_record(result.context, spot.line, "damaged_text", _DAMAGE_MESSAGES[spot.kind], spot.raw[:200])
        )
    return replace(result, tables=[]), sentence_sketch(lines)


def _extract_chunk(sources: Sequence[Source]) -> list[CachedDocument]:
    """Worker: a few documents extracted, then the dataset checks run once over them.

    Every check compares rows of one document only, so checking a chunk gives each document
    the findings a whole-corpus run gives it; running them here spreads their cost over the
    workers and lets the findings be cached with the document.
    """
    docs = [_extract_one(s) for s in sources]
    findings = run_document_checks([result for result, _ in docs])
    for result, _ in docs:
        result.quality.extend(findings.get(result.context.source_file, []))
    return [_cached(result, sketch) for result, sketch in docs]


def run_document_checks(results: Sequence[DocumentResult]) -> dict[str, list[dict]]:
    """``checks.run_checks`` over some documents, its findings grouped by source file (in order)."""
    records = [r for res in results for r in res.records]
    mixes = [m for res in results for m in res.sector_mix]
    indicators = typed_indicators(pd.DataFrame(records, columns=INDICATOR_COLUMNS))
    sector_mix = typed_sector_mix(pd.DataFrame(mixes, columns=SECTOR_MIX_COLUMNS))
    found = run_checks(indicators, sector_mix)
    out: dict[str, list[dict]] = {}
    for row in found.astype(object).where(found.notna(), None).to_dict("records"):
        out.setdefault(row["source_file"], []).append(row)
    return out


def _cache_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / key[:2] / f"{key}.pkl"


def _load_cached(path: Path) -> CachedDocument | None:
    try:
        with open(path, "rb") as fh:
            obj = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return obj if isinstance(obj, CachedDocument) else None


def chunk_sizes(n: int, jobs: int) -> list[int]:
    """Sizes of the consecutive tasks ``n`` documents are cut into for ``jobs`` workers.

    Guided self-scheduling: each task takes a sixth of what is left per worker's share, within
    [``MIN_CHUNK``, ``MAX_CHUNK``]; one worker (``jobs`` 1) takes ``MAX_CHUNK`` at a time. Large
    early tasks amortise the checks' fixed cost; small late ones leave no worker idle for long.
    """
    if jobs <= 1:
        return [min(MAX_CHUNK, n - i) for i in range(0, n, MAX_CHUNK)]
    sizes: list[int] = []
    left = n
    while left > 0:
        size = min(left, max(MIN_CHUNK, min(MAX_CHUNK, -(-left // (jobs * 3)))))
        sizes.append(size)
        left -= size
    return sizes


def _chunks(todo: list[Source], jobs: int) -> list[list[Source]]:
    """``todo`` cut into consecutive tasks of ``chunk_sizes``."""
    out, start = [], 0
    for size in chunk_sizes(len(todo), jobs):
        out.append(todo[start : start + size])
        start += size
    return out


def worker_start() -> None:
    """Set the garbage collector of a worker process forked by a build (extraction; the Excel writer of
    ``dataset.processed``), which creates many short-lived objects and few cycles: what the worker
    inherits from its parent (modules, the catalogue, the dataset) is frozen, so no full collection
    walks it again, and the first generation is collected every ``WORKER_GC_THRESHOLD`` allocations,
    not every 700 (about 3% of an extraction worker's CPU, a third of the Excel writer's went to
    collections). The collector only frees unreachable objects: no result depends on when it runs."""
    gc.freeze()
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


@contextlib.contextmanager
def few_collections() -> Iterator[None]:
    """``worker_start``'s collector settings for a block of the parent process (a build: receiving
    1,745 results, assembling, deriving and writing the tables), restored after it. The parent's
    heap grows to millions of objects, which every full collection would walk again."""
    threshold = gc.get_threshold()
    worker_start()
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _pickled_chunk(sources: Sequence[Source]) -> list[bytes]:
    """Worker: ``_extract_chunk`` with each result pickled as the cache stores it.

    The parent writes these bytes to the cache as they are and unpickles them once; returning the
    objects would make it unpickle them and pickle them again (0.25 s of the parent's CPU, taken
    from the workers, on the whole corpus)."""
    return [pickle.dumps(d, protocol=pickle.HIGHEST_PROTOCOL) for d in _extract_chunk(sources)]


def _computed(todo: list[Source], jobs: int) -> Iterator[tuple[CachedDocument, bytes]]:
    """Results of ``todo`` in order with their cache bytes, computed in chunks by ``jobs`` worker processes."""
    chunks = _chunks(todo, jobs)
    if jobs <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            for doc in _extract_chunk(chunk):
                yield doc, pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)
        return

    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), initializer=worker_start) as pool:
        for blobs in pool.map(_pickled_chunk, chunks):
            for blob in blobs:
                yield pickle.loads(blob), blob


@dataclass
class ExtractionStats:
    """How much work a run did: documents extracted, taken from the cache, and the wall seconds of
    each phase of the build in the order they ran (``plantargets data --timings`` prints them)."""

    extracted: int = 0
    cached: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    @contextlib.contextmanager
    def timed(self, phase: str) -> Iterator[None]:
        """Add the wall time of the block to ``phase``."""
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[phase] = self.seconds.get(phase, 0.0) + time.perf_counter() - t0


def extract_corpus(
    sources: Sequence[Source],
    cache_dir: Path | None = None,
    jobs: int = DEFAULT_JOBS,
    stats: ExtractionStats | None = None,
) -> Dataset:
    """Every manifest document extracted (cached ones read back), as one Dataset in manifest order."""
    cache_dir = Path(cache_dir) if cache_dir else paths.PROCESSED_DIR / ".cache" / "documents"
    stats = stats if stats is not None else ExtractionStats()
    library = library_fingerprint()
    keys = [document_key(s, library) for s in sources]
    with stats.timed("cache read"):
        docs: list[CachedDocument | None] = [_load_cached(_cache_path(cache_dir, k)) for k in keys]
    todo = [i for i, d in enumerate(docs) if d is None]
    with stats.timed("extraction"):
        for i, (doc, blob) in zip(todo, _computed([sources[i] for i in todo], jobs), strict=True):
            docs[i] = doc
            path = _cache_path(cache_dir, keys[i])
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(path, blob)
        stats.extracted, stats.cached = len(todo), len(sources) - len(todo)
        _prune(cache_dir, set(keys))
    done = [d for d in docs if d is not None]
    contexts = [d.context for d in done]
    with stats.timed("corpus findings"):
        extra = corpus_findings(sources, contexts, [d.sketch for d in done])
    with stats.timed("assembly"):
        indicators = typed_indicators(_joined([], [d.records for d in done], INDICATOR_COLUMNS))
    with stats.timed("corpus findings"):
        gdp = indicators[indicators["indicator"].isin(GDP_CODES)].reset_index(drop=True)
        extra += reference_findings(gdp, sources)
    with stats.timed("assembly"):
        mixes = _joined([], [d.sector_mix for d in done], SECTOR_MIX_COLUMNS)
        quality = _joined(extra, [d.quality for d in done], QUALITY_COLUMNS)
        return dataset_from_frames(indicators, mixes, quality, contexts, checks=False)


def _joined(extra_rows: Sequence[dict], parts: Sequence[dict[str, list]], names: Sequence[str]) -> pd.DataFrame:
    """``extra_rows`` and then the documents' columns (``CachedDocument``) as one table of ``names``."""
    joined = _columns(extra_rows, names)
    for part in parts:
        for name in names:
            joined[name].extend(part[name])
    return pd.DataFrame(joined, columns=list(names))


def _prune(cache_dir: Path, keep: set[str]) -> None:
    """Remove cached results no current document uses (the cache stays the corpus's size)."""
    if not cache_dir.is_dir():
        return
    for sub in cache_dir.iterdir():
        if not sub.is_dir():
            continue
        for f in sub.glob("*.pkl"):
            if f.stem not in keep:
                f.unlink(missing_ok=True)


def corpus_findings(
    sources: Sequence[Source], contexts: Sequence[DocContext], sketches: Sequence[Sequence[int]]
) -> list[dict]:
    """Findings across documents: the year a file's name gives against the one its text states,
    and the same report under two names."""
    out = []
    for src, ctx in zip(sources, contexts, strict=True):
        if src.file_year and src.report_year and src.file_year != src.report_year:
            out.append(
                quality_record(
                    ctx,
                    None,
                    "year_mismatch",
                    f"the file name says {src.file_year}, the text states a report for {src.report_year} "
                    "(headings, delivery date); report_year records the stated year",
                    src.title,
                )
            )
    sets = [frozenset(s) for s in sketches]
    by_region: dict[str, list[int]] = {}
    for i, src in enumerate(sources):
        if src.doc_type == "work_report" and sketches[i]:
            by_region.setdefault(src.admin_code, []).append(i)
    for members in by_region.values():
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                share = sketch_similarity(sets[a], sets[b])
                if share >= TWIN_SIMILARITY:
                    out.append(
                        quality_record(
                            contexts[b],
                            None,
                            "duplicate_report",
                            f"the same report as {sources[a].file} ({sources[a].doc_id}, report year "
                            f"{sources[a].report_year}): about {share:.0%} of their sentences are shared",
                            sources[b].title,
                        )
                    )
    return out


def cache_summary(cache_dir: Path | None = None) -> dict[str, int]:
    """Files and bytes in the document cache (for benchmarks and the CLI)."""
    cache_dir = Path(cache_dir) if cache_dir else paths.PROCESSED_DIR / ".cache" / "documents"
    files = list(cache_dir.glob("*/*.pkl")) if cache_dir.is_dir() else []
    return {"files": len(files), "bytes": sum(os.path.getsize(f) for f in files)}


__all__ = ["CachedDocument", "ExtractionStats", "corpus_findings", "document_key", "extract_corpus", "worker_start"]
