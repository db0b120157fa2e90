"""What the work-report readers share: the report's vocabulary, the reader's state, and facts.

A block's statements (``block_statements``: each clause continuing the one before), its sentences,
the headline indicators of a review (``HEADLINE``), and the two kinds of fact a report states:
targets (``target_fact``) and realised figures (``actual_fact``), with 预计 / 初步核算 flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from plantargets.extract.passages import Block
from plantargets.extract.prose import ProseFact
from plantargets.extract.prose_words import ECONOMY  # 经济增长目标确定为7% names GDP's growth
from plantargets.extract.statement_names import is_comparison, named_only
from plantargets.extract.statements import Statement, read_clause
from plantargets.extract.values import Value
from plantargets.vocab.patterns import REPORT_WORDS
from plantargets.vocab.periods import cn_ordinal, plan_number, plan_years

# Headline indicators of a review, by the name as printed; the first statement of each
# (indicator, measure) in the review is kept.
HEADLINE = (
    ("gdp", re.compile(r"^(?:(?:地区|国内|全市|全省|全区|全州|全盟|全县|全旗)?生产总值|GDP|经济总量)$")),
    ("cpi", re.compile(r"^(?:城市|全省|全市)?居民消费价格(?:总水平|指数)?(?:涨幅|指数)?$|^CPI(?:涨幅)?$")),
    ("unemployment", re.compile(r"^(?:城镇|全国城镇|全市城镇|全省城镇)?(?:登记|调查)失业率$")),
    ("fai", re.compile(r"^(?:全社会|城镇|全市|全省|地方|规模以上)?固定资产投资(?:额|总额)?$")),
    ("retail", re.compile(r"^社会消费品零售(?:总)?额$")),
    (
        "fiscal",
        re.compile(
            r"^(?:地方|地方级|全口径)?(?:一般公共预算(?:总)?收入|公共财政(?:预算|总)?收入|(?:全部)?财政(?:总)?收入|财政一般预算收入|一般预算收入|"
            r"地方财政收入)(?:总计|合计)?$"
        ),
    ),
)
PASSAGE_MAX_BLOCKS = 15
# Documents this reader reads (extract.context.DOC_TYPES).
REPORT_TYPES = ("work_report", "annual_plan", "news")
# Units of a rate of change (增长5%, 提高1个百分点); a change in 万人 or 亿元 is an amount.
RATE_UNITS = ("%", "‰", "个百分点", "")
PASSAGE_ITEM_MAX = 160  # a list item after the trigger is short; a long paragraph ends the passage


@dataclass
class ReportReader:
    """One report being read: its year and what has been found."""

    year: int
    facts: list[ProseFact] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)  # lines whose figures this reader owns
    seen: set[tuple[str, str]] = field(default_factory=set)  # review headline (code, measure) kept
    crossed: dict[tuple[str, str], int] = field(default_factory=dict)  # kept as a level crossed: index in facts
    preliminary_from: int = 0  # line of a standing note (（预计，下同）): figures from here on are preliminary
    review: set[int] = field(default_factory=set)  # lines of the review (the past section)
    forward: bool = False  # whether a forward section or a targets passage was found at all

    @property
    def plan(self) -> int:
        return plan_number(self.year)

    @property
    def closing(self) -> int | None:
        """The plan a report of this year closes (2021 closes the 13th), else None."""
        return self.plan - 1 if plan_years(self.plan)[0] == self.year else None


def _code(name: str) -> str:
    for code, pattern in HEADLINE:
        if pattern.search(name):
            return code
    return ""


def without_region(name: str) -> str:
    """The name without a region printed before a headline indicator (西藏生产总值 -> 生产总值);
    any other name as printed (人均地区生产总值 keeps 人均: 人均地 is no region)."""
    if _code(name):
        return name
    for i in range(2, min(len(name) - 1, 12)):
        if REPORT_WORDS.REGION.fullmatch(name[:i]) and _code(name[i:]):
            return name[i:]
    return name


def headline_code(name: str) -> str:
    """The headline indicator a review statement names ('' when none); a region before it is no part of it."""
    return _code(without_region(name))


def target_code(f: ProseFact) -> str:
    """The headline indicator a target is about; 经济 (经济增长预期目标为7%) is the economy's GDP."""
    return headline_code(f.name) or ("gdp" if f.name == ECONOMY else "")


def restated(r: ReportReader, fact: ProseFact) -> bool:
    """Whether a target set (经济增长目标确定为7%, ``Statement.aim``) restates one the report has read
    already: the same headline indicator (or name), measure and year. Reports set the year's targets in
    the passage and explain them after it; the explanation gives no second row."""

    def key(f: ProseFact) -> tuple[str, str, int | None]:
        return target_code(f) or f.name, f.measure, f.target_year

    return any(f.role == "target" and key(f) == key(fact) for f in r.facts)


def beside_headline(report: list[ProseFact], fact: ProseFact) -> bool:
    """Whether a figure the general reader found on a review line whose headline figures the report reader
    read is one of those (a headline indicator, the economy, or a number that reader took from the line);
    the line's other figures are the general reader's (大连市/2021.md:14 …规模以上工业增加值增长3.8％…城镇、农村居民
    人均可支配收入分别增长2％和7.9％, beside the GDP, investment and retail figures)."""
    if target_code(fact) or fact.resolved_role != "actual":
        return True  # nor is an aim stated in passing in the review (争取中央预算内投资178亿元) the year's target
    return _number(fact) in {_number(f) for f in report if f.line == fact.line}


def _number(f: ProseFact) -> float | None:
    return f.value.number if f.value is not None else None


def repeats_target(targets: list[ProseFact], fact: ProseFact) -> bool:
    """Whether a headline figure the general reader found (``fact``) repeats a target the report reader
    read: same indicator, measure, year and number (昆明 2018 restates 地区生产总值增长10%以上 in its notes).
    A different number (力争 a higher rate, a district's rate) is a figure of its own."""

    def key(f: ProseFact) -> tuple[str, str, int | None, float | None]:
        return target_code(f), f.measure, f.target_year, f.value.number if f.value is not None else None

    if fact.role == "actual" or fact.value is None or not target_code(fact):
        return False
    return any(f.role == "target" and key(f) == key(fact) for f in targets)


def line_of(block: Block, st: Statement) -> int:
    return block.line_at(st.vstart)


def target_fact(block: Block, st: Statement, year: int, base_year: int | None, annual: bool, period: str) -> ProseFact:
    """A target statement as a fact (growth in annual_growth, a level or rate in target_value)."""
    v = st.value if st.value is not None else Value(None, "text", text=st.text)
    # 农村贫困人口减少1000万: a change counted in persons or yuan is a level target, not a rate.
    rate_of_change = st.measure == "growth" and st.unit in RATE_UNITS
    growth = rate_of_change or (st.measure == "text" and st.name.endswith(("增长", "增速")))
    rate = v.number if rate_of_change else None
    return ProseFact(without_region(st.name), st.unit, base_year if growth else None, None, year, v, rate, period, line_of(block, st),
                     block.text[st.start : st.end], measure="growth" if growth else "level", role="target")  # fmt: skip


def actual_fact(block: Block, st: Statement, year: int, preliminary: bool, first: int | None = None) -> ProseFact:
    """A realised statement: a level or rate in base_value (its year), a growth in annual_growth."""
    assert st.value is not None
    v = st.value
    if v.qualifier == "at_most" and v.raw.startswith("控制在") and not REPORT_WORDS.EXPLICIT_BOUND.search(v.raw):
        v = replace(v, qualifier="exact")  # 失业率控制在3.86%: the realised rate, no bound
    sentence = block.text[st.start : st.end]
    if st.measure == "growth":
        base = first - 1 if first is not None else year - 1
        period = "past_plan" if first is not None else "year"
        return ProseFact(without_region(st.name), st.unit, base, None, year, v, v.number, period, line_of(block, st), sentence,
                         measure="growth", role="actual", preliminary=preliminary)  # fmt: skip
    return ProseFact(without_region(st.name), st.unit, year, v.number, None, v, None, "level", line_of(block, st), sentence,
                     role="actual", preliminary=preliminary)  # fmt: skip


def block_statements(block: Block, start: int, end: int, prev: Statement | None = None) -> list[Statement]:
    """Statements of ``block.text[start:end]``, each clause continuing the one before."""
    out: list[Statement] = []
    listed: list[str] | None = None  # the names of the previous clause's list
    singles: list[str] = []  # levels of the clauses before, one each (A累计x，B累计y，年均增长a和b)
    for m in REPORT_WORDS.CLAUSES.finditer(block.text, start, end):
        found = read_clause(block.text, m.start(), m.end(), prev, listed)
        out.extend(found)
        one = len(found) == 1 and found[0].measure == "level" and found[0].name not in singles
        singles = [*singles, found[0].name] if one else []
        names = list(dict.fromkeys(st.name for st in found))  # 分别由x、y提高到z、w names each twice
        listed = names if len(found) > 1 else (singles if len(singles) > 1 else None)
        if found:
            prev = found[-1]
        elif (named := named_only(m.group(0))) is not None:
            # 生产总值突破万亿大关，预计达1.2万亿元: the next clause continues the indicator named here.
            prev = Statement(named, "level", None, "", m.start(), m.end(), m.start())
        elif prev is not None and re.search(r"\d", m.group(0)) and not is_comparison(m.group(0)):
            prev = None  # a clause about something else ends the continuation
    return out


def block_sentences(block: Block) -> Iterable[tuple[int, int]]:
    start = 0
    for m in re.finditer(r"[。!?！？;；]", block.text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(block.text):
        yield start, len(block.text)


def is_preliminary(block: Block, st: Statement, r: ReportReader | None = None) -> bool:
    """预计 / 初步核算 anywhere before the number in its full sentence (it scopes a ；-list), or a
    standing note (（预计，下同）) earlier in the review."""
    if r is not None and r.preliminary_from and r.preliminary_from <= block.first_line:
        return True
    start = block.text.rfind("。", 0, st.vstart) + 1
    return bool(REPORT_WORDS.PRELIMINARY.search(block.text, start, st.vstart))


def opens_five_years(text: str) -> bool:
    """五年来 before the sentence's first number scopes what follows; after it (增长7.4%，增速五年来
    首次超过全省平均水平) it says nothing about the figures."""
    m = REPORT_WORDS.FIVE_YEARS.search(text)
    if m is None:
        return False
    digit = REPORT_WORDS.DIGIT.search(text)
    return digit is None or m.start() < digit.start()


def opens_last_year(text: str, year: int) -> bool:
    """A sentence naming last year without figures of it (刚刚过去的2015年，我们…), or about last year
    itself (2020年是“十三五”规划收官之年，…3场台风…), opens its review; one with figures
    (2021年地区生产总值2.82万亿元) dates them and the passage goes on."""
    if f"{year - 1}年" not in text:
        return False  # both tests below need last year named: the cheap test first
    if re.match(rf"[\s*—]*(?:刚刚过去的|过去的)?{year - 1}年是", text):
        return True
    return f"{year - 1}年" in text and REPORT_WORDS.DIGIT.search(REPORT_WORDS.YEAR.sub("", text)) is None


def plan_named(text: str) -> int | None:
    """The plan a sentence is about; a plan named as a comparison base (是“十二五”末的1.57倍) is not."""
    for m in REPORT_WORDS.PLAN_NAME.finditer(text):
        if not REPORT_WORDS.COMPARED_BEFORE.search(text, 0, m.start()):
            return cn_ordinal("十" + (m.group("n") or ""))
    return None


def dated_last_year(opening: str, year: int) -> bool:
    """A sentence opening on last year (各位代表，…，2005年市十四届人大三次会议确定的…任务已圆满完成), no
    later year nor 今年 beside it: a look back inside a forward section."""
    if str(year - 1) not in opening:
        return False  # the cheap test first: this runs on every sentence of a report
    years = [int(y) for y in REPORT_WORDS.YEAR.findall(opening)]
    return year - 1 in years and max(years) < year and "今年" not in opening and "比" not in opening


def dates_last_year(text: str, year: int) -> bool:
    """A sentence dated last year alone (2021年地区生产总值…), not a span ending there (由2017年的…
    增加到2021年的…)."""
    years = [int(y) for y in REPORT_WORDS.YEAR.findall(text)]
    return year - 1 in years and min(years) >= year - 1
