"""The work-report reader on real lines (quoted from data/raw/lawtext-gov; file and line in comments)
and on the same lines as other sources print them (PDF paste, bold fragments, ■ bullets)."""

from __future__ import annotations

import pytest

from plantargets.extract.passages import blocks
from plantargets.extract.statements import read_clause
from plantargets.extract.workreport import read_work_report
from plantargets.read.markdown import document_from_markdown

# 政府工作报告-国务院/2024.md lines 11, 14 and 58 (keyed in tests/golden/workreports/keys)
NATIONAL_2024 = """## 一、2023年工作回顾

——经济总体回升向好。国内生产总值超过126万亿元，增长5.2%，增速居世界主要经济体前列。城镇新增就业1244万人，城镇调查失业率平均为5.2%。居民消费价格上涨0.2%。国际收支基本平衡。

## 二、2024年经济社会发展总体要求和政策取向

今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上，城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；居民收入增长和经济增长同步；国际收支保持基本平衡；粮食产量1.3万亿斤以上；单位国内生产总值能耗降低2.5%左右，生态环境质量持续改善。
"""


def read(text: str, year: int):
    doc = document_from_markdown(text, "x.md")
    facts, _ = read_work_report(blocks(doc), year)
    return {(f.name, f.role): f for f in facts if f.measure != "growth" or f.role == "target"} | {
        (f.name, "growth"): f for f in facts if f.measure == "growth" and f.role == "actual"
    }


def test_review_headline_figures():
    got = read(NATIONAL_2024, 2024)
    gdp = got[("国内生产总值", "actual")]
    assert (gdp.line, gdp.base_year, gdp.base_value, gdp.value.qualifier) == (3, 2023, 126.0, "at_least")
    cpi = got[("居民消费价格涨幅", "actual")]
    assert (cpi.base_year, cpi.base_value) == (2023, 0.2)
    growth = got[("国内生产总值", "growth")]
    assert (growth.annual_growth, growth.target_year, growth.line) == (5.2, 2023, 3)


def test_every_target_of_the_passage():
    got = read(NATIONAL_2024, 2024)
    targets = {k[0]: f for k, f in got.items() if k[1] == "target"}
    assert targets["国内生产总值"].annual_growth == 5.0 and targets["国内生产总值"].value.qualifier == "approx"
    assert targets["城镇新增就业"].value.qualifier == "at_least"
    assert targets["国际收支"].value.text == "保持基本平衡"
    assert targets["居民收入增长"].value.text == "和经济增长同步"
    assert {f.target_year for f in targets.values()} == {2024}
    assert all(f.line == 7 for f in targets.values())
    assert len(targets) == 9


def test_pdf_paste_and_bold_fragments_read_the_same():
    # The same passage cut as a PDF prints it (line breaks, spaces in numbers) and as bold fragments.
    pdf = "今年发展主要预期目标是：国内生产总值增长 5 %\n左右；城镇调查失业率 5.5%左右。\n"
    bold = "**今年发展的**\n**主要预期目标是：**\n国内生产总值增长5%左右；城镇调查失业率5.5%左右。\n"
    bullets = "今年发展主要预期目标是：\n■国内生产总值增长5%左右\n■城镇调查失业率5.5%左右\n"
    for text in (pdf, bold, bullets):
        got = read(text, 2024)
        assert got[("国内生产总值", "target")].annual_growth == 5.0, text
        assert got[("国内生产总值", "target")].value.qualifier == "approx", text
        assert got[("城镇调查失业率", "target")].value.number == 5.5, text


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # 政府工作报告-其他地市/包头市/2020.md line 41
        ("地区生产总值、固定资产投资均增长6%左右", [("地区生产总值", 6.0, "approx"), ("固定资产投资", 6.0, "approx")]),
        (
            "城镇和农村居民人均可支配收入分别增长5%、6.5%左右",
            [("城镇居民人均可支配收入", 5.0, "approx"), ("农村居民人均可支配收入", 6.5, "approx")],
        ),
        ("地区生产总值增长6%-6.5%", [("地区生产总值", 6.0, "range")]),
        ("城镇调查失业率控制在5.5%以内", [("城镇调查失业率", 5.5, "at_most")]),
        ("地区生产总值下降0.9%", [("地区生产总值", -0.9, "exact")]),
        # no values: document numbers, hotlines, voltages, campaign names, 7×24小时
        ("按照〔2026〕5号文件要求", []),
        ("开通12345热线", []),
        ("建成500千伏变电站", []),
        ("落实“1571”工作部署", []),
        ("提供7×24小时服务", []),
    ],
)
def test_clause_grammar(clause, expected):
    got = [(s.name, s.value.number, s.value.qualifier) for s in read_clause(clause, 0, len(clause), None)]
    assert got == expected


def test_preliminary_scopes_its_sentence():
    # 政府工作报告-主要城市/大连市/2004.md line 16 (abridged)
    text = "## 一、2003年工作回顾\n\n2003年，初步核算全市生产总值实现1632.6亿元，比上年增长15.2%；完成全社会固定资产投资506.9亿元，增长37.8%。\n"
    got = read(text, 2004)
    assert all(f.preliminary for f in got.values())
    assert got[("全社会固定资产投资", "actual")].base_value == 506.9


def _actual_growth(text: str, year: int) -> dict[str, tuple[float | None, int | None]]:
    """Realised growth rates read from ``text``: name -> (rate, the year it was measured)."""
    doc = document_from_markdown(text, "x.md")
    facts, _ = read_work_report(blocks(doc), year)
    return {f.name: (f.annual_growth, f.target_year) for f in facts if f.measure == "growth" and f.role == "actual"}


def test_five_years_after_the_figure_does_not_make_it_a_five_year_figure():
    # 政府工作报告-主要城市/无锡市/2018.md line 18: 五年来 comes after the figures it does not scope.
    text = "预计全市实现地区生产总值10500亿元，同比增长7.4%，增速五年来首次超过全省平均水平。\n"
    assert _actual_growth(text, 2018)["地区生产总值"] == (7.4, 2017)


def test_term_average_ends_last_year():
    # 政府工作报告-主要城市/广州市/2022.md line 24 (a term, not a plan: 2022 opens no plan)
    text = "一、过去五年工作回顾\n\n2021年地区生产总值2.82万亿元，同比增长8.1%，5年年均增长6.1%。固定资产投资超8500亿元，增长11.7%，年均增长10%。\n"
    got = [
        (f.name, f.annual_growth, f.target_year)
        for f in read_work_report(blocks(document_from_markdown(text, "x.md")), 2022)[0]
        if f.measure == "growth"
    ]
    assert ("地区生产总值", 6.1, 2021) in got and ("地区生产总值", 8.1, 2021) in got
    assert ("固定资产投资", 10.0, 2021) in got and ("固定资产投资", 11.7, 2021) in got


def test_closing_plan_averages_of_any_indicator_listed_with_nianjun_fenbie():
    # 政府工作报告-主要城市/天津市/2011.md line 66: 2011 closes the 11th plan (2006-2010).
    text = "城镇登记失业率稳定在3.6%。城乡居民收入较快增长，城乡居民收入年均分别增长14%和10.4%。\n"
    got = _actual_growth(text, 2011)
    assert got["城镇居民收入"] == (14.0, 2010) and got["农村居民收入"] == (10.4, 2010)


def test_a_plan_named_as_comparison_base_is_not_the_period():
    # 政府工作报告-其他地市/博尔塔拉蒙古自治州/2021.md line 65: the 1.57倍 is against the 12th plan's end;
    # the average is the 13th plan's (2016-2020).
    text = "五年来，我们贯彻新发展理念，推动高质量发展，综合实力稳步提升。地区生产总值由2015年的240.06亿元增加到2020年的377.1亿元，是“十二五”末的1.57倍，年均增长7.8%。\n"
    assert _actual_growth(text, 2021)["地区生产总值"] == (7.8, 2020)


def test_realised_rate_controlled_at_is_exact_and_fiscal_names():
    # 政府工作报告-其他地市/包头市/2020.md line 29; 政府工作报告-省自治区/吉林省/2016.md line 18
    got = read("大力促进就业创业，城镇新增就业4.49万人，城镇登记失业率控制在3.86%。\n", 2020)
    rate = got[("城镇登记失业率", "actual")]
    assert (rate.base_value, rate.value.qualifier, rate.base_year) == (3.86, "exact", 2019)
    got = read("克服产品价格持续下行、企业效益下降等困难，地方级财政收入仍达到1229.3亿元，增长2.2%。\n", 2016)
    assert got[("地方级财政收入", "actual")].base_value == 1229.3
    assert got[("地方级财政收入", "growth")].annual_growth == 2.2


# 政府工作报告-国务院/2011.md lines 60, 70 and 74 (abridged to the sentences with figures), 84 and 90.
NATIONAL_2011_PLAN = """## 二、“十二五”时期的主要目标和任务

——我们要加快转变经济发展方式和调整经济结构。积极稳妥推进城镇化，城镇化率从47.5%提高到51.5%，完善城市化布局和形态，不断提升城镇化的质量和水平。

——我们要扎实推进资源节约和环境保护。非化石能源占一次能源消费比重提高到11.4%，单位国内生产总值能耗和二氧化碳排放分别降低16%和17%，主要污染物排放总量减少8%至10%，森林蓄积量增加6亿立方米，森林覆盖率达到21.66%。

## 三、2011年的工作

今年国民经济和社会发展的主要预期目标是：国内生产总值增长8%左右；经济结构进一步优化；居民消费价格总水平涨幅控制在4%左右。
"""


def test_a_plan_section_dates_its_targets_to_the_plan_end():
    facts, _ = read_work_report(blocks(document_from_markdown(NATIONAL_2011_PLAN, "x.md")), 2011)
    got = {(f.name, f.role): f for f in facts}
    assert got[("城镇化率", "target")].value.number == 51.5
    assert got[("城镇化率", "target")].target_year == 2015
    assert (got[("城镇化率", "actual")].base_value, got[("城镇化率", "actual")].base_year) == (47.5, 2010)
    assert got[("非化石能源占一次能源消费比重", "target")].target_year == 2015
    energy = got[("单位国内生产总值能耗降低", "target")]
    assert (energy.annual_growth, energy.target_year) == (16.0, 2015)
    assert got[("森林覆盖率", "target")].value.number == 21.66
    # The section ends at the next top-level heading: the year's targets are the year's.
    assert (got[("国内生产总值", "target")].annual_growth, got[("国内生产总值", "target")].target_year) == (8.0, 2011)


def test_a_review_heading_naming_the_plan_opens_no_plan_section():
    # 政府工作报告-省自治区/福建省/2007.md line 16 is the heading of the review of 2006.
    text = "**一、“十一五”开局良好，海峡西岸经济区建设全面推进**\n\n预计全省生产总值7501.63亿元，增长13.4%。\n"
    facts, _ = read_work_report(blocks(document_from_markdown(text, "x.md")), 2007)
    assert {(f.role, f.target_year or f.base_year) for f in facts} == {("actual", 2006)}


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # 政府工作报告-国务院/2023.md line 152
        ("进出口促稳提质", [("进出口", "促稳提质")]),
        ("生态环境质量稳定改善", [("生态环境质量", "稳定改善")]),
        (
            "单位国内生产总值能耗和主要污染物排放量继续下降",
            [("单位国内生产总值能耗", "继续下降"), ("主要污染物排放量", "继续下降")],
        ),
        # 政府工作报告-国务院/2009.md line 74
        ("经济结构进一步优化", [("经济结构", "进一步优化")]),
        ("城乡居民收入稳定增长", [("城乡居民收入", "稳定增长")]),
        # 政府工作报告-主要城市/无锡市/2018.md line 64: two indicators, one target; then one goal
        (
            "城镇登记失业率、居民消费价格涨幅控制在省定范围内",
            [("城镇登记失业率", "控制在省定范围内"), ("居民消费价格涨幅", "控制在省定范围内")],
        ),
        (
            "节能减排和大气、水环境质量确保完成省下达的目标任务",
            [("节能减排和大气、水环境质量", "完成省下达的目标任务")],
        ),
        # 政府工作报告-主要城市/泉州市/2009.md line 46
        ("实际利用外资（验资口径）持平", [("实际利用外资（验资口径）", "持平")]),
    ],
)
def test_text_targets(clause, expected):
    got = [(s.name, s.text) for s in read_clause(clause, 0, len(clause), None)]
    assert got == expected


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # 政府工作报告-主要城市/大连市/2004.md line 56: 分别 with one value for both
        (
            "城镇居民人均可支配收入和农村居民人均纯收入分别增长10%",
            [("城镇居民人均可支配收入", 10.0, "exact"), ("农村居民人均纯收入", 10.0, "exact")],
        ),
        # 政府工作报告-主要城市/昆明市/2012.md line 84: 均 + 实际增长, a list joined by 和
        (
            "城镇居民人均可支配收入和农民人均纯收入均实际增长12%以上",
            [("城镇居民人均可支配收入", 12.0, "at_least"), ("农民人均纯收入", 12.0, "at_least")],
        ),
        # 政府工作报告-省自治区/山东省/2008.md line 140: the head 排放量 is shared
        (
            "二氧化硫和化学需氧量排放量均下降4%",
            [("二氧化硫排放量下降", 4.0, "exact"), ("化学需氧量排放量下降", 4.0, "exact")],
        ),
    ],
)
def test_one_value_shared_by_a_list(clause, expected):
    got = [(s.name, s.value.number, s.value.qualifier) for s in read_clause(clause, 0, len(clause), None)]
    assert got == expected


def test_title_and_byline_open_no_section_and_past_year_ends_five_years():
    # 政府工作报告-省自治区/福建省/2007.md lines 7 (byline) and 18 (abridged): the review is read.
    text = "――2007年1月24日在福建省第十届人民代表大会第五次会议上的报告\n\n**一、“十一五”开局良好，海峡西岸经济区建设全面推进**\n\n初步统计，全省生产总值7501.63亿元，增长13.4%。\n"
    got = read(text, 2007)
    assert got[("生产总值", "actual")].base_value == 7501.63 and got[("生产总值", "actual")].preliminary
    # 政府工作报告-其他地市/通辽市/2022.md lines 13, 15 and 29 (abridged): 过去的一年 after a five-year passage.
    text = "一、第五届人民政府工作回顾\n\n本届政府自2018年履职以来，坚持以习近平新时代中国特色社会主义思想为指导。\n\n各位代表，过去的一年，我们稳中求进、承压前行。全市地区生产总值增长4%，一般公共预算收入增长14.95%。\n"
    assert _actual_growth(text, 2022)["地区生产总值"] == (4.0, 2021)


def test_a_clause_naming_the_indicator_without_a_number_carries_it():
    # 政府工作报告-主要城市/青岛市/2021.md line 20 (2021 closes the 13th plan, 2016-2020)
    text = "五年来，综合实力大幅提升。生产总值突破万亿大关，预计达1.2万亿元，年均增长6.5%左右。\n"
    got = read(text, 2021)
    level = got[("生产总值", "actual")]
    assert (level.base_value, level.base_year, level.preliminary) == (1.2, 2020, True)
    assert _actual_growth(text, 2021)["生产总值"] == (6.5, 2020)


def test_a_look_back_inside_the_years_section():
    # 政府工作报告-国务院/2011.md lines 84 and 86 (abridged)
    text = "## 三、2011年的工作\n\n2011年，是“十二五”开局之年。过去一年，我们的各项工作取得了很大成绩。国内生产总值增长10.3%，居民消费价格涨幅控制在3.3%，城镇新增就业1168万人。\n"
    got = read(text, 2011)
    assert _actual_growth(text, 2011)["国内生产总值"] == (10.3, 2010)
    cpi = got[("居民消费价格涨幅", "actual")]
    assert (cpi.base_value, cpi.value.qualifier, cpi.base_year) == (3.3, "exact", 2010)


def test_closing_plan_reductions_in_a_sub_section_of_the_plan_review():
    # 政府工作报告-国务院/2011.md lines 12 and 32 (abridged): the review of the 11th plan (2006-2010);
    # the sub-heading keeps its section's five years, and 五年累计 reductions are the plan's.
    text = "## 一、“十一五”时期国民经济和社会发展的回顾\n\n（三）大力推进经济结构调整，提高经济增长质量和效益\n\n大力发展循环经济。五年累计，单位国内生产总值能耗下降19.1%，化学需氧量、二氧化硫排放量分别下降12.45%、14.29%。\n"
    got = _actual_growth(text, 2011)
    assert got["单位国内生产总值能耗下降"] == (19.1, 2010)
    assert got["化学需氧量排放量下降"] == (12.45, 2010) and got["二氧化硫排放量下降"] == (14.29, 2010)


def test_values_joined_like_the_names_and_a_change_clause_keeps_the_subject():
    # 政府工作报告-主要城市/广州市/2022.md line 24: 分别 left out
    clause = "城乡居民人均可支配收入年均增长7.9%和10%"
    got = [(s.name, s.value.number) for s in read_clause(clause, 0, len(clause), None)]
    assert got == [("城镇居民人均可支配收入", 7.9), ("农村居民人均可支配收入", 10.0)]
    # 政府工作报告-其他地市/乌兰察布市/2022.md line 17 (abridged): 净增 is a change, not an indicator;
    # 2022 closes no plan, so the average is over the term's five years up to 2021.
    text = "本届政府于2018年1月就职，任期即将结束。我们顶住下行压力，保持经济平稳健康发展，地区生产总值由2017年的689.8亿元增加到2021年的903.6亿元，净增213.8亿元，年均增长5%；一般公共预算收入年均增长8.7%。\n"
    got = _actual_growth(text, 2022)
    assert got["地区生产总值"] == (5.0, 2021) and got["一般公共预算收入"] == (8.7, 2021)


def test_investment_headline_names():
    # 政府工作报告-其他地市/哈密市/2016.md line 27 (abridged)
    got = read(
        "刚刚过去的2015年，我们主动适应经济发展新常态。预计实现生产总值343.1亿元，增长16.1%；地方固定资产投资350亿元，增长5%。\n",
        2016,
    )
    assert got[("地方固定资产投资", "actual")].base_value == 350.0
    assert got[("生产总值", "actual")].base_value == 343.1 and got[("生产总值", "actual")].preliminary


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # 政府工作报告-国务院/2011.md line 76: a list of names before one value, no 分别 or 均
        (
            "城镇居民人均可支配收入和农村居民人均纯收入年均实际增长超过7%",
            [("城镇居民人均可支配收入", 7.0, "at_least"), ("农村居民人均纯收入", 7.0, "at_least")],
        ),
        # 政府工作报告-主要城市/上海市/2005.md line 82: 、 splits the list before 与 does
        (
            "全社会研究与发展经费支出、环保投入相当于全市生产总值的比例分别达到2.4%、3%以上",
            [("全社会研究与发展经费支出比例", 2.4, "at_least"), ("环保投入相当于全市生产总值的比例", 3.0, "at_least")],
        ),
        # 政府工作报告-国务院/2023.md line 14; 政府工作报告-省自治区/海南省/2005.md line 18
        ("年末城镇调查失业率降到5.5%", [("城镇调查失业率", 5.5, "exact")]),
        ("同口径增长21.2%", []),
        # 哈尔滨市/2003.md:19 国内生产总值２００２年预计达到１２３２亿元: the year and 预计 before the verb
        ("国内生产总值2002年预计达到1232亿元", [("国内生产总值", 1232.0, "exact")]),
        # 大连市/2023.md:16 一般公共预算收入扣除减税降费因素增长8%左右: what is deducted is no part of the name
        ("一般公共预算收入扣除减税降费因素增长8%左右", [("一般公共预算收入", 8.0, "approx")]),
    ],
)
def test_more_list_and_noise_words(clause, expected):
    got = [(s.name, s.value.number, s.value.qualifier) for s in read_clause(clause, 0, len(clause), None)]
    assert got == expected


def test_same_basis_growth_continues_the_level():
    # 政府工作报告-省自治区/海南省/2005.md line 18 (abridged)
    text = "地方财政收入69.39亿元，同口径增长21.2%，财政收入增速明显快于经济增长。\n"
    assert _actual_growth(text, 2005)["地方财政收入"] == (21.2, 2004)


def test_a_list_continues_into_the_next_clause_and_cumulative_marks_its_clause():
    # 政府工作报告-其他地市/通辽市/2022.md lines 13, 15 and 25 (abridged): 2022 closes no plan; the term's
    # averages end in 2021. 累计 belongs to the jobs clause only.
    text = "一、第五届人民政府工作回顾\n\n本届政府自2018年履职以来，坚持以习近平新时代中国特色社会主义思想为指导。\n\n民生福祉持续增进。累计实现城镇新增就业6.1万人、高校毕业生就业6.6万人，城乡居民人均可支配收入分别达到37475元和18405元，年均分别增长5.5%和10.1%。\n"
    got = _actual_growth(text, 2022)
    assert got["城镇居民人均可支配收入"] == (5.5, 2021) and got["农村居民人均可支配收入"] == (10.1, 2021)


def test_basis_words_and_the_year_of_a_base():
    # 政府工作报告-主要城市/南昌市/2014.md line 16 (abridged)
    assert _actual_growth("全年完成财政总收入558亿元，按省口径计算增长16.8%。\n", 2014)["财政总收入"] == (16.8, 2013)
    # 政府工作报告-省自治区/甘肃省/2013.md line 16 (abridged): 2007 is the base's year, 2012 the figure's.
    got = read("预计2012年生产总值由2007年的2704亿元增加到5569亿元，按不变价计算年均增长11.5%。\n", 2013)
    assert (got[("生产总值", "actual")].base_value, got[("生产总值", "actual")].base_year) == (5569.0, 2012)


def test_plan_section_text_targets_and_growth():
    # 政府工作报告-国务院/2016.md lines 62 and 68 (abridged)
    text = "## 二、“十三五”时期主要目标任务和重大举措\n\n——保持经济中高速增长，推动产业迈向中高端水平。实现全面建成小康社会目标，到2020年国内生产总值和城乡居民人均收入比2010年翻一番，“十三五”时期经济年均增长保持在6.5%以上。\n"
    facts, _ = read_work_report(blocks(document_from_markdown(text, "x.md")), 2016)
    got = {f.name: f for f in facts}
    assert got["国内生产总值"].value.qualifier == "text" and got["国内生产总值"].target_year == 2020
    assert got["城乡居民人均收入"].value.text == "比2010年翻一番"
    growth = got["经济"]
    assert (growth.annual_growth, growth.value.qualifier, growth.target_year) == (6.5, "at_least", 2020)


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # 政府工作报告-国务院/2011.md line 72 and 2016.md line 74: one name holding 与 / 及
        (
            "研究与试验发展经费支出占国内生产总值比重达到2.2%",
            [("研究与试验发展经费支出占国内生产总值比重", 2.2, "exact")],
        ),
        ("地级及以上城市空气质量优良天数比率超过80%", [("地级及以上城市空气质量优良天数比率", 80.0, "at_least")]),
        # 政府工作报告-国务院/2016.md line 72, 2004.md line 180, 省自治区/甘肃省/2013.md line 16: no indicator
        ("引导约1亿人", []),
        ("比去年增加36亿元", []),
        ("扣除物价因素年均增长3.9%", []),
    ],
)
def test_names_that_are_no_indicators_or_one_indicator(clause, expected):
    got = [(s.name, s.value.number, s.value.qualifier) for s in read_clause(clause, 0, len(clause), None)]
    assert got == expected


def test_leading_verbs_of_a_text_target_are_no_part_of_its_name():
    # 政府工作报告-国务院/2011.md line 68; 政府工作报告-省自治区/辽宁省/2010.md line 122
    clause = "保持价格总水平基本稳定"
    assert [(s.name, s.text) for s in read_clause(clause, 0, len(clause), None)] == [("价格总水平", "基本稳定")]
    clause = "努力做到主要经济指标增速不低于振兴以来的平均水平和东部地区的平均水平"
    assert [s.name for s in read_clause(clause, 0, len(clause), None)] == ["主要经济指标增速"]


@pytest.mark.parametrize(
    ("text", "year", "gdp"),
    [
        # 政府工作报告-主要城市/南京市/2020.md line 51 (abridged)
        (
            "今年经济社会发展的预期性指标主要是：地区生产总值增长7.5%；一般公共预算收入增长4%。\n",
            2020,
            ("地区生产总值", 7.5),
        ),
        # 政府工作报告-省自治区/山东省/1997.md line 40 (abridged)
        (
            "今年全省宏观调控目标和主要计划指标初步安排为：国内生产总值增长10%；地方财政收入增长16%。\n",
            1997,
            ("国内生产总值", 10.0),
        ),
        # 政府工作报告-省自治区/宁夏回族自治区/2007.md line 58 (abridged)
        (
            "主要预期目标和约束性指标是:地区生产总值增长10%;地方一般预算收入可比增长13%以上；\n",
            2007,
            ("地区生产总值", 10.0),
        ),
    ],
)
def test_other_openings_of_the_years_targets(text, year, gdp):
    got = read(text, year)
    target = got[(gdp[0], "target")]
    assert (target.annual_growth, target.target_year) == (gdp[1], year)


def test_a_dated_aside_opens_no_targets_passage():
    from plantargets.extract.workreport import _year_targets_intro

    # 政府工作报告-省自治区/四川省/2019.md line 278 (note 55, 节约型机关): 今年4月 is a date, the 目标 another plan's.
    text = "今年4月，省机关事务管理局等部门印发了四川省实施方案，目标是：到2022年，全省75%的县级及以上党政机关达到创建要求。"
    assert _year_targets_intro(text, 2019) is None
    # 政府工作报告-主要城市/南京市/2020.md line 51
    assert _year_targets_intro("今年经济社会发展的预期性指标主要是：地区生产总值增长7.5%", 2020) is not None


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # 省自治区/宁夏回族自治区/2003.md:40: 到2007年 dates the target, 到 is no part of the name
        ("国内生产总值到2007年达到520亿元", [("国内生产总值", 520.0, "exact", "亿元")]),
        # 主要城市/福州市/2021.md:175: 接近 is a verb, the target about that level
        ("全社会研究与试验发展经费投入强度接近3%", [("全社会研究与试验发展经费投入强度", 3.0, "approx", "%")]),
        # 省自治区/河南省/2020.md:76: 个 … 个百分点, one unit printed once for both values
        (
            "常住人口城镇化率和户籍人口城镇化率分别提高1.5个和2个百分点",
            [("常住人口城镇化率提高", 1.5, "exact", "个百分点"), ("户籍人口城镇化率提高", 2.0, "exact", "个百分点")],
        ),
        # 主要城市/太原市/2019.md:9: a task (重点落实好…), no indicator
        ("重点落实好省下放8座煤矿属地监管职责", []),
        # 主要城市/北京市/2006.md:172 and 主要城市/南宁市/2021.md:94: tasks, no indicators
        ("全力办好59件实事", []),
        # 主要城市/上海市/2006.md:85: a list of places, no indicator (中心城、)
        ("形成由1个中心城、9个新城", []),
    ],
)
def test_names_end_and_start_with_no_verb_preposition_or_conjunction(clause, expected):
    got = [(s.name, s.value.number, s.value.qualifier, s.unit) for s in read_clause(clause, 0, len(clause), None)]
    assert got == expected


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # 主要城市/上海市/2020.md:84 and 主要城市/佛山市/2021.md:82: the base compared with is no part of the name (it is of the words: 与上年基本持平)
        ("地方一般公共预算收入与上年基本持平", [("地方一般公共预算收入", "与上年基本持平")]),
        # 主要城市/上海市/2004.md:46 and 主要城市/天津市/2023.md:91: 保持 / 实现 before the predicate
        ("地方财政收入保持与国内生产总值同步增长", [("地方财政收入", "与国内生产总值同步增长")]),
        ("居民人均可支配收入保持与经济增长基本同步", [("居民人均可支配收入", "与经济增长基本同步")]),
        # 主要城市/泉州市/2019.md:42
        ("居民收入增长要实现和经济增长基本同步", [("居民收入增长", "和经济增长基本同步")]),
        # 省自治区/甘肃省/2011.md:76 and 2020.md:56: an adverb (如期) is no indicator of a task
        ("要如期完成全面建设小康社会的目标", []),
        ("务必确保如期全面完成脱贫攻坚任务", []),
    ],
)
def test_text_target_names_without_verbs_bases_or_adverbs(clause, expected):
    assert [(s.name, s.text) for s in read_clause(clause, 0, len(clause), None)] == expected


def test_an_explanation_after_a_lead_clause_ends_the_passage():
    # 省自治区/甘肃省/2011.md:76 (abridged): 综合考虑各方面因素，实现这些目标… explains the plan's targets; the
    # present figures after it (城镇化率达到35.1%) and the targets restated (把…确定为12%以上) are no new targets
    text = (
        "确定了“十二五”经济社会发展的主要预期目标：生产总值年均增长12%以上，城镇化率达到40%以上，城乡居民收入年均增长12%。"
        "综合考虑各方面因素，实现这些目标是完全可能的。从发展阶段看，目前我省人均生产总值已突破2000美元，城镇化率达到"
        "35.1%。这里，需要着重说明的是，把经济增长速度确定为12%以上，主要考虑到，要如期完成全面建设小康社会的目标。"
        "把城乡居民收入年均增长12%作为主要预期目标，主要考虑到，保障和改善民生是经济发展的最终目的。\n"
    )
    got = [
        (f.name, f.value.number if f.value else None)
        for f in read_work_report(blocks(document_from_markdown(text, "x.md")), 2011)[0]
    ]
    assert got == [("生产总值", 12.0), ("城镇化率", 40.0), ("城乡居民收入", 12.0)]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # 主要城市/重庆市/2006.md:114 and 其他地市/克孜勒苏柯尔克孜自治州/2021.md:17: 保持 / 预计实现 before the growth verb
        ("非公有制经济增加值保持年均增长20%以上", [("非公有制经济增加值", 20.0, "at_least")]),
        ("工业增加值预计实现年均增长3.7%", [("工业增加值", 3.7, "exact")]),
        # 省自治区/浙江省/1991.md:62: 平均每年 is the average, no part of the name
        ("工业总产值平均每年增长8%左右", [("工业总产值", 8.0, "approx")]),
        # 省自治区/新疆维吾尔自治区/2016.md:110: 把 puts the indicator before its verb
        ("把农业用水比重降到90%以下", [("农业用水比重", 90.0, "at_most")]),
        # 省自治区/新疆维吾尔自治区/2026.md:78: a target set (建议…目标设定为) before its growth verb
        ("建议“十五五”时期地区生产总值增速目标设定为年均增长5.5%—6%", [("地区生产总值", 5.5, "range")]),
    ],
)
def test_framing_words_around_a_growth_are_no_part_of_the_name(clause, expected):
    got = [(s.name, s.value.number, s.value.qualifier) for s in read_clause(clause, 0, len(clause), None)]
    assert got == expected


@pytest.mark.parametrize(
    ("clause", "name"),
    [
        # 主要城市/海口市/2018.md:74 and 主要城市/杭州市/2022.md:114: 控制 / 计划 belong to the target, not the name
        ("全面完成省下达的节能减排降碳控制目标", "节能减排降碳"),
        ("完成国家和省下达的能源环境指标计划目标", "能源环境指标"),
    ],
)
def test_a_task_names_its_indicator_without_the_kind_of_target(clause, name):
    assert [s.name for s in read_clause(clause, 0, len(clause), None)] == [name]


def test_a_plans_guiding_section_dates_its_targets_passage_to_the_plan_end():
    # 陕西省/2021.md:57 二、“十四五”经济社会发展的指导思想和总体要求; :63 (abridged) 经济社会发展的主要目标是：…
    # 人均生产总值达到9万元左右。 and :79 三、以高质量发展为“十四五”开好局 (the year's section)
    text = (
        "二、“十四五”经济社会发展的指导思想和总体要求\n\n经济社会发展的主要目标是：经济高质量发展迈出更大步伐，"
        "人均生产总值达到9万元左右。\n\n三、以高质量发展为“十四五”开好局\n\n今年经济社会发展的主要预期目标是：生产总值增长6.5%左右。\n"
    )
    facts, _ = read_work_report(blocks(document_from_markdown(text, "x.md")), 2021)
    got = {f.name: (f.value.number, f.target_year) for f in facts if f.value.number is not None}
    assert got == {"人均生产总值": (9.0, 2025), "生产总值": (6.5, 2021)}


def test_an_item_of_the_years_passage_counted_over_the_plan_is_the_plans():
    # 陕西省/2024.md:51 (abridged) 今年发展主要预期目标是：生产总值增长5.5%左右，…单位生产总值能耗降低2.5%以上，
    # 力争“十四五”以来累计降低10%左右。
    text = (
        "## 二、2024年工作安排\n\n今年发展主要预期目标是：生产总值增长5.5%左右，一般公共预算收入增长3%。"
        "单位生产总值能耗降低2.5%以上，力争“十四五”以来累计降低10%左右。\n"
    )
    facts, _ = read_work_report(blocks(document_from_markdown(text, "x.md")), 2024)
    got = [(f.annual_growth, f.value.qualifier, f.target_year) for f in facts if "能耗" in f.name]
    assert got == [(2.5, "at_least", 2024), (10.0, "approx", 2025)]


def test_a_later_year_of_one_sentence_of_a_plans_passage_does_not_date_the_next():
    # 哈尔滨市/2001.md:43 二、“十五”时期经济社会发展的思路、奋斗目标和战略措施; :51 (abridged) 宏观调控的主要预期目标是:
    # 到2005年，国内生产总值达到1750亿元，年均增长11.8%，为2007年实现国内生产总值比2000年翻一番打下坚实基础。
    # 财政一般预算总收入年均增长9%
    text = (
        "二、“十五”时期经济社会发展的思路、奋斗目标和战略措施\n\n宏观调控的主要预期目标是:到2005年，国内生产总值达到1750亿元，"
        "年均增长11.8%，为2007年实现国内生产总值比2000年翻一番打下坚实基础。财政一般预算总收入年均增长9%。\n"
    )
    facts, _ = read_work_report(blocks(document_from_markdown(text, "x.md")), 2001)
    got = {(f.name, f.value.number): f.target_year for f in facts if f.value.number is not None}
    assert got == {("国内生产总值", 1750.0): 2005, ("国内生产总值", 11.8): 2005, ("财政一般预算总收入", 9.0): 2005}


def test_a_terms_section_states_its_reduction_targets():
    # 江西省/2008.md:40 二、今后五年的主要奋斗目标和要求; :48 (abridged) 生态文明建设取得新成效。…单位生产总值能耗力争五年下降20%，
    # 化学需氧量排放量下降5%，二氧化硫排放量下降7%；工业用水重复利用率提高到80%
    text = (
        "二、今后五年的主要奋斗目标和要求\n\n生态文明建设取得新成效。生态环境和人居环境进一步改善，节能降耗减排取得重大进展，"
        "单位生产总值能耗力争五年下降20%，化学需氧量排放量下降5%，二氧化硫排放量下降7%；工业用水重复利用率提高到80%。\n"
    )
    facts, _ = read_work_report(blocks(document_from_markdown(text, "x.md")), 2008)
    got = [(f.name, f.annual_growth, f.target_year) for f in facts if f.annual_growth is not None]
    assert got == [
        ("单位生产总值能耗下降", 20.0, 2012),
        ("化学需氧量排放量下降", 5.0, 2012),
        ("二氧化硫排放量下降", 7.0, 2012),
    ]


def test_a_terms_section_states_its_jobs_target():
    # 江西省/2008.md:40 二、今后五年的主要奋斗目标和要求; :54 (abridged) 人民生活水平得到新提高。就业岗位持续增加，
    # 五年新增城镇就业250万人。
    text = "二、今后五年的主要奋斗目标和要求\n\n人民生活水平得到新提高。就业岗位持续增加，五年新增城镇就业250万人。\n"
    facts, _ = read_work_report(blocks(document_from_markdown(text, "x.md")), 2008)
    assert [(f.name, f.value.number, f.target_year) for f in facts] == [("新增城镇就业", 250.0, 2012)]


def test_a_dated_rise_of_a_share_in_points_is_a_plan_target():
    # 宁夏回族自治区/2016.md:74 (abridged; under a forward heading naming no plan) 加快构建…现代工业体系。到2020年，
    # 战略性新兴产业占比提高5个百分点。
    text = "二、今后的主要任务\n\n加快构建现代工业体系。到2020年，战略性新兴产业占比提高5个百分点。\n"
    facts, _ = read_work_report(blocks(document_from_markdown(text, "x.md")), 2016)
    assert [(f.value.number, f.unit, f.target_year) for f in facts] == [(5.0, "个百分点", 2020)]
