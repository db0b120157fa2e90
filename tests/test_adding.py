"""`plantargets add`: a new document lands in data/raw and the manifest, valid and extracted."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

from plantargets import paths
from plantargets.cli import main
from plantargets.dataset.adding import add_document, guess_metadata
from plantargets.dataset.manifest import COLUMNS, file_sha256, load_manifest
from plantargets.errors import InputError
from plantargets.read.text import document_from_text

from .conftest import RAW, SEEDS
from .test_ingest import seed_document_parts, write_docx

DAY = dt.date(2026, 11, 25)


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """A copy of data/raw (seeds and manifest) to add to."""
    target = tmp_path / "raw"
    target.mkdir()
    for f in RAW.glob("*.txt"):
        shutil.copyfile(f, target / f.name)
    # The seeds' rows only: the imported corpus (data/raw/lawtext-gov) stays where it is.
    lines = (RAW / "sources.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (target / "sources.csv").write_text(
        "".join(ln for ln in lines if not ln.startswith("lawtext-gov/")), encoding="utf-8"
    )
    return target


@pytest.fixture
def new_docx(tmp_path: Path) -> Path:
    before, after = seed_document_parts()
    return write_docx(tmp_path / "hure-word.docx", before[:3], after[:3])


def test_add_copies_and_records(raw, new_docx):
    result = add_document(
        new_docx,
        metadata={"doc_id": "hure-word-fyp14", "region_en": "Hure (Kulun) Banner", "admin_code": "150524"},
        yes=True,
        raw_dir=raw,
        today=DAY,
    )
    dest = raw / new_docx.name
    assert dest.read_bytes() == new_docx.read_bytes()
    sources = load_manifest(raw / "sources.csv")
    added = sources[-1]
    assert len(sources) == 6 and added.doc_id == "hure-word-fyp14"
    assert (added.region_zh, added.doc_type, added.period) == ("库伦旗", "fyp_outline", "2021-2025")
    assert (added.level, added.parent_code) == ("county", "150500")  # from the GB/T 2260 code
    assert added.sha256 == file_sha256(dest) and added.size == dest.stat().st_size and added.added == "2026-11-25"
    assert result.guessed["region_zh"] == "库伦旗"
    assert ("fyp14_main", "专栏 库伦旗“十四五”经济社会发展规划主要指标", 20) in result.tables
    assert result.summary["table_rows"] >= 20 and 0 < result.summary["catalogue_coverage"] <= 1
    with open(raw / "sources.csv", encoding="utf-8", newline="") as fh:
        assert tuple(next(csv.reader(fh))) == COLUMNS


def test_same_document_twice_is_refused(raw, tmp_path):
    copy = tmp_path / "renamed.txt"
    shutil.copyfile(SEEDS["hure-fyp14"], copy)
    with pytest.raises(InputError, match="already in the manifest as doc_id 'hure-fyp14'"):
        add_document(copy, yes=True, raw_dir=raw)


def test_different_file_of_the_same_name_is_refused(raw, tmp_path):
    clash = tmp_path / "003_3e4f07611e85fb5a.txt"
    clash.write_text("库伦旗国民经济和社会发展第十四个五年规划纲要\n", encoding="utf-8")
    before = (raw / clash.name).read_bytes()
    with pytest.raises(InputError, match="already exists with different content"):
        add_document(clash, yes=True, raw_dir=raw)
    assert (raw / clash.name).read_bytes() == before


def test_missing_metadata_with_yes_lists_the_fields(raw, new_docx):
    manifest = (raw / "sources.csv").read_bytes()
    with pytest.raises(InputError) as info:
        # A region regions.csv does not know: its code and English name must be given.
        add_document(new_docx, metadata={"region_zh": "某某县"}, yes=True, raw_dir=raw)
    message = str(info.value)
    assert "--region-en (region_en)" in message and "--admin-code (admin_code)" in message
    assert "--region " not in message
    assert not (raw / new_docx.name).exists()
    assert (raw / "sources.csv").read_bytes() == manifest


def test_asks_for_what_it_cannot_guess(raw, new_docx):
    answers = iter(["Hure (Kulun) Banner", "1505", "150524"])  # a bad code is asked again
    prompts: list[str] = []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    metadata = {"doc_id": "hure-word-fyp14", "region_zh": "某某县"}  # not in regions.csv
    result = add_document(new_docx, metadata=metadata, ask=ask, raw_dir=raw, today=DAY)
    assert result.source.admin_code == "150524"
    assert [p.split(" ")[0] for p in prompts] == ["region_en", "admin_code", "admin_code"]


def test_region_table_gives_code_level_parent_and_english_name(raw, new_docx):
    result = add_document(new_docx, metadata={"doc_id": "hure-word-fyp14"}, yes=True, raw_dir=raw, today=DAY)
    s = result.source
    assert (s.region_zh, s.admin_code, s.level, s.parent_code) == ("库伦旗", "150524", "county", "150500")
    assert s.region_en == "Hure (Kulun) Banner"


def test_bad_row_is_rejected_and_nothing_written(raw, new_docx):
    manifest = (raw / "sources.csv").read_bytes()
    with pytest.raises(InputError, match="published"):
        add_document(
            new_docx,
            metadata={"doc_id": "hure-word-fyp14", "region_en": "Hure", "admin_code": "150524", "published": "May"},
            yes=True,
            raw_dir=raw,
        )
    assert not (raw / new_docx.name).exists()
    assert (raw / "sources.csv").read_bytes() == manifest


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            "库伦旗国民经济和社会发展第十四个五年规划和2035年远景目标纲要",
            {"region_zh": "库伦旗", "doc_type": "fyp_outline", "period": "2021-2025"},
        ),
        (
            "2023年新疆维吾尔自治区政府工作报告\n——2023年1月15日在自治区第十四届人民代表大会第一次会议上",
            {
                "region_zh": "新疆维吾尔自治区",
                "doc_type": "work_report",
                "report_year": "2023",
                "published": "2023-01-15",
            },
        ),
        (
            # The session line names the congress that hears the report: its region is the report's.
            "政府工作报告\n——2024年1月20日在某县第十八届人民代表大会上",
            {"region_zh": "某县", "doc_type": "work_report", "report_year": "2024", "published": "2024-01-20"},
        ),
        (
            "《某市国民经济和社会发展第十五个五年规划纲要》",
            {"region_zh": "某市", "doc_type": "fyp_outline", "period": "2026-2030"},
        ),
    ],
)
def test_guess_metadata(head, expected):
    assert guess_metadata(document_from_text(head, "x.txt")) == expected


def test_cli_add(raw, new_docx, monkeypatch, capsys):
    monkeypatch.setattr(paths, "RAW_DIR", raw)
    code = main(
        ["add", str(new_docx), "--doc-id", "hure-word-fyp14", "--region-en", "Hure", "--admin-code", "150524", "--yes"]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "added hure-word.docx as hure-word-fyp14" in out and "table fyp14_main: 20 rows" in out
    assert main(["add", str(new_docx), "--yes"]) == 2
    assert "already in the manifest as doc_id 'hure-word-fyp14'" in capsys.readouterr().err
