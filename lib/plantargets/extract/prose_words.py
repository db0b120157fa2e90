"""The words of prose facts: indicator heads, verbs, time and noise words, and reading a subject.

Each list is general Chinese plan language, not taken from one document (see ``extract.prose``
for how the reader uses them). A clause is read as *subject + verb + value*: ``values_in`` finds
the values, ``split_verb`` the verbs before one, ``clean_subject``/``valid_subject`` the indicator.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from plantargets.extract.values import Value, find_number_spans
from plantargets.vocab.patterns import NAME_WORDS, PROSE_WORDS, REPORT_WORDS
from plantargets.vocab.words import GROWTH_BEFORE_FIGURE, MODAL_WORDS, PROSE_DECLINE_VERBS, PROSE_GROWTH_VERBS

# ---------------------------------------------------------------------------------------------
# Vocabulary. Each list is general Chinese plan language, not taken from one document.

# A subject is an indicator phrase only when it ends with one of these head nouns.
_HEADS = (
    "居民人均可支配收入", "人均可支配收入", "生产总值", "增加值", "收入", "投资", "投入", "总额", "零售额",
    "产量", "产值", "产出", "率", "比重", "比例", "占比", "强度", "人口", "人数", "面积", "总量", "用量",
    "能耗", "消耗", "排放量", "浓度", "天数", "涨幅", "增幅", "降幅", "增速", "指数", "寿命", "床位数",
    "拥有量", "保有量", "储量", "装机", "装机容量", "规模", "里程", "密度", "余额", "存栏", "出栏",
    "游客", "人次", "产能", "数量", "总数", "GDP", "CPI",
)  # fmt: skip
HEAD_RE = re.compile("(?:" + "|".join(sorted(map(re.escape, _HEADS), key=len, reverse=True)) + ")$")
# A head noun anywhere. Every prose fact is named by a phrase cut from its own sentence that ends in a
# head noun (``valid_subject``, ``shared_head``, ``area_aggregate``), so a sentence holding none states
# no fact and its clauses need not be read (three sentences in five that hold a number).
# The economy's growth (经济增长速度要达到9%左右, 经济年均增长8%: ``area_aggregate``) is named without a head noun.
ANY_HEAD = re.compile(
    "|".join(sorted(map(re.escape, _HEADS), key=len, reverse=True)) + "|经济(?:年均|平均|实际|比)?[增递]"
)
# Verbs between a subject and its value, longest first; the qualifier they imply when the
# value itself carries none (突破 900 means at least 900).
LEVEL_VERBS: dict[str, str] = {
    "达到": "", "达": "", "实现": "", "控制在": "at_most", "稳定在": "", "保持在": "", "维持在": "",
    "提高到": "", "提高至": "", "提升到": "", "提升至": "", "上升到": "", "上升至": "", "增加到": "",
    "增加至": "", "增至": "", "降低到": "", "降低至": "", "降到": "", "降至": "", "下降到": "",
    "下降至": "", "突破": "at_least", "超过": "at_least", "不低于": "at_least", "不少于": "at_least",
    "高于": "at_least", "不高于": "at_most", "不超过": "at_most", "低于": "at_most", "为": "", "在": "",
    "力争": "", "约": "approx",
}  # fmt: skip
# Leading words that are not part of an indicator name: the shared ones (``NAME_WORDS.NOISE``: time, place,
# framing) and this reader's own: bullets (●•) and spaces of plan outlines, 届时/于/全部/累计 of plan prose,
# 实现/完成 only before a name of two characters or more (完成率 is a name), 全乡/全镇 of county documents,
# a year printed with a space (2025 年), a plan's opening (“十四五”初).
_NOISE = re.compile(
    r"^(?:[\s—\-·●•*“”\"'《》]|\(?[一二三四五六七八九十\d]{1,2}[)、.]|"
    rf"{NAME_WORDS.NOISE.pattern}|"
    r"届时|于|全部|(?:五年)?累计|(?:实现|完成)(?=.{2})|全(?:乡|镇)|"
    r"(?:19|20)\d{2}\s+年(?:底|末)?(?:的)?|"
    r"“?十[一二三四五六七八九]五”?(?:规划)?(?:时期|期间|末|期末|以来|初)?(?:的)?|"
    rf"{MODAL_WORDS})+"
)
# 分别 pairs list items with values; 均 ("all") gives every item the same value. 均 counts only
# right before a verb: 人均, 年均 and 平均 are parts of names and rates.
LIST_ADVERB = re.compile(
    r"分别|(?<![人年平])均(?="
    + "|".join(sorted(list(LEVEL_VERBS) + list(PROSE_GROWTH_VERBS), key=len, reverse=True))
    + ")"
)

# The last character of every head noun: HEAD_RE is anchored at the end, so a phrase whose
# last character is not among these cannot be a subject.
# ('$' also matches before a final newline, hence the '\n'.)
HEAD_LAST = frozenset(h[-1] for h in _HEADS) | {"\n"}
_TRAILING_JOINER = re.compile(rf"(?:的|,|、|{MODAL_WORDS})$")


def suffix_table(words: Iterable[str]) -> tuple[tuple[int, frozenset[str]], ...]:
    """Words grouped by length, longest first, for ``longest_suffix``."""
    by_len: dict[int, set[str]] = {}
    for w in words:
        by_len.setdefault(len(w), set()).add(w)
    return tuple((n, frozenset(by_len[n])) for n in sorted(by_len, reverse=True))


def longest_suffix(text: str, table: tuple[tuple[int, frozenset[str]], ...]) -> str:
    """The longest word of ``table`` that ends ``text``, or ''.

    One set lookup per word length instead of ``endswith`` per word. Two words of the same
    length cannot both end a text, so the longest match is the one a longest-first scan finds.
    """
    for n, words in table:
        if text[-n:] in words:
            return text[-n:]
    return ""


_LEVEL_VERB_SUFFIXES = suffix_table(LEVEL_VERBS)
# The growth verbs whose suffixes are also verbs (年均增长, 增长) are listed longest first, so
# the longest match equals the first match in their printed order.
_GROWTH_OR_DECLINE_SUFFIXES = suffix_table(PROSE_GROWTH_VERBS + GROWTH_BEFORE_FIGURE + PROSE_DECLINE_VERBS)
HAS_GROWTH = re.compile("|".join(map(re.escape, PROSE_GROWTH_VERBS + GROWTH_BEFORE_FIGURE)))
# Every cue sentence_tense and clause_time read: a year needs 年, a plan name 十, the rest
# are the cue words. Text without any of them keeps the tense it inherits (most sentences).
TIME_CUE = re.compile(
    "年|十|"
    + "|".join(p.pattern for p in (PROSE_WORDS.FORWARD_WORDS, PROSE_WORDS.PAST_WORDS, PROSE_WORDS.PRESENT_WORDS))
)


@dataclass
class Segment:
    """A value in a clause: its span, unit and reading by the value grammar."""

    vstart: int
    vend: int
    unit: str
    value: Value


# ---------------------------------------------------------------------------------------------
# Values, verbs and subjects


def values_in(text: str) -> list[Segment]:
    """Value spans with a unit in a clause, read by the shared value grammar.

    Years (unit 年) are time cues, not values; a number without a unit in prose is a code,
    a label or a count word, never an indicator value.
    """
    out = []
    for start, end, v in find_number_spans(text):
        if v.number is None or v.problem or v.unit in ("", "年") or v.qualifier == "missing":
            continue
        if not PROSE_WORDS.VALUE_END.match(text, end):
            continue  # 62%的行政村, 2万只的养殖场: the number describes a noun, it is no predicate
        out.append(Segment(start, end, v.unit, v))
    return out


def split_verb(pre: str) -> tuple[str, str, str]:
    """Split the text before a value into (subject part, growth verb, level verb)."""
    pre = pre.rstrip()
    level = longest_suffix(pre, _LEVEL_VERB_SUFFIXES)
    pre = pre[: len(pre) - len(level)].rstrip()
    growth = longest_suffix(pre, _GROWTH_OR_DECLINE_SUFFIXES)
    pre = pre[: len(pre) - len(growth)]
    return pre, growth, level


def clean_subject(raw: str) -> str:
    """The indicator phrase of a subject: time, place and modal words removed."""
    s = raw.strip()
    while True:
        t = _NOISE.sub("", s).strip()
        t = _TRAILING_JOINER.sub("", t)
        if t == s:
            return s
        s = t


def valid_subject(s: str) -> bool:
    """An indicator phrase: short, no stray numbers, no action verb first, an indicator head last."""
    if not (2 <= len(s) <= 30) or s[-1] not in HEAD_LAST:
        return False  # no head noun can end here (the cheap test first: this runs per prefix)
    if PROSE_WORDS.ACTION_START.match(s) or s.startswith("占"):
        return False  # 占土地总面积的42.64% is a share of the previous subject, not a name
    if PROSE_WORDS.STRAY_DIGIT.search(s) or PROSE_WORDS.SUBJECT_PUNCT.search(s):
        return False
    head = HEAD_RE.search(s)
    # A bare head (产量达到10.5万吨) leaves out whose output it is.
    return head is not None and (head.start() > 0 or s.isascii())


# 生产总值 alone names the whole area's aggregate when the area stands before it (全市生产总值要力保
# 增长12%), or a target's modal word does (确保生产总值增长11%以上, 2008年力争生产总值增长10%以上) in a
# paragraph about no part of the area: a paragraph about the 兵团, a 新区 or a 开发区 states that part's
# output (加快把兰州新区建设成为…现代新城，力争生产总值增长20%以上). Without either a bare head does not
# say whose it is; after 预计 it is last year's preliminary figure, no target.
# The economy's growth (经济增长9%左右, 经济增长速度要达到9%左右) is the area's GDP growth unless the paragraph
# is about a part of the area (各开发区…经济增长20%以上); it needs no area or aim word before it.
AREA_AGGREGATE = "生产总值"
ECONOMY = "经济"
ECONOMY_GROWTH = frozenset({"经济增长速度", "经济增长率", "经济增速"})
_AIM = re.compile(MODAL_WORDS)


def area_aggregate(raw: str, name: str, paragraph: str, growth: str = "") -> bool:
    """Whether a bare ``生产总值`` or the economy's growth (``name`` 经济 before the growth verb ``growth``, or
    经济增长速度; cleaned from the subject part ``raw``; ``paragraph`` the text before its clause) is the
    area's own aggregate (see the rules above)."""
    economy = (name == ECONOMY and bool(growth)) or name in ECONOMY_GROWTH
    if name != AREA_AGGREGATE and not economy:
        return False
    before = raw[: raw.rfind(name)]
    if REPORT_WORDS.PRELIMINARY.search(before):
        return False
    return bool(PROSE_WORDS.WHOLE_AREA.search(before)) or (
        (economy or bool(_AIM.search(before))) and not PROSE_WORDS.PART_OF_AREA.search(paragraph)
    )


def area_part(line: str, sstart: int, cstart: int, cend: int) -> str:
    """The part of the area (``PROSE_WORDS.PART_OF_AREA``) whose figures a clause states, '' for the whole area.

    A part is the topic when it opens (``TOPIC_LEAD`` characters, markup and list numbers aside) the clause
    (``line[cstart:cend]``), the first clause of its sentence (生产建设兵团是自治区的重要组成部分，…实现国内生产总值
    增长12%以上; the sentence from ``sstart``) or the first clause of the paragraph (**推进开发区改革创新。**…力争
    地区生产总值…增长8%). A part named in passing (…，一批央企总部落户园区) is no topic. The whole area named in the
    clause after the part (…，全市地区生产总值增长10%以上) makes the figures the area's again."""
    for start in dict.fromkeys((cstart, sstart, 0)):
        if start > cstart:
            continue
        lead = _LEAD.match(line, start, cend)
        at = lead.end() if lead else start
        part = PROSE_WORDS.PART_OF_AREA.search(line, at, _clause_end(line, at, cend))
        if part is not None and part.start() - at <= TOPIC_LEAD:
            return "" if PROSE_WORDS.WHOLE_AREA.search(line, max(part.end(), cstart), cend) else part.group(0)
    return ""


# How far into its clause a part of the area may start and still be the clause's topic (各开发区, 全面推进
# 航空港…, 将松山湖科学城, 生产建设兵团: a verb or a qualifier of up to a few characters before it), in characters.
TOPIC_LEAD = 6
_LEAD = re.compile(r"[*#\s]*(?:[(（]?[一二三四五六七八九十\d]{1,2}[)）、.．]\s*)?")
_CLAUSE_END = re.compile(r"[,，;；。:：]")


def _clause_end(line: str, start: int, limit: int) -> int:
    """Where the clause opening at ``start`` ends (its comma, semicolon or full stop), at most ``limit``."""
    m = _CLAUSE_END.search(line, start, limit)
    return m.start() if m else limit


def shared_head(items: list[str]) -> list[str] | None:
    """Complete list items that lack the head of the last item: 肉、奶、禽蛋产量 → 肉产量 …."""
    m = HEAD_RE.search(items[-1])
    if m is None:
        return None
    # A one-character head (率) is too little to share: take the part of the last item that
    # runs parallel to the first (城市、县城污水处理率 → 污水处理率), else the head with two
    # characters before it (广播和电视综合覆盖率 → 覆盖率).
    tail = m.group(0)
    if len(tail) == 1:
        parallel = items[-1][len(items[0].strip()) :]
        tail = parallel if 2 <= len(parallel) <= 6 else items[-1][-3:]
    out = []
    for it in items:
        it = it.strip()
        out.append(it if HEAD_RE.search(it) else it + tail)
    return out if all(valid_subject(x) for x in out) else None


def list_items(subject: str, n: int) -> list[str] | None:
    """Split a list subject into ``n`` indicator names (、 和 与 及; 城乡… into 城镇… and 农村…)."""
    for sep in (r"、", r"、|和|与|及"):  # 、 first: 普及率 and 以及 hold 及 too
        items = [x for x in re.split(sep, subject) if x]
        if len(items) == n and n > 1:
            return shared_head(items)
    if n == 2 and subject.startswith("城乡") and valid_subject(subject):
        return ["城镇" + subject[2:], "农村" + subject[2:]]
    return None
