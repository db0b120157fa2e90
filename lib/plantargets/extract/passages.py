"""Paragraphs of a report as the reader sees them, with every character's source line.

A work report reaches us cut in many ways: one paragraph per line (the Markdown corpus), a
sentence cut into bold fragments over several lines (``**今年经济社会发展的**`` /
``**主要预期目标是：**``), text pasted from a PDF with a line break every forty characters and
spaces inside numbers and words (``增长7 %``, ``人 均 GDP``), newspaper summaries with ``■``/``●``
bullets. The work-report reader works on *blocks*: runs of adjacent lines joined back into the
paragraph they were cut from, whitespace inside words removed, bullets dropped, each character
remembering its line so that every row still points at the raw file's line.

A line ends its block when it ends a sentence (。！？；), is a heading (一、… / （一）… / 第…章)
or is followed by a blank line; a line opening with a list marker (——, ■, ●, 1., （一）)
starts a new block.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from plantargets.read.text import Document

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
    t = text.strip()
    t = _BULLETS.sub("", t)
    return _INNER_SPACE.sub("", _NOTE_MARK.sub("", t))


def _is_heading(text: str) -> bool:
    if any(c in text for c in "。;；"):
        return False
    bold = text.startswith("**") and text.endswith("**")
    return len(text) <= (BOLD_HEADING_MAX if bold else HEADING_MAX)


def blocks(doc: Document, skip_lines: Iterable[int] = ()) -> list[Block]:
    """The document's paragraphs (see the module docstring for how lines are joined)."""
    skip = set(skip_lines)
    out: list[Block] = []
    text_parts: list[str] = []
    line_map: list[int] = []
    open_block = False

    def close() -> None:
        nonlocal text_parts, line_map, open_block
        if text_parts:
            text = "".join(text_parts)
            out.append(Block(text, line_map, _is_heading(text)))
        text_parts, line_map, open_block = [], [], False

    for line in doc.lines:
        if line.lineno in skip:
            close()
            continue
        raw = line.text.strip()
        if not raw:
            close()
            continue
        starts_item = bool(_ITEM_START.match(raw))
        t = clean_line(raw)
        if not t:
            continue
        if open_block and starts_item:
            close()
        text_parts.append(t)
        line_map.extend([line.lineno] * len(t))
        open_block = True
        heading_line = starts_item and _is_heading(t)
        if t[-1] in _TERMINAL or t[-1] in ":：" or heading_line:
            close()
    close()
    return out


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


__all__ = ["Block", "blocks", "clean_line", "sentences"]
