"""Growth panels: one row per document and series, the realised and the target rate side by side.

Units follow :mod:`plantargets.analysis.metrics`: growth in % a year, changes of shares in pp a
year. A *series* is one comparable quantity: the catalogue family (``gdp`` joins the GDP level
printed in a table and the GDP growth rate stated in prose) plus its measure, so a share's
change in pp never lands in one panel with a growth rate in %.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from plantargets.analysis import metrics, regression
from plantargets.analysis.panel import NOMINAL_STATED, REAL_STATED, growth_panel
from plantargets.dataset import reference
from plantargets.dataset.catalog import Catalog, default_catalog
from plantargets.vocab.comparability import GROWTH_RATE, KIND_MEASURE, LEVEL
from plantargets.vocab.words import GROWTH_NAME_RE

# Findings that make a number unusable for analysis (a base and target 523 times apart):
# rows resting on them are kept in tables, flagged, and left out of estimates.
EXCLUDING_SEVERITY = "error"
PP_SUFFIX = ":pp"  # series key suffix of a share's change in pp per year


def family_map(catalog: Catalog | None = None) -> dict[str, str]:
    """Catalogue code → family key, so a table's level and a prose rate of one series meet.

    Only a level and its growth rate are one series (the GDP level in a table, GDP growth in
    prose: both give a growth rate). A family of a count and a share (good-air days 322 天 and
    their ratio 95 %) is two measures: each member keeps its own code, so a count is never
    shown, ranked or labelled as the ratio.
    """
    catalog = catalog or default_catalog()
    joinable = (LEVEL, GROWTH_RATE)
    members: dict[str, list[str]] = {}
    for e in catalog.entries.values():
        members.setdefault(e.family_key, []).append(KIND_MEASURE.get(e.kind, LEVEL))
    return {
        e.code: e.family_key if all(m in joinable for m in members[e.family_key]) else e.code
        for e in catalog.entries.values()
    }


def doc_type_map(sources: pd.DataFrame | None) -> dict[str, str]:
    """doc_id → manifest doc_type ({} without a manifest): a work report's targets are annual."""
    if sources is None or "doc_type" not in sources.columns:
        return {}
    return dict(zip(sources["doc_id"].astype(str), sources["doc_type"].fillna("").astype(str), strict=True))


def series_key(key: str, measure: str) -> str:
    """The analysis key: the family key, with ``:pp`` for a share's change in pp per year."""
    return f"{key}{PP_SUFFIX}" if measure == "pp_per_year" else key


def source_line(source: object) -> float:
    """'fyp14_main:174' → 174.0 (NaN when there is none)."""
    m = re.search(r":(\d+)$", str(source or ""))
    return float(m.group(1)) if m else np.nan


def flag_findings(panel: pd.DataFrame, quality: pd.DataFrame) -> pd.DataFrame:
    """Add ``flags`` (checks found at the row's source lines) and ``excluded`` (an error finding).

    A quality finding belongs to a panel row when it names the same document and the line of
    the row's past or target source. Excluded rows stay in tables (flagged) but are left out of
    estimates, because an impossible value would dominate a regression of five points.
    """
    out = panel.copy()
    findings = quality[quality["check"].astype(str) != "uncatalogued"]
    by_line: dict[tuple[str, float], list[tuple[str, str]]] = {}
    for rec in findings.to_dict("records"):
        line = pd.to_numeric(rec.get("line"), errors="coerce")
        if pd.notna(line):
            by_line.setdefault((str(rec["doc_id"]), float(line)), []).append((str(rec["check"]), str(rec["severity"])))
    flags, excluded = [], []
    for rec in out.to_dict("records"):
        found: list[tuple[str, str]] = []
        for col in ("past_source", "target_source"):
            line = source_line(rec.get(col))
            if not np.isnan(line):
                found += by_line.get((str(rec["doc_id"]), line), [])
        flags.append(", ".join(sorted({c for c, _ in found})))
        excluded.append(any(s == EXCLUDING_SEVERITY for _, s in found))
    out["flags"] = flags
    out["excluded"] = excluded
    return out


def growth_table(
    indicators: pd.DataFrame,
    quality: pd.DataFrame,
    regions: Sequence[str] | None = None,
    series: Sequence[str] = (),
    catalog: Catalog | None = None,
    sources: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The 14th-plan growth panel (``growth_panel``) keyed by series, with quality flags.

    One row per document × series: ``past_growth`` (13th plan, realised) and
    ``target_growth`` (14th plan) in % a year (or pp a year for shares, ``measure``), with
    where each came from and its price basis; a target that is no planned change is empty
    with its reason in ``target_excluded``. ``regions`` keeps those doc_ids (None: all);
    ``series`` keeps those series (empty: all); ``sources`` (the manifest) gives doc types.
    """
    ind = indicators if regions is None else indicators[indicators["doc_id"].isin(list(regions))]
    panel = growth_panel(ind, plan=14, family=family_map(catalog), doc_types=doc_type_map(sources), catalog=catalog)
    panel.insert(3, "series", [series_key(k, m) for k, m in zip(panel["key"], panel["measure"], strict=True)])
    if series:
        panel = panel[panel["series"].isin(list(series))]
    panel = flag_findings(panel, quality)
    panel["real"] = (panel["past_price_basis"] == REAL_STATED) | (panel["target_price_basis"] == REAL_STATED)
    return panel.reset_index(drop=True)


def subset(panel: pd.DataFrame, regions: Sequence[str] | None = None, series: Sequence[str] = ()) -> pd.DataFrame:
    """Rows of a panel for ``regions`` (doc_ids; None: all) and ``series`` (empty: all).

    The growth panel is computed per document, so filtering it equals computing it on the
    filtered indicators, without paying for ``growth_panel`` twice in one notebook.
    """
    keep = pd.Series(True, index=panel.index)
    if regions is not None:
        keep &= panel["doc_id"].isin(list(regions))
    if series:
        keep &= panel["series"].isin(list(series))
    return panel[keep].reset_index(drop=True)


def available_series(panel: pd.DataFrame) -> list[str]:
    """Series keys present in a growth table, sorted (what an ``indicators`` parameter may name)."""
    return sorted(panel["series"].dropna().astype(str).unique())


def dumbbell_data(panel: pd.DataFrame, measure: str = "growth_pct") -> pd.DataFrame:
    """Rows for a past-vs-target dumbbell: series of one ``measure`` with at least one complete pair.

    A series enters when some region states both its 13th-plan realised rate and its 14th-plan
    target; every region with either number is then shown (a lone dot is informative: a past
    rate with no numeric target). Excluded rows (impossible values) are dropped.
    """
    d = panel[(panel["measure"] == measure) & ~panel["excluded"] & prices_agree(panel)]
    complete = d.dropna(subset=["past_growth", "target_growth"])["series"].unique()
    d = d[d["series"].isin(complete)].dropna(subset=["past_growth", "target_growth"], how="all")
    return d.sort_values(["series", "doc_id"]).reset_index(drop=True)


def implied_levels(indicators: pd.DataFrame, regions: Sequence[str] | None = None, plan: int = 14) -> pd.DataFrame:
    """2020 levels grown at the stated annual rate for five years, next to the stated 2025 level.

    Rows of the plan's main table with a base level, a stated annual rate (not cumulative) and
    a level unit (not %, not a growth-rate row). ``implied_target = base · (1 + g)^years``;
    ``gap_pct`` is implied / stated − 1 in %. For GDP a gap near 0 shows that the table's 2025
    level was computed from the (real) rate without inflation, i.e. it is in 2020 prices.
    """
    d = indicators[indicators["table"] == f"fyp{plan}_main"]
    if regions is not None:
        d = d[d["doc_id"].isin(list(regions))]
    unit = d["unit"].fillna("").astype(str).str.strip()
    growth_named = d["name"].fillna("").astype(str).str.contains(GROWTH_NAME_RE) & (unit == "%")
    keep = (
        d["base_value"].notna()
        & d["annual_growth"].notna()
        & ~d["cumulative"].astype(bool)
        & ~unit.isin(["%", "‰"])
        & ~growth_named
    )
    d = d[keep]
    years = (d["target_year"] - d["base_year"]).astype(float)
    out = pd.DataFrame(
        {
            "doc_id": d["doc_id"],
            "indicator": d["indicator"],
            "name": d["name"],
            "unit": d["unit"],
            "base_year": d["base_year"],
            "base_value": d["base_value"],
            "annual_growth": d["annual_growth"],
            "target_year": d["target_year"],
            "implied_target": metrics.implied_level(d["base_value"], d["annual_growth"], years),
            "stated_target": d["target_value"],
            "line": d["line"],
        }
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        out["gap_pct"] = (out["implied_target"] / out["stated_target"] - 1.0) * 100.0
    return out.reset_index(drop=True)


def target_ranks(panel: pd.DataFrame, min_regions: int = 2, national: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each region's rank on each series' target (1 = most ambitious), for series set by ≥ ``min_regions``.

    Columns: series, doc_id, measure, target_growth, rank, n (regions ranked) and ``national``
    (the national rate of the series, from :func:`national_growth` when given). With two to four
    regions a rank says little beyond the ordering; the table says how many were ranked.
    """
    d = panel.dropna(subset=["target_growth"])
    d = d[~d["excluded"]]
    # Ranked only among targets of one time basis (a plan's average is no peer of a year's target).
    groups = ["series", "time_basis"] if "time_basis" in d.columns else ["series"]
    n = d.groupby(groups)["doc_id"].transform("nunique")
    d = d[n >= min_regions].copy()
    d["n"] = d.groupby(groups)["doc_id"].transform("nunique")
    # Rank 1 is the most ambitious in the direction of good: the highest GDP growth, the
    # steepest fall of unemployment (catalogue higher_is_better false).
    lower_better = (
        d["higher_is_better"].eq(False) if "higher_is_better" in d.columns else pd.Series(False, index=d.index)
    )
    d["_toward_good"] = d["target_growth"].where(~lower_better, -d["target_growth"])
    d["rank"] = d.groupby(groups)["_toward_good"].rank(ascending=False, method="min").astype(int)
    d["national"] = (
        d["series"].map(dict(zip(national["series"], national["national"], strict=True)))
        if (national is not None)
        else np.nan
    )
    cols = ["series", "doc_id", "measure", "target_growth", "rank", "n", "national"]
    return d[cols].sort_values(["series", "rank"]).reset_index(drop=True)


def prices_agree(panel: pd.DataFrame) -> pd.Series:
    """Rows whose past and target rates may be set side by side: not one real and one nominal
    (``comparability.price_bases_agree``; 'as stated' is compatible with either)."""
    real = {REAL_STATED}
    nominal = {NOMINAL_STATED}
    past, target = panel["past_price_basis"].fillna(""), panel["target_price_basis"].fillna("")
    clash = (past.isin(real) & target.isin(nominal)) | (past.isin(nominal) & target.isin(real))
    return ~clash


def regression_sample(panel: pd.DataFrame, measure: str = "growth_pct") -> pd.DataFrame:
    """Region × series pairs with both a past and a target rate of ``measure``: planned changes
    only (floors, ceilings and totals have no ``target_growth``), no error findings, and no real
    rate regressed on a nominal one. ``comparability.excluded_rows(panel)`` lists what is left out."""
    d = panel[(panel["measure"] == measure) & ~panel["excluded"] & prices_agree(panel)]
    return d.dropna(subset=["past_growth", "target_growth"]).reset_index(drop=True)


def regression_table(result: regression.OLSResult) -> pd.DataFrame:
    """The OLS result as a table: one row per coefficient with estimate and 95 % CI, plus n and R²."""
    return pd.DataFrame(
        {
            "term": ["intercept", "slope"],
            "estimate": [result.intercept, result.slope],
            "ci_low": [result.intercept_ci[0], result.slope_ci[0]],
            "ci_high": [result.intercept_ci[1], result.slope_ci[1]],
            "n": [result.n, result.n],
            "r2": [result.r2, result.r2],
            "pvalue": [np.nan, result.pvalue_slope],
        }
    )


def national_growth(catalog: Catalog | None = None, directory: Path | None = None) -> pd.DataFrame:
    """The national 14th plan's targets as a growth panel keyed by series, with confirmation.

    The reference table is shaped like a ``fyp14_main`` table and run through the same
    ``growth_panel``, so a national rate is computed exactly like a regional one (stated
    annual rate, else CAGR or pp a year of its 2020 and 2025 values). ``confirmed`` is True
    when every reference cell the rate rests on is confirmed by a source; ``footnote`` says why not.
    """
    ref = reference.load_national_fyp14(directory)
    rows = pd.DataFrame(
        {
            "source_file": reference.NATIONAL_FYP14,
            "doc_id": "national",
            "region": "全国",
            "table": "fyp14_main",
            "seq": ref["seq"].astype(str),
            "category": ref["category"],
            "name": ref["name"],
            "indicator": ref["code"].fillna(""),
            "unit": ref["unit"],
            "base_year": ref["base_year"],
            "base_value": ref["base_value"].where(ref["base_flag"] != "*"),  # a 2019 value is no 2020 base
            "target_year": ref["target_year"],
            "target_value": ref["target_value"],
            "target_text": ref["target_text"],
            "annual_growth": ref["annual_value"],
            "cumulative": ref["cumulative"],
            "qualifier": ref["target_qualifier"],
            "attribute": ref["attribute"],
            "line": ref["seq"],
            "raw": "",
        }
    )
    panel = growth_panel(rows, plan=14, family=family_map(catalog)).dropna(subset=["target_growth"])
    panel["series"] = [series_key(k, m) for k, m in zip(panel["key"], panel["measure"], strict=True)]
    by_seq = ref.set_index("seq")
    confirmed, notes = [], []
    for rec in panel.to_dict("records"):
        seq = int(source_line(rec["target_source"]))
        r = by_seq.loc[seq]
        cells = ["confirmed_annual"] if rec["target_basis"] == "stated" else ["confirmed_base", "confirmed_target"]
        confirmed.append(bool(all(r[c] for c in cells)))
        notes.append(str(r["footnote"]))
    panel["confirmed"], panel["footnote"] = confirmed, notes
    cols = [
        "series",
        "key",
        "name",
        "unit",
        "measure",
        "quantity",
        "target_growth",
        "target_basis",
        "confirmed",
        "footnote",
    ]
    return panel[cols].rename(columns={"target_growth": "national"}).reset_index(drop=True)
