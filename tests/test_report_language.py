"""English reports name regions in English; Chinese ones in Chinese (issue 13, screenshot review)."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

from plantargets.analysis import hierarchy, outcomes
from plantargets.dataset.regions import load_regions
from plantargets.present.names import chain_names, panel_region_names
from plantargets.present.panel_charts import chain_lines

from .panel_frames import panel

_HAN = re.compile(r"[\u4e00-\u9fff]")


def _hure_chain():
    chains = hierarchy.seed_chains(outcomes.series(panel()), load_regions())
    return chains[chains["chain"] == "hure"]


def test_an_english_chain_chart_names_its_regions_in_english() -> None:
    chain = _hure_chain()
    # data/reference/regions.csv:2,10,15,16: 中国 China → 内蒙古自治区 → 通辽市 Tongliao → 库伦旗 Hure (Kulun) Banner
    names = chain_names(chain, "en")
    assert list(names.values()) == ["China", "Inner Mongolia Autonomous Region", "Tongliao", "Hure (Kulun) Banner"]
    assert chain_names(chain, "zh")["150524"] == "库伦旗"
    fig = chain_lines(hierarchy.chain_matrix(chain, names), "en", title="Hure")
    legend = [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
    ticks = [t.get_text() for ax in fig.axes for t in ax.get_xticklabels() + ax.get_yticklabels()]
    assert "China" in legend
    assert not [s for s in legend + ticks if _HAN.search(s)]


def test_an_english_panel_table_names_regions_in_english() -> None:
    d = outcomes.series(panel())
    shown = panel_region_names(d, "en")
    national = shown.loc[shown["region_code"] == "000000", "region"]
    assert set(national) == {"China"}  # regions.csv:2
    assert panel_region_names(d, "zh") is d  # the Chinese report keeps the panel's names
