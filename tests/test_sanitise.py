"""reports.sanitise: which notebook styles and links a report keeps, and the size and time caps.

The styles checked as pandas' own are produced here by pandas and by ``present.tables.styled``
(the house Styler every report table goes through); the hostile ones are issue 16's case 8
(``<style>*{display:none}</style>森林覆盖率`` as document text, links to other hosts).
"""

from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest

from plantargets.present.tables import styled
from plantargets.reports.sanitise import (
    MAX_HTML_BYTES,
    MAX_OUTPUT_BYTES,
    ReportTooLarge,
    allowed_attribute,
    check_output_size,
    pandas_style,
    split_style_blocks,
)

STYLE_RE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL)
ALLOWED = frozenset({"href", "src", "title", "class"})


def test_the_house_stylers_css_is_pandas_style() -> None:
    # a table of 库伦旗's first indicator (data/raw/003_3e4f07611e85fb5a.txt:60)
    page = styled(pd.DataFrame({"name": ["地区生产总值增长"], "target_value": [72.26]})).to_html()
    blocks = STYLE_RE.findall(page)
    assert blocks and all(pandas_style(css) for css in blocks)
    assert split_style_blocks(page)[0] == blocks


@pytest.mark.parametrize(
    "css",
    [
        "*{display:none}",  # issue 16 case 8: blanks the whole report
        "body{background:red}",  # not scoped to a table
        "#T_abc td{background:url(https://evil.example/t.png)}",  # fetches
        "#T_abc td{color:red}@import 'x.css';",  # an at-rule
        ".dataframe td{color:red}} body{display:none}",  # a stray brace lets a rule out
        "#T_abc td, body{color:red}",  # one unscoped selector is enough
        "#T_abc td{behavior:url(x.htc)}",
        "/* #T_abc */ body{color:red}",  # a comment does not scope anything
    ],
)
def test_foreign_styles_are_not_pandas_style(css: str) -> None:
    assert not pandas_style(css)


def test_scoped_styles_are_pandas_style() -> None:
    assert pandas_style("#T_fd3c1 td {text-align: right;} .dataframe tbody tr th {vertical-align: top;}")
    assert pandas_style("/* note */ #T_1 th {padding: 2px 8px;}")


@pytest.mark.parametrize(
    ("name", "value", "kept"),
    [
        ("href", "#top", True),
        ("href", "region-hure-fyp14.html", True),  # a relative file in the reports folder
        ("href", "mix_data/shares.csv", True),
        ("href", "https://evil.example/x", False),
        ("href", "//evil.example", False),
        ("href", "\\\\host\\share", False),
        ("href", "/etc/passwd", False),
        ("href", "javascript:alert(1)", False),
        ("src", "data:image/png;base64,AAAA", True),
        ("src", "https://evil.example/t.png", False),
        ("title", "地区生产总值", True),
        ("onclick", "alert(1)", False),  # not in the allowed set at all
    ],
)
def test_allowed_attribute(name: str, value: str, kept: bool) -> None:
    assert allowed_attribute("a", name, value, ALLOWED) is kept


def _notebook(*html_sizes: int) -> nbformat.NotebookNode:
    cells = [nbformat.v4.new_markdown_cell("# 标题")]
    for size in html_sizes:
        cell = nbformat.v4.new_code_cell("display(df)")
        cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": "x" * size})]
        cells.append(cell)
    return nbformat.v4.new_notebook(cells=cells)


def test_output_size_under_the_caps_passes() -> None:
    check_output_size(_notebook(1000, MAX_HTML_BYTES // 2))


def test_html_over_its_cap_is_refused_naming_the_largest_cell() -> None:
    with pytest.raises(ReportTooLarge, match=r"HTML outputs total 2\.6 MB \(limit 2 MB\); cell 2 prints 1\.6 MB"):
        check_output_size(_notebook(1_000_000, 1_600_000))


def test_all_output_over_its_cap_is_refused() -> None:
    nb = _notebook()
    cell = nbformat.v4.new_code_cell("print(df)")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="1" * (MAX_OUTPUT_BYTES + 1))]
    nb.cells.append(cell)
    with pytest.raises(ReportTooLarge, match=r"the outputs total 26\.2 MB \(limit 26 MB\); cell 1 prints"):
        check_output_size(nb)


def test_split_style_blocks_drops_everything_after_an_unclosed_block() -> None:
    css, rest = split_style_blocks("<p>森林覆盖率</p><style>*{display:none}</style><p>26%</p><style>x")
    assert css == ["*{display:none}"]
    assert rest == "<p>森林覆盖率</p><p>26%</p>"
