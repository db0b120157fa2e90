"""Was a target met? One documented rule per qualifier, and the gap between outcome and target.

The rule (docs/DATA_CONTRACT.md, "Target against outcome"):

* the **direction** comes from the catalogue's ``higher_is_better``: true makes the target a
  floor (more is better: GDP growth, jobs), false a ceiling (unemployment, energy use); CPI has
  no direction in the catalogue (a price rise is neither good nor bad) but every report states
  its CPI target as a cap (居民消费价格涨幅3%左右, 控制在…以内), so it is a ceiling here;
* ``exact``: floor outcome >= target, ceiling outcome <= target;
* ``approx`` (左右): the same with a tolerance of :data:`APPROX_TOLERANCE_PP` percentage points
  for rates (% or ‰), :data:`APPROX_TOLERANCE_REL` of the target for other units;
* ``at_least``: outcome >= target; ``at_most``: outcome <= target (the wording decides);
* ``range`` (a-b): floor outcome >= the lower bound, ceiling outcome <= the upper bound;
* ``text``, ``missing``, no outcome, no direction: not decidable (NA, never False).

``met_strict`` is the same rule with no tolerance for 左右, the dummy most of the literature
uses (outcome >= target). Units: gap in the target's unit (percentage points for rates).
"""

from __future__ import annotations

import math

import pandas as pd

from plantargets.dataset.catalog import Catalog
from plantargets.vocab.units import SCALES, SHARE_UNITS

# Half a percentage point either side of a 左右 rate target. The State Council itself turned
# 左右 into a half-point band when it printed ranges: 6.5%—7% in 2016 (政府工作报告-国务院/2016.md:90,
# after 7%左右 in 2015.md:78) and 6%—6.5% in 2019 (2019.md:64, after 6.5%左右 in 2018.md:82); and
# the next report called the year's main targets completed (完成了全年…主要目标任务) after 7.4%
# against 7.5%左右 (2014.md:82; 2015.md:12,14) and 6.9% against 7%左右 (2016.md:12,14).
# met_strict is the stricter dummy (outcome >= target) most papers use.
APPROX_TOLERANCE_PP = 0.5
# For 左右 targets in other units (城镇新增就业1200万人左右): 5 % of the target, about the
# relative width of the same half point on a 7-10 % growth target.
APPROX_TOLERANCE_REL = 0.05
# Indicators with no catalogue direction whose targets are caps (see the module docstring).
CEILING_CODES = frozenset({"cpi", "cpi_index"})
FLOOR = "floor"
CEILING = "ceiling"
# Qualifiers whose comparison needs the indicator's direction.
_DIRECTED = ("exact", "approx", "range")


def direction(code: str, higher_is_better: bool | None) -> str:
    """``floor``, ``ceiling`` or '' (unknown) for an indicator and its catalogue direction."""
    if code in CEILING_CODES:
        return CEILING
    if higher_is_better is None:
        return ""
    return FLOOR if higher_is_better else CEILING


def tolerance(qualifier: str, unit: str, target: float) -> float:
    """How far an outcome may fall short of a ``qualifier`` target and still meet it, in its unit."""
    if qualifier != "approx":
        return 0.0
    if unit in SHARE_UNITS or unit == "":
        return APPROX_TOLERANCE_PP
    return abs(target) * APPROX_TOLERANCE_REL


def _scale(unit: str) -> tuple[float, str]:
    """(factor, base unit) of a printed unit: 万亿元 → (1e12, 元), 万人 → (1e4, 人), % → (1, %)."""
    for prefix in sorted(SCALES, key=len, reverse=True):
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return SCALES[prefix], unit[len(prefix) :]
    return 1.0, unit


def unit_factor(from_unit: str, to_unit: str) -> float | None:
    """What a number in ``from_unit`` is multiplied by to be in ``to_unit`` (亿元 → 万亿元: 1e-4).

    1 when either is empty (prose often prints no unit for a rate); None when they measure
    different things (% against 亿元), so the two numbers cannot be compared.
    """
    if not from_unit or not to_unit or from_unit == to_unit:
        return 1.0
    (fa, base_a), (fb, base_b) = _scale(from_unit), _scale(to_unit)
    return fa / fb if base_a == base_b else None


def in_target_unit(outcome: pd.Series, outcome_unit: pd.Series, unit: pd.Series) -> pd.Series:
    """Outcomes converted to their target's unit; NaN where the units cannot be compared."""
    factors = [
        unit_factor(str(a) if isinstance(a, str) else "", str(b) if isinstance(b, str) else "")
        for a, b in zip(outcome_unit, unit, strict=True)
    ]
    scale = pd.Series([f if f is not None else float("nan") for f in factors], index=outcome.index, dtype="float64")
    return pd.to_numeric(outcome, errors="coerce").astype("float64") * scale


def _missing(x: object) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def is_met(
    outcome: float | None,
    target: float | None,
    upper: float | None,
    qualifier: str,
    way: str,
    unit: str = "%",
    strict: bool = False,
) -> bool | None:
    """True/False under the rule of the module docstring, None when it cannot be decided.

    ``way`` is :func:`direction`'s answer; ``upper`` the range's upper bound; ``strict``
    drops the 左右 tolerance. An empty ``unit`` counts as a rate (prose growth targets).
    """
    if _missing(outcome) or qualifier in ("text", "missing", ""):
        return None
    if qualifier in _DIRECTED and way not in (FLOOR, CEILING):
        return None
    if qualifier == "range" and way == CEILING:
        return None if _missing(upper) else bool(outcome <= upper)  # type: ignore[operator]
    if _missing(target):
        return None
    slack = 0.0 if strict else tolerance(qualifier, unit, float(target))  # type: ignore[arg-type]
    if qualifier == "at_least" or (qualifier in _DIRECTED and way == FLOOR):
        return bool(outcome >= target - slack)  # type: ignore[operator]
    if qualifier == "at_most" or way == CEILING:
        return bool(outcome <= target + slack)  # type: ignore[operator]
    return None


def met_column(df: pd.DataFrame, strict: bool = False) -> pd.Series:
    """:func:`is_met` over a frame with outcome, target_value, target_upper, qualifier, direction, unit.

    Returns a nullable boolean column: NA where the rule cannot decide (no outcome, text target).
    """
    values = [
        is_met(r.outcome, r.target_value, r.target_upper, r.qualifier, r.direction, r.unit, strict)
        for r in df[["outcome", "target_value", "target_upper", "qualifier", "direction", "unit"]].itertuples()
    ]
    return pd.Series(pd.array(values, dtype="boolean"), index=df.index)


def gap_column(df: pd.DataFrame) -> pd.Series:
    """outcome − target_value (the lower bound of a range), in the target's unit; NA if either is missing."""
    return (pd.to_numeric(df["outcome"], errors="coerce") - pd.to_numeric(df["target_value"], errors="coerce")).astype(
        "float64"
    )


def judged(frame: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """``frame`` (target and outcome columns) with ``direction``, ``gap``, ``met`` and ``met_strict``.

    The direction of good comes from the catalogue; the outcome is compared in the target's
    unit (亿元 against 万亿元 converted, other units left undecided). One judgement for the
    annual panel and the plan view alike.
    """
    out = frame.copy()
    out["direction"] = [
        direction(c, catalog.get(c).higher_is_better if c in catalog else None) for c in out["indicator"]
    ]
    comparable = out.assign(outcome=in_target_unit(out["outcome"], out["outcome_unit"], out["unit"]))
    out["gap"] = gap_column(comparable)
    out["met"] = met_column(comparable)
    out["met_strict"] = met_column(comparable, strict=True)
    return out


__all__ = [
    "APPROX_TOLERANCE_PP",
    "APPROX_TOLERANCE_REL",
    "CEILING",
    "CEILING_CODES",
    "FLOOR",
    "direction",
    "gap_column",
    "in_target_unit",
    "is_met",
    "judged",
    "met_column",
    "tolerance",
    "unit_factor",
]
