"""The comparability layer and the referee's findings (issue 13), each on rows copied from the seeds.

Every row quotes its source line; each test fails on the behaviour the referee found.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from plantargets.analysis import ambition, comparability, growth, profile
from plantargets.analysis import panel as gp
from plantargets.vocab import comparability as cv
from plantargets.vocab.columns import INDICATOR_COLUMNS, QUALITY_COLUMNS

QUALITY_EMPTY = pd.DataFrame(columns=QUALITY_COLUMNS)


def rows(*records: dict) -> pd.DataFrame:
    df = pd.DataFrame([{c: rec.get(c, np.nan) for c in INDICATOR_COLUMNS} for rec in records])
    df["cumulative"] = df["cumulative"].astype(object).fillna(False).astype(bool)
    return df


def tacheng(
    name: str, code: str, unit: str, base: float, target: float, qualifier: str, line: int, raw: str, **extra: object
) -> dict:
    return {"doc_id": "tacheng-fyp14", "region": "塔城地区", "table": "fyp14_main", "name": name, "indicator": code,
            "unit": unit, "base_year": 2020, "base_value": base, "target_year": 2025, "target_value": target,
            "qualifier": qualifier, "line": line, "raw": raw, **extra}  # fmt: skip


# 004:108 城镇新增就业人数 | 3.12 | 〔10.5〕 (万人次; the 2021–25 total, about 2.1万 a year: 004:446)
NEW_JOBS = tacheng("城镇新增就业人数", "new_urban_jobs", "万人次", 3.12, 10.5, "exact", 108,
                   "城镇新增就业人数 | 3.12 | 〔10.5〕 | — | 预期性", cumulative=True)  # fmt: skip
# 004:151 基本养老保险参保率(%) | 95.8 | >95 ; 004:178 空气质量优良天数比率(%) | 100 | 95以上 ;
# 004:116 城镇登记失业率 | 3以内 | 4以内
PENSION = tacheng("基本养老保险参保率", "pension_coverage", "%", 95.8, 95, "at_least", 151,
                  "12.基本养老保险参保率(%) | 95.8 | >95 | — | 约束性")  # fmt: skip
AIR = tacheng("行署所在地城市空气质量优良天数比率", "air_quality_good_days", "%", 100, 95, "at_least", 178,
              "16.行署所在地城市空气质量优良天数比率(%) | 100 | 95以上 | 约束性")  # fmt: skip
UNEMPLOYMENT = tacheng("城镇登记失业率", "unemployment_rate_registered", "%", 3, 4, "at_most", 116,
                       "城镇登记失业率 | 3以内 | 4以内 | — | 预期性")  # fmt: skip
# 003:60 研发经费投入增长 | % | 0.074 | 0.16 | 16.68 ; 003:75 城市空气质量优良天数 | 天 | 322 | 326 | 0.4左右
HURE_RD = {"doc_id": "hure-fyp14", "table": "fyp14_main", "name": "研发经费投入增长", "indicator": "rd_spending_growth",
           "unit": "%", "base_year": 2020, "base_value": 0.074, "target_year": 2025, "target_value": 0.16,
           "annual_growth": 16.68, "qualifier": "exact", "line": 60}  # fmt: skip
HURE_AIR = {"doc_id": "hure-fyp14", "table": "fyp14_main", "name": "城市空气质量优良天数",
            "indicator": "air_quality_good_days_count", "unit": "天", "base_year": 2020, "base_value": 322,
            "target_year": 2025, "target_value": 326, "annual_growth": 0.4, "qualifier": "approx", "line": 75}  # fmt: skip


def test_a_five_year_total_is_not_compounded_but_read_as_a_yearly_figure() -> None:
    # Old: CAGR of 3.12 → 10.5 = 27.47 %/yr. The plan means 10.5万 over 2021–25: 2.1万 a year.
    panel = gp.growth_panel(rows(NEW_JOBS)).set_index("key")
    assert np.isnan(panel.at["new_urban_jobs", "target_growth"])
    assert panel.at["new_urban_jobs", "time_basis"] == cv.FIVE_YEAR_TOTAL
    assert "2.1 万人次 a year" in panel.at["new_urban_jobs", "target_excluded"]
    comp = comparability.row_comparability(NEW_JOBS)
    assert comp["yearly_value"] == pytest.approx(2.1) and comp["measure"] == cv.COUNT


def test_a_total_in_the_annual_column_leaves_the_level_target_alone() -> None:
    # 004:123 劳动年龄人口平均受教育年限 | — | 11.3 | 〔0.3〕: the level 11.3 is an end-year target.
    rec = tacheng("劳动年龄人口平均受教育年限", "schooling_years", "年", np.nan, 11.3, "exact", 123,
                  "8.劳动年龄人口平均受教育年限(年) | — | 11.3 | 〔0.3〕 | 约束性", annual_growth=0.3, cumulative=True)  # fmt: skip
    assert comparability.total_cell(rec) == "annual"
    assert comparability.row_comparability(rec)["time_basis"] == cv.PLAN_AVERAGE


def test_floors_and_ceilings_are_not_planned_changes() -> None:
    # Old: pension −0.16 pp/yr, air quality −1.0 pp/yr, unemployment ceiling +0.2 pp/yr ranked.
    panel = growth.growth_table(rows(PENSION, AIR, UNEMPLOYMENT), QUALITY_EMPTY).set_index("series")
    assert panel["target_growth"].isna().all()
    assert panel.at["pension_coverage:pp", "target_type"] == cv.FLOOR
    assert panel.at["unemployment_rate_registered:pp", "target_type"] == cv.CEILING
    assert panel.at["air_quality_good_days:pp", "target_excluded"].startswith("floor (95)")
    excluded = comparability.excluded_rows(panel.reset_index())
    assert len(excluded) == 3 and excluded["reason"].str.contains("not a planned change").all()


def test_an_unemployment_ceiling_does_not_rank_first() -> None:
    # ETDZ 001:194 城镇登记失业率 4.5 → 4 (exact): a fall, the ambitious direction for a rate lower-is-better.
    etdz = {**UNEMPLOYMENT, "doc_id": "etdz", "base_value": 4.5, "target_value": 4.0, "qualifier": "exact", "line": 194}
    hure = {**UNEMPLOYMENT, "doc_id": "hure", "base_value": 4.0, "target_value": 3.5, "qualifier": "approx"}
    panel = growth.growth_table(rows(UNEMPLOYMENT, etdz, hure), QUALITY_EMPTY)
    ranks = growth.target_ranks(panel).set_index("doc_id")
    assert "tacheng-fyp14" not in ranks.index  # a ceiling is not ranked at all
    assert ranks.at["etdz", "rank"] == 1 and ranks.at["hure", "rank"] == 1  # both −0.1 pp/yr


def test_an_intensity_is_never_compared_with_spending_growth() -> None:
    # Old: Hure's 16.68 %/yr (growth of a 0.074 → 0.16 % intensity) sat beside national R&D spending +7 %.
    comp = comparability.row_comparability(HURE_RD)
    assert comp["measure"] == cv.INTENSITY
    panel = growth.growth_table(rows(HURE_RD), QUALITY_EMPTY)
    assert list(panel["series"]) == ["rd_intensity:pp"]
    assert panel.at[0, "target_growth"] == pytest.approx((0.16 - 0.074) / 5)  # 0.0172 pp a year


def test_a_count_of_good_air_days_is_not_the_ratio_series() -> None:
    # Old: family key 'air_quality_good_days' (the ratio, in %) labelled Hure's count of days (天).
    panel = growth.growth_table(rows(HURE_AIR), QUALITY_EMPTY)
    assert list(panel["series"]) == ["air_quality_good_days_count"] and panel.at[0, "quantity"] == cv.COUNT
    assert growth.family_map()["gdp_growth"] == "gdp"  # a level and its growth rate still meet


@pytest.mark.parametrize(
    ("text", "basis"),
    [
        ("初步核算,“十三五”时期,全旗地区生产总值年均实际增长6.82%", cv.REAL),  # 003:7
        ("地区生产总值年均增长9.5%,力争2025年达到929亿元", cv.AS_STATED),  # 001:165
        (">7、力争投入强度高于“十三五”时期实际", cv.AS_STATED),  # 004:88: 实际 = 'the actual level'
        ("实际使用外资总额年均增长30%", cv.AS_STATED),  # 001:298: actually used FDI
        ("按可比价格计算,增长6.5%", cv.REAL),
        ("按现价计算", cv.NOMINAL),
    ],
)
def test_price_basis_is_real_only_where_the_text_says_so(text: str, basis: str) -> None:
    assert comparability.price_basis(text) == basis


def test_comparisons_need_the_same_measure_basis_and_document_type() -> None:
    plan = {"measure": cv.LEVEL, "time_basis": cv.PLAN_AVERAGE, "doc_type": "fyp_outline", "price_basis": cv.AS_STATED}
    assert comparability.comparable(plan, {**plan, "measure": cv.GROWTH_RATE}) == (True, "")
    assert not comparability.comparable(plan, {**plan, "doc_type": "work_report", "time_basis": cv.ANNUAL})[0]
    assert not comparability.comparable(plan, {**plan, "measure": cv.INTENSITY})[0]
    real, nominal = {**plan, "price_basis": cv.REAL}, {**plan, "price_basis": cv.NOMINAL}
    assert comparability.comparable(real, nominal)[1] == "different price basis: real vs nominal"


# --- on the bundled seeds --------------------------------------------------------------------


def test_amplification_uses_the_parents_target_of_the_same_year(bundled) -> None:
    _, amb = bundled
    gdp = amb[amb["key"] == "gdp"].set_index("doc_id")
    # ETDZ's 2021 plan (9.5 %, 001:165) against Xinjiang's 2021 target 6.5 % (provincial_annual_gdp_targets.csv),
    # not its 2023 target 7 % (old gap 2.5).
    assert gdp.at["urumqi-etdz-fyp14", "parent_year"] == 2021
    assert gdp.at["urumqi-etdz-fyp14", "gap_parent"] == pytest.approx(3.0)
    # Hure (parent Tongliao 150500, regions.csv) had no parent; Inner Mongolia's 2021 target is 6 % (inferred).
    assert gdp.at["hure-fyp14", "parent"] == pytest.approx(6.0)
    assert gdp.at["hure-fyp14", "parent_relation"] == "province (grandparent)"
    assert not gdp.at["hure-fyp14", "parent_confirmed"]
    assert gdp.at["xinjiang-gwr2023", "national_basis"] == "national 2023 annual target"


def test_tachengs_median_gap_to_national_rests_on_planned_changes_only(bundled) -> None:
    _, amb = bundled
    t = amb[amb["doc_id"] == "tacheng-fyp14"].set_index("series")
    # pension (>95), good-air ratio (95以上) and R&D (>7) are floors: no gap (old median −0.96 rested on them).
    assert t.loc[["pension_coverage:pp", "air_quality_good_days:pp", "rd_spending"], "gap_national"].isna().all()
    summary = ambition.ambition_summary(amb).set_index("doc_id")
    # what is left: doctors per 1000 (2.14 vs 1.99 %/yr) and childcare places (6.55 vs 20.11 %/yr)
    assert summary.at["tacheng-fyp14", "n_national"] == 2
    assert summary.at["tacheng-fyp14", "median_gap_national"] != pytest.approx(-0.96)


def test_a_profile_ranks_within_its_document_type_and_leaves_errors_unranked(bundled) -> None:
    _, amb = bundled
    st = profile.standing(amb, "urumqi-etdz-fyp14").set_index("series")
    # 001:195 每千人口执业(助理)医师人数 1432 → 1694: an impossible_value error, shown but not ranked
    assert np.isnan(st.at["doctors_per_1k", "rank"]) and "impossible_value" in st.at["doctors_per_1k", "note"]
    xj = profile.standing(amb, "xinjiang-gwr2023").set_index("series")
    # Xinjiang's 2023 annual targets are not ranked against the outlines' five-year averages
    assert (xj["others_n"] == 0).all()
    assert xj.at["gdp", "national_basis"] == "national 2023 annual target"  # not the 14th-plan rate
    tacheng = profile.standing(amb, "tacheng-fyp14").set_index("series")
    assert np.isnan(tacheng.at["rd_spending", "rank"]) and tacheng.at["rd_spending", "note"].startswith("floor")


def test_a_pace_per_year_keeps_its_decimals_in_tables() -> None:
    # Old: sci_per_year was formatted as a whole number (a column ending in _year): 0.54 → 1.
    from plantargets.present.tables import styled

    sci = pd.DataFrame({"doc_id": ["a", "b", "c"], "end": [2020, 2025, 2025], "sci_per_year": [0.54, 1.41, 0.80]})
    html = styled(sci, "en").to_html()
    assert all(v in html for v in ("0.54", "1.41", "0.80")) and "2020" in html and "2,020" not in html


def test_parent_targets_from_documents_are_targets_of_the_reports_own_year() -> None:
    from plantargets.analysis.parents import document_gdp_targets

    sources = pd.DataFrame(
        [{"doc_id": "xj-2022", "region_zh": "新疆", "admin_code": "650000", "level": "province",
          "parent_code": "000000", "doc_type": "work_report", "report_year": 2022}]
    )  # fmt: skip
    base = {"doc_id": "xj-2022", "indicator": "gdp_growth", "unit": "%", "table": "prose"}
    ind = rows(
        {**base, "role": "actual", "target_year": 2021, "annual_growth": 7.0, "line": 5},  # 2021 realised
        {**base, "role": "target", "target_year": 2025, "annual_growth": 6.5, "line": 8},  # 今后五年 average
        {**base, "role": "target", "target_year": 2022, "target_value": 6.0, "line": 40},  # the 2022 target
    )
    got = document_gdp_targets(ind, sources)
    assert list(zip(got["year"], got["target_pct"], strict=True)) == [(2022, 6.0)]


def test_the_tertiary_pace_says_where_text_and_table_differ(bundled) -> None:
    from plantargets.analysis import structure

    data, _ = bundled
    pace = structure.tertiarisation(data.sector_mix, data.indicators).set_index("doc_id")
    # 001:85 三次产业结构由2015年的1.6:43.5:55; 001:100 第三产业…比重 | % | 56.3 | 62
    assert "2015: text 55 (001_92a7ba0c77b212ac.txt:85), table 56.3" in pace.at["urumqi-etdz-fyp14", "note"]
    q = data.quality
    mix = q[(q["check"] == "prose_table_disagreement") & (q["table"] == "sector_mix")]
    assert list(mix["doc_id"]) == ["urumqi-etdz-fyp14"] and "prints 56.3%" in mix["message"].iloc[0]
