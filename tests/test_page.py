"""One report page on its own: embedded CJK font, a way back to the index, contents, alt text."""

from __future__ import annotations

import base64
import io
import re

import pytest

from plantargets.reports import fonts, page
from plantargets.reports.html import external_references

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{}</style></head><body><main>
<section class="pt-provenance" id="provenance"><h2>地区增长目标比较</h2></section>
<h2 id="kept">1. 目标与过去增速</h2><p>塔城地区</p>
<h2>2. 推算的2025年水平<a class="anchor-link" href="#x">¶</a></h2>
</main></body></html>"""


def _font_cmap(html: str) -> set[int]:
    from fontTools.ttLib import TTFont

    m = re.search(r"url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)", html)
    assert m, "no embedded font"
    return set(TTFont(io.BytesIO(base64.b64decode(m.group(1)))).getBestCmap())


def test_each_page_carries_the_font_for_its_own_characters() -> None:
    """One e-mailed file shows its Chinese: the font is inside the page, not in assets/."""
    out = fonts.embed_cjk_font(PAGE)
    assert {ord(c) for c in "地区增长目标比较塔城"} <= _font_cmap(out)
    assert "assets/" not in out and external_references(out) == []
    again = fonts.embed_cjk_font(out.replace("塔城地区", "库伦旗"))  # re-rendered: one font, the new characters
    assert again.count(fonts.MARKER) == 1 and ord("库") in _font_cmap(again)


def test_a_page_without_chinese_gets_no_font() -> None:
    plain = "<html><head></head><body>GDP</body></html>"
    assert fonts.embed_cjk_font(plain) == plain


def test_report_links_back_to_the_index_and_lists_its_sections() -> None:
    out = page.finish_page(PAGE, "zh")
    assert '<a href="index.html">← 返回报告目录</a>' in out
    nav = out[out.index('<nav class="pt-contents"') : out.index("</nav>")]
    assert '<a href="#kept">1. 目标与过去增速</a>' in nav
    assert '<a href="#pt-section-2">2. 推算的2025年水平</a>' in nav and "¶" not in nav
    assert '<h2 id="pt-section-2">' in out
    assert "地区增长目标比较" not in nav  # the provenance title is not a section
    assert out.index('class="pt-back"') < out.index('class="pt-provenance"') < out.index('class="pt-contents"')
    assert "All reports" in page.finish_page(PAGE, "en")


@pytest.mark.slow
def test_figures_keep_their_alt_text_in_the_html() -> None:
    import nbformat

    from plantargets.reports.execute import Job
    from plantargets.reports.render import export_html

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n").decode()
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"image/png": png, "text/plain": "fig"},
            metadata={"image/png": {"alt": "条形图:塔城地区 6.0"}},
        )
    ]
    nb.cells = [cell]
    job = Job("t", "t", "t.ipynb", {}, "render", ".", ".", "python3", (), 10, False, {
        "title": "t", "lang": "zh", "parameters": [], "built_at": "", "version": "", "commit": None,
        "notebook": "", "executed": "", "sources": [],
    })  # fmt: skip
    html = export_html(nb, job, [])
    assert 'alt="条形图:塔城地区 6.0"' in html
    assert "No description has been provided" not in html


def test_the_index_says_what_each_report_answers(tmp_path) -> None:
    from plantargets.reports.config import ReportSpec
    from plantargets.reports.html import render_index
    from plantargets.reports.plan import _Layout
    from plantargets.reports.publish import _index_context
    from plantargets.reports.state import BuildState

    spec = ReportSpec(
        output="comparative-growth-zh",
        group="comparative-growth",
        title="地区增长目标比较",
        notebook=tmp_path / "01_comparative_growth.ipynb",
        parameters={"lang": "zh"},
        inputs=(),
        timeout=60,
    )
    layout = _Layout(tmp_path / "reports.yml", tmp_path, tmp_path / "reports", tmp_path / "p", tmp_path / "m.csv")
    context = _index_context(
        [spec],
        BuildState.load(layout.reports),
        layout,
        dict.fromkeys(("documents", "rows", "findings")),
        [],
        "now",
        None,
    )
    html = render_index(context)
    assert "各地区是否计划比“十三五”增长更快?" in html
    assert "Do regions plan to grow faster" not in html  # the zh report's question in Chinese only
    context["reports"][0]["parameters"] = []  # a report without a language: both
    assert "Do regions plan to grow faster than in the 13th plan" in render_index(context)
