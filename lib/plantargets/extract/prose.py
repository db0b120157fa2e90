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

The reading is split by stage: ``prose_words`` (vocabulary, verbs, subjects), ``prose_time``
(lines, tense and time cues), ``prose_clauses`` (the facts of one clause); this module walks the
document and reads the three-sector structure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from plantargets.extract.prose_clauses import TEXT_TARGET, ProseFact, State, carry_time, clause_facts
from plantargets.extract.prose_time import (
    ClauseTime,
    Ctx,
    RawMap,
    free_years,
    is_table_line,
    part_of_year,
    raw_slice,
    review_tense,
    sentence_tense,
    split_spans,
)
from plantargets.extract.prose_words import ANY_HEAD, TIME_CUE, area_part
from plantargets.extract.values import may_hold_value
from plantargets.read.text import Document, Line
from plantargets.vocab.patterns import PROSE_WORDS, REPORT_WORDS


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


@dataclass
class _Walk:
    """What the walks over one document share: sentence spans and tenses, facts, raw maps.

    A sentence's facts depend only on the sentence, its tense and the document's period,
    so the sector-mix walk (every line) reuses the facts the prose walk (tables skipped)
    found; ``sentence_tense`` is a pure function of the sentence, the zone and ``heading``.
    """

    # Per line, for both walks: None for a blank line or a table row left in the text, else
    # (heading, sentence spans).
    lines: dict[int, tuple[bool, list[tuple[int, int]]] | None] = field(default_factory=dict)
    tenses: dict[tuple[int, int, str, bool], tuple[str, str]] = field(default_factory=dict)
    facts: dict[tuple[int, int, int, str], list[ProseFact]] = field(default_factory=dict)
    raw_maps: dict[int, RawMap] = field(default_factory=dict)
    # (line, zone it was entered in) -> the zone its last sentence leaves (tenses depend on nothing else)
    exits: dict[tuple[int, str], str] = field(default_factory=dict)
    review: frozenset[int] = frozenset()  # lines of a work report's review (its reader's past section)


def _sentences(
    doc: Document,
    ctx: Ctx,
    skip_lines: set[int],
    walk: _Walk | None = None,
    wanted: Callable[[str], bool] | None = None,
) -> Iterator[tuple[Line, int, int, str]]:
    """Prose sentences in reading order as (line, start, end, tense); the zone runs across lines.
    A line of a work report's review (``walk.review``) takes its tense from ``review_tense``. A line
    ``wanted`` rejects (none of its sentences can matter to the caller) yields nothing: it only passes
    the zone on, in one look-up once a walk has read it from the same zone (``_Walk.exits``)."""
    walk = walk if walk is not None else _Walk()
    zone = "forward"
    for line in doc.lines:
        if line.lineno in skip_lines:
            continue
        text = line.text
        keep = wanted is None or wanted(text)
        entry = (line.lineno, zone)
        if not keep and entry in walk.exits:
            zone = walk.exits[entry]
            continue
        cued = TIME_CUE.search(text) is not None  # without a cue every sentence keeps the zone (sentence_tense)
        if not keep and not cued:
            continue
        if line.lineno in walk.lines:
            info = walk.lines[line.lineno]
        else:
            info = walk.lines[line.lineno] = _line_info(text)
        if info is None:
            continue
        heading, spans = info
        review = line.lineno in walk.review
        for sstart, send in spans:
            tense = zone
            if cued:
                key = (line.lineno, sstart, zone, heading)
                got = walk.tenses.get(key)
                if got is None:
                    got = walk.tenses[key] = sentence_tense(text[sstart:send], ctx, zone, heading)
                tense, zone = got  # the zone runs on through the review as the general reader sees it
            if keep:
                yield line, sstart, send, review_tense(text[sstart:send], ctx) if review else tense
        walk.exits[entry] = zone


def _line_info(text: str) -> tuple[bool, list[tuple[int, int]]] | None:
    """None for a line without prose (blank, or a table row), else (heading, sentence spans)."""
    if not text.strip() or is_table_line(text):
        return None
    return "。" not in text and len(text.strip()) < 40, split_spans(text, "。!?")


def _sentence_facts(line: Line, sstart: int, send: int, tense: str, ctx: Ctx, walk: _Walk) -> list[ProseFact]:
    """The facts of one sentence (memoised in ``walk``)."""
    key = (line.lineno, sstart, send, tense)
    found = walk.facts.get(key)
    if found is not None:
        return found
    text = line.text
    head = ANY_HEAD.search(text, sstart, send)
    if head is None:
        found = []  # no head noun: no fact can be named (``ANY_HEAD``), most sentences
    elif (
        not (PROSE_WORDS.NUMERAL.search(text, sstart, send) is not None and may_hold_value(text[sstart:send]))
        and TEXT_TARGET.search(text, sstart, send) is None
    ):
        # No value with a unit other than 年 (only years and plan names, or no number at all):
        # every clause would have no segment, and a fact needs one.
        found = []
    else:
        found = _clauses_facts(line, sstart, send, tense, ctx, walk, head.start())
    walk.facts[key] = found
    return found


def _clauses_facts(
    line: Line, sstart: int, send: int, tense: str, ctx: Ctx, walk: _Walk, named_from: int
) -> list[ProseFact]:
    """The facts of a sentence's clauses in order. A clause ending before ``named_from`` (where the
    sentence's first head noun starts) names no fact and finds no subject to carry: it passes on its time."""
    text = line.text
    state = State(ClauseTime(tense))
    spans = split_spans(text[sstart:send], ",;:|")
    while spans and not _may_state(text, sstart + spans[-1][0], sstart + spans[-1][1]):
        spans.pop()  # what the clauses after the last that may state a fact pass on ends with the sentence
    for cstart, cend in spans:
        if sstart + cend <= named_from:
            carry_time(text[sstart + cstart : sstart + cend], state, ctx)
            continue
        before = len(state.facts)
        clause_facts(text, sstart + cstart, sstart + cend, state, ctx, line, walk.raw_maps)
        if len(state.facts) > before:
            facts = _of_part(state.facts[before:], text, sstart, sstart + cstart, sstart + cend)
            facts = _of_whole_year(facts, text, sstart, sstart + cend)
            state.facts[before:] = _flag_preliminary(facts, text, sstart, sstart + cend)
    return state.facts


def _may_state(text: str, cstart: int, cend: int) -> bool:
    """Whether a clause may state a fact in ``clause_facts``: a value needs a numeral, a text target
    its words (``TEXT_TARGET``)."""
    return (
        PROSE_WORDS.NUMERAL.search(text, cstart, cend) is not None or TEXT_TARGET.search(text, cstart, cend) is not None
    )


def _of_part(facts: list[ProseFact], text: str, sstart: int, cstart: int, cend: int) -> list[ProseFact]:
    """A clause's facts with the part of the area they are about (``area_part``) named first in their names
    (开发区地区生产总值): the catalogue then never reads them as the area's own indicator."""
    part = area_part(text, sstart, cstart, cend)
    return [f if not part or part in f.name else replace(f, name=part + f.name) for f in facts] if part else facts


def _flag_preliminary(facts: list[ProseFact], text: str, sstart: int, cend: int) -> list[ProseFact]:
    """A clause's realised figures flagged preliminary when their sentence says so before them (预计实现地区生产总值
    4120亿元: ``REPORT_WORDS.PRELIMINARY``)."""
    if REPORT_WORDS.PRELIMINARY.search(text, sstart, cend) is None:
        return facts
    return [replace(f, preliminary=True) if f.resolved_role == "actual" else f for f in facts]


def _of_whole_year(facts: list[ProseFact], text: str, sstart: int, cend: int) -> list[ProseFact]:
    """A clause's facts, none when they are a quarter's or some months' (``part_of_year``): no figure of the year."""
    return [] if part_of_year(text, sstart, cend) else facts


def _may_state_facts(line: str) -> bool:
    """Whether a line may state a prose fact: it holds a head noun (see ``_sentence_facts``)."""
    return ANY_HEAD.search(line) is not None


def _walk(doc: Document, ctx: Ctx, skip_lines: set[int], walk: _Walk | None = None) -> list[ProseFact]:
    """Every prose fact of the document, in reading order."""
    walk = walk if walk is not None else _Walk()
    facts: list[ProseFact] = []
    for line, sstart, send, tense in _sentences(doc, ctx, skip_lines, walk, _may_state_facts):
        facts.extend(_sentence_facts(line, sstart, send, tense, ctx, walk))
    return facts


def extract_prose(doc: Document, plan_start: int | None, plan_end: int | None,
                  report_year: int | None, skip_lines: set[int] | None = None) -> list[ProseFact]:  # fmt: skip
    """Prose targets and figures; ``skip_lines`` are table lines already read as tables.

    A plan outline passes its years (2021, 2025) and ``report_year=None``; a work report passes
    its year and no plan years. Without either, nothing can be dated and nothing is returned.
    """
    return extract_prose_and_sector_mix(doc, plan_start, plan_end, report_year, skip_lines, sector_mix=False)[0]


def _sentence_ratios(line: Line, sstart: int, send: int, tense: str, ctx: Ctx, walk: _Walk) -> list[SectorMix]:
    """``三次产业结构由2015年的13.0:26.1:60.9转变为2020年的10.6:28.8:60.6`` → one row per ratio."""
    if PROSE_WORDS.DIGIT.search(line.text, sstart, send) is None:
        return []  # a ratio needs digits
    out: list[SectorMix] = []
    first, target = ctx.first_future, ctx.target_year
    assert first is not None and target is not None
    sent = line.text[sstart:send]
    key = PROSE_WORDS.STRUCTURE_WORDS.search(sent)
    window_start = key.end() if key else len(sent)
    for m in PROSE_WORDS.RATIO.finditer(sent, window_start):
        a, b, c = (float(m.group(i)) for i in (1, 2, 3))
        window, window_start = sent[window_start : m.start()], m.end()
        if not 98 <= a + b + c <= 102:
            continue  # shares of GDP add up to 100 (give or take rounding); 1:1:1 does not
        years = free_years(window)
        if years:
            year, kind = years[-1], ("target" if years[-1] >= first else "actual")
        elif tense == "forward" and PROSE_WORDS.TRANSITION.search(window):
            year, kind = target, "target"
        elif tense == "past":
            year, kind = first - 1, "actual"
        else:
            continue
        out.append(SectorMix(year, kind, a, b, c, line.lineno, raw_slice(line, sstart, send, walk.raw_maps)))
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
    review_lines: frozenset[int] = frozenset(),
) -> tuple[list[ProseFact], list[SectorMix]]:
    """``extract_prose`` and ``extract_sector_mix`` of one document from one shared walk.

    The two differ only in the lines they skip (prose skips table lines, the sector mix reads
    every line); sentence tenses and per-sentence facts are computed once and reused, which
    halves the cost of a document. The results equal the two separate calls. ``review_lines`` are
    the lines of a work report's review, as its reader found them (``review_tense``).
    """
    ctx = Ctx(plan_start, plan_end, report_year)
    if ctx.first_future is None or ctx.target_year is None:
        return [], []
    walk = _Walk(review=review_lines)
    facts = _walk(doc, ctx, set(skip_lines or ()), walk) if prose else []
    mix = _sector_mix(doc, ctx, walk) if sector_mix else []
    return facts, mix


# Every match of PROSE_WORDS.RATIO (13.0:26.1:60.9, 10比35比55) holds a digit, ':' or 比, and a digit.
_RATIO_CUE = re.compile(r"\d\s*[:比]\s*\d")


def _may_state_mix(line: str) -> bool:
    """Whether a line may state a sector mix: a ratio (``_RATIO_CUE``), or a share stated alone (产业)."""
    return "产业" in line or _RATIO_CUE.search(line) is not None


def _sector_mix(doc: Document, ctx: Ctx, walk: _Walk) -> list[SectorMix]:
    """Ratio rows plus shares stated alone (see ``extract_sector_mix``)."""
    rows: list[SectorMix] = []
    facts: list[ProseFact] = []
    for line, sstart, send, tense in _sentences(doc, ctx, set(), walk, _may_state_mix):  # every line, one pass
        rows.extend(_sentence_ratios(line, sstart, send, tense, ctx, walk))
        if line.text.find("产业", sstart, send) >= 0:
            # Only facts named 第…产业… are used below, and a fact's name is cut from its own
            # sentence (a shared list head never supplies 产业): other sentences can be skipped.
            facts.extend(_sentence_facts(line, sstart, send, tense, ctx, walk))
    seen = {(r.year, r.kind) for r in rows}
    for fact in facts:
        m = PROSE_WORDS.SHARE_NAME.match(fact.name)
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


__all__ = ["ProseFact", "SectorMix", "extract_prose", "extract_prose_and_sector_mix", "extract_sector_mix"]
