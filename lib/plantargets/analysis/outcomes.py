"""The target–outcome panel as the analyses read it: typed columns, one indicator, numeric targets.

``data/processed/target_outcomes.csv`` has one row per region × year × indicator: the target a
work report sets for its year (value, upper bound of a range, qualifier, wording), the outcome the
next year's report states, the gap (outcome − target, pp for rates) and whether the target was met.
``plan_outcomes.csv`` is the same for a five-year plan's average targets. The question modules
(realisation, hierarchy, wording, attainment) take these frames; this module only types and
filters them so that each question reads the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from plantargets.dataset.regions import RegionTable
from plantargets.vocab.columns import TARGET_OUTCOME_REQUIRED, as_bool

# The columns the analyses need (issue 14); the panel may carry more (revisions, notes).
TARGET_OUTCOME_COLUMNS = TARGET_OUTCOME_REQUIRED
NUMERIC_COLUMNS = ("year", "target_value", "target_upper", "outcome", "gap")
CODE_COLUMNS = ("region_code", "parent_code")
# Levels from the top of the hierarchy down (dataset.regions.LEVELS); tables are sorted this way.
LEVEL_ORDER = ("national", "province", "prefecture", "county")
# The seeds' chains (issue 14), by the region code at the bottom of each; the chain itself comes
# from data/reference/regions.csv (dataset.regions.RegionTable.chain).
SEED_CODES = {
    "urumqi-etdz": "650106",  # 中国 → 新疆 → 乌鲁木齐市 → 经开区(头屯河区)
    "hure": "150524",  # 中国 → 内蒙古 → 通辽市 → 库伦旗
    "kizilsu": "653000",  # 中国 → 新疆 → 克州
    "tacheng": "654200",  # 中国 → 新疆 → 塔城地区
}
# The headline series: the annual real GDP growth target (catalogue code).
GDP_GROWTH = "gdp_growth"


def require_columns(df: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    """Raise ValueError naming the missing columns, so a stale panel file says how to rebuild it."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what} lacks column(s) {missing}: rebuild it with `plantargets data`")


def _code(value: object) -> str:
    """A six-digit region code as text ('650000'), '' when missing (CSV readers may make it 650000.0)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    text = str(value).strip()
    if text.endswith(".0"):
        text = text[:-2]
    return text.zfill(6) if text.isdigit() else text


def _flag(value: object) -> object:
    """True/False from the CSV's spelling; missing stays missing (pd.NA): no outcome, no verdict."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() in ("", "nan", "<NA>"):
        return pd.NA
    return as_bool(value)


def typed_outcomes(df: pd.DataFrame) -> pd.DataFrame:
    """The panel with numbers as floats, codes as six-digit text and ``met`` as a nullable boolean."""
    out = df.copy()
    for col in NUMERIC_COLUMNS:
        if col in out.columns:
            out[col] = pd.to_numeric(out[col], errors="coerce")
    for col in CODE_COLUMNS:
        if col in out.columns:
            out[col] = out[col].map(_code)
    for col in ("met", "met_strict", "outcome_preliminary"):
        if col in out.columns:
            out[col] = out[col].map(_flag).astype("boolean")
    for col in ("qualifier", "level", "indicator", "region", "target_text"):
        if col in out.columns:
            out[col] = out[col].fillna("").astype(str)
    return out


def series(panel: pd.DataFrame, indicator: str = GDP_GROWTH, reports: pd.DataFrame | None = None) -> pd.DataFrame:
    """The typed rows of one indicator (default: the GDP growth target).

    The panel has a row only where a report sets a target (or states an outcome). With ``reports``
    (the manifest, ``loading.sources_table()``), every work report of a region and year without a
    row of the indicator is added as a row with no target (qualifier 'missing', source the report's
    file), so that "no target" (the nation in 2020) can be counted; it also counts a target the
    extractor did not read, which the wording report's caveat says.
    """
    require_columns(panel, ("indicator",), "the target–outcome panel")
    out = typed_outcomes(panel[panel["indicator"] == indicator])
    if reports is not None:
        out = pd.concat([out, _reports_without_target(out, reports, indicator)], ignore_index=True)
    return out.reset_index(drop=True)


def _reports_without_target(rows: pd.DataFrame, reports: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """Rows of no target for the work reports (region, year) absent from ``rows``."""
    rep = reports[(reports["doc_type"] == "work_report") & reports["report_year"].notna()].copy()
    rep["region_code"] = rep["admin_code"].map(_code)
    rep["parent_code"] = rep["parent_code"].map(_code)
    rep["year"] = pd.to_numeric(rep["report_year"], errors="coerce")
    rep = rep[rep["region_code"] != ""].drop_duplicates(["region_code", "year"])
    have = set(zip(rows["region_code"], rows["year"], strict=True))
    rep = rep[[(c, y) not in have for c, y in zip(rep["region_code"], rep["year"], strict=True)]]
    return typed_outcomes(
        pd.DataFrame(
            {
                "region_code": rep["region_code"],
                "region": rep["region_zh"],
                "level": rep["level"],
                "parent_code": rep["parent_code"],
                "year": rep["year"],
                "indicator": indicator,
                "qualifier": "missing",
                "target_text": "",
                "target_source": rep["file"],
            }
        )
    )


def numeric_targets(panel: pd.DataFrame) -> pd.DataFrame:
    """Rows with a numeric target (a range counts by its lower bound); wording-only rows are left out."""
    return panel[panel["target_value"].notna()].reset_index(drop=True)


def level_sorted(df: pd.DataFrame, extra: Iterable[str] = ()) -> pd.DataFrame:
    """Rows ordered nation → county, then by ``extra`` columns."""
    rank = {lvl: i for i, lvl in enumerate(LEVEL_ORDER)}
    key = df["level"].map(lambda v: rank.get(v, len(rank)))
    return (
        df.assign(_rank=key).sort_values(["_rank", *extra], kind="stable").drop(columns="_rank").reset_index(drop=True)
    )


def seed_chain_codes(table: RegionTable) -> list[str]:
    """Every region code on the seeds' chains, nation first, each once (for 'the seeds' regions')."""
    codes: list[str] = []
    for code in SEED_CODES.values():
        codes += [r.code for r in table.chain(code) if r.code not in codes]
    return codes
