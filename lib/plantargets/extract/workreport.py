"""A work report's headline content: the year's targets, the review's figures, plan averages.

A government work report of year Y has a fixed shape, which this reader follows instead of
guessing the tense of every sentence:

1. **The review** (一、2023年工作回顾 / 过去五年工作回顾) opens with the previous year's headline
   figures: GDP level and growth, CPI, unemployment, fixed-asset investment, retail sales,
   fiscal revenue (预计 / 初步核算 flagged as preliminary). The first statement of each is read.
2. **The main-targets passage** (今年经济社会发展的主要预期目标是：…), however introduced and
   however cut into lines or list items: every item, numeric or text.
3. **Plans**: a report that closes a five-year plan states the plan's realised averages
   (“十三五”时期 / 五年来 地区生产总值年均增长7%); one that opens a plan states the new plan's
   targets (“十四五”时期 … 年均增长6%左右, 到2025年…达到).

Sections are told apart by their headings (回顾, 过去 → review; 今年, 总体要求, 主要任务 →
plan of the year). Everything returned is a ``ProseFact`` with ``role`` and ``preliminary``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from plantargets.extract.passages import Block, blocks
from plantargets.extract.prose import ProseFact, SectorMix, extract_prose_and_sector_mix
from plantargets.extract.statements import (
    DECLINE_VERBS,
    FROM_VERB,
    Statement,
    clean_subject,
    is_comparison,
    named_only,
    read_clause,
)
from plantargets.extract.values import Value
from plantargets.read.text import Document
from plantargets.vocab.periods import cn_ordinal, plan_number, plan_years

# Headline indicators of a review, by the name as printed; the first statement of each
# (indicator, measure) in the review is kept.
HEADLINE = (
    ("gdp", re.compile(r"^(?:(?:地区|国内|全市|全省|全区|全州|全盟|全县|全旗)?生产总值|GDP|经济总量)$")),
    ("cpi", re.compile(r"^(?:城市|全省|全市)?居民消费价格(?:总水平|指数)?(?:涨幅|指数)?$|^CPI(?:涨幅)?$")),
    ("unemployment", re.compile(r"^(?:城镇|全国城镇|全市城镇|全省城镇)?(?:登记|调查)失业率$")),
    ("fai", re.compile(r"^(?:全社会|城镇|全市|全省)?固定资产投资(?:额|总额)?$")),
    ("retail", re.compile(r"^社会消费品零售(?:总)?额$")),
    (
        "fiscal",
        re.compile(
            r"^(?:地方|地方级|全口径)?(?:一般公共预算收入|公共财政预算收入|财政(?:总)?收入|财政一般预算收入|一般预算收入|"
            r"地方财政收入)$"
        ),
    ),
)
_PAST_HEADING = re.compile(r"回顾|过去|一年来|五年来|工作总结|成绩|成就|主要工作")
_FRONT_MATTER = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|工作报告|会议上|代表大会")
_FORWARD_HEADING = re.compile(
    r"今年|今后|未来|明年|总体要求|主要任务|工作安排|重点工作|目标任务|预期目标|工作部署|政策取向"
)
_TRIGGER = re.compile(
    r"(?:主要)?预期目标(?:建议)?(?:是|为|确定为|如下)?[:：]|(?:主要)?预期目标(?:建议)?(?:是|为|确定为)|"
    r"主要(?:发展)?目标(?:是|为|确定为)|主要目标[:：]|发展目标(?:是|为)|预期性目标(?:是|为)|预期目标$|"
    r"(?:预期实现的|主要)(?:经济)?(?:社会)?(?:发展)?(?:调控)?指标(?:是|为|[:：])|以下(?:主要)?目标[:：]"
)
_PASSAGE_END = re.compile(r"^(?:实现|提出|为实现|为完成|完成|这些|上述|确定|设定|综合考虑|主要考虑|做好|各位代表)")
_PRELIMINARY = re.compile(r"预计|初步核算|初步统计|初步测算")
_STANDING_PRELIMINARY = re.compile(r"预计[,，、]?下同|下同[,，、]?预计|均为预计数|为预计数|数据为预计")
_FIVE_YEARS = re.compile(r"五年来|过去五年|五年间|这五年|本届政府|过去的五年|五年中")
_PLAN_NAME = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?(?:规划)?(?:时期|期间|以来|末|期末|的)?")
_NEXT_FIVE = re.compile(r"今后五年|未来五年")
_AVERAGE = re.compile(r"年均|平均每年")
# ``5年年均增长6.1%``, ``五年来年均``: an average over the years before the report.
_TERM = re.compile(r"([2-9]|[两三四五六七八九十])年(?:来|间)?(?:年均|平均)")
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})年(?!代)")
_EXPLICIT_BOUND = re.compile(r"以内|以下|之内|不超过|不高于|低于")
_PLAN_SECTION = re.compile(r"目标|任务|展望|思路|纲要|今后|未来")
_TOP_HEADING = re.compile(r"^[#*\s]*(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十]+部分)")
_COMPARED_BEFORE = re.compile(r"(?:是|比|较|相比|为)$")
_COMPARED_YEAR = re.compile(r"(?:比|较|相比|是|为)((?:19|20)\d{2})年")
_CUMULATIVE = re.compile(r"累计|五年(?:共|合计)|总计")
_CLAUSES = re.compile(r"[^,;:，；：。]+")
_LOOK_BACK = re.compile(r"^(?:过去一年|过去的一年|去年|刚刚过去的一年)")
_ONE_YEAR = re.compile(r"过去一年|过去的一年|一年来|去年|上一年")
# Prefilters: a review sentence without a headline word, a forward sentence without a plan
# cue, has nothing for this reader (they skip work whose result is known, nothing else).
_HEADLINE_WORDS = re.compile(r"生产总值|GDP|经济总量|价格|CPI|失业率|固定资产投资|零售|收入")
_PLAN_CUE = re.compile(r"十[一二三四五六七八九]五|今后五年|未来五年|(?:19|20)\d\d年")
_DIGIT = re.compile(r"\d")
PASSAGE_MAX_BLOCKS = 15
# Documents this reader reads (extract.context.DOC_TYPES).
REPORT_TYPES = ("work_report", "annual_plan", "news")
PASSAGE_ITEM_MAX = 160  # a list item after the trigger is short; a long paragraph ends the passage


@dataclass
class _Reader:
    """One report being read: its year and what has been found."""

    year: int
    facts: list[ProseFact] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)  # lines whose figures this reader owns
    seen: set[tuple[str, str]] = field(default_factory=set)  # review headline (code, measure) kept
    preliminary_from: int = 0  # line of a standing note (（预计，下同）): figures from here on are preliminary

    @property
    def plan(self) -> int:
        return plan_number(self.year)

    @property
    def closing(self) -> int | None:
        """The plan a report of this year closes (2021 closes the 13th), else None."""
        return self.plan - 1 if plan_years(self.plan)[0] == self.year else None


def headline_code(name: str) -> str:
    """The headline indicator a review statement names ('' when none)."""
    for code, pattern in HEADLINE:
        if pattern.search(name):
            return code
    return ""


def _line(block: Block, st: Statement) -> int:
    return block.line_at(st.vstart)


def _target(block: Block, st: Statement, year: int, base_year: int | None, annual: bool, period: str) -> ProseFact:
    """A target statement as a fact (growth in annual_growth, a level or rate in target_value)."""
    v = st.value if st.value is not None else Value(None, "text", text=st.text)
    growth = st.measure == "growth" or (st.measure == "text" and st.name.endswith(("增长", "增速")))
    rate = v.number if st.measure == "growth" else None
    return ProseFact(st.name, st.unit, base_year if growth else None, None, year, v, rate, period, _line(block, st),
                     block.text[st.start : st.end], measure="growth" if growth else "level", role="target")  # fmt: skip


def _actual(block: Block, st: Statement, year: int, preliminary: bool, first: int | None = None) -> ProseFact:
    """A realised statement: a level or rate in base_value (its year), a growth in annual_growth."""
    assert st.value is not None
    v = st.value
    if v.qualifier == "at_most" and v.raw.startswith("控制在") and not _EXPLICIT_BOUND.search(v.raw):
        v = replace(v, qualifier="exact")  # 失业率控制在3.86%: the realised rate, no bound
    sentence = block.text[st.start : st.end]
    if st.measure == "growth":
        base = first - 1 if first is not None else year - 1
        period = "past_plan" if first is not None else "year"
        return ProseFact(st.name, st.unit, base, None, year, v, v.number, period, _line(block, st), sentence,
                         measure="growth", role="actual", preliminary=preliminary)  # fmt: skip
    return ProseFact(st.name, st.unit, year, v.number, None, v, None, "level", _line(block, st), sentence,
                     role="actual", preliminary=preliminary)  # fmt: skip


def _statements(block: Block, start: int, end: int, prev: Statement | None = None) -> list[Statement]:
    """Statements of ``block.text[start:end]``, each clause continuing the one before."""
    out: list[Statement] = []
    for m in _CLAUSES.finditer(block.text, start, end):
        found = read_clause(block.text, m.start(), m.end(), prev)
        out.extend(found)
        if found:
            prev = found[-1]
        elif (named := named_only(m.group(0))) is not None:
            # 生产总值突破万亿大关，预计达1.2万亿元: the next clause continues the indicator named here.
            prev = Statement(named, "level", None, "", m.start(), m.end(), m.start())
        elif prev is not None and re.search(r"\d", m.group(0)) and not is_comparison(m.group(0)):
            prev = None  # a clause about something else ends the continuation
    return out


def _sentences(block: Block) -> Iterable[tuple[int, int]]:
    start = 0
    for m in re.finditer(r"[。!?！？;；]", block.text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(block.text):
        yield start, len(block.text)


def _preliminary(block: Block, st: Statement, r: _Reader | None = None) -> bool:
    """预计 / 初步核算 anywhere before the number in its full sentence (it scopes a ；-list), or a
    standing note (（预计，下同）) earlier in the review."""
    if r is not None and r.preliminary_from and r.preliminary_from <= block.first_line:
        return True
    start = block.text.rfind("。", 0, st.vstart) + 1
    return bool(_PRELIMINARY.search(block.text, start, st.vstart))


def _zone(block: Block, zone: str, year: int) -> str:
    """The section a heading opens ('past' review, 'forward' plan); other blocks keep it."""
    if not block.heading or _FRONT_MATTER.search(block.text):
        return zone  # the title and the byline (2007年1月24日在…会议上的报告) open no section
    text = block.text
    years = [int(y) for y in _YEAR.findall(text)]
    if _PAST_HEADING.search(text) or (years and max(years) < year):
        return "past"
    if _FORWARD_HEADING.search(text) or (years and min(years) >= year):
        return "forward"
    return zone


def _opens_five_years(text: str) -> bool:
    """五年来 before the sentence's first number scopes what follows; after it (增长7.4%，增速五年来
    首次超过全省平均水平) it says nothing about the figures."""
    m = _FIVE_YEARS.search(text)
    if m is None:
        return False
    digit = _DIGIT.search(text)
    return digit is None or m.start() < digit.start()


def _opens_last_year(text: str, year: int) -> bool:
    """A sentence naming last year without figures of it (刚刚过去的2015年，我们…) opens its review;
    one with figures (2021年地区生产总值2.82万亿元) dates them and the passage goes on."""
    return f"{year - 1}年" in text and _DIGIT.search(_YEAR.sub("", text)) is None


def _plan_of(text: str) -> int | None:
    """The plan a sentence is about; a plan named as a comparison base (是“十二五”末的1.57倍) is not."""
    for m in _PLAN_NAME.finditer(text):
        if not _COMPARED_BEFORE.search(text, 0, m.start()):
            return cn_ordinal("十" + m.group(1))
    return None


def read_review_sentence(r: _Reader, block: Block, s: int, e: int, five_years: bool) -> None:
    """Headline figures and closing-plan averages of one review sentence."""
    text = block.text[s:e]
    if _DIGIT.search(text) is None or (_HEADLINE_WORDS.search(text) is None and _AVERAGE.search(text) is None):
        return  # no headline indicator or average named, or no number: nothing to read (most sentences)
    plan = _plan_of(text)
    level = ""  # the indicator whose level this sentence gave last (its growth follows it)
    for st in _statements(block, s, e):
        if st.value is None or st.unit in ("倍", "个百分点") or st.verb == FROM_VERB:
            continue  # a base of 由x增加到y has no year of its own
        paired, level = st.measure == "growth" and st.name == level, st.name if st.measure == "level" else ""
        before = block.text[s : st.vstart]
        if _CUMULATIVE.search(before) or _COMPARED_YEAR.search(block.text[st.start : st.end]):
            continue
        if _AVERAGE.search(block.text[st.start : st.end]):
            _review_average(r, block, st, _period(r, plan, before, five_years))
            continue
        code = headline_code(st.name)
        # A five-year passage's bare growth may be over the five years, unless it follows the
        # level it belongs to (固定资产投资超8500亿元，增长11.7%).
        if not code or (five_years and st.measure == "growth" and not paired):
            continue
        years = [int(y) for y in _YEAR.findall(before)]
        year = years[-1] if years else r.year - 1
        if year >= r.year or year < r.year - 5:
            continue
        # Reports often give two fiscal totals (财政总收入 and 地方一般公共预算收入): both are kept.
        # A five-year passage's level does not take the place of the last year's.
        key = (st.name if code == "fiscal" else code, st.measure + (":5" if five_years else ""))
        if key in r.seen:
            continue
        r.seen.add(key)
        r.facts.append(_actual(block, st, year, _preliminary(block, st, r)))
        r.lines.add(_line(block, st))


def _period(r: _Reader, plan: int | None, before: str, five_years: bool) -> tuple[int, int] | None:
    """(first, last) year of the period a review's 年均 rate averages, None when unknown.

    A past plan named in the sentence; else, printed ``5年年均`` or ``五年来``, the years up to last
    year (in a report that closes a plan, that plan); else, in a report that closes a plan, the
    closing plan (年均 in its review can mean nothing else).
    """
    if plan is not None and plan < r.plan:
        return plan_years(plan)
    term = _TERM.search(before)
    if term or five_years:
        if r.closing is not None:
            return plan_years(r.closing)
        n = (int(term.group(1)) if term.group(1).isdigit() else cn_ordinal(term.group(1))) if term else 5
        return (r.year - (n or 5), r.year - 1)
    return plan_years(r.closing) if r.closing is not None else None


def _review_average(r: _Reader, block: Block, st: Statement, period: tuple[int, int] | None) -> None:
    """A realised 年均 growth rate of a past plan or term (any indicator the review names)."""
    if period is None or st.measure != "growth" or st.unit != "%":
        return
    key = (f"{st.name}:{period[0]}", st.measure)
    if key in r.seen:
        return
    r.seen.add(key)
    r.facts.append(_actual(block, st, period[1], _preliminary(block, st, r), period[0]))
    r.lines.add(_line(block, st))


def read_plan_sentence(r: _Reader, block: Block, s: int, e: int, scope: int | None = None) -> None:
    """The new plan's targets in a forward sentence naming it (“十四五”时期, 今后五年, 到2025年), or
    any sentence of a section about the new plan (``scope``, its number: 二、“十二五”时期的主要目标和任务)."""
    text = block.text[s:e]
    if _DIGIT.search(text) is None or (scope is None and _PLAN_CUE.search(text) is None):
        return
    plan = _plan_of(text)
    if plan is None and scope is not None and not re.search(f"今年|明年|{r.year}年", text):
        plan = scope if not _PAST_HEADING.search(text) else None
    years = [int(y) for y in _YEAR.findall(text) if int(y) > r.year]
    term = plan is None and bool(_NEXT_FIVE.search(text))
    if plan is None and not years and not term:
        return
    if plan is not None:
        first, last = plan_years(plan)
    else:  # 今后五年: the government's term; else the latest year named
        first, last = r.year, (r.year + 4 if term else max(years))
    if last <= r.year:
        return
    for st in _statements(block, s, e):
        before = block.text[s : st.vstart]
        yrs = [int(y) for y in _YEAR.findall(before) if int(y) > r.year]
        if st.verb == FROM_VERB:
            _plan_base(r, block, st, before)
            continue
        if not _plan_target(st, block.text[st.start : st.end], before, bool(yrs) or plan is not None or term, scope):
            continue
        r.facts.append(_target(block, st, yrs[-1] if yrs else last, first - 1, True, "plan"))
        r.lines.add(_line(block, st))


def _plan_base(r: _Reader, block: Block, st: Statement, before: str) -> None:
    """城镇化率从47.5%提高到51.5%: the base is the level of the year it names, else of last year."""
    if st.value is None or st.unit in ("倍", "个百分点") or st.value.qualifier != "exact":
        return
    years = [int(y) for y in _YEAR.findall(block.text[st.start : st.vstart]) if int(y) < r.year]
    r.facts.append(_actual(block, st, years[-1] if years else r.year - 1, False))
    r.lines.add(_line(block, st))


def _plan_target(st: Statement, own: str, before: str, dated: bool, scope: int | None) -> bool:
    """Whether a statement of a plan sentence is one of the plan's targets.

    Outside a plan section only headline indicators and rates count (a sentence naming 2025年
    may list anything); inside one every indicator does, and a decline (能耗降低16%) is the
    plan's reduction target. A growth without 年均 may be a cumulative one and is left out, so
    are cumulative (累计) figures, comparisons with a year (比2010年) and levels of no known year.
    """
    if st.value is None or st.unit == "倍" or _CUMULATIVE.search(before) or _COMPARED_YEAR.search(own):
        return False
    if st.measure == "growth" and not _AVERAGE.search(own):
        return scope is not None and st.verb in DECLINE_VERBS
    if scope is not None:
        return st.measure != "level" or dated
    if not headline_code(st.name) and st.measure != "level":
        return False
    return st.measure != "level" or (
        dated and (bool(headline_code(st.name)) or st.name.endswith(("率", "比重", "收入")))
    )


def _plan_scope(text: str, r: _Reader, scope: int | None) -> int | None:
    """The plan whose section a heading opens (二、“十五五”时期主要目标任务), keeps or closes.

    A heading naming the report's plan or the next and its aims (目标, 任务, 展望) opens its section
    (“十一五”开局良好 is a review); a top-level heading (三、…)
    or one about the year (2026年重点工作) closes it; sub-headings ((一)…, 各位代表) keep it.
    """
    plan = _plan_of(text)
    if plan is not None and plan >= r.plan and _PLAN_SECTION.search(text) and not _PAST_HEADING.search(text):
        return plan
    if _TOP_HEADING.match(text) or "今年" in text or f"{r.year}年" in text:
        return None
    return scope


def _passage_blocks(bl: list[Block], i: int, start: int) -> list[tuple[Block, int]]:
    """The blocks of the targets passage opened at ``bl[i]``, position ``start``."""
    out = [(bl[i], start)]
    rest = bl[i].text[start:]
    if re.search(r"\d|同步|平衡", rest) and not rest.rstrip().endswith((":", "：")):
        return out
    for b in bl[i + 1 : i + 1 + PASSAGE_MAX_BLOCKS]:
        if _PASSAGE_END.match(b.text.lstrip("—-·")) or len(b.text) > PASSAGE_ITEM_MAX:
            break
        out.append((b, 0))
    return out


def read_targets(r: _Reader, bl: list[Block], i: int, m: re.Match[str]) -> int:
    """Every item of the main-targets passage that ``m`` opens; the number of blocks it spans."""
    # The passage is a plan's when the words right before the trigger name the plan
    # (“十四五”时期主要目标是, 今后五年…的主要目标是), not when an earlier sentence does.
    intro = re.split(r"[。;；]", bl[i].text[: m.start()])[-1]
    plan = _plan_of(intro)
    five = (plan is not None or bool(_NEXT_FIVE.search(intro))) and "今年" not in intro
    spanned = _passage_blocks(bl, i, m.end())
    # 经济增长预期目标为7%左右: the indicator is printed before the trigger.
    lead = clean_subject(re.split(r"[,，、]", intro)[-1].removesuffix("的").removesuffix("主要"))
    prev = Statement(lead, "growth", None, "%", 0, 0, 0, verb="增长") if lead.endswith(("增长", "增速")) else None
    if prev is not None:
        prev = Statement(
            lead.removesuffix("增长").removesuffix("增速") or lead, "growth", None, "%", 0, 0, 0, verb="增长"
        )
    for block, start in spanned:
        for st in _statements(block, start, len(block.text), prev):
            prev = None
            if st.unit == "倍" or st.verb == FROM_VERB:
                continue
            if five:
                # A named plan ends with the plan; 今后五年 is the government's term (year .. year+4).
                first, last = plan_years(plan) if plan is not None else (r.year, r.year + 4)
                yrs = [int(y) for y in _YEAR.findall(block.text[start : st.vstart]) if int(y) > r.year]
                r.facts.append(_target(block, st, yrs[-1] if yrs else last, first - 1, True, "plan"))
            else:
                r.facts.append(_target(block, st, r.year, r.year - 1, False, "year"))
            r.lines.add(_line(block, st))
    return len(spanned)


def read_work_report(doc_blocks: list[Block], year: int) -> tuple[list[ProseFact], set[int]]:
    """Targets, review headline figures and plan figures of a report of ``year``; the lines read."""
    r = _Reader(year)
    zone = "past"
    five_years = False
    passages: set[int] = set()
    scope: int | None = None  # the new plan whose section is being read
    for i, block in enumerate(doc_blocks):
        zone = _zone(block, zone, year)
        if block.heading:
            scope = _plan_scope(block.text, r, scope)
            zone = "forward" if scope is not None else zone
            five_years = bool(_FIVE_YEARS.search(block.text)) if zone == "past" else False
        m = _TRIGGER.search(block.text)
        if m and not re.search(r"完成|实现了|圆满", block.text[: m.start()][-12:]):
            passages.update(range(i, i + read_targets(r, doc_blocks, i, m)))
            zone = "forward"
            continue
        if i in passages and zone == "forward":
            continue
        looking_back = False  # 过去一年，… opens a look back inside a forward section, to the block's end
        for s, e in _sentences(block):
            text = block.text[s:e]
            looking_back = looking_back or (zone == "forward" and scope is None and bool(_LOOK_BACK.match(text)))
            if looking_back:
                read_review_sentence(r, block, s, e, False)
            elif zone == "past":
                if not r.preliminary_from and _STANDING_PRELIMINARY.search(text):
                    r.preliminary_from = block.first_line
                if _ONE_YEAR.search(text) or _opens_last_year(text, year):
                    five_years = False
                elif _opens_five_years(text):
                    five_years = True
                # Last year named (2021年地区生产总值…) makes a one-year sentence; the five-year
                # passage goes on after it.
                read_review_sentence(r, block, s, e, five_years and f"{year - 1}年" not in text)
            else:
                read_plan_sentence(r, block, s, e, scope)
    return r.facts, r.lines


def read_document_report(doc: Document, year: int, skip_lines: Iterable[int] = ()) -> tuple[list[ProseFact], set[int]]:
    """``read_work_report`` on a Document (table lines skipped)."""
    return read_work_report(blocks(doc, skip_lines), year)


def document_prose(
    doc: Document,
    doc_type: str,
    plan_start: int | None,
    plan_end: int | None,
    report_year: int | None,
    skip_lines: set[int],
) -> tuple[list[ProseFact], list[SectorMix]]:
    """Prose facts and sector mix of a document: a report's reader first, then the general reader.

    For a work report (annual plan, news write-up) this reader owns the lines it read; the
    general prose reader (``extract.prose``) reads the others, and the sector mix every line.
    """
    report: list[ProseFact] = []
    read: set[int] = set()
    if doc_type in REPORT_TYPES and report_year:
        report, read = read_document_report(doc, report_year, skip_lines)
    facts, mixes = extract_prose_and_sector_mix(doc, plan_start, plan_end, report_year, skip_lines=skip_lines | read)
    return sorted(report + facts, key=lambda f: f.line), mixes


__all__ = ["HEADLINE", "REPORT_TYPES", "document_prose", "headline_code", "read_document_report", "read_work_report"]
