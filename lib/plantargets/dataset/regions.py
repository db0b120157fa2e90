"""The region table (``data/reference/regions.csv``): GB/T 2260 codes, names and the hierarchy.

Every manifest row names a region; its admin code, level and parent come from this table so
that a province's report and its cities' reports sit in one chain (nation -> province ->
city or prefecture -> county). The table is reviewed data (see data/reference/README.md);
this module only loads it, checks its shape and answers look-ups.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from plantargets import paths
from plantargets.errors import InputError

COLUMNS = ("code", "name_zh", "name_en", "level", "kind", "parent_code", "aliases")
# The nation has no GB/T 2260 code; this project writes it as 000000 (see README).
NATION_CODE = "000000"
LEVELS = ("national", "province", "prefecture", "county")
# Ways a title or folder may append to a name: 新疆维吾尔自治区人民政府, 通辽市政府.
_GOV_SUFFIXES = ("人民政府", "政府")


@dataclass(frozen=True)
class Region:
    """One administrative region: code (six digits), names, level and parent code."""

    code: str
    name_zh: str
    name_en: str
    level: str
    kind: str
    parent_code: str
    aliases: tuple[str, ...]


class RegionTable:
    """Look-ups by code and by name or alias, and the chain of parents."""

    def __init__(self, regions: list[Region], source: Path | None = None):
        self.source = source
        self.by_code: dict[str, Region] = {}
        self.by_name: dict[str, Region] = {}
        for r in regions:
            if r.code in self.by_code:
                raise InputError(f"region code {r.code} appears twice", file=source)
            self.by_code[r.code] = r
        for r in regions:
            for name in (r.name_zh, *r.aliases):
                other = self.by_name.get(name)
                if other is not None and other.code != r.code:
                    raise InputError(f"name {name!r} is used by {other.code} and {r.code}", file=source)
                self.by_name[name] = r
        for r in regions:
            if r.parent_code and r.parent_code not in self.by_code:
                raise InputError(
                    f"region {r.code} {r.name_zh}: parent {r.parent_code} is not in the table", file=source
                )

    def __len__(self) -> int:
        return len(self.by_code)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.by_code.values())

    def get(self, code: str) -> Region | None:
        return self.by_code.get(code)

    def lookup(self, name: str) -> Region | None:
        """The region a name or alias stands for: '新疆', '克州', '通辽市人民政府' all resolve."""
        name = name.strip().replace("（", "(").replace("）", ")")
        if name in self.by_name:
            return self.by_name[name]
        for suffix in _GOV_SUFFIXES:
            if name.endswith(suffix) and name[: -len(suffix)] in self.by_name:
                return self.by_name[name[: -len(suffix)]]
        return None

    def at_start(self, text: str) -> Region | None:
        """The region whose name or alias opens ``text`` (longest wins): titles such as
        '中华人民共和国国民经济和社会发展第十四个五年规划…' or '通辽市政府工作报告（…）'."""
        text = text.strip().lstrip('《“"')
        best: Region | None = None
        best_len = 1  # one character names nothing
        for name, region in self.by_name.items():
            if len(name) > best_len and text.startswith(name):
                best, best_len = region, len(name)
        return best

    def chain(self, code: str) -> list[Region]:
        """The region and its parents up to the nation, nation first."""
        out: list[Region] = []
        seen: set[str] = set()
        region = self.by_code.get(code)
        while region is not None and region.code not in seen:
            seen.add(region.code)
            out.append(region)
            region = self.by_code.get(region.parent_code) if region.parent_code else None
        return out[::-1]


def read_regions(path: Path) -> RegionTable:
    """Load and check a region table; a bad row is an error naming its line."""
    regions: list[Region] = []
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise InputError(f"columns must be {', '.join(COLUMNS)}", file=path, line=1)
        for lineno, row in enumerate(reader, start=2):
            code = row["code"].strip()
            if len(code) != 6 or not code.isdigit():
                raise InputError(f"code {code!r} is not six digits", file=path, line=lineno)
            if row["level"] not in LEVELS:
                raise InputError(f"level {row['level']!r} is not one of {', '.join(LEVELS)}", file=path, line=lineno)
            if not row["name_zh"].strip() or not row["name_en"].strip():
                raise InputError("a region needs its Chinese and English name", file=path, line=lineno)
            aliases = tuple(a for a in (row["aliases"] or "").split(";") if a)
            regions.append(
                Region(code, row["name_zh"], row["name_en"], row["level"], row["kind"], row["parent_code"], aliases)
            )
    return RegionTable(regions, source=path)


@lru_cache(maxsize=4)
def load_regions(path: Path | None = None) -> RegionTable:
    """The project's region table (cached: it is read by every manifest validation)."""
    return read_regions(Path(path) if path else paths.REFERENCE_DIR / "regions.csv")


__all__ = ["NATION_CODE", "Region", "RegionTable", "load_regions", "read_regions"]
