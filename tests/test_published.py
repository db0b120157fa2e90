"""The published figures: each held to the corpus line it cites, and the panel held to them."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from plantargets import paths
from plantargets.analysis import loading, published

from .panel_frames import row

FIGURES = loading.load_published_figures()


@pytest.mark.parametrize("rec", FIGURES.to_dict("records"), ids=lambda r: f"{r['figure']}-{r['period']}")
def test_every_published_figure_is_printed_on_its_line(rec) -> None:
    file, line = rec["source"].rsplit(":", 1)
    text = (paths.RAW_DIR / file).read_text(encoding="utf-8").split("\n")[int(line) - 1]
    assert rec["quote"] in text, f"{rec['source']} does not contain {rec['quote']!r}"
    numbers = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", rec["quote"])]
    if pd.notna(rec["value"]):
        assert rec["value"] in numbers
    if pd.notna(rec["upper"]):
        assert rec["upper"] in numbers and rec["qualifier"] == "range"
    if rec["qualifier"] == "approx":
        assert "左右" in rec["quote"]
    if rec["qualifier"] == "at_least":
        assert "以上" in rec["quote"]


def test_the_national_series_covers_2004_to_2026() -> None:
    nat = FIGURES[FIGURES["figure"] == "national_gdp_target"]
    assert sorted(nat["period"].astype(int)) == list(range(2004, 2027))
    no_target = nat[nat["value"].isna()]
    assert list(no_target["period"]) == ["2020"]
    assert list(nat[nat["qualifier"] == "range"]["period"]) == ["2016", "2019", "2026"]


def test_a_panel_that_misreads_a_year_is_flagged() -> None:
    rows = [
        row("000000", "national", "", 2019, 6.0, "range", upper=6.5),
        row("000000", "national", "", 2020, None, "missing"),
    ]
    rows.append(row("000000", "national", "", 2021, 6.5, "at_least"))  # the report says 6%以上
    check = published.national_target_check(FIGURES, pd.DataFrame(rows)).set_index("period")
    assert check.loc["2019", "match"] and check.loc["2020", "match"]
    assert not check.loc["2021", "match"]
    assert not check.loc["2004", "match"]  # a year missing from the panel is a mismatch, not a pass
