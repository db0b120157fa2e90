"""HTML pages rendered into lines: block elements as paragraphs, <table> rows as pipe lines.

Government sites publish plan outlines as web pages, often GB2312 with a ``<meta charset>``
and tables built with ``rowspan``/``colspan``. Tables are resolved into a grid by
``read.grid`` (a ``rowspan`` cell printed in every row it covers, a ``colspan`` cell once,
stacked header rows merged). A page cut off mid-table (a download that stopped) keeps the rows
before the cut; the cut row is a warning with its text, not data. Scripts, styles and comments are dropped; everything else is text, so a literal
``<script>`` written in the page's content (``&lt;script&gt;``) stays as those characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plantargets.errors import DecodeError, InputError
from plantargets.read.grid import SpanCell, printed_rows, render_grid
from plantargets.read.limits import HTML_TOO_DEEP
from plantargets.read.rendering import Rendering
from plantargets.read.text import Document, decode_bytes

# Elements that start and end a line of text (HTML's block-level and list elements).
BLOCK_TAGS = frozenset(
    (
        "p",
        "div",
        "li",
        *(f"h{n}" for n in range(1, 7)),  # headings
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
    for i, table in enumerate(soup.find_all("table"), start=1):
        table[_TABLE_INDEX] = str(i)  # document order, to find the table a cut page stops in
    rendering = Rendering()
    walker = _Walker(rendering, find_cut(text))
    try:
        walker.walk(soup)
    except RecursionError:  # issue 16, case 11: a clear refusal, not a traceback
        raise InputError(HTML_TOO_DEEP, file=path) from None
    doc = rendering.document(path, encoding, walker.warnings)
    if not any(line.text.strip() for line in doc.lines):
        raise InputError("the HTML page has no text (is the content loaded by JavaScript?)", file=path)
    return doc


class _Walker:
    """Depth-first walk that flushes a paragraph at every block boundary."""

    def __init__(self, rendering: Rendering, cut: Cut | None = None) -> None:
        self.rendering = rendering
        self.cut = cut
        self.warnings: list[str] = []
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
        rows = table_cells(table)
        if self.cut is not None and self.cut.in_table(table):
            rows = self._drop_cut_row(rows, number)
        render_grid(self.rendering, rows, f"table {number}")

    def _drop_cut_row(self, rows: list[list[SpanCell]], number: int) -> list[list[SpanCell]]:
        """A page cut off inside this table: rows up to the cut, the cut row as a warning.

        The cut row's cells are what was printed before the cut (a number may be cut short:
        '77' of '77.3*'), so they are not data; the warning keeps them for the reader.
        """
        assert self.cut is not None
        if self.cut.inside_row and rows:
            raw = " | ".join(c.text for c in rows[-1])
            self.warnings.append(
                f"the page ends inside table {number}, row {len(rows)}: that row is cut off and left out "
                f"of the data (printed before the cut: {raw!r}); rows after it are missing"
            )
            return rows[:-1]
        self.warnings.append(f"the page ends inside table {number} after row {len(rows)}: rows after it are missing")
        return rows


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


def table_cells(table: Any) -> list[list[SpanCell]]:
    """The table's rows of cells with their spans, for ``grid.render_grid``."""
    rows = [tr for tr in table.find_all("tr") if _owner(tr) is table]
    return [
        [
            SpanCell(inline_text(td), _span(td, "rowspan", len(rows) - r), _span(td, "colspan", 1000))
            for td in tr.find_all(["td", "th"], recursive=False)
        ]
        for r, tr in enumerate(rows)
    ]


def table_grid(table: Any) -> list[list[str]]:
    """Rows of printed cells with rowspan/colspan resolved (see ``read.grid``)."""
    return [cells for cells, _ in printed_rows(table_cells(table))]


@dataclass(frozen=True)
class Cut:
    """Where a page that stops mid-table (a download cut short) stops.

    ``tables`` is how many ``<table`` tags open before the end; the last of them is the one
    cut off. ``inside_row`` is whether the text ends inside a row (after its ``<tr`` and
    before any ``</tr>``), so that row's cells are incomplete.
    """

    tables: int
    inside_row: bool

    def in_table(self, table: Any) -> bool:
        return bool(table.get(_TABLE_INDEX) == str(self.tables))


_TABLE_INDEX = "data-plantargets-table"
_OPEN_TABLE = re.compile(r"<table\b", re.IGNORECASE)
_CLOSE_TABLE = re.compile(r"</table\s*>", re.IGNORECASE)
_OPEN_ROW = re.compile(r"<tr\b", re.IGNORECASE)
_CLOSE_ROW = re.compile(r"</tr\s*>", re.IGNORECASE)


def find_cut(text: str) -> Cut | None:
    """A cut when the page ends with a table still open (no closing </html> either)."""
    tail = text.rstrip()[-64:].lower()
    if tail.endswith("</html>") or tail.endswith("</body>"):
        return None
    opens = list(_OPEN_TABLE.finditer(text))
    if not opens or len(_CLOSE_TABLE.findall(text[opens[-1].start() :])):
        return None
    last_row = max((m.start() for m in _OPEN_ROW.finditer(text)), default=-1)
    inside = last_row > opens[-1].start() and not _CLOSE_ROW.search(text, last_row)
    return Cut(len(opens), inside)
