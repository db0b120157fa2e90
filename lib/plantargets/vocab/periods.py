"""Five-year plan numbers and years.

The 6th plan (1981-1985) onwards follow a regular five-year grid, so a plan number and
its years convert arithmetically: the 14th plan is 2021-2025, the 15th 2026-2030.
"""

from __future__ import annotations

import re

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def plan_years(number: int) -> tuple[int, int]:
    """First and last year of plan ``number`` (6th plan and later)."""
    start = 1951 + 5 * number
    return start, start + 4


def plan_number(year: int) -> int:
    """The plan whose period contains ``year`` (1981 and later)."""
    return (year - 1956) // 5 + 1 if year > 1956 else 0


def cn_ordinal(s: str) -> int | None:
    """Small Chinese ordinal (一..九十九) to int: '十四' -> 14, '十' -> 10, '二十一' -> 21."""
    if not s or any(c not in _CN_DIGITS and c != "十" for c in s):
        return None
    if "十" not in s:
        return _CN_DIGITS[s] if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    t = _CN_DIGITS.get(tens, 0) if tens else 1
    o = _CN_DIGITS.get(ones, 0) if ones else 0
    if (tens and tens not in _CN_DIGITS) or (ones and ones not in _CN_DIGITS):
        return None
    return t * 10 + o


_PLAN_RE = re.compile(
    r"(?:“|\"|')?([一二三四五六七八九十]{1,3})五(?:”|\"|')?(?:规划|时期|期间|末|以来|目标|计划)|第([一二三四五六七八九十]{1,3})个五年规划"
)


def plan_mentions(text: str) -> list[int]:
    """Plan numbers mentioned in text, in order: '“十四五”时期' -> [14]."""
    if "五" not in text:
        return []  # every mention has 五 (…五规划, 个五年规划): the cheap test first, this runs per line
    out = []
    for m in _PLAN_RE.finditer(text):
        n = cn_ordinal(m.group(1) or m.group(2))
        if n:
            out.append(n)
    return out


_YEAR_RE = re.compile(r"((?:19|20)\d{2}|[一二][〇○零][〇○零一二三四五六七八九]{2})年")
# A year printed digit by digit (二〇一七, 二○三五); Ｏ and O are zeros typed by hand in some reports.
_CN_YEAR_DIGITS = dict.fromkeys("〇○零ＯO", 0) | _CN_DIGITS


def cn_year(digits: str) -> int:
    """A year printed in Chinese digits, digit by digit: 二〇三五 → 2035."""
    return int("".join(str(_CN_YEAR_DIGITS[c]) for c in digits))


def years_named(text: str) -> list[int]:
    """The years a text names, in Arabic or Chinese numerals (2035年, 二〇三五年远景目标 → [2035])."""
    return [int(y) if y.isdigit() else cn_year(y) for y in _YEAR_RE.findall(text)]
