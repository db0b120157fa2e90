"""Reference GDP targets against the targets the corpus's own reports state."""

from __future__ import annotations

import pandas as pd

from plantargets.dataset.assemble import INDICATOR_COLUMNS, typed_indicators
from plantargets.dataset.manifest import load_manifest
from plantargets.dataset.reference_check import reference_findings, stated_gdp_targets

from .conftest import RAW


def _sources():
    return [s for s in load_manifest(RAW / "sources.csv") if s.admin_code in ("000000", "650000")]


def _row(doc_id: str, value: float, qualifier: str, year: int | None, line: int) -> dict:
    row = dict.fromkeys(INDICATOR_COLUMNS, "")
    row.update(doc_id=doc_id, indicator="gdp_growth", unit="%", annual_growth=value, qualifier=qualifier)
    row.update(target_year=year, line=line, table="prose", cumulative=False)
    return row


def _frame(rows: list[dict]) -> pd.DataFrame:
    return typed_indicators(pd.DataFrame(rows, columns=INDICATOR_COLUMNS))


def test_a_disagreement_names_the_report_line_and_the_reference_file():
    # The 2022 State Council report: 5.5%左右 in the reference table; a (made-up) 6% here.
    ind = _frame([_row("gwr-000000-2022", 6.0, "approx", 2022, 62)])
    (finding,) = reference_findings(ind, _sources())
    assert finding["source_file"] == "lawtext-gov/政府工作报告-国务院/2022.md" and finding["line"] == 62
    assert finding["check"] == "reference_disagreement"
    assert "this report states 6% (approx) on line 62" in finding["message"]
    assert "data/reference/national_annual_gdp_targets.csv says 5.5% (approx)" in finding["message"]


def test_agreement_outcomes_and_other_years_are_no_finding():
    ind = _frame(
        [
            _row("gwr-000000-2022", 5.5, "approx", 2022, 62),  # agrees
            _row("gwr-000000-2023", 3.0, "exact", 2022, 14),  # last year's outcome, not a target
            _row("gwr-650000-2021", 9.0, "approx", 2020, 30),  # another year than the report's
        ]
    )
    assert reference_findings(ind, _sources()) == []


def test_role_column_decides_when_present():
    ind = _frame([_row("gwr-000000-2022", 3.0, "exact", 2022, 10)]).assign(role="target")
    assert len(stated_gdp_targets(ind, _sources())) == 1
    assert len(reference_findings(ind, _sources())) == 1
    assert stated_gdp_targets(ind.assign(role="outcome"), _sources()).empty
