"""Tables in the layouts users bring, against rows written by hand (tests/fixtures/tables/README.md).

The same real tables (the national 14th-plan main indicators, seed 004's main table) as
``pdftotext -layout`` text, the PDF itself, a web page with rowspan/colspan, the page cut off
mid-row, a Word file with merged cells and a two-column page: each must give at least 95% of
its rows right in every compared column, and no row the table does not have.
"""

from __future__ import annotations

import re
import sys

import pytest

from plantargets.dataset.assemble import extract_document
from plantargets.extract import cells as C
from plantargets.extract.spaced import align_runs, runs, split_sides
from plantargets.extract.tables import find_tables
from plantargets.read.dispatch import read_any, render_text
from plantargets.read.grid import SpanCell, assign_centred, join_wrapped, printed_rows, render_grid
from plantargets.read.rendering import Rendering
from plantargets.read.text import document_from_text

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from table_layouts import COLUMNS, FIXTURES, LAYOUTS, score

REQUIRED = 0.95


@pytest.mark.parametrize("fixture", sorted(LAYOUTS))
def test_layout_rows_right_in_every_column(fixture):
    s = score(fixture, LAYOUTS[fixture])
    assert s["invented"] == []
    low = {c: f"{s['right'][c]}/{s['rows']}" for c in COLUMNS if s["right"][c] < REQUIRED * s["rows"]}
    assert low == {}


def test_cut_page_keeps_rows_before_the_cut_and_reports_the_cut_row():
    doc = read_any(FIXTURES / "national_fyp14_truncated.html")
    result = extract_document(doc)
    names = [r["name"] for r in result.records if r["table"] != "prose"]
    assert names[-1] == "每千人口拥有3岁以下婴幼儿托位数" and len(names) == 12
    cut = [q for q in result.quality if q["check"] == "document" and "cut off" in q["message"]]
    assert len(cut) == 1 and "13.人均预期寿命(岁) | 77" in cut[0]["message"]
    assert "77" not in render_text(doc).splitlines()[-1]  # the partial row is not rendered as data


def test_complete_page_has_no_cut_warning():
    assert read_any(FIXTURES / "national_fyp14_spans.html").warnings == []


def test_word_vertical_merge_prints_category_in_every_row():
    doc = read_any(FIXTURES / "tacheng_merged_cells.docx")
    lines = [line.text for line in doc.lines]
    row2 = next(line for line in lines if "2.全员劳动生产率增长" in line)
    assert row2.startswith("经济发展 | 2.全员劳动生产率增长")
    sub = next(line for line in lines if "城镇登记失业率" in line)
    assert sub.startswith("民生福祉 | 7.城镇就业(万人次,%) | 城镇登记失业率")


def test_stacked_html_header_becomes_one_line():
    doc = read_any(FIXTURES / "national_fyp14_spans.html")
    header = next(line for line in render_text(doc).splitlines() if line.startswith("类别"))
    assert header == "类别 | 指标 | 2020年 | 2025年 | 年均/累计 | 属性"
    assert doc.origins[render_text(doc).splitlines().index(header) + 1] == "table 1, rows 1-2"


# --------------------------------------------------------------------------- grid (Word, HTML, OCR)


def test_grid_spans_resolved():
    rows = [
        [SpanCell("类别", rowspan=2), SpanCell("指标", rowspan=2), SpanCell("指标值", colspan=2)],
        [SpanCell("2020年"), SpanCell("2025年")],
        [SpanCell("经济发展", rowspan=2), SpanCell("1.GDP增长"), SpanCell("保持在合理区间", colspan=2)],
        [SpanCell("2.城镇化率"), SpanCell("60"), SpanCell("65")],
        [SpanCell("", continues=True), SpanCell("3.就业"), SpanCell("1"), SpanCell("2")],
    ]
    assert [cells for cells, _ in printed_rows(rows)] == [
        ["类别", "指标", "2020年", "2025年"],
        ["经济发展", "1.GDP增长", "保持在合理区间"],
        ["经济发展", "2.城镇化率", "60", "65"],
        ["经济发展", "3.就业", "1", "2"],
    ]


def test_grid_first_row_category_reaching_down_is_not_a_header():
    rows = [
        [SpanCell("经济发展", rowspan=2), SpanCell("1.GDP增长"), SpanCell("6")],
        [SpanCell("2.就业"), SpanCell("3")],
    ]
    assert [cells for cells, _ in printed_rows(rows)] == [["经济发展", "1.GDP增长", "6"], ["经济发展", "2.就业", "3"]]


def test_ocr_grid_entry_point_reads_like_any_table():
    """An OCR'd image grid (cells with their boxes as provenance) through the same mechanism."""
    grid = [
        ["类别", "指标", "2020年", "2025年", "属性"],
        ["经济发展", "1.地区生产总值增长(%)", "4.3", "6左右", "预期性"],
        ["", "2.常住人口城镇化率(%)", "50", "55", "预期性"],
    ]
    rendering = Rendering()
    cells = [[SpanCell(t, origin=f"img 1 box r{r}c{k}") for k, t in enumerate(row)] for r, row in enumerate(grid)]
    cells[2][0] = SpanCell("", continues=True)
    render_grid(rendering, cells, "image 1, table 1")
    doc = rendering.document(FIXTURES / "scan.png", "ocr")
    (table,) = find_tables(doc, plan=14)
    assert [(r.category, r.name, r.cells["target"]) for r in table.rows] == [
        ("经济发展", "地区生产总值增长", "6左右"),
        ("经济发展", "常住人口城镇化率", "55"),
    ]


def test_centred_labels_go_to_the_rows_around_them():
    # groups: rows at lines 2 (wrapped to 3), 5, 6 with the label on line 4 of its own;
    # rows 7, 9 with the label on line 8; rows 10-15 with a label over lines 12-13 (民生 / 福祉)
    tops = [2, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15]
    marks = [(4.0, "经济发展"), (8.0, "创新驱动"), (12.0, "民生"), (13.0, "福祉")]
    assert (
        assign_centred([float(t) for t in tops], marks, 1.0) == ["经济发展"] * 3 + ["创新驱动"] * 2 + ["民生福祉"] * 6
    )


def test_join_wrapped():
    assert join_wrapped("保持在合理区间、各年度", "视情提出") == "保持在合理区间、各年度视情提出"
    assert join_wrapped("GDP", "growth") == "GDP growth"


# --------------------------------------------------------------------------- space-aligned text


HEADER_LINE = "类别     指标                        2020年   2025年   年均/累计          属性"


def test_runs_and_monotone_alignment():
    labels = runs(HEADER_LINE)
    assert [r.start for r in labels] == [0, 7, 33, 41, 49, 64]
    line = "经济发展   1.国内生产总值(GDP)增长(%)        2.3             保持在合理区间、各年度    预期性"
    rs = runs(line)
    assert [r.text for r in rs] == ["经济发展", "1.国内生产总值(GDP)增长(%)", "2.3", "保持在合理区间、各年度", "预期性"]
    assert align_runs(rs, labels) == [0, 1, 2, 4, 5]
    # A run a few characters off its column (CJK text before it) still lands there, in order.
    name = " " * 7 + "20.能源综合生产能力(亿吨标准煤)"  # 7 + 18 characters
    rs = runs(name + " " * 14 + ">46" + " " * 20 + "约束性")
    assert [r.start for r in rs] == [7, 39, 62]
    assert align_runs(rs, labels) == [1, 3, 5]  # >46 under 2025年, 2 off
    rs = runs(name + " " * 10 + ">46" + " " * 24 + "约束性")
    assert align_runs(rs, labels) == [1, 2, 5]  # >46 under 2020年, 2 off


def test_centred_cells_align_by_centre():
    labels = runs(" 类别               指标             2020年   2025年      年均/累计       属性")
    rs = runs("        5.每万人口高价值发明专利拥有量(件)       6.3     12                    预期性")
    assert align_runs(rs, labels) == [1, 2, 3, 5]  # the centred name is under 指标, not 类别


def test_two_headers_side_by_side_split():
    header = runs("类别  指标   2020年  2025年  属性    类别  指标   2020年  2025年  属性")
    sides = split_sides(header)
    assert [[r.text for r in labels] for labels, _, _ in sides] == [["类别", "指标", "2020年", "2025年", "属性"]] * 2


def test_prose_with_wide_gaps_is_not_a_table():
    text = "第一章  发展基础\n\n一、  经济实力  显著增强\n“十三五”时期，全市  地区生产总值年均增长6.5%。\n"
    assert find_tables(document_from_text(text, "x.txt")) == []


# --------------------------------------------------------------------------- long names


LONG = "地表水达到或好于Ⅲ类水体比例(按照国家和自治区下达的考核断面及考核目标执行,含跨界断面)"


def test_long_name_with_gloss_is_a_name():
    assert len(C.compact(LONG)) > 40
    assert C.is_name(LONG) and not C.is_sentence(LONG)
    assert C.is_sentence("全面完成自治区下达的各项约束性指标任务，生态环境质量持续改善，主要污染物排放总量持续下降")


def test_long_name_row_is_read():
    text = (
        "序号 | 指标名称 | 单位 | 2020年 | 2025年 | 属性\n"
        "1 | 森林覆盖率 | % | 12.68 | 12.68 | 约束性\n"
        f"2 | {LONG} | % | 90.9 | 控制在自治区约束指标内 | 约束性\n"
    )
    (table,) = find_tables(document_from_text(text, "x.txt"), plan=14)
    row = next(r for r in table.rows if r.seq == "2")
    assert (row.name, row.unit, row.cells["base"], row.line) == (LONG, "%", "90.9", 3)


# --------------------------------------------------------------------------- nothing dropped

_PIECES = re.compile(r"\||\t| {2,}")


@pytest.mark.parametrize("fixture", sorted(LAYOUTS))
def test_every_cell_of_a_fixture_table_lands_in_data_or_quality(fixture):
    """Each printed cell inside a table's lines is in a row, the header, a note or a finding."""
    doc = read_any(FIXTURES / fixture)
    result = extract_document(doc)
    kept = C.compact("".join(str(r["raw"]) for r in result.records) + "".join(str(q["raw"]) for q in result.quality))
    lost = []
    for t in result.tables:
        kept_here = kept + C.compact("".join([t.title, *t.columns, *t.notes, *(r.category for r in t.rows)]))
        for n in range(t.line, t.end_line + 1):
            for piece in _PIECES.split(doc.line(n).text):
                c = C.compact(piece)
                if c and c not in kept_here:
                    lost.append((n, c))
    assert lost == []


def test_row_with_a_name_and_no_values_is_a_finding():
    text = (
        "序号 | 指标名称 | 单位 | 2020年 | 2025年 | 属性\n"
        "1 | 森林覆盖率 | % | 12.68 | 12.68 | 约束性\n"
        "2 | 湿地保护率\n"
        "3 | 草原综合植被盖度 | % | 40 | 42 | 约束性\n"
    )
    result = extract_document(document_from_text(text, "x.txt"))
    assert [r["name"] for r in result.records if r["table"] != "prose"] == ["森林覆盖率", "草原综合植被盖度"]
    unparsed = [(q["line"], q["raw"]) for q in result.quality if q["check"] == "unparsed_line"]
    assert unparsed == [(3, "2 | 湿地保护率")]


def test_header_label_wrapped_onto_a_second_line():
    text = (
        "类别     指标                        2020年   2025年   年均/           属性\n"
        "                                                  累计\n"
        "经济发展   1.国内生产总值(GDP)增长(%)        2.3             保持在合理区间、各年度    预期性\n"
        "                                                 视情提出\n"
        "       2.全员劳动生产率增长(%)            2.5             高于GDP增长        预期性\n"
        "       3.常住人口城镇化率(%)             60.6*   65                     预期性\n"
    )
    (table,) = find_tables(document_from_text(text, "x.txt"), plan=14)
    assert table.columns[4] == "年均/累计" and table.unparsed == []
    assert [(r.category, r.cells.get("annual", "")) for r in table.rows] == [
        ("经济发展", "保持在合理区间、各年度视情提出"),
        ("经济发展", "高于GDP增长"),
        ("经济发展", ""),
    ]
