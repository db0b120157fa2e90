"""What the report sanitiser keeps of notebook HTML: pandas' own styles and in-page links only.

Document text reaches report outputs (region and indicator names, raw rows). A name such as
``<style>*{display:none}</style>森林覆盖率`` must not blank the page, and ``<a href=https://…>``
or ``//host`` links must not become clickable in a report that is e-mailed (issue 16, case 8).
So a ``<style>`` block is kept only when every rule is scoped to a pandas table (``#T_…``
from a Styler, ``.dataframe`` from a DataFrame's HTML repr) and holds nothing that fetches
or runs; links may only point inside the page or to a relative file in the reports folder.
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
from collections.abc import Iterator
from typing import Any

from plantargets.errors import PlanTargetsError

# pandas scopes a Styler's rules to '#T_<uuid>' and a DataFrame repr's to '.dataframe'.
PANDAS_SELECTOR_RE = re.compile(r"^(#T_[A-Za-z0-9_]+|\.dataframe)\b")
CSS_COMMENT_RE = re.compile(r"/\*.*?\*/", re.DOTALL)
CSS_RULE_RE = re.compile(r"([^{}]*)\{([^{}]*)\}")
UNSAFE_CSS_RE = re.compile(
    r"url\s*\(|@import|expression\s*\(|javascript:|behavior\s*:|-moz-binding|<|\\", re.IGNORECASE
)
# A scheme ('https:', 'javascript:') or a network path ('//host'): leaves the folder.
OUTSIDE_URL_RE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|[/\\]{2})", re.IGNORECASE)


def pandas_style(css: str) -> bool:
    """True when ``css`` is only rules scoped to pandas tables, with nothing that fetches or runs."""
    css = CSS_COMMENT_RE.sub("", css)
    if UNSAFE_CSS_RE.search(css) or "@" in css:
        return False
    rules = CSS_RULE_RE.findall(css)
    if CSS_RULE_RE.sub("", css).strip():  # text outside any rule (a stray '}' or an at-rule)
        return False
    for selectors, _ in rules:
        for selector in selectors.split(","):
            if not PANDAS_SELECTOR_RE.match(selector.strip()):
                return False
    return True


def allowed_attribute(tag: str, name: str, value: str, allowed: frozenset[str]) -> bool:
    """bleach attribute filter: images only as data URIs, links only in-page or relative."""
    if name not in allowed:
        return False
    if name == "src":
        return value.startswith("data:image/")
    if name == "href":
        return value.startswith("#") or not (OUTSIDE_URL_RE.match(value) or value.strip().startswith("/"))
    return True


# --- size and time: a report is e-mailed, and sanitising costs ~20-40 s per MB of HTML -------

# All outputs of one report (text, HTML, base64 images): beyond this it is not an e-mailable page.
MAX_OUTPUT_BYTES = 25 * 1024 * 1024
# HTML outputs of one report, which the allow-list sanitiser must parse (the slow part).
MAX_HTML_BYTES = 2 * 1024 * 1024
# The whole export (sanitising and nbconvert) of one report, in seconds.
EXPORT_SECONDS = 300


class ReportTooLarge(PlanTargetsError):
    """A notebook's outputs exceed what a report may hold; names the cell."""


class ExportTimeout(PlanTargetsError):
    """Exporting a report to HTML took longer than EXPORT_SECONDS."""


def _output_bytes(out: Any) -> tuple[int, int]:
    """(all bytes, HTML bytes) of one output."""
    total = html = 0
    for key in ("text", "traceback"):
        if key in out:
            total += len(_joined(out[key]))
    for mime, value in (out.get("data") or {}).items():
        size = len(_joined(value)) if isinstance(value, (str, list)) else len(str(value))
        total += size
        if mime in ("text/html", "text/markdown"):
            html += size
    return total, html


def _joined(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def check_output_size(nb: Any) -> None:
    """Refuse a notebook whose outputs exceed the caps, naming the largest cell (before any slow work)."""
    total = html = 0
    largest = (0, -1)
    for index, cell in enumerate(nb.cells):
        size = 0
        for out in cell.get("outputs", []):
            t, h = _output_bytes(out)
            total, html, size = total + t, html + h, size + t
        largest = max(largest, (size, index))
    where = f"cell {largest[1]} prints {largest[0] / 1e6:.1f} MB"
    if total > MAX_OUTPUT_BYTES:
        raise ReportTooLarge(
            f"the outputs total {total / 1e6:.1f} MB (limit {MAX_OUTPUT_BYTES / 1e6:.0f} MB); {where}; "
            "show fewer rows (df.head(50)) or save the table with save_table instead"
        )
    if html > MAX_HTML_BYTES:
        raise ReportTooLarge(
            f"the HTML outputs total {html / 1e6:.1f} MB (limit {MAX_HTML_BYTES / 1e6:.0f} MB); {where}; "
            "show fewer rows (df.head(50)) or save the table with save_table instead"
        )


@contextlib.contextmanager
def deadline(seconds: float, what: str) -> Iterator[None]:
    """Raise ExportTimeout in the main thread after ``seconds`` (SIGALRM; a no-op elsewhere)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise ExportTimeout(f"{what} took longer than {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def split_style_blocks(html: str) -> tuple[list[str], str]:
    """The CSS of each ``<style>…</style>`` block, and the HTML without them, in linear time.

    A regex with a lazy ``(.*?)</style>`` rescans to the end of the page from every unclosed
    ``<style``, which is quadratic on hostile output; here each character is looked at once.
    An unclosed ``<style`` hides everything after it, so the rest is dropped.
    """
    lower = html.lower()
    blocks: list[str] = []
    kept: list[str] = []
    pos = 0
    while True:
        start = lower.find("<style", pos)
        if start < 0:
            kept.append(html[pos:])
            break
        kept.append(html[pos:start])
        open_end = lower.find(">", start)
        close = lower.find("</style", open_end if open_end >= 0 else start)
        if open_end < 0 or close < 0:
            break
        blocks.append(html[open_end + 1 : close])
        end = lower.find(">", close)
        pos = len(html) if end < 0 else end + 1
    return blocks, "".join(kept)
