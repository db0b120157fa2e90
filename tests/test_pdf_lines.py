"""read.pdf_lines: characters into lines and words, and the reading order of a two-column page.

Texts are the 库伦旗 outline's (data/raw/003_3e4f07611e85fb5a.txt); positions are set by
tests/pdf_chars.py as a PDF page would have them (points, top-left origin).
"""

from __future__ import annotations

import random

from plantargets.read.pdf_lines import VLine, find_gutter, group_lines, join_chars, reading_blocks, words

from .pdf_chars import SIZE, glyphs, row

# data/raw/003_3e4f07611e85fb5a.txt:51 (总体目标), split into the sentences of a two-column page.
GOALS = [
    "完成高质量发展基础框架构建。",
    "突破产业转型瓶颈，大幅提高经济实力。",
    "全面改善营商环境，推进新型城镇化发展步伐。",
    "切实提升民生福祉。",
    "生态文明取得新成效。",
    "社会治理迈上新台阶。",
]


def _text(line: VLine) -> str:
    return join_chars(line.chars)


def test_group_lines_orders_lines_top_down_and_characters_left_to_right() -> None:
    # data/raw/003_3e4f07611e85fb5a.txt:60, the first row of the main table, and the header above it
    header = row([(30, "序号"), (90, "指标名称"), (305, "单位")], top=100)
    first = row([(30, "1"), (90, "地区生产总值增长"), (305, "亿元")], top=114)
    shuffled = header + first
    random.Random(7).shuffle(shuffled)
    lines = group_lines(shuffled)
    assert [_text(line) for line in lines] == ["序号 指标名称 单位", "1 地区生产总值增长 亿元"]
    assert [c.x0 for c in lines[1].chars] == sorted(c.x0 for c in lines[1].chars)


def test_characters_a_little_off_the_baseline_stay_on_their_line() -> None:
    # a superscript-like shift of 4 points (< 0.45 of a 10-point glyph) is the same line; 6 is not
    chars = glyphs("地区生产总值", 30, 100) + glyphs("增长", 90, 104)
    assert [_text(line) for line in group_lines(chars)] == ["地区生产总值增长"]
    chars = glyphs("地区生产总值", 30, 100) + glyphs("增长", 90, 106)
    assert [_text(line) for line in group_lines(chars)] == ["地区生产总值", "增长"]


def test_words_split_at_gaps_wider_than_the_given_width() -> None:
    line = row([(30, "1"), (90, "地区生产总值增长"), (305, "亿元"), (355, "54")], top=100)
    found = words(line, gap=1.5 * SIZE)
    assert [w.text for w in found] == ["1", "地区生产总值增长", "亿元", "54"]
    assert (found[1].x0, found[1].x1) == (90, 90 + 8 * SIZE)
    assert [w.text for w in words(line, gap=300)] == ["1 地区生产总值增长 亿元 54"]


def test_join_chars_spaces_words_but_not_letter_spaced_chinese() -> None:
    # justification (2 points between 10-point CJK glyphs) is not a space
    assert join_chars(glyphs("提升民生福祉", 0, 0, spacing=2)) == "提升民生福祉"
    # a gap near a full character (民 生 福 祉 printed spaced out) is, as the text exports print it
    assert join_chars(glyphs("民生福祉", 0, 0, spacing=9)) == "民 生 福 祉"
    # between Latin letters a quarter of an em is a word space; a space glyph always counts
    assert join_chars(glyphs("PM2.5", 0, 0) + glyphs("ug", 30, 0)) == "PM2.5 ug"
    assert join_chars(glyphs("GDP growth", 0, 0)) == "GDP growth"


def _two_column_page() -> list[VLine]:
    """A centred heading, then eight lines of prose in each of two columns (a gutter needs 8 lines)."""
    title = glyphs("第一节 总体目标", 250, 60)
    lines = [title]
    left = [GOALS[i % 3] for i in range(8)]
    right = [GOALS[3 + i % 3] for i in range(8)]
    for k in range(8):
        top = 90 + 14 * k
        text_l = (left[k] * 2)[:22]
        text_r = (right[k] * 3)[:22]
        lines.append(glyphs(text_l, 40, top) + glyphs(text_r, 310, top))
    return group_lines([c for line in lines for c in line])


def test_a_two_column_page_is_read_heading_then_left_column_then_right() -> None:
    page = _two_column_page()
    gutter = find_gutter(page, SIZE)
    assert gutter is not None
    left_edge, right_edge, tables_beside = gutter
    assert 40 + 22 * SIZE <= left_edge < right_edge <= 310 and tables_beside is False
    blocks = list(reading_blocks(page, SIZE))
    assert [len(b) for b in blocks] == [1, 8, 8]
    assert _text(blocks[0][0]) == "第一节 总体目标"
    assert _text(blocks[1][0]) == (GOALS[0] * 2)[:22]
    assert _text(blocks[2][0]) == (GOALS[3] * 3)[:22]


def test_a_one_column_page_is_one_block() -> None:
    page = group_lines([c for k, goal in enumerate(GOALS * 2) for c in glyphs(goal, 40, 90 + 14 * k)])
    assert find_gutter(page, SIZE) is None
    assert [len(b) for b in reading_blocks(page, SIZE)] == [12]
