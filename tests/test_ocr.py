"""OCR building blocks: ruling lines, the grid, image references, corrections, the cache.

The grid tests draw small ruled tables with Pillow and hand the boxes in directly, so they
exercise cell recovery without the recogniser; the cache test counts recogniser calls.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from plantargets.extract.image_tables import correct_cells, image_references
from plantargets.extract.tables import TableRow
from plantargets.read import ocr as O
from plantargets.read.ocr import TextBox
from plantargets.read.ocr_grid import build_grid, grid_lines, join_texts
from plantargets.read.rules import table_structure
from plantargets.read.text import document_from_text


def ruled(
    width: int, height: int, hlines: list[tuple[int, int, int]], vlines: list[tuple[int, int, int]]
) -> np.ndarray:
    """A white image with grey rules: (y, x0, x1) horizontal and (x, y0, y1) vertical."""
    im = Image.new("L", (width, height), 255)
    d = ImageDraw.Draw(im)
    for y, x0, x1 in hlines:
        d.line([(x0, y), (x1, y)], fill=120, width=1)
    for x, y0, y1 in vlines:
        d.line([(x, y0), (x, y1)], fill=120, width=1)
    return np.asarray(im)


def box(text: str, x0: float, y0: float, x1: float, y1: float, conf: float = 0.99) -> TextBox:
    return TextBox(text, x0, y0, x1, y1, conf)


# A 3-column table: header row, then a category cell merged over two rows, as in 专栏1.
#   y: 10 | 40 | 70 | 100 ; x: 10 | 110 | 210 | 310
GRID_H = [(10, 10, 310), (40, 10, 310), (70, 110, 310), (100, 10, 310)]
GRID_V = [(10, 10, 100), (110, 10, 100), (210, 10, 100), (310, 10, 100)]


def test_rules_make_merged_cells():
    gray = ruled(320, 110, GRID_H, GRID_V)
    st = table_structure(gray, [])
    assert [round(y) for y in st.ys] == [10, 40, 70, 100]
    assert [round(x) for x in st.xs] == [10, 110, 210, 310]
    spans = {(c.r0, c.c0, c.r1, c.c1) for c in st.cells}
    assert (1, 0, 2, 0) in spans  # the category cell spans two rows
    assert len(st.cells) == 3 + 1 + 2 + 2


def test_grid_puts_merged_text_in_first_row_and_repeats_an_attribute():
    gray = ruled(320, 110, GRID_H, GRID_V)
    boxes = [
        box("指标", 40, 18, 80, 32),
        box("2025年", 130, 18, 190, 32),
        box("属性", 240, 18, 280, 32),
        box("民生", 40, 62, 80, 78),  # centred in the merged cell: belongs to its first row
        box("12", 150, 48, 170, 62),
        box("约束性", 230, 48, 290, 62),
        box("13", 150, 78, 170, 92),
        box("约束性", 230, 78, 290, 92),
    ]
    grid = build_grid(gray, boxes)
    assert grid.texts() == [["指标", "2025年", "属性"], ["民生", "12", "约束性"], ["", "13", "约束性"]]
    assert grid.rows[1][1].box == (150, 48, 170, 62)


def test_a_box_across_a_rule_is_cut_into_its_cells():
    gray = ruled(320, 110, GRID_H, GRID_V)
    boxes = [box("指标", 40, 18, 80, 32), box("2025年属性", 130, 18, 280, 32)]
    grid = build_grid(gray, boxes)
    assert grid.texts()[0] == ["指标", "2025年", "属性"]


def test_a_flat_mark_in_an_empty_cell_is_a_dash_and_other_ink_is_flagged():
    gray = ruled(320, 110, GRID_H, GRID_V).copy()
    gray[55, 150:165] = 60  # a dash the recogniser skipped
    gray[80:92, 155:158] = 60  # a stroke it skipped (a '1'?)
    grid = build_grid(gray, [box("指标", 40, 18, 80, 32), box("属性", 240, 18, 280, 32)])
    assert grid.rows[1][1].text == "—"
    assert grid.rows[2][1].text == "" and grid.rows[2][1].confidence == 0.0


def test_stacked_values_become_one_row_each():
    # 主要污染物排放总量减少 printed as one ruled row with four names and four numbers.
    gray = ruled(320, 110, [(10, 10, 310), (100, 10, 310)], [(10, 10, 100), (210, 10, 100), (310, 10, 100)])
    names = ["化学需氧量", "二氧化硫", "氨氮", "氮氧化物"]
    boxes = [box(n, 20, 14 + 20 * i, 100, 28 + 20 * i) for i, n in enumerate(names)]
    boxes += [box(f"[{v}]", 240, 14 + 20 * i, 270, 28 + 20 * i) for i, v in enumerate([8, 8, 10, 10])]
    grid = build_grid(gray, boxes)
    assert grid.texts() == [[n, f"[{v}]"] for n, v in zip(names, [8, 8, 10, 10], strict=True)]


def test_wrapped_text_in_one_cell_is_joined():
    gray = ruled(320, 110, GRID_H, GRID_V)
    boxes = [box("保持在合理", 215, 44, 300, 54), box("区间", 215, 56, 250, 66), box("指标", 40, 18, 80, 32)]
    grid = build_grid(gray, boxes)
    assert grid.rows[1][2].text == "保持在合理区间"
    assert join_texts(["高于GDP", "增长"]) == "高于GDP增长"
    assert join_texts(["GDP", "2.5"]) == "GDP 2.5"


def test_two_level_header_becomes_one_row_with_realised_columns_marked():
    # 指标 | 2005年 | 规划目标 (2010年 | 年均增长) | 实现情况 (2010年 | 年均增长), as in 专栏1 of 2011.
    full = [(x, 10, 80) for x in (10, 110, 210, 410, 610)]
    gray = ruled(
        620, 90, [(10, 10, 610), (30, 210, 610), (50, 10, 610), (80, 10, 610)], [*full, (310, 30, 80), (510, 30, 80)]
    )
    boxes = [
        box("指标", 40, 22, 80, 38),
        box("2005年", 130, 22, 190, 38),
        box("规划目标", 280, 12, 340, 28),
        box("2010年", 230, 33, 290, 47),
        box("年均增长", 330, 33, 390, 47),
        box("实现情况", 480, 12, 540, 28),
        box("2010年", 430, 33, 490, 47),
        box("年均增长", 530, 33, 590, 47),
        box("国内生产总值", 20, 58, 100, 72),
        box("18.5", 140, 58, 170, 72),
        box("7.5", 340, 58, 360, 72),
        box("39.8", 440, 58, 470, 72),
        box("11.2", 540, 58, 570, 72),
    ]
    grid = build_grid(gray, boxes)
    assert grid.texts()[0] == ["指标", "2005年", "2010年", "年均增长", "2010年实际完成", "实际完成(年均增长)"]
    assert grid.texts()[1] == ["国内生产总值", "18.5", "", "7.5", "39.8", "11.2"]
    lines, cells = grid_lines(grid, "专栏1 “十一五”规划主要指标实现情况")
    assert lines[0].startswith("专栏1") and lines[2].startswith("|---")
    assert cells[4][1].text == "18.5"


@pytest.mark.parametrize(
    ("line", "src", "caption"),
    [
        ('![](images/W0202.jpg "专栏1 主要指标　新华社发")', "images/W0202.jpg", "专栏1 主要指标　新华社发"),
        ("![专栏2](images/a.JPG)", "images/a.JPG", "专栏2"),
        ('<p><img src="tab.png" alt=""></p>', "tab.png", ""),
        ("![](https://example.org/map.svg)", None, None),  # not an image we can read
    ],
)
def test_image_references(line, src, caption):
    refs = image_references(document_from_text(f"正文\n{line}\n", "x.md"))
    if src is None:
        assert refs == []
    else:
        assert [(r.line, r.src, r.caption) for r in refs] == [(2, src, caption)]


@pytest.mark.parametrize(
    ("cells", "note", "expected"),
    [
        ({"annual": "(13.5)"}, True, {"annual": "〔13.5〕"}),  # 〔〕 read as ( ) under a 〔〕 note
        ({"annual": "(13.5)"}, False, {"annual": "(13.5)"}),  # no such note: left as read
        ({"target": "一", "base": "5.2"}, False, {"target": "—", "base": "5.2"}),  # a dash read as 一
    ],
)
def test_correct_cells(cells, note, expected):
    row = TableRow("8", "", "城镇调查失业率", "%", dict(cells), 1, "")
    fixes = correct_cells(row, note)
    assert row.cells == expected
    assert len(fixes) == sum(cells[k] != expected[k] for k in cells)


def test_ocr_results_are_cached_by_checksum(tmp_path, monkeypatch):
    calls = []

    def fake(data: bytes, name: str = "") -> list[TextBox]:
        calls.append(name)
        return [box("91", 1, 2, 3, 4, 0.94)]

    monkeypatch.setenv("PLANTARGETS_OCR_CACHE", str(tmp_path))
    monkeypatch.setattr(O, "recognise", fake)
    first = O.ocr_image(b"image bytes", "a.jpg")
    again = O.ocr_image(b"image bytes", "copy-of-a.jpg")
    other = O.ocr_image(b"other bytes", "b.jpg")
    assert first == again == other
    assert calls == ["a.jpg", "b.jpg"]
    (tmp_path / f"{O.image_sha256(b'image bytes')}.json").write_text("{broken", encoding="utf-8")
    O.ocr_image(b"image bytes", "a.jpg")  # a damaged entry is recomputed, not an error
    assert calls == ["a.jpg", "b.jpg", "a.jpg"]
