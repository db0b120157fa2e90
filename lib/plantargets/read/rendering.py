"""Rendering a structured document (.docx, .pdf, .html) into the lines of a text Document.

The readers of every structured format share this class: a paragraph becomes a line, a
table row one line with its cells joined by `` | `` exactly as the text exports print them,
and each line remembers the structure it came from (``Document.origins``). It lives apart
from :mod:`plantargets.read.dispatch` so that the readers need not import the dispatcher
that imports them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from plantargets.read.text import Document, Line, normalise_text

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


__all__ = ["CELL_SEPARATOR", "PIPE_IN_CELL", "Rendering", "clean_cell", "render_text"]
