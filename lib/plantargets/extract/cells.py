"""Recognising what a single table cell is: a header, a unit, a value, a category, a name.

Tables in plan documents arrive in many export layouts, but the cells themselves are
stable: headers say 指标名称 / 单位 / 2020年 / 年均增长 / 属性 in some order, units are short
tokens (亿元, 万人次, ‰), attributes are 预期性 or 约束性, values carry digits, dashes or a
commitment phrase (控制在…以内). ``tables`` decides structure from these meanings, never from a
cell's position alone, so the same code reads permuted, shortened and broken rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plantargets.read.text import compact
from plantargets.vocab.periods import plan_mentions, plan_years
from plantargets.vocab.units import CELL_MAGNITUDE_CHARS, CELL_UNITS
from plantargets.vocab.words import ATTRIBUTES, NAME_HEADERS

_CJK = r"\u3400-\u9fff"
_HAS_CJK = re.compile(f"[{_CJK}]")
# Precompiled: re.sub(<pattern text>, ...) looks the pattern up in re's cache on every call.
_ONLY_CJK = re.compile(f"^[{_CJK}、]+$")
_SPACE_NEAR_CJK = re.compile(f"(?<=[{_CJK}\\W])\\s+|\\s+(?=[{_CJK}\\W])")
# Parenthesised glosses: a scope or definition printed inside a name cell.
_GLOSS = re.compile(r"\([^()]*\)")
# A cell longer than this (outside parentheses) is running text, not a name or value.
MAX_CELL_TEXT = 40
_QUOTES = str.maketrans("", "", "“”\"'‘’《》「」")

# Leading row numbers: '1.', '12、', '3．', '(4)', '1 地区…'. A bare number glued to text
# ('5G基站', '5岁以下儿童死亡率') is part of the name, so a separator is required.
_SEQ_PREFIX = re.compile(r"^\s*(?:\((\d{1,3})\)|(\d{1,3})\s*(?:[、．)]|[.,](?!\d))|(\d{1,3})\s+(?=\D))\s*")
_DASH = re.compile(r"^[-—－―─~/…\\]+$")


# Unit vocabulary: magnitude prefixes times base units, joined by '/', '·' or nothing
# ('万吨标煤', '万元/人', '人/万人', '/10万'). Kept as data here because the catalogue of
# units is small and closed; an unknown unit simply stays in the name.
_MAGNITUDE = f"(?:{'|'.join(CELL_MAGNITUDE_CHARS)})*"
_BASE_UNITS = "|".join(re.escape(u) for u in CELL_UNITS)
_UNIT_ATOM = f"{_MAGNITUDE}(?:{_BASE_UNITS})"
_UNIT = re.compile(f"^/?{_MAGNITUDE}{_UNIT_ATOM}(?:[/·]?{_UNIT_ATOM}|/{_MAGNITUDE})*$")

# Words that make a non-numeric cell a target or commitment rather than a name.
_TARGET_WORDS = re.compile(
    "控制|保持|高于|低于|不低于|不高于|达到|同步|以内|以上|以下|左右|力争|视情|下达|要求|确保|稳定在|基本|持平|完成|平均水平"
)
_ORG = re.compile(f"^[{_CJK}]{{1,14}}(?:局|委|办|厅|部|院|中心|公司|集团|办公室|委员会|政府|队|站|所)$")
_NOTE_START = re.compile(r"^(?:注|说明|备注|资料来源|数据来源)\s*[:：0-9.、]")
_TITLE_START = re.compile(r"^(?:专栏|附表|表)\s*\S")
_TITLE_WORDS = re.compile("指标|完成情况|执行情况|目标|一览表")
REVIEW_WORDS = re.compile("完成情况|执行情况|实施情况|完成表|评估")


def has_cjk(s: str) -> bool:
    return bool(_HAS_CJK.search(s))


def compact_name(s: str) -> str:
    """Drop whitespace next to Chinese text ('每万人拥有高价值 发明专利数'), keep 'R D' style gaps.

    Word and PDF exports wrap long cells with a space or newline; in Chinese text that
    whitespace carries no meaning, between two Latin words it does.
    """
    return _SPACE_NEAR_CJK.sub("", s.strip())


def split_seq(s: str) -> tuple[str, str]:
    """Split a leading row number off a name: '1.地区生产总值增长' -> ('1', '地区生产总值增长')."""
    m = _SEQ_PREFIX.match(s)
    if not m or not s[m.end() :].strip():
        return "", s.strip()
    return next(g for g in m.groups() if g), s[m.end() :].strip()


def unit_list(s: str) -> list[str]:
    """Units in a parenthesis, in order: '万人次,%' -> ['万人次', '%']; [] when not all units."""
    parts = [compact(p) for p in re.split(r"[,、;]", s) if p.strip()]
    if parts and all(is_unit(p) for p in parts):
        return parts
    return [compact(s)] if is_unit(s) else []


_TRAILING_PAREN = re.compile(r"^(.*\S)\s*\(([^()]*)\)\s*$")


def split_unit(name: str) -> tuple[str, str]:
    """Move a trailing '(unit)' out of a name: '地区生产总值增长(%)' -> ('地区生产总值增长', '%').

    Only unit-like parentheses move; '老年护理床位数(老年医养床位数)' keeps its gloss.
    """
    m = _TRAILING_PAREN.match(name)
    if not m or not unit_list(m.group(2)):
        return name, ""
    return m.group(1).strip(), m.group(2).strip()


def is_unit(s: str) -> bool:
    """A short unit token such as '%', '亿元', '万吨 标煤', '万元/人', '人/万人'."""
    c = compact(s)
    return 0 < len(c) <= 10 and bool(_UNIT.match(c))


def is_attribute(s: str) -> bool:
    return compact(s) in ATTRIBUTES


_SEQ_CELL = re.compile(r"^\(?\d{1,3}[.、．)]?$")


def is_seq_cell(s: str) -> bool:
    """A cell holding only a row number ('1', '12.', '(3)')."""
    return bool(_SEQ_CELL.match(compact(s)))


def is_dash(s: str) -> bool:
    """'—', '－', '-', '/', '——': printed for 'no value'."""
    return bool(_DASH.match(compact(s)))


def is_org(s: str) -> bool:
    """A responsible-department cell (发改委, 统计局, 生态环境分局, '发改委、统计局')."""
    parts = [p for p in re.split(r"[、,/]", compact(s)) if p]
    return bool(parts) and all(_ORG.match(p) for p in parts)


def is_target_text(s: str) -> bool:
    """A commitment printed as words: 控制在自治区下达指标内, 高于GDP增长, 达到市里要求."""
    return bool(_TARGET_WORDS.search(s)) and not is_attribute(s)


def is_value(s: str) -> bool:
    """A number, a no-value dash or a worded target: anything a value column holds."""
    c = compact(s)
    return bool(c) and (any(ch.isdigit() for ch in c) or is_dash(c) or is_target_text(c))


def is_sentence(s: str) -> bool:
    """Running text (a note or a summary), not a cell of an indicator row.

    Length alone marks running text only outside parentheses: a name with a long gloss
    ('地表水达到或好于Ⅲ类水体比例(按照国家和自治区下达的考核断面及考核目标执行,含跨界断面)') is
    still a name.
    """
    c = compact(s)
    return "。" in c or len(_GLOSS.sub("", c)) > MAX_CELL_TEXT or len(c) > 3 * MAX_CELL_TEXT


def is_category(s: str) -> bool:
    """Short Chinese text with no digits: 经济发展, 民 生 福 祉, 安全保障."""
    c = compact(s)
    return (
        2 <= len(c) <= 8
        and bool(_ONLY_CJK.match(c))
        and not is_attribute(c)
        and not is_unit(c)
        and not is_target_text(c)
    )


def is_name(s: str) -> bool:
    """Could be an indicator name: text, not a unit, attribute, dash or bare number."""
    c = compact(s)
    if not c or is_attribute(c) or is_unit(c) or is_dash(c) or is_seq_cell(c) or is_sentence(c):
        return False
    letters = sum(1 for ch in c if _HAS_CJK.match(ch) or ch.isalpha())
    return letters >= 2 and not _looks_numeric(split_seq(c)[1])


_NUMERIC_LEAD = re.compile(r"^([<>≥≤≈\[〔(+]|约|不低于|不高于)?-?\d[\d.,]*")


def _looks_numeric(c: str) -> bool:
    """'≥35', '98以上', '2.5%以内', '0.2-0.3人' are values; '5岁以下儿童死亡率' is a name."""
    m = _NUMERIC_LEAD.match(c)
    if not m:
        return False
    return bool(m.group(1)) or len(c) - m.end() <= 5


def is_note(s: str) -> bool:
    return bool(_NOTE_START.match(s.strip()))


def is_title(s: str) -> bool:
    """A table caption: '专栏2 “十四五”时期…主要指标', '表1 …', '…主要指标完成情况'."""
    t = s.strip().strip("|").strip()
    if not t or "。" in t or len(t) > 60:
        return False
    if _TITLE_START.match(t):
        return True
    return bool(_TITLE_WORDS.search(t)) and len(compact(t)) >= 6 and not is_target_text(t)


@dataclass(frozen=True)
class HeaderCell:
    """What a header cell announces: its role and, for a year column, the year."""

    role: str
    year: int | None = None


_YEAR_HEADER = re.compile(r"^((?:19|20)\d{2})年?(.*)$")


def header_role(cell: str) -> HeaderCell | None:
    """The meaning of a header cell, or None when it is not a header word.

    Year columns come back as role 'year' (tables decide base vs target by comparing
    years); a target column without a year ('“十四五”目标值') gets the plan's last year.
    """
    c = compact(cell).translate(_QUOTES)
    if not c or len(c) > 16:
        return None
    if "属性" in c or c in ("性质", "指标性质", "指标类型"):
        return HeaderCell("attribute")
    if "年均" in c or "累计" in c or c in ("增速", "增长", "增速(%)", "增长(%)", "增长%"):
        return HeaderCell("annual")
    m = _YEAR_HEADER.match(c)
    if m:
        rest = m.group(2)
        if re.search("实际|完成|预计完成", rest):
            return HeaderCell("actual", int(m.group(1)))
        return HeaderCell("year", int(m.group(1)))
    if c in ("类别", "分类", "类型", "领域", "指标类别", "一级指标"):
        return HeaderCell("category")
    if c in ("序号", "编号", "序"):
        return HeaderCell("seq")
    if c in NAME_HEADERS:
        return HeaderCell("name")
    if c in ("单位", "计量单位", "指标单位"):
        return HeaderCell("unit")
    if c.endswith(("责任单位", "牵头单位", "责任部门", "牵头部门", "责任主体")) or c == "备注":
        return HeaderCell("ignore")
    if c in ("统计口径", "口径", "统计范围"):
        return HeaderCell("scope")
    if c.endswith(("目标值", "规划目标", "目标", "预期目标", "规划值")):
        mentions = plan_mentions(cell)
        return HeaderCell("target", plan_years(mentions[0])[1] if mentions else None)
    return None
