"""Every label a reader sees, in Chinese and English, from ``labels.csv``; the one lookup of every text.

Reports come in two languages; keeping every visible label in one table (rather than in
each chart call or module) keeps the two versions in step and the units next to the words.
Units are part of the label: ``(%)`` for rates and shares, ``(pp)`` / ``(百分点)`` for
differences of rates. Keys are plain for chart and caption texts, ``column.<name>`` for the
header of an analysis column and ``provenance.<field>`` for the report header, so one word
may read differently where it is used (``national`` 全国 on a chart, ``column.national``
全国基准 as a table header). The longer texts of a report (``narrative.csv``: titles, what each
section shows, sentence templates) are kept in a file of their own for the editor's sake, but
they are one store with the labels: both files are read into one table whose keys are unique
across them, and every text is found by the same :func:`lookup`.
"""

from __future__ import annotations

import csv
import difflib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from plantargets.errors import InputError, ParameterError

LANGS = ("zh", "en")
LABELS_FILE = Path(__file__).with_name("labels.csv")
NARRATIVE_FILE = Path(__file__).with_name("narrative.csv")
# The files of the one store of texts, short labels first.
TEXT_FILES = (LABELS_FILE, NARRATIVE_FILE)


def read_texts(path: Path, taken: Mapping[str, object] = {}) -> dict[str, dict[str, str]]:
    """key → {lang: text} from a ``key,zh,en`` CSV; a duplicate key (in this file or among the
    keys ``taken`` by the files read before it) or an empty text names its line.

    The two languages sit side by side so they stay in step.
    """
    table: dict[str, dict[str, str]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            lineno = reader.line_num  # the last physical line of the record (texts may span lines)
            key = row["key"]
            if None in row:  # an unquoted ASCII comma split a text: the rest would be lost silently
                raise InputError(
                    f"text {key!r} has more than {len(LANGS)} texts (quote a text with a comma)", file=path, line=lineno
                )
            if key in table or key in taken:
                raise InputError(f"text {key!r} is listed twice in the texts", file=path, line=lineno)
            if not all((row.get(lang) or "").strip() for lang in LANGS):
                raise InputError(f"text {key!r} needs a text in each of {', '.join(LANGS)}", file=path, line=lineno)
            table[key] = {lang: row[lang] for lang in LANGS}
    return table


def read_store(paths: tuple[Path, ...] = TEXT_FILES) -> dict[str, dict[str, str]]:
    """key → {lang: text} of every file of the store, keys unique across the files."""
    store: dict[str, dict[str, str]] = {}
    for path in paths:
        store.update(read_texts(path, store))
    return store


@lru_cache(maxsize=1)
def texts() -> dict[str, dict[str, str]]:
    """The one store of texts (labels and narrative), read once."""
    return read_store()


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a supported language, else raise ParameterError listing them."""
    if lang not in LANGS:
        raise ParameterError(f"unknown language {lang!r}; valid: {', '.join(LANGS)}")
    return lang


def has_label(key: str) -> bool:
    """True when the store has ``key`` (for names that fall back to themselves)."""
    return key in texts()


def label_keys(prefix: str = "") -> list[str]:
    """The keys starting with ``prefix``, in file order."""
    return [k for k in texts() if k.startswith(prefix)]


def lookup(texts: Mapping[str, Mapping[str, str]], key: str, lang: str, fmt: Mapping[str, object], missing: str) -> str:
    """Text ``key`` of ``texts`` (a :func:`read_texts` table) in ``lang``, ``{placeholders}`` filled from ``fmt``.

    The one lookup of the labels and the narrative. An unknown language raises ParameterError
    (a report parameter names it); an unknown key raises KeyError starting with ``missing`` and
    naming the closest keys, because a typo would otherwise print a raw key in a published report.
    """
    check_lang(lang)
    if key not in texts:
        close = difflib.get_close_matches(key, texts, n=3)
        raise KeyError(missing + (f"; did you mean {', '.join(close)}?" if close else ""))
    text = texts[key][lang]
    return text.format(**fmt) if fmt else text


def t(key: str, lang: str = "zh", **fmt: object) -> str:
    """The label ``key`` in ``lang`` ('zh' or 'en'), with ``{placeholders}`` filled from ``fmt`` (:func:`lookup`)."""
    return lookup(texts(), key, lang, fmt, f"no label {key!r}")
