"""The value grammar: one table cell or sentence value -> a structured Value.

A value is read as::

    [lead words] [bracket] [prefix] [百分之] number [余|多] [unit] [suffix] [- number [unit] [suffix]] [bracket] [①]

lead words  (cells only) 达到, 保持在, 累计, 提高, 降低 ...: consumed; words that carry meaning
            (提高, 降低, 力争 ...) keep the whole cell in ``text`` so their direction is not lost
bracket     ``[..]``, ``〔..〕``, ``【..】``, ``〖..〗`` mark a five-year total (``cumulative``)
prefix      ≥ > 不低于 超过 大于 高于 (at_least); ≤ < 不高于 不超过 低于 (at_most); 约 (approx);
            控制在 is a weak at_most that an explicit suffix overrides (控制在3%左右 is approx)
suffix      以上 (at_least); 以内 以下 (at_most); 左右 (approx)
range       a-b, a~b, a至b, a—b: qualifier ``range``, number = a, upper = b, text = as printed

Rules that keep the dataset honest (see docs/DATA_CONTRACT.md):

* Numbers are stored as printed, in the printed unit. A magnitude written after the number
  (万, 亿, 万亿, 千万, 百万, 十万) belongs to the unit whatever the digits: '1.5万' -> 1.5 '万',
  '三万人' -> 3 '万人'. 百 and 千 inside a Chinese numeral are part of the number ('两千' -> 2000);
  a Chinese numeral with a magnitude inside it ('三亿五千万') is read whole (350000000, unit '').
* Full-width ASCII is folded here too, character for character (so span offsets stay valid);
  never NFKC, which would turn '87①' into 871. Circled numbers after a value are footnote marks.
* Never guess: a cell that looks numeric but cannot be read ('95 5', '1.2.3', '4..5') gives
  qualifier ``missing``, number None and a ``problem`` message; the raw text is kept.
* cn2an only ever sees a numeral span already cut out: run on whole text it rewrites words
  (一般 -> 1般).

``parse_value`` reads a whole cell; ``find_number_spans`` finds every value in a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from plantargets.errors import ValueGrammarError
from plantargets.extract.value_scan import (
    ANY_NUMERAL_RE,
    BRACKET_PAIRS,
    CANDIDATE_RE,
    CJK_RE,
    LIST_NUMBER_RE,
    MISSING_WORDS,
    NOT_A_NUMBER_RE,
    OPEN_RE,
    PREFIX_RE,
    PREFIXES,
    QUALIFIER_CHARS,
    SHORT_UNIT_RE,
    START_CHARS,
    SUFFIX_RE,
    SUFFIXES,
    TRAILING_PUNCT,
    UNREADABLE_REST_RE,
    resolve,
    scan_value,
)


@dataclass(frozen=True)
class Value:
    """A parsed cell.

    number:     the number as printed (lower bound for a range), None when there is none
    qualifier:  one of QUALIFIERS
    cumulative: marked as a five-year total ([..] or 〔..〕)
    text:       verbatim text for text targets and ranges ('' otherwise)
    unit:       a unit or rate attached to the value ('%', '‰', '/10万', '元', '张', '人', ...)
    upper:      upper bound of a range
    problem:    why a cell that looks numeric could not be read ('' when fine); the
                dataset reports such cells in quality.csv with their raw text
    raw:        the cell as given
    note:       footnote marks printed after the value ('①'), kept out of the number
    bracket:    the brackets printed around the value ('[]', '〔〕', '【】', '〖〗', '()'), '' if none.
                Square and tortoise-shell brackets mean a five-year total by convention; round
                ones do only when a table note says so, so they are recorded but not interpreted.
    """

    number: float | None
    qualifier: str
    cumulative: bool = False
    text: str = ""
    unit: str = ""
    upper: float | None = None
    problem: str = ""
    raw: str = ""
    note: str = ""
    bracket: str = ""


# --- character folding -------------------------------------------------------------------
# One character in, one character out, so offsets into the folded text are offsets into the input.
_FOLD: dict[int, int | str | None] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({cp: " " for cp in (0x00A0, 0x2002, 0x2003, 0x2009, 0x202F, 0x3000, 0x200B, 0x200C, 0x200D, 0xFEFF)})
_FOLD.update({ord(a): b for a, b in zip("−–﹣﹪〜≦≧⩽⩾―", "---%~≤≥≤≥—", strict=True)})


# Text with none of the folded characters (most already-normalised text) is returned as is:
# one regex scan in C is far cheaper than a translate() that changes nothing.
_FOLD_NEEDED = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_FOLD)) + "]")


# A letter l typed or recognised for the digit 1 inside a number (增长l0%, 5l.27%): not beside
# another Latin letter, and next to a digit (or before a decimal point and digit).
_LETTER_ONE = re.compile(r"(?<![A-Za-z])l(?![A-Za-z])(?=[0-9]|\.[0-9])|(?<=[0-9])l(?=[0-9%]|\.[0-9])")


def fold_value_text(s: str) -> str:
    """Fold full-width ASCII, odd spaces, dash/comparison variants and a letter l for 1 in a
    number; length-preserving."""
    s = s.translate(_FOLD) if _FOLD_NEEDED.search(s) else s
    return _LETTER_ONE.sub("1", s) if "l" in s else s


# --- public API ------------------------------------------------------------------------------


def parse_value(cell: str) -> Value:
    """Parse one cell. Raises ValueGrammarError only for a non-str argument."""
    if not isinstance(cell, str):
        raise ValueGrammarError(f"parse_value expects one cell as a str, got {type(cell).__name__}: {cell!r:.60}")
    s = fold_value_text(cell).strip()
    verbatim = cell.strip()
    if _is_missing(s):
        return Value(None, "missing", raw=cell)
    scan = scan_value(s, 0, prose=False)
    if scan is None:
        return _without_number(s, verbatim, cell)
    rest = s[scan.end :]
    if scan.number is None or UNREADABLE_REST_RE.match(rest):
        problem = scan.problem or f"cannot read a number in '{verbatim}'"
        return Value(None, "missing", cumulative=scan.cumulative, problem=problem, raw=cell, bracket=scan.bracket)
    qualifier, problem = resolve(scan.quals)
    words, unit = rest.strip(TRAILING_PUNCT), scan.unit
    if not unit and SHORT_UNIT_RE.fullmatch(words) and not set(words) & QUALIFIER_CHARS:
        words, unit = "", words  # an unlisted unit such as '12宗' keeps its printed form
    extra = scan.wordy or bool(words)
    text = verbatim if (extra or qualifier == "range") else ""
    return Value(
        scan.number, qualifier, scan.cumulative, text, unit, scan.upper, problem, cell, scan.note, scan.bracket
    )


def _is_missing(s: str) -> bool:
    """Blank, dash-like or 'not available' cells: no value at all, and nothing to report."""
    if s.lower() in MISSING_WORDS:
        return True
    if PREFIX_RE.fullmatch(s) or SUFFIX_RE.fullmatch(s):
        return False  # a lone bound word is reported by _without_number
    return not any(c.isalnum() for c in s)


def _without_number(s: str, verbatim: str, raw: str) -> Value:
    """A cell with no readable leading number: a lone bound, unreadable digits, or text."""
    opened = OPEN_RE.match(s)
    bracket = BRACKET_PAIRS[opened.group(1)] if opened else ""
    cumulative = bracket not in ("", "()")
    inner = s.strip("[]〔〕【】〖〗() ")
    bound = PREFIX_RE.fullmatch(inner) or SUFFIX_RE.fullmatch(inner)
    if bound:
        word = bound.group(1)
        qualifier = next((q for w, q, _ in PREFIXES if w == word), None) or dict(SUFFIXES)[word]
        problem = f"'{verbatim}' gives a bound but no number"
        return Value(None, qualifier, cumulative, verbatim, problem=problem, raw=raw, bracket=bracket)
    if NOT_A_NUMBER_RE.fullmatch(inner):
        problem = f"'{verbatim}' is a spreadsheet placeholder, not a number"
        return Value(None, "missing", cumulative, problem=problem, raw=raw, bracket=bracket)
    if re.search(r"\d", s) and not CJK_RE.search(s):
        problem = f"cannot read a number in '{verbatim}'"
        return Value(None, "missing", cumulative, problem=problem, raw=raw, bracket=bracket)
    return Value(None, "text", cumulative, verbatim, raw=raw, bracket=bracket)


def find_number_spans(text: str) -> list[tuple[int, int, Value]]:
    """Every value expression in a sentence, left to right, as (start, end, Value).

    ``text[start:end]`` is the value as printed with its qualifiers and unit, e.g. in
    '城镇调查失业率控制在5.5%以内;' the span is '控制在5.5%以内' (at_most 5.5, unit '%'),
    in '力争贷款增速高于全疆平均增速2-3个百分点' it is '2-3个百分点' (range 2..3). Offsets index the
    given text (folding is length-preserving), so callers can cut the clause around a span.

    What is deliberately NOT a span: verbs (增长, 提高, 达到 stay outside so the caller reads the
    indicator and its direction), codes and names (PM2.5, 5G, 4A级, G30), ordinals (第3), list
    numbers at the start of an item ('1.', '2、', '(3)'), and Chinese numerals used as words
    (一批, 两个, 十四五): in prose a Chinese numeral counts only with 百分之/千分之, a decimal 点,
    a 万/亿 magnitude, or as a 〇-year (二〇二五年). Years come back as values with unit '年'
    ('2025年' -> 2025 '年'); the caller decides whether a value is a year. A comma between
    digit groups of three is read as a thousands separator ('1,600'), even in normalised text
    where it may have been a full-width clause comma: check the raw line when that matters.
    """
    if not isinstance(text, str):
        raise ValueGrammarError(f"find_number_spans expects a str, got {type(text).__name__}")
    s = fold_value_text(text)
    spans: list[tuple[int, int, Value]] = []
    if ANY_NUMERAL_RE.search(s) is None:
        return spans
    i = 0
    while i < len(s):
        candidate = CANDIDATE_RE.search(s, i)
        if candidate is None:
            break
        i = candidate.start()
        label = _list_number(s, i)
        if label:
            i = label
            continue
        scan = scan_value(s, i, prose=True) if s[i] in START_CHARS else None
        if scan is None or scan.number is None or scan.end <= i:
            i += 1
            continue
        start = _span_start(s, i)
        qualifier, problem = resolve(scan.quals)
        piece = text[start : scan.end]
        value = Value(scan.number, qualifier, scan.cumulative, piece if qualifier == "range" else "", scan.unit,
                      scan.upper, problem or scan.problem, piece)  # fmt: skip
        spans.append((start, scan.end, value))
        i = scan.end
    return _shared_units(s, spans)


# Between two items of a list: 、 和 及 与 以及 (spaces around them allowed).
# Units that a list prints in full only after its last figure (…个、…个百分点; …万、…万人).
SHARED_UNIT_HEADS = ("个", "万", "亿", "万亿")
_LIST_JOINER = re.compile(r"\s*(?:、|以及|和|及|与)\s*")


def _shared_units(s: str, spans: list[tuple[int, int, Value]]) -> list[tuple[int, int, Value]]:
    """A unit printed once at a list's end: 分别提高1.9个和3.3个百分点 (东莞 2020) is 1.9 and 3.3
    percentage points, 分别增至66.5万、57万…和44.09万人 (so 66.5万人). A figure whose unit is a
    magnitude or classifier (:data:`SHARED_UNIT_HEADS`) takes the unit of the next figure that
    begins with it, when a list joiner and nothing else separates the two."""
    out = list(spans)
    for k in range(len(out) - 2, -1, -1):
        start, end, value = out[k]
        unit, following = value.unit, out[k + 1]
        longer = following[2].unit
        shared = unit in SHARED_UNIT_HEADS and longer != unit and longer.startswith(unit)
        if shared and _LIST_JOINER.fullmatch(s, end, following[0]):
            out[k] = (start, end, replace(value, unit=longer))
    return out


# For may_hold_value: a number printed right before 年 (not 年/…) reads as a value in 年; the
# Chinese numerals that prose accepts need 百分之/千分之/万分之, a decimal 点 inside the numeral,
# a 万/亿 magnitude after it, or (〇-years) 年.
_YEAR_NUMBER_RE = re.compile(r"[0-9]+(?:\.[0-9]+)? ?年(?!/)")
_CN_PROSE_VALUE_RE = re.compile(
    "年/|分之"
    "|[零〇○一二两三四五六七八九十百千万亿]点[零〇○一二两三四五六七八九十百千万亿点]"
    "|[零〇○一二两三四五六七八九十][零〇○一二两三四五六七八九十百千点]*[万亿]"
)


def may_hold_value(text: str) -> bool:
    """False only when ``find_number_spans`` can find no value in ``text`` with a unit other than 年.

    A cheap test (two regex scans) that lets prose skip sentences whose only numbers are
    years (2020年) and plan names (十四五): most sentences of a plan. It is conservative —
    True does not promise a value — and exact in the other direction: Arabic numbers need a
    digit, and a digit that survives removing every 'number + 年' is kept; Chinese numerals
    count in sentences only with the cues in ``_CN_PROSE_VALUE_RE`` (see ``read_chinese``).
    """
    s = fold_value_text(text)
    # Each regex only where it can match (twice as fast on a plan's sentences, same answers): every
    # match of _CN_PROSE_VALUE_RE holds 年/, 分之, a decimal 点 or a 万/亿 magnitude (``in`` tests, faster
    # than a set's or a character class's), and removing years adds no digit.
    if ("点" in s or "万" in s or "亿" in s or "分" in s or "/" in s) and _CN_PROSE_VALUE_RE.search(s):
        return True
    return _ARABIC_DIGIT_RE.search(s) is not None and _ARABIC_DIGIT_RE.search(_YEAR_NUMBER_RE.sub("", s)) is not None


_ARABIC_DIGIT_RE = re.compile("[0-9]")


def _span_start(s: str, i: int) -> int:
    """Skip the blanks the scanner tolerates before a prefix, so the span starts on a character."""
    while i < len(s) and s[i].isspace():
        i += 1
    return i


def _list_number(s: str, i: int) -> int:
    """End of a '1.' / '2、' / '(3)' label opening an item at i (a label, not a quantity), else 0."""
    if i > 0 and not (s[i - 1].isspace() or s[i - 1] in "|(:;。"):
        return 0
    m = LIST_NUMBER_RE.match(s, i)
    return m.end() if m else 0
