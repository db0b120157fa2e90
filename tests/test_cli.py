"""The command line: each subcommand on the seed documents, its exit code and its messages."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from plantargets import __version__, paths
from plantargets.cli import main

SEED = paths.RAW_DIR / "001_92a7ba0c77b212ac.txt"  # urumqi-etdz-fyp14
GOLDEN = Path(__file__).parent / "golden" / "urumqi-etdz-fyp14.csv"


def test_version_and_help_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"plantargets {__version__}"


def test_no_subcommand_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([])
    assert exit_.value.code == 2
    assert "the following arguments are required: command" in capsys.readouterr().err


def test_validate_the_bundled_manifest(capsys: pytest.CaptureFixture[str]) -> None:
    with open(paths.MANIFEST, encoding="utf-8", newline="") as fh:
        documents = sum(1 for _ in csv.DictReader(fh))
    assert documents >= 5  # the five seeds, plus any imported corpus
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.strip() == f"manifest OK: {documents} documents"


def test_validate_a_broken_manifest_names_file_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open(paths.MANIFEST, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))[:5]  # the five seeds
    rows[2]["level"] = "city"
    for row in rows:
        (tmp_path / row["file"]).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(paths.RAW_DIR / row["file"], tmp_path / row["file"])
    manifest = tmp_path / "sources.csv"
    with open(manifest, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert main(["validate", "--manifest", str(manifest)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("plantargets: error: ")
    assert "sources.csv:4" in err
    assert "level 'city' must be one of national, province, prefecture, county" in err


def test_extract_a_seed_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["extract", str(SEED), "--out", str(out)]) == 0
    info = json.loads(capsys.readouterr().out)
    # prose: line 265's 园区总产值力争达到50亿元 / 500亿元 are read since 力争 is no part of a name; the outline
    # reader (extract.outline) reads the goals' text targets (169: 主要污染物排放得到有效控制, 170: 居民收入增长和
    # 经济增长基本同步, 中等收入人口明显增加), 170's 区域新增就业12万人 and the review's totals (84: 累计引进项目191个),
    # and line 450's restatement of 170's 城镇登记失业率控制在4%以内 is no second row
    assert (info["documents"], info["rows"], info["table_rows"], info["prose_rows"]) == (1, 109, 63, 46)
    assert info["rows_by_table"]["urumqi-etdz-fyp14/fyp14_main"] == 19
    assert sorted(p.name for p in out.iterdir()) == [
        "datapackage.json",
        "indicators.csv",
        "indicators.parquet",
        "plan_outcomes.csv",
        "plan_outcomes.dta",
        "plan_outcomes.parquet",
        "plan_outcomes.xlsx",
        "quality.csv",
        "region_hierarchy.csv",
        "region_hierarchy.parquet",
        "sector_mix.csv",
        "target_outcomes.csv",
        "target_outcomes.dta",
        "target_outcomes.parquet",
        "target_outcomes.xlsx",
    ]
    with open(out / "indicators.csv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["table"] in ("fyp13_review", "fyp14_main")]
    with open(GOLDEN, encoding="utf-8", newline="") as fh:
        golden = list(csv.DictReader(fh))
    assert [(r["table"], r["name"], r["line"]) for r in rows] == [(g["table"], g["name"], g["line"]) for g in golden][
        : len(rows)
    ]
    gdp = next(r for r in rows if r["table"] == "fyp14_main" and r["name"] == "地区生产总值")
    assert (gdp["base_value"], gdp["target_value"], gdp["annual_growth"], gdp["line"]) == (
        "590.0",
        "929.0",
        "9.5",
        "174",
    )


def test_extract_a_missing_file_fails_with_its_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.strip() == f"plantargets: error: {tmp_path / 'nope.txt'}: no such file"
    assert not (tmp_path / "out").exists()


def test_add_without_metadata_and_yes_lists_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "plan.txt"
    doc.write_text("某某规划\n一、总体要求\n", encoding="utf-8")
    monkeypatch.setattr(paths, "RAW_DIR", tmp_path / "raw")
    monkeypatch.setattr(paths, "MANIFEST", tmp_path / "raw" / "sources.csv")
    assert main(["add", str(doc), "--yes"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("plantargets: error: cannot add without ")
    assert "--region-en (region_en)" in err and "--admin-code (admin_code)" in err


def test_help_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for command in ("extract", "add", "import", "data", "validate", "build"):
        assert f"    {command} " in out, command


def test_an_unknown_subcommand_or_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["publish"], ["data", "--fast"]):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 2
        assert "plantargets" in capsys.readouterr().err


def test_data_builds_once_then_says_up_to_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(paths, "PROCESSED_DIR", tmp_path / "processed")
    assert main(["data", "--jobs", "1"]) == 0
    first = capsys.readouterr().out
    with open(tmp_path / "processed" / "indicators.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    # the suite's manifest is the five seeds (tests/conftest.py)
    assert first.startswith(f"extracted 5 documents: {len(rows)} rows (")
    tables = sum(r["table"] != "prose" for r in rows)
    assert f"({tables} from tables, {len(rows) - tables} from prose)" in first
    assert main(["data"]) == 0
    assert capsys.readouterr().out.startswith("data/processed is up to date")
    before = (tmp_path / "processed" / "indicators.csv").read_bytes()
    assert main(["data", "--force", "--jobs", "1"]) == 0
    assert capsys.readouterr().out.startswith("extracted 5 documents")
    assert (tmp_path / "processed" / "indicators.csv").read_bytes() == before  # byte-identical rebuild


def test_data_timings_name_every_phase_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(paths, "PROCESSED_DIR", tmp_path / "processed")
    assert main(["data", "--jobs", "1", "--timings"]) == 0
    line = capsys.readouterr().out.splitlines()[1]
    phases = [
        "manifest, imports",
        "cache read",
        "extraction",
        "corpus findings",
        "assembly",
        "panels",
        "files",
        "stamp",
    ]
    at = [line.index(p) for p in [*phases, "; total"]]
    assert at == sorted(at), line
    assert re.search(r"cache read \d+\.\d\d \(0 documents\), extraction \d+\.\d\d \(5 documents\)", line), line
    head, _, tail = line.partition("; total ")
    seconds = [float(x) for x in re.findall(r" (\d+\.\d\d)(?= \(|,|$)", head)]
    assert len(seconds) == 8 and abs(sum(seconds) - float(tail.split()[0])) < 0.05, line  # the phases make up the whole
    assert main(["data", "--force", "--jobs", "1", "--timings"]) == 0
    again = capsys.readouterr().out  # --force rebuilds the tables from the per-document cache
    assert re.search(r"cache read \d+\.\d\d \(5 documents\), extraction \d+\.\d\d \(0 documents\)", again), again


def test_add_a_seed_prints_what_it_read_and_extracted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "kulun.txt"
    shutil.copy(paths.RAW_DIR / "003_3e4f07611e85fb5a.txt", doc)
    monkeypatch.setattr(paths, "RAW_DIR", tmp_path / "raw")
    monkeypatch.setattr(paths, "MANIFEST", tmp_path / "raw" / "sources.csv")
    # the two fields the text cannot give, as data/raw/sources.csv:5 has them for this seed
    argv = ["add", str(doc), "--region-en", "Hure (Kulun) Banner", "--admin-code", "150524", "--yes"]
    assert main(argv) == 0
    out = capsys.readouterr().out.splitlines()
    # everything else is read from the text, and agrees with the manifest's row (sources.csv:5)
    assert out[0] == "added kulun.txt as hure-fyp14 (库伦旗, fyp_outline 2021-2025)"
    sha = "7729e7b45f041119a574a980a3f8e2d04650ac7fade6f756b16a9b99cf6373d4"
    assert out[1] == f"  copied to {tmp_path / 'raw' / 'kulun.txt'}; sha256 {sha}, 204583 bytes"
    assert "level=county" in out[2] and "parent_code=150500" in out[2]
    # data/raw/003_3e4f07611e85fb5a.txt:58 is the caption, :60-79 its 20 rows
    assert "  table fyp14_main: 20 rows (专栏 库伦旗“十四五”经济社会发展规划主要指标)" in out
    with open(tmp_path / "raw" / "sources.csv", encoding="utf-8", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert (row["doc_id"], row["region_zh"], row["level"], row["sha256"]) == ("hure-fyp14", "库伦旗", "county", sha)


def test_extract_out_that_is_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.csv"
    out.write_text("keep me\n", encoding="utf-8")
    assert main(["extract", str(SEED), "--out", str(out)]) == 2
    assert capsys.readouterr().err.strip() == f"plantargets: error: --out {out}: is a file, not a folder"
    assert out.read_text(encoding="utf-8") == "keep me\n"


def test_an_os_error_is_one_line_naming_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert main(["extract", str(SEED), "--out", str(blocker / "out")]) == 2  # a folder under a file
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("plantargets: error: ") and str(blocker) in err
    assert "Traceback" not in err
