"""Consistency checks on the extracted dataset. They report, never "fix".

Each check is a small public function taking the indicators table (columns of
``docs/DATA_CONTRACT.md``) or the sector-mix table and returning findings with
``QUALITY_COLUMNS``; ``run_checks`` combines them in a deterministic order. A finding's
message is a sentence a reader of ``quality.csv`` understands without this code: it names
the numbers, what was expected and the likely cause.

The checks work on printed names and units only (never the catalogue), so they also run on
rows the catalogue does not know. The growth checks are in :mod:`plantargets.dataset.growth_checks`,
the cell readers they share in :mod:`plantargets.dataset.rows`.

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
import re
from collections.abc import Callable
from typing import Any

import pandas as pd

from plantargets.dataset.growth_checks import check_growth_consistency, check_nominal_vs_real
from plantargets.dataset.ocr_checks import check_national_reference, check_ocr_direction, check_ocr_previous_plan
from plantargets.dataset.rows import (
    VALUE_COLUMNS,
    as_int,
    as_number,
    cell_text,
    decimals_of,
    findings_frame,
    fmt_number,
    is_share_or_rate,
    row_finding,
    row_records,
    shared_records,
    unit_scale,
    unit_text,
)
from plantargets.vocab.columns import QUALITY_COLUMNS
from plantargets.vocab.findings import Finding
from plantargets.vocab.units import NON_NEGATIVE_UNITS
from plantargets.vocab.words import is_change_name

# -- expectations, each with its reason ------------------------------------------------------

# Five-year levels do not move 1000-fold; such a pair mixes units (万 vs 亿, 人 vs 万人).
# 100-fold (151 % a year) is possible for a tiny base, so it only warns.
RATIO_ERROR = 1000.0
RATIO_WARNING = 100.0
# Three-sector shares are printed to one decimal each: 0.5 absorbs three roundings.
SECTOR_TOTAL = 100.0
SECTOR_TOLERANCE = 0.5

# Per-population ratios cannot exceed their denominator (more doctors than people).
_PER_POPULATION = (
    (re.compile(r"(^|每)十万(名|常住)?(人口|人|居民)"), 100_000.0),
    (re.compile(r"(^|每)万(名|常住)?(人口|人|居民)"), 10_000.0),
    (re.compile(r"(^|每)千(名|常住)?(人口|人|居民|老人|老年人|老年人口)"), 1_000.0),
)
# Precompiled: re.sub(<pattern text>, ...) looks the pattern up in re's cache on every call.
_WHITESPACE = re.compile(r"\s+")


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
    for row in row_records(indicators, VALUE_COLUMNS, "check_impossible_value"):
        name, unit = cell_text(row.get("name")), unit_text(row.get("unit"))
        values = [
            (year, value)
            for year, value in (
                (as_int(row.get("base_year")), as_number(row.get("base_value"))),
                (as_int(row.get("target_year")), as_number(row.get("target_value"))),
            )
            if value is not None
        ]
        if not values:
            continue

        def listed(pairs: list[tuple[int | None, float]]) -> str:
            return " and ".join(f"{fmt_number(v)}" + (f" ({y})" if y is not None else "") for y, v in pairs)

        if is_share_or_rate(name, unit):
            bound = 100.0 if unit == "%" else 1000.0
            bad = [(y, v) for y, v in values if v > bound or v < 0]
            if bad:
                findings.append(
                    row_finding(
                        row,
                        "impossible_value",
                        "error",
                        f"{name} is a share or rate in {unit}, but {listed(bad)} lies outside "
                        f"0–{fmt_number(bound)}; a misprint or a value in another unit.",
                    )
                )
        denominator = _denominator(name)
        if denominator is not None:
            bad = [(y, v) for y, v in values if v > denominator]
            if bad:
                findings.append(
                    row_finding(
                        row,
                        "impossible_value",
                        "error",
                        f"{name} is a ratio per {fmt_number(denominator)} people, but {listed(bad)} "
                        f"exceeds {fmt_number(denominator)} (more than one per person); the numbers "
                        "look like totals (head counts) printed in a per-capita row.",
                    )
                )
        if not is_change_name(name) and any(u in unit for u in NON_NEGATIVE_UNITS):
            bad = [(y, v) for y, v in values if v < 0]
            if bad:
                findings.append(
                    row_finding(
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
                    row_finding(
                        row,
                        "impossible_value",
                        severity,
                        f"Base and target of {name} are {ratio:,.0f} times apart "
                        f"({listed(values)} {unit}); over one plan that signals a unit mix "
                        "(万 vs 亿, 人 vs 万人) or a misplaced decimal point.",
                    )
                )
    return findings_frame(findings)


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
    rows = row_records(indicators, ("source_file", "table", "seq", "line"), "check_seq_anomaly")
    groups: dict[tuple[str, str], list[tuple[int, int, dict[str, Any]]]] = {}
    for row in rows:
        table = cell_text(row.get("table"))
        match = _SEQ.match(cell_text(row.get("seq")))
        if table == "prose" or not match:
            continue
        key = (cell_text(row.get("source_file")), table)
        groups.setdefault(key, []).append((as_int(row.get("line")) or 0, int(match.group(1)), row))
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
                row_finding(
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
                row_finding(
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
            findings.append(row_finding(row, "seq_anomaly", "warning", message))
    return findings_frame(findings)


# -- sector mix -------------------------------------------------------------------------------


def check_sector_sum(sector_mix: pd.DataFrame) -> pd.DataFrame:
    """Three-sector structures whose shares do not add up to 100 (± SECTOR_TOLERANCE)."""
    rows = row_records(
        sector_mix,
        ("source_file", "doc_id", "year", "kind", "primary", "secondary", "tertiary", "line", "raw"),
        "check_sector_sum",
    )
    findings = []
    for row in rows:
        shares = [as_number(row.get(c)) for c in ("primary", "secondary", "tertiary")]
        if any(s is None for s in shares):
            continue
        total = sum(s for s in shares if s is not None)
        if abs(total - SECTOR_TOTAL) <= SECTOR_TOLERANCE:
            continue
        year, kind = as_int(row.get("year")), cell_text(row.get("kind"))
        printed = " : ".join(fmt_number(s) for s in shares if s is not None)
        findings.append(
            row_finding(
                row,
                "sector_sum",
                "warning",
                f"Three-sector structure {printed} ({year}, {kind}) sums to {fmt_number(round(total, 6))}, "
                f"not 100 (± {fmt_number(SECTOR_TOLERANCE)}): a misprint or a misread share.",
                table="sector_mix",
                indicator="",
                name=f"三次产业结构 {year}",
            )
        )
    return findings_frame(findings)


# -- prose against tables ---------------------------------------------------------------------


def _agree(a: float, unit_a: str, b: float, unit_b: str) -> bool | None:
    """Whether two printed numbers agree to the coarser printed precision (None: units differ)."""
    scale_a, base_a = unit_scale(unit_a)
    scale_b, base_b = unit_scale(unit_b)
    if base_a and base_b and base_a != base_b:
        return None
    if not base_a or not base_b:
        scale_a = scale_b = 1.0
    tolerance = max(0.5 * 10 ** -decimals_of(a) * scale_a, 0.5 * 10 ** -decimals_of(b) * scale_b)
    # Strictly inside half a printed unit: 60 agrees with 60.4, not with 60.5 (which rounds to 61).
    return abs(a * scale_a - b * scale_b) < tolerance * (1 - 1e-9)


def _dated_values(row: dict[str, Any]) -> list[tuple[int, float, str]]:
    out = []
    for year_col, value_col in (("base_year", "base_value"), ("target_year", "target_value")):
        year, value = as_int(row.get(year_col)), as_number(row.get(value_col))
        if year is not None and value is not None:
            out.append((year, value, value_col))
    return out


def _prose_rate(row: dict[str, Any]) -> float | None:
    rate = as_number(row.get("annual_growth"))
    if rate is None and unit_text(row.get("unit")) == "%":
        rate = as_number(row.get("target_value"))
    return rate


def check_prose_table_disagreement(indicators: pd.DataFrame) -> pd.DataFrame:
    """A figure stated in the text that differs from the table of the same document.

    Compared: same source file, same indicator code, same year, values in one base unit
    (亿元 and 万元 are converted; other differing units are not compared), and the annual
    rate of the same plan period. A growth code in prose (gdp_growth) is compared with the
    annual column of its level in the table (gdp), the catalogue's naming convention.
    Numbers agree when they match to the coarser printed precision (60 and 60.4 agree).
    """
    rows = row_records(indicators, (*VALUE_COLUMNS, "indicator"), "check_prose_table_disagreement")
    tables: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        code = cell_text(row.get("indicator"))
        if code and cell_text(row.get("table")) != "prose":
            tables.setdefault((cell_text(row.get("source_file")), code), []).append(row)
    findings = []
    for prose in rows:
        code = cell_text(prose.get("indicator"))
        if code and cell_text(prose.get("table")) == "prose":
            findings.extend(_prose_disagreements(prose, tables))
    return findings_frame(findings)


def _rates_clash(
    prose: dict[str, Any], prose_rate: float | None, table_row: dict[str, Any]
) -> tuple[float, float] | None:
    """(prose rate, table rate) in % when a table row of the same period contradicts the prose."""
    table_rate = as_number(table_row.get("annual_growth"))
    if prose_rate is None or table_rate is None or not _same_period(prose, table_row):
        return None
    return (prose_rate, table_rate) if _agree(prose_rate, "%", table_rate, "%") is False else None


def _prose_disagreements(prose: dict[str, Any], tables: dict[tuple[str, str], list[dict[str, Any]]]) -> list[Finding]:
    """Findings for one prose row against the table rows of its document (one per table line and kind)."""
    code, source = cell_text(prose.get("indicator")), cell_text(prose.get("source_file"))
    unit_p = cell_text(prose.get("unit"))
    year_end = as_int(prose.get("target_year")) or 0
    # (table row, what, prose number, table number, prose unit, table unit, year)
    clashes: list[tuple[dict[str, Any], str, float, float, str, str, int]] = []
    for table_row in tables.get((source, code), []):
        unit_t = cell_text(table_row.get("unit"))
        for year, value, _ in _dated_values(prose):
            for t_year, t_value, _ in _dated_values(table_row):
                if year == t_year and _agree(value, unit_p, t_value, unit_t) is False:
                    clashes.append((table_row, "the value", value, t_value, unit_p, unit_t, year))
        pair = _rates_clash(prose, as_number(prose.get("annual_growth")), table_row)
        if pair:
            clashes.append((table_row, "an annual rate of", *pair, "%", "%", year_end))
    if code.endswith("_growth"):
        rate = _prose_rate(prose)
        for table_row in tables.get((source, code[: -len("_growth")]), []):
            pair = _rates_clash(prose, rate, table_row)
            if pair:
                clashes.append((table_row, "an annual rate of", *pair, "%", "%", year_end))
    findings, seen = [], set()
    for table_row, what, p_value, t_value, u_p, u_t, year in clashes:
        key = (as_int(table_row.get("line")), what, year)
        if key in seen:
            continue
        seen.add(key)
        findings.append(
            row_finding(
                prose,
                "prose_table_disagreement",
                "warning",
                f"The text states {what} {fmt_number(p_value)} {u_p} for {year}; the "
                f"{cell_text(table_row.get('table'))} table (line {as_int(table_row.get('line'))}) "
                f"prints {fmt_number(t_value)} {u_t}.",
            )
        )
    return findings


def _same_period(prose: dict[str, Any], table_row: dict[str, Any]) -> bool:
    """Same end year, and the same start year when the prose gives one."""
    if as_int(prose.get("target_year")) is None or as_int(prose.get("target_year")) != as_int(
        table_row.get("target_year")
    ):
        return False
    start = as_int(prose.get("base_year"))
    return start is None or start == as_int(table_row.get("base_year"))


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
    with shared_records(indicators):
        parts = [check(indicators) for check in INDICATOR_CHECKS]
    parts.append(check_sector_sum(sector_mix))
    parts = [p for p in parts if not p.empty]
    if not parts:
        return findings_frame([])
    findings = pd.concat(parts, ignore_index=True)
    findings = findings.sort_values(
        ["source_file", "line", "check", "table", "name", "message"], kind="mergesort", na_position="last"
    )
    return findings.reset_index(drop=True)[QUALITY_COLUMNS]
