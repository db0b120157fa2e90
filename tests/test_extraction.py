"""Corpus-scale extraction: cached per document, parallel, byte-identical, with corpus findings."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from plantargets.dataset.assemble import extract_documents
from plantargets.dataset.extraction import (
    MAX_CHUNK,
    MIN_CHUNK,
    ExtractionStats,
    cache_summary,
    chunk_sizes,
    corpus_findings,
    extract_corpus,
)
from plantargets.dataset.manifest import load_manifest
from plantargets.dataset.processed import _csv_bytes

from .conftest import RAW

PICK = (
    "lawtext-gov/政府工作报告-省自治区/四川省/2019.md",
    "lawtext-gov/政府工作报告-省自治区/四川省/2020.md",
    "lawtext-gov/政府工作报告-省自治区/青海省/2007.md",
    "lawtext-gov/政府工作报告-其他地市/通辽市/2021.md",
)


@pytest.fixture(scope="module")
def sources():
    """Two seeds and four corpus documents (a twin pair, a mislabelled year, damaged characters)."""
    everything = {s.file: s for s in load_manifest(RAW / "sources.csv")}
    seeds = [s for s in everything.values() if "/" not in s.file][2:4]
    return seeds + [everything[f] for f in PICK]


def _bytes(ds) -> tuple[bytes, bytes, bytes]:
    return _csv_bytes(ds.indicators), _csv_bytes(ds.sector_mix), _csv_bytes(ds.quality)


def test_cached_and_parallel_runs_are_byte_identical(sources, tmp_path: Path):
    first = ExtractionStats()
    cold = extract_corpus(sources, tmp_path / "a", jobs=1, stats=first)
    assert (first.extracted, first.cached) == (len(sources), 0)
    warm_stats = ExtractionStats()
    warm = extract_corpus(sources, tmp_path / "a", jobs=1, stats=warm_stats)
    assert (warm_stats.extracted, warm_stats.cached) == (0, len(sources))
    parallel = extract_corpus(sources, tmp_path / "b", jobs=2)
    assert _bytes(cold) == _bytes(warm) == _bytes(parallel)
    assert cache_summary(tmp_path / "a")["files"] == len(sources)


def test_same_rows_as_the_sequential_extractor(sources, tmp_path: Path):
    plain = extract_documents((s.path, s) for s in sources)
    cached = extract_corpus(sources, tmp_path, jobs=2)
    assert _bytes(plain)[:2] == _bytes(cached)[:2]
    corpus_checks = ("damaged_text", "year_mismatch", "duplicate_report")
    kept = cached.quality[~cached.quality["check"].isin(corpus_checks)].reset_index(drop=True)
    assert _csv_bytes(kept) == _csv_bytes(plain.quality)


def test_changing_one_document_re_extracts_one(sources, tmp_path: Path):
    extract_corpus(sources, tmp_path, jobs=1)
    changed = list(sources)
    changed[-1] = dataclasses.replace(changed[-1], report_year=2020)
    stats = ExtractionStats()
    extract_corpus(changed, tmp_path, jobs=1, stats=stats)
    assert (stats.extracted, stats.cached) == (1, len(sources) - 1)
    assert cache_summary(tmp_path)["files"] == len(sources)  # the stale entry was pruned


def test_corpus_findings_name_both_sources(sources, tmp_path: Path):
    q = extract_corpus(sources, tmp_path, jobs=1).quality
    twin = q[q["check"] == "duplicate_report"]
    assert list(twin["source_file"]) == [PICK[1]]
    assert PICK[0] in twin["message"].iloc[0] and "gwr-510000-2019" in twin["message"].iloc[0]
    year = q[q["check"] == "year_mismatch"]
    assert list(year["source_file"]) == [PICK[0]]
    assert "file name says 2019, the text states a report for 2020" in year["message"].iloc[0]
    damaged = q[(q["check"] == "damaged_text") & (q["source_file"] == PICK[2])]
    assert 49 in set(damaged["line"]) and "‰" in damaged["message"].iloc[0]


def test_no_findings_without_defects(sources):
    contexts = [type("C", (), {"source_file": s.file, "doc_id": s.doc_id})() for s in sources[:2]]
    assert corpus_findings(sources[:2], contexts, [(1, 2, 3), (4, 5, 6)]) == []


@pytest.mark.parametrize("n", [0, 1, 11, 12, 13, 200, 1745])
@pytest.mark.parametrize("jobs", [1, 2, 4])
def test_tasks_cover_every_document_once_and_shrink_towards_the_end(n: int, jobs: int):
    sizes = chunk_sizes(n, jobs)
    assert sum(sizes) == n and all(0 < s <= MAX_CHUNK for s in sizes)
    if jobs > 1:
        assert sizes == sorted(sizes, reverse=True)  # the last tasks are the small ones
        assert all(s >= MIN_CHUNK for s in sizes[:-1])


def test_the_corpus_makes_few_large_tasks_and_a_short_tail():
    sizes = chunk_sizes(1745, 2)
    assert sizes[0] == MAX_CHUNK and len(sizes) == 30  # checks' fixed cost paid 30 times, not 73
    assert max(sizes[-5:]) == MIN_CHUNK  # the last tasks take under a second each
