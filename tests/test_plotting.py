"""Figures: Chinese text renders with the bundled font, and every chart helper is complete.

A missing CJK glyph shows up only as a warning (matplotlib draws empty boxes), so the tests
render each figure and fail on any glyph or font-lookup warning.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from plantargets.errors import ParameterError
from plantargets.present import plotting
from plantargets.present.style import alt_text, fit_label

matplotlib.use("Agg")

GLYPH_MARKERS = ("missing from font", "glyph", "findfont")
N_REGIONS = 60
INDICATORS = ["gdp", "retail_sales", "fiscal_revenue", "fixed_asset_investment", "forest_coverage"]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.messages.append(record.getMessage())


@contextmanager
def no_font_problems() -> Iterator[None]:
    """Fail if rendering warns about a missing glyph or logs a font-lookup failure."""
    handler = _Collect()
    logger = logging.getLogger("matplotlib.font_manager")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
        problems = [str(w.message) for w in caught if any(m in str(w.message).lower() for m in GLYPH_MARKERS)]
        problems += [m for m in handler.messages if any(k in m.lower() for k in GLYPH_MARKERS)]
        assert not problems, f"font problems while rendering: {problems[:3]}"
    finally:
        logger.removeHandler(handler)


def render(fig: Figure) -> None:
    fig.savefig(io.BytesIO(), format="png")


def check_complete(fig: Figure) -> None:
    """A title, axis labels on every visible axes, and a source note."""
    assert fig.get_suptitle().strip(), "figure has no title"
    visible = [ax for ax in fig.axes if ax.get_visible() and ax.get_label() != "<colorbar>"]
    assert visible
    for ax in visible:
        assert ax.get_xlabel().strip() and ax.get_ylabel().strip(), f"axes {ax.get_title()!r} lacks a label"
    notes = [txt.get_text() for txt in fig.texts]
    assert any("PlanTargets" in n or "Source" in n or "资料来源" in n for n in notes), "no source note"


def test_chinese_text_renders_without_missing_glyphs() -> None:
    plotting.use_style()
    fig = Figure(figsize=(4, 2))
    ax = fig.add_subplot()
    ax.set_title("克孜勒苏柯尔克孜自治州 地区生产总值年均增长(%)")
    ax.set_xlabel("“十三五”实际 → “十四五”目标 −1.5 ≥ 7 左右")
    ax.plot([0, 1], [0, 1], label="库伦旗 · 塔城地区")
    ax.legend()
    with no_font_problems():
        render(fig)


def test_missing_glyph_is_detected() -> None:
    """The detector itself works: a font without CJK glyphs must trigger it."""
    fig = Figure(figsize=(2, 1))
    ax = fig.add_subplot()
    ax.set_title("地区", fontfamily="DejaVu Sans")
    with pytest.raises(AssertionError, match="font problems"), no_font_problems():
        render(fig)


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    regions = [f"测试地区{i:02d}" for i in range(N_REGIONS)]
    return pd.DataFrame(
        [(r, ind, rng.normal(6.5, 2.0), rng.normal(7.0, 1.5)) for r in regions for ind in INDICATORS],
        columns=["region", "indicator", "past_growth", "target_growth"],
    )


def _sector_mix(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    primary, secondary = rng.uniform(3, 25, n), rng.uniform(15, 45, n)
    return pd.DataFrame(
        {
            "region": [f"测试地区{i:02d}" for i in range(n)],
            "primary": primary,
            "secondary": secondary,
            "tertiary": 100 - primary - secondary,
        }
    )


NAMES = {"gdp": "地区生产总值", "retail_sales": "社会消费品零售总额"}

CHARTS: dict[str, Callable[[pd.DataFrame, str], Figure]] = {
    "dumbbell": lambda p, lang: plotting.dumbbell(p, lang=lang, facets=plotting.Facets(names=NAMES)),
    "ranking_bar": lambda p, lang: plotting.ranking_bar(
        p[p["indicator"] == "gdp"], "target_growth", lang=lang, benchmark=5.0, highlight=["测试地区03"]
    ),
    "heatmap": lambda p, lang: plotting.heatmap(
        p.pivot(index="region", columns="indicator", values="target_growth")
        - p.pivot(index="region", columns="indicator", values="past_growth"),
        lang=lang,
        names=NAMES,
    ),
    "stacked_sector_bars": lambda p, lang: plotting.stacked_sector_bars(
        _sector_mix(N_REGIONS), lang=lang, national={"primary": 7.7, "secondary": 37.8, "tertiary": 54.5}
    ),
    "small_multiples": lambda p, lang: plotting.small_multiples(
        p, "target_growth", lang=lang, facets=plotting.Facets(names=NAMES), benchmarks={"gdp": 5.0}
    ),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("chart", sorted(CHARTS))
def test_chart_helpers_with_60_regions(chart: str, lang: str, panel: pd.DataFrame) -> None:
    with no_font_problems():
        fig = CHARTS[chart](panel, lang)
        render(fig)
    check_complete(fig)


def test_top_n_cut_is_announced(panel: pd.DataFrame) -> None:
    fig = plotting.ranking_bar(panel[panel["indicator"] == "gdp"], "target_growth", lang="en", top_n=20)
    assert "Top 20 of 60" in fig.get_suptitle()
    assert len(fig.axes[0].patches) == 20
    fig = plotting.dumbbell(panel, lang="zh", facets=plotting.Facets(top_n=15))
    assert all(len(ax.get_yticks()) == 15 for ax in fig.axes if ax.get_visible())


def test_heatmap_is_centred_at_zero() -> None:
    m = pd.DataFrame({"gdp": [1.0, 3.0], "retail_sales": [2.0, np.nan]}, index=["甲", "乙"])
    fig = plotting.heatmap(m, lang="zh")
    norm = fig.axes[0].collections[0].norm
    assert norm.vcenter == 0 and norm.vmin == -3 and norm.vmax == 3


def test_unknown_language_is_a_parameter_error(panel: pd.DataFrame) -> None:
    with pytest.raises(ParameterError):
        plotting.ranking_bar(panel, "target_growth", lang="de")


def test_empty_input_says_so() -> None:
    with pytest.raises(ValueError, match="no numbers"):
        plotting.ranking_bar(pd.DataFrame({"region": ["甲"], "v": [np.nan]}), "v")


# ---------------------------------------------------------------- legibility (issue 13)

LONG = "Urumqi Economic and Technological Development Zone (Toutunhe District)"


def test_an_outlier_does_not_wash_out_the_heatmap() -> None:
    """One +44.3 among gaps of a few pp: the scale ends near the bulk, the title says it is clipped."""
    m = pd.DataFrame({"gdp": [1.0, -2.0, 0.5, 44.3], "retail_sales": [1.5, -1.0, 2.5, -0.5]}, index=list("甲乙丙丁"))
    fig = plotting.heatmap(m, lang="en")
    norm = fig.axes[0].collections[0].norm
    assert norm.vmax < 10 and norm.vmin == -norm.vmax
    assert any("clipped at ±" in txt.get_text() for txt in fig.texts)
    assert any(txt.get_text() == "44.3" for txt in fig.axes[0].texts), "the clipped cell keeps its number"
    assert "44.3" in alt_text(fig)


def test_without_outliers_the_scale_is_not_clipped() -> None:
    assert plotting.colour_limit(np.array([1.0, -3.0, 2.0, 0.5, np.nan])) == (3.0, False)


@pytest.mark.parametrize("n", [3, 300])
def test_long_english_names_stay_legible(n: int) -> None:
    """Labels are wrapped at words and cut to two lines; rows keep their height whatever n is."""
    data = pd.DataFrame({"region": [f"{LONG} {i}" for i in range(n)], "v": np.linspace(1, 9, n)})
    fig = plotting.ranking_bar(data, "v", lang="en", top_n=30)
    render(fig)
    ax = fig.axes[0]
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    assert all(len(lbl.split("\n")) <= 2 and all(len(line) <= 26 for line in lbl.split("\n")) for lbl in labels)
    assert any(lbl.endswith("…") for lbl in labels)
    rows = len(labels)
    height = ax.get_position().height * fig.get_figheight()
    assert height / rows >= 0.3, f"{rows} rows squeezed into {height:.2f} in"
    assert ax.get_position().width * fig.get_figwidth() >= 2.5, "the plot is squeezed by its labels"
    if n == 300:
        assert "Top 30 of 300" in fig.get_suptitle()


def test_fit_label_keeps_the_year_that_tells_two_bars_apart() -> None:
    assert fit_label(f"{LONG} 2015") == "Urumqi Economic and…\n2015"
    assert fit_label(f"{LONG} 2025 (target)").endswith("\n2025 (target)")
    assert fit_label("Kizilsu Kirghiz Autonomous Prefecture 2021-2025 2020").endswith("\n2021-2025 2020")


def test_fit_label_wraps_words_and_cuts_cjk() -> None:
    assert fit_label("Hure Banner") == "Hure Banner"
    assert fit_label(LONG) == "Urumqi Economic and\nTechnological Development…"
    assert fit_label("克孜勒苏柯尔克孜自治州克孜勒苏柯尔克孜自治州克孜勒苏", width=20) == (
        "克孜勒苏柯尔克孜自治\n州克孜勒苏柯尔克孜…"
    )


def test_every_chart_describes_its_numbers_in_its_alt_text(panel: pd.DataFrame) -> None:
    for name, draw in CHARTS.items():
        for lang in ("zh", "en"):
            text = alt_text(draw(panel, lang))
            assert len(text) > 40 and text != "", name
            assert re.search(r"\d+\.\d", text), f"{name} ({lang}) alt text has no number: {text[:80]}"
    gdp = panel[panel["indicator"] == "gdp"]
    top = gdp.loc[gdp["target_growth"].idxmax()]
    assert f"{top['region']} {top['target_growth']:.1f}" in alt_text(
        plotting.ranking_bar(gdp, "target_growth", lang="en")
    )


def test_panel_charts_carry_alt_text_with_their_numbers() -> None:
    # The panel reports' figures used to fall back to their title as alt text.
    import pandas as pd

    from plantargets.present import panel_charts
    from plantargets.present.style import alt_text

    rates = pd.DataFrame(
        {
            "level": ["province", "province", "prefecture"],
            "year": [2023, 2024, 2024],
            "hit_rate_pct": [59.0, 65.0, 42.0],
        }
    )
    fig = panel_charts.lines_by_level(rates, "en", title="Hit rates", n_col="n")
    assert (
        alt_text(fig)
        == 'Line chart "Hit rates": Provinces; Prefectures, 2023–2024. Latest: Provinces 65.0 (2024); Prefectures 42.0 (2024).'
    )
    hist = pd.DataFrame({"bin_left": [-0.2, -0.1, 0.0, 0.1], "bin_right": [-0.1, 0.0, 0.1, 0.2], "n": [3, 5, 9, 4]})
    fig = panel_charts.histogram(hist, "zh", title="差距")
    assert alt_text(fig) == "直方图“差距”:21个差距,8个低于0,13个不低于0。"


def test_a_gap_that_rounds_to_zero_never_reads_minus_zero() -> None:
    """Target ambition's heatmap and summary table printed Hure's -0.04 pp median gap as "-0.0"."""
    from plantargets.present.style import decimal_text
    from plantargets.present.tables import styled

    assert (
        decimal_text(-0.04, 1) == "0.0"
        and decimal_text(-0.05, 2) == "-0.05"
        and decimal_text(-1234.5, 1, True) == "-1,234.5"
    )
    html = styled(pd.DataFrame({"region": ["库伦旗"], "gap": [-0.04]}), "zh", decimals=1).to_html()
    assert ">0.0<" in html and "-0.0" not in html
    fig = plotting.heatmap(pd.DataFrame({"a": [-0.04, 2.0]}, index=["r1", "r2"]), "en")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "0.0" in texts and "-0.0" not in texts


def test_a_lone_small_gap_is_not_painted_the_darkest_colour() -> None:
    """Target ambition's share heatmap: one cell of -0.2 pp took the end of a ±0.2 scale."""
    assert plotting.colour_limit(np.array([-0.2])) == (1.0, False)
    assert plotting.colour_limit(np.array([1.0, -3.0, 2.0, 0.5])) == (3.0, False)


def test_a_small_median_keeps_its_digits_in_the_legend() -> None:
    """Comparative growth's R&D-intensity panel (Urumqi ETDZ 0.07, Hure 0.02 pp a year) read "Median 0.0"."""
    from plantargets.present.style import legend_number

    assert legend_number(0.045) == "0.045" and legend_number(35.5) == "35.5" and legend_number(-0.04) == "-0.04"
    data = pd.DataFrame({"indicator": ["rd", "rd"], "region": ["Urumqi ETDZ", "Hure"], "v": [0.07, 0.02]})
    fig = plotting.small_multiples(data, "v", "en")
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "Median 0.045" in labels


def test_a_one_row_heatmap_keeps_its_colour_bar_label_below_the_title() -> None:
    """Target ambition's share heatmap (Hure × pension coverage, -0.2 pp) drew its bar label
    past the bar's end and into the title (label top 279 px, title bottom 269 px)."""
    fig = plotting.heatmap(
        pd.DataFrame({"Basic pension insurance coverage": [-0.2]}, index=["Hure (Kulun) Banner"]),
        "en",
        value_label="Target minus national 14th-plan target (pp)",
        title="Targeted yearly change of shares against the national 14th-plan target",
    )
    fig.canvas.draw()
    bar = fig.axes[1]
    label, extent = bar.yaxis.label.get_window_extent(), bar.get_window_extent()
    title = next(t for t in fig.texts if t.get_text().startswith("Targeted"))
    assert label.y1 <= title.get_window_extent().y0 and label.y1 <= extent.y1


def test_a_year_without_a_target_breaks_the_chain_line() -> None:
    """The hierarchy report drew a straight line from 2021 to 2023 across a year with no target
    (a target nobody set); the line stops at the gap and resumes after it."""
    import numpy as np
    import pandas as pd

    from plantargets.present.panel_charts import chain_lines

    wide = pd.DataFrame({"全国": [6.0, 5.5, 5.0], "新疆": [7.0, np.nan, 7.0]}, index=[2021, 2022, 2023])
    wide.loc[2025] = [5.0, 6.5]  # 2024 missing everywhere
    fig = chain_lines(wide, "zh", title="x")
    xinjiang = fig.axes[0].get_lines()[1]
    assert list(xinjiang.get_xdata()) == [2021, 2022, 2023, 2024, 2025]
    assert np.isnan(xinjiang.get_ydata()[1]) and np.isnan(xinjiang.get_ydata()[3])


def test_a_level_line_stops_at_a_year_left_out() -> None:
    """The hierarchy report's 'amplification by year' drew provinces straight from 1998 to 2003
    across years with fewer than three pairs; the line stops there."""
    import numpy as np
    import pandas as pd

    from plantargets.present.panel_charts import lines_by_level

    df = pd.DataFrame(
        {"level": ["province"] * 3, "year": [1998, 2003, 2004], "mean_gap": [0.8, 2.3, 2.8], "n": [5, 5, 5]}
    )
    fig = lines_by_level(df, "en", y="mean_gap", title="x", min_n=3)
    line = fig.axes[0].get_lines()[0]
    assert list(line.get_xdata()) == [1998, 1999, 2000, 2001, 2002, 2003, 2004]
    assert np.isnan(line.get_ydata()[1:5]).all()


def test_a_level_with_no_point_left_has_no_legend_entry() -> None:
    """Seen at 800 px (target-realisation-en): 'National' stood in the legend with no line, since the
    nation states one outcome a year and a year needs three to be drawn."""
    import pandas as pd

    from plantargets.present.panel_charts import lines_by_level

    df = pd.DataFrame(
        {
            "level": ["national", "national", "province", "province"],
            "year": [2019, 2020, 2019, 2020],
            "hit_rate_pct": [100.0, 0.0, 70.0, 60.0],
            "n_outcomes": [1, 1, 30, 31],
        }
    )
    fig = lines_by_level(df, "en", n_col="n_outcomes", min_n=3, title="x")
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["Provinces"]
