"""Cases of the adversarial pass (issue 16): each pins a behaviour that failed before the fix.

One section per case number of the issue; each test names the case it keeps found. Cases 5
and 15 live in test_values_notation.py and test_fileio.py; the fuzz test of the readers in
test_fuzz_readers.py; twenty concurrent `add` in test_add_concurrent.py.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from plantargets.cli import main
from plantargets.dataset.adding import add_document
from plantargets.dataset.manifest import load_manifest
from plantargets.errors import InputError, ManifestError, PlanTargetsError

from .conftest import RAW, ROOT, SEEDS

REPORT = "2023年某某县政府工作报告\n\n2023年主要预期目标是:地区生产总值增长6%左右。\n"
META = {
    "region_zh": "某某县",
    "region_en": "Moumou County",
    "admin_code": "650102",
    "doc_type": "work_report",
    "report_year": "2023",
}


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """The five seeds and their manifest, in a folder of their own."""
    target = tmp_path / "raw"
    target.mkdir()
    names = {path.name for path in SEEDS.values()}
    for path in SEEDS.values():
        shutil.copy2(path, target / path.name)
    with open(RAW / "sources.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = [r for r in reader if r["file"] in names]
        header = reader.fieldnames or []
    with open(target / "sources.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return target


def _report(folder: Path, name: str, year: int = 2023) -> Path:
    path = folder / name
    path.write_text(REPORT.replace("2023", str(year)), encoding="utf-8")
    return path


def _raw_files(raw: Path) -> set[str]:
    return {p.name for p in raw.iterdir() if not p.name.startswith(".")}


# --- case 2: file names the manifest cannot hold -------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "plan\r.txt",
        "plan\n2.txt",
        os.fsdecode(b"plan-\xb9\xe6\xbb\xae.txt"),  # GBK bytes of 规划: not UTF-8
        "规" * 80 + ".txt",  # 244 bytes: fits the file system, not our temporary names
    ],
    ids=["carriage-return", "newline", "non-utf8", "244-bytes"],
)
def test_case2_bad_file_names_are_refused_before_anything_is_written(tmp_path: Path, raw: Path, name: str) -> None:
    src = tmp_path / "in"
    src.mkdir()
    path = src / name
    path.write_bytes(REPORT.encode())
    manifest_before = (raw / "sources.csv").read_bytes()
    files_before = _raw_files(raw)
    with pytest.raises(InputError, match="file name"):
        add_document(path, metadata={**META, "doc_id": "moumou-gwr2023"}, yes=True, raw_dir=raw)
    assert (raw / "sources.csv").read_bytes() == manifest_before
    assert _raw_files(raw) == files_before  # no orphan copy
    assert len(load_manifest(raw / "sources.csv")) == 5


def test_case2_a_failing_manifest_write_leaves_no_orphan_copy(
    tmp_path: Path, raw: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import plantargets.dataset.adding as adding

    def full_disk(path: Path, text: str) -> None:
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(adding, "atomic_write_text", full_disk)
    files_before = _raw_files(raw)
    with pytest.raises(OSError):
        add_document(_report(tmp_path, "r.txt"), metadata={**META, "doc_id": "moumou-gwr2023"}, yes=True, raw_dir=raw)
    assert _raw_files(raw) == files_before


def test_case2_control_characters_in_metadata_never_reach_the_manifest(tmp_path: Path, raw: Path) -> None:
    before = (raw / "sources.csv").read_bytes()
    with pytest.raises(ManifestError, match="control characters"):
        add_document(
            _report(tmp_path, "r.txt"),
            metadata={**META, "doc_id": "moumou-gwr2023", "note": "a\rb"},
            yes=True,
            raw_dir=raw,
        )
    assert (raw / "sources.csv").read_bytes() == before
    assert not (raw / "r.txt").exists()


# --- case 14: manifest errors name the physical line ----------------------------------------


def test_case14_manifest_error_names_the_physical_line(tmp_path: Path, raw: Path) -> None:
    lines = (raw / "sources.csv").read_text(encoding="utf-8").splitlines()
    rows = list(csv.reader(lines))
    rows[1][-1] = "a note\nover three\nlines"  # record 2 spans physical lines 2-4
    rows[4][5] = "village"  # bad level on the 4th document
    out = tmp_path / "sources.csv"
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(rows[0])
        w.writerow(rows[1])
        fh.write("\n")  # a blank line, as editors leave them
        for r in rows[2:]:
            w.writerow(r)
    text = out.read_text(encoding="utf-8").splitlines()
    expected = next(i for i, line in enumerate(text, start=1) if ",village," in line)
    assert expected == 8  # header 1, record 2-4, blank 5, records on 6, 7, 8
    with pytest.raises(ManifestError) as err:
        load_manifest(out, raw_dir=raw)
    assert err.value.line == expected and "level 'village'" in str(err.value)


# --- case 13: clear one-line errors, exit status 2 ------------------------------------------


def _cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "plantargets", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "lib"), **(env or {})},
        cwd=cwd,
        timeout=300,
    )


def _one_line_error(proc: subprocess.CompletedProcess, *words: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("plantargets: error: "), proc.stderr
    for word in words:
        assert word in lines[0], lines[0]


@pytest.mark.parametrize(
    ("encoding", "says"), [("gb18030", "GB18030"), ("utf-16", "UTF-16")], ids=["gb18030", "utf-16"]
)
def test_case13_manifest_in_excel_encodings_is_refused_naming_it(raw: Path, encoding: str, says: str) -> None:
    manifest = raw / "sources.csv"
    manifest.write_bytes(manifest.read_text(encoding="utf-8").encode(encoding))
    _one_line_error(_cli("validate", "--manifest", str(manifest)), str(manifest), says)


def test_case13_manifest_field_over_128kb_names_the_line(raw: Path) -> None:
    manifest = raw / "sources.csv"
    rows = list(csv.reader(manifest.read_text(encoding="utf-8").splitlines()))
    rows[3][-1] = "x" * 140_000
    with open(manifest, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    proc = _cli("validate", "--manifest", str(manifest))
    _one_line_error(proc, f"{manifest}:4", "field larger than field limit")


def _project(tmp_path: Path, raw: Path) -> Path:
    """A project folder (PLANTARGETS_ROOT) with the seeds, one notebook and a reports.yml."""
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    shutil.copytree(raw, root / "data" / "raw")
    (root / "notebooks").mkdir()
    shutil.copy2(ROOT / "notebooks" / "03_sector_mix.ipynb", root / "notebooks" / "nb.ipynb")
    (root / "reports.yml").write_text(
        "reports:\n  - name: mix\n    notebook: notebooks/nb.ipynb\n    parameters:\n      lang: zh\n",
        encoding="utf-8",
    )
    return root


def test_case13_notebook_that_is_not_json_is_named(tmp_path: Path, raw: Path) -> None:
    from plantargets.reports.build import build_reports

    root = _project(tmp_path, raw)
    (root / "notebooks" / "nb.ipynb").write_text("# a script saved as .ipynb\nprint(1)\n", encoding="utf-8")
    with pytest.raises(PlanTargetsError, match=r"not a readable \.ipynb") as err:
        build_reports(root / "reports.yml", progress=False)
    assert "nb.ipynb" in str(err.value)
    assert not (root / "reports" / "index.html").exists()


@pytest.mark.parametrize(
    ("value", "says"), [("2021-01-01", "a date"), ("!!binary aGVsbG8=", "binary data")], ids=["date", "binary"]
)
def test_case13_yaml_date_or_binary_parameter_is_refused_with_its_line(
    tmp_path: Path, raw: Path, value: str, says: str
) -> None:
    from plantargets.reports.build import build_reports

    root = _project(tmp_path, raw)
    config = root / "reports.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"      lang2: {value}\n", encoding="utf-8")
    with pytest.raises(PlanTargetsError, match=says) as err:
        build_reports(config, progress=False)
    assert err.value.line == 6 and str(config) in str(err.value)  # type: ignore[attr-defined]


def test_case13_read_only_reports_folder_is_one_line(
    tmp_path: Path, raw: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    root = _project(tmp_path, raw)
    reports = root / "reports"
    reports.mkdir()
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):  # what a chmod 555 folder does (tests may run as root)
        if str(path).startswith(str(reports)) and flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    monkeypatch.setenv("PLANTARGETS_ROOT", str(root))
    code = main(["build", "--config", str(root / "reports.yml"), "--no-progress"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and str(reports / ".build.lock") in err[0] and "Permission denied" in err[0]
    assert list(reports.iterdir()) == []


def test_case13_lock_path_that_is_a_directory_is_named(tmp_path: Path, raw: Path) -> None:
    root = _project(tmp_path, raw)
    (root / "reports" / ".build.lock").mkdir(parents=True)
    proc = _cli("build", "--config", str(root / "reports.yml"), "--no-progress", env={"PLANTARGETS_ROOT": str(root)})
    _one_line_error(proc, str(root / "reports" / ".build.lock"), "is a directory")


def test_case13_full_disk_leaves_the_previous_outputs_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from plantargets import fileio

    out = tmp_path / "out"
    doc = SEEDS["hure-fyp14"]
    assert main(["extract", str(doc), "--out", str(out)]) == 0
    capsys.readouterr()
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    calls = {"n": 0}
    real_fsync = os.fsync

    def enospc(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 3:  # the third of five staged files hits a full disk
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(fileio.os, "fsync", enospc)
    code = main(["extract", str(SEEDS["tacheng-fyp14"]), "--out", str(out)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "No space left on device" in err[0] and str(out) in err[0]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no temporaries, nothing half-written


def test_case13_out_pointing_at_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    target = tmp_path / "results.csv"
    target.write_text("keep me\n", encoding="utf-8")
    code = main(["extract", str(SEEDS["hure-fyp14"]), "--out", str(target)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and str(target) in err[0] and "not a folder" in err[0]
    assert target.read_text(encoding="utf-8") == "keep me\n"


# --- case 3: extract --out never replaces the dataset; data notices a dataset it did not make --


@pytest.mark.parametrize("inside", ["processed", "processed/sub", "reports"])
def test_case3_extract_out_into_the_projects_outputs_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, inside: str
) -> None:
    from plantargets import paths

    processed, reports = tmp_path / "processed", tmp_path / "reports"
    monkeypatch.setattr(paths, "PROCESSED_DIR", processed)
    monkeypatch.setattr(paths, "REPORTS_DIR", reports)
    code = main(["extract", str(SEEDS["hure-fyp14"]), "--out", str(tmp_path / inside)])
    err = capsys.readouterr().err
    assert code == 2 and "only `plantargets" in err
    assert not (tmp_path / inside / "indicators.csv").exists()


def test_case3_data_rebuilds_a_dataset_it_did_not_write(tmp_path: Path, raw: Path) -> None:
    from plantargets.dataset.assemble import extract_documents
    from plantargets.dataset.processed import build_processed, write_dataset

    out = tmp_path / "processed"
    first = build_processed(raw / "sources.csv", out)
    assert not first["skipped"]
    assert build_processed(raw / "sources.csv", out)["skipped"]
    rows = first["rows"]
    # what `extract one.txt --out data/processed` did before: six rows replace the dataset
    write_dataset(extract_documents([(SEEDS["hure-fyp14"], None)]), out)
    again = build_processed(raw / "sources.csv", out)
    assert not again["skipped"] and "indicators.csv" in again["replaced"]
    assert again["rows"] == rows
    assert len(pd.read_csv(out / "indicators.csv")) == rows


# --- case 1: every row the table reader sees lands in the data or in quality.csv ------------

LONG_NAME = "地表水达到或好于Ⅲ类水体比例(按照国家和自治区下达的考核断面及考核目标执行,含跨界断面)"
LONG_TABLE = (
    "某某县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n"
    "专栏1 “十四五”时期经济社会发展主要指标\n"
    "序号 | 指标名称 | 单位 | 2020年 | 2025年 | 年均增长(%) | 属性\n"
    "1 | 地区生产总值 | 亿元 | 100 | 140 | 7 | 预期性\n"
    f"2 | {LONG_NAME} | % | 80 | 85 | — | 约束性\n"
    "3 | 居民人均可支配收入 | 元 | 30000 | 42000 | 7 | 预期性\n"
)


def test_case1_a_long_row_name_lands_in_the_data_or_in_quality_with_its_raw_text(tmp_path: Path) -> None:
    from plantargets.dataset.assemble import extract_documents

    path = tmp_path / "long.txt"
    path.write_text(LONG_TABLE, encoding="utf-8")
    ds = extract_documents([(path, None)])
    in_data = ds.indicators[ds.indicators["name"].str.contains("地表水达到或好于", regex=False)]
    in_quality = ds.quality[ds.quality["raw"].str.contains(LONG_NAME, regex=False)]
    assert len(in_data) == 1 or (in_quality["line"] == 5).any()


def test_case1_the_build_keeps_a_line_the_table_reader_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The invariant is checked in the build itself: a reader that drops a row is caught there."""
    from plantargets.dataset import assemble
    from plantargets.extract.tables import find_tables

    def dropping(doc, plan=None):
        tables = find_tables(doc, plan=plan)
        for t in tables:
            t.rows = [r for r in t.rows if r.line != 4]  # a reader bug: the GDP row vanishes
        return tables

    monkeypatch.setattr(assemble, "find_tables", dropping)
    path = tmp_path / "plan.txt"
    path.write_text(LONG_TABLE, encoding="utf-8")
    ds = assemble.extract_documents([(path, None)])
    kept = ds.quality[(ds.quality["check"] == "unaccounted_line") & (ds.quality["line"] == 4)]
    assert list(kept["raw"]) == ["1 | 地区生产总值 | 亿元 | 100 | 140 | 7 | 预期性"]


# --- case 7: two documents of the same name in one extract call --------------------------------


def test_case7_two_plan_txt_get_distinct_doc_ids(tmp_path: Path) -> None:
    from plantargets.dataset.assemble import extract_documents

    a, b = tmp_path / "a" / "plan.txt", tmp_path / "b" / "plan.txt"
    a.parent.mkdir()
    b.parent.mkdir()
    shutil.copy2(SEEDS["hure-fyp14"], a)
    shutil.copy2(SEEDS["tacheng-fyp14"], b)
    ds = extract_documents([(a, None), (b, None)])
    assert [c.doc_id for c in ds.documents] == ["plan", "plan-2"]
    single_a = extract_documents([(a, None)]).indicators
    single_b = extract_documents([(b, None)]).indicators
    counts = ds.indicators.groupby("doc_id").size().to_dict()
    assert counts == {"plan": len(single_a), "plan-2": len(single_b)}
    assert str(b) in " ".join(ds.quality["message"])


# --- cases 9, 11, 16: hostile documents are refused clearly, in bounded time and memory --------


def _docx_with_body(path: Path, paragraphs: list[str]) -> Path:
    """A real python-docx package whose document.xml body is replaced by ``paragraphs``."""
    import io
    import zipfile

    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    source = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    head, tail = source.read("word/document.xml").decode().split("<w:body>")
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = f"{head}<w:body>{body}{tail}".encode()
            out.writestr(info.filename, data)
    return path


def _bounded(fn, seconds: float, megabytes: float):  # type: ignore[no-untyped-def]
    """Run ``fn``; assert it took under ``seconds`` and allocated under ``megabytes`` (tracemalloc)."""
    import time
    import tracemalloc

    tracemalloc.start()
    started = time.perf_counter()
    try:
        return fn()
    finally:
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        assert elapsed < seconds and peak < megabytes, (elapsed, peak)


def test_case9_zip_bomb_docx_is_refused_fast(tmp_path: Path) -> None:
    from plantargets.read.dispatch import read_any

    bomb = _docx_with_body(tmp_path / "bomb.docx", ["地区生产总值增长7%"] * 1_500_000)  # ~80 MB of XML
    assert bomb.stat().st_size < 400_000
    with pytest.raises(InputError, match=r"refused: .*zip bomb"):
        _bounded(lambda: read_any(bomb), seconds=2, megabytes=20)


def test_case9_varied_docx_over_the_xml_limit_is_refused_by_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plantargets.read import limits
    from plantargets.read.dispatch import read_any

    monkeypatch.setattr(limits, "MAX_DOCX_XML_BYTES", 1_000_000)  # same check, smaller file
    varied = _docx_with_body(
        tmp_path / "varied.docx", [f"指标{i * 7919 % 100003}增长{i % 97}.{i % 13}%" for i in range(40_000)]
    )
    with pytest.raises(InputError, match=r"inflates to \d+ MB of XML"):
        _bounded(lambda: read_any(varied), seconds=2, megabytes=20)


def test_case9_docx_with_too_many_elements_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from plantargets.read import limits
    from plantargets.read.dispatch import read_any

    monkeypatch.setattr(limits, "MAX_DOCX_ELEMENTS", 1_000)
    many = _docx_with_body(tmp_path / "many.docx", [f"第{i}段" for i in range(2_000)])
    with pytest.raises(InputError, match="more than 1,000 paragraphs"):
        read_any(many)
    assert len(read_any(_docx_with_body(tmp_path / "ok.docx", ["一段"] * 900)).lines) >= 900


@pytest.mark.parametrize("depth", [1_200, 50_000])
def test_case11_deeply_nested_html_is_refused_without_recursion_error(tmp_path: Path, depth: int) -> None:
    from plantargets.read.dispatch import read_any

    page = tmp_path / "deep.html"
    page.write_text(
        f"<html><body>{'<div>' * depth}地区生产总值增长7%{'</div>' * depth}</body></html>", encoding="utf-8"
    )
    with pytest.raises(InputError, match="nests elements more than") as err:
        _bounded(lambda: read_any(page), seconds=20, megabytes=600)
    assert err.value.file == str(page)


def test_case11_ordinary_nesting_still_reads(tmp_path: Path) -> None:
    from plantargets.read.dispatch import read_any

    page = tmp_path / "nested.html"
    page.write_text(f"<html><body>{'<div>' * 200}地区生产总值增长7%{'</div>' * 200}</body></html>", encoding="utf-8")
    assert [line.text for line in read_any(page).lines if line.text.strip()] == ["地区生产总值增长7%"]


def test_case16_encrypted_pdf_is_refused_saying_it_is_encrypted(tmp_path: Path) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    from plantargets.read.dispatch import read_any

    path = tmp_path / "locked.pdf"
    pdf = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    pdf.drawString(100, 700, "GDP growth 6 percent")
    pdf.save()
    with pytest.raises(InputError, match="the PDF is encrypted") as err:
        read_any(path)
    assert "damaged" not in str(err.value)


# --- case 8: document text cannot inject styles or outside links into a report ----------------

INJECTED = "<style>*{display:none}</style>森林覆盖率"
LINKED = "<a href=https://evil.example/x>点此</a> <a href=//evil.example>又一个</a> <a href='#top'>顶部</a>"


def test_case8_table_cells_are_escaped() -> None:
    from plantargets.present.tables import styled

    df = pd.DataFrame({"name": [INJECTED, LINKED], "target_value": [23.0, None]})
    page = styled(df).to_html()
    assert "<style>*{display:none}" not in page and "&lt;style&gt;" in page
    assert "<a href" not in page


def test_case8_sanitiser_drops_foreign_styles_and_outside_links() -> None:
    import nbformat

    from plantargets.present.tables import styled
    from plantargets.reports.execute import sanitize_outputs
    from plantargets.reports.html import external_references

    pandas_table = styled(pd.DataFrame({"a": [1.0]})).to_html()
    cell = nbformat.v4.new_code_cell("display(HTML(name))")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": INJECTED + LINKED}),
        nbformat.v4.new_output("display_data", data={"text/markdown": f"- {LINKED}"}),
        nbformat.v4.new_output("display_data", data={"text/html": pandas_table}),
    ]
    nb = nbformat.v4.new_notebook(cells=[cell])
    sanitize_outputs(nb)
    html, markdown, table = (o["data"]["text/html"] for o in nb.cells[0].outputs)
    assert "<style>*{display:none}" not in html and "森林覆盖率" in html
    assert external_references(html + markdown) == []
    assert 'href="#top"' in html
    assert "<style>" in table and "#T_" in table  # pandas' own, scoped styles stay


def test_case8_a_page_referring_outside_fails_its_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import nbformat

    from plantargets.reports import execute

    reports = tmp_path / "reports"
    (reports / "executed").mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(), str(reports / "executed" / "r.ipynb"))
    monkeypatch.setattr(execute, "export_html", lambda nb, job, tables: '<img src="https://evil.example/t.png">')
    job = execute.Job(
        name="r", title="r", notebook="nb.ipynb", parameters={}, mode="render", reports_dir=str(reports),
        root=str(tmp_path), kernel="python3", preload=(), timeout=60, with_code=False, header={},
    )  # fmt: skip
    outcome = execute.run_job(job)
    assert not outcome.ok and "outside the reports folder" in outcome.error
    assert not (reports / "r.html").exists()


# --- case 12: cells that look like formulas ---------------------------------------------------


def test_case12_csv_keeps_formula_like_text_as_printed(tmp_path: Path) -> None:
    from plantargets.dataset.assemble import extract_documents
    from plantargets.dataset.processed import write_dataset

    text = LONG_TABLE.replace("居民人均可支配收入", "=HYPERLINK(“x”)").replace("| 7 | 预期性\n", "| +7 | 预期性\n")
    path = tmp_path / "f.txt"
    path.write_text(text, encoding="utf-8")
    write_dataset(extract_documents([(path, None)]), tmp_path / "out")
    raw = pd.read_csv(tmp_path / "out" / "indicators.csv", dtype=str, keep_default_na=False)
    assert "=HYPERLINK(“x”)" in set(raw["name"])  # data, as printed (docs/DATA_CONTRACT.md)


def test_case12_excel_export_helper_never_writes_a_formula() -> None:
    import io

    from openpyxl import load_workbook

    from plantargets.dataset.spreadsheet import formula_like, sheet_cells, xlsx_bytes

    rows = [["=1+1", "-5%", "@SUM(A1)", 3.5, None], ["+7", "地区生产总值", True, 2, "\t=x"]]
    sheet = load_workbook(io.BytesIO(xlsx_bytes({"data": rows})))["data"]
    types = {c.coordinate: c.data_type for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    assert len(types) == 6 and set(types.values()) == {"s"}  # openpyxl reads a formula as data_type 'f'
    assert sheet["A1"].value == "=1+1" and sheet["E2"].value == "\t=x"
    assert [formula_like(s) for s in ("=1", "+1", "-1", "@a", "1", "地区")] == [True] * 4 + [False] * 2
    assert [k for _, k in sheet_cells(["=1", 1, 1.5, None, float("nan"), False])] == [
        "string", "number", "number", "empty", "empty", "bool",
    ]  # fmt: skip


# --- case 6: workers die with their build; an interrupted CSV publish is repaired ------------


@pytest.mark.slow
def test_case6_busy_report_worker_and_its_kernel_die_with_a_killed_build(tmp_path: Path) -> None:
    import signal
    import time

    import nbformat
    import psutil

    notebook = tmp_path / "slow.ipynb"
    nbformat.write(
        nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import time; time.sleep(120)")]), notebook
    )
    reports = tmp_path / "reports"
    job = dict(
        name="slow", title="slow", notebook=str(notebook), parameters={}, mode="execute", reports_dir=str(reports),
        root=str(tmp_path), kernel="python3", preload=(), timeout=300, with_code=False, header={},
    )  # fmt: skip
    script = (
        "import sys, time\n"
        "from plantargets.reports.execute import Job\n"
        "from plantargets.reports.workers import _Worker\n"
        f"w = _Worker(); w.send(Job(**{job!r}))\n"
        "print(w.proc.pid, flush=True)\n"
        "time.sleep(300)\n"
    )
    build = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "lib")},
    )  # fmt: skip
    assert build.stdout is not None
    worker = psutil.Process(int(build.stdout.readline()))
    deadline = time.monotonic() + 120
    kernels: list[psutil.Process] = []
    while not kernels and time.monotonic() < deadline:  # wait until the notebook runs in a kernel
        kernels = [p for p in worker.children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]
        time.sleep(0.5)
    assert kernels, "no kernel started"
    time.sleep(2)
    os.kill(build.pid, signal.SIGKILL)  # kill -9 of `plantargets build`, mid-notebook
    build.wait()

    def gone(p: psutil.Process) -> bool:
        try:
            return p.status() == psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return True

    deadline = time.monotonic() + 15
    while not all(gone(p) for p in [worker, *kernels]) and time.monotonic() < deadline:
        time.sleep(0.2)
    alive = [p.pid for p in [worker, *kernels] if not gone(p)]
    for pid in alive:  # do not leave them running when the test fails
        os.kill(pid, signal.SIGKILL)
    assert not alive, "the worker or its kernel outlived the build"
    assert not (reports / "slow.html").exists()


def test_case6_csv_folder_set_aside_by_a_crash_is_restored(tmp_path: Path) -> None:
    from plantargets.reports.lifeline import repair_interrupted_moves

    reports = tmp_path / "reports"
    (reports / "mix_data.old-0badc0de").mkdir(parents=True)  # crash after the first rename
    (reports / "mix_data.old-0badc0de" / "shares.csv").write_text("a\n1\n", encoding="utf-8")
    (reports / "growth_data").mkdir()  # a finished publish's leftover beside its new folder
    (reports / "growth_data.old-12345678").mkdir()
    assert repair_interrupted_moves(reports) == ["mix_data"]
    assert (reports / "mix_data" / "shares.csv").read_text(encoding="utf-8") == "a\n1\n"
    assert sorted(p.name for p in reports.iterdir()) == ["growth_data", "mix_data"]


def test_case6_a_report_whose_csvs_are_missing_is_executed_again(tmp_path: Path, raw: Path) -> None:
    from plantargets.reports import build
    from plantargets.reports.config import load_config
    from plantargets.reports.state import BuildState, FileHasher

    root = _project(tmp_path, raw)
    layout = build._layout(root / "reports.yml", None)
    cfg = load_config(layout.config, layout.root, None)
    state = BuildState.load(layout.reports)
    hasher = FileHasher(cache={})
    first = build._plan(cfg, cfg.reports, layout, state, hasher, [], False, False)[0]
    (layout.reports / "executed").mkdir(parents=True)
    (layout.reports / "executed" / "mix.ipynb").write_text("{}", encoding="utf-8")
    (layout.reports / "mix.html").write_text("<html></html>", encoding="utf-8")
    (layout.reports / "mix_data").mkdir()
    (layout.reports / "mix_data" / "shares.csv").write_text("a\n", encoding="utf-8")
    state.reports["mix"] = {"status": "built", "exec_key": first.exec_key, "render_key": first.render_key}
    state.reports["mix"]["tables"] = ["shares.csv"]
    assert build._plan(cfg, cfg.reports, layout, state, hasher, [], False, False)[0].mode == "skip"
    (layout.reports / "mix_data" / "shares.csv").unlink()
    assert build._plan(cfg, cfg.reports, layout, state, hasher, [], False, False)[0].mode == "execute"


# --- case 10: large notebook output fails clearly, fast; sanitising is linear -----------------


def _nb_with_outputs(*outputs: dict) -> Any:
    import nbformat

    cell = nbformat.v4.new_code_cell("display(df)")
    cell.outputs = [nbformat.v4.new_output("display_data", data=d) for d in outputs]
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# t"), cell])


def test_case10_output_over_the_cap_fails_the_report_naming_the_cell(tmp_path: Path) -> None:
    import time

    import nbformat

    from plantargets.reports import execute

    reports = tmp_path / "reports"
    (reports / "executed").mkdir(parents=True)
    big = "<table>" + "<tr><td>地区生产总值</td><td>1</td></tr>" * 200_000 + "</table>"  # ~8 MB of HTML
    nbformat.write(_nb_with_outputs({"text/html": big}), str(reports / "executed" / "big.ipynb"))
    job = execute.Job(
        name="big", title="big", notebook="nb.ipynb", parameters={}, mode="render", reports_dir=str(reports),
        root=str(tmp_path), kernel="python3", preload=(), timeout=60, with_code=False, header={},
    )  # fmt: skip
    started = time.perf_counter()
    outcome = execute.run_job(job)
    assert time.perf_counter() - started < 10
    assert not outcome.ok and "cell 1 prints" in outcome.error and "limit" in outcome.error
    assert not (reports / "big.html").exists()


def test_case10_export_has_a_deadline() -> None:
    import time

    from plantargets.reports.sanitise import ExportTimeout, deadline

    started = time.perf_counter()
    with pytest.raises(ExportTimeout, match="took longer than"), deadline(0.5, "exporting"):
        while True:
            sum(range(1000))
    assert time.perf_counter() - started < 3


def test_case10_style_blocks_are_split_in_linear_time() -> None:
    import time

    from plantargets.reports.sanitise import split_style_blocks

    assert split_style_blocks("a<style x>c1</style>b<STYLE>c2</style >d") == (["c1", "c2"], "abd")
    hostile = "<style>" * 200_000  # 1.4 MB of unclosed blocks: a lazy regex rescans the rest from each
    started = time.perf_counter()
    assert split_style_blocks("ok" + hostile) == ([], "ok")
    assert time.perf_counter() - started < 1.0


def test_fuzz_finding_a_pdf_page_that_spins_is_cut_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fuzz test found a mutated PDF taking 157 s; each page now has a time limit."""
    import time

    from reportlab.pdfgen import canvas

    from plantargets.read import pdf as pdf_reader
    from plantargets.read.dispatch import read_any

    path = tmp_path / "spin.pdf"
    doc = canvas.Canvas(str(path))
    doc.drawString(100, 700, "GDP growth 6 percent")
    doc.save()
    monkeypatch.setattr(pdf_reader, "PDF_PAGE_SECONDS", 1)
    monkeypatch.setattr(pdf_reader, "page_chars", lambda page: time.sleep(30))
    started = time.perf_counter()
    with pytest.raises(InputError, match="reading page 1 took longer than 1 s") as err:
        read_any(path)
    assert time.perf_counter() - started < 5 and err.value.file == str(path)


@pytest.mark.parametrize(
    "value",
    [
        "&a [*a]",
        "&a [1, 2]\n      lang3: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n      lang4: [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
    ],
    ids=["recursive-anchor", "nested-aliases"],
)
def test_case13_yaml_aliases_give_an_error_not_a_hang(tmp_path: Path, raw: Path, value: str) -> None:
    # An anchor inside itself used to loop forever in the scalar check; nested aliases are
    # walked once each. Either way the build stops with one error naming reports.yml.
    from plantargets.reports.build import build_reports

    root = _project(tmp_path, raw)
    config = root / "reports.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"      lang2: {value}\n", encoding="utf-8")
    with pytest.raises(PlanTargetsError) as err:
        build_reports(config, progress=False)
    assert str(config) in str(err.value)
