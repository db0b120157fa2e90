"""The regression of target growth on past growth, for a reader: one sentence and one chart.

Kept apart from the tables (:mod:`.tables`): the chart places short point labels where they
do not overprint (:func:`.style.label_places`) and the sentence states the small-sample caveat.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from plantargets.analysis import regression
from plantargets.present.labels import check_lang, t
from plantargets.present.style import PALETTE, ROW_HEIGHT, add_source_note, fit_label, label_places, set_alt, use_style


def regression_caption(result: regression.OLSResult, lang: str = "zh") -> str:
    """The OLS result in one sentence (slope, CI, intercept, n, R²) and its small-sample caveat."""
    if lang == "zh":
        if np.isnan(result.slope):
            return f"样本数 n = {result.n},无法估计斜率。"
        s = (
            f"斜率 {result.slope:.2f}(95%置信区间 {result.slope_ci[0]:.2f} 至 {result.slope_ci[1]:.2f}),"
            f"截距 {result.intercept:.2f},n = {result.n},R² = {result.r2:.2f}。"
        )
        if result.n < regression.MIN_REGRESSION_N:
            s += f"n < {regression.MIN_REGRESSION_N}:斜率仅作描述,区间很宽且依赖误差正态假设,样本太少无法检验。"
        return s
    return result.summary()


def _point_labels(sample: pd.DataFrame, label_col: str) -> list[str]:
    """One short label a point: its region first when there are several, then its series, each
    cut on its own ("series · region" cut at 30 characters lost the region)."""
    labels = sample[label_col].astype(str).tolist() if label_col in sample.columns else [""] * len(sample)
    if "region" in sample.columns and sample["region"].nunique() > 1:
        labels = [
            f"{fit_label(r, 14, 1)} · {fit_label(v, 16, 1)}" for v, r in zip(labels, sample["region"], strict=True)
        ]
    return [fit_label(v, 31, 1) for v in labels]


def regression_scatter(
    sample: pd.DataFrame,
    result: regression.OLSResult,
    lang: str = "zh",
    label_col: str = "series_label",
    source: str | None = None,
) -> Figure:
    """Target growth against past growth, one point per region × series, with the 45° line and the fit.

    Points above the 45° line are targets above the past rate. Labels name the series (and
    region when there are several). Axes in % a year.
    """
    check_lang(lang)
    use_style()
    x = pd.to_numeric(sample["past_growth"], errors="coerce").to_numpy(dtype=float)
    y = pd.to_numeric(sample["target_growth"], errors="coerce").to_numpy(dtype=float)
    fig = Figure(figsize=(6.4, max(4.4, ROW_HEIGHT * 12)))
    ax = fig.add_subplot(1, 1, 1)
    if len(x):
        lo = float(np.nanmin([x.min(), y.min(), 0.0])) - 1
        hi = float(np.nanmax([x.max(), y.max()])) + 1
    else:
        lo, hi = 0.0, 10.0
    ax.plot([lo, hi], [lo, hi], color="#777777", linestyle=":", linewidth=1, label=t("diagonal", lang))
    if np.isfinite(result.slope):
        xs = np.array([lo, hi])
        ax.plot(xs, result.intercept + result.slope * xs, color=PALETTE[3], linewidth=1.4, label=t("fit", lang))
    ax.scatter(x, y, color=PALETTE[0], s=30, zorder=3)
    labels = _point_labels(sample, label_col)
    for xi, yi, lbl, place in zip(x, y, labels, label_places(x, y, labels, lo, hi), strict=True):
        # Short labels, clipped to the axes: a 60-character label once widened the saved
        # figure so much that the plot itself shrank to a sliver. A label that would overprint
        # another is left out (label_places).
        if place is None:
            continue
        ax.annotate(
            lbl,
            (xi, yi),
            xytext=place[:2],
            ha=place[2],
            textcoords="offset points",
            fontsize=7,
            color="#333333",
            annotation_clip=True,
            clip_on=True,
        )
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_xlabel(t("past_growth", lang))
    ax.set_ylabel(t("target_growth", lang))
    ax.legend(loc="lower right", frameon=False)
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    fig.suptitle(t("title_regression", lang) + f" (n = {result.n})", x=0.01, ha="left")
    add_source_note(fig, source if source is not None else t("source_plans", lang))
    return set_alt(fig, t("alt_regression", lang, n=result.n) + regression_caption(result, lang))


__all__ = ["regression_caption", "regression_scatter"]
