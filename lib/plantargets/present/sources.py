"""Where each number in a report comes from: ``file:line`` references and a sources appendix.

Analysis tables name a number's origin as ``table:line`` (``fyp14_main:174``: the plan's main
table, line 174 of the raw text) or already as ``file:line``. A reader checks a number in
the document, so every reference is shown as ``file:line`` (:func:`file_refs`). Each table a
report shows records the references it displays (:func:`cite`); the report ends with
:func:`appendix`, which quotes those lines of the raw documents, so a reader can check every
cited number without opening the documents.
"""

from __future__ import annotations

import csv
import html
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import pandas as pd

from plantargets import paths
from plantargets.present.labels import check_lang, t

# "file.txt:123" or "lawtext-gov/政府工作报告-国务院/2019.md:64" (a document line; corpus paths have folders) and "fyp14_main:123" (a table of the row's document, line 123).
FILE_REF_RE = re.compile(r"(?P<file>[\w.\-/]+\.(?:txt|md|html?|csv)):(?P<line>\d+)")
TABLE_REF_RE = re.compile(r"^(?P<table>[a-z][a-z0-9_]*):(?P<line>\d+)$")
NUMBER_RE = re.compile(r"-?\d+(?:\.\d+)?")
QUOTE_CHARS = 260  # a quoted line is cut to this many characters around the cited number
ROW_LINES = 7  # a table row printed one cell a line: quote this many more lines at most
_CITED: dict[str, set[str]] = {}


def is_source_column(col: object) -> bool:
    """True for columns that hold a number's origin (``source``, ``target_source``, …)."""
    name = str(col)
    return name == "source" or name.endswith("_source")


def file_ref(source: object, file: str | None) -> str:
    """``source`` as ``file:line``: a ``table:line`` reference gets the document's file name."""
    text = "" if source is None or (isinstance(source, float) and pd.isna(source)) else str(source).strip()
    m = TABLE_REF_RE.match(text)
    if m and file:
        return f"{file}:{m.group('line')}"
    return text


def file_refs(df: pd.DataFrame, files: Mapping[str, str]) -> pd.DataFrame:
    """``df`` with every source column as ``file:line`` (``files``: doc_id → raw file name).

    A table with only a ``line`` column gets a ``source`` column: a line number is only
    checkable together with its file.
    """
    if "doc_id" not in df.columns:
        return df
    out = df.copy()
    if "line" in out.columns and not any(is_source_column(c) for c in out.columns):
        # a bare line number is only checkable with its file: show both
        lines = pd.to_numeric(out["line"], errors="coerce")
        out["source"] = [
            f"{files.get(str(d), d)}:{int(n)}" if pd.notna(n) else "" for d, n in zip(out["doc_id"], lines, strict=True)
        ]
    for col in [c for c in out.columns if is_source_column(c)]:
        out[col] = [file_ref(s, files.get(str(d))) for s, d in zip(out[col], out["doc_id"], strict=True)]
    return out


def cite(df: pd.DataFrame) -> None:
    """Record the ``file:line`` references shown in ``df`` (with the numbers of their row)."""
    columns = [c for c in df.columns if is_source_column(c)]
    numbers = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])]
    for _, row in df.iterrows():
        values = {f"{float(row[c]):g}" for c in numbers if pd.notna(row[c])}
        for col in columns:
            for m in FILE_REF_RE.finditer(str(row[col])):
                _CITED.setdefault(m.group(0), set()).update(values)


def cited() -> dict[str, set[str]]:
    """The references recorded so far in this kernel, in the order they were first shown."""
    return dict(_CITED)


def forget() -> None:
    """Start a new list of references (a notebook's setup does this)."""
    _CITED.clear()


@lru_cache(maxsize=64)
def _lines(path: Path) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8", errors="replace").splitlines())


def _row_lines(lines: tuple[str, ...], line: int, numbers: list[str]) -> list[str]:
    """The cited line, and the following lines up to the first holding a cited number.

    A table row extracted from a PDF or Word file spans several lines (name, unit, values
    one per line); the row's source is its first line, so the numbers are on the next ones.
    Without a cited number nearby only the line itself is quoted.
    """
    first = " ".join(lines[line - 1].split())
    if not numbers or any(n in first for n in numbers):
        return [first]
    block = [first]
    for extra in lines[line : line + ROW_LINES]:
        block.append(" ".join(extra.split()))
        if any(n in extra for n in numbers):
            return block
    return [first]


def quote(file: str, line: int, numbers: Iterable[str] = (), raw_dir: Path | None = None) -> str:
    """Line ``line`` (1-based) of raw document ``file``, cut around the first cited number found.

    Raises FileNotFoundError naming the file when it is not in ``data/raw``, and ValueError
    when the file has fewer lines: a reference that cannot be quoted is a broken reference.
    """
    path = (raw_dir or paths.RAW_DIR) / file
    if not path.is_file() and raw_dir is None and (paths.REFERENCE_DIR / file).is_file():
        path = paths.REFERENCE_DIR / file  # a benchmark table's row, e.g. the national 14th-plan table
    if not path.is_file():
        raise FileNotFoundError(f"cited document {file} is not in {path.parent}")
    lines = _lines(path)
    if not 1 <= line <= len(lines):
        raise ValueError(f"{file}:{line}: the file has {len(lines)} lines")
    text = " ".join(_row_lines(lines, line, list(numbers)))
    if len(text) <= QUOTE_CHARS:
        return text
    at = min((text.find(n) for n in numbers if n and text.find(n) >= 0), default=0)
    start = max(0, at - QUOTE_CHARS // 3)
    end = start + QUOTE_CHARS
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def appendix(lang: str = "zh", raw_dir: Path | None = None) -> str:
    """HTML: a 'Sources quoted' section with every line the report's tables cite, escaped."""
    check_lang(lang)
    refs = cited()
    parts = [
        '<div class="pt-sources">',
        f"<h2>{html.escape(t('sources_heading', lang))}</h2>",
        f"<p>{html.escape(t('sources_intro', lang, n=len(refs)))}</p>",
    ]
    for ref in sorted(refs, key=_ref_order):
        m = FILE_REF_RE.fullmatch(ref)
        if m is None:
            continue
        try:
            text = quote(m.group("file"), int(m.group("line")), refs[ref], raw_dir)
        except (FileNotFoundError, ValueError) as exc:
            text = f"({exc})"
        parts.append(f"<p><code>{html.escape(ref)}</code></p><blockquote>{html.escape(text)}</blockquote>")
    parts.append("</div>")
    return "\n".join(parts)


def _ref_order(ref: str) -> tuple[str, int]:
    file, _, line = ref.rpartition(":")
    return file, int(line) if line.isdigit() else 0


def sourced(df: pd.DataFrame, rows: pd.DataFrame, column: str = "target_source") -> pd.DataFrame:
    """``df`` (one row per document × series, e.g. ranks) with the ``column`` of those ``rows``.

    A derived table (ranks of targets) shows each target with the line it was read from.
    """
    if column in df.columns or column not in rows.columns:
        return df
    keys = rows[["doc_id", "series", column]].drop_duplicates(["doc_id", "series"])
    return df.merge(keys, on=["doc_id", "series"], how="left")


def reference_sources(df: pd.DataFrame, file: str, key: str = "seq", directory: Path | None = None) -> pd.DataFrame:
    """``df`` (rows of a reference table, e.g. the national 14th-plan indicators) with ``source``
    = ``file:line`` of each row in ``data/reference/<file>``, matched on ``key``."""
    path = (directory or paths.REFERENCE_DIR) / file
    lines: dict[str, int] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            lines.setdefault(str(row[key]).strip(), reader.line_num)
    out = df.copy()
    out["source"] = [f"{file}:{lines[str(v)]}" if str(v) in lines else "" for v in out[key]]
    return out
