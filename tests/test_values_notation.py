"""Numbers in notations plans never print but spreadsheets and scrapers do (issue 16, case 5).

Before: '1.2E+04' read as 1.2, '1e308' as 1.0, '0x1F' as 0 and '1_000' as 1, all `exact` with no
finding; 'NaN', 'inf' and 'nan%' gave an empty cell with no `unreadable_value` finding.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plantargets.dataset.assemble import extract_documents
from plantargets.extract.values import parse_value


@pytest.mark.parametrize(
    ("cell", "number", "unit"),
    [("1.2E+04", 12000.0, ""), ("1.5e3%", 1500.0, "%"), ("2E3亿元", 2000.0, "亿元"), ("≥1.2E+04", 12000.0, "")],
)
def test_exponent_notation_is_read_in_full(cell: str, number: float, unit: str) -> None:
    value = parse_value(cell)
    assert (value.number, value.unit, value.problem) == (number, unit, "")


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("1e308", "out of range"),
        ("0x1F", "not a decimal number"),
        ("1_000", "not a decimal number"),
        ("NaN", "placeholder"),
        ("inf", "placeholder"),
        ("-inf", "placeholder"),
        ("nan%", "placeholder"),
        ("Infinity", "placeholder"),
    ],
)
def test_odd_notations_are_unreadable_not_silently_wrong(cell: str, words: str) -> None:
    value = parse_value(cell)
    assert value.number is None
    assert words in value.problem


def test_odd_cells_in_a_table_become_unreadable_value_findings(tmp_path: Path) -> None:
    rows = [
        "| 序号 | 指标 | 单位 | 2020年 | 2025年 | 属性 |",
        "|---|---|---|---|---|---|",
        "| 1 | 地区生产总值 | 亿元 | 1.2E+04 | NaN | 预期性 |",
        "| 2 | 常住人口城镇化率 | % | 0x1F | inf | 预期性 |",
        "| 3 | 森林覆盖率 | % | 1_000 | 25 | 约束性 |",
    ]
    path = tmp_path / "plan.txt"
    path.write_text("某地区“十四五”规划纲要\n表1 “十四五”时期主要指标\n" + "\n".join(rows) + "\n", encoding="utf-8")
    ds = extract_documents([(path, None)])
    gdp = ds.indicators[ds.indicators["name"] == "地区生产总值"].iloc[0]
    assert gdp["base_value"] == 12000.0
    unreadable = ds.quality[ds.quality["check"] == "unreadable_value"]
    raws = " ".join(unreadable["message"].astype(str))
    for cell in ("NaN", "0x1F", "inf", "1_000"):
        assert cell in raws, f"no unreadable_value finding for {cell}: {raws}"
