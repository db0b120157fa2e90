"""Paragraphs as the reader sees them, whatever the line breaks (extract.passages.blocks).

Every text is a real sentence of the corpus (data/raw/lawtext-gov/…, file:line quoted), re-printed
the way the layouts of dataset.variants print it.
"""

from __future__ import annotations

from pathlib import Path

from plantargets.dataset.variants import bullet_items, wrap
from plantargets.extract.passages import blocks, clean_line, reflowed, wrap_width
from plantargets.extract.workreport import document_prose, read_work_report
from plantargets.read.html import read_html
from plantargets.read.markdown import document_from_markdown
from plantargets.read.text import normalise_text

# 政府工作报告-其他地市/乌兰察布市/2022.md:75 (its first two sentences)
ULANQAB_2022 = (
    "全市经济社会发展的主要预期目标是：地区生产总值增长6%左右；固定资产投资增长7%左右；规模以上工业增加值增长6%左右；"
    "社会消费品零售总额增长5%左右；城镇登记失业率控制在5%以内；城乡居民人均可支配收入分别增长6%和8%左右；"
    "生态环境质量进一步改善，完成自治区下达的节能减排目标任务。确定上述目标，贯彻了稳字当头、稳中求进要求。"
)
# 政府工作报告-国务院/2020.md:54 (its opening, up to 居民收入)
STATE_COUNCIL_2020 = (
    "综合研判形势，我们对疫情前考虑的预期目标作了适当调整。今年要优先稳就业保民生，坚决打赢脱贫攻坚战，"
    "努力实现全面建成小康社会目标任务；城镇新增就业900万人以上，城镇调查失业率6%左右，城镇登记失业率5.5%左右；"
    "居民消费价格涨幅3.5%左右；进出口促稳提质，国际收支基本平衡；居民收入增长与经济增长基本同步。"
)
# 政府工作报告-主要城市/上海市/2017.md:72 (its first two sentences)
SHANGHAI_2017 = (
    "综合各方面因素，建议今年全市经济社会发展的主要预期目标是：经济发展质量和效益进一步提高，全市生产总值增长6.5%左右，"
    "一般公共预算收入增长7%，全社会研发经费支出相当于全市生产总值的比例保持在3.8%以上。人民生活水平进一步提高，"
    "城镇登记失业率控制在4.4%以内，居民人均可支配收入增幅与经济增长保持同步。"
)


# 政府工作报告-省自治区/甘肃省/2012.md:46 (its sentences after the first)
GANSU_2012 = (
    "人大代表建议和政协委员提案办结率100%。提请省人大常委会颁布地方性法规14部，出台政府规章10部。依法行政工作纳入政府目标管理。"
    "加大流动人口、特殊人群管理服务力度。加强人民调解组织建设，扩大法律援助覆盖范围。大力开展食品药品和产品质量安全专项整治。"
    "信息化建设取得新进展。全面贯彻落实党的民族政策和宗教工作基本方针，民族团结，宗教和顺。"
)


def _read(text: str) -> str:
    """A paragraph as a block holds it: folded like a document's line, inner spaces removed."""
    return clean_line(normalise_text(text))


def _pasted(*paragraphs: str, width: int = 34) -> str:
    """Paragraphs as a PDF paste prints them: hard breaks every ``width`` characters, no blank lines."""
    return "\n".join(line for p in paragraphs for line in wrap(p, width)) + "\n"


def test_hard_wrapped_paragraph_is_one_block() -> None:
    # The line ending 增长6%左右； is cut by the width, not by the author: the passage goes on.
    doc = document_from_markdown(_pasted(ULANQAB_2022, ULANQAB_2022), "x.txt")
    assert wrap_width([len(line.text.strip()) for line in doc.lines]) == 34
    assert [b.text for b in blocks(doc)] == [_read(ULANQAB_2022)] * 2  # the short last line ends each


def test_hard_wrapped_targets_passage_read_to_its_end() -> None:
    doc = document_from_markdown(_pasted(ULANQAB_2022), "x.txt")
    names = {f.name for f in read_work_report(blocks(doc), 2022)[0]}
    # items printed on the 3rd to 6th physical lines, after the line ending 增长6%左右；
    assert {"社会消费品零售总额", "城镇登记失业率"} <= names


def test_one_paragraph_a_line_keeps_its_sentence_breaks() -> None:
    # 政府工作报告-省自治区/甘肃省/2012.md:46-47: a paragraph ending 社会和谐稳定。 and 各位代表！ with no blank line
    text = "加强社会管理综合治理和重点整治，社会和谐稳定。\n各位代表！\n"
    assert len(blocks(document_from_markdown(text, "x.md"))) == 2


def test_bold_fragments_of_one_paragraph_are_one_block() -> None:
    # An editor's cut after 国际收支基本平衡； is no paragraph end: the targets after it belong to it.
    cut = STATE_COUNCIL_2020.index("居民收入")
    text = f"**{STATE_COUNCIL_2020[:cut]}**\n**{STATE_COUNCIL_2020[cut:]}**\n\n**二、下一段**\n"
    bl = blocks(document_from_markdown(text, "x.md"))
    assert [b.text for b in bl] == [_read(STATE_COUNCIL_2020), "二、下一段"]


def test_br_inside_html_paragraph_is_a_soft_break(tmp_path: Path) -> None:
    first, second = SHANGHAI_2017.split("。", 1)
    page = tmp_path / "x.html"
    page.write_text(
        f"<html><body><h2>三、2017年主要工作</h2><p>{first}。<br>{second}</p><p>下一段。</p></body></html>", "utf-8"
    )
    bl = blocks(read_html(page))
    assert [b.text for b in bl] == ["三、2017年主要工作", _read(SHANGHAI_2017), "下一段。"]
    facts = read_work_report(bl, 2017)[0]
    # 城镇登记失业率控制在4.4%以内 is after the <br>: still an item of the targets passage
    assert any(f.name == "城镇登记失业率" and f.role == "target" and f.value.number == 4.4 for f in facts)


def test_br_between_every_paragraph_of_a_page_stays_a_break(tmp_path: Path) -> None:
    # A page printing its whole text in one <div> with <br> between paragraphs.
    page = tmp_path / "x.html"
    sentences = [s + "。" for s in GANSU_2012.split("。") if s]
    page.write_text("<html><body><div>" + "<br>".join(sentences) + "</div></body></html>", "utf-8")
    assert [b.text for b in blocks(read_html(page))] == [_read(s) for s in sentences]


def test_numbered_item_after_a_full_line_starts_a_block() -> None:
    # 政府工作报告-国务院/2020.md:54 wrapped to 34, then an item (一、…) right under it
    doc = document_from_markdown(
        _pasted(STATE_COUNCIL_2020) + "一、2019年工作回顾\n" + _pasted(STATE_COUNCIL_2020), "x.txt"
    )
    bl = blocks(doc)
    assert [b.text for b in bl][:2] == [_read(STATE_COUNCIL_2020), "一、2019年工作回顾"]
    assert bl[1].heading


# 政府工作报告-主要城市/无锡市/2018.md:18 (up to 科技进步贡献率提高到63.5%，…。)
WUXI_2018 = (
    "（一）综合实力迈上新的台阶。预计全市实现地区生产总值10500亿元，同比增长7.4%，增速五年来首次超过全省平均水平，"
    "这标志着无锡经济发展实现了历史性跨越、城市能级和综合实力显著增强。预计规模以上工业增加值达3330亿元，增长8.5%，"
    "增速创近五年新高。社会消费品零售总额达3460亿元，增长11%，增速十年来首次超过全省平均水平。固定资产投资达4915亿元，"
    "增长4.6%。外贸进出口超过800亿美元，增长15%。一般公共预算收入930亿元，增长6.3%。"
    "全社会研发投入占地区生产总值比重提高到2.86%，科技进步贡献率提高到63.5%，"
)


def _facts(text: str) -> set[tuple[str, float | None, str]]:
    doc = document_from_markdown(text, "x.txt")
    facts, _ = document_prose(doc, "work_report", 2016, 2020, 2018, set())
    return {(f.name, f.value.number if f.value else None, f.role) for f in facts}


def test_wrapped_review_paragraph_reads_as_on_one_line() -> None:
    # Wrapped to 34, the general reader used to read the unowned lines alone: 生产总值比重 2.86
    # (a name cut at the line's start). Read whole, the paragraph gives what its one line gives.
    one_line = _facts(WUXI_2018 + "\n")
    assert ("地区生产总值", 10500.0, "actual") in one_line
    assert _facts(_pasted(WUXI_2018)) == one_line


def test_reflowed_joins_a_paragraph_into_its_first_line() -> None:
    doc = document_from_markdown("一、2017年工作回顾\n" + _pasted(WUXI_2018), "x.txt")
    lines = reflowed(doc, blocks(doc)).doc.lines
    assert [line.lineno for line in lines] == [1, 2]
    assert lines[1].text == _read(WUXI_2018)


# 政府工作报告-省自治区/海南省/1994.md:128-132, a PDF paste in the corpus (lines cut inside 增长 28 / %)
HAINAN_1994 = """97.4 亿元，增长 10 %;农业增加值 85 亿元，增长 7 %。工业总产值 130.3 亿元，增长 30 %;工业增加值 38 亿元，增长 28
%。全社会固定资产投资规模 200 亿元，增长 18 %。实际利用外资 11 亿美元，增长 13.2 %。地方财政收入 25.9
亿元，加上中央税收返还收入和净上划中央财政 7.6 亿元，共 33.5 亿元，按同口径计算增长 18.4 %;财政支出 40.9 亿元，增长 6.3
%。商品进口总值 18 亿美元，增长 8 %;出口总值 9.6 亿美元，增长 6.1 %。农民人均纯收入 1100 元，增长 8.3
%。社会商品零售物价上涨幅度控制在 15 %左右。年末总人口 713.7 万人，人口自然增长率控制在 15.77 ‰以内。
"""


def test_joined_paragraph_rows_keep_their_own_line() -> None:
    doc = document_from_markdown(HAINAN_1994, "x.txt")
    facts, _ = document_prose(doc, "unknown", 1991, 1995, 1994, set())  # the general reader alone
    found = {(f.name, f.annual_growth or f.value.number): f.line for f in facts if f.value}
    assert found[("工业增加值", 28.0)] == 1  # 增长 28 / % cut over lines 1-2: read whole, on its number's line
    assert found[("地方财政收入", 25.9)] == 2
    assert found[("年末总人口", 713.7)] == 5


# 政府工作报告-省自治区/江西省/2011.md:96 (its opening, the 三个突破 and the first two 八个提高)
JIANGXI_2011 = (
    "今年全省经济社会发展的主要预期目标是：生产总值增长10%以上，财政总收入增长18%，全社会固定资产投资增长25%，"
    "社会消费品零售总额增长16%，实际利用外资增长10%，外贸出口增长20%，城镇化率提高1.6个百分点，"
    "城镇居民人均可支配收入和农民人均纯收入增长11%左右，居民消费价格指数控制在4%左右，人口自然增长率控制在8‰以内。"
    "围绕加快转变经济发展方式这条主线，优化结构，提升水平，努力做到“三个突破、八个提高”。“三个突破”：生产总值突破1万亿元，"
    "全社会固定资产投资突破1万亿元，财政总收入突破1500亿元，其中地方财政收入力争突破1000亿元。“八个提高”：一是提高财政收入"
    "占GDP的比重，由13%提高到13.8%。二是提高税收占财政收入的比重，由84.3%提高到85.2%。"
)


def test_prose_after_newspaper_bullets_stays_in_the_targets_passage() -> None:
    # dataset.variants.bullets prints the first sentence as ■ items and the rest as one line of prose
    text = "\n".join(bullet_items(JIANGXI_2011)) + "\n"
    assert text.count("■") == 10
    facts = read_work_report(blocks(document_from_markdown(text, "x.txt")), 2011)[0]
    targets = {(f.name, f.value.number) for f in facts if f.role == "target" and f.value}
    assert {("财政收入占GDP的比重", 13.8), ("税收占财政收入的比重", 85.2)} <= targets


# 政府工作报告-其他地市/鄂尔多斯市/2014.md:47 (from its fifth item to its end)
ORDOS_2014 = (
    "经济社会发展的主要预期目标是：社会消费品零售总额增长9.5%，达到600亿元；城镇居民人均可支配收入和农牧民人均纯收入"
    "分别增长9%和10%，达到39370元和13940元。完成自治区下达的节能减排目标任务。居民消费价格指数涨幅控制在3%以内。"
)


def test_prose_after_bullets_is_read_whatever_it_opens_with() -> None:
    # 完成… would end a passage as a paragraph of its own (完成上述目标…); after bullets it is the item's rest
    text = "\n".join(bullet_items(ORDOS_2014)) + "\n"
    facts = read_work_report(blocks(document_from_markdown(text, "x.txt")), 2014)[0]
    assert any(f.role == "target" and "节能减排" in f.name for f in facts)
    assert any(f.role == "target" and f.name.startswith("居民消费价格") and f.value.number == 3 for f in facts)
