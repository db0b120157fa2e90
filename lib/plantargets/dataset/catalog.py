"""The indicator catalogue: canonical codes, Chinese aliases, English names, units, kinds.

The knowledge lives in ``catalog.csv`` beside this module (reviewed data, not code): one row
per indicator with its printed Chinese names (``aliases``), an optional regular expression
(``pattern``) for names whose wording varies in a known way, and a ``family`` that ties a
level to its growth rate (``gdp`` / ``gdp_growth``) or a count to its share.

Matching a printed name is deliberately conservative, because a wrong code silently merges
two different measures across regions while a missing code is reported (``uncatalogued``):

1. ``normalise_name`` folds what varies without changing the meaning (width, spaces,
   leading row numbers, bracketed asides such as ``(助理)``, the documented ``REWRITES``).
2. exact alias, then ``pattern``;
3. a name ending in 增长 whose stem is a level: the level's growth sibling;
4. fuzzy: an alias contained in the name (or the name in an alias) covering at least
   ``FUZZY_MIN_COVERAGE`` of the longer string, with the same ending (增长, 降低, 比重, 率),
   and only when a single code wins;
5. the printed unit picks the family member it fits: ``地区生产总值`` with ``%`` is
   ``gdp_growth``; ``地区生产总值增长`` with ``亿元`` holds levels and is ``gdp``.
"""

from __future__ import annotations

import csv
import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from plantargets import paths
from plantargets.errors import InputError
from plantargets.vocab.units import unit_dimension

if TYPE_CHECKING:
    import pandas as pd

CATEGORIES = ("economic", "innovation", "livelihood", "green", "security", "health", "other")
KINDS = ("level", "growth", "share", "rate", "count", "index", "ratio")

COLUMNS = (
    "code",
    "name_zh",
    "name_en",
    "category",
    "unit",
    "kind",
    "higher_is_better",
    "family",
    "aliases",
    "pattern",
    "notes",
)
_REQUIRED = ("code", "name_zh", "name_en", "category", "unit", "kind", "higher_is_better", "aliases")
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")

# An alias shorter than this never takes part in fuzzy matching: short names (氨氮, GDP,
# 城镇化率 inside 户籍人口城镇化率) are exactly the common substrings that mislead.
FUZZY_MIN_LENGTH = 4
# The shorter string must cover this share of the longer one. 0.8 admits a two-character
# prefix on an eight-character alias (全区, 全市) but not a qualifier that changes the measure.
FUZZY_MIN_COVERAGE = 0.8

# Footnote marks printed after names (森林覆盖率①, 人均预期寿命*): removed before NFKC, which
# would otherwise turn ① into a digit that becomes part of the name.
_FOOTNOTE_MARKS = re.compile(r"[\u2460-\u2473\u2776-\u277f*※#△▲]")
_LEADING_NUMBER = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.、)．](?!\d)")
_BRACKETED = re.compile(r"\([^()]*\)")
_QUOTES = re.compile(r"[“”\"'‘’《》〈〉「」『』]")
_TRAILING_PUNCT = re.compile(r"[,:;。、.·]+$")
_CN_SMALL = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}

# Rewrites applied in order to aliases and printed names alike, so that two spellings of one
# measure meet. Each folds a variation seen in plan tables that does not change the measure.
REWRITES: tuple[tuple[str, str, str], ...] = (
    (
        r"(地区国内|国内地区|地区|国内)?生产总值",
        "gdp",
        "地区生产总值, 国内生产总值, 生产总值 and GDP name one aggregate",
    ),
    (r"^万元", "单位", "万元GDP能耗 and 单位GDP能耗 are the same intensity"),
    (r"能源消耗", "能耗", "能耗 abbreviates 能源消耗"),
    (r"研究(与|和)(试验|实验)发展|r&d", "研发", "研发 abbreviates 研究与试验发展 (R&D); 实验 is a common misprint"),
    (r"医生", "医师", "执业医生/执业医师, 全科医生/全科医师 are used interchangeably"),
    (r"(^|每)千名?(常住)?人口?(?!次)", "每千人口", "每千人, 千人口, 每千常住人口: per 1000 residents"),
    (r"(^|每)万名?(常住)?人口?(?!次)", "每万人口", "每万人, 万人口: per 10 000 residents"),
    (r"(拥有量|数量|人数)$", "数", "发明专利拥有量/发明专利数, 医师人数/医师数"),
    (r"拥有", "", "每千人口拥有…数 = 每千人口…数"),
    (r"年均", "", "年均增长 = 增长 in a name; the period is in the column header"),
    (r"(增长率|增长速度|增速|增幅)$", "增长", "a growth rate however it is worded"),
    (r"(降低率|下降率|减少率|降幅|下降|减少|削减)$", "降低", "a reduction however it is worded"),
    (r"排放量", "排放", "排放量降低 = 排放降低"),
    (r"比例|占比|比率", "比重", "比例, 比重, 占比, 比率 all denote a share"),
    (r"的", "", "占地区生产总值的比重 = 占地区生产总值比重"),
    (r"^全社会", "", "全社会固定资产投资/固定资产投资, 全社会研发经费/研发经费"),
    (r"^(五年)?累计|(五年)?累计$", "", "a five-year total is marked in the data (cumulative), not the code"),
    (r"三类|3类", "iii类", "Ⅲ类 (NFKC: iii类) water quality"),
)
_COMPILED_REWRITES = tuple((re.compile(p), r) for p, r, _ in REWRITES)
_CN_AGE = re.compile(r"([一二三四五六七八九])(?=岁)")


def normalise_name(name: str) -> str:
    """The comparison form of a printed indicator name (see ``REWRITES`` for what is folded).

    Used on catalogue aliases and on printed names alike, so a rewrite can never make an
    alias unreachable. Bracketed text is dropped entirely: in names it holds units
    (``(%)``), abbreviations (``(GDP)``, ``(R&D)``) or asides (``(助理)``), never the measure.
    """
    s = _FOOTNOTE_MARKS.sub("", name)
    s = unicodedata.normalize("NFKC", s)
    s = re.sub(r"\s+", "", s).lower()
    s = _LEADING_NUMBER.sub("", s)
    previous = None
    while previous != s:
        previous = s
        s = _BRACKETED.sub("", s)
    s = s.replace("(", "").replace(")", "")
    s = _QUOTES.sub("", s)
    s = _TRAILING_PUNCT.sub("", s)
    s = _CN_AGE.sub(lambda m: _CN_SMALL[m.group(1)], s)
    for pattern, replacement in _COMPILED_REWRITES:
        s = pattern.sub(replacement, s)
    return s


def _tail(normalised: str) -> str:
    """The ending that states what kind of number a name is; fuzzy matches must agree on it."""
    for tail in ("增长", "降低", "比重", "率"):
        if normalised.endswith(tail):
            return tail
    return ""


@dataclass(frozen=True)
class Entry:
    """One catalogue row. ``aliases`` are the printed names, ``name_zh`` first."""

    code: str
    name_zh: str
    name_en: str
    category: str
    unit: str
    kind: str
    higher_is_better: bool | None
    aliases: tuple[str, ...]
    family: str = ""
    pattern: str = ""
    notes: str = ""
    line: int = 0  # line of the row in catalog.csv, for messages

    @property
    def family_key(self) -> str:
        """The family this entry belongs to (its own code when none is given)."""
        return self.family or self.code


@dataclass(frozen=True)
class Match:
    """How a printed name was matched: the code and the rule that found it."""

    code: str | None
    method: str  # exact | pattern | growth_stem | fuzzy | none; '+unit' when the unit moved it
    normalised: str


class Catalog:
    """Alias lookup over catalog.csv."""

    def __init__(self, entries: list[Entry]):
        self.entries = {e.code: e for e in entries}
        self._alias: dict[str, str] = {}
        for e in entries:
            for alias in (e.name_zh, *e.aliases):
                self._alias.setdefault(normalise_name(alias), e.code)
        self._patterns = [(re.compile(e.pattern), e.code) for e in entries if e.pattern]
        self._families: dict[str, list[Entry]] = {}
        for e in entries:
            self._families.setdefault(e.family_key, []).append(e)
        self._by_english = {e.name_en.casefold(): e.code for e in entries}
        # Fuzzy candidates grouped by their ending (a fuzzy match must share it), long enough
        # to take part: the same pairs _fuzzy used to filter out of every alias on each call.
        self._fuzzy_pool: dict[str, list[tuple[str, str]]] = {}
        for alias, code in self._alias.items():
            if len(alias) >= FUZZY_MIN_LENGTH:
                self._fuzzy_pool.setdefault(_tail(alias), []).append((alias, code))
        # explain() is a pure function of (name, unit) for a loaded catalogue, and documents
        # repeat the same indicator names: remember every answer (a few hundred per corpus).
        self._explained: dict[tuple[str, str], Match] = {}

    # -- loading ---------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path | None = None) -> Catalog:
        """Read and validate catalog.csv; errors name the CSV line so a reviewer can fix it.

        Checked: the columns, snake_case unique codes, category and kind vocabularies,
        higher_is_better spelling, compilable patterns, aliases unique across codes after
        normalisation, no alias captured by another code's pattern, and families whose
        members differ in unit dimension (otherwise the unit could not choose between them).
        """
        path = Path(path) if path is not None else paths.CATALOG
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise InputError(f"cannot read the indicator catalogue: {exc}", file=path) from exc
        reader = csv.reader(text.splitlines())
        try:
            header = next(reader)
        except StopIteration:
            raise InputError("the catalogue is empty (expected a header row)", file=path, line=1) from None
        missing = [c for c in _REQUIRED if c not in header]
        if missing:
            raise InputError(f"catalogue header lacks column(s) {missing}; expected {list(COLUMNS)}", file=path, line=1)
        entries: list[Entry] = []
        seen_codes: dict[str, int] = {}
        alias_owner: dict[str, tuple[str, int]] = {}
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise InputError(
                    f"row has {len(row)} fields, header has {len(header)} (an unquoted comma in a field?)",
                    file=path,
                    line=line,
                )
            rec = {k: v.strip() for k, v in zip(header, row, strict=True)}
            entry = _entry_from_record(rec, path, line)
            if entry.code in seen_codes:
                raise InputError(
                    f"duplicate code {entry.code!r} (first on line {seen_codes[entry.code]})", file=path, line=line
                )
            seen_codes[entry.code] = line
            for alias in (entry.name_zh, *entry.aliases):
                key = normalise_name(alias)
                if not key:
                    raise InputError(
                        f"alias {alias!r} of {entry.code!r} is empty after normalisation", file=path, line=line
                    )
                owner = alias_owner.get(key)
                if owner is not None and owner[0] != entry.code:
                    raise InputError(
                        f"alias {alias!r} of {entry.code!r} (normalised {key!r}) already "
                        f"belongs to {owner[0]!r} on line {owner[1]}",
                        file=path,
                        line=line,
                    )
                alias_owner[key] = (entry.code, line)
            entries.append(entry)
        _check_patterns(entries, alias_owner, path)
        _check_families(entries, path)
        return cls(entries)

    # -- lookup ----------------------------------------------------------------------------

    def match(self, name: str, unit: str = "") -> str | None:
        """Catalogue code for a printed indicator name, or None."""
        return self.explain(name, unit).code

    def explain(self, name: str, unit: str = "") -> Match:
        """``match`` with the rule that decided it, for reviewing the catalogue's reach."""
        memo_key = (name or "", unit)
        found = self._explained.get(memo_key)
        if found is None:
            found = self._explained[memo_key] = self._explain(name, unit)
        return found

    def _explain(self, name: str, unit: str) -> Match:
        key = normalise_name(name or "")
        if not key:
            return Match(None, "none", key)
        code, method = self._lookup(key), "exact"
        if code is None:
            code, method = self._pattern(key), "pattern"
        if code is None and key.endswith("增长") and len(key) > 2:
            code, method = self._growth_of(key[:-2]), "growth_stem"
        if code is None:
            code, method = self._fuzzy(key), "fuzzy"
        if code is None:
            return Match(None, "none", key)
        by_unit = self._by_unit(code, unit)
        if by_unit != code:
            return Match(by_unit, method + "+unit", key)
        return Match(code, method, key)

    def _lookup(self, key: str) -> str | None:
        return self._alias.get(key)

    def _pattern(self, key: str) -> str | None:
        hits = {code for rx, code in self._patterns if rx.fullmatch(key)}
        return hits.pop() if len(hits) == 1 else None

    def _growth_of(self, stem: str) -> str | None:
        """'<level name>增长' → the level's growth sibling; None when the level has none."""
        level = self._lookup(stem) or self._pattern(stem) or self._fuzzy(stem)
        if level is None:
            return None
        for member in self._families.get(self.entries[level].family_key, []):
            if member.kind == "growth":
                return member.code
        return None

    def _fuzzy(self, key: str) -> str | None:
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        tail = _tail(key)
        best: dict[str, float] = {}
        for alias, code in self._fuzzy_pool.get(tail, ()):
            if alias in key or key in alias:
                cover = min(len(alias), len(key)) / max(len(alias), len(key))
                if cover >= FUZZY_MIN_COVERAGE:
                    best[code] = max(best.get(code, 0.0), cover)
        if not best:
            return None
        top = max(best.values())
        winners = [code for code, cover in best.items() if cover == top]
        return winners[0] if len(winners) == 1 else None

    def _by_unit(self, code: str, unit: str) -> str:
        """The family member whose unit fits the printed one (the code itself when none fits better)."""
        printed = unit_dimension(unit)
        entry = self.entries[code]
        if not printed or unit_dimension(entry.unit) == printed:
            return code
        for member in self._families.get(entry.family_key, []):
            if unit_dimension(member.unit) == printed:
                return member.code
        return code

    def get(self, code: str) -> Entry:
        return self.entries[code]

    # -- English names and summaries -------------------------------------------------------

    def name_en(self, code: str) -> str:
        """English name of a code (KeyError for an unknown code: a typo should not pass)."""
        return self.entries[code].name_en

    def english(self, name: str, unit: str = "") -> str | None:
        """English name for a printed Chinese indicator name, None when uncatalogued."""
        code = self.match(name, unit)
        return self.entries[code].name_en if code else None

    def code_for_english(self, name_en: str) -> str | None:
        """Code whose English name is ``name_en`` (case-insensitive), for notebooks and labels."""
        return self._by_english.get(name_en.strip().casefold())

    def labels(self, codes: Iterable[str], lang: str = "en") -> dict[str, str]:
        """code → display name ('en' or 'zh') for chart axes and table headers."""
        attr = "name_en" if lang == "en" else "name_zh"
        return {c: getattr(self.entries[c], attr) for c in codes if c in self.entries}

    def coverage(self, names: Iterable[str]) -> float:
        """Share of printed names (blank ones ignored) that map to a code; NaN for no names.

        NaN rather than 0 or 1 for an empty list: there is nothing to cover, and a report
        should show that rather than a perfect or failing score.
        """
        cleaned = [n for n in names if isinstance(n, str) and n.strip()]
        if not cleaned:
            return math.nan
        return sum(self.match(n) is not None for n in cleaned) / len(cleaned)

    def to_frame(self) -> pd.DataFrame:
        """The catalogue as a DataFrame (aliases joined with '|'), for notebooks and docs."""
        import pandas as pd  # lazily: matching names must not pay for pandas

        return pd.DataFrame(
            [
                {
                    "code": e.code,
                    "name_zh": e.name_zh,
                    "name_en": e.name_en,
                    "category": e.category,
                    "unit": e.unit,
                    "kind": e.kind,
                    "higher_is_better": e.higher_is_better,
                    "family": e.family_key,
                    "aliases": "|".join(e.aliases),
                    "notes": e.notes,
                }
                for e in self.entries.values()
            ]
        )

    def __contains__(self, code: object) -> bool:
        return code in self.entries

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)


@functools.cache
def default_catalog() -> Catalog:
    """The bundled catalogue, read once per process."""
    return Catalog.load()


def _entry_from_record(rec: dict[str, str], path: Path, line: int) -> Entry:
    code = rec["code"]
    if not _CODE.match(code):
        raise InputError(f"code {code!r} is not snake_case ASCII", file=path, line=line)
    for column in ("name_zh", "name_en", "unit"):
        if not rec[column]:
            raise InputError(f"{code}: empty {column}", file=path, line=line)
    if rec["category"] not in CATEGORIES:
        raise InputError(f"{code}: category {rec['category']!r} is not one of {CATEGORIES}", file=path, line=line)
    if rec["kind"] not in KINDS:
        raise InputError(f"{code}: kind {rec['kind']!r} is not one of {KINDS}", file=path, line=line)
    hib_text = rec["higher_is_better"].lower()
    if hib_text not in ("true", "false", ""):
        raise InputError(
            f"{code}: higher_is_better must be true, false or empty, not {hib_text!r}", file=path, line=line
        )
    higher_is_better = None if hib_text == "" else hib_text == "true"
    aliases = tuple(a.strip() for a in rec["aliases"].split("|") if a.strip())
    if rec["name_zh"] not in aliases:
        aliases = (rec["name_zh"], *aliases)
    pattern = rec.get("pattern", "")
    if pattern:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise InputError(f"{code}: pattern {pattern!r} does not compile: {exc}", file=path, line=line) from exc
    family = rec.get("family", "")
    if family and not _CODE.match(family):
        raise InputError(f"{code}: family {family!r} is not snake_case ASCII", file=path, line=line)
    return Entry(
        code=code,
        name_zh=rec["name_zh"],
        name_en=rec["name_en"],
        category=rec["category"],
        unit=rec["unit"],
        kind=rec["kind"],
        higher_is_better=higher_is_better,
        aliases=aliases,
        family=family,
        pattern=pattern,
        notes=rec.get("notes", ""),
        line=line,
    )


def _check_patterns(entries: list[Entry], alias_owner: dict[str, tuple[str, int]], path: Path) -> None:
    """A pattern must not capture another code's alias: the alias would then be ambiguous."""
    for e in entries:
        if not e.pattern:
            continue
        rx = re.compile(e.pattern)
        for key, (code, line) in alias_owner.items():
            if code != e.code and rx.fullmatch(key):
                raise InputError(
                    f"pattern {e.pattern!r} of {e.code!r} matches alias {key!r} of {code!r} (line {line})",
                    file=path,
                    line=e.line,
                )


def _check_families(entries: list[Entry], path: Path) -> None:
    """Family members must differ in unit dimension, and a growth member is <level>_growth."""
    families: dict[str, list[Entry]] = {}
    for e in entries:
        families.setdefault(e.family_key, []).append(e)
    for key, members in families.items():
        dims: dict[str, str] = {}
        for m in members:
            d = unit_dimension(m.unit)
            if d in dims:
                raise InputError(
                    f"family {key!r}: {m.code!r} and {dims[d]!r} share the unit dimension {d!r}, "
                    "so the printed unit cannot choose between them",
                    file=path,
                    line=m.line,
                )
            dims[d] = m.code
        growth = [m for m in members if m.kind == "growth"]
        levels = [m for m in members if m.kind == "level"]
        if len(growth) == 1 and len(levels) == 1 and growth[0].code != levels[0].code + "_growth":
            raise InputError(
                f"growth member {growth[0].code!r} of family {key!r} must be named "
                f"{levels[0].code + '_growth'!r} (checks pair them by that name)",
                file=path,
                line=growth[0].line,
            )
