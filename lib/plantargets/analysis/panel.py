"""The growth panel: each document's past and target growth per series, from the indicators table.

Every row goes through :mod:`plantargets.analysis.comparability` first. A target enters the
panel only when it is a planned change: a floor (>95), a ceiling (4以内), a maintain-target or
a target in words is a bound or an intention and is recorded in ``target_excluded`` with its
printed number in ``target_printed``; a five-year total (〔10.5〕) is never compounded into a
rate (its yearly figure is in the reason). The price basis is the document's own word:
``REAL_STATED`` only where the row's text says 实际增长 / 可比价 / 不变价.
Units: growth in % a year; changes of shares in pp a year.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from plantargets.analysis.comparability import not_a_planned_change, row_comparability, total_cell
from plantargets.analysis.metrics import cagr, numeric_column, pp_per_year
from plantargets.dataset.catalog import Catalog
from plantargets.vocab import comparability as cv
from plantargets.vocab.columns import column_names
from plantargets.vocab.units import MONEY_UNIT, SHARE_UNITS
from plantargets.vocab.words import GROWTH_NAME_RE

# Labels of where a growth figure comes from and what prices it is at (growth_panel, notebooks).
REAL_STATED = "real (the text says 实际/可比价)"
NOMINAL_STATED = "nominal (the text says 现价)"
STATED = "as stated (price basis not printed)"
NOMINAL_IMPLIED = "implied from money levels (price basis not printed)"
IMPLIED = "implied from levels (physical or count units)"
PP_IMPLIED = "pp per year (implied from shares)"
PRICE_LABEL = {cv.REAL: REAL_STATED, cv.NOMINAL: NOMINAL_STATED, cv.AS_STATED: STATED}

# What a series row is (the comparability layer's columns), in every panel of planned changes,
# and the growth panel's columns: vocab/columns.csv names and describes them.
SERIES_COLUMNS = column_names("_series")
PANEL_COLUMNS = column_names("growth_panel")


def _plan_span(plan: int) -> tuple[int, int]:
    """Base and target years of plan ``plan``'s table: the 14th plan runs 2020 → 2025."""
    start = 1951 + 5 * plan
    return start - 1, start + 4


def _years(rec: Mapping[str, Any], default_span: tuple[int, int]) -> float:
    by = pd.to_numeric(rec.get("base_year"), errors="coerce")
    ty = pd.to_numeric(rec.get("target_year"), errors="coerce")
    by = default_span[0] if pd.isna(by) else by
    ty = default_span[1] if pd.isna(ty) else ty
    return float(ty - by)


def _row_change(
    rec: Mapping[str, Any], comp: Mapping[str, Any], pp: bool, span: tuple[int, int]
) -> tuple[float, str, str] | None:
    """The annual change a row states or implies: (value, basis, price label), or None.

    Shares and intensities → pp per year from the two levels (their annual column is printed
    sometimes as pp, sometimes as a compound rate: :func:`stated_vs_implied`). Growth-rate rows
    → the annual column, else the target cell, which then holds the rate. Levels → the stated
    annual rate, else the CAGR of the two levels. A five-year total is never compounded.
    """
    annual, base, target = (
        pd.to_numeric(rec.get(c), errors="coerce") for c in ("annual_growth", "base_value", "target_value")
    )
    total = total_cell(rec)
    annual = np.nan if total == "annual" else annual
    years = _years(rec, span)
    stated = PRICE_LABEL[comp["price_basis"]]
    if comp["measure"] == cv.GROWTH_RATE and not pp:
        if pd.notna(annual):
            return float(annual), "stated", stated
        if pd.notna(target) and str(rec.get("table")) != "prose" and not total:
            return float(target), "stated", stated
        return None
    if pp:
        if pd.notna(base) and pd.notna(target) and years > 0:
            return float(pp_per_year(base, target, years)), "implied", PP_IMPLIED
        return None
    if pd.notna(annual):
        return float(annual), "stated", stated
    if total != "target" and pd.notna(base) and pd.notna(target) and years > 0 and base > 0 and target > 0:
        label = NOMINAL_IMPLIED if MONEY_UNIT in str(rec.get("unit") or "") else IMPLIED
        return float(cagr(base, target, years)), "implied", label
    return None


def _printed(rec: Mapping[str, Any]) -> float:
    """The number a target row prints (its target cell, else its annual column)."""
    for col in ("target_value", "annual_growth"):
        v = pd.to_numeric(rec.get(col), errors="coerce")
        if pd.notna(v):
            return float(v)
    return np.nan


def _source(r: Mapping[str, Any]) -> str:
    return f"{r.get('table')}:{'' if pd.isna(r.get('line')) else int(r['line'])}"


def _side(
    recs: list[dict[str, Any]], flags: tuple[str, ...], pp: bool, span: tuple[int, int], target: bool
) -> dict[str, Any]:
    """The first usable row of one side (target or past), with the reason a target row was not used."""
    excluded, out = "", {"growth": np.nan, "basis": "", "price_basis": "", "source": ""}
    first: dict[str, Any] = {}
    for r in (r for flag in flags for r in recs if r[flag]):
        comp = r["_comp"]
        first = first or {"qualifier": r.get("qualifier"), "comp": comp, "printed": _printed(r), "source": _source(r)}
        reason = not_a_planned_change(comp, _printed(r)) if target else ""
        found = None if reason else _row_change(r, comp, pp, span)
        if found is None:
            excluded = excluded or reason
            continue
        out = {"growth": found[0], "basis": found[1], "price_basis": found[2], "source": _source(r)}
        return {**out, "excluded": "", "qualifier": r.get("qualifier"), "comp": comp, "printed": _printed(r)}
    return {
        **out,
        "excluded": excluded,
        "source": first.get("source", "") if excluded else "",
        **{k: first.get(k) for k in ("qualifier", "comp", "printed")},
    }


def _keyed(
    indicators: pd.DataFrame, family: Mapping[str, str] | None, doc_types: Mapping[str, str], catalog: Catalog | None
) -> pd.DataFrame:
    """The indicators with a series ``key`` (family, else code, else printed name) and each row's comparability."""
    df = indicators
    key = df["indicator"].fillna("").astype(str).str.strip()
    if family:
        key = key.map(lambda code: family.get(code, code) if code else code)
    df["key"] = key.where(key != "", "name:" + df["name"].fillna("").astype(str))
    # Only rows that can enter the panel are classified (the corpus has 66,000 rows).
    candidate = df["_main"] | df["_review"] | df["_prose_target"] | df["_prose_past"]
    df = df[candidate].copy()
    recs = df.to_dict("records")
    df["_comp"] = [row_comparability(r, doc_types.get(str(r.get("doc_id")), ""), catalog) for r in recs]
    # A row whose values are an intensity in % (Hure's 研发经费投入增长 0.074 → 0.16) is no
    # growth of the spending level: it joins the intensity's series, never the spending's.
    intensity = [
        c["measure"] == cv.INTENSITY and k in cv.INTENSITY_CODES for c, k in zip(df["_comp"], df["key"], strict=True)
    ]
    df.loc[intensity, "key"] = df.loc[intensity, "key"].map(cv.INTENSITY_CODES)
    return df


def _masks(df: pd.DataFrame, plan: int) -> pd.DataFrame:
    """Flag columns: the plan's main table, the previous plan's review, prose targets and past facts."""
    base_year, target_year = _plan_span(plan)
    table = df["table"].fillna("").astype(str)
    ty, by_ = numeric_column(df, "target_year"), numeric_column(df, "base_year")
    annual, tv = numeric_column(df, "annual_growth"), numeric_column(df, "target_value")
    prose = table == "prose"
    year = ty.where(ty.notna(), by_)
    # Masks become columns so each group is filtered in plain Python: boolean indexing per
    # group costs ~7 ms in pandas and made the panel take seconds on a few hundred rows.
    df["_main"], df["_review"] = table == f"fyp{plan}_main", table == f"fyp{plan - 1}_review"
    df["_prose_target"] = prose & (ty == target_year) & annual.notna()
    df["_prose_past"] = prose & annual.notna() & tv.isna() & (year <= base_year)
    df["_line"] = numeric_column(df, "line").fillna(1e12)
    return df


def _panel_row(doc_id: str, key: str, recs: list[dict[str, Any]], plan: int) -> dict[str, Any]:
    """One document × series row of the panel from its indicator rows (line order)."""
    base_year, target_year = _plan_span(plan)
    # The table row (if any) says what the indicator is: a prose fact's unit is that of its
    # rate ('%' in 年均增长6.6%), not of the indicator's level.
    tabled = [r for r in recs if r["_main"] or r["_review"]]
    first = tabled[0] if tabled else recs[0]
    unit, name, quantity = str(first.get("unit") or ""), str(first.get("name") or ""), first["_comp"]["measure"]
    pp = bool(tabled) and (
        quantity in cv.PP_MEASURES or (unit.strip() in SHARE_UNITS and not GROWTH_NAME_RE.search(name))
    )
    tgt = _side(recs, ("_main", "_prose_target"), pp, (base_year, target_year), target=True)
    past = _side(recs, ("_review", "_prose_past"), pp, (base_year - 5, base_year), target=False)
    comp = tgt["comp"] or {}
    return {
        "doc_id": doc_id,
        "region": first.get("region", ""),
        "key": key,
        "indicator": first.get("indicator", ""),
        "name": name,
        "unit": unit,
        "measure": "pp_per_year" if pp else "growth_pct",
        "quantity": quantity,
        "higher_is_better": first["_comp"]["higher_is_better"],
        **{f"past_{k}": past[k] for k in ("growth", "basis", "price_basis", "source")},
        **{f"target_{k}": tgt[k] for k in ("growth", "basis", "price_basis", "source")},
        "target_qualifier": "" if tgt["qualifier"] is None or pd.isna(tgt["qualifier"]) else str(tgt["qualifier"]),
        "target_type": comp.get("target_type", ""),
        "time_basis": comp.get("time_basis", ""),
        "target_printed": tgt["printed"] if tgt["printed"] is not None else np.nan,
        "target_excluded": tgt["excluded"],
    }


def growth_panel(
    indicators: pd.DataFrame,
    plan: int = 14,
    family: Mapping[str, str] | None = None,
    doc_types: Mapping[str, str] | None = None,
    catalog: Catalog | None = None,
) -> pd.DataFrame:
    """One row per document × series: past-plan realised change and new-plan target change.

    For ``plan`` = 14 (base 2020, target 2025): the target is the ``fyp14_main`` row's
    planned change (stated annual rate, else CAGR or pp a year of its levels), else a prose row
    with target_year 2025 and an annual rate; the past is the ``fyp13_review`` row, else a prose
    past-plan fact (“十三五”时期年均增长6.6%). ``measure`` is the unit of the change
    ('growth_pct' % a year, 'pp_per_year' for shares and intensities); ``quantity`` what the
    numbers are (``vocab.comparability.MEASURES``); ``target_type``/``time_basis`` how the target
    is stated. A target that is no planned change leaves ``target_growth`` empty and says why
    in ``target_excluded`` (:func:`comparability.excluded_rows` lists them). ``family`` maps
    codes to a shared series key (``growth.family_map``); ``doc_types`` doc_id → doc_type.
    """
    df = _keyed(_masks(indicators.copy(), plan), family, doc_types or {}, catalog)
    rows: list[dict[str, Any]] = []
    ordered = df.sort_values(["doc_id", "key", "_line"], kind="stable").to_dict("records")
    for (doc_id, key), grouped in itertools.groupby(ordered, key=lambda r: (r["doc_id"], r["key"])):
        rec = _panel_row(doc_id, key, list(grouped), plan)
        if pd.notna(rec["target_growth"]) or pd.notna(rec["past_growth"]) or rec["target_excluded"]:
            rows.append(rec)
    return pd.DataFrame(rows, columns=PANEL_COLUMNS)
