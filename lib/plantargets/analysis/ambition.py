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
from plantargets.analysis.growth import (
    family_map,
    flag_findings,
    growth_table,
    national_growth,
)
from plantargets.analysis.loading import sources_table
from plantargets.analysis.panel import REAL_STATED, STATED
from plantargets.analysis.parameters import BENCHMARKS, check_choice
from plantargets.analysis.parents import parent_targets
from plantargets.dataset import reference
from plantargets.dataset.catalog import Catalog, default_catalog
from plantargets.vocab.words import REAL_GROWTH_NAME_RE

# Checks whose findings the ambition and profile notebooks report as consistency issues.
CONSISTENCY_CHECKS = (
    "growth_consistency",
    "nominal_vs_real",
    "impossible_value",
    "prose_table_disagreement",
    "unreadable_value",
    "seq_anomaly",
)


def _work_report_targets(indicators: pd.DataFrame, sources: pd.DataFrame, catalog: Catalog | None) -> pd.DataFrame:
    """Annual growth targets of work reports, as growth-panel rows for their report year."""
    fam = family_map(catalog)
    reports = sources[sources["doc_type"] == "work_report"]
    rows = []
    for rep in reports.to_dict("records"):
        d = indicators[(indicators["doc_id"] == rep["doc_id"]) & (indicators["indicator"].fillna("") != "")]
        for r in d.to_dict("records"):
            code = str(r["indicator"])
            if not code.endswith("_growth"):
                continue
            value = r["annual_growth"] if pd.notna(r["annual_growth"]) else r["target_value"]
            if pd.isna(value):
                continue
            rows.append(
                {
                    "doc_id": rep["doc_id"],
                    "region": r["region"],
                    "key": fam.get(code, code),
                    "series": fam.get(code, code),
                    "indicator": code,
                    "name": r["name"],
                    "unit": r["unit"],
                    "measure": "growth_pct",
                    "past_growth": np.nan,
                    "target_growth": float(value),
                    "target_basis": "stated",
                    "target_price_basis": REAL_STATED if REAL_GROWTH_NAME_RE.search(str(r["name"])) else STATED,
                    "target_qualifier": r["qualifier"],
                    "target_source": f"prose:{r['line']}",
                    "target_year": rep["report_year"],
                }
            )
    return pd.DataFrame(rows)


def ambition_panel(
    indicators: pd.DataFrame,
    quality: pd.DataFrame,
    sources: pd.DataFrame,
    regions: Sequence[str] | None = None,
    national: pd.DataFrame | None = None,
    parent_year: int | None = None,
    catalog: Catalog | None = None,
    reference_dir: Path | None = None,
) -> pd.DataFrame:
    """Every region's targets against four benchmarks, in pp: its past, the nation, its parent, its peers.

    - outlines: the 14th-plan target rate of each series (:func:`growth_table`); work reports:
      their annual growth targets for the report year;
    - ``gap_past`` = target − 13th-plan realised rate (:func:`metrics.target_minus_past`);
    - ``gap_national``: minus the national 14th-plan rate of the series (:func:`national_growth`)
      for outlines; for a work report's GDP target, minus the national GDP target of its year;
    - ``gap_parent``: GDP only, minus the parent's annual GDP target in ``parent_year``
      (default: the latest work-report year in the manifest) via ``parents.parent_targets``;
      ``parent_relation`` says whether the benchmark is the direct parent or the province;
    - ``gap_peers``: minus the mean target of the *other* documents of the same type for the
      series (``metrics.peer_mean``; not split by level, since four outlines cannot be).
    ``national_confirmed``/``parent_confirmed`` are False for benchmark cells no source confirms.
    """
    src = sources_table(sources)
    regions = list(regions) if regions is not None else list(src["doc_id"])
    panel = growth_table(indicators, quality, regions, catalog=catalog)
    panel["target_year"] = 2025
    wr = _work_report_targets(indicators, src[src["doc_id"].isin(regions)], catalog)
    if not wr.empty:
        wr = flag_findings(wr, quality)
        wr["real"] = wr["target_price_basis"] == REAL_STATED
        panel = pd.concat([panel, wr], ignore_index=True)
    panel = panel.dropna(subset=["target_growth"]).reset_index(drop=True)
    panel["doc_type"] = panel["doc_id"].map(dict(zip(src["doc_id"], src["doc_type"], strict=True))).fillna("")
    panel["gap_past"] = metrics.target_minus_past(panel["target_growth"], panel["past_growth"])

    nat = national if national is not None else national_growth(catalog, reference_dir)
    outline = panel["doc_type"] != "work_report"
    nat_map = dict(zip(nat["series"], nat["national"], strict=True))
    nat_conf = dict(zip(nat["series"], nat["confirmed"], strict=True))
    panel["national"] = np.where(outline, panel["series"].map(nat_map), np.nan).astype(float)
    panel["national_confirmed"] = np.where(outline, panel["series"].map(nat_conf), np.nan)
    gdp_targets = reference.load_national_gdp_targets(reference_dir).set_index("year")
    for i in panel.index[~outline & (panel["key"] == "gdp")]:
        year = int(panel.at[i, "target_year"])
        if year in gdp_targets.index:
            panel.at[i, "national"] = float(gdp_targets.at[year, "target_pct"])
            panel.at[i, "national_confirmed"] = bool(gdp_targets.at[year, "confirmed"])
    panel["gap_national"] = panel["target_growth"] - panel["national"]

    if parent_year is None:
        years = src.loc[src["doc_type"] == "work_report", "report_year"].dropna()
        parent_year = int(years.max()) if not years.empty else None
    parents = parent_targets(indicators, src, year=parent_year, directory=reference_dir)
    parents = parents.drop_duplicates("doc_id").set_index("doc_id")
    is_gdp = panel["key"] == "gdp"
    for col, src_col in (
        ("parent", "parent_target_pct"),
        ("parent_relation", "benchmark_relation"),
        ("parent_confirmed", "confirmed"),
        ("parent_ref", "origin_ref"),
    ):
        panel[col] = np.where(is_gdp, panel["doc_id"].map(parents[src_col]), np.nan if col == "parent" else "")
    panel["parent"] = pd.to_numeric(panel["parent"], errors="coerce")
    panel["gap_parent"] = metrics.amplification(panel["target_growth"], panel["parent"])
    panel["parent_year"] = parent_year

    usable = panel["target_growth"].where(~panel["excluded"].astype(bool))
    # Peers: the other documents of the same type (a work report's annual target is no peer of
    # a five-year plan rate), whatever their level, since four outlines cannot be split further.
    peers = metrics.peer_mean(panel.assign(_v=usable), "_v", ["doc_type", "series"])
    panel["peer_mean"], panel["peer_n"] = peers["peer_mean"], peers["peer_n"]
    panel["gap_peers"] = usable - panel["peer_mean"]
    gaps = ["gap_past", "gap_national", "gap_parent", "gap_peers"]
    panel.loc[panel["excluded"].astype(bool), gaps] = np.nan  # an impossible value has no ambition
    cols = [
        "doc_id",
        "doc_type",
        "series",
        "key",
        "indicator",
        "name",
        "unit",
        "measure",
        "target_year",
        "target_growth",
        "target_qualifier",
        "target_price_basis",
        "target_source",
        "past_growth",
        "national",
        "national_confirmed",
        "parent",
        "parent_relation",
        "parent_confirmed",
        "parent_ref",
        "parent_year",
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
    return panel[cols].sort_values(["doc_id", "series"]).reset_index(drop=True)


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
    out = q[["doc_id", "check", "severity", "name", "message"]].copy()
    out.insert(
        1,
        "source",
        [f"{f}:{int(ln)}" if pd.notna(ln) else str(f) for f, ln in zip(q["source_file"], q["line"], strict=True)],
    )
    order = {s: i for i, s in enumerate(("error", "warning", "info"))}
    out["_o"] = out["severity"].map(order).fillna(9)
    return out.sort_values(["_o", "doc_id", "check"], kind="stable").drop(columns="_o").reset_index(drop=True)
