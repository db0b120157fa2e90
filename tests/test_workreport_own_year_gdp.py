"""Every work report yields its own year's GDP growth target: the general causes of a miss found by
scripts/gdp_target_coverage.py, on real lines (data/raw/lawtext-gov/政府工作报告-*, file:line in comments)."""

from __future__ import annotations

import pytest

from plantargets.dataset.catalog import default_catalog
from plantargets.extract.prose import ProseFact
from plantargets.extract.statements import clean_subject
from plantargets.extract.values import find_number_spans
from plantargets.extract.workreport import document_prose
from plantargets.read.markdown import document_from_markdown


def targets(text: str, year: int) -> list[ProseFact]:
    """The targets both readers (work-report reader, then the general prose reader) find in ``text``,
    read as a passage of the report's section on the year's work."""
    doc = document_from_markdown(f"## 二、{year}年工作安排\n\n{text}", "x.md")
    facts, _ = document_prose(doc, "work_report", None, None, year, set())
    return [f for f in facts if f.role == "target" or f.target_year == year]


def gdp_target(text: str, year: int) -> ProseFact:
    """The one GDP growth target of the report's year in ``text``."""
    cat = default_catalog()
    # as dataset.records.prose_record names a growth fact: 经济 (增长7%) is 经济增长
    found = [f for f in targets(text, year) if f.target_year == year and "gdp_growth" in
             (cat.match(f.name + "增长", f.unit), cat.match(f.name, f.unit))]  # fmt: skip
    assert len(found) == 1, [(f.name, f.annual_growth, f.target_year) for f in targets(text, year)]
    return found[0]


@pytest.mark.parametrize(
    ("text", "year", "name", "rate", "qualifier"),
    [
        # 其他地市/赤峰市/2022.md:97 (a modal word between the name and its verb)
        ("全市经济社会发展主要预期目标是：地区生产总值力争增长7%左右，一般公共预算收入增长7%左右。", 2022,
         "地区生产总值", 7.0, "approx"),
        # 主要城市/西安市/2014.md:60
        ("建议今年全市经济社会发展的主要预期目标是：生产总值确保增长11%以上，地方财政一般预算收入增长13.5%以上。", 2014,
         "生产总值", 11.0, "at_least"),
        # 省自治区/黑龙江省/2015.md:50 (no trigger: the general prose reader; 预期 before the name)
        ("综合考虑，预期今年全省地区生产总值增长6%左右，居民消费价格涨幅控制在3%。", 2015, "地区生产总值", 6.0, "approx"),
        # 省自治区/湖南省/2013.md:50
        ("今年，是全面贯彻落实党的十八大精神的开局之年。要力争地区生产总值增长10%以上；固定资产投资增长23%。", 2013,
         "地区生产总值", 10.0, "at_least"),
        # 主要城市/上海市/2014.md:36 (预期 after the name)
        ("建议今年全市经济社会发展主要目标是：在质量效益提高的基础上，经济保持平稳发展，全市生产总值预期增长7.5%左右，"
         "地方财政收入与经济保持同步增长。", 2014, "生产总值", 7.5, "approx"),
    ],
)  # fmt: skip
def test_modal_words_are_no_part_of_the_name(text, year, name, rate, qualifier):
    gdp = gdp_target(text, year)
    assert (gdp.name, gdp.annual_growth, gdp.value.qualifier) == (name, rate, qualifier)


def test_modal_words_stripped_for_every_indicator_but_names_keep_theirs():
    assert clean_subject("要力争城镇新增就业") == "城镇新增就业"
    assert clean_subject("要力保城镇新增就业") == "城镇新增就业"  # 主要城市/重庆市/2009.md:55 (要力保增长12%)
    assert clean_subject("预期今年全省地区生产总值") == "地区生产总值"
    assert clean_subject("人均预期寿命") == "人均预期寿命"
    assert clean_subject("预期寿命") == "预期寿命"
    assert clean_subject("要素市场化配置") == "要素市场化配置"
    # 上海 2014:36: 经济保持平稳发展 is no text target named 经济保 (持平 inside 保持平稳)
    assert not [f for f in targets("建议今年全市经济社会发展主要目标是：经济保持平稳发展，全市生产总值预期增长7.5%左右。", 2014)
                if f.name == "经济保"]  # fmt: skip


def test_local_gdp_is_gdp():
    # 主要城市/深圳市/2016.md:96
    gdp = gdp_target("今年经济社会发展的主要预期目标是：本地生产总值增长8—8.5%，居民人均收入与经济增长基本同步。", 2016)
    assert (gdp.name, gdp.annual_growth, gdp.value.upper) == ("本地生产总值", 8.0, 8.5)
    # 其他地市/博尔塔拉蒙古自治州/2016.md:111
    gdp = gdp_target("今年经济社会发展主要预期目标是：地方生产总值增长13.5%，工业增加值增长30%。", 2016)
    assert (gdp.name, gdp.annual_growth) == ("地方生产总值", 13.5)


@pytest.mark.parametrize(
    ("text", "year", "rate"),
    [
        # 主要城市/泉州市/2021.md:58
        ("2021年是实施“十四五”规划的开局之年，经济社会发展主要预期目标为：全市生产总值增长7.5%左右，农林牧渔业总产值增长2.5%左右。",
         2021, 7.5),
        # 主要城市/厦门市/2007.md:88
        ("2007年是新一轮跨越式发展的重要一年，也是实现“十一五”目标的关键一年，主要预期目标是：地区生产总值增长16%，"
         "万元生产总值能耗降低2.52%。", 2007, 16.0),
        # 主要城市/福州市/2009.md:55
        ("并统筹考虑“十一五”规划确定的目标要求，初步安排2009年全市经济社会发展增速略高于全国、全省平均水平，"
         "主要预期目标是：地区生产总值增长11%；地方级财政收入增长12%。", 2009, 11.0),
    ],
)  # fmt: skip
def test_a_year_of_a_plan_sets_the_years_targets(text, year, rate):
    gdp = gdp_target(text, year)
    assert (gdp.annual_growth, gdp.target_year, gdp.base_year) == (rate, year, year - 1)
    assert all(f.target_year == year for f in targets(text, year))


def test_a_later_year_dates_the_levels_of_its_list():
    # 主要城市/长沙市/2013.md:68: 到2017年 dates every item of its sentence, across ；
    text = "主要预期目标是：到2017年，地区生产总值达12000亿元，年均增长11%；地方财政总收入达1600亿元，年均增长15%。"
    got = {(f.name, f.measure): f.target_year for f in targets(text, 2013)}
    assert got[("地区生产总值", "level")] == got[("地方财政总收入", "level")] == 2017


def test_the_plans_own_targets_keep_the_plan_end():
    # 主要城市/泉州市/2021.md:54 introduces the plan's targets by the plan itself
    text = "“十四五”时期经济社会发展主要目标是：地区生产总值年均增长6.5%左右。"
    (f,) = [f for f in targets(text, 2021) if f.annual_growth == 6.5]
    assert (f.target_year, f.base_year) == (2025, 2020)


@pytest.mark.parametrize(
    ("text", "year", "rate", "span"),
    [
        # 主要城市/北京市/2006.md:58 (a 年均 rate: the plan's, 2006-2010)
        ("经济社会发展的主要预期指标是：地区生产总值年均增长9%，到2010年实现人均地区生产总值比2000年翻一番；"
         "地方财政收入年均增长12%。", 2006, 9.0, (2005, 2010)),
        # 省自治区/辽宁省/2003.md:54 (今后五年 earlier in the paragraph: the term's, 2003-2007)
        ("基于以上分析，今后五年，我省经济、社会发展的总体要求是：提前实现全面建设小康社会的总体目标。"
         "主要预期指标是：国内生产总值年均增长9%，2007年总量达到8400亿元。", 2003, 9.0, (2002, 2007)),
        # 主要城市/大连市/2008.md:80 (a later year further on in the passage: the term's, 2008-2012)
        ("主要发展目标是：实现地区生产总值年均增长14%以上，力争2012年比2007年翻一番；万元GDP综合能耗年均降低4%。",
         2008, 14.0, (2007, 2012)),
        # 主要城市/哈尔滨市/2001.md:51 (after 到2005年 in its sentence)
        ("根据上述总体思路，宏观调控的主要预期目标是:到2005年，国内生产总值达到1750亿元（按2000年价格计算），"
         "年均增长11.8%。", 2001, 11.8, (2000, 2005)),
    ],
)  # fmt: skip
def test_averages_in_a_targets_passage_are_the_plans(text, year, rate, span):
    found = [f for f in targets(text, year) if f.annual_growth == rate]
    assert [(f.base_year, f.target_year, f.role) for f in found] == [(*span, "target")]
    assert not [f for f in targets(text, year) if f.target_year == year]


@pytest.mark.parametrize(
    ("text", "year", "rate"),
    [
        # 主要城市/青岛市/2010.md:84 (主要预期指标是)
        ("经济社会发展的主要预期指标是：全市生产总值增长11%；地方财政一般预算收入增长10%左右。", 2010, 11.0),
        # 主要城市/天津市/2005.md:44 (主要预期和调控目标是)
        ("全市经济和社会发展的主要预期和调控目标是：生产总值增长12%，财政收入增长16%。", 2005, 12.0),
        # 国务院/2004.md:100 (the indicator before the trigger, after its year)
        ("今年经济工作的基本着眼点，是…防止经济出现大起大落。中央提出今年经济增长预期目标为7%左右，既考虑了保持宏观调控目标的连续性。",
         2004, 7.0),
        # 省自治区/云南省/2011.md:75 (主要目标建议为)
        ("宏观调控的主要目标建议为：地区生产总值增长10%以上，全社会固定资产投资增长20%以上。", 2011, 10.0),
        # 主要城市/东莞市/2010.md:42 (发展的目标是, in bold)
        ("综合考虑各方面因素，**全市经济社会发展的目标是**：生产总值增长8%，市财政一般预算收入增长6%。", 2010, 8.0),
        # 省自治区/河南省/2020.md:76 (主要预期目标，按…原则安排)
        ("**今年经济社会发展主要预期目标，按保持“三个同步”“三个高于”原则安排：**生产总值增长7%，"
         "规模以上工业增加值增长7.5%。", 2020, 7.0),
        # 省自治区/宁夏回族自治区/2010.md:62 (a letter l for the digit 1)
        ("主要预期目标和约束性指标是:全区生产总值增长l0%;全社会固定资产投资增长25%;地方一般预算收入增长l1%。", 2010, 10.0),
    ],
)  # fmt: skip
def test_the_first_item_of_the_passage_is_read(text, year, rate):
    assert gdp_target(text, year).annual_growth == rate


def test_letter_l_is_a_one_only_inside_a_number():
    # 省自治区/宁夏回族自治区/2010.md:62; Latin words and a trailing l are left alone
    assert [v.number for _, _, v in find_number_spans("地方一般预算收入增长l1%，5l.27%")] == [11.0, 51.27]
    assert [v.number for _, _, v in find_number_spans("html5页面10l水")] != [101.0]


def test_a_heading_on_how_last_years_targets_went_opens_the_review():
    # 省自治区/陕西省/2012.md:10-12: a review under 目标任务执行情况, not the year's targets
    text = (
        "**一、四次会议确定的目标任务执行情况**\n\n"
        "2011年，我们…顺利实现了“十二五”开局之年稳健起步、首战报捷的预期目标。预计实现生产总值1.2万亿元，增长13.8%；"
        "完成财政总收入2577.97亿元，同口径增长28.27%。\n"
    )
    doc = document_from_markdown(text, "x.md")
    facts, _ = document_prose(doc, "work_report", None, None, 2012, set())
    assert not [f for f in facts if f.role == "target"]
    gdp = [f for f in facts if f.name == "生产总值" and f.measure == "growth"]
    assert [(f.role, f.annual_growth, f.target_year, f.preliminary) for f in gdp] == [("actual", 13.8, 2011, True)]


def review_and_targets(text: str, year: int) -> list[tuple[str, str, float | None, int | None]]:
    """(name, role, growth, year) of every growth fact both readers find in a whole report text."""
    doc = document_from_markdown(text, "x.md")
    facts, _ = document_prose(doc, "work_report", None, None, year, set())
    return [(f.name, f.role, f.annual_growth, f.target_year) for f in facts if f.measure == "growth"]


def test_last_year_as_the_subject_ends_the_five_year_passage():
    # 省自治区/吉林省/2021.md:14-18: 2020年是…收官之年 (with 3场台风, a count) opens 2020's review
    text = (
        "**一、“十三五”发展成就和2020年主要工作**\n\n回顾过去五年，吉林振兴发展走过了不平凡的历程。\n\n"
        "2020年是“十三五”规划收官之年，我们遇到前所未有的特殊困难和挑战，突如其来的新冠肺炎疫情、历史罕见的3场台风"
        "和雨雪冰冻灾害接踵而至。…圆满完成“两个确保”目标。地区生产总值增长2.4%，增速居全国第20位。\n"
    )
    assert review_and_targets(text, 2021) == [("地区生产总值", "actual", 2.4, 2020)]


def test_review_comparisons_and_named_periods_are_no_targets():
    # 省自治区/江苏省/2004.md:11-15: 主要经济指标为1997年以来最好水平 opens no targets passage
    text = (
        "**一、2003年工作回顾**\n\n——国民经济持续快速增长。主要经济指标为1997年以来最好水平。"
        "全省实现生产总值12451.8亿元，比上年增长13.5%；人均生产总值突破2000美元。\n"
    )
    assert review_and_targets(text, 2004) == [("生产总值", "actual", 13.5, 2003)]
    # 主要城市/厦门市/2026.md:15-17: （2021―2035年） names a plan's period, it dates no figure
    text = (
        "一、奋力拼搏、奋勇争先，建设高素质高颜值现代化国际化城市取得新成就\n\n"
        "2025年，我们…国土空间总体规划（2021―2035年）获批实施，蝉联全国文明城市“七连冠”，经济发展顶压前行、向新向优，"
        "地区生产总值增长5.7%，社会消费品零售总额增长3.6%。\n"
    )
    assert ("地区生产总值", "actual", 5.7, 2025) in review_and_targets(text, 2026)
    assert not [f for f in review_and_targets(text, 2026) if f[1] == "target"]


@pytest.mark.parametrize(
    "explanation",
    [
        # 国务院/2024.md:60
        "提出上述预期目标，综合考虑了国内外形势和各方面因素，兼顾了需要和可能。经济增长预期目标为5%左右，考虑了促进就业增收。",
        # 主要城市/沈阳市/2017.md:122
        "经济增长预期目标确定为5%，考虑了与“十三五”规划目标相衔接，与全面建成小康社会要求相适应。",
    ],
)
def test_a_paragraph_explaining_the_targets_restates_none(explanation):
    # 国务院/2024.md:58 is the passage the explanation follows
    text = f"## 二、2024年工作安排\n\n今年发展主要预期目标是：国内生产总值增长5%左右；城镇调查失业率5.5%左右。\n\n{explanation}\n"
    targets_found = [f for f in review_and_targets(text, 2024) if f[1] == "target"]
    assert targets_found == [("国内生产总值", "target", 5.0, 2024)]


@pytest.mark.parametrize(
    ("before", "passage", "year", "rate"),
    [
        # 省自治区/浙江省/2021.md:96, after the 14th plan's targets: a colon opens the year's passage
        ("“十四五”时期经济社会发展主要目标是：地区生产总值年均增长5.5%左右。",
         "综合考虑各方面因素，今年全省经济社会发展主要预期目标为：生产总值增长6.5%以上，一般公共预算收入增长6%。",
         2021, 6.5),
        # 省自治区/黑龙江省/2016.md:82: the year named before the trigger
        ("今年发展主要预期目标是：城镇新增就业35万人。", "综合考虑，今年经济增长预期目标为6%-6.5%。居民消费价格指数涨幅控制在3%以内。",
         2016, 6.0),
    ],
)  # fmt: skip
def test_a_passage_after_another_is_read(before, passage, year, rate):
    text = f"## 二、{year}年工作安排\n\n{before}\n\n{passage}\n"
    assert (rate, year) in [(f[2], f[3]) for f in review_and_targets(text, year) if f[1] == "target"]


def test_a_complete_name_in_a_list_keeps_its_own_head():
    # 主要城市/青岛市/2008.md:112: 全市生产总值 is whole; only a fragment (城镇和农村居民…) takes the last item's tail
    text = (
        "经济社会发展的主要目标是：全市生产总值、地方财政一般预算收入分别增长13%和17%；城市居民人均可支配收入增长10%。"
    )
    gdp = gdp_target(text, 2008)
    assert (gdp.name, gdp.annual_growth) == ("生产总值", 13.0)


def test_the_term_in_figures():
    # 省自治区/西藏自治区/2003.md:81: 今后5年 (a digit) is the term, 2003-2007
    text = "今后5年宏观调控的主要预期目标是：在不断提高经济增长质量、效益、水平的基础上，国内生产总值年均增长12%以上。"
    (f,) = [f for f in targets(text, 2003) if f.annual_growth == 12.0]
    assert (f.base_year, f.target_year) == (2002, 2007)


@pytest.mark.parametrize(
    ("text", "year", "rate", "qualifier"),
    [
        # 其他地市/鄂尔多斯市/2022.md:71: the passage, then its GDP target restated in the same line
        ("全市经济社会发展的主要预期目标是：地区生产总值增长7%左右，城镇登记失业率控制在5%以内，居民收入增长与经济增长"
         "基本同步，完成自治区下达的节能减排目标任务。经济增长目标确定为7%，充分考虑了优势和潜能，估计了困难和挑战，"
         "衔接了战略和规划。", 2022, 7.0, "approx"),
        # 省自治区/内蒙古自治区/2022.md:42 (abridged)
        ("全区经济社会发展的主要预期目标是：地区生产总值增长6％左右；城镇新增就业20万人以上，城镇调查失业率6％左右；"
         "居民消费价格涨幅3％左右；居民收入增长与经济增长基本同步。经济增长目标设定为6％左右，贯彻了稳字当头、稳中求进要求，"
         "考虑了动力支撑、压力承受限度，与其他预期目标相协调。", 2022, 6.0, "approx"),
        # 省自治区/河北省/2005.md:38 (abridged)
        ("我省今年经济社会发展的主要预期目标确定为：全省生产总值增长10％，全部财政收入可比增长10％以上，居民消费价格"
         "总水平上涨4％，城镇新增就业36万人。 全省经济增长预期目标确定为10％，是综合考虑各方面因素提出的，目的是为了"
         "更接近实际，也是加快发展的需要。", 2005, 10.0, "exact"),
        # 主要城市/西安市/2022.md:89 (abridged): the rate restated before its name (确定7%左右的经济增长目标)
        ("今年全市经济社会发展主要预期目标是：地区生产总值增长7%左右，规模以上工业增加值增长8%左右，城镇调查失业率"
         "控制在5.5%以内，居民消费价格指数涨幅控制在3%左右，主要污染物排放总量削减完成省上下达任务。确定7%左右的经济"
         "增长目标和各项支撑指标，既贯彻了中央和省上的总体要求。", 2022, 7.0, "approx"),
    ],
)  # fmt: skip
def test_a_target_restated_later_in_its_line_gives_no_second_row(text, year, rate, qualifier):
    assert [f.name for f in targets(text, year) if "目标" in f.name] == []
    assert not [f for f in targets(text, year) if f.name.endswith(("削减", "下降")) and f.value and f.value.number]
    gdp = gdp_target(text, year)  # exactly one GDP growth target
    assert (gdp.annual_growth, gdp.value.qualifier, gdp.target_year) == (rate, qualifier, year)


def test_a_growth_target_set_in_the_years_section_is_its_target():
    # 主要城市/青岛市/2020.md:106, in 三、2020年经济社会发展主要目标和重点工作 (no targets passage in the report)
    text = (
        "考虑到疫情的不利影响，综合分析各种有利和不利因素，经充分征求意见、深入论证和慎重研究，市委市政府把全市生产总值"
        "增长目标确定为6.5%左右。从现状看，实现这个目标，面临的困难很多、挑战不小。"
    )
    gdp = gdp_target(text, 2020)
    assert (gdp.name, gdp.annual_growth, gdp.value.qualifier, gdp.role) == ("生产总值", 6.5, "approx", "target")
    # 省自治区/山西省/2016.md:129 (abridged): 把…增长目标定为, in its own paragraph after the passage
    text = (
        "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长2%。\n\n"
        "把地区生产总值增长目标定为6%左右，主要考虑有，到2020年实现全面建成小康社会目标，需要保持一定的经济增速。"
    )
    assert gdp_target(text, 2016).annual_growth == 6.0


def test_a_target_set_after_last_years_figure_stays_a_target():
    # 国务院/2013.md:74, :76 and :78 (abridged): the passage, then the GDP and CPI targets explained; last
    # year's CPI (去年…回落到2.6%) is no target, and the CPI rate set (把…控制在3.5%左右) is no realised figure
    text = (
        "今年经济社会发展的主要预期目标是：国内生产总值增长7.5%左右，发展的协调性进一步增强；居民消费价格涨幅3.5%左右；"
        "城镇新增就业900万人以上，城镇登记失业率低于4.6%。\n\n"
        "关于经济增长目标。这是一个综合性指标，各方面高度关注。今年经济增长预期目标定为7.5%左右，主要基于两方面考虑。\n\n"
        "关于物价总水平。保持物价总水平基本稳定始终是宏观调控的重要目标。去年居民消费价格涨幅回落到2.6%，这是我们控制"
        "通货膨胀取得的一个重要成果，也与经济运行整体态势有关。把居民消费价格涨幅控制在3.5%左右，是充分考虑各方面因素后"
        "作出的选择。"
    )
    doc = document_from_markdown(f"## 二、今年经济社会发展的总体要求、主要预期目标和宏观经济政策\n\n{text}", "x.md")
    found, _ = document_prose(doc, "work_report", None, None, 2013, set())
    cpi = [(f.name, f.role, f.target_year, f.value.qualifier) for f in found if f.value and f.value.number == 3.5]
    assert cpi and set(cpi) == {("居民消费价格涨幅", "target", 2013, "approx")}
    assert not [f for f in found if f.value and f.value.number == 2.6 and f.role == "target"]
    gdp = gdp_target(text, 2013)
    assert (gdp.annual_growth, gdp.value.qualifier) == (7.5, "approx")


def test_a_rate_held_by_ba_is_named_without_it():
    # 省自治区/四川省/2003.md:122 (abridged; general prose reader): 把 puts the indicator before its verb
    text = (
        "高度重视就业工作，办好就业援助中心，重点帮助40万下岗失业人员实现就业和再就业，把城镇登记失业率控制在5%以内。"
    )
    assert ("城镇登记失业率", 5.0, "at_most") in [
        (f.name, f.value.number, f.value.qualifier) for f in targets(text, 2003) if f.value is not None
    ]


def test_the_years_target_restated_in_the_notes_gives_no_second_row():
    # 主要城市/昆明市/2018.md:94 (the passage, abridged) and :304 (a note explaining 五个一, abridged)
    text = (
        "经济社会发展主要预期目标建议为：地区生产总值增长10%以上，一般公共预算收入增长5.5%，固定资产投资增长10%以上。\n\n"
        "14．**五个一** “一个高于”，主要经济指标实现两位数增长，地区生产总值增长10%以上，高于全省平均水平。\n"
    )
    gdp = gdp_target(text, 2018)  # exactly one
    assert (gdp.annual_growth, gdp.value.qualifier, gdp.line) == (10.0, "at_least", 3)


def test_a_review_of_last_year_and_of_this_year_so_far_is_a_review():
    # 广州市/2020.md:18, 24, 106, 110 (a report delivered in June): **一、2019年和今年以来工作回顾** /
    # ——**发展质量持续提高**。…高技术制造业增加值增长21% — 今年以来 (since January) looks back, unlike 今年
    text = (
        "**一、2019年和今年以来工作回顾**\n\n——**经济运行稳中有进**。实现地区生产总值2.36万亿元，同比增长6.8％。\n\n"
        "——**发展质量持续提高**。高技术制造业增加值增长21%，现代服务业增加值增长9.3%。\n\n"
        "**二、2020年发展主要目标和下一阶段主要工作**\n\n全年城镇新增就业人数20万人，城镇登记失业率控制在3.5%以内。\n"
    )
    assert review_and_targets(text, 2020) == [
        ("地区生产总值", "actual", 6.8, 2019),
        ("高技术制造业增加值", "actual", 21.0, 2019),
        ("现代服务业增加值", "actual", 9.3, 2019),
    ]


def test_a_section_on_the_years_main_work_looks_ahead():
    # 西安市/2015.md:98, 102 三、2015年的主要工作任务 / …全年完成城建投资388亿元，力争全社会固定资产投资增长20%左右
    # (主要工作 names a review only when the heading names no year from the report's on: 一、过去一年主要工作)
    text = (
        "一、2014年工作回顾\n\n全市生产总值增长9.9%。\n\n三、2015年的主要工作任务\n\n"
        "充分发挥投资关键作用。全年完成城建投资388亿元，力争全社会固定资产投资增长20%左右。\n"
    )
    assert review_and_targets(text, 2015) == [
        ("生产总值", "actual", 9.9, 2014),
        ("全社会固定资产投资", "", 20.0, 2015),
    ]


def test_the_economys_growth_outside_the_targets_passage_is_gdp_growth():
    # 河南省/2003.md:46 各位代表，今年是全面贯彻十六大精神的第一年，…经济增长速度要达到9%左右，其他指标也要力争好于五年平均水平。
    text = "各位代表，今年是全面贯彻十六大精神的第一年，各项工作都要开好头、起好步，经济增长速度要达到9%左右。"
    got = gdp_target(text, 2003)
    assert (got.value.number, got.value.qualifier, got.target_year) == (9.0, "approx", 2003)


def test_the_economys_growth_in_plain_words():
    # (the same form as the State Council's 2005 lead) 今年经济增长9%左右，城镇登记失业率控制在4%以内
    got = targets("今年经济增长9%左右，城镇登记失业率控制在4%以内。", 2003)
    assert [(f.name, f.value.number, f.value.qualifier) for f in got] == [
        ("经济", 9.0, "approx"),
        ("城镇登记失业率", 4.0, "at_most"),
    ]
    # 开发区 paragraph: the economy of a part of the area is no GDP of the area
    part = targets("各开发区要加快发展，经济增长20%以上。", 2003)
    assert [f for f in part if f.name == "经济"] == []


def test_growth_written_as_bi_zeng():
    # 泉州市/2007.md:40 全社会完成固定资产投资479亿元，比增31% (比增: 比上年增长)
    review = "## 一、2006年工作回顾\n\n一批关系国计民生的重点项目投建。全社会完成固定资产投资479亿元，比增31%。\n"
    got = [(n, g, y) for n, role, g, y in review_and_targets(review, 2007) if role == "actual"]
    assert got == [("全社会完成固定资产投资", 31.0, 2006)]
    # 深圳市/2008.md:20 地方财政一般预算收入一年净增157亿元，达658亿元，增长31.4%: 净增 is an increment, no rate
    review = "## 一、2007年工作回顾\n\n地方财政一般预算收入一年净增157亿元，达658亿元，增长31.4%。\n"
    got = [(n, g, y) for n, role, g, y in review_and_targets(review, 2008) if role == "actual"]
    assert got == [("地方财政一般预算收入", 31.4, 2007)]


def test_the_other_figures_of_a_headline_line_of_the_review_are_read_too():
    # 大连市/2021.md:14 (abridged) …地区生产总值增长0.9％；…规模以上工业增加值增长3.8％，…城镇、农村居民人均可支配收入分别
    # 增长2％和7.9％: the report reader reads the headline figures, the general reader the others
    text = (
        "## 一、2020年工作回顾\n\n全年地区生产总值增长0.9％；固定资产投资增长0.1％；规模以上工业增加值增长3.8％；"
        "城镇、农村居民人均可支配收入分别增长2％和7.9％。\n\n## 二、2021年工作安排\n\n今年主要预期目标是：地区生产总值增长6%左右。\n"
    )
    assert review_and_targets(text, 2021) == [
        ("地区生产总值", "actual", 0.9, 2020),
        ("固定资产投资", "actual", 0.1, 2020),
        ("规模以上工业增加值", "actual", 3.8, 2020),
        ("城镇居民人均可支配收入", "actual", 2.0, 2020),
        ("农村居民人均可支配收入", "actual", 7.9, 2020),
        ("地区生产总值", "target", 6.0, 2021),
    ]
