"""General patterns of work reports the reader must follow, each on a real sentence (quoted from
data/raw/lawtext-gov; file and line in comments)."""

from __future__ import annotations

from plantargets.extract.passages import blocks
from plantargets.extract.workreport import read_work_report
from plantargets.read.markdown import document_from_markdown


def facts(text: str, year: int):
    doc = document_from_markdown(text, "x.md")
    found, _ = read_work_report(blocks(doc), year)
    return found


def by_name(text: str, year: int):
    return {(f.name, f.role, f.measure): f for f in facts(text, year)}


def test_a_heading_on_how_last_years_targets_went_opens_the_review():
    # 陕西省/2012.md:10 and :12 (目标任务 is no forward heading when it says 执行情况)
    text = (
        "**一、四次会议确定的目标任务执行情况**\n\n"
        "2011年，我们…顺利实现了“十二五”开局之年稳健起步、首战报捷的预期目标。预计实现生产总值1.2万亿元，"
        "增长13.8%；完成财政总收入2577.97亿元，同口径增长28.27%；完成全社会固定资产投资1万亿元，增长30%。\n"
    )
    got = by_name(text, 2012)
    gdp = got[("生产总值", "actual", "level")]
    assert (gdp.base_value, gdp.base_year, gdp.preliminary) == (1.2, 2011, True)
    assert got[("财政总收入", "actual", "growth")].annual_growth == 28.27
    assert all(f.role == "actual" for f in got.values())


def test_a_standing_note_in_brackets_makes_the_review_preliminary():
    # 山西省/2006.md:15 初步预计（下同），2005年，全省地区生产总值完成4100亿元
    text = "## 一、“十五”时期回顾\n\n国民经济快速发展。初步预计（下同），2005年，全省地区生产总值完成4100亿元，比上年增长12%。\n\n固定资产投资增长20%。\n"
    got = by_name(text, 2006)
    assert got[("地区生产总值", "actual", "level")].preliminary
    assert got[("固定资产投资", "actual", "growth")].preliminary


def test_a_list_of_binding_targets_after_the_passage():
    # 太原市/2008.md:72 确保完成以下约束性指标：…单位生产总值综合能耗下降8.1%，二氧化硫和化学需氧量排放量分别下降7.9%和5.2%
    text = (
        "## 二、2008年工作安排\n\n按照“好字优先、又好又快”的要求，确保完成以下约束性指标：服务业增幅高于地区生产总值增幅；"
        "单位生产总值综合能耗下降8.1%，二氧化硫和化学需氧量排放量分别下降7.9%和5.2%；城镇登记失业率控制在4%以内。\n"
    )
    got = {f.name: f for f in facts(text, 2008)}
    assert got["单位生产总值综合能耗下降"].annual_growth == 8.1
    assert got["化学需氧量排放量下降"].annual_growth == 5.2
    assert got["服务业增幅"].value.text == "高于地区生产总值增幅"
    assert {f.role for f in got.values()} == {"target"} and {f.target_year for f in got.values()} == {2008}


def test_public_finance_revenue_is_a_headline_figure():
    # 海南省/2014.md:16 实现地区生产总值3146.46亿元，增长9.9%；地方公共财政收入480.52亿元，增长17.4%
    text = "## 一、2013年工作回顾\n\n实现地区生产总值3146.46亿元，增长9.9%；地方公共财政收入480.52亿元，增长17.4%。\n"
    got = by_name(text, 2014)
    assert got[("地方公共财政收入", "actual", "level")].base_value == 480.52
    assert got[("地方公共财政收入", "actual", "growth")].annual_growth == 17.4


def test_a_reduction_counted_in_persons_is_a_level_target():
    # 国务院/2019.md:64 农村贫困人口减少1000万以上
    text = "今年经济社会发展的主要预期目标是：国内生产总值增长6%—6.5%；农村贫困人口减少1000万以上。\n"
    got = {f.name: f for f in facts(text, 2019)}
    poor = got["农村贫困人口减少"]
    assert (poor.measure, poor.annual_growth, poor.value.number, poor.value.qualifier) == (
        "level",
        None,
        1000,
        "at_least",
    )


def test_cuts_and_emission_reductions_are_reductions():
    # 陕西省/2012.md:46 化学需氧量、氨氮和二氧化硫排放总量分别削减1.5%、1.5%和2%; 大连市/2011.md:110 主要污染物减排2%
    text = (
        "今年的主要预期目标是：万元GDP能耗下降3.5%，化学需氧量、氨氮和二氧化硫排放总量分别削减1.5%、1.5%和2%；"
        "主要污染物减排2%。\n"
    )
    got = [f for f in facts(text, 2012) if f.name.endswith(("削减", "减排"))]
    assert [(f.annual_growth, f.measure) for f in got] == [
        (1.5, "growth"),
        (1.5, "growth"),
        (2.0, "growth"),
        (2.0, "growth"),
    ]
