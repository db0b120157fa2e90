"""Shared vocabulary: columns and booleans, units and scales, words, the finding record, field rules."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from plantargets.dataset.manifest import FIELD_RULES, field_problem
from plantargets.extract.cells import is_unit
from plantargets.extract.values import parse_value
from plantargets.vocab.columns import QUALITY_COLUMNS, as_bool, bool_series, typed_indicators
from plantargets.vocab.findings import finding
from plantargets.vocab.units import (
    CELL_UNITS,
    MAGNITUDES,
    PERCENT_UNITS,
    PREFIX_SCALES,
    SCALES,
    WORD_UNITS,
    unit_dimension,
)
from plantargets.vocab.words import ATTRIBUTES, CHANGE_MARKERS, GROWTH_NAME_RE, REAL_GROWTH_NAME_RE, is_change_name


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, True),
        (False, False),
        ("True", True),
        ("False", False),  # the trap: a non-empty string is truthy in Python
        (" true ", True),
        ("1", True),
        ("yes", True),
        ("", False),
        (None, False),
        (math.nan, False),
        (pd.NA, False),
        (1, True),
        (0, False),
    ],
)
def test_csv_booleans(value: object, expected: bool) -> None:
    assert as_bool(value) is expected


def test_bool_series_reads_a_csv_column_and_keeps_a_boolean_one() -> None:
    read_back = pd.Series(["True", "False", "", "true"], dtype=object)
    assert bool_series(read_back).tolist() == [True, False, False, True]
    already = pd.Series([True, False])
    assert bool_series(already) is already


def test_typed_indicators_gives_contract_dtypes() -> None:
    row = dict.fromkeys(typed_indicators.__globals__["INDICATOR_COLUMNS"], "")
    row.update(
        base_value="590", target_value="929", base_year="2020", line="174", cumulative="False", name="地区生产总值"
    )
    typed = typed_indicators(pd.DataFrame([row]))
    assert typed.loc[0, "base_value"] == 590.0 and typed.loc[0, "line"] == 174
    assert typed.loc[0, "cumulative"] is False or typed.loc[0, "cumulative"] == False  # noqa: E712 (numpy bool)
    assert str(typed["base_year"].dtype) == "Int64" and pd.isna(typed.loc[0, "target_year"])


def test_finding_has_the_quality_columns_in_order() -> None:
    f = finding("001.txt", "urumqi-etdz-fyp14", 174, "uncatalogued", "no code", "raw text", table="fyp14_main")
    assert list(f) == QUALITY_COLUMNS
    assert (f["severity"], f["table"], f["name"]) == ("warning", "fyp14_main", "")


def test_cell_units_include_the_cell_only_words() -> None:
    assert {"起", "℃", "TEU", "万千瓦"} <= set(CELL_UNITS) and not {"美元", "百分点"} & set(CELL_UNITS)
    assert parse_value("12亿元").unit == "亿元"


def test_scales_and_their_subsets() -> None:
    assert SCALES["亿"] == 1e8 and SCALES["万亿"] == 1e12
    assert "十" not in MAGNITUDES  # after a number 十 is part of the numeral
    assert PREFIX_SCALES == (("亿", 1e8), ("万", 1e4), ("千", 1e3), ("百", 1e2))


@pytest.mark.parametrize(
    ("unit", "in_cells", "after_number"),
    [
        ("亿元", True, False),  # a magnitude times a listed unit (元), not itself a listed unit
        ("%", True, True),
        ("起", True, False),  # 2021年起: would swallow a word after a number
        ("℃", True, False),
        ("美元", False, True),
        ("个百分点", False, True),
    ],
)
def test_cell_units_and_value_units_differ_on_purpose(unit: str, in_cells: bool, after_number: bool) -> None:
    assert is_unit(unit) is in_cells  # the cell reader's whole-cell test
    assert (unit in (*WORD_UNITS, *PERCENT_UNITS)) is after_number
    if after_number:
        assert parse_value(f"12{unit}").unit == unit


@pytest.mark.parametrize(
    ("unit", "dimension"),
    [
        ("亿元", "money"),
        ("万元/人", "money"),
        ("%", "rate"),
        ("万千瓦时", "electricity"),
        ("万千瓦", "power"),
        ("", ""),
    ],
)
def test_unit_dimension(unit: str, dimension: str) -> None:
    assert unit_dimension(unit) == dimension


def test_words() -> None:
    assert ATTRIBUTES == ("预期性", "约束性")
    assert GROWTH_NAME_RE.search("地区生产总值增长") and not GROWTH_NAME_RE.search("地区生产总值")
    assert REAL_GROWTH_NAME_RE.search("第二产业增加值") and not REAL_GROWTH_NAME_RE.search("社会消费品零售总额")
    assert is_change_name("单位GDP能耗降低") and not is_change_name("森林覆盖率")
    assert set(CHANGE_MARKERS) >= {"增长", "增速", "增幅", "下降"}


@pytest.mark.parametrize(
    ("name", "value", "problem"),
    [
        ("doc_id", "urumqi-etdz-fyp14", None),
        ("doc_id", "Urumqi ETDZ", "doc_id 'Urumqi ETDZ' must be lower-case letters, digits and '-'"),
        ("admin_code", "650106", None),
        ("admin_code", "65010", "admin_code '65010' must be a six-digit GB/T 2260 code"),
        ("period", "2021-2025", None),
        ("period", "2021-2026", "period '2021-2026' must be a five-year span like 2021-2025"),
        ("report_year", "2023", None),
        ("parent_code", "", None),
        ("note", "anything", None),
    ],
)
def test_manifest_field_rules(name: str, value: str, problem: str | None) -> None:
    assert field_problem(name, value) == problem


def test_field_rules_cover_the_fields_add_asks_for() -> None:
    assert {"doc_id", "admin_code", "level", "doc_type", "period", "report_year"} <= set(FIELD_RULES)
