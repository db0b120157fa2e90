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

from plantargets.extract.outline import read_outline
from plantargets.extract.passages import Block, blocks, reflowed
from plantargets.extract.prose import ProseFact, SectorMix, extract_prose_and_sector_mix
from plantargets.extract.report_base import (
    HEADLINE,
    REPORT_TYPES,
    ReportReader,
    beside_headline,
    block_sentences,
    dated_last_year,
    dates_last_year,
    headline_code,
    opens_five_years,
    opens_last_year,
    plan_named,
    repeats_target,
)
from plantargets.extract.report_passage import EXPLANATION, names_the_year, read_targets
from plantargets.extract.report_sentences import plan_scope, read_plan_sentence, read_review_sentence
from plantargets.extract.values import find_number_spans
from plantargets.read.text import Document
from plantargets.vocab.patterns import REPORT_WORDS
from plantargets.vocab.periods import plan_number


def _zone(block: Block, zone: str, year: int) -> str:
    """The section a heading opens ('past' review, 'forward' plan); other blocks keep it."""
    if not block.heading or REPORT_WORDS.FRONT_MATTER.search(block.text):
        return zone  # the title and the byline (2007年1月24日在…会议上的报告) open no section
    text = block.text
    years = [int(y) for y in REPORT_WORDS.YEAR.findall(text)]
    named = plan_named(text)  # （二）“十五”时期国民经济和社会发展主要情况: a past plan's record
    if (
        _past_words(text, bool(years) and min(years) >= year)
        or (years and max(years) < year)
        or (named is not None and named < plan_number(year))
    ):
        return "past"
    if REPORT_WORDS.FORWARD_HEADING.search(text) or (years and min(years) >= year):
        return "forward"
    return zone


def _past_words(text: str, names_the_year: bool) -> bool:
    """Whether a heading uses a review's words (``REPORT_WORDS.PAST_HEADING``); 主要工作 alone does
    not make a review of a heading naming only the report's year or later (二、2016年主要工作,
    二、2020年发展主要目标和下一阶段主要工作), as it does of 一、过去一年主要工作."""
    words = REPORT_WORDS.PAST_HEADING.findall(text)
    return bool(words) and not (names_the_year and set(words) == {"主要工作"})


# 主要经济指标为1997年以来最好水平: a comparison of the review, no targets passage.
_COMPARED_AFTER = re.compile(r"\s*(?:(?:19|20)\d{2}年以来|历史|同期|近\d+年)")


# The most characters a TRIGGER alternative prints before its first 目标 or 指标 (预期实现的经济社会发展调控指标是):
# the long alternation is searched from there, not from the paragraph's start (tests/test_patterns.py checks it).
TRIGGER_LEAD = 13


def _targets_opening(text: str, year: int, read_before: bool) -> re.Match[str] | None:
    """Where a block opens a targets passage; None when it opens none: a target reached
    (圆满完成…目标是), a comparison (主要经济指标为1997年以来最好水平), or, once a passage has been
    read for the year, a paragraph explaining it (提出上述预期目标，…经济增长预期目标为5%左右; 经济增长预期目标
    确定为7%，考虑了…)."""
    word = min((i for i in (text.find("目标"), text.find("指标")) if i >= 0), default=-1)
    if word < 0:
        return None  # every trigger names 目标 or 指标: the cheap test spares the long alternation
    # No trigger starts more than TRIGGER_LEAD characters before its 目标/指标, so the search starts there.
    m = REPORT_WORDS.TRIGGER.search(text, max(0, word - TRIGGER_LEAD)) or _year_targets_intro(text, year)
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
    if not (_EXPLAINS.search(text) or EXPLANATION.search(text)):
        return False
    stated = {f.value.number for f in r.facts if f.period == "year" and f.role == "target" and f.value is not None}
    # A difference in points (比上年回落5.2个百分点) compares; it states no figure of its own.
    printed = [
        v for _, _, v in find_number_spans(text) if v.number is not None and v.unit not in ("", "年", "个百分点")
    ]
    return bool(printed) and all(v.unit == "%" and v.number in stated for v in printed)


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
    whole: int | None = None  # that plan when its heading names no year (“十四五”…总体要求, not …和2021年重点任务)
    mixed = False  # under a heading naming the past and what is ahead (施政成果和今后五年…主要任务)
    for i, block in enumerate(doc_blocks):
        zone = _zone(block, zone, year)
        if block.heading:
            mixed = bool(
                REPORT_WORDS.PAST_HEADING.search(block.text) and REPORT_WORDS.FORWARD_HEADING.search(block.text)
            )
            scope = plan_scope(block.text, r, scope)
            if scope is None or REPORT_WORDS.TOP_HEADING.match(block.text):
                whole = None if scope is None or names_the_year(block.text, year) else scope
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
            passages.update(range(i, i + read_targets(r, doc_blocks, i, m, whole)))
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
    if zone == "past":  # a look back (过去一年，…) is told apart only in a forward section
        for s, e in block_sentences(block):
            five_years = _read_review(r, block, s, e, five_years)
        return five_years
    if REPORT_WORDS.DIGIT.search(block.text) is None:
        # Every sentence reader needs a digit (a value is read only where one is printed), and outside
        # the review a block's sentences carry nothing on: a forward block without one reads nothing.
        return five_years
    year = r.year
    looking_back = False  # 过去一年，… opens a look back inside a forward section, to the block's end or an aim
    for s, e in block_sentences(block):
        text = block.text[s:e]
        # 过去一年，…; 2005年市十四届人大三次会议确定的…各项任务已圆满完成 (last year named first)
        back = REPORT_WORDS.LOOK_BACK.match(text) or dated_last_year(text[:40], year)
        ahead = not back and _looks_ahead(text)  # 把居民消费价格涨幅控制在3.5%左右
        looking_back = (looking_back and not ahead) or (scope is None and bool(back))
        if looking_back:
            read_review_sentence(r, block, s, e, False)
        else:
            read_plan_sentence(r, block, s, e, scope)
    return five_years


def _read_review(r: ReportReader, block: Block, s: int, e: int, five_years: bool) -> bool:
    """A sentence of the review; whether a five-year passage goes on after it."""
    text = block.text[s:e]
    if not r.preliminary_from and REPORT_WORDS.STANDING_PRELIMINARY.search(text):
        r.preliminary_from = block.first_line
    if REPORT_WORDS.ONE_YEAR.search(text) or opens_last_year(text, r.year):
        five_years = False
    elif opens_five_years(text):
        five_years = True
    # Last year named (2021年地区生产总值…) makes a one-year sentence; the five-year
    # passage goes on after it.
    read_review_sentence(r, block, s, e, five_years and not dates_last_year(text, r.year))
    return five_years


# A word every alternative of REPORT_WORDS.LOOK_AHEAD holds (tests/test_patterns.py checks it).
LOOK_AHEAD_CUES = re.compile("为|把|力争|确保")


def _looks_ahead(text: str) -> bool:
    """Whether a sentence sets an aim (``REPORT_WORDS.LOOK_AHEAD``); the literal cues first, since the
    alternation (one branch anchored) is tried at every character: 2.5x faster on report sentences."""
    return LOOK_AHEAD_CUES.search(text) is not None and REPORT_WORDS.LOOK_AHEAD.search(text) is not None


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


def read_document_report(doc: Document, year: int, skip_lines: Iterable[int] = ()) -> tuple[list[ProseFact], set[int]]:
    """``read_work_report`` on a Document (table lines skipped)."""
    return read_work_report(blocks(doc, skip_lines), year)


def _without_headline_repeats(doc: Document, facts: list[ProseFact]) -> list[ProseFact]:
    """``facts`` without the targets of the document's first line that its body states again: a news
    page's headline (李强：今年经济增长预期目标为5%左右) restates the lead's 国内生产总值增长5%左右."""
    first = next((line.lineno for line in doc.lines if line.text.strip()), None)
    body = [f for f in facts if f.line != first]
    return [f for f in facts if f.line != first or not repeats_target(body, f)]


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
    shared: frozenset[int] = frozenset()  # review lines whose headline figures the report reader read
    bl = blocks(doc, skip_lines)
    if doc_type in REPORT_TYPES and report_year:
        r = read_report(bl, report_year)
        report, review = _without_headline_repeats(doc, r.facts), review_lines(r)
        shared = frozenset(r.lines & r.review) if review else frozenset()
        read, review = r.lines - shared, review | shared
    elif doc_type == "fyp_outline" and plan_start and plan_end:
        report, read = read_outline(bl, plan_start, plan_end)
    flow = reflowed(doc, bl, read)  # a paragraph over several lines: read whole, or not once read in
    facts, mixes = extract_prose_and_sector_mix(
        flow.doc, plan_start, plan_end, report_year, skip_lines=skip_lines | read | flow.owned, review_lines=review
    )
    facts = [replace(f, line=flow.line_of(f.line, f.sentence)) if f.line in flow.raw_lines else f for f in facts]
    facts = [f for f in facts if not repeats_target(report, f)]  # the year's target restated in a later section
    facts = [f for f in facts if f.line not in shared or not beside_headline(report, f)]
    return sorted(report + facts, key=lambda f: f.line), mixes


__all__ = ["HEADLINE", "REPORT_TYPES", "document_prose", "headline_code", "read_document_report", "read_work_report"]
