"""Agreement checks: one document printing two different numbers for one quantity.

``prose_table_disagreement`` (warning): the text and a table of one document print different
values for one indicator and year (or different annual rates for one plan period), or the text's
three-sector structure gives a share that the document's table prints otherwise (ETDZ: 2015
tertiary share 55 in its prose, 001:85, and 56.3 in its completion table, 001:100).
Numbers agree when they match to the coarser printed precision (60 and 60.4 agree).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from plantargets.dataset.rows import (
    VALUE_COLUMNS,
    as_int,
    as_number,
    cell_text,
    decimals_of,
    findings_frame,
    fmt_number,
    row_finding,
    row_records,
    unit_scale,
    unit_text,
)
from plantargets.vocab.findings import Finding, Wording

# Catalogue codes of the three sector shares, keyed by the sector-mix table's columns.
SECTOR_SHARE_CODES = {"primary": "primary_share", "secondary": "secondary_share", "tertiary": "tertiary_share"}


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


def _printed_at(table_row: dict[str, Any]) -> str:
    """Where a table row stands, as a finding's message names it: the <table> table (line <n>)."""
    return f"the {cell_text(table_row.get('table'))} table (line {as_int(table_row.get('line'))})"


def _disagreement(
    subject: dict[str, Any],
    table_row: dict[str, Any],
    message: str,
    code: str,
    stated: dict[str, object],
    printed: dict[str, object],
    **override: Any,
) -> Finding:
    """A ``prose_table_disagreement`` warning about ``subject`` (a prose or sector-mix row).

    Its params, in the order a report restates them: what the text ``stated``, then the table
    and line of ``table_row``, then what that table ``printed`` there.
    """
    place = {"table": cell_text(table_row.get("table")), "table_line": as_int(table_row.get("line"))}
    params = {**stated, **place, **printed}
    return row_finding(subject, "prose_table_disagreement", "warning", Wording(message, code, params), **override)


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
            _disagreement(
                prose,
                table_row,
                f"The text states {what} {fmt_number(p_value)} {u_p} for {year}; "
                f"{_printed_at(table_row)} prints {fmt_number(t_value)} {u_t}.",
                "prose_table_disagreement.value" if what == "the value" else "prose_table_disagreement.rate",
                {"value": p_value, "unit": u_p, "year": year},
                {"table_value": t_value, "table_unit": u_t},
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


def check_mix_table_disagreement(indicators: pd.DataFrame, sector_mix: pd.DataFrame) -> pd.DataFrame:
    """A sector share of the text's three-sector structure that a table of the document prints otherwise.

    Compared: same source file and year, the mix's share against a table row coded
    ``primary_share``/``secondary_share``/``tertiary_share`` (its base or target cell), to the
    coarser printed precision. One finding per mix row, sector and table line.
    """
    rows = row_records(indicators, (*VALUE_COLUMNS, "indicator"), "check_mix_table_disagreement")
    by_code: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        code = cell_text(row.get("indicator"))
        if code in SECTOR_SHARE_CODES.values() and cell_text(row.get("table")) != "prose":
            by_code.setdefault((cell_text(row.get("source_file")), code), []).append(row)
    mix_rows = row_records(sector_mix, ("source_file", "doc_id", "year", "line", "raw"), "check_mix_table_disagreement")
    findings = []
    for mix in mix_rows:
        year = as_int(mix.get("year"))
        for sector, code in SECTOR_SHARE_CODES.items():
            share = as_number(mix.get(sector))
            for table_row in by_code.get((cell_text(mix.get("source_file")), code), []):
                for t_year, t_value, _ in _dated_values(table_row):
                    if share is None or t_year != year or _agree(share, "%", t_value, "%") is not False:
                        continue
                    findings.append(
                        _disagreement(
                            mix,
                            table_row,
                            f"The text's three-sector structure gives the {sector} share as {fmt_number(share)}% "
                            f"for {year}; {_printed_at(table_row)} prints {fmt_number(t_value)}% for "
                            f"{cell_text(table_row.get('name'))}.",
                            "prose_table_disagreement.sector",
                            {"sector": sector, "share": share, "year": year},
                            {"table_value": t_value, "table_name": cell_text(table_row.get("name"))},
                            table="sector_mix",
                            indicator=code,
                            name=f"三次产业结构 {year}",
                        )
                    )
    return findings_frame(findings)
