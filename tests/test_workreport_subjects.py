"""Work-report lines read by the whole extractor (report reader and general reader together):
subjects the general reader must take as the area's GDP, headings, endnote markers. Each text is
a real line quoted from data/raw/lawtext-gov (file and line in the comment), values checked there."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from plantargets.dataset.assemble import extract_documents
from plantargets.extract.passages import blocks
from plantargets.extract.workreport import read_report, read_work_report, review_lines
from plantargets.read.markdown import document_from_markdown


def rows(tmp_path: Path, title: str, body: str) -> pd.DataFrame:
    """Indicator rows of a report made of ``title`` and ``body`` (no manifest row: read from the title)."""
    path = tmp_path / "report.md"
    path.write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
    return extract_documents([(path, None)]).indicators


def gdp_targets(df: pd.DataFrame) -> list[tuple[float, str, int]]:
    got = df[(df["indicator"] == "gdp_growth") & (df["role"] == "target")]
    return [(float(r.annual_growth), r.qualifier, int(r.target_year)) for r in got.itertuples()]


def test_bare_gdp_after_a_modal_word_is_the_areas_target(tmp_path: Path) -> None:
    # 新疆维吾尔自治区/2013.md:72 确保生产总值增长11%以上；工业增加值增长15%；…
    df = rows(
        tmp_path,
        "2013年新疆维吾尔自治区政府工作报告",
        "## 二、2013年工作安排\n\n确保生产总值增长11%以上；工业增加值增长15%；全社会固定资产投资增长30%以上。",
    )
    assert gdp_targets(df) == [(11.0, "at_least", 2013)]


def test_bare_gdp_after_the_whole_area_is_the_areas_target(tmp_path: Path) -> None:
    # 重庆市/2009.md:55 综合考虑各种因素，全市生产总值要力保增长12%，地方财政一般预算收入增长13%。
    df = rows(
        tmp_path,
        "2009年重庆市政府工作报告",
        "## 二、2009年工作安排\n\n保持经济平稳较快发展是今年工作的首要任务。综合考虑各种因素，全市生产总值要力保增长12%，"
        "地方财政一般预算收入增长13%。",
    )
    assert gdp_targets(df) == [(12.0, "exact", 2009)]
    # 福州市/2006.md:83 初步确定2006年全市生产总值增长11%: 初步确定 frames the target, it names nothing.
    df = rows(
        tmp_path,
        "2006年福州市政府工作报告",
        "## 二、2006年工作安排\n\n各项经济社会发展预期目标安排必须积极稳妥。初步确定2006年全市生产总值增长11%，财政总收入增长14%。",
    )
    assert gdp_targets(df) == [(11.0, "exact", 2006)]


def test_bare_gdp_of_no_named_area_nor_aim_stays_unread(tmp_path: Path) -> None:
    # A bare head without the area or an aim does not say whose output it is (a county's, a zone's).
    # 南京市/2014.md:27 (abridged: the suburbs' figures, 郊区 dropped) 预计实现生产总值增长12.3%
    df = rows(
        tmp_path, "2014年南京市政府工作报告", "## 二、2014年工作安排\n\n城乡统筹发展成效明显。生产总值增长12.3%。"
    )
    assert gdp_targets(df) == []
    # 甘肃省/2017.md:132 (abridged): a paragraph about a part of the area states that part's target.
    df = rows(
        tmp_path,
        "2017年甘肃省政府工作报告",
        "## 二、2017年工作安排\n\n加快把兰州新区建设成为宜居宜业宜游的综合型现代新城，力争生产总值增长20%以上。",
    )
    assert gdp_targets(df) == []
    # 兰州市/2012.md:32 (abridged): 预计 before the whole area's GDP in the review is last year's figure.
    df = rows(
        tmp_path,
        "2012年兰州市政府工作报告",
        "## 一、2011年工作回顾\n\n经济社会发展取得新的成效。预计全市生产总值增长15%，规模以上工业增加值增长15%。",
    )
    assert gdp_targets(df) == []


def test_a_long_bold_line_is_a_heading_and_a_paragraph_opening_on_the_year_keeps_its_year(tmp_path: Path) -> None:
    # 湖南省/2013.md:42 (a bold heading of 37 characters and its ** marks) and :50 (abridged)
    heading = "**二、未来五年，我们要全面贯彻落实党的十八大精神，奋力推进全面建成小康社会伟大事业**"
    assert blocks(document_from_markdown(heading + "\n", "x.md"))[0].heading
    df = rows(
        tmp_path,
        "2013年湖南省政府工作报告",
        "## 一、过去五年工作回顾\n\n过去五年是我们经受重大考验的五年。\n\n"
        f"{heading}\n\n"
        "今年，是全面贯彻落实党的十八大精神的开局之年。要力争地区生产总值增长10%以上；固定资产投资增长23%；"
        "居民消费价格涨幅控制在3.5%左右；城镇登记失业率控制在4.6%以内。主要抓好六个方面。",
    )
    assert gdp_targets(df) == [(10.0, "at_least", 2013)]
    cpi = df[df["indicator"] == "cpi"]
    assert list(zip(cpi["target_value"], cpi["role"], cpi["target_year"], strict=True)) == [(3.5, "target", 2013)]


def test_an_endnote_marker_inside_the_trigger_is_no_part_of_it() -> None:
    # 无锡市/2011.md:76 今年经济社会发展主要预期目 [1] 标是：地区生产总值增长11.5%；…: the report reader
    # must see the targets passage (the general reader alone would miss the 较2010年 reductions' year).
    text = (
        "## 二、2011年工作安排\n\n综合考虑各方面因素，今年经济社会发展主要预期目 [1] 标是：地区生产总值增长11.5%；"
        "万元地区生产总值能耗较2010年降低3.8%。\n"
    )
    found, _ = read_work_report(blocks(document_from_markdown(text, "x.md")), 2011)
    got = {f.name: (f.annual_growth, f.role, f.target_year) for f in found}
    assert got["地区生产总值"] == (11.5, "target", 2011)
    assert got["万元地区生产总值能耗降低"] == (3.8, "target", 2011)


def test_a_paragraph_naming_the_year_to_explain_its_target_restates_it() -> None:
    # 湖北省/2015.md:58 opens the passage (abridged); :66 explains it: 今年我省经济增长的预期目标安排为9%以上，
    # 是从全省发展大局综合考虑的 (the same target, no second one).
    text = (
        "## 二、2015年工作安排\n\n今年全省经济社会发展的主要预期目标是：地区生产总值增长9%以上；地方公共财政预算收入增长10%。\n\n"
        "二是要以稳增长、调结构的积极作为适应新常态。今年我省经济增长的预期目标安排为9%以上，是从全省发展大局综合考虑的，"
        "兼顾了方方面面的平衡。\n"
    )
    found, _ = read_work_report(blocks(document_from_markdown(text, "x.md")), 2015)
    assert [(f.name, f.annual_growth, f.line) for f in found if f.annual_growth == 9.0] == [("地区生产总值", 9.0, 3)]


def test_the_paragraph_a_trigger_announces_is_read_however_long() -> None:
    # 无锡市/2008.md:112 综合考虑各方面的因素，今年经济社会发展主要调控指标为： and :114 (abridged; the
    # paragraph is 300 characters: the incomes clause of :114 repeated stands for its length)
    item = "在优化结构、提高效益、降低消耗、保护环境的基础上，地区生产总值同比增长13％以上；万元地区生产总值能耗降低4.5％；"
    filler = "城市居民人均可支配收入增长13％，农民人均纯收入增长10％；" * 4
    text = f"## 2008年政府工作的主要任务\n\n综合考虑各方面的因素，今年经济社会发展主要调控指标为：\n\n{item}{filler}\n"
    found, _ = read_work_report(blocks(document_from_markdown(text, "x.md")), 2008)
    gdp = [f for f in found if f.name == "地区生产总值"]
    assert [(f.annual_growth, f.value.qualifier, f.role, f.target_year, f.line) for f in gdp] == [
        (13.0, "at_least", "target", 2008, 5)
    ]


def test_a_heading_naming_the_targets_announces_no_long_paragraph(tmp_path: Path) -> None:
    # 西安市/2024.md:98-102: the heading ends on 预期目标 (a trigger), the long paragraph after it is the
    # 总体要求, and :102 opens the passage itself; its targets are read once.
    body = (
        "**二、2024年工作总体要求和预期目标**\n\n"
        "新的一年，政府工作要以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大和二十届二中全会精神，全面贯彻中央经济工作会议和习近平总书记历次来陕考察重要讲话重要指示精神，认真落实省委十四届五次全会暨省委经济工作会议和市委十四届六次全会精神，坚持稳中求进、以进促稳、先立后破，坚持把高质量发展作为新时代的硬道理，完整、准确、全面贯彻新发展理念，加快转变特大城市发展方式，锚定“六个打造”奋斗目标，坚定不移推进创新立市、产业强市、文化兴市战略，深化拓展“三个年”活动，聚力推进全市“八个新突破”重点工作，夯实“三个保障”基础，在重点领域上实现破难、破题、破局，努力把比较优势变为领先态势，把短板弱项变为后发优势，在融合创新中开辟新赛道，全面加快国家中心城市建设步伐，充分激发千年古都精气神，创新推进中国式现代化西安实践展现新气象新作为，在奋力谱写中国式现代化建设的陕西新篇章中勇当先行示范。\n\n"
        "今年发展主要预期目标是：地区生产总值增长6%左右，规模以上工业增加值增长8%，固定资产投资增长6%，社会消费品零售总额增长6%，进出口总值增长8%，一般公共预算收入增长7%，城镇居民和农村居民人均可支配收入分别增长6%和7%左右，居民消费价格涨幅控制在3%左右，单位生产总值能耗下降2%—3%。"
    )
    df = rows(tmp_path, "2024年西安市政府工作报告", body)
    assert gdp_targets(df) == [(6.0, "approx", 2024)]
    assert len(df[df["line"].astype(int) == 7]) == 10  # :102, ten targets, none twice


def test_growth_in_the_review_is_no_target_of_the_year(tmp_path: Path) -> None:
    # 南宁市/2026.md:14 (heading) and :50 (abridged): the review's figures of 2025, stated without a
    # year; the general reader alone took them for the year's targets. :120 gives the real one.
    df = rows(
        tmp_path,
        "2026年南宁市政府工作报告",
        "**一、“十四五”主要成就及2025年工作**\n\n"
        "地区生产总值增长4.7%，其中一、二、三产增加值分别增长4.2%、5.2%、4.6%，规上工业增加值增长9.1%，"
        "社会消费品零售总额增长4.1%。\n\n"
        "**二、2026年工作安排**\n\n"
        "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，一般公共预算收入增长3.5%。",
    )
    assert gdp_targets(df) == [(5.0, "approx", 2026)]
    assert df[(df["role"] == "target") & (df["line"].astype(int) == 5)].empty


def test_a_heading_naming_past_and_future_is_no_review_section() -> None:
    # 鄂尔多斯市/2022.md:47 二、本届政府施政成果和今后五年经济社会发展主要任务 and :63 (abridged): the term's
    # targets follow the results, so the general reader keeps its own tense there (not the review's).
    text = (
        "**一、2021年工作回顾**\n\n过去一年，全市地区生产总值增长6.6%。\n\n"
        "**二、本届政府施政成果和今后五年经济社会发展主要任务**\n\n"
        "六是促进共同富裕新突破。实现更加充分、更高质量就业，城乡居民收入分别达到65000元和30000元以上。\n\n"
        "**三、2022年工作安排**\n\n今年经济社会发展的主要预期目标是：地区生产总值增长7%左右。\n"
    )
    r = read_report(blocks(document_from_markdown(text, "x.md")), 2022)
    assert 1 in review_lines(r) and not review_lines(r) & {5, 7, 11}  # :3 is read by the report reader


def test_an_explanation_after_the_targets_ends_the_passage() -> None:
    # 深圳市/2016.md:96 (abridged): 需要说明的是，8—8.5%的经济增长区间调控目标… restates the GDP target.
    text = (
        "## 二、2016年工作安排\n\n今年经济社会发展的主要预期目标是：本地生产总值增长8—8.5%，居民人均收入与经济增长基本同步，"
        "城镇居民登记失业率控制在3%以内，居民消费价格涨幅3%左右。需要说明的是，8—8.5%的经济增长区间调控目标，"
        "既考虑了深圳质量型增长更加稳健的需要。\n"
    )
    found, _ = read_work_report(blocks(document_from_markdown(text, "x.md")), 2016)
    assert [(f.name, f.annual_growth) for f in found if f.annual_growth] == [("本地生产总值", 8.0)]
    assert len(found) == 4


def test_a_task_with_an_aim_of_its_own_continues_no_indicator() -> None:
    # 大连市/2020.md:124 (abridged): 确保完成全面建成小康社会目标任务 is no second GDP target.
    text = (
        "## 二、2020年工作安排\n\n今年全市经济社会发展的主要预期目标是：地区生产总值增长与全国同步，"
        "确保完成全面建成小康社会目标任务；一般公共预算收入可比增长2％以上。\n"
    )
    found, _ = read_work_report(blocks(document_from_markdown(text, "x.md")), 2020)
    gdp = [(f.name, f.value.text) for f in found if f.name.startswith("地区生产总值")]
    assert gdp == [("地区生产总值增长", "与全国同步")]


def test_a_paragraph_explaining_the_targets_gives_no_second_target(tmp_path: Path) -> None:
    # 山西省/2017.md:52 (the passage, abridged) and :56 (abridged): 地区生产总值增速预期5.5%左右，旨在… says why.
    df = rows(
        tmp_path,
        "2017年山西省政府工作报告",
        "## 二、2017年工作安排\n\n主要预期指标是：地区生产总值增长5.5%左右，社会消费品零售总额增长7%左右。\n\n"
        "2017年指标体系的设定，考虑了转型需要，突出了转型导向，体现了稳中求进。地区生产总值增速预期5.5%左右，"
        "旨在为转型和改革留出空间。",
    )
    assert gdp_targets(df) == [(5.5, "approx", 2017)]
    assert df[df["line"].astype(int) == 7].empty


def test_a_target_arranged_at_a_growth_rate() -> None:
    # 江苏省/2026.md:74 (abridged) 今年经济社会发展主要预期目标是：地区生产总值按增长5%安排，在实际工作中努力争取更好结果
    text = (
        "## 二、2026年工作安排\n\n今年经济社会发展主要预期目标是：地区生产总值按增长5%安排，在实际工作中努力争取更好结果；"
        "一般公共预算收入增长2%。\n"
    )
    found, _ = read_work_report(blocks(document_from_markdown(text, "x.md")), 2026)
    got = {f.name: (f.annual_growth, f.value.qualifier, f.target_year) for f in found if f.annual_growth}
    assert got == {"地区生产总值": (5.0, "exact", 2026), "一般公共预算收入": (2.0, "exact", 2026)}


def test_the_main_regulation_targets_open_the_passage() -> None:
    # 宁夏回族自治区/2002.md:44 (abridged) 主要调控目标是:国内生产总值增长9%;其中第一产业增长3.5%
    text = "## 二、2002年工作安排\n\n做好各项工作。主要调控目标是:国内生产总值增长9%;其中第一产业增长3.5%。\n"
    found, _ = read_work_report(blocks(document_from_markdown(text, "x.md")), 2002)
    gdp = [(f.annual_growth, f.role, f.target_year) for f in found if f.name == "国内生产总值"]
    assert gdp == [(9.0, "target", 2002)]


def test_a_review_growth_rate_is_last_years_realised_figure(tmp_path: Path) -> None:
    # 辽宁省/2018.md:58 (the 2017 review): 推动工业转型升级。…第二产业增加值增长3.2％
    df = rows(
        tmp_path,
        "2018年辽宁省政府工作报告",
        "## 一、2017年工作回顾\n\n推动工业转型升级。全面落实八大门类产业政策，第二产业增加值增长3.2％。\n\n"
        "## 二、2018年工作安排\n\n今年经济社会发展的主要预期目标是：地区生产总值增长6.5%左右。",
    )
    got = df[df["name"] == "第二产业增加值"]
    assert [(r.role, float(r.annual_growth), int(r.target_year)) for r in got.itertuples()] == [("actual", 3.2, 2017)]


def test_growth_since_a_plan_end_is_no_annual_figure(tmp_path: Path) -> None:
    # 吉林省/2011.md:76 (five-year review): 城镇居民人均可支配收入和农民人均纯收入分别比“十五”末增长77.3%和91.1%
    df = rows(
        tmp_path,
        "2011年吉林省政府工作报告",
        "## 一、“十一五”时期工作回顾\n\n城镇居民人均可支配收入和农民人均纯收入分别比“十五”末增长77.3%和91.1%。\n\n"
        "## 二、2011年工作安排\n\n今年经济社会发展的主要预期目标是：地区生产总值增长12%。",
    )
    assert not ((df["role"] == "actual") & df["annual_growth"].isin([77.3, 91.1])).any()


def test_a_stretch_figure_in_practice_continues_the_growth_target() -> None:
    # 大连市/2023.md:52 全市经济社会发展主要预期目标：地区生产总值增长6%以上，在实际工作中争取实现7%的更好结果；
    # 一般公共预算收入增长20%左右；… (在实际工作中 frames the figure; it names no indicator)
    text = (
        "## 二、2023年工作安排\n\n全市经济社会发展主要预期目标：地区生产总值增长6%以上，在实际工作中争取实现7%的更好结果；"
        "一般公共预算收入增长20%左右。\n"
    )
    found, _ = read_work_report(blocks(document_from_markdown(text, "x.md")), 2023)
    got = [(f.name, f.annual_growth, f.value.qualifier) for f in found]
    assert got == [
        ("地区生产总值", 6.0, "at_least"),
        ("地区生产总值", 7.0, "exact"),
        ("一般公共预算收入", 20.0, "approx"),
    ]
    # 厦门市/2026.md:67 地区生产总值增长5%-5.5%，实际工作中按5.5%推进: the working figure of the same growth
    text = (
        "## 二、2026年工作安排\n\n2026年经济社会发展主要预期目标是：地区生产总值增长5%-5.5%，实际工作中按5.5%推进。\n"
    )
    found, _ = read_work_report(blocks(document_from_markdown(text, "x.md")), 2026)
    assert [(f.name, f.annual_growth) for f in found] == [("地区生产总值", 5.0), ("地区生产总值", 5.5)]


def test_a_doubling_on_a_base_names_the_indicator_the_average_continues() -> None:
    # 宁夏回族自治区/2016.md:66 (abridged) 主要预期目标是:到2020年，地区生产总值在2010年的基础上翻一番，
    # 年均增长7.5%以上，全社会固定资产投资年均增长10%以上。
    text = (
        "## 二、今后五年的目标任务\n\n主要预期目标是:到2020年，地区生产总值在2010年的基础上翻一番，年均增长7.5%以上，"
        "全社会固定资产投资年均增长10%以上。\n"
    )
    found, _ = read_work_report(blocks(document_from_markdown(text, "x.md")), 2016)
    got = [(f.name, f.annual_growth, f.value.qualifier, f.target_year) for f in found]
    assert got == [
        ("地区生产总值", None, "text", 2020),
        ("地区生产总值", 7.5, "at_least", 2020),
        ("全社会固定资产投资", 10.0, "at_least", 2020),
    ]


def _text_targets(text: str, year: int) -> list[tuple[str, str]]:
    found, _ = read_work_report(blocks(document_from_markdown(text, "x.md")), year)
    return [(f.name, f.value.text) for f in found if f.value.qualifier == "text"]


def test_text_targets_of_a_passage_in_plain_words() -> None:
    # 青岛市/2009.md:72 (abridged) …化学需氧量排放量下降5%，二氧化硫排放量不超过上年水平: a bound without a number
    text = "## 二、2009年工作安排\n\n经济社会发展的主要预期目标是：全市生产总值增长11%左右；化学需氧量排放量下降5%，二氧化硫排放量不超过上年水平。\n"
    assert _text_targets(text, 2009) == [("二氧化硫排放量", "不超过上年水平")]
    # 国务院/2022.md:62 (abridged) 居民收入增长与经济增长基本同步；进出口保稳提质，国际收支基本平衡
    text = "## 二、2022年工作总体要求\n\n今年发展主要预期目标是：国内生产总值增长5.5%左右；进出口保稳提质，国际收支基本平衡。\n"
    assert _text_targets(text, 2022) == [("进出口", "保稳提质"), ("国际收支", "基本平衡")]
    # 呼伦贝尔市/2014.md:47 (abridged) 城镇登记失业率控制在4%以内，…主要约束性指标达到自治区要求。
    text = "## 二、2014年工作安排\n\n今年经济社会发展主要预期目标是：地区生产总值增长9.5%左右，城镇登记失业率控制在4%以内，主要约束性指标达到自治区要求。\n"
    assert _text_targets(text, 2014) == [("主要约束性指标", "达到自治区要求")]


def test_growth_on_a_par_with_the_province_is_a_text_target_of_the_growth() -> None:
    # 昆明市/2020.md:102 (abridged) 今年经济社会发展主要预期目标建议为：地区生产总值增速与全省基本持平，…
    text = (
        "## 二、2020年工作安排\n\n今年经济社会发展主要预期目标建议为：地区生产总值增速与全省基本持平，"
        "一般公共预算收入增长2.5%，固定资产投资增长10%。\n"
    )
    assert _text_targets(text, 2020) == [("地区生产总值增速", "与全省基本持平")]


def test_a_doubling_without_its_number_is_a_text_target() -> None:
    # 武汉市/2012.md:104 (abridged) 经济总量实现翻番。2016年，地区生产总值超过1.3万亿元 (翻番 = 翻一番)
    text = (
        "## 二、今后五年的主要目标\n\n今后五年，政府工作的主要目标是：经济总量实现翻番，地区生产总值超过1.3万亿元。\n"
    )
    assert _text_targets(text, 2012) == [("经济总量", "实现翻番")]
    # 厦门市/2003.md:76 (abridged) 实现四个翻番，即以2000年为基数，到2005年国内生产总值达1000亿元: a campaign's name
    text = "## 二、今后三年的主要目标\n\n主要目标是：实现四个翻番，即以2000年为基数，到2005年国内生产总值达1000亿元。\n"
    assert _text_targets(text, 2003) == []


def test_new_progress_in_named_areas_is_a_text_target() -> None:
    # 国务院/2012.md:72 (abridged) 今年经济社会发展的主要预期目标是：国内生产总值增长7.5%；…同时，要在产业结构调整、自主创新、
    # 节能减排等方面取得新进展，城乡居民收入实际增长和经济增长保持同步。
    text = (
        "## 二、2012年工作的总体要求\n\n今年经济社会发展的主要预期目标是：国内生产总值增长7.5%。同时，要在产业结构调整、自主创新、"
        "节能减排等方面取得新进展，城乡居民收入实际增长和经济增长保持同步。\n"
    )
    got = _text_targets(text, 2012)
    assert [w for _, w in got] == ["取得新进展", "和经济增长保持同步"]
