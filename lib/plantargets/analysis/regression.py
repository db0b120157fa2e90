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


@dataclass(frozen=True)
class PanelResult:
    """A fixed-effects panel regression: coefficients with clustered errors and the sample it used."""

    coefficients: pd.DataFrame  # term, coef, se, ci_low, ci_high, pvalue
    n: int
    n_entities: int
    n_clusters: int
    first_year: int
    last_year: int
    r2: float  # with the fixed effects (they explain most of the variance of targets)
    n_singletons_dropped: int
    cov_type: str

    @classmethod
    def too_few(cls, n: int, n_entities: int) -> PanelResult:
        """The result of a sample too small to estimate: no coefficients, the sample size kept."""
        empty = pd.DataFrame(columns=["term", "coef", "se", "ci_low", "ci_high", "pvalue"])
        return cls(empty, n, n_entities, 0, 0, 0, math.nan, 0, "not estimated")

    @property
    def estimated(self) -> bool:
        return not self.coefficients.empty

    def coef(self, term: str) -> float:
        """The coefficient of ``term`` (NaN when it was not estimated)."""
        row = self.coefficients[self.coefficients["term"] == term]
        return float(row["coef"].iloc[0]) if len(row) else math.nan


def panel_fixed_effects(
    df: pd.DataFrame, y: str, xs: list[str], entity: str, time: str, cluster: str | None = None, alpha: float = 0.05
) -> PanelResult:
    """OLS of ``y`` on ``xs`` with entity and time fixed effects, errors clustered by ``cluster``
    (default the entity). Rows with a missing value are dropped, then singletons (an entity seen
    once, whose effect absorbs its only observation) are dropped until none is left, as reghdfe does.
    The degrees-of-freedom correction counts the absorbed effects.
    """
    cluster = cluster or entity
    data = df[[y, *xs, entity, time, *([cluster] if cluster not in (entity, time) else [])]].dropna()
    dropped = 0
    while len(data):
        counts = data.groupby(entity)[y].transform("size")
        if (counts > 1).all():
            break
        dropped += int((counts <= 1).sum())
        data = data[counts > 1]
    n, n_ent = len(data), int(data[entity].nunique())
    if n_ent < 2 or n - n_ent - data[time].nunique() - len(xs) < 2:
        raise ValueError(f"panel regression: {n} observations in {n_ent} {entity} groups are too few to estimate")
    # Effects as dummies (first level of each dropped): exact for unbalanced panels, and statsmodels
    # then counts them in the small-sample correction of the clustered errors, as Stata's areg does.
    effects = pd.get_dummies(data[[entity, time]].astype(str), drop_first=True, dtype=float)
    exog = sm.add_constant(pd.concat([data[xs].astype(float), effects], axis=1))
    fit = sm.OLS(data[y].astype(float), exog).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(data[cluster])[0]}, use_t=True
    )
    ci = fit.conf_int(alpha=alpha)
    coefficients = pd.DataFrame(
        {
            "term": xs,
            "coef": [float(fit.params[x]) for x in xs],
            "se": [float(fit.bse[x]) for x in xs],
            "ci_low": [float(ci.loc[x, 0]) for x in xs],
            "ci_high": [float(ci.loc[x, 1]) for x in xs],
            "pvalue": [float(fit.pvalues[x]) for x in xs],
        }
    )
    return PanelResult(
        coefficients=coefficients,
        n=n,
        n_entities=n_ent,
        n_clusters=int(data[cluster].nunique()),
        first_year=int(data[time].min()),
        last_year=int(data[time].max()),
        r2=float(fit.rsquared),
        n_singletons_dropped=dropped,
        cov_type=f"clustered by {cluster}",
    )
