"""Amplification down the hierarchy and the target-setting panel regression (analysis.hierarchy)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from plantargets.analysis import hierarchy, outcomes, regression
from plantargets.dataset.regions import load_regions

from .panel_frames import panel, row


@pytest.fixture
def linked():
    return hierarchy.with_parent(outcomes.series(panel()))


def test_each_target_meets_its_parents_target_of_the_same_year(linked) -> None:
    d = linked.set_index(["region_code", "year"])
    assert d.loc[("110000", 2019), "parent_target"] == 6.0  # the nation's 6%—6.5%, lower bound
    assert d.loc[("110000", 2019), "amplification"] == pytest.approx(1.0)
    assert d.loc[("110100", 2021), "amplification"] == pytest.approx(1.0)  # 9 against A's 8
    # 2020: the nation set no number, so province B's 5% has no parent benchmark (not 0, not a drop).
    assert np.isnan(d.loc[("120000", 2020), "amplification"])
    assert pd.isna(d.loc[("120000", 2020), "above_parent"])


def test_amplification_by_level(linked) -> None:
    by = hierarchy.amplification_by(linked, by=("level",)).set_index("level")
    # Provinces: 7−6, 8−6, 6.5−6, 6−6 → mean 0.875, three above, one equal.
    assert by.loc["province", "n"] == 4
    assert by.loc["province", "mean_pp"] == pytest.approx(0.875)
    assert by.loc["province", "above_pct"] == pytest.approx(75.0)
    assert by.loc["province", "equal_pct"] == pytest.approx(25.0)
    # The prefecture's 2020 target has no parent number (A stated words only): 2 rows, both +1.
    assert by.loc["prefecture", "n"] == 2 and by.loc["prefecture", "mean_pp"] == pytest.approx(1.0)


def test_the_seed_chains_come_from_the_region_table() -> None:
    table = load_regions()
    names = [r.name_zh for r in table.chain(hierarchy.SEED_CODES["hure"])]
    assert names == ["中国", "内蒙古自治区", "通辽市", "库伦旗"]
    assert [r.code for r in table.chain(hierarchy.SEED_CODES["urumqi-etdz"])] == [
        "000000",
        "650000",
        "650100",
        "650106",
    ]


def test_chain_targets_list_missing_links() -> None:
    d = outcomes.series(panel())
    long = hierarchy.chain_targets(d, ["000000", "110000", "110199"])
    assert long[long["region_code"] == "110199"]["year"].isna().all()
    wide = hierarchy.chain_matrix(long)
    assert list(wide.columns) == ["000000", "110000"] and wide.loc[2021, "110000"] == 8.0


def test_regression_sample_lags_the_outcome_one_year() -> None:
    s = hierarchy.regression_sample(outcomes.series(panel())).set_index(["region_code", "year"])
    # Province A 2021: target 8, last year's outcome 3.0 (2020), parent 6 (the nation's 2021 以上).
    assert tuple(s.loc[("110000", 2021), ["target_value", "lag_outcome", "parent_target"]]) == (8.0, 3.0, 6.0)
    assert ("110000", 2019) not in s.index  # no 2018 outcome


def test_panel_fixed_effects_recovers_a_known_slope() -> None:
    rng = np.random.default_rng(14)
    regions, years = [f"r{i}" for i in range(30)], list(range(2010, 2020))
    df = pd.DataFrame([(r, y) for r in regions for y in years], columns=["region", "year"])
    df["x"] = rng.normal(size=len(df))
    df["z"] = rng.normal(size=len(df))
    effect = {r: rng.normal() * 3 for r in regions}
    df["y"] = 0.6 * df["x"] - 0.3 * df["z"] + df["region"].map(effect) + 0.1 * df["year"] + rng.normal(0, 0.1, len(df))
    lone = pd.DataFrame({"region": ["alone"], "year": [2010], "x": [0.0], "z": [0.0], "y": [1.0]})
    res = regression.panel_fixed_effects(pd.concat([df, lone]), "y", ["x", "z"], entity="region", time="year")
    assert res.coef("x") == pytest.approx(0.6, abs=0.03)
    assert res.coef("z") == pytest.approx(-0.3, abs=0.03)
    assert res.n == 300 and res.n_clusters == 30 and res.n_singletons_dropped == 1


def test_parent_term_is_dropped_when_year_effects_absorb_it() -> None:
    # Provinces only: their parent's target is the nation's, one number per year, so the year
    # effects absorb it and only last year's outcome is estimated.
    shocks = (0.3, -0.2, 0.5, 0.1, -0.4)
    rows = []
    for i, (code, base) in enumerate((("110000", 7.0), ("120000", 8.0), ("130000", 6.0), ("140000", 7.5))):
        for j, year in enumerate(range(2015, 2020)):
            rows.append(row(code, "province", "000000", year, base + 0.1 * j, "approx", base + shocks[(i + j) % 5]))
    rows += [
        row("000000", "national", "", y, v, "approx")
        for y, v in zip(range(2015, 2020), (7, 6.5, 6.5, 6.5, 6), strict=True)
    ]
    result, sample = hierarchy.target_regression(outcomes.series(pd.DataFrame(rows)))
    assert not sample["parent_identified"]
    assert list(result.coefficients["term"]) == ["lag_outcome"]
    assert sample["n"] == 16 and sample["first_year"] == 2016


def test_a_sample_too_small_is_reported_not_raised() -> None:
    result, sample = hierarchy.target_regression(outcomes.series(panel()))
    assert not result.estimated and sample["n"] == result.n


def test_parent_columns_of_the_panel_are_replaced_not_suffixed() -> None:
    d = panel().assign(parent_qualifier="stale", parent_target_value=0.0)
    linked = hierarchy.with_parent(outcomes.series(d))
    assert "parent_qualifier_x" not in linked.columns
    assert linked.set_index(["region_code", "year"]).loc[("110000", 2019), "parent_qualifier"] == "range"


def test_a_chain_absent_from_the_panel_lists_its_links_without_years() -> None:
    long = hierarchy.chain_targets(outcomes.series(panel()), ["150000", "150500"])
    assert list(long["region_code"]) == ["150000", "150500"] and long["year"].isna().all()
    assert hierarchy.chain_matrix(long).empty
