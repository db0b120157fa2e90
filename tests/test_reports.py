"""The report build: config, incremental rebuilds, failure isolation, self-contained HTML.

The build runs on a throw-away project (tmp folder) with the tiny notebooks in
``tests/fixtures/notebooks/``, never on the real notebooks. The library digest is pinned to
one fake file so that editing the library while the tests run cannot trigger rebuilds
(and so one test can "change the library" on purpose).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from plantargets.dataset.manifest import file_sha256
from plantargets.fileio import LockHeld
from plantargets.reports import plan as plan_mod
from plantargets.reports.build import BuildResult, build_reports
from plantargets.reports.config import ReportConfigError, declared_parameters, load_config
from plantargets.reports.html import external_references, local_links
from plantargets.reports.outputs import DATA_DIR_ENV, save_table

from .conftest import FIXTURES, ROOT

NOTEBOOKS = FIXTURES / "notebooks"
SCRIPT = "<script>alert(1)</script>"
CONFIG = {
    "timeout": 60,
    "reports": [
        {
            "name": "table",
            "title": "表格与图 ({lang})",
            "notebook": "notebooks/table_and_figure.ipynb",
            "langs": ["zh", "en"],
            "inputs": ["data/processed/indicators.csv"],
        },
        {"name": "other", "notebook": "notebooks/other_data.ipynb", "inputs": ["data/processed/other.csv"]},
        {
            "name": "doc",
            "title": "文件 {region_zh}",
            "notebook": "notebooks/per_document.ipynb",
            "for_each": "document",
            "output": "region-{doc_id}",
            "inputs": ["data/raw/{file}", "data/raw/sources.csv"],
        },
    ],
}
ALL = {"table-zh", "table-en", "other", "region-doc-a", "region-doc-b"}


def make_project(root: Path, config: dict | None = None) -> Path:
    """A minimal project: notebooks, a two-document manifest, two processed tables."""
    (root / "notebooks").mkdir(parents=True)
    for nb in NOTEBOOKS.glob("*.ipynb"):
        shutil.copy(nb, root / "notebooks" / nb.name)
    processed = root / "data" / "processed"
    processed.mkdir(parents=True)
    (processed / "indicators.csv").write_text(
        f"doc_id,region,value\ndoc-a,甲地,1.5\ndoc-b,乙地,2\ndoc-b,{SCRIPT},3\n", encoding="utf-8"
    )
    (processed / "other.csv").write_text("x\n1\n", encoding="utf-8")
    (processed / "quality.csv").write_text("doc_id,finding\ndoc-a,gap\n", encoding="utf-8")
    raw = root / "data" / "raw"
    raw.mkdir(parents=True)
    (raw / "a.txt").write_text(f"{SCRIPT} 十四五规划纲要\n", encoding="utf-8")
    (raw / "b.txt").write_text("乙地 国民经济和社会发展规划\n", encoding="utf-8")
    (raw / "sources.csv").write_text(
        "file,doc_id,region_zh,region_en,admin_code,level,parent_code,doc_type,period,report_year,published,sha256,note\n"
        "a.txt,doc-a,甲地,Place A,650100,prefecture,650000,fyp_outline,2021-2025,,,,\n"
        "b.txt,doc-b,乙地,Place B,650200,prefecture,650000,fyp_outline,2021-2025,,,,\n",
        encoding="utf-8",
    )
    write_config(root, config or CONFIG)
    (root / "fake_lib.py").write_text("VERSION = 1\n", encoding="utf-8")
    return root / "reports.yml"


def write_config(root: Path, config: dict) -> None:
    (root / "reports.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


def build(config: Path, **kwargs) -> BuildResult:
    kwargs.setdefault("progress", False)
    return build_reports(config, **kwargs)


def statuses(result: BuildResult) -> dict[str, str]:
    return {r.name: r.status for r in result.reports}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory):
    """One project built once (two workers); the tests below then change it step by step."""
    root = tmp_path_factory.mktemp("project")
    config = make_project(root)
    mp = pytest.MonkeyPatch()
    mp.setattr(plan_mod, "library_files", lambda: [root / "fake_lib.py"])  # planning hashes the library
    started = time.perf_counter()
    result = build(config, jobs=2)
    elapsed = time.perf_counter() - started
    yield root, config, result, elapsed
    mp.undo()


# --- the first build -----------------------------------------------------------------------


@pytest.mark.slow
def test_first_build_writes_every_output(project):
    root, _, result, elapsed = project
    assert result.ok, result.summary()
    assert statuses(result) == dict.fromkeys(ALL, "built")
    reports = root / "reports"
    for name in ALL:
        assert (reports / f"{name}.html").is_file()
        nb = json.loads((reports / "executed" / f"{name}.ipynb").read_text(encoding="utf-8"))
        assert nb["metadata"]["plantargets"]["status"] == "built"
        assert nb["metadata"]["papermill"]["parameters"] == nb["metadata"]["plantargets"]["parameters"]
    assert json.loads((reports / "executed" / "table-en.ipynb").read_text())["metadata"]["papermill"]["parameters"] == {
        "lang": "en"
    }
    assert sorted(p.name for p in (reports / "table-zh_data").iterdir()) == ["fig1_values.csv", "values_by_region.csv"]
    assert "甲地" in (reports / "table-zh_data" / "values_by_region.csv").read_text(encoding="utf-8")
    assert (reports / "data" / "processed" / "indicators.csv").is_file()
    assert not (reports / ".build.lock").exists()
    assert not (reports / ".tmp").exists()
    assert elapsed < 40, f"5 tiny reports took {elapsed:.1f} s"


@pytest.mark.slow
def test_figure_is_embedded_and_code_hidden(project):
    root = project[0]
    page = (root / "reports" / "table-zh.html").read_text(encoding="utf-8")
    assert 'src="data:image/png;base64,' in page
    assert "save_table(table" not in page  # code cells are hidden by default
    assert '<meta charset="utf-8"' in page
    assert "按地区汇总" not in page or "<img" in page


@pytest.mark.slow
def test_every_page_is_self_contained(project):
    root = project[0]
    pages = list((root / "reports").glob("*.html"))
    assert len(pages) == len(ALL) + 1
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert external_references(text) == [], page.name
        assert not re.search(r"<script[^>]*\bsrc=", text), page.name
        assert "mathjax" not in text.lower() and "require.min.js" not in text, page.name


@pytest.mark.slow
def test_every_link_resolves_inside_reports(project):
    reports = project[0] / "reports"
    for page in reports.glob("*.html"):
        for link in local_links(page.read_text(encoding="utf-8")):
            target = (reports / link.replace("%20", " ")).resolve()
            assert target.is_file(), f"{page.name} links to missing {link}"
            assert reports.resolve() in target.parents, f"{page.name} links outside reports/: {link}"
    index = (reports / "index.html").read_text(encoding="utf-8")
    for name in ALL:
        assert f'href="{name}.html"' in index
    assert 'href="table-zh_data/values_by_region.csv"' in index
    assert 'href="data/processed/indicators.csv"' in index
    assert ">3</strong>indicator rows" in index and ">1</strong>quality findings" in index
    # Each page carries its own CJK font subset (one e-mailed file shows its Chinese); nothing in assets/.
    assert not (reports / "assets").exists() and "url(data:font/woff;base64," in index
    import base64
    import io

    from fontTools.ttLib import TTFont

    for page in reports.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        cjk = {ord(c) for c in text if ord(c) >= 0x2E80}
        if cjk:
            data = re.search(r"url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)", text)
            assert data, f"{page.name} has Chinese but no embedded font"
            assert cjk <= set(TTFont(io.BytesIO(base64.b64decode(data.group(1)))).getBestCmap()), page.name


@pytest.mark.slow
def test_provenance_header_has_checksums_parameters_version(project):
    root = project[0]
    page = (root / "reports" / "region-doc-a.html").read_text(encoding="utf-8")
    header = page[page.index('<section class="pt-provenance"') : page.index("</section>")]
    assert file_sha256(root / "data" / "raw" / "a.txt") in header
    assert file_sha256(root / "data" / "raw" / "b.txt") not in header  # only its own document
    assert "doc_id = &#34;doc-a&#34;" in header or 'doc_id = "doc-a"' in header
    assert "plantargets 0." in header and "UTC" in header
    assert 'href="region-doc-a_data/' not in header  # it saved no tables
    table = (root / "reports" / "table-en.html").read_text(encoding="utf-8")
    assert file_sha256(root / "data" / "raw" / "b.txt") in table  # all documents
    assert 'href="table-en_data/values_by_region.csv"' in table
    zh = (root / "reports" / "table-zh.html").read_text(encoding="utf-8")
    zh_header = zh[zh.index('<section class="pt-provenance"') : zh.index("</section>")]
    # The zh header in Chinese only (it read "参数 Parameters", "生成时间 Built"), the en one in English.
    assert "<dt>参数</dt>" in zh_header and "Parameters" not in zh_header and "Built" not in zh_header
    assert "<dt>Parameters</dt>" in header
    assert "1 document<" in header  # one document, not "1 documents"


@pytest.mark.slow
def test_document_text_is_escaped(project):
    reports = project[0] / "reports"
    for page in reports.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert SCRIPT not in text, page.name
        assert "<script" not in text.lower(), page.name
    region = (reports / "region-doc-a.html").read_text(encoding="utf-8")
    # as a table cell, a print, raw HTML and markdown output: shown as text each time
    assert region.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 4
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (reports / "table-zh.html").read_text(encoding="utf-8")


# --- incremental builds (these tests run in order and change the project) --------------------


@pytest.mark.slow
def test_second_build_executes_nothing(project):
    root, config, _, _ = project
    index_mtime = (root / "reports" / "index.html").stat().st_mtime_ns
    started = time.perf_counter()
    result = build(config)
    elapsed = time.perf_counter() - started
    assert result.nothing_to_do and result.ok
    assert "nothing to do" in result.summary()
    assert set(statuses(result).values()) == {"skipped"}
    assert elapsed < 0.5, f"a build with nothing to do took {elapsed:.2f} s"
    assert (root / "reports" / "index.html").stat().st_mtime_ns == index_mtime


@pytest.mark.slow
def test_changed_input_rebuilds_only_dependent_reports(project):
    root, config, _, _ = project
    os.utime(root / "data" / "processed" / "indicators.csv")  # touched, content unchanged: no rebuild
    assert build(config).nothing_to_do
    with open(root / "data" / "processed" / "other.csv", "a", encoding="utf-8") as fh:
        fh.write("2\n")
    result = build(config)
    assert statuses(result) == {**dict.fromkeys(ALL, "skipped"), "other": "built"}
    assert "other.csv" in (root / "reports" / "data" / "processed" / "other.csv").name
    assert (root / "reports" / "data" / "processed" / "other.csv").read_text(encoding="utf-8").endswith("2\n")


@pytest.mark.slow
def test_with_code_re_renders_without_executing(project):
    root, config, _, _ = project
    executed = root / "reports" / "executed" / "table-zh.ipynb"
    before = executed.stat().st_mtime_ns
    result = build(config, with_code=True, only=["table-*"])
    assert statuses(result) == {"table-zh": "built", "table-en": "built"}
    assert executed.stat().st_mtime_ns == before
    assert "save_table" in (root / "reports" / "table-zh.html").read_text(encoding="utf-8")
    index = (root / "reports" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{name}.html"' in index for name in ALL)  # --only keeps the others listed
    assert statuses(build(config, only=["table"])) == {"table-zh": "built", "table-en": "built"}  # code hidden again


@pytest.mark.slow
def test_failing_notebook_is_isolated_and_marked_stale(project, capsys):
    root, config, _, _ = project
    cfg = json.loads(json.dumps(CONFIG))
    cfg["reports"][1]["parameters"] = {"fail": True}  # the 'other' report now raises
    cfg["reports"].append(
        {
            "name": "slow",
            "notebook": "notebooks/other_data.ipynb",
            "timeout": 1,
            "parameters": {"sleep": 30},
            "inputs": [],
        }
    )
    write_config(root, cfg)
    result = build(config, jobs=2)
    assert not result.ok
    assert statuses(result) == {**dict.fromkeys(ALL, "skipped"), "other": "stale", "slow": "failed"}
    err = capsys.readouterr().err
    assert "FAILED other: cell 3: ValueError: asked to fail by the 'fail' parameter" in err
    assert "FAILED slow: cell 3: CellTimeoutError" in err
    reports = root / "reports"
    assert (reports / "other.html").is_file()  # the last good version stays published
    assert not (reports / "slow.html").exists()
    nb = json.loads((reports / "executed" / "other.ipynb").read_text(encoding="utf-8"))
    assert nb["metadata"]["plantargets"]["ename"] == "ValueError"
    assert any(o.get("output_type") == "error" for c in nb["cells"] for o in c.get("outputs", []))
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert "pt-status-stale" in index and "pt-status-failed" in index
    assert "asked to fail by the" in index
    assert "FAILED" in result.summary()

    write_config(root, CONFIG)  # fixed: 'other' rebuilds, 'slow' is gone with its outputs
    result = build(config)
    assert result.ok and statuses(result) == {**dict.fromkeys(ALL, "skipped"), "other": "built"}
    assert not (reports / "executed" / "slow.ipynb").exists()


@pytest.mark.slow
def test_library_change_rebuilds_all_and_force(project):
    root, config, _, _ = project
    (root / "fake_lib.py").write_text("VERSION = 2\n", encoding="utf-8")
    # (limited with --only to keep the test short: every report's key includes the library)
    assert statuses(build(config, only=["region-*"], jobs=2)) == {"region-doc-a": "built", "region-doc-b": "built"}
    assert statuses(build(config, force=True, only=["region-doc-b"])) == {"region-doc-b": "built"}
    assert build(config, only=["region-*"]).nothing_to_do


# --- locking, config errors, helpers (fast) --------------------------------------------------


def test_lock_held_by_live_process_and_stale_lock(tmp_path):
    config = make_project(tmp_path, {"reports": [{"name": "other", "notebook": "notebooks/other_data.ipynb"}]})
    lock = tmp_path / "reports" / ".build.lock"
    lock.parent.mkdir()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        lock.write_text(str(sleeper.pid))
        with pytest.raises(LockHeld, match=rf"another build is running \(pid {sleeper.pid}\)"):
            build(config)
    finally:
        sleeper.kill()
        sleeper.wait()
    calls = []

    def extract() -> dict:
        calls.append(lock.read_text())
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):  # the dead pid's lock was taken over
        build(config, extract=extract)
    assert calls == [str(os.getpid())]
    assert not lock.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"colour": "red"}, r"unknown key\(s\) \['colour'\]"),
        (
            {"reports": [{"name": "x", "notebook": "notebooks/other_data.ipynb", "paramters": {}}]},
            r"report #1 \('x'\): unknown key\(s\) \['paramters'\]",
        ),
        (
            {"reports": [{"name": "x", "notebook": "notebooks/other_data.ipynb", "parameters": {"regions": ["a"]}}]},
            r"does not declare parameter\(s\) \['regions'\]",
        ),
        (
            {"reports": [{"name": "x", "notebook": "notebooks/missing.ipynb"}]},
            r"notebook 'notebooks/missing.ipynb' not found",
        ),
        (
            {
                "reports": [
                    {"name": "x", "notebook": "notebooks/other_data.ipynb"},
                    {"name": "x", "notebook": "notebooks/other_data.ipynb"},
                ]
            },
            r"both write 'x'.html",
        ),
        (
            {
                "reports": [
                    {"name": "x", "notebook": "notebooks/per_document.ipynb", "for_each": "document", "output": "same"}
                ]
            },
            r"both write 'same'.html",
        ),
        ({"timeout": 0}, r"'timeout' must be a positive number"),
    ],
)
def test_config_errors_name_the_file(tmp_path, change, message):
    config = make_project(tmp_path, {**CONFIG, **change})
    with pytest.raises(ReportConfigError, match=message) as err:
        build(config)
    assert str(config) in str(err.value)
    assert not (tmp_path / "reports" / ".build.lock").exists()


def test_only_must_match_a_report(tmp_path):
    config = make_project(tmp_path)
    with pytest.raises(ReportConfigError, match=r"--only \['nope'\] match no report"):
        build(config, only=["nope"])


def test_expansion_for_each_document_and_langs(tmp_path):
    config = make_project(tmp_path)
    from plantargets.dataset.manifest import load_manifest

    cfg = load_config(config, tmp_path, load_manifest(tmp_path / "data" / "raw" / "sources.csv"))
    by_name = {s.output: s for s in cfg.reports}
    assert set(by_name) == ALL
    assert by_name["region-doc-b"].parameters == {"doc_id": "doc-b"}
    assert by_name["region-doc-b"].title == "文件 乙地"
    assert by_name["region-doc-b"].inputs == ("data/raw/b.txt", "data/raw/sources.csv")
    assert by_name["table-en"].parameters == {"lang": "en"}
    assert declared_parameters(NOTEBOOKS / "other_data.ipynb") == {"lang", "fail", "sleep"}


def test_project_config_matches_the_notebooks():
    from plantargets.dataset.manifest import load_manifest

    sources = load_manifest(ROOT / "data" / "raw" / "sources.csv")
    cfg = load_config(ROOT / "reports.yml", ROOT, sources)
    outputs = {s.output for s in cfg.reports}
    every = {
        f"{name}-{lang}" for name in ("comparative-growth", "target-ambition", "sector-mix") for lang in ("zh", "en")
    }
    assert every <= outputs
    assert {f"region-{s.doc_id}-{lang}" for s in sources for lang in ("zh", "en")} <= outputs


def test_save_table_goes_where_the_build_says(tmp_path, monkeypatch):
    import pandas as pd

    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "out"))
    path = save_table(pd.DataFrame({"地区": ["甲"], "value": [1.5]}), "fig1_values")
    assert path == tmp_path / "out" / "fig1_values.csv"
    assert path.read_text(encoding="utf-8") == "地区,value\n甲,1.5\n"
    save_table(pd.Series([1, 2], name="n", index=pd.Index(["a", "b"], name="k")), "series.csv", index=True)
    assert (tmp_path / "out" / "series.csv").read_text(encoding="utf-8") == "k,n\na,1\nb,2\n"
    with pytest.raises(ValueError, match="table name"):
        save_table(pd.DataFrame(), "../escape")


def test_external_references_catches_network_urls():
    page = (
        '<link rel="stylesheet" href="https://cdn.example/x.css"><script src="//cdn.example/r.js"></script>'
        '<img src="data:image/png;base64,AAAA"><a href="other.html#top">x</a><a href="#s">s</a>'
        '<style>body{background:url("http://x/y.png")}</style><div style="background:url(/abs.png)"></div>'
    )
    found = external_references(page)
    assert len(found) == 4
    assert local_links(page) == ["other.html"]


def test_sanitize_outputs_keeps_table_styles_and_escapes_the_rest():
    import nbformat

    from plantargets.reports.execute import sanitize_outputs

    html = (
        '<style type="text/css">#T_1 td { text-align: right; }</style>'
        "<style>@import url(https://fonts.example/x.css);</style>"
        '<table id="T_1"><tr><td id="T_1_r0">' + SCRIPT + "</td></tr></table>"
        '<img src="https://tracker.example/p.png"><a href="javascript:alert(2)">x</a>'
    )
    outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": html, "text/plain": "t"}),
        nbformat.v4.new_output("display_data", data={"application/javascript": "alert(3)", "text/plain": "js"}),
        nbformat.v4.new_output("display_data", data={"text/markdown": f"**bold** {SCRIPT}"}),
        nbformat.v4.new_output("stream", name="stderr", text="UserWarning: noise"),
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x", outputs=outputs)])
    sanitize_outputs(nb)
    out = nb.cells[0].outputs
    assert len(out) == 3  # stderr left for the executed notebook
    cleaned = out[0]["data"]["text/html"]
    assert "<style>#T_1 td { text-align: right; }</style>" in cleaned
    assert "@import" not in cleaned and "tracker.example" not in cleaned and "javascript:" not in cleaned
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in cleaned and SCRIPT not in cleaned
    assert '<td id="T_1_r0">' in cleaned
    assert "application/javascript" not in out[1]["data"]
    assert "<strong>bold</strong>" in out[2]["data"]["text/html"] and SCRIPT not in out[2]["data"]["text/html"]


def test_a_report_title_per_language(tmp_path):
    """The en pages of reports.yml were headed "目标层层加码 · Targets down the hierarchy (en)":
    a title per language gives each reader a heading in their language."""
    from plantargets.dataset.manifest import load_manifest

    entry = {**CONFIG["reports"][0], "title": {"zh": "表格与图", "en": "Tables and figures"}}
    config = make_project(tmp_path, {**CONFIG, "reports": [entry]})
    cfg = load_config(config, tmp_path, load_manifest(tmp_path / "data" / "raw" / "sources.csv"))
    assert {s.output: s.title for s in cfg.reports} == {"table-zh": "表格与图", "table-en": "Tables and figures"}
    short = make_project(tmp_path / "short", {**CONFIG, "reports": [{**entry, "title": {"zh": "表格与图"}}]})
    with pytest.raises(ReportConfigError, match=r"no text for language\(s\) \['en'\]"):
        load_config(short, tmp_path / "short", load_manifest(tmp_path / "short" / "data" / "raw" / "sources.csv"))
    project = load_config(ROOT / "reports.yml", ROOT, load_manifest(ROOT / "data" / "raw" / "sources.csv"))
    titles = {s.output: s.title for s in project.reports}
    assert titles["hierarchy-en"] == "Targets down the hierarchy" and titles["hierarchy-zh"] == "目标层层加码"
    assert titles["region-tacheng-fyp14-en"] == "Tacheng Prefecture · Region profile"
