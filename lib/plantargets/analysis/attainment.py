"""Did regions meet their five-year-plan averages, and what do they promise for the next plan?

The 14th plan (2021–2025): the average annual targets of the 2021 outlines and work reports
against the 2021–2025 averages the 2026 reports state ("十四五"时期年均增长5.4%). The 15th plan
(2026–2030): the targets in the 2026 reports against the national 15th plan. And the realised
averages alone, targeted or not, region by region against the nation's (5.4%, 国务院 2026.md:38).
Units as the indicator (growth in % a year; gap = stated average − target, pp).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from plantargets.analysis.outcomes import CODE_COLUMNS, LEVEL_ORDER, level_sorted, typed_outcomes
from plantargets.vocab.periods import plan_years

NATIONAL_CODE = "000000"
ATTAINMENT_COLUMNS = [
    "region_code",
    "region",
    "level",
    "plan",
    "indicator",
    "target_value",
    "target_upper",
    "qualifier",
    "outcome",
    "gap",
    "met",
    "target_source",
    "outcome_source",
]


def plan_number(value: object) -> int | None:
    """14 from 14, '14', 'fyp14', '十四五'-style labels read as digits; None when no number."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    m = re.search(r"\d+", str(value))
    return int(m.group()) if m else None


def typed_plans(plan_outcomes: pd.DataFrame) -> pd.DataFrame:
    """The plan table typed like the annual panel, with ``plan`` as an integer (14, 15)."""
    out = typed_outcomes(plan_outcomes)
    out["plan"] = out["plan"].map(plan_number).astype("Int64")
    for col in CODE_COLUMNS:
        if col not in out.columns:
            out[col] = ""
    return out


def annual_average(annual: pd.DataFrame, plan: int = 14) -> pd.DataFrame:
    """The compound average of the annual outcomes (% a year) over the plan's five years, per region and
    indicator, where the annual panel has all five: ∏(1 + g/100)^(1/5) − 1. A cross-check of the average
    a closing report states, and a stand-in where it states none."""
    start, end = plan_years(plan)
    d = typed_outcomes(annual)
    d = d[d["year"].between(start, end) & d["outcome"].notna()].drop_duplicates(["region_code", "indicator", "year"])
    grouped = d.groupby(["region_code", "indicator"])
    out = grouped.agg(n_years=("year", "nunique"), _log=("outcome", lambda g: float(np.log1p(g / 100).sum())))
    out = out[out["n_years"] == end - start + 1].reset_index()
    out["computed_outcome"] = 100 * np.expm1(out["_log"] / out["n_years"])
    return out[["region_code", "indicator", "computed_outcome"]]


def attainment(
    plan_outcomes: pd.DataFrame,
    plan: int = 14,
    indicators: Iterable[str] | None = None,
    annual: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per region × indicator of ``plan`` with a numeric target and an outcome.

    The outcome is the average the closing report states; with ``annual`` (the target–outcome panel)
    the compound average of the five annual outcomes is added (``computed_outcome``, ``computed_gap``)
    and rows whose report states no average enter with it (``outcome_basis`` 'computed'; 'stated'
    otherwise). ``met`` for a computed row: the average at or above the target (the strict rule).
    """
    d = typed_plans(plan_outcomes)
    d = d[(d["plan"] == plan) & d["target_value"].notna()]
    if indicators is not None:
        d = d[d["indicator"].isin(list(indicators))]
    d = d.drop_duplicates(["region_code", "indicator"])
    d["outcome_basis"] = np.where(d["outcome"].notna(), "stated", "")
    if annual is not None:
        d = d.merge(annual_average(annual, plan), on=["region_code", "indicator"], how="left")
        d["computed_gap"] = d["computed_outcome"] - d["target_value"]
        use = d["outcome"].isna() & d["computed_outcome"].notna()
        d.loc[use, "outcome_basis"] = "computed"
        d.loc[use, "gap"] = d.loc[use, "computed_gap"]
        d["met"] = d["met"].astype("boolean").mask(use, d["computed_gap"] >= 0)
    d = d[d["outcome_basis"] != ""]
    extra = ["outcome_basis", *(["computed_outcome", "computed_gap"] if annual is not None else [])]
    cols = [c for c in ATTAINMENT_COLUMNS if c in d.columns] + extra
    return level_sorted(d[cols], ["indicator", "region_code"])


def attainment_by_level(attained: pd.DataFrame) -> pd.DataFrame:
    """Per level and indicator: n, met, share met (%), median and mean gap (pp)."""
    d = attained.assign(_met=attained["met"].fillna(False).astype(bool))
    out = (
        d.groupby(["level", "indicator"])
        .agg(n=("gap", "size"), n_met=("_met", "sum"), median_gap=("gap", "median"), mean_gap=("gap", "mean"))
        .reset_index()
    )
    out["met_pct"] = 100 * out["n_met"] / out["n"]
    return level_sorted(out[["level", "indicator", "n", "n_met", "met_pct", "median_gap", "mean_gap"]], ["indicator"])


def for_regions(attained: pd.DataFrame, codes: Iterable[str]) -> pd.DataFrame:
    """The rows of the given regions (e.g. the seeds' chains: 新疆, 内蒙古, 乌鲁木齐市, 通辽市, …)."""
    return attained[attained["region_code"].isin(list(codes))].reset_index(drop=True)


def against_national(plan_outcomes: pd.DataFrame, plan: int = 15) -> pd.DataFrame:
    """Each sub-national target of ``plan`` next to the national plan's target for the same indicator:
    national value, qualifier and source, and the difference (pp). The national plan states no GDP
    growth number for the 14th and 15th plans (各年度视情提出), so GDP rows show a missing national value."""
    d = typed_plans(plan_outcomes)
    d = d[d["plan"] == plan]
    unit = [c for c in ("unit",) if c in d.columns]
    nation = d[d["region_code"] == NATIONAL_CODE][["indicator", "target_value", "qualifier", "target_text", *unit]]
    nation = nation.assign(target_source=d.loc[nation.index, "target_source"] if "target_source" in d else "")
    nation = nation.rename(
        columns={
            "target_value": "national_target",
            "qualifier": "national_qualifier",
            "target_text": "national_text",
            "target_source": "national_source",
            "unit": "national_unit",
        }
    ).drop_duplicates("indicator")
    local = d[(d["region_code"] != NATIONAL_CODE) & d["target_value"].notna()]
    out = local.merge(nation, on="indicator", how="left")
    # A difference only in one unit: 1400 亿斤 of grain against the nation's 1.45 万亿斤 is no gap.
    same_unit = out["unit"].fillna("") == out["national_unit"].fillna("") if unit else pd.Series(True, index=out.index)
    out["gap_national"] = (out["target_value"] - out["national_target"]).where(same_unit)
    cols = ["region_code", "region", "level", "indicator", "target_value", "qualifier"]
    cols += [c for c in ("target_source",) if c in out.columns]
    cols += [c for c in ("unit",) if c in out.columns]
    cols += ["national_target", "national_qualifier", "national_text", "national_source", "gap_national"]
    return level_sorted(out[cols], ["indicator", "region_code"])


REALISED_COLUMNS = [
    "region_code",
    "region",
    "level",
    "indicator",
    "outcome",
    "outcome_preliminary",
    "national_outcome",
    "outcome_gap_national",
    "target_value",
    "qualifier",
    "met",
    "outcome_source",
    "national_source",
    "national_basis",
]


def _national_average(
    d: pd.DataFrame, plan: int, indicator: str, figures: pd.DataFrame | None
) -> tuple[float, str, str]:
    """The nation's stated plan average (% a year), its file:line and basis: 'stated' from the plan
    table; else 'published' from ``figures`` (published_figures.csv, whose national_plan_outcome rows
    quote the same State Council line) while the extractor misses the line; else (NaN, '', '')."""
    nation = d[d["region_code"] == NATIONAL_CODE]
    if len(nation):
        return float(nation["outcome"].iloc[0]), str(nation["outcome_source"].iloc[0]), "stated"
    if figures is not None:
        pub = figures[
            (figures["figure"] == "national_plan_outcome")
            & (figures["indicator"] == indicator)
            & (figures["period"] == f"fyp{plan}")
            & pd.to_numeric(figures["value"], errors="coerce").notna()
        ]
        if len(pub):
            return float(pub["value"].iloc[0]), str(pub["source"].iloc[0]), "published"
    return np.nan, "", ""


def realised_averages(
    plan_outcomes: pd.DataFrame,
    plan: int = 14,
    indicator: str = "gdp_growth",
    figures: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every sub-national region whose closing report states the plan's average of ``indicator``
    (% a year), with or without a target, beside the nation's stated average and the difference
    (``outcome_gap_national``, pp). The nation's 14th plan set no GDP number, so this comparison, not
    target against outcome, is the one the nation's 5.4% allows. ``national_basis`` says where the
    nation's figure comes from (:func:`_national_average`). One row per region: a region with an
    outline and a report target keeps the first row (the outcome is the same)."""
    d = typed_plans(plan_outcomes)
    if "measure" in d.columns:
        d = d[d["measure"] == "average"]
    d = d[(d["plan"] == plan) & (d["indicator"] == indicator) & d["outcome"].notna()]
    d = d.drop_duplicates("region_code")
    national, source, basis = _national_average(d, plan, indicator, figures)
    local = d[d["region_code"] != NATIONAL_CODE].assign(
        national_outcome=national,
        outcome_gap_national=lambda x: (x["outcome"] - national).round(4),  # 5.9 − 5.4 = 0.5, not 0.5000000000000004
        national_source=source,
        national_basis=basis,
    )
    return level_sorted(local[[c for c in REALISED_COLUMNS if c in local.columns]], ["region_code"])


def _by_level(values: pd.Series) -> pd.Series:
    """A per-level series in the order nation → county (provinces before prefectures in prose)."""
    return values.reindex([lvl for lvl in LEVEL_ORDER if lvl in values.index])


def realised_findings(realised: pd.DataFrame, plan: int = 14) -> dict[str, Any]:
    """The realised-average section's numbers from :func:`realised_averages`: how many regions state
    an average (per level), how many exceed the nation's, the median per level (% a year), and the
    nation's figure and source (NaN and '' when the table holds no national average)."""
    start, end = plan_years(plan)
    first = realised.iloc[0] if len(realised) else None
    return {
        "n": len(realised),
        "period": f"{start}–{end}",
        "n_by_level": {str(k): int(v) for k, v in _by_level(realised.groupby("level").size()).items()},
        "above": int((realised["outcome_gap_national"] > 0).sum()),
        "median": {
            str(k): float(v) for k, v in _by_level(realised.groupby("level")["outcome"].median().round(2)).items()
        },
        "national": float(first["national_outcome"]) if first is not None else np.nan,
        "national_source": str(first["national_source"]) if first is not None else "",
    }


def attainment_findings(
    attained: pd.DataFrame, fifteenth: pd.DataFrame, indicator: str = "gdp_growth"
) -> dict[str, Any]:
    """The opening paragraph's numbers: share of regions that met their 14th-plan average (the indicator)
    per level, the median gap, and the median 15th-plan target per level."""
    g = attained[attained["indicator"] == indicator]
    by_level = attainment_by_level(g) if len(g) else pd.DataFrame(columns=["level", "met_pct", "n"])
    f = fifteenth[fifteenth["indicator"] == indicator]
    start, end = plan_years(14)
    return {
        "n": len(g),
        "period": f"{start}–{end}",
        "met": dict(zip(by_level["level"], by_level["met_pct"].round(1), strict=True)),
        "n_by_level": dict(zip(by_level["level"], by_level["n"], strict=True)),
        "median_gap": float(g["gap"].median()) if len(g) else np.nan,
        "n15": len(f),
        "median15": {str(k): float(v) for k, v in f.groupby("level")["target_value"].median().round(2).items()},
    }
