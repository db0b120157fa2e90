"""Quality findings in the reader's language: each message restated from its template.

``quality.csv`` keeps an English ``message`` for a reader of the data; beside it every finding
names its template ``code`` and the values it states (``params``, JSON: :mod:`plantargets.vocab.findings`).
A report shows the message from the templates ``finding.<code>`` of ``labels.csv``, so a
Chinese report states a finding in Chinese with the same numbers, and an English report in
English; the saved CSV keeps the English message and the codes a program reads.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

import pandas as pd

from plantargets.present.labels import check_lang, has_label, t
from plantargets.vocab.findings import CODE_SEPARATOR

# Parameters whose values are codes a reader sees as words: parameter → vocabulary of
# labels.csv (``value.<vocabulary>.<code>``), as in the tables' columns.
PARAM_VOCABULARIES = {
    "role": "cell",
    "kind": "role",
    "table": "table",
    "sector": "sector",
    "qualifier": "qualifier",
    "reference_qualifier": "qualifier",
}
# Sentences of one message: Chinese sentences end in 。 and follow each other directly.
_SENTENCE_JOIN = {"zh": "", "en": " "}
_TABLE_AT_LINE = re.compile(r"^other:line (\d+)$")


def number_text(x: float) -> str:
    """A parameter's number as the documents print it: 2025, 3.62, 0.074 (never 2025.0)."""
    return str(int(x)) if float(x).is_integer() else f"{x:.10g}"


def table_name(code: str, lang: str = "zh") -> str:
    """A table code as words: ``fyp13_review`` → “十三五”完成情况表, ``other:line 216`` → the table at line 216."""
    if has_label(f"value.table.{code}"):
        return t(f"value.table.{code}", lang)
    at_line = _TABLE_AT_LINE.match(code)
    if at_line:
        return t("finding.table_at_line", lang, line=at_line.group(1))
    return code[len("other:") :] if code.startswith("other:") else code


def _shown(key: str, value: object, lang: str) -> str:
    """One parameter as text in ``lang``: numbers as printed, codes as words, lists joined."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, list):
        return t("finding.join", lang).join(_item(key, v, lang) for v in value)
    text = str(value)
    if key == "table":
        return table_name(text, lang)
    vocabulary = PARAM_VOCABULARIES.get(key)
    if vocabulary and has_label(f"value.{vocabulary}.{text}"):
        return t(f"value.{vocabulary}.{text}", lang)
    return text


def _item(key: str, value: object, lang: str) -> str:
    """A list entry: a [value, year] pair reads 1432(2020年) / 1432 (2020)."""
    if isinstance(value, list) and len(value) == 2:
        number, year = value
        if year is None:
            return _shown(key, number, lang)
        return t("finding.pair", lang, value=_shown(key, number, lang), year=_shown("year", year, lang))
    return _shown(key, value, lang)


def finding_message(code: str, params: str | Mapping[str, object], lang: str = "zh") -> str:
    """The message of a finding in ``lang`` from its template code(s) and parameters.

    ``params`` is the JSON text of quality.csv or a mapping. A code without a template raises
    KeyError naming it (a report must not fall back to English silently).
    """
    check_lang(lang)
    values = json.loads(params) if isinstance(params, str) else dict(params)
    shown = {k: _shown(k, v, lang) for k, v in values.items()}
    parts = [t(f"finding.{c}", lang, **shown) for c in str(code).split(CODE_SEPARATOR) if c]
    return _SENTENCE_JOIN[lang].join(parts)


def note_text(items: str, lang: str = "zh") -> str:
    """A note from its parts, JSON ``[[code, params], …]`` (the sector-mix pace table's ``note_items``)."""
    parts = json.loads(items) if items else []
    return t("finding.note_join", lang).join(finding_message(code, params, lang) for code, params in parts)


def localised_messages(df: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """A copy whose ``message`` (rows with ``code`` and ``params``) and ``note`` (with ``note_items``)
    columns are restated in ``lang``.

    Tables without those columns (older data) are returned unchanged.
    """
    out = df
    if {"note", "note_items"} <= set(df.columns):
        out = out.assign(note=[note_text(str(i), lang) if isinstance(i, str) else "" for i in out["note_items"]])
    if not {"message", "code", "params"} <= set(df.columns):
        return out
    out = out.copy()
    out["message"] = [
        finding_message(str(c), str(p) or "{}", lang) if str(c) else m
        for c, p, m in zip(out["code"].fillna(""), out["params"].fillna(""), out["message"], strict=True)
    ]
    return out
