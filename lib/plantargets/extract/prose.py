"""Targets and figures stated in sentences, and the three-sector structure.

Plans and work reports state many of their numbers in prose ("地区生产总值年均增长9.5%,力争2025年
达到929亿元"). This module reads them with general mechanisms, not document-specific rules:

1. **Lines.** Lines the caller read as tables (``skip_lines``) and table rows left in the text
   (short ``|``-separated cells, short tab-indented Word cells) are skipped; a boxed 专栏
   paragraph (one long cell) is prose.
2. **Tense.** Whether a number is a target or a realised figure depends on where it stands.
   A zone (``forward``/``past``) is carried from sentence to sentence and switched by strong cues:
   explicit years before/after the plan start (or report year), 五年来/初步核算/去年, a past plan
   named as a period (“十三五”时期), 力争/确保/主要目标/今年. Clause cues (an explicit year, 十四五末,
   “十三五”时期) override the zone for their clause and the clauses after it.
3. **Clauses.** A sentence (。) is split into clauses (, ; : |); a clause with several values
   (果品产量870万吨、蔬菜产量1600万吨) into segments, one per value. Each segment is read as
   *subject + verb + value*: the verb (年均增长, 达到, 控制在, 稳定在, 提高到, 突破, …) is matched
   right before the value, the subject is the phrase before it, stripped of time, region and
   modal words (力争, 全州, 到2025年) and accepted only when it ends in an indicator head noun
   (总值, 增加值, 收入, 产量, 率, 比重, …). A clause without its own subject inherits the subject of
   the clause before it in the same sentence (人均生产总值27282元,年均增长5.8%).
4. **Lists.** ``A、B、C…分别<verb>x、y、z`` gives one fact per pair (a shared head such as 产量 is
   completed: 肉、奶、禽蛋产量 → 肉产量, 奶产量, 禽蛋产量); ``A和B…均<verb>x`` shares one value;
   城乡居民… 分别 x和y splits into 城镇/农村. ``由x提高到y`` gives base and target.
5. **Three-sector structure.** ``a:b:c`` (or ``a比b比c``) after 三次产业/产业结构, summing to about
   100, with the year printed before it; shares of 第一/二/三产业 in GDP stated in prose too.

Deliberately skipped (a wrong number is worse than a missing one):
- comparisons with another base (较2010年增长1.8倍, 比上年, 是2015年的1.5倍) and any value in 倍 or
  个百分点 (changes, not levels);
- realised figures over a past plan without an end year (“十三五”期间实现地区生产总值2484亿元 is a
  five-year sum), realised cumulative figures (五年累计完成…) and realised bounds (控制在3%以内);
- bare growth without 年均 in a plan's forward text (annual or cumulative? the text does not say),
  年均 growth in a work report, and a work report's realised growth of the past year;
- subjects that are not indicator phrases (10个重点项目, 累计引进项目191个), subjects starting with
  an action verb (加快…, 提高…), and clauses marked 目前/现有/截至 without a year.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from plantargets.extract.values import Value, find_number_spans, may_hold_value
from plantargets.read.text import Document, Line, normalise_text
from plantargets.vocab.periods import cn_ordinal, plan_number, plan_years


@dataclass
class ProseFact:
    """One figure stated in prose, mapped onto the indicators-table columns.

    A target goes to target_* (target_year = plan end year, or the report's year); a past
    figure (2020年实现…169.24亿元) goes to base_*; a growth rate goes to annual_growth
    with the value's qualifier. ``period`` says what a growth rate refers to:
    'plan' (年均增长 over the plan), 'year' (a work report's annual target),
    'past_plan' (“十三五”时期年均增长6.6%, realised).
    """

    name: str  # indicator name as printed in the sentence (地区生产总值)
    unit: str  # '%', '亿元', '万吨', ...
    base_year: int | None
    base_value: float | None
    target_year: int | None
    value: Value | None  # the target value (number + qualifier), None for pure past facts
    annual_growth: float | None
    period: str  # 'plan' | 'year' | 'past_plan' | 'level'
    line: int
    sentence: str  # the clause or sentence as printed (raw)
    # 'growth' when the number is a growth rate (then ``value`` carries the rate's qualifier and
    # the dataset leaves target_value empty), 'level' otherwise.
    measure: str = "level"
    # 'target' or 'actual'; '' lets the dataset decide (a fact with a target value is a target).
    role: str = ""
    # True when the sentence states the figure as 预计 / 初步核算 / 初步统计.
    preliminary: bool = False

    @property
    def resolved_role(self) -> str:
        """'target' or 'actual': a realised figure has no target value (past levels, plan averages)."""
        if self.role:
            return self.role
        return "actual" if self.value is None or self.period == "past_plan" else "target"


@dataclass
class SectorMix:
    """Three-sector shares of GDP (%), actual or target, with their source line."""

    year: int
    kind: str  # 'actual' | 'target'
    primary: float | None
    secondary: float | None
    tertiary: float | None
    line: int
    raw: str


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
_HEAD_RE = re.compile("(?:" + "|".join(sorted(map(re.escape, _HEADS), key=len, reverse=True)) + ")$")
# Verbs between a subject and its value, longest first; the qualifier they imply when the
# value itself carries none (突破 900 means at least 900).
_LEVEL_VERBS: dict[str, str] = {
    "达到": "", "达": "", "实现": "", "控制在": "at_most", "稳定在": "", "保持在": "", "维持在": "",
    "提高到": "", "提高至": "", "提升到": "", "提升至": "", "上升到": "", "上升至": "", "增加到": "",
    "增加至": "", "增至": "", "降低到": "", "降低至": "", "降到": "", "降至": "", "下降到": "",
    "下降至": "", "突破": "at_least", "超过": "at_least", "不低于": "at_least", "不少于": "at_least",
    "高于": "at_least", "不高于": "at_most", "不超过": "at_most", "低于": "at_most", "为": "", "在": "",
    "力争": "", "约": "approx",
}  # fmt: skip
_GROWTH_VERBS = ("年均实际增长", "年均增长", "年均增速", "年均增幅", "年均递增", "平均增长", "实际增长", "增长",
                 "增速", "增幅", "递增")  # fmt: skip
_DECLINE_VERBS = ("下降", "降低", "减少")
_ACTION_START = re.compile(
    r"^(?:加快|推进|推动|实施|建设|加强|完善|提高|提升|促进|发展|打造|培育|新建|建成|引进|开展|巩固|扩大|"
    r"坚持|落实|深化|全面|持续|积极|大力|着力|稳步|优化|支持|鼓励|保障|争创|创建|培训|完成|带动|吸引|安置|"
    r"新增|重点|转移|组织|开行|削减|退出|淘汰|签约|引导)"
)
# Leading words that are not part of an indicator name: time, place, modality.
_NOISE = re.compile(
    r"^(?:[\s—\-·●•*“”\"'《》]|\(?[一二三四五六七八九十\d]{1,2}[)、.]|力争|确保|争取|努力|预计|计划|力求|"
    r"全年|今年|明年|届时|其中|到|至|在|于|使|将|同时|并|全部|五年来|初步核算|(?:五年)?累计|"
    r"(?:实现|完成)(?=.{2})|"
    r"全(?:州|旗|区|市|县|盟|地区|疆|省|国|乡|镇)|我(?:州|旗|区|市|县|盟|地区|省|国)|"
    r"(?:19|20)\d{2}\s*年(?:底|末)?(?:的)?|"
    r"“?十[一二三四五六七八九]五”?(?:规划)?(?:时期|期间|末|期末|以来|初)?(?:的)?)+"
)
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*年")
_COMPARE = re.compile(
    r"(?:较|比|相比|同比|相当于|是)\s*(?:(?:19|20)\d{2}\s*年|上年|去年|上一年|“?十[一二三四五六七八九]五”?)"
)
_PLAN_NAME = re.compile(r"十([一二三四五六七八九])五(?![年个])")
_PLAN_END = re.compile(r"“?十([一二三四五六七八九])五”?(?:规划)?(?:末|期末)")
_FORWARD_WORDS = re.compile(r"力争|确保|争取|预计|远景|展望|主要目标|预期目标|总体目标|发展目标|今年|明年")
_PAST_WORDS = re.compile(r"五年来|过去五年|过去一年|去年|初步核算|回顾")
_PRESENT_WORDS = re.compile(r"目前|现有|现已|截至|截止")
_CUMULATIVE = re.compile(r"累计")
_RATIO = re.compile(
    r"(?<![\d.])(\d{1,2}(?:\.\d+)?)\s*[:比]\s*(\d{1,2}(?:\.\d+)?)\s*[:比]\s*(\d{1,3}(?:\.\d+)?)(?![\d.])"
)
_STRUCTURE_WORDS = re.compile(r"三次产业|产业结构|三产|一二三产业|三大产业")
_FROM_TO = re.compile(
    r"(?:由|从)(?P<a>.*?)(?:提高|增加|上升|提升|下降|降低|减少|扩大|增长|调整|转变)(?:到|至|为)(?P<b>.*)$"
)
_SHARE_NAME = re.compile(
    r"^第([一二三])产业(?:增加值)?(?:占(?:地区)?(?:生产总值|GDP|经济总量)?(?:的)?)?(?:比重|比例|占比)$"
)
# What may follow a predicate value: the clause end, a list separator, a parenthesis, or the
# verb of 由x提高到y.
_VALUE_END = re.compile(
    r"\s*(?:$|[、和及与或(]|(?:提高|增加|上升|提升|下降|降低|减少|扩大|增长|调整|转变)(?:到|至|为))"
)
# 分别 pairs list items with values; 均 ("all") gives every item the same value. 均 counts only
# right before a verb: 人均, 年均 and 平均 are parts of names and rates.
_LIST_ADVERB = re.compile(
    r"分别|(?<![人年平])均(?=" + "|".join(sorted(list(_LEVEL_VERBS) + list(_GROWTH_VERBS), key=len, reverse=True)) + ")"
)
_TRANSITION = re.compile(r"调整为|转变为|优化为|调整到|优化到|变为|提高到|达到")

# Prefilters and precompiled pieces for the hot path (see benchmarks/RESULTS.md). They only
# skip work whose result is known in advance; they never change what is extracted.
# A value needs an Arabic digit or a Chinese numeral digit (values._read_number): a sentence
# without one has no value, hence no fact and no ratio.
_NUMERAL = re.compile(r"[0-9０-９零〇○一二两三四五六七八九十]")
_DIGIT = re.compile(r"\d")  # what _RATIO's \d accepts
# The last character of every head noun: _HEAD_RE is anchored at the end, so a phrase whose
# last character is not among these cannot be a subject.
# ('$' also matches before a final newline, hence the '\n'.)
_HEAD_LAST = frozenset(h[-1] for h in _HEADS) | {"\n"}
_STRAY_DIGIT = re.compile(r"(?<![A-Za-z.])\d")
_SUBJECT_PUNCT = re.compile(r"[。,;:!?|]")
_TRAILING_JOINER = re.compile(r"(?:的|,|、)$")
_LEAD_CUT = re.compile(r"[\d“]")


def _suffix_table(words: Iterable[str]) -> tuple[tuple[int, frozenset[str]], ...]:
    """Words grouped by length, longest first, for ``_longest_suffix``."""
    by_len: dict[int, set[str]] = {}
    for w in words:
        by_len.setdefault(len(w), set()).add(w)
    return tuple((n, frozenset(by_len[n])) for n in sorted(by_len, reverse=True))


def _longest_suffix(text: str, table: tuple[tuple[int, frozenset[str]], ...]) -> str:
    """The longest word of ``table`` that ends ``text``, or ''.

    One set lookup per word length instead of ``endswith`` per word. Two words of the same
    length cannot both end a text, so the longest match is the one a longest-first scan finds.
    """
    for n, words in table:
        if text[-n:] in words:
            return text[-n:]
    return ""


_LEVEL_VERB_SUFFIXES = _suffix_table(_LEVEL_VERBS)
# The growth verbs whose suffixes are also verbs (年均增长, 增长) are listed longest first, so
# the longest match equals the first match in their printed order.
_GROWTH_OR_DECLINE_SUFFIXES = _suffix_table(_GROWTH_VERBS + _DECLINE_VERBS)
_HAS_GROWTH = re.compile("|".join(map(re.escape, _GROWTH_VERBS)))
_LINE_LEAD_PLAN = re.compile(r"^\W{0,2}(?:第.{1,3}[章节篇]\s*)?“?十[一二三四五六七八九]五")
_CLAUSE_SEPS = re.compile(r"[,;:|]")
# Every cue _sentence_tense and _clause_time read: a year needs 年, a plan name 十, the rest
# are the cue words. Text without any of them keeps the tense it inherits (most sentences).
_TIME_CUE = re.compile("年|十|" + "|".join(p.pattern for p in (_FORWARD_WORDS, _PAST_WORDS, _PRESENT_WORDS)))
_SENTENCE_SEPS = re.compile(r"[。!?]")


@dataclass(frozen=True)
class _Ctx:
    """The document's period: a plan's years or a work report's year."""

    plan_start: int | None
    plan_end: int | None
    report_year: int | None

    @property
    def first_future(self) -> int | None:
        """The first year a target can refer to; earlier years are realised figures."""
        return self.report_year if self.report_year is not None else self.plan_start

    @property
    def target_year(self) -> int | None:
        return self.report_year if self.report_year is not None else self.plan_end

    @functools.cached_property
    def plan(self) -> int | None:  # cached: asked for every sentence and clause
        year = self.plan_start or self.report_year
        return plan_number(year) if year else None


@dataclass
class _Time:
    """Time cues in force for a clause: carried from earlier clauses of the same sentence."""

    tense: str  # 'forward' | 'past'
    year: int | None = None
    past_plan: int | None = None  # a past plan named as a period (“十三五”时期): sums, averages
    present: bool = False  # 目前/现有 without a year

    def copy(self) -> _Time:
        """A copy; dataclasses.replace costs ten times more and this runs once per clause."""
        return _Time(self.tense, self.year, self.past_plan, self.present)


@dataclass
class _Segment:
    """A value in a clause: its span, unit and reading by the value grammar."""

    vstart: int
    vend: int
    unit: str
    value: Value


@dataclass
class _State:
    """What one sentence's clauses pass to the next clause."""

    time: _Time
    subject: str | None = None
    subject_start: int | None = None
    facts: list[ProseFact] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Lines and raw text


def _is_table_line(text: str) -> bool:
    """A table row left in the text: ``|``-separated short cells, or a short tab-indented cell."""
    if "|" in text:
        cells = [c.strip() for c in text.split("|") if c.strip()]
        return not any(len(c) > 40 or "。" in c for c in cells)
    return text.startswith("\t") and len(text.strip()) < 40 and "。" not in text


def _raw_map(line: Line) -> list[int] | None:
    """Map each position of the normalised text to the raw line (normalisation drops bookmarks)."""
    raw, text = line.raw, line.text
    if "[bookmark:" not in raw and normalise_text(raw) == text:
        # Fast path, same result: without bookmarks every character maps to at most one
        # character, so the map keeps the positions of the characters that survive.
        if len(raw) == len(text):
            return list(range(len(raw)))
        return [i for i, ch in enumerate(raw) if normalise_text(ch)]
    out: list[int] = []
    j = 0
    for i, ch in enumerate(raw):
        piece = normalise_text(ch)
        if piece and text.startswith(piece, j):
            out.extend([i] * len(piece))
            j += len(piece)
    return out if j == len(text) else None


def _raw_slice(line: Line, start: int, end: int, cache: dict[int, list[int] | None]) -> str:
    """The raw text of ``text[start:end]``, so that a reader finds the sentence in the file."""
    if line.lineno not in cache:
        cache[line.lineno] = _raw_map(line)
    m = cache[line.lineno]
    if m is None or start >= end or end > len(m):
        return line.raw.strip()
    return line.raw[m[start] : m[end - 1] + 1].strip()


def _spans(text: str, seps: str) -> list[tuple[int, int]]:
    """Split ``text`` at separator characters (a ':' between digits is a ratio, not a separator)."""
    out: list[tuple[int, int]] = []
    start = 0
    pattern = (
        _CLAUSE_SEPS if seps == ",;:|" else _SENTENCE_SEPS if seps == "。!?" else re.compile(f"[{re.escape(seps)}]")
    )
    if pattern.search(text) is None:
        return [(0, len(text))] if text else []  # no separator: one span (most clauses)
    for m in pattern.finditer(text):
        i = m.start()
        ch = text[i]
        if ch == ":" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            continue
        if i > start:
            out.append((start, i))
        start = i + 1
    if start < len(text):
        out.append((start, len(text)))
    return out


# ---------------------------------------------------------------------------------------------
# Time cues


def _plans(text: str) -> list[int]:
    """Plans named in ``text`` in any construction (“十三五”累计, 十四五时期)."""
    if "十" not in text:
        return []  # every plan name holds 十; most clauses hold none
    return [n for m in _PLAN_NAME.finditer(text) if (n := cn_ordinal("十" + m.group(1)))]


def _free_years(text: str) -> list[int]:
    """Years printed in ``text`` that are not the base of a comparison (较2010年)."""
    if "年" not in text:
        return []  # a year is printed with 年 (_YEAR)
    years = [(m.start(1), int(m.group(1))) for m in _YEAR.finditer(text)]
    if not years:
        return []
    masked = {i for m in _COMPARE.finditer(text) for i in range(m.start(), m.end())}
    return [year for start, year in years if start not in masked]


def _sentence_tense(text: str, ctx: _Ctx, zone: str, heading: bool) -> tuple[str, str]:
    """The sentence's default tense and the zone the following sentences inherit."""
    if _TIME_CUE.search(text) is None:
        return zone, zone  # no year, plan name or cue word: nothing below can fire
    first = ctx.first_future
    years = _free_years(text)
    plans = _plans(text)
    # min/max instead of any(<generator>): the same answers, without a generator per sentence.
    fwd_strong = bool(_FORWARD_WORDS.search(text)) or (first is not None and bool(years) and max(years) >= first)
    past_strong = (
        bool(_PAST_WORDS.search(text))
        or (first is not None and bool(years) and min(years) < first)
        or (ctx.plan is not None and bool(plans) and min(plans) < ctx.plan)
    )
    current = ctx.plan is not None and ctx.plan in plans
    if fwd_strong:
        return "forward", "forward"
    if past_strong:
        return "past", "past"
    if current:
        # “十四五”时期 at the start of a line or in a heading opens the forward part of a plan;
        # elsewhere (为“十四五”奠定基础) it only colours its own sentence.
        lead = bool(_LINE_LEAD_PLAN.match(text))
        return "forward", ("forward" if heading or lead else zone)
    return zone, zone


def _clause_time(clause: str, time: _Time, ctx: _Ctx, has_growth: bool) -> tuple[_Time, _Time]:
    """Time for this clause and the time carried to the next clauses."""
    if _TIME_CUE.search(clause) is None:
        # No year, plan name or cue word: every branch below leaves the time as it was.
        return time.copy(), time.copy()
    first = ctx.first_future
    now = time.copy()
    years = _free_years(clause)
    end = _PLAN_END.search(clause) if "十" in clause else None
    plans = _plans(clause)
    if years:
        now.year, now.past_plan, now.present = years[-1], None, False
        if first is not None:
            now.tense = "forward" if years[-1] >= first else "past"
    elif end and ctx.plan is not None:
        n = _plans(end.group(0)) or [0]
        if n[0] >= ctx.plan:
            now.year, now.tense = plan_years(n[0])[1], "forward"
        elif n[0]:
            now.year, now.tense, now.past_plan = plan_years(n[0])[1], "past", None
    elif plans and ctx.plan is not None:
        if any(p < ctx.plan for p in plans):
            now.tense, now.past_plan, now.year = "past", min(plans), None
        else:
            now.tense = "forward"
    if _FORWARD_WORDS.search(clause) and not years and not plans:
        now.tense = "forward"
    if _PRESENT_WORDS.search(clause) and not years:
        now.present = True
    # “十三五”时期年均增长6.6% qualifies its own growth rate only; a sentence-opening
    # “十三五”期间,… scopes every clause that follows.
    carried = now.copy()
    if has_growth and now.past_plan is not None and time.past_plan is None:
        carried = time.copy()
    return now, carried


# ---------------------------------------------------------------------------------------------
# Values, verbs and subjects


def _values(text: str) -> list[_Segment]:
    """Value spans with a unit in a clause, read by the shared value grammar.

    Years (unit 年) are time cues, not values; a number without a unit in prose is a code,
    a label or a count word, never an indicator value.
    """
    out = []
    for start, end, v in find_number_spans(text):
        if v.number is None or v.problem or v.unit in ("", "年") or v.qualifier == "missing":
            continue
        if not _VALUE_END.match(text, end):
            continue  # 62%的行政村, 2万只的养殖场: the number describes a noun, it is no predicate
        out.append(_Segment(start, end, v.unit, v))
    return out


def _split_verb(pre: str) -> tuple[str, str, str]:
    """Split the text before a value into (subject part, growth verb, level verb)."""
    pre = pre.rstrip()
    level = _longest_suffix(pre, _LEVEL_VERB_SUFFIXES)
    pre = pre[: len(pre) - len(level)].rstrip()
    growth = _longest_suffix(pre, _GROWTH_OR_DECLINE_SUFFIXES)
    pre = pre[: len(pre) - len(growth)]
    return pre, growth, level


def _clean_subject(raw: str) -> str:
    """The indicator phrase of a subject: time, place and modal words removed."""
    s = raw.strip()
    while True:
        t = _NOISE.sub("", s).strip()
        t = _TRAILING_JOINER.sub("", t)
        if t == s:
            return s
        s = t


def _valid_subject(s: str) -> bool:
    """An indicator phrase: short, no stray numbers, no action verb first, an indicator head last."""
    if not (2 <= len(s) <= 30) or s[-1] not in _HEAD_LAST:
        return False  # no head noun can end here (the cheap test first: this runs per prefix)
    if _ACTION_START.match(s) or s.startswith("占"):
        return False  # 占土地总面积的42.64% is a share of the previous subject, not a name
    if _STRAY_DIGIT.search(s) or _SUBJECT_PUNCT.search(s):
        return False
    head = _HEAD_RE.search(s)
    # A bare head (产量达到10.5万吨) leaves out whose output it is.
    return head is not None and (head.start() > 0 or s.isascii())


def _shared_head(items: list[str]) -> list[str] | None:
    """Complete list items that lack the head of the last item: 肉、奶、禽蛋产量 → 肉产量 …."""
    m = _HEAD_RE.search(items[-1])
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
        out.append(it if _HEAD_RE.search(it) else it + tail)
    return out if all(_valid_subject(x) for x in out) else None


def _list_items(subject: str, n: int) -> list[str] | None:
    """Split a list subject into ``n`` indicator names (、 和 与 及; 城乡… into 城镇… and 农村…)."""
    for sep in (r"、", r"、|和|与|及"):  # 、 first: 普及率 and 以及 hold 及 too
        items = [x for x in re.split(sep, subject) if x]
        if len(items) == n and n > 1:
            return _shared_head(items)
    if n == 2 and subject.startswith("城乡") and _valid_subject(subject):
        return ["城镇" + subject[2:], "农村" + subject[2:]]
    return None


# ---------------------------------------------------------------------------------------------
# Facts


def _qualified(value: Value, verb: str) -> Value:
    """Apply the bound a verb implies (突破 → at_least) when the value carries no qualifier."""
    implied = _LEVEL_VERBS.get(verb, "")
    if implied and value.qualifier == "exact":
        return replace(value, qualifier=implied)
    return value


def _make_fact(
    name: str, seg: _Segment, growth: str, level: str, time: _Time, ctx: _Ctx, cumulative: bool, lineno: int,
    sentence: str,
) -> ProseFact | None:  # fmt: skip
    """One fact from an indicator, its value, the verbs before it and the time in force."""
    value = _qualified(seg.value, level)
    unit, number = seg.unit, value.number
    if unit in ("倍", "个百分点") or number is None:
        return None
    if cumulative:
        value = replace(value, cumulative=True)
    if growth in _DECLINE_VERBS:
        name, growth = name + growth, ""  # 能耗降低3%: the reduction is the indicator, as in tables

    def fact(base: tuple[int | None, float | None], target_year: int | None, v: Value | None, period: str) -> ProseFact:
        rate = number if growth else None
        return ProseFact(name, unit, base[0], base[1], target_year, v, rate, period, lineno, sentence,
                         measure="growth" if growth else "level")  # fmt: skip

    if growth:
        if unit != "%" or not -50 <= number <= 100:
            return None
        averaged = growth.startswith(("年均", "平均"))
        if time.tense == "past":
            plan = time.past_plan or (ctx.plan - 1 if ctx.plan and ctx.report_year is None and averaged else None)
            if plan is None or not averaged or value.qualifier not in ("exact", "approx"):
                return None
            first, last = plan_years(plan)
            return fact((first - 1, None), last, None, "past_plan")
        if ctx.report_year is not None and not averaged:
            return fact((ctx.report_year - 1, None), ctx.report_year, value, "year")
        if ctx.report_year is None and averaged and ctx.plan_start and ctx.plan_end:
            target = time.year if time.year and time.year >= ctx.plan_start else ctx.plan_end
            return fact((ctx.plan_start - 1, None), target, value, "plan")
        return None
    first_future = ctx.first_future
    if (time.present and time.year is None) or first_future is None:
        return None
    if time.tense == "past":
        if cumulative or time.past_plan is not None or value.qualifier != "exact":
            return None
        year = time.year or first_future - 1
        return ProseFact(name, unit, year, number, None, None, None, "level", lineno, sentence)
    when = time.year if time.year and time.year >= first_future else ctx.target_year
    return fact((None, None), when, value, "level") if when is not None else None


# A growth target stated in words (the GDP line of plans that set no number): the words are
# the target, kept verbatim with qualifier 'text', as tables keep 保持在合理区间… in their cells.
_TEXT_TARGET = re.compile(
    r"(?P<verb>年均增长|年均增速|增长|增速)(?:率)?\s*(?P<target>(?:保持在|保持)合理区间[^,;。]*"
    r"|与[^,;。]{1,12}(?:基本)?同步[^,;。]*|高于[^,;。]{1,12}增长[^,;。]*|略高于[^,;。]{1,12}增长[^,;。]*)"
)


def _text_target(
    clause: str, cstart: int, time: _Time, ctx: _Ctx, lineno: int, sentence: Callable[[int, int], str]
) -> ProseFact | None:
    """地区生产总值年均增长保持在合理区间、各年度视情提出 → a text growth target for the plan."""
    if time.tense != "forward" or ctx.target_year is None:
        return None
    m = _TEXT_TARGET.search(clause)
    if m is None:
        return None
    name = _clean_subject(clause[: m.start()])
    if not name or not _valid_subject(name):
        return None
    words = m.group("target").strip()
    value = Value(None, "text", text=words, raw=words)
    return ProseFact(name, "%", None, None, ctx.target_year, value, None,
                     "year" if ctx.report_year is not None else "plan", lineno,
                     sentence(cstart, cstart + m.end()), measure="growth")  # fmt: skip


def _from_to(clause: str, segs: list[_Segment], time: _Time, ctx: _Ctx, lineno: int, sentence: str) -> list[ProseFact]:
    """``A由x提高到y``: base and target (or two realised figures in a retrospective)."""
    m = _FROM_TO.search(clause)
    if m is None or len(segs) != 2 or not (m.start("a") <= segs[0].vstart < m.end("a") <= segs[1].vstart):
        return []
    name = _clean_subject(clause[: m.start()])
    if not _valid_subject(name) or segs[0].unit != segs[1].unit or segs[0].unit in ("倍", "个百分点"):
        return []
    a_text, b_text = clause[m.start("a") : segs[0].vstart], clause[m.end("a") : segs[1].vstart]
    a_time, _ = _clause_time(a_text, replace(time, year=None), ctx, False)
    b_time, _ = _clause_time(b_text, replace(time, year=None), ctx, False)
    base_year = a_time.year or (ctx.first_future - 1 if ctx.first_future and time.tense == "forward" else None)
    if base_year is None or segs[0].value.qualifier != "exact":
        return []
    facts = [ProseFact(name, segs[0].unit, base_year, segs[0].value.number, None, None, None, "level", lineno,
                       sentence)]  # fmt: skip
    if b_time.tense == "past" or (time.tense == "past" and b_time.year is None):
        b_time = replace(b_time, tense="past", past_plan=None)
    second = _make_fact(name, segs[1], "", "", b_time, ctx, False, lineno, sentence)
    if second is None:
        return facts
    if second.target_year is not None:
        # A target stated from a base: one row with both, like a table row.
        second.base_year, second.base_value = base_year, segs[0].value.number
        return [second]
    return [*facts, second]


def _distributive(
    clause: str, segs: list[_Segment], time: _Time, ctx: _Ctx, lineno: int, sentence: str, cumulative: bool
) -> list[ProseFact] | None:
    """``A、B、C…分别<verb>x、y、z`` and ``A和B…均<verb>x``; None when the clause is not a list."""
    m = _LIST_ADVERB.search(clause)
    if m is None or not segs or segs[0].vstart < m.end():
        return None
    subject = _clean_subject(clause[: m.start()])
    between = clause[m.end() : segs[0].vstart]
    _, growth, level = _split_verb(between)
    if m.group(0) == "均":
        segs = segs[:1]
        items = [x for x in re.split(r"、" if "、" in subject else r"和|与|及", subject) if x]
        names = _shared_head(items) if len(items) > 1 else None
        pairs = [(n, segs[0]) for n in names] if names else []
    else:
        names = _list_items(subject, len(segs))
        pairs = list(zip(names, segs, strict=True)) if names else []
    out = []
    for name, seg in pairs:
        fact = _make_fact(name, seg, growth, level, time, ctx, cumulative, lineno, sentence)
        if fact is not None:
            out.append(fact)
    return out


def _clause_facts(
    text: str, cstart: int, cend: int, state: _State, ctx: _Ctx, line: Line, cache: dict[int, list[int] | None]
) -> None:
    """Read one clause, appending facts to ``state`` and passing on its subject and time."""
    clause = text[cstart:cend]
    # may_hold_value is False only when the value grammar would find no value with a unit
    # other than 年, and _values keeps no other: the cheap test spares the full scan.
    no_value = _NUMERAL.search(clause) is None or _RATIO.search(clause) or not may_hold_value(clause)
    segs = [] if no_value else _values(clause)
    has_growth = _HAS_GROWTH.search(clause) is not None
    now, carried = _clause_time(clause, state.time, ctx, has_growth)

    def sentence(a: int, b: int) -> str:
        return _raw_slice(line, a, b, cache)

    if not segs:
        text_fact = _text_target(clause, cstart, now, ctx, line.lineno, sentence)
        if text_fact is not None:
            state.facts.append(text_fact)
            state.time = carried
            return
        # A clause without a value may still name the indicator the next clause continues
        # (农牧民人均纯收入破万元,达到10074元); any other topic ends the inherited subject.
        lead = _clean_subject(_LEAD_CUT.split(clause, 1)[0])
        if lead:
            # Only prefixes ending in a head noun's last character can be subjects (and none
            # longer than 30 characters): the same answer as trying every prefix, far cheaper.
            prefix = next(
                (
                    lead[:k]
                    for k in range(min(len(lead), 30), 1, -1)
                    if lead[k - 1] in _HEAD_LAST and _valid_subject(lead[:k])
                ),
                None,
            )
            state.subject, state.subject_start = prefix, cstart
        state.time = carried
        return
    if _COMPARE.search(clause):
        state.time = carried
        return
    cumulative = bool(_CUMULATIVE.search(clause))
    raw_clause = sentence(cstart, cend)
    frm = _FROM_TO.search(clause)
    # The years inside 由2020年的x提高到y date x and y; the clause's own time is what precedes 由.
    pre_time = _clause_time(clause[: frm.start()], state.time, ctx, False) if frm else (now, carried)
    pair = _from_to(clause, segs, pre_time[0], ctx, line.lineno, raw_clause) if frm else []
    listed = None if pair else _distributive(clause, segs, now, ctx, line.lineno, raw_clause, cumulative)
    if pair or listed is not None:
        state.facts.extend(pair or listed or [])
        state.time = pre_time[1] if pair else carried
        return
    start = 0
    for seg in segs:
        pre = clause[start : seg.vstart]
        subject_part, growth, level = _split_verb(pre)
        name = _clean_subject(subject_part)
        origin = cstart + start
        if not name and state.subject:
            name, origin = state.subject, state.subject_start or cstart
        elif not _valid_subject(name):
            state.subject = None
            start = seg.vend + 1
            continue
        else:
            state.subject, state.subject_start = name, cstart + start
        fact = _make_fact(
            name, seg, growth, level, now, ctx, cumulative, line.lineno, sentence(origin, cstart + seg.vend)
        )
        if fact is not None:
            state.facts.append(fact)
        start = seg.vend + 1
    state.time = carried


@dataclass
class _Walk:
    """What the walks over one document share: sentence spans and tenses, facts, raw maps.

    A sentence's facts depend only on the sentence, its tense and the document's period,
    so the sector-mix walk (every line) reuses the facts the prose walk (tables skipped)
    found; ``_sentence_tense`` is a pure function of the sentence, the zone and ``heading``.
    """

    # Per line, for both walks: None for a blank line or a table row left in the text, else
    # (heading, sentence spans).
    lines: dict[int, tuple[bool, list[tuple[int, int]]] | None] = field(default_factory=dict)
    tenses: dict[tuple[int, int, str, bool], tuple[str, str]] = field(default_factory=dict)
    facts: dict[tuple[int, int, int, str], list[ProseFact]] = field(default_factory=dict)
    raw_maps: dict[int, list[int] | None] = field(default_factory=dict)


def _sentences(
    doc: Document, ctx: _Ctx, skip_lines: set[int], walk: _Walk | None = None
) -> Iterator[tuple[Line, int, int, str]]:
    """Prose sentences in reading order as (line, start, end, tense); the zone runs across lines."""
    walk = walk if walk is not None else _Walk()
    zone = "forward"
    for line in doc.lines:
        if line.lineno in skip_lines:
            continue
        text = line.text
        if line.lineno in walk.lines:
            info = walk.lines[line.lineno]
        else:
            info = walk.lines[line.lineno] = _line_info(text)
        if info is None:
            continue
        heading, spans = info
        for sstart, send in spans:
            key = (line.lineno, sstart, zone, heading)
            got = walk.tenses.get(key)
            if got is None:
                got = walk.tenses[key] = _sentence_tense(text[sstart:send], ctx, zone, heading)
            tense, zone = got
            yield line, sstart, send, tense


def _line_info(text: str) -> tuple[bool, list[tuple[int, int]]] | None:
    """None for a line without prose (blank, or a table row), else (heading, sentence spans)."""
    if not text.strip() or _is_table_line(text):
        return None
    return "。" not in text and len(text.strip()) < 40, _spans(text, "。!?")


def _sentence_facts(line: Line, sstart: int, send: int, tense: str, ctx: _Ctx, walk: _Walk) -> list[ProseFact]:
    """The facts of one sentence (memoised in ``walk``)."""
    key = (line.lineno, sstart, send, tense)
    found = walk.facts.get(key)
    if found is not None:
        return found
    text = line.text
    has_value = _NUMERAL.search(text, sstart, send) is not None and may_hold_value(text[sstart:send])
    if not has_value and _TEXT_TARGET.search(text, sstart, send) is None:
        # No value with a unit other than 年 (only years and plan names, or no number at all):
        # every clause would have no segment, and a fact needs one.
        found = []
    else:
        state = _State(_Time(tense))
        for cstart, cend in _spans(text[sstart:send], ",;:|"):
            _clause_facts(text, sstart + cstart, sstart + cend, state, ctx, line, walk.raw_maps)
        found = state.facts
    walk.facts[key] = found
    return found


def _walk(doc: Document, ctx: _Ctx, skip_lines: set[int], walk: _Walk | None = None) -> list[ProseFact]:
    """Every prose fact of the document, in reading order."""
    walk = walk if walk is not None else _Walk()
    facts: list[ProseFact] = []
    for line, sstart, send, tense in _sentences(doc, ctx, skip_lines, walk):
        facts.extend(_sentence_facts(line, sstart, send, tense, ctx, walk))
    return facts


def extract_prose(doc: Document, plan_start: int | None, plan_end: int | None,
                  report_year: int | None, skip_lines: set[int] | None = None) -> list[ProseFact]:  # fmt: skip
    """Prose targets and figures; ``skip_lines`` are table lines already read as tables.

    A plan outline passes its years (2021, 2025) and ``report_year=None``; a work report passes
    its year and no plan years. Without either, nothing can be dated and nothing is returned.
    """
    return extract_prose_and_sector_mix(doc, plan_start, plan_end, report_year, skip_lines, sector_mix=False)[0]


def _sentence_ratios(line: Line, sstart: int, send: int, tense: str, ctx: _Ctx, walk: _Walk) -> list[SectorMix]:
    """``三次产业结构由2015年的13.0:26.1:60.9转变为2020年的10.6:28.8:60.6`` → one row per ratio."""
    if _DIGIT.search(line.text, sstart, send) is None:
        return []  # a ratio needs digits
    out: list[SectorMix] = []
    first, target = ctx.first_future, ctx.target_year
    assert first is not None and target is not None
    sent = line.text[sstart:send]
    key = _STRUCTURE_WORDS.search(sent)
    window_start = key.end() if key else len(sent)
    for m in _RATIO.finditer(sent, window_start):
        a, b, c = (float(m.group(i)) for i in (1, 2, 3))
        window, window_start = sent[window_start : m.start()], m.end()
        if not 98 <= a + b + c <= 102:
            continue  # shares of GDP add up to 100 (give or take rounding); 1:1:1 does not
        years = _free_years(window)
        if years:
            year, kind = years[-1], ("target" if years[-1] >= first else "actual")
        elif tense == "forward" and _TRANSITION.search(window):
            year, kind = target, "target"
        elif tense == "past":
            year, kind = first - 1, "actual"
        else:
            continue
        out.append(SectorMix(year, kind, a, b, c, line.lineno, _raw_slice(line, sstart, send, walk.raw_maps)))
    return out


def extract_sector_mix(doc: Document, plan_start: int | None, plan_end: int | None,
                       report_year: int | None) -> list[SectorMix]:  # fmt: skip
    """Three-sector structures stated in the text (a:b:c, or 第三产业…比重 targets).

    A share stated alone (第三产业增加值占地区生产总值比重上升至60%) fills only its sector; it is
    dropped when an a:b:c row already gives the same year and kind.
    """
    return extract_prose_and_sector_mix(doc, plan_start, plan_end, report_year, prose=False)[1]


def extract_prose_and_sector_mix(
    doc: Document,
    plan_start: int | None,
    plan_end: int | None,
    report_year: int | None,
    skip_lines: set[int] | None = None,
    *,
    prose: bool = True,
    sector_mix: bool = True,
) -> tuple[list[ProseFact], list[SectorMix]]:
    """``extract_prose`` and ``extract_sector_mix`` of one document from one shared walk.

    The two differ only in the lines they skip (prose skips table lines, the sector mix reads
    every line); sentence tenses and per-sentence facts are computed once and reused, which
    halves the cost of a document. The results equal the two separate calls.
    """
    ctx = _Ctx(plan_start, plan_end, report_year)
    if ctx.first_future is None or ctx.target_year is None:
        return [], []
    walk = _Walk()
    facts = _walk(doc, ctx, set(skip_lines or ()), walk) if prose else []
    mix = _sector_mix(doc, ctx, walk) if sector_mix else []
    return facts, mix


def _sector_mix(doc: Document, ctx: _Ctx, walk: _Walk) -> list[SectorMix]:
    """Ratio rows plus shares stated alone (see ``extract_sector_mix``)."""
    rows: list[SectorMix] = []
    facts: list[ProseFact] = []
    for line, sstart, send, tense in _sentences(doc, ctx, set(), walk):  # every line, one pass
        rows.extend(_sentence_ratios(line, sstart, send, tense, ctx, walk))
        if line.text.find("产业", sstart, send) >= 0:
            # Only facts named 第…产业… are used below, and a fact's name is cut from its own
            # sentence (a shared list head never supplies 产业): other sentences can be skipped.
            facts.extend(_sentence_facts(line, sstart, send, tense, ctx, walk))
    seen = {(r.year, r.kind) for r in rows}
    for fact in facts:
        m = _SHARE_NAME.match(fact.name)
        if m is None or fact.unit != "%" or fact.measure != "level":
            continue
        if fact.value is not None and fact.value.qualifier in ("exact", "approx") and fact.target_year:
            year, kind, share = fact.target_year, "target", fact.value.number
        elif fact.base_year is not None and fact.base_value is not None:
            year, kind, share = fact.base_year, "actual", fact.base_value
        else:
            continue
        if (year, kind) in seen:
            continue
        sector = {"一": "primary", "二": "secondary", "三": "tertiary"}[m.group(1)]
        shares: dict[str, float | None] = {"primary": None, "secondary": None, "tertiary": None, sector: share}
        rows.append(
            SectorMix(year, kind, shares["primary"], shares["secondary"], shares["tertiary"], fact.line, fact.sentence)
        )
    return sorted(rows, key=lambda r: (r.line, r.year))
