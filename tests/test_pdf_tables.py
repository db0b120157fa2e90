"""read.pdf_tables: a table found on a PDF page from where its words sit, and its rows.

The table is six rows of the 库伦旗 outline's main table
(data/raw/003_3e4f07611e85fb5a.txt:58-64 and :67), laid out by position only as a PDF prints it: no
rules, no pipes, each column at its own x, a category printed over two lines (经济 / 发展) and
a name wrapped at its space (每万人拥有高价值 / 发明专利数), as tests/test_ingest.py writes it.
"""

from __future__ import annotations

from plantargets.read.pdf_lines import VLine, group_lines
from plantargets.read.pdf_tables import table_rows, table_runs

from .pdf_chars import SIZE, glyphs, row

# Left x of each column: seq, category, name, unit, 2020, 2025, annual, attribute (points).
X = (30, 55, 90, 305, 355, 400, 470, 525)
HEADER = ["序号", "", "指标名称", "单位", "2020年", "2025年", "年均增长%", "属性"]  # :59, no category header
# :60-64; row 2 prints no annual figure, rows 2, 3 and 5 no category (merged with the row above).
ROWS = [
    ["1", "经济", "地区生产总值增长", "亿元", "54", "72.26", "6左右", "预期性"],
    ["2", "", "全员劳动生产率增长", "万元/人", "——", "2左右", "", "预期性"],
    ["3", "", "常住人口城镇化率", "%", "20.94", "25左右", "3左右", "预期性"],
    ["4", "创新", "研发经费投入增长", "%", "0.074", "0.16", "16.68", "预期性"],
    ["5", "", "每万人拥有高价值", "件", "——", "2.5", "——", "预期性"],
    ["8", "", "城镇调查失业率", "%", "4.5", "4左右", "-2.33", "预期性"],  # :67
]
# The second line of a wrapped cell, printed under the row it belongs to: (row index, column, text).
WRAPPED = {0: (1, "发展"), 3: (1, "驱动"), 4: (2, "发明专利数")}


def _page(rows: list[list[str]] = ROWS, wrapped: dict[int, tuple[int, str]] = WRAPPED) -> list[VLine]:
    """Title, a blank line, the header and the rows; 16 points a row, 11 to a wrapped line."""
    chars = glyphs("专栏 库伦旗“十四五”经济社会发展规划主要指标", 30, 60)
    top = 90.0
    chars += row([(x, t) for x, t in zip(X, HEADER, strict=True) if t], top)
    for k, cells in enumerate(rows):
        top += 16
        chars += row([(x, t) for x, t in zip(X, cells, strict=True) if t], top)
        if k in wrapped:
            column, text = wrapped[k]
            top += 11
            chars += glyphs(text, X[column], top)
    chars += glyphs("第二节 发展目标", 30, top + 60)  # prose after the table, far below it
    return group_lines(chars)


def test_the_table_run_spans_header_to_last_row_with_eight_columns() -> None:
    lines = _page()
    runs = table_runs(lines, SIZE)
    assert len(runs) == 1
    first, last, columns = runs[0]
    assert (first, last) == (1, 1 + len(ROWS) + len(WRAPPED))  # the title (line 0) and the prose after are not in it
    assert len(columns) == 8
    assert [round(left) for left, _ in columns] == list(X)


def test_rows_are_cells_under_the_columns_with_wrapped_lines_joined() -> None:
    lines = _page()
    first, last, columns = table_runs(lines, SIZE)[0]
    grid = table_rows(lines[first : last + 1], columns, SIZE)
    # 指标名称 spans the category and name columns, as the Word original's header cell does
    expected = [[h for h in HEADER if h]] + [list(cells) for cells in ROWS]
    expected[1][1] = "经济发展"  # :60 prints 经济 发展 in one merged cell
    expected[4][1] = "创新驱动"  # :63
    expected[5][2] = "每万人拥有高价值发明专利数"  # :64 prints the name as 每万人拥有高价值 发明专利数
    assert grid == expected


def test_prose_lines_are_not_a_table() -> None:
    # data/raw/003_3e4f07611e85fb5a.txt:51, one sentence a line: a single word each
    text = [
        "“十四五”时期库伦旗发展的总体目标是：",
        "完成高质量发展基础框架构建。",
        "突破产业转型瓶颈，大幅提高经济实力。",
    ]
    lines = group_lines([c for k, t in enumerate(text) for c in glyphs(t, 40, 90 + 14 * k)])
    assert table_runs(lines, SIZE) == []


def test_two_aligned_lines_are_too_few_for_a_table() -> None:
    lines = group_lines(
        row([(x, t) for x, t in zip(X, HEADER, strict=True) if t], 90)
        + row([(x, t) for x, t in zip(X, ROWS[0], strict=True) if t], 104)
    )
    assert table_runs(lines, SIZE) == []


def test_the_wrapped_line_of_the_last_row_stays_in_the_table() -> None:
    lines = _page(ROWS[:5], WRAPPED)  # row 5 (:64) is the last, its name wrapped
    first, last, columns = table_runs(lines, SIZE)[0]
    assert last == first + 5 + 3  # header, five rows, three wrapped lines
    grid = table_rows(lines[first : last + 1], columns, SIZE)
    assert grid[-1][2] == "每万人拥有高价值发明专利数"


def _page_ending_with(text: str, x: float, step: float) -> list[VLine]:
    """The first five rows (the last one unwrapped), then ``text`` at ``x``, ``step`` points below."""
    chars = row([(x0, t) for x0, t in zip(X, HEADER, strict=True) if t], 90)
    top = 90.0
    for cells in ROWS[:4]:
        top += 16
        chars += row([(x0, t) for x0, t in zip(X, cells, strict=True) if t], top)
    return group_lines(chars + glyphs(text, x, top + step))


def test_a_short_line_under_the_table_that_no_cell_continues_is_not_in_it() -> None:
    # A note at the margin (注：…, as under the 库伦旗 table, :68) and a heading after the table:
    # neither continues a cell of the last row, so the run ends at that row.
    for text, x in (("注：〔 〕内为五年累计数", 30), ("第二节 发展目标", 30)):
        lines = _page_ending_with(text, x, 11)
        _, last, _ = table_runs(lines, SIZE)[0]
        assert last == len(lines) - 2, text


def test_a_wrapped_line_too_far_below_the_last_row_is_not_in_it() -> None:
    lines = _page_ending_with("发明专利数", X[2], 40)  # four lines' height below
    _, last, _ = table_runs(lines, SIZE)[0]
    assert last == len(lines) - 2
