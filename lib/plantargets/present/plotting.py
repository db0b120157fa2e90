"""The house style for figures, with a CJK font that ships with the pip install.

Chinese labels must render on a fresh machine with no system CJK fonts, so the Noto Sans
SC font is taken from the ``pylopdf-fonts-zh-cn`` wheel (SIL OFL 1.1) and registered with
matplotlib's font manager at run time (registering the file works where rebuilding the
font cache does not).

The chart helpers below (dumbbell, ranking_bar, heatmap, stacked_sector_bars,
small_multiples) build figures without pyplot (``matplotlib.figure.Figure``), so a notebook
that draws dozens of charts leaves no open pyplot figures behind; Jupyter displays them and
``fig.savefig`` writes them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
import pylopdf_fonts_zh_cn
from cycler import cycler
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure

from plantargets.present.labels import check_lang, t

# Figures are embedded in HTML reports as PNG: 110 dpi keeps text crisp at a modest size.
FIGURE_DPI = 110
PALETTE = ["#1f5aa6", "#d9822b", "#3a9a5b", "#b23a48", "#7b5ea7", "#8c6d46", "#4aa3b5", "#6b6b6b"]


@lru_cache(maxsize=1)
def cjk_font_path() -> Path:
    """Path of the bundled Noto Sans SC font file."""
    path = Path(pylopdf_fonts_zh_cn.sans_path())
    if not path.is_file():  # pragma: no cover - broken install
        raise FileNotFoundError(f"CJK font missing from the pylopdf-fonts-zh-cn package: {path}")
    return path


@lru_cache(maxsize=1)
def register_cjk_font() -> str:
    """Register the bundled CJK font with matplotlib; return its family name."""
    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def use_style() -> str:
    """Apply the house style (CJK-capable sans-serif, readable sizes); return the CJK family.

    DejaVu Sans comes first so Latin text and digits keep matplotlib's default look and
    glyphs such as the minus sign; CJK characters fall back to Noto Sans SC.
    """
    family = register_cjk_font()
    mpl.rcParams.update(
        {
            "font.family": ["DejaVu Sans", family],
            "axes.unicode_minus": False,
            "figure.dpi": FIGURE_DPI,
            "savefig.dpi": FIGURE_DPI,
            "savefig.bbox": "tight",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.titlesize": 12,
            "axes.titleweight": "normal",
            "axes.labelsize": 10,
            "xtick.labelsize": 9,
            "ytick.labelsize": 9,
            "legend.fontsize": 9,
            "axes.prop_cycle": cycler(color=PALETTE),
        }
    )
    return family


def add_source_note(fig: Figure, text: str) -> None:
    """A small source line under the figure: every figure says where its numbers come from."""
    fig.text(0.01, -0.02, text, ha="left", va="top", fontsize=7.5, color="#555555", wrap=True)


# --------------------------------------------------------------------------------------------
# Chart helpers used by the notebooks. Each applies the house style, takes ``lang`` ('zh'/'en')
# for its texts (from labels.py), sets a title, axis labels with units and a source note, and
# returns the Figure (the notebook shows or saves it). With many regions they cut to the top N
# and say so in the title, or facet, so that 50+ regions stay readable.

# Diverging colours for signed differences (target minus benchmark): blue below 0, red above.
DIVERGING_CMAP = "RdBu_r"
SECTOR_COLOURS = {"primary": "#3a9a5b", "secondary": "#1f5aa6", "tertiary": "#d9822b"}
# Vertical space per region row (inches): keeps 9-pt labels apart.
ROW_HEIGHT = 0.26


def _begin(lang: str) -> None:
    check_lang(lang)
    use_style()


def _finish(fig: Figure, title: str, source: str | None, lang: str, source_key: str = "source_plans") -> Figure:
    fig.suptitle(title, x=0.01, ha="left")
    add_source_note(fig, source if source is not None else t(source_key, lang))
    return fig


def _display(names: Mapping[str, str] | None, key: object) -> str:
    return names.get(str(key), str(key)) if names else str(key)


def _top_note(n: int, total: int, lang: str) -> str:
    return f" ({t('showing_top', lang, n=n, total=total)})" if total > n else ""


def dumbbell(
    panel: pd.DataFrame,
    lang: str = "zh",
    region_col: str = "region",
    indicator_col: str = "indicator",
    past_col: str = "past_growth",
    target_col: str = "target_growth",
    names: Mapping[str, str] | None = None,
    xlabel: str | None = None,
    title: str | None = None,
    source: str | None = None,
    top_n: int = 30,
    ncols: int = 3,
) -> Figure:
    """Past realised vs target per region, one panel per indicator (a dumbbell: ● past, ◆ target).

    Regions are sorted by target within each panel; beyond ``top_n`` regions a panel keeps the
    regions with the largest |target − past| and its title says so. Values in % per year
    unless ``xlabel`` says otherwise. ``names`` maps indicator codes to display names.
    """
    _begin(lang)
    data = panel[[region_col, indicator_col, past_col, target_col]].copy()
    data[[past_col, target_col]] = data[[past_col, target_col]].apply(pd.to_numeric, errors="coerce")
    data = data.dropna(subset=[past_col, target_col], how="all")
    indicators = list(dict.fromkeys(data[indicator_col]))
    if not indicators:
        raise ValueError("dumbbell: no row has a past or target value")
    ncols = max(1, min(ncols, len(indicators)))
    nrows = math.ceil(len(indicators) / ncols)
    per_panel = min(top_n, int(data.groupby(indicator_col).size().max()))
    fig, axes = _grid(nrows, ncols, width=4.2, height=max(2.2, per_panel * ROW_HEIGHT + 0.9))
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
        ax.set_yticks(y, [str(r) for r in g[region_col]])
        ax.set_title(_display(names, ind) + _top_note(top_n, total, lang), fontsize=10)
        ax.set_xlabel(xlabel or t("target_growth", lang))
        ax.set_ylabel(t("region", lang))
        ax.grid(axis="y", visible=False)
    for ax in axes[len(indicators) :]:
        ax.set_visible(False)
    axes[0].legend(loc="lower right", frameon=False)
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    return _finish(fig, title or t("title_dumbbell", lang), source, lang)


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
    _begin(lang)
    d = data[[label_col, value_col]].copy()
    d[value_col] = pd.to_numeric(d[value_col], errors="coerce")
    d = d.dropna(subset=[value_col])
    if d.empty:
        raise ValueError(f"ranking_bar: column {value_col!r} has no numbers")
    total = len(d)
    d = d.nlargest(top_n, value_col).sort_values(value_col)
    marked = set(highlight)
    fig, ax = _single(width=6.4, height=max(2.4, len(d) * ROW_HEIGHT + 1.0))
    colours = [PALETTE[1] if str(lbl) in marked else PALETTE[0] for lbl in d[label_col]]
    ax.barh(np.arange(len(d)), d[value_col], color=colours, height=0.7)
    ax.set_yticks(np.arange(len(d)), [str(v) for v in d[label_col]])
    if benchmark is not None and np.isfinite(benchmark):
        ax.axvline(
            benchmark,
            color="#333333",
            linestyle="--",
            linewidth=1,
            label=f"{benchmark_label or t('national', lang)}: {benchmark:g}",
        )
        ax.legend(loc="lower right", frameon=False)
    ax.axvline(0, color="#333333", linewidth=0.6)
    ax.set_xlabel(xlabel or t("target_growth", lang))
    ax.set_ylabel(t("region", lang))
    ax.grid(axis="y", visible=False)
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    return _finish(fig, (title or t("title_ranking", lang)) + _top_note(top_n, total, lang), source, lang)


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
    intensity compares across cells; missing cells stay blank (grey background). Numbers are
    printed in the cells when the matrix has at most 400 cells (``annotate`` overrides).
    Rows are regions (index), columns indicators (codes shown through ``names``).
    """
    _begin(lang)
    import seaborn as sns  # late: seaborn costs ~1.4 s and only the heatmap needs it

    m = matrix.apply(pd.to_numeric, errors="coerce").astype(float)
    if m.size == 0 or m.isna().all().all():
        raise ValueError("heatmap: the matrix has no numbers")
    annotate = m.size <= 400 if annotate is None else annotate
    lim = float(np.nanmax(np.abs(m.to_numpy()))) or 1.0
    width = max(4.5, 0.75 * m.shape[1] + 2.8)
    # Column labels are drawn at 40°: leave their vertical extent below the cells, or long
    # indicator names squeeze a few-row matrix into a sliver.
    label_room = 0.65 * max((_text_width(_display(names, c)) for c in m.columns), default=0.0)
    fig, ax = _single(width=width, height=max(2.6, m.shape[0] * ROW_HEIGHT + 1.2 + label_room))
    ax.set_facecolor("#eeeeee")
    sns.heatmap(
        m,
        ax=ax,
        cmap=DIVERGING_CMAP,
        norm=TwoSlopeNorm(vcenter=0.0, vmin=-lim, vmax=lim),
        annot=annotate,
        fmt=fmt,
        annot_kws={"fontsize": 7.5},
        linewidths=0.4,
        linecolor="white",
        cbar_kws={"label": value_label or t("target_minus_past", lang), "shrink": 0.8},
    )
    ax.set_xticks(np.arange(m.shape[1]) + 0.5, [_display(names, c) for c in m.columns], rotation=40, ha="right")
    ax.set_yticks(np.arange(m.shape[0]) + 0.5, [str(r) for r in m.index], rotation=0)
    ax.set_xlabel(t("indicator", lang))
    ax.set_ylabel(t("region", lang))
    ax.grid(False)
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    return _finish(fig, title or t("title_heatmap", lang), source, lang)


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

    ``mix`` has ``label_col`` and primary/secondary/tertiary columns in % (e.g. the sector-mix
    table filtered to one year and kind). A national bar (from ``reference.load_national_sector_mix``)
    is drawn on top, outlined, as the benchmark. Shares are drawn as printed (not rescaled), so
    a bar that does not reach 100 shows a rounding or extraction problem. Beyond ``top_n`` rows,
    the ``top_n`` with the highest tertiary share are shown.
    """
    _begin(lang)
    sectors = ("primary", "secondary", "tertiary")
    d = mix[[label_col, *sectors]].copy()
    d[list(sectors)] = d[list(sectors)].apply(pd.to_numeric, errors="coerce")
    d = d.dropna(subset=list(sectors), how="all")
    total = len(d)
    d = d.nlargest(top_n, "tertiary").sort_values("tertiary")
    labels = [str(v) for v in d[label_col]]
    values = {s: d[s].fillna(0.0).to_list() for s in sectors}
    is_national = [False] * len(d)
    if national is not None:
        labels.append(national_label or t("national", lang))
        for s in sectors:
            values[s].append(float(national.get(s, np.nan)))
        is_national.append(True)
    fig, ax = _single(width=7.0, height=max(2.4, len(labels) * ROW_HEIGHT + 1.2))
    y = np.arange(len(labels))
    left = np.zeros(len(labels))
    for s in sectors:
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
    if national is not None:
        ax.axhline(len(labels) - 1.5, color="#333333", linewidth=0.6)
    ax.set_yticks(y, labels)
    ax.set_xlim(0, max(100.0, float(left.max())))
    ax.set_xlabel(t("sector_share", lang))
    ax.set_ylabel(t("region", lang))
    ax.grid(axis="y", visible=False)
    ax.legend(ncols=3, loc="lower left", bbox_to_anchor=(0.0, 1.0), frameon=False)
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    title = (title or t("title_sector_mix", lang)) + _top_note(top_n, total, lang)
    return _finish(fig, title, source, lang, "source_plans_reference" if national is not None else "source_plans")


def small_multiples(
    data: pd.DataFrame,
    value_col: str,
    lang: str = "zh",
    facet_col: str = "indicator",
    label_col: str = "region",
    names: Mapping[str, str] | None = None,
    xlabel: str | None = None,
    title: str | None = None,
    source: str | None = None,
    top_n: int = 10,
    ncols: int = 3,
    benchmarks: Mapping[str, float] | None = None,
) -> Figure:
    """One small panel per facet (indicator), each ranking its top ``top_n`` regions.

    For studies with many regions: every panel shows a dot per shown region, the median of
    *all* regions of the facet (dotted line, so the cut does not hide where the bulk lies),
    an optional benchmark per facet (dashed, e.g. the national target) and n in its title.
    """
    _begin(lang)
    d = data[[facet_col, label_col, value_col]].copy()
    d[value_col] = pd.to_numeric(d[value_col], errors="coerce")
    d = d.dropna(subset=[value_col])
    facets = list(dict.fromkeys(d[facet_col]))
    if not facets:
        raise ValueError(f"small_multiples: column {value_col!r} has no numbers")
    ncols = max(1, min(ncols, len(facets)))
    nrows = math.ceil(len(facets) / ncols)
    per_panel = min(top_n, int(d.groupby(facet_col).size().max()))
    fig, axes = _grid(nrows, ncols, width=3.6, height=max(2.0, per_panel * ROW_HEIGHT + 1.0))
    for ax, facet in zip(axes, facets, strict=False):
        g = d[d[facet_col] == facet]
        shown = g.nlargest(top_n, value_col).sort_values(value_col)
        y = np.arange(len(shown))
        ax.scatter(shown[value_col], y, color=PALETTE[0], s=22, zorder=3)
        ax.hlines(y, float(np.nanmin([0.0, shown[value_col].min()])), shown[value_col], color="#c8c8c8", linewidth=1)
        median = float(g[value_col].median())
        ax.axvline(median, color="#555555", linestyle=":", linewidth=1, label=f"{t('median', lang)} {median:.1f}")
        if benchmarks and facet in benchmarks and np.isfinite(benchmarks[facet]):
            ax.axvline(
                benchmarks[facet],
                color=PALETTE[3],
                linestyle="--",
                linewidth=1,
                label=f"{t('national', lang)} {benchmarks[facet]:g}",
            )
        ax.set_yticks(y, [str(v) for v in shown[label_col]], fontsize=8)
        ax.set_title(f"{_display(names, facet)} (n={len(g)})", fontsize=10)
        ax.set_xlabel(xlabel or t("value", lang))
        ax.set_ylabel(t("region", lang))
        ax.grid(axis="y", visible=False)
        ax.legend(loc="lower right", frameon=False, fontsize=7)
    for ax in axes[len(facets) :]:
        ax.set_visible(False)
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    total = int(d.groupby(facet_col).size().max())
    return _finish(fig, (title or t("title_small_multiples", lang)) + _top_note(top_n, total, lang), source, lang)


def _text_width(label: str) -> float:
    """Approximate width in inches of a 9-pt tick label (CJK characters are about twice as wide)."""
    return sum(0.125 if ord(ch) >= 0x2E80 else 0.068 for ch in label)


def _single(width: float, height: float) -> tuple[Figure, Axes]:
    fig = Figure(figsize=(width, height))
    return fig, fig.add_subplot(1, 1, 1)


def _grid(nrows: int, ncols: int, width: float, height: float) -> tuple[Figure, list[Axes]]:
    fig = Figure(figsize=(width * ncols, height * nrows))
    axes = [fig.add_subplot(nrows, ncols, i + 1) for i in range(nrows * ncols)]
    return fig, axes
