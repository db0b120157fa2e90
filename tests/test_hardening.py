"""Bad input, interrupted writes and concurrent builds: the extractor fails clearly or keeps going.

Each test pins one behaviour a user relies on when a document or a build goes wrong, and
fails without it: errors name the file (and line), odd documents are processed with findings
instead of being dropped, nothing a table holds disappears between the detector and the
outputs, and an interrupted or concurrent build never leaves half-written outputs.
"""

from __future__ import annotations

import importlib.util
import multiprocessing
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from plantargets import fileio
from plantargets.dataset.assemble import extract_document, extract_documents, infer_context
from plantargets.dataset.catalog import Catalog
from plantargets.dataset.manifest import Source, load_manifest
from plantargets.dataset.processed import write_dataset
from plantargets.errors import DecodeError, ManifestError
from plantargets.extract import values
from plantargets.extract.tables import find_tables
from plantargets.extract.values import find_number_spans, may_hold_value
from plantargets.fileio import LockHeld, build_lock
from plantargets.read.text import Document, compact, read_document

from .conftest import RAW, ROOT, SEEDS

OUTPUTS = (
    "indicators.csv",
    "sector_mix.csv",
    "quality.csv",
    "indicators.parquet",
    "datapackage.json",
    *(f"{t}.{ext}" for t in ("target_outcomes", "plan_outcomes") for ext in ("csv", "parquet", "dta", "xlsx")),
    "region_hierarchy.csv",
    "region_hierarchy.parquet",
)
# A small 14th-plan outline with one indicator table and one prose target; rows 2-3 are
# malformed on purpose (see test_malformed_rows_are_kept_with_row_shape_findings).
PLAN_HEAD = "某某县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n"
TABLE = (
    "专栏1 “十四五”时期经济社会发展主要指标\n"
    "序号 | 指标名称 | 单位 | 2020年 | 2025年 | 年均增长(%) | 属性\n"
    "1 | 地区生产总值 | 亿元 | 100 | 140 | 7 | 预期性\n"
    "2 | 常住人口城镇化率 | % | 50 | 55 | 预期性\n"
    "3 | 居民人均可支配收入 | 元 | 30000 | 42000 | 7 | 预期性 | 多余 | 另一个\n"
    "民生福祉 | 4 | 人均预期寿命 | 岁 | 76 | 77 | — | 预期性\n"
)
PROSE = "到2025年,地区生产总值达到140亿元,年均增长7%。\n"
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _extract(*paths: Path) -> pd.DataFrame:
    return extract_documents([(p, None) for p in paths]).indicators


# --- unreadable files: a clear error naming the file ----------------------------------------


@pytest.mark.parametrize("content", [b"", b"   \n\r\n\t  \n"], ids=["empty", "whitespace"])
def test_empty_file_is_a_decode_error_naming_the_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(DecodeError, match="empty") as err:
        read_document(path)
    assert err.value.file == str(path)
    assert str(path) in str(err.value)


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        bytes(b % 32 for b in range(4096)).replace(b"\x00", b"\x01"),  # control bytes, no NUL
    ],
    ids=["png-with-nul", "control-bytes"],
)
def test_binary_file_is_a_decode_error_naming_the_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "figure.txt"
    path.write_bytes(content)
    with pytest.raises(DecodeError) as err:
        read_document(path)
    assert err.value.file == str(path)
    assert "binary" in err.value.message or "cannot decode" in err.value.message


def test_extract_stops_on_an_unreadable_file_and_names_it(tmp_path: Path) -> None:
    good = _write(tmp_path, "good.txt", PLAN_HEAD + TABLE)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    with pytest.raises(DecodeError, match=re.escape(str(bad))):
        extract_documents([(good, None), (bad, None)])


# --- encodings: GB18030 and UTF-8 with BOM read like UTF-8 ----------------------------------


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
def test_gb18030_and_bom_files_give_the_same_rows_as_utf8(tmp_path: Path, catalog: Catalog, encoding: str) -> None:
    seed = SEEDS["hure-fyp14"]  # a plan with a table and prose: every stage sees the text
    text = seed.read_text(encoding="utf-8")
    other = _write(tmp_path, seed.name, text, encoding)
    assert other.read_bytes() != seed.read_bytes()
    doc = read_document(other)
    assert doc.encoding == encoding
    source = _source_for(seed)
    expected = extract_document(read_document(seed), source, catalog)
    got = extract_document(doc, source, catalog)
    assert got.records == expected.records
    assert got.sector_mix == expected.sector_mix
    assert len(got.records) > 50


def _source_for(path: Path) -> Source:
    return next(s for s in load_manifest() if s.path.resolve() == path.resolve())


# --- documents that are not what the extractor hopes for ------------------------------------


def test_plan_without_indicator_table_is_processed_with_a_no_table_warning(tmp_path: Path) -> None:
    path = _write(tmp_path, "no_table.txt", PLAN_HEAD + PROSE)
    ds = extract_documents([(path, None)])
    assert ds.documents[0].doc_type == "fyp_outline"
    found = ds.quality[ds.quality["check"] == "no_table"]
    assert len(found) == 1 and found.iloc[0]["severity"] == "warning"
    assert found.iloc[0]["source_file"] == "no_table.txt"
    assert set(ds.indicators["table"]) == {"prose"}  # the prose targets are still read
    assert "地区生产总值" in set(ds.indicators["name"])


def test_malformed_rows_are_kept_with_row_shape_findings(tmp_path: Path) -> None:
    path = _write(tmp_path, "malformed.txt", PLAN_HEAD + TABLE)
    ds = extract_documents([(path, None)])
    rows = ds.indicators[ds.indicators["table"] == "fyp14_main"].set_index("name")
    # every row is kept, the missing cell (row 2), the extra cells (row 3) and the row shifted
    # by a leading category cell (row 4) included, with their values in the right columns
    assert list(rows.index) == ["地区生产总值", "常住人口城镇化率", "居民人均可支配收入", "人均预期寿命"]
    assert rows.loc["常住人口城镇化率", ["base_value", "target_value"]].tolist() == [50.0, 55.0]
    assert rows.loc["常住人口城镇化率", "attribute"] == "预期性"
    assert rows.loc["居民人均可支配收入", ["base_value", "target_value", "annual_growth"]].tolist() == [
        30000.0,
        42000.0,
        7.0,
    ]
    assert rows.loc["人均预期寿命", ["category", "base_value", "target_value"]].tolist() == ["民生福祉", 76.0, 77.0]
    shape = ds.quality[ds.quality["check"] == "row_shape"].set_index("name")["message"]
    assert "fewer cells than columns" in shape["常住人口城镇化率"]
    assert "more cells than columns" in shape["居民人均可支配收入"]
    # the finding carries the row as printed, so a reader can find it
    raw = ds.quality[ds.quality["check"] == "row_shape"]["raw"]
    assert raw.str.contains("多余 | 另一个", regex=False).any()


def test_absurd_numbers_get_impossible_value_findings(tmp_path: Path) -> None:
    table = [
        *TABLE.splitlines()[:3],
        "2 | 城镇调查失业率 | % | 400 | 550 | — | 预期性",  # a rate above 100 %
        "3 | 森林覆盖率 | % | -20 | 22 | — | 约束性",  # a share below 0
        "4 | 每千人口拥有执业(助理)医师数 | 人 | 1432 | 1694 | — | 预期性",  # "per 1000" above 1000
    ]
    path = _write(tmp_path, "absurd.txt", PLAN_HEAD + "\n".join(table) + "\n")
    ds = extract_documents([(path, None)])
    found = ds.quality[ds.quality["check"] == "impossible_value"]
    assert {"城镇调查失业率", "森林覆盖率", "每千人口拥有执业(助理)医师数"} <= set(found["name"])
    assert (found["severity"] == "error").all()
    # the numbers stay as printed: flagged, not corrected or dropped
    rows = ds.indicators.set_index("name")
    assert rows.loc["城镇调查失业率", "base_value"] == 400.0
    assert rows.loc["森林覆盖率", "base_value"] == -20.0


def test_markup_in_cells_and_prose_is_kept_as_text(tmp_path: Path) -> None:
    table = [*TABLE.splitlines()[:3], f"2 | 森林覆盖率{SCRIPT} | % | 20 | 22 | — | 约束性"]
    # The subject comes from the first clause, the value from the third: the row's raw text
    # spans the quoted markup between them.
    prose = f"到2025年,人均地区生产总值,“{SCRIPT}”,年均增长6%。"
    path = _write(tmp_path, "markup.txt", PLAN_HEAD + "\n".join(table) + "\n" + prose + "\n")
    ds = extract_documents([(path, None)])
    out = tmp_path / "out"
    write_dataset(ds, out)
    written = pd.read_csv(out / "indicators.csv", keep_default_na=False)
    table_row = written[written["table"] == "fyp14_main"].iloc[-1]
    assert table_row["raw"] == f"2 | 森林覆盖率{SCRIPT} | % | 20 | 22 | — | 约束性"
    assert table_row["name"] == f"森林覆盖率{SCRIPT}"
    prose_row = written[(written["table"] == "prose") & (written["name"] == "人均地区生产总值")].iloc[0]
    assert SCRIPT in prose_row["raw"] and float(prose_row["annual_growth"]) == 6.0
    # nowhere escaped or half-stripped: exactly as printed, or not at all
    text = (out / "indicators.csv").read_text(encoding="utf-8")
    assert "&lt;script" not in text and text.count("<script>") == text.count(SCRIPT)


def test_manifest_row_with_missing_file_names_file_and_line(tmp_path: Path) -> None:
    lines = (RAW / "sources.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    broken = lines[2].replace("001_92a7ba0c77b212ac.txt", "001_missing.txt", 1)
    manifest = tmp_path / "sources.csv"
    manifest.write_text("".join([lines[0], lines[1], broken]), encoding="utf-8")
    with pytest.raises(ManifestError) as err:
        load_manifest(manifest, RAW)
    assert err.value.file == str(manifest)
    assert err.value.line == 3
    assert "001_missing.txt" in str(err.value) and f"{manifest}:3" in str(err.value)


# --- accounting: every row the table detector saw reaches the outputs ------------------------


def _account(doc: Document, source: Source | None, catalog: Catalog) -> tuple[int, list[str]]:
    """Rows checked, and every way a table's content went missing (empty when nothing did).

    For each table the detector found: each row is an indicators record with its raw text;
    each line it could not read is an ``unparsed_line`` finding with its raw text; and every
    cell printed on any other line of the table (title, header, notes, categories, rows,
    wrapped cells) is found in what the table kept.
    """
    ctx = infer_context(doc, source)
    tables = find_tables(doc, plan=ctx.plan)
    result = extract_document(doc, source, catalog)
    records = {(r["table"], r["line"], r["raw"]) for r in result.records}
    unparsed = {(q["table"], q["line"], q["raw"]) for q in result.quality if q["check"] == "unparsed_line"}
    lost: list[str] = []
    rows = 0
    for t in tables:
        for row in t.rows:
            rows += 1
            if (t.table, row.line, row.raw) not in records:
                lost.append(f"{doc.name}:{row.line} row not in indicators: {row.raw}")
        for lineno, raw in t.unparsed:
            if (t.table, lineno, raw) not in unparsed:
                lost.append(f"{doc.name}:{lineno} unparsed line not in quality: {raw}")
        kept = compact(
            "".join([t.title, *t.columns, *t.notes, *(r.raw + r.category + r.parent + r.name + r.unit for r in t.rows)])
        )
        skip = {lineno for lineno, _ in t.unparsed}
        for n in range(t.line, t.end_line + 1):
            if n in skip:
                continue
            for piece in re.split(r"[|\t]", doc.line(n).text):
                c = compact(piece)
                if c and set(c) - set("-:") and c not in kept:
                    lost.append(f"{doc.name}:{n} cell {c!r} is in no row, header, note or finding")
    return rows, lost


def test_nothing_the_table_detector_saw_is_lost_on_the_seeds(catalog: Catalog) -> None:
    total = 0
    for source in load_manifest():
        rows, lost = _account(read_document(source.path), source, catalog)
        assert lost == []
        total += rows
    assert total >= 125  # the seeds' table rows (tests/golden): the check did look at them


def _corpus_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("plantargets_bench_corpus", ROOT / "benchmarks" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it executes
    spec.loader.exec_module(module)
    return module


def test_nothing_the_table_detector_saw_is_lost_on_the_synthetic_corpus(tmp_path: Path, catalog: Catalog) -> None:
    corpus = _corpus_module()
    made = corpus.generate(tmp_path, 10)
    assert {d.layout for d in made} == set(corpus.LAYOUTS)  # every export layout is exercised
    total = 0
    for source in load_manifest(tmp_path / "sources.csv"):
        rows, lost = _account(read_document(source.path), source, catalog)
        assert lost == []
        total += rows
    assert total >= 200


def test_synthetic_corpus_is_deterministic(tmp_path: Path) -> None:
    corpus = _corpus_module()
    corpus.generate(tmp_path / "a", 6, seed=7)
    corpus.generate(tmp_path / "b", 6, seed=7)
    corpus.generate(tmp_path / "c", 6, seed=8)
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    assert (tmp_path / "a" / "synth_0000.txt").read_bytes() != (tmp_path / "c" / "synth_0000.txt").read_bytes()


# --- the prose prefilter skips only sentences without a value -------------------------------

_PIECES = st.sampled_from(
    ["2020年", "2025 年", "十四五", "一九九八年", "二〇二五年", "年/人", "百分之", "三点五", "两万", "三千万", "5%", "12",
     "1.5", "7万吨", "亿元", "达到", "增长", "，", ":", "(", "1,600", "约", "万", "点", "分之", "重点", "一批", "年",
     "一九九八", "二〇二五", "人", "/"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=8).map("".join))
@example("一九九八年/人")  # a 〇-year with a per-unit: a value in 年/人, not a year
@example("百分之2020年")  # 百分之 makes it % 年
@example("三点五")  # a decimal Chinese numeral
@example("增长两万人")  # a Chinese numeral with a magnitude
@example("2020年,十四五时期")  # only a year and a plan name: skipped
def test_may_hold_value_is_false_only_without_values(text: str) -> None:
    """``prose`` skips sentences for which ``may_hold_value`` is False: it must never hide a value."""
    if not may_hold_value(text):
        assert all(v.unit in ("", "年") for _, _, v in find_number_spans(text)), text


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=8).map("".join))
@example("二〇二〇年/人")  # each cue of _CN_PROSE_VALUE_RE: 年/, 分之, 点, 万/亿
@example("百分之五十")
@example("零点五")
@example("三十亿")
def test_may_hold_value_prefilters_change_no_answer(text: str) -> None:
    """The character tests before ``may_hold_value``'s regexes only skip scans that would find nothing."""
    s = values.fold_value_text(text)
    scanned = values._CN_PROSE_VALUE_RE.search(s) is not None
    scanned = scanned or values._ARABIC_DIGIT_RE.search(values._YEAR_NUMBER_RE.sub("", s)) is not None
    assert may_hold_value(text) == scanned, text


# --- interrupted and concurrent writes --------------------------------------------------------


@pytest.fixture(scope="module")
def seed_dataset() -> tuple[object, list[Source]]:
    sources = [s for s in load_manifest() if s.doc_id in ("xinjiang-gwr2023", "hure-fyp14")]
    return extract_documents([(s.path, s) for s in sources]), sources


def _snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def test_interrupted_write_leaves_the_previous_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_dataset: tuple
) -> None:
    ds, sources = seed_dataset
    out = tmp_path / "processed"
    write_dataset(ds, out, sources)
    before = _snapshot(out)
    smaller = type(ds)(ds.indicators.head(3), ds.sector_mix.head(0), ds.quality.head(1), ds.documents)

    calls = {"n": 0}
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 3:  # the third file of five: two are already written in full
            raise KeyboardInterrupt("interrupted mid-way")
        real_fsync(fd)

    monkeypatch.setattr(fileio.os, "fsync", failing_fsync)
    with pytest.raises(KeyboardInterrupt):
        write_dataset(smaller, out, sources)
    monkeypatch.undo()
    assert _snapshot(out) == before  # every file is the previous one, not a mix of old and new
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)  # no temporary files left
    assert len(pd.read_csv(out / "indicators.csv")) == len(ds.indicators)
    assert len(pd.read_parquet(out / "indicators.parquet")) == len(ds.indicators)


def test_failed_rename_leaves_the_previous_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_dataset: tuple
) -> None:
    ds, sources = seed_dataset
    out = tmp_path / "processed"
    write_dataset(ds, out, sources)
    before = _snapshot(out)

    def failing_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio.os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space left"):
        write_dataset(type(ds)(ds.indicators.head(2), ds.sector_mix, ds.quality, ds.documents), out, sources)
    monkeypatch.undo()
    assert _snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)


def _hold_lock(lock_path: str, ready: object, release: object) -> None:
    with build_lock(Path(lock_path), "data extraction"):
        ready.set()  # type: ignore[attr-defined]
        release.wait(30)  # type: ignore[attr-defined]


def test_second_concurrent_build_gets_lock_held(tmp_path: Path) -> None:
    from plantargets.dataset.processed import build_processed

    out = tmp_path / "processed"
    ctx = multiprocessing.get_context("fork")  # fork: the child needs no re-import
    ready, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(str(out / ".extract.lock"), ready, release))
    holder.start()
    try:
        assert ready.wait(60), "the lock-holding process did not start"
        with pytest.raises(LockHeld, match=rf"another data extraction is running \(pid {holder.pid}\)"):
            build_processed(out_dir=out, force=True)
        assert not (out / "indicators.csv").exists()
    finally:
        release.set()
        holder.join(30)
    assert holder.exitcode == 0
    assert not (out / ".extract.lock").exists()  # released when the holder finished


def test_stale_lock_of_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    lock = tmp_path / ".extract.lock"
    lock.write_text(str(pid))
    with build_lock(lock, "data extraction"):
        assert lock.read_text() == str(os.getpid())
    assert not lock.exists()


def test_stale_lock_does_not_block_build_processed(tmp_path: Path) -> None:
    from plantargets.dataset.processed import build_processed

    out = tmp_path / "processed"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (out / ".extract.lock").write_text(dead.stdout.strip())
    info = build_processed(out_dir=out, force=True)
    assert info["skipped"] is False and info["documents"] == 5
    assert (out / "indicators.csv").is_file() and not (out / ".extract.lock").exists()
