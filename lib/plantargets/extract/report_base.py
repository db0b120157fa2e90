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
from plantargets.extract.statements import (
    Statement,
    is_comparison,
    named_only,
    read_clause,
)
from plantargets.extract.values import Value
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
            r"^(?:地方|地方级|全口径)?(?:一般公共预算收入|公共财政(?:预算|总)?收入|财政(?:总)?收入|财政一般预算收入|一般预算收入|"
            r"地方财政收入)(?:总计|合计)?$"
        ),
    ),
)
# A region named before the indicator (2016年，预计西藏生产总值达1148亿元; 无锡市地区生产总值): a
# province's short name, or a name ending in an administrative suffix. Not 区 alone, so that
# 人均地区生产总值 keeps its 人均.
_REGION = re.compile(
    r"(?:全国|北京|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|"
    r"广东|广西|海南|重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|"
    r"[\u4e00-\u9fff]{1,8}(?:省|市|自治区|自治州|州|盟|县|旗)|"
    r"(?:来自|来源于)[^的]{1,8}的)"
)
PAST_HEADING = re.compile(r"回顾|过去|一年来|五年来|工作总结|成绩|成就|施政成果|主要工作|执行情况|完成情况")
FRONT_MATTER = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|工作报告|会议上|代表大会")
FORWARD_HEADING = re.compile(
    r"今年|今后|未来|明年|总体要求|主要任务|工作安排|重点工作|目标任务|预期目标|工作部署|政策取向"
)
TRIGGER = re.compile(
    r"(?:主要)?预期目标(?:和约束性?指标)?(?:建议|安排)?(?:是|为|确定为|如下)?[:：]|"
    r"(?:主要)?预期目标(?:和约束性?指标)?(?:建议|安排)?(?:是|为|确定为)|"
    r"主要(?:发展|奋斗)?目标(?:建议)?(?:是|为|确定为)|主要预期(?:和调控)?(?:目标|指标)(?:是|为|[:：])|"
    # 经济社会发展的目标是：, 主要预期目标，按保持“三个同步”原则安排：
    r"(?:社会)?发展的目标(?:是|为)[:：]|(?:主要)?预期目标[,，][^。;；:：]{0,30}?安排[:：]|主要目标[:：]|发展目标(?:是|为)|预期性目标(?:是|为)|预期目标$|"
    r"(?:预期实现的|主要)(?:经济)?(?:社会)?(?:发展)?(?:调控)?指标(?:是|为|[:：])|"
    r"以下(?:主要)?(?:约束性|预期性|指导性)?(?:目标|指标)[:：]|"
    # 我们对疫情前考虑的预期目标作了适当调整。今年要…；城镇新增就业900万人以上…: the adjusted targets follow.
    r"(?:预期|主要)目标(?:作了|做了|进行了)[^。;；]{0,6}调整[。;；]"
)
PASSAGE_END = re.compile(r"^(?:实现|提出|为实现|为完成|完成|这些|上述|确定|设定|综合考虑|主要考虑|做好|各位代表)")
_PRELIMINARY = re.compile(r"预计|初步核算|初步统计|初步测算")
STANDING_PRELIMINARY = re.compile(r"预计[,，、(（]?下同|下同[,，、]?预计|均为预计数|为预计数|数据为预计")
FIVE_YEARS = re.compile(r"五年来|过去五年|五年间|这五年|本届政府|过去的五年|五年中|五年累计")
# “十一五” … “十九五”, and the 10th plan “十五” (quoted, or 十五计划 / 十五时期: 十五 alone is fifteen).
_PLAN_NAME = re.compile(
    r"(?:[“\"]?十(?P<n>[一二三四五六七八九])五[”\"]?|[“\"]十五[”\"]|十五(?=计划|规划|时期|期间))"
    r"(?:规划|计划)?(?:时期|期间|以来|末|期末|的)?"
)
NEXT_FIVE = re.compile(r"(?:今后|未来)[五5]年")
AVERAGE = re.compile(r"年均|平均每年")
# ``5年年均增长6.1%``, ``五年来年均``: an average over the years before the report.
TERM = re.compile(r"([2-9]|[两三四五六七八九十])年(?:来|间)?(?:年均|平均)")
YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})年(?!代)")
_EXPLICIT_BOUND = re.compile(r"以内|以下|之内|不超过|不高于|低于")
PLAN_SECTION = re.compile(r"目标|任务|展望|思路|纲要|今后|未来")
TOP_HEADING = re.compile(r"^[#*\s]*(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十]+部分)")
_COMPARED_BEFORE = re.compile(r"(?:是|比|较|相比|为|由|从)$")
COMPARED_YEAR = re.compile(r"(?:比|较|相比|是|为)((?:19|20)\d{2})年")
CUMULATIVE = re.compile(r"累计|五年(?:共|合计)|总计")
_CLAUSES = re.compile(r"[^,;:，；：。]+")
LOOK_BACK = re.compile(r"^(?:过去一年|过去的一年|去年|刚刚过去的一年)")
ONE_YEAR = re.compile(r"过去一年|过去的一年|一年来|去年|上一年")
# Prefilters: a review sentence without a headline word, a forward sentence without a plan
# cue, has nothing for this reader (they skip work whose result is known, nothing else).
HEADLINE_WORDS = re.compile(r"生产总值|GDP|经济总量|价格|CPI|失业率|固定资产投资|零售|收入")
PLAN_CUE = re.compile(r"十[一二三四五六七八九]五|今后五年|未来五年|(?:19|20)\d\d年")
DIGIT = re.compile(r"\d")
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
        if _REGION.fullmatch(name[:i]) and _code(name[i:]):
            return name[i:]
    return name


def headline_code(name: str) -> str:
    """The headline indicator a review statement names ('' when none); a region before it is no part of it."""
    return _code(without_region(name))


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
    if v.qualifier == "at_most" and v.raw.startswith("控制在") and not _EXPLICIT_BOUND.search(v.raw):
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
    for m in _CLAUSES.finditer(block.text, start, end):
        found = read_clause(block.text, m.start(), m.end(), prev, listed)
        out.extend(found)
        one = len(found) == 1 and found[0].measure == "level" and found[0].name not in singles
        singles = [*singles, found[0].name] if one else []
        listed = [st.name for st in found] if len(found) > 1 else (singles if len(singles) > 1 else None)
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
    return bool(_PRELIMINARY.search(block.text, start, st.vstart))


def opens_five_years(text: str) -> bool:
    """五年来 before the sentence's first number scopes what follows; after it (增长7.4%，增速五年来
    首次超过全省平均水平) it says nothing about the figures."""
    m = FIVE_YEARS.search(text)
    if m is None:
        return False
    digit = DIGIT.search(text)
    return digit is None or m.start() < digit.start()


def opens_last_year(text: str, year: int) -> bool:
    """A sentence naming last year without figures of it (刚刚过去的2015年，我们…), or about last year
    itself (2020年是“十三五”规划收官之年，…3场台风…), opens its review; one with figures
    (2021年地区生产总值2.82万亿元) dates them and the passage goes on."""
    if re.match(rf"[\s*—]*(?:刚刚过去的|过去的)?{year - 1}年是", text):
        return True
    return f"{year - 1}年" in text and DIGIT.search(YEAR.sub("", text)) is None


def plan_named(text: str) -> int | None:
    """The plan a sentence is about; a plan named as a comparison base (是“十二五”末的1.57倍) is not."""
    for m in _PLAN_NAME.finditer(text):
        if not _COMPARED_BEFORE.search(text, 0, m.start()):
            return cn_ordinal("十" + (m.group("n") or ""))
    return None
