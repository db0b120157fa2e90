"""The indicator catalogue: canonical codes, Chinese aliases, English names, units, kinds.

(Interface fixed; implementation owned by the catalogue work item.) The knowledge lives
in ``catalog.csv`` beside this module (reviewed data, not code).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CATEGORIES = ("economic", "innovation", "livelihood", "green", "security", "health", "other")
KINDS = ("level", "growth", "share", "rate", "count", "index", "ratio")


@dataclass(frozen=True)
class Entry:
    code: str
    name_zh: str
    name_en: str
    category: str
    unit: str
    kind: str
    higher_is_better: bool | None
    aliases: tuple[str, ...]


class Catalog:
    """Alias lookup over catalog.csv."""

    def __init__(self, entries: list[Entry]):
        self.entries = {e.code: e for e in entries}

    @classmethod
    def load(cls, path: Path | None = None) -> Catalog:
        raise NotImplementedError

    def match(self, name: str, unit: str = "") -> str | None:
        """Catalogue code for a printed indicator name, or None."""
        raise NotImplementedError

    def get(self, code: str) -> Entry:
        return self.entries[code]
