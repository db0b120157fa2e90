"""A part of the area, a part of the year, a preliminary figure: none gives the area's GDP target.

Work-report lines read by the whole extractor (``test_workreport_subjects.rows``). A clause or a
paragraph about a part of the area (开发区, 兵团, 航空港, 科学城, 郊区…) states that part's figure: the
row's name names the part and it never takes the area's code. A quarter's figure is no annual target,
and a 预计 figure is last year's preliminary one. Each text is a real line quoted from
data/raw/lawtext-gov (file and line in the comment; abridged where marked), values checked there.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from plantargets.extract.statements import read_clause
from tests.test_workreport_subjects import gdp_targets, rows

PLAN = "## 二、{year}年工作安排\n\n"


def named(df: pd.DataFrame, prefix: str) -> list[tuple[str, str, float]]:
    """(name, indicator, annual growth) of the rows whose name starts with ``prefix``."""
    got = df[df["name"].str.startswith(prefix) & df["annual_growth"].notna()]
    return [(r.name, r.indicator, float(r.annual_growth)) for r in got.itertuples()]


def test_a_paragraph_about_development_zones_states_their_growth(tmp_path: Path) -> None:
    # 主要城市/沈阳市/2018.md:196 (abridged) **推进开发区改革创新。**…各开发区（园区）要完成产业项目引进任务，
    # 力争地区生产总值、规模以上工业增加值和固定资产投资分别增长8%、9%和15%以上。
    body = (
        "**推进开发区改革创新。**坚持把开发区（园区）作为项目建设的主阵地，完成行政区与开发区（园区）体制分离。"
        "各开发区（园区）要完成产业项目引进任务，力争地区生产总值、规模以上工业增加值和固定资产投资分别增长8%、9%和15%以上。"
    )
    df = rows(tmp_path, "2018年沈阳市政府工作报告", PLAN.format(year=2018) + body)
    assert gdp_targets(df) == []
    assert ("开发区地区生产总值", "", 8.0) in named(df, "开发区")


def test_a_sentence_about_the_corps_states_its_growth(tmp_path: Path) -> None:
    # 省自治区/新疆维吾尔自治区/2003.md:223 (abridged) 生产建设兵团是自治区的重要组成部分，…实现国内生产总值增长12%以上。
    body = "生产建设兵团是自治区的重要组成部分，要充分发挥在我区的重要作用，加快发展速度，实现国内生产总值增长12%以上。"
    df = rows(tmp_path, "2003年新疆维吾尔自治区政府工作报告", PLAN.format(year=2003) + body)
    assert gdp_targets(df) == []
    assert named(df, "兵团") == [("兵团国内生产总值", "", 12.0)]


def test_a_paragraph_opening_on_the_airport_zone_states_its_growth(tmp_path: Path) -> None:
    # 主要城市/郑州市/2014.md:68 (abridged) **（一）全面推进航空港经济综合实验区建设，…。**…力争地区生产总值增长30%以上
    body = (
        "**（一）全面推进航空港经济综合实验区建设，着力打造中原经济区核心增长极。**围绕“打造大枢纽、发展大物流、"
        "培育大产业、形成大都市”，以完善基础设施和招商项目落地为重点，力争地区生产总值增长30%以上，固定资产投资翻一番。"
    )
    df = rows(tmp_path, "2014年郑州市政府工作报告", PLAN.format(year=2014) + body)
    assert gdp_targets(df) == []
    assert [g for _, _, g in named(df, "航空港")] == [30.0]


def test_a_paragraph_opening_on_a_science_city_states_its_growth(tmp_path: Path) -> None:
    # 主要城市/东莞市/2024.md:92 (abridged) 将松山湖科学城建设成为…核心引擎。…力争松山湖R&D投入强度达10%，
    # 规上工业企业研发机构覆盖率达80%，GDP增长10%。
    body = (
        "将松山湖科学城建设成为引领东莞高质量发展的核心引擎。围绕打造产业创新引擎，动工建设散裂中子源二期。"
        "力争松山湖R&D投入强度达10%，规上工业企业研发机构覆盖率达80%，GDP增长10%。"
    )
    df = rows(tmp_path, "2024年东莞市政府工作报告", PLAN.format(year=2024) + body)
    assert gdp_targets(df) == []
    assert [g for _, _, g in named(df, "科学城")] == [10.0]


def test_the_whole_area_named_after_a_part_keeps_its_code(tmp_path: Path) -> None:
    # 主要城市/郑州市/2014.md:68 abridged, the part's figure then the city's (全市 names the whole area).
    body = "**（一）全面推进航空港经济综合实验区建设。**力争地区生产总值增长30%以上，全市地区生产总值增长10%以上。"
    df = rows(tmp_path, "2014年郑州市政府工作报告", PLAN.format(year=2014) + body)
    assert gdp_targets(df) == [(10.0, "at_least", 2014)]


def test_a_preliminary_figure_is_no_target(tmp_path: Path) -> None:
    # 主要城市/南京市/2014.md:27 城乡统筹发展成效明显。郊区发展实力不断增强，预计实现地区生产总值4120亿元，增长12.3%，占全市51.5%。
    body = "城乡统筹发展成效明显。郊区发展实力不断增强，预计实现地区生产总值4120亿元，增长12.3%，占全市51.5%。"
    df = rows(tmp_path, "2014年南京市政府工作报告", PLAN.format(year=2014) + body)
    assert gdp_targets(df) == []
    assert df[df["role"] == "target"].empty
    level = df[df["base_value"] == 4120.0]  # last year's preliminary level of the suburbs
    assert list(zip(level["name"], level["base_year"], level["preliminary"], strict=True)) == [
        ("郊区地区生产总值", 2013, True)
    ]
    # 省自治区/海南省/2023.md:185 an endnote: [1]经济增速…不及预期：预计地区生产总值增长0.2%，…
    body = "[1]经济增速、财政收入、投资、消费等指标不及预期：预计地区生产总值增长0.2%，固定资产投资增长-4.2%。"
    df = rows(tmp_path, "2023年海南省政府工作报告", PLAN.format(year=2023) + body)
    assert df[df["role"] == "target"].empty


def test_a_quarters_figure_is_no_annual_target(tmp_path: Path) -> None:
    # 主要城市/郑州市/2022.md:54 (abridged) 今年以来，…一季度，全市地区生产总值增长3.5%，…固定资产投资增长8.1%
    body = (
        "今年以来，全市上下积极应对三重压力和多轮疫情等风险挑战，一季度，全市地区生产总值增长3.5%，"
        "规模以上工业增加值同比增长8%，固定资产投资增长8.1%，经济运行企稳回升。"
    )
    df = rows(tmp_path, "2022年郑州市政府工作报告", PLAN.format(year=2022) + body)
    assert gdp_targets(df) == []
    assert df[df["role"] == "target"].empty


def test_a_plan_average_names_the_economy_without_the_plan_or_its_average() -> None:
    # 国务院/2001.md:48 综合考虑各方面因素，“十五”期间年均经济增长速度预期目标为7%左右。
    text = "“十五”期间年均经济增长速度预期目标为7%左右"
    (st,) = read_clause(text, 0, len(text), None, None)
    assert (st.name, st.value.number if st.value else None) == ("经济", 7.0)


def test_a_striven_for_target_is_the_areas(tmp_path: Path) -> None:
    # 主要城市/宁波市/2020.md:68 (abridged) …在常态化疫情防控中抓实经济社会发展各项工作，建议奋力实现地区生产总值增长6.5%左右
    body = "各位代表！2020年我市经济社会发展面临的挑战前所未有。在常态化疫情防控中抓实经济社会发展各项工作，建议奋力实现地区生产总值增长6.5%左右。"
    df = rows(tmp_path, "2020年宁波市政府工作报告", PLAN.format(year=2020) + body)
    assert gdp_targets(df) == [(6.5, "approx", 2020)]
