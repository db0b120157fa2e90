"""One benchmark's section of benchmarks/RESULTS.md, replaced in place between its markers.

Each corpus benchmark owns a section marked ``<!-- name: begin -->`` … ``<!-- name: end -->`` so
that rerunning one benchmark rewrites its own figures and leaves the others' as they were.
"""

from __future__ import annotations

from pathlib import Path


def write_section(out: Path, begin: str, end: str, text: str) -> None:
    """Put ``text`` (which starts with ``begin`` and ends with ``end``) in place of the old section,
    or append it when ``out`` has none yet."""
    old = out.read_text(encoding="utf-8") if out.is_file() else ""
    if begin in old and end in old:
        new = old[: old.index(begin)] + text + old[old.index(end) + len(end) :].lstrip("\n")
    else:
        new = old.rstrip("\n") + "\n\n" + text
    out.write_text(new, encoding="utf-8")
