"""Scanned PDF pages: OCR instead of refusal, page by page, each line with page and box.

A page without a text layer is a picture of a page. Its image is taken as it is stored in
the PDF when the page is one scanned image (so a scan of a table reads exactly like the
image file it was made from), else the page is rendered at ``RENDER_DPI``. The image goes
through the same OCR, cell recovery and rendering as an image table (``read.ocr``,
``read.ocr_grid``): the caption and notes as lines, the table as Markdown rows. Each line's
origin is ``page N, OCR box x0,y0,x1,y1`` (pixels of the page image) and
``Document.ocr`` keeps the cells behind it, with their confidences, for the quality checks.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from plantargets.read.ocr import ocr_image
from plantargets.read.ocr_grid import GridCell, build_grid, grid_lines
from plantargets.read.rendering import Rendering

# Resolution for a page that is not a single stored image (text at ~10 pt is ~28 px high).
RENDER_DPI = 200
# A stored image covering at least this share of the page is the page.
FULL_PAGE_SHARE = 0.8


@dataclass
class OcrLine:
    """A rendered line read by OCR: where it is (page, image) and the cells behind it."""

    source: str  # 'page 3' (scanned PDF page)
    cells: list[GridCell]


def page_image(pdf_path: Path, number: int) -> tuple[bytes, np.ndarray]:
    """PNG bytes and grey pixels of page ``number`` (1-based) of a PDF."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        page = pdf[number - 1]
        width, height = page.get_size()
        images = list(page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]))
        pil = None
        if len(images) == 1:
            left, bottom, right, top = images[0].get_bounds()
            if (right - left) * (top - bottom) >= FULL_PAGE_SHARE * width * height:
                pil = images[0].get_bitmap(render=False).to_pil()
        if pil is None:
            pil = page.render(scale=RENDER_DPI / 72).to_pil()
        pil = pil.convert("RGB")
    finally:
        pdf.close()
    buf = io.BytesIO()
    pil.save(buf, format="PNG")
    return buf.getvalue(), np.asarray(pil.convert("L"))


def render_scanned_page(rendering: Rendering, pdf_path: Path, number: int, ocr: dict[int, OcrLine]) -> int:
    """OCR page ``number`` into the rendering; return how many lines it added."""
    data, gray = page_image(pdf_path, number)
    boxes = ocr_image(data, f"{pdf_path.name} page {number}")
    if not boxes:
        return 0
    grid = build_grid(gray, boxes)
    lines, cells = grid_lines(grid)
    rendering.break_()
    start = len(rendering.raws)
    for i, text in enumerate(lines, start=1):
        if not text:
            rendering.break_()
            continue
        row = cells.get(i)
        box = _union([c.box for c in row]) if row else None
        origin = f"page {number}, OCR" + (f" box {','.join(map(str, box))}" if box else "")
        if row is None:
            rendering.paragraph(text, origin)
            continue
        rendering.raws.append(text)  # a Markdown row, kept as one line (no cell cleaning)
        rendering.origins[len(rendering.raws)] = origin
        ocr[len(rendering.raws)] = OcrLine(f"page {number}", row)
    return len(rendering.raws) - start


def _union(boxes: list[tuple[int, int, int, int]]) -> tuple[int, int, int, int] | None:
    boxes = [b for b in boxes if b != (0, 0, 0, 0)]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


__all__ = ["OcrLine", "page_image", "render_scanned_page"]
