"""The growth panel: each document's past and target growth per series, from the indicators table.

Price basis. Plans state GDP and value-added growth at comparable prices (real), but print
levels in current prices, so a growth rate implied by two levels is nominal and differs from the
stated real rate by roughly the deflator. Every growth figure from :func:`growth_panel` is
therefore labelled with where it came from (stated or implied) and its price basis.
Units: growth in % a year; changes of shares in pp a year.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from plantargets.analysis.metrics import cagr, numeric_column, pp_per_year
from plantargets.vocab.columns import as_bool
from plantargets.vocab.units import SHARE_UNITS
from plantargets.vocab.words import GROWTH_NAME_RE, REAL_GROWTH_NAME_RE

# Labels of where a growth figure comes from and what prices it is at (growth_panel, notebooks).
REAL_STATED = "real (stated)"
STATED = "as stated (price basis not printed)"
NOMINAL_IMPLIED = "nominal (implied from current-price levels)"
IMPLIED = "implied from levels (physical or count units)"
PP_IMPLIED = "pp per year (implied from shares)"
# Names in vocab.words.REAL_GROWTH_NAME_RE have real stated growth; other stated rates are STATED.
_MONEY_UNIT_RE = re.compile(r"元")

PANEL_COLUMNS = [
    "doc_id",
    "region",
    "key",
    "indicator",
    "name",
    "unit",
    "measure",
    "past_growth",
    "past_basis",
    "past_price_basis",
    "past_source",
    "target_growth",
    "target_basis",
    "target_price_basis",
    "target_qualifier",
    "target_source",
]


def _plan_span(plan: int) -> tuple[int, int]:
    """Base and target years of plan ``plan``'s table: the 14th plan runs 2020 → 2025."""
    start = 1951 + 5 * plan
    return start - 1, start + 4


def _row_change(rec: Mapping[str, Any], share: bool, default_span: tuple[int, int]) -> tuple[float, str, str] | None:
    """The annual change a row states or implies: (value, basis, price label), or None.

    Shares (unit % or ‰, not a growth-rate name) → pp per year from the two levels, because
    their annual column is printed sometimes as pp and sometimes as a compound rate
    (see :func:`stated_vs_implied`). Growth-rate rows (地区生产总值增长, %) → the annual column,
    else the target cell, which then holds the rate itself. Levels → the stated annual rate
    if printed (and not cumulative), else the CAGR between the two levels.
    """
    name = str(rec.get("name") or "")
    unit = str(rec.get("unit") or "")
    annual = pd.to_numeric(rec.get("annual_growth"), errors="coerce")
    base = pd.to_numeric(rec.get("base_value"), errors="coerce")
    target = pd.to_numeric(rec.get("target_value"), errors="coerce")
    by = pd.to_numeric(rec.get("base_year"), errors="coerce")
    ty = pd.to_numeric(rec.get("target_year"), errors="coerce")
    by = default_span[0] if pd.isna(by) else by
    ty = default_span[1] if pd.isna(ty) else ty
    years = ty - by
    cumulative = as_bool(rec.get("cumulative"))
    real = bool(REAL_GROWTH_NAME_RE.search(name))
    stated_label = REAL_STATED if real else STATED
    growth_named = unit.strip() in SHARE_UNITS and bool(GROWTH_NAME_RE.search(name))
    if growth_named:
        if pd.notna(annual) and not cumulative:
            return float(annual), "stated", stated_label
        if pd.notna(target) and str(rec.get("table")) != "prose":
            return float(target), "stated", stated_label
        return None
    if share:
        if pd.notna(base) and pd.notna(target) and years > 0:
            return float(pp_per_year(base, target, years)), "implied", PP_IMPLIED
        return None
    if pd.notna(annual) and not cumulative:
        return float(annual), "stated", stated_label
    if pd.notna(base) and pd.notna(target) and years > 0 and base > 0 and target > 0:
        label = NOMINAL_IMPLIED if _MONEY_UNIT_RE.search(unit) else IMPLIED
        return float(cagr(base, target, years)), "implied", label
    return None


def growth_panel(indicators: pd.DataFrame, plan: int = 14, family: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per document × indicator: past-plan realised change and new-plan target change.

    For ``plan`` = 14 (base 2020, target 2025):

    - target: the ``fyp14_main`` row (stated annual rate, else CAGR of its levels), else a
      prose row with target_year 2025 and an annual rate (地区生产总值年均增长9.5%);
    - past: the ``fyp13_review`` row (stated annual rate, else CAGR of 2015 → 2020 levels),
      else a prose past-plan fact: a prose row with an annual rate, no target value, and a year
      no later than 2020 (“十三五”时期年均增长6.6%, stored with base_year 2020).

    ``measure`` is 'growth_pct' (% a year) for levels and growth rates, 'pp_per_year' for shares
    (an indicator whose table row has unit % or ‰ and is not itself a growth rate; prose-only
    indicators are growth rates, since a prose fact enters the panel only through its rate).
    ``*_basis`` is 'stated' or 'implied'; ``*_price_basis`` one of the module's labels
    (``REAL_STATED``, ``STATED``, ``NOMINAL_IMPLIED``, ``IMPLIED``, ``PP_IMPLIED``): compare a
    real target with a nominal past only with that difference in mind.
    Rows are keyed by catalogue code (``indicator``), or by the printed name when uncoded.
    ``family`` maps codes to a shared series key (the catalogue's family: ``gdp`` and
    ``gdp_growth`` are one series, the level printed in a table and the rate stated in prose);
    pass ``{e.code: e.family_key for e in Catalog.load().entries.values()}`` so a table's target
    and a prose past rate of the same series meet in one row.
    """
    base_year, target_year = _plan_span(plan)
    past_span = (base_year - 5, base_year)
    df = indicators.copy()
    df["key"] = df["indicator"].fillna("").astype(str).str.strip()
    if family:
        df["key"] = df["key"].map(lambda code: family.get(code, code) if code else code)
    df["key"] = df["key"].where(df["key"] != "", "name:" + df["name"].fillna("").astype(str))
    table = df["table"].fillna("").astype(str)
    ty = numeric_column(df, "target_year")
    by_ = numeric_column(df, "base_year")
    annual = numeric_column(df, "annual_growth")
    tv = numeric_column(df, "target_value")
    line = numeric_column(df, "line")
    df["_line"] = line.fillna(1e12)
    main = table == f"fyp{plan}_main"
    review = table == f"fyp{plan - 1}_review"
    prose = table == "prose"
    prose_target = prose & (ty == target_year) & annual.notna()
    year = ty.where(ty.notna(), by_)
    prose_past = prose & annual.notna() & tv.isna() & (year <= base_year)

    # Masks become columns so each group is filtered in plain Python: boolean indexing per
    # group costs ~7 ms in pandas and made this function take seconds on a few hundred rows.
    df["_main"], df["_review"] = main, review
    df["_prose_target"], df["_prose_past"] = prose_target, prose_past
    rows: list[dict[str, Any]] = []
    ordered = df.sort_values(["doc_id", "key", "_line"], kind="stable").to_dict("records")
    for (doc_id, key), grouped in itertools.groupby(ordered, key=lambda r: (r["doc_id"], r["key"])):
        recs = list(grouped)
        # The table row (if any) says what the indicator is: a prose fact's unit is that of its
        # rate ('%' in 年均增长6.6%), not of the indicator's level.
        tabled = [r for r in recs if r["_main"] or r["_review"]]
        first = tabled[0] if tabled else recs[0]
        unit = str(first.get("unit") or "")
        name = str(first.get("name") or "")
        share = bool(tabled) and unit.strip() in SHARE_UNITS and not GROWTH_NAME_RE.search(name)
        rec: dict[str, Any] = {
            "doc_id": doc_id,
            "region": first.get("region", ""),
            "key": key,
            "indicator": first.get("indicator", ""),
            "name": name,
            "unit": unit,
            "measure": "pp_per_year" if share else "growth_pct",
        }
        for side, flags, span in (
            ("target", ("_main", "_prose_target"), (base_year, target_year)),
            ("past", ("_review", "_prose_past"), past_span),
        ):
            found = None
            for flag in flags:
                for r in (r for r in recs if r[flag]):
                    found = _row_change(r, share, span)
                    if found is not None:
                        src = f"{r.get('table')}:{'' if pd.isna(r.get('line')) else int(r['line'])}"
                        qual = r.get("qualifier", "")
                        break
                if found is not None:
                    break
            if found is None:
                rec.update(
                    {f"{side}_growth": np.nan, f"{side}_basis": "", f"{side}_price_basis": "", f"{side}_source": ""}
                )
                if side == "target":
                    rec["target_qualifier"] = ""
            else:
                rec.update(
                    {
                        f"{side}_growth": found[0],
                        f"{side}_basis": found[1],
                        f"{side}_price_basis": found[2],
                        f"{side}_source": src,
                    }
                )
                if side == "target":
                    rec["target_qualifier"] = "" if qual is None or pd.isna(qual) else str(qual)
        if pd.notna(rec["target_growth"]) or pd.notna(rec["past_growth"]):
            rows.append(rec)
    return pd.DataFrame(rows, columns=PANEL_COLUMNS)
