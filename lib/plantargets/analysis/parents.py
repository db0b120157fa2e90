"""Parent benchmarks: the annual GDP growth target of each document's parent region.

A county's target is compared with its prefecture's or province's, a province's with the
nation's (``NATIONAL_CODE``), matching the parent's target for the same year from its own
work report in the dataset, else from the provincial/national reference tables. Rates in %.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from plantargets.dataset.reference import (
    NATIONAL_CODE,
    NATIONAL_GDP,
    PROVINCIAL_GDP,
    load_national_gdp_targets,
    load_provincial_gdp_targets,
)
from plantargets.dataset.regions import RegionTable, load_regions
from plantargets.vocab.columns import column_names

SOURCE_FRAME_COLUMNS = ["doc_id", "region_zh", "admin_code", "level", "parent_code", "doc_type", "report_year"]
# The parent benchmarks' columns, named and described in vocab/columns.csv.
PARENT_COLUMNS = column_names("parent_targets")
# Indicator codes whose work-report target is the annual real GDP growth rate.
GDP_GROWTH_CODES = ("gdp_growth", "gdp")


def sources_frame(sources: pd.DataFrame | Iterable[Any]) -> pd.DataFrame:
    """The manifest as a DataFrame (accepts manifest.Source objects or a DataFrame of its columns)."""
    if isinstance(sources, pd.DataFrame):
        df = sources.copy()
    else:
        df = pd.DataFrame([asdict(s) if is_dataclass(s) and not isinstance(s, type) else dict(s) for s in sources])
    missing = [c for c in SOURCE_FRAME_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"sources lack column(s) {missing}; pass manifest.load_manifest() or its columns")
    for col in ("admin_code", "parent_code"):
        df[col] = df[col].fillna("").astype(str).str.strip()
    df["report_year"] = pd.to_numeric(df["report_year"], errors="coerce")
    return df


def document_gdp_targets(indicators: pd.DataFrame, sources: pd.DataFrame | Iterable[Any]) -> pd.DataFrame:
    """Annual GDP growth targets stated in the dataset's work reports, keyed by admin_code and year.

    The number is the target_value of a ``%`` row coded gdp_growth/gdp (地区生产总值增长7%左右),
    else its annual_growth, for rows with role 'target' set for the report's own year (not last
    year's realised growth, not the new plan's five-year average).
    Columns: admin_code, year, target_pct, qualifier, doc_id, line.
    """
    src = sources_frame(sources)
    reports = {r["doc_id"]: r for r in src[src["doc_type"] == "work_report"].to_dict("records")}
    # Only targets: a report's realised growth of last year (role 'actual') is no target of that year.
    role = indicators["role"] if "role" in indicators.columns else pd.Series("target", index=indicators.index)
    gdp = indicators[indicators["indicator"].isin(GDP_GROWTH_CODES) & (role.fillna("target") == "target")]
    gdp = gdp[gdp["doc_id"].isin(list(reports))]
    out = []
    for r in gdp.to_dict("records"):
        rep = reports[r["doc_id"]]
        unit = str(r.get("unit") or "")
        value = pd.to_numeric(r.get("target_value"), errors="coerce")
        if unit.strip() != "%" or pd.isna(value):
            value = pd.to_numeric(r.get("annual_growth"), errors="coerce")
        year = pd.to_numeric(r.get("target_year"), errors="coerce")
        year = rep["report_year"] if pd.isna(year) else year
        # The report's own year only: its 今后五年 average (target_year 2025 in a 2021 report)
        # is no annual target of 2025.
        if pd.isna(value) or pd.isna(year) or (pd.notna(rep["report_year"]) and year != rep["report_year"]):
            continue
        out.append(
            {
                "admin_code": rep["admin_code"],
                "year": int(year),
                "target_pct": float(value),
                "qualifier": r.get("qualifier") or "",
                "doc_id": rep["doc_id"],
                "line": r.get("line"),
            }
        )
    cols = ["admin_code", "year", "target_pct", "qualifier", "doc_id", "line"]
    return pd.DataFrame(out, columns=cols).drop_duplicates(["admin_code", "year"], keep="first")


def benchmark_targets(
    code: str, from_docs: pd.DataFrame, provincial: pd.DataFrame, national: pd.DataFrame
) -> pd.DataFrame:
    """Annual GDP targets of one benchmark region: its documents first, then the reference table."""
    doc = from_docs[from_docs["admin_code"] == code]
    parts = [
        pd.DataFrame(
            {
                "year": doc["year"],
                "parent_target_pct": doc["target_pct"],
                "parent_qualifier": doc["qualifier"],
                "parent_realised_pct": np.nan,
                "origin": "document",
                "origin_ref": doc["doc_id"] + ":" + doc["line"].astype(str),
                "confirmed": True,
                "footnote": "",
            }
        )
    ]
    if code == NATIONAL_CODE:
        ref, file = national.assign(target_confirmed=national["confirmed"]), NATIONAL_GDP
    else:
        ref, file = provincial[provincial["admin_code"] == code], PROVINCIAL_GDP
    ref = ref[ref["target_pct"].notna() & ~ref["year"].isin(doc["year"])]
    parts.append(
        pd.DataFrame(
            {
                "year": ref["year"],
                "parent_target_pct": ref["target_pct"],
                "parent_qualifier": ref["qualifier"],
                "parent_realised_pct": ref["realised_pct"],
                "origin": "reference",
                "origin_ref": file,
                "confirmed": ref["target_confirmed"],
                "footnote": ref["footnote"],
            }
        )
    )
    parts = [p for p in parts if not p.empty]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def benchmark_chain(parent: str, level: str, regions: RegionTable | None = None) -> list[tuple[str, str]]:
    """The regions to search for a benchmark, nearest first: (admin code, relation).

    The direct parent and its ancestors below the nation, from ``data/reference/regions.csv``
    (Hure, parent 150500 Tongliao: Tongliao, then Inner Mongolia 150000); a parent missing
    from that table falls back to its province (first two digits + 0000). A province's
    benchmark is the nation.
    """
    if not parent or parent == NATIONAL_CODE:
        return [(NATIONAL_CODE, "national")] if level == "province" else []
    ancestors = [r.code for r in reversed(regions.chain(parent))] if regions and regions.get(parent) else []
    if not ancestors:
        ancestors = list(dict.fromkeys([parent, parent[:2] + "0000"]))
    ancestors = [c for c in ancestors if c != NATIONAL_CODE]
    return [
        (c, "parent" if i == 0 else "province (grandparent)" if c.endswith("0000") else "grandparent")
        for i, c in enumerate(ancestors)
    ]


def parent_targets(
    indicators: pd.DataFrame,
    sources: pd.DataFrame | Iterable[Any],
    year: int | None = None,
    directory: Path | None = None,
) -> pd.DataFrame:
    """The annual GDP growth target of each region's parent, for amplification analyses (%).

    For each document's region the benchmark is searched up :func:`benchmark_chain`; for each
    benchmark region, targets come first from documents in the dataset (a work report of that
    region), then from ``provincial_annual_gdp_targets.csv`` and, for the nation,
    ``national_annual_gdp_targets.csv``. The nearest region with a target *for the year asked*
    wins, so a year missing at the parent falls through to the province.
    ``benchmark_relation`` says which level was used ('parent', 'province (grandparent)',
    'national'). ``year`` keeps one year; None keeps every year found (the nearest region per
    year). ``confirmed`` is False for a reference cell marked unconfirmed/inferred.
    """
    src = sources_frame(sources)
    from_docs = document_gdp_targets(indicators, src)
    provincial = load_provincial_gdp_targets(directory)
    national = load_national_gdp_targets(directory)
    regions = load_regions()
    cache: dict[str, pd.DataFrame] = {}
    rows = []
    for rec in src.to_dict("records"):
        taken: set[int] = set()
        for bench_code, relation in benchmark_chain(rec["parent_code"], rec["level"], regions):
            if bench_code not in cache:
                cache[bench_code] = benchmark_targets(bench_code, from_docs, provincial, national)
            found = cache[bench_code]
            for f in found.to_dict("records") if not found.empty else []:
                if (year is not None and f["year"] != year) or f["year"] in taken:
                    continue
                taken.add(f["year"])
                rows.append(
                    {
                        "doc_id": rec["doc_id"],
                        "region": rec["region_zh"],
                        "admin_code": rec["admin_code"],
                        "level": rec["level"],
                        "parent_code": rec["parent_code"],
                        "benchmark_code": bench_code,
                        "benchmark_relation": relation,
                        **f,
                    }
                )
    df = pd.DataFrame(rows, columns=PARENT_COLUMNS)
    return df.sort_values(["doc_id", "year"], ignore_index=True)
