"""Finding indicator tables: seeds checked by hand against the documents, and small layouts.

Every expected row below was read off the raw file at the line given; values stay as printed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plantargets.extract import cells as C
from plantargets.extract.tables import Table, TableRow, align_tail, find_tables
from plantargets.read.text import document_from_text, read_document

from .conftest import FIXTURES, SEEDS

TABLE_FIXTURES = FIXTURES / "tables"


def tables_of(path: Path, plan: int | None = None) -> list[Table]:
    return find_tables(read_document(path), plan)


def by_kind(tables: list[Table]) -> dict[str, Table]:
    return {t.table: t for t in tables}


def row(table: Table, name: str) -> TableRow:
    found = [r for r in table.rows if r.name == name]
    assert len(found) == 1, f"{name!r}: {len(found)} rows in {table.table}"
    return found[0]


def check(r: TableRow, seq: str, category: str, unit: str, cells: dict[str, str], line: int) -> None:
    assert (r.seq, r.category, r.unit, r.cells, r.line) == (seq, category, unit, cells, line)


# --------------------------------------------------------------------------- seeds


@pytest.mark.parametrize(
    ("doc_id", "expected"),
    [
        ("kizilsu-fyp14", [("fyp14_main", 2020, 2025, 21)]),
        (
            "urumqi-etdz-fyp14",
            [
                ("fyp13_review", 2015, 2020, 28),
                ("fyp14_main", 2020, 2025, 19),
                ("other:专栏15 “十四五”卫生健康事业发展的主要指标", None, 2025, 16),
            ],
        ),
        ("xinjiang-gwr2023", []),
        ("hure-fyp14", [("fyp14_main", 2020, 2025, 20)]),
        ("tacheng-fyp14", [("fyp14_main", 2020, 2025, 21)]),
    ],
)
def test_seed_tables(doc_id, expected):
    tables = tables_of(SEEDS[doc_id], plan=14)
    assert [(t.table, t.base_year, t.target_year, len(t.rows)) for t in tables] == expected
    for t in tables:
        assert t.unparsed == [], f"{doc_id} {t.table}: lines not understood {t.unparsed}"


def test_plan_is_inferred_when_not_given():
    assert [t.table for t in tables_of(SEEDS["urumqi-etdz-fyp14"])][:2] == ["fyp13_review", "fyp14_main"]


def test_kizilsu_one_cell_per_line_with_short_rows():
    (t,) = tables_of(SEEDS["kizilsu-fyp14"], plan=14)
    assert (t.title, t.line, t.end_line, t.layout) == ("", 50, 203, "pipe_stream")
    assert t.roles == ["name", "unit", "base", "target", "annual", "attribute"]
    check(
        row(t, "地区生产总值增长"),
        "1",
        "经济发展",
        "%",
        {"base": "4.1", "target": "—", "annual": "保持在合理区间、各年度视情提出", "attribute": "预期性"},
        58,
    )
    # 社会 民生 stands on its own line without a pipe and still heads its group
    check(
        row(t, "城镇居民人均可支配收入"),
        "7",
        "社会民生",
        "元",
        {"base": "—", "target": "—", "annual": "与GDP增长基本同步步", "attribute": "预期性"},
        101,
    )
    # five cells for six columns: the worded commitment is the target, 约束性 the attribute
    r15 = row(t, "单位地区生产总值能源消耗降低")
    check(
        r15, "15", "绿色生态", "%", {"base": "[23.3]", "target": "控制在自治区下达指标内", "attribute": "约束性"}, 158
    )
    assert r15.problems and "fewer cells" in r15.problems[0]
    assert r15.raw == "15.单位地区生产总值能源消耗降低 | % | [23.3] | 控制在自治区下达指标内 | 约束性"
    check(
        row(t, "能源综合生产能力"),
        "21",
        "安全保障",
        "万吨标煤",
        {"base": "—", "target": "≥400", "annual": "—", "attribute": "约束性"},
        196,
    )
    assert row(t, "数字经济增加值占GDP比例").seq == "6"
    assert t.notes[0].startswith("注:1、标[]为五年累计数")


def test_urumqi_review_with_broken_rows_and_department_column():
    t = by_kind(tables_of(SEEDS["urumqi-etdz-fyp14"], plan=14))["fyp13_review"]
    assert t.title == "专栏1 “十三五”规划纲要主要指标完成情况"
    assert t.roles == ["category", "seq", "name", "unit", "base", "target", "annual", "ignore"]
    assert [r.seq for r in t.rows] == [str(i) for i in range(1, 29)]
    check(row(t, "地区生产总值"), "1", "经济发展", "亿元", {"base": "413", "target": "590", "annual": "6.6"}, 94)
    check(row(t, "公共财政预算收入"), "2", "经济发展", "亿元", {"base": "66", "target": "78.86", "annual": "2.3"}, 95)
    # lines 106-107: the department (卫健委) continues on the next line, the annual cell is empty
    r13 = row(t, "人口自然增长率")
    check(r13, "13", "城市发展", "‰", {"base": "7.37", "target": "7.35"}, 106)
    assert r13.raw == "13 | 人口自然增长率 | ‰ | 7.37 | 7.35 |  | 卫健委"
    # lines 111-113: no figures at all, the department lands in its own column
    check(row(t, "工业固体废物处置利用率"), "17", "资源环境", "%", {}, 111)
    check(row(t, "二氧化硫排放量减少"), "18", "资源环境", "%", {"target": "控制在自治区指标内"}, 114)
    check(row(t, "城镇新增就业五年累计"), "23", "社会和谐", "万人", {"target": "14.2"}, 123)
    check(row(t, "城镇登记失业率"), "24", "社会和谐", "%", {"base": "2.5%以内", "target": "4%以内"}, 126)
    check(
        row(t, "每千名老人拥有养老机构床位数"),
        "28",
        "生活幸福",
        "张",
        {"base": "4.15", "target": "21.1", "annual": "3.39"},
        132,
    )


def test_urumqi_main_table_keeps_summary_out_of_rows():
    t = by_kind(tables_of(SEEDS["urumqi-etdz-fyp14"], plan=14))["fyp14_main"]
    assert (t.line, t.end_line) == (172, 199)
    assert t.columns[5] == "2025年 (建议)" and t.roles[5] == "target"
    check(
        row(t, "地区生产总值"),
        "1",
        "经济发展",
        "亿元",
        {"base": "590", "target": "929", "annual": "9.5", "attribute": "预期性"},
        174,
    )
    check(
        row(t, "单位地区生产总值能源消耗降低"),
        "12",
        "绿色发展",
        "%",
        {"target": "控制在国家下达目标范围内", "attribute": "约束性"},
        186,
    )
    check(row(t, "居民人均可支配收入增长率"), "15", "民生福祉", "%", {"target": "8", "attribute": "预期性"}, 191)
    check(
        row(t, "亿元国内地区生产总值生产安全事故死亡率"),
        "19",
        "安全保障",
        "%",
        {"base": "1.2", "target": "0.5", "annual": "/", "attribute": "预期性"},
        197,
    )
    assert all(r.name != "总述" for r in t.rows)
    assert any("共计19项主要指标" in n for n in t.notes)


def test_urumqi_health_box_is_other_with_scope_and_plan_target():
    t = tables_of(SEEDS["urumqi-etdz-fyp14"], plan=14)[2]
    assert t.roles == ["name", "scope", "attribute", "target"]
    check(
        row(t, "平均期望寿命"),
        "1",
        "",
        "",
        {"scope": "户籍人口", "attribute": "预期性", "target": "达到全国平均水平"},
        469,
    )
    # '3、5岁以下…': the row number is split off, the 5 belongs to the name
    check(row(t, "5岁以下儿童死亡率"), "3", "", "", {"scope": "户籍人口", "attribute": "预期性", "target": "≤6‰"}, 471)
    # a gloss in parentheses is not a unit
    assert row(t, "老年护理床位数(老年医养床位数)").unit == ""


def test_hure_category_after_seq_and_missing_cell():
    (t,) = tables_of(SEEDS["hure-fyp14"], plan=14)
    assert t.title == "专栏 库伦旗“十四五”经济社会发展规划主要指标"
    assert "category" not in t.roles
    check(
        row(t, "地区生产总值增长"),
        "1",
        "经济发展",
        "亿元",
        {"base": "54", "target": "72.26", "annual": "6左右", "attribute": "预期性"},
        60,
    )
    r2 = row(t, "全员劳动生产率增长")  # line 61: six cells for seven columns
    check(r2, "2", "经济发展", "万元/人", {"base": "——", "target": "2左右", "attribute": "预期性"}, 61)
    assert r2.problems
    check(
        row(t, "每万人拥有高价值发明专利数"),
        "5",
        "创新驱动",
        "件",
        {"base": "——", "target": "2.5", "annual": "——", "attribute": "预期性"},
        64,
    )
    check(
        row(t, "单位地区生产总值能源消耗降幅"),
        "14",
        "绿色生态",
        "%",
        {"base": "——", "target": "达到市里要求", "annual": "——", "attribute": "约束性"},
        73,
    )
    check(
        row(t, "能源综合生产能力"),
        "20",
        "安全保障",
        "万吨标煤",
        {"base": "——", "target": "达到市里要求", "annual": "——", "attribute": "约束性"},
        79,
    )


def test_tacheng_word_export_with_sub_rows_and_repeated_header():
    (t,) = tables_of(SEEDS["tacheng-fyp14"], plan=14)
    assert (t.title, t.line, t.end_line, t.layout) == (
        "专栏1:“十四五”期间经济社会发展的主要指标表",
        52,
        217,
        "tab_stream",
    )
    check(
        row(t, "地区生产总值增长"),
        "1",
        "经济发展",
        "%",
        {"base": "4.3", "target": "-", "annual": "保持在合理区间、各年度增长视情提出", "attribute": "预期性"},
        63,
    )
    jobs = row(t, "城镇新增就业人数")
    check(
        jobs,
        "7",
        "民生福祉",
        "万人次",
        {"base": "3.12", "target": "〔10.5〕", "annual": "—", "attribute": "预期性"},
        108,
    )
    unemployment = row(t, "城镇登记失业率")
    check(
        unemployment,
        "7",
        "民生福祉",
        "%",
        {"base": "3以内", "target": "4以内", "annual": "—", "attribute": "预期性"},
        116,
    )
    assert jobs.parent == unemployment.parent == "城镇就业"
    check(
        row(t, "单位地区生产总值能耗降低率"),
        "14",
        "绿色生态",
        "%",
        {"base": "1.01", "target": "控制在自治区约束指标内", "attribute": "约束性"},
        166,
    )
    # printed 29 between 18 and 20, kept as printed; header repeated at lines 195-200 dropped
    check(
        row(t, "粮食综合生产能力"),
        "29",
        "安全保障",
        "万吨",
        {"base": "316.65", "target": "330", "attribute": "约束性"},
        204,
    )
    check(
        row(t, "能源综合生产能力"),
        "20",
        "安全保障",
        "亿吨标煤",
        {"base": "—", "target": "≥0.2", "annual": "—", "attribute": "约束性"},
        211,
    )
    assert [r.seq for r in t.rows][-3:] == ["18", "29", "20"]
    assert t.notes == ["注:1.带〔〕为五年累计数。2.能源综合生产能力指煤炭、石油、天然气、非化石能源生产能力之和。"]


# --------------------------------------------------------------------------- layouts


def test_permuted_columns_read_by_meaning():
    (t,) = tables_of(TABLE_FIXTURES / "permuted_columns.txt")
    assert t.table == "fyp14_main" and (t.base_year, t.target_year) == (2020, 2025)
    assert t.roles == ["attribute", "name", "target", "unit", "base", "annual", "category"]
    check(
        t.rows[0], "", "经济发展", "亿元", {"attribute": "预期性", "target": "929", "base": "590", "annual": "9.5"}, 4
    )
    assert t.rows[1].category == "经济发展"  # carried: its category cell is empty
    assert t.rows[2].category == "绿色发展"


def test_markdown_pipe_table():
    (t,) = tables_of(TABLE_FIXTURES / "markdown_pipe.txt")
    assert (t.table, t.layout, len(t.rows), t.unparsed) == ("fyp14_main", "markdown", 3, [])
    check(t.rows[1], "2", "", "万元/人", {"base": "——", "target": "2左右", "attribute": "预期性"}, 6)
    check(t.rows[2], "16", "", "天", {"base": "322", "target": "326", "annual": "0.4左右", "attribute": "约束性"}, 7)


def test_tab_separated_rows():
    (t,) = tables_of(TABLE_FIXTURES / "tab_separated_one_line.txt")
    assert (t.table, t.layout, t.title) == ("fyp14_main", "tab_rows", "专栏2 “十四五”时期经济社会发展主要指标")
    check(
        t.rows[1], "2", "经济发展", "亿元", {"base": "78.1", "target": "117", "annual": "8.5", "attribute": "预期性"}, 4
    )
    check(t.rows[2], "12", "绿色发展", "%", {"target": "控制在国家下达目标范围内", "attribute": "约束性"}, 5)


def test_fifteenth_plan_main_and_fourteenth_plan_review():
    tables = tables_of(TABLE_FIXTURES / "fyp15_main_and_review.txt")
    assert [(t.table, t.base_year, t.target_year, len(t.rows)) for t in tables] == [
        ("fyp14_review", 2020, 2025, 2),
        ("fyp15_main", 2025, 2030, 3),
    ]
    review, main = tables
    assert review.roles == ["name", "unit", "base", "target", "actual", "attribute"]
    check(review.rows[0], "1", "", "亿元", {"base": "590", "target": "929", "actual": "901", "attribute": "预期性"}, 6)
    check(
        main.rows[1], "2", "经济发展", "%", {"base": "55", "target": "60", "annual": "[5]", "attribute": "预期性"}, 14
    )


def test_gb_style_year_target_header():
    (t,) = tables_of(TABLE_FIXTURES / "gb_style_target_header.txt")
    assert (t.table, t.title) == ("fyp14_main", "附表 “十四五”时期主要指标")
    assert t.columns == ["指标", "单位", "2020年基数", "2025年目标", "属性"]
    check(t.rows[2], "", "", "万吨", {"base": "316.65", "target": "≥330", "attribute": "约束性"}, 5)


def test_project_boxes_are_not_tables():
    assert tables_of(TABLE_FIXTURES / "project_box_not_table.txt") == []


def test_review_by_title_and_second_main_table_is_other():
    text = (
        "表1 “十三五”主要指标完成情况\n指标 | 2015年 | 2020年 |\n地区生产总值 | 413 | 590 |\n\n"
        "专栏2 主要指标\n指标 | 2020年 | 2025年 |\n地区生产总值 | 590 | 929 |\n\n"
        "专栏9 工业发展主要指标\n指标 | 2020年 | 2025年 |\n工业增加值 | 141.2 | 260 |\n"
    )
    tables = find_tables(document_from_text(text, "x.txt"), plan=14)
    assert [t.table for t in tables] == ["fyp13_review", "fyp14_main", "other:专栏9 工业发展主要指标"]


# --------------------------------------------------------------------------- cells


@pytest.mark.parametrize(
    ("cell", "role", "year"),
    [
        ("分类", "category", None),
        ("序号", "seq", None),
        ("指标名称", "name", None),
        ("指标", "name", None),
        ("单位", "unit", None),
        ("2025年 (建议)", "year", 2025),
        ("2025年目标", "year", 2025),
        ("年均增速%", "annual", None),
        ("年均增速(%)", "annual", None),
        ("年均/累计", "annual", None),
        ("属性", "attribute", None),
        ("统计口径", "scope", None),
        ("“十四五”目标值", "target", 2025),
        ("责任单位", "ignore", None),
        ("2025年实际完成", "actual", 2025),
    ],
)
def test_header_roles(cell, role, year):
    h = C.header_role(cell)
    assert h is not None and (h.role, h.year) == (role, year)


@pytest.mark.parametrize(
    ("cell", "seq", "name", "unit"),
    [
        ("1.地区生产总值增长(%)", "1", "地区生产总值增长", "%"),
        ("12、老年护理床位数", "12", "老年护理床位数", ""),
        ("1 地区生产总值", "1", "地区生产总值", ""),
        ("7.城镇就业(万人次,%)", "7", "城镇就业", "万人次,%"),
        ("5G基站数(个)", "", "5G基站数", "个"),
        ("每万人拥有高价值 发明专利数", "", "每万人拥有高价值发明专利数", ""),
    ],
)
def test_name_cleanup(cell, seq, name, unit):
    s, rest = C.split_seq(cell)
    assert (s, *C.split_unit(C.compact_name(rest))) == (seq, name, unit)


def test_short_row_alignment_by_content():
    roles = ["unit", "base", "target", "annual", "attribute"]
    assigned, problem = align_tail(["%", "[23.3]", "控制在自治区下达指标内", "约束性"], roles)
    assert assigned == [
        ("unit", "%"),
        ("base", "[23.3]"),
        ("target", "控制在自治区下达指标内"),
        ("attribute", "约束性"),
    ]
    assert "fewer cells" in problem
    assigned, _ = align_tail(["%", "", "", "生态环境分局"], ["unit", "base", "target", "annual", "ignore"])
    assert assigned[-1] == ("ignore", "生态环境分局")
