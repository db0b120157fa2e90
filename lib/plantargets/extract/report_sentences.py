"""A work report's review sentences and plan sentences.

- Review (``read_review_sentence``): last year's headline figures, and 年均 averages of a past plan
  or of the government's term (5年年均, 五年来).
- Plans (``read_plan_sentence``): the new plan's targets in a sentence naming it, or in any sentence
  of a section about it (``plan_scope``: 二、“十二五”时期的主要目标和任务), dated to the plan end.
"""

from __future__ import annotations

import re
from dataclasses import replace

from plantargets.extract.passages import Block
from plantargets.extract.report_base import (
    ECONOMY,
    RATE_UNITS,
    ReportReader,
    actual_fact,
    block_statements,
    headline_code,
    is_preliminary,
    line_of,
    plan_named,
    restated,
    target_fact,
)
from plantargets.extract.statement_words import CROSSING_VERBS, VAGUE_AIM
from plantargets.extract.statements import (
    DECLINE_VERBS,
    FROM_VERB,
    Statement,
)
from plantargets.vocab.patterns import REPORT_WORDS
from plantargets.vocab.periods import cn_ordinal, plan_years


def read_review_sentence(r: ReportReader, block: Block, s: int, e: int, five_years: bool) -> None:
    """Headline figures and closing-plan averages of one review sentence."""
    text = block.text[s:e]
    if REPORT_WORDS.DIGIT.search(text) is None or (
        REPORT_WORDS.HEADLINE_WORDS.search(text) is None and REPORT_WORDS.AVERAGE.search(text) is None
    ):
        return  # no headline indicator or average named, or no number: nothing to read (most sentences)
    plan = plan_named(text)
    level = ""  # the indicator whose level this sentence gave last (its growth follows it)
    statements = block_statements(block, s, _figures_end(block.text, s, e), topic_before(block, s))
    for read in without_milestones(block, statements):
        # 城镇化率年均提高1.6个百分点: a rate's yearly rise; no other difference in points is read
        points = read.unit == "个百分点" and REPORT_WORDS.AVERAGE.search(block.text[read.start : read.end])
        st = _points_a_year(read) if points else read
        if st is None or st.value is None or (st.unit in ("倍", "个百分点") and not points) or st.verb == FROM_VERB:
            continue  # a base of 由x增加到y has no year of its own
        if st.aim:
            continue  # a target set (目标确定为) is no outcome
        if st.measure == "growth" and st.unit not in RATE_UNITS:
            continue  # 财政收入增加300亿元: an amount of change, neither the level nor a rate
        paired, level = st.measure == "growth" and st.name == level, st.name if st.measure == "level" else ""
        before = block.text[s : st.vstart]
        reduction = five_years and _reduction(st)
        # 累计 marks the clause it is in (累计实现城镇新增就业6.1万人，城乡居民人均可支配收入… is not
        # cumulative); a five-year passage's reductions are totals anyway (五年累计，能耗下降19.1%).
        cumulative = REPORT_WORDS.CUMULATIVE.search(_CLAUSE_START.split(before)[-1])
        if (cumulative and not reduction) or REPORT_WORDS.COMPARED_YEAR.search(block.text[st.start : st.end]):
            continue
        if REPORT_WORDS.AVERAGE.search(block.text[st.start : st.end]) or reduction:
            # 年均 rates, and in a five-year passage the reductions (五年累计，单位国内生产总值能耗下降
            # 19.1%), are the period's realised figures.
            _review_average(r, block, st, _period(r, plan, before, five_years))
            continue
        code = headline_code(st.name)
        # A five-year passage's bare growth may be over the five years, unless it follows the
        # level it belongs to (固定资产投资超8500亿元，增长11.7%).
        if not code or (five_years and st.measure == "growth" and not paired):
            continue
        # 由2007年的2704亿元增加到5569亿元: the base's year does not date the figure after it.
        years = [int(y) for y in REPORT_WORDS.YEAR.findall(_SPAN_YEARS.sub("", _FROM_YEAR.sub("", before)))]
        year = years[-1] if years else r.year - 1
        if year >= r.year or year < r.year - 5:
            continue
        # Reports often give two fiscal totals (财政总收入 and 地方一般公共预算收入): both are kept.
        # A five-year passage's level does not take the place of the last year's.
        key = (st.name if code == "fiscal" else code, st.measure + (":5" if five_years else ""))
        if five_years and _restated(r, st, code, year):
            r.lines.add(line_of(block, st))  # read: the general reader would take it for a new figure
        else:
            _keep_headline(r, block, st, key, year)


_CLAUSE_END = re.compile(r"[,;:，；：。]")  # what ends a clause (REPORT_WORDS.CLAUSES)


def _figures_end(text: str, s: int, e: int) -> int:
    """Where the clause of the last digit of ``text[s:e]`` ends. The clauses after it state no figure (a
    value is read only where a digit is printed), and the review keeps figures only; the statements
    before do not depend on them."""
    digits = list(REPORT_WORDS.DIGIT.finditer(text, s, e))
    if not digits:
        return e
    end = _CLAUSE_END.search(text, digits[-1].end(), e)
    return end.start() if end else e


def _restated(r: ReportReader, st: Statement, code: str, year: int) -> bool:
    """A level of a five-year passage already read as last year's (预计实现地区生产总值2900亿元 … 五年来，
    地区生产总值从2010年的1690亿元增加到2900亿元): the same figure, no second row."""
    number = st.value.number if st.value is not None else None
    return st.measure == "level" and any(
        f.role == "actual" and f.base_year == year and f.base_value == number and headline_code(f.name) == code
        for f in r.facts
    )


def _keep_headline(r: ReportReader, block: Block, st: Statement, key: tuple[str, str], year: int) -> None:
    """The first statement of each headline figure; a level crossed (经济总量跨过2万亿元台阶) gives
    way to the level itself stated later (2007年全省生产总值25887.7亿元)."""
    crossed = bool(_MILESTONE.match(block.text, st.end))
    if key in r.seen and (key not in r.crossed or crossed or r.facts[r.crossed[key]].unit[-1:] != st.unit[-1:]):
        return  # kept already; a level crossed gives way only to a level in the same unit (亿元, not %)
    fact = actual_fact(block, st, year, is_preliminary(block, st, r))
    if key in r.crossed:
        r.facts[r.crossed.pop(key)] = fact
    else:
        r.seen.add(key)
        if crossed:
            r.crossed[key] = len(r.facts)
        r.facts.append(fact)
    r.lines.add(line_of(block, st))


# The scope of a section about the government's term (今后五年…目标任务), which names no plan.
TERM_SCOPE = 0
_CLAUSE_START = re.compile(r"[,;，；]")
_MILESTONE = re.compile(r"[^,;，；。]*?(?:台阶|大关)")


def without_milestones(block: Block, sts: list[Statement]) -> list[Statement]:
    """The statements without levels crossed on the way: a list of them (连续跨越110万亿元、…、140万亿元
    台阶) states no year's level, nor does one followed by the level itself (突破4000亿元大关，达到
    4001.9亿元; 突破4000亿元，达到4162.2亿元); a lone one (跨过2000亿元台阶) is the level's bound and stays."""
    marks = [st.measure == "level" and bool(_MILESTONE.match(block.text, st.end)) for st in sts]
    # A level crossed: by its words (台阶, 大关), its verb (突破), or listed after one (相继突破5000亿元和6000亿元).
    crossed: list[bool] = []
    for st, mark in zip(sts, marks, strict=True):
        listed_after = (
            bool(crossed) and crossed[-1] and not st.verb and block.text[st.start : st.start + 1] in "、和与及"
        )
        crossed.append(mark or (st.measure == "level" and (st.verb in CROSSING_VERBS or listed_after)))
    out = []
    for i, (st, mark) in enumerate(zip(sts, marks, strict=True)):
        stated = any(
            o.name == st.name and o.measure == "level" and not c
            for o, c in zip(sts[i + 1 :], crossed[i + 1 :], strict=True)
        )
        listed = sum(m for o, m in zip(sts, marks, strict=True) if o.name == st.name) > 1
        if not (crossed[i] and stated) and not (mark and (listed or st.unit == "个")):  # 跨过3个万亿元大关: a count
            out.append(st)
    return out


# A short sentence naming a sector or indicator and how it went (服务业加快发展。): the sentence after
# it may state its figures without naming it again (年均增长15.3%).
_TOPIC = re.compile(
    r"^[—\-*\s]*(?P<name>[^\d,;:，；：。]{1,8}?(?:业|产业))"
    r"(?:加快|快速|稳步|健康|较快|持续|平稳|稳定|蓬勃)+(?:发展|增长)[*\s]*$"
)


def topic_before(block: Block, s: int) -> Statement | None:
    """The sector a topic sentence right before ``s`` names (服务业加快发展。年均增长15.3%: 服务业), as
    the statement the next clause continues; None when the sentence before is no such topic."""
    before = block.text[:s].rstrip("。!?！？;；")
    m = _TOPIC.match(before[before.rfind("。") + 1 :])
    if m is None:
        return None
    return Statement(m.group("name"), "level", None, "", s, s, s)


_FROM_YEAR = re.compile(r"(?:由|从)(?:19|20)\d{2}年")
# A period named by its years (国土空间总体规划（2021―2035年）): no date of the figures after it.
_SPAN_YEARS = re.compile(r"(?:19|20)\d{2}年?\s*[―—\-–~至到]\s*(?:19|20)\d{2}年")


def _reduction(st: Statement) -> bool:
    """A reduction of an intensity or emission (能耗下降, 排放量减少): the decline is the indicator."""
    return st.measure == "growth" and st.name.endswith(DECLINE_VERBS)


def _period(r: ReportReader, plan: int | None, before: str, five_years: bool) -> tuple[int, int] | None:
    """(first, last) year of the period a review's 年均 rate averages, None when unknown.

    A past plan named in the sentence; else, printed ``5年年均`` or ``五年来``, the years up to last
    year (in a report that closes a plan, that plan); else, in a report that closes a plan, the
    closing plan (年均 in its review can mean nothing else).
    """
    if plan is not None and plan < r.plan:
        return plan_years(plan)
    term = REPORT_WORDS.TERM.search(before)
    if term or five_years:
        if r.closing is not None:
            return plan_years(r.closing)
        n = (int(term.group(1)) if term.group(1).isdigit() else cn_ordinal(term.group(1))) if term else 5
        return (r.year - (n or 5), r.year - 1)
    return plan_years(r.closing) if r.closing is not None else None


def _points_a_year(st: Statement) -> Statement | None:
    """A rate's average yearly rise in points (城镇化率年均提高1.56个百分点) as the rate's growth, named
    without its verb; None for any other difference in points (高于全国2个百分点)."""
    verb = next((v for v in ("提高", "上升", "提升") if st.name.endswith(v)), "")
    name = st.name.removesuffix(verb)
    return replace(st, name=name, measure="growth") if verb and name.endswith("率") else None


def _review_average(r: ReportReader, block: Block, st: Statement, period: tuple[int, int] | None) -> None:
    """A realised 年均 growth rate of a past plan or term (any indicator the review names), or the
    CPI's average rise over it (城市居民消费价格年均上升1.1%: a level, dated to the period's end)."""
    cpi = st.measure == "level" and headline_code(st.name) == "cpi"
    if period is None or not (st.measure == "growth" or cpi) or st.unit not in ("%", "个百分点"):
        return
    key = (f"{st.name}:{period[0]}", st.measure)
    if key in r.seen:
        return
    r.seen.add(key)
    first = None if cpi else period[0]
    r.facts.append(actual_fact(block, st, period[1], is_preliminary(block, st, r), first))
    r.lines.add(line_of(block, st))


def read_plan_sentence(r: ReportReader, block: Block, s: int, e: int, scope: int | None = None) -> None:
    """The new plan's targets in a forward sentence naming it (“十四五”时期, 今后五年, 到2025年), or
    any sentence of a section about the new plan (``scope``, its number: 二、“十二五”时期的主要目标和任务)."""
    text = block.text[s:e]
    if REPORT_WORDS.DIGIT.search(text) is None:
        return  # a target set needs a value too, and a value is read only where a digit is printed
    _read_year_target_set(r, block, s, e)
    if scope is None and REPORT_WORDS.PLAN_CUE.search(text) is None:
        return
    plan = plan_named(text)
    if plan is not None and plan < r.plan:
        # “十五”时期我市万元生产总值能耗已下降22%: a past plan's record, stated among the new plan's aims;
        # a past plan named after the figure (年均增长7%以上，与“十四五”规划目标保持一致) is a comparison.
        figure = REPORT_WORDS.DIGIT.search(text)
        if plan_named(text[: figure.start()] if figure else text) is not None:
            read_review_sentence(r, block, s, e, True)
        return
    # A sentence about the year, or one of a paragraph that opens on the year (今年，是…开局之年。要力争
    # 地区生产总值增长10%以上), is the year's, though its section is about the plan or the term.
    the_year = f"今年|明年|{r.year}年"
    if (
        plan is None
        and scope is not None
        and not re.search(the_year, text)
        and not re.match(f"[^。]{{0,6}}(?:{the_year})", block.text)
    ):
        plan = scope if not REPORT_WORDS.PAST_HEADING.search(text) else None
    years = [int(y) for y in REPORT_WORDS.YEAR.findall(text) if int(y) > r.year]
    term = plan == TERM_SCOPE or (plan is None and bool(REPORT_WORDS.NEXT_FIVE.search(text)))
    plan = None if plan == TERM_SCOPE else plan
    if plan is None and not years and not term:
        return
    if plan is not None:
        first, last = plan_years(plan)
    else:  # 今后五年: the government's term; else the latest year named
        first, last = r.year, (r.year + 4 if term else max(years))
    if last <= r.year:
        return
    for st in block_statements(block, s, e):
        before = block.text[s : st.vstart]
        yrs = [int(y) for y in REPORT_WORDS.YEAR.findall(before) if int(y) > r.year]
        if st.verb == FROM_VERB:
            _plan_base(r, block, st, before)
            continue
        # A term's section (今后五年…目标任务) lists projects too: only headline indicators, rates and reductions count.
        section = None if scope == TERM_SCOPE else scope
        dated = bool(yrs) or plan is not None or term
        if not _plan_target(st, block.text[st.start : st.end], before, dated, section, scope == TERM_SCOPE):
            continue
        r.facts.append(target_fact(block, st, yrs[-1] if yrs else last, first - 1, True, "plan"))
        r.lines.add(line_of(block, st))


def _read_year_target_set(r: ReportReader, block: Block, s: int, e: int) -> None:
    """A headline target of the year set outside the targets passage (市委市政府把全市生产总值增长目标确定为6.5%
    左右), unless the report has read it already (an explanation restating the passage's target) or the
    sentence is about a later year or a plan (then it is the plan's)."""
    text = block.text[s:e]
    # Every SET_WORDS alternative ends in 为 (tests/test_patterns.py): the plain test first, 3x faster.
    if "为" not in text or REPORT_WORDS.SET_WORDS.search(text) is None or plan_named(text) is not None:
        return  # most sentences set no target
    if any(int(y) > r.year for y in REPORT_WORDS.YEAR.findall(text)):
        return
    for st in block_statements(block, s, e):
        if not (st.aim and st.value is not None and (headline_code(st.name) or st.name == ECONOMY)):
            continue
        fact = target_fact(block, st, r.year, r.year - 1, False, "year")
        if not restated(r, fact):
            r.facts.append(fact)
            r.lines.add(line_of(block, st))


def _plan_base(r: ReportReader, block: Block, st: Statement, before: str) -> None:
    """城镇化率从47.5%提高到51.5%: the base is the level of the year it names, else of last year."""
    if st.value is None or st.unit in ("倍", "个百分点") or st.value.qualifier != "exact":
        return
    years = [int(y) for y in REPORT_WORDS.YEAR.findall(block.text[st.start : st.vstart]) if int(y) < r.year]
    r.facts.append(actual_fact(block, st, years[-1] if years else r.year - 1, False))
    r.lines.add(line_of(block, st))


def _plan_target(st: Statement, own: str, before: str, dated: bool, scope: int | None, term: bool = False) -> bool:
    """Whether a statement of a plan sentence is one of the plan's targets.

    Outside a plan section only headline indicators, rates and jobs count (a sentence naming 2025年
    may list anything); inside one every indicator does, and a decline (能耗降低16%) is the plan's
    reduction target, as it is in a section about the government's term (``term``). A growth
    without 年均 may be a cumulative one and is left out, so are cumulative (累计) figures,
    comparisons with a year (比2010年) and levels of no known year.
    """
    if st.value is None:
        # 到2020年国内生产总值…比2010年翻一番; not an aim without a measure (农业现代化水平明显提高)
        return scope is not None and st.measure == "text" and not VAGUE_AIM.match(st.text)
    if st.unit == "倍" or REPORT_WORDS.CUMULATIVE.search(before) or REPORT_WORDS.COMPARED_YEAR.search(own):
        return False
    if st.measure == "growth" and not REPORT_WORDS.AVERAGE.search(own):
        return (scope is not None or term) and st.verb in DECLINE_VERBS
    if scope is not None:
        return st.measure != "level" or dated
    if not headline_code(st.name) and st.measure != "level":
        return False
    rate = re.sub("(?:提高|提升|上升)$", "", st.name)  # 战略性新兴产业占比提高5个百分点: a share's rise
    return st.measure != "level" or (
        dated and (bool(headline_code(st.name)) or rate.endswith(("率", "比重", "占比", "收入", "就业")))
    )


def plan_scope(text: str, r: ReportReader, scope: int | None) -> int | None:
    """The plan whose section a heading opens (二、“十五五”时期主要目标任务), keeps or closes.

    A heading naming the report's plan or the next and its aims (目标, 任务, 展望) opens its section
    (“十一五”开局良好 is a review); a top-level heading (三、…)
    or one about the year (2026年重点工作) closes it; sub-headings ((一)…, 各位代表) keep it.
    """
    plan = plan_named(text)
    if (
        plan is not None
        and plan >= r.plan
        and REPORT_WORDS.PLAN_SECTION.search(text)
        and not REPORT_WORDS.PAST_HEADING.search(text)
    ):
        return plan
    if (
        plan is None
        and REPORT_WORDS.NEXT_FIVE.search(text)
        and REPORT_WORDS.PLAN_SECTION.search(text)
        and not REPORT_WORDS.PAST_HEADING.search(text)
    ):
        return TERM_SCOPE  # 二、今后五年总体思路和目标任务: the government's term
    if plan is not None and plan < r.plan:
        return None  # （二）“十五”时期…主要情况 inside the new plan's explanation: a past plan's record
    if REPORT_WORDS.TOP_HEADING.match(text) or "今年" in text or f"{r.year}年" in text:
        return None
    return scope
