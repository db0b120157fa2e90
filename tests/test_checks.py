"""Consistency checks, on small tables built from real rows of the seed documents."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

from plantargets.dataset.agreement_checks import check_mix_table_disagreement
from plantargets.dataset.checks import (
    check_impossible_value,
    check_prose_table_disagreement,
    check_sector_sum,
    check_seq_anomaly,
    run_checks,
)
from plantargets.dataset.growth_checks import (
    check_cumulative_as_rate,
    check_growth_consistency,
    check_impossible_real_growth,
    check_nominal_vs_real,
    growth_fit,
    implied_growth,
)
from plantargets.dataset.rows import as_number, cell_text
from plantargets.vocab.columns import QUALITY_COLUMNS

F001 = "001_92a7ba0c77b212ac.txt"
F003 = "003_3e4f07611e85fb5a.txt"
F004 = "004_f3c3abe848757c8b.txt"
NAN = math.nan


def row(
    source_file: str = F001,
    table: str = "fyp14_main",
    seq: str = "",
    name: str = "",
    indicator: str = "",
    unit: str = "",
    base_year: int | None = 2020,
    base_value: float = NAN,
    target_year: int | None = 2025,
    target_value: float = NAN,
    annual_growth: float = NAN,
    cumulative: bool = False,
    line: int = 1,
    raw: str = "",
    qualifier: str = "exact",
) -> dict[str, Any]:
    """One indicators-table row with the contract's columns (defaults: an empty 14th-plan row)."""
    return {
        "source_file": source_file,
        "doc_id": source_file[:3],
        "region": "",
        "table": table,
        "seq": seq,
        "category": "",
        "name": name,
        "indicator": indicator,
        "unit": unit,
        "base_year": base_year,
        "base_value": base_value,
        "target_year": target_year,
        "target_value": target_value,
        "target_text": "",
        "annual_growth": annual_growth,
        "cumulative": cumulative,
        "qualifier": qualifier,
        "attribute": "",
        "line": line,
        "raw": raw,
    }


def frame(*rows: dict[str, Any]) -> pd.DataFrame:
    df = pd.DataFrame(list(rows))
    for column in ("base_year", "target_year"):
        df[column] = df[column].astype("Int64")
    for column in ("base_value", "target_value", "annual_growth"):
        df[column] = df[column].astype(float)
    return df


def mix(*rows: tuple[int, str, float, float, float, int]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "source_file": F001,
                "doc_id": "001",
                "region": "",
                "year": y,
                "kind": k,
                "primary": p,
                "secondary": s,
                "tertiary": t,
                "line": line,
                "raw": f"{p}:{s}:{t}",
            }
            for y, k, p, s, t, line in rows
        ]
    )


# Real rows ------------------------------------------------------------------------------------

GDP_14 = row(
    seq="1",
    name="地区生产总值",
    indicator="gdp",
    unit="亿元",
    base_value=590,
    target_value=929,
    annual_growth=9.5,
    line=174,
    raw="经济 发展 | 1 | 地区生产总值 | 亿元 | 590 | 929 | 9.5 | 预期性 |",
)
GDP_13 = row(
    table="fyp13_review",
    seq="1",
    name="地区生产总值",
    indicator="gdp",
    unit="亿元",
    base_year=2015,
    base_value=413,
    target_year=2020,
    target_value=590,
    annual_growth=6.6,
    line=94,
    raw="经济 发展 | 1 | 地区生产总值 | 亿元 | 413 | 590 | 6.6 | 发改委 |",
)
FOREST_14 = row(
    seq="14",
    name="森林覆盖率",
    indicator="forest_coverage",
    unit="%",
    base_value=12.66,
    target_value=13,
    annual_growth=0.068,
    line=190,
)
UNEMPLOYMENT_003 = row(
    source_file=F003,
    seq="8",
    name="城镇调查失业率",
    indicator="unemployment_rate_surveyed",
    unit="%",
    base_value=4.5,
    target_value=4,
    annual_growth=-2.33,
    line=67,
    qualifier="approx",
)
DOCTORS_001 = row(
    seq="17",
    name="每千人口执业(助理)医师人数",
    indicator="doctors_per_1k",
    unit="人",
    base_value=1432,
    target_value=1694,
    annual_growth=3.66,
    line=195,
)
PATENTS_14 = row(
    seq="10",
    name="每万人口发明专利拥有量",
    indicator="invention_patents_per_10k",
    unit="件",
    base_value=23.6,
    target_value=30,
    annual_growth=4.1,
    line=183,
)
PRIVATE_14 = row(
    seq="7",
    name="民间投资占固定资产投资比重",
    indicator="private_investment_share",
    unit="%",
    base_value=45,
    target_value=55,
    annual_growth=1.1,
    line=180,
)
FAI_13 = row(
    table="fyp13_review",
    seq="3",
    name="全社会固定资产投资",
    indicator="fixed_asset_investment",
    unit="亿元",
    base_year=2015,
    base_value=325,
    target_year=2020,
    target_value=438,
    annual_growth=9.5,
    line=96,
)
GDP_GROWTH_000 = row(
    source_file="000_8b2e86d28166808b.txt",
    seq="1",
    name="地区生产总值增长",
    indicator="gdp_growth",
    unit="%",
    base_value=4.1,
    line=58,
)
RD_003 = row(
    source_file=F003,
    seq="4",
    name="研发经费投入增长",
    indicator="rd_spending_growth",
    unit="%",
    base_value=0.074,
    target_value=0.16,
    annual_growth=16.68,
    line=63,
)
GDP_003 = row(
    source_file=F003,
    seq="1",
    name="地区生产总值增长",
    indicator="gdp",
    unit="亿元",
    base_value=54,
    target_value=72.26,
    annual_growth=6,
    line=60,
    qualifier="exact",
)
JOBS_004 = row(
    source_file=F004,
    seq="7",
    name="城镇新增就业人数",
    indicator="new_urban_jobs",
    unit="万人次",
    base_value=3.12,
    target_value=10.5,
    cumulative=True,
    line=108,
)
PENSION_INSURED_13 = row(
    table="fyp13_review",
    seq="25",
    name="城乡基本养老保险参保人数",
    indicator="pension_insured",
    unit="万人",
    base_year=2015,
    base_value=9.8,
    target_year=2020,
    target_value=5126,
    line=128,
)


def test_findings_have_the_quality_columns():
    out = run_checks(frame(GDP_14, DOCTORS_001), mix())
    assert list(out.columns) == QUALITY_COLUMNS
    assert set(out["severity"]) <= {"error", "warning", "info"}


def test_empty_inputs_give_an_empty_table():
    empty = frame(GDP_14).iloc[0:0]
    out = run_checks(
        empty,
        mix().reindex(
            columns=[
                "source_file",
                "doc_id",
                "region",
                "year",
                "kind",
                "primary",
                "secondary",
                "tertiary",
                "line",
                "raw",
            ]
        ),
    )
    assert out.empty and list(out.columns) == QUALITY_COLUMNS


def test_missing_column_is_named():
    with pytest.raises(ValueError, match="annual_growth"):
        check_growth_consistency(frame(GDP_14).drop(columns=["annual_growth"]))


# growth_consistency ---------------------------------------------------------------------------


def test_gdp_590_to_929_at_9_5_is_consistent():
    fit = growth_fit(590, 929, 5, 9.5, share=False)
    assert fit is not None and fit.best == "compound"
    assert fit.compound == pytest.approx(9.51, abs=0.01)
    assert check_growth_consistency(frame(GDP_14)).empty


def test_forest_coverage_fits_percentage_points_a_year():
    fit = growth_fit(12.66, 13, 5, 0.068, share=True)
    assert fit is not None and fit.best == "pp/yr"
    assert fit.pp_per_year == pytest.approx(0.068)
    assert check_growth_consistency(frame(FOREST_14)).empty


def test_unemployment_rate_fits_the_compound_reading():
    fit = growth_fit(4.5, 4, 5, -2.33, share=True)
    assert fit is not None and fit.best == "compound"
    assert fit.compound == pytest.approx(-2.33, abs=0.01)
    assert check_growth_consistency(frame(UNEMPLOYMENT_003)).empty


def test_growth_rows_with_levels_in_a_money_unit_are_checked():
    # 003 prints 地区生产总值增长 in 亿元: 54 → 72.26 is 6.00 % a year, as stated.
    assert check_growth_consistency(frame(GDP_003)).empty
    # 003 研发经费投入增长 in %: base and target are rates, so no level arithmetic is attempted.
    assert check_growth_consistency(frame(RD_003, GDP_GROWTH_000)).empty


def test_patents_stated_rate_does_not_fit():
    out = check_growth_consistency(frame(PATENTS_14))
    assert len(out) == 1
    message = out.loc[0, "message"]
    assert out.loc[0, "severity"] == "warning" and out.loc[0, "line"] == 183
    assert "4.1" in message and "4.92% a year compounded" in message and "23.6 → 30" in message


def test_share_fitting_neither_reading_names_both():
    out = check_growth_consistency(frame(PRIVATE_14))
    assert len(out) == 1
    assert "4.10% a year compounded or 2.00 percentage points a year" in out.loc[0, "message"]


def test_cumulative_rows_are_not_read_as_annual_rates():
    assert check_growth_consistency(frame(JOBS_004)).empty


def test_implied_growth_reports_every_row():
    out = implied_growth(frame(GDP_14, FOREST_14, GDP_GROWTH_000))
    assert list(out["best_fit"]) == ["compound", "pp/yr", ""]
    assert out.loc[1, "implied_pp_per_year"] == pytest.approx(0.068)
    assert math.isnan(out.loc[2, "implied_compound"])


# nominal_vs_real ------------------------------------------------------------------------------


def test_review_gdp_at_current_prices_versus_real_rate_is_info():
    df = frame(GDP_13)
    out = check_nominal_vs_real(df)
    assert len(out) == 1
    assert out.loc[0, "severity"] == "info" and out.loc[0, "check"] == "nominal_vs_real"
    message = out.loc[0, "message"]
    assert "7.39%" in message and "6.6%" in message and "413 → 590" in message
    assert check_growth_consistency(df).empty, "a price-basis gap is not also a growth warning"


def test_review_gap_beyond_any_price_change_stays_a_warning():
    # 001 全社会固定资产投资 325 → 438 is 6.15 % a year nominal, yet 9.5 % is stated: deflation of 3 %.
    assert check_nominal_vs_real(frame(FAI_13)).empty
    out = check_growth_consistency(frame(FAI_13))
    assert len(out) == 1 and "6.15%" in out.loc[0, "message"]


def test_main_table_money_gap_gets_a_price_hint():
    hypothetical = dict(GDP_14, target_value=1000.0)  # 590 → 1000 is 11.1 % a year against 9.5 %
    out = check_growth_consistency(frame(hypothetical))
    assert len(out) == 1 and "prices would rise" in out.loc[0, "message"]


# impossible_value -----------------------------------------------------------------------------


def test_doctors_per_1000_above_1000_are_head_counts():
    """001 prints 1432 → 1694 "per 1000 people": impossible as a ratio, flagged as an error."""
    out = check_impossible_value(frame(DOCTORS_001))
    assert list(out["severity"]) == ["error"]
    assert "1432 (2020) and 1694 (2025)" in out.loc[0, "message"]
    assert "per 1000 people" in out.loc[0, "message"]


def test_plausible_per_1000_ratio_passes():
    ok = dict(DOCTORS_001, source_file=F004, base_value=2.86, target_value=3.18, annual_growth=NAN)
    assert check_impossible_value(frame(ok)).empty


def test_share_above_100_is_an_error():
    bad = row(name="基本养老保险参保率", unit="%", base_value=955, target_value=95)
    out = check_impossible_value(frame(bad))
    assert len(out) == 1 and out.loc[0, "severity"] == "error" and "955 (2020)" in out.loc[0, "message"]


def test_growth_rate_above_100_is_not_a_share():
    fast = row(name="研发经费投入增长率", unit="%", base_value=120, target_value=15)
    assert check_impossible_value(frame(fast)).empty


def test_a_completion_rate_above_100_beats_its_plan():
    # 浙江省/2025.md:22 投资完成率119.7%; 甘肃省/2012.md:44 开工率104.6%: rates against a plan pass 100%
    beaten = row(name="投资完成率", unit="%", base_value=119.7, target_value=100)
    assert check_impossible_value(frame(beaten)).empty
    assert check_impossible_value(frame(row(name="开工率", unit="%", base_value=104.6, target_value=95))).empty


def test_negative_count_is_an_error():
    bad = row(name="城镇新增就业人数", unit="万人", base_value=-3, target_value=10.5)
    out = check_impossible_value(frame(bad))
    assert list(out["severity"]) == ["error"] and "negative" in out.loc[0, "message"]


def test_values_far_apart_signal_a_unit_mix():
    out = check_impossible_value(frame(PENSION_INSURED_13))  # 9.8 → 5126 万人: 523 times
    assert list(out["severity"]) == ["warning"] and "523 times" in out.loc[0, "message"]
    thousandfold = dict(PENSION_INSURED_13, target_value=98000.0)
    assert list(check_impossible_value(frame(thousandfold))["severity"]) == ["error"]


# seq_anomaly ----------------------------------------------------------------------------------


def _tacheng_rows(seqs: list[str]) -> pd.DataFrame:
    return frame(*(row(source_file=F004, seq=s, name=f"指标{i}", line=60 + 6 * i) for i, s in enumerate(seqs)))


def test_29_between_18_and_20_is_flagged_once():
    seqs = [str(i) for i in range(1, 19)] + ["29", "20"]
    out = check_seq_anomaly(_tacheng_rows(seqs))
    assert len(out) == 1
    assert out.loc[0, "severity"] == "warning"
    assert "29" in out.loc[0, "message"] and "expected 19" in out.loc[0, "message"]


def test_sub_rows_repeating_their_parent_number_are_fine():
    assert check_seq_anomaly(_tacheng_rows(["1", "2", "3", "3", "4"])).empty


def test_a_missing_row_is_reported():
    out = check_seq_anomaly(_tacheng_rows(["1", "2", "4", "5", "6"]))
    assert len(out) == 1 and "row 3 missing" in out.loc[0, "message"]


def test_prose_rows_and_other_tables_are_separate_sequences():
    df = frame(
        row(seq="1", line=1),
        row(seq="2", line=2),
        row(table="other:专栏15", seq="1", line=3),
        row(table="other:专栏15", seq="2", line=4),
        row(table="prose", seq="", line=5),
    )
    assert check_seq_anomaly(df).empty


# sector_sum -----------------------------------------------------------------------------------


def test_sector_mix_summing_to_100_passes_and_99_1_is_flagged():
    out = check_sector_sum(mix((2020, "actual", 10.6, 28.8, 60.6, 80), (2025, "target", 13.0, 26.1, 60.0, 81)))
    assert len(out) == 1
    assert out.loc[0, "line"] == 81 and out.loc[0, "check"] == "sector_sum"
    assert "13 : 26.1 : 60" in out.loc[0, "message"] and "99.1" in out.loc[0, "message"]


def test_incomplete_sector_mix_is_not_summed():
    assert check_sector_sum(mix((2025, "target", NAN, NAN, 60.0, 5))).empty


# prose_table_disagreement ---------------------------------------------------------------------


def test_prose_agreeing_with_table_passes():
    prose = row(
        table="prose", name="地区生产总值", indicator="gdp", unit="亿元", base_year=None, target_value=929, line=175
    )
    assert check_prose_table_disagreement(frame(GDP_14, prose)).empty


def test_prose_differing_from_table_is_flagged():
    prose = row(
        table="prose",
        name="研究与试验发展经费支出占生产总值比重",
        indicator="rd_intensity",
        unit="%",
        base_year=None,
        target_value=3.5,
        line=175,
    )
    table = row(
        seq="9",
        name="全社会研发经费支出占地区生产总值比重",
        indicator="rd_intensity",
        unit="%",
        base_value=2.93,
        target_value=3.3,
        annual_growth=2.68,
        line=182,
    )
    out = check_prose_table_disagreement(frame(table, prose))
    assert len(out) == 1 and out.loc[0, "line"] == 175
    assert "3.5" in out.loc[0, "message"] and "line 182" in out.loc[0, "message"]


def test_prose_growth_is_compared_with_the_level_rows_annual_rate():
    prose = row(
        table="prose",
        name="地区生产总值",
        indicator="gdp_growth",
        unit="%",
        base_year=None,
        annual_growth=8.5,
        line=175,
    )
    out = check_prose_table_disagreement(frame(GDP_14, prose))
    assert len(out) == 1 and "8.5" in out.loc[0, "message"] and "prints 9.5" in out.loc[0, "message"]


def test_rounded_prose_and_other_units_are_not_disagreements():
    rounded = row(
        table="prose", name="地区生产总值", indicator="gdp", unit="万元", base_year=None, target_value=9290000, line=175
    )
    other_unit = row(
        table="prose", name="地区生产总值", indicator="gdp", unit="亿美元", base_year=None, target_value=140, line=176
    )
    assert check_prose_table_disagreement(frame(GDP_14, rounded, other_unit)).empty


# issue 13: what the referee found ---------------------------------------------------------------

# 001:95 公共财政预算收入 | 亿元 | 66 | 78.86 | 2.3 (13th-plan completion table)
REVENUE_13 = row(
    table="fyp13_review",
    seq="2",
    name="公共财政预算收入",
    indicator="fiscal_revenue",
    unit="亿元",
    base_year=2015,
    base_value=66,
    target_year=2020,
    target_value=78.86,
    annual_growth=2.3,
    line=95,
    raw="2 | 公共财政预算收入 | 亿元 | 66 | 78.86 | 2.3 | 财政局 | |",
)


def test_budget_revenue_gap_is_not_excused_as_a_price_basis_difference():
    # Old: nominal_vs_real (info) 'prices changing 1.29% a year'. Revenue has no real series:
    # 66 → 78.86 is 3.62 % a year against a stated 2.3 %, a warning.
    assert check_nominal_vs_real(frame(REVENUE_13)).empty
    out = check_growth_consistency(frame(REVENUE_13))
    assert len(out) == 1 and "3.62%" in out.loc[0, "message"] and "no comparable-price series" in out.loc[0, "message"]


def test_stated_real_growth_of_budget_revenue_cannot_be_real():
    stated_real = row(
        table="prose", name="一般公共预算收入", indicator="fiscal_revenue_growth", unit="%", base_year=None,
        annual_growth=8.0, line=3, raw="一般公共预算收入实际增长8%",
    )  # fmt: skip
    gdp = row(table="prose", name="地区生产总值", indicator="gdp_growth", unit="%", annual_growth=6.82,
              line=7, raw="全旗地区生产总值年均实际增长6.82%")  # fmt: skip  # 003:7: real GDP is fine
    out = check_impossible_real_growth(frame(stated_real, gdp))
    assert list(out["line"]) == [3] and out.loc[0, "check"] == "impossible_real_growth"


def test_a_cumulative_total_beside_a_yearly_base_is_flagged():
    # 004:108 城镇新增就业人数 3.12 | 〔10.5〕: a 2021–25 total (2.1 a year), not a 2025 level.
    jobs = {**JOBS_004, "raw": "城镇新增就业人数 | 3.12 | 〔10.5〕 | — | 预期性"}
    out = check_cumulative_as_rate(frame(jobs))
    assert len(out) == 1 and "2.1 万人次 a year" in out.loc[0, "message"]
    # 004:123 受教育年限 — | 11.3 | 〔0.3〕: the total is the annual column, the level is a level
    schooling = row(source_file=F004, name="劳动年龄人口平均受教育年限", unit="年", base_value=10.9, target_value=11.3,
                    annual_growth=0.3, cumulative=True, line=123, raw="8.劳动年龄人口平均受教育年限(年) | — | 11.3 | 〔0.3〕")  # fmt: skip
    assert check_cumulative_as_rate(frame(schooling)).empty


def test_prose_sector_structure_against_the_table_share():
    # 001:85 三次产业结构由2015年的1.6:43.5:55; 001:100 第三产业增加值占地区生产总值比重 | % | 56.3 | 62 (2015, 2020)
    tertiary = row(table="fyp13_review", seq="7", name="第三产业增加值占地区生产总值比重", indicator="tertiary_share",
                   unit="%", base_year=2015, base_value=56.3, target_year=2020, target_value=62, annual_growth=1.9,
                   line=100)  # fmt: skip
    sm = mix((2015, "actual", 1.6, 43.5, 55.0, 85), (2020, "actual", 1.0, 37.0, 62.0, 85))
    out = check_mix_table_disagreement(frame(tertiary), sm)
    assert len(out) == 1 and out.loc[0, "check"] == "prose_table_disagreement"
    assert "tertiary share as 55% for 2015" in out.loc[0, "message"] and "prints 56.3%" in out.loc[0, "message"]
    assert int(out.loc[0, "line"]) == 85


# run_checks -----------------------------------------------------------------------------------


def test_run_checks_combines_and_sorts_deterministically():
    df = frame(GDP_14, GDP_13, DOCTORS_001, PATENTS_14, FOREST_14, UNEMPLOYMENT_003)
    df["seq"] = ""  # a subset of rows: their numbers would (rightly) show gaps
    sm = mix((2025, "target", 13.0, 26.1, 60.0, 170))
    out = run_checks(df, sm)
    again = run_checks(df.iloc[::-1].reset_index(drop=True), sm)
    pd.testing.assert_frame_equal(out, again)
    keys = list(zip(out["source_file"], out["line"], out["check"], strict=True))
    assert keys == sorted(keys)
    assert set(out["check"]) == {"nominal_vs_real", "impossible_value", "growth_consistency", "sector_sum"}


def test_frame_records_equal_pandas_to_dict_records() -> None:
    """``rows.frame_records`` reads text columns through Arrow: the same values, types and missing
    values as ``DataFrame.to_dict("records")`` for every column type of the typed tables."""
    import pickle

    from plantargets.dataset.rows import frame_records
    from plantargets.vocab.columns import INDICATOR_COLUMNS, typed_indicators

    base = dict.fromkeys(INDICATOR_COLUMNS, "")
    rows = [
        {**base, "name": "地区生产总值", "base_year": 2020, "base_value": 1.5, "cumulative": True, "line": 3},
        {**base, "name": None, "unit": "%", "target_value": float("nan"), "preliminary": False, "line": None},
        {**base, "raw": "=1+1", "target_year": 2025, "annual_growth": -0.0, "ocr_confidence": 0.93},
    ]
    df = typed_indicators(pd.DataFrame(rows, columns=INDICATOR_COLUMNS))
    assert {str(t) for t in df.dtypes} >= {"float64", "Int64", "bool"}  # text, numbers, nullable ints, flags
    got, want = frame_records(df), df.to_dict("records")
    assert pickle.dumps(got) == pickle.dumps(want)  # NaN, None and value types included
    assert [type(v) for v in got[1].values()] == [type(v) for v in want[1].values()]


def test_cells_read_alike_on_the_fast_paths():
    """``as_number`` and ``cell_text`` answer a float or a str without pd.isna: the same answers as the
    general path (NaN and infinities are no number, numpy scalars and text go the long way)."""
    import numpy as np

    cases = [1.5, 0.0, -2.0, math.nan, math.inf, -math.inf, np.float64(2.5), np.float64("nan"), 3, "4.5", "x", None]
    assert [as_number(v) for v in cases] == [1.5, 0.0, -2.0, None, None, None, 2.5, None, 3.0, 4.5, None, None]
    assert [cell_text(v) for v in ("万元", "", None, math.nan, 7)] == ["万元", "", "", "", "7"]
