"""Scanning one value: lexicons, unit and qualifier patterns, Arabic and Chinese numerals.

The grammar is described in ``extract.values``; this module reads it from one position of a
string (``scan_value``) and turns the qualifiers collected into one (``resolve``). ``values``
builds the public ``Value`` from what is read here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import cn2an

from plantargets.vocab.units import ASCII_UNITS as _ASCII_UNITS
from plantargets.vocab.units import MAGNITUDES as _MAGNITUDES
from plantargets.vocab.units import PERCENT_UNITS as _PERCENT_UNITS
from plantargets.vocab.units import WORD_UNITS as _BASE_UNITS

# --- lexicons (reviewed knowledge: extend here, not in the code below) ---------------------
# Qualifier words before a number: (word, qualifier, strong). A weak one yields to a suffix.
PREFIXES: tuple[tuple[str, str, bool], ...] = (
    ("≥", "at_least", True), (">=", "at_least", True), (">", "at_least", True),
    ("不低于", "at_least", True), ("不少于", "at_least", True), ("不小于", "at_least", True),
    ("至少", "at_least", True), ("大于", "at_least", True), ("多于", "at_least", True),
    ("高于", "at_least", True), ("超过", "at_least", True),
    ("≤", "at_most", True), ("<=", "at_most", True), ("<", "at_most", True),
    ("不高于", "at_most", True), ("不超过", "at_most", True), ("不大于", "at_most", True),
    ("不多于", "at_most", True), ("至多", "at_most", True), ("最多", "at_most", True),
    ("小于", "at_most", True), ("低于", "at_most", True), ("少于", "at_most", True),
    ("大约", "approx", True), ("约", "approx", True),
    # 基本养老保险覆盖近10亿人: nearly, read as approx (the key convention, tests/golden/workreports/README.md)
    ("将近", "approx", True), ("接近", "approx", True), ("逼近", "approx", True), ("近", "approx", True),
    ("控制在", "at_most", False),
)  # fmt: skip
SUFFIXES: tuple[tuple[str, str], ...] = (
    ("及以上", "at_least"), ("或以上", "at_least"), ("以上", "at_least"),
    ("及以下", "at_most"), ("以下", "at_most"), ("以内", "at_most"), ("之内", "at_most"),
    ("左右", "approx"),
)  # fmt: skip
# 30余万人, 30多家: "more than 30", written between the number and the unit.
_MIDS = {"余": "at_least", "多": "at_least"}
# Words that may precede a number in a cell. Copulas add nothing; the others change the
# meaning (direction, aspiration), so the cell is kept verbatim in ``text``.
_COPULAS = ("达到", "保持在", "稳定在", "维持在", "保持", "达", "为")
_CUMULATIVE_WORDS = ("五年累计", "累计")
_MEANINGFUL_LEADS = ("提高", "提升", "增长", "增加", "增速", "降低", "下降", "减少", "力争", "确保", "年均", "新增")
# '约' inside these words is not "about": 节约6000吨 is a saving, not an approximation.
_NOT_APPROX_BEFORE_YUE = set("节制集签合契公条预邀相违履盟特简俭纽")
# '近' inside these words is not "nearly": 就近10公里, 最近3年, 附近, 临近, 邻近, 靠近.
_NOT_APPROX_BEFORE_JIN = set("就最附临邻靠亲贴")

_FOOTNOTE = "[\u2460-\u24ff\u2776-\u2793*※]"

# --- regular expressions --------------------------------------------------------------------


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    """Regex alternation, longest first so '个百分点' wins over '%'-less partial matches."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MAG = _alternation(_MAGNITUDES)
_BASE = rf"(?:{_alternation(_BASE_UNITS)}|(?:{_alternation(_ASCII_UNITS)})(?![A-Za-z]))"
# '/10万', '/万人', '元/人', 't/d': a per-quantity after (or instead of) a unit.
_PER = rf"/(?:[0-9]+(?:\.[0-9]+)?(?:{_MAG}){_BASE}?|(?:{_MAG})?{_BASE}|[dah](?![A-Za-z]))"
_UNIT_RE = re.compile(rf"(?:{_alternation(_PERCENT_UNITS)})|(?:{_MAG})?{_BASE}(?:{_PER})?|(?:{_MAG})(?:{_PER})?|{_PER}")
PREFIX_RE = re.compile(rf"\s*({_alternation([p[0] for p in PREFIXES])})\s*")
SUFFIX_RE = re.compile(rf"\s*({_alternation([s[0] for s in SUFFIXES])})")
_LEAD_RE = re.compile(rf"\s*({_alternation(_COPULAS + _CUMULATIVE_WORDS + _MEANINGFUL_LEADS)})")
_PERCENT_OF_RE = re.compile(r"(百分之|千分之|万分之)")
_PERCENT_OF_UNIT = {"百分之": "%", "千分之": "‰", "万分之": "‱"}
_ARABIC_RE = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?")
_CN_RUN_RE = re.compile(r"[零〇○一二两三四五六七八九十百千万亿点]{1,24}")
_CN_DIGIT = dict(zip("零〇○一二两三四五六七八九", (0, 0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_RANGE_SEP_RE = re.compile(r"\s*(——|—|-|~|至|到)\s*")
OPEN_RE = re.compile(r"\s*([\[〔【〖(])\s*")
_CLOSE_RE = re.compile(r"\s*([\]〕】〗)])")
BRACKET_PAIRS = {"[": "[]", "〔": "〔〕", "【": "【】", "〖": "〖〗", "(": "()"}
_FOOTNOTE_RE = re.compile(rf"\s*({_FOOTNOTE}+)")
# After a value: more digits right behind it mean the cell is not one readable number.
UNREADABLE_REST_RE = re.compile(r"\s*[.,、/]*\s*[-+]?[0-9]")
MISSING_WORDS = {"n/a", "na", "无", "暂无", "空", "不适用", "null", "none"}
CJK_RE = re.compile(r"[\u3400-\u9fff]")
# An unlisted unit printed after a number in a cell ('12宗'): one or two ideographs that are
# not part of a qualifier.
SHORT_UNIT_RE = re.compile(r"[\u4e00-\u9fff]{1,2}")
QUALIFIER_CHARS = set("以上下内左右约于过")
LIST_NUMBER_RE = re.compile(r"\([0-9]{1,2}\)|[0-9]{1,2}[.、)](?![0-9])")
TRAILING_PUNCT = " \t,;.。,;、:"
# Characters a value can start with in a sentence: scanning only there keeps long lines fast.
START_CHARS = frozenset("0123456789+-[〔【〖百千万" + "".join(_CN_DIGIT) + "十" + "".join(p[0][0] for p in PREFIXES))
# The positions where find_number_spans can find anything: a value's first character, or the
# '(' of a '(3)' list label. Jumping between them with one regex search is the same walk as
# stepping one character at a time, without the Python loop over every character.
CANDIDATE_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(START_CHARS | {"("})) + "]")
# Every number is read from an Arabic digit or a Chinese numeral digit (or 十): text with
# neither holds no value at all (100x faster to know than to scan).
ANY_NUMERAL_RE = re.compile("[0-9" + "".join(_CN_DIGIT) + "十]")


# --- scanning -----------------------------------------------------------------------------


@dataclass
class Scan:
    """What the scanner read from one position; turned into a Value by the callers."""

    start: int
    end: int = 0
    number: float | None = None
    upper: float | None = None
    unit: str = ""
    quals: list[tuple[str, bool]] = field(default_factory=list)
    cumulative: bool = False
    wordy: bool = False
    note: str = ""
    bracket: str = ""
    problem: str = ""


def _to_float(text: str) -> float | None:
    """Arabic digits (with thousands commas) to a finite float; None when out of range."""
    try:
        value = float(text.replace(",", ""))
    except (ValueError, OverflowError):
        return None
    return value if math.isfinite(value) else None


def _cn_value(numeral: str) -> float | None:
    """A Chinese numeral span to a number: digit by digit ('二〇二五') or positional via cn2an."""
    if not any(c in _CN_DIGIT or c == "十" for c in numeral) or numeral.endswith("点") or numeral.startswith("点"):
        return None
    if all(c in _CN_DIGIT for c in numeral):
        return float("".join(str(_CN_DIGIT[c]) for c in numeral))
    try:  # cn2an raises several exception types on odd spans; any failure means "not a number"
        result = cn2an.cn2an(numeral.replace("○", "〇"), "normal")
    except Exception:
        return None
    return _to_float(str(result))


def read_chinese(s: str, i: int, prose: bool, percent_of: bool) -> tuple[float, int] | None:
    """A Chinese numeral at i; a trailing 万/亿 is left in place for the unit (see module rules)."""
    m = _CN_RUN_RE.match(s, i)
    if not m:
        return None
    run = m.group()
    numeral = run
    tail = re.search(r"(万亿|亿|万)$", run)
    if tail and tail.start() > 0 and not re.search(r"[万亿]", run[: tail.start()]):
        numeral = run[: tail.start()]
    end = i + len(numeral)
    value = _cn_value(numeral)
    if value is None:
        return None
    if prose:
        # In sentences 一/两/三 are mostly words (一批, 两个维护, 十四五): accept only forms that
        # are unambiguous numbers.
        year_like = len(numeral) == 4 and all(c in _CN_DIGIT for c in numeral) and s.startswith("年", end)
        if not (percent_of or "点" in numeral or year_like or (numeral != run and _counted(s, i + len(run)))):
            return None
    elif not _cn_boundary_ok(s, end):
        return None
    return value, end


def _counted(s: str, end: int) -> bool:
    """After '三万' in a sentence a unit or a pause must follow: 十万大学生 is a name."""
    return end >= len(s) or s[end] in TRAILING_PUNCT or bool(re.match(_BASE, s[end:]))


def _cn_boundary_ok(s: str, end: int) -> bool:
    """A Chinese numeral in a cell must end the value: '一般' is a word, '三万人' a number."""
    rest = s[end:]
    if not rest or rest[0] in TRAILING_PUNCT or rest[0] in "]〕】〗-~—至" or rest[0] in _MIDS:
        return True
    return bool(_UNIT_RE.match(rest) or SUFFIX_RE.match(rest))


def _isdigit(c: str) -> bool:
    """ASCII digits only: str.isdigit() also accepts '²' and other scripts' digits."""
    return len(c) == 1 and "0" <= c <= "9"


def _read_number(s: str, i: int, prose: bool, percent_of: bool) -> tuple[float | None, int, str] | None:
    """Number at i: (value, end, problem). value None with a problem when digits overflow."""
    sign = 1.0
    j = i
    if s[j : j + 1] in ("+", "-") and _isdigit(s[j + 1 : j + 2]) and _sign_allowed(s, j, prose):
        sign = -1.0 if s[j] == "-" else 1.0
        j += 1
    m = _ARABIC_RE.match(s, j)
    if m:
        if prose and _inside_code(s, j):
            return None
        odd = _ODD_NOTATION_RE.match(s, m.end())
        if odd:
            return _read_odd_notation(m.group() + odd.group(), m.end() + len(odd.group()), sign)
        value = _to_float(m.group())
        if value is None:
            return None, m.end(), f"number too large to read: '{m.group()[:20]}…'"
        return sign * value, m.end(), ""
    if sign < 0 or (prose and i > 0 and _CN_RUN_RE.match(s[i - 1])):
        return None
    cn = read_chinese(s, i, prose, percent_of)
    return (cn[0], cn[1], "") if cn else None


# Notations no plan prints but spreadsheets and scrapers produce: exponent (1.2E+04), hex (0x1F),
# digit separators (1_000). Reading only their leading digits would give 1.2, 0 or 1 silently.
_ODD_NOTATION_RE = re.compile(r"[eE][+-]?[0-9]+|(?<=0)[xX][0-9A-Fa-f]+|(?:_[0-9]+)+")
# Largest magnitude accepted from exponent notation: above any plan quantity (万亿 is 1e12).
_MAX_EXPONENT_VALUE = 1e15
NOT_A_NUMBER_RE = re.compile(r"[+-]?(?:nan|inf|infinity)%?", re.IGNORECASE)


def _read_odd_notation(token: str, end: int, sign: float) -> tuple[float | None, int, str]:
    """Exponent notation is read in full when it is a plausible quantity; hex and '_' never are."""
    if "e" in token.lower() and "x" not in token.lower() and "_" not in token:
        value = _to_float(token)
        if value is not None and abs(value) <= _MAX_EXPONENT_VALUE:
            return sign * value, end, ""
        return None, end, f"number out of range: '{token[:24]}'"
    return None, end, f"not a decimal number: '{token[:24]}'"


def _inside_code(s: str, j: int) -> bool:
    """Digits glued to letters or a dot (PM2.5, G30) or after 第 (第3) are names, not quantities."""
    before = s[j - 1 : j]
    if before == "-" and re.search(r"[A-Za-z][A-Za-z0-9]*$", s[max(j - 12, 0) : j - 1]):
        return True  # G30-5, K3-2: a code with a hyphen (2-3 is a range, read elsewhere)
    return before == "第" or before == "." or (before.isascii() and before.isalnum())


def _sign_allowed(s: str, j: int, prose: bool) -> bool:
    """A minus directly before digits is a sign, unless it joins two numbers (a range)."""
    if j == 0:
        return True
    before = s[j - 1]
    if _isdigit(before):
        return False
    # In a sentence a minus after letters is a hyphen (G30-5); after words it is a sign (增长-2.3%).
    return not prose or not (before.isascii() and before.isalnum())


def _read_tail(s: str, i: int, scan: Scan) -> tuple[int, str]:
    """After a number: 余/多, a unit, and suffix qualifiers. Returns the end and the unit."""
    if i < len(s) and s[i] in _MIDS:
        scan.quals.append((_MIDS[s[i]], True))
        i += 1
    unit = ""
    m = _UNIT_RE.match(s, i) or (_UNIT_RE.match(s, i + 1) if s.startswith(" ", i) else None)
    if m and m.group():
        unit, i = m.group(), m.end()
    for _ in range(2):
        sm = SUFFIX_RE.match(s, i)
        if not sm:
            break
        scan.quals.append((dict(SUFFIXES)[sm.group(1)], True))
        i = sm.end()
    return i, unit


def _read_prefixes(s: str, i: int, scan: Scan, prose: bool) -> int:
    """Qualifier words and signs before the number (up to two: 控制在不超过5%)."""
    for _ in range(2):
        m = PREFIX_RE.match(s, i)
        if not m:
            break
        word = m.group(1)
        before = s[m.start(1) - 1] if m.start(1) > 0 else ""
        if prose and (
            (word == "约" and before in _NOT_APPROX_BEFORE_YUE) or (word == "近" and before in _NOT_APPROX_BEFORE_JIN)
        ):
            break
        qualifier, strong = next((q, st) for w, q, st in PREFIXES if w == word)
        scan.quals.append((qualifier, strong))
        i = m.end()
    return i


def _read_leads(s: str, i: int, scan: Scan, prose: bool) -> int:
    """Cells only: 达到, 累计, 提高 ... before the number (in prose the caller reads the verbs)."""
    while not prose and (m := _LEAD_RE.match(s, i)):
        word = m.group(1)
        scan.cumulative |= word in _CUMULATIVE_WORDS
        scan.wordy |= word in _MEANINGFUL_LEADS
        i = m.end()
    return i


def scan_value(s: str, start: int, prose: bool) -> Scan | None:
    """Read one value starting at ``start`` (see the module docstring for the grammar)."""
    scan = Scan(start=start)
    i = start
    i = _read_leads(s, i, scan, prose)
    opened = OPEN_RE.match(s, i)
    if opened and prose and opened.group(1) == "(":
        opened = None  # '(2020年)' in a sentence is an aside, not a marked value
    if opened:
        scan.bracket = BRACKET_PAIRS[opened.group(1)]
        scan.cumulative = scan.bracket != "()"
        i = _read_leads(s, opened.end(), scan, prose)
    i = _read_prefixes(s, i, scan, prose)
    percent_of = _PERCENT_OF_RE.match(s, i)
    if percent_of:
        i = percent_of.end()
    number = _read_number(s, i, prose, percent_of is not None)
    if number is None:
        return None
    scan.number, i, scan.problem = number
    if prose and s[i : i + 1] in (".", ",") and _isdigit(s[i + 1 : i + 2]):
        return None  # '1.2.3', '7,8' in a sentence: not a value we can read
    i, scan.unit = _read_tail(s, i, scan)
    if percent_of:
        scan.unit = _PERCENT_OF_UNIT[percent_of.group()] + scan.unit
    if prose and not scan.unit and i < len(s) and s[i].isascii() and s[i].isalpha():
        return None  # 5G, 4A级: a name, not a quantity
    i = _read_range(s, i, scan, prose)
    if opened and (closed := _CLOSE_RE.match(s, i)):
        i = closed.end()
        i, extra_unit = _read_tail(s, i, scan)
        scan.unit = scan.unit or extra_unit
    if (fm := _FOOTNOTE_RE.match(s, i)) and not prose:
        scan.note, i = fm.group(1), fm.end()
    scan.end = i
    return scan


def _read_range(s: str, i: int, scan: Scan, prose: bool) -> int:
    """'a-b' after a first value: returns the new end, or i unchanged when there is no range."""
    sep = _RANGE_SEP_RE.match(s, i)
    if not sep or scan.number is None:
        return i
    second_number = _read_number(s, sep.end(), prose, False)
    if second_number is None or second_number[0] is None:
        return i
    upper, j, _ = second_number
    second = Scan(start=sep.end())
    j, unit = _read_tail(s, j, second)
    if unit and scan.unit and unit != scan.unit:
        return i  # 5%到2025年: two values side by side, not a range
    scan.upper, scan.unit = upper, scan.unit or unit
    scan.quals.extend(second.quals)
    scan.quals.insert(0, ("range", True))
    return j


def resolve(quals: list[tuple[str, bool]]) -> tuple[str, str]:
    """One qualifier from those collected; a contradiction is reported, not silently picked.

    A weak qualifier (控制在) counts only when nothing explicit is printed: 控制在3%左右 is approx.
    """
    strong = list(dict.fromkeys(q for q, st in quals if st))
    if "range" in strong:
        return "range", ""
    if not strong:
        return (quals[0][0] if quals else "exact"), ""
    if len(strong) > 1:
        return strong[0], f"conflicting qualifiers ({', '.join(strong)})"
    return strong[0], ""
