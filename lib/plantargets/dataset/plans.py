"""The plan-period view: a five-year plan's targets against what the closing report states.

One row per region × plan × indicator × measure × where the target was set:

* ``measure`` ``average``: the plan's 年均 (annual average) target — the outline table's annual
  column or a prose 年均增长 — against the average over the plan the work report of the year
  after the plan states (the 2026 reports: 十四五时期…年均增长5.4%, ``base_year`` 2020,
  ``target_year`` 2025, role actual);
* ``measure`` ``level``: the plan's end-year level (常住人口城镇化率 65% in 2025) against the
  level the same closing report states for the plan's last year.

``target_from`` says where the target was set: ``fyp_outline`` (the plan outline) or
``work_report`` (the report of the plan's first year, which states the five-year targets,
今后五年/十四五时期主要目标). Plans without a closing report yet (the 15th) have targets and no
outcome. Every average a closing report states is kept, also where the plan set no target for it
(the nation's 14th plan states no GDP number; no 10th-plan target is read): ``target_from`` and the
target columns are empty, ``gap`` NaN and ``met`` NA, so a plan's realised averages can be set side by
side across regions. The met rule and units are those of :mod:`plantargets.dataset.attainment`.
"""

from __future__ import annotations

import pandas as pd

from plantargets.dataset.attainment import judged
from plantargets.dataset.catalog import Catalog
from plantargets.dataset.outcomes import OUTCOME_DETAILS, range_upper, stated_outcomes
from plantargets.vocab.columns import PANEL_FLAGS, column_names, prefixed, typed_panel
from plantargets.vocab.periods import plan_number, plan_years

# The plan view's columns in file order (vocab/columns.csv, as in datapackage.json).
PLAN_OUTCOME_COLUMNS = column_names("plan_outcomes")
PLAN_KEY = ["region_code", "plan", "indicator", "measure"]
# Catalogue kinds whose end-year value is itself a rate of growth: only their average is compared.
_GROWTH_KINDS = ("growth",)


def _plan_target_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Target rows that set a value for a plan's last year: outlines, and first-year reports."""
    t = rows[(rows["role"] == "target") & rows["target_year"].notna() & ~rows["cumulative"]].copy()
    end = t["target_year"]
    outline = (t["doc_type"] == "fyp_outline") & (end == t["plan_end"])
    opens = t["report_year"].map(lambda y: pd.notna(y) and plan_years(plan_number(int(y)))[0] == y).astype(bool)
    first_year = (t["doc_type"] == "work_report") & opens & (t["report_year"] + 4 == end)
    t = t[outline | first_year].copy()
    t["plan_end"] = t["target_year"].astype("Int64")
    t["plan_start"] = (t["plan_end"] - 4).astype("Int64")
    t["plan"] = [plan_number(int(y)) for y in t["plan_start"]]
    t["target_from"] = t["doc_type"]
    return t


def plan_targets(rows: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """Each plan's average and end-level targets, one per key and source kind (first by line)."""
    t = _plan_target_rows(rows)
    average = t[t["annual_growth"].notna()].assign(measure="average", target_value=lambda d: d["annual_growth"])
    kinds = t["indicator"].map(lambda c: catalog.get(c).kind if c in catalog else "")
    level = t[t["target_value"].notna() & ~kinds.isin(_GROWTH_KINDS)].assign(measure="level")
    both = pd.concat([average, level], ignore_index=True)
    both["target_upper"] = range_upper(both).astype("float64")
    key = [*PLAN_KEY, "target_from"]
    both = both.sort_values([*key, "line", "source"], kind="stable").drop_duplicates(key, keep="first")
    return both.rename(columns={"source": "target_source"})


def _plan_end(years: pd.Series) -> pd.Series:
    """True where a year is the last of a five-year plan (2015, 2020, 2025)."""
    return years.map(lambda y: pd.notna(y) and plan_years(plan_number(int(y) - 4))[1] == y).astype(bool)


def closing_outcomes(rows: pd.DataFrame) -> pd.DataFrame:
    """What the report of the year after a plan states: the plan's averages and last-year levels."""
    a = rows[(rows["doc_type"] == "work_report") & (rows["role"] == "actual") & ~rows["cumulative"]]
    avg = a[
        a["annual_growth"].notna()
        & (a["base_year"] == a["target_year"] - 5)
        & (a["report_year"] == a["target_year"] + 1)
        & _plan_end(a["target_year"])  # not a government term's five years (2013-2017)
    ]
    avg = avg.assign(plan_end=avg["target_year"], measure="average", outcome=avg["annual_growth"])
    levels = stated_outcomes(rows)
    levels = levels[
        (levels["measure"] == "level") & (levels["report_year"] == levels["year"] + 1) & _plan_end(levels["year"])
    ]
    levels = levels.assign(plan_end=levels["year"])
    cols = ["region_code", "plan_end", "indicator", "measure", "outcome", "unit", "qualifier", "preliminary", "line"]
    both = pd.concat([avg[[*cols, "source"]], levels[[*cols, "source"]]], ignore_index=True)
    both["plan"] = [plan_number(int(y) - 4) for y in both["plan_end"]]
    both = both.sort_values([*PLAN_KEY, "line", "source"], kind="stable").drop_duplicates(PLAN_KEY, keep="first")
    return both.rename(columns=prefixed(OUTCOME_DETAILS, "outcome")).drop(columns=["plan_end", "line"])


_REGION_COLUMNS = ["region_code", "region", "level", "parent_code"]


def untargeted_averages(closing: pd.DataFrame, targets: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """The closing averages no target row pairs with, as plan rows with empty target columns.

    Only ``measure`` average: a plan's realised average is its headline (年均增长5.4%), while the many
    end-year levels a report states without a plan target are the annual panel's business. The row
    takes the outcome's unit as its ``unit`` (there is no target unit) and the region's name, level
    and parent from ``rows``.
    """
    avg = closing[closing["measure"] == "average"]
    paired = avg.merge(targets[PLAN_KEY].drop_duplicates(), on=PLAN_KEY, how="left", indicator=True)
    alone = paired[paired["_merge"] == "left_only"].drop(columns="_merge")
    names = [c for c in _REGION_COLUMNS if c in rows.columns]
    regions = rows[names].drop_duplicates("region_code")
    out = alone.merge(regions, on="region_code", how="left", validate="many_to_one")
    years = [plan_years(int(p)) for p in out["plan"]]
    return out.assign(
        unit=out["outcome_unit"],
        plan_start=[y[0] for y in years],
        plan_end=[y[1] for y in years],
        target_from="",
        qualifier="",
        target_text="",
        target_source="",
    )


def plan_outcomes(rows: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """The plan view (module docstring) from :func:`plantargets.dataset.outcomes.with_documents` rows."""
    targets = plan_targets(rows, catalog)
    closing = closing_outcomes(rows)
    view = targets.merge(closing, on=PLAN_KEY, how="left", validate="many_to_one")
    view = pd.concat([view, untargeted_averages(closing, targets, rows)], ignore_index=True)
    view = judged(view, catalog)
    return typed_plan_outcomes(view)


def typed_plan_outcomes(df: pd.DataFrame) -> pd.DataFrame:
    """Contract dtypes and order of the plan view."""
    return typed_panel(
        df,
        PLAN_OUTCOME_COLUMNS,
        floats=("target_value", "target_upper", "outcome", "gap"),
        ints=("plan", "plan_start", "plan_end"),
        flags=PANEL_FLAGS,
        sort_by=[*PLAN_KEY, "target_from"],
    )


__all__ = [
    "PLAN_OUTCOME_COLUMNS",
    "closing_outcomes",
    "plan_outcomes",
    "plan_targets",
    "typed_plan_outcomes",
    "untargeted_averages",
]
