"""Defects of a corpus found in its texts, not inherited: wrong year, damaged characters, twins.

A copied corpus carries its curators' slips. Each is reported (quality.csv) rather than
silently inherited:

- **the year**: a work report's year is the year its targets are for. The text states it in
  three places, in order of trust: its section headings (``2020年工作安排``, ``2019年工作回顾``
  reviews the year before), the delivery line (``——2020年5月9日在四川省第十三届人民代表大会…``;
  a report heard in December sets the next year's targets) and the title. 四川省's files
  2003-2019 are named by the year they review: ``2019.md`` holds the 2020 report.
- **damaged characters**: ``控制在9%。以内`` is a per-mille sign (‰) mangled into ``%。``; a
  paragraph that opens with ``、`` or ``，`` has lost its first characters (``、2016年工作回顾``).
- **the same report under two names**: compared by their sentences (not bytes: two copies of
  one report from two web sites differ in punctuation and line breaks).

Each function takes the document's lines (numbered as in the file) and returns plain data.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from plantargets.vocab.periods import cn_ordinal, plan_years

# Section headings that name the year the report plans for, or the year it reviews; a heading
# opens its line (一、2011年工作回顾, （二）2012年主要任务), often followed by its paragraph.
_NUMBERING = r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]部分[:：]?)?(?:关于)?"
_PLAN_HEADING = re.compile(
    _NUMBERING + r"((?:19|20)\d\d)年(?:的)?(?:工作安排|重点工作|主要任务|经济社会发展的?(?:主要)?预期目标|"
    r"经济社会发展(?:的)?总体要求|政府工作(?:的)?(?:总体要求|主要任务))"
)
_REVIEW_HEADING = re.compile(_NUMBERING + r"((?:19|20)\d\d)年(?:的)?(?:政府)?工作(?:的)?回顾")
# A whole plan reviewed (一、“十五”工作回顾) is the report of the next plan's first year.
_PLAN_REVIEW_HEADING = re.compile(
    _NUMBERING + r"[“\"]?([一二三四五六七八九十]{1,3})五[”\"]?(?:时期)?(?:的)?(?:政府)?工作(?:的)?回顾"
)
BODY_LINES = 800
# The delivery line: ——2020年5月9日在四川省第十三届人民代表大会第三次会议上, or 在…会议上
# （2019年1月14日）. A bare date with a name (（2010年2月20日 梁保华）, a compiler's caption that
# is wrong over 江苏省/2003.md) is no witness: the session must be named.
_DELIVERY = re.compile(r"^[—─-]*[（(]?((?:19|20)\d\d)年(\d{1,2})月\d{1,2}日.{0,40}?(?:人民代表大会|会议)|"
                       r"(?:人民代表大会|会议上).{0,6}[（(]((?:19|20)\d\d)年(\d{1,2})月\d{1,2}日")  # fmt: skip
HEAD_LINES = 20
# Reports heard in November or December set the targets of the year that follows.
LATE_MONTHS = (11, 12)
_TITLE_YEAR = re.compile(r"((?:19|20)\d\d)年|[（(]((?:19|20)\d\d)[)）]")
_MARKUP = re.compile(r"[\s*#>_`]")
# ‰ printed as '%。' before the word that ends the clause: 人口自然增长率控制在9%。以内。
# The word then ends the clause: '6.5%。以下是…' (a new sentence) is no damage.
_PERMILLE = re.compile(r"\d%。(?=(?:以内|以下|左右|以上)(?:[。；，、,;)）]|$))")
# A paragraph cannot open with these: the characters before them are lost.
_BROKEN_START = re.compile(r"^[，、。；：）」』”]")
# Sentences shorter than this say too little to identify a report (各位代表：).
MIN_SENTENCE_CHARS = 12
SKETCH_SIZE = 128
# Two reports sharing this share of their sentence sketch are the same report.
TWIN_SIMILARITY = 0.5


@dataclass(frozen=True)
class YearWitnesses:
    """What the text says about its year: from headings, the delivery line, the title."""

    headings: int | None
    delivery: int | None
    delivery_line: int | None
    title: int | None

    def stated(self, file_year: int | None = None) -> int | None:
        """The year the targets are for, by the most trusted witness that speaks.

        The section headings name the year planned for; the delivery line dates the session
        (a November or December session plans the next year); the title and the file name
        were given by whoever compiled the corpus, and are trusted last (四川省's titles and
        file names give the year reviewed, not the year planned).
        """
        return self.headings or self.delivery or self.title or file_year

    def disagreements(self, stated: int | None) -> list[str]:
        """The witnesses that name another year than ``stated``, for the finding's message."""
        named = (("section headings", self.headings), ("delivery line", self.delivery), ("title", self.title))
        return [f"{who} {year}" for who, year in named if year and year != stated]


@dataclass(frozen=True)
class Damage:
    """One damaged spot: its line, what kind, and the text as printed."""

    line: int
    kind: str  # 'permille' | 'broken_start'
    raw: str


def year_witnesses(lines: Sequence[tuple[int, str]], title: str = "") -> YearWitnesses:
    """Read the report's year from headings, the delivery line and the title.

    ``lines`` are (line number, text) pairs, front matter excluded.
    """
    votes: Counter[int] = Counter()
    for _, text in lines[:BODY_LINES]:
        if "年" not in text[:40] and "回顾" not in text[:40]:
            continue
        t = _MARKUP.sub("", text[:60])
        if m := _PLAN_HEADING.match(t):
            votes[int(m.group(1))] += 1
        elif m := _REVIEW_HEADING.match(t):
            votes[int(m.group(1)) + 1] += 1
        elif (m := _PLAN_REVIEW_HEADING.match(t)) and (plan := cn_ordinal(m.group(1))):
            votes[plan_years(plan)[1] + 1] += 1
    headings = votes.most_common(1)[0][0] if votes else None
    delivery = delivery_line = None
    for lineno, text in lines[:HEAD_LINES]:
        m = _DELIVERY.search(_MARKUP.sub("", text))
        if m:
            year, month = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(3)), int(m.group(4)))
            delivery, delivery_line = (year + 1 if month in LATE_MONTHS else year), lineno
            break
    found = _TITLE_YEAR.search(title)
    title_year = int(found.group(1) or found.group(2)) if found else None
    return YearWitnesses(headings, delivery, delivery_line, title_year)


def damaged(lines: Iterable[tuple[int, str]]) -> list[Damage]:
    """Spots where characters were lost or mangled, in line order."""
    out = []
    for lineno, text in lines:
        if _PERMILLE.search(text):
            out.append(Damage(lineno, "permille", text))
        if _BROKEN_START.match(text):
            out.append(Damage(lineno, "broken_start", text))
    return out


# What a sketch ignores (spaces, Markdown marks, quotes) and where its sentences end; compiled
# once, since the sketch reads every line of every document.
_SKETCH_NOISE = re.compile(r"[\s*#>\"“”‘’]")
_SENTENCE_END = re.compile(r"[。！？；]")


def sentence_sketch(lines: Iterable[tuple[int, str]], size: int = SKETCH_SIZE) -> tuple[int, ...]:
    """A bottom-k sketch of the text's sentences: the ``size`` smallest sentence hashes.

    Two copies of one report share most sentences, so their sketches overlap; comparing
    sketches costs the same whatever the reports' length.
    """
    # The lines joined by a sentence end: the same sentences as line by line, in one scan of each regex.
    text = "。".join(text for _, text in lines)
    hashes = {
        zlib.crc32(sentence.encode())
        for sentence in _SENTENCE_END.split(_SKETCH_NOISE.sub("", text))
        if len(sentence) >= MIN_SENTENCE_CHARS
    }
    return tuple(sorted(hashes)[:size])


def sketch_similarity(a: Sequence[int] | frozenset[int], b: Sequence[int] | frozenset[int]) -> float:
    """Estimated share of sentences two texts have in common: shared sketch entries over the
    smaller sketch (two copies of one report share almost all; two years of one region's
    reports share a few set phrases)."""
    if not a or not b:
        return 0.0
    sa, sb = (x if isinstance(x, frozenset) else frozenset(x) for x in (a, b))
    return len(sa & sb) / min(len(sa), len(sb))
