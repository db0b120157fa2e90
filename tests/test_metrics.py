"""Metrics on hand-computed values (the arithmetic is in each test's comment)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from plantargets.analysis import metrics as m
from plantargets.analysis import panel as gp
from plantargets.analysis import regression
from plantargets.vocab.columns import INDICATOR_COLUMNS


def rows(*records: dict) -> pd.DataFrame:
    """Contract-shaped indicators table from a few partial records."""
    df = pd.DataFrame([{c: rec.get(c, np.nan) for c in INDICATOR_COLUMNS} for rec in records])
    return df


# --- growth arithmetic -----------------------------------------------------------------------


def test_cagr_hand_values() -> None:
    # 100 · 1.1^5 = 161.051 → 10 %; doubling in one year → 100 %
    assert m.cagr(100, 161.051, 5) == pytest.approx(10.0)
    assert m.cagr(50, 100, 1) == pytest.approx(100.0)
    # Hure banner GDP 54 → 72.26 亿元 (2020 → 2025): (72.26/54)^(1/5) − 1 = 5.9988 %
    assert m.cagr(54, 72.26, 5) == pytest.approx(5.99877, abs=1e-4)


def test_cagr_undefined_and_vectorised() -> None:
    assert math.isnan(m.cagr(0, 10, 5))
    assert math.isnan(m.cagr(-1, 10, 5))
    out = m.cagr(pd.Series([100.0, 0.0], index=["a", "b"]), pd.Series([121.0, 5.0], index=["a", "b"]), 2)
    assert list(out.index) == ["a", "b"]
    assert out["a"] == pytest.approx(10.0) and math.isnan(out["b"])
    with pytest.raises(ValueError, match="years must be positive"):
        m.cagr(1, 2, 0)


def test_implied_level_and_pp() -> None:
    assert m.implied_level(100, 10, 2) == pytest.approx(121.0)
    # inverse of cagr
    assert m.implied_level(54, m.cagr(54, 72.26, 5), 5) == pytest.approx(72.26)
    # tertiary share 56.3 → 62 over 5 years: 5.7 / 5 = 1.14 pp a year
    assert m.pp_per_year(56.3, 62, 5) == pytest.approx(1.14)


def test_target_minus_past_ratio_and_amplification() -> None:
    assert m.target_minus_past(7.0, 6.6) == pytest.approx(0.4)
    assert m.target_past_ratio(7.0, 3.5) == pytest.approx(2.0)
    assert math.isnan(m.target_past_ratio(5.0, -1.0))
    assert math.isnan(m.target_past_ratio(5.0, 0.0))
    # Xinjiang 2023: 7 % against the national 5 % → +2 pp
    assert m.amplification(7, 5) == pytest.approx(2.0)


# --- benchmarks ------------------------------------------------------------------------------


def test_peer_mean_leaves_the_region_out() -> None:
    panel = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "level": ["prefecture", "prefecture", "prefecture", "county"],
            "indicator": ["gdp"] * 4,
            "target_growth": [6.0, 7.0, 8.0, 9.0],
        }
    )
    out = m.target_minus_benchmark(panel, national={"gdp": 5.0}, parent_col=None)
    # a: peers b, c → 7.5; gap 6 − 7.5 = −1.5.  c: peers a, b → 6.5; gap +1.5
    assert out["peer_mean"].tolist()[:3] == pytest.approx([7.5, 7.0, 6.5])
    assert out["gap_peers"].tolist()[:3] == pytest.approx([-1.5, 0.0, 1.5])
    assert out["peer_n"].tolist() == [2, 2, 2, 0]
    assert math.isnan(out.loc[3, "peer_mean"])  # the only county has no peer
    assert out["gap_national"].tolist() == pytest.approx([1.0, 2.0, 3.0, 4.0])


def test_peer_mean_ignores_missing_values() -> None:
    panel = pd.DataFrame(
        {"doc_id": ["a", "b", "c"], "level": ["x"] * 3, "indicator": ["gdp"] * 3, "target_growth": [6.0, np.nan, 8.0]}
    )
    out = m.peer_mean(panel, "target_growth", ["level", "indicator"])
    # a's peers with a value: c only → 8; b (no value) sees a and c → 7
    assert out["peer_mean"].tolist() == pytest.approx([8.0, 7.0, 6.0])
    assert out["peer_n"].tolist() == [1, 2, 1]


def test_gap_parent_is_amplification() -> None:
    panel = pd.DataFrame(
        {"doc_id": ["k"], "level": ["prefecture"], "indicator": ["gdp_growth"], "target_growth": [8.0], "parent": [7.0]}
    )
    out = m.target_minus_benchmark(panel, national=5.0, parent_col="parent")
    assert out.loc[0, "gap_parent"] == pytest.approx(1.0)
    assert out.loc[0, "gap_national"] == pytest.approx(3.0)


# --- style of target setting -----------------------------------------------------------------


def test_specificity_and_binding_share() -> None:
    df = rows(
        {"category": "经济发展", "target_value": 72.26, "attribute": "预期性"},
        {"category": "经济发展", "target_text": "保持在合理区间", "attribute": "预期性"},
        {"category": "经济发展", "annual_growth": 7.0, "attribute": ""},
        {"category": "绿色生态", "target_text": "达到市里要求", "attribute": "约束性"},
        {"category": "绿色生态", "target_value": 26.0, "attribute": "约束性"},
    )
    spec = m.specificity(df).set_index("category")
    # 经济发展: 2 of 3 numeric; 绿色生态: 1 of 2; all: 3 of 5
    assert spec.loc["经济发展", "specificity_pct"] == pytest.approx(200 / 3)
    assert spec.loc["绿色生态", "specificity_pct"] == pytest.approx(50.0)
    assert spec.loc["(all)", "n_numeric"] == 3 and spec.loc["(all)", "n"] == 5
    bind = m.binding_share(df).set_index("category")
    # the row without an attribute is not in the denominator: 经济发展 0 of 2, 绿色生态 2 of 2
    assert bind.loc["经济发展", "n_with_attribute"] == 2
    assert bind.loc["经济发展", "binding_share_pct"] == pytest.approx(0.0)
    assert bind.loc["绿色生态", "binding_share_pct"] == pytest.approx(100.0)
    assert bind.loc["(all)", "binding_share_pct"] == pytest.approx(50.0)


def test_stated_vs_implied_labels() -> None:
    df = rows(
        # Hure GDP: 54 → 72.26, stated 6左右: CAGR 5.999 → compound (±0.5 for an integer)
        {
            "name": "地区生产总值",
            "base_year": 2020,
            "base_value": 54,
            "target_year": 2025,
            "target_value": 72.26,
            "annual_growth": 6,
            "cumulative": False,
        },
        # Urumqi zone tertiary share 56.3 → 62 (2015 → 2020), stated 1.9: CAGR 1.948 → compound
        {
            "name": "第三产业比重",
            "base_year": 2015,
            "base_value": 56.3,
            "target_year": 2020,
            "target_value": 62,
            "annual_growth": 1.9,
            "cumulative": False,
        },
        # a share 40 → 45 stated 1: pp/yr = 1.0, CAGR 2.38 → pp
        {
            "name": "城镇化率",
            "base_year": 2020,
            "base_value": 40,
            "target_year": 2025,
            "target_value": 45,
            "annual_growth": 1,
            "cumulative": False,
        },
        # Urumqi zone GDP 413 → 590 亿元 stated 6.6 (real): CAGR 7.394 (nominal) → neither, gap −0.79
        {
            "name": "地区生产总值",
            "base_year": 2015,
            "base_value": 413,
            "target_year": 2020,
            "target_value": 590,
            "annual_growth": 6.6,
            "cumulative": False,
        },
        {
            "name": "能耗降低",
            "base_year": 2020,
            "base_value": 1,
            "target_year": 2025,
            "target_value": 2,
            "annual_growth": 13.5,
            "cumulative": True,
        },
        {"name": "无基数", "target_year": 2025, "target_value": 2, "annual_growth": 3},
    )
    out = m.stated_vs_implied(df)
    assert out["interpretation"].tolist() == ["compound", "compound", "pp", "neither", "n/a", "n/a"]
    assert out.loc[1, "implied_pp"] == pytest.approx(1.14)
    assert out.loc[3, "gap"] == pytest.approx(6.6 - 7.39409, abs=1e-4)
    assert out.loc[2, "gap"] == pytest.approx(0.0)
    assert "cumulative" in out.loc[4, "note"]


def test_stated_vs_implied_fixed_tolerance() -> None:
    df = rows({"base_year": 2020, "base_value": 54, "target_year": 2025, "target_value": 72.26, "annual_growth": 6.5})
    assert m.stated_vs_implied(df)["interpretation"].iloc[0] == "neither"  # 6.5 vs 6.0, ±0.1
    assert m.stated_vs_implied(df, tolerance=0.6)["interpretation"].iloc[0] == "compound"


# --- structure -------------------------------------------------------------------------------


def test_structural_change_index() -> None:
    # Kizilsu 2015 13.0:26.1:60.9 → 2020 10.6:28.8:60.6: ½(2.4 + 2.7 + 0.3) = 2.7 pp
    assert m.structural_change_index([13.0, 26.1, 60.9], [10.6, 28.8, 60.6]) == pytest.approx(2.7)
    a = {"primary": 9.0, "secondary": 40.5, "tertiary": 50.5}
    b = {"tertiary": 54.5, "primary": 7.7, "secondary": 37.8}  # key order does not matter
    assert m.structural_change_index(a, b) == pytest.approx(0.5 * (1.3 + 2.7 + 4.0))
    assert m.structural_change_index(a, a) == 0.0
    with pytest.raises(ValueError):
        m.structural_change_index({"primary": 1.0}, {"tertiary": 1.0})


def test_tertiarisation_pace() -> None:
    # past 50 → 55 in 5 years = 1 pp/yr; target 55 → 60 in 5 = 1 pp/yr ... then 55 → 65 = 2 pp/yr
    pace = m.tertiarisation_pace(50, 55, 65)
    assert pace.past_pp_per_year == pytest.approx(1.0)
    assert pace.required_pp_per_year == pytest.approx(2.0)
    assert pace.acceleration_pp == pytest.approx(1.0)
    assert pace.ratio == pytest.approx(2.0)
    # Kizilsu: 60.9 → 60.6 is a fall of 0.06 pp/yr, so a ratio means nothing
    assert math.isnan(m.tertiarisation_pace(60.9, 60.6, 62).ratio)


# --- regression ------------------------------------------------------------------------------


def test_regression_exact_line_and_caveat() -> None:
    # y = 1 + 0.5 x exactly: slope 0.5, intercept 1, R² 1, n 4 < 10 → caveat
    panel = pd.DataFrame({"past_growth": [2.0, 4.0, 6.0, 8.0], "target_growth": [2.0, 3.0, 4.0, 5.0]})
    res = regression.regress_target_on_past(panel)
    assert res.slope == pytest.approx(0.5) and res.intercept == pytest.approx(1.0)
    assert res.r2 == pytest.approx(1.0) and res.n == 4
    assert "n = 4 < 10" in res.caveat
    assert "slope 0.50" in res.summary()


def test_regression_hand_computed_slope_and_ci() -> None:
    # x = 1..10, y = x + e with e = (+1, −1, +1, ...): Sxx = 82.5, Sxy = 82.5 − 5·... computed below
    x = np.arange(1.0, 11.0)
    e = np.array([1, -1] * 5, dtype=float)
    y = x + e
    xm, ym = x.mean(), y.mean()
    slope = ((x - xm) * (y - ym)).sum() / ((x - xm) ** 2).sum()  # = 1 − 5/82.5 = 0.93939...
    res = regression.regress_target_on_past(pd.DataFrame({"past_growth": x, "target_growth": y}))
    assert res.slope == pytest.approx(slope)
    assert res.slope == pytest.approx(1 - 5 / 82.5)
    assert res.n == 10 and res.caveat == ""
    assert res.slope_ci[0] < res.slope < res.slope_ci[1]


def test_regression_too_few_points() -> None:
    res = regression.regress_target_on_past(pd.DataFrame({"past_growth": [1.0, np.nan], "target_growth": [2.0, 3.0]}))
    assert res.n == 1 and math.isnan(res.slope) and "too few" in res.caveat


# --- growth panel ----------------------------------------------------------------------------


def test_growth_panel_sources_and_price_labels() -> None:
    df = rows(
        # 14th-plan table: GDP 54 → 72.26 with stated 6 → stated, real
        {
            "doc_id": "hure",
            "region": "库伦旗",
            "table": "fyp14_main",
            "name": "地区生产总值增长",
            "indicator": "gdp",
            "unit": "亿元",
            "base_year": 2020,
            "base_value": 54,
            "target_year": 2025,
            "target_value": 72.26,
            "annual_growth": 6,
            "line": 60,
        },
        # prose past fact: “十三五”时期年均实际增长6.82% (base_year 2020)
        {
            "doc_id": "hure",
            "region": "库伦旗",
            "table": "prose",
            "name": "地区生产总值",
            "indicator": "gdp",
            "unit": "%",
            "base_year": 2020,
            "annual_growth": 6.82,
            "line": 7,
            # 003:7 — the only seed sentence that states a price basis (实际增长)
            "raw": "初步核算,“十三五”时期,全旗地区生产总值年均实际增长6.82%",
        },
        # retail sales: review table levels only → nominal implied CAGR 53.7 → 125.8 (2015 → 2020)
        {
            "doc_id": "etdz",
            "region": "经开区",
            "table": "fyp13_review",
            "name": "社会消费品零售总额",
            "indicator": "retail_sales",
            "unit": "亿元",
            "base_year": 2015,
            "base_value": 53.7,
            "target_year": 2020,
            "target_value": 125.8,
            "line": 100,
        },
        # tertiary share: review 56.3 → 62 (stated 1.9 ignored) and target 62 → 65 → pp/yr
        {
            "doc_id": "etdz",
            "region": "经开区",
            "table": "fyp13_review",
            "name": "第三产业增加值占地区生产总值比重",
            "indicator": "tertiary_share",
            "unit": "%",
            "base_year": 2015,
            "base_value": 56.3,
            "target_year": 2020,
            "target_value": 62,
            "annual_growth": 1.9,
            "line": 101,
        },
        {
            "doc_id": "etdz",
            "region": "经开区",
            "table": "fyp14_main",
            "name": "第三产业增加值占地区生产总值比重",
            "indicator": "tertiary_share",
            "unit": "%",
            "base_year": 2020,
            "base_value": 62,
            "target_year": 2025,
            "target_value": 65,
            "line": 150,
        },
        # prose target: 地区生产总值年均增长9.5%
        {
            "doc_id": "etdz",
            "region": "经开区",
            "table": "prose",
            "name": "地区生产总值",
            "indicator": "gdp",
            "unit": "%",
            "target_year": 2025,
            "annual_growth": 9.5,
            "qualifier": "exact",
            "line": 165,
            "raw": "地区生产总值年均增长9.5%,力争2025年达到929亿元",  # 001:165, no 实际
        },
    )
    panel = gp.growth_panel(df).set_index(["doc_id", "key"])
    hure = panel.loc[("hure", "gdp")]
    # Real only where the text says so: Hure's table row (003:60) does not, its 13th-plan 6.82 does.
    assert hure["target_growth"] == 6 and hure["target_price_basis"] == gp.STATED
    assert hure["past_growth"] == pytest.approx(6.82) and hure["past_source"] == "prose:7"
    assert hure["past_price_basis"] == gp.REAL_STATED
    retail = panel.loc[("etdz", "retail_sales")]
    assert retail["past_growth"] == pytest.approx(m.cagr(53.7, 125.8, 5))
    assert retail["past_basis"] == "implied" and retail["past_price_basis"] == gp.NOMINAL_IMPLIED
    assert math.isnan(retail["target_growth"])
    tert = panel.loc[("etdz", "tertiary_share")]
    assert tert["measure"] == "pp_per_year"
    assert tert["past_growth"] == pytest.approx(1.14) and tert["target_growth"] == pytest.approx(0.6)
    gdp = panel.loc[("etdz", "gdp")]
    assert gdp["target_growth"] == 9.5 and gdp["target_source"] == "prose:165"
    assert gdp["target_price_basis"] == gp.STATED  # 地区生产总值 alone does not make it real


def test_growth_panel_stated_non_gdp_is_not_called_real() -> None:
    df = rows(
        {
            "doc_id": "x",
            "region": "X",
            "table": "fyp14_main",
            "name": "一般公共预算收入",
            "indicator": "fiscal_revenue",
            "unit": "亿元",
            "base_year": 2020,
            "base_value": 10,
            "target_year": 2025,
            "target_value": 14,
            "annual_growth": 7,
            "line": 1,
        },
    )
    row = gp.growth_panel(df).iloc[0]
    assert row["target_price_basis"] == gp.STATED


def test_growth_panel_uncoded_rows_keyed_by_name() -> None:
    df = rows(
        {
            "doc_id": "x",
            "region": "X",
            "table": "fyp14_main",
            "name": "旅游总收入",
            "indicator": "",
            "unit": "亿元",
            "base_year": 2020,
            "base_value": 100,
            "target_year": 2025,
            "target_value": 200,
            "line": 3,
        }
    )
    row = gp.growth_panel(df).iloc[0]
    assert row["key"] == "name:旅游总收入"
    assert row["target_growth"] == pytest.approx(m.cagr(100, 200, 5))


def test_growth_panel_family_joins_level_and_rate_codes() -> None:
    df = rows(
        {
            "doc_id": "hure",
            "region": "库伦旗",
            "table": "fyp14_main",
            "name": "地区生产总值增长",
            "indicator": "gdp",
            "unit": "亿元",
            "base_year": 2020,
            "base_value": 54,
            "target_year": 2025,
            "target_value": 72.26,
            "annual_growth": 6,
            "line": 60,
        },
        {
            "doc_id": "hure",
            "region": "库伦旗",
            "table": "prose",
            "name": "地区生产总值",
            "indicator": "gdp_growth",
            "unit": "%",
            "base_year": 2020,
            "annual_growth": 6.82,
            "line": 7,
        },
    )
    assert len(gp.growth_panel(df)) == 2  # without families: two half-empty rows
    panel = gp.growth_panel(df, family={"gdp": "gdp", "gdp_growth": "gdp"})
    assert len(panel) == 1
    row = panel.iloc[0]
    assert (row["key"], row["past_growth"], row["target_growth"]) == ("gdp", 6.82, 6)
