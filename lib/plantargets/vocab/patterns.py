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
from typing import TYPE_CHECKING

PATTERNS_FILE = Path(__file__).with_name("patterns.toml")


class Patterns:
    """The compiled patterns of one table of ``patterns.toml``, read as attributes.

    A value in the file is a string or a list of strings joined without separator (a long
    alternation split over lines). The patterns are plain instance attributes: the readers read
    them on their hot paths, and a class without ``__getattr__`` keeps that lookup fast. A name the
    table lacks is an ``AttributeError`` (tests/test_patterns.py checks every name the library reads).
    """

    def __init__(self, table: str, raw: dict[str, str | list[str]], source: Path = PATTERNS_FILE) -> None:
        self.where = f"{source.name} [{table}]"
        for name, value in raw.items():
            text = value if isinstance(value, str) else "".join(value)
            try:
                setattr(self, name, re.compile(text))
            except re.error as exc:
                raise ValueError(f"{self.where} {name}: not a regular expression ({exc})") from exc

    def __repr__(self) -> str:
        return f"Patterns({self.where}: {', '.join(self.names())})"

    def names(self) -> list[str]:
        """The table's pattern names, in file order."""
        return [k for k, v in vars(self).items() if isinstance(v, re.Pattern)]

    if TYPE_CHECKING:  # for the type checker only: every name read from a table is a pattern

        def __getattr__(self, name: str) -> re.Pattern[str]: ...


def load_patterns(path: Path = PATTERNS_FILE) -> dict[str, Patterns]:
    """Every table of a patterns file, compiled."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    return {table: Patterns(table, raw, path) for table, raw in data.items()}


_TABLES = load_patterns()
REPORT_WORDS = _TABLES["report"]  # the work-report reader
CONTEXT_WORDS = _TABLES["context"]  # a document's type, year and region from its own text
PROSE_WORDS = _TABLES["prose"]  # the general prose reader
NAME_WORDS = _TABLES["names"]  # words around an indicator's name, shared by both readers

__all__ = ["CONTEXT_WORDS", "NAME_WORDS", "PATTERNS_FILE", "PROSE_WORDS", "REPORT_WORDS", "Patterns", "load_patterns"]
