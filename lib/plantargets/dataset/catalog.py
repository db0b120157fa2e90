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

import functools
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from plantargets import paths
from plantargets.dataset.catalog_entries import CATEGORIES, COLUMNS, KINDS, Entry, read_entries
from plantargets.dataset.names import REWRITES, name_tail, normalise_name
from plantargets.vocab.units import unit_dimension

if TYPE_CHECKING:
    import pandas as pd

# Re-exported: the catalogue's public vocabulary stays importable from here.
__all__ = [
    "CATEGORIES",
    "COLUMNS",
    "FUZZY_MIN_COVERAGE",
    "FUZZY_MIN_LENGTH",
    "KINDS",
    "REWRITES",
    "Catalog",
    "Entry",
    "Match",
    "default_catalog",
    "normalise_name",
]

# An alias shorter than this never takes part in fuzzy matching: short names (氨氮, GDP,
# 城镇化率 inside 户籍人口城镇化率) are exactly the common substrings that mislead.
FUZZY_MIN_LENGTH = 4
# The shorter string must cover this share of the longer one. 0.8 admits a two-character
# prefix on an eight-character alias (全区, 全市) but not a qualifier that changes the measure.
FUZZY_MIN_COVERAGE = 0.8


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
                self._fuzzy_pool.setdefault(name_tail(alias), []).append((alias, code))
        # explain() is a pure function of (name, unit) for a loaded catalogue, and documents
        # repeat the same indicator names: remember every answer (a few hundred per corpus).
        self._explained: dict[tuple[str, str], Match] = {}

    # -- loading ---------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path | None = None) -> Catalog:
        """Read and validate catalog.csv (:func:`catalog_entries.read_entries`)."""
        return cls(read_entries(Path(path) if path is not None else paths.CATALOG))

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
        tail = name_tail(key)
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
