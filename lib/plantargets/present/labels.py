"""Chinese and English texts for chart titles, axes, legends and table headers.

Reports come in two languages; keeping every visible label here (rather than in each chart
call) keeps the two versions in step and the units next to the words. Units are part of the
label: ``(%)`` for rates and shares, ``(pp)`` / ``(百分点)`` for differences of rates.
"""

from __future__ import annotations

import difflib

from plantargets.errors import ParameterError

LANGS = ("zh", "en")

LABELS: dict[str, dict[str, str]] = {
    # growth and ambition
    "target_growth": {"zh": "目标年均增速(%)", "en": "Target annual growth (%)"},
    "past_growth": {"zh": "“十三五”实际年均增速(%)", "en": "13th-plan realised annual growth (%)"},
    "target": {"zh": "“十四五”目标", "en": "14th-plan target"},
    "past": {"zh": "“十三五”实际", "en": "13th-plan realised"},
    "target_minus_past": {"zh": "目标减实际(百分点)", "en": "Target minus realised (pp)"},
    "target_past_ratio": {"zh": "目标/实际(倍)", "en": "Target / realised (ratio)"},
    "gap_national": {"zh": "与全国目标之差(百分点)", "en": "Gap to national target (pp)"},
    "gap_parent": {"zh": "与上级目标之差(百分点)", "en": "Gap to parent target (pp)"},
    "gap_peers": {"zh": "与同级地区均值之差(百分点)", "en": "Gap to peer mean (pp)"},
    "amplification": {"zh": "目标层层加码(百分点)", "en": "Target amplification (pp)"},
    "national": {"zh": "全国", "en": "National"},
    "parent": {"zh": "上级地区", "en": "Parent region"},
    "peer_mean": {"zh": "同级均值", "en": "Peer mean"},
    "median": {"zh": "中位数", "en": "Median"},
    "gdp_growth_target": {"zh": "地区生产总值增长目标(%)", "en": "GDP growth target (%)"},
    "pp_per_year": {"zh": "年均变化(百分点)", "en": "Change per year (pp)"},
    "implied_cagr": {"zh": "隐含年均复合增速(%)", "en": "Implied compound annual growth (%)"},
    "stated_growth": {"zh": "文件所列年均增速(%)", "en": "Stated annual growth (%)"},
    # style of target setting
    "specificity": {"zh": "有量化目标的指标占比(%)", "en": "Indicators with a numeric target (%)"},
    "binding_share": {"zh": "约束性指标占比(%)", "en": "Binding (约束性) indicators (%)"},
    "category": {"zh": "类别", "en": "Category"},
    # structure
    "sector_share": {"zh": "占地区生产总值比重(%)", "en": "Share of GDP (%)"},
    "primary": {"zh": "第一产业", "en": "Primary"},
    "secondary": {"zh": "第二产业", "en": "Secondary"},
    "tertiary": {"zh": "第三产业", "en": "Tertiary"},
    "tertiary_share": {"zh": "第三产业比重(%)", "en": "Tertiary share of GDP (%)"},
    "structural_change": {"zh": "结构变化指数(百分点)", "en": "Structural change index (pp)"},
    # generic
    "region": {"zh": "地区", "en": "Region"},
    "indicator": {"zh": "指标", "en": "Indicator"},
    "value": {"zh": "数值", "en": "Value"},
    "year": {"zh": "年份", "en": "Year"},
    "n_regions": {"zh": "地区数", "en": "Regions"},
    "showing_top": {"zh": "显示前{n}个(共{total}个)", "en": "Top {n} of {total} shown"},
    "others": {"zh": "其他", "en": "Others"},
    "real_stated": {"zh": "实际增速(文件所列)", "en": "real (stated)"},
    "nominal_implied": {"zh": "名义增速(按现价水平推算)", "en": "nominal (implied from current-price levels)"},
    "unconfirmed_note": {
        "zh": "注:标*的基准值尚未经来源核实。",
        "en": "Note: values marked * are not yet confirmed by a source.",
    },
    # titles and source notes
    "title_dumbbell": {"zh": "“十三五”实际增速与“十四五”目标", "en": "13th-plan realised growth and 14th-plan targets"},
    "title_ranking": {"zh": "各地区目标排序", "en": "Regions ranked by target"},
    "title_heatmap": {"zh": "地区×指标", "en": "Region × indicator"},
    "title_sector_mix": {"zh": "三次产业结构", "en": "Three-sector structure of GDP"},
    "title_small_multiples": {"zh": "分指标比较", "en": "Comparison by indicator"},
    "source_plans": {
        "zh": "资料来源:各地区“十四五”规划纲要及政府工作报告,PlanTargets 提取。",
        "en": "Source: regional 14th five-year plan outlines and work reports, extracted by PlanTargets.",
    },
    "source_plans_reference": {
        "zh": "资料来源:各地区规划纲要(PlanTargets 提取);全国及省级基准见 data/reference/README.md。",
        "en": "Sources: regional plan outlines (extracted by PlanTargets); national and provincial "
        "benchmarks as documented in data/reference/README.md.",
    },
}


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a supported language, else raise ParameterError listing them."""
    if lang not in LANGS:
        raise ParameterError(f"unknown language {lang!r}; valid: {', '.join(LANGS)}")
    return lang


def t(key: str, lang: str = "zh", **fmt: object) -> str:
    """The label ``key`` in ``lang`` ('zh' or 'en'), with ``{placeholders}`` filled from ``fmt``.

    An unknown language raises ParameterError (a report parameter names it); an unknown key
    raises KeyError naming the closest keys, because a typo would otherwise print a raw key
    on a published chart.
    """
    check_lang(lang)
    if key not in LABELS:
        close = difflib.get_close_matches(key, LABELS, n=3)
        raise KeyError(f"no label {key!r}" + (f"; did you mean {', '.join(close)}?" if close else ""))
    text = LABELS[key][lang]
    return text.format(**fmt) if fmt else text
