"""The met rule per qualifier, the 左右 tolerance, units and the gap (dataset.attainment)."""

from __future__ import annotations

import pandas as pd
import pytest

from plantargets.dataset.attainment import (
    CEILING,
    FLOOR,
    direction,
    gap_column,
    in_target_unit,
    is_met,
    met_column,
    unit_factor,
)


@pytest.mark.parametrize(
    ("outcome", "target", "upper", "qualifier", "way", "unit", "met", "strict"),
    [
        (5.2, 5.0, None, "exact", FLOOR, "%", True, True),
        (4.9, 5.0, None, "exact", FLOOR, "%", False, False),
        (4.6, 5.0, None, "approx", FLOOR, "%", True, False),  # within half a point of 5%左右
        (4.4, 5.0, None, "approx", FLOOR, "%", False, False),
        (3.4, 3.0, None, "approx", CEILING, "%", True, False),  # CPI 3%左右: 3.4 is within the band
        (3.6, 3.0, None, "approx", CEILING, "%", False, False),
        (1150.0, 1200.0, None, "approx", FLOOR, "万人", True, False),  # 5 % of 1200万人 is 60
        (1130.0, 1200.0, None, "approx", FLOOR, "万人", False, False),
        (6.0, 6.0, None, "at_least", FLOOR, "%", True, True),
        (5.9, 6.0, None, "at_least", FLOOR, "%", False, False),
        (5.5, 5.5, None, "at_most", CEILING, "%", True, True),
        (5.6, 5.5, None, "at_most", CEILING, "%", False, False),
        (6.0, 6.0, 6.5, "range", FLOOR, "%", True, True),  # a range is met from its lower bound
        (5.9, 6.0, 6.5, "range", FLOOR, "%", False, False),
        (7.0, 6.0, 6.5, "range", FLOOR, "%", True, True),
        (2.9, 2.0, 3.0, "range", CEILING, "%", True, True),  # a ceiling range: up to the upper bound
        (3.1, 2.0, 3.0, "range", CEILING, "%", False, False),
    ],
)
def test_met_rule_per_qualifier(outcome, target, upper, qualifier, way, unit, met, strict):
    assert is_met(outcome, target, upper, qualifier, way, unit) is met
    assert is_met(outcome, target, upper, qualifier, way, unit, strict=True) is strict


@pytest.mark.parametrize(
    ("outcome", "target", "qualifier", "way"),
    [
        (None, 5.0, "approx", FLOOR),  # no outcome
        (float("nan"), 5.0, "at_least", FLOOR),
        (5.0, None, "text", FLOOR),  # 与经济增长同步
        (5.0, None, "missing", FLOOR),
        (5.0, 5.0, "approx", ""),  # no direction: cannot say which side is a miss
        (5.0, None, "approx", FLOOR),
    ],
)
def test_undecidable_rows_are_none_never_false(outcome, target, qualifier, way):
    assert is_met(outcome, target, None, qualifier, way) is None


def test_met_column_on_a_small_frame_keeps_na():
    frame = pd.DataFrame(
        {
            "outcome": [5.2, None, 4.8, 0.2],
            "target_value": [5.0, 5.0, 5.0, 3.0],
            "target_upper": [None, None, None, None],
            "qualifier": ["approx", "approx", "at_least", "approx"],
            "direction": [FLOOR, FLOOR, FLOOR, CEILING],
            "unit": ["%", "%", "%", "%"],
        }
    )
    met = met_column(frame)
    assert str(met.dtype) == "boolean"
    assert met.tolist()[0] is True and met.tolist()[2] is False and met.tolist()[3] is True
    assert met.isna().tolist() == [False, True, False, False]  # the missing outcome is NA, not False
    assert gap_column(frame).round(6).tolist()[0] == 0.2
    assert pd.isna(gap_column(frame).iloc[1])


def test_direction_from_the_catalogue_and_cpi_as_a_ceiling():
    assert direction("gdp_growth", True) == FLOOR
    assert direction("unemployment_rate_surveyed", False) == CEILING
    assert direction("cpi", None) == CEILING
    assert direction("population_resident", None) == ""


def test_units_differing_by_a_magnitude_are_converted_and_others_are_not_compared():
    assert unit_factor("亿元", "万亿元") == pytest.approx(1e-4)
    assert unit_factor("万人", "人") == pytest.approx(1e4)
    assert unit_factor("%", "") == 1.0
    assert unit_factor("%", "亿元") is None
    converted = in_target_unit(pd.Series([23011.0, 5.0]), pd.Series(["亿元", "%"]), pd.Series(["万亿元", "亿元"]))
    assert converted.iloc[0] == pytest.approx(2.3011)
    assert pd.isna(converted.iloc[1])
