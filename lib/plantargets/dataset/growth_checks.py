"""Growth checks: does a stated annual rate fit the base and target values printed beside it?

``growth_consistency`` compares the stated rate with the compound rate (or, for shares, the
percentage points a year) implied by the levels; ``nominal_vs_real`` explains the gap of a
review table's money levels, which grow at current prices while the stated rate is real.
Rates in % a year, changes of shares in pp a year.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from plantargets.dataset.rows import (
    VALUE_COLUMNS,
    as_int,
    as_number,
    cell_text,
    findings_frame,
    fmt_number,
    is_money,
    is_share_or_rate,
    row_finding,
    row_records,
    total_cell,
    unit_text,
)
from plantargets.vocab.columns import as_bool
from plantargets.vocab.comparability import NO_REAL_SERIES_RE, REAL, price_basis
from plantargets.vocab.findings import CODE_SEPARATOR, Wording
from plantargets.vocab.units import SHARE_UNITS
from plantargets.vocab.words import is_change_name

# Plans print annual rates to one or two decimals and levels to three or four significant
# digits; 0.5 pp absorbs that rounding for ordinary rates, 10 % of the rate for large ones.
GROWTH_ABS_TOLERANCE = 0.5
GROWTH_REL_TOLERANCE = 0.10
# Annual price change (% a year) that can separate nominal level growth from a real rate:
# regional GDP deflators and PPI-driven industrial deflators in China ran between about -2 %
# (2015-16) and +8 % (2011) a year. A gap implying more than that is not a price effect.
PLAUSIBLE_PRICE_CHANGE = (-2.0, 8.0)
_REVIEW_TABLE = re.compile(r"^fyp\d+_review$")


@dataclass(frozen=True)
class GrowthFit:
    """How a stated annual rate relates to the base and target values.

    compound:     ((target/base)^(1/years) - 1) * 100, % a year (None when a value is <= 0)
    pp_per_year:  (target - base) / years, percentage points a year (shares and rates only)
    best:         'compound', 'pp/yr' or 'neither' (the reading closest to the stated rate;
                  'neither' when even that one is further off than the tolerance)
    gap:          |stated - closest reading|
    tolerance:    max(GROWTH_ABS_TOLERANCE, GROWTH_REL_TOLERANCE * |stated|)
    """

    compound: float | None
    pp_per_year: float | None
    best: str
    gap: float
    tolerance: float

    @property
    def consistent(self) -> bool:
        return self.best != "neither"


def growth_fit(base: float, target: float, years: int, stated: float, share: bool) -> GrowthFit | None:
    """Compare a stated annual rate with the rates the two values imply (None if none can be computed)."""
    if years <= 0:
        return None
    compound = ((target / base) ** (1.0 / years) - 1.0) * 100.0 if base > 0 and target > 0 else None
    pp = (target - base) / years if share else None
    readings = {k: v for k, v in (("compound", compound), ("pp/yr", pp)) if v is not None}
    if not readings:
        return None
    closest = min(readings, key=lambda k: abs(stated - readings[k]))
    gap = abs(stated - readings[closest])
    tolerance = max(GROWTH_ABS_TOLERANCE, GROWTH_REL_TOLERANCE * abs(stated))
    return GrowthFit(compound, pp, closest if gap <= tolerance else "neither", gap, tolerance)


def _fit_row(row: dict[str, Any]) -> GrowthFit | None:
    """growth_fit for a contract row, or None when the row does not hold level + rate. The numbers are
    tested first: most rows lack one (a prose figure states a level or a rate), and every test answers None."""
    if as_bool(row.get("cumulative")):
        return None  # a five-year total in the annual column is not an annual rate
    base, target, stated = (
        as_number(row.get("base_value")),
        as_number(row.get("target_value")),
        as_number(row.get("annual_growth")),
    )
    base_year, target_year = as_int(row.get("base_year")), as_int(row.get("target_year"))
    if None in (base, target, stated, base_year, target_year):
        return None
    name, unit = cell_text(row.get("name")), unit_text(row.get("unit"))
    if is_change_name(name) and (unit in ("%", "‰", "")):
        return None  # base and target are themselves rates (地区生产总值增长 4.1 %)
    assert base is not None and target is not None and stated is not None  # for mypy
    assert base_year is not None and target_year is not None
    return growth_fit(base, target, target_year - base_year, stated, is_share_or_rate(name, unit))


def _price_change(fit: GrowthFit, stated: float) -> float | None:
    """Annual price change that would reconcile nominal level growth with a real stated rate."""
    if fit.compound is None:
        return None
    return ((1 + fit.compound / 100) / (1 + stated / 100) - 1) * 100


def _is_price_gap(row: dict[str, Any], fit: GrowthFit) -> bool:
    stated = as_number(row.get("annual_growth"))
    change = _price_change(fit, stated) if stated is not None else None
    return change is not None and PLAUSIBLE_PRICE_CHANGE[0] <= change <= PLAUSIBLE_PRICE_CHANGE[1]


def _has_no_real_series(row: dict[str, Any]) -> bool:
    """Budget revenue and tax: compiled at current prices only, so no gap of theirs is a price effect."""
    return bool(NO_REAL_SERIES_RE.search(cell_text(row.get("name"))))


def _is_review_money_level(row: dict[str, Any]) -> bool:
    """A completion table's money level that has a comparable-price series (GDP, value added, sales)."""
    name, unit = cell_text(row.get("name")), cell_text(row.get("unit"))
    return (
        bool(_REVIEW_TABLE.match(cell_text(row.get("table"))))
        and is_money(unit)
        and not is_share_or_rate(name, unit)
        and not _has_no_real_series(row)
    )


def implied_growth(indicators: pd.DataFrame) -> pd.DataFrame:
    """Per row: implied compound rate, implied pp/yr, best fit and gap (NaN/'' where not computable).

    The same arithmetic as ``check_growth_consistency``, for notebooks that show every row,
    not only the flagged ones. Indexed like ``indicators``.
    """
    rows = row_records(indicators, VALUE_COLUMNS, "implied_growth")
    out = []
    for row in rows:
        fit = _fit_row(row)
        out.append(
            {
                "implied_compound": fit.compound if fit and fit.compound is not None else math.nan,
                "implied_pp_per_year": fit.pp_per_year if fit and fit.pp_per_year is not None else math.nan,
                "best_fit": fit.best if fit else "",
                "gap": fit.gap if fit else math.nan,
            }
        )
    return pd.DataFrame(
        out, index=indicators.index, columns=["implied_compound", "implied_pp_per_year", "best_fit", "gap"]
    )


def _span(row: dict[str, Any]) -> str:
    return f"{as_int(row.get('base_year'))}–{as_int(row.get('target_year'))}"


def _levels(row: dict[str, Any]) -> dict[str, object]:
    """The base and target levels of a row with their unit and years: a finding's parameters."""
    return {
        "base": float(row["base_value"]),
        "target": float(row["target_value"]),
        "unit": cell_text(row.get("unit")),
        "base_year": as_int(row.get("base_year")),
        "target_year": as_int(row.get("target_year")),
    }


def check_growth_consistency(indicators: pd.DataFrame) -> pd.DataFrame:
    """Stated annual rates that fit neither reading of the base and target values.

    Rows whose gap is a price-basis difference in a completion table are left to
    ``check_nominal_vs_real``. For other money levels the message adds the price change the
    gap would imply, because a target computed from a nominal projection is a common cause.
    """
    findings = []
    for row in row_records(indicators, VALUE_COLUMNS, "check_growth_consistency"):
        fit = _fit_row(row)
        if fit is None or fit.consistent:
            continue
        if _is_review_money_level(row) and _is_price_gap(row, fit):
            continue
        stated = float(row["annual_growth"])
        unit = cell_text(row.get("unit"))
        readings = []
        params = _levels(row) | {"stated": stated, "gap": round(fit.gap, 2), "tolerance": round(fit.tolerance, 2)}
        codes = ["growth_consistency"]
        if fit.compound is not None:
            readings.append(f"{fit.compound:.2f}% a year compounded")
            codes.append("growth_consistency.compound")
            params["compound"] = round(fit.compound, 2)
        if fit.pp_per_year is not None:
            readings.append(f"{fit.pp_per_year:.2f} percentage points a year")
            codes.append("growth_consistency.pp")
            params["pp_per_year"] = round(fit.pp_per_year, 2)
        codes.append("growth_consistency.gap")
        message = (
            f"Stated annual rate {fmt_number(stated)} does not fit the values: {fmt_number(float(row['base_value']))} → "
            f"{fmt_number(float(row['target_value']))} {unit} over {_span(row)} implies {' or '.join(readings)}; "
            f"the closest reading is {fit.gap:.2f} off (tolerance {fit.tolerance:.2f})."
        )
        change = _price_change(fit, stated)
        if _has_no_real_series(row):
            codes.append("growth_consistency.no_real_series")
            message += (
                " Budget revenue has no comparable-price series, so the stated rate is nominal like the levels: "
                "the gap is not a difference of price basis."
            )
        elif is_money(unit) and change is not None:
            params["price_change"] = round(change, 2)
            if _is_price_gap(row, fit):
                codes.append("growth_consistency.price_gap")
                message += (
                    f" If the rate is real and the levels at current prices, prices would rise {change:.2f}% a year."
                )
            else:
                low, high = PLAUSIBLE_PRICE_CHANGE
                codes.append("growth_consistency.implausible_price")
                params |= {"low": low, "high": high}
                message += (
                    f" Read as real growth beside current-price levels it would imply prices changing "
                    f"{change:.2f}% a year, outside the plausible {fmt_number(low)} to {fmt_number(high)}%."
                )
        findings.append(
            row_finding(row, "growth_consistency", "warning", Wording(message, CODE_SEPARATOR.join(codes), params))
        )
    return findings_frame(findings)


def check_nominal_vs_real(indicators: pd.DataFrame) -> pd.DataFrame:
    """Completion-table money levels growing faster (or slower) than the stated real rate.

    A review table prints realised levels at current prices beside the realised growth rate
    at comparable prices, so the two need not agree; the difference is the price change.
    Labelled 'info' with both numbers: it is how the statistics are compiled, not an error.
    """
    findings = []
    for row in row_records(indicators, VALUE_COLUMNS, "check_nominal_vs_real"):
        if not _is_review_money_level(row):
            continue
        fit = _fit_row(row)
        if fit is None or fit.consistent or not _is_price_gap(row, fit):
            continue
        stated = float(row["annual_growth"])
        change = _price_change(fit, stated)
        assert fit.compound is not None and change is not None
        message = (
            f"Levels {fmt_number(float(row['base_value']))} → {fmt_number(float(row['target_value']))} "
            f"{cell_text(row.get('unit'))} over {_span(row)} grow {fit.compound:.2f}% a year at current "
            f"prices, while the stated {fmt_number(stated)}% is presumably real growth at comparable prices; "
            f"the difference implies prices changing {change:.2f}% a year, so it is a difference "
            "of price basis, not an error."
        )
        params = _levels(row) | {"compound": round(fit.compound, 2), "stated": stated, "price_change": round(change, 2)}
        findings.append(row_finding(row, "nominal_vs_real", "info", Wording(message, "nominal_vs_real", params)))
    return findings_frame(findings)


def check_impossible_real_growth(indicators: pd.DataFrame) -> pd.DataFrame:
    """A growth stated as real (实际增长, 可比价) for a quantity that has no real series.

    Budget revenue and tax are compiled at current prices only (there is no revenue deflator),
    so '一般公共预算收入实际增长' cannot be real growth: the rate is nominal, or the sentence
    mixes two figures. Warning: an analysis must not treat the rate as real.
    """
    findings = []
    for row in row_records(indicators, VALUE_COLUMNS, "check_impossible_real_growth"):
        if not _has_no_real_series(row) or price_basis(cell_text(row.get("raw"))) != REAL:
            continue
        findings.append(
            row_finding(
                row,
                "impossible_real_growth",
                "warning",
                Wording(
                    f"{cell_text(row.get('name'))} is stated as real growth (实际/可比价), but budget revenue has no "
                    "comparable-price series: the rate can only be nominal.",
                    "impossible_real_growth",
                    {"name": cell_text(row.get("name"))},
                ),
            )
        )
    return findings_frame(findings)


def check_cumulative_as_rate(indicators: pd.DataFrame) -> pd.DataFrame:
    """A five-year total in the target cell beside a yearly base: the pair is no growth path.

    Tacheng prints 城镇新增就业人数 3.12 (2020) | 〔10.5〕 (2021–25 total) (004:108); compounding
    3.12 → 10.5 gives 27.47 % a year, while the plan means about 2.1 a year. Info: the row is
    right as printed; this says how not to read it (analyses divide the total by the years).
    """
    findings = []
    for row in row_records(indicators, VALUE_COLUMNS, "check_cumulative_as_rate"):
        base, total = as_number(row.get("base_value")), as_number(row.get("target_value"))
        # A share has no five-year total (a bracketed % beside a base is an OCR or layout misread).
        if total_cell(row) != "target" or base is None or total is None or unit_text(row.get("unit")) in SHARE_UNITS:
            continue
        years = (as_int(row.get("target_year")) or 0) - (as_int(row.get("base_year")) or 0)
        years = years if years > 0 else 5
        unit = cell_text(row.get("unit"))
        findings.append(
            row_finding(
                row,
                "cumulative_as_rate",
                "info",
                Wording(
                    f"〔{fmt_number(total)}〕 {unit} is a {years}-year total ({fmt_number(round(total / years, 6))} "
                    f"{unit} a year), printed beside the yearly base {fmt_number(base)} ({as_int(row.get('base_year'))}): "
                    "the two are not levels of one series, and no growth rate follows from them.",
                    "cumulative_as_rate",
                    {
                        "total": total,
                        "unit": unit,
                        "years": years,
                        "per_year": round(total / years, 6),
                        "base": base,
                        "base_year": as_int(row.get("base_year")),
                    },
                ),
            )
        )
    return findings_frame(findings)
