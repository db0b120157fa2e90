"""Corpus defects read from the texts: the year a report states, damaged characters, twins."""

from __future__ import annotations

import pytest

from plantargets.dataset.defects import damaged, sentence_sketch, sketch_similarity, year_witnesses

from .conftest import RAW

CORPUS = RAW / "lawtext-gov"


def _lines(rel: str) -> list[tuple[int, str]]:
    text = (CORPUS / rel).read_text(encoding="utf-8").splitlines()
    # front matter is not text: tests pass it as the title, like the importer
    end = text.index("---", 1) + 1 if text and text[0] == "---" else 0
    return [(i + 1, t) for i, t in enumerate(text) if i >= end and t.strip()]


@pytest.mark.parametrize(
    ("rel", "title", "file_year", "stated"),
    [
        # Titled and named 2019, delivered 2020-05-09: the 2020 report.
        ("政府工作报告-省自治区/四川省/2019.md", "2019年四川省人民政府工作报告", 2019, 2020),
        # Delivered 2019-01-14, reviews 2018 (一、2018年工作回顾): the 2019 report.
        ("政府工作报告-省自治区/四川省/2018.md", "2018年四川省人民政府工作报告", 2018, 2019),
        # A compiler's caption dates it 2010 (（2010年2月20日 梁保华）); it reviews 1998-2002.
        ("政府工作报告-省自治区/江苏省/2003.md", "江苏省2003年政府工作报告", 2003, 2003),
        # Delivered 2011-12-26; headings 2011年工作回顾 / 2012年主要任务.
        ("政府工作报告-主要城市/长春市/2012.md", "长春政府工作报告 （2011年12月26日 崔杰）", 2012, 2012),
        # Delivered 2021-12-21 for 2022 (title （2022）).
        ("政府工作报告-主要城市/兰州市/2021.md", "兰州市人民政府工作报告（2022）", 2021, 2022),
        ("政府工作报告-省自治区/新疆维吾尔自治区/2019.md", "2019年自治区政府工作报告", 2019, 2019),
        # Undated; its first heading 一、“十五”工作回顾 reviews the 10th plan (2001-2005): the 2006 report.
        ("政府工作报告-省自治区/四川省/2005.md", "2005年四川省人民政府工作报告", 2005, 2006),
    ],
)
def test_the_year_the_text_states(rel, title, file_year, stated):
    assert year_witnesses(_lines(rel), title).stated(file_year) == stated


def test_witnesses_that_disagree_are_named():
    w = year_witnesses(_lines("政府工作报告-省自治区/四川省/2019.md"), "2019年四川省人民政府工作报告")
    assert w.delivery == 2020 and w.title == 2019
    assert w.disagreements(2020) == ["title 2019"]


def test_a_december_session_plans_the_next_year():
    lines = [(5, "——2021年12月21日在兰州市第十六届人民代表大会第一次会议上"), (9, "各位代表：")]
    assert year_witnesses(lines).delivery == 2022


def test_no_witness_falls_back_to_the_file_name():
    assert year_witnesses([(1, "各位代表：")]).stated(2007) == 2007
    assert year_witnesses([(1, "各位代表：")]).stated(None) is None


def test_permille_mangled_into_percent_full_stop():
    (spot,) = [s for s in damaged(_lines("政府工作报告-省自治区/青海省/2007.md")) if s.line == 49]
    assert spot.kind == "permille" and "人口自然增长率控制在9%。左右" in spot.raw and spot.line == 49


def test_paragraph_missing_its_first_characters():
    spots = damaged(_lines("政府工作报告-主要城市/西宁市/2016.md"))
    assert [(s.line, s.kind) for s in spots][:2] == [(18, "broken_start"), (50, "broken_start")]
    assert spots[0].raw.startswith("、“十二五”圆满收官")


def test_clean_text_has_no_damage():
    assert damaged([(1, "人口自然增长率控制在6‰以内。"), (2, "一、2016年工作回顾"), (3, "增长6.5%。以下是")]) == []


def test_the_same_report_under_two_names_and_two_different_years():
    a = sentence_sketch(_lines("政府工作报告-省自治区/四川省/2019.md"))
    b = sentence_sketch(_lines("政府工作报告-省自治区/四川省/2020.md"))
    c = sentence_sketch(_lines("政府工作报告-省自治区/四川省/2021.md"))
    assert sketch_similarity(a, b) > 0.9
    assert sketch_similarity(b, c) < 0.2
    assert sketch_similarity((), b) == 0.0
