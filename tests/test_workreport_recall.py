"""More of the work-report reader on real lines (quoted from data/raw/lawtext-gov; file and line
in comments): region names before an indicator, period lists, the indicator of the sentence before,
and targets passages opened in other words."""

from __future__ import annotations

from plantargets.extract.passages import blocks
from plantargets.extract.report_base import headline_code, without_region
from plantargets.extract.workreport import read_work_report
from plantargets.read.markdown import document_from_markdown


def facts(text: str, year: int):
    facts, _ = read_work_report(blocks(document_from_markdown(text, "x.md")), year)
    return facts


def test_a_region_before_the_gdp_name_is_no_part_of_it():
    # 政府工作报告-省自治区/西藏自治区/2017.md:17 (abridged)
    text = "## 一、过去一年工作回顾\n\n2016年，预计西藏生产总值达1148亿元、增长11.5%；全社会固定资产投资1610亿元、增长20%。\n"
    got = {(f.name, f.measure): f for f in facts(text, 2017) if f.role == "actual"}
    level, growth = got[("生产总值", "level")], got[("生产总值", "growth")]
    assert (level.base_value, level.base_year, level.preliminary) == (1148.0, 2016, True)
    assert (growth.annual_growth, growth.target_year) == (11.5, 2016)
    # A per-head or per-unit measure keeps its words: 人均地 is no region.
    assert without_region("人均地区生产总值") == "人均地区生产总值" and headline_code("人均地区生产总值") == ""
    assert without_region("无锡市地区生产总值") == "地区生产总值"
    assert without_region("新疆维吾尔自治区生产总值") == "生产总值"


def test_parts_of_the_year_listed_keep_only_the_full_year():
    # 政府工作报告-省自治区/吉林省/2016.md:18 (abridged)
    text = (
        "## 一、2015年工作回顾\n\n——经济增长缓中趋稳。全省地区生产总值增速呈现“前低后高”态势，一季度、上半年、前三季度和"
        "全年分别增长5.8%、6.1%、6.3%、6.5%，总量达到14274.1亿元。\n"
    )
    got = [f for f in facts(text, 2016) if f.role == "actual"]
    assert [(f.name, f.measure, f.annual_growth, f.base_value) for f in got] == [
        ("地区生产总值", "growth", 6.5, None),
        ("地区生产总值", "level", None, 14274.1),
    ]
    assert {f.target_year for f in got if f.measure == "growth"} == {2015}
    # Without 全年 the list states no figure of the year.
    assert read_clause_names("一季度、上半年分别增长5.8%、6.1%") == []


def read_clause_names(clause: str) -> list[str]:
    from plantargets.extract.statements import Statement, read_clause

    prev = Statement("地区生产总值", "level", None, "", 0, 0, 0)
    return [st.name for st in read_clause(clause, 0, len(clause), prev)]


def test_a_topic_sentence_names_the_sector_of_the_figures_after_it():
    # 政府工作报告-主要城市/天津市/2011.md:28 (abridged), in the review of the 11th plan
    text = "## 一、“十一五”时期的发展成就\n\n服务业加快发展。年均增长 15.3%，占生产总值比重由“十五”末的42.5%提高到45%左右。\n"
    got = [f for f in facts(text, 2011) if f.role == "actual" and f.name == "服务业"]
    assert [(f.annual_growth, f.base_year, f.target_year) for f in got] == [(15.3, 2005, 2010)]
    # A sentence that is no topic (经济保持平稳较快发展) names nothing for the next.
    from plantargets.extract.report_sentences import topic_before

    block = blocks(document_from_markdown("——经济保持平稳较快发展。年均增长10%。\n", "x.md"))[0]
    assert topic_before(block, block.text.index("年均")) is None


def test_targets_announced_as_adjusted_open_the_passage():
    # 政府工作报告-国务院/2020.md:54 (abridged)
    text = (
        "## 二、2020年发展主要目标和下一步工作总体部署\n\n综合研判形势，我们对疫情前考虑的预期目标作了适当调整。"
        "今年要优先稳就业保民生；城镇新增就业900万人以上，城镇调查失业率6%左右；进出口促稳提质，国际收支基本平衡；"
        "单位国内生产总值能耗和主要污染物排放量继续下降，努力完成“十三五”规划目标任务。\n"
    )
    got = {f.name: f for f in facts(text, 2020) if f.role == "target"}
    jobs = got["城镇新增就业"]
    assert (jobs.value.number, jobs.value.qualifier, jobs.target_year) == (900.0, "at_least", 2020)
    assert got["国际收支"].value.text == "基本平衡"
    # The plan's tasks are no target of the indicator before them.
    assert [f.value.text for f in facts(text, 2020) if f.name == "主要污染物排放量"] == ["继续下降"]


def test_a_comparison_base_between_name_and_verb_is_no_part_of_the_name():
    from plantargets.extract.statements import read_clause

    # 政府工作报告-其他地市/乌兰察布市/2022.md:17 (abridged): the second list continues the first.
    first = "城乡居民人均可支配收入较2017年分别提高7119元和4579元"
    names = [st.name for st in read_clause(first, 0, len(first), None)]
    assert [n.removesuffix("提高") for n in names] == ["城镇居民人均可支配收入", "农村居民人均可支配收入"]
    text = "## 一、过去四年工作回顾\n\n本届政府于2018年1月就职。城乡居民人均可支配收入较2017年分别提高7119元和4579元，年均分别增长5.7%和10%，跑赢了经济增长速度。\n"
    got = {f.name: f for f in facts(text, 2022) if f.role == "actual" and f.measure == "growth"}
    assert (got["城镇居民人均可支配收入"].annual_growth, got["农村居民人均可支配收入"].annual_growth) == (5.7, 10.0)
    assert got["城镇居民人均可支配收入"].target_year == 2021
    # 政府工作报告-省自治区/吉林省/2016.md:42: 就是 introduces the list, it is no part of the name.
    clause = "就是城乡居民收入分别增长11%和12%"
    assert [st.name for st in read_clause(clause, 0, len(clause), None)] == ["城镇居民收入", "农村居民收入"]


def _text_targets(text: str, year: int) -> dict[str, str]:
    return {f.name: f.value.text for f in facts(text, year) if f.role == "target" and f.value.qualifier == "text"}


def test_text_targets_deferred_to_the_plan_or_set_by_a_task():
    # 政府工作报告-省自治区/陕西省/2022.md:55 (abridged)
    got = _text_targets("今年发展主要预期目标是：生产总值增长6%左右，能耗强度在“十四五”规划期内统筹考核。\n", 2022)
    assert got["能耗强度"] == "在“十四五”规划期内统筹考核"
    # 政府工作报告-省自治区/河南省/2026.md:70 (abridged)
    text = "主要预期目标是：经济增长5%左右，单位生产总值二氧化碳排放降低目标与国家“十五五”考核目标统筹衔接。\n"
    assert _text_targets(text, 2026)["单位生产总值二氧化碳排放降低"] == "与国家“十五五”考核目标统筹衔接"
    # 政府工作报告-其他地市/赤峰市/2025.md:51 and 政府工作报告-主要城市/昆明市/2012.md:84 (abridged): the task
    # names its indicator, not the clause before it.
    text = "今年经济社会发展主要预期目标是：居民收入增长与经济增长基本同步，确保完成自治区下达的“十四五”能耗强度下降目标。\n"
    assert _text_targets(text, 2025)["能耗强度下降"] == "完成自治区下达的“十四五”能耗强度下降目标"
    text = "今年经济社会发展主要预期目标建议为：单位生产总值能耗下降3.9%以上，完成二氧化硫、化学需氧量、氮氧化物、氨氮减排任务。\n"
    assert "二氧化硫、化学需氧量、氮氧化物、氨氮减排" in _text_targets(text, 2012)


def test_risks_kept_in_check_are_text_targets():
    # 政府工作报告-主要城市/广州市/2022.md:110 (abridged)
    text = "主要预期目标是：地区生产总值增长5.5%左右；居民消费价格涨幅控制在3%左右；经济金融风险有效防范。重点要做好以下工作：\n"
    assert _text_targets(text, 2022)["经济金融风险"] == "有效防范"
    # 政府工作报告-国务院/2020.md:54 (abridged): 重大金融风险有效防控
    text = "今年发展主要预期目标是：城镇调查失业率6%左右；重大金融风险有效防控；单位国内生产总值能耗继续下降。\n"
    assert _text_targets(text, 2020)["重大金融风险"] == "有效防控"


def test_two_names_sharing_a_text_target_and_a_task_opened_by_quanmian():
    # 政府工作报告-省自治区/吉林省/2016.md:114 (abridged): GDP is short but an indicator.
    text = "## “十三五”时期主要目标\n\n主要目标是：到2020年实现GDP和城乡居民收入比2010年翻一番。\n"
    got = _text_targets(text, 2016)
    assert got["GDP"] == got["城乡居民收入"] == "比2010年翻一番"
    # 政府工作报告-主要城市/青岛市/2021.md:110 (abridged)
    text = "主要预期目标是：粮食产量保持稳定，全面完成国家、省下达的年度节能减排约束性目标和环境质量改善目标。\n"
    assert _text_targets(text, 2021)["节能减排"].startswith("完成国家、省下达的年度节能减排约束性目标")


def test_where_revenue_comes_from_is_no_part_of_its_name():
    # 政府工作报告-省自治区/海南省/2005.md:18 and 政府工作报告-主要城市/广州市/2022.md:24
    assert headline_code("来自全省的财政收入总计") == "fiscal"
    assert without_region("来源于广州地区的一般公共预算收入") == "一般公共预算收入"
    text = "## 一、2004年工作回顾\n\n全省生产总值790.12亿元，比上年增长10.4%。来自全省的财政收入总计为122.76亿元，增长20.3%。\n"
    got = [f for f in facts(text, 2005) if f.role == "actual" and f.measure == "growth" and "财政收入" in f.name]
    assert [(f.annual_growth, f.target_year) for f in got] == [(20.3, 2004)]


def test_a_measure_counted_in_years_keeps_its_values():
    from plantargets.extract.statements import read_clause

    # 政府工作报告-国务院/2016.md:78 (abridged)
    clause = "劳动年龄人口平均受教育年限从10.23年提高到10.8年"
    got = [(st.value.number, st.verb) for st in read_clause(clause, 0, len(clause), None) if st.value]
    assert got == [(10.23, "由"), (10.8, "提高到")]
    # Elsewhere 年 counts or dates (5年年均增长6.1%): no value.
    from plantargets.extract.statement_values import clause_values

    # 政府工作报告-主要城市/广州市/2022.md:24: 5年年均增长6.1%
    assert [v.number for _, _, v in clause_values("同比增长8.1%，5年年均增长6.1%")] == [8.1, 6.1]
