"""Small hand-built target–outcome panels for the analysis tests (the schema of issue 14).

The numbers are made up to exercise the rules, except the national rows, which follow the State
Council reports: 2019 '国内生产总值增长6%—6.5%' (政府工作报告-国务院/2019.md:64), 2020 no target
(2020.md:56), 2021 '国内生产总值增长6%以上' (2021.md:78), outcome 2021 8.1 (2022 report).
"""

from __future__ import annotations

import pandas as pd

COLUMNS = [
    "region_code",
    "region",
    "level",
    "parent_code",
    "year",
    "indicator",
    "target_value",
    "target_upper",
    "qualifier",
    "target_text",
    "outcome",
    "outcome_preliminary",
    "gap",
    "met",
    "target_source",
    "outcome_source",
]


def row(code, level, parent, year, target, qualifier="approx", outcome=None, upper=None, indicator="gdp_growth"):
    """One panel row; gap and met follow the panel's rule (outcome ≥ target or lower bound)."""
    gap = None if target is None or outcome is None else round(outcome - target, 2)
    met = None if gap is None else gap >= 0
    return {
        "region_code": code,
        "region": f"R{code}",
        "level": level,
        "parent_code": parent,
        "year": year,
        "indicator": indicator,
        "target_value": target,
        "target_upper": upper,
        "qualifier": qualifier,
        "target_text": "" if target is None else f"增长{target}%",
        "outcome": outcome,
        "outcome_preliminary": True if outcome is not None else None,
        "gap": gap,
        "met": met,
        "target_source": f"f{code}-{year}.md:1",
        "outcome_source": "" if outcome is None else f"f{code}-{year + 1}.md:1",
    }


def panel() -> pd.DataFrame:
    """Nation, two provinces (A 110000, B 120000) and one prefecture of A (110100), 2019–2021."""
    rows = [
        row("000000", "national", "", 2019, 6.0, "range", 6.1, upper=6.5),
        row("000000", "national", "", 2020, None, "missing", 2.3),
        row("000000", "national", "", 2021, 6.0, "at_least", 8.1),
        # Province A: 7 (met by 0.2), 2020 none, 8 (missed by 0.5).
        row("110000", "province", "000000", 2019, 7.0, "approx", 7.2),
        row("110000", "province", "000000", 2020, None, "text", 3.0),
        row("110000", "province", "000000", 2021, 8.0, "approx", 7.5),
        # Province B: 6.5 exact (met exactly), 2020 5 (missed by 2), 6 以上 (met by 0.4), no outcome 2022.
        row("120000", "province", "000000", 2019, 6.5, "exact", 6.5),
        row("120000", "province", "000000", 2020, 5.0, "approx", 3.0),
        row("120000", "province", "000000", 2021, 6.0, "at_least", 6.4),
        # Prefecture of A: 8, 7, 9 against A's 7, none, 8.
        row("110100", "prefecture", "110000", 2019, 8.0, "approx", 8.1),
        row("110100", "prefecture", "110000", 2020, 7.0, "approx", 4.0),
        row("110100", "prefecture", "110000", 2021, 9.0, "approx", 9.3),
    ]
    return pd.DataFrame(rows, columns=COLUMNS)
