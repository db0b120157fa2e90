"""Characters laid out like a PDF page, for the geometry tests of read.pdf_lines and read.pdf_tables.

A CJK glyph is one font size wide and a Latin or digit glyph half of it, as in the
STSong-Light font the test PDFs of tests/test_ingest.py are written with.
"""

from __future__ import annotations

from plantargets.read.pdf_lines import CJK_CHAR, Char

SIZE = 10.0


def glyphs(text: str, x: float, top: float, size: float = SIZE, spacing: float = 0.0) -> list[Char]:
    """``text`` set from ``x`` on the line whose top is ``top``; ``spacing`` points between glyphs.

    A space in ``text`` advances by half a size and marks the next glyph ``space_before``.
    """
    out: list[Char] = []
    space = False
    for ch in text:
        width = size if CJK_CHAR.match(ch) else size / 2
        if ch == " ":
            x += width
            space = True
            continue
        out.append(Char(ch, x, x + width, top, top + size, size, space_before=space))
        x += width + spacing
        space = False
    return out


def row(cells: list[tuple[float, str]], top: float, size: float = SIZE) -> list[Char]:
    """One printed line of cells, each ``(x, text)``."""
    return [c for x, text in cells for c in glyphs(text, x, top, size)]
