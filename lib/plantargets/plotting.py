"""The house style for figures, with a CJK font that ships with the pip install.

Chinese labels must render on a fresh machine with no system CJK fonts, so the Noto Sans
SC font is taken from the ``pylopdf-fonts-zh-cn`` wheel (SIL OFL 1.1) and registered with
matplotlib's font manager at run time (registering the file works where rebuilding the
font cache does not).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager

# Figures are embedded in HTML reports as PNG: 110 dpi keeps text crisp at a modest size.
FIGURE_DPI = 110
PALETTE = ["#1f5aa6", "#d9822b", "#3a9a5b", "#b23a48", "#7b5ea7", "#8c6d46", "#4aa3b5", "#6b6b6b"]


@lru_cache(maxsize=1)
def cjk_font_path() -> Path:
    """Path of the bundled Noto Sans SC font file."""
    import pylopdf_fonts_zh_cn

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
            "axes.prop_cycle": mpl.cycler(color=PALETTE),
        }
    )
    return family


def add_source_note(fig, text: str) -> None:
    """A small source line under the figure: every figure says where its numbers come from."""
    fig.text(0.01, -0.02, text, ha="left", va="top", fontsize=7.5, color="#555555", wrap=True)
