"""Facts of one prose clause: subject + verb + value, lists, 由x提高到y and text targets.

See ``extract.prose`` for the mechanisms and what is deliberately skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from plantargets.extract.prose_time import ClauseTime, Ctx, RawMap, clause_time, raw_slice
from plantargets.extract.prose_words import (
    HAS_GROWTH,
    HEAD_LAST,
    LEVEL_VERBS,
    LIST_ADVERB,
    Segment,
    area_aggregate,
    clean_subject,
    list_items,
    shared_head,
    split_verb,
    valid_subject,
    values_in,
)
from plantargets.extract.statement_values import shared_qualifier
from plantargets.extract.values import Value, may_hold_value
from plantargets.read.text import Line
from plantargets.vocab.patterns import PROSE_WORDS
from plantargets.vocab.periods import plan_years
from plantargets.vocab.words import PROSE_DECLINE_VERBS


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
class State:
    """What one sentence's clauses pass to the next clause."""

    time: ClauseTime
    subject: str | None = None
    subject_start: int | None = None
    facts: list[ProseFact] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Facts


def _qualified(value: Value, verb: str) -> Value:
    """Apply the bound a verb implies (突破 → at_least) when the value carries no qualifier."""
    implied = LEVEL_VERBS.get(verb, "")
    if implied and value.qualifier == "exact":
        return replace(value, qualifier=implied)
    return value


def _make_fact(
    name: str, seg: Segment, growth: str, level: str, time: ClauseTime, ctx: Ctx, cumulative: bool, lineno: int,
    sentence: str,
) -> ProseFact | None:  # fmt: skip
    """One fact from an indicator, its value, the verbs before it and the time in force."""
    value = _qualified(seg.value, level)
    unit, number = seg.unit, value.number
    if unit in ("倍", "个百分点") or number is None:
        return None
    if cumulative:
        value = replace(value, cumulative=True)
    if growth in PROSE_DECLINE_VERBS:
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
            if not averaged and ctx.report_year is not None and time.past_plan is None:
                last = ctx.report_year - 1
                if (time.year or last) != last or PROSE_WORDS.SINCE_BASE.search(sentence):
                    return None  # 比2020年增长26%, 比“十五”末增长91.1%: growth over several years
                return _realised_growth(fact, value, last)
            plan = time.past_plan or (ctx.plan - 1 if ctx.plan and ctx.report_year is None and averaged else None)
            if plan is None or not averaged or value.qualifier not in ("exact", "approx"):
                return None
            first, last = plan_years(plan)
            return replace(fact((first - 1, None), last, value, "past_plan"), role="actual")
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
        # Only a plain figure is realised: a bound or 左右 in the review is mostly an aim restated (去年…回落到
        # 2.6%。把居民消费价格涨幅控制在3.5%左右; tried 2026-12-03: 3,500 more rows, that error among them).
        if cumulative or time.past_plan is not None or value.qualifier != "exact":
            return None
        year = (
            time.year or first_future - 1
        )  # a realised level keeps its printed qualifier (exact), as the report reader's
        return ProseFact(name, unit, year, number, None, value, None, "level", lineno, sentence, role="actual")
    when = time.year if time.year and time.year >= first_future else ctx.target_year
    return fact((None, None), when, value, "level") if when is not None else None


def _realised_growth(fact: Callable[..., ProseFact], value: Value, year: int) -> ProseFact | None:
    """A work report's review states last year's growth (社会消费品零售总额增长18%): a realised rate
    for ``year`` (role actual), kept rather than lost; a bound (以上, 左右) stays its qualifier."""
    if value.qualifier not in ("exact", "approx", "at_least"):
        return None
    return replace(fact((year - 1, None), year, value, "year"), role="actual")


# A growth target stated in words (the GDP line of plans that set no number): the words are
# the target, kept verbatim with qualifier 'text', as tables keep 保持在合理区间… in their cells.
TEXT_TARGET = re.compile(
    r"(?P<verb>年均增长|年均增速|增长|增速)(?:率)?\s*(?P<target>(?:保持在|保持)合理区间[^,;。]*"
    r"|与[^,;。]{1,12}(?:基本)?同步[^,;。]*|高于[^,;。]{1,12}增长[^,;。]*|略高于[^,;。]{1,12}增长[^,;。]*)"
)


def _text_target(
    clause: str, cstart: int, time: ClauseTime, ctx: Ctx, lineno: int, sentence: Callable[[int, int], str]
) -> ProseFact | None:
    """地区生产总值年均增长保持在合理区间、各年度视情提出 → a text growth target for the plan."""
    if time.tense != "forward" or ctx.target_year is None:
        return None
    m = TEXT_TARGET.search(clause)
    if m is None:
        return None
    name = clean_subject(clause[: m.start()])
    if not name or not valid_subject(name):
        return None
    words = m.group("target").strip()
    value = Value(None, "text", text=words, raw=words)
    return ProseFact(name, "%", None, None, ctx.target_year, value, None,
                     "year" if ctx.report_year is not None else "plan", lineno,
                     sentence(cstart, cstart + m.end()), measure="growth")  # fmt: skip


def _from_to(
    clause: str, segs: list[Segment], time: ClauseTime, ctx: Ctx, lineno: int, sentence: str
) -> list[ProseFact]:
    """``A由x提高到y``: base and target (or two realised figures in a retrospective)."""
    m = PROSE_WORDS.FROM_TO.search(clause)
    if m is None or len(segs) != 2 or not (m.start("a") <= segs[0].vstart < m.end("a") <= segs[1].vstart):
        return []
    name = clean_subject(clause[: m.start()])
    if not valid_subject(name) or segs[0].unit != segs[1].unit or segs[0].unit in ("倍", "个百分点"):
        return []
    a_text, b_text = clause[m.start("a") : segs[0].vstart], clause[m.end("a") : segs[1].vstart]
    a_time, _ = clause_time(a_text, replace(time, year=None), ctx, False)
    b_time, _ = clause_time(b_text, replace(time, year=None), ctx, False)
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
    clause: str, segs: list[Segment], time: ClauseTime, ctx: Ctx, lineno: int, sentence: str, cumulative: bool
) -> list[ProseFact] | None:
    """``A、B、C…分别<verb>x、y、z`` and ``A和B…均<verb>x``; None when the clause is not a list."""
    m = LIST_ADVERB.search(clause)
    if m is None or not segs or segs[0].vstart < m.end():
        return None
    subject = clean_subject(clause[: m.start()])
    between = clause[m.end() : segs[0].vstart]
    _, growth, level = split_verb(between)
    if m.group(0) == "均":
        segs = segs[:1]
        items = [x for x in re.split(r"、" if "、" in subject else r"和|与|及", subject) if x]
        names = shared_head(items) if len(items) > 1 else None
        pairs = [(n, segs[0]) for n in names] if names else []
    else:  # 分别增长8%和9%左右: the qualifier printed once covers the list (as the statement reader reads it)
        shared = shared_qualifier([seg.value for seg in segs])
        segs = [replace(seg, value=v) for seg, v in zip(segs, shared, strict=True)]
        names = list_items(subject, len(segs))
        pairs = list(zip(names, segs, strict=True)) if names else []
    out = []
    for name, seg in pairs:
        fact = _make_fact(name, seg, growth, level, time, ctx, cumulative, lineno, sentence)
        if fact is not None:
            out.append(fact)
    return out


def clause_facts(
    text: str, cstart: int, cend: int, state: State, ctx: Ctx, line: Line, cache: dict[int, RawMap]
) -> None:
    """Read one clause, appending facts to ``state`` and passing on its subject and time."""
    clause = text[cstart:cend]
    # may_hold_value is False only when the value grammar would find no value with a unit
    # other than 年, and values_in keeps no other: the cheap test spares the full scan.
    no_value = (
        PROSE_WORDS.NUMERAL.search(clause) is None or PROSE_WORDS.RATIO.search(clause) or not may_hold_value(clause)
    )
    segs = [] if no_value else values_in(clause)
    has_growth = HAS_GROWTH.search(clause) is not None
    now, carried = clause_time(clause, state.time, ctx, has_growth)

    def sentence(a: int, b: int) -> str:
        return raw_slice(line, a, b, cache)

    if not segs:
        text_fact = _text_target(clause, cstart, now, ctx, line.lineno, sentence)
        if text_fact is not None:
            state.facts.append(text_fact)
        else:
            _carry_subject(clause, cstart, state)
        state.time = carried
        return
    if PROSE_WORDS.COMPARE.search(clause):
        state.time = carried
        return
    cumulative = bool(PROSE_WORDS.CUMULATIVE.search(clause))
    raw_clause = sentence(cstart, cend)
    frm = PROSE_WORDS.FROM_TO.search(clause)
    # The years inside 由2020年的x提高到y date x and y; the clause's own time is what precedes 由.
    pre_time = clause_time(clause[: frm.start()], state.time, ctx, False) if frm else (now, carried)
    pair = _from_to(clause, segs, pre_time[0], ctx, line.lineno, raw_clause) if frm else []
    listed = None if pair else _distributive(clause, segs, now, ctx, line.lineno, raw_clause, cumulative)
    if pair or listed is not None:
        state.facts.extend(pair or listed or [])
        state.time = pre_time[1] if pair else carried
        return
    _segment_facts(clause, cstart, segs, state, now, ctx, cumulative, line.lineno, sentence, text[:cstart])
    state.time = carried


def carry_time(clause: str, state: State, ctx: Ctx) -> None:
    """What ``clause_facts`` leaves of a clause before any head noun of its sentence: its time. It names
    no fact, and the subject stays None (every subject ends in a head noun, so none came before)."""
    state.time = clause_time(clause, state.time, ctx, HAS_GROWTH.search(clause) is not None)[1]


def _carry_subject(clause: str, cstart: int, state: State) -> None:
    """A clause without a value may still name the indicator the next clause continues
    (农牧民人均纯收入破万元,达到10074元); any other topic ends the inherited subject."""
    lead = clean_subject(PROSE_WORDS.LEAD_CUT.split(clause, 1)[0])
    if not lead:
        return
    # Only prefixes ending in a head noun's last character can be subjects (and none
    # longer than 30 characters): the same answer as trying every prefix, far cheaper.
    prefix = next(
        (lead[:k] for k in range(min(len(lead), 30), 1, -1) if lead[k - 1] in HEAD_LAST and valid_subject(lead[:k])),
        None,
    )
    state.subject, state.subject_start = prefix, cstart


def _segment_facts(
    clause: str, cstart: int, segs: list[Segment], state: State, now: ClauseTime, ctx: Ctx, cumulative: bool,
    lineno: int, sentence: Callable[[int, int], str], paragraph: str = "",
) -> None:  # fmt: skip
    """One fact per value: its own subject before it, or the subject the sentence carries
    (``paragraph``: the line's text before the clause, for a bare 生产总值)."""
    start = 0
    for seg in segs:
        subject_part, growth, level = split_verb(clause[start : seg.vstart])
        name = clean_subject(subject_part)
        origin = cstart + start
        if not name and state.subject:
            name, origin = state.subject, state.subject_start or cstart
        elif not (valid_subject(name) or area_aggregate(subject_part, name, paragraph, growth)):
            state.subject = None
            start = seg.vend + 1
            continue
        else:
            state.subject, state.subject_start = name, cstart + start
        fact = _make_fact(name, seg, growth, level, now, ctx, cumulative, lineno, sentence(origin, cstart + seg.vend))
        if fact is not None:
            state.facts.append(fact)
        start = seg.vend + 1
