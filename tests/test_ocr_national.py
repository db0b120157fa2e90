"""The national outlines' table images against golden files keyed by hand from the images.

Runs the real recogniser (results cached by image checksum in data/cache/ocr, so only the
first run pays ~5 s per image). Done when: at least 95% of rows right on every compared
column, every wrong cell among the flagged ones, and a scanned PDF made from a table image
gives the same rows as the image itself.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
import pytest
from PIL import Image

from plantargets.dataset.assemble import DocumentResult, extract_document
from plantargets.extract.image_tables import read_image_table
from plantargets.read.dispatch import read_any

from .ocr_golden import COMPARED, OUTLINES, TABLES, score

# Checks that point a person at a cell: every wrong cell must be under one of them.
FLAGS = ("ocr_low_confidence", "ocr_unread", "ocr_incomplete", "ocr_corrected", "unreadable_value", "row_shape")
MIN_ROWS_RIGHT = 0.95


@cache
def outline(name: str) -> DocumentResult:
    return extract_document(read_any(OUTLINES / name))


def _records(table: str) -> pd.DataFrame:
    df = pd.DataFrame(outline(TABLES[table]).records)
    return df[df.table == table]


@pytest.mark.parametrize("table", list(TABLES))
def test_rows_right_on_every_compared_column(table):
    s = score(table, _records(table))
    low = {c: f"{s.right[c]}/{s.rows}" for c in COMPARED if s.share(c) < MIN_ROWS_RIGHT}
    assert not low, f"{table}: columns under {MIN_ROWS_RIGHT:.0%} rows right: {low}; wrong cells: {s.wrong}"


@pytest.mark.parametrize("table", list(TABLES))
def test_every_wrong_cell_is_flagged(table):
    s = score(table, _records(table))
    quality = pd.DataFrame(outline(TABLES[table]).quality)
    flagged = quality[quality.check.isin(FLAGS) & (quality.table == table)]
    names = [n for n in flagged.name if n]
    unflagged = [w for w in s.wrong if not any(w[0] in n or n in w[0] for n in names)]
    assert not unflagged, f"{table}: wrong cells without a quality finding: {unflagged}"


def test_image_rows_carry_the_reference_line_image_box_and_confidence():
    rows = _records("fyp14_main")
    assert set(rows.line) == {176}  # the line of ![](images/W020220405479603241833.jpg)
    assert rows.origin.str.match(r"^images/W020220405479603241833\.jpg box \d+,\d+,\d+,\d+$").all()
    assert rows.ocr_confidence.between(0, 1).all()
    quality = pd.DataFrame(outline(TABLES["fyp14_main"]).quality)
    low = quality[quality.check == "ocr_low_confidence"]
    assert len(low) and low.origin.str.contains(r"\.jpg box \d+,\d+,\d+,\d+$").all()


def test_outline_images_not_bundled_are_one_finding():
    # 27 images referenced, 1 of them a table (bundled): the other 26 in one info finding.
    quality = pd.DataFrame(outline("2021-十四五规划纲要.md").quality)
    missing = quality[quality.check == "image_missing"]
    assert len(missing) == 1 and "26 referenced image(s)" in missing.message.iloc[0]


def test_scanned_pdf_gives_the_same_rows_as_the_image(tmp_path):
    from reportlab.pdfgen import canvas

    image = OUTLINES / "images" / "W020220405479603241833.jpg"
    width, height = Image.open(image).size
    pdf = tmp_path / "十四五规划纲要-扫描.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(width * 0.75, height * 0.75))  # 96 dpi, as scanned
    c.drawImage(str(image), 0, 0, width * 0.75, height * 0.75)
    c.showPage()
    c.save()
    doc = read_any(pdf)
    assert doc.warnings and "read by OCR" in doc.warnings[0]
    from_pdf = pd.DataFrame(extract_document(doc).records)
    from_pdf = from_pdf[from_pdf.table == "fyp14_main"].reset_index(drop=True)
    from_image = next(it for it in read_image_table(image, image.name, 14) if it.table.table == "fyp14_main")
    assert len(from_pdf) == len(from_image.table.rows) == 20
    same = from_pdf[["seq", "name", *COMPARED]].astype(str).reset_index(drop=True)
    want = _records("fyp14_main")[["seq", "name", *COMPARED]].astype(str).reset_index(drop=True)
    pd.testing.assert_frame_equal(same, want)
    assert from_pdf.origin.str.match(r"^page 1 box \d+,\d+,\d+,\d+$").all()
    assert doc.origins[int(from_pdf.line.iloc[0])].startswith("page 1, OCR box ")


def _ocr_row(**kw):
    row = {
        "source_file": "x.md",
        "doc_id": "x",
        "region": "中国",
        "table": "fyp14_main",
        "seq": "11",
        "name": "基本养老保险参保率",
        "indicator": "pension_coverage",
        "unit": "%",
        "base_year": 2020,
        "base_value": 16.0,
        "target_year": 2025,
        "target_value": 95.0,
        "annual_growth": None,
        "cumulative": False,
        "line": 176,
        "raw": "",
        "origin": "images/a.jpg box 1,2,3,4",
    }
    row.update(kw)
    return row


def test_a_misread_base_far_from_the_previous_plan_is_flagged():
    from plantargets.dataset.ocr_checks import check_ocr_previous_plan

    previous = _ocr_row(
        table="fyp13_main",
        source_file="13.md",
        base_year=2015,
        base_value=82.0,
        target_year=2020,
        target_value=90.0,
        origin="",
    )
    frame = pd.DataFrame([_ocr_row(), previous])
    found = check_ocr_previous_plan(frame)
    assert list(found.check) == ["ocr_previous_plan"] and "far from 90" in found.message.iloc[0]
    frame.loc[0, "base_value"] = 91.0  # as printed: no finding
    assert check_ocr_previous_plan(frame).empty


def test_a_share_that_falls_where_the_plan_says_rise_is_flagged():
    from plantargets.dataset.ocr_checks import check_ocr_direction

    row = _ocr_row(
        name="常住人口城镇化率", indicator="", base_value=60.6, target_value=56.0, annual_growth=3.9, cumulative=True
    )
    found = check_ocr_direction(pd.DataFrame([row]))
    assert list(found.check) == ["ocr_direction"]
    assert check_ocr_direction(pd.DataFrame([{**row, "target_value": 65.0}])).empty


def test_the_national_benchmark_is_checked_cell_by_cell_against_the_image():
    from plantargets.dataset.ocr_checks import check_national_reference

    rows = _records("fyp14_main").assign(doc_id="fyp14-000000", region="中国")
    found = check_national_reference(rows)
    # The typed benchmark puts <5.5 (城镇调查失业率) in the 2025 column; the image prints it in
    # the annual column. Every other cell agrees.
    assert set(found.check) == {"reference_mismatch"}
    assert found.message.str.contains("row 8").all() and len(found) == 2
    assert found.message.str.contains("national_fyp14_main_indicators.csv").all()
    assert found.message.str.contains(r"images/W020220405479603241833\.jpg box").all()
