"""`plantargets import DIR`: placing documents from folders, titles and their text; bad input."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path, PurePosixPath

import pytest

from plantargets.cli import main
from plantargets.dataset.importer import doc_id_for, import_folder, layout_facts
from plantargets.dataset.manifest import load_manifest
from plantargets.dataset.regions import load_regions
from plantargets.errors import InputError, ManifestError

from .conftest import RAW

CORPUS = RAW / "lawtext-gov"
# A few real documents, kept in upstream's layout: a province (四川省 2019.md holds the 2020
# report, the same as 2020.md), a city, a prefecture, the State Council (1964-part.md) and a
# national plan outline whose region only its title gives.
SAMPLE = (
    "政府工作报告-省自治区/四川省/2019.md",
    "政府工作报告-省自治区/四川省/2020.md",
    "政府工作报告-主要城市/乌鲁木齐市/2023.md",
    "政府工作报告-其他地市/通辽市/2021.md",
    "政府工作报告-国务院/1964-part.md",
    "五年规划/2021-十四五规划纲要.md",
)
DAY = "2026-12-02"


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """A data/raw with an empty manifest and a small copy of the corpus with its provenance file."""
    raw = tmp_path / "raw"
    for rel in SAMPLE:
        (raw / "gov" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CORPUS / rel, raw / "gov" / rel)
    (raw / "gov.source.yml").write_text("repository: lawtext/gov\ncommit: fc1a2f6\n", encoding="utf-8")
    return raw


def _rows(manifest: Path) -> dict[str, dict[str, str]]:
    with open(manifest, encoding="utf-8", newline="") as fh:
        return {r["file"]: r for r in csv.DictReader(fh)}


@pytest.mark.parametrize(
    ("rel", "region", "doc_type", "year", "suffix", "plan"),
    [
        ("政府工作报告-省自治区/新疆维吾尔自治区/2019.md", "650000", "work_report", 2019, "", None),
        ("政府工作报告-主要城市/北京市/2024.md", "110000", "work_report", 2024, "", None),
        ("政府工作报告-其他地市/克孜勒苏柯尔克孜自治州/2021.md", "653000", "work_report", 2021, "", None),
        ("政府工作报告-国务院/1964-summary.md", "000000", "work_report", 1964, "summary", None),
        ("政府工作报告-主要城市/西宁市/2016-11.md", "630100", "work_report", 2016, "11", None),
        ("五年规划/2026-十五五规划纲要.md", None, "fyp_outline", 2026, "十五五规划纲要", 15),
    ],
)
def test_layout_facts_from_real_paths(rel, region, doc_type, year, suffix, plan):
    facts = layout_facts(PurePosixPath(rel), load_regions())
    assert (facts.region.code if facts.region else None) == region
    assert (facts.doc_type, facts.file_year, facts.suffix, facts.plan) == (doc_type, year, suffix, plan)


def test_doc_ids():
    assert doc_id_for("650000", "work_report", 2019, "", None) == "gwr-650000-2019"
    assert doc_id_for("000000", "work_report", 1964, "part", None) == "gwr-000000-1964-part"
    assert doc_id_for("000000", "fyp_outline", None, "", 14) == "fyp14-000000"
    assert doc_id_for("630100", "work_report", 2016, "十一月", None) == "gwr-630100-2016"


def test_import_places_every_document_with_provenance(raw):
    manifest = raw / "sources.csv"
    result = import_folder(raw / "gov", manifest, jobs=1, today=DAY)
    assert (len(result.added), result.unplaced) == (len(SAMPLE), [])
    rows = _rows(manifest)
    sichuan = rows["gov/政府工作报告-省自治区/四川省/2019.md"]
    # The file name says 2019; the text (delivered 2020-05-09, plans 2020) states 2020.
    assert (sichuan["doc_id"], sichuan["report_year"], sichuan["file_year"]) == ("gwr-510000-2019", "2020", "2019")
    assert (sichuan["level"], sichuan["parent_code"], sichuan["title"]) == (
        "province",
        "000000",
        "2019年四川省人民政府工作报告",
    )
    assert (sichuan["upstream_repo"], sichuan["upstream_commit"]) == ("lawtext/gov", "fc1a2f6")
    assert sichuan["upstream_path"] == "政府工作报告-省自治区/四川省/2019.md"
    urumqi = rows["gov/政府工作报告-主要城市/乌鲁木齐市/2023.md"]
    assert (urumqi["admin_code"], urumqi["level"], urumqi["parent_code"]) == ("650100", "prefecture", "650000")
    tongliao = rows["gov/政府工作报告-其他地市/通辽市/2021.md"]
    assert (tongliao["region_en"], tongliao["parent_code"], tongliao["report_year"]) == ("Tongliao", "150000", "2021")
    outline = rows["gov/五年规划/2021-十四五规划纲要.md"]
    assert (outline["doc_id"], outline["level"], outline["period"], outline["report_year"]) == (
        "fyp14-000000",
        "national",
        "2021-2025",
        "",
    )
    assert rows["gov/政府工作报告-国务院/1964-part.md"]["doc_id"] == "gwr-000000-1964-part"
    assert len(load_manifest(manifest)) == len(SAMPLE)


def test_second_run_changes_nothing(raw):
    manifest = raw / "sources.csv"
    import_folder(raw / "gov", manifest, jobs=1, today=DAY)
    before = (manifest.read_bytes(), manifest.stat().st_mtime_ns)
    again = import_folder(raw / "gov", manifest, jobs=1, today="2027-01-01")
    assert (again.added, again.unchanged, again.unplaced) == ([], len(SAMPLE), [])
    assert (manifest.read_bytes(), manifest.stat().st_mtime_ns) == before
    refreshed = import_folder(raw / "gov", manifest, jobs=2, refresh=True, today="2027-01-01")
    assert refreshed.unplaced == [] and manifest.read_bytes() == before[0]  # dates kept, same bytes
    assert (refreshed.refreshed, refreshed.changed) == (len(SAMPLE), 0)


def test_a_file_it_cannot_place_is_reported_and_the_rest_imported(raw):
    odd = raw / "gov" / "杂项" / "notes.txt"
    odd.parent.mkdir()
    odd.write_text("会议纪要\n\n今天讨论了若干事项。\n", encoding="utf-8")
    manifest = raw / "sources.csv"
    result = import_folder(raw / "gov", manifest, jobs=1, today=DAY)
    assert [u.file for u in result.unplaced] == ["gov/杂项/notes.txt"]
    assert "region" in result.unplaced[0].reason
    assert len(result.added) == len(SAMPLE) and "gov/杂项/notes.txt" not in _rows(manifest)


def test_the_same_bytes_under_two_names_is_a_duplicate(raw):
    src = raw / "gov" / "政府工作报告-主要城市" / "乌鲁木齐市" / "2023.md"
    shutil.copyfile(src, src.with_name("2023-copy.md"))
    result = import_folder(raw / "gov", raw / "sources.csv", jobs=1, today=DAY)
    (dup,) = result.unplaced
    assert dup.file.endswith("2023.md") or dup.file.endswith("2023-copy.md")
    assert "the same bytes as gov/政府工作报告-主要城市/乌鲁木齐市/" in dup.reason and "duplicate" in dup.reason


def test_a_file_changed_since_import_is_named_with_its_line(raw):
    manifest = raw / "sources.csv"
    import_folder(raw / "gov", manifest, jobs=1, today=DAY)
    before = manifest.read_bytes()
    changed = raw / "gov" / "政府工作报告-其他地市" / "通辽市" / "2021.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n追加的一行。\n", encoding="utf-8")
    line = 1 + [r for r in _rows(manifest)].index("gov/政府工作报告-其他地市/通辽市/2021.md") + 1
    with pytest.raises(ManifestError, match=rf"sources.csv:{line}: .*通辽市/2021.md' changed"):
        import_folder(raw / "gov", manifest, jobs=1, today=DAY)
    assert manifest.read_bytes() == before


@pytest.mark.parametrize("bad", ["../outside.md", "/etc/passwd", "gov/../../outside.md", "gov\\x.md"])
def test_a_row_pointing_outside_data_raw_is_refused(raw, bad):
    manifest = raw / "sources.csv"
    import_folder(raw / "gov", manifest, jobs=1, today=DAY)
    (raw.parent / "outside.md").write_text("x", encoding="utf-8")
    text = manifest.read_text(encoding="utf-8").splitlines()
    text[2] = text[2].replace(text[2].split(",")[0], bad, 1)
    manifest.write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(ManifestError, match=r"sources.csv:3: .*must be a relative path inside"):
        load_manifest(manifest)


def test_a_symlink_out_of_data_raw_is_refused(raw):
    manifest = raw / "sources.csv"
    import_folder(raw / "gov", manifest, jobs=1, today=DAY)
    target = raw / "gov" / "政府工作报告-国务院" / "1964-part.md"
    outside = raw.parent / "elsewhere.md"
    shutil.move(target, outside)
    target.symlink_to(outside)
    with pytest.raises(ManifestError, match=r"1964-part\.md' must be a relative path inside"):
        load_manifest(manifest)


def test_a_folder_outside_data_raw_is_copied_in(tmp_path, raw):
    downloads = tmp_path / "downloads" / "reports"
    shutil.copytree(raw / "gov" / "政府工作报告-省自治区", downloads / "政府工作报告-省自治区")
    manifest = raw / "sources.csv"
    result = import_folder(downloads, manifest, jobs=1, today=DAY)
    assert result.copied == 2 and len(result.added) == 2
    assert (raw / "reports" / "政府工作报告-省自治区" / "四川省" / "2019.md").is_file()
    assert all(r["upstream_repo"] == "" for r in _rows(manifest).values())  # no provenance file


def test_cli_import_reports_and_exits_non_zero_for_unplaced(raw, monkeypatch, capsys):
    monkeypatch.setattr("plantargets.paths.MANIFEST", raw / "sources.csv")
    monkeypatch.setattr("plantargets.paths.RAW_DIR", raw)
    (raw / "gov" / "README.md").write_text("# notes\n", encoding="utf-8")
    bad = raw / "gov" / "五年规划" / "计划.md"
    bad.write_text("一些文字。\n", encoding="utf-8")
    assert main(["import", str(raw / "gov"), "--jobs", "1"]) == 1
    out = capsys.readouterr().out
    assert f"imported {len(SAMPLE)} documents" in out
    assert "skipped: README.md: a README, not a document" in out
    assert "not imported: gov/五年规划/计划.md:" in out


def test_not_a_folder(tmp_path):
    with pytest.raises(InputError, match="not a folder"):
        import_folder(tmp_path / "missing", tmp_path / "sources.csv")


def test_the_bundled_corpus_is_imported_whole():
    """Every corpus document is in the project manifest, placed, with provenance; a re-run adds nothing."""
    sources = load_manifest(RAW / "sources.csv")
    corpus = [s for s in sources if s.file.startswith("lawtext-gov/")]
    on_disk = {p.relative_to(RAW).as_posix() for p in CORPUS.rglob("*.md") if p.name != "UPSTREAM_README.md"}
    assert {s.file for s in corpus} == on_disk and len(corpus) == 1740
    regions = load_regions()
    for s in corpus:
        region = regions.get(s.admin_code)
        assert region is not None and (s.level, s.parent_code, s.region_zh) == (
            region.level,
            region.parent_code,
            region.name_zh,
        )
        assert s.upstream_repo == "lawtext/gov" and s.upstream_commit.startswith("fc1a2f6")
        assert s.upstream_path == s.file.removeprefix("lawtext-gov/")
    assert sum(s.doc_type == "fyp_outline" for s in corpus) == 5
    sichuan = {s.file_year: s.report_year for s in corpus if s.admin_code == "510000"}
    assert sichuan[2019] == 2020 and sichuan[2020] == 2020


def test_an_interrupted_write_leaves_the_manifest_as_it_was(raw, monkeypatch):
    manifest = raw / "sources.csv"
    first = raw / "gov" / "政府工作报告-国务院"
    import_folder(first, manifest, jobs=1, today=DAY)
    before = manifest.read_bytes()

    def crash(path, text):
        raise OSError("disk full")

    monkeypatch.setattr("plantargets.dataset.importer.atomic_write_text", crash)
    with pytest.raises(OSError, match="disk full"):
        import_folder(raw / "gov", manifest, jobs=1, today=DAY)
    assert manifest.read_bytes() == before
    assert len(load_manifest(manifest)) == 1


def test_import_waits_for_the_manifest_lock_an_add_holds(raw):
    # `plantargets add` rewrites sources.csv under manifest_lock; an import that ran meanwhile
    # used to read, work and write back, losing the added row. Now it waits for the lock.
    import threading
    import time

    from plantargets.dataset.manifest_io import manifest_lock

    manifest = raw / "sources.csv"
    done: list[object] = []
    with manifest_lock(raw):
        worker = threading.Thread(target=lambda: done.append(import_folder(raw / "gov", manifest, jobs=1, today=DAY)))
        worker.start()
        time.sleep(0.5)
        assert worker.is_alive() and not manifest.exists()
    worker.join(timeout=60)
    assert len(done) == 1 and len(_rows(manifest)) == len(SAMPLE)


def test_a_scraping_projects_csv_dump_is_imported_as_a_document(raw):
    """A report as a scraping project dumps it (BOM, title,date,url,content, the text in one quoted
    field) is placed by its folder and file name like any other format, not skipped as 'not a document'."""
    from plantargets.dataset.variants import csv_dump

    src = raw / "gov" / "政府工作报告-其他地市" / "通辽市" / "2021.md"
    dump = csv_dump(src.read_text(encoding="utf-8"), date="2021-02-01", url="https://example.org/2021")
    src.with_suffix(".csv").write_bytes(dump.data)
    src.unlink()
    result = import_folder(raw / "gov", raw / "sources.csv", jobs=1, today=DAY)
    assert (len(result.added), result.unplaced) == (len(SAMPLE), [])
    tongliao = _rows(raw / "sources.csv")["gov/政府工作报告-其他地市/通辽市/2021.csv"]
    assert (tongliao["admin_code"], tongliao["report_year"], tongliao["doc_type"]) == ("150500", "2021", "work_report")
