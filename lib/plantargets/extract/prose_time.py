"""Lines, raw text and time cues of prose: is a number a target or a realised figure?

A zone (forward/past) runs from sentence to sentence (``sentence_tense``); clause cues (a year,
十四五末, “十三五”时期) override it for their clause and those after it (``clause_time``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from plantargets.extract.prose_words import TIME_CUE
from plantargets.read.text import Line, normalise_text
from plantargets.vocab.patterns import PROSE_WORDS
from plantargets.vocab.periods import cn_ordinal, plan_number, plan_years


@dataclass(frozen=True)
class Ctx:
    """The document's period: a plan's years or a work report's year."""

    plan_start: int | None
    plan_end: int | None
    report_year: int | None

    @property
    def first_future(self) -> int | None:
        """The first year a target can refer to; earlier years are realised figures."""
        return self.report_year if self.report_year is not None else self.plan_start

    @property
    def target_year(self) -> int | None:
        return self.report_year if self.report_year is not None else self.plan_end

    @functools.cached_property
    def plan(self) -> int | None:  # cached: asked for every sentence and clause
        year = self.plan_start or self.report_year
        return plan_number(year) if year else None


@dataclass
class ClauseTime:
    """Time cues in force for a clause: carried from earlier clauses of the same sentence."""

    tense: str  # 'forward' | 'past'
    year: int | None = None
    past_plan: int | None = None  # a past plan named as a period (“十三五”时期): sums, averages
    present: bool = False  # 目前/现有 without a year

    def copy(self) -> ClauseTime:
        """A copy; dataclasses.replace costs ten times more and this runs once per clause."""
        return ClauseTime(self.tense, self.year, self.past_plan, self.present)


# ---------------------------------------------------------------------------------------------
# Lines and raw text


def is_table_line(text: str) -> bool:
    """A table row left in the text: ``|``-separated short cells, or a short tab-indented cell."""
    if "|" in text:
        cells = [c.strip() for c in text.split("|") if c.strip()]
        return not any(len(c) > 40 or "。" in c for c in cells)
    return text.startswith("\t") and len(text.strip()) < 40 and "。" not in text


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """``normalise_text`` of one character, memoised: the raw map folds every character of a line
    one by one, and a corpus uses a few thousand distinct characters."""
    return normalise_text(ch)


# The raw position of each position of a line's normalised text; None when there is no such map.
RawMap = Sequence[int] | None


def _raw_map(line: Line) -> RawMap:
    """Map each position of the normalised text to the raw line (normalisation drops bookmarks)."""
    raw, text = line.raw, line.text
    folded: str
    kept: Sequence[int]  # kept[k]: the raw position of folded[k]
    if "[bookmark:" not in raw:
        # Without bookmarks every character folds to at most one character: the folded line is
        # ``normalise_text`` of the raw one, and the map keeps the positions of the characters that survive.
        folded = normalise_text(raw)
        kept = range(len(raw)) if len(folded) == len(raw) else [i for i, ch in enumerate(raw) if _fold_char(ch)]
        if folded == text:
            return kept  # most lines (a range, no list, when none is dropped)
    else:
        pieces = [_fold_char(ch) for ch in raw]
        folded = "".join(pieces)
        kept = [i for i, piece in enumerate(pieces) if piece]
        if len(folded) != len(kept):
            return _aligned(raw, text)  # a character folded into several (no such fold today)
    return _greedy(folded, kept, text)


def _greedy(folded: str, kept: Sequence[int], text: str) -> list[int] | None:
    """Markup removed (Markdown **, #): each character of the text is the next equal character of
    the folded line, found by str.find; the same greedy alignment as ``_aligned``, faster. Where the
    folded line goes on as the text does, the next character is found right after the last: the
    alignment is read run by run (``_common_run``), not character by character."""
    out: list[int] = []
    j = k = 0
    while j < len(text):
        k = folded.find(text[j], k)
        if k < 0:
            return None
        n = _common_run(folded, k, text, j)
        out.extend(kept[k : k + n])
        j, k = j + n, k + n
    return out


def _common_run(a: str, i: int, b: str, j: int) -> int:
    """The length of the longest common prefix of ``a[i:]`` and ``b[j:]`` (binary search: a prefix
    shared is shared at every shorter length)."""
    lo, hi = 0, min(len(a) - i, len(b) - j)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a.startswith(b[j : j + mid], i):
            lo = mid
        else:
            hi = mid - 1
    return lo


def _aligned(raw: str, text: str) -> list[int] | None:
    """The raw position of each character of ``text``: each raw character's fold, in order, is
    matched to the text where it comes next; None when the text is not all matched."""
    out: list[int] = []
    j = 0
    for i, ch in enumerate(raw):
        piece = _fold_char(ch)
        if piece and text.startswith(piece, j):
            out.extend([i] * len(piece))
            j += len(piece)
    return out if j == len(text) else None


def raw_slice(line: Line, start: int, end: int, cache: dict[int, RawMap]) -> str:
    """The raw text of ``text[start:end]``, so that a reader finds the sentence in the file."""
    if line.lineno not in cache:
        cache[line.lineno] = _raw_map(line)
    m = cache[line.lineno]
    if m is None or start >= end or end > len(m):
        return line.raw.strip()
    return line.raw[m[start] : m[end - 1] + 1].strip()


def split_spans(text: str, seps: str) -> list[tuple[int, int]]:
    """Split ``text`` at separator characters (a ':' between digits is a ratio, not a separator)."""
    out: list[tuple[int, int]] = []
    start = 0
    pattern = (
        PROSE_WORDS.CLAUSE_SEPS
        if seps == ",;:|"
        else PROSE_WORDS.SENTENCE_SEPS
        if seps == "。!?"
        else re.compile(f"[{re.escape(seps)}]")
    )
    if pattern.search(text) is None:
        return [(0, len(text))] if text else []  # no separator: one span (most clauses)
    for m in pattern.finditer(text):
        i = m.start()
        ch = text[i]
        if ch == ":" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            continue
        if i > start:
            out.append((start, i))
        start = i + 1
    if start < len(text):
        out.append((start, len(text)))
    return out


# ---------------------------------------------------------------------------------------------
# Time cues


def _plans(text: str) -> list[int]:
    """Plans named in ``text`` in any construction (“十三五”累计, 十四五时期)."""
    if "十" not in text:
        return []  # every plan name holds 十; most clauses hold none
    return [n for m in PROSE_WORDS.PLAN_NAME.finditer(text) if (n := cn_ordinal("十" + m.group(1)))]


def free_years(text: str) -> list[int]:
    """Years printed in ``text`` that are not the base of a comparison (较2010年)."""
    if "年" not in text:
        return []  # a year is printed with 年 (PROSE_WORDS.YEAR)
    years = [(m.start(1), int(m.group(1))) for m in PROSE_WORDS.YEAR.finditer(text)]
    if not years:
        return []
    masked = {i for m in PROSE_WORDS.COMPARE.finditer(text) for i in range(m.start(), m.end())}
    return [year for start, year in years if start not in masked]


def review_tense(text: str, ctx: Ctx) -> str:
    """The tense of a sentence of a work report's review (the report reader's past section): past,
    unless it names the report's year or a later one (今年, 2025年); 预计 there marks last year's
    preliminary figure (预计全市生产总值增长15%), not a forecast."""
    first = ctx.first_future
    years = free_years(text)
    ahead = PROSE_WORDS.THIS_YEAR.search(text) is not None or (
        first is not None and bool(years) and max(years) >= first
    )
    return "forward" if ahead else "past"


_PRELIMINARY = "预计"


def _preliminary_only(text: str, ctx: Ctx, cue: re.Match[str]) -> bool:
    """Whether a work report's sentence looks ahead only by 预计 (预计地区生产总值增长0.2%; 郊区…预计实现地区生产总值
    4120亿元): a preliminary figure of last year, never a target; 预计今年 names the year and still looks ahead."""
    if ctx.report_year is None or cue.group(0) != _PRELIMINARY:
        return False
    return not any(m.group(0) != _PRELIMINARY for m in PROSE_WORDS.FORWARD_WORDS.finditer(text, cue.end()))


def part_of_year(line: str, sstart: int, cend: int) -> bool:
    """Whether a clause's figures are a part of a year's (一季度，全市地区生产总值增长3.5%): its sentence up to the
    clause's end names a quarter, a half or months (``PROSE_WORDS.PART_OF_YEAR``) and no 全年 after it. A
    deadline (6月底前基本建成…，…网办率分别不低于90%) dates a task, not the figures."""
    part = None
    for m in PROSE_WORDS.PART_OF_YEAR.finditer(line, sstart, cend):
        part = None if _DEADLINE.match(line, m.end()) else m
    return part is not None and line.find("全年", part.end(), cend) < 0


_DEADLINE = re.compile(r"(?:底|末|中旬|上旬|下旬)?(?:前|以前|之前)")


def sentence_tense(text: str, ctx: Ctx, zone: str, heading: bool) -> tuple[str, str]:
    """The sentence's default tense and the zone the following sentences inherit."""
    if TIME_CUE.search(text) is None:
        return zone, zone  # no year, plan name or cue word: nothing below can fire
    first = ctx.first_future
    years = free_years(text)
    plans = _plans(text)
    # min/max instead of any(<generator>): the same answers, without a generator per sentence.
    cue = PROSE_WORDS.FORWARD_WORDS.search(text)
    ahead = first is not None and bool(years) and max(years) >= first
    preliminary = cue is not None and _preliminary_only(text, ctx, cue)
    if preliminary and not ahead:
        return "past", zone  # 预计地区生产总值增长0.2%: last year's preliminary figure, in any section
    fwd_strong = cue is not None or ahead
    past_strong = (
        bool(PROSE_WORDS.PAST_WORDS.search(text))
        or (first is not None and bool(years) and min(years) < first)
        or (ctx.plan is not None and bool(plans) and min(plans) < ctx.plan)
    )
    current = ctx.plan is not None and ctx.plan in plans
    if fwd_strong:
        return "forward", "forward"
    if past_strong:
        return "past", "past"
    if current:
        # “十四五”时期 at the start of a line or in a heading opens the forward part of a plan;
        # elsewhere (为“十四五”奠定基础) it only colours its own sentence.
        lead = bool(PROSE_WORDS.LINE_LEAD_PLAN.match(text))
        return "forward", ("forward" if heading or lead else zone)
    return zone, zone


def clause_time(clause: str, time: ClauseTime, ctx: Ctx, has_growth: bool) -> tuple[ClauseTime, ClauseTime]:
    """Time for this clause and the time carried to the next clauses."""
    if TIME_CUE.search(clause) is None:
        # No year, plan name or cue word: every branch below leaves the time as it was.
        return time.copy(), time.copy()
    first = ctx.first_future
    now = time.copy()
    years = free_years(clause)
    end = PROSE_WORDS.PLAN_END.search(clause) if "十" in clause else None
    plans = _plans(clause)
    if years:
        now.year, now.past_plan, now.present = years[-1], None, False
        if first is not None:
            now.tense = "forward" if years[-1] >= first else "past"
    elif end and ctx.plan is not None:
        n = _plans(end.group(0)) or [0]
        if n[0] >= ctx.plan:
            now.year, now.tense = plan_years(n[0])[1], "forward"
        elif n[0]:
            now.year, now.tense, now.past_plan = plan_years(n[0])[1], "past", None
    elif plans and ctx.plan is not None:
        if any(p < ctx.plan for p in plans):
            now.tense, now.past_plan, now.year = "past", min(plans), None
        else:
            now.tense = "forward"
    cue = PROSE_WORDS.FORWARD_WORDS.search(clause)
    if cue and not years and not plans and not _preliminary_only(clause, ctx, cue):
        now.tense = "forward"
    if PROSE_WORDS.PRESENT_WORDS.search(clause) and not years:
        now.present = True
    # “十三五”时期年均增长6.6% qualifies its own growth rate only; a sentence-opening
    # “十三五”期间,… scopes every clause that follows.
    carried = now.copy()
    if has_growth and now.past_plan is not None and time.past_plan is None:
        carried = time.copy()
    return now, carried
