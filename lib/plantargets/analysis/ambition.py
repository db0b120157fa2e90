"""How ambitious targets are: each document's target against four benchmarks.

The benchmarks are the national 14th-plan target, the parent region's target, the mean of
the other regions and the document's own 13th-plan record; gaps are in pp (percentage
points of annual growth).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from plantargets.analysis import metrics
from plantargets.analysis.comparability import comparable, not_a_planned_change, row_comparability
from plantargets.analysis.growth import (
    family_map,
    flag_findings,
    growth_table,
    national_growth,
)
from plantargets.analysis.loading import sources_table
from plantargets.analysis.panel import PRICE_LABEL, REAL_STATED, SERIES_COLUMNS
from plantargets.analysis.parameters import BENCHMARKS, check_choice
from plantargets.analysis.parents import parent_targets
from plantargets.dataset import reference
from plantargets.dataset.catalog import Catalog, default_catalog
from plantargets.vocab.comparability import ANNUAL, ANNUAL_DOC_TYPES, GROWTH_RATE, PLAN_AVERAGE, TEXT

# Checks whose findings the ambition and profile notebooks report as consistency issues.
CONSISTENCY_CHECKS = (
    "growth_consistency",
    "nominal_vs_real",
    "impossible_real_growth",
    "cumulative_as_rate",
    "impossible_value",
    "prose_table_disagreement",
    "unreadable_value",
    "seq_anomaly",
)


def _work_report_targets(indicators: pd.DataFrame, sources: pd.DataFrame, catalog: Catalog | None) -> pd.DataFrame:
    """Annual growth targets of work reports, as growth-panel rows for their report year.

    Each row goes through the comparability layer: a floor (增长30%以上) or words keep their
    number in ``target_printed`` and the reason in ``target_excluded``, not in ``target_growth``.
    """
    fam = family_map(catalog)
    reports = sources[sources["doc_type"].isin(ANNUAL_DOC_TYPES)]
    years = dict(zip(reports["doc_id"], reports["report_year"], strict=True))
    d = indicators[indicators["doc_id"].isin(list(years)) & indicators["indicator"].fillna("").str.endswith("_growth")]
    if "role" in d.columns:
        d = d[d["role"].fillna("target") == "target"]  # a realised figure of last year is no target
    rows = []
    for r in d.to_dict("records"):
        ty = pd.to_numeric(r.get("target_year"), errors="coerce")
        if pd.notna(ty) and pd.notna(years[r["doc_id"]]) and ty != years[r["doc_id"]]:
            continue  # the new plan's five-year targets (今后五年) are in the growth table, not here
        value = r["annual_growth"] if pd.notna(r["annual_growth"]) else r["target_value"]
        comp = row_comparability(r, "work_report", catalog)
        if pd.isna(value) and comp["target_type"] != TEXT:
            continue
        reason = not_a_planned_change(comp, float(value))
        key = fam.get(str(r["indicator"]), str(r["indicator"]))
        rows.append(
            {
                **{c: r[c] for c in ("doc_id", "region", "indicator", "name", "unit")},
                **{"key": key, "series": key, "measure": "growth_pct", "quantity": comp["measure"]},
                "higher_is_better": comp["higher_is_better"],
                "past_growth": np.nan,
                "target_growth": np.nan if reason else float(value),
                "target_basis": "stated",
                "target_price_basis": PRICE_LABEL[comp["price_basis"]],
                "target_qualifier": r["qualifier"],
                "target_type": comp["target_type"],
                "time_basis": comp["time_basis"],
                "target_printed": value,
                "target_excluded": reason,
                "target_source": f"prose:{r['line']}",
                "target_year": years[r["doc_id"]],
            }
        )
    return pd.DataFrame(rows)


def plan_year(doc_type: str, report_year: object, period: object) -> float:
    """The year whose parent target benchmarks a document: a work report's year; a plan's first
    year (2021 for 2021-2025), since a 2021 plan is set against its parent's 2021 target."""
    if doc_type in ANNUAL_DOC_TYPES:
        return float(pd.to_numeric(report_year, errors="coerce"))
    start = str(period or "")[:4]
    return float(start) if start.isdigit() else np.nan


def _national(panel: pd.DataFrame, nat: pd.DataFrame, reference_dir: Path | None) -> pd.DataFrame:
    """``national`` and its basis, only where :func:`comparability.comparable` allows it: an
    outline's plan average against the national 14th plan's rate of the same series and measure;
    a work report's annual GDP target against the national target of the same year."""
    plan = {
        s_: (v, c, NATIONAL_PLAN_BASIS, {"measure": q, "time_basis": PLAN_AVERAGE, "doc_type": "fyp_outline"})
        for s_, q, v, c in zip(nat["series"], nat["quantity"], nat["national"], nat["confirmed"], strict=True)
    }
    gdp_targets = reference.load_national_gdp_targets(reference_dir)
    yearly = {
        int(y): (float(v), bool(c), f"national {int(y)} annual target", NATIONAL_YEAR_TARGET)
        for y, v, c in zip(gdp_targets["year"], gdp_targets["target_pct"], gdp_targets["confirmed"], strict=True)
    }
    found = []
    for rec in panel.to_dict("records"):
        year = pd.to_numeric(rec["target_year"], errors="coerce")
        hit = yearly.get(int(year)) if rec["time_basis"] == ANNUAL and rec["key"] == "gdp" and pd.notna(year) else None
        hit = hit or plan.get(rec["series"])
        own = {"measure": rec["quantity"], "time_basis": rec["time_basis"], "doc_type": rec["doc_type"]}
        # Only a like-with-like benchmark: same measure, time basis and document type.
        found.append(hit if hit and comparable(own, hit[3])[0] else (np.nan, np.nan, "", {}))
    panel["national"] = pd.Series([f[0] for f in found], index=panel.index, dtype=float)
    panel["national_confirmed"] = pd.Series([f[1] for f in found], index=panel.index, dtype=object)
    panel["national_basis"] = [f[2] for f in found]
    panel["gap_national"] = panel["target_growth"] - panel["national"]
    return panel


def _parents(
    panel: pd.DataFrame, indicators: pd.DataFrame, src: pd.DataFrame, reference_dir: Path | None
) -> pd.DataFrame:
    """GDP only: the parent's annual GDP target of the target's own year.

    A year's target (a work report's) meets the parent's target of that year. A plan's average
    meets the parent's target of the plan's first year (2021 for 2021–2025, ``plan_year``): the
    one comparison across time bases made, because it is how a plan is set against the plan or
    report its parent adopted the same year; ``parent_basis`` says so. A report's five-year
    target gets no parent.
    """
    found = parent_targets(indicators, src, year=None, directory=reference_dir)
    found = found.drop_duplicates(["doc_id", "year"]).set_index(["doc_id", "year"])
    years = {r["doc_id"]: plan_year(r["doc_type"], r["report_year"], r["period"]) for r in src.to_dict("records")}
    annual = panel["time_basis"] == ANNUAL
    outline = ~panel["doc_type"].isin(ANNUAL_DOC_TYPES)
    first = panel["doc_id"].map(years)
    panel["parent_year"] = np.where(annual, panel["target_year"], np.where(outline, first, np.nan)).astype(float)
    panel["parent_basis"] = [
        "" if pd.isna(y) else f"parent's {int(y)} annual target" + ("" if a else " (the plan's first year)")
        for y, a in zip(panel["parent_year"], annual, strict=True)
    ]
    cols = (
        ("parent", "parent_target_pct"),
        ("parent_relation", "benchmark_relation"),
        ("parent_confirmed", "confirmed"),
        ("parent_ref", "origin_ref"),
    )
    hits = [
        (doc, year) if key == "gdp" and pd.notna(year) and (doc, year) in found.index else None
        for doc, year, key in zip(panel["doc_id"], panel["parent_year"], panel["key"], strict=True)
    ]
    for col, src_col in cols:
        empty = np.nan if col == "parent" else ""
        panel[col] = pd.Series([found.at[h, src_col] if h else empty for h in hits], index=panel.index, dtype=object)
    panel["parent"] = pd.to_numeric(panel["parent"], errors="coerce")
    panel.loc[panel["parent"].isna(), "parent_basis"] = ""
    panel["gap_parent"] = metrics.amplification(panel["target_growth"], panel["parent"])
    return panel


def _peers(panel: pd.DataFrame) -> pd.DataFrame:
    """Minus the mean target of the other documents of the same type, series, time basis and year
    (a 2023 work report's targets against other 2023 reports, never against 2005's)."""
    usable = panel["target_growth"].where(~panel["excluded"].astype(bool))
    peers = metrics.peer_mean(panel.assign(_v=usable), "_v", ["doc_type", "series", "time_basis", "target_year"])
    panel["peer_mean"], panel["peer_n"] = peers["peer_mean"], peers["peer_n"]
    panel["gap_peers"] = usable - panel["peer_mean"]
    return panel


def ambition_panel(
    indicators: pd.DataFrame,
    quality: pd.DataFrame,
    sources: pd.DataFrame,
    regions: Sequence[str] | None = None,
    national: pd.DataFrame | None = None,
    catalog: Catalog | None = None,
    reference_dir: Path | None = None,
) -> pd.DataFrame:
    """Every region's targets against four benchmarks, in pp: its past, the nation, its parent, its peers.

    Rows: outlines' 14th-plan series (:func:`growth_table`) and work reports' annual growth
    targets. Only planned changes get gaps: a floor, ceiling, maintain-target, words or a
    five-year total keeps ``target_growth`` empty with its reason in ``target_excluded``
    (``comparability.excluded_rows`` lists them), as does a row with an error finding.

    - ``gap_past`` = target − 13th-plan realised rate;
    - ``gap_national``: outlines minus the national 14th-plan rate of the same series and
      quantity; a work report's GDP target minus the national target of its year
      (``national_basis`` says which);
    - ``gap_parent``: GDP only, minus the parent's annual GDP target of the document's own year
      (a work report's year; a plan's first year, 2021) via ``parents.parent_targets``;
    - ``gap_peers``: minus the mean target of the other documents of the same type, series,
      time basis and target year (``metrics.peer_mean``).
    """
    src = sources_table(sources)
    regions = list(regions) if regions is not None else list(src["doc_id"])
    panel = growth_table(indicators, quality, regions, catalog=catalog, sources=src)
    panel["target_year"] = 2025
    wr = _work_report_targets(indicators, src[src["doc_id"].isin(regions)], catalog)
    if not wr.empty:
        wr = flag_findings(wr, quality)
        wr["real"] = wr["target_price_basis"] == REAL_STATED
        panel = pd.concat([panel, wr], ignore_index=True)
    keep = panel["target_growth"].notna() | (panel["target_excluded"].fillna("") != "")
    panel = panel[keep].reset_index(drop=True)
    panel["doc_type"] = panel["doc_id"].map(dict(zip(src["doc_id"], src["doc_type"], strict=True))).fillna("")
    panel["gap_past"] = metrics.target_minus_past(panel["target_growth"], panel["past_growth"])
    nat = national if national is not None else national_growth(catalog, reference_dir)
    panel = _peers(_parents(_national(panel, nat, reference_dir), indicators, src, reference_dir))
    gaps = ["gap_past", "gap_national", "gap_parent", "gap_peers"]
    panel.loc[panel["excluded"].astype(bool), gaps] = np.nan  # an impossible value has no ambition
    return panel[AMBITION_COLUMNS].sort_values(["doc_id", "series"]).reset_index(drop=True)


AMBITION_COLUMNS = [
    "doc_id",
    "doc_type",
    "series",
    *SERIES_COLUMNS,
    "target_year",
    "target_growth",
    "target_qualifier",
    "target_type",
    "time_basis",
    "target_printed",
    "target_excluded",
    "target_price_basis",
    "target_source",
    "past_growth",
    "national",
    "national_confirmed",
    "national_basis",
    "parent",
    "parent_relation",
    "parent_confirmed",
    "parent_ref",
    "parent_year",
    "parent_basis",
    "peer_mean",
    "peer_n",
    "gap_past",
    "gap_national",
    "gap_parent",
    "gap_peers",
    "flags",
    "excluded",
    "real",
]
NATIONAL_PLAN_BASIS = "national 14th plan, 2021–2025 average"
# The national annual GDP target (national_annual_gdp_targets.csv): the State Council's work report.
NATIONAL_YEAR_TARGET = {"measure": GROWTH_RATE, "time_basis": ANNUAL, "doc_type": "work_report"}


def select_series(panel: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Rows of a panel whose family ``key`` is one of ``keys`` (e.g. ``["gdp"]``)."""
    return panel[panel["key"].isin(list(keys))].reset_index(drop=True)


def gap_matrix(panel: pd.DataFrame, benchmark: str, measure: str | None = None, min_values: int = 1) -> pd.DataFrame:
    """Region (doc_id) × series matrix of ``gap_<benchmark>`` (pp), for the heatmap.

    ``measure`` keeps growth rates ('growth_pct') or share changes ('pp_per_year') so one
    colour scale does not mix them. Series with fewer than ``min_values`` numbers are
    dropped, as are regions with none.
    """
    check_choice(benchmark, "benchmark", BENCHMARKS)
    col = f"gap_{benchmark}"
    if measure is not None:
        panel = panel[panel["measure"] == measure]
    if panel.empty:
        return pd.DataFrame()
    m = panel.pivot_table(index="doc_id", columns="series", values=col, aggfunc="first")
    m = m.loc[:, m.notna().sum() >= min_values]
    return m.dropna(how="all")


def ambition_summary(panel: pd.DataFrame) -> pd.DataFrame:
    """Per document: how many targets, and for each benchmark how many comparisons, their median
    gap (pp) and the share of targets above the benchmark (%)."""
    rows = []
    for doc_id, g in panel.groupby("doc_id", sort=True):
        rec: dict[str, Any] = {"doc_id": doc_id, "n_targets": int(g["target_growth"].notna().sum())}
        for b in BENCHMARKS:
            gap = g[f"gap_{b}"].dropna()
            rec[f"n_{b}"] = len(gap)
            rec[f"median_gap_{b}"] = float(gap.median()) if len(gap) else np.nan
            rec[f"above_{b}_pct"] = float(100.0 * (gap > 0).mean()) if len(gap) else np.nan
        rows.append(rec)
    return pd.DataFrame(rows)


def national_reference(directory: Path | None = None) -> pd.DataFrame:
    """The national 14th-plan table for display: values, attribute, which cells are unconfirmed."""
    ref = reference.load_national_fyp14(directory)
    cols = [
        "seq",
        "category",
        "name",
        "code",
        "unit",
        "base_value",
        "base_flag",
        "target_value",
        "target_text",
        "annual_value",
        "cumulative",
        "attribute",
        "confirmed_base",
        "confirmed_target",
        "confirmed_annual",
        "confirmed_attribute",
        "confirmed",
        "footnote",
    ]
    return ref[cols].copy()


def target_style(
    indicators: pd.DataFrame, regions: Sequence[str] | None = None, by: str = "category", plan: int = 14
) -> pd.DataFrame:
    """Specificity and binding shares of the plan's main tables, by catalogue category or by document.

    ``by`` is 'category' or 'doc_id'. Columns: ``by``, n, n_numeric, specificity_pct,
    n_with_attribute, n_binding, binding_share_pct, with an ``(all)`` row. Category is the
    catalogue's (economic, innovation, ...) so that 民生福祉 and 社会民生 count as one group;
    uncatalogued rows fall under 'other'.
    """
    check_choice(by, "grouping", ("category", "doc_id"))
    d = indicators[indicators["table"] == f"fyp{plan}_main"].copy()
    if regions is not None:
        d = d[d["doc_id"].isin(list(regions))]
    cat = default_catalog()
    d["category"] = [cat.get(c).category if c and c in cat else "other" for c in d["indicator"].fillna("")]
    spec = metrics.specificity(d, by=by)
    bind = metrics.binding_share(d, by=by)
    out = spec.merge(bind, on=by, how="outer")
    for c in ("n", "n_numeric", "n_with_attribute", "n_binding"):
        out[c] = out[c].fillna(0).astype(int)
    return out


def consistency_findings(
    quality: pd.DataFrame, regions: Sequence[str] | None = None, checks: Sequence[str] = CONSISTENCY_CHECKS
) -> pd.DataFrame:
    """The quality findings a reader of the numbers must know, each with its source line ``file:line``."""
    q = quality[quality["check"].isin(list(checks))]
    if regions is not None:
        q = q[q["doc_id"].isin(list(regions))]
    # code and params let a report restate the message in its language (present.messages)
    out = q[[c for c in ("doc_id", "check", "severity", "name", "message", "code", "params") if c in q.columns]].copy()
    out.insert(
        1,
        "source",
        [f"{f}:{int(ln)}" if pd.notna(ln) else str(f) for f, ln in zip(q["source_file"], q["line"], strict=True)],
    )
    order = {s: i for i, s in enumerate(("error", "warning", "info"))}
    out["_o"] = out["severity"].map(order).fillna(9)
    return out.sort_values(["_o", "doc_id", "check"], kind="stable").drop(columns="_o").reset_index(drop=True)
