"""Charts of the target–outcome panel (issue 14): series by level, shares stacked by year, histograms.

Same house style and conventions as :mod:`plantargets.present.plotting` (texts from labels.csv,
units in the axis labels, a source note under every figure, ``matplotlib.figure.Figure`` without
pyplot). Levels are drawn in one fixed colour each, so the nation is the same blue in every report.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from plantargets.present.labels import has_label, t
from plantargets.present.style import PALETTE, begin, finish, fmt_value, set_alt, single

LEVEL_COLOURS = {"national": PALETTE[0], "province": PALETTE[1], "prefecture": PALETTE[2], "county": PALETTE[3]}
# Hardness classes from hard to soft: dark to light, 'none' grey (analysis.wording.HARDNESS_ORDER).
HARDNESS_COLOURS = {
    "exact": "#08306b",
    "at_least": "#2171b5",
    "approx": "#6baed6",
    "range": "#d9822b",
    "at_most": "#b23a48",
    "text": "#bdbdbd",
    "none": "#6b6b6b",
}
SOURCE_KEY = "source_panel"


def _lines_alt(series: dict[str, pd.Series], title: str, lang: str) -> str:
    """Alt text of a line chart: its series, the years covered and each series' latest value."""
    drawn = {name: s.dropna() for name, s in series.items() if s.notna().any()}
    if not drawn:
        return title
    years = [y for s in drawn.values() for y in s.index]
    sep = "，" if lang == "zh" else "; "
    latest = sep.join(f"{name} {fmt_value(float(s.iloc[-1]))} ({s.index[-1]})" for name, s in drawn.items())
    return t("alt_lines", lang, title=title, series=sep.join(drawn), first=min(years), last=max(years), latest=latest)


def every_year(series: pd.Series) -> pd.Series:
    """``series`` (indexed by year) over every year of its span, NaN where it has no value: a line
    drawn from it stops at a year without a figure instead of a straight segment across it that
    reads as a figure nobody stated (a target not set, a level with too few reports)."""
    s = series.dropna()
    if s.empty:
        return s
    return s.reindex(pd.RangeIndex(int(min(s.index)), int(max(s.index)) + 1))


def level_label(level: str, lang: str) -> str:
    """A level's display name ('province' → 省级 / Provinces)."""
    key = f"level.{level}"
    return t(key, lang) if has_label(key) else level


def lines_by_level(
    df: pd.DataFrame,
    lang: str = "zh",
    y: str = "hit_rate_pct",
    x: str = "year",
    title: str = "",
    ylabel: str = "",
    reference: float | None = None,
    min_n: int = 1,
    n_col: str = "n",
) -> Figure:
    """One line per level of ``y`` against ``x`` (years); points with fewer than ``min_n`` rows are
    left out so that a year with two reports does not draw a spike. ``reference`` draws a
    horizontal line (0 for amplification, for instance)."""
    begin(lang)
    fig, ax = single(width=7.5, height=3.6)
    drawn: dict[str, pd.Series] = {}
    for level, g in df.groupby("level", sort=False):
        g = g[g[n_col] >= min_n] if n_col in g.columns else g
        if g.empty:
            continue  # no point left to draw: no legend entry either (the nation's one outcome a year)
        g = g.sort_values(x)
        line = pd.Series(g[y].to_numpy(dtype=float), index=g[x].to_numpy())
        drawn[level_label(str(level), lang)] = line
        line = every_year(line)
        ax.plot(
            line.index,
            line.to_numpy(),
            marker="o",
            markersize=3,
            label=level_label(str(level), lang),
            color=LEVEL_COLOURS.get(str(level)),
        )
    if reference is not None:
        ax.axhline(reference, color="#333333", linewidth=0.8)
    ax.set_xlabel(t("year", lang))
    ax.set_ylabel(ylabel or t(f"column.{y}", lang))
    ax.legend(frameon=False, ncols=4, loc="lower left", bbox_to_anchor=(0.0, 1.0))
    fig.tight_layout(rect=(0, 0, 1, 0.92))
    set_alt(fig, _lines_alt(drawn, title, lang))
    return finish(fig, title, None, lang, SOURCE_KEY)


def stacked_shares(
    shares: pd.DataFrame, lang: str = "zh", categories: Sequence[str] = (), x: str = "year", title: str = ""
) -> Figure:
    """100 % stacked bars of the hardness classes (columns ``categories``, in %) per ``x``."""
    begin(lang)
    d = shares.sort_values(x)
    fig, ax = single(width=8.0, height=3.8)
    bottom = np.zeros(len(d))
    pos = np.arange(len(d))
    for cat in categories:
        vals = d[cat].fillna(0).to_numpy(dtype=float)
        ax.bar(
            pos,
            vals,
            bottom=bottom,
            color=HARDNESS_COLOURS.get(cat),
            width=0.85,
            label=t(f"hardness.{cat}", lang),
            edgecolor="white",
            linewidth=0.3,
        )
        bottom += vals
    step = max(1, len(d) // 12)
    ax.set_xticks(pos[::step], [str(v) for v in d[x]][::step])
    ax.set_ylim(0, 100)
    ax.set_xlabel(t(x, lang) if has_label(x) else x)
    ax.set_ylabel(t("share_of_targets", lang))
    ax.grid(axis="x", visible=False)
    ax.legend(frameon=False, ncols=4, loc="lower left", bbox_to_anchor=(0.0, 1.0))
    fig.tight_layout(rect=(0, 0, 1, 0.88))
    if len(d):
        last = d.iloc[-1]
        sep = "，" if lang == "zh" else "; "
        latest = sep.join(f"{t(f'hardness.{c}', lang)} {fmt_value(float(last[c]))}%" for c in categories if last[c] > 0)
        first, end = d[x].iloc[0], d[x].iloc[-1]
        set_alt(fig, t("alt_shares", lang, title=title, first=first, last=end, latest=latest))
    return finish(fig, title, None, lang, SOURCE_KEY)


def histogram(
    hist: pd.DataFrame, lang: str = "zh", title: str = "", xlabel: str = "", window: float | None = None
) -> Figure:
    """Bars of counts per bin (``bin_left``, ``bin_right``, ``n``); a vertical line at 0 and, with
    ``window``, the bunching windows shaded either side of it."""
    begin(lang)
    fig, ax = single(width=7.5, height=3.4)
    width = float((hist["bin_right"] - hist["bin_left"]).iloc[0]) if len(hist) else 0.1
    colours = [PALETTE[3] if left < 0 else PALETTE[0] for left in hist["bin_left"]]
    ax.bar(hist["bin_left"], hist["n"], width=width, align="edge", color=colours, edgecolor="white", linewidth=0.3)
    ax.axvline(0, color="#333333", linewidth=0.8)
    if window:
        ax.axvspan(-window, window, color="#999999", alpha=0.12, linewidth=0)
    ax.set_xlabel(xlabel or t("column.gap", lang))
    ax.set_ylabel(t("count", lang))
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    below = int(hist.loc[hist["bin_left"] < 0, "n"].sum())
    above = int(hist["n"].sum()) - below
    set_alt(fig, t("alt_histogram", lang, title=title, n=below + above, below=below, above=above))
    return finish(fig, title, None, lang, SOURCE_KEY)


def chain_lines(wide: pd.DataFrame, lang: str = "zh", title: str = "") -> Figure:
    """One line per region of a chain (columns nation first) of its target (%) by year (index)."""
    begin(lang)
    fig, ax = single(width=7.5, height=3.4)
    for i, col in enumerate(wide.columns):
        s = every_year(pd.to_numeric(wide[col], errors="coerce"))
        ax.plot(s.index, s.to_numpy(), marker="o", markersize=3, label=str(col), color=PALETTE[i % len(PALETTE)])
    ax.set_xlabel(t("year", lang))
    ax.set_ylabel(t("gdp_growth_target", lang))
    ax.legend(frameon=False, ncols=4, loc="lower left", bbox_to_anchor=(0.0, 1.0))
    fig.tight_layout(rect=(0, 0, 1, 0.9))
    set_alt(fig, _lines_alt({str(c): wide[c] for c in wide.columns}, title, lang))
    return finish(fig, title, None, lang, SOURCE_KEY)
