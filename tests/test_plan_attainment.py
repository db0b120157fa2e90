"""14th-plan attainment and 15th-plan targets against the national plan (analysis.attainment)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from plantargets.analysis import attainment


def plans() -> pd.DataFrame:
    """Hand-built plan rows. The national 14th-plan GDP average 5.4 is the 2026 report's
    (政府工作报告-国务院/2026.md:38 '年均增长5.4%'); its target is words only (十四五纲要:164)."""
    cols = ["region_code", "region", "level", "parent_code", "plan", "indicator", "target_value", "target_upper"]
    cols += ["qualifier", "target_text", "outcome", "gap", "met", "target_source", "outcome_source"]
    r = [
        ("000000", "中国", "national", "", "14", "gdp_growth", None, None, "text", "合理区间", 5.4, None, None),
        ("650000", "新疆", "province", "000000", "14", "gdp_growth", 6.5, None, "approx", "", 6.2, -0.3, False),
        ("150000", "内蒙古", "province", "000000", "14", "gdp_growth", 6.0, None, "approx", "", 5.5, -0.5, False),
        ("110000", "北京", "province", "000000", "14", "gdp_growth", 5.0, None, "approx", "", 5.1, 0.1, True),
        ("650100", "乌鲁木齐", "prefecture", "650000", "fyp14", "gdp_growth", 7.0, None, "approx", "", 7.4, 0.4, True),
        ("000000", "中国", "national", "", "15", "rd_growth", 7.0, None, "at_least", "7%以上", None, None, None),
        ("000000", "中国", "national", "", "15", "gdp_growth", None, None, "text", "视情提出", None, None, None),
        ("650000", "新疆", "province", "000000", "15", "rd_growth", 8.0, None, "at_least", "", None, None, None),
        ("650000", "新疆", "province", "000000", "15", "gdp_growth", 5.5, None, "approx", "", None, None, None),
    ]
    rows = [dict(zip(cols, (*x, "t.md:1", "o.md:2"), strict=True)) for x in r]
    return pd.DataFrame(rows, columns=cols)


def test_attainment_keeps_rows_with_target_and_outcome() -> None:
    a = attainment.attainment(plans(), plan=14)
    assert list(a["region_code"]) == ["110000", "150000", "650000", "650100"]
    by = attainment.attainment_by_level(a).set_index("level")
    assert by.loc["province", "n"] == 3 and by.loc["province", "met_pct"] == pytest.approx(100 / 3)
    assert by.loc["province", "median_gap"] == pytest.approx(-0.3)


def test_fifteenth_plan_against_the_national_plan() -> None:
    f = attainment.against_national(plans(), plan=15).set_index("indicator")
    assert f.loc["rd_growth", "gap_national"] == pytest.approx(1.0)
    assert np.isnan(f.loc["gdp_growth", "national_target"])  # the nation states no GDP number
    assert f.loc["gdp_growth", "national_text"] == "视情提出"


def test_no_gap_across_units() -> None:
    p = plans().assign(unit="%")
    grain = {**p.iloc[5].to_dict(), "indicator": "grain_capacity", "target_value": 1.45, "unit": "万亿斤"}
    local = {**p.iloc[7].to_dict(), "indicator": "grain_capacity", "target_value": 1400.0, "unit": "亿斤"}
    f = attainment.against_national(pd.concat([p, pd.DataFrame([grain, local])], ignore_index=True), plan=15)
    f = f.set_index("indicator")
    assert f.loc["grain_capacity", "national_target"] == 1.45 and np.isnan(f.loc["grain_capacity", "gap_national"])
    assert f.loc["rd_growth", "gap_national"] == pytest.approx(1.0)


def test_findings() -> None:
    a = attainment.attainment(plans(), plan=14)
    f = attainment.attainment_findings(a, attainment.against_national(plans(), plan=15))
    assert f["n"] == 4 and f["met"]["prefecture"] == 100.0 and f["median15"]["province"] == 5.5


@pytest.mark.parametrize(("value", "number"), [("14", 14), (15, 15), ("fyp14", 14), ("", None)])
def test_plan_number(value, number) -> None:
    assert attainment.plan_number(value) == number


def test_a_computed_average_fills_in_where_no_average_is_stated() -> None:
    from .panel_frames import row

    # Province B (120000) states no 14th-plan average; its annual outcomes 2021–2025 are 5, 6, 4, 5, 5.
    annual = pd.DataFrame(
        [
            row("120000", "province", "000000", y, 5.0, "approx", g)
            for y, g in zip(range(2021, 2026), (5, 6, 4, 5, 5), strict=True)
        ]
    )
    extra = pd.DataFrame(
        [{**plans().iloc[1].to_dict(), "region_code": "120000", "outcome": None, "gap": None, "met": None}]
    )
    a = attainment.attainment(pd.concat([plans(), extra], ignore_index=True), plan=14, annual=annual).set_index(
        "region_code"
    )
    expected = 100 * ((1.05**3 * 1.06 * 1.04) ** 0.2 - 1)
    assert a.loc["120000", "outcome_basis"] == "computed"
    assert a.loc["120000", "computed_outcome"] == pytest.approx(expected)
    assert a.loc["120000", "gap"] == pytest.approx(expected - 6.5) and not a.loc["120000", "met"]
    assert a.loc["650000", "outcome_basis"] == "stated" and a.loc["650000", "gap"] == pytest.approx(-0.3)


def with_untargeted() -> pd.DataFrame:
    """plans() and a 14th-plan average stated without a target, as plan_outcomes keeps it:
    山东省/2026.md:34 '全省地区生产总值年均增长5.9%' (target columns empty, met NA)."""
    p = plans()
    shandong = {**p.iloc[1].to_dict(), "region_code": "370000", "region": "山东省", "target_value": None}
    shandong |= {"qualifier": "", "target_text": "", "outcome": 5.9, "gap": None, "met": None, "target_source": ""}
    shandong["outcome_source"] = "lawtext-gov/政府工作报告-省自治区/山东省/2026.md:34"
    return pd.concat([p, pd.DataFrame([shandong])], ignore_index=True)


NATIONAL_54 = "lawtext-gov/政府工作报告-国务院/2026.md:38"  # '…140万亿元台阶，年均增长5.4%'


def test_realised_averages_set_every_stated_average_against_the_nations() -> None:
    p = with_untargeted()
    p.loc[p["region_code"] == "000000", "outcome_source"] = NATIONAL_54
    r = attainment.realised_averages(p, plan=14).set_index("region_code")
    assert list(r.index) == ["110000", "150000", "370000", "650000", "650100"]  # nation out, provinces first
    assert (r["national_outcome"] == 5.4).all() and (r["national_basis"] == "stated").all()
    assert (r["national_source"] == NATIONAL_54).all()
    assert r.loc["370000", "outcome_gap_national"] == 0.5 and r.loc["370000", "met"] is pd.NA
    assert np.isnan(r.loc["370000", "target_value"])
    assert r.loc["650000", "outcome_gap_national"] == pytest.approx(0.8)
    assert attainment.attainment(p, plan=14).shape[0] == 4  # the target-vs-outcome section is unchanged


def test_the_nations_average_comes_from_the_published_figure_when_the_table_lacks_it() -> None:
    from plantargets.analysis.loading import load_published_figures

    p = with_untargeted()
    p = p[~((p["region_code"] == "000000") & (p["plan"] == "14"))]
    r = attainment.realised_averages(p, plan=14, figures=load_published_figures())
    assert (r["national_outcome"] == 5.4).all() and (r["national_basis"] == "published").all()
    assert (r["national_source"] == NATIONAL_54).all()
    bare = attainment.realised_averages(p, plan=14)
    assert bare["national_outcome"].isna().all() and (bare["national_basis"] == "").all()


def test_realised_findings_and_text() -> None:
    from plantargets.present.panel_findings import realised_text

    f = attainment.realised_findings(attainment.realised_averages(with_untargeted(), plan=14))
    # 5.1 (110000), 5.5, 5.9, 6.2 provinces; 7.4 prefecture: four above 5.4
    assert (f["n"], f["above"], f["national"]) == (5, 4, 5.4)
    assert list(f["n_by_level"]) == ["province", "prefecture"] and f["n_by_level"]["province"] == 4
    assert f["median"]["province"] == pytest.approx(5.7)
    assert "5.4%" in realised_text(f, "zh")[0] and "5.4 %" in realised_text(f, "en")[0]
    assert realised_text(attainment.realised_findings(attainment.realised_averages(plans().iloc[:0])), "en")
