"""Plausibility checks for numbers read by OCR, and the national benchmark checked against them.

OCR can be confidently wrong (a 91 read as 16 at confidence 0.94), so a row read from an
image is also checked against what the plan itself implies:

- ``ocr_direction``: a share (%) whose target falls below its base although the plan asks
  it to rise (its catalogue entry says higher is better, or its five-year column adds a
  positive amount);
- ``ocr_previous_plan``: a base value far from the same indicator's value for that year in
  another table of the same region (the previous plan's target, the completion table):
  more than ``PREVIOUS_PLAN_TOLERANCE`` apart, in the same unit.

``check_national_reference`` compares the national 14th-plan table read from the image with
the hand-typed benchmark ``data/reference/national_fyp14_main_indicators.csv`` cell by cell;
each disagreement names both sources.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd

from plantargets import paths
from plantargets.dataset.catalog import Catalog
from plantargets.dataset.rows import findings_frame
from plantargets.extract.values import parse_value
from plantargets.vocab.columns import QUALITY_COLUMNS

# A base this far (relative) from the same year's value in the same unit elsewhere is worth a
# look. Loose on purpose: the other value is often a target, and targets are missed or beaten
# (the 12th plan's 3.3 patents per 10,000 people became 6.3), but not by a misread digit's
# margin (91 read as 16 against the previous plan's 90).
PREVIOUS_PLAN_TOLERANCE = 0.5
REFERENCE = "national_fyp14_main_indicators.csv"
NATIONAL_FYP14 = "fyp14-000000"


def _finding(row: dict[str, Any], check: str, message: str, severity: str = "warning") -> dict[str, Any]:
    return {
        **{k: row.get(k, "") for k in ("source_file", "doc_id", "line", "table", "indicator", "name", "raw")},
        "origin": row.get("origin", ""),
        "check": check,
        "severity": severity,
        "message": message,
    }


def _frame(findings: list[dict[str, Any]]) -> pd.DataFrame:
    if not findings:
        return findings_frame([])  # the same empty frame, without typing one per chunk
    frame = pd.DataFrame(findings, columns=QUALITY_COLUMNS)
    frame["line"] = pd.to_numeric(frame["line"], errors="coerce").astype("Int64")
    for column in QUALITY_COLUMNS:
        if column != "line":
            frame[column] = frame[column].fillna("").astype(str)
    return frame


def _num(v: object) -> float | None:
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _ocr_rows(indicators: pd.DataFrame) -> pd.DataFrame:
    if indicators.empty or "origin" not in indicators.columns:
        return indicators.iloc[0:0]
    return indicators[indicators["origin"].fillna("").astype(str) != ""]


def check_ocr_direction(indicators: pd.DataFrame, catalog: Catalog | None = None) -> pd.DataFrame:
    """OCR rows whose share target falls below the base although the plan says it must rise."""
    rows = _ocr_rows(indicators)
    if rows.empty:
        return _frame([])
    catalog = catalog or Catalog.load()
    out = []
    for row in rows.to_dict("records"):
        base, target, annual = _num(row["base_value"]), _num(row["target_value"]), _num(row["annual_growth"])
        if base is None or target is None or row.get("unit") != "%" or target >= base:
            continue
        code = row.get("indicator") or ""
        rises = (annual is not None and annual > 0 and bool(row.get("cumulative"))) or (
            bool(code) and code in catalog.entries and catalog.get(code).higher_is_better is True
        )
        if rises:
            msg = (
                f"the share falls from {base:g} ({row['base_year']}) to {target:g} ({row['target_year']}) "
                f"where the plan says it must rise: a misread digit? look at {row['origin']}"
            )
            out.append(_finding(row, "ocr_direction", msg))
    return _frame(out)


def check_ocr_previous_plan(indicators: pd.DataFrame) -> pd.DataFrame:
    """OCR base values far from the same indicator's value for that year in another table."""
    rows = _ocr_rows(indicators)
    if rows.empty:
        return _frame([])
    tables = indicators[(indicators["table"] != "prose") & (indicators["indicator"].fillna("") != "")]
    known: dict[tuple[str, str, int], list[tuple[float, dict]]] = {}
    for r in tables.to_dict("records"):
        for year_col, value_col in (("target_year", "target_value"), ("base_year", "base_value")):
            year, value = _num(r[year_col]), _num(r[value_col])
            if year is not None and value is not None:
                known.setdefault((str(r["region"]), str(r["indicator"]), int(year)), []).append((value, r))
    out = []
    for row in rows.to_dict("records"):
        base, year = _num(row["base_value"]), _num(row["base_year"])
        if base is None or year is None or not row.get("indicator"):
            continue
        for value, other in known.get((str(row["region"]), str(row["indicator"]), int(year)), []):
            if other["table"] == row["table"] and other["source_file"] == row["source_file"]:
                continue
            if str(other.get("unit", "")) != str(row.get("unit", "")):
                continue  # 亿亩 against 亿公顷: not comparable
            if abs(base - value) > PREVIOUS_PLAN_TOLERANCE * max(abs(base), abs(value)):
                msg = (
                    f"base {base:g} ({int(year)}) is far from {value:g} for the same year in "
                    f"{other['table']} of {other['source_file']} (line {other['line']}): a misread digit? "
                    f"look at {row['origin']}"
                )
                out.append(_finding(row, "ocr_previous_plan", msg))
                break
    return _frame(out)


def _reference_pairs(reference: pd.Series, row: dict[str, Any]) -> list[tuple[str, str, object]]:
    """(what, reference text, extracted value) pairs that disagree for one indicator."""
    bad: list[tuple[str, str, object]] = []
    base = parse_value(str(reference["value_2020"]))
    if base.number != _num(row["base_value"]):
        bad.append(("2020 value", str(reference["value_2020"]), row["base_value"]))
    target = parse_value(str(reference["target_2025"]))
    if target.number != _num(row["target_value"]):
        bad.append(("2025 target", str(reference["target_2025"]), row["target_value"]))
    annual = parse_value(str(reference["annual_or_cumulative"]))
    got_annual = _num(row["annual_growth"])
    ref_text = annual.text or ""
    if annual.number != got_annual or (ref_text and ref_text != row.get("target_text", "")):
        bad.append(("annual/cumulative", str(reference["annual_or_cumulative"]), row["target_text"] or got_annual))
    elif annual.number is not None and bool(annual.cumulative) != bool(row["cumulative"]):
        bad.append(("cumulative", str(reference["annual_or_cumulative"]), row["cumulative"]))
    if str(reference["attribute"]) != str(row["attribute"]):
        bad.append(("attribute", str(reference["attribute"]), row["attribute"]))
    return bad


def check_national_reference(indicators: pd.DataFrame, reference: Path | None = None) -> pd.DataFrame:
    """The hand-typed national 14th-plan benchmark against the table read from the outline's image."""
    reference = reference or paths.REFERENCE_DIR / REFERENCE
    if indicators.empty or not reference.is_file() or not {"doc_id", "table"} <= set(indicators.columns):
        return _frame([])
    rows = indicators[(indicators["doc_id"] == NATIONAL_FYP14) & (indicators["table"] == "fyp14_main")]
    if rows.empty:
        return _frame([])
    ref = pd.read_csv(reference, dtype=str, keep_default_na=False)
    by_seq = {str(r["seq"]): r for r in rows.to_dict("records")}
    out = []
    for _, r in ref.iterrows():
        row = by_seq.get(str(r["seq"]))
        if row is None:
            msg = f"{REFERENCE} row {r['seq']} ({r['indicator']}) has no row in the outline's table"
            out.append(_finding({"table": "fyp14_main", "name": r["indicator"]}, "reference_mismatch", msg))
            continue
        for what, said, got in _reference_pairs(r, row):
            msg = (
                f"{what}: data/reference/{REFERENCE} (row {r['seq']}) says {said!r}, the outline's table "
                f"({row['source_file']} line {row['line']}, {row['origin']}) reads {got!r}"
            )
            out.append(_finding(row, "reference_mismatch", msg, "info"))
    return _frame(out)


__all__ = ["check_national_reference", "check_ocr_direction", "check_ocr_previous_plan"]
