"""Paragraphs of a report as the reader sees them, with every character's source line.

A work report reaches us cut in many ways: one paragraph per line (the Markdown corpus), a
sentence cut into bold fragments over several lines (``**今年经济社会发展的**`` /
``**主要预期目标是：**``), text pasted from a PDF with a line break every forty characters and
spaces inside numbers and words (``增长7 %``, ``人 均 GDP``), newspaper summaries with ``■``/``●``
bullets. The work-report reader works on *blocks*: runs of adjacent lines joined back into the
paragraph they were cut from, whitespace inside words removed, bullets dropped, each character
remembering its line so that every row still points at the raw file's line.

A block is a paragraph as the reader sees it, not a physical line: it ends at a blank line, at a
heading (一、… / （一）… / 第…章) and before a line opening with a list marker (——, ■, ●, 1., （一）).
Between two lines of text the break is *soft* (the paragraph goes on) when
- both lines come from one paragraph of a rendered page or Word file (``Document.origins``: a
  ``<br>`` or a soft line break inside a ``<p>``), unless that paragraph holds the whole page;
- the document is hard-wrapped (most lines share one width, as text pasted from a PDF) and the
  line is printed to that width: only a line clearly shorter than the width ends a paragraph;
- both lines are whole bold runs (``**…**``) in a document that sets paragraphs off by blank
  lines: an editor's fragments of one paragraph;
- the line ends mid-sentence (no 。！？； or colon at its end).
Otherwise (one paragraph per line, the Markdown corpus) a line ending a sentence ends its block.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from plantargets.read.text import Document, Line

# Characters that end a sentence or an item: a block may end after them.
_TERMINAL = "。!?;！？；"
# Markers that open a list item or a heading.
_ITEM_START = re.compile(
    r"^(?:—{1,2}|[■●◆▲★☆□○•·◇◎※►▶]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十]+[章节部分])"
)
_BULLETS = re.compile(r"^[■●◆▲★☆□○•·◇◎※►▶]+")
# Whitespace inside a paragraph is layout (PDF columns, spaced titles), except between two
# Latin letters (``GDP per capita``): it is removed.
_INNER_SPACE = re.compile(r"(?<![A-Za-z])\s+|\s+(?![A-Za-z])")
_SPACE = re.compile(r"\s")
HEADING_MAX = 40  # a line this short without a full stop may be a heading
# A line printed wholly in bold without a full stop is a heading up to this length (**二、未来五年，我们要
# 全面贯彻落实党的十八大精神，奋力推进全面建成小康社会伟大事业**).
BOLD_HEADING_MAX = 80
# An endnote marker (“六稳”[1]要求, 主要预期目 [1] 标是): no part of the sentence, and it may cut a word.
_NOTE_MARK = re.compile(r"\[\d{1,2}\]")


@dataclass
class Block:
    """A paragraph as read: its text and the raw-file line of every character."""

    text: str
    lines: list[int]  # lines[i] is the line of text[i]
    heading: bool  # a short line without a full stop: a section or item title
    bullet: bool = False  # opened by a bullet (■, ●): a newspaper's list item

    @property
    def first_line(self) -> int:
        return self.lines[0] if self.lines else 0

    def line_at(self, pos: int) -> int:
        """The raw line holding position ``pos`` of the text."""
        if not self.lines:
            return 0
        return self.lines[min(max(pos, 0), len(self.lines) - 1)]


def clean_line(text: str) -> str:
    """A line's parse text as the reader wants it: bullets, endnote markers and inner whitespace removed."""
    t = _BULLETS.sub("", text.strip())
    # The cheap tests first (this runs on every line): most lines have no marker and no space.
    if "[" in t:
        t = _NOTE_MARK.sub("", t)
    return _INNER_SPACE.sub("", t) if _SPACE.search(t) else t


def _is_heading(text: str) -> bool:
    if any(c in text for c in "。;；"):
        return False
    bold = text.startswith("**") and text.endswith("**")
    return len(text) <= (BOLD_HEADING_MAX if bold else HEADING_MAX)


@dataclass(frozen=True)
class SoftBreaks:
    """When a line break does not end a paragraph.

    ``wrapped_share``: a document is hard-wrapped when this share of its lines is printed to its
    commonest width (34 of every ~40 lines of a PDF paste; a Markdown file's paragraphs hardly ever
    share a length), and it has at least ``min_wrapped_lines`` such lines. ``wrap_slack``: how many
    characters shorter than that width a line must be to end its paragraph (a PDF's digits and Latin
    letters are narrower than CJK characters, so full lines vary by a character or two).
    ``max_html_breaks``: a rendered paragraph split by more <br>s than this is a page printing its
    whole text in one <p> or <div> with <br> between paragraphs: there the <br>s are the breaks.
    """

    wrapped_share: float = 0.3
    min_wrapped_lines: int = 8
    wrap_slack: int = 3  # characters
    max_html_breaks: int = 6


SOFT_BREAKS = SoftBreaks()
_BOLD_RUN = re.compile(r"^\*\*[^*].*\*\*$")


@dataclass(frozen=True)
class _Layout:
    """How a document breaks its lines: the width it is hard-wrapped to (0 when it is not), whether
    blank lines set paragraphs off, and the rendered origin of each line that may break softly."""

    width: int
    blank_paragraphs: bool
    origins: dict[int, str]


def wrap_width(lengths: list[int]) -> int:
    """The width (characters) a document is hard-wrapped to, 0 when it is not: the commonest line
    length when lines of about that length (±1) are ``SOFT_BREAKS.wrapped_share`` of all."""
    long = [n for n in lengths if n >= 12]
    if len(long) < SOFT_BREAKS.min_wrapped_lines:
        return 0
    width = max(set(long), key=lambda n: (long.count(n), n))
    near = sum(1 for n in lengths if abs(n - width) <= 1)
    return width if near >= SOFT_BREAKS.min_wrapped_lines and near >= SOFT_BREAKS.wrapped_share * len(lengths) else 0


def _layout(doc: Document) -> _Layout:
    """The document's line-breaking habits (see the module docstring)."""
    texts = [line.text.strip() for line in doc.lines]
    nonblank = [t for t in texts if t]
    # Paragraphs set off by blank lines: at least one text line in five has a blank line before it
    # (an editor's bold fragments, two to four a paragraph, are not set off from each other).
    after_blank = sum(1 for a, b in zip(["", *texts], texts, strict=False) if b and not a)
    counts: dict[str, int] = {}
    for origin in doc.origins.values():
        counts[origin] = counts.get(origin, 0) + 1
    soft = {
        n: o
        for n, o in doc.origins.items()
        if o.startswith("paragraph") and 1 < counts[o] <= SOFT_BREAKS.max_html_breaks
    }
    return _Layout(wrap_width([len(t) for t in nonblank]), after_blank * 5 > len(nonblank), soft)


def _item_line(raw: str) -> bool:
    """A line opening a list item or a heading (bold and Markdown heading marks aside)."""
    return bool(_ITEM_START.match(raw.lstrip("*# ")))


def soft_break(layout: _Layout, prev: Line, line: Line) -> bool:
    """Whether the break between two lines of text is inside one paragraph (see the module
    docstring); a line opening an item or heading is never inside one."""
    a, b = prev.text.strip(), line.text.strip()
    if _item_line(b) or a.startswith("|") or b.startswith("|"):
        return False  # an item or heading starts its own block; a table's rows are no paragraph
    if prev.lineno in layout.origins and layout.origins.get(line.lineno) == layout.origins[prev.lineno]:
        return True
    if layout.width:
        return len(a) >= layout.width - SOFT_BREAKS.wrap_slack
    if layout.blank_paragraphs and _BOLD_RUN.match(prev.raw.strip()) and _BOLD_RUN.match(line.raw.strip()):
        return True
    t = clean_line(a)
    return not t or t[-1] not in _TERMINAL + ":："


def blocks(doc: Document, skip_lines: Iterable[int] = ()) -> list[Block]:
    """The document's paragraphs (see the module docstring for how lines are joined)."""
    skip = set(skip_lines)
    layout = _layout(doc)
    out: list[Block] = []
    text_parts: list[str] = []
    line_map: list[int] = []
    prev: Line | None = None  # the open block's last line
    bullet = False  # the open block's first line opened with a bullet

    def close() -> None:
        nonlocal text_parts, line_map, prev, bullet
        if text_parts:
            text = "".join(text_parts)
            out.append(Block(text, line_map, _is_heading(text), bullet))
        text_parts, line_map, prev, bullet = [], [], None, False

    for line in doc.lines:
        raw = line.text.strip()
        if line.lineno in skip or not raw:
            close()
            continue
        t = clean_line(raw)
        if not t:
            continue
        if prev is not None and not soft_break(layout, prev, line):
            close()
        if prev is None:
            bullet = bool(_BULLETS.match(raw))
        text_parts.append(t)
        line_map.extend([line.lineno] * len(t))
        prev = line
        if (
            _item_line(raw)
            and _is_heading(t)
            and not (layout.width and len(raw) >= layout.width - SOFT_BREAKS.wrap_slack)
        ):
            close()  # a numbered heading (一、2022年工作回顾) is a block of its own
    close()
    return out


@dataclass
class Reflow:
    """A document with its multi-line paragraphs joined (``reflowed``), and for each joined line the
    raw-file line of every character of its raw text, so that a row still points at its own line."""

    doc: Document
    raw_lines: dict[int, tuple[str, list[int]]]  # joined line -> (its raw text, each character's line)
    owned: set[int]  # the first lines of paragraphs a reader read any line of: to be read no further

    def line_of(self, line: int, sentence: str) -> int:
        """The raw line of the first figure of ``sentence`` (as printed) read on joined line ``line``;
        ``line`` itself (the paragraph's first) when the sentence is not found in it."""
        if line not in self.raw_lines:
            return line
        raw, chars = self.raw_lines[line]
        at = raw.find(sentence) if sentence else -1
        if at < 0:
            return line
        digit = re.search(r"\d", sentence)
        return chars[min(at + (digit.start() if digit else 0), len(chars) - 1)]


def reflowed(doc: Document, bl: list[Block], read: Iterable[int] = ()) -> Reflow:
    """The document with every paragraph printed over several lines joined into its first line, and
    the paragraphs of which the work-report reader ``read`` any line (as a one-line paragraph is).

    The general prose reader reads one line at a time; a paragraph hard-wrapped by a PDF or cut
    by ``<br>`` would reach it in pieces (a name cut at the line's start: 步贡献率提高到63.5%). A
    paragraph on one line, and every line outside a paragraph (tables), stays as it is.
    """
    joined: dict[int, Line] = {}
    raw_lines: dict[int, tuple[str, list[int]]] = {}
    later: set[int] = set()
    by_number = {line.lineno: line for line in doc.lines}
    done = set(read)
    owned: set[int] = set()
    for b in bl:
        numbers = sorted(set(b.lines))
        if done and not done.isdisjoint(numbers):
            owned.add(b.first_line)
        if len(numbers) > 1:
            parts = [by_number[n] for n in numbers]
            raws = [part.raw.strip() for part in parts]
            raw = "".join(raws)
            joined[numbers[0]] = Line(numbers[0], raw, "".join(clean_line(part.text) for part in parts))
            raw_lines[numbers[0]] = (raw, [n for n, r in zip(numbers, raws, strict=True) for _ in r])
            later.update(numbers[1:])
    if not joined:
        return Reflow(doc, {}, owned)
    lines = [joined.get(line.lineno, line) for line in doc.lines if line.lineno not in later]
    return Reflow(replace(doc, lines=lines), raw_lines, owned)


_SENTENCE_END = re.compile(r"[。!?;！？；]")


def sentences(block: Block) -> list[tuple[int, int]]:
    """Sentence spans of a block (split after 。！？；)."""
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(block.text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(block.text):
        spans.append((start, len(block.text)))
    return spans


__all__ = ["Block", "Reflow", "blocks", "clean_line", "reflowed", "sentences", "soft_break", "wrap_width"]
