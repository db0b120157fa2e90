"""Reading any supported document (.txt, .docx, .pdf, .html) into one Document of lines.

The table, value and prose mechanism works on text lines, because that is what the text
exports we started from look like. Rather than a second parser per format, every format is
*rendered* into the same kind of lines: a paragraph is a line, a table row is one line with
its cells joined by `` | `` (a vertically merged cell's text only in its first row, an empty
cell below it; a horizontally merged cell once), exactly as the text exports print them.
``Document.origins`` maps each rendered line back to the structure it came from ('table 1,
row 3', 'page 2, table 1, row 4'), and :func:`render_text` gives the rendering itself, so a
``line`` number in the dataset can always be looked up (docs/DATA_CONTRACT.md, 'Non-text
formats').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from plantargets.errors import DecodeError, InputError
from plantargets.read.markdown import MARKDOWN_SUFFIXES, read_markdown, read_text_or_markdown
from plantargets.read.text import Document, Line, normalise_text

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
DOCX_SUFFIXES = (".docx", ".docm")
PDF_SUFFIXES = (".pdf",)
SUPPORTED = (*TEXT_SUFFIXES, *MARKDOWN_SUFFIXES, *DOCX_SUFFIXES, *PDF_SUFFIXES, *HTML_SUFFIXES)
# How far into a file its signature is looked for: PDFs may carry a few junk bytes before
# '%PDF-' (readers accept up to 1024), HTML may open with a long comment or BOM.
SNIFF_BYTES = 2048
CELL_SEPARATOR = " | "
# A '|' inside a cell would read as a cell boundary in the rendering; the broken bar keeps
# the text recognisable without splitting the cell (normalise_text leaves it alone).
PIPE_IN_CELL = "¦"
# Everything str.splitlines() treats as a line end: none may survive inside a rendered
# line, or the rendering's line numbers would differ from Document.lines.
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_SPACES = re.compile(r"[ \t\u3000\xa0]+")


def render_text(doc: Document) -> str:
    """The document as the text its ``line`` numbers refer to (one raw line per line).

    For a text file this is the decoded file; for .docx/.pdf/.html it is the rendering that
    the extractor parsed, which a person opens to find a dataset row's ``line``.
    """
    return "".join(line.raw + "\n" for line in doc.lines)


def clean_cell(text: str) -> str:
    """A table cell as one line of text: breaks and tabs become spaces, '|' becomes '¦'."""
    text = _LINE_BREAKS.sub(" ", text).replace("|", PIPE_IN_CELL)
    return _SPACES.sub(" ", text).strip()


@dataclass
class Rendering:
    """Lines being rendered from a structured document, each with where it came from."""

    raws: list[str] = field(default_factory=list)
    origins: dict[int, str] = field(default_factory=dict)

    def paragraph(self, text: str, origin: str) -> None:
        """Add a paragraph; a soft line break inside it starts a new line (same origin).

        Internal tabs are kept: a paragraph laid out with tab stops is how Word users
        type small tables, and the tab layouts of the table mechanism read those.
        """
        for part in _LINE_BREAKS.split(text):
            part = part.strip(" \t\u3000\xa0")
            if part:
                self._add(part, origin)

    def row(self, cells: list[str], origin: str) -> None:
        """Add a table row as one pipe-separated line; an all-empty row is dropped."""
        cleaned = [clean_cell(c) for c in cells]
        while cleaned and not cleaned[-1]:
            cleaned.pop()
        if any(cleaned):
            self._add(CELL_SEPARATOR.join(cleaned), origin)

    def break_(self) -> None:
        """A blank line (tables are set off from prose by one); never two in a row."""
        if self.raws and self.raws[-1]:
            self.raws.append("")

    def _add(self, raw: str, origin: str) -> None:
        self.raws.append(raw)
        self.origins[len(self.raws)] = origin

    def document(self, path: Path, encoding: str, warnings: list[str] | None = None) -> Document:
        """The finished Document; each raw line is normalised like a text file's line."""
        raws = list(self.raws)
        while raws and not raws[-1]:
            raws.pop()
        lines = [Line(i, raw, normalise_text(raw)) for i, raw in enumerate(raws, start=1)]
        origins = {n: o for n, o in self.origins.items() if n <= len(lines)}
        return Document(
            name=path.name, lines=lines, encoding=encoding, path=path, warnings=list(warnings or []), origins=origins
        )


def sniff(head: bytes) -> str | None:
    """The format a file's first bytes announce: 'pdf', 'zip', 'ole', 'html' or None (text)."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:SNIFF_BYTES]:
        return "html"
    return None


_DESCRIBE = {
    "pdf": "a PDF",
    "zip": "a zip package (.docx/.xlsx)",
    "ole": "a legacy Office file (.doc/.xls)",
    "html": "an HTML page (a download error page?)",
    None: "text or an unknown format",
}


def read_any(path: str | Path) -> Document:
    """Read a .txt, .docx, .pdf or .html document into a Document, by suffix and content.

    The content must agree with the suffix: a '.pdf' that is really an HTML error page from
    a download is reported, not parsed as an empty document. Files with another suffix are
    read by what their bytes are (PDF, Word package, HTML, else text).
    """
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError as exc:
        raise DecodeError(f"cannot read the file: {exc.strerror}", file=path) from exc
    kind = sniff(head)
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return read_markdown(path)
    if suffix in TEXT_SUFFIXES:
        return read_text_or_markdown(path)
    if suffix in HTML_SUFFIXES:
        return _read_html(path)
    if suffix in PDF_SUFFIXES:
        if kind != "pdf":
            raise InputError(f"the file is named {suffix} but is not a PDF: it looks like {_DESCRIBE[kind]}", file=path)
        return _read_pdf(path)
    if suffix in DOCX_SUFFIXES or suffix == ".doc":
        if kind == "zip":
            return _read_docx(path)
        if kind == "ole" or suffix == ".doc":
            raise InputError(
                "legacy Word .doc files are not supported; open it in Word or LibreOffice and save it as .docx",
                file=path,
            )
        raise InputError(
            f"the file is named {suffix} but is not a Word package: it looks like {_DESCRIBE[kind]}", file=path
        )
    if kind == "pdf":
        return _read_pdf(path)
    if kind == "zip":
        return _read_docx(path)
    if kind == "html":
        return _read_html(path)
    if kind == "ole":
        raise InputError("legacy Office files (.doc/.xls) are not supported; save it as .docx", file=path)
    return read_text_or_markdown(path)


def _read_docx(path: Path) -> Document:
    from plantargets.read.docx import read_docx

    return read_docx(path)


def _read_pdf(path: Path) -> Document:
    from plantargets.read.pdf import read_pdf

    return read_pdf(path)


def _read_html(path: Path) -> Document:
    from plantargets.read.html import read_html

    return read_html(path)


__all__ = ["SUPPORTED", "Rendering", "clean_cell", "read_any", "render_text", "sniff"]
