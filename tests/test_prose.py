"""Prose targets and three-sector structures: real sentences from the seed documents.

Each sentence is quoted from ``data/raw`` (document and line in the comment); the whole-document
tests check headline facts against the raw files by value and line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plantargets.extract.prose import ProseFact, extract_prose, extract_sector_mix
from plantargets.read.markdown import document_from_markdown
from plantargets.read.text import document_from_text, read_document

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
PLAN = (2021, 2025, None)
REPORT = (None, None, 2023)


def facts(text: str, ctx: tuple[int | None, int | None, int | None] = PLAN) -> list[ProseFact]:
    return extract_prose(document_from_text(text, "t.txt"), *ctx)


def by_name(found: list[ProseFact]) -> dict[str, ProseFact]:
    return {f.name: f for f in found}


def seed(prefix: str) -> Path:
    return next(RAW.glob(f"{prefix}_*.txt"))


# --- work report: 002 line 1, every target with value and qualifier -------------------------

REPORT_LINE_1 = (
    "今年我区经济社会发展的主要预期目标是:地区生产总值增长7%左右;规模以上工业增加值增长9%左右;"
    "固定资产投资增长11%左右;社会消费品零售总额增长12%左右;进出口总额增长10%左右;一般公共预算收入增长10%左右;"
    "城镇调查失业率控制在5.5%以内;城镇居民人均可支配收入增长7%左右,农村居民人均可支配收入增长8%左右,"
    "居民消费价格涨幅保持在3%左右。"
)


def test_work_report_target_list_gives_one_fact_per_clause() -> None:
    found = facts(REPORT_LINE_1, REPORT)
    got = [
        (f.name, f.value.number if f.value else None, f.value.qualifier if f.value else None, f.period) for f in found
    ]
    assert got == [
        ("地区生产总值", 7.0, "approx", "year"),
        ("规模以上工业增加值", 9.0, "approx", "year"),
        ("固定资产投资", 11.0, "approx", "year"),
        ("社会消费品零售总额", 12.0, "approx", "year"),
        ("进出口总额", 10.0, "approx", "year"),
        ("一般公共预算收入", 10.0, "approx", "year"),
        ("城镇调查失业率", 5.5, "at_most", "level"),
        ("城镇居民人均可支配收入", 7.0, "approx", "year"),
        ("农村居民人均可支配收入", 8.0, "approx", "year"),
        ("居民消费价格涨幅", 3.0, "approx", "level"),
    ]
    assert all(f.target_year == 2023 and f.unit == "%" and f.line == 1 for f in found)
    gdp = found[0]
    assert gdp.measure == "growth" and gdp.annual_growth == 7.0 and gdp.base_year == 2022
    assert found[6].measure == "level" and found[6].annual_growth is None
    assert gdp.sentence == "地区生产总值增长7%左右"


def test_distributive_list_pairs_items_with_values() -> None:
    # 002 line 4
    found = facts("深入实施畜牧业振兴行动,力争全区肉、奶、禽蛋产量分别增长10%、9%、2%。", REPORT)
    assert [(f.name, f.annual_growth) for f in found] == [("肉产量", 10.0), ("奶产量", 9.0), ("禽蛋产量", 2.0)]
    assert all(f.period == "year" and f.target_year == 2023 for f in found)


def test_distributive_list_of_levels_with_own_heads() -> None:
    # 000 line 18 (retrospective: realised 2020 figures)
    text = (
        "——城乡面貌明显改观。五年来,城镇供水普及率、污水处理率、生活垃圾集中处理率、生活垃圾无害化处理率"
        "分别达到99.88%、86.63%、97.63%、85%。"
    )
    got = {f.name: (f.base_year, f.base_value) for f in facts(text)}
    assert got == {
        "城镇供水普及率": (2020, 99.88),
        "污水处理率": (2020, 86.63),
        "生活垃圾集中处理率": (2020, 97.63),
        "生活垃圾无害化处理率": (2020, 85.0),
    }


def test_shared_head_completes_items_and_pairs_with_he() -> None:
    # 004 line 426 and 004 line 11
    found = by_name(facts("实现城市、县城污水处理率分别达到98%以上和95%以上。"))
    assert found["城市污水处理率"].value is not None and found["城市污水处理率"].value.qualifier == "at_least"
    assert found["县城污水处理率"].value is not None and found["县城污水处理率"].value.number == 95.0
    past = by_name(facts("2020年城镇居民人均可支配收入和农村居民人均可支配收入分别达到30570元和18290元。"))
    assert past["农村居民人均可支配收入"].base_value == 18290.0 and past["农村居民人均可支配收入"].base_year == 2020


def test_output_targets_in_a_work_report() -> None:
    # 002 lines 4 and 7
    found = by_name(facts("确保棉花产量稳定在500万吨以上。力争原油产量3350万吨、天然气产量420亿立方米。", REPORT))
    assert found["棉花产量"].value is not None and found["棉花产量"].value.qualifier == "at_least"
    assert found["原油产量"].unit == "万吨" and found["原油产量"].value is not None
    assert found["原油产量"].value.number == 3350.0 and found["原油产量"].target_year == 2023
    assert found["天然气产量"].unit == "亿立方米"


# --- plans: growth, levels, past figures ---------------------------------------------------


def test_plan_growth_and_level_target_share_the_subject() -> None:
    # 001 line 165
    found = facts(
        "——经济高质量发展取得新成效。地区生产总值年均增长9.5%,力争2025年达到929亿元,主要经济指标平衡协调发展。"
    )
    growth, level = found
    assert (growth.name, growth.period, growth.annual_growth, growth.base_year, growth.target_year) == (
        "地区生产总值",
        "plan",
        9.5,
        2020,
        2025,
    )
    assert (level.name, level.unit, level.target_year, level.period) == ("地区生产总值", "亿元", 2025, "level")
    assert level.value is not None and level.value.number == 929.0
    assert level.sentence == "地区生产总值年均增长9.5%,力争2025年达到929亿元"


def test_retrospective_figures_and_past_plan_average() -> None:
    # 000 line 13
    text = (
        "——综合实力明显增强。五年来,经济保持平稳健康发展。2020年,全州实现地区生产总值169.24亿元,"
        "“十三五”时期年均增长6.6%,较2010年增长1.8倍;人均生产总值27282元,年均增长5.8%。"
    )
    found = facts(text)
    assert [(f.name, f.period, f.base_year, f.base_value, f.target_year, f.annual_growth) for f in found] == [
        ("地区生产总值", "level", 2020, 169.24, None, None),
        ("地区生产总值", "past_plan", 2015, None, 2020, 6.6),
        ("人均生产总值", "level", 2020, 27282.0, None, None),
        ("人均生产总值", "past_plan", 2015, None, 2020, 5.8),
    ]
    # Realised, with their printed qualifier (the dataset's qualifier column), as the work-report reader's are
    assert all(f.resolved_role == "actual" and f.value is not None and f.value.qualifier == "exact" for f in found)


def test_subject_survives_a_clause_without_digits() -> None:
    # 000 line 13: 破万元 has no digits, the next clause still belongs to 农牧民人均纯收入
    text = "五年来,城镇居民人均可支配收入29918元,年均增长5.9%;农牧民人均纯收入破万元,达到10074元,年均增长12.7%。"
    found = [(f.name, f.base_value, f.annual_growth) for f in facts(text)]
    assert ("农牧民人均纯收入", 10074.0, None) in found and ("农牧民人均纯收入", None, 12.7) in found
    assert ("城镇居民人均可支配收入", 10074.0, None) not in found


def test_tertiary_share_and_bounds_in_plan_targets() -> None:
    # 003 line 52
    text = (
        "——经济发展水平明显提高。力争到2025年,地区生产总值年均增速达到6%,第三产业增加值占地区生产总值比重上升至60%,"
        "单位地区生产总值能耗降低3%左右,粮食总产量保持在12亿斤以上。"
    )
    found = by_name(facts(text))
    assert found["地区生产总值"].annual_growth == 6.0 and found["地区生产总值"].period == "plan"
    share = found["第三产业增加值占地区生产总值比重"]
    assert share.unit == "%" and share.target_year == 2025 and share.value is not None and share.value.number == 60.0
    assert found["单位地区生产总值能耗降低"].value is not None
    assert found["单位地区生产总值能耗降低"].value.qualifier == "approx"
    grain = found["粮食总产量"]
    assert grain.unit == "亿斤" and grain.value is not None and grain.value.qualifier == "at_least"


def test_plan_end_marker_and_unemployment_bound() -> None:
    # 004 line 255; 001 line 450
    found = by_name(
        facts(
            "力争“十四五”末林果面积稳定在18万亩左右,果品产量达到4万吨以上。"
            "“十四五”时期,城镇登记失业率控制在4%以内,调查失业率在5.5%以内。"
        )
    )
    assert found["林果面积"].target_year == 2025 and found["林果面积"].value is not None
    assert found["林果面积"].value.qualifier == "approx"
    assert found["调查失业率"].value is not None and found["调查失业率"].value.qualifier == "at_most"
    assert found["城镇登记失业率"].value is not None and found["城镇登记失业率"].value.number == 4.0


def test_from_to_gives_base_and_target_or_two_past_figures() -> None:
    # 003 line 13 (retrospective)
    past = facts("五年来,森林覆盖率由“十二五”期末的17.34%提高到22.89%,全旗林地面积297.4万亩。")
    assert [(f.name, f.base_year, f.base_value) for f in past] == [
        ("森林覆盖率", 2015, 17.34),
        ("森林覆盖率", 2020, 22.89),
        ("林地面积", 2020, 297.4),
    ]
    target = facts("力争到2025年,森林覆盖率由2020年的22.89%提高到26%。")
    assert len(target) == 1 and target[0].base_value == 22.89 and target[0].base_year == 2020
    assert target[0].value is not None and target[0].value.number == 26.0 and target[0].target_year == 2025


def test_cumulative_target_is_marked() -> None:
    # 000 line 306
    found = by_name(facts("到 2025 年,全州用水总量控制在 10.64亿立方米以内,五年累计退减灌溉面积 3.2 万亩。"))
    water = found["用水总量"]
    assert water.value is not None and water.value.qualifier == "at_most" and water.unit == "亿立方米"
    cut = found["退减灌溉面积"]
    assert cut.value is not None and cut.value.cumulative and cut.value.number == 3.2


@pytest.mark.parametrize(
    ("text", "name", "words"),
    [
        # 000:40 and 004:44: the plan sets its GDP growth target in words, not a number
        ("地区生产总值年均增长保持在合理区间、各年度视情提出。", "地区生产总值", "保持在合理区间、各年度视情提出"),
        # 004:44
        ("全员劳动生产率增长高于地区生产总值增长。", "全员劳动生产率", "高于地区生产总值增长"),
    ],
)
def test_growth_target_in_words_is_a_text_target(text: str, name: str, words: str) -> None:
    (fact,) = facts(text)
    assert fact.name == name and fact.measure == "growth" and fact.target_year == 2025
    assert fact.value is not None and fact.value.qualifier == "text" and fact.value.text == words


def test_text_target_needs_an_indicator_subject() -> None:
    assert facts("各项工作保持在合理区间。") == []


# --- what must yield nothing -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "累计引进项目191个,总投资签约额3000亿元。",  # counts of projects, no indicator subject (001:84)
        "加快建设10个重点项目,新建标准化规模肉羊养殖场。",
        "五年来,实现了地区生产总值较2010年增长1.8倍。",  # comparison with another base
        "“十三五”期间实现地区生产总值2484亿元,进出口总额突破900亿元。",  # five-year sums (001:84)
        "五年来,农村卫生厕所普及率提高,62%的行政村生活垃圾得到有效处理。",  # a number describing a noun
        "重点在阿克陶县支持建设年出栏20万头生猪规模养殖场。",  # 000:226
        "居民收入增长8%,与经济增长基本同步。",  # bare growth in a plan: annual or cumulative?
        "五年来,城镇登记失业率控制在3%以内。",  # a realised bound is not a base value
        "7 | 第三产业增加值占地区生产总值比重 | % | 56.3 | 62 | 1.9 | 统计局 |",  # a table row
        ["力争蔬菜种植面积达到4万亩", "产量达到10.5万吨。"][1],  # a bare head: whose output?
    ],
)
def test_negative_sentences_yield_nothing(text: str) -> None:
    assert facts(text) == []


def test_skip_lines_and_missing_context() -> None:
    doc = document_from_text("力争原油产量3350万吨。\n力争天然气产量420亿立方米。", "t.txt")
    assert [f.name for f in extract_prose(doc, None, None, 2023, skip_lines={1})] == ["天然气产量"]
    assert extract_prose(doc, None, None, None) == []


def test_boxed_paragraph_is_prose() -> None:
    text = "专栏6 农业重点项目 | 到2025年,粮食产量稳定在12亿斤以上,建设高标准农田。 |"
    assert [f.name for f in facts(text)] == ["粮食产量"]


# --- three-sector structure --------------------------------------------------------------------


def test_sector_mix_from_to_ratio() -> None:
    # 000 line 13
    doc = document_from_text("五年来,三次产业结构由2015年的13.0:26.1:60.9转变为2020年的10.6:28.8:60.6。", "t.txt")
    rows = extract_sector_mix(doc, *PLAN)
    assert [(r.year, r.kind, r.primary, r.secondary, r.tertiary) for r in rows] == [
        (2015, "actual", 13.0, 26.1, 60.9),
        (2020, "actual", 10.6, 28.8, 60.6),
    ]


def test_sector_mix_target_with_bi_and_share_sentence() -> None:
    doc = document_from_text(
        "力争三次产业结构调整为8比30比62。\n到2025年,第三产业增加值占地区生产总值比重达到65%。", "t.txt"
    )
    rows = extract_sector_mix(doc, *PLAN)
    assert [(r.year, r.kind, r.primary, r.secondary, r.tertiary, r.line) for r in rows] == [
        (2025, "target", 8.0, 30.0, 62.0, 1)
    ]
    doc2 = document_from_text("力争到2025年,第三产业增加值占地区生产总值比重上升至60%。", "t.txt")
    assert [(r.year, r.kind, r.tertiary, r.primary) for r in extract_sector_mix(doc2, *PLAN)] == [
        (2025, "target", 60.0, None)
    ]


def test_ratio_that_is_not_a_structure_is_ignored() -> None:
    doc = document_from_text("五年来,普职比达到1:1:1,三次产业结构持续优化。", "t.txt")
    assert extract_sector_mix(doc, *PLAN) == []


# --- whole documents: headline facts checked against the raw files -----------------------------


def _find(found: list[ProseFact], name: str, line: int) -> list[ProseFact]:
    return [f for f in found if f.name == name and f.line == line]


def test_seed_000_kizilsu() -> None:
    doc = read_document(seed("000"))
    found = extract_prose(doc, *PLAN)
    gdp = _find(found, "地区生产总值", 13)
    assert {(f.period, f.base_value, f.annual_growth) for f in gdp} == {
        ("level", 169.24, None),
        ("past_plan", None, 6.6),
    }
    forest = _find(found, "森林覆盖率", 386)
    assert forest and forest[0].value is not None and forest[0].value.number == 4.01
    raw = seed("000").read_text(encoding="utf-8").splitlines()
    assert all(f.sentence in raw[f.line - 1] for f in found)
    mix = extract_sector_mix(doc, *PLAN)
    assert [(r.year, r.tertiary, r.line) for r in mix] == [(2015, 60.9, 13), (2020, 60.6, 13)]


def test_seed_001_urumqi_etdz() -> None:
    doc = read_document(seed("001"))
    found = extract_prose(doc, *PLAN)
    level = [f for f in _find(found, "地区生产总值", 165) if f.measure == "level"]
    assert level[0].value is not None and level[0].value.number == 929.0 and level[0].target_year == 2025
    assert not [f for f in found if f.line == 84]  # 13th-plan five-year sums are not base values
    assert not [f for f in found if "|" in doc.line(f.line).text and f.line in range(92, 131)]
    mix = extract_sector_mix(doc, *PLAN)
    assert [(r.year, r.primary, r.secondary, r.tertiary) for r in mix] == [
        (2015, 1.6, 43.5, 55.0),
        (2020, 1.0, 37.0, 62.0),
    ]


def test_seed_002_work_report() -> None:
    doc = read_document(seed("002"))
    found = extract_prose(doc, *REPORT)
    assert len([f for f in found if f.line == 1]) == 10
    assert {f.name for f in found if f.line == 4} >= {"肉产量", "奶产量", "禽蛋产量", "棉花产量", "果品产量"}
    oil = _find(found, "原油产量", 7)
    assert oil and oil[0].value is not None and oil[0].value.number == 3350.0
    raw = seed("002").read_text(encoding="utf-8").splitlines()
    assert all(f.sentence in raw[f.line - 1] for f in found)


def test_seed_003_hure() -> None:
    doc = read_document(seed("003"))
    found = extract_prose(doc, *PLAN)
    growth = [f for f in _find(found, "地区生产总值", 52) if f.measure == "growth"]
    assert growth[0].annual_growth == 6.0 and growth[0].period == "plan"
    past = _find(found, "地区生产总值", 7)
    assert past[0].period == "past_plan" and past[0].annual_growth == 6.82
    assert _find(found, "森林覆盖率", 53)[0].value is not None
    mix = extract_sector_mix(doc, *PLAN)
    assert [(r.year, r.kind, r.tertiary, r.line) for r in mix] == [(2025, "target", 60.0, 52)]


def test_seed_004_tacheng() -> None:
    doc = read_document(seed("004"))
    found = extract_prose(doc, *PLAN)
    gdp = _find(found, "地区生产总值", 11)
    assert {(f.period, f.base_year, f.base_value, f.annual_growth) for f in gdp} == {
        ("level", 2020, 737.57, None),
        ("past_plan", 2015, None, 6.0),
    }
    urban = _find(found, "常住人口城镇化率", 44)
    assert urban[0].value is not None and urban[0].value.number == 55.0 and urban[0].target_year == 2025
    # Word-export sentences keep their full-width punctuation in ``sentence``.
    raw = seed("004").read_text(encoding="utf-8").splitlines()
    assert all(f.sentence in raw[f.line - 1] for f in found)
    assert not [f for f in found if f.line in range(53, 200) and doc.line(f.line).text.startswith("\t")]


def test_raw_map_of_a_marked_up_line_equals_the_greedy_alignment() -> None:
    # A Markdown line whose parse text lost its marks and folded full-width characters: the fast map
    # (str.find over the folded line) must give the greedy alignment's positions.
    from plantargets.extract.prose_time import _aligned, _raw_map
    from plantargets.read.text import Line, normalise_text

    raw = "**地区生产总值增长６．５％**，﻿城镇新增就业 **10万人**"
    text = normalise_text(raw.replace("**", ""))
    line = Line(1, raw, text)
    assert _raw_map(line) == _aligned(raw, text)
    got = _raw_map(line)
    assert got is not None and raw[got[text.index("6")]] == "６"
    assert _raw_map(Line(1, "abc", "abd")) is None  # text not in the raw line: no map


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_fact_name_holds_a_head_noun(prefix: str) -> None:
    # prose._sentence_facts reads no clause of a sentence without a head noun (prose_words.ANY_HEAD):
    # sound only while every fact's name, cut from its sentence, holds one.
    from plantargets.extract.prose_words import ANY_HEAD

    found = extract_prose(read_document(seed(prefix)), *(REPORT if prefix == "002" else PLAN))
    listed = facts("城乡居民人均可支配收入分别年均增长7%和8%")  # a list's names: 城镇…收入, 农村…收入
    assert found and len(listed) == 2
    assert all(ANY_HEAD.search(f.name) for f in found + listed)


@pytest.mark.parametrize(
    "text", ["三次产业结构调整为10.6:28.8:60.6", "三次产业比例为 9 比 41 比 50", "结构为13.0：26.1：60.9"]
)
def test_every_ratio_holds_the_sector_mix_cue(text: str) -> None:
    # The sector-mix walk reads only lines with 产业 or prose._RATIO_CUE: every ratio must hold the cue.
    from plantargets.extract.prose import _RATIO_CUE
    from plantargets.read.text import normalise_text
    from plantargets.vocab.patterns import PROSE_WORDS

    m = PROSE_WORDS.RATIO.search(normalise_text(text))
    assert m is not None and _RATIO_CUE.search(m.group(0))


def test_greedy_alignment_run_by_run_equals_character_by_character() -> None:
    # prose_time._greedy reads the alignment run by run; it must equal the plain per-character greedy.
    import random

    from plantargets.extract.prose_time import _greedy

    def per_character(folded: str, text: str) -> list[int] | None:
        out, k = [], 0
        for ch in text:
            k = folded.find(ch, k)
            if k < 0:
                return None
            out.append(k)
            k += 1
        return out

    rng = random.Random(0)
    for _ in range(3000):
        text = "".join(rng.choice("ab*c") for _ in range(rng.randint(0, 12)))
        pieces = list(text)
        for _ in range(rng.randint(0, 4)):
            pieces.insert(rng.randint(0, len(pieces)), rng.choice(["**", "a", "#", "b*"]))
        folded = "".join(pieces)
        text += "z" if rng.random() < 0.1 else ""
        assert _greedy(folded, range(len(folded)), text) == per_character(folded, text), (folded, text)


def test_a_qualifier_printed_once_after_a_list_covers_every_item() -> None:
    # 赤峰市/2024.md:15 预计…城乡居民人均可支配收入分别增长5%和8%左右 (the statement reader's rule, shared_qualifier);
    # 8.5%以上和10% keeps the second exact
    doc = document_from_markdown("## 二、2024年工作安排\n\n城乡居民人均可支配收入分别增长5%和8%左右。\n", "x.md")
    facts = extract_prose(doc, None, None, 2024)
    assert [(f.name, f.annual_growth, f.value.qualifier) for f in facts if f.value] == [
        ("城镇居民人均可支配收入", 5.0, "approx"),
        ("农村居民人均可支配收入", 8.0, "approx"),
    ]
    doc = document_from_markdown("## 二、2024年工作安排\n\n城乡居民人均可支配收入分别增长8.5%以上和10%。\n", "x.md")
    assert [f.value.qualifier for f in extract_prose(doc, None, None, 2024) if f.value] == ["at_least", "exact"]
