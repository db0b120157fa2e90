"""Markdown documents read as documents: markup stripped from the parse text, lines kept 1:1.

The corpus of work reports (``data/raw/lawtext-gov``) and many news write-ups arrive as
Markdown: YAML front matter (``title: 2023年自治区政府工作报告``), ``**bold**`` headings,
``#`` headings, ``>`` quotes, HTML comments, links and images. The extractor reads the
*parse text* of each line; the markup is noise there (``**主要预期目标是**：`` must read as
``主要预期目标是：``), so it is removed from ``Line.text`` while ``Line.raw`` keeps the line as
printed and every line keeps its number in the file (``line`` in the dataset is what an
editor shows).

- Front-matter lines get an empty parse text (a ``date: 2023-01-15`` is no value); its
  ``key: value`` pairs go to ``Document.metadata`` (the title is the best witness of what
  the document is, see ``extract.context``).
- Lines inside an HTML comment or a fenced code block get an empty parse text.
- Markdown pipe tables are left as they are (``| a | b |``, delimiter row included): the
  table reader reads them as it reads any pipe-separated export (inline markup inside the
  cells is still removed).
"""

from __future__ import annotations

import re
from pathlib import Path

from plantargets.read.text import Document, Line, decode_entities, document_from_text, normalise_text, read_decoded

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
# Front matter: '---' on the first line, closed by '---' or '...' within this many lines.
FRONT_MATTER_MAX_LINES = 60
# Block markup at the start of a line (strip_block).
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_HEADING_CLOSE = re.compile(r"\s+#+\s*$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(?=\S)")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
# Inline markup and what each leaves of itself, applied in this order (strip_inline): an image
# before a link (its alt text is in brackets too), a tag after <br>, an escaped pipe before escapes.
_INLINE_MARKUP: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # ![alt](src) → alt
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url) → text
    (re.compile(r"\*\*|__"), ""),  # **strong** → strong
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # *emphasis* → emphasis
    (re.compile(r"<br\s*/?>", re.IGNORECASE), " "),  # a line break inside a paragraph → a space
    (re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"), ""),  # other HTML tags → nothing
    (re.compile(r"\\\|"), "¦"),  # \| (a pipe inside a table cell) → ¦, so no cell boundary is invented
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~])"), r"\1"),  # backslash escapes → the character
)
_INLINE_MARKS = re.compile(r"[*_<>\[\\#`]")  # a line without any of these has no inline markup
# A text file is read as Markdown when it opens with front matter or several lines carry
# markup no plain text has (''**…**'' pairs, '#' headings).
_MD_SIGNS = re.compile(r"^\s{0,3}#{1,6}\s|\*\*[^*\n]+\*\*|^\s{0,3}>\s", re.MULTILINE)
MIN_MARKDOWN_SIGNS = 3


def front_matter_end(raws: list[str]) -> int:
    """Number of leading lines that are YAML front matter (0 when there is none)."""
    if not raws or raws[0].strip().lstrip("\ufeff") != "---":
        return 0
    for i in range(1, min(len(raws), FRONT_MATTER_MAX_LINES)):
        if re.fullmatch(r"-{3,}|\.{3}", raws[i].strip()):
            return i + 1
    return 0


_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")


def parse_front_matter(lines: list[str]) -> dict[str, str]:
    """Flat ``key: value`` pairs of front matter (quotes removed); nested YAML is not needed here."""
    out: dict[str, str] = {}
    for raw in lines:
        m = _FRONT_KEY.match(raw.strip())
        if m:
            out[m.group(1).lower()] = m.group(2).strip().strip("'\"").strip()
    return out


def strip_inline(text: str) -> str:
    """A line's inline markup removed: bold/italic marks, links and images to their text, tags, escapes."""
    if _INLINE_MARKS.search(text) is None:
        return text
    for pattern, replacement in _INLINE_MARKUP:
        text = pattern.sub(replacement, text)
    return text


def strip_block(text: str) -> str:
    """A line's block markup removed: heading marks, quote marks, list bullets, rules, table delimiters."""
    if "|" in text:
        return text  # a pipe-table row or delimiter row: the table reader reads them as printed
    if _RULE.match(text):
        return ""
    if "#" in text and _HEADING.match(text):
        text = _HEADING_CLOSE.sub("", _HEADING.sub("", text))
    if ">" in text:
        text = _QUOTE.sub("", text)
    if text.lstrip()[:1] not in ("-", "*", "+"):
        return text  # _BULLET needs one first after the indent (lstrip and \s strip the same characters)
    return _BULLET.sub(r"\1", text)


_FENCE = re.compile(r"^\s{0,3}(```|~~~)")  # a fenced code block opens or closes


def markdown_lines(raws: list[str]) -> tuple[list[Line], dict[str, str]]:
    """Lines whose parse text has the markup removed (same count, same numbers), and the front matter."""
    fm_end = front_matter_end(raws)
    metadata = parse_front_matter(raws[1 : fm_end - 1]) if fm_end else {}
    lines: list[Line] = []
    in_comment = in_fence = False
    for i, raw in enumerate(raws, start=1):
        if i <= fm_end:
            lines.append(Line(i, raw, ""))
            continue
        text = raw
        if _FENCE.match(text):
            in_fence = not in_fence
            lines.append(Line(i, raw, ""))
            continue
        if in_fence:
            lines.append(Line(i, raw, ""))
            continue
        text, in_comment = _drop_comments(text, in_comment)
        text = strip_inline(strip_block(text))
        lines.append(Line(i, raw, normalise_text(decode_entities(text))))
    return lines, metadata


def _drop_comments(text: str, in_comment: bool) -> tuple[str, bool]:
    """``text`` without HTML comments; whether a comment is still open at the line's end."""
    if not in_comment and "<!--" not in text:
        return text, False  # most lines
    out: list[str] = []
    pos = 0
    while pos <= len(text):
        if in_comment:
            end = text.find("-->", pos)
            if end < 0:
                return "".join(out), True
            pos, in_comment = end + 3, False
        else:
            start = text.find("<!--", pos)
            if start < 0:
                out.append(text[pos:])
                break
            out.append(text[pos:start])
            pos, in_comment = start + 4, True
    return "".join(out), in_comment


def looks_like_markdown(text: str) -> bool:
    """Whether a text file is Markdown: front matter first, or several lines of Markdown markup."""
    head = text.lstrip("\ufeff")[:4000]
    if head.startswith("---") and front_matter_end(head.splitlines()):
        return True
    return len(_MD_SIGNS.findall(text[:200_000], 0)) >= MIN_MARKDOWN_SIGNS


def document_from_markdown(text: str, name: str, encoding: str = "utf-8", path: Path | None = None) -> Document:
    """A Markdown text as a Document: raw lines as in the file, parse text without markup."""
    raws = re.split(r"\r\n|\r|\n", text)
    if raws and raws[-1] == "":
        raws.pop()
    lines, metadata = markdown_lines(raws)
    return Document(name=name, lines=lines, encoding=encoding, path=path, metadata=metadata)


def read_markdown(path: str | Path) -> Document:
    """Read a Markdown file (encodings as ``read.text.decode_bytes``)."""
    path = Path(path)
    text, encoding = read_decoded(path)
    return document_from_markdown(text, name=path.name, encoding=encoding, path=path)


def read_text_or_markdown(path: str | Path) -> Document:
    """A text file, read as Markdown when it looks like Markdown (a news write-up saved as .txt)."""
    path = Path(path)
    text, encoding = read_decoded(path)
    if looks_like_markdown(text):
        return document_from_markdown(text, name=path.name, encoding=encoding, path=path)
    return document_from_text(text, name=path.name, encoding=encoding, path=path)


__all__ = [
    "MARKDOWN_SUFFIXES",
    "document_from_markdown",
    "looks_like_markdown",
    "markdown_lines",
    "read_markdown",
    "read_text_or_markdown",
    "strip_block",
    "strip_inline",
]
