"""Indicator names in a clause: the phrase before a verb cleaned of time, place and modal words,
whether it can be a name at all, and the names a list subject stands for (A、B、C; 城乡… → 城镇…,
农村…; A、B、C占全省比重 → each a share).

The statement grammar (``statements``) reads values and verbs; this module only reads names.
"""

from __future__ import annotations

import re

from plantargets.extract.prose_words import HEAD_RE, shared_head
from plantargets.extract.statement_words import ACTION_START, COMPARED, DECLINE_VERBS, GROWTH_VERBS, LEVEL_VERBS, NOISE
from plantargets.vocab.patterns import REPORT_WORDS

SUBJECT_MAX = 24
_CODE = re.compile(r"[A-Za-z]+\d+(?:\.\d+)?")  # PM2.5, PM10: a name's code, no figure
_SHARE_TAIL = re.compile(r"占[^、和与及]{1,8}(?:比重|比例|份额)$")
# A name never ends in a conjunction (中心城、9个新城: a list of places) or a preposition (…数量向3000家).
_OPEN_END = re.compile(r"(?:[、和与及]|到|至|向|对|于|在)$")
# Any verb of a statement (生产总值突破万亿大关: 突破), for a clause without a number.
_VERB_ANYWHERE = re.compile(
    "|".join(sorted(map(re.escape, [*LEVEL_VERBS, *GROWTH_VERBS, *DECLINE_VERBS]), key=len, reverse=True))
)

# An aim printed verb first (一是提高财政收入占GDP的比重，由13%提高到13.8%; 重点控制化石能源消费): the
# indicator follows the verb.
VERB_FIRST = re.compile(r"^(?:重点|严格)?(?P<verb>提高|提升|降低|控制|减少|扩大|增加)(?P<name>[^,;，；]{2,20})$")
_DIGIT = re.compile(r"\d")


def untailed(name: str) -> str:
    """``name`` without the framing words after it (``REPORT_WORDS.NAME_TAIL``: 地方财政收入保持, …与上年)."""
    while (cut := REPORT_WORDS.NAME_TAIL.sub("", name)) != name:
        name = cut
    return name


def clean_subject(raw: str) -> str:
    """The indicator phrase: time, place and modal words removed from its front."""
    s = raw.strip()
    while True:
        t = NOISE.sub("", s).strip()
        if t == s:
            return s
        s = t


def valid_subject(name: str) -> bool:
    """An indicator phrase: short, no digits (but for a code such as PM2.5 or PM10), no action verb first, no
    conjunction or preposition last."""
    bare = _CODE.sub("", name)
    return (
        2 <= len(name) <= SUBJECT_MAX
        and not ACTION_START.match(name)
        and not _OPEN_END.search(name)
        and not re.search(r"\d|[,;:。]", bare)
    )


def list_names(subject: str, n: int) -> list[str] | None:
    """``城镇和农村居民人均可支配收入`` with 2 values → 城镇居民…, 农村居民…; ``A、B、C`` → A, B, C."""
    if n == 2 and subject.startswith("城乡") and valid_subject(subject):
        return ["城镇" + subject[2:], "农村" + subject[2:]]  # 城乡居民…分别 x和y: urban, then rural
    items = [x for x in subject.split("、") if x]  # 、 first: 研究与发展经费支出 holds 与
    if len(items) != n:
        items = [x for x in re.split(r"、|和|与|及", subject) if x]
    if len(items) != n or n < 2:
        return None
    share = _SHARE_TAIL.search(items[-1])  # A、B、C占全省比重达x、y、z: every item is a share
    if share and not any("占" in x for x in items[:-1]):
        items = [x + share.group(0) for x in items[:-1]] + [items[-1]]
    headed = shared_head(items)  # 化学需氧量、二氧化硫排放量 → 化学需氧量排放量, 二氧化硫排放量
    if headed and all(valid_subject(x) for x in headed):
        return headed
    last = items[-1]
    width = len(items[0])
    tail = last[width:] if len(last) > width + 1 else ""
    # 全市生产总值、地方财政…: an item that is a whole name keeps its head, takes no tail
    names = [it if len(it) >= len(last) - 1 or not tail or HEAD_RE.search(it) else it + tail for it in items]
    return names if all(valid_subject(x) for x in names) else None


def shared_names(subject: str, each: bool = False) -> list[str] | None:
    """The items of a list subject (A、B、C; A和B with a shared head: 二氧化硫和化学需氧量排放量 →
    二氧化硫排放量, 化学需氧量排放量; 城乡… → 城镇…, 农村…), None when it is no list of names. With
    ``each`` (A和B各4500万人) the items are whole names: 城镇新增就业, 转移农业劳动力 (not in 沈阳和大连两市的
    财力各超过150亿元, whose names share 的财力)."""
    items = [x for x in re.split(r"、|和|与|及", subject) if x]
    if each and "的" not in subject and len(items) > 1 and all(valid_subject(x) for x in items):
        return items
    if "、" in subject:
        items = [clean_subject(x) for x in subject.split("、")]
        headed = shared_head(items)  # 化学需氧量、氨氮、二氧化硫排放量 → 化学需氧量排放量, 氨氮排放量, …
        if headed and all(valid_subject(x) for x in headed):
            return headed
        return items if all(valid_subject(x) for x in items) else None
    if subject.startswith("城乡") and valid_subject(subject):
        return ["城镇" + subject[2:], "农村" + subject[2:]]
    items = [x for x in re.split(r"和|与|及", subject) if x]
    names = shared_head(items) if len(items) > 1 else None
    return names if names and all(valid_subject(x) for x in names) else None


def named_only(clause: str) -> str | None:
    """The indicator a clause without a number names before its verb (生产总值突破万亿大关 → 生产总值),
    None when it names none: it must end in an indicator head noun (总值, 收入, 率, …)."""
    if _DIGIT.search(clause):
        return None
    m = _VERB_ANYWHERE.search(clause)
    if m is None:
        return None
    name = clean_subject(clause[: m.start()])
    if not name and (first := VERB_FIRST.match(clean_subject(clause))):
        name = first.group("name")
    return name if valid_subject(name) and HEAD_RE.search(name) else None


def is_comparison(clause: str) -> bool:
    """Whether a clause compares the indicator before it with a base (see ``COMPARED``)."""
    return bool(COMPARED.match(clause))


__all__ = [
    "SUBJECT_MAX",
    "VERB_FIRST",
    "clean_subject",
    "is_comparison",
    "list_names",
    "named_only",
    "shared_names",
    "untailed",
    "valid_subject",
]
