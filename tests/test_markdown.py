"""Markdown read as a document: markup out of the parse text, line numbers unchanged.

Lines are quoted from the corpus (``data/raw/lawtext-gov``; file in the comment).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plantargets.extract.tables import find_tables
from plantargets.read.dispatch import read_any
from plantargets.read.markdown import document_from_markdown, looks_like_markdown, strip_block, strip_inline

# 政府工作报告-省自治区/内蒙古自治区/2023.md, lines 1-8
NMG_2023 = """---
source: https://www.nmg.gov.cn/zwgk/zfggbg/zzq/202301/t20230118_2216682.html
title: 2023年内蒙古自治区政府工作报告
---

各位代表：

现在，我代表自治区人民政府，向大会报告工作，请予审议，并请自治区政协委员提出意见。
"""


def test_front_matter_is_metadata_and_never_text():
    doc = document_from_markdown(NMG_2023, "2023.md")
    assert doc.metadata["title"] == "2023年内蒙古自治区政府工作报告"
    assert [line.text for line in doc.lines[:4]] == ["", "", "", ""]
    assert doc.lines[5].lineno == 6 and doc.lines[5].text == "各位代表:"
    assert len(doc.lines) == len(NMG_2023.splitlines())


def test_front_matter_closed_by_four_dashes():
    # 五年规划/2021-十四五规划纲要.md closes its front matter with '----'
    text = "---\nsource: https://www.gov.cn/x.htm\ntitle: 中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要\n----\n\n正文"
    doc = document_from_markdown(text, "x.md")
    assert doc.metadata["title"].endswith("远景目标纲要")
    assert doc.lines[3].text == "" and doc.lines[5].text == "正文"


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        # 政府工作报告-国务院/2024.md line 1
        ("**政府工作报告**", "政府工作报告"),
        # 政府工作报告-国务院/2024.md line 11
        ("## 一、2023年工作回顾", "一、2023年工作回顾"),
        # 五年规划/2021-十四五规划纲要.md line 8
        ("> 新华社北京3月12日电", "新华社北京3月12日电"),
        ("<!-- 2021-03-13 07:16 来源： 新华社 -->", ""),
        ("**今年发展主要预期目标是：**国内生产总值增长5%左右", "今年发展主要预期目标是:国内生产总值增长5%左右"),
        ("- 城镇新增就业1200万人以上", "城镇新增就业1200万人以上"),
        ("![图1](images/a.jpg)", "图1"),
        ("***", ""),
        ("|---|:---:|", "|---|:---:|"),
        ("| **1** | 地区生产总值 |", "| 1 | 地区生产总值 |"),
    ],
)
def test_markup_stripped(raw, text):
    doc = document_from_markdown(raw + "\n", "x.md")
    assert doc.lines[0].raw == raw
    assert doc.lines[0].text == text


def test_comment_over_lines_keeps_numbering():
    doc = document_from_markdown("甲\n<!-- 注释\n增长5% -->\n乙增长6%\n", "x.md")
    assert [line.text for line in doc.lines] == ["甲", "", "", "乙增长6%"]


def test_inline_and_block_helpers():
    assert strip_inline("地区生产总值**增长**6.5%左右") == "地区生产总值增长6.5%左右"
    assert strip_inline("增长 *5%* 左右") == "增长 5% 左右"
    assert strip_block("# 标题 #") == "标题"
    assert strip_block(">> 引用") == "引用"


def test_pipe_table_reaches_table_reader():
    text = (
        "# 主要指标\n\n"
        "| 序号 | 指标 | 2020年 | 2025年 | 年均增长 | 属性 |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | 地区生产总值（亿元） | 1000 | 1400 | 7% | 预期性 |\n"
        "| 2 | 常住人口城镇化率（%） | 50 | 55 | [5] | 预期性 |\n"
        "| 3 | 粮食产量（万吨） | 50 | 55 | — | 约束性 |\n"
    )
    doc = document_from_markdown(text, "x.md")
    tables = find_tables(doc, plan=14)
    rows = [r for t in tables for r in t.rows]
    assert [r.line for r in rows] == [5, 6, 7]


def test_text_with_front_matter_looks_like_markdown():
    assert looks_like_markdown(NMG_2023)
    assert not looks_like_markdown("各位代表:\n现在,我代表市人民政府向大会报告工作。\n")


def test_read_any_routes_md(tmp_path: Path):
    p = tmp_path / "r.md"
    p.write_text(NMG_2023, encoding="utf-8")
    doc = read_any(p)
    assert doc.metadata["title"].startswith("2023年")
    txt = tmp_path / "r.txt"  # a write-up saved as .txt with front matter
    txt.write_text(NMG_2023, encoding="utf-8")
    assert read_any(txt).lines[2].text == ""
