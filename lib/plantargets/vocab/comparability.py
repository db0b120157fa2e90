"""The comparability vocabulary: what a number measures, what kind of target it is, over what
time and at what prices. Owned here once; :mod:`plantargets.analysis.comparability` derives
these columns row by row, and every analysis compares two rows only when they agree.

- ``measure``: what the row's numbers are. From the catalogue's ``kind`` (``KIND_MEASURE``),
  or, for an uncatalogued row, from its unit.
- ``target_type``: how the plan states its target. Only ``PLANNED_CHANGE_TYPES`` are planned
  changes; a floor (≥, 以上), a ceiling (≤, 以内), a maintain-target (保持, 稳定在) or words are
  bounds or intentions, never a rate of change to rank or regress.
- ``time_basis``: a year's figure (``annual``), a plan's average a year (``plan_average``), or
  a five-year total (``five_year_total``, printed in 〔〕 or named 累计): never compounded.
- ``price_basis``: ``real`` only where the document's own text says 实际增长 / 按可比价格 / 不变价,
  ``nominal`` where it says 现价 / 当年价, else ``as stated`` (the plan does not say).
"""

from __future__ import annotations

import re

# -- measures --------------------------------------------------------------------------------
# Each vocabulary is written once, as the tuple of its values; the names unpack it.
MEASURES = ("level", "growth_rate", "share", "intensity", "count", "ratio")
LEVEL, GROWTH_RATE, SHARE, INTENSITY, COUNT, RATIO = MEASURES
# Catalogue kind → measure. A 'rate' (unemployment, coverage, enrolment) is a share of a
# population; an 'index' (上年=100) is a growth rate printed as an index.
KIND_MEASURE = {
    "level": LEVEL,
    "growth": GROWTH_RATE,
    "share": SHARE,
    "rate": SHARE,
    "count": COUNT,
    "index": GROWTH_RATE,
    "ratio": RATIO,
    "intensity": INTENSITY,
}
# Measures whose yearly change is a growth rate of one quantity: a level's CAGR and a stated
# growth rate of it are the same change (GDP 54 → 72.26 亿元 and 地区生产总值增长6%).
GROWTH_MEASURES = (LEVEL, GROWTH_RATE)
# Measures whose yearly change is in percentage points (linear), not a compound rate.
PP_MEASURES = (SHARE, INTENSITY)
# Measures a five-year total can be divided into a yearly figure for (a total of new jobs or
# new patents is a sum of yearly flows; a total of a share is meaningless).
SUMMABLE_MEASURES = (LEVEL, COUNT)
# Names of a quantity per unit of GDP (R&D spending / GDP, deaths per 1 亿元 of GDP).
INTENSITY_NAME_RE = re.compile(r"(经费|支出|投入).*占.*(生产总值|GDP)|亿元.*(生产总值|GDP).*率|单位.*(生产总值|GDP)")

# -- target types ------------------------------------------------------------------------------
TARGET_TYPES = ("level_target", "growth_target", "floor", "ceiling", "maintain", "text")
LEVEL_TARGET, GROWTH_TARGET, FLOOR, CEILING, MAINTAIN, TEXT = TARGET_TYPES
PLANNED_CHANGE_TYPES = (LEVEL_TARGET, GROWTH_TARGET)
# Qualifier (vocab.words.QUALIFIERS) → target type when it decides it.
QUALIFIER_TARGET_TYPE = {"at_least": FLOOR, "at_most": CEILING, "text": TEXT, "missing": TEXT}
# Words of a target that holds a level rather than moving it (稳定在4%, 保持在12亿斤).
MAINTAIN_RE = re.compile(r"保持|稳定在|维持|持平")

# -- time bases --------------------------------------------------------------------------------
TIME_BASES = ("annual", "plan_average", "five_year_total")
ANNUAL, PLAN_AVERAGE, FIVE_YEAR_TOTAL = TIME_BASES
# Brackets that mark a five-year total in plan tables (〔10.5〕, [10.5]).
TOTAL_BRACKET_RE = re.compile(r"[〔\[［【]\s*(-?\d+(?:\.\d+)?)\s*[〕\]］】]")

# -- price bases -------------------------------------------------------------------------------
PRICE_BASES = ("real", "nominal", "as stated")
REAL, NOMINAL, AS_STATED = PRICE_BASES
# The document's own words for real growth: 年均实际增长6.82%, 按可比价格计算, 不变价.
# 实际 alone is not enough (实际使用外资 is 'actually used FDI'; 从实际出发 'from reality').
REAL_PRICE_RE = re.compile(r"实际(年均)?(增长|增速|下降)|年均实际|可比价|不变价")
NOMINAL_PRICE_RE = re.compile(r"现价|当年价")
# Quantities with no comparable-price (real) series in Chinese statistics: budget revenue and
# tax are only compiled at current prices, so a "real" rate of them cannot be real.
NO_REAL_SERIES_RE = re.compile(r"财政收入|预算收入|公共财政|一般公共预算|税收")

# -- document types ----------------------------------------------------------------------------
# Manifest doc_type values whose targets are annual (a work report's target for its year).
ANNUAL_DOC_TYPES = ("work_report", "annual_plan")

# -- why a row is left out of a comparison (the ``reason`` of an excluded frame) --------------
EXCLUDED_COLUMNS = ["doc_id", "series", "indicator", "name", "unit", "value", "source", "reason"]
# Catalogue family of a spending level → the catalogue code of its intensity (spending / GDP),
# for a row whose values turn out to be the intensity (Hure's 研发经费投入增长 0.074 → 0.16 %).
INTENSITY_CODES = {"rd_spending": "rd_intensity"}


def price_basis(text: str) -> str:
    """'real' only where the text says so (实际增长, 可比价, 不变价), 'nominal' for 现价, else 'as stated'."""
    if REAL_PRICE_RE.search(text or ""):
        return REAL
    if NOMINAL_PRICE_RE.search(text or ""):
        return NOMINAL
    return AS_STATED
