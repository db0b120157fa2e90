"""The plan-outline reader (extract.outline): the goals section's targets and the review's opening.

Every text is cut from a real outline line (file:line quoted); values checked against the document.
"""

from __future__ import annotations

from plantargets.extract.outline import goal_year, read_outline
from plantargets.extract.passages import Block
from plantargets.extract.statements import Statement


def _block(text: str, line: int, heading: bool = False) -> Block:
    return Block(text, [line] * len(text), heading)


def _facts(paragraphs: list[tuple[str, int, bool]], start: int, end: int) -> dict[str, list]:
    facts, _ = read_outline([_block(t, n, h) for t, n, h in paragraphs], start, end)
    out: dict[str, list] = {}
    for f in facts:
        out.setdefault(f.name, []).append(f)
    return out


# lawtext-gov/五年规划/2006-十一五规划纲要.md:126 and :130
GOALS_2006 = [
    ("第三章　经济社会发展的主要目标", 126, True),
    (
        "——宏观经济平稳运行。国内生产总值年均增长7.5%，实现人均国内生产总值比2000年翻一番。"
        "城镇新增就业和转移农业劳动力各4500万人，城镇登记失业率控制在5%。价格总水平基本稳定。国际收支基本平衡。",
        130,
        False,
    ),
]


def test_goals_section_numeric_targets_are_the_plans():
    got = _facts(GOALS_2006, 2006, 2010)
    (gdp,) = got["国内生产总值"]
    assert (gdp.annual_growth, gdp.value.qualifier, gdp.target_year, gdp.role) == (7.5, "exact", 2010, "target")
    # 城镇新增就业和转移农业劳动力各4500万人: each of the two
    assert [got[n][0].value.number for n in ("城镇新增就业", "转移农业劳动力")] == [4500.0, 4500.0]
    (unemployment,) = got["城镇登记失业率"]
    assert (unemployment.value.number, unemployment.value.qualifier) == (5.0, "at_most")


def test_goals_section_text_targets_are_kept():
    got = _facts(GOALS_2006, 2006, 2010)
    assert got["价格总水平"][0].value.text == "基本稳定"
    assert got["国际收支"][0].value.text == "基本平衡"
    assert got["人均国内生产总值"][0].value.qualifier == "text"  # 比2000年翻一番


def test_vague_aims_without_an_indicator_are_not_targets():
    # lawtext-gov/五年规划/2021-十四五规划纲要.md:164 (cut): an aim (产业链现代化水平) is no indicator;
    # 全员劳动生产率增长高于国内生产总值增长 and 城镇化率提高到65% are targets.
    text = (
        "——经济发展取得新成效。国内生产总值年均增长保持在合理区间、各年度视情提出，全员劳动生产率增长高于国内生产总值增长，"
        "产业基础高级化、产业链现代化水平明显提高，常住人口城镇化率提高到65%，现代化经济体系建设取得重大进展。"
    )
    got = _facts([("第二节　“十四五”时期经济社会发展主要目标", 162, True), (text, 164, False)], 2021, 2025)
    assert "产业链现代化水平" not in got and "现代化经济体系建设" not in got
    assert got["常住人口城镇化率"][0].value.number == 65.0
    assert got["全员劳动生产率增长"][0].value.qualifier == "text"
    assert got["国内生产总值年均增长"][0].target_year == 2025


def test_a_goal_is_for_the_later_year_its_sentence_or_paragraph_names():
    # lawtext-gov/五年规划/2016-十三五规划纲要.md:164: 到2020年国内生产总值…比2010年翻一番 (2020, not 2010)
    text = "——经济保持中高速增长。在提高发展平衡性基础上，到2020年国内生产总值和城乡居民人均收入比2010年翻一番"
    st = Statement("国内生产总值", "text", None, "", 0, len(text), text.index("比2010"))
    assert goal_year(_block(text, 164), st, 2016, 2020) == 2020
    # lawtext-gov/五年规划/2021-十四五规划纲要.md:160: 展望2035年，… (the whole paragraph)
    text = "展望2035年，我国将基本实现社会主义现代化。广泛形成绿色生产生活方式，碳排放达峰后稳中有降"
    st = Statement("碳排放", "text", None, "", 0, len(text), text.index("达峰"))
    assert goal_year(_block(text, 160), st, 2021, 2025) == 2035


def test_review_opening_figures_are_realised():
    # lawtext-gov/五年规划/2011-十二五规划纲要.md:106 (cut)
    text = "胜利完成了“十一五”规划确定的主要目标和任务。综合国力大幅提升，2010年国内生产总值达到39.8万亿元，跃居世界第二位，国家财政收入达到8.3万亿元；"
    got = _facts([("第一章　发展环境", 102, True), (text, 106, False)], 2011, 2015)
    (gdp,) = got["国内生产总值"]
    assert (gdp.role, gdp.base_value, gdp.base_year, gdp.value.qualifier) == ("actual", 39.8, 2010, "exact")
    assert got["国家财政收入"][0].base_value == 8.3


def test_review_reads_plan_averages_and_counted_totals():
    # lawtext-gov/五年规划/2026-十五五规划纲要.md:112 (cut)
    text = "人民生活水平稳步提高，居民人均可支配收入年均增长5.4%，城镇新增就业累计达到6242万人。"
    got = _facts([("第一节　“十四五”时期我国发展取得重大成就", 108, True), (text, 112, False)], 2026, 2030)
    (income,) = got["居民人均可支配收入"]
    assert (income.role, income.annual_growth, income.target_year, income.period) == ("actual", 5.4, 2025, "past_plan")
    (jobs,) = got["城镇新增就业"]
    assert (jobs.base_value, jobs.base_year, jobs.value.cumulative) == (6242.0, 2025, True)


def test_review_skips_sums_over_the_plan_and_reads_only_its_opening():
    # data/raw/001_92a7ba0c77b212ac.txt:84: a five-year sum (“十三五”期间实现地区生产总值2484亿元) is no level
    sums = "——综合实力显著增强。“十三五”期间实现地区生产总值2484亿元,进出口总额突破900亿元。"
    # lawtext-gov/五年规划/2016-十三五规划纲要.md:130 (cut): a later paragraph is not the opening
    later = "经济保持持续较快发展，人均国内生产总值增至49351元。"
    got = _facts([("第一章　发展环境", 80, True), (sums, 84, False), (later, 130, False)], 2021, 2025)
    assert "地区生产总值" not in got and "进出口总额" not in got
    got = _facts([("第一章　发展环境", 126, True), (later, 130, False), (sums, 132, False)], 2016, 2020)
    assert got["人均国内生产总值"][0].base_value == 49351.0 and "进出口总额" not in got


def test_a_table_of_contents_opens_no_section():
    # lawtext-gov/五年规划/2011-十二五规划纲要.md:16-18: the contents list the chapters as headings
    toc = [("第一章发展环境", 16, True), ("第二章指导思想", 17, True), ("第三章主要目标", 18, True)]
    review = ("综合国力大幅提升，2010年国内生产总值达到39.8万亿元。", 106, False)
    got = _facts([*toc, ("第一章　发展环境", 102, True), review], 2011, 2015)
    assert got["国内生产总值"][0].base_value == 39.8


def test_goals_vague_predicates_name_a_measure():
    # lawtext-gov/五年规划/2011-十二五规划纲要.md:138 (cut): 居民消费率上升; 2016-十三五规划纲要.md:170 (cut): 收入差距缩小;
    # 2006-十一五规划纲要.md:134 (cut): 资源利用效率显著提高 is an aim, no measure
    text = "——结构调整取得重大进展。居民消费率上升。就业比较充分，收入差距缩小，中等收入人口比重上升。资源利用效率显著提高。"
    got = _facts([("第三章　主要目标", 134, True), (text, 138, False)], 2011, 2015)
    assert got["居民消费率"][0].value.text == "上升"
    assert got["收入差距"][0].value.text == "缩小"
    assert got["中等收入人口比重"][0].value.qualifier == "text"
    assert "资源利用效率" not in got


def test_goals_read_a_coefficient_and_a_trend_towards_balance():
    # lawtext-gov/五年规划/2011-十二五规划纲要.md:136 and :142 (cut)
    text = "国际收支趋向基本平衡。单位工业增加值用水量降低30%，农业灌溉用水有效利用系数提高到0.53。"
    got = _facts([("第三章　主要目标", 134, True), (text, 142, False)], 2011, 2015)
    assert got["国际收支"][0].value.text == "趋向基本平衡"
    (coefficient,) = got["农业灌溉用水有效利用系数"]
    assert (coefficient.value.number, coefficient.target_year) == (0.53, 2015)


def test_review_reads_nearly_as_approx():
    # lawtext-gov/五年规划/2021-十四五规划纲要.md:118 (cut)
    text = "城镇新增就业超过6000万人，建成世界上规模最大的社会保障体系，基本医疗保险覆盖超过13亿人，基本养老保险覆盖近10亿人。"
    got = _facts([("第一节　决胜全面建成小康社会取得决定性成就", 114, True), (text, 118, False)], 2021, 2025)
    pension = [f for name, fs in got.items() if name.startswith("基本养老保险") for f in fs]
    assert [(f.base_value, f.value.qualifier, f.base_year) for f in pension] == [(10.0, "approx", 2020)]
    assert got["城镇新增就业"][0].value.qualifier == "at_least"


def test_goals_list_of_whole_text_targets_gives_one_each():
    # lawtext-gov/五年规划/2026-十五五规划纲要.md:158 (cut)
    text = (
        "——人民生活品质不断提高。城镇调查失业率低于5.5%，居民收入增长和经济增长同步、劳动报酬提高和劳动生产率提高同步。"
    )
    got = _facts([("第三章　主要目标", 146, True), (text, 158, False)], 2026, 2030)
    assert got["居民收入增长"][0].value.text == "和经济增长同步"
    assert got["劳动报酬提高"][0].value.text == "和劳动生产率提高同步"
    assert got["城镇调查失业率"][0].value.qualifier == "at_most"


def test_2035_vision_text_targets():
    # lawtext-gov/五年规划/2021-十四五规划纲要.md:160 (cut): the paragraph opens with 展望2035年
    text = (
        "展望2035年，我国将基本实现社会主义现代化。经济总量和城乡居民人均收入将再迈上新的大台阶。"
        "广泛形成绿色生产生活方式，碳排放达峰后稳中有降。人均国内生产总值达到中等发达国家水平，平安中国建设达到更高水平。"
    )
    got = _facts([("第一节　2035年远景目标", 158, True), (text, 160, False)], 2021, 2025)
    assert (got["碳排放"][0].value.text, got["碳排放"][0].target_year) == ("达峰后稳中有降", 2035)
    assert got["人均国内生产总值"][0].value.text == "达到中等发达国家水平"
    assert "平安中国建设" not in got  # 达到更高水平: no measure
    assert [got[n][0].value.text for n in ("经济总量", "城乡居民人均收入")] == ["将再迈上新的大台阶"] * 2


def test_a_vision_heading_dates_its_goals():
    # data/raw/004_f3c3abe848757c8b.txt:29 and :30 (cut): the heading names 2035, the paragraph does not
    text = "按照自治区党委对2035年远景目标的安排部署，提出远景目标。主要目标是：综合实力明显跃升，经济总量和城乡居民人均收入迈上新台阶。"
    got = _facts([("第二节   2035年远景目标", 29, True), (text, 30, False)], 2021, 2025)
    assert [got[n][0].target_year for n in ("经济总量", "城乡居民人均收入")] == [2035, 2035]
    # data/raw/001_92a7ba0c77b212ac.txt:147 (a heading in Chinese numerals), the next section the plan's
    got = _facts(
        [
            ("第三节二〇三五年远景目标", 147, True),
            (text, 150, False),
            ("第四节 主要目标", 160, True),
            (text, 162, False),
        ],
        2021,
        2025,
    )
    assert [f.target_year for f in got["经济总量"]] == [2035, 2025]


def test_a_vague_aim_of_a_list_is_no_measure():
    # data/raw/001_92a7ba0c77b212ac.txt:170 (cut): 城乡居民收入快速增长、差距明显缩小 names no one measure
    text = "居民收入增长和经济增长基本同步,城乡居民收入快速增长、差距明显缩小,中等收入人口明显增加。"
    got = _facts([("第四节 主要目标", 160, True), (text, 170, False)], 2021, 2025)
    assert not any("差距" in name for name in got)
    assert got["居民收入增长"][0].value.text == "和经济增长基本同步"
