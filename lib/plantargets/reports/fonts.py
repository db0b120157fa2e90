"""The Chinese font inside each HTML page, so one e-mailed file shows its Chinese.

A reader who receives a single report (not the zipped folder) may have no CJK font; a
page that loads ``assets/…woff`` from beside itself then shows boxes. So every page carries
its own ``@font-face`` with a ``data:`` URL: the bundled Noto Sans SC (the font figures use,
from the ``pylopdf-fonts-zh-cn`` wheel) cut by fontTools to exactly the CJK characters of
that page. A report uses a few hundred distinct characters: the subset is 60–200 KB as WOFF
(zlib; WOFF2 would need brotli), about 0.5 s of subsetting per page.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache

CJK_MIN = 0x2E80  # first CJK code point (radicals); everything below renders in the Latin font
FAMILY = "PlanTargets CJK"
# The code points the face serves; Latin text stays in the reader's system font.
UNICODE_RANGE = "U+2E80-9FFF, U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF"
# Inserted in <head> (after the page's other styles) and found again by this marker.
MARKER = "<!-- plantargets: embedded CJK font -->"


def cjk_characters(page: str) -> frozenset[int]:
    """The code points of ``page`` at or above the CJK block (what the font must cover)."""
    return frozenset(ord(c) for c in page if ord(c) >= CJK_MIN)


@lru_cache(maxsize=64)
def font_subset(chars: frozenset[int]) -> bytes:
    """WOFF bytes of the bundled Noto Sans SC cut to ``chars`` (cached per character set)."""
    import pylopdf_fonts_zh_cn  # late: fontTools and the font are needed only to write pages
    from fontTools import subset

    opts = subset.Options()
    opts.flavor = "woff"  # zlib-compressed; woff2 would need the brotli module
    opts.layout_features = ["*"]
    opts.notdef_outline = True
    font = subset.load_font(str(pylopdf_fonts_zh_cn.sans_path()), opts, lazy=True)
    subsetter = subset.Subsetter(opts)
    subsetter.populate(unicodes=sorted(chars))
    subsetter.subset(font)
    buf = io.BytesIO()
    subset.save_font(font, buf, opts)
    return buf.getvalue()


def font_face(chars: frozenset[int]) -> str:
    """An ``@font-face`` rule with the subset for ``chars`` as a base64 ``data:`` URL."""
    data = base64.b64encode(font_subset(chars)).decode("ascii")
    return (
        f'@font-face {{ font-family: "{FAMILY}"; src: url(data:font/woff;base64,{data}) format("woff"); '
        f"unicode-range: {UNICODE_RANGE}; font-display: block; }}"
    )


def embed_cjk_font(page: str) -> str:
    """``page`` with a ``<style>`` holding its own CJK font subset just before ``</head>``.

    A page without CJK characters is returned unchanged; a page that already has the font
    (re-rendered) gets it replaced, so the subset always matches the page's text.
    """
    if MARKER in page:
        start = page.index(MARKER)
        end = page.index("</style>", start) + len("</style>")
        page = page[:start] + page[end:]
    chars = cjk_characters(page)
    if not chars:
        return page
    style = f'{MARKER}<style type="text/css">{font_face(chars)}</style>'
    head_end = page.find("</head>")
    if head_end < 0:
        raise ValueError("embed_cjk_font: the page has no </head>")
    return page[:head_end] + style + page[head_end:]
