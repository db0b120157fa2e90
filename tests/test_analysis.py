"""Analysis functions on small hand-made tables (the arithmetic is in each test's comment)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from plantargets.analysis import ambition, growth, loading, parameters, profile, structure
from plantargets.analysis import panel as panel_mod
from plantargets.errors import ParameterError
from plantargets.vocab.columns import INDICATOR_COLUMNS, QUALITY_COLUMNS, SECTOR_MIX_COLUMNS

QUALITY_EMPTY = pd.DataFrame(columns=QUALITY_COLUMNS)


def rows(*records: dict) -> pd.DataFrame:
    df = pd.DataFrame([{c: rec.get(c, np.nan) for c in INDICATOR_COLUMNS} for rec in records])
    df["cumulative"] = df["cumulative"].astype(object).fillna(False).astype(bool)
    return df


def gdp_rows(doc: str, past: float, target: float, line: int = 10) -> list[dict]:
    return [
        {"doc_id": doc, "table": "fyp13_review", "name": "地区生产总值", "indicator": "gdp", "unit": "亿元",
         "base_year": 2015, "base_value": 100, "target_year": 2020, "target_value": 130, "annual_growth": past,
         "line": line},
        {"doc_id": doc, "table": "fyp14_main", "name": "地区生产总值", "indicator": "gdp", "unit": "亿元",
         "base_year": 2020, "base_value": 130, "target_year": 2025, "target_value": 180, "annual_growth": target,
         "line": line + 1},
    ]  # fmt: skip


# --- parameters ------------------------------------------------------------------------------


def test_check_regions_empty_means_all_and_unknown_lists_valid() -> None:
    valid = ["a-fyp14", "b-fyp14"]
    assert parameters.check_regions([], valid) == valid
    assert parameters.check_regions("b-fyp14", valid) == ["b-fyp14"]
    with pytest.raises(ParameterError, match=r"'zz'.*valid: a-fyp14, b-fyp14"):
        parameters.check_regions(["zz"], valid)


def test_check_indicators_choice_and_years() -> None:
    assert parameters.check_indicators([], ["gdp"]) == []
    with pytest.raises(ParameterError, match="valid: gdp"):
        parameters.check_indicators(["gpd"], ["gdp"])
    with pytest.raises(ParameterError, match="national, parent, peers, past"):
        parameters.check_choice("nation", "benchmark", parameters.BENCHMARKS)
    assert parameters.check_years([], [2020, 2015]) == [2015, 2020]
    with pytest.raises(ParameterError, match="2015, 2020"):
        parameters.check_years([2019], [2015, 2020])


def test_resolve_doc_id_prefers_default_then_first() -> None:
    assert parameters.resolve_doc_id("", ["x", parameters.DEFAULT_PROFILE_DOC]) == parameters.DEFAULT_PROFILE_DOC
    assert parameters.resolve_doc_id("", ["x", "y"]) == "x"
    with pytest.raises(ParameterError, match="valid: x, y"):
        parameters.resolve_doc_id("z", ["x", "y"])


# --- growth ----------------------------------------------------------------------------------


def test_growth_table_dumbbell_and_regression_sample() -> None:
    ind = rows(*gdp_rows("a", 6.6, 9.5), *gdp_rows("b", 7.0, 6.0, line=20))
    panel = growth.growth_table(ind, QUALITY_EMPTY)
    assert growth.subset(panel, ["a"]).equals(growth.growth_table(ind, QUALITY_EMPTY, ["a"]))
    assert set(panel["series"]) == {"gdp"}
    # 地区生产总值 is no proof of real growth: the rows' text says neither 实际 nor 可比价.
    assert not panel["real"].any() and set(panel["target_price_basis"]) == {panel_mod.STATED}
    d = growth.dumbbell_data(panel)
    assert d.set_index("doc_id")["target_growth"].to_dict() == {"a": 9.5, "b": 6.0}
    assert len(growth.regression_sample(panel)) == 2


def test_flag_findings_excludes_error_rows() -> None:
    ind = rows(*gdp_rows("a", 6.6, 9.5), *gdp_rows("b", 7.0, 6.0, line=20))
    quality = pd.DataFrame(
        [{"doc_id": "b", "line": 21, "check": "impossible_value", "severity": "error"}], columns=QUALITY_COLUMNS
    )
    panel = growth.growth_table(ind, quality)
    assert panel.set_index("doc_id")["excluded"].to_dict() == {"a": False, "b": True}
    assert panel.set_index("doc_id").at["b", "flags"] == "impossible_value"
    assert list(growth.regression_sample(panel)["doc_id"]) == ["a"]


def test_implied_levels_compounds_the_stated_rate() -> None:
    # 590 · 1.095^5 = 928.80; stated 929 → implied/stated − 1 = −0.0214 %
    ind = rows(
        {"doc_id": "a", "table": "fyp14_main", "name": "地区生产总值", "indicator": "gdp", "unit": "亿元",
         "base_year": 2020, "base_value": 590, "target_year": 2025, "target_value": 929, "annual_growth": 9.5},
        {"doc_id": "a", "table": "fyp14_main", "name": "森林覆盖率", "indicator": "forest_coverage", "unit": "%",
         "base_year": 2020, "base_value": 12.66, "target_year": 2025, "target_value": 13, "annual_growth": 0.068},
    )  # fmt: skip
    out = growth.implied_levels(ind)
    assert len(out) == 1  # shares are not levels
    assert out.at[0, "implied_target"] == pytest.approx(928.8009, abs=1e-3)
    assert out.at[0, "gap_pct"] == pytest.approx(-0.02144, abs=1e-4)


def test_target_ranks_highest_is_one() -> None:
    panel = pd.DataFrame(
        {
            "series": ["g", "g", "g", "h"],
            "doc_id": ["a", "b", "c", "a"],
            "measure": "growth_pct",
            "target_growth": [5.0, 7.0, 6.0, 1.0],
            "excluded": False,
        }
    )
    r = growth.target_ranks(panel, national=pd.DataFrame({"series": ["g"], "national": [5.5]}))
    assert r.set_index("doc_id")["rank"].to_dict() == {"b": 1, "c": 2, "a": 3}
    assert (r["n"] == 3).all() and (r["national"] == 5.5).all()  # 'h' has one region: not ranked


def test_regression_table_rows() -> None:
    from plantargets.analysis.regression import regress_target_on_past

    # y = 1 + 0.5x exactly → slope 0.5, intercept 1, R² 1
    res = regress_target_on_past(pd.DataFrame({"past_growth": [2.0, 4, 6, 8], "target_growth": [2.0, 3, 4, 5]}))
    t = growth.regression_table(res).set_index("term")
    assert t.at["slope", "estimate"] == pytest.approx(0.5)
    assert t.at["intercept", "estimate"] == pytest.approx(1.0)
    assert t.at["slope", "n"] == 4


# --- benchmarks ------------------------------------------------------------------------------


def test_national_growth_uses_the_reference_table() -> None:
    nat = growth.national_growth().set_index("series")
    # 每千人口执业(助理)医师数 2.9 → 3.2 over 2020–2025: (3.2/2.9)^(1/5) − 1 = 1.988 %
    assert nat.at["doctors_per_1k", "national"] == pytest.approx(1.98831, abs=1e-4)
    # 研发经费投入增长 >7: a floor, a lower bound rather than a planned rate (issue 13)
    assert "rd_spending" not in nat.index
    assert "urbanisation_rate_resident:pp" not in nat.index  # its 2020 cell holds a 2019 value


def test_ambition_panel_on_bundled_data(bundled) -> None:
    _, amb = bundled
    gdp = amb[amb["key"] == "gdp"].set_index("doc_id")
    assert gdp.at["xinjiang-gwr2023", "gap_national"] == pytest.approx(2.0)  # 7 % vs 5 % (2023)
    assert gdp.at["urumqi-etdz-fyp14", "gap_parent"] == pytest.approx(3.0)  # 9.5 % vs Xinjiang's 2021 6.5 %
    assert gdp.at["urumqi-etdz-fyp14", "gap_past"] == pytest.approx(2.9)  # 9.5 % vs 6.6 %
    assert amb.loc[amb["excluded"], ["gap_past", "gap_national", "gap_peers"]].isna().all().all()
    summary = ambition.ambition_summary(amb).set_index("doc_id")
    assert summary.at["xinjiang-gwr2023", "n_national"] == 1
    m = ambition.gap_matrix(amb, "national", "growth_pct")
    assert m.at["xinjiang-gwr2023", "gdp"] == pytest.approx(2.0)


def test_peer_mean_leaves_work_reports_out_of_outline_peers(bundled) -> None:
    _, amb = bundled
    gdp = amb[amb["key"] == "gdp"].set_index("doc_id")
    assert gdp.at["urumqi-etdz-fyp14", "peer_mean"] == pytest.approx(6.0)  # Hure's 6 %, not Xinjiang's 7 %
    assert gdp.at["xinjiang-gwr2023", "peer_n"] == 0


def test_target_style_by_category_and_document() -> None:
    ind = rows(
        {"doc_id": "a", "table": "fyp14_main", "indicator": "gdp", "target_value": 5, "attribute": "预期性"},
        {"doc_id": "a", "table": "fyp14_main", "indicator": "forest_coverage", "target_text": "完成下达指标",
         "attribute": "约束性"},
        {"doc_id": "b", "table": "prose", "indicator": "gdp", "target_value": 5},
    )  # fmt: skip
    by_cat = ambition.target_style(ind, by="category").set_index("category")
    assert by_cat.at["economic", "specificity_pct"] == 100.0
    assert by_cat.at["green", "binding_share_pct"] == 100.0
    by_doc = ambition.target_style(ind, by="doc_id").set_index("doc_id")
    assert by_doc.at["(all)", "n"] == 2  # prose rows are not in the main table


def test_consistency_findings_have_file_line_sources() -> None:
    q = pd.DataFrame(
        [
            {"source_file": "x.txt", "doc_id": "a", "line": 5, "check": "nominal_vs_real", "severity": "info"},
            {"source_file": "x.txt", "doc_id": "a", "line": 9, "check": "impossible_value", "severity": "error"},
            {"source_file": "x.txt", "doc_id": "a", "line": 7, "check": "uncatalogued", "severity": "info"},
        ],
        columns=QUALITY_COLUMNS,
    )
    out = ambition.consistency_findings(q)
    assert list(out["source"]) == ["x.txt:9", "x.txt:5"]  # errors first; uncatalogued left out


# --- sector mix ------------------------------------------------------------------------------


def mix(*records: dict) -> pd.DataFrame:
    return pd.DataFrame([{c: rec.get(c, np.nan) for c in SECTOR_MIX_COLUMNS} for rec in records])


def test_structural_change_and_tertiarisation() -> None:
    m = mix(
        {"doc_id": "u", "year": 2015, "kind": "actual", "primary": 1.6, "secondary": 43.5, "tertiary": 55.0,
         "source_file": "u.txt", "line": 85},
        {"doc_id": "u", "year": 2020, "kind": "actual", "primary": 1.0, "secondary": 37.0, "tertiary": 62.0,
         "source_file": "u.txt", "line": 85},
        {"doc_id": "h", "year": 2025, "kind": "target", "tertiary": 60.0, "source_file": "h.txt", "line": 52},
    )  # fmt: skip
    sci = structure.structural_change(m)
    # ½(0.6 + 6.5 + 7.0) = 7.05 pp over 5 years
    assert sci.at[0, "sci"] == pytest.approx(7.05)
    assert sci.at[0, "sci_per_year"] == pytest.approx(1.41)
    pace = structure.tertiarisation(m).set_index("doc_id")
    assert pace.at["u", "past_pp"] == pytest.approx(1.4)  # (62 − 55) / 5
    assert np.isnan(pace.at["h", "required_pp"])
    assert pace.at["h", "note"] == "no tertiary share for 2015, 2020"
    table = structure.sector_mix_table(m, years=[2020])
    assert list(table["source"]) == ["u.txt:85"] and table.at[0, "total"] == pytest.approx(100.0)


def test_national_mix_year_picks_latest_shown() -> None:
    assert structure.national_mix_year([2015, 2020, 2025]) == 2020
    assert structure.national_mix_year([2025]) == 2020
    assert structure.national_mix(2020)["tertiary"] == 54.5


# --- one document ----------------------------------------------------------------------------


def test_document_profile_functions_on_bundled_data(bundled) -> None:
    data, amb = bundled
    sources = loading.sources_table()
    rows_ = profile.document_indicators(data.indicators, "tacheng-fyp14")
    assert len(rows_) == int((data.indicators["doc_id"] == "tacheng-fyp14").sum())
    assert rows_["source"].str.startswith("004_f3c3abe848757c8b.txt:").all()
    summary = profile.document_summary(sources, data, "tacheng-fyp14").set_index("field")["value"]
    assert summary["region_zh"] == "塔城地区"
    st = profile.standing(amb, "tacheng-fyp14").set_index("series")
    # doctors per 1000: 2.14 %/yr (004:144) against the national 1.99 %/yr
    assert st.at["doctors_per_1k", "gap_national"] == pytest.approx(0.1555, abs=1e-3)
    comp = profile.comparison_targets(amb, "tacheng-fyp14")
    assert comp["focal"].any() and (comp.groupby("series")["doc_id"].nunique() >= 2).all()
