"""The main-targets passage of a work report (今年经济社会发展的主要预期目标是：…), however introduced
and however cut into lines or list items: its blocks, where it ends, and each item as a target of
the year, or of the plan or the government's term when the passage or the item is theirs.

``workreport.read_report`` finds where a passage opens and hands it to ``read_targets``.
"""

from __future__ import annotations

import re

from plantargets.extract.passages import Block
from plantargets.extract.prose import ProseFact
from plantargets.extract.report_base import (
    PASSAGE_ITEM_MAX,
    PASSAGE_MAX_BLOCKS,
    ReportReader,
    actual_fact,
    block_statements,
    line_of,
    plan_named,
    restated,
    target_fact,
)
from plantargets.extract.statement_words import VAGUE_AIM
from plantargets.extract.statements import FROM_VERB, Statement, clean_subject
from plantargets.vocab.patterns import REPORT_WORDS
from plantargets.vocab.periods import plan_number, plan_years


def _passage_blocks(bl: list[Block], i: int, start: int) -> list[tuple[Block, int]]:
    """The blocks of the targets passage opened at ``bl[i]``, position ``start``."""
    out = [(bl[i], start)]
    rest = bl[i].text[start:]
    if re.search(r"\d|同步|平衡", rest) and not rest.rstrip().endswith((":", "：")):
        return out
    # The paragraph a trigger ending its block with a colon announces is the passage however long
    # (主要调控指标为：\n\n在优化结构…的基础上，地区生产总值同比增长13％以上；…). A heading (二、2024年工作总体
    # 要求和预期目标) announces no paragraph, nor does a colon after the targets (主要经济指标是：地区生产总值
    # 增长8.5%，…。主要抓好以下工作：); a long paragraph after the list's items ends the passage.
    announced = bl[i].text.rstrip().endswith((":", "：")) and not rest.strip(" :：")
    for k, b in enumerate(bl[i + 1 : i + 1 + PASSAGE_MAX_BLOCKS]):
        # A newspaper bullets a paragraph's first sentence only (■…■人口自然增长率控制在8‰以内。): the prose
        # right after the bullets is the rest of that paragraph, whatever it opens with (完成…节能减排目标任务。).
        after_bullets = out[-1][0].bullet and not b.bullet
        long = len(b.text) > PASSAGE_ITEM_MAX and not (k == 0 and announced)
        if (REPORT_WORDS.PASSAGE_END.match(b.text.lstrip("—-·")) or long) and not after_bullets:
            break
        out.append((b, 0))
    return out


_OUTLINE = re.compile(r"纲要|规划")


def read_targets(r: ReportReader, bl: list[Block], i: int, m: re.Match[str], scope: int | None = None) -> int:
    """Every item of the main-targets passage that ``m`` opens; the number of blocks it spans.
    ``scope`` is the plan whose section the passage is in (二、“十四五”…指导思想和总体要求), if any."""
    # The passage is a plan's when the words right before the trigger name the plan
    # (“十四五”时期主要目标是, 今后五年…的主要目标是), not when an earlier sentence does.
    intro = re.split(r"[。;；]", bl[i].text[: m.start()])[-1]
    plan = plan_named(intro)
    if plan is None and _OUTLINE.search(intro) and plan_years(r.plan)[0] == r.year:
        plan = r.plan  # 《纲要》提出经济社会发展的主要指标： in a report opening a plan: the new plan's
    if plan is None and scope and plan_years(scope)[1] > r.year and not names_the_year(bl[i].text[: m.start()], r.year):
        plan = scope  # 经济社会发展的主要目标是： under 二、“十四五”…总体要求 (TERM_SCOPE is 0), not 2011年是…开局之年
    ahead = [int(y) for y in REPORT_WORDS.YEAR.findall(intro) if int(y) > r.year]  # 到2010年的主要预期目标是
    if plan is None and ahead and plan_years(plan_number(ahead[-1]))[1] == ahead[-1]:
        plan = plan_number(ahead[-1])
    five = (plan is not None or bool(REPORT_WORDS.NEXT_FIVE.search(intro))) and not names_the_year(intro, r.year)
    spanned = _passage_blocks(bl, i, m.end())
    # 经济增长预期目标为7%左右: the indicator is printed before the trigger, after its year (今年…).
    # 中央提出今年经济增长预期目标为7%左右: who proposes it is no part of the name.
    lead = clean_subject(
        re.split(r"[,，、]|提出|确定|安排|今年|明年|(?:19|20)\d{2}年", intro)[-1]
        .removesuffix("的")
        .removesuffix("主要")
    )
    prev = Statement(lead, "growth", None, "%", 0, 0, 0, verb="增长") if lead.endswith(("增长", "增速")) else None
    if prev is not None:
        prev = Statement(
            lead.removesuffix("增长").removesuffix("增速") or lead, "growth", None, "%", 0, 0, 0, verb="增长"
        )
    for block, start in spanned:
        for st in block_statements(block, start, _passage_end(block.text, start), prev):
            prev = None
            fact = _passage_fact(r, block, start, st, plan if five else None, five)
            if fact is not None and not (st.aim and restated(r, fact)):
                r.facts.append(fact)
                r.lines.add(line_of(block, st))
    return len(spanned)


# A sentence that explains or restates the targets just listed (需要说明的是，8—8.5%的经济增长区间调控目标，
# 既考虑了…; 实现上述目标…; 确定7%左右的经济增长目标和各项支撑指标，…): the passage ends before it.
EXPLANATION = re.compile(
    r"需要说明|需要指出|提出上述|(?:上述|这些|以上)(?:主要)?(?:预期)?(?:目标|指标)|(?:为|要)?实现(?:上述|这些|以上)|为完成|"
    r"(?:确定|设定)[^。，,]{0,16}目标"
)
_EXPLAINED = re.compile(rf"(?:[^。；;，,]{{0,12}}[，,])?(?:{EXPLANATION.pattern})")


def _passage_end(text: str, start: int) -> int:
    """Where the passage starting at ``start`` of a block ends: at a sentence explaining it, after a
    short lead clause or none (综合考虑各方面因素，实现这些目标是完全可能的), else the block's end."""
    for m in re.finditer(r"[。；;]", text[start:]):
        if _EXPLAINED.match(text, start + m.end()):
            return start + m.end()
    return len(text)


def _passage_fact(
    r: ReportReader, block: Block, start: int, st: Statement, plan: int | None, five: bool
) -> ProseFact | None:
    """One statement of a targets passage as a fact: a target of the year (or of the plan or term
    when ``five``), or the level a target starts from (由13%提高到13.8%: 13, last year's, or the
    plan's base year's); None for what is no target (倍, a plan's aim without a measure)."""
    # A named plan ends with the plan; 今后五年 is the government's term (year .. year+4).
    first, last = plan_years(plan) if plan is not None else (r.year, r.year + 4)
    if st.unit == "倍" or (five and st.measure == "text" and VAGUE_AIM.match(st.text)):
        return None  # 产业链现代化水平明显提升: a plan's aim without a measure
    if st.verb == FROM_VERB:
        exact = st.value is not None and st.value.qualifier == "exact" and st.unit != "个百分点"
        return actual_fact(block, st, first - 1 if five else r.year - 1, False) if exact else None
    if five:
        sentence = block.text[start : st.vstart].rsplit("。", 1)[
            -1
        ]  # 为2007年实现…翻一番。财政…年均增长9%: the plan end
        yrs = [int(y) for y in REPORT_WORDS.YEAR.findall(sentence) if int(y) > r.year]
        return target_fact(block, st, yrs[-1] if yrs else last, first - 1, True, "plan")
    if (span := _plan_item_span(r, block, start, st)) is not None:
        return target_fact(block, st, span[1], span[0] - 1, True, "plan")
    return target_fact(block, st, r.year, r.year - 1, False, "year")


def _plan_item_span(r: ReportReader, block: Block, start: int, st: Statement) -> tuple[int, int] | None:
    """(first, last) year of an item of a targets passage that is a plan's or the term's, not the
    year's: a 年均 rate (地区生产总值年均增长9%) or an item after a later year in its sentence (到2005年，
    国内生产总值达到1750亿元); None for the year's own items. The end is the later year its sentence
    names, else the latest the passage names (力争2012年比2007年翻一番), else the term's (今后五年
    earlier in the paragraph) or the report's plan's; a term starts with the report's year."""
    sentence = block.text[start : st.vstart].rsplit("。", 1)[-1]
    if plan_named(block.text[st.start : st.vstart]) == r.plan and plan_years(r.plan)[1] > r.year:
        return plan_years(r.plan)  # 力争“十四五”以来累计降低10%左右: counted over the plan, to its end
    later = [int(y) for y in REPORT_WORDS.YEAR.findall(sentence) if int(y) > r.year]
    if not later and not REPORT_WORDS.AVERAGE.search(block.text[st.start : st.end]):
        return None
    later = later or [int(y) for y in REPORT_WORDS.YEAR.findall(block.text, start) if int(y) > r.year]
    plan = plan_years(r.plan)
    if later:
        return (plan[0] if later[-1] == plan[1] else r.year, later[-1])
    span = (r.year, r.year + 4) if REPORT_WORDS.NEXT_FIVE.search(block.text[:start]) else plan
    return span if span[1] > r.year else None


# The year a passage is for, named in its introduction: 今年, 2021年是…, …的开局之年 / 关键一年 / 第一年.
_THE_YEAR_WORDS = re.compile(r"今年|明年|(?:之|一)年(?!来|间|内)")


def names_the_year(intro: str, year: int) -> bool:
    """Whether a targets passage's introduction makes it the year's (2021年是实施“十四五”规划的开局之年,
    主要预期目标为：), though it names a plan; the plan's own targets are introduced by the plan
    (“十四五”时期的主要目标是, 今后五年…). A year in a span (2021—2025年, 2021年至2025年) names no year."""
    single = re.search(rf"(?<![\d至到—\-~]){year}年(?![\d至到—\-~])", intro)
    return single is not None or _THE_YEAR_WORDS.search(intro) is not None


__all__ = ["EXPLANATION", "names_the_year", "read_targets"]
