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
from dataclasses import replace

from plantargets.extract.passages import Block, blocks, reflowed
from plantargets.extract.prose import ProseFact, SectorMix, extract_prose_and_sector_mix
from plantargets.extract.report_base import (
    HEADLINE,
    PASSAGE_ITEM_MAX,
    PASSAGE_MAX_BLOCKS,
    REPORT_TYPES,
    ReportReader,
    actual_fact,
    block_sentences,
    block_statements,
    headline_code,
    line_of,
    opens_five_years,
    opens_last_year,
    plan_named,
    target_fact,
)
from plantargets.extract.report_sentences import plan_scope, read_plan_sentence, read_review_sentence
from plantargets.extract.statement_words import VAGUE_AIM
from plantargets.extract.statements import FROM_VERB, Statement, clean_subject
from plantargets.extract.values import find_number_spans
from plantargets.read.text import Document
from plantargets.vocab.patterns import REPORT_WORDS
from plantargets.vocab.periods import plan_number, plan_years


def _zone(block: Block, zone: str, year: int) -> str:
    """The section a heading opens ('past' review, 'forward' plan); other blocks keep it."""
    if not block.heading or REPORT_WORDS.FRONT_MATTER.search(block.text):
        return zone  # the title and the byline (2007年1月24日在…会议上的报告) open no section
    text = block.text
    years = [int(y) for y in REPORT_WORDS.YEAR.findall(text)]
    named = plan_named(text)  # （二）“十五”时期国民经济和社会发展主要情况: a past plan's record
    if (
        REPORT_WORDS.PAST_HEADING.search(text)
        or (years and max(years) < year)
        or (named is not None and named < plan_number(year))
    ):
        return "past"
    if REPORT_WORDS.FORWARD_HEADING.search(text) or (years and min(years) >= year):
        return "forward"
    return zone


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


def read_targets(r: ReportReader, bl: list[Block], i: int, m: re.Match[str]) -> int:
    """Every item of the main-targets passage that ``m`` opens; the number of blocks it spans."""
    # The passage is a plan's when the words right before the trigger name the plan
    # (“十四五”时期主要目标是, 今后五年…的主要目标是), not when an earlier sentence does.
    intro = re.split(r"[。;；]", bl[i].text[: m.start()])[-1]
    plan = plan_named(intro)
    if plan is None and _OUTLINE.search(intro) and plan_years(r.plan)[0] == r.year:
        plan = r.plan  # 《纲要》提出经济社会发展的主要指标： in a report opening a plan: the new plan's
    ahead = [int(y) for y in REPORT_WORDS.YEAR.findall(intro) if int(y) > r.year]  # 到2010年的主要预期目标是
    if plan is None and ahead and plan_years(plan_number(ahead[-1]))[1] == ahead[-1]:
        plan = plan_number(ahead[-1])
    five = (plan is not None or bool(REPORT_WORDS.NEXT_FIVE.search(intro))) and not _names_the_year(intro, r.year)
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
            if fact is not None:
                r.facts.append(fact)
                r.lines.add(line_of(block, st))
    return len(spanned)


# A sentence that explains or restates the targets just listed (需要说明的是，8—8.5%的经济增长区间调控目标，
# 既考虑了…; 实现上述目标…): the passage ends before it.
_EXPLANATION = re.compile(
    r"需要说明|需要指出|提出上述|(?:上述|这些|以上)(?:主要)?(?:预期)?(?:目标|指标)|(?:为|要)?实现(?:上述|这些|以上)|为完成"
)


def _passage_end(text: str, start: int) -> int:
    """Where the passage starting at ``start`` of a block ends: at a sentence explaining it, else the block's end."""
    for m in re.finditer(r"[。；;]", text[start:]):
        if _EXPLANATION.match(text, start + m.end()):
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
        yrs = [int(y) for y in REPORT_WORDS.YEAR.findall(block.text[start : st.vstart]) if int(y) > r.year]
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
    later = [int(y) for y in REPORT_WORDS.YEAR.findall(sentence) if int(y) > r.year]
    if not later and not REPORT_WORDS.AVERAGE.search(block.text[st.start : st.end]):
        return None
    later = later or [int(y) for y in REPORT_WORDS.YEAR.findall(block.text, start) if int(y) > r.year]
    plan = plan_years(r.plan)
    if later:
        return (plan[0] if later[-1] == plan[1] else r.year, later[-1])
    span = (r.year, r.year + 4) if REPORT_WORDS.NEXT_FIVE.search(block.text[:start]) else plan
    return span if span[1] > r.year else None


# 主要经济指标为1997年以来最好水平: a comparison of the review, no targets passage.
_COMPARED_AFTER = re.compile(r"\s*(?:(?:19|20)\d{2}年以来|历史|同期|近\d+年)")


def _targets_opening(text: str, year: int, read_before: bool) -> re.Match[str] | None:
    """Where a block opens a targets passage; None when it opens none: a target reached
    (圆满完成…目标是), a comparison (主要经济指标为1997年以来最好水平), or, once a passage has been
    read for the year, a paragraph explaining it (提出上述预期目标，…经济增长预期目标为5%左右; 经济增长预期目标
    确定为7%，考虑了…)."""
    if "目标" not in text and "指标" not in text:
        return None  # every trigger names 目标 or 指标: the cheap test spares the long alternation
    m = REPORT_WORDS.TRIGGER.search(text) or _year_targets_intro(text, year)
    if m is None:
        return None
    # 完成了…预期目标 reviews them; 确保完成以下约束性指标： lists them.
    reviewed = not m.group(0).startswith("以下") and re.search(r"完成|实现了|圆满", text[: m.start()][-12:])
    if reviewed or _COMPARED_AFTER.match(text, m.end()):
        return None
    if not read_before or m.group(0).endswith((":", "：")):
        return m  # the first passage, or a list opened by a colon (确保完成以下约束性指标：)
    why = _EXPLAINS.search(text, m.end(), m.end() + 30)
    if re.search(f"今年|{year}年", text[: m.start()][-12:]):
        # The year named (综合考虑，今年经济增长预期目标为6%-6.5%) opens the year's targets, unless the
        # sentence says why right after (中央提出今年经济增长预期目标为8%左右，是为了…; 今年我省经济增长的预期
        # 目标安排为9%以上，是从全省发展大局综合考虑的): an explanation restating a target already read.
        return None if why else m
    return None if REPORT_WORDS.PASSAGE_END.match(text.lstrip("—-·*")) or why else m


# 经济增长预期目标确定为7%，考虑了…: why a target already stated was set.
_EXPLAINS = re.compile(r"考虑|旨在|主要是|是为了")


def _restates(text: str, r: ReportReader) -> bool:
    """Whether a paragraph after the year's passage explains its targets (2017年指标体系的设定，考虑了…。
    地区生产总值增速预期5.5%左右，旨在…; 需要说明的是，今年全省生产总值增长9%左右…的预期目标，是…): it says
    why, and every figure it prints is a percentage the year's targets already gave (计划安排粮食总产量
    四千二百五十亿公斤…，今年按平年考虑 states new ones)."""
    if ("%" not in text and "％" not in text) or not re.search("目标|指标|预期", text):
        return False  # the cheap tests first: this runs on every paragraph after the passage
    if not (_EXPLAINS.search(text) or _EXPLANATION.search(text)):
        return False
    stated = {f.value.number for f in r.facts if f.period == "year" and f.role == "target" and f.value is not None}
    # A difference in points (比上年回落5.2个百分点) compares; it states no figure of its own.
    printed = [
        v for _, _, v in find_number_spans(text) if v.number is not None and v.unit not in ("", "年", "个百分点")
    ]
    return bool(printed) and all(v.unit == "%" and v.number in stated for v in printed)


# The year a passage is for, named in its introduction: 今年, 2021年是…, …的开局之年 / 关键一年 / 第一年.
_THE_YEAR_WORDS = re.compile(r"今年|明年|(?:之|一)年(?!来|间|内)")


def _names_the_year(intro: str, year: int) -> bool:
    """Whether a targets passage's introduction makes it the year's (2021年是实施“十四五”规划的开局之年,
    主要预期目标为：), though it names a plan; the plan's own targets are introduced by the plan
    (“十四五”时期的主要目标是, 今后五年…). A year in a span (2021—2025年, 2021年至2025年) names no year."""
    single = re.search(rf"(?<![\d至到—\-~]){year}年(?![\d至到—\-~])", intro)
    return single is not None or _THE_YEAR_WORDS.search(intro) is not None


def read_work_report(doc_blocks: list[Block], year: int) -> tuple[list[ProseFact], set[int]]:
    """Targets, review headline figures and plan figures of a report of ``year``; the lines read."""
    r = read_report(doc_blocks, year)
    return r.facts, r.lines


def review_lines(r: ReportReader) -> frozenset[int]:
    """The lines of the report's review, for the general reader; none when the reader found no
    forward section (a report whose sections it could not tell apart). A section whose heading names
    both the past and what is ahead (二、本届政府施政成果和今后五年经济社会发展主要任务) is left out."""
    return frozenset(r.review - r.lines) if r.forward else frozenset()


def read_report(doc_blocks: list[Block], year: int) -> ReportReader:
    """``read_work_report``'s reading: its facts, the lines it read and the review's lines."""
    r = ReportReader(year)
    zone = "past"
    five_years = False
    passages: set[int] = set()
    scope: int | None = None  # the new plan whose section is being read
    mixed = False  # under a heading naming the past and what is ahead (施政成果和今后五年…主要任务)
    for i, block in enumerate(doc_blocks):
        zone = _zone(block, zone, year)
        if block.heading:
            mixed = bool(
                REPORT_WORDS.PAST_HEADING.search(block.text) and REPORT_WORDS.FORWARD_HEADING.search(block.text)
            )
            scope = plan_scope(block.text, r, scope)
            zone = "forward" if scope is not None else zone
        elif (
            REPORT_WORDS.NEXT_FIVE.search(block.text)
            and block.text.rstrip().endswith((":", "："))
            and len(block.text) < 40
        ):
            scope, zone = plan_scope(block.text, r, scope), "forward"  # 今后五年经济社会发展的主要任务是：
            # A sub-heading ((三)大力推进经济结构调整) stays in its section's five years.
            sub = five_years and not REPORT_WORDS.TOP_HEADING.match(block.text)
            named = plan_named(block.text)  # 一、“十一五”时期…的回顾: a past plan's five years
            past_plan = named is not None and named < r.plan
            five_years = (
                (sub or past_plan or bool(REPORT_WORDS.FIVE_YEARS.search(block.text))) if zone == "past" else False
            )
        m = _targets_opening(block.text, year, any(f.period == "year" and f.role == "target" for f in r.facts))
        if m:
            passages.update(range(i, i + read_targets(r, doc_blocks, i, m)))
            zone, r.forward = "forward", True
            continue
        r.forward = r.forward or zone == "forward"
        if zone == "past" and not mixed:
            r.review.update(block.lines)
        if i in passages and zone == "forward":
            continue
        if zone == "forward" and _restates(block.text, r):
            r.lines.update(block.lines)  # a paragraph explaining the year's targets: nothing new to read
            continue
        five_years = _read_sentences(r, block, zone, scope, five_years)
    return r


def _read_sentences(r: ReportReader, block: Block, zone: str, scope: int | None, five_years: bool) -> bool:
    """The sentences of a block outside a targets passage: the review's (``zone`` past) or the plan's;
    whether a five-year passage of the review goes on after the block."""
    year = r.year
    looking_back = False  # 过去一年，… opens a look back inside a forward section, to the block's end
    for s, e in block_sentences(block):
        text = block.text[s:e]
        # 过去一年，…; 2005年市十四届人大三次会议确定的…各项任务已圆满完成 (last year named first)
        back = REPORT_WORDS.LOOK_BACK.match(text) or _dated_last_year(text[:40], year)
        looking_back = looking_back or (zone == "forward" and scope is None and bool(back))
        if looking_back:
            read_review_sentence(r, block, s, e, False)
        elif zone == "past":
            if not r.preliminary_from and REPORT_WORDS.STANDING_PRELIMINARY.search(text):
                r.preliminary_from = block.first_line
            if REPORT_WORDS.ONE_YEAR.search(text) or opens_last_year(text, year):
                five_years = False
            elif opens_five_years(text):
                five_years = True
            # Last year named (2021年地区生产总值…) makes a one-year sentence; the five-year
            # passage goes on after it.
            read_review_sentence(r, block, s, e, five_years and not _dates_last_year(text, year))
        else:
            read_plan_sentence(r, block, s, e, scope)
    return five_years


# 今年全省宏观调控目标和主要计划指标初步安排为：, 今年…的预期性指标主要是：, 计划目标为：: the
# year's targets introduced in other words; the year must be named right before.
_LOOSE_TRIGGER = re.compile(r"(?:目标|指标)[^。,;，；:：]{0,10}?(?:是|为|如下|包括)[:：]")
_NOT_TARGETS = re.compile(r"完成|情况|实现|结果")
_TARGETS_TOPIC = re.compile(r"经济|发展|国民|指标|调控")


def _year_targets_intro(text: str, year: int) -> re.Match[str] | None:
    """A looser opening of the year's targets passage, accepted only after 今年 / the report's year."""
    m = _LOOSE_TRIGGER.search(text)
    if m is None or _NOT_TARGETS.search(m.group(0)):
        return None
    intro = text[max(0, m.start() - 40) : m.start()]
    # The year as the targets' year (今年4月…印发了实施方案，目标是 is a date and another plan).
    dated = re.search(f"(?:今年|明年|{year}年)(?![\\d一二三四五六七八九十]+月)", intro)
    return m if dated and _TARGETS_TOPIC.search(intro) else None


def _dated_last_year(opening: str, year: int) -> bool:
    """A sentence opening on last year (各位代表，…，2005年市十四届人大三次会议确定的…任务已圆满完成), no
    later year nor 今年 beside it: a look back inside a forward section."""
    if str(year - 1) not in opening:
        return False  # the cheap test first: this runs on every sentence of a report
    years = [int(y) for y in REPORT_WORDS.YEAR.findall(opening)]
    return year - 1 in years and max(years) < year and "今年" not in opening and "比" not in opening


def _dates_last_year(text: str, year: int) -> bool:
    """A sentence dated last year alone (2021年地区生产总值…), not a span ending there (由2017年的…
    增加到2021年的…)."""
    years = [int(y) for y in REPORT_WORDS.YEAR.findall(text)]
    return year - 1 in years and min(years) >= year - 1


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
    general prose reader (``extract.prose``) reads the others (those of the review in the past
    tense: 预计全市生产总值增长15% there is last year's figure), and the sector mix every line.
    """
    report: list[ProseFact] = []
    read: set[int] = set()
    review: frozenset[int] = frozenset()
    bl = blocks(doc, skip_lines)
    if doc_type in REPORT_TYPES and report_year:
        r = read_report(bl, report_year)
        report, read, review = r.facts, r.lines, review_lines(r)
    flow = reflowed(doc, bl, read)  # a paragraph over several lines: read whole, or not once read in
    facts, mixes = extract_prose_and_sector_mix(
        flow.doc, plan_start, plan_end, report_year, skip_lines=skip_lines | read | flow.owned, review_lines=review
    )
    facts = [replace(f, line=flow.line_of(f.line, f.sentence)) if f.line in flow.raw_lines else f for f in facts]
    return sorted(report + facts, key=lambda f: f.line), mixes


__all__ = ["HEADLINE", "REPORT_TYPES", "document_prose", "headline_code", "read_document_report", "read_work_report"]
