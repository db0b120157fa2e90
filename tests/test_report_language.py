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


def test_chinese_tables_show_codes_as_words() -> None:
    """Codes seen in the zh reports' tables (screenshot review): published wording, periods,
    figures, outcome bases, regression terms and the sector-mix years read as Chinese."""
    import pandas as pd

    from plantargets.present.tables import header, styled

    # data/reference/published_figures.csv:26: national_plan_target, fyp12, 7, exact
    check = pd.DataFrame(
        {
            "figure": ["national_plan_target"],
            "period": ["fyp12"],
            "published_qualifier": ["exact"],
            "panel_qualifier": ["at_least"],
            "outcome_basis": ["computed"],
            "term": ["lag_outcome"],
        }
    )
    html = styled(check, "zh").to_html()
    assert not re.findall(
        r"[A-Za-z_]{3,}", re.sub(r"<[^>]+>|\{[^}]*\}|#T_\w+|[a-z-]+:", " ", html.split("</style>")[1])
    )
    assert "“十二五”" in html and "全国规划期年均增长目标" in html
    assert (
        header("share_2015", "zh") == "第三产业比重2015(%)" and header("share_2015", "en") == "Tertiary share 2015 (%)"
    )


def test_the_sector_pace_note_reads_in_the_report_language() -> None:
    import json

    import pandas as pd

    from plantargets.present.messages import localised_messages

    # 001:85 prints the 2015 structure 1.6:43.5:55, 001:100 the table's 56.3 (tests/test_checks.py).
    items = [
        ["pace_no_share", {"years": [2025]}],
        ["pace_clash", {"year": 2015, "text": 55.0, "text_src": "001:85", "table": 56.3, "table_src": "001:100"}],
    ]
    pace = pd.DataFrame({"note": ["no tertiary share for 2025; 2015: text 55 ..."], "note_items": [json.dumps(items)]})
    zh = localised_messages(pace, "zh").loc[0, "note"]
    assert zh == "缺少2025年的第三产业比重;2015年:正文为55(001:85),表格为56.3(001:100)"
    assert (
        localised_messages(pace, "en").loc[0, "note"].startswith("no tertiary share for 2025; 2015: text 55 (001:85)")
    )


def test_regression_point_labels_do_not_overprint() -> None:
    """The comparative-growth scatter: four targets near 10 % after about 10 % printed their
    labels over each other (screenshot review); labels that would overprint are left out."""
    import pandas as pd
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from plantargets.analysis.regression import regress_target_on_past
    from plantargets.present.regression_chart import regression_scatter

    sample = pd.DataFrame(
        {
            "past_growth": [10.0, 11.4, 10.2, 9.9, 2.0, 16.0],
            "target_growth": [10.0, 10.0, 9.5, 10.1, 13.0, 15.5],
            "series_label": [
                "Fixed-asset investment (%/yr)",
                "Total imports and exports (%/yr)",
                "Gross regional product (GDP) (real, %/yr)",
                "General public budget revenue (%/yr)",
                "Industrial value added (%/yr)",
                "Retail sales of consumer goods (%/yr)",
            ],
        }
    )
    fig = regression_scatter(sample, regress_target_on_past(sample), "en")
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.canvas.draw()
    ax = fig.axes[0]
    boxes = [txt.get_window_extent(renderer) for txt in ax.texts]
    assert len(boxes) >= 3  # the extremes keep their names
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.overlaps(b)]
    inside = ax.get_window_extent(renderer)
    assert all(b.x1 <= inside.x1 + 2 and b.x0 >= inside.x0 - 2 for b in boxes)  # none runs off the plot
    # No label lies over another point (it would read as that point's name).
    points = ax.transData.transform(sample[["past_growth", "target_growth"]].to_numpy())
    for txt, box in zip(ax.texts, boxes, strict=True):
        anchor = ax.transData.transform(txt.xy)
        others = [p for p in points if abs(p[0] - anchor[0]) + abs(p[1] - anchor[1]) > 1]
        assert not [p for p in others if box.x0 <= p[0] <= box.x1 and box.y0 <= p[1] <= box.y1], txt.get_text()


def test_english_chain_section_names_regions_in_english() -> None:
    from plantargets.present.narrative import text

    assert not _HAN.search(text("hierarchy.chains.text", "en"))
    assert "Hure (Kulun) Banner" in text("hierarchy.chains.text", "en")  # regions.csv:16


def test_heatmap_titles_have_no_nested_parentheses() -> None:
    """Notebook 02 once built '… (目标年均增速(%))' in a code cell; the titles are labels now."""
    from plantargets.analysis.parameters import BENCHMARKS
    from plantargets.present.labels import t

    for lang in ("zh", "en"):
        for benchmark in BENCHMARKS:
            for key in ("title_gap_rates", "title_gap_shares"):
                title = t(key, lang, what=t(f"benchmark_{benchmark}", lang))
                depth, deepest = 0, 0
                for ch in title:
                    depth += (ch in "(（") - (ch in ")）")
                    deepest = max(deepest, depth)
                assert deepest <= 1, title


def test_the_published_figures_finding_names_plans_in_words() -> None:
    """Report 08 said '不一致:fyp10,fyp14' (screenshot review); the plans are named in words."""
    import pandas as pd

    from plantargets.present.names import region_names
    from plantargets.present.panel_findings import published_text

    check = pd.DataFrame({"period": ["fyp10", "fyp11", "fyp14"], "match": [False, True, False]})
    (zh,) = published_text(check, "zh")
    assert "“十五”" in zh and "“十四五”" in zh and "fyp" not in zh
    assert "10th plan" in published_text(check, "en")[0]
    sources = pd.DataFrame({"doc_id": ["a"], "region_zh": ["塔城地区"], "region_en": ["Tacheng"], "doc_type": ["x"]})
    assert region_names(sources, "zh")["(all)"] == "合计"  # the total row of a table by document


def test_regression_point_labels_name_their_region() -> None:
    """Comparative growth's scatter: Hure's GDP (6.82 → 6, 003_3e4f07611e85fb5a.txt:7, :60) and the
    ETDZ's (6.6 → 9.5, 001_92a7ba0c77b212ac.txt:94, :174) both read "Gross regional product (GDP)..."."""
    import pandas as pd

    from plantargets.analysis.regression import regress_target_on_past
    from plantargets.present.regression_chart import regression_scatter

    sample = pd.DataFrame(
        {
            "past_growth": [6.82, 6.6, 2.3],
            "target_growth": [6.0, 9.5, 8.5],
            "series_label": ["Gross regional product (GDP) (real, %/yr)"] * 2
            + ["General public budget revenue (%/yr)"],
            "region": ["Hure (Kulun) Banner", "Urumqi Economic and Technological Development Zone", "Urumqi ETDZ"],
        }
    )
    fig = regression_scatter(sample, regress_target_on_past(sample), "en")
    texts = [a.get_text() for a in fig.axes[0].texts]
    assert any(s.startswith("Hure") for s in texts) and any(s.startswith("Urumqi") for s in texts)
    assert len(set(texts)) == len(texts)
