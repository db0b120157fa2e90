"""extract.cells: what a single table cell is, read from the cells of the bundled seeds.

Every cell below is copied from the file and line named beside it (data/raw/; 000 = 克州,
001 = 乌鲁木齐经开区, 003 = 库伦旗 outlines).
"""

from __future__ import annotations

import pytest

from plantargets.extract import cells as C

H = C.HeaderCell


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("序号", H("seq")),  # 003:59
        ("指标名称", H("name")),  # 003:59
        ("单位", H("unit")),  # 003:59
        ("2020年", H("year", 2020)),  # 003:59
        ("2025年 (建议)", H("year", 2025)),  # 001:173
        ("年均增长%", H("annual")),  # 003:59
        ("年均增速(%)", H("annual")),  # 001:173
        ("属性", H("attribute")),  # 003:59
        ("分类", H("category")),  # 001:173
        ("统计口径", H("scope")),  # 001:468
        ("“十四五”目标值", H("target", 2025)),  # 001:468: the plan's last year
        ("地区生产总值", None),  # 001:174, a name, not a header word
        ("发改委", None),  # 001:94, a responsible department
    ],
)
def test_header_role(cell: str, expected: C.HeaderCell | None) -> None:
    assert C.header_role(cell) == expected


@pytest.mark.parametrize(
    ("cell", "unit"),
    [
        ("亿元", True),  # 003:60
        ("万元/人", True),  # 003:61
        ("%", True),  # 003:62
        ("件", True),  # 003:64
        ("岁", True),  # 003:68
        ("预期性", False),  # 003:60, an attribute
        ("地区生产总值增长", False),  # 003:60, a name
        ("72.26", False),  # 003:60, a value
    ],
)
def test_is_unit(cell: str, unit: bool) -> None:
    assert C.is_unit(cell) is unit


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("72.26", True),  # 003:60
        ("6左右", True),  # 003:60
        ("——", True),  # 003:61, no value
        ("达到市里要求", True),  # 003:73, a worded target
        ("保持在合理区间、各年度视情提出", True),  # 000:62
        ("高于GDP增长", True),  # 000:68
        ("≤12/10万", True),  # 001:472
        ("常住人口城镇化率", False),  # 003:62, a name
        ("预期性", False),  # an attribute is never a value
    ],
)
def test_is_value(cell: str, value: bool) -> None:
    assert C.is_value(cell) is value


@pytest.mark.parametrize(
    ("cell", "name"),
    [
        ("地区生产总值增长", True),  # 003:60
        ("每万人拥有高价值 发明专利数", True),  # 003:64, wrapped at a space
        ("5岁以下儿童死亡率", True),  # 001:471 after its row number: a digit-led name
        ("每千人口拥有执业 (助理)医师数", True),  # 003:69
        ("亿元", False),  # 003:60, a unit
        ("约束性", False),  # 003:73, an attribute
        ("——", False),  # 003:61, a dash
        ("≤5‰", False),  # 001:470, a value
        ("98以上", False),  # a value with a target word
    ],
)
def test_is_name(cell: str, name: bool) -> None:
    assert C.is_name(cell) is name


@pytest.mark.parametrize(
    ("cell", "category"),
    [
        ("经济 发展", True),  # 003:60
        ("民 生 福 祉", True),  # 003:66
        ("创新驱动", True),  # 000:78
        ("全员劳动生产率增长", False),  # 003:61: 9 characters, more than a category has (8)
        ("预期性", False),
        ("达到市里要求", False),  # 003:73, a worded target
    ],
)
def test_is_category(cell: str, category: bool) -> None:
    assert C.is_category(cell) is category


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1、平均期望寿命", ("1", "平均期望寿命")),  # 001:469
        ("3、5岁以下儿童死亡率", ("3", "5岁以下儿童死亡率")),  # 001:471: the 5 stays in the name
        ("2.全员劳动生产率增长率", ("2", "全员劳动生产率增长率")),  # 000:64
        ("地区生产总值", ("", "地区生产总值")),  # 001:174, no number
        ("12", ("", "12")),  # a number alone is not a prefix of anything
    ],
)
def test_split_seq(cell: str, expected: tuple[str, str]) -> None:
    assert C.split_seq(cell) == expected


def test_split_unit_moves_only_unit_parentheses() -> None:
    assert C.split_unit("年均增速(%)") == ("年均增速", "%")  # 001:173
    assert C.split_unit("每千人口拥有执业 (助理)医师数") == ("每千人口拥有执业 (助理)医师数", "")  # 003:69
    assert C.unit_list("万人次,%") == ["万人次", "%"]


def test_compact_name_drops_spaces_inside_chinese_only() -> None:
    assert C.compact_name("每万人拥有高价值 发明专利数") == "每万人拥有高价值发明专利数"  # 003:64
    assert C.compact_name("民 生 福 祉") == "民生福祉"  # 003:66
    assert C.compact_name("R D") == "R D"


def test_titles_notes_departments_and_sentences() -> None:
    assert C.is_title("专栏 库伦旗“十四五”经济社会发展规划主要指标")  # 003:58
    review = "专栏1 “十三五”规划纲要主要指标完成情况 | |||||||"  # 001:92
    assert C.is_title(review) and C.REVIEW_WORDS.search(review)
    assert not C.is_title("保持在合理区间、各年度视情提出")  # 000:62, a target, not a caption
    assert C.is_note(
        "注:1、标[]为五年累计数。2、能源综合生产能力指煤炭、石油、天然气、非化石能源生产能力之和。"
    )  # 000:203
    assert C.is_org("发改委") and C.is_org("财政局")  # 001:94-95
    assert not C.is_org("地区生产总值")
    assert C.is_sentence("注:1、标[]为五年累计数。")  # a full stop: running text
    # issue 16 case 1: a name with a long bracketed gloss is still a name, not running text
    long_name = "地表水达到或好于Ⅲ类水体比例(按照国家和自治区下达的考核断面及考核目标执行,含跨界断面)"
    assert not C.is_sentence(long_name) and C.is_name(long_name)


@pytest.mark.parametrize(("cell", "seq"), [("1", True), ("12.", True), ("(3)", True), ("4.1", False), ("地区", False)])
def test_is_seq_cell(cell: str, seq: bool) -> None:
    assert C.is_seq_cell(cell) is seq  # 000:60 prints 4.1 as a growth value, not a row number
