"""How hard is a target worded? Exact, 左右, 以上, a range, words only, or no target at all.

A hard target ("增长8%") binds more than a soft one ("8%左右"); a floor ("6%以上") invites
overshooting; a range ("6%—6.5%") and words only ("保持在合理区间") loosen the target; none
(the nation in 2020) removes it. The panel's ``qualifier`` (vocab.words.QUALIFIERS) maps to these
classes; shares are % of the reports of a group.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import pandas as pd

from plantargets.analysis.outcomes import level_sorted

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
    changed = d["hardness"] != d["hardness"].shift()
    changed.iloc[0] = False
    return d[changed].assign(previous=d["hardness"].shift()[changed]).reset_index(drop=True)


def periods(years: pd.Series, edges: Sequence[int] = (2011, 2016, 2021, 2026)) -> pd.Series:
    """Plan period labels ('2006–2010', …) by the five-year plans' start years, for a coarser trend."""
    bins = [-10_000, *edges, 10_000]
    labels = []
    for lo, hi in itertools.pairwise(bins):
        labels.append(f"–{hi - 1}" if lo < 0 else (f"{lo}–" if hi > 9999 else f"{lo}–{hi - 1}"))
    return pd.cut(years, bins=bins, right=False, labels=labels).astype(str)


def wording_findings(panel: pd.DataFrame) -> dict[str, Any]:
    """The opening paragraph's numbers: the modal class of the sub-national targets in the first and
    last five years, the share of 左右 then and now, and the nation's changes of wording."""
    local = panel[panel["level"] != "national"]
    years = local["year"].dropna().astype(int)
    if years.empty:
        return {"n": 0}
    first = local[local["year"] <= years.min() + 4]
    last = local[local["year"] >= years.max() - 4]
    s_first = hardness_shares(first, by=())
    s_last = hardness_shares(last, by=())
    changes = wording_changes(national_wording(panel))
    return {
        "n": len(local),
        "first_years": f"{years.min()}–{min(years.min() + 4, years.max())}",
        "last_years": f"{max(years.max() - 4, years.min())}–{years.max()}",
        "approx_first": float(s_first["approx"].iloc[0]),
        "approx_last": float(s_last["approx"].iloc[0]),
        "at_least_first": float(s_first["at_least"].iloc[0]),
        "at_least_last": float(s_last["at_least"].iloc[0]),
        "range_last": float(s_last["range"].iloc[0]),
        "national_changes": ", ".join(f"{int(r.year)} {r.hardness}" for r in changes.itertuples()),
    }
