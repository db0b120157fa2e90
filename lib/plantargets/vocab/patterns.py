"""The prose readers' word patterns, compiled from their data file (``patterns.toml``).

Which words open a targets passage, head a review, date a figure or mark a document's type is
knowledge about Chinese report language, reviewed as data rather than spread over modules as
runs of ``re.compile`` lines. Each table of the file is compiled once, at import, into a
``Patterns``; a reader names the pattern it needs (``REPORT_WORDS.TRIGGER.search(text)``).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

PATTERNS_FILE = Path(__file__).with_name("patterns.toml")


class Patterns:
    """The compiled patterns of one table of ``patterns.toml``, read as attributes.

    A value in the file is a string or a list of strings joined without separator (a long
    alternation split over lines). The patterns are instance attributes (a plain attribute read on
    the readers' hot paths); a name the table lacks is an error naming the file and table.
    """

    def __init__(self, table: str, raw: dict[str, str | list[str]], source: Path = PATTERNS_FILE) -> None:
        self._where = f"{source.name} [{table}]"
        self._compiled: dict[str, re.Pattern[str]] = {}
        for name, value in raw.items():
            text = value if isinstance(value, str) else "".join(value)
            try:
                self._compiled[name] = re.compile(text)
            except re.error as exc:
                raise ValueError(f"{self._where} {name}: not a regular expression ({exc})") from exc
        self.__dict__.update(self._compiled)

    def __getattr__(self, name: str) -> re.Pattern[str]:
        """Called only for a name that is not a pattern of the table (the patterns are attributes)."""
        raise AttributeError(f"{self._where} has no pattern {name}")

    def names(self) -> list[str]:
        """The table's pattern names, in file order."""
        return list(self._compiled)


def load_patterns(path: Path = PATTERNS_FILE) -> dict[str, Patterns]:
    """Every table of a patterns file, compiled."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    return {table: Patterns(table, raw, path) for table, raw in data.items()}


_TABLES = load_patterns()
REPORT_WORDS = _TABLES["report"]  # the work-report reader
CONTEXT_WORDS = _TABLES["context"]  # a document's type, year and region from its own text
PROSE_WORDS = _TABLES["prose"]  # the general prose reader

__all__ = ["CONTEXT_WORDS", "PATTERNS_FILE", "PROSE_WORDS", "REPORT_WORDS", "Patterns", "load_patterns"]
