"""Growth, ambition and structure metrics: pure functions on numbers and DataFrames.

Nothing here reads a file: the functions take the indicators table (columns of
``DATA_CONTRACT.md``) or arrays, so notebooks and tests feed them whatever they loaded.
Units: growth rates and shares in percent; changes of shares in percentage points (pp);
``years`` is the number of compounding periods (2020 → 2025 is 5).

The growth panel built from the indicators table is in :mod:`plantargets.analysis.panel`,
the regression of targets on past growth in :mod:`plantargets.analysis.regression`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from plantargets.vocab.columns import bool_series
from plantargets.vocab.words import ANTICIPATORY, BINDING

Num = TypeVar("Num", float, np.ndarray, pd.Series)


# --------------------------------------------------------------------------------------------
# Scalar / vectorised growth arithmetic


def _check_years(years: Any) -> None:
    if np.any(np.asarray(years, dtype=float) <= 0):
        raise ValueError(f"years must be positive (got {years!r}): a growth rate needs a time span")


def cagr(base: Num, target: Num, years: float | Num) -> Num:
    """Compound annual growth rate in % from ``base`` to ``target`` over ``years`` periods.

    ``cagr(100, 161.051, 5) == 10.0``. NaN where a level is missing, zero or negative
    (a compound rate is undefined there). Works elementwise on arrays and Series.
    """
    _check_years(years)
    with np.errstate(divide="ignore", invalid="ignore"):
        b, t = np.asarray(base, dtype=float), np.asarray(target, dtype=float)
        out = np.where((b > 0) & (t > 0), (np.power(t / b, 1.0 / np.asarray(years, dtype=float)) - 1.0) * 100.0, np.nan)
    return _like(out, base, target)


def implied_level(base: Num, growth_pct: Num, years: float | Num) -> Num:
    """The level reached from ``base`` growing ``growth_pct`` % a year for ``years`` (same unit as base)."""
    _check_years(years)
    out = np.asarray(base, dtype=float) * np.power(1.0 + np.asarray(growth_pct, dtype=float) / 100.0, years)
    return _like(out, base, growth_pct)


def pp_per_year(base_share: Num, target_share: Num, years: float | Num) -> Num:
    """Average change of a share or rate in percentage points per year (linear, not compound)."""
    _check_years(years)
    out = (np.asarray(target_share, dtype=float) - np.asarray(base_share, dtype=float)) / np.asarray(years, dtype=float)
    return _like(out, base_share, target_share)


def target_minus_past(target_growth: Num, past_growth: Num) -> Num:
    """Ambition as a difference, in pp: the 14th-plan target rate minus the 13th-plan realised rate."""
    out = np.asarray(target_growth, dtype=float) - np.asarray(past_growth, dtype=float)
    return _like(out, target_growth, past_growth)


def target_past_ratio(target_growth: Num, past_growth: Num) -> Num:
    """Ambition as a ratio: target rate / realised past rate. NaN when the past rate is ≤ 0,
    where a ratio would flip sign or explode and mean nothing."""
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.asarray(past_growth, dtype=float)
        out = np.where(p > 0, np.asarray(target_growth, dtype=float) / p, np.nan)
    return _like(out, target_growth, past_growth)


def amplification(region_target: Num, parent_target: Num) -> Num:
    """Target amplification down the hierarchy, in pp: region target minus its parent's target.

    Xinjiang's 2023 target of 7% against the national 5% is ``amplification(7, 5) == 2``.
    """
    out = np.asarray(region_target, dtype=float) - np.asarray(parent_target, dtype=float)
    return _like(out, region_target, parent_target)


def _like(values: np.ndarray, *inputs: Any) -> Any:
    """Return a Series if an input was one (keeping its index), a float for scalars, else the array."""
    for x in inputs:
        if isinstance(x, pd.Series):
            return pd.Series(np.array(np.broadcast_to(values, x.shape), dtype=float), index=x.index)
    if np.ndim(values) == 0:
        return float(values)
    return values


# --------------------------------------------------------------------------------------------
# Benchmarks


def peer_mean(panel: pd.DataFrame, value_col: str, group_cols: Sequence[str], id_col: str = "doc_id") -> pd.DataFrame:
    """Leave-one-out mean of ``value_col`` within ``group_cols`` (e.g. level × indicator).

    Returns columns ``peer_mean`` (mean over the *other* regions of the group; NaN when the
    region has no peer with a value) and ``peer_n`` (how many peers), aligned on panel's index.
    Excluding the region itself keeps a region from being its own benchmark, which matters
    with the handful of regions per level we have.
    """
    missing = [c for c in [value_col, id_col, *group_cols] if c not in panel.columns]
    if missing:
        raise KeyError(f"panel lacks column(s) {missing} needed for peer benchmarks")
    v = pd.to_numeric(panel[value_col], errors="coerce")
    keys = [panel[c] for c in group_cols]
    total = v.groupby(keys, dropna=False).transform("sum")
    count = v.groupby(keys, dropna=False).transform("count")
    own = v.notna().astype(int)
    n = count - own
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = (total - v.fillna(0.0)) / n.where(n > 0)
    return pd.DataFrame({"peer_mean": mean.astype(float), "peer_n": n.astype(int)}, index=panel.index)


def target_minus_benchmark(
    panel: pd.DataFrame,
    value_col: str = "target_growth",
    national: float | Mapping[str, float] | None = None,
    parent_col: str | None = None,
    peer_group: Sequence[str] = ("level", "indicator"),
    id_col: str = "doc_id",
    indicator_col: str = "indicator",
) -> pd.DataFrame:
    """Each region's target minus three benchmarks, in pp (or the value's unit).

    - ``gap_national``: minus the national target (one number, or a mapping indicator → number);
    - ``gap_parent``: minus the parent region's target in ``parent_col`` (see
      ``parents.parent_targets``); this is :func:`amplification`;
    - ``gap_peers``: minus the mean target of the other regions in ``peer_group`` (same level
      and indicator by default), with ``peer_mean`` and ``peer_n`` so a reader sees how thin
      the peer group is.

    Returns the panel with those columns added (a copy).
    """
    out = panel.copy()
    value = pd.to_numeric(out[value_col], errors="coerce")
    if national is None:
        out["national"] = np.nan
    elif isinstance(national, Mapping):
        out["national"] = out[indicator_col].map(lambda k: national.get(k, np.nan)).astype(float)
    else:
        out["national"] = float(national)
    out["gap_national"] = value - out["national"]
    if parent_col is not None:
        out["gap_parent"] = amplification(value, pd.to_numeric(out[parent_col], errors="coerce"))
    peers = peer_mean(out, value_col, list(peer_group), id_col)
    out["peer_mean"], out["peer_n"] = peers["peer_mean"], peers["peer_n"]
    out["gap_peers"] = value - out["peer_mean"]
    return out


# --------------------------------------------------------------------------------------------
# Target-setting style


def numeric_column(df: pd.DataFrame, col: str) -> pd.Series:
    if col not in df.columns:
        return pd.Series(np.nan, index=df.index, dtype=float)
    return pd.to_numeric(df[col], errors="coerce").astype(float)


def specificity(indicators: pd.DataFrame, by: str = "category") -> pd.DataFrame:
    """Share of indicator rows that carry a numeric target, per ``by`` group, in %.

    A row counts as numeric when its target_value or annual_growth holds a number (a bound
    such as ``>7`` counts; 保持在合理区间 or 达到市里要求 does not). Filter the table first (e.g.
    to ``table == 'fyp14_main'``): mixing tables would count a completion table's actuals.
    Columns: ``by``, n, n_numeric, specificity_pct; plus an ``(all)`` row.
    """
    numeric = numeric_column(indicators, "target_value").notna() | numeric_column(indicators, "annual_growth").notna()
    frame = pd.DataFrame({by: indicators[by].fillna("").astype(str), "numeric": numeric})
    return _share_table(frame, by, "numeric", "n_numeric", "specificity_pct")


def binding_share(indicators: pd.DataFrame, by: str = "category") -> pd.DataFrame:
    """Share of indicators marked 约束性 (binding) among those with a printed attribute, in %.

    Rows without an attribute are left out of the denominator (many prose targets have none);
    ``n_with_attribute`` says how many rows the share rests on.
    Columns: ``by``, n_with_attribute, n_binding, binding_share_pct; plus an ``(all)`` row.
    """
    attr = indicators["attribute"].fillna("").astype(str).str.strip()
    has = attr.isin([BINDING, ANTICIPATORY])
    frame = pd.DataFrame({by: indicators.loc[has, by].fillna("").astype(str), "binding": attr[has] == BINDING})
    table = _share_table(frame, by, "binding", "n_binding", "binding_share_pct")
    return table.rename(columns={"n": "n_with_attribute"})


def _share_table(frame: pd.DataFrame, by: str, flag: str, count_name: str, share_name: str) -> pd.DataFrame:
    grouped = frame.groupby(by, sort=True)[flag].agg(["size", "sum"]).reset_index()
    grouped.columns = [by, "n", count_name]
    total = pd.DataFrame({by: ["(all)"], "n": [len(frame)], count_name: [int(frame[flag].sum())]})
    out = pd.concat([grouped, total], ignore_index=True)
    out[count_name] = out[count_name].astype(int)
    out[share_name] = np.where(out["n"] > 0, 100.0 * out[count_name] / out["n"].where(out["n"] > 0), np.nan)
    return out


def _decimals(x: float) -> int:
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def _untestable(stated: float, base: float, target: float, ok_years: bool, cumulative: bool, kind: str) -> str:
    """Why a row's annual figure cannot be tested against its levels ('' when it can)."""
    if pd.isna(stated) or pd.isna(base) or pd.isna(target):
        return "missing base, target or annual figure"
    if not ok_years:
        return "no positive span between base_year and target_year"
    if cumulative:
        return "annual column is a five-year cumulative figure"
    if kind == "growth":
        return "the indicator is itself a growth rate"
    return ""


def _reading(stated: float, gap_cagr: float, gap_pp: float, tolerance: float | None) -> tuple[str, float, str]:
    """(interpretation, gap, note) for a testable row: the closer reading, if within tolerance."""
    tol = tolerance if tolerance is not None else max(0.1, 0.5 * 10.0 ** (-_decimals(float(stated))))
    candidates = {k: abs(v) for k, v in (("compound", gap_cagr), ("pp", gap_pp)) if pd.notna(v)}
    best = min(candidates, key=lambda k: candidates[k]) if candidates else None
    chosen_gap = {"compound": gap_cagr, "pp": gap_pp}.get(best or "", np.nan)
    if best is not None and candidates[best] <= tol:
        return best, chosen_gap, f"within ±{tol:g} pp"
    return "neither", chosen_gap, f"no reading within ±{tol:g} pp"


def stated_vs_implied(df: pd.DataFrame, tolerance: float | None = None) -> pd.DataFrame:
    """How a table's annual column relates to its base and target levels, row by row.

    For each row with base_value, target_value, annual_growth and years = target_year −
    base_year, the stated annual figure is compared with the compound rate (:func:`cagr`) and
    with the linear change in pp per year (:func:`pp_per_year`). ``interpretation`` is
    'compound' or 'pp' when the stated figure matches that reading within ``tolerance`` (the
    closer one wins), 'neither' otherwise (for GDP the usual reason: real stated rate against
    nominal levels), and 'n/a' when it cannot be tested (missing cell, cumulative column, a
    growth-rate row, or a ``kind`` column saying 'growth'). ``gap`` is stated minus the chosen
    reading (for 'neither', the closer one), in pp.

    Default tolerance: half a unit of the stated figure's last printed digit (6 → ±0.5,
    6.6 → ±0.05), at least 0.1 pp because base and target are rounded too.
    """
    out = df.copy()
    base, target = numeric_column(out, "base_value"), numeric_column(out, "target_value")
    stated = numeric_column(out, "annual_growth")
    years = numeric_column(out, "target_year") - numeric_column(out, "base_year")
    cumulative = bool_series(out["cumulative"]) if "cumulative" in out.columns else pd.Series(False, index=out.index)
    kind = out["kind"].astype(str) if "kind" in out.columns else pd.Series("", index=out.index)
    ok_years = years > 0
    safe_years = years.where(ok_years, 1.0).fillna(1.0)
    out["years"] = years
    out["implied_cagr"] = cagr(base, target, safe_years).where(ok_years)
    out["implied_pp"] = pp_per_year(base, target, safe_years).where(ok_years)
    out["gap_cagr"] = stated - out["implied_cagr"]
    out["gap_pp"] = stated - out["implied_pp"]
    readings = []
    for i in out.index:
        reason = _untestable(stated[i], base[i], target[i], bool(ok_years[i]), bool(cumulative[i]), kind[i])
        readings.append(
            ("n/a", np.nan, reason)
            if reason
            else _reading(stated[i], out.at[i, "gap_cagr"], out.at[i, "gap_pp"], tolerance)
        )
    out["interpretation"] = [r[0] for r in readings]
    out["gap"] = [r[1] for r in readings]
    out["note"] = [r[2] for r in readings]
    return out


# --------------------------------------------------------------------------------------------
# Structure


def structural_change_index(
    shares_a: Mapping[str, float] | Sequence[float], shares_b: Mapping[str, float] | Sequence[float]
) -> float:
    """Structural change index ½·Σ|Δshare| between two sector mixes, in pp.

    It is the share of output that would have to move between sectors to turn mix a into mix b
    (0 = unchanged, 100 = complete turnover). Shares are in %; they are not renormalised, so
    mixes that do not sum to 100 (rounding) give a slightly biased index. Mappings are aligned
    on their keys; sequences by position.
    """
    if isinstance(shares_a, Mapping) and isinstance(shares_b, Mapping):
        if set(shares_a) != set(shares_b):
            raise ValueError(f"sector mixes name different sectors: {sorted(shares_a)} vs {sorted(shares_b)}")
        a = np.array([shares_a[k] for k in shares_a], dtype=float)
        b = np.array([shares_b[k] for k in shares_a], dtype=float)
    else:
        a = np.asarray(list(shares_a.values()) if isinstance(shares_a, Mapping) else shares_a, dtype=float)
        b = np.asarray(list(shares_b.values()) if isinstance(shares_b, Mapping) else shares_b, dtype=float)
        if a.shape != b.shape:
            raise ValueError(f"sector mixes have different lengths: {a.shape} vs {b.shape}")
    return float(0.5 * np.abs(b - a).sum())


@dataclass(frozen=True)
class Pace:
    """Tertiarisation pace: past and required change of the tertiary share, in pp per year."""

    past_pp_per_year: float
    required_pp_per_year: float
    acceleration_pp: float  # required − past
    ratio: float  # required / past; NaN when the past change is ≤ 0


def tertiarisation_pace(
    share_start: float, share_base: float, share_target: float, past_years: float = 5, plan_years: float = 5
) -> Pace:
    """Compare the tertiary share's past pace with the pace a stated target requires.

    ``share_start`` → ``share_base`` is the past plan (2015 → 2020), ``share_base`` →
    ``share_target`` the new one (2020 → 2025). Shares in %, paces in pp per year.
    """
    past = float(pp_per_year(share_start, share_base, past_years))
    required = float(pp_per_year(share_base, share_target, plan_years))
    ratio = required / past if past > 0 else math.nan
    return Pace(past, required, required - past, ratio)
