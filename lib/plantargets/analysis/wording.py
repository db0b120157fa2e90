"""How hard is a target worded? Exact, 左右, 以上, a range, words only, or no target at all.

A hard target ("增长8%") binds more than a soft one ("8%左右"); a floor ("6%以上") invites
overshooting; a range ("6%—6.5%") and words only ("保持在合理区间") loosen the target; none
(the nation in 2020) removes it. The panel's ``qualifier`` (vocab.words.QUALIFIERS) maps to these
classes; shares are % of the reports of a group.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from plantargets.analysis.outcomes import level_sorted
from plantargets.vocab.periods import plan_number, plan_years

# Panel qualifier → hardness class. 'missing' and an empty cell both mean the report set no target.
HARDNESS = {
    "exact": "exact",
    "approx": "approx",
    "at_least": "at_least",
    "at_most": "at_most",
    "range": "range",
    "text": "text",
    "missing": "none",
    "none": "none",
    "": "none",
}
# The 6th plan (1981–1985) starts the regular five-year grid (vocab.periods).
FIRST_REGULAR_PLAN_YEAR = 1981
# The findings compare the first and last five years with at least this many local targets a year
# (the corpus holds one or two local reports a year before the late 1990s).
MIN_REPORTS_PER_YEAR = 20
# The national series is read from this year on (the published figures start in 2004).
NATIONAL_SERIES_FROM = 2004
# Display order, hardest first (a label per class in present/labels.csv: hardness.<class>).
HARDNESS_ORDER = ("exact", "at_least", "approx", "range", "at_most", "text", "none")


def hardness(panel: pd.DataFrame) -> pd.Series:
    """The hardness class of each row; an unknown qualifier raises, naming it and the row's source."""
    qual = panel["qualifier"].fillna("").astype(str).str.strip()
    unknown = ~qual.isin(HARDNESS.keys())
    if unknown.any():
        first = panel[unknown].iloc[0]
        raise ValueError(
            f"qualifier {first['qualifier']!r} (at {first.get('target_source', '?')}) is not one of {sorted(HARDNESS)}"
        )
    return qual.map(HARDNESS)


def hardness_shares(panel: pd.DataFrame, by: Sequence[str] = ("year",)) -> pd.DataFrame:
    """Wide: one row per group, n and the share (%) of each hardness class (columns in HARDNESS_ORDER)."""
    keys = list(by)
    d = panel.assign(hardness=hardness(panel))
    counts = pd.crosstab([d[k] for k in keys], d["hardness"]) if keys else d["hardness"].value_counts().to_frame().T
    counts = counts.reindex(columns=list(HARDNESS_ORDER), fill_value=0)
    shares = 100 * counts.div(counts.sum(axis=1), axis=0)
    shares.insert(0, "n", counts.sum(axis=1))
    out = shares.reset_index() if keys else shares.reset_index(drop=True)
    out.columns.name = None
    if "year" in out.columns:
        out["year"] = out["year"].astype(int)
    return level_sorted(out, [k for k in keys if k != "level"]) if "level" in keys else out


def national_wording(panel: pd.DataFrame) -> pd.DataFrame:
    """The nation's own series: year, hardness, value, upper bound, the words and their file:line."""
    d = panel[panel["level"] == "national"].assign(hardness=hardness(panel[panel["level"] == "national"]))
    cols = ["year", "hardness", "target_value", "target_upper", "target_text"]
    cols += [c for c in ("target_source",) if c in d.columns]
    return d[cols].sort_values("year").reset_index(drop=True)


def wording_changes(national: pd.DataFrame) -> pd.DataFrame:
    """The years whose hardness differs from the year before (2016 range, 2017 back to 左右, …)."""
    d = national.sort_values("year").reset_index(drop=True)
    changed = (d["hardness"] != d["hardness"].shift()) & (d.index > 0)
    return d[changed].assign(previous=d["hardness"].shift()[changed]).reset_index(drop=True)


def periods(years: pd.Series) -> pd.Series:
    """Five-year-plan period of each year ('2016–2020'; '–1980' before the 6th plan), for a coarser trend.

    Labels sort in time order as text, so tables grouped by period read from old to new.
    """
    out = []
    for y in pd.to_numeric(years, errors="coerce"):
        if pd.isna(y):
            out.append("")
        elif y < FIRST_REGULAR_PLAN_YEAR:
            out.append(f"–{FIRST_REGULAR_PLAN_YEAR - 1}")
        else:
            start, end = plan_years(plan_number(int(y)))
            out.append(f"{start}–{end}")
    return pd.Series(out, index=years.index)


def wording_findings(panel: pd.DataFrame) -> dict[str, Any]:
    """The opening paragraph's numbers: the shares of 左右, 以上 and ranges among local targets in the
    first and last five years with at least ``MIN_REPORTS_PER_YEAR`` of them, and the nation's changes
    of wording since ``NATIONAL_SERIES_FROM``."""
    local = panel[panel["level"] != "national"]
    counts = local["year"].dropna().astype(int).value_counts()
    years = pd.Series(sorted(counts[counts >= MIN_REPORTS_PER_YEAR].index), dtype=int)
    if years.empty:
        years = pd.Series(sorted(counts.index), dtype=int)
    if years.empty:
        return {"n": 0}
    local = local[local["year"].between(years.min(), years.max())]
    first = local[local["year"] <= years.min() + 4]
    last = local[local["year"] >= years.max() - 4]
    s_first = hardness_shares(first, by=())
    s_last = hardness_shares(last, by=())
    national = national_wording(panel)
    changes = wording_changes(national[national["year"] >= NATIONAL_SERIES_FROM])
    return {
        "n": len(local),
        "first_years": f"{years.min()}–{min(years.min() + 4, years.max())}",
        "last_years": f"{max(years.max() - 4, years.min())}–{years.max()}",
        "approx_first": float(s_first["approx"].iloc[0]),
        "approx_last": float(s_last["approx"].iloc[0]),
        "at_least_first": float(s_first["at_least"].iloc[0]),
        "at_least_last": float(s_last["at_least"].iloc[0]),
        "range_last": float(s_last["range"].iloc[0]),
        "national_changes": [(int(r.year), str(r.hardness)) for r in changes.itertuples()],
    }
