"""Reading raw documents and normalising their text for parsing, line by line.

Government texts arrive as UTF-8, UTF-8 with BOM or GB18030/GBK. Short Chinese texts
fool encoding detectors, so strict decoders are tried first and a detector only last.

Normalisation is deliberate rather than blanket NFKC: NFKC turns ``87①`` into ``871`` and
``km²`` into ``km2``. We only fold full-width ASCII (digits, letters, punctuation), odd
spaces and Word-export noise. Normalisation never merges or splits lines, so every
normalised line keeps the 1-based number of the raw line a person finds in an editor.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from plantargets.errors import DecodeError

# Full-width ASCII block U+FF01..U+FF5E maps onto U+0021..U+007E.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_SPACES = {
    cp: " "
    for cp in (
        0x00A0,
        0x1680,
        0x2000,
        0x2001,
        0x2002,
        0x2003,
        0x2004,
        0x2005,
        0x2006,
        0x2007,
        0x2008,
        0x2009,
        0x200A,
        0x202F,
        0x205F,
        0x3000,
    )
}
_INVISIBLE = {cp: None for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD)}
_EXTRA = {ord("﹪"): "%", ord("﹣"): "-", ord("–"): "-", ord("〜"): "~"}
_TRANSLATION: dict[int, int | str | None] = {**_FULLWIDTH, **_SPACES, **_INVISIBLE, **_EXTRA}
# The same table applied by find-and-replace. ``str.translate`` with a dict looks up every
# character and pays for a KeyError on each one it does not map (nearly every Chinese
# character): twenty times slower than finding the few characters to fold and replacing each
# distinct one. Every replacement is ASCII or empty and no source character is ASCII, so the
# order of the replacements cannot matter and the result equals ``translate``.
_FOLDED = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_TRANSLATION)) + "]")
_REPLACEMENT: dict[str, str] = {
    chr(cp): "" if to is None else chr(to) if isinstance(to, int) else to for cp, to in _TRANSLATION.items()
}

# Word/LibreOffice text exports leave bookmarks such as "[bookmark: _Toc123]" in the text.
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
# Precompiled: re.sub(<pattern text>, ...) looks the pattern up in re's cache on every call.
_WHITESPACE = re.compile(r"\s+")
_TABLE_PIPES = re.compile(r"\s*\|+\s*")
_LINE_SPLIT = re.compile(r"\r\n|\r|\n")
# HTML character references left in text and Markdown sources scraped from web pages
# (``6&permil;`` for 6‰, ``&mdash;``): named or numeric, always closed by ``;`` so that
# ``R&D`` and ``A&B;`` style text without a known name stays as printed.
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
# Control characters other than tab: a text with many of them is not a text document.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Line:
    """A line of a document: its number in the raw file, the raw text and the parse text."""

    lineno: int  # 1-based, in the file or its rendering (see ``Document.origins``)
    raw: str  # as printed: what the dataset quotes
    text: str  # folded for parsing (``normalise_text``: widths, spaces, invisible characters)


@dataclass
class Document:
    """A decoded document, ready for table and prose extraction."""

    name: str
    lines: list[Line]
    encoding: str = "utf-8"
    path: Path | None = None
    warnings: list[str] = field(default_factory=list)
    # For documents rendered from structure (.docx, .pdf, .html; see ingest.py): where each
    # line of the rendering came from ('table 1, row 3', 'page 2'); empty for text files,
    # whose line numbers already point into the file itself.
    origins: dict[int, str] = field(default_factory=dict)
    # Key/value pairs the file states about itself (a Markdown file's front matter: title,
    # source); empty for plain text.
    metadata: dict[str, str] = field(default_factory=dict)
    # Lines read by OCR (a scanned PDF page): line -> read.grid.OcrLine, the cells behind the
    # line with their pixel boxes and confidences (empty for documents with a text layer).
    ocr: dict[int, Any] = field(default_factory=dict)

    def line(self, lineno: int) -> Line:
        return self.lines[lineno - 1]


def normalise_text(s: str) -> str:
    """Fold full-width ASCII, odd spaces and export noise; keep everything else as printed."""
    if "[bookmark:" in s:  # the bookmark regex only where it can match
        s = _BOOKMARK.sub("", s)
    for ch in set(_FOLDED.findall(s)):
        s = s.replace(ch, _REPLACEMENT[ch])
    return s


def _unescape(m: re.Match[str]) -> str:
    # A reference to a line break (&#10;) must not split the line: line numbers stay the file's.
    return html.unescape(m.group(0)).replace("\r", " ").replace("\n", " ")


def decode_entities(s: str) -> str:
    """Decode HTML character references (``6&permil;`` -> ``6‰``) on one line, never adding lines.

    Unknown names (``&foo;``) are left as printed; only text and Markdown sources need this,
    the HTML reader's parser decodes its own.
    """
    if "&" not in s:
        return s
    return _ENTITY.sub(_unescape, s)


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    controls = len(_CONTROL.findall(text[:20000]))
    return controls > max(3, len(text[:20000]) // 200)


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode a document's bytes; return the text and the encoding used.

    Raises DecodeError for empty or binary input, naming the file.
    """
    if not data.strip():
        raise DecodeError("the file is empty (no text to parse)", file=name)
    if b"\x00" in data[:65536]:
        raise DecodeError("the file is binary (it contains NUL bytes), not a text document", file=name)
    if data.startswith(b"\xef\xbb\xbf"):
        candidates: list[tuple[str, str]] = [("utf-8-sig", "utf-8-sig")]
    else:
        candidates = [("utf-8", "utf-8"), ("gb18030", "gb18030")]
    for codec, label in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not _looks_binary(text):
            return text, label

    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        if not _looks_binary(text):
            return text, best.encoding
    raise DecodeError("cannot decode the file as UTF-8, GB18030 or a detected text encoding", file=name)


def document_from_text(text: str, name: str, encoding: str = "utf-8", path: Path | None = None) -> Document:
    """Split into lines the way an editor numbers them and normalise each line."""
    raw_lines = _LINE_SPLIT.split(text)
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    lines = [Line(i, raw, normalise_text(decode_entities(raw))) for i, raw in enumerate(raw_lines, start=1)]
    return Document(name=name, lines=lines, encoding=encoding, path=path)


def read_decoded(path: Path) -> tuple[str, str]:
    """The file's text and its encoding (see decode_bytes); a DecodeError naming it when unreadable."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DecodeError(f"cannot read the file: {exc.strerror}", file=path) from exc
    return decode_bytes(data, name=str(path))


def read_document(path: str | Path) -> Document:
    """Read a text document from disk (see decode_bytes for the encodings accepted)."""
    path = Path(path)
    text, encoding = read_decoded(path)
    return document_from_text(text, name=path.name, encoding=encoding, path=path)


def strip_table_pipes(s: str) -> str:
    """Drop the ``|`` separators a text export leaves around table cells and boxed text."""
    return _TABLE_PIPES.sub(" ", s).strip()


def compact(s: str) -> str:
    """Remove all whitespace: categories and names printed as '经 济 发展' compare as '经济发展'."""
    return _WHITESPACE.sub("", s)
