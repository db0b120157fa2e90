"""Targets and figures stated in sentences, and the three-sector structure.

(Interface fixed; implementation owned by the prose work item.)
"""

from __future__ import annotations

from dataclasses import dataclass

from .textnorm import Document
from .values import Value


@dataclass
class ProseFact:
    """One figure stated in prose, mapped onto the indicators-table columns.

    A target goes to target_* (target_year = plan end year, or the report's year); a past
    figure (2020年实现…169.24亿元) goes to base_*; a growth rate goes to annual_growth
    with the value's qualifier. ``period`` says what a growth rate refers to:
    'plan' (年均增长 over the plan), 'year' (a work report's annual target),
    'past_plan' (“十三五”时期年均增长6.6%, realised).
    """

    name: str                    # indicator name as printed in the sentence (地区生产总值)
    unit: str                    # '%', '亿元', '万吨', ...
    base_year: int | None
    base_value: float | None
    target_year: int | None
    value: Value | None          # the target value (number + qualifier), None for pure past facts
    annual_growth: float | None
    period: str                  # 'plan' | 'year' | 'past_plan' | 'level'
    line: int
    sentence: str                # the clause or sentence as printed (raw)


@dataclass
class SectorMix:
    """Three-sector shares of GDP (%), actual or target, with their source line."""

    year: int
    kind: str                    # 'actual' | 'target'
    primary: float | None
    secondary: float | None
    tertiary: float | None
    line: int
    raw: str


def extract_prose(doc: Document, plan_start: int | None, plan_end: int | None,
                  report_year: int | None, skip_lines: set[int] | None = None) -> list[ProseFact]:
    """Prose targets and figures; ``skip_lines`` are table lines already read as tables."""
    raise NotImplementedError


def extract_sector_mix(doc: Document, plan_start: int | None, plan_end: int | None,
                       report_year: int | None) -> list[SectorMix]:
    """Three-sector structures stated in the text (a:b:c, or 第三产业…比重 targets)."""
    raise NotImplementedError
