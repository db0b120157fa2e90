"""Reading documents: encodings, deliberate normalisation, and the map back to raw lines."""

from __future__ import annotations

import pytest

from plantargets.errors import DecodeError
from plantargets.read.text import compact, decode_bytes, document_from_text, normalise_text, read_document

from .conftest import SEEDS

SAMPLE = "地区生产总值年均增长9.5%，力争2025年达到929亿元。\n三次产业结构10.6:28.8:60.6\n"


@pytest.mark.parametrize(
    ("encoding", "label"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030")],
)
def test_common_encodings_decode(encoding, label):
    text, used = decode_bytes(SAMPLE.encode(encoding), "x.txt")
    assert text.lstrip("\ufeff") == SAMPLE
    assert used == label


def test_empty_file_is_a_clear_error():
    with pytest.raises(DecodeError, match=r"empty\.txt: the file is empty"):
        decode_bytes(b"  \n\n", "empty.txt")


def test_binary_file_is_a_clear_error():
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(bytes(range(256)) * 4, "image.png")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # 塔城 (004 line 63): full-width parentheses and percent in a Word export
        ("\t1.地区生产总值增长（%）", "\t1.地区生产总值增长(%)"),
        ("ＧＤＰ增长１２．５％", "GDP增长12.5%"),
        ("[bookmark: _Toc18119]前  言", "前  言"),
        ("控制在\u30005.5%以内", "控制在 5.5%以内"),
        ("98\u00a0以上", "98 以上"),
        # deliberately NOT folded (NFKC would): circled numbers, superscripts, 〔〕 brackets, dashes
        ("87①", "87①"),
        ("km²", "km²"),
        ("〔10.5〕", "〔10.5〕"),
        ("—", "—"),
        ("≥35", "≥35"),
    ],
)
def test_normalise_is_deliberate(raw, expected):
    assert normalise_text(raw) == expected


def test_line_numbers_match_an_editor():
    doc = document_from_text("a\r\nb\rc\n\nd\u2028e\n", "t.txt")
    assert [(ln.lineno, ln.raw) for ln in doc.lines] == [(1, "a"), (2, "b"), (3, "c"), (4, ""), (5, "d\u2028e")]


def test_seed_line_map_points_at_the_raw_line():
    doc = read_document(SEEDS["tacheng-fyp14"])
    line = doc.line(63)
    assert line.raw == "\t1.地区生产总值增长（%）"
    assert line.text == "\t1.地区生产总值增长(%)"
    raw_lines = SEEDS["tacheng-fyp14"].read_text(encoding="utf-8").split("\n")
    assert len(doc.lines) == len(raw_lines) - (1 if raw_lines[-1] == "" else 0)


def test_gb18030_file_reads(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(SAMPLE.encode("gb18030"))
    doc = read_document(path)
    assert doc.encoding == "gb18030"
    assert doc.line(2).text == "三次产业结构10.6:28.8:60.6"


def test_compact_removes_inner_spaces():
    assert compact("经 济 发展") == "经济发展"


def test_html_entities_in_text_and_markdown_are_decoded_on_their_own_line():
    # data/raw/lawtext-gov/政府工作报告-主要城市/昆明市/2012.md:84 prints "人口自然增长率控制在6&permil;以内"
    from plantargets.read.markdown import document_from_markdown

    raw = "第一行\n人口自然增长率控制在6&permil;以内；A&#10;B，R&D投入\n"
    for doc in (document_from_text(raw, "x.txt"), document_from_markdown(raw, "x.md")):
        assert len(doc.lines) == 2
        assert doc.line(2).text == "人口自然增长率控制在6‰以内;A B,R&D投入"
        assert doc.line(2).raw == raw.splitlines()[1]
