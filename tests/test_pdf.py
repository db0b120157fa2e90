"""read.pdf: pages of a text-layer PDF into a Document — paragraphs, page numbers, refusals.

The PDFs are written here with reportlab in Adobe's STSong-Light CJK font (as in
tests/test_ingest.py, whose two-page PDF covers the table and two-column reading). Texts are
the 库伦旗 outline's (data/raw/003_3e4f07611e85fb5a.txt).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from plantargets.errors import InputError
from plantargets.read import pdf as pdf_reader
from plantargets.read.pdf import _drop_page_numbers, _ranges, read_pdf
from plantargets.read.pdf_lines import Char, group_lines, join_chars

from .pdf_chars import glyphs

FONT, SIZE, LEAD = "STSong-Light", 10, 13
PAGE_W, PAGE_H = 595, 842
# data/raw/003_3e4f07611e85fb5a.txt:51, the first two sentences: one paragraph the page wraps
GOAL = "“十四五”时期库伦旗发展的总体目标是:完成高质量发展基础框架构建。突破产业转型瓶颈,大幅提高经济实力。"
HEADING = "第二节 发展目标"  # a short line of its own: a paragraph by itself
PER_LINE = 20  # characters a printed line holds (20 x 10 points, the right margin at 240)


def _write(path: Path, pages: list[list[str]], page_numbers: bool = True) -> Path:
    """A PDF of ``pages``, each a list of printed lines from x=40, with '- n -' at the bottom."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    for n, lines in enumerate(pages, start=1):
        c.setFont(FONT, SIZE)
        for k, line in enumerate(lines):
            c.drawString(40, PAGE_H - 60 - k * LEAD, line)
        if page_numbers:
            c.drawString(PAGE_W / 2, 30, f"- {n} -")
        c.showPage()
    c.save()
    return path


def _printed(text: str) -> list[str]:
    return [text[i : i + PER_LINE] for i in range(0, len(text), PER_LINE)]


def test_a_wrapped_paragraph_is_one_line_and_the_page_number_is_left_out(tmp_path: Path) -> None:
    path = _write(tmp_path / "goal.pdf", [[HEADING, *_printed(GOAL)], [*_printed(GOAL)]])
    doc = read_pdf(path)
    assert [line.text for line in doc.lines if line.text] == [HEADING, GOAL, GOAL]
    assert doc.warnings == []
    numbered = {doc.origins[n] for n, line in enumerate(doc.lines, start=1) if line.text}
    assert numbered == {"page 1", "page 2"}


def test_a_paragraph_continues_across_the_page_break(tmp_path: Path) -> None:
    lines = _printed(GOAL)  # 52 characters: 20 + 20 on page 1 (to the margin), 12 on page 2
    path = _write(tmp_path / "broken.pdf", [[HEADING, *lines[:2]], lines[2:]])
    assert [line.text for line in read_pdf(path).lines if line.text] == [HEADING, GOAL]


def test_page_numbers_are_dropped_only_at_the_top_or_bottom() -> None:
    body = glyphs("完成高质量发展基础框架构建。", 40, 100)
    for number in ("- 3 -", "第 3 页", "3", "3 / 12", "第3页/共12页"):
        lines = group_lines(glyphs(number, 280, 800) + body)
        assert [join_chars(line.chars) for line in _drop_page_numbers(lines)] == ["完成高质量发展基础框架构建。"], (
            number
        )
    # a year on a line of its own in the middle of the page is text
    middle = group_lines(glyphs("标题", 40, 60) + glyphs("2025", 40, 100) + glyphs("完成", 40, 140))
    assert len(_drop_page_numbers(middle)) == 3


def test_page_ranges_are_written_compactly() -> None:
    assert _ranges([1, 2, 3, 7]) == "1-3, 7"
    assert _ranges([4]) == "4"
    assert _ranges([2, 4, 5]) == "2, 4-5"


def _cid_page(page: Any) -> list[Char]:
    """What pdfplumber gives for a page whose font has no Unicode map: '(cid:N)' glyphs."""
    return [Char(f"(cid:{k})", 40 + 10 * k, 50 + 10 * k, 60, 70, 10) for k in range(20)]


def test_pages_without_a_unicode_map_are_named_in_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path / "cid.pdf", [[HEADING], [HEADING], [HEADING]])
    real = pdf_reader.page_chars
    seen: list[int] = []

    def second_and_third_undecodable(page: Any) -> list[Char]:
        seen.append(1)
        return _cid_page(page) if len(seen) > 1 else real(page)

    monkeypatch.setattr(pdf_reader, "page_chars", second_and_third_undecodable)
    doc = read_pdf(path)
    assert [line.text for line in doc.lines if line.text] == [HEADING]
    assert doc.warnings == ["2 PDF pages use fonts without a Unicode map and were not read: pages 2-3"]


def test_a_pdf_with_no_decodable_page_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path / "cid.pdf", [[HEADING]])
    monkeypatch.setattr(pdf_reader, "page_chars", _cid_page)
    with pytest.raises(InputError, match="fonts have no Unicode map") as err:
        read_pdf(path)
    assert err.value.file == str(path)


def test_a_damaged_page_is_an_input_error_naming_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path / "damaged.pdf", [[HEADING]])

    def broken(page: Any) -> list[Char]:
        raise KeyError("x0")

    monkeypatch.setattr(pdf_reader, "page_chars", broken)
    with pytest.raises(InputError, match=r"page 1 cannot be read \(KeyError"):
        read_pdf(path)


def test_a_file_that_is_not_a_pdf_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 20)
    with pytest.raises(InputError, match="not a readable PDF") as err:
        read_pdf(path)
    assert err.value.file == str(path)


def test_a_damaged_page_tree_is_an_input_error(tmp_path: Path) -> None:
    """Found by tests/test_fuzz_readers.py: pdfminer's own errors came out of listing the pages."""
    good = _write(tmp_path / "good.pdf", [[HEADING]])
    data = good.read_bytes()
    box = b"/MediaBox [ 0 0 595 842 ]"  # what reportlab writes for the A4 pages above
    assert box in data
    path = tmp_path / "damaged.pdf"
    path.write_bytes(data.replace(box, b"/MediaBox [ 0 0 /x 842 ]"))  # a name where a number belongs
    with pytest.raises(InputError, match=r"the PDF's pages cannot be read \(.*\); is it damaged\?") as err:
        read_pdf(path)
    assert err.value.file == str(path)
    assert [line.text for line in read_pdf(good).lines if line.text] == [HEADING]
