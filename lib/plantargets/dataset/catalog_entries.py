"""The indicator catalogue's rows: the ``Entry`` record and reading ``catalog.csv`` with its checks.

The catalogue is reviewed data; reading it refuses anything a reviewer must fix, naming the
CSV line: unknown columns, duplicate codes, categories and kinds outside the vocabularies,
uncompilable patterns, aliases shared between codes, families the unit cannot split.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from plantargets.dataset.names import normalise_name
from plantargets.errors import InputError
from plantargets.vocab.units import unit_dimension

CATEGORIES = ("economic", "innovation", "livelihood", "green", "security", "health", "other")
KINDS = ("level", "growth", "share", "rate", "count", "index", "ratio", "intensity")

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


@dataclass(frozen=True)
class Entry:
    """One catalogue row. ``aliases`` are the printed names, ``name_zh`` first."""

    code: str  # snake_case ASCII, stable: the dataset's ``indicator`` (gdp_growth)
    name_zh: str  # the standard Chinese name (地区生产总值增长)
    name_en: str  # the English name reports show
    category: str  # one of CATEGORIES
    unit: str  # the unit the indicator is usually printed in (亿元, %)
    kind: str  # one of KINDS: what the number is (vocab.comparability.KIND_MEASURE)
    higher_is_better: bool | None  # direction of improvement; None where neither is better
    aliases: tuple[str, ...]
    family: str = ""  # code of the quantity measured (gdp for gdp_growth); blank: its own code
    pattern: str = ""  # regex a whole normalised name must match (names aliases cannot list)
    notes: str = ""  # for the reviewer: price basis, source, what a table cell holds
    line: int = 0  # line of the row in catalog.csv, for messages

    @property
    def family_key(self) -> str:
        """The family this entry belongs to (its own code when none is given)."""
        return self.family or self.code


def read_entries(path: Path) -> list[Entry]:
    """Read and validate catalog.csv; errors name the CSV line so a reviewer can fix it.

    Checked: the columns, snake_case unique codes, category and kind vocabularies,
    higher_is_better spelling, compilable patterns, aliases unique across codes after
    normalisation, no alias captured by another code's pattern, and families whose
    members differ in unit dimension (otherwise the unit could not choose between them).
    """
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
        entry = _entry_from_record({k: v.strip() for k, v in zip(header, row, strict=True)}, path, line)
        if entry.code in seen_codes:
            raise InputError(
                f"duplicate code {entry.code!r} (first on line {seen_codes[entry.code]})", file=path, line=line
            )
        seen_codes[entry.code] = line
        _claim_aliases(entry, alias_owner, path, line)
        entries.append(entry)
    _check_patterns(entries, alias_owner, path)
    _check_families(entries, path)
    return entries


def _claim_aliases(entry: Entry, alias_owner: dict[str, tuple[str, int]], path: Path, line: int) -> None:
    """Record the entry's normalised aliases; one already owned by another code is an error."""
    for alias in (entry.name_zh, *entry.aliases):
        key = normalise_name(alias)
        if not key:
            raise InputError(f"alias {alias!r} of {entry.code!r} is empty after normalisation", file=path, line=line)
        owner = alias_owner.get(key)
        if owner is not None and owner[0] != entry.code:
            raise InputError(
                f"alias {alias!r} of {entry.code!r} (normalised {key!r}) already "
                f"belongs to {owner[0]!r} on line {owner[1]}",
                file=path,
                line=line,
            )
        alias_owner[key] = (entry.code, line)


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
