"""Do governments meet their targets? Gaps, hit rates and bunching of outcomes just above the target.

Units: targets, outcomes and gaps of growth rates in % and pp (gap = outcome − target, the lower
bound of a range). ``met`` is the panel's verdict under its documented rule per qualifier (an
outcome at or above the target for 左右/以上/exact growth targets, at or above the lower bound of a
range); a row without an outcome has no verdict and is left out of hit rates, never counted as a miss.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import binom_test

from plantargets.analysis.outcomes import TARGET_OUTCOME_COLUMNS, level_sorted, numeric_targets
from plantargets.vocab.columns import PANEL_KEY_COLUMNS

# Half-width (pp) of the window either side of the target in which bunching is measured: the
# literature (徐现祥 & 刘毓芸 2017) finds outcomes piling up within a few tenths above the target.
BUNCHING_WINDOW = 0.5
# Histogram bin width (pp): outcomes are printed to one decimal, so 0.1 pp is the finest honest bin.
BIN_WIDTH = 0.1
# The year the national report set no growth target (2020 report, line 56: 没有提出全年经济增速具体目标).
NO_TARGET_YEAR = 2020
HIT_COLUMNS = ["n_targets", "n_outcomes", "n_met", "hit_rate_pct", "hit_rate_strict_pct", "mean_gap", "median_gap"]


def _with_outcome(panel: pd.DataFrame) -> pd.DataFrame:
    """Rows with a numeric target, an outcome and a verdict (the hit-rate sample)."""
    d = numeric_targets(panel)
    return d[d["outcome"].notna() & d["met"].notna()].reset_index(drop=True)


def hit_rates(panel: pd.DataFrame, by: Sequence[str] = ("level", "year")) -> pd.DataFrame:
    """Per group: numeric targets, those with an outcome, those met, hit rate (%) and mean/median gap (pp).

    ``by`` = () gives one row for the whole panel. Hit rate = met / with outcome × 100.
    """
    keys = list(by)
    d = numeric_targets(panel)
    d = d.assign(_has=d["outcome"].notna() & d["met"].notna(), _met=d["met"].fillna(False).astype(bool))
    d["_met"] = d["_met"] & d["_has"]
    d["_gap"] = d["gap"].where(d["_has"])
    # met_strict (the panel's rule without the ±0.5 pp allowance for 左右) when the panel has it.
    strict = d["met_strict"] if "met_strict" in d.columns else pd.Series(pd.NA, index=d.index)
    d["_strict"] = strict.astype("boolean").fillna(False).astype(bool) & d["_has"]
    grouped = d.groupby(keys, dropna=False) if keys else d.assign(_all=0).groupby("_all")
    out = grouped.agg(
        n_targets=("target_value", "size"),
        n_outcomes=("_has", "sum"),
        n_met=("_met", "sum"),
        n_met_strict=("_strict", "sum"),
        mean_gap=("_gap", "mean"),
        median_gap=("_gap", "median"),
    ).reset_index()
    for met, rate in (("n_met", "hit_rate_pct"), ("n_met_strict", "hit_rate_strict_pct")):
        out[rate] = np.where(out["n_outcomes"] > 0, 100 * out[met] / out["n_outcomes"].clip(lower=1), np.nan)
    if "met_strict" not in panel.columns:
        out["hit_rate_strict_pct"] = np.nan
    out = out[[*keys, *HIT_COLUMNS]]
    return level_sorted(out, [k for k in keys if k != "level"]) if "level" in keys else out


def gap_distribution(panel: pd.DataFrame, by: Sequence[str] = ("level",)) -> pd.DataFrame:
    """Quantiles of the gap (pp) per group: n, p10, p25, median, p75, p90, share below −1 pp and above +1 pp (%)."""
    d = _with_outcome(panel)
    keys = list(by)
    rows = []
    for key, g in d.groupby(keys) if keys else [((), d)]:
        gap = g["gap"].dropna()
        rec: dict[str, Any] = dict(zip(keys, key if isinstance(key, tuple) else (key,), strict=True))
        rec["n"] = len(gap)
        for q in (10, 25, 50, 75, 90):
            rec[f"p{q}"] = float(gap.quantile(q / 100)) if len(gap) else np.nan
        rec["below_1pp_pct"] = 100 * float((gap < -1).mean()) if len(gap) else np.nan
        rec["above_1pp_pct"] = 100 * float((gap > 1).mean()) if len(gap) else np.nan
        rows.append(rec)
    out = pd.DataFrame(rows)
    return level_sorted(out) if "level" in keys and len(out) else out


def gap_histogram(panel: pd.DataFrame, lo: float = -5.0, hi: float = 5.0, width: float = BIN_WIDTH) -> pd.DataFrame:
    """Counts of gaps in bins [left, left + width) from ``lo`` to ``hi`` (pp), with the counts outside.

    The bin edges sit at multiples of ``width`` so that a gap of exactly 0 (outcome = target) falls
    in the first bin above zero, where bunching shows. Gaps are rounded to 2 decimals first, so the
    floating-point residue of 7.1 − 7.0 does not push a 0.1 gap into the bin below.
    """
    gap = _with_outcome(panel)["gap"].dropna().round(2)
    n_bins = round((hi - lo) / width)
    edges = lo + width * np.arange(n_bins + 1)
    idx = np.floor((gap.to_numpy() - lo) / width + 1e-9).astype(int)
    inside = (idx >= 0) & (idx < n_bins)
    counts = np.bincount(idx[inside], minlength=n_bins)
    out = pd.DataFrame({"bin_left": edges[:-1].round(6), "bin_right": edges[1:].round(6), "n": counts})
    out.attrs["n_below_range"] = int((idx < 0).sum())
    out.attrs["n_above_range"] = int((idx >= n_bins).sum())
    return out


def bunching(panel: pd.DataFrame, window: float = BUNCHING_WINDOW, by: Sequence[str] = ()) -> pd.DataFrame:
    """Outcomes just above versus just below the target: counts in [0, +w) and [−w, 0) pp, their ratio,
    and a two-sided binomial test of equal counts (with a smooth density near the target, the two
    windows hold about as many outcomes; many more just above is the signature of managed outcomes).
    """
    d = _with_outcome(panel).assign(_gap=lambda x: x["gap"].round(2))
    keys = list(by)
    rows = []
    for key, g in d.groupby(keys) if keys else [((), d)]:
        above = int(((g["_gap"] >= 0) & (g["_gap"] < window)).sum())
        below = int(((g["_gap"] >= -window) & (g["_gap"] < 0)).sum())
        rec: dict[str, Any] = dict(zip(keys, key if isinstance(key, tuple) else (key,), strict=True))
        rec.update(
            {
                "n": len(g),
                "window_pp": window,
                "n_just_above": above,
                "n_just_below": below,
                "ratio_above_below": above / below if below else np.nan,
                "pvalue_equal": float(binom_test(above, above + below)) if above + below else np.nan,
                "exactly_met_pct": 100 * float((g["_gap"] == 0).mean()) if len(g) else np.nan,
            }
        )
        rows.append(rec)
    out = pd.DataFrame(rows)
    return level_sorted(out) if "level" in keys and len(out) else out


def year_without_target(panel: pd.DataFrame, year: int = NO_TARGET_YEAR) -> pd.DataFrame:
    """Per level and for the year before, ``year`` and the year after: reports in the panel, how many
    set a numeric target, the share (%) and the mean target (%). Shows whether regions followed the
    nation in 2020 and dropped their number, or kept one.
    """
    d = panel[panel["year"].isin([year - 1, year, year + 1])]
    d = d.assign(_numeric=d["target_value"].notna())
    out = (
        d.groupby(["level", "year"])
        .agg(n_reports=("region_code", "nunique"), n_numeric=("_numeric", "sum"), mean_target=("target_value", "mean"))
        .reset_index()
    )
    out["numeric_share_pct"] = 100 * out["n_numeric"] / out["n_reports"]
    out["year"] = out["year"].astype(int)
    return level_sorted(out, ["year"])


# A region's history: everything but who it is and the wording, in the panel's order.
HISTORY_COLUMNS = [c for c in TARGET_OUTCOME_COLUMNS if c == "year" or c not in (*PANEL_KEY_COLUMNS, "target_text")]


def region_history(panel: pd.DataFrame, region_code: str) -> pd.DataFrame:
    """One region's targets and outcomes by year, each with its file:line."""
    d = panel[panel["region_code"] == region_code]
    cols = ["region_code", "region", "level", *[c for c in HISTORY_COLUMNS if c in d.columns]]
    return d[cols].sort_values("year").reset_index(drop=True)


def realisation_findings(panel: pd.DataFrame) -> dict[str, Any]:
    """The opening paragraph's numbers: overall and per-level hit rates, median gap, bunching ratio,
    the years covered and the share of regions with a numeric target in the year without a national one."""
    total = hit_rates(panel, by=())
    by_level = hit_rates(panel, by=("level",))
    bunch = bunching(panel)
    gaps = _with_outcome(panel)
    no_target = year_without_target(panel)
    in_year = no_target[(no_target["year"] == NO_TARGET_YEAR) & (no_target["level"] != "national")]
    years = gaps["year"].dropna()
    return {
        "n": int(total["n_outcomes"].iloc[0]) if len(total) else 0,
        "hit_rate": float(total["hit_rate_pct"].iloc[0]) if len(total) else np.nan,
        "hit_rate_strict": float(total["hit_rate_strict_pct"].iloc[0]) if len(total) else np.nan,
        "median_gap": float(gaps["gap"].median()) if len(gaps) else np.nan,
        "by_level": dict(zip(by_level["level"], by_level["hit_rate_pct"].round(1), strict=True)),
        "first_year": int(years.min()) if len(years) else 0,
        "last_year": int(years.max()) if len(years) else 0,
        "ratio": float(bunch["ratio_above_below"].iloc[0]) if len(bunch) else np.nan,
        "window": BUNCHING_WINDOW,
        "no_target_year": NO_TARGET_YEAR,
        "share_numeric_2020": (
            float(100 * in_year["n_numeric"].sum() / in_year["n_reports"].sum())
            if in_year["n_reports"].sum()
            else np.nan
        ),
    }
