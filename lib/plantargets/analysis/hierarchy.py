"""Do targets grow down the hierarchy? Each target against its parent's target of the same year.

"Top-down amplification" (Li, Liu, Weng & Zhou 2019; Chang, Wang & Xiong 2025): the provinces'
targets exceed the nation's, the cities' the provinces'. Amplification = target − parent's
target (pp, lower bounds of ranges), for rows where both are numeric. Also the target-setting
regression: this year's target on last year's outcome and the parent's target, with region and
year effects and errors clustered by region.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from plantargets.analysis.outcomes import SEED_CODES, level_sorted, numeric_targets
from plantargets.analysis.regression import PanelResult, panel_fixed_effects
from plantargets.dataset.outcomes import beside_parent
from plantargets.dataset.regions import RegionTable

# Amplification within ±this (pp) counts as "equal to the parent" (targets are printed to 0.1 or 0.5).
EQUAL_TOLERANCE = 1e-6
PARENT_COLUMNS = ["parent_region", "parent_level", "parent_target", "parent_upper", "parent_qualifier", "parent_source"]


def with_parent(panel: pd.DataFrame) -> pd.DataFrame:
    """Each numeric target with its parent's target of the same year and indicator, and the amplification.

    Adds ``PARENT_COLUMNS``, ``amplification`` (pp) and ``above_parent`` (True/False; missing
    when the parent set no numeric target that year, e.g. the nation in 2020).
    """
    d = numeric_targets(panel)
    if "target_source" not in d.columns:
        d = d.assign(target_source="")
    # The panel may carry its own parent_* columns (dataset.outcomes); these are recomputed here
    # from numeric targets only, with the parent's name, level and range.
    d = d.drop(columns=[c for c in PARENT_COLUMNS if c in d.columns])
    fields = {
        "region": "parent_region",
        "level": "parent_level",
        "target_value": "parent_target",
        "target_upper": "parent_upper",
        "qualifier": "parent_qualifier",
        "target_source": "parent_source",
    }
    out = beside_parent(d, d, fields)
    out["amplification"] = out["target_value"] - out["parent_target"]
    out["above_parent"] = (out["amplification"] > EQUAL_TOLERANCE).astype("boolean").mask(out["parent_target"].isna())
    return out


def amplification_by(linked: pd.DataFrame, by: Sequence[str] = ("level", "year")) -> pd.DataFrame:
    """Per group of rows with a parent target: n, mean, median, p25, p75 (pp) and the shares (%)
    of targets above, equal to and below the parent's."""
    d = linked[linked["amplification"].notna()]
    keys = list(by)
    amp = d["amplification"]
    d = d.assign(
        _above=amp > EQUAL_TOLERANCE,
        _equal=amp.abs() <= EQUAL_TOLERANCE,
        _below=amp < -EQUAL_TOLERANCE,
    )
    grouped = d.groupby(keys) if keys else d.assign(_all=0).groupby("_all")
    out = grouped.agg(
        n=("amplification", "size"),
        mean_pp=("amplification", "mean"),
        median_pp=("amplification", "median"),
        p25_pp=("amplification", lambda s: s.quantile(0.25)),
        p75_pp=("amplification", lambda s: s.quantile(0.75)),
        above_pct=("_above", "mean"),
        equal_pct=("_equal", "mean"),
        below_pct=("_below", "mean"),
    ).reset_index()
    for col in ("above_pct", "equal_pct", "below_pct"):
        out[col] = 100 * out[col]
    out = out[[*keys, "n", "mean_pp", "median_pp", "p25_pp", "p75_pp", "above_pct", "equal_pct", "below_pct"]]
    return level_sorted(out, [k for k in keys if k != "level"]) if "level" in keys else out


def chain_targets(panel: pd.DataFrame, chain: Iterable[str], years: Sequence[int] | None = None) -> pd.DataFrame:
    """The targets of every region of one chain (codes nation first), long: chain_rank, code, region,
    level, year, target, qualifier, text and source. Regions of the chain absent from the panel are
    listed with no year, so a reader sees which link of the chain the corpus lacks."""
    codes = list(chain)
    rows = []
    for rank, code in enumerate(codes):
        d = panel[panel["region_code"] == code]
        if years is not None:
            d = d[d["year"].isin(list(years))]
        if d.empty:
            rows.append(pd.DataFrame({"chain_rank": [rank], "region_code": [code]}))
            continue
        cols = ["region_code", "region", "level", "year", "target_value", "target_upper", "qualifier", "target_text"]
        cols += [c for c in ("target_source",) if c in d.columns]
        rows.append(d[cols].assign(chain_rank=rank))
    out = pd.concat(rows, ignore_index=True)
    if "year" not in out.columns:  # no link of the chain is in the panel
        out["year"] = pd.NA
    return out.sort_values(["chain_rank", "year"], na_position="first").reset_index(drop=True)


def seed_chains(panel: pd.DataFrame, table: RegionTable, years: Sequence[int] | None = None) -> pd.DataFrame:
    """:func:`chain_targets` of each seed's chain (``SEED_CODES``), stacked with a ``chain`` column
    (the seed key) and each region's name from the region table (also for links the panel lacks),
    in Chinese (``region``) and English (``region_en``)."""
    frames = []
    for key, code in SEED_CODES.items():
        chain = table.chain(code)
        long = chain_targets(panel, [r.code for r in chain], years)
        names = {r.code: r.name_zh for r in chain}
        long["region"] = long["region_code"].map(names)
        long["region_en"] = long["region_code"].map({r.code: r.name_en for r in chain})  # en reports
        long["level"] = long["region_code"].map({r.code: r.level for r in chain})
        frames.append(long.assign(chain=key))
    return pd.concat(frames, ignore_index=True)


def chain_matrix(chain_long: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
    """Year × region (nation first) of targets (%) from :func:`chain_targets`, for a line chart."""
    if "target_value" not in chain_long.columns:
        return pd.DataFrame()
    d = chain_long.dropna(subset=["year", "target_value"])
    if d.empty:
        return pd.DataFrame()
    order = list(dict.fromkeys(d.sort_values("chain_rank")["region_code"]))
    wide = d.pivot_table(index="year", columns="region_code", values="target_value", aggfunc="first")[order]
    wide.index = wide.index.astype(int)
    return wide.rename(columns=names or {})


def regression_sample(panel: pd.DataFrame) -> pd.DataFrame:
    """Rows of the target-setting regression: region, level, year, target (%), last year's outcome
    (the outcome stated for year − 1, %) and the parent's target of the same year (%)."""
    linked = with_parent(panel)
    outcomes = panel[["region_code", "indicator", "year", "outcome"]].dropna(subset=["outcome"])
    lagged = outcomes.assign(year=outcomes["year"] + 1).rename(columns={"outcome": "lag_outcome"})
    lagged = lagged.drop_duplicates(["region_code", "indicator", "year"])
    d = linked.merge(lagged, on=["region_code", "indicator", "year"], how="left")
    cols = ["region_code", "region", "level", "year", "target_value", "lag_outcome", "parent_target"]
    return d[cols].dropna(subset=["target_value", "lag_outcome", "parent_target"]).reset_index(drop=True)


def target_regression(panel: pd.DataFrame) -> tuple[PanelResult, dict[str, Any]]:
    """target_it = b·outcome_i,t−1 + c·parent target_it + region_i + year_t + e_it, clustered by region.

    Returns the fit and a statement of its sample (n, regions, years, levels, singletons dropped).
    The parent's target of a province is the nation's, the same for every province in a year, so
    the year effects absorb it: c is identified by prefectures and counties only, and with provinces
    alone it is not estimated (the term is dropped and the sample statement says so).
    """
    sample = regression_sample(panel)
    # Singletons (a region seen once, absorbed by its own effect) are dropped here, so the levels
    # stated below count the rows the fit uses.
    seen = sample.groupby("region_code")["year"].transform("size")
    singletons = int((seen < 2).sum())
    sample = sample[seen >= 2]
    xs = ["lag_outcome", "parent_target"]
    spread = sample.groupby("year")["parent_target"].transform(lambda s: s.max() - s.min())
    if sample.empty or not (spread > EQUAL_TOLERANCE).any():
        xs = ["lag_outcome"]
    try:
        result = panel_fixed_effects(sample, "target_value", xs, entity="region_code", time="year")
    except ValueError:
        # Too few observations (a narrow report): say so instead of failing the report.
        result = PanelResult.too_few(len(sample), int(sample["region_code"].nunique()))
    statement = {
        "n": result.n,
        "n_regions": result.n_entities,
        "first_year": result.first_year or (int(sample["year"].min()) if len(sample) else 0),
        "last_year": result.last_year or (int(sample["year"].max()) if len(sample) else 0),
        "levels": ", ".join(f"{lvl} {n}" for lvl, n in sample["level"].value_counts().items()),
        "singletons": singletons + result.n_singletons_dropped,
        "parent_identified": "parent_target" in xs,
    }
    return result, statement


def hierarchy_findings(linked: pd.DataFrame) -> dict[str, Any]:
    """The opening paragraph's numbers: mean amplification and share above the parent per level."""
    by_level = amplification_by(linked, by=("level",))
    total = amplification_by(linked, by=())
    return {
        "n": int(total["n"].iloc[0]) if len(total) else 0,
        "mean": dict(zip(by_level["level"], by_level["mean_pp"].round(2), strict=True)),
        "above": dict(zip(by_level["level"], by_level["above_pct"].round(1), strict=True)),
        "above_all": float(total["above_pct"].iloc[0]) if len(total) else np.nan,
    }
