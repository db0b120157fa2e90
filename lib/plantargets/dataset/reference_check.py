"""The reference tables checked against the corpus: GDP growth targets the reports themselves state.

``data/reference/national_annual_gdp_targets.csv`` and ``provincial_annual_gdp_targets.csv``
were compiled from secondary sources (news summaries, reprints). Now that the State Council's
and the provinces' own work reports are in the dataset, each reference row whose year and
region has a report is compared with the target that report states; every disagreement
becomes a quality finding on the report's line that names both sources.

Which dataset rows are targets: a work report's GDP growth rows (indicator ``gdp_growth`` or
``gdp``, unit ``%``) for the report's own year. When the dataset has the reader's ``role``
column, rows with role ``target``; until then, rows whose qualifier marks a target
(左右, 以上, a range, 以内) — a report states last year's outcome exactly (增长8.1%) and this
year's target with a qualifier (6%以上).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from plantargets.dataset.manifest import Source
from plantargets.dataset.reference import load_national_gdp_targets, load_provincial_gdp_targets
from plantargets.vocab.findings import finding

GDP_CODES = ("gdp_growth", "gdp")
TARGET_QUALIFIERS = ("approx", "at_least", "at_most", "range")
# Targets are printed to one decimal (5.5%): a smaller gap is the same number.
TOLERANCE_PP = 0.05
NATIONAL_CODE = "000000"
NATIONAL_FILE = "data/reference/national_annual_gdp_targets.csv"
PROVINCIAL_FILE = "data/reference/provincial_annual_gdp_targets.csv"


def stated_gdp_targets(indicators: pd.DataFrame, sources: Sequence[Source]) -> pd.DataFrame:
    """The GDP growth target each work report states for its own year, first by line.

    Columns: admin_code, year, target_pct, qualifier, doc_id, source_file, line.
    """
    reports = {s.doc_id: s for s in sources if s.doc_type == "work_report" and s.report_year}
    rows = indicators[indicators["indicator"].isin(GDP_CODES) & indicators["doc_id"].isin(reports)]
    rows = rows[rows["unit"].astype(str).str.strip() == "%"]
    rows = rows[_is_target(rows)]
    out = []
    for r in rows.to_dict("records"):
        src = reports[r["doc_id"]]
        year = int(r["target_year"]) if pd.notna(r["target_year"]) else src.report_year
        value = r["annual_growth"] if pd.notna(r["annual_growth"]) else r["target_value"]
        if pd.isna(value) or year != src.report_year:
            continue
        out.append((src.admin_code, year, float(value), r["qualifier"], src.doc_id, src.file, r["line"]))
    cols = ["admin_code", "year", "target_pct", "qualifier", "doc_id", "source_file", "line"]
    df = pd.DataFrame(out, columns=cols)
    return df.sort_values(["admin_code", "year", "line"], kind="stable").drop_duplicates(["doc_id"])


def _is_target(rows: pd.DataFrame) -> pd.Series:
    """Rows that are targets: the reader's ``role`` where it says one, else a target's qualifier.

    Rows from tables and older readers carry no role (blank); a report states last year's outcome
    exactly and this year's target with a qualifier, so the qualifier decides for them.
    """
    by_qualifier = rows["qualifier"].isin(TARGET_QUALIFIERS)
    if "role" not in rows.columns:
        return by_qualifier
    role = rows["role"].fillna("").astype(str).str.strip()
    return (role == "target") | ((role == "") & by_qualifier)


def _reference_rows() -> pd.DataFrame:
    """Both reference tables as admin_code, year, target_pct, qualifier, status, file."""
    nat = load_national_gdp_targets().assign(admin_code=NATIONAL_CODE, status="", file=NATIONAL_FILE)
    prov = load_provincial_gdp_targets().assign(file=PROVINCIAL_FILE)
    cols = ["admin_code", "year", "target_pct", "qualifier", "status", "file"]
    both = pd.concat([nat[cols], prov[cols]], ignore_index=True)
    return both[both["target_pct"].notna()]


def reference_findings(indicators: pd.DataFrame, sources: Sequence[Source]) -> list[dict]:
    """A quality finding for every reference target that differs from the report's own."""
    stated = stated_gdp_targets(indicators, sources)
    if stated.empty:
        return []
    merged = stated.merge(_reference_rows(), on=["admin_code", "year"], suffixes=("", "_ref"))
    out = []
    for r in merged.to_dict("records"):
        if abs(r["target_pct"] - r["target_pct_ref"]) <= TOLERANCE_PP:
            continue
        status = f", status: {r['status']}" if r["status"] else ""
        message = (
            f"GDP growth target for {r['year']}: this report states {r['target_pct']:g}% "
            f"({r['qualifier']}) on line {r['line']}; {r['file']} says {r['target_pct_ref']:g}% "
            f"({r['qualifier_ref']}{status})"
        )
        out.append(
            finding(
                r["source_file"],
                r["doc_id"],
                r["line"],
                "reference_disagreement",
                message,
                "",
                table="prose",
                indicator="gdp_growth",
                params={
                    "year": int(r["year"]),
                    "target": float(r["target_pct"]),
                    "qualifier": str(r["qualifier"]),
                    "line": int(r["line"]),
                    "file": str(r["file"]),
                    "reference": float(r["target_pct_ref"]),
                    "reference_qualifier": str(r["qualifier_ref"]),
                },
            )
        )
    return out


__all__ = ["reference_findings", "stated_gdp_targets"]
