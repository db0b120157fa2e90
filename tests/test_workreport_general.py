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
    text = "## 一、2005年工作回顾\n\n国民经济快速发展。初步预计（下同），2005年，全省地区生产总值完成4100亿元，比上年增长12%。\n\n固定资产投资增长20%。\n"
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


def test_levels_crossed_are_no_year_level_and_the_average_keeps_its_indicator():
    # 国务院/2026.md:38 国内生产总值连续跨越110万亿元、120万亿元、130万亿元、140万亿元台阶，年均增长5.4%
    text = (
        "## 一、“十四五”时期发展成就\n\n2025年是“十四五”收官之年。经济总量实现新跃升，国内生产总值连续跨越110万亿元、"
        "120万亿元、130万亿元、140万亿元台阶，年均增长5.4%、明显高于全球平均增速。\n"
    )
    got = facts(text, 2026)
    assert [(f.name, f.annual_growth, f.base_year, f.target_year, f.role) for f in got] == [
        ("国内生产总值", 5.4, 2020, 2025, "actual")
    ]


def test_a_lone_level_crossed_is_a_bound_until_the_level_itself_is_stated():
    # 海口市/2022.md:22 全市地区生产总值跨过2000亿元台阶，年均增长7.8%
    haikou = (
        "## 一、过去五年工作回顾\n\n过去五年，我们稳步提升发展质量。全市地区生产总值跨过2000亿元台阶，年均增长7.8%。\n"
    )
    gdp = [f for f in facts(haikou, 2022) if f.measure == "level"]
    assert [(f.base_value, f.value.qualifier, f.base_year) for f in gdp] == [(2000.0, "at_least", 2021)]
    # 山东省/2008.md:20 全省经济总量跨过2万亿元台阶，人均超过3000美元。2007年全省生产总值25887.7亿元
    shandong = "## 一、2007年工作回顾\n\n全省经济总量跨过2万亿元台阶，人均超过3000美元。2007年全省生产总值25887.7亿元，增长14.2%。\n"
    gdp = [f for f in facts(shandong, 2008) if f.measure == "level"]
    assert [(f.base_value, f.value.qualifier, f.line) for f in gdp] == [(25887.7, "exact", 3)]
    # 云南省/2007.md:17 全省生产总值突破4000亿元大关，达到4001.9亿元，比上年增长11.9%
    yunnan = "## 一、2006年工作回顾\n\n初步核算，全省生产总值突破4000亿元大关，达到4001.9亿元，比上年增长11.9%。\n"
    gdp = [f for f in facts(yunnan, 2007) if f.measure == "level"]
    assert [(f.base_value, f.value.qualifier, f.preliminary) for f in gdp] == [(4001.9, "exact", True)]
    # 鄂尔多斯市/2015.md:17 (abridged) 全市地区生产总值突破4000亿元，达到4162.2亿元，增长8%；…固定资产投资突破3000亿元，
    # 达到3422亿元，增长15.8%: a bound crossed is the level's milestone without 大关 too
    ordos = (
        "## 一、2014年工作回顾\n\n（一）经济实现平稳增长。全市地区生产总值突破4000亿元，达到4162.2亿元，增长8%；"
        "固定资产投资突破3000亿元，达到3422亿元，增长15.8%。\n"
    )
    levels = [f for f in facts(ordos, 2015) if f.measure == "level"]
    assert [(f.name, f.base_value, f.value.qualifier) for f in levels] == [
        ("地区生产总值", 4162.2, "exact"),
        ("固定资产投资", 3422.0, "exact"),
    ]
    # 西藏自治区/2011.md:19 (abridged) 全区生产总值先后突破300亿元、400亿元、500亿元，预计2010年达到507.5亿元: every
    # level of the list is crossed on the way
    tibet = "## 一、过去五年工作回顾\n\n全区生产总值先后突破300亿元、400亿元、500亿元，预计2010年达到507.5亿元，年均增长12.4%。\n"
    levels = [f for f in facts(tibet, 2011) if f.measure == "level"]
    assert [(f.base_value, f.value.qualifier, f.preliminary) for f in levels] == [(507.5, "exact", True)]


def test_the_total_fiscal_revenue_is_a_headline_figure_beside_the_general_budget():
    # 福州市/2025.md:22 (abridged) 预计全市地区生产总值增长6%；…一般公共预算总收入1151.47亿元，下降3.2%；
    # 地方一般公共预算收入750.5亿元，下降0.5%
    fuzhou = (
        "## 一、2024年工作回顾\n\n预计全市地区生产总值增长6%；一般公共预算总收入1151.47亿元，下降3.2%；"
        "地方一般公共预算收入750.5亿元，下降0.5%。\n"
    )
    got = [
        (f.name, f.base_value, f.annual_growth, f.preliminary) for f in facts(fuzhou, 2025) if f.name != "地区生产总值"
    ]
    assert got == [
        ("一般公共预算总收入", 1151.47, None, True),
        ("一般公共预算总收入", None, -3.2, True),
        ("地方一般公共预算收入", 750.5, None, True),
        ("地方一般公共预算收入", None, -0.5, True),
    ]
    # 河北省/2013.md:20 (abridged) 2012年全省生产总值26575亿元，同比增长9.6%。全部财政收入3479.3亿元，其中公共财政预算收入2084.2亿元
    hebei = (
        "## 一、过去五年工作回顾\n\n五年来，经济保持平稳较快发展。2012年全省生产总值26575亿元，同比增长9.6%，比2007年增长65.8%。"
        "全部财政收入3479.3亿元，其中公共财政预算收入2084.2亿元，分别比2007年增长1.3倍和1.6倍。\n"
    )
    fiscal = [(f.name, f.base_value, f.base_year) for f in facts(hebei, 2013) if "财政" in f.name]
    assert fiscal == [("全部财政收入", 3479.3, 2012), ("公共财政预算收入", 2084.2, 2012)]


def test_the_growth_named_before_the_targets_word():
    # 国务院/2004.md:100 中央提出今年经济增长预期目标为7%左右
    text = "## 二、2004年工作\n\n实现经济平稳较快发展。中央提出今年经济增长预期目标为7%左右，既考虑了保持宏观调控目标的连续性。\n"
    got = [f for f in facts(text, 2004) if f.role == "target"]
    assert [(f.name, f.annual_growth, f.value.qualifier, f.target_year) for f in got] == [("经济", 7.0, "approx", 2004)]


def test_a_past_plans_heading_inside_the_new_plans_explanation_is_a_review():
    # 国务院/2006.md:188, 196, 200: （二）“十五”时期…主要情况 closes the 11th plan's section
    text = (
        "## 三、关于《纲要(草案)》的说明\n\n（一）“十一五”规划《纲要（草案）》的编制过程和主要特点\n\n党中央高度重视。\n\n"
        "（二）“十五”时期国民经济和社会发展主要情况\n\n五年来，我国经济实力显著增强。2005年与2000年相比，国内生产总值增长57.3%，"
        "年均增长9.5%；财政收入增长1.36倍，年均增加3647亿元。\n"
    )
    got = facts(text, 2006)
    assert [(f.name, f.annual_growth, f.base_year, f.target_year, f.role) for f in got] == [
        ("国内生产总值", 9.5, 2000, 2005, "actual")
    ]


def test_a_plan_named_as_a_base_does_not_date_the_average():
    # 天津市/2011.md:28 服务业加快发展。年均增长 15.3%，占生产总值比重由“十五”末的42.5%提高到45%左右
    text = (
        "## 一、“十一五”时期的回顾\n\n服务业加快发展。年均增长15.3%，占生产总值比重由“十五”末的42.5%提高到45%左右。\n"
    )
    got = [f for f in facts(text, 2011) if f.annual_growth is not None]
    assert [(f.name, f.annual_growth, f.base_year, f.target_year) for f in got] == [("服务业", 15.3, 2005, 2010)]


def test_a_past_plans_record_among_the_new_plans_aims():
    # 天津市/2006.md:64 “十五”时期我市万元生产总值能耗已下降22%
    text = (
        "## 二、“十一五”时期指导思想和主要发展目标\n\n万元生产总值能耗比“十五”末降低15%以上。“十五”时期我市万元生产总值能耗已下降22%，"
        "“十一五”期间占全市能耗65%左右的工业还会快速发展。\n"
    )
    got = {(f.role, f.annual_growth): f for f in facts(text, 2006)}
    past = got[("actual", 22.0)]
    assert (past.base_year, past.target_year) == (2000, 2005)
    assert got[("target", 15.0)].target_year == 2010


def test_a_closing_plans_average_after_levels_crossed_in_one_clause():
    # 江苏省/2026.md:22 地区生产总值连续迈上4个万亿元台阶、达14.2万亿元、年均增长5.7%
    jiangsu = "## 一、“十四五”时期发展成就\n\n地区生产总值连续迈上4个万亿元台阶、达14.2万亿元、年均增长5.7%，人均地区生产总值超过16万元。\n"
    got = [(f.name, f.base_value, f.annual_growth, f.base_year, f.target_year) for f in facts(jiangsu, 2026)]
    assert got[:2] == [("地区生产总值", 14.2, None, 2025, None), ("地区生产总值", None, 5.7, 2020, 2025)]
    # 安徽省/2026.md:42 地区生产总值连跨两个万亿元台阶，年均增长5.7%、高于全国0.3个百分点
    anhui = "## 一、“十四五”时期发展成就\n\n全省发展量质齐升。地区生产总值连跨两个万亿元台阶，年均增长5.7%、高于全国0.3个百分点。\n"
    got = [(f.name, f.annual_growth, f.base_year, f.target_year, f.role) for f in facts(anhui, 2026)]
    assert got == [("地区生产总值", 5.7, 2020, 2025, "actual")]


def test_a_level_raised_to_with_zhi():
    # 宁夏回族自治区/2026.md:82 人均地区生产总值从5.6万元增至7.8万元，超过1万美元，年均增长5.4%
    text = "## 一、“十四五”时期发展成就\n\n人均地区生产总值从5.6万元增至7.8万元，超过1万美元，年均增长5.4%。\n"
    growth = [f for f in facts(text, 2026) if f.annual_growth is not None]
    assert [(f.name, f.annual_growth, f.target_year) for f in growth] == [("人均地区生产总值", 5.4, 2025)]


def test_text_targets_of_the_year():
    # 上海市/2017.md:72, 国务院/2010.md:66, 山西省/2025.md:48, 广西壮族自治区/2019.md:58, 陕西省/2012.md:46
    text = (
        "今年的主要预期目标是：居民消费价格指数与国家价格调控目标保持衔接；国际收支状况改善；进出口总额力争保持正增长；"
        "节能减排降碳控制在国家下达目标内；氮氧化物排放力争实现零增长；节能减排约束性指标完成国家下达年度计划。\n"
    )
    got = {f.name: f.value.text for f in facts(text, 2019)}
    assert got == {
        "居民消费价格指数": "与国家价格调控目标保持衔接",
        "国际收支状况": "改善",
        "进出口总额": "保持正增长",
        "节能减排降碳": "控制在国家下达目标内",
        "氮氧化物排放": "实现零增长",
        "节能减排约束性指标": "完成国家下达年度计划",
    }


def test_a_plans_aims_without_a_measure_are_no_targets():
    # 湖北省/2023.md:68 今后五年要努力实现以下目标：…地区生产总值突破7万亿元，…科技创新策源功能显著增强，产业基础高级化和
    # 产业链现代化水平明显提高…基本公共服务均等化水平不断提高
    text = (
        "今后五年要努力实现以下目标：一是高质量发展迈上新台阶。地区生产总值突破7万亿元，高新技术产业增加值占比达到30%，"
        "三大都市圈协同发展水平明显提高，基本公共服务均等化水平不断提高，山水林田湖草沙系统治理取得重大进展。\n"
    )
    got = {f.name: f for f in facts(text, 2023)}
    assert set(got) == {"地区生产总值", "高新技术产业增加值占比"}
    assert got["地区生产总值"].target_year == 2027


def test_a_share_of_the_province_named_once_for_a_list():
    # 海口市/2022.md:22 全市地区生产总值跨过2000亿元台阶，年均增长7.8%。地区生产总值、固定资产投资、社会消费品零售总额
    # 占全省比重达31.8%、34.6%、42.3%
    text = (
        "## 一、过去五年工作回顾\n\n过去五年，我们稳步提升发展质量。全市地区生产总值跨过2000亿元台阶，年均增长7.8%。"
        "地区生产总值、固定资产投资、社会消费品零售总额占全省比重达31.8%、34.6%、42.3%。\n"
    )
    levels = [(f.name, f.base_value, f.value.qualifier) for f in facts(text, 2022) if f.measure == "level"]
    assert levels == [("地区生产总值", 2000.0, "at_least")]


def test_the_outlines_indicators_in_a_report_opening_a_plan():
    # 大连市/2021.md:62 《纲要》提出经济社会发展的主要指标：一是围绕经济发展提出3项指标，地区生产总值年均增长6％以上，…
    # 二是围绕创新驱动提出3项指标，研发经费投入年均增长10％以上，到2025年占地区生产总值比重达到3.5％，…以上共计20项指标，
    # 其中预期性指标12项、约束性指标8项。
    text = (
        "《纲要》提出经济社会发展的主要指标：一是围绕经济发展提出3项指标，地区生产总值年均增长6％以上，全员劳动生产率平均增长6％。"
        "二是围绕创新驱动提出3项指标，研发经费投入年均增长10％以上，到2025年占地区生产总值比重达到3.5％。"
        "以上共计20项指标，其中预期性指标12项、约束性指标8项。\n"
    )
    got = {f.name: f for f in facts(text, 2021)}
    assert set(got) == {"地区生产总值", "全员劳动生产率", "研发经费投入", "研发经费投入占地区生产总值比重"}
    assert {f.target_year for f in got.values()} == {2025}
    assert got["研发经费投入占地区生产总值比重"].value.number == 3.5


def test_aims_printed_verb_first_with_their_base():
    # 江西省/2011.md:96 “八个提高”：一是提高财政收入占GDP的比重，由13%提高到13.8%。…八是提高节能减排水平，…
    # 化学需氧量、氨氮、二氧化硫、氮氧化物排放量均减少1%以上。
    text = (
        "今年全省经济社会发展的主要预期目标是：生产总值增长10%以上，财政总收入增长18%。“八个提高”：一是提高财政收入占GDP的比重，"
        "由13%提高到13.8%。七是提高城镇化率，由44.8%提高到46.4%。八是提高节能减排水平，化学需氧量、氨氮、二氧化硫、"
        "氮氧化物排放量均减少1%以上。\n"
    )
    got = {(f.name, f.role): f for f in facts(text, 2011)}
    share = got[("财政收入占GDP的比重", "target")]
    assert (share.value.number, share.target_year) == (13.8, 2011)
    base = got[("财政收入占GDP的比重", "actual")]
    assert (base.base_value, base.base_year) == (13.0, 2010)
    assert got[("城镇化率", "actual")].base_value == 44.8
    cuts = {k[0]: f.annual_growth for k, f in got.items() if k[0].endswith("减少")}
    assert cuts == {
        "化学需氧量排放量减少": 1.0,
        "氨氮排放量减少": 1.0,
        "二氧化硫排放量减少": 1.0,
        "氮氧化物排放量减少": 1.0,
    }


def test_a_control_aim_is_a_text_target():
    # 国务院/2023.md:152 单位国内生产总值能耗和主要污染物排放量继续下降，重点控制化石能源消费，生态环境质量稳定改善。
    text = "今年发展主要预期目标是：单位国内生产总值能耗和主要污染物排放量继续下降，重点控制化石能源消费，生态环境质量稳定改善。\n"
    got = {f.name: f.value.text for f in facts(text, 2023)}
    assert got["化石能源消费"] == "重点控制化石能源消费"


def test_a_plans_base_per_head():
    # 国务院/2016.md:68 到2020年，…全员劳动生产率从人均8.7万元提高到12万元以上。
    text = (
        "## 三、“十三五”时期主要目标任务和重大举措\n\n到2020年，先进制造业、现代服务业、战略性新兴产业比重大幅提升，"
        "全员劳动生产率从人均8.7万元提高到12万元以上。\n"
    )
    got = {(f.name, f.role): f for f in facts(text, 2016)}
    assert (got[("全员劳动生产率", "actual")].base_value, got[("全员劳动生产率", "actual")].base_year) == (8.7, 2015)
    target = got[("全员劳动生产率", "target")]
    assert (target.value.number, target.value.qualifier, target.target_year) == (12.0, "at_least", 2020)


def test_a_section_on_the_governments_term_dates_its_targets_to_the_terms_end():
    # 乌兰察布市/2018.md:47, 57 **二、今后五年总体思路和目标任务** … 旅游人数和收入年均增长20%左右。服务业在国民经济中的比重达到45%以上
    text = (
        "**二、今后五年总体思路和目标任务**\n\n打造国内外知名的全域旅游目的地，旅游人数和收入年均增长20%左右。"
        "服务业在国民经济中的比重达到45%以上，经济结构更加合理。\n\n三、2018年重点工作\n\n城镇化率提高1个百分点。\n"
    )
    got = {f.name: f for f in facts(text, 2018)}
    assert got["服务业在国民经济中的比重"].target_year == 2022
    assert got["服务业在国民经济中的比重"].value.qualifier == "at_least"
    # A term's section lists projects and sector aims too: only headline indicators and rates count there.
    assert "旅游人数" not in got
    assert "城镇化率提高" not in got  # the year's section is no part of the term's


def test_a_term_review_heading_naming_the_term_ahead_stays_a_review():
    # 鄂尔多斯市/2022.md:47, 49 二、本届政府施政成果和今后五年经济社会发展主要任务 / 市四届人大一次会议以来，…
    # 地区生产总值由2017年的3150.2亿元增加至4715.7亿元
    text = (
        "二、本届政府施政成果和今后五年经济社会发展主要任务\n\n市四届人大一次会议以来，全市经济社会发展取得新的历史性成就。"
        "煤电装机达到2531万千瓦，森林覆盖率达到27.3%。\n"
    )
    assert [f for f in facts(text, 2022) if f.role == "target"] == []


def test_a_figure_printed_before_its_name():
    # 湖北省/2023.md:52 以年均3.1%的能源消费增速支撑年均5.2%的经济增长 (a term review: 过去五年)
    text = "## 一、过去五年工作回顾\n\n过去五年，规上工业总产值超过5万亿元，以年均3.1%的能源消费增速支撑年均5.2%的经济增长。\n"
    got = {f.name: f for f in facts(text, 2023) if f.annual_growth is not None}
    assert {n: (f.annual_growth, f.base_year, f.target_year) for n, f in got.items()} == {
        "能源消费": (3.1, 2017, 2022),
        "经济": (5.2, 2017, 2022),
    }
    # 国务院/2009.md:74 提出8%左右的国内生产总值增长目标: the target restated, no second figure
    restated = "今年经济社会发展的主要预期目标是：国内生产总值增长8%左右。这里要着重说明，提出8%左右的国内生产总值增长目标，综合考虑了需要和可能。\n"
    assert [f.annual_growth for f in facts(restated, 2009)] == [8.0]


def test_a_count_of_levels_crossed_is_no_level():
    # 山东省/2026.md:34 全省地区生产总值年均增长5.9%、高于全国0.5个百分点；经济总量连续跨过3个万亿元大关
    text = "## 一、“十四五”时期发展成就\n\n全省地区生产总值年均增长5.9%、高于全国0.5个百分点；经济总量连续跨过3个万亿元大关，在北方地区率先突破。\n"
    got = [(f.name, f.annual_growth, f.base_value) for f in facts(text, 2026)]
    assert got == [("地区生产总值", 5.9, None)]


def test_a_level_raised_from_a_dated_base_with_zengjiazhi():
    # 鄂尔多斯市/2022.md:49 地区生产总值由2017年的3150.2亿元增加至4715.7亿元，增长13.3%
    text = (
        "## 一、过去五年工作回顾\n\n市四届人大一次会议以来，全市经济社会发展取得新的历史性成就。地区生产总值由2017年的3150.2亿元"
        "增加至4715.7亿元，增长13.3%，人均GDP超过20万元；一般公共预算收入由2017年的356.8亿元增加至552亿元，年均增长11.5%。\n"
    )
    got = {(f.name, f.measure): f for f in facts(text, 2022)}
    assert (got[("地区生产总值", "level")].base_value, got[("地区生产总值", "level")].base_year) == (4715.7, 2021)
    assert got[("一般公共预算收入", "level")].base_value == 552.0
    assert "增加至" not in {k[0] for k in got}


def test_last_years_figures_looked_back_on_in_the_years_section():
    # 天津市/2006.md:176, 178 七、做好2006年工作… / 各位代表，…2005年市十四届人大三次会议确定的…各项任务已圆满完成。全市生产
    # 总值在上年增长 15.7%的基础上又增长14.5%，连续10个季度增长14%以上。财政收入增长26.8%，创近8年最好水平。
    text = (
        "七、做好2006年工作，实现“十一五”良好开局\n\n各位代表，在全市人民的共同努力下，2005年市十四届人大三次会议确定的经济社会发展的"
        "各项任务已圆满完成。全市生产总值在上年增长 15.7%的基础上又增长14.5%，连续10个季度增长14%以上。财政收入增长26.8%，"
        "创近8年最好水平。\n"
    )
    got = {f.name: (f.annual_growth, f.target_year, f.role) for f in facts(text, 2006)}
    assert got == {"生产总值": (14.5, 2005, "actual"), "财政收入": (26.8, 2005, "actual")}


def test_a_name_with_a_code_and_a_price_rise_printed_in_full():
    # 上海市/2026.md:86 PM2.5年均浓度累计下降17% (the 14th plan's record)
    shanghai = "## 一、“十四五”时期回顾\n\n五年来，社会保障水平稳步提高，PM2.5年均浓度累计下降17%，“一江一河一带”生态空间焕新发展。\n"
    got = [(f.name, f.annual_growth, f.base_year, f.target_year) for f in facts(shanghai, 2026)]
    assert got == [("PM2.5年均浓度下降", 17.0, 2020, 2025)]
    # 山西省/2006.md:15 居民消费价格总水平上涨幅度控制在2.5%以内
    shanxi = (
        "## 一、2005年工作回顾\n\n社会消费品零售总额1400亿元，增长14%；居民消费价格总水平上涨幅度控制在2.5%以内。\n"
    )
    cpi = {f.name: f for f in facts(shanxi, 2006)}["居民消费价格总水平涨幅"]
    assert (cpi.base_value, cpi.value.qualifier, cpi.base_year) == (2.5, "at_most", 2005)


def test_aims_listed_before_one_text_target_and_inward_investment():
    # 大连市/2021.md:68 单位地区生产总值能源消耗降低、单位地区生产总值二氧化碳排放降低、主要污染物排放量下降完成省下达计划目标
    # 大连市/2011.md:110 实际使用外资增长10%；引进内资增长20%
    text = (
        "今年经济社会发展的主要预期目标是：实际使用外资增长10%；引进内资增长20%；单位地区生产总值能源消耗降低、"
        "单位地区生产总值二氧化碳排放降低、主要污染物排放量下降完成省下达计划目标。\n"
    )
    got = {f.name: f for f in facts(text, 2021)}
    assert got["引进内资"].annual_growth == 20.0
    aims = {n: f.value.text for n, f in got.items() if f.value.qualifier == "text"}
    assert aims == dict.fromkeys(
        ["单位地区生产总值能源消耗", "单位地区生产总值二氧化碳排放", "主要污染物排放量"], "完成省下达计划目标"
    )


def test_a_past_plan_named_after_the_figure_is_a_comparison():
    # 国务院/2026.md:50 提出全社会研发经费投入年均增长7%以上，与“十四五”规划目标保持一致: no 14th-plan record
    text = (
        "## 三、关于《纲要（草案）》的说明\n\n其中，充分考虑研发投入增长趋势和企业投入能力，提出全社会研发经费投入年均增长7%以上，"
        "与“十四五”规划目标保持一致，确保研发投入力度不减。\n"
    )
    assert [f for f in facts(text, 2026) if f.role == "actual"] == []


def test_a_rate_named_after_its_value():
    # 青海省/2003.md:37 经济和社会发展的主要奋斗目标是：国内生产总值和财政收入保持10%以上的增长速度
    text = "今后五年经济和社会发展的主要奋斗目标是：国内生产总值和财政收入保持10%以上的增长速度，力争人均国内生产总值基本达到全国中等水平。\n"
    got = {f.name: f for f in facts(text, 2003) if f.value is not None and f.value.number is not None}
    assert {n: (f.annual_growth, f.value.qualifier, f.target_year) for n, f in got.items()} == {
        "国内生产总值": (10.0, "at_least", 2007),
        "财政收入": (10.0, "at_least", 2007),
    }


def test_the_cpis_average_rise_over_a_past_plan():
    # 天津市/2006.md:42 城市居民消费价格年均上升 1.1% (in the 十五 review); 海口市/2022.md:32 居民消费价格指数年均涨幅控制在2.8%以内
    tianjin = (
        "## 一、“十五”时期国民经济和社会发展的回顾\n\n解决了272万农村居民的饮水困难。城市居民消费价格年均上升 1.1%。\n"
    )
    cpi = facts(tianjin, 2006)
    assert [(f.name, f.base_value, f.base_year, f.annual_growth) for f in cpi] == [
        ("城市居民消费价格涨幅", 1.1, 2005, None)
    ]
    haikou = "## 一、过去五年工作回顾\n\n过去五年，建立完善粮食应急保障体系，居民消费价格指数年均涨幅控制在2.8%以内。\n"
    cpi = facts(haikou, 2022)
    assert [(f.base_value, f.value.qualifier, f.base_year) for f in cpi] == [(2.8, "at_most", 2021)]


def test_two_levels_then_their_growths_in_one_clause():
    # 云南省/2007.md:17 财政总收入887亿元，其中地方一般预算收入379.6亿元，分别增长16%和21.3%
    text = "## 一、2006年工作回顾\n\n全年完成固定资产投资2220.5亿元，增长26.5%；财政总收入887亿元，其中地方一般预算收入379.6亿元，分别增长16%和21.3%。\n"
    got = {f.name: f.annual_growth for f in facts(text, 2007) if f.annual_growth is not None}
    assert got == {"固定资产投资": 26.5, "财政总收入": 16.0, "地方一般预算收入": 21.3}


def test_targets_introduced_by_the_plans_end_year():
    # 陕西省/2006.md:38 …加快建设西部经济强省的步伐。到2010年的主要预期目标是：生产总值年均增长11％左右，突破6000亿元
    text = (
        "加快建设西部经济强省的步伐。到2010年的主要预期目标是：生产总值年均增长11％左右，突破6000亿元，人均16000元。\n"
    )
    got = [
        (f.name, f.annual_growth, f.target_year, f.base_year) for f in facts(text, 2006) if f.annual_growth is not None
    ]
    assert got == [("生产总值", 11.0, 2010, 2005)]


def test_a_five_year_passage_restating_last_years_level_adds_no_row():
    # 宁夏回族自治区/2016.md:20 (abridged) 预计实现地区生产总值2900亿元，增长8%左右 and :46 (abridged) 五年来，…地区生产总值
    # 从2010年的1690亿元增加到2900亿元，年均增长9.9%: the level is last year's, read once
    text = (
        "## 一、2015年和“十二五”工作回顾\n\n2015年，全区各族人民迎难而上。预计实现地区生产总值2900亿元，增长8%左右。\n\n"
        "五年来，我们狠抓工作落实。地区生产总值从2010年的1690亿元增加到2900亿元，年均增长9.9%。\n"
    )
    got = [(f.base_value, f.line) for f in facts(text, 2016) if f.measure == "level"]
    assert got == [(2900.0, 3)]


def test_a_list_changed_from_bases_to_levels_names_the_averages_after_it():
    # 伊犁哈萨克自治州/2021.md:27 (abridged) ——过去五年，…城乡居民人均可支配收入分别由2015年的24310元、11079元提高到2020年的
    # 32634元、15725元，年均增长6.1%和7.3%。
    text = (
        "## 一、2020年和“十三五”工作回顾\n\n——过去五年，我们坚持保障和改善民生，人民福祉显著提升。城乡居民人均可支配收入分别由"
        "2015年的24310元、11079元提高到2020年的32634元、15725元，年均增长6.1%和7.3%。\n"
    )
    got = [(f.name, f.annual_growth, f.base_year, f.target_year) for f in facts(text, 2021) if f.annual_growth]
    assert got == [("城镇居民人均可支配收入", 6.1, 2015, 2020), ("农村居民人均可支配收入", 7.3, 2015, 2020)]


def test_a_rates_average_rise_in_points_over_the_term_is_realised():
    # 安徽省/2013.md:44 (abridged) 这五年，综合实力大幅提升。…城镇化率由38.7%提高到46.5%，年均提高1.56个百分点。
    text = "## 一、过去五年工作回顾\n\n这五年，综合实力大幅提升。城镇化率由38.7%提高到46.5%，年均提高1.56个百分点。\n"
    got = [(f.name, f.annual_growth, f.unit, f.base_year, f.target_year) for f in facts(text, 2013) if f.annual_growth]
    assert got == [("城镇化率", 1.56, "个百分点", 2007, 2012)]
    # 山东省/2018.md:20 (abridged) 五年来，…区域城乡发展更趋协调，城镇化率年均提高1.6个百分点，850万农业转移人口成为城镇居民
    text = "## 一、过去五年工作回顾\n\n五年来，全省经济综合实力大幅提升。区域城乡发展更趋协调，城镇化率年均提高1.6个百分点。\n"
    got = [(f.name, f.annual_growth, f.unit) for f in facts(text, 2018) if f.annual_growth]
    assert got == [("城镇化率", 1.6, "个百分点")]


def test_the_level_after_a_change_is_the_indicators():
    # 深圳市/2008.md:20 (abridged) （一）效益深圳建设迈上新台阶。…地方财政一般预算收入一年净增157亿元，达658亿元，增长31.4%
    text = "## 一、2007年工作回顾\n\n（一）效益深圳建设迈上新台阶。地方财政一般预算收入一年净增157亿元，达658亿元，增长31.4%。\n"
    got = [(f.name, f.base_value, f.annual_growth) for f in facts(text, 2008)]
    assert got == [("地方财政一般预算收入", 658.0, None), ("地方财政一般预算收入", None, 31.4)]
