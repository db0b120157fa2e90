"""Word, PDF and HTML versions of a seed's main table read like its text export.

Each fixture is written here from the 库伦旗 (hure-fyp14) seed: the main indicator table with
its category cells merged vertically (as the original Word file has them) and its 指标名称
header spanning the category and name columns. The extractor must give the same indicator
rows from every format as from the text export.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest

from plantargets.dataset.assemble import extract_document
from plantargets.dataset.manifest import load_manifest
from plantargets.errors import InputError
from plantargets.extract import cells as C
from plantargets.extract.tables import find_tables
from plantargets.read.dispatch import read_any, render_text
from plantargets.read.text import document_from_text, read_document

from .conftest import SEEDS

SEED = SEEDS["hure-fyp14"]
ROW_FIELDS = ("name", "category", "base_value", "target_value", "annual_growth", "qualifier", "attribute", "unit")


def _source():
    return next(s for s in load_manifest() if s.doc_id == "hure-fyp14")


def indicator_rows(doc) -> list[tuple]:
    """The main table's rows as comparable tuples (NaN-free)."""
    res = extract_document(doc, _source())
    rows = [r for r in res.records if r["table"] == "fyp14_main"]
    return [tuple("" if r[f] is None else r[f] for f in ROW_FIELDS) for r in rows]


def seed_table() -> tuple[str, list[str], list[list[str]]]:
    """Title, header cells and grid rows of the seed's main table.

    Grid rows have 8 cells (seq, category, name, unit, 2020, 2025, annual, attribute); a
    row printed without its category in the text export (the category cell is merged with
    the row above in the original) gets '' there.
    """
    doc = read_document(SEED)
    table = next(t for t in find_tables(doc) if t.table == "fyp14_main")
    texts = [doc.line(n).raw for n in range(table.line, table.end_line + 1)]
    title, header_line, *row_lines = texts
    header = [c.strip() for c in header_line.split("|") if c.strip()]
    rows = []
    for line in row_lines:
        cells = [c.strip() for c in line.split("|")]
        while cells and not cells[-1]:
            cells.pop()
        if C.is_unit(cells[2]):  # no category cell: the unit follows the name directly
            cells.insert(1, "")
        rows.append((cells + [""] * 8)[:8])
    return title.strip(), header, rows


def seed_document_parts() -> tuple[list[str], list[str]]:
    """The seed's lines before and after the main table (prose, headings)."""
    doc = read_document(SEED)
    table = next(t for t in find_tables(doc) if t.table == "fyp14_main")
    lines = [line.raw for line in doc.lines]
    return lines[: table.line - 1], lines[table.end_line :]


@pytest.fixture(scope="module")
def expected() -> list[tuple]:
    rows = indicator_rows(read_document(SEED))
    assert len(rows) == 20
    return rows


# --------------------------------------------------------------------------- .docx


def write_docx(path: Path, before: list[str], after: list[str]) -> Path:
    import docx

    title, header, rows = seed_table()
    d = docx.Document()
    for line in before:
        d.add_paragraph(line)
    d.add_paragraph(title)
    table = d.add_table(rows=len(rows) + 1, cols=8)
    head = table.cell(0, 1).merge(table.cell(0, 2))  # 指标名称 spans category and name: gridSpan=2
    head_cells = [table.cell(0, 0), head, *[table.cell(0, k) for k in range(3, 8)]]
    for cell, text in zip(head_cells, header, strict=True):
        cell.text = text
    starts = [i for i, r in enumerate(rows) if r[1]] + [len(rows)]
    for a, b in itertools.pairwise(starts):
        merged = table.cell(a + 1, 1).merge(table.cell(b, 1))  # vMerge restart / continue
        merged.text = rows[a][1]
    for i, row in enumerate(rows, start=1):
        for k, text in enumerate(row):
            if k != 1:
                table.cell(i, k).text = text
    for line in after:
        d.add_paragraph(line)
    d.save(str(path))
    return path


def test_docx_rows_match_text_export(tmp_path, expected):
    before, after = seed_document_parts()
    path = write_docx(tmp_path / "hure.docx", before, after)
    doc = read_any(path)
    assert indicator_rows(doc) == expected
    # A vertically merged category cell is printed in every row it covers (read.grid).
    rendering = render_text(doc).splitlines()
    first = next(n for n, line in enumerate(rendering, start=1) if line.startswith("1 | "))
    assert rendering[first - 1].startswith("1 | 经济 发展 | 地区生产总值增长")
    assert rendering[first].startswith("2 | 经济 发展 | 全员劳动生产率增长")
    assert doc.origins[first] == "table 1, row 2"
    assert doc.origins[1] == "paragraph 1"
    # The prose around the table reads the same as from the text file.
    text_prose = [r for r in extract_document(read_document(SEED), _source()).records if r["table"] == "prose"]
    docx_prose = [r for r in extract_document(doc, _source()).records if r["table"] == "prose"]
    assert [(r["name"], r["target_value"]) for r in docx_prose] == [(r["name"], r["target_value"]) for r in text_prose]


def test_docx_not_a_word_file(tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(b"<html><body>404</body></html>")
    with pytest.raises(InputError, match="not a Word package"):
        read_any(path)
    legacy = tmp_path / "plan.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(InputError, match=r"save it as \.docx"):
        read_any(legacy)


# --------------------------------------------------------------------------- .pdf

PAGE_W, PAGE_H = 595, 842
FONT = "STSong-Light"  # Adobe's CJK font: reportlab cannot embed the bundled CFF-based OTF
SIZE = 9
LEAD = 11
# Left x of each grid column: seq, category, name, unit, 2020, 2025, annual, attribute.
COLUMN_X = (30, 55, 90, 305, 355, 400, 470, 525)


def _canvas(path: Path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.setFont(FONT, SIZE)
    return c


def _cell_lines(k: int, text: str) -> list[str]:
    """How a cell wraps in print: a category two characters a line, a name at its space."""
    if k == 1:
        t = C.compact(text)
        return [t[i : i + 2] for i in range(0, len(t), 2)]
    return text.split(" ") if k == 2 else [text]


def _wrap(text: str, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, cur = [], ""
    for ch in text:
        if cur and stringWidth(cur + ch, FONT, SIZE) > width:
            lines.append(cur)
            cur = ""
        cur += ch
    return [*lines, cur] if cur else lines


def write_pdf(path: Path, prose: list[str]) -> Path:
    """Page 1: title, the table laid out by position only (no rules, no pipes) with wrapped
    names and categories. Page 2: a centred heading, then ``prose`` flowing through two
    columns (left column first), a running page number at the bottom."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    title, header, rows = seed_table()
    c = _canvas(path)
    y = 60.0
    c.drawString(COLUMN_X[0], PAGE_H - y, title)
    y += 2 * LEAD
    label = header[1]
    centre = (COLUMN_X[1] + COLUMN_X[3] - 10) / 2
    c.drawString(COLUMN_X[0], PAGE_H - y, header[0])
    c.drawString(centre - stringWidth(label, FONT, SIZE) / 2, PAGE_H - y, label)
    for x, text in zip(COLUMN_X[3:], header[2:], strict=True):
        c.drawString(x, PAGE_H - y, text)
    y += LEAD + 6
    for row in rows:
        wrapped = [_cell_lines(k, text) for k, text in enumerate(row)]
        for k, pieces in enumerate(wrapped):
            for j, piece in enumerate(pieces):
                c.drawString(COLUMN_X[k], PAGE_H - (y + j * LEAD), piece)
        y += max(len(w) for w in wrapped) * LEAD + 6
    c.showPage()
    c.setFont(FONT, SIZE)
    heading = "第一节 发展基础"
    c.drawString((PAGE_W - stringWidth(heading, FONT, SIZE)) / 2, PAGE_H - 60, heading)
    width = 245.0
    columns = ((40.0, 90.0), (310.0, 90.0))
    flowed = []
    for para in prose:
        first, *rest = _wrap(para, width - 2 * SIZE)
        flowed.append((2 * SIZE, first))
        flowed.extend((0.0, line) for line in _wrap("".join(rest), width))
    per_column = (len(flowed) + 1) // 2
    for i, (indent, line) in enumerate(flowed):
        x0, top = columns[i // per_column]
        c.drawString(x0 + indent, PAGE_H - (top + (i % per_column) * LEAD * 1.3), line)
    c.drawString(PAGE_W / 2, 30, "- 2 -")
    c.showPage()
    c.save()
    return path


def _prose_paragraphs() -> list[str]:
    before, _ = seed_document_parts()
    return [line for line in before if len(line) > 150][:2]


def test_pdf_rows_match_text_export(tmp_path, expected):
    prose = _prose_paragraphs()
    path = write_pdf(tmp_path / "hure.pdf", prose)
    t0 = time.perf_counter()
    doc = read_any(path)
    elapsed = time.perf_counter() - t0
    assert indicator_rows(doc) == expected
    lines = render_text(doc).splitlines()
    # Two-column prose reads left column then right, each paragraph one line again even
    # across the column break; the page number is not text.
    for para in prose:
        assert para in lines
    assert "- 2 -" not in lines
    assert doc.origins[lines.index(prose[0]) + 1] == "page 2"
    assert any(o.startswith("page 1, table 1, row ") for o in doc.origins.values())
    assert elapsed < 5, f"reading a 2-page PDF took {elapsed:.1f}s"


def test_scanned_pdf_is_reported(tmp_path):
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    image = tmp_path / "scan.png"
    Image.new("L", (200, 280), 200).save(image)
    path = tmp_path / "scan.pdf"
    c = _canvas(path)
    c.drawImage(ImageReader(str(image)), 0, 0, PAGE_W, PAGE_H)
    c.showPage()
    c.save()
    with pytest.raises(InputError, match=r"no text layer \(scanned PDF\?\).*OCR found no text") as info:
        read_any(path)
    assert info.value.file == str(path)


def test_partly_scanned_pdf_warns(tmp_path):
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    image = tmp_path / "scan.png"
    Image.new("L", (200, 280), 200).save(image)
    path = tmp_path / "mixed.pdf"
    c = _canvas(path)
    c.drawString(40, 800, "库伦旗国民经济和社会发展第十四个五年规划纲要")
    c.showPage()
    c.drawImage(ImageReader(str(image)), 0, 0, PAGE_W, PAGE_H)
    c.showPage()
    c.save()
    doc = read_any(path)
    assert doc.lines[0].text.startswith("库伦旗")
    assert doc.warnings and "pages 2" in doc.warnings[0] and "no text layer" in doc.warnings[0]


def test_pdf_named_file_that_is_html(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_text("<!DOCTYPE html><html><body>404 Not Found</body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="not a PDF: it looks like an HTML page"):
        read_any(path)


# --------------------------------------------------------------------------- .html


def write_html(path: Path, before: list[str], after: list[str]) -> Path:
    from html import escape

    title, header, rows = seed_table()
    parts = [
        '<!DOCTYPE html><html><head><meta charset="gb2312"><title>规划</title>',
        "<style>td { color: red }</style><script>var x = '<td>1</td>';</script></head><body>",
    ]
    parts += [f"<p>{escape(line)}</p>" for line in before]
    parts.append(f"<table border=1><caption>{escape(title)}</caption><thead><tr>")
    parts.append(f"<th>{escape(header[0])}</th><th colspan=2>{escape(header[1])}</th>")
    parts += [f"<th>{escape(h)}</th>" for h in header[2:]]
    parts.append("</tr></thead><tbody>")
    starts = [i for i, r in enumerate(rows) if r[1]] + [len(rows)]
    spans = {a: b - a for a, b in itertools.pairwise(starts)}
    for i, row in enumerate(rows):
        cells = [f"<td>{escape(row[0])}</td>"]
        if i in spans:
            cells.append(f"<td rowspan={spans[i]}>{escape(row[1])}</td>")
        cells += [f"<td>{escape(t)}</td>" for t in row[2:]]
        parts.append("<tr>" + "".join(cells) + "</tr>\n")
    parts.append("</tbody></table>")
    parts += [f"<div>{escape(line)}</div>" for line in after]
    parts.append("<p>示例:&lt;script&gt;alert(1)&lt;/script&gt; &amp; 地区生产\n总值</p></body></html>")
    path.write_bytes("".join(parts).encode("gb18030"))
    return path


def test_html_rows_match_text_export(tmp_path, expected):
    before, after = seed_document_parts()
    doc = read_any(write_html(tmp_path / "hure.html", before, after))
    assert indicator_rows(doc) == expected
    lines = render_text(doc).splitlines()
    assert lines[-1] == "示例:<script>alert(1)</script> & 地区生产总值"  # text stays text
    assert not any("var x" in line or "color: red" in line for line in lines)
    assert doc.encoding == "gb2312"
    caption = lines.index(seed_table()[0])
    assert doc.origins[caption + 1] == "table 1, caption"


# --------------------------------------------------------------------------- text and dispatch


def test_gb18030_text_through_read_any(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "hure.txt"
    path.write_bytes(text.encode("gb18030"))
    doc = read_any(path)
    assert doc.encoding == "gb18030"
    assert doc.origins == {}
    assert indicator_rows(doc) == indicator_rows(read_document(SEED))


def test_render_text_round_trips(tmp_path, expected):
    before, after = seed_document_parts()
    doc = read_any(write_docx(tmp_path / "hure.docx", before, after))
    again = document_from_text(render_text(doc), doc.name)
    assert [line.text for line in again.lines] == [line.text for line in doc.lines]
    assert indicator_rows(again) == expected
