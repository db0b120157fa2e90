"""Finishing a report page: a link back to the index, a contents list, the embedded font.

A reader who opens one report from the index needs a way back, and a long report needs
its sections at a glance; both are added to the exported HTML here, from the page's own
``<h2>`` headings (the section headings the notebook displays), so they cannot drift from
the sections. The Chinese font goes in last (:mod:`.fonts`), after every text is on the page.
"""

from __future__ import annotations

import html
import re

from plantargets.present.labels import LANGS, t
from plantargets.reports.fonts import embed_cjk_font

INDEX_HREF = "index.html"  # every report sits beside the index in reports/
H2_RE = re.compile(r"<h2(?P<attrs>[^>]*)>(?P<body>.*?)</h2>", re.DOTALL)
ID_RE = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")
TAG_RE = re.compile(r"<[^>]+>")
PROVENANCE_END = "</section>"  # the provenance header is the page's first <section>


def _heading_text(body: str) -> str:
    """A heading's visible text: tags and nbconvert's '¶' anchor removed."""
    return html.unescape(TAG_RE.sub("", body)).replace("¶", "").strip()


def _number_headings(page: str, start: int) -> tuple[str, list[tuple[str, str]]]:
    """Give every ``<h2>`` after ``start`` an id (keeping one it has); return (page, [(id, text)])."""
    entries: list[tuple[str, str]] = []
    out, pos = [page[:start]], start
    for n, m in enumerate(H2_RE.finditer(page, start), start=1):
        attrs, body = m.group("attrs"), m.group("body")
        found = ID_RE.search(attrs)
        anchor = found.group(1) if found else f"pt-section-{n}"
        if not found:
            attrs = f' id="{anchor}"' + attrs
        out.extend([page[pos : m.start()], f"<h2{attrs}>{body}</h2>"])
        pos = m.end()
        entries.append((anchor, _heading_text(body)))
    out.append(page[pos:])
    return "".join(out), entries


def navigation(entries: list[tuple[str, str]], lang: str) -> str:
    """The contents list: one link per section heading."""
    items = "".join(
        f'<li><a href="#{html.escape(a, quote=True)}">{html.escape(text)}</a></li>' for a, text in entries if text
    )
    return (
        f'<nav class="pt-contents" aria-label="{html.escape(t("contents", lang))}">'
        f"<strong>{html.escape(t('contents', lang))}</strong><ol>{items}</ol></nav>"
    )


def back_link(lang: str) -> str:
    """A link to reports/index.html, at the top of every report."""
    return f'<p class="pt-back"><a href="{INDEX_HREF}">← {html.escape(t("back_to_index", lang))}</a></p>'


def finish_page(page: str, lang: str | None) -> str:
    """The exported report with a back link, a contents list and its own CJK font subset."""
    lang = lang if lang in LANGS else "en"
    head = page.find('<section class="pt-provenance"')
    if head >= 0:
        end = page.index(PROVENANCE_END, head) + len(PROVENANCE_END)
        page, entries = _number_headings(page, end)
        page = page[:head] + back_link(lang) + page[head:end] + navigation(entries, lang) + page[end:]
    return embed_cjk_font(page)
