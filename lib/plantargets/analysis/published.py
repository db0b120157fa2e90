"""Published figures as checks: what official documents state, set beside what the panel reproduces.

``data/reference/published_figures.csv`` holds numbers the State Council's work reports and the
national plans print (the national GDP growth target of each year 2004–2026, the national
plan-period targets and the averages the closing reports state), each with its file:line in the
corpus and the words quoted. The panel, built by the extractors from the same documents, must
reproduce them; a disagreement is a bug in the reading, and ``must_match`` rows are held by tests.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from plantargets.analysis.outcomes import typed_outcomes
from plantargets.vocab.columns import prefixed

NATIONAL_CODE = "000000"
# Two decimals: the documents print targets to one decimal, so any larger difference is a misreading.
MATCH_TOLERANCE = 0.005
CHECK_COLUMNS = [
    "figure",
    "period",
    "published_value",
    "published_upper",
    "published_qualifier",
    "published_source",
    "panel_value",
    "panel_upper",
    "panel_qualifier",
    "panel_source",
    "match",
    "citation",
]


def _same(a: object, b: object) -> bool:
    """Equal numbers within the tolerance, or both missing (no number stated on either side)."""
    a_nan, b_nan = pd.isna(a), pd.isna(b)
    if a_nan or b_nan:
        return bool(a_nan and b_nan)
    return abs(float(a) - float(b)) <= MATCH_TOLERANCE  # type: ignore[arg-type]


def _compare(published: pd.DataFrame, panel: pd.DataFrame, key: str) -> pd.DataFrame:
    """Join published rows and panel rows on ``key`` (period) and mark each pair matching or not."""
    out = published.merge(panel, on=key, how="left")
    qual_ok = out["published_qualifier"].fillna("") == out["panel_qualifier"].fillna("missing").replace("", "missing")
    out["match"] = [
        _same(a, b) and _same(c, d) and bool(q)
        for a, b, c, d, q in zip(
            out["published_value"],
            out["panel_value"],
            out["published_upper"],
            out["panel_upper"],
            qual_ok,
            strict=True,
        )
    ]
    return out[CHECK_COLUMNS]


def _published(figures: pd.DataFrame, figure: str) -> pd.DataFrame:
    d = figures[figures["figure"] == figure]
    published = prefixed(("value", "upper", "qualifier", "source"), "published")
    return d.rename(columns=published)[["figure", "period", *published.values(), "citation"]]


def national_target_check(figures: pd.DataFrame, panel: pd.DataFrame) -> pd.DataFrame:
    """The national GDP growth target of each year: the State Council report against the panel's row."""
    pub = _published(figures, "national_gdp_target")
    nat = typed_outcomes(panel)
    nat = nat[(nat["region_code"] == NATIONAL_CODE) & (nat["indicator"] == "gdp_growth")]
    mine = pd.DataFrame(
        {
            "period": nat["year"].astype("Int64").astype(str),
            "panel_value": nat["target_value"],
            "panel_upper": nat["target_upper"],
            "panel_qualifier": nat["qualifier"],
            "panel_source": nat.get("target_source", pd.Series("", index=nat.index)),
        }
    ).drop_duplicates("period")
    return _compare(pub, mine, "period")


def plan_average_check(figures: pd.DataFrame, plans: pd.DataFrame, side: str = "outcome") -> pd.DataFrame:
    """National plan-period GDP growth: the target (``side='target'``) or the stated average
    (``side='outcome'``) of each plan in the published file against the plan table's national row."""
    pub = _published(figures, f"national_plan_{side}")
    d = typed_outcomes(plans)
    d = d[(d["region_code"] == NATIONAL_CODE) & (d["indicator"] == "gdp_growth")]
    plan = d["plan"].astype(str).str.extract(r"(\d+)")[0]
    value = d["target_value"] if side == "target" else d["outcome"]
    upper = d["target_upper"] if side == "target" else pd.Series(np.nan, index=d.index)
    qual = d["qualifier"] if side == "target" else pd.Series("exact", index=d.index).where(value.notna(), "missing")
    source = d.get(f"{side}_source", pd.Series("", index=d.index))
    mine = pd.DataFrame(
        {
            "period": "fyp" + plan,
            "panel_value": value,
            "panel_upper": upper,
            "panel_qualifier": qual,
            "panel_source": source,
        }
    ).drop_duplicates("period")
    return _compare(pub, mine, "period")


def plan_checks(figures: pd.DataFrame, plans: pd.DataFrame) -> pd.DataFrame:
    """Both national plan-period checks, targets then stated averages, in one table."""
    return pd.concat(
        [plan_average_check(figures, plans, "target"), plan_average_check(figures, plans, "outcome")],
        ignore_index=True,
    )
