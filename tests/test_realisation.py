"""Hit rates, gaps, bunching and the year without a national target (analysis.realisation)."""

from __future__ import annotations

import pandas as pd
import pytest

from plantargets.analysis import outcomes, realisation

from .panel_frames import panel, row


@pytest.fixture
def gdp():
    return outcomes.series(panel())


def test_hit_rate_by_level_counts_only_rows_with_an_outcome(gdp) -> None:
    rates = realisation.hit_rates(gdp, by=("level",)).set_index("level")
    # Provinces: 7→7.2 met, 8→7.5 missed, 6.5→6.5 met, 5→3.0 missed, 6→6.4 met: 3 of 5.
    assert rates.loc["province", "n_outcomes"] == 5
    assert rates.loc["province", "hit_rate_pct"] == pytest.approx(60.0)
    # The nation has two numeric targets (2019 range, 2021 以上), both met; 2020 has none.
    assert rates.loc["national", "n_targets"] == 2
    assert rates.loc["national", "hit_rate_pct"] == pytest.approx(100.0)
    assert list(rates.index) == ["national", "province", "prefecture"]


def test_a_target_without_outcome_is_not_a_miss(gdp) -> None:
    more = pd.concat([panel(), pd.DataFrame([row("120000", "province", "000000", 2022, 5.5)])], ignore_index=True)
    extra = outcomes.series(more)
    before = realisation.hit_rates(gdp, by=()).iloc[0]
    after = realisation.hit_rates(extra, by=()).iloc[0]
    assert after["n_targets"] == before["n_targets"] + 1
    assert after["hit_rate_pct"] == before["hit_rate_pct"]


def test_bunching_counts_the_windows_either_side_of_zero(gdp) -> None:
    b = realisation.bunching(gdp, window=0.5).iloc[0]
    # gaps: nation 0.1, 2.1; provinces 0.2, −0.5, 0.0, −2.0, 0.4; prefecture 0.1, −3.0, 0.3
    assert b["n_just_above"] == 6  # 0.1, 0.2, 0.0, 0.4, 0.1, 0.3
    assert b["n_just_below"] == 1  # −0.5 (the window is [−0.5, 0))
    assert b["exactly_met_pct"] == pytest.approx(10.0)


def test_histogram_puts_an_exact_hit_above_zero_and_keeps_every_gap(gdp) -> None:
    h = realisation.gap_histogram(gdp, lo=-1.0, hi=1.0, width=0.1)
    at_zero = h[h["bin_left"] == 0.0]["n"].iloc[0]
    assert at_zero == 1  # 6.5 → 6.5
    assert h[h["bin_left"] == 0.1]["n"].iloc[0] == 2  # 7.0→7.1-style residue stays in [0.1, 0.2)
    assert h["n"].sum() + h.attrs["n_below_range"] + h.attrs["n_above_range"] == 10


def test_year_without_target_shows_who_kept_a_number(gdp) -> None:
    y = realisation.year_without_target(gdp).set_index(["level", "year"])
    assert y.loc[("national", 2020), "n_numeric"] == 0
    assert y.loc[("province", 2020), "numeric_share_pct"] == pytest.approx(50.0)
    assert y.loc[("province", 2021), "numeric_share_pct"] == pytest.approx(100.0)


def test_findings_summarise_the_panel(gdp) -> None:
    f = realisation.realisation_findings(gdp)
    assert f["n"] == 10 and f["hit_rate"] == pytest.approx(70.0)
    assert f["by_level"]["prefecture"] == pytest.approx(66.7)
    assert f["first_year"] == 2019 and f["last_year"] == 2021
    assert f["share_numeric_2020"] == pytest.approx(200 / 3)


def test_region_history_is_sorted_and_cites_lines(gdp) -> None:
    h = realisation.region_history(gdp, "110000")
    assert list(h["year"]) == [2019, 2020, 2021]
    assert h["target_source"].str.match(r"^\S+:\d+$").all()
