"""Compare like with like: what each indicator row measures, how its target is stated, over what
time and at what prices; and which comparisons of two rows are allowed.

Every analysis goes through here (the growth panel, ambition, profiles, regressions):

- :func:`row_comparability` derives, for one row of the indicators table, the columns of
  :mod:`plantargets.vocab.comparability`: ``measure``, ``higher_is_better``, ``target_type``,
  ``time_basis``, ``price_basis``, and for a five-year total its ``yearly_value`` (the total
  over the plan's years; 〔10.5〕万人 over 2021–25 is 2.1 万人 a year) with a ``note`` saying so;
- :func:`not_a_planned_change` says why a target cannot be read as a planned change (a floor,
  a ceiling, a maintain-target, words, a five-year total): '' when it can;
- :func:`comparable` allows a comparison of two rows only when their measure, time basis and
  document type agree and their price bases do not contradict (real against nominal);
- :func:`excluded_rows` turns a panel's exclusion columns into one tidy frame (``EXCLUDED_COLUMNS``)
  that a report shows beside its tables: what was left out, and why.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from plantargets.dataset.catalog import Catalog, default_catalog
from plantargets.dataset.rows import total_cell
from plantargets.vocab import comparability as cv
from plantargets.vocab.columns import as_bool
from plantargets.vocab.comparability import price_basis
from plantargets.vocab.units import SHARE_UNITS, unit_dimension
from plantargets.vocab.words import GROWTH_NAME_RE

# A growth-named row in % whose annual column equals the compound rate of its two values
# within this relative tolerance states the growth of a level printed in % (Hure's
# 研发经费投入增长: 0.074 → 0.16 %, 16.68 % a year), not a growth rate itself.
_COMPOUND_FIT = 0.02
# Words of a spending-type name: its level in % of GDP is an intensity, not a share.
_SPENDING_WORDS = ("经费", "投入", "支出")
PLAN_YEARS = 5  # a five-year plan's span, for a total without printed years


def _num(value: Any) -> float:
    """A float, NaN for anything that is not a number (a scalar pd.to_numeric per cell was the
    layer's main cost on the 66,000-row corpus)."""
    try:
        out = float(value)
    except (TypeError, ValueError):
        return np.nan
    return out if np.isfinite(out) else np.nan


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


def unit_measure(name: str, unit: str) -> str:
    """The measure of an uncatalogued row, from its printed unit and name."""
    u = unit.strip()
    if u in SHARE_UNITS:
        if GROWTH_NAME_RE.search(name):
            return cv.GROWTH_RATE
        return cv.INTENSITY if cv.INTENSITY_NAME_RE.search(name) else cv.SHARE
    dim = unit_dimension(u)
    if dim in ("persons", "count", "days"):
        return cv.RATIO if ("每" in name or "/" in u) else cv.COUNT
    return cv.LEVEL


def values_are_levels_in_percent(rec: Mapping[str, Any]) -> bool:
    """A growth-named % row whose annual column is the compound rate of its two values.

    Then the values are levels printed in % (an intensity or share) and the annual column
    their compound growth: 0.074 → 0.16 over 2020–25 is 16.68 % a year (Hure, 003:60).
    """
    name, unit = _text(rec.get("name")), _text(rec.get("unit")).strip()
    base, target, annual = _num(rec.get("base_value")), _num(rec.get("target_value")), _num(rec.get("annual_growth"))
    years = _num(rec.get("target_year")) - _num(rec.get("base_year"))
    if unit not in SHARE_UNITS or not GROWTH_NAME_RE.search(name) or np.isnan([base, target, annual, years]).any():
        return False
    if base <= 0 or target <= 0 or years <= 0 or annual == 0:
        return False
    implied = ((target / base) ** (1.0 / years) - 1.0) * 100.0
    return abs(implied - annual) <= _COMPOUND_FIT * abs(annual)


def row_measure(rec: Mapping[str, Any], catalog: Catalog | None = None) -> str:
    """What the row's numbers are (``vocab.comparability.MEASURES``), catalogue first."""
    name, unit = _text(rec.get("name")), _text(rec.get("unit"))
    if values_are_levels_in_percent(rec):
        return cv.INTENSITY if any(w in name for w in _SPENDING_WORDS) else cv.SHARE
    code = _text(rec.get("indicator")).strip()
    catalog = catalog or default_catalog()
    if code and code in catalog:
        return cv.KIND_MEASURE.get(catalog.get(code).kind, cv.LEVEL)
    if all(np.isnan(_num(rec.get(c))) for c in ("base_value", "target_value")) and not np.isnan(
        _num(rec.get("annual_growth"))
    ):
        return cv.GROWTH_RATE  # a prose rate (人民币贷款余额增长10%): its unit is the rate's
    return unit_measure(name, unit)


def higher_is_better(rec: Mapping[str, Any], catalog: Catalog | None = None) -> bool | None:
    """The catalogue's direction of good for the row's code (None: uncatalogued or neutral)."""
    code = _text(rec.get("indicator")).strip()
    catalog = catalog or default_catalog()
    return catalog.get(code).higher_is_better if code and code in catalog else None


def target_type(rec: Mapping[str, Any], measure: str) -> str:
    """How the target is stated (``vocab.comparability.TARGET_TYPES``).

    The qualifier decides floors (at_least), ceilings (at_most) and words (text, missing);
    保持/稳定在 in the target's words, or a printed target equal to the base, is a maintain-target;
    the rest is a growth target (a rate) or a level target.
    """
    qualifier = _text(rec.get("qualifier")).strip()
    if qualifier in cv.QUALIFIER_TARGET_TYPE:
        return cv.QUALIFIER_TARGET_TYPE[qualifier]
    words = _text(rec.get("target_text"))
    base, target = _num(rec.get("base_value")), _num(rec.get("target_value"))
    if cv.MAINTAIN_RE.search(words) or (not np.isnan(base) and base == target and measure != cv.GROWTH_RATE):
        return cv.MAINTAIN
    if measure == cv.GROWTH_RATE or (not np.isnan(_num(rec.get("annual_growth"))) and np.isnan(target)):
        return cv.GROWTH_TARGET
    return cv.LEVEL_TARGET


def time_basis(rec: Mapping[str, Any], doc_type: str = "", measure: str = "") -> str:
    """Over what time the row's target figure runs: a five-year total, a year, a plan's average.

    A total in the target cell (〔10.5〕万人) makes the target a five-year total; so does a
    total in the annual column of a rate (a reduction of 〔13.5〕% over the plan). A total in the
    annual column of a level (受教育年限 11.3 with 〔0.3〕) leaves the level an end-year target.
    """
    cell = total_cell(rec)
    if cell == "target" or (cell == "annual" and measure == cv.GROWTH_RATE):
        return cv.FIVE_YEAR_TOTAL
    if doc_type in cv.ANNUAL_DOC_TYPES:
        return cv.ANNUAL
    return cv.PLAN_AVERAGE


def yearly_total(rec: Mapping[str, Any], measure: str) -> tuple[float, str]:
    """A five-year total as a yearly figure, with the sentence that says so; (NaN, '') otherwise.

    〔10.5〕万人次 over 2021–2025 → (2.1, '〔10.5〕 万人次 is a 2021–2025 total: 2.1 万人次 a year').
    A total of a share, rate or ratio is not summable and gets no yearly figure.
    """
    cell = total_cell(rec)
    if not cell:
        return np.nan, ""
    total = _num(rec.get("target_value" if cell == "target" else "annual_growth"))
    by, ty = _num(rec.get("base_year")), _num(rec.get("target_year"))
    years = ty - by if not np.isnan(by) and not np.isnan(ty) and ty > by else PLAN_YEARS
    start = int(ty - years + 1) if not np.isnan(ty) else None
    span = f"{start}–{int(ty)}" if start is not None else f"{years:g}-year"
    unit = _text(rec.get("unit"))
    if np.isnan(total):
        return np.nan, f"a {span} total, not a yearly figure"
    if measure not in cv.SUMMABLE_MEASURES:
        return np.nan, f"〔{total:g}〕 {unit} is a {span} total, not a yearly figure"
    yearly = total / years
    return yearly, f"〔{total:g}〕 {unit} is a {span} total: {yearly:.3g} {unit} a year, not a growth rate"


def not_a_planned_change(comp: Mapping[str, Any], printed: float) -> str:
    """Why a target is not a planned change ('' when it is): floors, ceilings, maintain, words, totals."""
    kind = comp["target_type"]
    shown = "" if np.isnan(printed) else f" ({printed:g})"
    if kind == cv.TEXT:
        return "stated in words, no number to compare"
    if comp["time_basis"] == cv.FIVE_YEAR_TOTAL:
        return comp["note"] or "a five-year total, not a yearly rate"
    if kind == cv.FLOOR:
        return f"floor{shown}: a lower bound, not a planned change"
    if kind == cv.CEILING:
        return f"ceiling{shown}: an upper bound, not a planned change"
    if kind == cv.MAINTAIN:
        return f"maintain{shown}: holds a level, not a planned change"
    return ""


def row_comparability(rec: Mapping[str, Any], doc_type: str = "", catalog: Catalog | None = None) -> dict[str, Any]:
    """The comparability columns of one indicator row (see the module docstring)."""
    measure = row_measure(rec, catalog)
    basis = time_basis(rec, doc_type, measure)
    yearly, note = yearly_total(rec, measure) if basis == cv.FIVE_YEAR_TOTAL else (np.nan, "")
    return {
        "measure": measure,
        "higher_is_better": higher_is_better(rec, catalog),
        "target_type": target_type(rec, measure),
        "time_basis": basis,
        "price_basis": price_basis(_text(rec.get("raw"))),
        "yearly_value": yearly,
        "note": note,
    }


COMPARABILITY_COLUMNS = [
    "measure",
    "higher_is_better",
    "target_type",
    "time_basis",
    "price_basis",
    "yearly_value",
    "note",
]


def comparability(
    indicators: pd.DataFrame, doc_types: Mapping[str, str] | None = None, catalog: Catalog | None = None
) -> pd.DataFrame:
    """``COMPARABILITY_COLUMNS`` for every row of the indicators table, indexed like it.

    ``doc_types`` maps doc_id → manifest doc_type (a work report's targets are annual).
    """
    doc_types = doc_types or {}
    recs = indicators.to_dict("records")
    out = [row_comparability(r, doc_types.get(str(r.get("doc_id")), ""), catalog) for r in recs]
    return pd.DataFrame(out, index=indicators.index, columns=COMPARABILITY_COLUMNS)


def change_measure(measure: str) -> str:
    """The measure of a row's yearly change: a level and a growth rate both change as a growth rate."""
    return cv.GROWTH_RATE if measure in cv.GROWTH_MEASURES else measure


def price_bases_agree(a: str, b: str) -> bool:
    """Two price bases may be compared unless one is real and the other nominal.

    'as stated' (the document does not say) is compatible with either: a comparison across it
    is allowed, and the panel shows both labels so a reader can weigh it.
    """
    return {a, b} != {cv.REAL, cv.NOMINAL}


def comparable(a: Mapping[str, Any], b: Mapping[str, Any]) -> tuple[bool, str]:
    """Whether two rows may be compared: (allowed, the reason when not).

    Each mapping holds ``measure``, ``time_basis``, ``price_basis`` and ``doc_type``.
    """
    if change_measure(str(a.get("measure", ""))) != change_measure(str(b.get("measure", ""))):
        return False, f"different measure: {a.get('measure')} vs {b.get('measure')}"
    for col, what in (("time_basis", "time basis"), ("doc_type", "document type")):
        if str(a.get(col, "")) != str(b.get(col, "")):
            return False, f"different {what}: {a.get(col)} vs {b.get(col)}"
    if not price_bases_agree(str(a.get("price_basis", "")), str(b.get("price_basis", ""))):
        return False, f"different price basis: {a.get('price_basis')} vs {b.get('price_basis')}"
    return True, ""


def excluded_rows(panel: pd.DataFrame, value_col: str = "target_printed") -> pd.DataFrame:
    """What a panel left out of its comparisons, and why: one row per reason (``EXCLUDED_COLUMNS``).

    Reads the panel's ``target_excluded`` (a target that is no planned change) and ``excluded``
    with ``flags`` (an error finding at the row's source line: kept in tables, left out of
    rankings and regressions). Sorted by document and series.
    """
    rows = []
    for rec in panel.to_dict("records"):
        reasons = []
        if _text(rec.get("target_excluded")):
            reasons.append(str(rec["target_excluded"]))
        if as_bool(rec.get("excluded")):
            reasons.append(f"error finding ({rec.get('flags') or 'quality.csv'}): left out of rankings and regressions")
        for reason in reasons:
            value = rec.get(value_col)
            rows.append(
                {
                    "doc_id": rec.get("doc_id"),
                    "series": rec.get("series", rec.get("key")),
                    "indicator": rec.get("indicator"),
                    "name": rec.get("name"),
                    "unit": rec.get("unit"),
                    "value": value if pd.notna(value) else rec.get("target_growth"),
                    "source": rec.get("target_source") or rec.get("past_source"),
                    "reason": reason,
                }
            )
    out = pd.DataFrame(rows, columns=cv.EXCLUDED_COLUMNS)
    return out.sort_values(["doc_id", "series"], kind="stable").reset_index(drop=True)


__all__ = [
    "COMPARABILITY_COLUMNS",
    "comparability",
    "comparable",
    "excluded_rows",
    "not_a_planned_change",
    "price_basis",
    "row_comparability",
    "total_cell",
]
