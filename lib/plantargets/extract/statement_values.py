"""The values of a clause: which numbers a statement takes, and what the items of a list share.

Split from ``statements`` (the clause grammar). A number is a value only with a unit (or as an
index after 指数…为, a coefficient after 系数…提高到): document numbers (〔2026〕5号), quoted campaign
names ("1571"), 7×24 and the base of a comparison (在上年增长15.7%的基础上) are not. A unit or qualifier printed once after a list
(分别增长5%、6.5%左右; 分别提高1.5个和2个百分点) belongs to every item.
"""

from __future__ import annotations

import re
from dataclasses import replace

from plantargets.extract.statement_words import YEARS_MEASURE
from plantargets.extract.values import Value, find_number_spans

# Indicators printed without a unit: an index (指数…为103), a coefficient (农业灌溉用水有效利用系数提高到0.53).
_UNITLESS = re.compile(r"(?:指数(?:涨幅)?(?:控制在|为|在|保持在)?|系数(?:提高到|提高至|达到|为|保持在)?)$")


def clause_values(text: str) -> list[tuple[int, int, Value]]:
    """Value spans of a clause: a unit (年 only for a number of years: 受教育年限), or an index after 指数…为."""
    out = []
    for start, end, v in find_number_spans(text):
        if v.number is None or v.problem or (v.unit == "年" and not YEARS_MEASURE.search(text, 0, start)):
            continue
        before = text[max(0, start - 1) : start]
        if before in ("〔", "[", "【", "“", '"', "第", "×", "*") or text[end : end + 1] in ("”", '"', "号", "×", "*"):
            continue
        if not v.unit and not _UNITLESS.search(text[:start]):
            continue
        if text.startswith("的基础上", end) or (v.unit == "个" and text.startswith(("季度", "月"), end)):
            continue  # 在上年增长15.7%的基础上又增长14.5%: the base; 连续10个季度: a span of time
        if v.unit == "项" and (text.startswith("指标", end) or text[:start].endswith("指标")):
            continue  # 提出3项指标, 预期性指标12项: how many indicators a plan sets, no indicator's value
        out.append((start, end, v))
    return out


def shared_unit(values: list[Value]) -> list[Value]:
    """``分别提高1.5个和2个百分点``: a unit printed once after a list completes the items' cut one (个)."""
    last = values[-1].unit
    return [replace(v, unit=last) if v.unit and v.unit != last and last.startswith(v.unit) else v for v in values]


def shared_qualifier(values: list[Value]) -> list[Value]:
    """``分别增长5%、6.5%左右``: a qualifier printed once after a list applies to every item."""
    if len(values) < 2 or values[-1].qualifier in ("exact", "range"):
        return values
    if all(v.qualifier == "exact" for v in values[:-1]):
        return [replace(v, qualifier=values[-1].qualifier) for v in values[:-1]] + [values[-1]]
    return values


__all__ = ["clause_values", "shared_qualifier", "shared_unit"]
