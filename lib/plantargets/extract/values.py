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

import math
import re
from dataclasses import dataclass, field

import cn2an

from plantargets.errors import ValueGrammarError

QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range", "text", "missing")


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


def fold_value_text(s: str) -> str:
    """Fold full-width ASCII, odd spaces and dash/comparison variants; length-preserving."""
    return s.translate(_FOLD) if _FOLD_NEEDED.search(s) else s


# --- lexicons (reviewed knowledge: extend here, not in the code below) ---------------------
# Qualifier words before a number: (word, qualifier, strong). A weak one yields to a suffix.
_PREFIXES: tuple[tuple[str, str, bool], ...] = (
    ("≥", "at_least", True), (">=", "at_least", True), (">", "at_least", True),
    ("不低于", "at_least", True), ("不少于", "at_least", True), ("不小于", "at_least", True),
    ("至少", "at_least", True), ("大于", "at_least", True), ("多于", "at_least", True),
    ("高于", "at_least", True), ("超过", "at_least", True),
    ("≤", "at_most", True), ("<=", "at_most", True), ("<", "at_most", True),
    ("不高于", "at_most", True), ("不超过", "at_most", True), ("不大于", "at_most", True),
    ("不多于", "at_most", True), ("至多", "at_most", True), ("最多", "at_most", True),
    ("小于", "at_most", True), ("低于", "at_most", True), ("少于", "at_most", True),
    ("大约", "approx", True), ("约", "approx", True),
    ("控制在", "at_most", False),
)  # fmt: skip
_SUFFIXES: tuple[tuple[str, str], ...] = (
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

_PERCENT_UNITS = ("个百分点", "百分点", "%", "‰", "‱")
_MAGNITUDES = ("万亿", "千万", "百万", "十万", "亿", "万", "千", "百")
_BASE_UNITS = (
    "元", "美元", "欧元", "人民币", "人次", "人", "户", "个", "家", "所", "座", "张", "床", "件", "项",
    "台", "辆", "套", "间", "只", "头", "羽", "匹", "株", "条", "处", "名", "位", "篇", "部", "批", "场",
    "次", "种", "宗", "例", "栋", "公里", "千米", "米", "千瓦时", "千瓦", "兆瓦", "千伏", "伏", "度",
    "吨标准煤", "吨标煤", "吨", "公斤", "千克", "克", "微克", "毫克", "斤", "立方米", "平方公里",
    "平方米", "亩", "公顷", "标准箱", "标箱", "小时", "分钟", "天", "日", "周岁", "周", "月", "年", "岁", "倍",
    "分",
)  # fmt: skip
_ASCII_UNITS = ("kWh", "kW", "MW", "GW", "kV", "km²", "km", "m²", "m³", "t", "kg")
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
_PREFIX_RE = re.compile(rf"\s*({_alternation([p[0] for p in _PREFIXES])})\s*")
_SUFFIX_RE = re.compile(rf"\s*({_alternation([s[0] for s in _SUFFIXES])})")
_LEAD_RE = re.compile(rf"\s*({_alternation(_COPULAS + _CUMULATIVE_WORDS + _MEANINGFUL_LEADS)})")
_PERCENT_OF_RE = re.compile(r"(百分之|千分之|万分之)")
_PERCENT_OF_UNIT = {"百分之": "%", "千分之": "‰", "万分之": "‱"}
_ARABIC_RE = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?")
_CN_RUN_RE = re.compile(r"[零〇○一二两三四五六七八九十百千万亿点]{1,24}")
_CN_DIGIT = dict(zip("零〇○一二两三四五六七八九", (0, 0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_RANGE_SEP_RE = re.compile(r"\s*(——|—|-|~|至|到)\s*")
_OPEN_RE = re.compile(r"\s*([\[〔【〖(])\s*")
_CLOSE_RE = re.compile(r"\s*([\]〕】〗)])")
_BRACKET_PAIRS = {"[": "[]", "〔": "〔〕", "【": "【】", "〖": "〖〗", "(": "()"}
_FOOTNOTE_RE = re.compile(rf"\s*({_FOOTNOTE}+)")
# After a value: more digits right behind it mean the cell is not one readable number.
_UNREADABLE_REST_RE = re.compile(r"\s*[.,、/]*\s*[-+]?[0-9]")
_MISSING_WORDS = {"n/a", "na", "无", "暂无", "空", "不适用", "null", "none"}
_CJK_RE = re.compile(r"[\u3400-\u9fff]")
# An unlisted unit printed after a number in a cell ('12宗'): one or two ideographs that are
# not part of a qualifier.
_SHORT_UNIT_RE = re.compile(r"[\u4e00-\u9fff]{1,2}")
_QUALIFIER_CHARS = set("以上下内左右约于过")
_LIST_NUMBER_RE = re.compile(r"\([0-9]{1,2}\)|[0-9]{1,2}[.、)](?![0-9])")
_TRAILING_PUNCT = " \t,;.。,;、:"
# Characters a value can start with in a sentence: scanning only there keeps long lines fast.
_START_CHARS = frozenset("0123456789+-[〔【〖百千万" + "".join(_CN_DIGIT) + "十" + "".join(p[0][0] for p in _PREFIXES))
# The positions where find_number_spans can find anything: a value's first character, or the
# '(' of a '(3)' list label. Jumping between them with one regex search is the same walk as
# stepping one character at a time, without the Python loop over every character.
_CANDIDATE_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_START_CHARS | {"("})) + "]")
# Every number is read from an Arabic digit or a Chinese numeral digit (or 十): text with
# neither holds no value at all (100x faster to know than to scan).
_ANY_NUMERAL_RE = re.compile("[0-9" + "".join(_CN_DIGIT) + "十]")


# --- scanning -----------------------------------------------------------------------------


@dataclass
class _Scan:
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


def _read_chinese(s: str, i: int, prose: bool, percent_of: bool) -> tuple[float, int] | None:
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
    return end >= len(s) or s[end] in _TRAILING_PUNCT or bool(re.match(_BASE, s[end:]))


def _cn_boundary_ok(s: str, end: int) -> bool:
    """A Chinese numeral in a cell must end the value: '一般' is a word, '三万人' a number."""
    rest = s[end:]
    if not rest or rest[0] in _TRAILING_PUNCT or rest[0] in "]〕】〗-~—至" or rest[0] in _MIDS:
        return True
    return bool(_UNIT_RE.match(rest) or _SUFFIX_RE.match(rest))


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
    cn = _read_chinese(s, i, prose, percent_of)
    return (cn[0], cn[1], "") if cn else None


# Notations no plan prints but spreadsheets and scrapers produce: exponent (1.2E+04), hex (0x1F),
# digit separators (1_000). Reading only their leading digits would give 1.2, 0 or 1 silently.
_ODD_NOTATION_RE = re.compile(r"[eE][+-]?[0-9]+|(?<=0)[xX][0-9A-Fa-f]+|(?:_[0-9]+)+")
# Largest magnitude accepted from exponent notation: above any plan quantity (万亿 is 1e12).
_MAX_EXPONENT_VALUE = 1e15
_NOT_A_NUMBER_RE = re.compile(r"[+-]?(?:nan|inf|infinity)%?", re.IGNORECASE)


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


def _read_tail(s: str, i: int, scan: _Scan) -> tuple[int, str]:
    """After a number: 余/多, a unit, and suffix qualifiers. Returns the end and the unit."""
    if i < len(s) and s[i] in _MIDS:
        scan.quals.append((_MIDS[s[i]], True))
        i += 1
    unit = ""
    m = _UNIT_RE.match(s, i) or (_UNIT_RE.match(s, i + 1) if s.startswith(" ", i) else None)
    if m and m.group():
        unit, i = m.group(), m.end()
    for _ in range(2):
        sm = _SUFFIX_RE.match(s, i)
        if not sm:
            break
        scan.quals.append((dict(_SUFFIXES)[sm.group(1)], True))
        i = sm.end()
    return i, unit


def _read_prefixes(s: str, i: int, scan: _Scan, prose: bool) -> int:
    """Qualifier words and signs before the number (up to two: 控制在不超过5%)."""
    for _ in range(2):
        m = _PREFIX_RE.match(s, i)
        if not m:
            break
        word = m.group(1)
        if word == "约" and prose and m.start(1) > 0 and s[m.start(1) - 1] in _NOT_APPROX_BEFORE_YUE:
            break
        qualifier, strong = next((q, st) for w, q, st in _PREFIXES if w == word)
        scan.quals.append((qualifier, strong))
        i = m.end()
    return i


def _read_leads(s: str, i: int, scan: _Scan, prose: bool) -> int:
    """Cells only: 达到, 累计, 提高 ... before the number (in prose the caller reads the verbs)."""
    while not prose and (m := _LEAD_RE.match(s, i)):
        word = m.group(1)
        scan.cumulative |= word in _CUMULATIVE_WORDS
        scan.wordy |= word in _MEANINGFUL_LEADS
        i = m.end()
    return i


def _scan(s: str, start: int, prose: bool) -> _Scan | None:
    """Read one value starting at ``start`` (see the module docstring for the grammar)."""
    scan = _Scan(start=start)
    i = start
    i = _read_leads(s, i, scan, prose)
    opened = _OPEN_RE.match(s, i)
    if opened and prose and opened.group(1) == "(":
        opened = None  # '(2020年)' in a sentence is an aside, not a marked value
    if opened:
        scan.bracket = _BRACKET_PAIRS[opened.group(1)]
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


def _read_range(s: str, i: int, scan: _Scan, prose: bool) -> int:
    """'a-b' after a first value: returns the new end, or i unchanged when there is no range."""
    sep = _RANGE_SEP_RE.match(s, i)
    if not sep or scan.number is None:
        return i
    second_number = _read_number(s, sep.end(), prose, False)
    if second_number is None or second_number[0] is None:
        return i
    upper, j, _ = second_number
    second = _Scan(start=sep.end())
    j, unit = _read_tail(s, j, second)
    if unit and scan.unit and unit != scan.unit:
        return i  # 5%到2025年: two values side by side, not a range
    scan.upper, scan.unit = upper, scan.unit or unit
    scan.quals.extend(second.quals)
    scan.quals.insert(0, ("range", True))
    return j


def _resolve(quals: list[tuple[str, bool]]) -> tuple[str, str]:
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


# --- public API ------------------------------------------------------------------------------


def parse_value(cell: str) -> Value:
    """Parse one cell. Raises ValueGrammarError only for a non-str argument."""
    if not isinstance(cell, str):
        raise ValueGrammarError(f"parse_value expects one cell as a str, got {type(cell).__name__}: {cell!r:.60}")
    s = fold_value_text(cell).strip()
    verbatim = cell.strip()
    if _is_missing(s):
        return Value(None, "missing", raw=cell)
    scan = _scan(s, 0, prose=False)
    if scan is None:
        return _without_number(s, verbatim, cell)
    rest = s[scan.end :]
    if scan.number is None or _UNREADABLE_REST_RE.match(rest):
        problem = scan.problem or f"cannot read a number in '{verbatim}'"
        return Value(None, "missing", cumulative=scan.cumulative, problem=problem, raw=cell, bracket=scan.bracket)
    qualifier, problem = _resolve(scan.quals)
    words, unit = rest.strip(_TRAILING_PUNCT), scan.unit
    if not unit and _SHORT_UNIT_RE.fullmatch(words) and not set(words) & _QUALIFIER_CHARS:
        words, unit = "", words  # an unlisted unit such as '12宗' keeps its printed form
    extra = scan.wordy or bool(words)
    text = verbatim if (extra or qualifier == "range") else ""
    return Value(
        scan.number, qualifier, scan.cumulative, text, unit, scan.upper, problem, cell, scan.note, scan.bracket
    )


def _is_missing(s: str) -> bool:
    """Blank, dash-like or 'not available' cells: no value at all, and nothing to report."""
    if s.lower() in _MISSING_WORDS:
        return True
    if _PREFIX_RE.fullmatch(s) or _SUFFIX_RE.fullmatch(s):
        return False  # a lone bound word is reported by _without_number
    return not any(c.isalnum() for c in s)


def _without_number(s: str, verbatim: str, raw: str) -> Value:
    """A cell with no readable leading number: a lone bound, unreadable digits, or text."""
    opened = _OPEN_RE.match(s)
    bracket = _BRACKET_PAIRS[opened.group(1)] if opened else ""
    cumulative = bracket not in ("", "()")
    inner = s.strip("[]〔〕【】〖〗() ")
    bound = _PREFIX_RE.fullmatch(inner) or _SUFFIX_RE.fullmatch(inner)
    if bound:
        word = bound.group(1)
        qualifier = next((q for w, q, _ in _PREFIXES if w == word), None) or dict(_SUFFIXES)[word]
        problem = f"'{verbatim}' gives a bound but no number"
        return Value(None, qualifier, cumulative, verbatim, problem=problem, raw=raw, bracket=bracket)
    if _NOT_A_NUMBER_RE.fullmatch(inner):
        problem = f"'{verbatim}' is a spreadsheet placeholder, not a number"
        return Value(None, "missing", cumulative, problem=problem, raw=raw, bracket=bracket)
    if re.search(r"\d", s) and not _CJK_RE.search(s):
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
    if _ANY_NUMERAL_RE.search(s) is None:
        return spans
    i = 0
    while i < len(s):
        candidate = _CANDIDATE_RE.search(s, i)
        if candidate is None:
            break
        i = candidate.start()
        label = _list_number(s, i)
        if label:
            i = label
            continue
        scan = _scan(s, i, prose=True) if s[i] in _START_CHARS else None
        if scan is None or scan.number is None or scan.end <= i:
            i += 1
            continue
        start = _span_start(s, i)
        qualifier, problem = _resolve(scan.quals)
        piece = text[start : scan.end]
        value = Value(scan.number, qualifier, scan.cumulative, piece if qualifier == "range" else "", scan.unit,
                      scan.upper, problem or scan.problem, piece)  # fmt: skip
        spans.append((start, scan.end, value))
        i = scan.end
    return spans


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
    count in sentences only with the cues in ``_CN_PROSE_VALUE_RE`` (see ``_read_chinese``).
    """
    s = fold_value_text(text)
    if _CN_PROSE_VALUE_RE.search(s):
        return True
    return _ARABIC_DIGIT_RE.search(_YEAR_NUMBER_RE.sub("", s)) is not None


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
    m = _LIST_NUMBER_RE.match(s, i)
    return m.end() if m else 0
