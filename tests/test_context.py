"""The document's context read from the document itself (no manifest row).

Openings are quoted from the corpus (``data/raw/lawtext-gov``; file in each case's id).
"""

from __future__ import annotations

import pytest

from plantargets.dataset.assemble import infer_context
from plantargets.extract.context import guess_context, report_plan
from plantargets.read.markdown import document_from_markdown

CASES = [
    (
        "国务院/2024",
        "**政府工作报告**\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n\n国务院总理　李强\n\n各位代表：\n",
        ("work_report", 2024, "全国", None),
    ),
    (
        "内蒙古自治区/2023",
        "---\nsource: https://www.nmg.gov.cn/x.html\ntitle: 2023年内蒙古自治区政府工作报告\n---\n\n各位代表：\n",
        ("work_report", 2023, "内蒙古自治区", None),
    ),
    (
        "云南省/2023",
        "---\ntitle: 2023年政府工作报告\n---\n\n**——2023年1月11日在云南省第十四届人民代表大会第一次会议上**\n\n**省长王予波**\n",
        ("work_report", 2023, "云南省", None),
    ),
    (
        "乌鲁木齐市/2021: title printed with spaces",
        "---\ntitle: 2 0 2 1 年 政府工作报告\n---\n\n**政府工作报告**\n\n2021年1月12日在乌鲁木齐市第十六届人民代表大会\n\n第五次会议上\n",
        ("work_report", 2021, "乌鲁木齐市", None),
    ),
    (
        "海南省/2017: date in Chinese numerals",
        "---\ntitle: 政府工作报告\n---\n\n**政府工作报告**——二〇一七年二月二十日在海南省第五届人民代表大会第五次会议上\n\n海南省省长刘赐贵\n",
        ("work_report", 2017, "海南省", None),
    ),
    (
        "拉萨市/2023: heard in December, sets the next year's targets",
        "---\ntitle: 2022年12月12日在拉萨市第十二届人民代表大会第三次会议上的政府工作报告\n---\n\n各位代表：\n",
        ("work_report", 2023, "拉萨市", None),
    ),
    (
        "江西省/2017: undated opening, the year from the review heading",
        "---\ntitle: 政府工作报告\n---\n\n省长 刘奇\n\n各位代表：\n\n**一、2016年工作回顾**\n",
        ("work_report", 2017, "", None),
    ),
    (
        "四川省/2014: the title names the year reviewed, the session (2015年1月28日) the year of the targets",
        "---\ntitle: 2014年四川省人民政府工作报告\n---\n\n**政府工作报告**\n"
        "在四川省第十二届人民代表大会第三次会议上（2015年1月28日）\n\n四川省人民政府省长魏宏\n\n各位代表：\n",
        ("work_report", 2015, "四川省", None),
    ),
    (
        "湖北省/2008",
        "---\ntitle: 湖北省人民政府2008年工作报告\n---\n\n各位代表：\n",
        ("work_report", 2008, "湖北省", None),
    ),
    (
        "五年规划/2021-十四五规划纲要",
        "---\ntitle: 中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要\n----\n\n"
        "<!-- 2021-03-13 07:16 来源： 新华社 -->\n\n> 新华社北京3月12日电\n",
        ("fyp_outline", None, "", 14),
    ),
    (
        "news write-up",
        "---\ndate: 2024-03-05\n---\n\n新华社北京3月5日电 今年发展主要预期目标是：国内生产总值增长5%左右\n",
        ("news", 2024, "", None),
    ),
    (
        # A news page as saved from the web: a headline that names no report, the page's ISO date and
        # source line, then the agency's lead naming the speaker (the targets are the national 2024
        # report's, 政府工作报告-国务院/2024.md).
        "news page with an ISO date",
        "李强：今年经济增长预期目标为5%左右\n\n2024-03-05 10:15 来源：新华网\n\n"
        "新华社北京3月5日电 国务院总理李强5日在十四届全国人大二次会议上作政府工作报告时说，"
        "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上。\n",
        ("news", 2024, "全国", None),
    ),
    (
        # The same lead without the page's date: the congress session dates it (14th NPC, 2nd session: 2024).
        "news lead dated by the congress session",
        "李强：今年经济增长预期目标为5%左右\n\n"
        "新华社北京3月5日电 国务院总理李强5日在十四届全国人大二次会议上作政府工作报告时说，"
        "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上。\n",
        ("news", 2024, "全国", None),
    ),
    (
        # A provincial paper's write-up (targets of 政府工作报告-省自治区/湖北省/2023.md:84): the session in
        # the lead's short form names the province.
        "provincial news lead, short session form",
        "湖北：今年地区生产总值预期增长6.5%左右\n\n2023-01-13 09:32:10 来源：湖北日报\n\n"
        "湖北日报讯（记者 张三）1月12日，省长王忠林在湖北省十四届人大一次会议上作政府工作报告。"
        "报告提出，2023年经济社会发展主要预期目标是：地区生产总值增长6.5%左右，在实际工作中争取更好结果。\n",
        ("work_report", 2023, "湖北省", None),
    ),
    (
        "annual plan report",
        "关于2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划草案的报告\n",
        ("annual_plan", 2024, "", None),
    ),
]


@pytest.mark.parametrize(("case", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_guess_context(case, text, expected):
    g = guess_context(document_from_markdown(text, "x.md"))
    assert (g.doc_type, g.year, g.region, g.plan) == expected


def test_infer_context_without_manifest_dates_the_report():
    doc = document_from_markdown(CASES[0][1], "2024.md")
    ctx = infer_context(doc, None)
    assert (ctx.doc_type, ctx.report_year, ctx.region, ctx.doc_id) == ("work_report", 2024, "全国", "2024")


def test_report_plan():
    assert report_plan(2021) == (14, 13)
    assert report_plan(2023) == (14, None)
    assert report_plan(2026) == (15, 14)


def test_a_news_page_without_a_manifest_row_gives_the_years_targets(tmp_path):
    """The news page above, read as a user's file (no manifest row): dated and placed by its own
    lines, its targets are the national 2024 targets (政府工作报告-国务院/2024.md:58)."""
    from plantargets.dataset.assemble import extract_documents

    path = tmp_path / "xinhua.txt"
    path.write_text(dict((c[0], c[1]) for c in CASES)["news page with an ISO date"], encoding="utf-8")
    rows = extract_documents([(path, None)]).indicators
    passage = rows[(rows["line"] == 5) & (rows["role"] == "target")]
    got = {(r.indicator, r.annual_growth if r.indicator == "gdp_growth" else r.target_value, r.qualifier,
            r.target_year) for r in passage.itertuples()}  # fmt: skip
    assert got == {("gdp_growth", 5.0, "approx", 2024), ("new_urban_jobs", 1200.0, "at_least", 2024)}
    assert rows[rows["line"] == 1].empty  # the headline restates the lead's GDP target: no second row


@pytest.mark.parametrize(
    ("session", "year"),
    [
        # 政府工作报告-国务院/2024.md, 2018.md, 2003.md: the session lines of the reports themselves
        ("在第十四届全国人民代表大会第二次会议上", 2024),
        ("在第十三届全国人民代表大会第一次会议上", 2018),
        ("在第十届全国人民代表大会第一次会议上", 2003),
        ("五届全国人大二次会议", None),  # before the five-year rhythm: not dated this way
    ],
)
def test_a_national_congress_session_dates_the_year(session, year):
    from plantargets.extract.context import _session_year

    assert _session_year(session) == year
