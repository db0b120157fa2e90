"""Consistency checks on the extracted dataset. They report, never "fix".

Each check is a small public function taking the indicators table (columns of
``docs/DATA_CONTRACT.md``) or the sector-mix table and returning findings with
``QUALITY_COLUMNS``; ``run_checks`` combines them in a deterministic order. A finding's
message is a sentence a reader of ``quality.csv`` understands without this code: it names
the numbers, what was expected and the likely cause.

The checks work on printed names and units only (never the catalogue), so they also run on
rows the catalogue does not know. The growth checks are in :mod:`plantargets.dataset.growth_checks`,
the agreement checks (prose against tables) in :mod:`plantargets.dataset.agreement_checks`, the
cell readers they share in :mod:`plantargets.dataset.rows`.

Checks and severities:

===========================  ========  =================================================
check                        severity  finding
===========================  ========  =================================================
growth_consistency           warning   stated annual rate fits neither the compound rate
                                       nor (for shares/rates) the percentage points a year
                                       implied by the base and target values
nominal_vs_real              info      a completion (review) table's money levels grow at
                                       current prices while the stated rate is real (never
                                       budget revenue: it has no comparable-price series)
impossible_real_growth       warning   growth stated as real (实际, 可比价) for budget revenue
cumulative_as_rate           info      a five-year total printed beside a yearly base: the
                                       pair is no growth path (〔10.5〕 after 3.12)
impossible_value             error     a share above 100 %, a per-1000 ratio above 1000,
                                       a negative count, base and target >= 1000x apart
                             warning   base and target >= 100x apart
seq_anomaly                  warning   a row number that breaks the 1..n sequence
sector_sum                   warning   three-sector shares not summing to 100 +- 0.5
prose_table_disagreement     warning   the text and a table of one document print
                                       different values for one indicator and year, or a
                                       different sector share than the text's structure
===========================  ========  =================================================
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from typing import Any

import pandas as pd

from plantargets.dataset import rows as R
from plantargets.dataset.agreement_checks import check_mix_table_disagreement, check_prose_table_disagreement
from plantargets.dataset.growth_checks import (
    check_cumulative_as_rate,
    check_growth_consistency,
    check_impossible_real_growth,
    check_nominal_vs_real,
)
from plantargets.dataset.ocr_checks import check_national_reference, check_ocr_direction, check_ocr_previous_plan
from plantargets.vocab.columns import QUALITY_COLUMNS
from plantargets.vocab.findings import Finding, Wording
from plantargets.vocab.units import NON_NEGATIVE_UNITS
from plantargets.vocab.words import UNBOUNDED_RATES, is_change_name

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


@functools.lru_cache(maxsize=4096)
def _denominator(name: str) -> float | None:
    """The population a per-population ratio is counted over (每千人口 → 1000), None for another name.
    Cached: a chunk's rows repeat few names (a pure function of the name)."""
    compact = _WHITESPACE.sub("", name)
    for pattern, denominator in _PER_POPULATION:
        if pattern.search(compact):
            return denominator
    return None


def _listed(pairs: list[tuple[int | None, float]]) -> str:
    """'1432 (2020) and 1694 (2025)': the printed values a finding is about, with their years."""
    return " and ".join(f"{R.fmt_number(v)}" + (f" ({y})" if y is not None else "") for y, v in pairs)


# (severity, message, template code, parameters) of one finding
Found = tuple[str, str, str, dict[str, object]]


def _pairs(values: list[tuple[int | None, float]]) -> list[list[object]]:
    """The printed values as [value, year] pairs: the ``values`` parameter of a finding."""
    return [[v, y] for y, v in values]


def _out_of_bounds(name: str, unit: str, values: list[tuple[int | None, float]]) -> list[Found]:
    """A share above its bound, a ratio above its denominator, a negative count."""
    out: list[tuple[str, str, dict[str, object]]] = []
    if R.is_share_or_rate(name, unit) and not any(r in name for r in UNBOUNDED_RATES):
        bound = 100.0 if unit == "%" else 1000.0
        bad = [(y, v) for y, v in values if v > bound or v < 0]
        if bad:
            out.append(
                (
                    f"{name} is a share or rate in {unit}, but {_listed(bad)} lies outside "
                    f"0–{R.fmt_number(bound)}; a misprint or a value in another unit.",
                    "impossible_value.share",
                    {"name": name, "unit": unit, "values": _pairs(bad), "bound": bound},
                )
            )
    denominator = _denominator(name)
    bad = [(y, v) for y, v in values if denominator is not None and v > denominator]
    if bad and denominator is not None:
        out.append(
            (
                f"{name} is a ratio per {R.fmt_number(denominator)} people, but {_listed(bad)} "
                f"exceeds {R.fmt_number(denominator)} (more than one per person); the numbers "
                "look like totals (head counts) printed in a per-capita row.",
                "impossible_value.ratio",
                {"name": name, "denominator": denominator, "values": _pairs(bad)},
            )
        )
    if not is_change_name(name) and any(u in unit for u in NON_NEGATIVE_UNITS):
        bad = [(y, v) for y, v in values if v < 0]
        if bad:
            out.append(
                (
                    f"{name} counts or measures a quantity in {unit} but {_listed(bad)} is negative.",
                    "impossible_value.negative",
                    {"name": name, "unit": unit, "values": _pairs(bad)},
                )
            )
    return [("error", *m) for m in out]


def _far_apart(name: str, unit: str, values: list[tuple[int | None, float]]) -> list[Found]:
    """A finding when base and target are 100 (warning) or 1000 (error) times apart."""
    if len(values) != 2 or is_change_name(name) or values[0][1] <= 0 or values[1][1] <= 0:
        return []
    low, high = sorted(v for _, v in values)
    ratio = high / low
    if ratio < RATIO_WARNING:
        return []
    severity = "error" if ratio >= RATIO_ERROR else "warning"
    return [
        (
            severity,
            f"Base and target of {name} are {ratio:,.0f} times apart ({_listed(values)} {unit}); over one "
            "plan that signals a unit mix (万 vs 亿, 人 vs 万人) or a misplaced decimal point.",
            "impossible_value.apart",
            {"name": name, "unit": unit, "values": _pairs(values), "ratio": round(ratio)},
        )
    ]


def check_impossible_value(indicators: pd.DataFrame) -> pd.DataFrame:
    """Values that cannot be what the name and unit say.

    - a share or rate in % above 100 (or below 0), in ‰ above 1000;
    - a per-population ratio above its denominator (每千人口 … above 1000): the printed
      numbers are then head counts, not ratios (001 prints 1432 → 1694 doctors "per 1000");
    - a negative value of a count, money or physical quantity (not a change);
    - base and target 1000 times apart or more (error), 100 times (warning): a unit mix.
    """
    findings = []
    for row in R.row_records(indicators, R.VALUE_COLUMNS, "check_impossible_value"):
        values = [
            (year, value)
            for year, value in (
                (R.as_int(row.get("base_year")), R.as_number(row.get("base_value"))),
                (R.as_int(row.get("target_year")), R.as_number(row.get("target_value"))),
            )
            if value is not None
        ]
        if not values:
            continue  # every finding names some of the row's values (a growth rate alone has none)
        name, unit = R.cell_text(row.get("name")), R.unit_text(row.get("unit"))
        for severity, message, code, params in [*_out_of_bounds(name, unit, values), *_far_apart(name, unit, values)]:
            findings.append(R.row_finding(row, "impossible_value", severity, Wording(message, code, params)))
    return R.findings_frame(findings)


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


def _seq_groups(indicators: pd.DataFrame) -> dict[tuple[str, str], list[tuple[int, dict[str, Any]]]]:
    """Per (source file, table): (row number, row) in line order, a sub-row repeating its parent's number once."""
    rows = R.row_records(indicators, ("source_file", "table", "seq", "line"), "check_seq_anomaly")
    groups: dict[tuple[str, str], list[tuple[int, int, dict[str, Any]]]] = {}
    for row in rows:
        table = R.cell_text(row.get("table"))
        match = _SEQ.match(R.cell_text(row.get("seq")))
        if table == "prose" or not match:
            continue
        key = (R.cell_text(row.get("source_file")), table)
        groups.setdefault(key, []).append((R.as_int(row.get("line")) or 0, int(match.group(1)), row))
    out: dict[tuple[str, str], list[tuple[int, dict[str, Any]]]] = {}
    for key in sorted(groups):
        steps: list[tuple[int, dict[str, Any]]] = []
        for _, seq, row in sorted(groups[key], key=lambda t: t[0]):
            if not steps or steps[-1][0] != seq:
                steps.append((seq, row))
        out[key] = steps
    return out


def _misprints(steps: list[tuple[int, dict[str, Any]]], bad: set[int]) -> list[Finding]:
    seqs = [s for s, _ in steps]
    findings = []
    for i in sorted(bad):
        context = ", ".join(str(s) for s in seqs[max(0, i - 1) : i + 2])
        expected = seqs[i - 1] + 1 if i > 0 else seqs[i + 1] - 1
        findings.append(
            R.row_finding(
                steps[i][1],
                "seq_anomaly",
                "warning",
                Wording(
                    f"Row number {seqs[i]} breaks the sequence ({context}): expected {expected}; "
                    "probably a misprint (the number is kept as printed).",
                    "seq_anomaly.misprint",
                    {"seq": seqs[i], "context": seqs[max(0, i - 1) : i + 2], "expected": expected},
                ),
            )
        )
    return findings


def _gaps(steps: list[tuple[int, dict[str, Any]]], bad: set[int]) -> list[Finding]:
    # A misprinted number still stands for one row: 18, 29, 20 has no gap.
    kept = [(i, s, r) for i, (s, r) in enumerate(steps) if i not in bad]
    findings = []
    if kept and kept[0][1] > 1 + kept[0][0]:
        first = kept[0][1] - kept[0][0]
        findings.append(
            R.row_finding(
                kept[0][2],
                "seq_anomaly",
                "warning",
                Wording(
                    f"The table's numbering starts at {first}: rows 1–{first - 1} are "
                    "missing from the document or were lost in extraction.",
                    "seq_anomaly.start",
                    {"first": first, "last": first - 1},
                ),
            )
        )
    for (i_prev, prev, _), (i, seq, row) in itertools.pairwise(kept):
        expected = prev + (i - i_prev)
        if seq == 1 or seq == expected:
            continue
        params: dict[str, object] = {"prev": prev, "seq": seq, "first": expected, "last": seq - 1}
        if seq > expected:
            gap = f"row {expected}" if seq == expected + 1 else f"rows {expected}–{seq - 1}"
            message = f"Row numbers jump from {prev} to {seq}: {gap} missing from the document or lost in extraction."
            code = "seq_anomaly.jump_one" if seq == expected + 1 else "seq_anomaly.jump"
        else:
            message = f"Row number {seq} follows {prev}: the numbering goes backwards."
            code, params = "seq_anomaly.backwards", {"prev": prev, "seq": seq}
        findings.append(R.row_finding(row, "seq_anomaly", "warning", Wording(message, code, params)))
    return findings


def check_seq_anomaly(indicators: pd.DataFrame) -> pd.DataFrame:
    """Row numbers that break a table's 1..n sequence: a misprint, or a row lost in extraction.

    Per document and table, rows in line order; sub-rows repeating their parent's number
    are one step. A number that fits none of its neighbours is a misprint (29 between 18 and
    20); a jump among the others means a row is missing; a restart at 1 begins another
    table under the same label and is not reported.
    """
    findings = []
    for steps in _seq_groups(indicators).values():
        bad = _outliers([s for s, _ in steps])
        findings += _misprints(steps, bad) + _gaps(steps, bad)
    return R.findings_frame(findings)


# -- sector mix -------------------------------------------------------------------------------


def check_sector_sum(sector_mix: pd.DataFrame) -> pd.DataFrame:
    """Three-sector structures whose shares do not add up to 100 (± SECTOR_TOLERANCE)."""
    rows = R.row_records(
        sector_mix,
        ("source_file", "doc_id", "year", "kind", "primary", "secondary", "tertiary", "line", "raw"),
        "check_sector_sum",
    )
    findings = []
    for row in rows:
        shares = [R.as_number(row.get(c)) for c in ("primary", "secondary", "tertiary")]
        if any(s is None for s in shares):
            continue
        total = sum(s for s in shares if s is not None)
        if abs(total - SECTOR_TOTAL) <= SECTOR_TOLERANCE:
            continue
        year, kind = R.as_int(row.get("year")), R.cell_text(row.get("kind"))
        printed = " : ".join(R.fmt_number(s) for s in shares if s is not None)
        findings.append(
            R.row_finding(
                row,
                "sector_sum",
                "warning",
                Wording(
                    f"Three-sector structure {printed} ({year}, {kind}) sums to {R.fmt_number(round(total, 6))}, "
                    f"not 100 (± {R.fmt_number(SECTOR_TOLERANCE)}): a misprint or a misread share.",
                    "sector_sum",
                    {
                        "shares": printed,
                        "year": year,
                        "kind": kind,
                        "total": round(total, 6),
                        "tolerance": SECTOR_TOLERANCE,
                    },
                ),
                table="sector_mix",
                indicator="",
                name=f"三次产业结构 {year}",
            )
        )
    return R.findings_frame(findings)


# -- all together -----------------------------------------------------------------------------

INDICATOR_CHECKS: tuple[Callable[[pd.DataFrame], pd.DataFrame], ...] = (
    check_growth_consistency,
    check_nominal_vs_real,
    check_impossible_real_growth,
    check_cumulative_as_rate,
    check_impossible_value,
    check_seq_anomaly,
    check_prose_table_disagreement,
    check_ocr_direction,
    check_ocr_previous_plan,
    check_national_reference,
)


def run_checks(indicators: pd.DataFrame, sector_mix: pd.DataFrame) -> pd.DataFrame:
    """Findings as a DataFrame with QUALITY_COLUMNS, sorted by source_file, line, check."""
    with R.shared_records(indicators):  # the mix check reads the indicators' rows too
        parts = [check(indicators) for check in INDICATOR_CHECKS]
        parts.append(check_sector_sum(sector_mix))
        parts.append(check_mix_table_disagreement(indicators, sector_mix))
    parts = [p for p in parts if not p.empty]
    if not parts:
        return R.findings_frame([])
    findings = pd.concat(parts, ignore_index=True)
    findings = findings.sort_values(
        ["source_file", "line", "check", "table", "name", "message"], kind="mergesort", na_position="last"
    )
    return findings.reset_index(drop=True)[QUALITY_COLUMNS]
