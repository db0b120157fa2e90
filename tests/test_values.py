"""The value grammar: real cells from the seed documents, one row per behaviour.

Doc keys: 000 克州 kizilsu-fyp14, 001 乌鲁木齐经开区 urumqi-etdz-fyp14, 002 新疆2023政府工作报告,
003 库伦旗 hure-fyp14, 004 塔城地区 tacheng-fyp14. ``L`` is the raw line number.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plantargets.errors import ValueGrammarError
from plantargets.extract.values import Value, find_number_spans, fold_value_text, parse_value
from plantargets.vocab.words import QUALIFIERS

# cell, number, qualifier, unit
NUMBERS = [
    ("4.1", 4.1, "exact", ""),  # 000 L60, 2020 GDP growth
    ("590", 590.0, "exact", ""),  # 001 L94
    ("0.068", 0.068, "exact", ""),  # 001 L186
    ("-2.33", -2.33, "exact", ""),  # 003 L67, a minus glued to digits is a sign
    ("10.004", 10.004, "exact", ""),  # 003 L78
    ("5126", 5126.0, "exact", ""),  # 001 L127
    ("1,600", 1600.0, "exact", ""),  # thousands comma
    ("12,345,678.5", 12345678.5, "exact", ""),  # several thousands groups and decimals
    ("0.06", 0.06, "exact", ""),  # 000 L87
    ("31.55", 31.55, "exact", ""),  # 000 L73
    ("+5", 5.0, "exact", ""),  # explicit plus sign
    (" 12.68 ", 12.68, "exact", ""),  # 004 L191, surrounding blanks
    ("\t50", 50.0, "exact", ""),  # 004 L78, leading tab of a Word export
    ("４．５", 4.5, "exact", ""),  # un-normalised full-width digits and point
    ("2020年", 2020.0, "exact", "年"),
]
APPROX = [
    ("6左右", 6.0, "approx", ""),  # 003 L60
    ("5.5左右", 5.5, "approx", ""),  # 000 L117
    ("0.4左右", 0.4, "approx", ""),  # 003 L75
    ("约6", 6.0, "approx", ""),
    ("大约6", 6.0, "approx", ""),
    ("6%左右", 6.0, "approx", "%"),
    ("控制在3%左右", 3.0, "approx", "%"),  # an explicit 左右 beats the weak 控制在
]
AT_LEAST = [
    ("≥35", 35.0, "at_least", ""),  # 000 L193
    ("≥400", 400.0, "at_least", ""),  # 000 L199
    (">95", 95.0, "at_least", ""),  # 000 L145
    ("＞95", 95.0, "at_least", ""),  # un-normalised full-width '>'
    ("98以上", 98.0, "at_least", ""),  # 004 L132
    ("95以上", 95.0, "at_least", ""),  # 004 L180
    ("不低于90", 90.0, "at_least", ""),
    ("≥0.2", 0.2, "at_least", ""),  # 004 L213
    ("≥25%", 25.0, "at_least", "%"),  # 001 L473
    ("≥27.73%", 27.73, "at_least", "%"),  # 001 L475
    ("≥90元", 90.0, "at_least", "元"),  # 001 L477
    ("大于7", 7.0, "at_least", ""),
    ("超过55%", 55.0, "at_least", "%"),  # 001 L165 (prose value)
    (">=3", 3.0, "at_least", ""),
    ("≧3", 3.0, "at_least", ""),  # variant sign folded to ≥
    ("95%及以上", 95.0, "at_least", "%"),
    ("30余万人", 30.0, "at_least", "万人"),  # 余 between number and unit
]
AT_MOST = [
    ("≤4", 4.0, "at_most", ""),  # 001 L194
    ("<5.5", 5.5, "at_most", ""),
    ("4以内", 4.0, "at_most", ""),  # 004 L118
    ("3以内", 3.0, "at_most", ""),  # 004 L117
    ("2.5%以内", 2.5, "at_most", "%"),  # 001 L126
    ("4%以内", 4.0, "at_most", "%"),  # 001 L126
    ("控制在5.5%以内", 5.5, "at_most", "%"),  # 002 L1
    ("控制在5%", 5.0, "at_most", "%"),  # weak 控制在 alone still bounds from above
    ("不超过3", 3.0, "at_most", ""),
    ("≤5‰", 5.0, "at_most", "‰"),  # 001 L470
    ("≤6‰", 6.0, "at_most", "‰"),  # 001 L471
    ("≤12/10万", 12.0, "at_most", "/10万"),  # 001 L472
    ("≤15分钟", 15.0, "at_most", "分钟"),  # 001 L478
    ("≤7天", 7.0, "at_most", "天"),  # 001 L479
    ("5%以下", 5.0, "at_most", "%"),
]
UNITS = [
    ("1600张", 1600.0, "exact", "张"),  # 001 L480
    ("4.64人", 4.64, "exact", "人"),  # 001 L481
    ("5.21人", 5.21, "exact", "人"),  # 001 L482
    ("5%", 5.0, "exact", "%"),
    ("12.68%", 12.68, "exact", "%"),
    ("1.5万", 1.5, "exact", "万"),  # magnitude stays in the unit: numbers as printed
    ("929亿元", 929.0, "exact", "亿元"),  # 001 L165
    ("10.64亿立方米", 10.64, "exact", "亿立方米"),  # 000 L306
    ("4.95万千瓦", 4.95, "exact", "万千瓦"),  # 003 L100
    ("2.3万元/人", 2.3, "exact", "万元/人"),
    ("490t/d", 490.0, "exact", "t/d"),  # 004 L281
    ("12宗", 12.0, "exact", "宗"),
    ("3例", 3.0, "exact", "例"),
    ("提高1.5个百分点", 1.5, "exact", "个百分点"),
]
CHINESE = [
    ("三万", 3.0, "exact", "万"),
    ("三万人", 3.0, "exact", "万人"),
    ("二〇二五", 2025.0, "exact", ""),  # 001 L9 writes 二〇三五年
    ("二○二五", 2025.0, "exact", ""),  # white circle ○ used for zero
    ("二零二五", 2025.0, "exact", ""),
    ("百分之五", 5.0, "exact", "%"),
    ("百分之五十以上", 50.0, "at_least", "%"),
    ("千分之三", 3.0, "exact", "‰"),
    ("两千", 2000.0, "exact", ""),
    ("一千五百", 1500.0, "exact", ""),
    ("一点五", 1.5, "exact", ""),
    ("三十五岁", 35.0, "exact", "岁"),
    ("三亿五千万", 350000000.0, "exact", ""),  # a magnitude inside the numeral: read whole
]


@pytest.mark.parametrize(
    ("cell", "number", "qualifier", "unit"), NUMBERS + APPROX + AT_LEAST + AT_MOST + UNITS + CHINESE
)
def test_cell_number_qualifier_and_unit(cell: str, number: float, qualifier: str, unit: str) -> None:
    v = parse_value(cell)
    assert (v.number, v.qualifier, v.unit, v.problem) == (pytest.approx(number), qualifier, unit, "")
    assert v.raw == cell
    assert not v.cumulative


@pytest.mark.parametrize(
    ("cell", "lower", "upper", "unit"),
    [
        ("0.2-0.3", 0.2, 0.3, ""),
        ("0.2-0.3人", 0.2, 0.3, "人"),  # 001 L484
        ("4.5-5", 4.5, 5.0, ""),
        ("4.5~5", 4.5, 5.0, ""),
        ("4.5～5", 4.5, 5.0, ""),  # full-width tilde
        ("4.5至5", 4.5, 5.0, ""),
        ("4.5—5", 4.5, 5.0, ""),
        ("4.5%-5%", 4.5, 5.0, "%"),
        ("2-3个百分点", 2.0, 3.0, "个百分点"),  # 000 L293
        ("4-5个", 4.0, 5.0, "个"),  # 000 L224
    ],
)
def test_range_keeps_lower_in_number_upper_bound_and_printed_text(cell: str, lower: float, upper: float, unit: str):
    v = parse_value(cell)
    assert (v.qualifier, v.number, v.upper, v.unit) == ("range", lower, upper, unit)
    assert v.text == cell


@pytest.mark.parametrize(
    ("cell", "number", "qualifier"),
    [
        ("[23.3]", 23.3, "exact"),  # 000 L160, note L203: 标[]为五年累计数
        ("[9]", 9.0, "exact"),  # 000 L166
        ("〔10.5〕", 10.5, "exact"),  # 004 L110
        ("〔0.3〕", 0.3, "exact"),  # 004 L126
        ("【13.5】", 13.5, "exact"),
        ("[1]", 1.0, "exact"),
        ("〔≥10〕", 10.0, "at_least"),
        ("[5.5左右]", 5.5, "approx"),
        ("[10]以上", 10.0, "at_least"),  # qualifier printed outside the bracket
        ("累计10.5", 10.5, "exact"),
        ("五年累计[9]", 9.0, "exact"),
    ],
)
def test_cumulative_markers(cell: str, number: float, qualifier: str) -> None:
    v = parse_value(cell)
    assert (v.number, v.qualifier, v.cumulative, v.problem) == (number, qualifier, True, "")


def test_round_brackets_are_recorded_but_not_read_as_cumulative() -> None:
    v = parse_value("(4.5)")
    assert (v.number, v.cumulative, v.bracket) == (4.5, False, "()")
    assert parse_value("〔10.5〕").bracket == "〔〕"


@pytest.mark.parametrize(
    "cell",
    ["—", "——", "－", "-", "/", "", "  ", "~", "…", "N/A", "无", "\t－", "[—]", "%", "--"],
    # 000 L61 '—'; 003 L61 '——'; 004 L65 raw '－'; 001 L105 '-'; 001 L194 '/'; 001 L479 '~'
)
def test_missing_cells_have_no_number_and_no_problem(cell: str) -> None:
    v = parse_value(cell)
    assert (v.number, v.qualifier, v.problem, v.raw) == (None, "missing", "", cell)


@pytest.mark.parametrize(
    "cell",
    [
        "保持在合理区间、各年度视情提出",  # 000 L62
        "保持在合理区间、各年度增长视情提出",  # 004 L66
        "高于GDP增长",  # 000 L68
        "与GDP增长基本同步",  # 004 L103
        "与GDP增长基本同步步",  # 000 L105 (typo kept as printed)
        "控制在自治区下达指标内",  # 000 L161
        "控制在国家下达目标范围内",  # 001 L187
        "控制在自治区约束指标内",  # 004 L168
        "达到市里要求",  # 003 L73
        "达到全国平均水平",  # 001 L469
        "一般",  # a word starting with a numeral character is not a number
        "十四五",
    ],
)
def test_text_targets_are_kept_verbatim(cell: str) -> None:
    v = parse_value(cell)
    assert (v.number, v.qualifier, v.text, v.problem) == (None, "text", cell, "")


@pytest.mark.parametrize(
    ("cell", "qualifier"),
    [("超过", "at_least"), ("不高于", "at_most"), ("≥", "at_least"), ("以内", "at_most"), ("左右", "approx")],
)
def test_a_bound_without_a_number_is_reported(cell: str, qualifier: str) -> None:
    v = parse_value(cell)
    assert (v.number, v.qualifier, v.text) == (None, qualifier, cell)
    assert "no number" in v.problem


@pytest.mark.parametrize(
    "cell",
    [
        ">7,力争投入强度高于“十三五”时期实际",  # 000 L83
        ">7、力争投入强度高于“十三五”时期实际",  # 004 L88
    ],
)
def test_leading_bound_with_words_keeps_number_and_full_text(cell: str) -> None:
    v = parse_value(cell)
    assert (v.number, v.qualifier, v.text, v.problem) == (7.0, "at_least", cell, "")


@pytest.mark.parametrize(
    ("cell", "number", "text"),
    [
        ("提高1.5个百分点", 1.5, "提高1.5个百分点"),  # direction words stay in text
        ("590(2019年)", 590.0, "590(2019年)"),
        ("达到95%", 95.0, ""),  # a copula adds nothing
    ],
)
def test_words_beyond_number_unit_and_qualifier_set_text(cell: str, number: float, text: str) -> None:
    v = parse_value(cell)
    assert (v.number, v.text) == (number, text)


@pytest.mark.parametrize(
    "cell",
    ["95 5", "1.2.3", "4..5", "1,6000", "7,8", "4.1/5", ".5", "—5", "1 600", "9" * 400],
    # '95 5': 000 L144, a typo in the 2020 pension-coverage cell
)
def test_unreadable_numbers_are_missing_with_a_problem(cell: str) -> None:
    v = parse_value(cell)
    assert (v.number, v.qualifier, v.raw) == (None, "missing", cell)
    assert v.problem and (cell[:10] in v.problem or "too large" in v.problem)


def test_problem_message_names_the_cell() -> None:
    assert parse_value("95 5").problem == "cannot read a number in '95 5'"


def test_conflicting_qualifiers_are_reported() -> None:
    v = parse_value("≥5以内")
    assert v.number == 5.0 and "conflicting" in v.problem


def test_footnote_marks_never_join_the_number() -> None:
    v = parse_value("87①")  # NFKC would make this 871
    assert (v.number, v.note, v.text) == (87.0, "①", "")


@pytest.mark.parametrize("bad", [None, 4.1, 5, b"4.1", ["4.1"]])
def test_non_string_raises_value_grammar_error(bad: object) -> None:
    with pytest.raises(ValueGrammarError, match="expects"):
        parse_value(bad)  # type: ignore[arg-type]


def test_fold_is_length_preserving_and_keeps_circled_numbers() -> None:
    s = "（４．５％）①\u3000－"
    assert fold_value_text(s) == "(4.5%)① -"
    assert len(fold_value_text(s)) == len(s)


# --- spans in sentences ----------------------------------------------------------------------


def _spans(text: str) -> list[tuple[str, float | None, str, str]]:
    return [(text[a:b], v.number, v.qualifier, v.unit) for a, b, v in find_number_spans(text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # 002 L1
            "地区生产总值增长7%左右;城镇调查失业率控制在5.5%以内;",
            [("7%左右", 7.0, "approx", "%"), ("控制在5.5%以内", 5.5, "at_most", "%")],
        ),
        (  # 002 L4
            "确保棉花产量稳定在500万吨以上。力争全区果品产量870万吨",
            [("500万吨以上", 500.0, "at_least", "万吨"), ("870万吨", 870.0, "exact", "万吨")],
        ),
        (  # 002 L32
            "力争全区城镇新增就业人数46万人以上、农村劳动力外出务工275万人次以上",
            [("46万人以上", 46.0, "at_least", "万人"), ("275万人次以上", 275.0, "at_least", "万人次")],
        ),
        ("力争贷款增速高于全疆贷款平均增速2-3个百分点", [("2-3个百分点", 2.0, "range", "个百分点")]),  # 000 L293
        ("民间投资占比超过55%", [("超过55%", 55.0, "at_least", "%")]),  # 001 L165
        (  # 000 L306
            "到2025年,全州用水总量控制在 10.64亿立方米以内",
            [("2025年", 2025.0, "exact", "年"), ("控制在 10.64亿立方米以内", 10.64, "at_most", "亿立方米")],
        ),
        ("第三节二〇三五年远景目标", [("二〇三五年", 2035.0, "exact", "年")]),  # 001 L147
        ("增长百分之五,新增三万人", [("百分之五", 5.0, "exact", "%"), ("三万人", 3.0, "exact", "万人")]),
        ("PM2.5浓度,新建5G基站,4A级景区,G30-5,第3季度", []),  # codes and ordinals
        ("一批企业,两个维护,“十四五”时期,三大产业", []),  # numerals used as words
        ("1.嘎海山水库建设工程 2.库伦旗农村牧区饮水安全巩固提升工程", []),  # 003 L206 list labels
        ("节约6000吨标煤,约600亩", [("6000吨标煤", 6000.0, "exact", "吨标煤"), ("约600亩", 600.0, "approx", "亩")]),
        ("增长5%到2025年", [("5%", 5.0, "exact", "%"), ("2025年", 2025.0, "exact", "年")]),
        ("增速为-2.33%", [("-2.33%", -2.33, "exact", "%")]),
        ("引进人才500名以上", [("500名以上", 500.0, "at_least", "名")]),  # 003 L320
        ("2021至2025年", [("2021至2025年", 2021.0, "range", "年")]),
        ("实施《通辽市十万大学生就业", []),  # 003 L222: a programme's name, not a count
        ("强化40周岁以下高学历", [("40周岁以下", 40.0, "at_most", "周岁")]),  # 003 L320
        (  # 东莞市/2020.md:28: 个 before 和 is the 个 of 个百分点, printed once at the list's end
            "先进制造业、高技术制造业占比分别提高1.9个和3.3个百分点",
            [("1.9个", 1.9, "exact", "个百分点"), ("3.3个百分点", 3.3, "exact", "个百分点")],
        ),
        (  # 宁波市/2006.md:26, three items
            "工业废水达标排放率、城镇污水处理率和垃圾无害化处理率分别比“九五”末提高3.5个、24.1个和6.8个百分点",
            [
                ("3.5个", 3.5, "exact", "个百分点"),
                ("24.1个", 24.1, "exact", "个百分点"),
                ("6.8个百分点", 6.8, "exact", "个百分点"),
            ],
        ),
        (  # 泉州市/2009.md:30: 分别增至66.5万、57万、46.5万、49.8万和44.09万人 (shortened): 万 of 万人
            "参加城镇职工基本养老、医疗、失业保险人数分别增至66.5万、57万和46.5万人",
            [("66.5万", 66.5, "exact", "万人"), ("57万", 57.0, "exact", "万人"), ("46.5万人", 46.5, "exact", "万人")],
        ),
        (  # a count before other words keeps its unit: only a list joiner links the two
            "新建学校5个，普惠园覆盖率提高3个百分点",
            [("5个", 5.0, "exact", "个"), ("3个百分点", 3.0, "exact", "个百分点")],
        ),
    ],
)
def test_find_number_spans(sentence: str, expected: list[tuple[str, float, str, str]]) -> None:
    assert _spans(sentence) == expected


def test_span_offsets_index_the_unnormalised_input() -> None:
    text = "失业率控制在５．５％以内"
    ((start, end, v),) = find_number_spans(text)
    assert text[start:end] == "控制在５．５％以内" and v.number == 5.5 and v.raw == text[start:end]


def test_spans_of_a_whole_work_report_line() -> None:
    line = (  # 002 L1, the year's main targets
        "今年我区经济社会发展的主要预期目标是:地区生产总值增长7%左右;规模以上工业增加值增长9%左右;"
        "固定资产投资增长11%左右;社会消费品零售总额增长12%左右;进出口总额增长10%左右;"
        "一般公共预算收入增长10%左右;城镇调查失业率控制在5.5%以内;城镇居民人均可支配收入增长7%左右,"
        "农村居民人均可支配收入增长8%左右,居民消费价格涨幅保持在3%左右。"
    )
    values = [v for _, _, v in find_number_spans(line)]
    assert [v.number for v in values] == [7, 9, 11, 12, 10, 10, 5.5, 7, 8, 3]
    assert [v.qualifier for v in values].count("approx") == 9


# --- properties: parse_value never fails on a string ----------------------------------------

_PIECES = st.sampled_from(
    ["1", "0", "9", ".", ",", "-", "—", "~", "至", "%", "‰", "万", "亿", "人", "元", "/10万", "≥", ">", "≤", "<",
     "以上", "以内", "左右", "约", "控制在", "不低于", "[", "]", "〔", "〕", "【", "】", "(", ")", "三", "二", "〇",
     "○", "十", "百", "千", "点", "百分之", "一般", "①", " ", "\t", "累计", "提高", "余", "个百分点", "GDP", "１",
     "％", "－"]
)  # fmt: skip
_CELLS = st.lists(_PIECES, max_size=12).map("".join)


def _check_invariants(v: Value) -> None:
    assert isinstance(v, Value)
    assert v.qualifier in QUALIFIERS
    assert v.number is None or math.isfinite(v.number)
    assert v.upper is None or math.isfinite(v.upper)
    if v.qualifier in ("missing", "text"):
        assert v.number is None
    if v.qualifier == "range":
        assert v.number is not None and v.upper is not None
    if v.qualifier == "exact":
        assert v.number is not None
    if v.number is None and v.qualifier not in ("missing", "text"):
        assert v.problem  # a bound without a number is always explained


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_parse_value_never_raises_on_any_text(cell: str) -> None:
    v = parse_value(cell)
    _check_invariants(v)
    assert v.raw == cell


@settings(max_examples=600, deadline=None)
@given(_CELLS)
def test_parse_value_invariants_on_value_like_cells(cell: str) -> None:
    _check_invariants(parse_value(cell))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=20).map("".join))
def test_spans_are_ordered_disjoint_and_read_back(text: str) -> None:
    last_end = 0
    for start, end, v in find_number_spans(text):
        assert last_end <= start < end <= len(text)
        assert v.raw == text[start:end] and v.number is not None and math.isfinite(v.number)
        assert v.qualifier in QUALIFIERS
        last_end = end


@pytest.mark.parametrize(
    ("text", "number", "qualifier"),
    [
        # lawtext-gov/五年规划/2021-十四五规划纲要.md:118: 基本养老保险覆盖近10亿人 (nearly: approx)
        ("基本养老保险覆盖近10亿人", 10.0, "approx"),
        # lawtext-gov/政府工作报告-主要城市/厦门市/2006.md:92: 力争逼近10 000美元, as the reader cleans it (inner
        # spaces removed): 逼近 whole, not 逼 + 近
        ("常住人口人均生产总值力争逼近10000美元", 10000.0, "approx"),
        # 就近 is "nearby", not "nearly"
        ("就近5公里", 5.0, "exact"),
    ],
)
def test_nearly_before_a_number_is_approx(text, number, qualifier):
    (_, _, v), *_ = find_number_spans(text)
    assert (v.number, v.qualifier) == (number, qualifier)
