"""The HTML around the notebooks: provenance header, index page, and the offline check.

Everything here is rendered with Jinja2 autoescaping, so a region name, parameter value or
error message containing ``<script>`` is shown as text. Reports are zipped and e-mailed,
so :func:`external_references` lists any ``src``/``href`` that would reach the network;
the build and the tests use it to keep every page self-contained.
"""

from __future__ import annotations

import hashlib
import html.parser
import io
import re
from functools import lru_cache
from os.path import relpath
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

from plantargets import paths
from plantargets.fileio import atomic_write_bytes, atomic_write_text

TEMPLATES_DIR = paths.PACKAGE_DIR / "reports" / "templates"
# Header labels per report language (the `lang` parameter); English for anything else.
LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "parameters": "参数 Parameters",
        "built": "生成时间 Built",
        "library": "程序 Library",
        "notebook": "笔记本 Notebook",
        "executed": "已执行的笔记本",
        "tables": "数据 CSV",
        "sources": "来源文件 Sources",
        "documents": "份文件",
        "region": "地区",
        "file": "文件",
        "provenance": "来源与版本",
    },
    "en": {
        "parameters": "Parameters",
        "built": "Built",
        "library": "Library",
        "notebook": "Notebook",
        "executed": "executed notebook",
        "tables": "Numbers (CSV)",
        "sources": "Source documents",
        "documents": "documents",
        "region": "Region",
        "file": "File",
        "provenance": "Provenance",
    },
}
# Attributes that make a browser fetch or navigate; checked by external_references().
URL_ATTRS = ("src", "href", "srcset", "data", "poster", "action", "formaction", "xlink:href")
EXTERNAL_RE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
CSS_URL_RE = re.compile(r"url\(\s*['\"]?([^'\")]+)", re.IGNORECASE)
# The subset of the bundled CJK font that report.css loads (relative to reports/).
CJK_FONT = Path("assets") / "plantargets-cjk.woff"
CJK_MIN = 0x2E80  # first CJK code point (radicals); everything below renders in the Latin font
STATUS_LABELS = {"built": "built", "skipped": "up to date", "stale": "stale (last good version)", "failed": "failed"}


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


@lru_cache(maxsize=1)
def house_css() -> str:
    return (TEMPLATES_DIR / "report.css").read_text(encoding="utf-8")


def render_provenance(context: dict[str, Any], tables: list[tuple[str, str]]) -> str:
    """The header opening a report; ``context`` comes from the builder, ``tables`` are (name, href)."""
    labels = LABELS.get(str(context.get("lang") or "en"), LABELS["en"])
    return _env().get_template("provenance.html.j2").render(**context, t=labels, tables=tables)


def render_index(context: dict[str, Any]) -> str:
    """``reports/index.html`` from the builder's context (reports, dataset, data files)."""
    for report in context["reports"]:
        report.setdefault("status_label", STATUS_LABELS.get(report["status"], report["status"]))
    return _env().get_template("index.html.j2").render(**context, css=house_css())


class _RefCollector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str]] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        for name, value in attrs:
            if name in URL_ATTRS and value is not None:
                urls = [u.strip().split(" ")[0] for u in value.split(",")] if name == "srcset" else [value]
                self.refs.extend((tag, name, u) for u in urls)
            elif name == "style" and value:
                self.refs.extend((tag, "style", u) for u in CSS_URL_RE.findall(value))

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.refs.extend(("style", "url", u) for u in CSS_URL_RE.findall(data))
            self.refs.extend(("style", "@import", u) for u in re.findall(r"@import\s+['\"]([^'\"]+)", data))


def references(page: str) -> list[tuple[str, str, str]]:
    """Every (tag, attribute, url) a page refers to, including CSS ``url()`` and ``@import``."""
    collector = _RefCollector()
    collector.feed(page)
    collector.close()
    return collector.refs


def external_references(page: str) -> list[str]:
    """URLs in ``page`` that leave the folder: absolute URLs, except ``data:`` and in-page ``#`` links.

    ``mailto:`` counts as external on purpose: nothing in a report should need it.
    """
    out = []
    for tag, attr, url in references(page):
        u = url.strip()
        if not u or u.startswith("#") or u.lower().startswith("data:"):
            continue
        if EXTERNAL_RE.match(u) or u.startswith("/"):
            out.append(f"<{tag} {attr}={u[:80]!r}>")
    return out


def local_links(page: str) -> list[str]:
    """Relative ``src``/``href`` targets (without ``#fragment``), to check that they exist."""
    out = []
    for _tag, attr, url in references(page):
        u = url.strip()
        if attr not in ("src", "href") or not u or u.startswith("#") or u.lower().startswith("data:"):
            continue
        if not EXTERNAL_RE.match(u) and not u.startswith("/"):
            out.append(u.split("#", 1)[0])
    return out


def relative_href(target: Path, page_dir: Path) -> str:
    """A URL from a page in ``page_dir`` to ``target`` (both inside the reports folder)."""
    return quote(Path(relpath(target, page_dir)).as_posix())


def write_cjk_font(reports_dir: Path, page_names: list[str]) -> Path | None:
    """Subset the bundled Noto Sans SC to the CJK characters of the pages; one file for all.

    Embedding the font in each page would cost ~0.6 s of subsetting per report and the
    same glyphs many times over; one shared subset costs that once per build, and only
    when the set of characters changed (recorded beside the font). Returns the font path,
    or None when no page has CJK text or the font package is missing.
    """
    chars: set[int] = set()
    for name in page_names:
        page = reports_dir / name
        if page.is_file():
            chars.update(ord(c) for c in page.read_text(encoding="utf-8") if ord(c) >= CJK_MIN)
    font = reports_dir / CJK_FONT
    stamp = font.with_suffix(".chars")
    key = hashlib.sha256(",".join(map(str, sorted(chars))).encode()).hexdigest()
    if not chars:
        return None
    if font.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == key:
        return font
    try:  # the same font file plotting.py registers, without importing matplotlib here
        import pylopdf_fonts_zh_cn  # late: optional at run time; without it pages use system fonts
        from fontTools import subset
    except ImportError:  # pragma: no cover - pages fall back to the reader's system fonts
        return None
    opts = subset.Options()
    opts.flavor = "woff"  # zlib-compressed; woff2 would need the brotli module
    opts.layout_features = ["*"]
    opts.notdef_outline = True
    source = subset.load_font(str(pylopdf_fonts_zh_cn.sans_path()), opts, lazy=True)
    subsetter = subset.Subsetter(opts)
    subsetter.populate(unicodes=chars)
    subsetter.subset(source)
    buf = io.BytesIO()
    subset.save_font(source, buf, opts)
    atomic_write_bytes(font, buf.getvalue())
    atomic_write_text(stamp, key + "\n")
    return font
