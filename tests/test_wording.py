"""Hardness of targets by year and level, and the national series' changes (analysis.wording)."""

from __future__ import annotations

import pandas as pd
import pytest

from plantargets.analysis import outcomes, wording

from .panel_frames import panel, row


def test_shares_by_level_sum_to_100_and_follow_the_qualifiers() -> None:
    s = wording.hardness_shares(outcomes.series(panel()), by=("level",)).set_index("level")
    assert s.loc["national", "n"] == 3
    assert s.loc["national", ["range", "none", "at_least"]].tolist() == pytest.approx([100 / 3] * 3)
    assert s[list(wording.HARDNESS_ORDER)].sum(axis=1).tolist() == pytest.approx([100.0] * 3)
    assert s.loc["province", "text"] == pytest.approx(100 / 6)


def test_national_changes_of_wording() -> None:
    # The State Council series 2015–2021 (政府工作报告-国务院/2015.md:78 7%左右, 2016.md:90 6.5%—7%,
    # 2017.md:70 6.5%左右, 2019.md:64 6%—6.5%, 2020.md:56 no target, 2021.md:78 6%以上).
    series = [(2015, 7, "approx"), (2016, 6.5, "range"), (2017, 6.5, "approx"), (2018, 6.5, "approx")]
    series += [(2019, 6, "range"), (2020, None, "missing"), (2021, 6, "at_least")]
    d = outcomes.series(pd.DataFrame([row("000000", "national", "", y, v, q) for y, v, q in series]))
    changes = wording.wording_changes(wording.national_wording(d))
    assert list(zip(changes["year"], changes["hardness"], strict=True)) == [
        (2016, "range"),
        (2017, "approx"),
        (2019, "range"),
        (2020, "none"),
        (2021, "at_least"),
    ]


def test_an_unknown_qualifier_names_its_source() -> None:
    d = outcomes.series(pd.DataFrame([row("110000", "province", "000000", 2019, 7, "roughly")]))
    with pytest.raises(ValueError, match=r"roughly.*f110000-2019\.md:1"):
        wording.hardness(d)


def test_periods_follow_the_plans() -> None:
    got = wording.periods(pd.Series([1975, 2005, 2011, 2015, 2016, 2026]))
    assert list(got) == ["–1980", "2001–2005", "2011–2015", "2011–2015", "2016–2020", "2026–2030"]


def test_findings_compare_first_and_last_years() -> None:
    f = wording.wording_findings(outcomes.series(panel()))
    assert f["n"] == 9 and f["first_years"] == "2019–2021"
    assert (2021, "at_least") in f["national_changes"]


def test_no_national_rows_no_changes() -> None:
    d = outcomes.series(pd.DataFrame([row("110000", "province", "000000", 2019, 7)]))
    assert wording.wording_changes(wording.national_wording(d)).empty
