"""The target–outcome panel and the plan view on a few corpus reports, values checked by hand.

Every expected value below was read in the raw file at the line quoted (data/raw/...).
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from plantargets.dataset.assemble import extract_documents
from plantargets.dataset.manifest import load_manifest
from plantargets.dataset.outcomes import TARGET_OUTCOME_COLUMNS
from plantargets.dataset.panels import load_panel, panel_tables, stata_bytes
from plantargets.dataset.plans import PLAN_OUTCOME_COLUMNS, closing_outcomes, untargeted_averages
from plantargets.dataset.reference import load_national_gdp_targets, load_provincial_gdp_targets

from .conftest import RAW

NATIONAL = "lawtext-gov/政府工作报告-国务院"
PROVINCES = "lawtext-gov/政府工作报告-省自治区"
FILES = (
    f"{NATIONAL}/2023.md",
    f"{NATIONAL}/2024.md",
    f"{PROVINCES}/江苏省/2023.md",
    f"{PROVINCES}/江苏省/2024.md",
    f"{PROVINCES}/广东省/2019.md",
    f"{PROVINCES}/广东省/2020.md",
    f"{PROVINCES}/广东省/2023.md",
    f"{PROVINCES}/广东省/2024.md",
    f"{PROVINCES}/新疆维吾尔自治区/2021.md",
    f"{PROVINCES}/新疆维吾尔自治区/2026.md",
)


def _manifest(tmp: Path, files: tuple[str, ...] | list[str] = FILES) -> Path:
    """A manifest of the corpus rows of ``files`` only (their checksums checked on load)."""
    lines = (RAW / "sources.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    rows = [ln for ln in lines[1:] if ln.split(",", 1)[0] in files]
    assert len(rows) == len(files)
    path = tmp / "sources.csv"
    path.write_text(lines[0] + "".join(rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    sources = load_manifest(_manifest(tmp_path_factory.mktemp("outcomes")), raw_dir=RAW)
    ds = extract_documents((s.path, s) for s in sources)
    return panel_tables(ds.indicators, ds.documents, sources)


def _row(panel: pd.DataFrame, code: str, year: int, indicator: str) -> pd.Series:
    hit = panel[(panel["region_code"] == code) & (panel["year"] == year) & (panel["indicator"] == indicator)]
    assert len(hit) == 1, (code, year, indicator, len(hit))
    return hit.iloc[0]


def test_the_panel_has_the_contract_columns_and_one_row_per_key(tables):
    panel = tables["target_outcomes"]
    assert list(panel.columns) == TARGET_OUTCOME_COLUMNS
    assert not panel.duplicated(["region_code", "year", "indicator"]).any()
    assert list(tables["plan_outcomes"].columns) == PLAN_OUTCOME_COLUMNS


def test_national_gdp_target_2023_against_the_2024_report(tables):
    # 国务院/2023.md:152 今年发展主要预期目标是：国内生产总值增长5%左右
    # 国务院/2024.md:14  国内生产总值超过126万亿元，增长5.2%
    row = _row(tables["target_outcomes"], "000000", 2023, "gdp_growth")
    assert (row["target_value"], row["qualifier"], row["outcome"]) == (5.0, "approx", 5.2)
    assert row["target_source"] == f"{NATIONAL}/2023.md:152"
    assert row["outcome_source"] == f"{NATIONAL}/2024.md:14"
    assert row["gap"] == pytest.approx(0.2)
    assert row["met"] and row["met_strict"] and not row["outcome_preliminary"]
    assert (row["region"], row["level"], row["parent_code"]) == ("中国", "national", "")


def test_national_cpi_target_is_a_ceiling(tables):
    # 国务院/2023.md:152 居民消费价格涨幅3%左右; 国务院/2024.md:14 居民消费价格上涨0.2%
    row = _row(tables["target_outcomes"], "000000", 2023, "cpi")
    assert (row["target_value"], row["outcome"], row["direction"]) == (3.0, 0.2, "ceiling")
    assert row["met"]


@pytest.mark.parametrize(
    ("code", "year", "target", "upper", "qualifier", "outcome", "met", "target_line", "outcome_line"),
    [
        # 江苏省/2023.md:78 主要预期目标是：经济增长5%左右; 江苏省/2024.md:24 地区生产总值…增长5.8%
        ("320000", 2023, 5.0, None, "approx", 5.8, True, "江苏省/2023.md:78", "江苏省/2024.md:24"),
        # 广东省/2023.md:77 地区生产总值增长5%以上; 广东省/2024.md:23 地区生产总值达到13.57万亿元、增长4.8%
        ("440000", 2023, 5.0, None, "at_least", 4.8, False, "广东省/2023.md:77", "广东省/2024.md:23"),
        # 广东省/2019.md:55 地区生产总值增长6—6.5%; 广东省/2020.md:21 全省地区生产总值10.77万亿元、同比增长6.2%
        ("440000", 2019, 6.0, 6.5, "range", 6.2, True, "广东省/2019.md:55", "广东省/2020.md:21"),
    ],
)
def test_provincial_gdp_targets_against_the_next_report(
    tables, code, year, target, upper, qualifier, outcome, met, target_line, outcome_line
):
    row = _row(tables["target_outcomes"], code, year, "gdp_growth")
    assert (row["target_value"], row["qualifier"], row["outcome"]) == (target, qualifier, outcome)
    assert pd.isna(row["target_upper"]) if upper is None else row["target_upper"] == upper
    assert bool(row["met"]) is met
    assert row["target_source"] == f"{PROVINCES}/{target_line}"
    assert row["outcome_source"] == f"{PROVINCES}/{outcome_line}"
    assert (row["level"], row["parent_code"]) == ("province", "000000")


def test_a_province_sits_beside_the_national_target_of_the_year(tables):
    # 江苏省 2023 against 国务院/2023.md:152 (5%左右)
    row = _row(tables["target_outcomes"], "320000", 2023, "gdp_growth")
    assert row["parent_target_value"] == 5.0
    assert row["parent_target_source"] == f"{NATIONAL}/2023.md:152"


def test_a_missing_outcome_gives_met_na_not_false(tables):
    # 广东省/2024.md:59 地区生产总值增长5%: the 2025 report is not in this fixture
    row = _row(tables["target_outcomes"], "440000", 2024, "gdp_growth")
    assert row["target_value"] == 5.0
    assert pd.isna(row["outcome"]) and row["outcome_source"] == ""
    assert row["met"] is pd.NA and row["met_strict"] is pd.NA


def test_plan_average_target_against_the_closing_report(tables):
    # 新疆/2021.md:70 全区地区生产总值年均增长6%以上; 新疆/2026.md:28 地区生产总值年均增长5.9%
    view = tables["plan_outcomes"]
    hit = view[(view["region_code"] == "650000") & (view["plan"] == 14) & (view["indicator"] == "gdp_growth")]
    row = hit[(hit["measure"] == "average") & (hit["target_from"] == "work_report")].iloc[0]
    assert (row["plan_start"], row["plan_end"]) == (2021, 2025)
    assert (row["target_value"], row["qualifier"], row["outcome"]) == (6.0, "at_least", 5.9)
    assert row["target_source"] == f"{PROVINCES}/新疆维吾尔自治区/2021.md:70"
    assert row["outcome_source"] == f"{PROVINCES}/新疆维吾尔自治区/2026.md:28"
    assert row["met"] is not pd.NA and not row["met"]


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    files = [f"{NATIONAL}/{year}.md" for year in range(2021, 2027)]
    sources = load_manifest(_manifest(tmp_path_factory.mktemp("national"), files), raw_dir=RAW)
    ds = extract_documents((s.path, s) for s in sources)
    return panel_tables(ds.indicators, ds.documents, sources)["target_outcomes"]


def test_national_gdp_series_matches_the_published_figures(national):
    """The national target series 2021-2026 and outcomes 2021-2024 as data/reference records them
    (national_annual_gdp_targets.csv, each row with its published source): must match exactly."""
    reference = load_national_gdp_targets()
    gdp = national[national["indicator"] == "gdp_growth"].set_index("year")
    for ref in reference.itertuples():
        row = gdp.loc[ref.year]
        assert (row["target_value"], row["qualifier"]) == (ref.target_pct, ref.qualifier), ref.year
        assert row["target_upper"] == ref.target_upper or (pd.isna(row["target_upper"]) and pd.isna(ref.target_upper))
        if not pd.isna(ref.realised_pct):
            assert row["outcome"] == ref.realised_pct, ref.year
    assert gdp.loc[2022, "met"] is not pd.NA and not gdp.loc[2022, "met"]  # 3.0 against 5.5%左右
    assert pd.isna(national.loc[national["year"] == 2026, "met"]).all()  # no 2027 report: NA


@pytest.fixture(scope="module")
def parents_of_the_seeds(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    files = [f"{PROVINCES}/{p}/{y}.md" for p in ("新疆维吾尔自治区", "内蒙古自治区") for y in range(2020, 2027)]
    sources = load_manifest(_manifest(tmp_path_factory.mktemp("provinces"), files), raw_dir=RAW)
    ds = extract_documents((s.path, s) for s in sources)
    return panel_tables(ds.indicators, ds.documents, sources)["target_outcomes"]


def test_seed_provinces_match_the_reference_targets_and_final_outcomes(parents_of_the_seeds):
    """Xinjiang's and Inner Mongolia's GDP targets and outcomes as provincial_annual_gdp_targets.csv
    records them from published sources. A preliminary outcome (预计, 初步核算) may differ from the
    final figure the reference holds (内蒙古 2022: 预计…增长4%以上 in 内蒙古自治区/2023.md:32, 4.2 final)."""
    gdp = parents_of_the_seeds[parents_of_the_seeds["indicator"] == "gdp_growth"]
    compared = 0
    for ref in load_provincial_gdp_targets().itertuples():
        row = gdp[(gdp["region_code"] == ref.admin_code) & (gdp["year"] == ref.year)]
        if ref.target_confirmed and not pd.isna(ref.target_pct):
            assert (row["target_value"].iloc[0], row["qualifier"].iloc[0]) == (ref.target_pct, ref.qualifier)
            compared += 1
        if ref.realised_confirmed and not pd.isna(ref.realised_pct) and not row["outcome_preliminary"].iloc[0]:
            assert row["outcome"].iloc[0] == ref.realised_pct, (ref.region, ref.year)
            compared += 1
    assert compared >= 8


def test_the_stata_file_holds_the_same_panel(tables):
    panel = tables["target_outcomes"]
    dta = pd.read_stata(io.BytesIO(stata_bytes(panel, "target_outcomes", {"met": "Target met"})))
    assert list(dta.columns) == TARGET_OUTCOME_COLUMNS
    assert dta["year"].tolist() == panel["year"].tolist()
    assert dta["target_source"].tolist() == panel["target_source"].tolist()
    # flags become 1/0 with Stata's missing where the panel has NA
    assert dta["met"].isna().tolist() == panel["met"].isna().tolist()
    assert (dta["met"].dropna() == panel["met"].dropna().astype(float)).all()


def test_the_excel_file_holds_the_same_panel_as_strings_and_is_stable(tables):
    # Economists open .xlsx first: the same rows and columns, region codes kept as text
    # (000000, not 0), NA flags as empty cells, a sheet saying what each column means, and the
    # same bytes on every build (fixed workbook and zip times).
    from plantargets.dataset.datapackage import PANEL_RESOURCES
    from plantargets.dataset.panels import panel_sheets
    from plantargets.dataset.spreadsheet import xlsx_bytes

    panel = tables["target_outcomes"]
    fields = PANEL_RESOURCES["target_outcomes"][1]
    blob = xlsx_bytes(panel_sheets(panel, fields))
    assert blob == xlsx_bytes(panel_sheets(panel, fields))
    back = pd.read_excel(io.BytesIO(blob), sheet_name=None, dtype=str, keep_default_na=False)
    data, columns = back["data"], back["columns"]
    assert list(data.columns) == list(panel.columns) and len(data) == len(panel)
    assert data["region_code"].tolist() == panel["region_code"].tolist()
    assert data["target_source"].tolist() == panel["target_source"].tolist()
    met = panel["met"].map(lambda v: "" if pd.isna(v) else str(bool(v)))  # boolean cells
    assert data["met"].tolist() == met.tolist()
    assert "met" in columns["column"].tolist() and columns["description"].str.len().min() > 0


def test_a_formula_like_text_cell_stays_text_in_excel():
    from openpyxl import load_workbook

    from plantargets.dataset.spreadsheet import xlsx_bytes

    blob = xlsx_bytes({"data": [["target_text"], ['=HYPERLINK("http://x")'], ["-5%"]]})
    sheet = load_workbook(io.BytesIO(blob))["data"]
    assert [(c.value, c.data_type) for c in sheet["A"][1:]] == [('=HYPERLINK("http://x")', "s"), ("-5%", "s")]


def test_load_panel_reads_back_the_written_table_with_its_dtypes(tables, tmp_path):
    panel = tables["target_outcomes"]
    panel.to_parquet(tmp_path / "target_outcomes.parquet", index=False)
    back = load_panel("target_outcomes", tmp_path)
    pd.testing.assert_frame_equal(back, panel)
    assert back["region_code"].iloc[0] == "000000" and str(back["met"].dtype) == "boolean"
    with pytest.raises(FileNotFoundError, match="plantargets data"):
        load_panel("plan_outcomes", tmp_path)


def _actual(report_year: int, base_year: int, target_year: int, growth: float, line: int) -> dict:
    return {
        "region_code": "000000",
        "doc_type": "work_report",
        "role": "actual",
        "cumulative": False,
        "indicator": "gdp_growth",
        "unit": "%",
        "qualifier": "exact",
        "preliminary": False,
        "report_year": report_year,
        "base_year": base_year,
        "target_year": target_year,
        "annual_growth": growth,
        "base_value": float("nan"),
        "line": line,
        "source": f"{NATIONAL}/{report_year}.md:{line}",
    }


def test_a_plan_average_is_the_plans_not_a_government_terms():
    # 国务院/2016.md:58 国内生产总值年均增长7.8% (2011-2015, the 12th plan);
    # 国务院/2018.md:14 五年来…国内生产总值从54万亿元增加到82.7万亿元，年均增长7.1% (2013-2017: a government term)
    rows = pd.DataFrame([_actual(2016, 2010, 2015, 7.8, 58), _actual(2018, 2012, 2017, 7.1, 14)])
    for col in ("report_year", "base_year", "target_year", "line"):
        rows[col] = rows[col].astype("Int64")
    out = closing_outcomes(rows)
    assert out[["plan", "measure", "outcome", "outcome_source"]].values.tolist() == [
        [12, "average", 7.8, f"{NATIONAL}/2016.md:58"]
    ]


CITIES = "lawtext-gov/政府工作报告-主要城市"
CLOSING = (
    f"{NATIONAL}/2026.md",
    f"{PROVINCES}/新疆维吾尔自治区/2021.md",
    f"{PROVINCES}/新疆维吾尔自治区/2026.md",
    f"{CITIES}/北京市/2026.md",
)


@pytest.fixture(scope="module")
def closing_view(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """plan_outcomes of three closing reports (and 新疆's 2021 report, which sets its 14th-plan targets)."""
    sources = load_manifest(_manifest(tmp_path_factory.mktemp("closing"), CLOSING), raw_dir=RAW)
    ds = extract_documents((s.path, s) for s in sources)
    return panel_tables(ds.indicators, ds.documents, sources)["plan_outcomes"]


def _plan_rows(view: pd.DataFrame, code: str, plan: int, indicator: str) -> pd.DataFrame:
    return view[(view["region_code"] == code) & (view["plan"] == plan) & (view["indicator"] == indicator)]


def test_a_stated_plan_average_without_a_target_is_kept(closing_view):
    # 北京市/2026.md:46 …地区生产总值年均增长5.2% (2021-2025); no 2021 report in this corpus: no target
    hit = _plan_rows(closing_view, "110000", 14, "gdp_growth")
    assert len(hit) == 1
    row = hit.iloc[0]
    assert (row["measure"], row["outcome"], row["outcome_source"]) == ("average", 5.2, f"{CITIES}/北京市/2026.md:46")
    assert (row["region"], row["level"], row["parent_code"], row["unit"]) == ("北京市", "province", "000000", "%")
    assert (row["plan_start"], row["plan_end"]) == (2021, 2025)
    assert row["target_from"] == "" and row["qualifier"] == "" and row["target_source"] == ""
    assert pd.isna(row["target_value"]) and pd.isna(row["gap"])
    assert row["met"] is pd.NA and row["met_strict"] is pd.NA  # never False without a target


def test_the_nations_stated_average_without_a_plan_target_is_kept(closing_view):
    # 国务院/2026.md:38 …居民人均可支配收入年均增长5.4% (the 14th plan; no plan outline in this corpus)
    row = _plan_rows(closing_view, "000000", 14, "disposable_income_growth").iloc[0]
    assert (row["outcome"], row["outcome_source"]) == (5.4, f"{NATIONAL}/2026.md:38")
    assert row["target_from"] == "" and row["met"] is pd.NA and row["level"] == "national"


def test_a_targeted_average_is_not_repeated_as_untargeted(closing_view):
    # 新疆/2021.md:70 年均增长6%以上 and 新疆/2026.md:28 地区生产总值年均增长5.9%: the targeted row only
    hit = _plan_rows(closing_view, "650000", 14, "gdp_growth")
    hit = hit[hit["measure"] == "average"]
    assert len(hit) >= 1 and (hit["target_from"] != "").all()
    assert set(hit["outcome_source"]) == {f"{PROVINCES}/新疆维吾尔自治区/2026.md:28"}
    untargeted = closing_view[closing_view["target_from"] == ""]
    assert len(untargeted) and (untargeted["measure"] == "average").all()  # no end-level without a target
    assert not closing_view.duplicated(["region_code", "plan", "indicator", "measure", "target_from"]).any()


def test_an_untargeted_plan_average_is_the_plans_not_a_government_terms():
    # 国务院/2006.md:200 2005年与2000年相比…年均增长9.5% (the 10th plan, 2001-2005): as an actual with base
    # year 2000 it is the 10th plan's average; 国务院/2018.md:14 年均增长7.1% (2013-2017) belongs to no plan.
    rows = pd.DataFrame([_actual(2006, 2000, 2005, 9.5, 200), _actual(2018, 2012, 2017, 7.1, 14)])
    for col in ("report_year", "base_year", "target_year", "line"):
        rows[col] = rows[col].astype("Int64")
    rows = rows.assign(region="中国", level="national", parent_code="")
    targets = pd.DataFrame(columns=["region_code", "plan", "indicator", "measure"])
    out = untargeted_averages(closing_outcomes(rows), targets, rows)
    assert out[["plan", "plan_start", "plan_end", "outcome", "unit", "target_from", "region"]].values.tolist() == [
        [10, 2001, 2005, 9.5, "%", "", "中国"]
    ]
