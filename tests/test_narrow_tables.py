"""Tables fit an 800-px page (issue 13, screenshot review): they wrap instead of scrolling sideways.

Rendered with headless Chromium (the tool scripts/screenshot_reports.py uses) inside a
container as wide as a report's content column at an 800-px window (687 px, measured on the
built reports); skipped where Chromium is not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from plantargets.present.tables import styled
from plantargets.reports.html import house_css

CONTENT_WIDTH = 687  # px: the report's content column at an 800-px window
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")

_MEASURE = """<script>window.addEventListener('load', () => {
  const t = document.querySelector('table');
  document.body.insertAdjacentHTML('beforeend', '<pre id="M">' + t.scrollWidth + ' ' + t.clientWidth +
    ' ' + getComputedStyle(document.querySelector('th.col1')).display + '</pre>'); });</script>"""


def _fifteenth_plan_table(lang: str) -> pd.DataFrame:
    """Report 08's 15th-plan table: its ten columns, with the longest names of the seed chains."""
    region = "Urumqi Economic and Technological Development Zone" if lang == "en" else "乌鲁木齐经济技术开发区"
    return pd.DataFrame(
        {
            "region": [region, "Xinjiang Uygur Autonomous Region" if lang == "en" else "新疆维吾尔自治区"],
            "level": ["prefecture", "province"],
            "indicator": ["pm25", "gdp_growth"],
            "unit": ["微克/立方米", "%"],
            "target_number": [25.0, 5.5],
            "qualifier": ["以内", "左右"],
            "national_target": [27.0, 5.0],
            "national_qualifier": ["以内", "以上"],
            "gap_national": [-2.0, 0.5],
            "target_source": [
                "lawtext-gov/五年规划/2026-十五五规划纲要.md:158",
                "lawtext-gov/五年规划/2026-十五五规划纲要.md:152",
            ],
        }
    )


def _measure(html: str, css: str, width: int, tmp_path: Path) -> tuple[int, int, str]:
    page = tmp_path / "page.html"
    page.write_text(
        f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><style>{css}</style></head><body>'
        f'<div class="jp-RenderedHTMLCommon" style="width: {CONTENT_WIDTH if width <= 800 else 1240}px">{html}</div>'
        f"{_MEASURE}</body></html>",
        encoding="utf-8",
    )
    out = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--window-size={width},900",
            "--virtual-time-budget=2000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    found = re.search(r'<pre id="M">(\d+) (\d+) (\S+)</pre>', out)
    assert found, out[-500:]
    return int(found.group(1)), int(found.group(2)), found.group(3)


def test_report_css_has_a_narrow_page_rule() -> None:
    css = house_css()
    narrow = css[css.index("@media (max-width: 1000px)") :]
    assert "td.pt-src { white-space: normal" in narrow and "td.pt-low { display: none; }" in narrow


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_fifteenth_plan_table_fits_an_800_px_page(lang: str, tmp_path: Path) -> None:
    html = styled(_fifteenth_plan_table(lang), lang).to_html()
    scroll, _, level_header = _measure(html, house_css(), 800, tmp_path)
    assert scroll <= CONTENT_WIDTH, f"the table is {scroll}px wide in a {CONTENT_WIDTH}px column"
    assert level_header == "none"  # the low-value level column is hidden on a narrow page
    # At 1400 px nothing is hidden and the table still fits its column.
    scroll, _, level_header = _measure(html, house_css(), 1400, tmp_path)
    assert level_header != "none" and scroll <= 1240


def test_low_value_columns_are_marked_for_a_narrow_page() -> None:
    """The level beside a region's name and the table a row was found in are hidden at 800 px."""
    from plantargets.present.table_css import cell_classes, narrow_hidden, narrow_hidden_headers

    d = pd.DataFrame({"region": ["塔城地区"], "level": ["prefecture"], "table": ["fyp14_main"], "gap": [1.0]})
    classes = cell_classes(d, {"gap"})
    assert "pt-low" in classes.loc[0, "level"] and "pt-low" in classes.loc[0, "table"]
    assert "pt-low" not in classes.loc[0, "region"] and classes.loc[0, "gap"] == "pt-num"
    hidden = narrow_hidden(d, {"gap"})
    assert [s["selector"] for s in narrow_hidden_headers(d.columns, hidden)] == ["th.col1", "th.col2"]


def test_a_low_value_column_that_is_the_only_label_stays_on_a_narrow_page() -> None:
    """The hierarchy report's "amplification by level" table (notebooks/06_hierarchy.ipynb,
    ``amplification_by(linked, by=("level",))``) labels its rows by level alone: hiding the
    level at 800 px left rows of bare numbers. Its numeric low-value column still goes."""
    from plantargets.present.table_css import cell_classes, narrow_hidden, narrow_hidden_headers

    d = pd.DataFrame({"level": ["省级", "地级"], "n": [12, 30], "mean_pp": [0.4, 0.9], "n_parent": [12, 30]})
    numeric = {"n", "mean_pp", "n_parent"}
    assert narrow_hidden(d, numeric) == {"n_parent"}
    assert "pt-low" not in cell_classes(d, numeric).loc[0, "level"]
    assert [s["selector"] for s in narrow_hidden_headers(d.columns, narrow_hidden(d, numeric))] == ["th.col3"]
    styler = styled(d, "zh")
    assert "th.col0" not in str(styler.table_styles)


def _profile_table() -> pd.DataFrame:
    """Report 04's fourteen-column indicator table: Tacheng's rows as the built
    region-tacheng-fyp14 indicators.csv holds them (004_f3c3abe848757c8b.txt:63, 85, 108)."""
    src = "004_f3c3abe848757c8b.txt"
    return pd.DataFrame(
        {
            "table": ["fyp14_main", "fyp14_main", "fyp14_main"],
            "category": ["经济发展", "创新驱动", "民生福祉"],
            "name": ["地区生产总值增长", "全社会研发经费投入增长", "城镇新增就业人数"],
            "unit": ["%", "%", "万人次"],
            "base_year": [2020, 2020, 2020],
            "base_value": [4.3, None, 3.12],
            "target_year": [2025, 2025, 2025],
            "target_value": [None, None, 10.5],
            "role": ["target", "target", "target"],
            "annual_growth": [None, 7.0, None],
            "target_text": ["保持在合理区间、各年度增长视情提出", ">7、力争投入强度高于“十三五”时期实际", ""],
            "qualifier": ["text", "at_least", "exact"],
            "attribute": ["预期性", "预期性", "预期性"],
            "source": [f"{src}:63", f"{src}:85", f"{src}:108"],
        }
    )


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_fourteen_column_profile_table_fits_a_1400_px_page(lang: str, tmp_path: Path) -> None:
    """It scrolled by up to 150 px in the 1,230-px content column of a 1,400-px window."""
    html = styled(_profile_table(), lang).to_html()
    scroll, client, _ = _measure(html, house_css(), 1400, tmp_path)
    assert scroll <= client, f"the table is {scroll}px wide in a {client}px column"
    scroll, _, _ = _measure(html, house_css(), 800, tmp_path)
    assert scroll <= CONTENT_WIDTH


def test_a_low_value_label_the_rows_need_stays_on_a_narrow_page() -> None:
    """The wording report's table by level and period (notebooks/07_target_wording.ipynb,
    ``hardness_shares(..., by=("level", "period"))``) repeats each period once per level: at 800 px
    hiding the level left three rows "1981–1985" that nothing told apart."""
    from plantargets.present.table_css import narrow_hidden

    d = pd.DataFrame(
        {"level": ["全国", "省级", "地级"], "period": ["1981–1985"] * 3, "n": [4, 5, 1], "approx": [0.0, 0.0, 100.0]}
    )
    assert narrow_hidden(d, {"n", "approx"}) == set()
    periods = d.assign(period=["1981–1985", "1986–1990", "1991–1995"], level=["全国"] * 3)
    assert narrow_hidden(periods, {"n", "approx"}) == {"level"}  # the periods alone tell these rows apart
