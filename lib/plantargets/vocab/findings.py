"""The quality-finding record: one row of ``quality.csv``, built the same way everywhere.

Extraction (a cell it could not read) and the consistency checks (a rate that contradicts
its levels) both report through :func:`finding`, so the two kinds of row cannot drift apart.
"""

from __future__ import annotations

from typing import Any

Finding = dict[str, Any]


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
) -> Finding:
    """A quality finding with the columns of ``QUALITY_COLUMNS`` (in that order).

    ``line`` is the 1-based line of the document (None for a document-wide finding);
    ``severity`` is one of ``SEVERITIES``; ``raw`` keeps the text the finding is about;
    ``origin`` names the image and pixel box of a cell read by OCR (blank otherwise).
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
    }
