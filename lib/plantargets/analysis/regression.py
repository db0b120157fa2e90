"""Target growth regressed on past growth (OLS), with the caveats a small sample needs."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import statsmodels.api as sm

from plantargets.analysis.metrics import numeric_column

# Below this many observations a regression slope is descriptive only (statsmodels still fits it).
MIN_REGRESSION_N = 10


@dataclass(frozen=True)
class OLSResult:
    """Target growth regressed on past growth: the numbers an economist needs, and a caveat."""

    slope: float
    slope_ci: tuple[float, float]
    intercept: float
    intercept_ci: tuple[float, float]
    n: int
    r2: float
    cov_type: str
    caveat: str = ""
    pvalue_slope: float = math.nan
    labels: tuple[str, ...] = field(default_factory=tuple)

    def summary(self) -> str:
        """One line: slope [95% CI], intercept, n, R², then the caveat."""
        text = (
            f"slope {self.slope:.2f} [{self.slope_ci[0]:.2f}, {self.slope_ci[1]:.2f}], "
            f"intercept {self.intercept:.2f}, n = {self.n}, R² = {self.r2:.2f} ({self.cov_type} SE)"
        )
        return f"{text}. {self.caveat}" if self.caveat else text


def regress_target_on_past(
    panel: pd.DataFrame,
    y: str = "target_growth",
    x: str = "past_growth",
    cov_type: str = "nonrobust",
    alpha: float = 0.05,
    label_col: str | None = None,
) -> OLSResult:
    """OLS of target growth on past realised growth (both in %): ``y = a + b·x + e``.

    A slope near 1 with intercept near 0 means targets extrapolate the past; a slope below 1
    means regression toward a common target. Rows with a missing x or y are dropped.
    Classical standard errors by default: heteroskedasticity-robust ones (``cov_type='HC3'``)
    are unreliable with the few regions a study usually has. With n < 10 the result carries
    a caveat; with n < 3 nothing can be estimated and the numbers are NaN.
    """
    data = pd.DataFrame({"y": numeric_column(panel, y), "x": numeric_column(panel, x)})
    if label_col is not None:
        data["label"] = panel[label_col].astype(str)
    data = data.dropna(subset=["x", "y"])
    n = len(data)
    labels = tuple(data["label"]) if label_col is not None else ()
    nan2 = (math.nan, math.nan)
    if n < 3 or data["x"].nunique() < 2:
        return OLSResult(
            math.nan,
            nan2,
            math.nan,
            nan2,
            n,
            math.nan,
            cov_type,
            f"n = {n} with {data['x'].nunique()} distinct x: too few to estimate a slope.",
            labels=labels,
        )
    model = sm.OLS(data["y"].to_numpy(), sm.add_constant(data["x"].to_numpy()))
    fit = model.fit(cov_type=cov_type)
    ci = np.asarray(fit.conf_int(alpha=alpha))
    caveat = ""
    if n < MIN_REGRESSION_N:
        caveat = (
            f"n = {n} < {MIN_REGRESSION_N}: the slope is descriptive only; its interval is wide and "
            "depends on the normality of errors, which so few points cannot check."
        )
    return OLSResult(
        slope=float(fit.params[1]),
        slope_ci=(float(ci[1, 0]), float(ci[1, 1])),
        intercept=float(fit.params[0]),
        intercept_ci=(float(ci[0, 0]), float(ci[0, 1])),
        n=n,
        r2=float(fit.rsquared),
        cov_type=cov_type,
        caveat=caveat,
        pvalue_slope=float(fit.pvalues[1]),
        labels=labels,
    )
