"""The chart helpers the notebooks call: dumbbell, ranking bars, heatmap, sector bars, small multiples.

They build figures without pyplot (``matplotlib.figure.Figure``), so a notebook that draws
dozens of charts leaves no open pyplot figures behind; Jupyter displays them and
``fig.savefig`` writes them. Each applies the house style (:mod:`.style`), takes ``lang``
('zh'/'en') for its texts (from labels.csv), sets a title, axis labels with units and a
source note, sizes itself from its rows, fits long labels, and attaches an alt text that
states what the figure shows. With many regions a chart cuts to the top N and says so in
its title, or facets, so that 3 or 300 regions stay readable.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from plantargets.present.heatmap import DIVERGING_CMAP, heatmap
from plantargets.present.labels import t
from plantargets.present.style import (
    PALETTE,
    ROW_HEIGHT,
    add_source_note,
    begin,
    cjk_font_path,
    colour_limit,
    extremes,
    finish,
    fit_label,
    fmt_value,
    grid,
    label_lines,
    legend_number,
    register_cjk_font,
    set_alt,
    single,
    top_note,
    use_style,
)

SECTOR_COLOURS = {"primary": "#3a9a5b", "secondary": "#1f5aa6", "tertiary": "#d9822b"}
SECTORS = ("primary", "secondary", "tertiary")
# Panels a row in faceted charts: two keep the PNG about 1,000 px wide, so a browser 800 px
# wide scales it by ~0.75 and its 8-9 pt labels stay readable (three made them ~5 px).
PANEL_COLUMNS = 2
# Rows a panel keeps before it cuts (its title then says "top n of N"): a dumbbell's 30 regions
# still read as pairs; a small-multiples panel is smaller, 10.
DUMBBELL_TOP_N = 30
SMALL_MULTIPLES_TOP_N = 10


def _display(names: Mapping[str, str] | None, key: object) -> str:
    return names.get(str(key), str(key)) if names else str(key)


def _facet_grid(
    d: pd.DataFrame, facets: list[object], cols: tuple[str, str], top_n: int, ncols: int, size: tuple[float, ...]
) -> tuple[Figure, list[Axes]]:
    """One panel per facet, ``ncols`` a row at most, each tall enough for its ``top_n`` rows.

    ``cols`` are the facet and label columns of ``d``; ``size`` is (width, minimum height,
    extra height) of a panel in inches: the rows' height grows with the lines a wrapped label takes.
    """
    facet_col, label_col = cols
    ncols = max(1, min(ncols, len(facets)))
    nrows = math.ceil(len(facets) / ncols)
    per_panel = min(top_n, int(d.groupby(facet_col).size().max()))
    lines = label_lines([fit_label(v) for v in d[label_col]])
    width, min_height, extra = size
    return grid(nrows, ncols, width=width, height=max(min_height, per_panel * ROW_HEIGHT * lines + extra))


def _region_axes(ax: Axes, xlabel: str, lang: str) -> None:
    """The axes of a chart with a row per region: ``xlabel`` below, regions down the side, no horizontal grid lines."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(t("region", lang))
    ax.grid(axis="y", visible=False)


def _close_grid(fig: Figure, axes: list[Axes], used: int) -> None:
    """Hide the panels past the last facet and leave the top of the figure to its title."""
    for ax in axes[used:]:
        ax.set_visible(False)
    fig.tight_layout(rect=(0, 0, 1, 0.95))


@dataclass(frozen=True)
class Facets:
    """The labels and the cut of a chart drawn as one panel per facet (an indicator): what
    :func:`dumbbell` and :func:`small_multiples` share, so the two keep one vocabulary."""

    names: Mapping[str, str] | None = None  # facet code → name shown in the panel's title
    xlabel: str | None = None  # the x axis of every panel (default: the chart's own)
    title: str | None = None  # the figure's title (default: the chart's own)
    source: str | None = None  # the note under the figure (default: the plans)
    top_n: int | None = None  # rows a panel keeps; beyond them the title says so (default: the chart's own)
    ncols: int = PANEL_COLUMNS  # panels a row


def dumbbell(
    panel: pd.DataFrame,
    lang: str = "zh",
    region_col: str = "region",
    indicator_col: str = "indicator",
    facets: Facets = Facets(),
) -> Figure:
    """Past realised vs target per region, one panel per indicator (a dumbbell: ● past, ◆ target).

    ``panel`` has the columns of :func:`~plantargets.analysis.growth.dumbbell_data`: the past
    rate ``past_growth`` and the target ``target_growth`` of each region × indicator.

    Regions are sorted by target within each panel; beyond ``facets.top_n`` regions (30) a panel
    keeps the regions with the largest |target − past| and its title says so. Values in % per
    year unless ``facets.xlabel`` says otherwise. ``facets.names`` maps indicator codes to names.
    """
    names, top_n = facets.names, facets.top_n or DUMBBELL_TOP_N
    past_col, target_col = "past_growth", "target_growth"
    begin(lang)
    data = panel[[region_col, indicator_col, past_col, target_col]].copy()
    data[[past_col, target_col]] = data[[past_col, target_col]].apply(pd.to_numeric, errors="coerce")
    data = data.dropna(subset=[past_col, target_col], how="all")
    indicators = list(dict.fromkeys(data[indicator_col]))
    if not indicators:
        raise ValueError("dumbbell: no row has a past or target value")
    fig, axes = _facet_grid(data, indicators, (indicator_col, region_col), top_n, facets.ncols, (4.6, 2.2, 0.9))
    for ax, ind in zip(axes, indicators, strict=False):
        g = data[data[indicator_col] == ind]
        total = len(g)
        if total > top_n:
            gap = (g[target_col] - g[past_col]).abs().fillna(0)
            g = g.loc[gap.nlargest(top_n).index]
        g = g.sort_values(target_col, na_position="first")
        y = np.arange(len(g))
        ax.hlines(y, g[past_col], g[target_col], color="#9a9a9a", linewidth=1.6, zorder=1)
        ax.scatter(g[past_col], y, color=PALETTE[0], s=28, zorder=2, label=t("past", lang))
        ax.scatter(g[target_col], y, color=PALETTE[1], marker="D", s=28, zorder=3, label=t("target", lang))
        ax.set_yticks(y, [fit_label(r) for r in g[region_col]])
        ax.set_title(fit_label(_display(names, ind), 44) + top_note(top_n, total, lang), fontsize=10)
        _region_axes(ax, facets.xlabel or t("target_growth", lang), lang)
    _close_grid(fig, axes, len(indicators))
    # One legend for all panels, above them: inside a panel it covered a region's dot.
    handles, names_ = axes[0].get_legend_handles_labels()
    fig.legend(handles, names_, loc="upper right", ncols=2, frameon=False, bbox_to_anchor=(1.0, 1.0))
    title = facets.title or t("title_dumbbell", lang)
    labels = data[region_col].astype(str) + " · " + data[indicator_col].map(lambda i: _display(names, i))
    alt = t("alt_dumbbell", lang, title=title, n_ind=len(indicators), n_reg=data[region_col].nunique())
    set_alt(fig, alt + extremes(labels, data[target_col], lang))
    return finish(fig, title, facets.source, lang)


def ranking_bar(
    data: pd.DataFrame,
    value_col: str,
    lang: str = "zh",
    label_col: str = "region",
    xlabel: str | None = None,
    title: str | None = None,
    source: str | None = None,
    top_n: int = 30,
    highlight: Iterable[str] = (),
    benchmark: float | None = None,
    benchmark_label: str | None = None,
) -> Figure:
    """Horizontal bars ranked by ``value_col`` (largest on top), with an optional benchmark line.

    Beyond ``top_n`` rows only the largest ``top_n`` are drawn and the title says so; the
    benchmark (e.g. the national target) is a dashed vertical line labelled in the legend.
    ``highlight`` labels are drawn in the accent colour.
    """
    begin(lang)
    d = data[[label_col, value_col]].copy()
    d[value_col] = pd.to_numeric(d[value_col], errors="coerce")
    d = d.dropna(subset=[value_col])
    if d.empty:
        raise ValueError(f"ranking_bar: column {value_col!r} has no numbers")
    total = len(d)
    alt = extremes(d[label_col].astype(str), d[value_col], lang)
    d = d.nlargest(top_n, value_col).sort_values(value_col)
    marked = set(highlight)
    ticks = [fit_label(v) for v in d[label_col]]
    fig, ax = single(width=6.8, height=max(2.4, len(d) * ROW_HEIGHT * label_lines(ticks) + 1.0))
    colours = [PALETTE[1] if str(lbl) in marked else PALETTE[0] for lbl in d[label_col]]
    ax.barh(np.arange(len(d)), d[value_col], color=colours, height=0.7)
    ax.set_yticks(np.arange(len(d)), ticks)
    if benchmark is not None and np.isfinite(benchmark):
        label = f"{benchmark_label or t('national', lang)}: {benchmark:g}"
        ax.axvline(benchmark, color="#333333", linestyle="--", linewidth=1, label=label)
        ax.legend(loc="lower right", frameon=False)
        alt += " " + label
    ax.axvline(0, color="#333333", linewidth=0.6)
    _region_axes(ax, xlabel or t("target_growth", lang), lang)
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    title = (title or t("title_ranking", lang)) + top_note(top_n, total, lang)
    set_alt(fig, t("alt_ranking", lang, title=title, n=total) + alt)
    return finish(fig, title, source, lang)


def _sector_rows(mix: pd.DataFrame, label_col: str, top_n: int) -> tuple[pd.DataFrame, int]:
    """The rows to draw (numeric shares, the top_n by tertiary share, ascending) and the total."""
    d = mix[[label_col, *SECTORS]].copy()
    d[list(SECTORS)] = d[list(SECTORS)].apply(pd.to_numeric, errors="coerce")
    d = d.dropna(subset=list(SECTORS), how="all")
    return d.nlargest(top_n, "tertiary").sort_values("tertiary"), len(d)


def _draw_sectors(ax: Axes, values: dict[str, list[float]], is_national: list[bool], lang: str) -> np.ndarray:
    """Draw the stacked bars (national bar outlined), label shares ≥ 8; return the bar ends."""
    y = np.arange(len(is_national))
    left = np.zeros(len(is_national))
    for s in SECTORS:
        widths = np.nan_to_num(np.asarray(values[s], dtype=float))
        bars = ax.barh(
            y,
            widths,
            left=left,
            color=SECTOR_COLOURS[s],
            height=0.72,
            label=t(s, lang),
            edgecolor="white",
            linewidth=0.5,
        )
        for bar, nat in zip(bars, is_national, strict=True):
            if nat:  # the benchmark bar: outlined in black so it reads as a reference, not a region
                bar.set_edgecolor("#222222")
                bar.set_linewidth(1.4)
        for yi, (x0, w) in enumerate(zip(left, widths, strict=True)):
            if w >= 8:
                ax.text(x0 + w / 2, yi, f"{w:.1f}", ha="center", va="center", fontsize=7, color="white")
        left = left + widths
    return left


def stacked_sector_bars(
    mix: pd.DataFrame,
    lang: str = "zh",
    label_col: str = "region",
    national: Mapping[str, float] | None = None,
    national_label: str | None = None,
    title: str | None = None,
    source: str | None = None,
    top_n: int = 40,
) -> Figure:
    """Three-sector shares of GDP (%) as 100 % stacked bars, sorted by the tertiary share.

    ``mix`` has ``label_col`` and primary/secondary/tertiary columns in %. A national bar
    (from ``reference.load_national_sector_mix``) is drawn on top, outlined, as the benchmark.
    Shares are drawn as printed (not rescaled), so a bar that does not reach 100 shows a
    structure the document gives only in part. Beyond ``top_n`` rows, the ``top_n`` with the
    highest tertiary share are shown.
    """
    begin(lang)
    d, total = _sector_rows(mix, label_col, top_n)
    labels = [fit_label(v) for v in d[label_col]]
    values = {s: d[s].fillna(0.0).to_list() for s in SECTORS}
    is_national = [False] * len(d)
    if national is not None:
        labels.append(national_label or t("national", lang))
        for s in SECTORS:
            values[s].append(float(national.get(s, np.nan)))
        is_national.append(True)
    fig, ax = single(width=7.4, height=max(2.4, len(labels) * ROW_HEIGHT * label_lines(labels) + 1.2))
    left = _draw_sectors(ax, values, is_national, lang)
    if national is not None:
        ax.axhline(len(labels) - 1.5, color="#333333", linewidth=0.6)
    ax.set_yticks(np.arange(len(labels)), labels)
    ax.set_xlim(0, max(100.0, float(left.max())))
    _region_axes(ax, t("sector_share", lang), lang)
    ax.legend(ncols=3, loc="lower left", bbox_to_anchor=(0.0, 1.0), frameon=False)
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    title = (title or t("title_sector_mix", lang)) + top_note(top_n, total, lang)
    alt = t("alt_sectors", lang, title=title, n=total) + extremes(d[label_col].astype(str), d["tertiary"], lang)
    if national is not None:
        alt += f" {labels[-1]}: {fmt_value(float(national.get('tertiary', np.nan)))}"
    set_alt(fig, alt)
    return finish(fig, title, source, lang, "source_plans_reference" if national is not None else "source_plans")


def _facet(ax: Axes, g: pd.DataFrame, value_col: str, label_col: str, top_n: int, lang: str) -> None:
    """One small-multiples panel: the top rows as dots and the median of all rows as a dotted line."""
    shown = g.nlargest(top_n, value_col).sort_values(value_col)
    y = np.arange(len(shown))
    ax.scatter(shown[value_col], y, color=PALETTE[0], s=22, zorder=3)
    ax.hlines(y, float(np.nanmin([0.0, shown[value_col].min()])), shown[value_col], color="#c8c8c8", linewidth=1)
    median = float(g[value_col].median())
    ax.axvline(
        median, color="#555555", linestyle=":", linewidth=1, label=f"{t('median', lang)} {legend_number(median)}"
    )
    ax.set_yticks(y, [fit_label(v) for v in shown[label_col]], fontsize=8)


def small_multiples(
    data: pd.DataFrame,
    value_col: str,
    lang: str = "zh",
    facet_col: str = "indicator",
    label_col: str = "region",
    facets: Facets = Facets(),
    benchmarks: Mapping[str, float] | None = None,
) -> Figure:
    """One small panel per facet (indicator), each ranking its top ``facets.top_n`` regions (10).

    For studies with many regions: every panel shows a dot per shown region, the median of
    *all* regions of the facet (dotted line, so the cut does not hide where the bulk lies),
    an optional benchmark per facet (dashed, e.g. the national target) and n in its title.
    """
    names, top_n = facets.names, facets.top_n or SMALL_MULTIPLES_TOP_N
    begin(lang)
    d = data[[facet_col, label_col, value_col]].copy()
    d[value_col] = pd.to_numeric(d[value_col], errors="coerce")
    d = d.dropna(subset=[value_col])
    panels = list(dict.fromkeys(d[facet_col]))
    if not panels:
        raise ValueError(f"small_multiples: column {value_col!r} has no numbers")
    fig, axes = _facet_grid(d, panels, (facet_col, label_col), top_n, facets.ncols, (4.0, 2.0, 1.0))
    for ax, facet in zip(axes, panels, strict=False):
        g = d[d[facet_col] == facet]
        _facet(ax, g, value_col, label_col, top_n, lang)
        if benchmarks and facet in benchmarks and np.isfinite(benchmarks[facet]):
            label = f"{t('national', lang)} {benchmarks[facet]:g}"
            ax.axvline(benchmarks[facet], color=PALETTE[3], linestyle="--", linewidth=1, label=label)
        ax.set_title(f"{fit_label(_display(names, facet), 34)} (n={len(g)})", fontsize=10)
        _region_axes(ax, facets.xlabel or t("value", lang), lang)
        ax.legend(loc="lower right", frameon=False, fontsize=7)
    _close_grid(fig, axes, len(panels))
    total = int(d.groupby(facet_col).size().max())
    title = (facets.title or t("title_small_multiples", lang)) + top_note(top_n, total, lang)
    best = d.loc[d.groupby(facet_col)[value_col].idxmax()]
    parts = [
        f"{_display(names, f)}: {lbl} {fmt_value(v)}"
        for f, lbl, v in best[[facet_col, label_col, value_col]].itertuples(index=False)
    ]
    set_alt(fig, t("alt_small_multiples", lang, title=title, n=len(panels), best="; ".join(parts[:8])))
    return finish(fig, title, facets.source, lang)


__all__ = [
    "DIVERGING_CMAP",
    "PALETTE",
    "ROW_HEIGHT",
    "Facets",
    "add_source_note",
    "cjk_font_path",
    "colour_limit",
    "dumbbell",
    "heatmap",
    "ranking_bar",
    "register_cjk_font",
    "small_multiples",
    "stacked_sector_bars",
    "use_style",
]
