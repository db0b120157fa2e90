"""Consistency checks on the extracted dataset. They report, never "fix".

(Interface fixed; implementation owned by the checks work item.)
"""

from __future__ import annotations

import pandas as pd

QUALITY_COLUMNS = ["source_file", "doc_id", "line", "table", "indicator", "name", "check",
                   "severity", "message", "raw"]


def run_checks(indicators: pd.DataFrame, sector_mix: pd.DataFrame) -> pd.DataFrame:
    """Findings as a DataFrame with QUALITY_COLUMNS, sorted by source_file, line, check."""
    raise NotImplementedError
