"""The region × indicator heatmap: signed gaps on a diverging scale that an outlier cannot wash out.

Kept apart from the other charts because it alone needs seaborn (imported late, ~1.4 s) and
its own layout: rotated column labels, cells tall enough for a two-row matrix, a colour bar
whose label fits its length, and a scale clipped at the outlier fence (:func:`.style.colour_limit`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure

from plantargets.present.labels import t
from plantargets.present.style import (
    ROW_HEIGHT,
    begin,
    colour_limit,
    decimal_text,
    extremes,
    finish,
    fit_label,
    label_lines,
    set_alt,
    single,
    text_width,
)

# Diverging colours for signed differences (target minus benchmark): blue below 0, red above.
DIVERGING_CMAP = "RdBu_r"
# Height of the matrix (inches) below which its colour bar's three-line label no longer fits.
MIN_CELLS_HEIGHT = 1.5


def _display(names: Mapping[str, str] | None, key: object) -> str:
    return names.get(str(key), str(key)) if names else str(key)


def _heatmap_layout(
    m: pd.DataFrame, names: Mapping[str, str] | None
) -> tuple[list[str], list[str], float, float, float]:
    """Fitted column and row labels, figure width, height of the cells and room for the column labels (in)."""
    columns = [fit_label(_display(names, c), 30) for c in m.columns]
    rows = [fit_label(r) for r in m.index]
    width = max(4.5, 0.75 * m.shape[1] + 2.8 + 0.6 * max((text_width(r) for r in rows), default=0.0))
    # Column labels are drawn at 40°: leave their vertical extent below the cells, or long
    # indicator names squeeze a few-row matrix into a sliver.
    label_room = 0.65 * max((text_width(c.split("\n")[0]) for c in columns), default=0.0)
    # A few rows get taller cells: a two-row matrix must not become a sliver under its labels.
    row_height = max(ROW_HEIGHT * label_lines(rows), 0.45 if m.shape[0] < 6 else 0.0)
    # The colour bar is as tall as the cells and carries its label along it: a one-row matrix
    # (0.45 in) pushed that label up into the title, so the cells are never below MIN_CELLS_HEIGHT.
    return columns, rows, width, max(m.shape[0] * row_height, MIN_CELLS_HEIGHT), label_room


def heatmap(
    matrix: pd.DataFrame,
    lang: str = "zh",
    value_label: str | None = None,
    title: str | None = None,
    source: str | None = None,
    names: Mapping[str, str] | None = None,
    annotate: bool | None = None,
    fmt: str = ".1f",
) -> Figure:
    """Region × indicator matrix of a signed quantity (e.g. target minus past, pp), centred at 0.

    The diverging colour scale is symmetric around 0 (blue below, red above) so colour
    intensity compares across cells; an outlier clips the scale (:func:`colour_limit`) and
    the note under the figure says so. Missing cells stay blank (grey). Numbers are printed in the cells
    when the matrix has at most 400 cells (``annotate`` overrides). Rows are regions (index),
    columns indicators (codes shown through ``names``).
    """
    begin(lang)
    import seaborn as sns  # late: seaborn costs ~1.4 s and only the heatmap needs it

    m = matrix.apply(pd.to_numeric, errors="coerce").astype(float)
    if m.size == 0 or m.isna().all().all():
        raise ValueError("heatmap: the matrix has no numbers")
    annotate = m.size <= 400 if annotate is None else annotate
    labels = _cell_labels(m, fmt) if annotate else False
    lim, clipped = colour_limit(m.to_numpy())
    columns, rows, width, cells, label_room = _heatmap_layout(m, names)
    fig, ax = single(width=width, height=max(2.6, cells + 1.2 + label_room))
    # The colour bar's label runs along the bar: wrap it to the bar's length (~10 characters an inch).
    bar_label = fit_label(value_label or t("target_minus_past", lang), width=max(14, int(cells * 10)), lines=3)
    ax.set_facecolor("#eeeeee")
    sns.heatmap(
        m,
        ax=ax,
        cmap=DIVERGING_CMAP,
        norm=TwoSlopeNorm(vcenter=0.0, vmin=-lim, vmax=lim),
        annot=labels,
        fmt="",
        annot_kws={"fontsize": 7.5},
        linewidths=0.4,
        linecolor="white",
        cbar_kws={
            "label": bar_label,
            "shrink": 1.0 if m.shape[0] < 8 else 0.8,
            "extend": "both" if clipped else "neither",
        },
    )
    ax.set_xticks(np.arange(m.shape[1]) + 0.5, columns, rotation=40, ha="right")
    ax.set_yticks(np.arange(m.shape[0]) + 0.5, rows, rotation=0)
    ax.set_xlabel(t("indicator", lang))
    ax.set_ylabel(t("region", lang))
    ax.grid(False)
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    title = title or t("title_heatmap", lang)
    note = t("colour_clipped", lang, lim=f"{lim:.1f}") if clipped else ""
    set_alt(fig, _heatmap_alt(m, names, title, note, lang))
    # The clipping note goes under the figure with the source, where it cannot collide with the bar.
    source = source if source is not None else t("source_plans", lang)
    return finish(fig, title, source + ("\n" + note if note else ""), lang)


def _cell_labels(m: pd.DataFrame, fmt: str) -> pd.DataFrame:
    """The number printed in each cell (``fmt`` like '.1f'), blank where missing, never '-0.0'."""
    decimals = int(fmt.strip(".f")) if fmt.startswith(".") and fmt.endswith("f") else 1
    return m.map(lambda v: decimal_text(v, decimals) if np.isfinite(v) else "")


def _heatmap_alt(m: pd.DataFrame, names: Mapping[str, str] | None, title: str, note: str, lang: str) -> str:
    """What the heatmap shows: its size, its largest and smallest cells, and the clipping."""
    stacked = m.stack().dropna()
    labels = pd.Series([f"{r} · {_display(names, c)}" for r, c in stacked.index], index=stacked.index)
    return (
        t("alt_heatmap", lang, title=title, rows=m.shape[0], cols=m.shape[1]) + extremes(labels, stacked, lang) + note
    )
