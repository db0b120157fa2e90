"""A plan outline's headline prose: the goals section's targets and the opening review's figures.

A five-year plan outline states its main targets in a goals section (第三章　主要目标: ——宏观经济平稳
运行。国内生产总值年均增长7.5%…价格总水平基本稳定) and opens with a review of the plan it follows
(第一章　发展环境: 2010年国内生产总值达到39.8万亿元…). Both read like a work report's targets passage and
review, so this reader reuses the work-report clause grammar (``block_statements``), not a parallel one:

1. **Goals** (a heading matching ``GOALS_HEADING``, to the next heading that does not): every statement,
   numeric or text (国际收支基本平衡), is a target of the plan's end year, or of a later year its
   sentence, paragraph or heading names (到2035年人均国内生产总值…翻一番, 展望2035年，…, 第二节　二〇三五年远景目标).
2. **Review** (a heading matching ``OUTLINE_REVIEW_HEADING`` before the goals): its opening, the first
   paragraph holding a figure (as the work-report keys read a review's opening). Every figure is
   realised: a level of the year before the plan (or the earlier year its sentence names), an average
   growth (年均增长5.4%) of the plan that closed; growth without 年均 (a comparison over years) is skipped.

A text statement with a vague predicate (明显提高, 取得重大进展: ``VAGUE_AIM``) is kept only when its name
is one measure (``OUTLINE_AIM_NAME``: 全要素生产率, 收入差距; not 城乡居民收入快速增长、差距), not an aim (产业链现代化水平, 资源利用效率);
a specific one (价格总水平基本稳定, 比2010年翻一番) is kept. Values in 倍 are comparisons, never figures.
The general prose reader reads every line this reader did not.
"""

from __future__ import annotations

import re
from dataclasses import replace

from plantargets.extract.passages import Block
from plantargets.extract.prose import ProseFact
from plantargets.extract.report_base import (
    actual_fact,
    block_sentences,
    block_statements,
    is_preliminary,
    plan_named,
    target_fact,
)
from plantargets.extract.statement_words import VAGUE_AIM
from plantargets.extract.statements import FROM_VERB, Statement
from plantargets.vocab.patterns import REPORT_WORDS
from plantargets.vocab.periods import years_named

# 展望2035年，我国将基本实现社会主义现代化: the paragraph is about that year.
_PARAGRAPH_YEAR = re.compile(r"^(?:展望|到)((?:19|20)\d{2})年")


def _section(text: str, goals_seen: bool) -> str:
    """The section a heading opens: 'goals', 'review' (only before the goals) or ''."""
    if REPORT_WORDS.GOALS_HEADING.search(text):
        return "goals"
    if not goals_seen and REPORT_WORDS.OUTLINE_REVIEW_HEADING.search(text):
        return "review"
    return ""


def _sentence_before(block: Block, pos: int) -> str:
    """The sentence's text before ``pos`` (from the last full stop or semicolon)."""
    start = max(block.text.rfind(c, 0, pos) for c in "。；;") + 1
    return block.text[start:pos]


def goal_year(block: Block, st: Statement, plan_start: int, plan_end: int) -> int:
    """The year a goal is for: a year at or after the plan's start named earlier in its sentence
    (到2020年国内生产总值…翻一番), else the later year the paragraph opens with (展望2035年), else the plan end."""
    named = [int(y) for y in REPORT_WORDS.YEAR.findall(_sentence_before(block, st.vstart)) if int(y) >= plan_start]
    if named:
        return named[-1]
    m = _PARAGRAPH_YEAR.match(block.text)
    return int(m.group(1)) if m and int(m.group(1)) > plan_end else plan_end


def _goal_fact(block: Block, st: Statement, plan_start: int, plan_end: int) -> ProseFact | None:
    """One statement of the goals section as a target (or the base a 由x提高到y target starts from)."""
    if st.unit == "倍" or (
        st.value is None
        and VAGUE_AIM.match(st.text)
        and ("、" in st.name or not REPORT_WORDS.OUTLINE_AIM_NAME.search(st.name))
    ):
        return None  # 国家治理体系…取得重大进展: an aim, no indicator; 全要素生产率明显提高 names one
    if st.value is not None and st.verb == FROM_VERB:
        exact = st.value.qualifier == "exact" and st.unit != "个百分点"
        return actual_fact(block, st, plan_start - 1, False) if exact else None
    return target_fact(block, st, goal_year(block, st, plan_start, plan_end), plan_start - 1, True, "plan")


def _review_fact(block: Block, st: Statement, plan_start: int) -> ProseFact | None:
    """One statement of the opening review as a realised figure; None for what is not one: a
    comparison (倍, 个百分点), growth without 年均 (比2010年增长…, over several years), a sum over the
    plan named before it (“十三五”期间实现地区生产总值2484亿元). A total counted up (城镇新增就业累计达到
    6242万人) is kept, flagged cumulative; a level is of the year its sentence names, else the plan's last."""
    if st.value is None or st.value.number is None or st.unit in ("倍", "个百分点") or st.verb == FROM_VERB:
        return None
    before = _sentence_before(block, st.vstart)
    preliminary = is_preliminary(block, st)
    if st.measure == "growth":
        if not REPORT_WORDS.AVERAGE.search(block.text, st.start, st.end):
            return None
        return actual_fact(block, st, plan_start - 1, preliminary, plan_start - 5)
    if plan_named(before) is not None and not REPORT_WORDS.YEAR.search(before):
        return None
    named = [int(y) for y in REPORT_WORDS.YEAR.findall(before) if int(y) < plan_start]
    fact = actual_fact(block, st, named[-1] if named else plan_start - 1, preliminary)
    if REPORT_WORDS.CUMULATIVE.search(before) and fact.value is not None:
        fact = replace(fact, value=replace(fact.value, cumulative=True))
    return fact


def read_outline(doc_blocks: list[Block], plan_start: int, plan_end: int) -> tuple[list[ProseFact], set[int]]:
    """The goals section's targets and the opening review's figures of an outline of the plan
    ``plan_start``–``plan_end``; the lines read (the general reader reads the others)."""
    facts: list[ProseFact] = []
    lines: set[int] = set()
    section, goals_seen, review_read, goals_end = "", False, False, plan_end
    for block in doc_blocks:
        if block.heading:
            section = _section(block.text, goals_seen)  # a table of contents names them too: no text
            # 第二节　2035年远景目标 (二〇三五年): the section's goals are for that year, not the plan end.
            goals_end = max([plan_end] + [y for y in years_named(block.text) if y > plan_end])
            continue
        if not section or (section == "review" and review_read):
            continue
        read = _block_facts(block, section, plan_start, goals_end)
        facts.extend(read)
        lines.update(f.line for f in read)
        goals_seen = goals_seen or (section == "goals" and bool(read))
        review_read = review_read or (section == "review" and bool(read))
    return facts, lines


def _block_facts(block: Block, section: str, plan_start: int, plan_end: int) -> list[ProseFact]:
    """The facts of one paragraph of the goals section or the review."""
    out = []
    for s, e in block_sentences(block):
        for st in block_statements(block, s, e):
            fact = (
                _goal_fact(block, st, plan_start, plan_end)
                if section == "goals"
                else _review_fact(block, st, plan_start)
            )
            if fact is not None:
                out.append(fact)
    return out


__all__ = ["goal_year", "read_outline"]
