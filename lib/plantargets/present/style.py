"""The house style for figures: a CJK font that ships with the pip install, sizes, labels.

Chinese labels must render on a fresh machine with no system CJK fonts, so the Noto Sans
SC font is taken from the ``pylopdf-fonts-zh-cn`` wheel (SIL OFL 1.1) and registered with
matplotlib's font manager at run time (registering the file works where rebuilding the
font cache does not). The same file is subset into every HTML report (reports/fonts.py).

Figures stay legible with 3 or 300 regions and long (English) names because every chart
sizes itself from its rows (:data:`ROW_HEIGHT` per label line) and fits its tick labels
(:func:`fit_label`: wrapped at word boundaries, then cut with an ellipsis). Each chart also
leaves a one-paragraph description of what it shows (:func:`set_alt`), which the report
uses as the image's alt text.
"""

from __future__ import annotations

import re
import textwrap
import weakref
from functools import lru_cache
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
import pylopdf_fonts_zh_cn
from cycler import cycler
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from plantargets.present.labels import check_lang, t

# Figures are embedded in HTML reports as PNG: 110 dpi keeps text crisp at a modest size.
FIGURE_DPI = 110
PALETTE = ["#1f5aa6", "#d9822b", "#3a9a5b", "#b23a48", "#7b5ea7", "#8c6d46", "#4aa3b5", "#6b6b6b"]
# Vertical space per line of a region label (inches): keeps 9-pt labels apart.
ROW_HEIGHT = 0.26
# Tick labels longer than this (in Latin-character widths; a CJK character counts two) are
# wrapped onto a second line, and cut with '…' beyond two lines: a 50-character English
# region name would otherwise squeeze the plot to a few pixels.
LABEL_WIDTH = 26
LABEL_LINES = 2
# A label's distinguishing tail: years ("2015", "2021-2025 2020"), with or without a short
# parenthesis ("2025 (target)"); a long one ("(Toutunhe District)") is cut like the rest.
TAIL_RE = re.compile(r"\s((?:\d{4}(?:-\d{4})?\s?)+(?:\([^()]*\))?|\([^()（）]{1,10}\))$")
# A heatmap's colour scale ends at the upper fence of |values| (Q3 + FENCE_IQR × IQR) when a
# few cells lie beyond it: one +44.3 among values of ±3 would otherwise leave every other
# cell white. Cells beyond the fence take the end colour and keep their printed number.
FENCE_IQR = 3.0
# ... and never ends below 1 pp: a lone gap of -0.2 pp was painted the darkest blue, as if it
# were the largest gap a reader could see.
MIN_COLOUR_LIMIT = 1.0
_ALT: weakref.WeakKeyDictionary[Figure, str] = weakref.WeakKeyDictionary()


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


def text_units(label: str) -> int:
    """Width of ``label`` in Latin-character units (a CJK character is two)."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in label)


def fit_label(label: object, width: int = LABEL_WIDTH, lines: int = LABEL_LINES) -> str:
    """``label`` wrapped at word boundaries to ``width`` units a line, at most ``lines`` lines.

    Text beyond the last line is cut and ends with '…' (the full name stays in the table
    below the figure). Chinese text has no spaces: it is cut by characters.
    """
    text = str(label)
    if text_units(text) <= width:
        return text
    tail = TAIL_RE.search(text)
    if tail and lines > 1 and text_units(tail.group(1)) <= width:
        # "Urumqi Economic … Zone 2015": cut the name, never the year that tells two bars apart
        return fit_label(text[: tail.start()], width, lines - 1) + "\n" + tail.group(1)
    if " " in text:
        wrapped = textwrap.wrap(text, width=width, break_long_words=True)
    else:
        wrapped, line = [], ""
        for ch in text:
            if text_units(line + ch) > width:
                wrapped.append(line)
                line = ""
            line += ch
        wrapped.append(line)
    if len(wrapped) > lines:
        last = wrapped[lines - 1]
        while last and text_units(last + "…") > width:
            last = last[:-1]
        wrapped = [*wrapped[: lines - 1], last.rstrip() + "…"]
    return "\n".join(wrapped)


def label_lines(labels: list[str]) -> int:
    """Lines the tallest of the (fitted) labels takes: rows are that much taller."""
    return max((s.count("\n") + 1 for s in labels), default=1)


def text_width(label: str) -> float:
    """Approximate width in inches of a 9-pt tick label (CJK characters are about twice as wide)."""
    return sum(0.125 if ord(ch) >= 0x2E80 else 0.068 for ch in label)


# A point label's box, in fractions of the axes: per Latin character (a CJK one is two) and
# per line of 7-point text on a 6.4-inch chart; enough to tell which labels would overprint.
LABEL_UNIT_FRACTION = 0.0105
LABEL_LINE_FRACTION = 0.045


def label_places(
    x: np.ndarray, y: np.ndarray, labels: list[str], lo: float, hi: float
) -> list[tuple[float, float, str] | None]:
    """Where each point's label goes, (dx, dy in points, alignment), or None to leave it out.

    Points far from the middle are placed first; a label goes right of its point (left on the
    right side of the chart, so it stays inside), above or else below it, and is left out
    when every place would overprint a label already placed or another point: a dense cluster (several targets
    of 10 % after 10 %) shows its points, and the table beside the chart names them all.
    """
    span = (hi - lo) or 1.0
    fx, fy = (np.asarray(x, dtype=float) - lo) / span, (np.asarray(y, dtype=float) - lo) / span
    order = np.argsort(-np.hypot(fx - np.nanmean(fx), fy - np.nanmean(fy)), kind="stable")
    boxes: list[tuple[float, float, float, float]] = []
    out: list[tuple[float, float, str] | None] = [None] * len(labels)
    # The other points are obstacles too: a label over a point reads as that point's name.
    dot = LABEL_LINE_FRACTION / 3
    points = [(j, fx[j] - dot, fx[j] + dot, fy[j] - dot, fy[j] + dot) for j in range(len(labels))]
    for i in order:
        if not np.isfinite(fx[i]) or not np.isfinite(fy[i]):
            continue
        width = min(text_units(labels[i]), 64) * LABEL_UNIT_FRACTION
        side = -1.0 if fx[i] > 0.55 else 1.0
        others = boxes + [box for j, *box in points if j != i]
        for up in (1.0, -1.0):
            x0, x1 = sorted((fx[i] + side * dot, fx[i] + side * width))
            y0, y1 = sorted((fy[i], fy[i] + up * LABEL_LINE_FRACTION))
            if not any(x0 < b1 and b0 < x1 and y0 < d1 and d0 < y1 for b0, b1, d0, d1 in others):
                boxes.append((x0, x1, y0, y1))
                out[i] = (4.0 * side, 3.0 if up > 0 else -9.0, "left" if side > 0 else "right")
                break
    return out


def set_alt(fig: Figure, text: str) -> Figure:
    """Attach a description of what ``fig`` shows (its numbers), used as the image's alt text."""
    _ALT[fig] = " ".join(text.split())
    return fig


def alt_text(fig: Figure) -> str:
    """The description :func:`set_alt` attached, else the figure's title."""
    return _ALT.get(fig) or fig.get_suptitle() or ""


def begin(lang: str) -> None:
    """Check the language and apply the house style: the first line of every chart helper."""
    check_lang(lang)
    use_style()


def finish(fig: Figure, title: str, source: str | None, lang: str, source_key: str = "source_plans") -> Figure:
    """Title at the top left and the source note under the figure."""
    fig.suptitle(title, x=0.01, ha="left")
    add_source_note(fig, source if source is not None else t(source_key, lang))
    return fig


def top_note(n: int, total: int, lang: str) -> str:
    """' (top n of total shown)' when a chart cuts its rows, else ''."""
    return f" ({t('showing_top', lang, n=n, total=total)})" if total > n else ""


def single(width: float, height: float) -> tuple[Figure, Axes]:
    """A figure with one axes, without pyplot (nothing is left open in a long notebook)."""
    fig = Figure(figsize=(width, height))
    return fig, fig.add_subplot(1, 1, 1)


def grid(nrows: int, ncols: int, width: float, height: float) -> tuple[Figure, list[Axes]]:
    """A figure of ``nrows`` × ``ncols`` panels, each ``width`` × ``height`` inches."""
    fig = Figure(figsize=(width * ncols, height * nrows))
    axes = [fig.add_subplot(nrows, ncols, i + 1) for i in range(nrows * ncols)]
    return fig, axes


def fmt_value(v: float) -> str:
    """One decimal, or an em dash for a missing value (alt texts)."""
    return decimal_text(v, 1) if np.isfinite(v) else "—"


def legend_number(v: float) -> str:
    """A reference value in a legend: one decimal from 1 up, two significant digits below
    (R&D intensity's median change of 0.045 pp a year printed as "Median 0.0")."""
    return decimal_text(v, 1) if abs(v) >= 1 or v == 0 else f"{v:.2g}"


def decimal_text(v: float, decimals: int = 1, thousands: bool = False) -> str:
    """``v`` with ``decimals`` decimals, never '-0.0': a gap that rounds to zero reads 0.0,
    not a negative zero (a heatmap cell and a median gap of -0.04 pp printed "-0.0")."""
    text = f"{v:,.{decimals}f}" if thousands else f"{v:.{decimals}f}"
    return text[1:] if text.startswith("-") and not any(ch in "123456789" for ch in text) else text


def pvalue_text(v: float, decimals: int = 4) -> str:
    """A p-value with ``decimals`` decimals; one too small to show reads <0.0001, never 0.0000
    (a test's p is never zero, and a reader takes 0.0000 for certainty)."""
    if pd.isna(v):
        return "—"
    floor = 10.0**-decimals
    return f"<{floor:.{decimals}f}" if v < floor else decimal_text(v, decimals)


def extremes(labels: pd.Series, values: pd.Series, lang: str) -> str:
    """'Highest: A 9.5; lowest: B 4.0.' over the finite values."""
    v = pd.to_numeric(values, errors="coerce")
    if v.notna().sum() == 0:
        return ""
    hi, lo = v.idxmax(), v.idxmin()
    return t("alt_extremes", lang, hi=f"{labels[hi]} {fmt_value(v[hi])}", lo=f"{labels[lo]} {fmt_value(v[lo])}")


def colour_limit(values: np.ndarray) -> tuple[float, bool]:
    """The end of a symmetric colour scale for ``values`` and whether it clips any of them.

    The scale ends at the largest |value| unless that lies beyond the upper fence of the
    |values| (third quartile + FENCE_IQR × interquartile range): then it ends at the fence
    and the cells beyond it are clipped (they keep their printed numbers). It never ends
    below ``MIN_COLOUR_LIMIT`` (pp).
    """
    a = np.abs(values[np.isfinite(values)])
    if a.size == 0:
        return 1.0, False
    top = max(float(a.max()), MIN_COLOUR_LIMIT)
    if a.size < 4:
        return top, False
    q1, q3 = np.percentile(a, [25, 75])
    fence = max(float(q3 + FENCE_IQR * (q3 - q1)), MIN_COLOUR_LIMIT)
    if fence > 0 and top > fence:
        return fence, True
    return top, False
