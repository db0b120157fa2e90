"""The quality-finding record: one row of ``quality.csv``, built the same way everywhere.

Extraction (a cell it could not read) and the consistency checks (a rate that contradicts
its levels) both report through :func:`finding`, so the two kinds of row cannot drift apart.

A finding's ``message`` is an English sentence for a reader of the data. Beside it, ``code``
names the sentence's template (stable: ``impossible_value.ratio``) and ``params`` holds the
values it was filled with (JSON), so a report can say the same in the reader's language from
the templates ``finding.<code>`` of ``present/labels.csv``. A message made of several
sentences lists their codes joined by ``+``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Finding = dict[str, Any]
# Joins the template codes of a message made of several sentences.
CODE_SEPARATOR = "+"


@dataclass(frozen=True)
class Wording:
    """What a finding says: the English ``message`` for a reader of the data, the ``code`` of its
    template(s) (``finding.<code>`` of present/labels.csv; blank: the check's own) and the
    ``params`` it states, so that a report can say the same in its reader's language. The three
    travel together from the check that words a finding to the row that records it."""

    message: str
    code: str = ""
    params: Mapping[str, object] | None = None


def worded(said: str | Wording) -> Wording:
    """A finding's wording from a plain English message (no template of its own) or a Wording."""
    return said if isinstance(said, Wording) else Wording(said)


def params_json(params: Mapping[str, object] | None) -> str:
    """The parameters of a finding as compact JSON with sorted keys ('{}' for none): one
    text cell of quality.csv that a program reads back with ``json.loads``. Most findings state no
    parameter: their '{}' is what ``json.dumps`` gives for an empty dict, without the call."""
    if not params:
        return "{}"
    return json.dumps(dict(params or {}), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def finding(
    source_file: str,
    doc_id: str,
    line: int | None,
    check: str,
    message: str,
    raw: str,
    severity: str = "warning",
    table: str = "",
    name: str = "",
    indicator: str = "",
    origin: str = "",
    *,
    code: str = "",
    params: Mapping[str, object] | None = None,
) -> Finding:
    """A quality finding with the columns of ``QUALITY_COLUMNS`` (in that order).

    ``line`` is the 1-based line of the document (None for a document-wide finding);
    ``severity`` is one of ``SEVERITIES``; ``raw`` keeps the text the finding is about;
    ``origin`` names the image and pixel box of a cell read by OCR (blank otherwise);
    ``code`` names the message's template(s) (the check itself when blank) and ``params``
    the values the message states.
    """
    return {
        "source_file": source_file,
        "doc_id": doc_id,
        "line": line,
        "table": table,
        "indicator": indicator,
        "name": name,
        "check": check,
        "severity": severity,
        "message": message,
        "raw": raw,
        "origin": origin,
        "code": code or check,
        "params": params_json(params),
    }
