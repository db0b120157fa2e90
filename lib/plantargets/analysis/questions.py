"""The analyses behind the notebooks: panels, benchmarks and tables built from the processed data.

Notebooks stay thin (load, call, show, explain): each section calls one function here and
displays its result. Functions take DataFrames and return DataFrames, so tests feed them small
hand-made tables; only :func:`load_processed`, :func:`sources_table` and
:func:`national_growth` read files (through ``paths``). Presentation (names in a language,
table styling, the regression chart) lives in :mod:`plantargets.present.tables`.

Units follow :mod:`plantargets.analysis.metrics`: growth in % a year, changes of shares in pp a year,
gaps in pp. A *series* is one comparable quantity: the catalogue family (``gdp`` joins the
GDP level printed in a table and the GDP growth rate stated in prose) plus its measure, so a
share's change in pp never lands in one panel with a growth rate in %.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from plantargets import paths
from plantargets.analysis import metrics, reference
from plantargets.dataset.assemble import typed_indicators, typed_quality, typed_sector_mix
from plantargets.dataset.catalog import Catalog, default_catalog
from plantargets.dataset.manifest import load_manifest
from plantargets.errors import ParameterError

# The profile notebook's preferred document (the Tacheng outline has the fullest 14th-plan
# table of the bundled documents); another corpus falls back to its first manifest document.
DEFAULT_PROFILE_DOC = "tacheng-fyp14"
BENCHMARKS = ("national", "parent", "peers", "past")
# Findings that make a number unusable for analysis (a base and target 523 times apart):
# rows resting on them are kept in tables, flagged, and left out of estimates.
EXCLUDING_SEVERITY = "error"
# Checks whose findings the ambition and profile notebooks report as consistency issues.
CONSISTENCY_CHECKS = (
    "growth_consistency",
    "nominal_vs_real",
    "impossible_value",
    "prose_table_disagreement",
    "unreadable_value",
    "seq_anomaly",
)
PP_SUFFIX = ":pp"  # series key suffix of a share's change in pp per year
SECTORS = ("primary", "secondary", "tertiary")
# Catalogue codes of the tertiary share (a document's table may state it besides the prose mix).
TERTIARY_CODES = ("tertiary_share",)


# --------------------------------------------------------------------------------------------
# Loading


@dataclass(frozen=True)
class Processed:
    """The three processed tables (``data/processed``) with contract dtypes."""

    indicators: pd.DataFrame
    sector_mix: pd.DataFrame
    quality: pd.DataFrame


def load_processed(directory: Path | None = None) -> Processed:
    """Read ``indicators.csv``, ``sector_mix.csv`` and ``quality.csv`` with contract dtypes.

    A missing folder or file raises FileNotFoundError saying how to build it, because a
    notebook opened on a fresh clone would otherwise fail with a bare pandas error.
    """
    folder = Path(directory) if directory else paths.PROCESSED_DIR
    frames = {}
    for name in ("indicators", "sector_mix", "quality"):
        path = folder / f"{name}.csv"
        if not path.is_file():
            raise FileNotFoundError(
                f"{path} not found: build the dataset first with `plantargets data` (or `make data`)"
            )
        frames[name] = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    ind = frames["indicators"].replace("", np.nan)
    # Read as text so that codes and names stay strings; the CSV spells booleans True/False.
    ind["cumulative"] = ind["cumulative"].astype(str).str.strip().str.lower().isin({"true", "1"})
    return Processed(
        indicators=typed_indicators(ind),
        sector_mix=typed_sector_mix(frames["sector_mix"].replace("", np.nan)),
        quality=typed_quality(frames["quality"].replace("", np.nan)),
    )


SOURCE_COLUMNS = [
    "doc_id",
    "file",
    "region_zh",
    "region_en",
    "admin_code",
    "level",
    "parent_code",
    "doc_type",
    "period",
    "report_year",
]


def sources_table(sources: Iterable[Any] | None = None) -> pd.DataFrame:
    """The manifest as a DataFrame (``SOURCE_COLUMNS``), read from ``data/raw/sources.csv`` by default."""
    if sources is None:
        sources = load_manifest()
    if isinstance(sources, pd.DataFrame):
        df = sources.copy()
    else:
        df = pd.DataFrame([{k: v for k, v in asdict(s).items() if k != "path"} for s in sources])
    for col in SOURCE_COLUMNS:
        if col not in df.columns:
            df[col] = ""
    df["report_year"] = pd.to_numeric(df["report_year"], errors="coerce")
    return df[SOURCE_COLUMNS].reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Parameters


def _fail(what: str, bad: Sequence[object], valid: Sequence[object]) -> ParameterError:
    shown = ", ".join(str(v) for v in valid) or "(none: is the dataset empty?)"
    return ParameterError(f"unknown {what} {', '.join(repr(b) for b in bad)}; valid: {shown}")


def valid_doc_ids(sources: pd.DataFrame, data: Processed | None = None) -> list[str]:
    """doc_ids a notebook may name: the manifest's, in its order, then any others in the data."""
    ids = list(dict.fromkeys(sources["doc_id"].astype(str)))
    if data is not None:
        for frame in (data.indicators, data.sector_mix):
            ids += [d for d in dict.fromkeys(frame["doc_id"].astype(str)) if d and d not in ids]
    return ids


def check_regions(regions: Iterable[str] | str, valid: Sequence[str]) -> list[str]:
    """The doc_ids to analyse: ``regions`` checked against ``valid``; empty means all of them.

    A single string is accepted as a one-element list (``-p regions tacheng-fyp14``).
    Unknown ids raise ParameterError listing the valid ones.
    """
    chosen = [regions] if isinstance(regions, str) else list(regions)
    chosen = [str(r).strip() for r in chosen if str(r).strip()]
    bad = [r for r in chosen if r not in valid]
    if bad:
        raise _fail("region (doc_id)", bad, valid)
    return chosen or list(valid)


def check_indicators(indicators: Iterable[str] | str, valid: Sequence[str]) -> list[str]:
    """Series keys (catalogue codes/families) checked against ``valid``; empty means no filter (``[]``)."""
    chosen = [indicators] if isinstance(indicators, str) else list(indicators)
    chosen = [str(i).strip() for i in chosen if str(i).strip()]
    bad = [i for i in chosen if i not in valid]
    if bad:
        raise _fail("indicator", bad, valid)
    return chosen


def check_choice(value: str, what: str, valid: Sequence[str]) -> str:
    """``value`` if it is one of ``valid``, else ParameterError listing them."""
    if value not in valid:
        raise _fail(what, [value], valid)
    return value


def check_years(years: Iterable[int] | int, valid: Sequence[int]) -> list[int]:
    """Years checked against ``valid`` (those in the data); empty means all of them."""
    chosen = [years] if isinstance(years, int | str) else list(years)
    out: list[int] = []
    bad: list[object] = []
    for y in chosen:
        try:
            year = int(y)
        except (TypeError, ValueError):
            bad.append(y)
            continue
        (out if year in valid else bad).append(year)
    if bad:
        raise _fail("year", bad, sorted(valid))
    return out or sorted(valid)


def resolve_doc_id(doc_id: str, valid: Sequence[str], preferred: str = DEFAULT_PROFILE_DOC) -> str:
    """The profile's document: ``doc_id`` if valid; empty → ``preferred`` when present, else the first."""
    doc_id = (doc_id or "").strip()
    if not doc_id:
        if not valid:
            raise ParameterError("no documents in the manifest or the dataset")
        return preferred if preferred in valid else valid[0]
    if doc_id not in valid:
        raise _fail("doc_id", [doc_id], valid)
    return doc_id


# --------------------------------------------------------------------------------------------
# Growth panels


def family_map(catalog: Catalog | None = None) -> dict[str, str]:
    """Catalogue code → family key, so a table's level and a prose rate of one series meet."""
    catalog = catalog or default_catalog()
    return {e.code: e.family_key for e in catalog.entries.values()}


def series_key(key: str, measure: str) -> str:
    """The analysis key: the family key, with ``:pp`` for a share's change in pp per year."""
    return f"{key}{PP_SUFFIX}" if measure == "pp_per_year" else key


def _source_line(source: object) -> float:
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
            line = _source_line(rec.get(col))
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
) -> pd.DataFrame:
    """The 14th-plan growth panel (``metrics.growth_panel``) keyed by series, with quality flags.

    One row per document × series: ``past_growth`` (13th plan, realised) and
    ``target_growth`` (14th plan) in % a year (or pp a year for shares, ``measure``), with
    where each came from and its price basis. ``regions`` keeps those doc_ids (None: all);
    ``series`` keeps those series (empty: all).
    """
    ind = indicators if regions is None else indicators[indicators["doc_id"].isin(list(regions))]
    panel = metrics.growth_panel(ind, plan=14, family=family_map(catalog))
    panel.insert(3, "series", [series_key(k, m) for k, m in zip(panel["key"], panel["measure"], strict=True)])
    if series:
        panel = panel[panel["series"].isin(list(series))]
    panel = flag_findings(panel, quality)
    panel["real"] = (panel["past_price_basis"] == metrics.REAL_STATED) | (
        panel["target_price_basis"] == metrics.REAL_STATED
    )
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
    d = panel[(panel["measure"] == measure) & ~panel["excluded"]]
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
    growth_named = d["name"].fillna("").astype(str).str.contains(r"增长|增速|增幅") & (unit == "%")
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
    """Each region's rank on each series' target (1 = highest), for series set by ≥ ``min_regions``.

    Columns: series, doc_id, measure, target_growth, rank, n (regions ranked) and ``national``
    (the national rate of the series, from :func:`national_growth` when given). With two to four
    regions a rank says little beyond the ordering; the table says how many were ranked.
    """
    d = panel.dropna(subset=["target_growth"])
    d = d[~d["excluded"]]
    n = d.groupby("series")["doc_id"].transform("nunique")
    d = d[n >= min_regions].copy()
    d["n"] = d.groupby("series")["doc_id"].transform("nunique")
    d["rank"] = d.groupby("series")["target_growth"].rank(ascending=False, method="min").astype(int)
    d["national"] = (
        d["series"].map(dict(zip(national["series"], national["national"], strict=True)))
        if (national is not None)
        else np.nan
    )
    cols = ["series", "doc_id", "measure", "target_growth", "rank", "n", "national"]
    return d[cols].sort_values(["series", "rank"]).reset_index(drop=True)


def regression_sample(panel: pd.DataFrame, measure: str = "growth_pct") -> pd.DataFrame:
    """Region × series pairs with both a past and a target rate of ``measure``, minus excluded rows."""
    d = panel[(panel["measure"] == measure) & ~panel["excluded"]]
    return d.dropna(subset=["past_growth", "target_growth"]).reset_index(drop=True)


def regression_table(result: metrics.OLSResult) -> pd.DataFrame:
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


# --------------------------------------------------------------------------------------------
# Benchmarks


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
    panel = metrics.growth_panel(rows, plan=14, family=family_map(catalog))
    panel["series"] = [series_key(k, m) for k, m in zip(panel["key"], panel["measure"], strict=True)]
    by_seq = ref.set_index("seq")
    confirmed, notes = [], []
    for rec in panel.to_dict("records"):
        seq = int(_source_line(rec["target_source"]))
        r = by_seq.loc[seq]
        cells = ["confirmed_annual"] if rec["target_basis"] == "stated" else ["confirmed_base", "confirmed_target"]
        confirmed.append(bool(all(r[c] for c in cells)))
        notes.append(str(r["footnote"]))
    panel["confirmed"], panel["footnote"] = confirmed, notes
    panel = panel.dropna(subset=["target_growth"])
    cols = ["series", "key", "name", "unit", "measure", "target_growth", "target_basis", "confirmed", "footnote"]
    return panel[cols].rename(columns={"target_growth": "national"}).reset_index(drop=True)


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
                    "target_price_basis": metrics.REAL_STATED
                    if metrics._REAL_NAME_RE.search(str(r["name"]))
                    else metrics.STATED,
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
      (default: the latest work-report year in the manifest) via ``reference.parent_targets``;
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
        wr["real"] = wr["target_price_basis"] == metrics.REAL_STATED
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
    parents = reference.parent_targets(indicators, src, year=parent_year, directory=reference_dir)
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


# --------------------------------------------------------------------------------------------
# Sector structure


def national_mix(year: int, directory: Path | None = None) -> dict[str, Any]:
    """National three-sector shares of ``year`` (%) with ``confirmed`` and ``footnote``; empty if absent."""
    mix = reference.load_national_sector_mix(directory)
    row = mix[mix["year"] == year]
    if row.empty:
        return {}
    r = row.iloc[0]
    return {
        **{s: float(r[s]) for s in SECTORS},
        "year": int(year),
        "confirmed": bool(r["confirmed"]),
        "footnote": str(r["footnote"]),
    }


def national_mix_year(years: Iterable[int], directory: Path | None = None) -> int | None:
    """The reference year to draw as the national bar: the latest national year among ``years``,
    else the latest national year before the latest of ``years``, else None."""
    available = sorted(int(y) for y in reference.load_national_sector_mix(directory)["year"])
    wanted = sorted(int(y) for y in years)
    common = [y for y in available if y in wanted]
    if common:
        return common[-1]
    earlier = [y for y in available if wanted and y <= wanted[-1]]
    return earlier[-1] if earlier else None


def sector_mix_table(
    mix: pd.DataFrame, regions: Sequence[str] | None = None, years: Sequence[int] | None = None
) -> pd.DataFrame:
    """Three-sector shares (%) per region and year (actual or target), with ``total`` as printed."""
    d = mix.copy()
    if regions is not None:
        d = d[d["doc_id"].isin(list(regions))]
    if years is not None:
        d = d[d["year"].isin(list(years))]
    d = d[["doc_id", "year", "kind", *SECTORS, "source_file", "line"]].copy()
    d["total"] = d[list(SECTORS)].sum(axis=1, min_count=3)
    d["source"] = [
        f"{f}:{int(ln)}" if pd.notna(ln) else str(f) for f, ln in zip(d["source_file"], d["line"], strict=True)
    ]
    return d.drop(columns=["source_file", "line"]).sort_values(["doc_id", "year"]).reset_index(drop=True)


def structural_change(
    mix: pd.DataFrame,
    national: pd.DataFrame | None = None,
    regions: Sequence[str] | None = None,
    years: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Structural change index (½·Σ|Δshare|, pp) for each consecutive pair of complete mixes.

    Per region (and for the nation when ``national``, the reference mix table, is given):
    period start and end, years, ``sci`` in pp and ``sci_per_year``; ``kind`` says whether
    the end point is an actual or a target. ``confirmed`` is False when a national cell used
    is unconfirmed. ``regions`` and ``years`` filter the mixes (None: all).
    """
    rows = []
    if regions is not None:
        mix = mix[mix["doc_id"].isin(list(regions))]
    if years is not None:
        mix = mix[mix["year"].isin(list(years))]
        national = national[national["year"].isin(list(years))] if national is not None else None
    complete = mix.dropna(subset=list(SECTORS))
    frames: list[tuple[str, pd.DataFrame]] = [(str(d), g) for d, g in complete.groupby("doc_id", sort=True)]
    if national is not None:
        frames.append(("national", national.assign(kind="actual")))
    for doc_id, g in frames:
        g = g.sort_values("year")
        recs = g.to_dict("records")
        for a, b in itertools.pairwise(recs):
            span = int(b["year"]) - int(a["year"])
            if span <= 0:
                continue
            sci = metrics.structural_change_index({s: a[s] for s in SECTORS}, {s: b[s] for s in SECTORS})
            rows.append(
                {
                    "doc_id": doc_id,
                    "start": int(a["year"]),
                    "end": int(b["year"]),
                    "kind": b.get("kind", "actual"),
                    "years": span,
                    "sci": sci,
                    "sci_per_year": sci / span,
                    "confirmed": bool(a.get("confirmed", True)) and bool(b.get("confirmed", True)),
                }
            )
    cols = ["doc_id", "start", "end", "kind", "years", "sci", "sci_per_year", "confirmed"]
    return pd.DataFrame(rows, columns=cols)


def tertiarisation(
    mix: pd.DataFrame,
    indicators: pd.DataFrame | None = None,
    national: pd.DataFrame | None = None,
    start: int = 2015,
    base: int = 2020,
    target: int = 2025,
    regions: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Tertiary share in ``start``/``base``/``target`` and the pace past vs required (pp a year).

    Shares come from the sector-mix table; where it lacks a year, from a ``tertiary_share``
    row of the document's tables (``indicators``), and ``source`` says which. ``past_pp`` is
    start → base, ``required_pp`` base → target (:func:`metrics.tertiarisation_pace` when all
    three exist); a missing share leaves its pace empty and ``note`` says why. ``regions``
    keeps those documents (the national row, when ``national`` is given, always stays).
    """
    if regions is not None:
        mix = mix[mix["doc_id"].isin(list(regions))]
        indicators = indicators[indicators["doc_id"].isin(list(regions))] if indicators is not None else None
    shares: dict[str, dict[int, tuple[float, str]]] = {}
    for r in mix.dropna(subset=["tertiary"]).to_dict("records"):
        src = f"{r['source_file']}:{int(r['line'])}" if pd.notna(r["line"]) else str(r["source_file"])
        shares.setdefault(str(r["doc_id"]), {})[int(r["year"])] = (float(r["tertiary"]), src)
    if indicators is not None:
        t = indicators[indicators["indicator"].isin(list(TERTIARY_CODES)) & (indicators["table"] != "prose")]
        for r in t.to_dict("records"):
            for ycol, vcol in (("base_year", "base_value"), ("target_year", "target_value")):
                if pd.notna(r[ycol]) and pd.notna(r[vcol]):
                    got = shares.setdefault(str(r["doc_id"]), {})
                    got.setdefault(int(r[ycol]), (float(r[vcol]), f"{r['source_file']}:{int(r['line'])}"))
    if national is not None:
        for r in national.to_dict("records"):
            shares.setdefault("national", {})[int(r["year"])] = (
                float(r["tertiary"]),
                reference.NATIONAL_SECTOR_MIX + ("" if r["confirmed_tertiary"] else " (unconfirmed)"),
            )
    rows = []
    for doc_id, by_year in shares.items():
        s0, s1, s2 = (by_year.get(y, (np.nan, ""))[0] for y in (start, base, target))
        past = float(metrics.pp_per_year(s0, s1, base - start)) if pd.notna(s0) and pd.notna(s1) else np.nan
        required = float(metrics.pp_per_year(s1, s2, target - base)) if pd.notna(s1) and pd.notna(s2) else np.nan
        if pd.notna(s0) and pd.notna(s1) and pd.notna(s2):
            pace = metrics.tertiarisation_pace(s0, s1, s2, base - start, target - base)
            past, required = pace.past_pp_per_year, pace.required_pp_per_year
        missing = [str(y) for y, v in ((start, s0), (base, s1), (target, s2)) if pd.isna(v)]
        rows.append(
            {
                "doc_id": doc_id,
                f"share_{start}": s0,
                f"share_{base}": s1,
                f"share_{target}": s2,
                "past_pp": past,
                "required_pp": required,
                "acceleration_pp": required - past,
                "source": "; ".join(dict.fromkeys(v[1] for v in by_year.values() if v[1])),
                "note": f"no tertiary share for {', '.join(missing)}" if missing else "",
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# One document


def document_indicators(indicators: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    """Every indicator row of one document with its source line ``file:line``, tables first."""
    d = indicators[indicators["doc_id"] == doc_id].copy()
    d["source"] = [
        f"{f}:{int(ln)}" if pd.notna(ln) else str(f) for f, ln in zip(d["source_file"], d["line"], strict=True)
    ]
    d["_prose"] = d["table"] == "prose"
    cols = [
        "table",
        "category",
        "name",
        "indicator",
        "unit",
        "base_year",
        "base_value",
        "target_year",
        "target_value",
        "annual_growth",
        "cumulative",
        "target_text",
        "qualifier",
        "attribute",
        "source",
    ]
    return d.sort_values(["_prose", "table", "line"], kind="stable")[cols].reset_index(drop=True)


def standing(ambition: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    """Where one document's targets stand: its value, the other regions' range and the national rate.

    For each series the document sets a target for: ``value``, ``others_n``, ``others_min``,
    ``others_median``, ``others_max`` (other documents' targets of the same series),
    ``rank``/``n_ranked`` (1 = highest target), ``national`` and ``gap_national`` in pp.
    """
    own = ambition[(ambition["doc_id"] == doc_id) & ambition["target_growth"].notna()]
    rows = []
    for rec in own.to_dict("records"):
        others = ambition[
            (ambition["series"] == rec["series"]) & (ambition["doc_id"] != doc_id) & ~ambition["excluded"].astype(bool)
        ]["target_growth"].dropna()
        values = pd.concat([others, pd.Series([rec["target_growth"]])], ignore_index=True)
        rows.append(
            {
                "series": rec["series"],
                "measure": rec["measure"],
                "value": rec["target_growth"],
                "others_n": len(others),
                "others_min": others.min() if len(others) else np.nan,
                "others_median": others.median() if len(others) else np.nan,
                "others_max": others.max() if len(others) else np.nan,
                "rank": int((values > rec["target_growth"]).sum() + 1),
                "n_ranked": len(values),
                "national": rec["national"],
                "national_confirmed": rec["national_confirmed"],
                "gap_national": rec["gap_national"],
                "source": rec["target_source"],
            }
        )
    return pd.DataFrame(rows)


def document_summary(sources: pd.DataFrame, data: Processed, doc_id: str) -> pd.DataFrame:
    """One document's manifest facts and row counts, as a two-column table (field, value)."""
    src = sources_table(sources)
    rec: Mapping[str, Any] = src[src["doc_id"] == doc_id].iloc[0].to_dict() if doc_id in set(src["doc_id"]) else {}
    ind = data.indicators[data.indicators["doc_id"] == doc_id]
    q = data.quality[data.quality["doc_id"] == doc_id]
    facts = {
        "doc_id": doc_id,
        "file": rec.get("file", ""),
        "region_zh": rec.get("region_zh", ""),
        "region_en": rec.get("region_en", ""),
        "admin_code": rec.get("admin_code", ""),
        "level": rec.get("level", ""),
        "parent_code": rec.get("parent_code", ""),
        "doc_type": rec.get("doc_type", ""),
        "period": rec.get("period", "") or (str(int(rec["report_year"])) if pd.notna(rec.get("report_year")) else ""),
        "rows_table": int((ind["table"] != "prose").sum()),
        "rows_prose": int((ind["table"] == "prose").sum()),
        "rows_numeric_target": int((ind["target_value"].notna() | ind["annual_growth"].notna()).sum()),
        "findings": int((q["check"] != "uncatalogued").sum()),
        "uncatalogued": int((q["check"] == "uncatalogued").sum()),
    }
    return pd.DataFrame({"field": list(facts), "value": [str(v) for v in facts.values()]})


def comparison_targets(ambition: pd.DataFrame, doc_id: str, min_docs: int = 2) -> pd.DataFrame:
    """All documents' targets for the series ``doc_id`` sets, with ``focal`` marking its own rows.

    Work reports are compared with work reports and outlines with outlines (an annual target is
    no peer of a five-year rate). Excluded (impossible) values are dropped, and so are series
    set by fewer than ``min_docs`` documents (nothing to compare with).
    """
    own = ambition[ambition["doc_id"] == doc_id]
    if own.empty:
        return ambition.iloc[0:0].assign(focal=pd.Series(dtype=bool))
    doc_type = own["doc_type"].iloc[0]
    d = ambition[
        ambition["series"].isin(own["series"])
        & (ambition["doc_type"] == doc_type)
        & ambition["target_growth"].notna()
        & ~ambition["excluded"].astype(bool)
    ].copy()
    d = d[d.groupby("series")["doc_id"].transform("nunique") >= min_docs].copy()
    d["focal"] = d["doc_id"] == doc_id
    return d.reset_index(drop=True)
