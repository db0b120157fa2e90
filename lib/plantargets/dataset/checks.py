"""Consistency checks on the extracted dataset. They report, never "fix".

Each check is a small public function taking the indicators table (columns of
``docs/DATA_CONTRACT.md``) or the sector-mix table and returning findings with
``QUALITY_COLUMNS``; ``run_checks`` combines them in a deterministic order. A finding's
message is a sentence a reader of ``quality.csv`` understands without this code: it names
the numbers, what was expected and the likely cause.

The checks work on printed names and units only (this module imports nothing of ours), so
they also run on rows the catalogue does not know.

Checks and severities:

===========================  ========  =================================================
check                        severity  finding
===========================  ========  =================================================
growth_consistency           warning   stated annual rate fits neither the compound rate
                                       nor (for shares/rates) the percentage points a year
                                       implied by the base and target values
nominal_vs_real              info      a completion (review) table's money levels grow at
                                       current prices while the stated rate is real
impossible_value             error     a share above 100 %, a per-1000 ratio above 1000,
                                       a negative count, base and target >= 1000x apart
                             warning   base and target >= 100x apart
seq_anomaly                  warning   a row number that breaks the 1..n sequence
sector_sum                   warning   three-sector shares not summing to 100 +- 0.5
prose_table_disagreement     warning   the text and a table of one document print
                                       different values for one indicator and year
===========================  ========  =================================================
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import pandas as pd

from plantargets.dataset.ocr_checks import check_national_reference, check_ocr_direction, check_ocr_previous_plan

QUALITY_COLUMNS = [
    "source_file",
    "doc_id",
    "line",
    "table",
    "indicator",
    "name",
    "check",
    "severity",
    "message",
    "raw",
    "origin",  # for a cell read from an image: the image and the cell's pixel box
]
SEVERITIES = ("error", "warning", "info")

# -- expectations, each with its reason ------------------------------------------------------

# Plans print annual rates to one or two decimals and levels to three or four significant
# digits; 0.5 pp absorbs that rounding for ordinary rates, 10 % of the rate for large ones.
GROWTH_ABS_TOLERANCE = 0.5
GROWTH_REL_TOLERANCE = 0.10
# Annual price change (% a year) that can separate nominal level growth from a real rate:
# regional GDP deflators and PPI-driven industrial deflators in China ran between about -2 %
# (2015-16) and +8 % (2011) a year. A gap implying more than that is not a price effect.
PLAUSIBLE_PRICE_CHANGE = (-2.0, 8.0)
# Five-year levels do not move 1000-fold; such a pair mixes units (万 vs 亿, 人 vs 万人).
# 100-fold (151 % a year) is possible for a tiny base, so it only warns.
RATIO_ERROR = 1000.0
RATIO_WARNING = 100.0
# Three-sector shares are printed to one decimal each: 0.5 absorbs three roundings.
SECTOR_TOTAL = 100.0
SECTOR_TOLERANCE = 0.5

# A name with one of these (and a % or ‰ unit) is a share or rate, bounded by 100 % / 1000 ‰.
SHARE_MARKERS = ("率", "比重", "占比", "比例", "覆盖率")
# A name with one of these states a change (a growth rate or a reduction), not a level.
CHANGE_MARKERS = ("增长", "增速", "增幅", "涨幅", "降低", "下降", "降幅", "减少", "削减")
# Per-population ratios cannot exceed their denominator (more doctors than people).
_PER_POPULATION = (
    (re.compile(r"(^|每)十万(名|常住)?(人口|人|居民)"), 100_000.0),
    (re.compile(r"(^|每)万(名|常住)?(人口|人|居民)"), 10_000.0),
    (re.compile(r"(^|每)千(名|常住)?(人口|人|居民|老人|老年人|老年人口)"), 1_000.0),
)
# Precompiled: re.sub(<pattern text>, ...) looks the pattern up in re's cache on every call.
_WHITESPACE = re.compile(r"\s+")
_REVIEW_TABLE = re.compile(r"^fyp\d+_review$")
_MONEY = "元"
# Units of things that cannot be negative (head counts, money stocks, tonnes, areas, years).
_NON_NEGATIVE_UNITS = (
    "元",
    "人",
    "个",
    "件",
    "张",
    "家",
    "所",
    "套",
    "床",
    "户",
    "座",
    "项",
    "吨",
    "斤",
    "亩",
    "公顷",
    "立方米",
    "年",
    "岁",
    "天",
    "千瓦",
)
_SCALES = (("亿", 1e8), ("万", 1e4), ("千", 1e3), ("百", 1e2))

Finding = dict[str, Any]


# -- small readers -----------------------------------------------------------------------------


def _num(value: Any) -> float | None:
    """A finite float, or None for NaN / None / text that is not a number."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _int(value: Any) -> int | None:
    number = _num(value)
    return int(number) if number is not None else None


def _text(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def _flag(value: Any) -> bool:
    """A boolean cell: NaN/None/'' are False, 'true'/'1' True (CSV round trips give text)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return False
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


def _unit(value: Any) -> str:
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", _text(value)))


def _g(x: float) -> str:
    """A printed number as a person would write it: 929, 12.66, 0.068."""
    return f"{x:.10g}"


def is_change_name(name: str) -> bool:
    """The name states a change (增长, 降低 ...), so its values are rates, not levels."""
    return any(m in name for m in CHANGE_MARKERS)


def is_share_or_rate(name: str, unit: str) -> bool:
    """A share or rate in % or ‰: bounded, and its annual change may be given in points."""
    unit = _unit(unit)
    return unit in ("%", "‰") and any(m in name for m in SHARE_MARKERS) and not is_change_name(name)


def _is_money(unit: str) -> bool:
    return _MONEY in _unit(unit)


def _scale(unit: str) -> tuple[float, str]:
    """(multiplier, base unit): '亿元' → (1e8, '元'), '%' → (1, '%')."""
    u = _unit(unit)
    for prefix, factor in _SCALES:
        if u.startswith(prefix) and len(u) > 1:
            return factor, u[len(prefix) :]
    return 1.0, u


def _decimals(x: float) -> int:
    text = _g(abs(x))
    return len(text.split(".")[1]) if "." in text and "e" not in text else 0


def _finding(row: dict[str, Any], check: str, severity: str, message: str, **override: Any) -> Finding:
    out = {
        "source_file": _text(row.get("source_file")),
        "doc_id": _text(row.get("doc_id")),
        "line": _int(row.get("line")),
        "table": _text(row.get("table")),
        "indicator": _text(row.get("indicator")),
        "name": _text(row.get("name")),
        "check": check,
        "severity": severity,
        "message": message,
        "raw": _text(row.get("raw")),
    }
    out.update(override)
    return out


def _frame(findings: Iterable[Finding]) -> pd.DataFrame:
    frame = pd.DataFrame(list(findings), columns=QUALITY_COLUMNS)
    frame["line"] = frame["line"].astype("Int64")
    for column in QUALITY_COLUMNS:
        if column != "line":
            frame[column] = frame[column].astype(str)
    return frame


def _records(df: pd.DataFrame, required: Iterable[str], who: str) -> list[dict[str, Any]]:
    if df.empty and len(df.columns) == 0:
        return []  # "nothing extracted" may arrive as a bare DataFrame()
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise ValueError(
            f"{who} needs column(s) {missing}; got {list(df.columns)} "
            "(is this the indicators table of docs/DATA_CONTRACT.md?)"
        )
    shared = _SHARED_RECORDS.get()
    if shared is not None and shared[0] is df:
        return list(shared[1])  # run_checks converted this very frame once for all checks
    return df.to_dict("records")


# run_checks hands every check the same indicators frame: it is converted to records once
# instead of once per check (DataFrame.to_dict was most of the checks' time on 50 documents,
# see benchmarks/RESULTS.md). Checks only read the row dicts, so sharing them is safe.
_SHARED_RECORDS: ContextVar[tuple[pd.DataFrame, list[dict[str, Any]]] | None] = ContextVar(
    "plantargets_checks_shared_records", default=None
)


_ROW_COLUMNS = ("source_file", "doc_id", "table", "name", "unit", "line", "raw")
_VALUE_COLUMNS = (
    *_ROW_COLUMNS,
    "base_year",
    "base_value",
    "target_year",
    "target_value",
    "annual_growth",
    "cumulative",
)


# -- growth ------------------------------------------------------------------------------------


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
    """growth_fit for a contract row, or None when the row does not hold level + rate."""
    if _flag(row.get("cumulative")):
        return None  # a five-year total in the annual column is not an annual rate
    name, unit = _text(row.get("name")), _unit(row.get("unit"))
    if is_change_name(name) and (unit in ("%", "‰", "")):
        return None  # base and target are themselves rates (地区生产总值增长 4.1 %)
    base, target, stated = _num(row.get("base_value")), _num(row.get("target_value")), _num(row.get("annual_growth"))
    base_year, target_year = _int(row.get("base_year")), _int(row.get("target_year"))
    if None in (base, target, stated, base_year, target_year):
        return None
    assert base is not None and target is not None and stated is not None  # for mypy
    assert base_year is not None and target_year is not None
    return growth_fit(base, target, target_year - base_year, stated, is_share_or_rate(name, unit))


def _price_change(fit: GrowthFit, stated: float) -> float | None:
    """Annual price change that would reconcile nominal level growth with a real stated rate."""
    if fit.compound is None:
        return None
    return ((1 + fit.compound / 100) / (1 + stated / 100) - 1) * 100


def _is_price_gap(row: dict[str, Any], fit: GrowthFit) -> bool:
    stated = _num(row.get("annual_growth"))
    change = _price_change(fit, stated) if stated is not None else None
    return change is not None and PLAUSIBLE_PRICE_CHANGE[0] <= change <= PLAUSIBLE_PRICE_CHANGE[1]


def _is_review_money_level(row: dict[str, Any]) -> bool:
    name, unit = _text(row.get("name")), _text(row.get("unit"))
    return bool(_REVIEW_TABLE.match(_text(row.get("table")))) and _is_money(unit) and not is_share_or_rate(name, unit)


def implied_growth(indicators: pd.DataFrame) -> pd.DataFrame:
    """Per row: implied compound rate, implied pp/yr, best fit and gap (NaN/'' where not computable).

    The same arithmetic as ``check_growth_consistency``, for notebooks that show every row,
    not only the flagged ones. Indexed like ``indicators``.
    """
    rows = _records(indicators, _VALUE_COLUMNS, "implied_growth")
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
    return f"{_int(row.get('base_year'))}–{_int(row.get('target_year'))}"


def check_growth_consistency(indicators: pd.DataFrame) -> pd.DataFrame:
    """Stated annual rates that fit neither reading of the base and target values.

    Rows whose gap is a price-basis difference in a completion table are left to
    ``check_nominal_vs_real``. For other money levels the message adds the price change the
    gap would imply, because a target computed from a nominal projection is a common cause.
    """
    findings = []
    for row in _records(indicators, _VALUE_COLUMNS, "check_growth_consistency"):
        fit = _fit_row(row)
        if fit is None or fit.consistent:
            continue
        if _is_review_money_level(row) and _is_price_gap(row, fit):
            continue
        stated = float(row["annual_growth"])
        unit = _text(row.get("unit"))
        readings = []
        if fit.compound is not None:
            readings.append(f"{fit.compound:.2f}% a year compounded")
        if fit.pp_per_year is not None:
            readings.append(f"{fit.pp_per_year:.2f} percentage points a year")
        message = (
            f"Stated annual rate {_g(stated)} does not fit the values: {_g(float(row['base_value']))} → "
            f"{_g(float(row['target_value']))} {unit} over {_span(row)} implies {' or '.join(readings)}; "
            f"the closest reading is {fit.gap:.2f} off (tolerance {fit.tolerance:.2f})."
        )
        change = _price_change(fit, stated)
        if _is_money(unit) and change is not None:
            if _is_price_gap(row, fit):
                message += (
                    f" If the rate is real and the levels at current prices, prices would rise {change:.2f}% a year."
                )
            else:
                low, high = PLAUSIBLE_PRICE_CHANGE
                message += (
                    f" Read as real growth beside current-price levels it would imply prices changing "
                    f"{change:.2f}% a year, outside the plausible {_g(low)} to {_g(high)}%."
                )
        findings.append(_finding(row, "growth_consistency", "warning", message))
    return _frame(findings)


def check_nominal_vs_real(indicators: pd.DataFrame) -> pd.DataFrame:
    """Completion-table money levels growing faster (or slower) than the stated real rate.

    A review table prints realised levels at current prices beside the realised growth rate
    at comparable prices, so the two need not agree; the difference is the price change.
    Labelled 'info' with both numbers: it is how the statistics are compiled, not an error.
    """
    findings = []
    for row in _records(indicators, _VALUE_COLUMNS, "check_nominal_vs_real"):
        if not _is_review_money_level(row):
            continue
        fit = _fit_row(row)
        if fit is None or fit.consistent or not _is_price_gap(row, fit):
            continue
        stated = float(row["annual_growth"])
        change = _price_change(fit, stated)
        assert fit.compound is not None and change is not None
        message = (
            f"Levels {_g(float(row['base_value']))} → {_g(float(row['target_value']))} "
            f"{_text(row.get('unit'))} over {_span(row)} grow {fit.compound:.2f}% a year at current "
            f"prices, while the stated {_g(stated)}% is presumably real growth at comparable prices; "
            f"the difference implies prices changing {change:.2f}% a year, so it is a difference "
            "of price basis, not an error."
        )
        findings.append(_finding(row, "nominal_vs_real", "info", message))
    return _frame(findings)


# -- impossible values ------------------------------------------------------------------------


def _denominator(name: str) -> float | None:
    compact = _WHITESPACE.sub("", name)
    for pattern, denominator in _PER_POPULATION:
        if pattern.search(compact):
            return denominator
    return None


def check_impossible_value(indicators: pd.DataFrame) -> pd.DataFrame:
    """Values that cannot be what the name and unit say.

    - a share or rate in % above 100 (or below 0), in ‰ above 1000;
    - a per-population ratio above its denominator (每千人口 … above 1000): the printed
      numbers are then head counts, not ratios (001 prints 1432 → 1694 doctors "per 1000");
    - a negative value of a count, money or physical quantity (not a change);
    - base and target 1000 times apart or more (error), 100 times (warning): a unit mix.
    """
    findings = []
    for row in _records(indicators, _VALUE_COLUMNS, "check_impossible_value"):
        name, unit = _text(row.get("name")), _unit(row.get("unit"))
        values = [
            (year, value)
            for year, value in (
                (_int(row.get("base_year")), _num(row.get("base_value"))),
                (_int(row.get("target_year")), _num(row.get("target_value"))),
            )
            if value is not None
        ]
        if not values:
            continue

        def listed(pairs: list[tuple[int | None, float]]) -> str:
            return " and ".join(f"{_g(v)}" + (f" ({y})" if y is not None else "") for y, v in pairs)

        if is_share_or_rate(name, unit):
            bound = 100.0 if unit == "%" else 1000.0
            bad = [(y, v) for y, v in values if v > bound or v < 0]
            if bad:
                findings.append(
                    _finding(
                        row,
                        "impossible_value",
                        "error",
                        f"{name} is a share or rate in {unit}, but {listed(bad)} lies outside "
                        f"0–{_g(bound)}; a misprint or a value in another unit.",
                    )
                )
        denominator = _denominator(name)
        if denominator is not None:
            bad = [(y, v) for y, v in values if v > denominator]
            if bad:
                findings.append(
                    _finding(
                        row,
                        "impossible_value",
                        "error",
                        f"{name} is a ratio per {_g(denominator)} people, but {listed(bad)} "
                        f"exceeds {_g(denominator)} (more than one per person); the numbers "
                        "look like totals (head counts) printed in a per-capita row.",
                    )
                )
        if not is_change_name(name) and any(u in unit for u in _NON_NEGATIVE_UNITS):
            bad = [(y, v) for y, v in values if v < 0]
            if bad:
                findings.append(
                    _finding(
                        row,
                        "impossible_value",
                        "error",
                        f"{name} counts or measures a quantity in {unit} but {listed(bad)} is negative.",
                    )
                )
        if len(values) == 2 and not is_change_name(name) and values[0][1] > 0 and values[1][1] > 0:
            low, high = sorted(v for _, v in values)
            ratio = high / low
            if ratio >= RATIO_WARNING:
                severity = "error" if ratio >= RATIO_ERROR else "warning"
                findings.append(
                    _finding(
                        row,
                        "impossible_value",
                        severity,
                        f"Base and target of {name} are {ratio:,.0f} times apart "
                        f"({listed(values)} {unit}); over one plan that signals a unit mix "
                        "(万 vs 亿, 人 vs 万人) or a misplaced decimal point.",
                    )
                )
    return _frame(findings)


# -- row numbering ----------------------------------------------------------------------------

_SEQ = re.compile(r"^\s*(\d{1,3})\s*[.、)．]?\s*$")


def _outliers(seqs: list[int]) -> set[int]:
    """Positions whose number fits none of its neighbours (…18, 29, 20…: the 29)."""
    out = set()
    for i, s in enumerate(seqs):
        checks = ((i - 1, 1), (i + 1, -1), (i - 2, 2), (i + 2, -2))
        fits = any(0 <= j < len(seqs) and s == seqs[j] + step for j, step in checks)
        if not fits and len(seqs) > 2:
            out.add(i)
    return out


def check_seq_anomaly(indicators: pd.DataFrame) -> pd.DataFrame:
    """Row numbers that break a table's 1..n sequence: a misprint, or a row lost in extraction.

    Per document and table, rows in line order; sub-rows repeating their parent's number
    are one step. A number that fits none of its neighbours is a misprint (29 between 18 and
    20); a jump among the others means a row is missing; a restart at 1 begins another
    table under the same label and is not reported.
    """
    rows = _records(indicators, ("source_file", "table", "seq", "line"), "check_seq_anomaly")
    groups: dict[tuple[str, str], list[tuple[int, int, dict[str, Any]]]] = {}
    for row in rows:
        table = _text(row.get("table"))
        match = _SEQ.match(_text(row.get("seq")))
        if table == "prose" or not match:
            continue
        key = (_text(row.get("source_file")), table)
        groups.setdefault(key, []).append((_int(row.get("line")) or 0, int(match.group(1)), row))
    findings = []
    for key in sorted(groups):
        steps: list[tuple[int, dict[str, Any]]] = []
        for _, seq, row in sorted(groups[key], key=lambda t: t[0]):
            if not steps or steps[-1][0] != seq:
                steps.append((seq, row))
        seqs = [s for s, _ in steps]
        bad = _outliers(seqs)
        for i in sorted(bad):
            context = ", ".join(str(s) for s in seqs[max(0, i - 1) : i + 2])
            expected = seqs[i - 1] + 1 if i > 0 else seqs[i + 1] - 1
            findings.append(
                _finding(
                    steps[i][1],
                    "seq_anomaly",
                    "warning",
                    f"Row number {seqs[i]} breaks the sequence ({context}): expected {expected}; "
                    "probably a misprint (the number is kept as printed).",
                )
            )
        # A misprinted number still stands for one row: 18, 29, 20 has no gap.
        kept = [(i, s, r) for i, (s, r) in enumerate(steps) if i not in bad]
        if kept and kept[0][1] > 1 + kept[0][0]:
            first = kept[0][1] - kept[0][0]
            findings.append(
                _finding(
                    kept[0][2],
                    "seq_anomaly",
                    "warning",
                    f"The table's numbering starts at {first}: rows 1–{first - 1} are "
                    "missing from the document or were lost in extraction.",
                )
            )
        for (i_prev, prev, _), (i, seq, row) in itertools.pairwise(kept):
            expected = prev + (i - i_prev)
            if seq == 1 or seq == expected:
                continue
            if seq > expected:
                gap = f"row {expected}" if seq == expected + 1 else f"rows {expected}–{seq - 1}"
                message = (
                    f"Row numbers jump from {prev} to {seq}: {gap} missing from the document or lost in extraction."
                )
            else:
                message = f"Row number {seq} follows {prev}: the numbering goes backwards."
            findings.append(_finding(row, "seq_anomaly", "warning", message))
    return _frame(findings)


# -- sector mix -------------------------------------------------------------------------------


def check_sector_sum(sector_mix: pd.DataFrame) -> pd.DataFrame:
    """Three-sector structures whose shares do not add up to 100 (± SECTOR_TOLERANCE)."""
    rows = _records(
        sector_mix,
        ("source_file", "doc_id", "year", "kind", "primary", "secondary", "tertiary", "line", "raw"),
        "check_sector_sum",
    )
    findings = []
    for row in rows:
        shares = [_num(row.get(c)) for c in ("primary", "secondary", "tertiary")]
        if any(s is None for s in shares):
            continue
        total = sum(s for s in shares if s is not None)
        if abs(total - SECTOR_TOTAL) <= SECTOR_TOLERANCE:
            continue
        year, kind = _int(row.get("year")), _text(row.get("kind"))
        printed = " : ".join(_g(s) for s in shares if s is not None)
        findings.append(
            _finding(
                row,
                "sector_sum",
                "warning",
                f"Three-sector structure {printed} ({year}, {kind}) sums to {_g(round(total, 6))}, "
                f"not 100 (± {_g(SECTOR_TOLERANCE)}): a misprint or a misread share.",
                table="sector_mix",
                indicator="",
                name=f"三次产业结构 {year}",
            )
        )
    return _frame(findings)


# -- prose against tables ---------------------------------------------------------------------


def _agree(a: float, unit_a: str, b: float, unit_b: str) -> bool | None:
    """Whether two printed numbers agree to the coarser printed precision (None: units differ)."""
    scale_a, base_a = _scale(unit_a)
    scale_b, base_b = _scale(unit_b)
    if base_a and base_b and base_a != base_b:
        return None
    if not base_a or not base_b:
        scale_a = scale_b = 1.0
    tolerance = max(0.5 * 10 ** -_decimals(a) * scale_a, 0.5 * 10 ** -_decimals(b) * scale_b)
    # Strictly inside half a printed unit: 60 agrees with 60.4, not with 60.5 (which rounds to 61).
    return abs(a * scale_a - b * scale_b) < tolerance * (1 - 1e-9)


def _dated_values(row: dict[str, Any]) -> list[tuple[int, float, str]]:
    out = []
    for year_col, value_col in (("base_year", "base_value"), ("target_year", "target_value")):
        year, value = _int(row.get(year_col)), _num(row.get(value_col))
        if year is not None and value is not None:
            out.append((year, value, value_col))
    return out


def _prose_rate(row: dict[str, Any]) -> float | None:
    rate = _num(row.get("annual_growth"))
    if rate is None and _unit(row.get("unit")) == "%":
        rate = _num(row.get("target_value"))
    return rate


def check_prose_table_disagreement(indicators: pd.DataFrame) -> pd.DataFrame:
    """A figure stated in the text that differs from the table of the same document.

    Compared: same source file, same indicator code, same year, values in one base unit
    (亿元 and 万元 are converted; other differing units are not compared), and the annual
    rate of the same plan period. A growth code in prose (gdp_growth) is compared with the
    annual column of its level in the table (gdp), the catalogue's naming convention.
    Numbers agree when they match to the coarser printed precision (60 and 60.4 agree).
    """
    rows = _records(indicators, (*_VALUE_COLUMNS, "indicator"), "check_prose_table_disagreement")
    tables: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        code = _text(row.get("indicator"))
        if code and _text(row.get("table")) != "prose":
            tables.setdefault((_text(row.get("source_file")), code), []).append(row)
    findings = []
    for prose in rows:
        code = _text(prose.get("indicator"))
        if code and _text(prose.get("table")) == "prose":
            findings.extend(_prose_disagreements(prose, tables))
    return _frame(findings)


def _prose_disagreements(prose: dict[str, Any], tables: dict[tuple[str, str], list[dict[str, Any]]]) -> list[Finding]:
    """Findings for one prose row against the table rows of its document (one per table line and kind)."""
    code, source = _text(prose.get("indicator")), _text(prose.get("source_file"))
    unit_p = _text(prose.get("unit"))
    year_end = _int(prose.get("target_year")) or 0
    # (table row, what, prose number, table number, prose unit, table unit, year)
    clashes: list[tuple[dict[str, Any], str, float, float, str, str, int]] = []
    for table_row in tables.get((source, code), []):
        unit_t = _text(table_row.get("unit"))
        for year, value, _ in _dated_values(prose):
            for t_year, t_value, _ in _dated_values(table_row):
                if year == t_year and _agree(value, unit_p, t_value, unit_t) is False:
                    clashes.append((table_row, "the value", value, t_value, unit_p, unit_t, year))
        p_rate, t_rate = _num(prose.get("annual_growth")), _num(table_row.get("annual_growth"))
        if (
            p_rate is not None
            and t_rate is not None
            and _same_period(prose, table_row)
            and _agree(p_rate, "%", t_rate, "%") is False
        ):
            clashes.append((table_row, "an annual rate of", p_rate, t_rate, "%", "%", year_end))
    if code.endswith("_growth"):
        rate = _prose_rate(prose)
        for table_row in tables.get((source, code[: -len("_growth")]), []):
            t_rate = _num(table_row.get("annual_growth"))
            if (
                rate is not None
                and t_rate is not None
                and _same_period(prose, table_row)
                and _agree(rate, "%", t_rate, "%") is False
            ):
                clashes.append((table_row, "an annual rate of", rate, t_rate, "%", "%", year_end))
    findings, seen = [], set()
    for table_row, what, p_value, t_value, u_p, u_t, year in clashes:
        key = (_int(table_row.get("line")), what, year)
        if key in seen:
            continue
        seen.add(key)
        findings.append(
            _finding(
                prose,
                "prose_table_disagreement",
                "warning",
                f"The text states {what} {_g(p_value)} {u_p} for {year}; the "
                f"{_text(table_row.get('table'))} table (line {_int(table_row.get('line'))}) "
                f"prints {_g(t_value)} {u_t}.",
            )
        )
    return findings


def _same_period(prose: dict[str, Any], table_row: dict[str, Any]) -> bool:
    """Same end year, and the same start year when the prose gives one."""
    if _int(prose.get("target_year")) is None or _int(prose.get("target_year")) != _int(table_row.get("target_year")):
        return False
    start = _int(prose.get("base_year"))
    return start is None or start == _int(table_row.get("base_year"))


# -- all together -----------------------------------------------------------------------------

INDICATOR_CHECKS: tuple[Callable[[pd.DataFrame], pd.DataFrame], ...] = (
    check_growth_consistency,
    check_nominal_vs_real,
    check_impossible_value,
    check_seq_anomaly,
    check_prose_table_disagreement,
    check_ocr_direction,
    check_ocr_previous_plan,
    check_national_reference,
)


def run_checks(indicators: pd.DataFrame, sector_mix: pd.DataFrame) -> pd.DataFrame:
    """Findings as a DataFrame with QUALITY_COLUMNS, sorted by source_file, line, check."""
    records = [] if indicators.empty and len(indicators.columns) == 0 else indicators.to_dict("records")
    token = _SHARED_RECORDS.set((indicators, records))
    try:
        parts = [check(indicators) for check in INDICATOR_CHECKS]
    finally:
        _SHARED_RECORDS.reset(token)
    parts.append(check_sector_sum(sector_mix))
    parts = [p for p in parts if not p.empty]
    if not parts:
        return _frame([])
    findings = pd.concat(parts, ignore_index=True)
    findings = findings.sort_values(
        ["source_file", "line", "check", "table", "name", "message"], kind="mergesort", na_position="last"
    )
    return findings.reset_index(drop=True)[QUALITY_COLUMNS]
