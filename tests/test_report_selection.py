"""reports.yml `select:` and on-demand document reports; the index grouped by level and region."""

from __future__ import annotations

from pathlib import Path

import pytest

from plantargets.dataset.manifest import load_manifest
from plantargets.errors import ReportConfigError
from plantargets.reports.config import parse_config, select
from plantargets.reports.html import index_sections

from .conftest import RAW, ROOT

CONFIG = ROOT / "reports.yml"
NOTEBOOK = "notebooks/04_region_profile.ipynb"


@pytest.fixture(scope="module")
def sources():
    return load_manifest(RAW / "sources.csv")


def _config(select_value, sources, **extra):
    entry = {"name": "region", "notebook": NOTEBOOK, "for_each": "document", "langs": ["zh"], **extra}
    if select_value is not None:
        entry["select"] = select_value
    return parse_config({"reports": [entry]}, CONFIG, ROOT, sources)


def _default(cfg) -> list[str]:
    return [s.doc_id for s in select(cfg.reports, None, CONFIG)]


def test_the_bundled_config_builds_the_seed_profiles_by_default(sources):
    from plantargets.reports.config import load_config

    cfg = load_config(CONFIG, ROOT, sources)
    regions = [s for s in select(cfg.reports, None, CONFIG) if s.group == "region"]
    # one profile per seed document and language (zh and en: issue 13, reports in the reader's language)
    assert sorted(s.doc_id for s in regions) == sorted(2 * [s.doc_id for s in sources if "/" not in s.file])
    assert {s.parameters["lang"] for s in regions} == {"zh", "en"}
    assert sum(s.on_demand for s in cfg.reports) == 2 * (len(sources) - 5)


def test_select_by_region_takes_the_regions_below(sources):
    chosen = set(_default(_config({"region": ["新疆"], "year": ["2021"]}, sources)))
    assert "gwr-650000-2021" in chosen  # the province
    assert "gwr-653000-2021" in chosen  # 克州, a prefecture of Xinjiang
    assert "gwr-650100-2021" in chosen  # 乌鲁木齐市
    assert not any(d.startswith("gwr-150") for d in chosen)
    by_id = {s.doc_id: s for s in sources}
    assert {by_id[d].report_year or by_id[d].plan_start for d in chosen} == {2021}
    assert "kizilsu-fyp14" in chosen  # the seed outline for 2021-2025


def test_select_by_level_type_and_years(sources):
    chosen = _default(_config({"level": ["province"], "doc_type": ["work_report"], "year": ["2025-2026"]}, sources))
    assert len(chosen) >= 50 and all(d.startswith("gwr-") and d[-4:] in ("2025", "2026") for d in chosen)
    by_id = {s.doc_id: s for s in sources}
    assert {by_id[d].level for d in chosen} == {"province"}
    outlines = _default(_config({"doc_type": ["fyp_outline"], "level": ["national"]}, sources))
    assert sorted(outlines) == ["fyp11-000000", "fyp12-000000", "fyp13-000000", "fyp14-000000", "fyp15-000000"]


def test_any_document_on_demand_by_doc_or_only(sources):
    cfg = _config({"doc_id": ["hure-fyp14"]}, sources)
    assert _default(cfg) == ["hure-fyp14"]
    (spec,) = select(cfg.reports, None, CONFIG, docs=["gwr-650000-2019"])
    assert (spec.output, spec.on_demand, spec.level, spec.region_zh) == (
        "region-gwr-650000-2019",
        True,
        "province",
        "新疆维吾尔自治区",
    )
    assert [s.output for s in select(cfg.reports, ["region-gwr-150500-2021"], CONFIG)] == ["region-gwr-150500-2021"]
    with pytest.raises(ReportConfigError, match=r"--doc \['no-such-doc'\]"):
        select(cfg.reports, None, CONFIG, docs=["no-such-doc"])


@pytest.mark.parametrize(
    ("value", "extra", "message"),
    [
        ({"province": ["x"]}, {}, r"unknown select key\(s\) \['province'\]"),
        ({"region": ["火星"]}, {}, "select.region '火星' is not in data/reference/regions.csv"),
        ({"year": ["twenty"]}, {}, "select.year 'twenty' must be a year or a range"),
        ({"level": "province"}, {}, "select.level must be a list of strings"),
        ({"level": ["province"]}, {"for_each": None}, "'select' chooses documents; it needs for_each: document"),
    ],
)
def test_bad_select_names_the_config(sources, value, extra, message):
    with pytest.raises(ReportConfigError, match=message):
        if extra.get("for_each", "x") is None:
            parse_config({"reports": [{"name": "a", "notebook": NOTEBOOK, "select": value}]}, CONFIG, ROOT, sources)
        else:
            _config(value, sources)


def test_index_sections_by_level_then_region():
    rows = [
        {"name": "region-b", "level": "prefecture", "region_code": "653000", "region_zh": "克州"},
        {"name": "comparative-growth-zh", "level": "", "region_code": "", "region_zh": ""},
        {"name": "region-a", "level": "province", "region_code": "650000", "region_zh": "新疆"},
        {"name": "region-c", "level": "prefecture", "region_code": "650100", "region_zh": "乌鲁木齐市"},
        {"name": "region-d", "level": "province", "region_code": "650000", "region_zh": "新疆"},
    ]
    sections = index_sections(rows)
    assert [s for s, _ in sections] == ["分析 · Analyses", "省级 · Provinces", "地级 · Cities and prefectures"]
    assert [region for region, _ in sections[2][1]] == ["乌鲁木齐市", "克州"]
    assert [r["name"] for r in sections[1][1][0][1]] == ["region-a", "region-d"]


def test_config_path_exists():
    assert Path(CONFIG).is_file()
