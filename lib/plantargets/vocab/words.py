"""Words of the plans that several stages must read the same way.

Attributes (预期性/约束性), the words that make an indicator name a growth rate or a change,
the names whose stated growth is real, and the qualifiers a value can carry. Each list is
here once; the extractor, the checks and the analysis import it.
"""

from __future__ import annotations

import re

# The attribute column of an indicator table: anticipatory (a forecast) or binding (a duty).
ANTICIPATORY = "预期性"
BINDING = "约束性"
ATTRIBUTES = (ANTICIPATORY, BINDING)

# A name with one of these is itself a growth rate (地区生产总值增长, %): its values are rates.
GROWTH_WORDS = ("增长", "增速", "增幅")
GROWTH_NAME_RE = re.compile("|".join(GROWTH_WORDS))
# Verbs before a figure that make it a rate of change of the indicator (annual_growth). The work-report
# reader's statements read prices and rates this way too (上涨, 涨幅, 提高, 回升); the general prose reader only
# a series' growth, with its 年均/实际 forms spelled out (its suffix tables match whole words).
GROWTH_VERBS = ("年均增长", "增长速度", "年均递增", "平均增长", "增长", "增速", "增幅", "递增", "上涨", "上涨幅度", "涨幅",
                "上升", "提高", "回升")  # fmt: skip
PROSE_GROWTH_VERBS = ("年均实际增长", "年均增长", "年均增速", "年均增幅", "年均递增", "平均增长", "实际增长", "增长",
                      "增速", "增幅", "递增")  # fmt: skip
# Decline verbs: the indicator is the reduction itself (能耗降低2.5%), as plan tables print it; the general
# prose reader takes the first three (回落, 削减, 减排 there describe, they set no reduction).
DECLINE_VERBS = ("下降", "降低", "减少", "回落", "削减", "减排")
PROSE_DECLINE_VERBS = DECLINE_VERBS[:3]
# Growth verbs of terse reports, read only right before their figure (社会消费品零售额…，比增15.7%: 比上年
# 增长). A bare 增 is not one: 净增157亿元 is an increment, 新增 a count (吉林省/2007.md:39 地区生产总值增12%
# stays unread).
GROWTH_BEFORE_FIGURE = ("比增",)
# A name with one of these states a change (a growth rate or a reduction), not a level.
CHANGE_MARKERS = (*GROWTH_WORDS, "涨幅", "降低", "下降", "降幅", "减少", "削减")
# A name with one of these (and a % or ‰ unit) is a share or rate, bounded by 100 % / 1000 ‰.
SHARE_MARKERS = ("率", "比重", "占比", "比例", "覆盖率")
# Rates against a plan or a capacity, which pass 100% when the plan is beaten (浙江省/2025.md:22 投资完成率
# 119.7%, 甘肃省/2012.md:44 开工率104.6%, 巴彦淖尔市/2021.md:19 规模以上工业企业产销率101.2%): no share's bound.
UNBOUNDED_RATES = ("完成率", "开工率", "产销率", "执行率")
# Names whose stated growth is at comparable prices by statistical convention (GDP, value added,
# labour productivity = real GDP per worker). Other stated rates (revenue, retail sales,
# investment, incomes) are usually nominal in plans but rarely say so. A convention, not evidence:
# the analyses call a rate real only where the text says so (vocab.comparability.price_basis).
REAL_GROWTH_NAME_RE = re.compile(r"生产总值|增加值|GDP|劳动生产率")

# Modal and framing words a target sentence puts before or after an indicator's name (地区生产总值力争
# 增长7%, 要力争地区生产总值…, 预期今年全省…, 生产总值确保增长11%, 全力争取地区生产总值增长8%左右): no part of the name. A regex
# alternation; 预期寿命, 要素 and 主要 are words of names, not these words.
MODAL_WORDS = r"全力争取|全力确保|奋力|力争|力保|确保|争取|努力|力求|预期(?!寿命)|(?<![主重需必只])要(?![素求])"

# Header cells that name an indicator table's name column (compacted text, exact match): the
# table reader (extract.cells.header_role) and the OCR grid (read.ocr_grid) read them alike.
NAME_HEADERS = ("指标", "指标名称", "主要指标", "指标项", "名称", "二级指标", "具体指标", "指标内容")

# How a value relates to its number (extract.values.Value.qualifier).
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range", "text", "missing")


def is_change_name(name: str) -> bool:
    """True when an indicator name states a change (增长, 下降…) rather than a level."""
    return any(m in name for m in CHANGE_MARKERS)
