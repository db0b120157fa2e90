"""HTML pages rendered into lines: block elements as paragraphs, <table> rows as pipe lines.

Government sites publish plan outlines as web pages, often GB2312 with a ``<meta charset>``
and tables built with ``rowspan``/``colspan``. Tables are resolved into a grid so that each
row's cells stay under their header: a ``rowspan`` cell's text is printed in its first row
and an empty cell in the rows below, a ``colspan`` cell once (as the text exports print
them). Scripts, styles and comments are dropped; everything else is text, so a literal
``<script>`` written in the page's content (``&lt;script&gt;``) stays as those characters.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from plantargets.errors import DecodeError, InputError
from plantargets.read.limits import HTML_TOO_DEEP
from plantargets.read.rendering import Rendering
from plantargets.read.text import Document, decode_bytes

# Elements that start and end a line of text (HTML's block-level and list elements).
BLOCK_TAGS = frozenset(
    (
        "p",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "aside",
        "nav",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "dl",
        "ul",
        "ol",
        "figure",
        "figcaption",
        "address",
        "center",
        "form",
        "fieldset",
        "hr",
        "caption",
        "body",
        "html",
        "title",
    )
)
# Elements whose content is never document text.
DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "svg", "math", "select", "button")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
# GB2312 and GBK pages routinely use characters only GB18030 (their superset) defines.
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
# CSS Text 3: a line break in the source between two East Asian wide characters vanishes
# (地区生产\n总值 is one word on screen); other whitespace runs become one space.
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])[ \\t\\r\\f]*\\n\\s*(?=[{_CJK}])")
_WS = re.compile(r"[ \t\r\n\f]+")


def decode_html(data: bytes, name: str) -> tuple[str, str]:
    """Decode by BOM, then the page's declared charset, then the usual text decoders."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    m = _CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii").lower()
        codec = _CHARSET_ALIASES.get(declared, declared)
        try:
            return data.decode(codec), declared
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: fall back to the decoders that check
    return decode_bytes(data, name=name)


def collapse(text: str) -> str:
    """HTML whitespace rules for a text node (outside <pre>)."""
    return _WS.sub(" ", _CJK_BREAK.sub("", text))


def read_html(path: Path) -> Document:
    """Render an HTML file; raise InputError when it holds no text at all."""
    from bs4 import BeautifulSoup  # late: bs4 (~0.13 s) only when HTML is read

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DecodeError(f"cannot read the file: {exc.strerror}", file=path) from exc
    text, encoding = decode_html(data, str(path))
    soup = BeautifulSoup(text, "lxml")
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    rendering = Rendering()
    try:
        _Walker(rendering).walk(soup)
    except RecursionError:  # issue 16, case 11: a clear refusal, not a traceback
        raise InputError(HTML_TOO_DEEP, file=path) from None
    doc = rendering.document(path, encoding)
    if not any(line.text.strip() for line in doc.lines):
        raise InputError("the HTML page has no text (is the content loaded by JavaScript?)", file=path)
    return doc


class _Walker:
    """Depth-first walk that flushes a paragraph at every block boundary."""

    def __init__(self, rendering: Rendering) -> None:
        self.rendering = rendering
        self.buffer: list[str] = []
        self.paragraphs = 0
        self.tables = 0

    def flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        if text.strip():
            self.paragraphs += 1
            self.rendering.paragraph(text, f"paragraph {self.paragraphs}")

    def walk(self, node: Any, pre: bool = False) -> None:
        from bs4 import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction  # late: as above

        for child in node.children:
            if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString):
                self.buffer.append(str(child) if pre else collapse(str(child)))
                continue
            name = child.name
            if name == "br":
                self.buffer.append("\n")
            elif name == "table":
                self.flush()
                self.tables += 1
                self._table(child, self.tables)
            elif name in BLOCK_TAGS:
                self.flush()
                self.walk(child, pre or name == "pre")
                self.flush()
            else:
                self.walk(child, pre)

    def _table(self, table: Any, number: int) -> None:
        caption = table.find("caption")
        if caption is not None and _owner(caption) is table:
            self.rendering.break_()
            self.rendering.paragraph(inline_text(caption), f"table {number}, caption")
        rows = table_grid(table)
        self.rendering.break_()
        if max((len(r) for r in rows), default=0) <= 1:
            for i, row in enumerate(rows, start=1):
                for cell in row:
                    self.rendering.paragraph(cell, f"table {number}, row {i}")
        else:
            for i, row in enumerate(rows, start=1):
                self.rendering.row(row, f"table {number}, row {i}")
        self.rendering.break_()


def _owner(el: Any) -> Any:
    """The nearest enclosing <table> of an element."""
    return el.find_parent("table")


def inline_text(node: Any) -> str:
    """A cell's text on one line: blocks and <br> become spaces, nested tables included."""
    from bs4 import Comment, NavigableString  # late: as above

    parts: list[str] = []
    for el in node.descendants:
        if isinstance(el, Comment):
            continue
        if isinstance(el, NavigableString):
            parts.append(collapse(str(el)))
        elif el.name == "br" or el.name in BLOCK_TAGS or el.name in ("td", "th"):
            parts.append(" ")
    return _WS.sub(" ", "".join(parts)).strip()


def _span(cell: Any, attr: str, limit: int) -> int:
    """A rowspan/colspan as an int within 1..limit; 0 ('to the end') means the limit."""
    try:
        n = int(str(cell.get(attr, "1")).strip() or "1")
    except ValueError:
        return 1
    if n == 0:
        return limit
    return max(1, min(n, limit))


def table_grid(table: Any) -> list[list[str]]:
    """Rows of printed cells with rowspan/colspan resolved (see the module docstring)."""
    rows = [tr for tr in table.find_all("tr") if _owner(tr) is table]
    pending: dict[int, tuple[int, int]] = {}  # start column -> (rows still covered, width)
    out: list[list[str]] = []
    for r, tr in enumerate(rows):
        active = dict(pending)
        cells: list[str] = []
        col = 0
        for td in tr.find_all(["td", "th"], recursive=False):
            while col in active:  # a cell above reaches down into this row
                cells.append("")
                col += active[col][1]
            width = _span(td, "colspan", 1000)
            height = _span(td, "rowspan", len(rows) - r)
            cells.append(inline_text(td))
            if height > 1:
                pending[col] = (height - 1, width)
            col += width
        cells.extend("" for c in active if c >= col)  # covered columns after the last cell
        for start, (left, width) in active.items():
            if left <= 1:
                del pending[start]
            else:
                pending[start] = (left - 1, width)
        out.append(cells)
    return out
