"""Indicator names in their comparison form: what varies in print without changing the measure.

``normalise_name`` folds width, spaces, leading row numbers, bracketed asides (``(助理)``) and
the documented ``REWRITES``; it is applied to catalogue aliases and printed names alike (see
:mod:`plantargets.dataset.catalog`), so a rewrite can never make an alias unreachable.
"""

from __future__ import annotations

import re
import unicodedata

# Footnote marks printed after names (森林覆盖率①, 人均预期寿命*): removed before NFKC, which
# would otherwise turn ① into a digit that becomes part of the name.
_FOOTNOTE_MARKS = re.compile(r"[\u2460-\u2473\u2776-\u277f*※#△▲]")
_LEADING_NUMBER = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.、)．](?!\d)")
_BRACKETED = re.compile(r"\([^()]*\)")
_QUOTES = re.compile(r"[“”\"'‘’《》〈〉「」『』]")
_TRAILING_PUNCT = re.compile(r"[,:;。、.·]+$")
_CN_SMALL = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}

# Rewrites applied in order to aliases and printed names alike, so that two spellings of one
# measure meet. Each folds a variation seen in plan tables that does not change the measure.
REWRITES: tuple[tuple[str, str, str], ...] = (
    (
        r"(地区国内|国内地区|地区|国内|本地|地方)?生产总值",
        "gdp",
        "地区生产总值, 国内生产总值, 本地/地方生产总值, 生产总值 and GDP name one aggregate",
    ),
    (r"^万元", "单位", "万元GDP能耗 and 单位GDP能耗 are the same intensity"),
    (r"能源消耗", "能耗", "能耗 abbreviates 能源消耗"),
    (r"研究(与|和)(试验|实验)发展|r&d", "研发", "研发 abbreviates 研究与试验发展 (R&D); 实验 is a common misprint"),
    (r"医生", "医师", "执业医生/执业医师, 全科医生/全科医师 are used interchangeably"),
    (r"(^|每)千名?(常住)?人口?(?!次)", "每千人口", "每千人, 千人口, 每千常住人口: per 1000 residents"),
    (r"(^|每)万名?(常住)?人口?(?!次)", "每万人口", "每万人, 万人口: per 10 000 residents"),
    (r"(拥有量|数量|人数)$", "数", "发明专利拥有量/发明专利数, 医师人数/医师数"),
    (r"拥有", "", "每千人口拥有…数 = 每千人口…数"),
    (r"年均", "", "年均增长 = 增长 in a name; the period is in the column header"),
    (r"(增长率|增长速度|增速|增幅)$", "增长", "a growth rate however it is worded"),
    (r"(降低率|下降率|减少率|降幅|下降|减少|削减)$", "降低", "a reduction however it is worded"),
    (r"排放量", "排放", "排放量降低 = 排放降低"),
    (r"比例|占比|比率", "比重", "比例, 比重, 占比, 比率 all denote a share"),
    (r"的", "", "占地区生产总值的比重 = 占地区生产总值比重"),
    (r"^全社会", "", "全社会固定资产投资/固定资产投资, 全社会研发经费/研发经费"),
    (r"^(五年)?累计|(五年)?累计$", "", "a five-year total is marked in the data (cumulative), not the code"),
    (r"三类|3类", "iii类", "Ⅲ类 (NFKC: iii类) water quality"),
)
_COMPILED_REWRITES = tuple((re.compile(p), r) for p, r, _ in REWRITES)
_CN_AGE = re.compile(r"([一二三四五六七八九])(?=岁)")


def normalise_name(name: str) -> str:
    """The comparison form of a printed indicator name (see ``REWRITES`` for what is folded).

    Used on catalogue aliases and on printed names alike, so a rewrite can never make an
    alias unreachable. Bracketed text is dropped entirely: in names it holds units
    (``(%)``), abbreviations (``(GDP)``, ``(R&D)``) or asides (``(助理)``), never the measure.
    """
    s = _FOOTNOTE_MARKS.sub("", name)
    s = unicodedata.normalize("NFKC", s)
    s = re.sub(r"\s+", "", s).lower()
    s = _LEADING_NUMBER.sub("", s)
    previous = None
    while previous != s:
        previous = s
        s = _BRACKETED.sub("", s)
    s = s.replace("(", "").replace(")", "")
    s = _QUOTES.sub("", s)
    s = _TRAILING_PUNCT.sub("", s)
    s = _CN_AGE.sub(lambda m: _CN_SMALL[m.group(1)], s)
    for pattern, replacement in _COMPILED_REWRITES:
        s = pattern.sub(replacement, s)
    return s


def name_tail(normalised: str) -> str:
    """The ending that states what kind of number a name is; fuzzy matches must agree on it.

    A ratio (城乡居民收入比) is not the level its name begins with (城乡居民收入, 昆明市/2020.md:102
    城乡居民收入稳步增长); 占比 is a share as 比重 is."""
    if normalised.endswith("占比"):
        return "比重"
    for tail in ("增长", "降低", "比重", "率", "比"):
        if normalised.endswith(tail):
            return tail
    return ""
