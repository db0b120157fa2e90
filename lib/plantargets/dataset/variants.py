"""A report re-printed in the layouts it reaches people in, with a map back to its lines.

The hand keys (tests/golden/workreports) name a line of a clean Markdown file. Readers meet
the same report as text pasted from a PDF, a newspaper summary with bullets, a saved web page,
a Word file or a scraping project's CSV dump. Each function here re-prints one report in one
such layout and says where every original line went, so the same keys can score the extractor
on the layout (``dataset.variant_score``). The functions are pure and deterministic (a seed
drives every random choice): a measurement can be rerun and gives the same figures.

A :class:`Variant`'s ``line_map`` maps an original 1-based line number to the line numbers of
the variant *as the project's reader numbers them* (the file's lines for text layouts, the
rendering's lines for .html and .docx), which is what the dataset's ``line`` column holds.
"""

from __future__ import annotations

import io
import itertools
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from plantargets.read.markdown import front_matter_end, parse_front_matter, strip_block, strip_inline
from plantargets.read.text import decode_entities

# Where a PDF's text layer wraps: a fixed width in characters, as narrow-column pages print.
PDF_WIDTH = 34
# Share of two-character CJK runs that a PDF paste prints with a space inside ('人 均').
PDF_WORD_SPACE = 0.04
# Units a PDF paste separates from their number ('7 %', '1100 万人'), longest first.
PDF_UNITS = ("个百分点", "万亿元", "亿元", "万元", "万人", "%", "‰")
# The shortest bold fragment, in characters.
MIN_FRAGMENT = 4
_ASCII_PUNCT = str.maketrans({"：": ":", "；": ";", "，": ",", "（": "(", "）": ")"})
_HEADING = re.compile(r"^(#{1,6}\s|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
_CJK_PAIR = re.compile(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])")
_NUMBER_UNIT = re.compile(r"(\d)(" + "|".join(re.escape(u) for u in PDF_UNITS) + ")")
# The opening of the year's targets passage after which a newspaper prints bullets.
_TARGETS_OPENING = re.compile(r"主要预期目标是|主要目标是|主要预期目标为")
_DIGIT = re.compile(r"[\d.%]")
# A clause that continues the item before it rather than naming a new one (到2015年达到…, 力争…).
_CONTINUES = re.compile(r"(?:到|力争|争取|其中|由|比|年均|分别|同比|确保|即)")


@dataclass(frozen=True)
class Paragraph:
    """One non-empty line of the original: its number, its plain text, whether it is a heading."""

    line: int
    text: str
    heading: bool


@dataclass(frozen=True)
class Variant:
    """A report in one layout: the file's bytes, its suffix and original line -> variant lines."""

    layout: str
    data: bytes
    suffix: str
    line_map: dict[int, tuple[int, ...]]


def paragraphs(text: str) -> tuple[str, list[Paragraph]]:
    """The report's title (front matter) and its non-empty lines as plain text, markup removed.

    Front matter is what a Markdown export adds; the other layouts print the title instead.
    """
    raws = re.split(r"\r\n|\r|\n", text)
    fm_end = front_matter_end(raws)
    title = parse_front_matter(raws[1 : fm_end - 1]).get("title", "") if fm_end else ""
    out: list[Paragraph] = []
    for i, raw in enumerate(raws[fm_end:], start=fm_end + 1):
        plain = decode_entities(strip_inline(strip_block(raw))).strip()  # a Word file or page shows 6‰, not 6&permil;
        if plain:
            heading = bool(_HEADING.match(raw.strip())) or (raw.strip().startswith("**") and len(plain) < 40)
            out.append(Paragraph(i, plain, heading))
    return title, out


def _text_variant(layout: str, blocks: list[tuple[int, list[str]]], suffix: str, blank: bool) -> Variant:
    """Lines of a text layout (``blocks``: original line -> its printed lines) and their map."""
    lines: list[str] = []
    line_map: dict[int, tuple[int, ...]] = {}
    for line, printed in blocks:
        if blank and lines:
            lines.append("")
        start = len(lines) + 1
        lines.extend(printed)
        if line > 0:
            line_map[line] = tuple(range(start, len(lines) + 1))
    return Variant(layout, ("\n".join(lines) + "\n").encode("utf-8"), suffix, line_map)


def _title_block(title: str) -> list[tuple[int, list[str]]]:
    return [(0, [title])] if title else []


def space_inside(text: str, rng: random.Random) -> str:
    """A PDF paste's spacing: a space before %/units after a number, now and then inside a word."""
    text = _NUMBER_UNIT.sub(r"\1 \2", text)
    return _CJK_PAIR.sub(lambda m: " " if rng.random() < PDF_WORD_SPACE else "", text)


def wrap(text: str, width: int) -> list[str]:
    """Hard line breaks every ``width`` characters, with no regard to words or numbers."""
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def pdf_paste(text: str, seed: int = 0, width: int = PDF_WIDTH) -> Variant:
    """Text copied out of a PDF viewer: hard breaks every ``width`` characters, stray spaces."""
    rng = random.Random(seed)
    title, paras = paragraphs(text)
    blocks = _title_block(title) + [(p.line, wrap(space_inside(p.text, rng), width)) for p in paras]
    return _text_variant("pdf_paste", blocks, ".txt", blank=False)


def ascii_punct(text: str, seed: int = 0) -> Variant:
    """The report typed with ASCII punctuation (``:;,()`` for ``：；，（）``), lines as they are."""
    raws = re.split(r"\r\n|\r|\n", text)
    if raws and raws[-1] == "":
        raws.pop()
    fm_end = front_matter_end(raws)
    blocks = [(i if i > fm_end else 0, [raw.translate(_ASCII_PUNCT)]) for i, raw in enumerate(raws, start=1)]
    return _text_variant("ascii_punct", blocks, ".md", blank=False)


def cut_points(text: str, parts: int, rng: random.Random, shortest: int = MIN_FRAGMENT) -> list[int]:
    """Up to ``parts - 1`` positions to cut ``text`` at, never inside a number (5.5%).

    Pieces are at least ``shortest`` characters: editors' bold runs are phrases, not single characters.
    """
    allowed = [
        i
        for i in range(shortest, len(text) - shortest + 1)
        if not (_DIGIT.match(text[i - 1]) and _DIGIT.match(text[i]))
    ]
    cuts: list[int] = []
    for i in rng.sample(allowed, len(allowed)):
        if len(cuts) == parts - 1:
            break
        if all(abs(i - c) >= shortest for c in cuts):
            cuts.append(i)
    return sorted(cuts)


def fragments(text: str, rng: random.Random) -> list[str]:
    """A paragraph cut into 2-4 pieces (a short one stays whole)."""
    if len(text) < 3 * MIN_FRAGMENT:
        return [text]
    cuts = [0, *cut_points(text, rng.randint(2, 4), rng), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(cuts) if text[a:b]]


def bold_fragments(text: str, seed: int = 0) -> Variant:
    """A web page turned Markdown: every paragraph cut into 2-4 **bold** fragments on their own lines.

    Headings stay whole (one bold line), as editors print them.
    """
    rng = random.Random(seed)
    title, paras = paragraphs(text)
    blocks = _title_block(title) + [
        (p.line, [f"**{p.text}**"] if p.heading else [f"**{f.strip()}**" for f in fragments(p.text, rng)])
        for p in paras
    ]
    return _text_variant("bold_fragments", blocks, ".md", blank=True)


def _items(body: str) -> list[str]:
    """A targets list cut into items: at ；, else at ， unless the clause continues an item (到2015年…)."""
    if "；" in body:
        return [s.strip() for s in body.split("；") if s.strip()]
    items: list[str] = []
    for chunk in (s.strip() for s in body.split("，")):
        if items and (not chunk or _CONTINUES.match(chunk)):
            items[-1] += "，" + chunk
        elif chunk:
            items.append(chunk)
    return items


def bullet_items(text: str) -> list[str]:
    """The targets passage as a newspaper prints it: the opening, one ■ line per item, the rest after.

    Only the passage's first sentence is bulleted; what follows its 。 stays one line of prose.
    """
    m = _TARGETS_OPENING.search(text)
    if m is None:
        return [text]
    head_end = m.end() + (1 if text[m.end() : m.end() + 1] in "：:，," else 0)
    stop = text.find("。", head_end)
    stop = len(text) if stop < 0 else stop + 1
    items = [f"■{item}" for item in _items(text[head_end:stop])]
    return [text[:head_end], *items, *([text[stop:]] if text[stop:].strip() else [])]


def bullets(text: str, seed: int = 0) -> Variant:
    """A newspaper summary: targets items as ■ bullets, the review's ——items as ● bullets."""
    title, paras = paragraphs(text)
    blocks = _title_block(title)
    for p in paras:
        if p.text.startswith("——"):
            blocks.append((p.line, ["●" + p.text[2:]]))
        else:
            blocks.append((p.line, bullet_items(p.text)))
    return _text_variant("bullets", blocks, ".txt", blank=False)


def _html_paragraph(text: str, rng: random.Random) -> tuple[str, int]:
    """A <p>'s inner HTML and its rendered line count: a <br> after a 。 now and then, a <strong>."""
    sentences = [s for s in re.split(r"(?<=。)", text) if s]
    if len(sentences) > 1 and rng.random() < 0.5:
        k = rng.randint(1, len(sentences) - 1)
        pieces = ["".join(sentences[:k]), "".join(sentences[k:])]
    else:
        pieces = [text]
    out = []
    for piece in pieces:
        html = escape(piece, quote=False)
        if rng.random() < 0.3 and len(piece) > 8:
            a = rng.randint(0, len(piece) // 2)
            b = rng.randint(a + 1, len(piece))
            html = f"{escape(piece[:a], quote=False)}<strong>{escape(piece[a:b], quote=False)}</strong>"
            html += escape(piece[b:], quote=False)
        out.append(html)
    return "<br>".join(out), len(pieces)


def html_page(text: str, seed: int = 0) -> Variant:
    """A saved government web page: a nav bar, <h2> headings, <p> paragraphs, a footer."""
    rng = random.Random(seed)
    title, paras = paragraphs(text)
    head = f"<title>{escape(title or '政府工作报告')}</title>"
    body = ['<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a></div>', '<div class="article">']
    rendered = 2  # <title> and the nav bar render as one line each
    if title:
        body.append(f"<h1>{escape(title)}</h1>")
        rendered += 1
    line_map: dict[int, tuple[int, ...]] = {}
    for p in paras:
        if p.heading:
            body.append(f"<h2>{escape(p.text)}</h2>")
            count = 1
        else:
            inner, count = _html_paragraph(p.text, rng)
            body.append(f"<p>{inner}</p>")
        line_map[p.line] = tuple(range(rendered + 1, rendered + count + 1))
        rendered += count
    body.append('</div>\n<div class="footer">【打印本页】【关闭窗口】</div>')
    page = (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        + head
        + "\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
    return Variant("html", page.encode("utf-8"), ".html", line_map)


def docx_file(text: str, seed: int = 0) -> Variant:
    """A Word file made with python-docx: heading paragraphs, body paragraphs, some bold runs."""
    import docx  # late: python-docx only when a Word variant is made

    rng = random.Random(seed)
    title, paras = paragraphs(text)
    document = docx.Document()
    line_map: dict[int, tuple[int, ...]] = {}
    rendered = 0
    if title:
        document.add_heading(title, level=1)
        rendered += 1
    for p in paras:
        if p.heading:
            document.add_heading(p.text, level=2)
        else:
            para = document.add_paragraph()
            cuts = [0, *cut_points(p.text, 3, rng), len(p.text)] if len(p.text) > 8 else [0, len(p.text)]
            for k, (a, b) in enumerate(itertools.pairwise(cuts)):
                para.add_run(p.text[a:b]).bold = k % 2 == 1
        rendered += 1
        line_map[p.line] = (rendered,)
    out = io.BytesIO()
    document.save(out)
    return Variant("docx", out.getvalue(), ".docx", line_map)


def _csv_field(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def csv_dump(text: str, seed: int = 0, date: str = "", url: str = "") -> Variant:
    """A scraping project's dump: UTF-8 with BOM, ``title,date,url,content``, the report in one field.

    The content field holds the paragraphs one per line, quoted (ASCII quotes doubled). Line
    numbers are the file's: the header is line 1, the record starts on line 2.
    """
    title, paras = paragraphs(text)
    lines = ["title,date,url,content"]
    first = f"{_csv_field(title)},{date},{url},"
    line_map: dict[int, tuple[int, ...]] = {}
    body = [p.text.replace('"', '""') for p in paras]
    for k, (p, b) in enumerate(zip(paras, body, strict=True)):
        prefix = first + '"' if k == 0 else ""
        suffix = '"' if k == len(paras) - 1 else ""
        lines.append(prefix + b + suffix)
        line_map[p.line] = (len(lines),)
    data = "\ufeff" + "\r\n".join(lines[:1]) + "\r\n" + "\n".join(lines[1:]) + "\r\n"
    return Variant("csv_dump", data.encode("utf-8"), ".csv", line_map)


LAYOUTS: dict[str, Callable[..., Variant]] = {
    "pdf_paste": pdf_paste,
    "ascii_punct": ascii_punct,
    "bold_fragments": bold_fragments,
    "bullets": bullets,
    "html": html_page,
    "docx": docx_file,
    "csv_dump": csv_dump,
}

__all__ = ["LAYOUTS", "Paragraph", "Variant", "paragraphs", "space_inside", "wrap"]
