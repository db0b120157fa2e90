"""extract.layouts: table blocks in a document and the groups of cells in each, per export layout.

Each layout is read from a bundled document that has it (data/raw/): 003 (库伦旗, pipe_rows),
000 (克州, pipe_stream: one cell per line ending ' |'), 004 (塔城, tab_stream: tab-indented cells,
blank lines between rows) and a 广州 work report (markdown). tab_rows has no bundled example:
its document is 003's first rows with the pipes replaced by tabs.
"""

from __future__ import annotations

import pytest

from plantargets.extract.layouts import block_groups, detect_layout, find_blocks, line_kind
from plantargets.read.dispatch import read_any
from plantargets.read.text import Document, document_from_text, read_document

from .conftest import RAW, SEEDS

GUANGZHOU_2020 = RAW / "lawtext-gov" / "政府工作报告-主要城市" / "广州市" / "2020.md"


def _cells(doc: Document, start: int, end: int, group: int) -> list[tuple[str, int, tuple[int, ...]]]:
    _, groups = block_groups(doc, start, end)
    return [(c.text, c.line, c.more_lines) for c in groups[group].cells]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("", "blank"),
        ("|", "sep"),  # 000:48
        ("||||||", "sep"),  # 000:49
        ("单位 |", "pipe"),  # 000:51
        ("1 | 经济 发展 | 地区生产总值增长 | 亿元 | 54 | 72.26 | 6左右 | 预期性 |", "pipe"),  # 003:60
        ("\t类别", "tab"),  # 004:54
        ("\t", "tab"),  # a tab-indented empty cell
        ("发展", "bare"),  # 004:62, the wrapped half of 经济 发展
        ("1\t地区生产总值增长\t亿元", "tabrow"),
    ],
)
def test_line_kind(text: str, kind: str) -> None:
    assert line_kind(text) == kind


def test_blocks_span_the_table_lines_and_stop_at_prose() -> None:
    doc = read_document(SEEDS["hure-fyp14"])
    # 003:58 is the caption (no pipe), 003:59 the header, 003:79 row 20, 003:80 a heading of prose
    assert find_blocks(doc)[0] == (59, 79)
    doc = read_document(SEEDS["kizilsu-fyp14"])
    # 000:48 '|' opens the main table, 000:203 its note (注:…); 000:31 is a one-line 专栏 box
    assert find_blocks(doc)[:2] == [(31, 31), (48, 203)]
    assert find_blocks(read_document(SEEDS["xinjiang-gwr2023"])) == []  # a work report without tables


@pytest.mark.parametrize(
    ("seed", "span", "layout"),
    [
        ("hure-fyp14", (59, 79), "pipe_rows"),
        ("kizilsu-fyp14", (48, 203), "pipe_stream"),
        ("tacheng-fyp14", (52, 217), "tab_stream"),
        ("urumqi-etdz-fyp14", (172, 199), "pipe_rows"),  # 001:173 分类 | 序号 | 指标名称 | …
    ],
)
def test_detect_layout_of_each_seed_table(seed: str, span: tuple[int, int], layout: str) -> None:
    assert detect_layout(read_document(SEEDS[seed]), *span) == layout


def test_pipe_rows_are_one_group_a_line() -> None:
    doc = read_document(SEEDS["hure-fyp14"])
    # 003:61 '2 | 全员劳动生产率增长 | 万元/人 | —— | 2左右 | 预期性 | ||': trailing empties dropped
    assert [text for text, _, _ in _cells(doc, 59, 79, 2)] == [
        "2",
        "全员劳动生产率增长",
        "万元/人",
        "——",
        "2左右",
        "预期性",
    ]
    assert {line for _, line, _ in _cells(doc, 59, 79, 2)} == {61}


def test_pipe_stream_groups_run_between_separator_lines() -> None:
    doc = read_document(SEEDS["kizilsu-fyp14"])
    header = _cells(doc, 48, 203, 0)
    assert [(t, n) for t, n, _ in header] == [
        ("指标", 50),
        ("单位", 51),
        ("2020年", 52),
        ("2025年", 53),
        ("年均/累计", 54),
        ("属性", 55),
    ]
    # 000:57-69: the category, then two rows' cells up to the '|' line at 000:70
    first = _cells(doc, 48, 203, 1)
    assert first[0][:2] == ("经 济 发展", 57)
    assert [t for t, _, _ in first[1:7]] == [
        "1.地区生产总值增长",
        "%",
        "4.1",
        "—",
        "保持在合理区间、各年度视情提出",
        "预期性",
    ]
    assert len(first) == 13 and first[-1][:2] == ("预期性", 69)


def test_tab_stream_joins_a_wrapped_cell_and_records_its_lines() -> None:
    doc = read_document(SEEDS["tacheng-fyp14"])
    assert _cells(doc, 52, 217, 0)[0][1] == 52  # 004:52 the caption, a group of its own
    assert [t for t, _, _ in _cells(doc, 52, 217, 1)] == ["类别", "指标名称", "2020年", "2025年", "年均/累计", "属性"]
    # 004:61 '\t经济' continued by the bare 004:62 '发展'
    assert _cells(doc, 52, 217, 2)[0] == ("经济 发展", 61, (62,))
    assert _cells(doc, 52, 217, 2)[1][:2] == ("1.地区生产总值增长(%)", 63)


def test_markdown_rows_skip_the_rule() -> None:
    doc = read_any(GUANGZHOU_2020)
    start, end = next((s, e) for s, e in find_blocks(doc) if detect_layout(doc, s, e) == "markdown")
    layout, groups = block_groups(doc, start, end)
    assert layout == "markdown"
    # 2020.md:208 the header (bold markup is removed by the Markdown reader), :209 the rule
    assert [c.text for c in groups[0].cells] == ["序号", "民生领域", "事项名称", "具体内容"]
    assert [c.text for c in groups[1].cells][:3] == ["1", "交通领域", "持续推进交通拥堵点改造"]  # 2020.md:210


def test_tab_rows() -> None:
    lines = read_document(SEEDS["hure-fyp14"]).lines[58:61]  # 003:59-61
    text = "\n".join("\t".join(c.strip() for c in line.text.split("|") if c.strip()) for line in lines)
    doc = document_from_text(text, "tabs.txt")
    assert find_blocks(doc) == [(1, 3)]
    layout, groups = block_groups(doc, 1, 3)
    assert layout == "tab_rows"
    assert [c.text for c in groups[1].cells] == [
        "1",
        "经济 发展",
        "地区生产总值增长",
        "亿元",
        "54",
        "72.26",
        "6左右",
        "预期性",
    ]


def test_a_line_starting_with_a_pipe_continues_the_row_above() -> None:
    # a cell holding a line break in the export: 'a | b |' + '| c |' reads a, b, '', c
    doc = document_from_text("1 | 地区生产总值 | 亿元 |\n| 590 | 929 |\n2 | 一般公共预算收入 | 亿元 |", "wrapped.txt")
    _, groups = block_groups(doc, 1, 3)
    assert [(c.text, c.line) for c in groups[0].cells] == [
        ("1", 1),
        ("地区生产总值", 1),
        ("亿元", 1),
        ("", 2),
        ("590", 2),
        ("929", 2),
    ]
    assert groups[0].cells[3].more_lines == (2,)
    assert [c.text for c in groups[1].cells] == ["2", "一般公共预算收入", "亿元"]
