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

from pathlib import Path

from plantargets.errors import DecodeError, InputError
from plantargets.read.docx import read_docx
from plantargets.read.html import read_html
from plantargets.read.markdown import MARKDOWN_SUFFIXES, read_markdown, read_text_or_markdown
from plantargets.read.pdf import read_pdf
from plantargets.read.rendering import Rendering, clean_cell, render_text
from plantargets.read.text import Document

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
DOCX_SUFFIXES = (".docx", ".docm")
PDF_SUFFIXES = (".pdf",)
# Scraping projects' dumps (title,date,url,content with the report in one quoted field): read as
# text, so every line of the report keeps its line number in the file.
CSV_SUFFIXES = (".csv",)
SUPPORTED = (*TEXT_SUFFIXES, *MARKDOWN_SUFFIXES, *DOCX_SUFFIXES, *PDF_SUFFIXES, *HTML_SUFFIXES, *CSV_SUFFIXES)
# How far into a file its signature is looked for: PDFs may carry a few junk bytes before
# '%PDF-' (readers accept up to 1024), HTML may open with a long comment or BOM.
SNIFF_BYTES = 2048


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
    if suffix in TEXT_SUFFIXES or suffix in CSV_SUFFIXES:
        return read_text_or_markdown(path)
    if suffix in HTML_SUFFIXES:
        return read_html(path)
    if suffix in PDF_SUFFIXES:
        if kind != "pdf":
            raise InputError(f"the file is named {suffix} but is not a PDF: it looks like {_DESCRIBE[kind]}", file=path)
        return read_pdf(path)
    if suffix in DOCX_SUFFIXES or suffix == ".doc":
        if kind == "zip":
            return read_docx(path)
        if kind == "ole" or suffix == ".doc":
            raise InputError(
                "legacy Word .doc files are not supported; open it in Word or LibreOffice and save it as .docx",
                file=path,
            )
        raise InputError(
            f"the file is named {suffix} but is not a Word package: it looks like {_DESCRIBE[kind]}", file=path
        )
    if kind == "pdf":
        return read_pdf(path)
    if kind == "zip":
        return read_docx(path)
    if kind == "html":
        return read_html(path)
    if kind == "ole":
        raise InputError("legacy Office files (.doc/.xls) are not supported; save it as .docx", file=path)
    return read_text_or_markdown(path)


__all__ = ["SUPPORTED", "Rendering", "clean_cell", "read_any", "render_text", "sniff"]
